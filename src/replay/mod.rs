//! `cargo leapcheck replay`: runs real code under a faked wall clock (see docs/replay.md).
//! Owned by the replay work; the CLI hands it every argument after `replay`.
//!
//! The pieces:
//! - [`instants`]: the risky set (tags, each instant with why), `--at`, `--sweep`, `--skip`,
//!   DST instants and local times for `--tz`;
//! - [`preload`]: the embedded faked-clock library, its cache file, static-binary detection;
//! - [`run`]: one run, with the faked clock, output capture and clock-read counting, and the
//!   Ctrl-C handler that stops every run in flight;
//! - [`supervise`]: the per-run supervisor (a subreaper) that enforces the timeout and kills
//!   whatever the run left behind;
//! - [`cert`]: the certificate scenario (X.509 parsing, validity checks, expiry replay);
//! - [`report`]: the table, the failure details and the JSON lines;
//! - [`target`]: `--test/--bin/--example` built with cargo on the real clock.
//!
//! Linux only (`LD_PRELOAD`, subreapers, /proc): elsewhere the command parses its arguments
//! and says so.

// Off Linux only the argument parsing is built; the helpers it does not use are fine.
#![cfg_attr(not(target_os = "linux"), allow(dead_code, unused_imports))]

#[cfg(target_os = "linux")]
mod cert;
mod instants;
#[cfg(target_os = "linux")]
mod preload;
#[cfg(target_os = "linux")]
mod report;
#[cfg(target_os = "linux")]
mod run;
#[cfg(target_os = "linux")]
mod supervise;
#[cfg(target_os = "linux")]
mod target;

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, ValueEnum};

use self::instants::{Gap, Local, ReplayInstant};

/// Exit status: every instant passed.
pub const EXIT_PASS: i32 = 0;
/// Exit status: an instant failed while the baseline and the control run passed (a date bug).
pub const EXIT_DATE_FAILURE: i32 = 1;
/// Exit status: the replay could not happen (bad arguments, command not found, a statically
/// linked program whose clock cannot be faked, a failed build, not Linux).
pub const EXIT_ERROR: i32 = 2;
/// Exit status: the baseline on the real clock fails too, so failures are not date-related.
pub const EXIT_BASELINE_FAILS: i32 = 3;
/// Exit status: the control run (the faked clock at the real time) fails while the baseline
/// passes: the faked clock itself breaks the program, so no instant is replayed.
pub const EXIT_CONTROL_FAILS: i32 = 4;

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    Human,
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum GapArg {
    /// Run just after the gap (02:30 in a 02:00 → 03:00 gap runs at 03:30).
    Later,
    /// Run just before it (02:30 runs at 01:30).
    Earlier,
    /// Refuse the local time.
    Error,
}

impl From<GapArg> for Gap {
    fn from(g: GapArg) -> Gap {
        match g {
            GapArg::Later => Gap::Later,
            GapArg::Earlier => Gap::Earlier,
            GapArg::Error => Gap::Error,
        }
    }
}

/// Runs a program with its wall clock moved to the instants that break date code.
#[derive(Parser, Debug)]
#[command(
    name = "cargo leapcheck replay",
    override_usage = "cargo leapcheck replay [OPTIONS] -- COMMAND [ARGS]...\n       \
                      cargo leapcheck replay [OPTIONS] --test NAME | --bin NAME | --example NAME [-- ARGS]...",
    after_help = "{instant} and {epoch} in the command's arguments become the instant of each \
                  run (RFC 3339, Unix seconds).\n\
                  Exit status: 0 all instants pass; 1 an instant fails while the baseline \
                  and the control run pass; 2 the replay could not run; 3 the baseline on the \
                  real clock fails too; 4 the control run (the faked clock at the real time) \
                  fails: the faked clock itself breaks the program."
)]
struct Args {
    /// Replay at this instant (repeatable): RFC 3339 such as 2024-02-29T12:00:00Z, or a local
    /// time (2025-03-30T02:30) in the `--tz` zone (UTC without).
    #[arg(long = "at", value_name = "INSTANT")]
    at: Vec<String>,
    /// Instant sets or tags to replay, comma-separated: risky (the default without --at or
    /// --sweep), all (risky and pre-epoch), none; tags leap-day, month-end, year-end, y2038,
    /// epoch, pre-epoch, dst.
    #[arg(long, value_name = "SET|TAG", value_delimiter = ',')]
    instants: Vec<String>,
    /// Leave out the instants with this tag, or this instant (repeatable, comma-separated).
    #[arg(long, value_name = "TAG|INSTANT", value_delimiter = ',')]
    skip: Vec<String>,
    /// Replay every step from START to END, both included (2028-01-01..2028-12-31), or of a
    /// year (2028) or month (2028-01); a date alone means noon local time.
    #[arg(long, value_name = "START..END")]
    sweep: Option<String>,
    /// The step of --sweep: 1d (calendar days, the default), 1w, 6h, 30m, 10s.
    #[arg(long, value_name = "STEP", requires = "sweep")]
    step: Option<String>,
    /// Print the instants that would be replayed, with their tags and why each is risky,
    /// and exit.
    #[arg(long)]
    list_instants: bool,
    /// Time zone (TZ) for every run; local times are in it, and `risky` gains its DST gap and
    /// overlap (tag dst).
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
    /// A local time (--at, --sweep) in a DST gap of the --tz zone: refuse it, or run just
    /// after or just before the gap.
    #[arg(long, value_enum, value_name = "WHICH", default_value = "error")]
    gap: GapArg,
    /// Runs in parallel (default: number of CPUs).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Per-run timeout (60, 60s, 500ms, 2m); everything the run started is killed.
    #[arg(long, value_name = "DURATION", default_value = "60s")]
    timeout: String,
    /// Speed of the faked clock relative to the real one; 0 freezes it.
    #[arg(long, value_name = "R", default_value = "1")]
    rate: String,
    /// Output format on stdout.
    #[arg(long, value_enum, value_name = "FMT", default_value = "human")]
    message_format: MessageFormat,
    /// Keep the whole output of every run as DIR/INSTANT.stdout and DIR/INSTANT.stderr.
    #[arg(long, value_name = "DIR")]
    keep_output: Option<PathBuf>,

    /// Build and run this integration test target.
    #[arg(long, value_name = "NAME", group = "target")]
    test: Option<String>,
    /// Build and run this binary target.
    #[arg(long, value_name = "NAME", group = "target")]
    bin: Option<String>,
    /// Build and run this example target.
    #[arg(long, value_name = "NAME", group = "target")]
    example: Option<String>,
    /// Package that owns the target (cargo -p).
    #[arg(long, short = 'p', value_name = "SPEC")]
    package: Option<String>,
    /// Cargo.toml to build from.
    #[arg(long, value_name = "PATH")]
    manifest_path: Option<PathBuf>,
    /// Build the target in release mode.
    #[arg(long)]
    release: bool,
    /// Test-name filter passed to a `--test` binary.
    #[arg(long, value_name = "FILTER")]
    filter: Option<String>,

    /// Certificate scenario: the command writes a PEM or DER certificate here (`{cert}` in
    /// its arguments becomes a fresh per-instant path next to PATH).
    #[arg(long, value_name = "PATH")]
    cert: Option<PathBuf>,
    /// Command that checks the certificate (`{cert}` is substituted), run on the faked clock
    /// at notAfter - 1 s (must succeed) and notAfter + 1 s (must fail).
    #[arg(long, value_name = "CMD", requires = "cert")]
    verify: Option<String>,
    /// Expected validity period of the certificate: 1y, 6m, 90d, 2w.
    #[arg(long, value_name = "PERIOD", requires = "cert")]
    validity: Option<String>,

    /// The command to run (after `--`), or the arguments of a cargo target.
    #[arg(last = true, value_name = "COMMAND")]
    command: Vec<OsString>,
}

/// Entry point of the `replay` subcommand; returns the process exit code.
pub fn main(args: Vec<OsString>) -> i32 {
    #[cfg(target_os = "linux")]
    if args.first().is_some_and(|a| a == supervise::ARG) {
        return supervise::main(args);
    }
    let argv = std::iter::once(OsString::from("cargo leapcheck replay")).chain(args);
    let args = match Args::try_parse_from(argv) {
        Ok(args) => args,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_PASS
            };
            let _ = e.print();
            return code;
        }
    };
    #[cfg(not(target_os = "linux"))]
    {
        let _ = args;
        eprintln!(
            "error: cargo leapcheck replay runs on Linux only: it fakes the clock with an \
             LD_PRELOAD library, and this system is {}. macOS (DYLD_INSERT_LIBRARIES) is \
             planned; the static checks (`cargo leapcheck`) work here.",
            std::env::consts::OS
        );
        EXIT_ERROR
    }
    #[cfg(target_os = "linux")]
    match linux::replay(args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}");
            EXIT_ERROR
        }
    }
}

/// The instants of this replay, in order: `--instants` sets and tags (`risky` by default),
/// `--at`, `--sweep`, less `--skip`.
fn plan_instants(args: &Args, local: &Local) -> Result<Vec<ReplayInstant>, String> {
    let default = if args.at.is_empty() && args.sweep.is_none() {
        "risky"
    } else {
        "none"
    };
    let sets = if args.instants.is_empty() {
        vec![default.to_string()]
    } else {
        args.instants.clone()
    };
    let mut list = instants::select(&sets, local.tz.as_ref())?;
    for at in &args.at {
        list.push(instants::parse_at(at, local)?);
    }
    if let Some(range) = &args.sweep {
        list.extend(instants::sweep(
            range,
            args.step.as_deref().unwrap_or("1d"),
            local,
        )?);
    }
    instants::skip(&mut list, &args.skip, local)?;
    instants::sort_dedup(&mut list);
    Ok(list)
}

/// A label as a file name: `2024-02-29T12:00:00Z` → `2024-02-29T12-00-00Z`.
fn file_label(label: &str) -> String {
    label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(target_os = "linux")]
mod linux {
    use std::ffi::OsString;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use super::instants::{self, Local, ReplayInstant};
    use super::report::{Record, Reporter, Verdict};
    use super::run::{self, Clock, RunSpec};
    use super::{cert, preload, supervise, target};
    use super::{file_label, parse_duration, parse_rate, placeholder_values, EXIT_PASS};
    use super::{Args, MessageFormat};
    use super::{EXIT_BASELINE_FAILS, EXIT_CONTROL_FAILS, EXIT_DATE_FAILURE, EXIT_ERROR};

    /// Everything one replay needs, shared by the worker threads.
    struct Plan {
        program: PathBuf,
        args: Vec<OsString>,
        timeout: Duration,
        rate: String,
        tz: Option<String>,
        zone: Option<jiff::tz::TimeZone>,
        library: Option<PathBuf>,
        cert: Option<cert::CertPlan>,
        keep_output: Option<PathBuf>,
        /// Status and counter files of the runs; removed when the replay ends.
        workdir: tempfile::TempDir,
    }

    impl Plan {
        fn env(&self) -> run::Env<'_> {
            run::Env {
                rate: &self.rate,
                tz: self.tz.as_deref(),
                library: self.library.as_deref(),
                timeout: self.timeout,
                workdir: self.workdir.path(),
            }
        }
    }

    /// Which run: the baseline (real clock), the control run (the faked clock at the real
    /// time), or an instant.
    #[derive(Copy, Clone)]
    enum Which<'a> {
        Baseline,
        Control,
        At(&'a ReplayInstant),
    }

    pub(super) fn replay(args: Args) -> Result<i32, String> {
        let timeout = parse_duration(&args.timeout)?;
        let rate = parse_rate(&args.rate)?;
        let zone = match &args.tz {
            Some(name) => Some(instants::zone(name)?),
            None => None,
        };
        let local = Local {
            tz: zone.clone(),
            gap: args.gap.into(),
        };
        let list = super::plan_instants(&args, &local)?;
        if args.list_instants {
            for i in &list {
                println!(
                    "{}  {:<19} {}",
                    i.label,
                    if i.tags.is_empty() {
                        "-".to_string()
                    } else {
                        i.tags.join(",")
                    },
                    i.why.as_deref().unwrap_or("")
                );
            }
            return Ok(EXIT_PASS);
        }
        if list.is_empty() {
            return Err("no instant to replay (give --at, --sweep or --instants)".into());
        }

        let target = args
            .test
            .as_ref()
            .map(|n| (target::Kind::Test, n))
            .or(args.bin.as_ref().map(|n| (target::Kind::Bin, n)))
            .or(args.example.as_ref().map(|n| (target::Kind::Example, n)));
        let (program, prog_args) = match target {
            Some((kind, name)) => {
                let exe = target::build(
                    kind,
                    name,
                    args.package.as_deref(),
                    args.manifest_path.as_deref(),
                    args.release,
                )?;
                let mut a = Vec::new();
                if kind == target::Kind::Test {
                    if let Some(f) = &args.filter {
                        a.push(OsString::from(f));
                    }
                }
                a.extend(args.command.iter().cloned());
                (exe, a)
            }
            None => {
                if args.filter.is_some() {
                    return Err("--filter needs --test NAME".into());
                }
                let mut it = args.command.iter().cloned();
                let Some(cmd) = it.next() else {
                    return Err("nothing to run: give `-- COMMAND [ARGS]...` or \
                                --test/--bin/--example NAME"
                        .into());
                };
                let program = preload::find_program(&cmd)
                    .ok_or_else(|| format!("command not found: {}", cmd.to_string_lossy()))?;
                (program, it.collect())
            }
        };
        preload::check_fakeable(&program)?;

        let cert_plan = match &args.cert {
            Some(path) => Some(cert::CertPlan::new(
                path.clone(),
                &prog_args,
                args.verify.as_deref(),
                args.validity.as_deref(),
            )?),
            None => None,
        };
        if let Some(plan) = &cert_plan {
            if let Some((verify_prog, _)) = &plan.verify {
                preload::check_fakeable(verify_prog)?;
            }
        }
        let library = preload::library_path()?;
        if let Some(dir) = &args.keep_output {
            std::fs::create_dir_all(dir).map_err(|e| {
                format!(
                    "cannot create the --keep-output directory {}: {e}",
                    dir.display()
                )
            })?;
        }

        let jobs = match (&cert_plan, args.jobs) {
            (Some(c), _) if !c.per_instant_path => 1,
            (_, Some(0)) => return Err("--jobs must be at least 1".into()),
            (_, Some(j)) => j,
            (_, None) => std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
        .min(list.len())
        .min(run::MAX_JOBS);

        let workdir = tempfile::Builder::new()
            .prefix("leapcheck-replay-")
            .tempdir()
            .map_err(|e| format!("cannot create a scratch directory: {e}"))?;
        run::install_interrupt_handler();
        // Orphans of a supervisor that was killed itself come to us, not to init (see
        // supervise.rs); they are killed after the runs.
        supervise::become_subreaper();
        let plan = Arc::new(Plan {
            program,
            args: prog_args,
            timeout,
            rate,
            tz: args.tz.clone(),
            zone,
            library: Some(library),
            cert: cert_plan,
            keep_output: args.keep_output.clone(),
            workdir,
        });
        let mut reporter = Reporter::new(
            args.message_format == MessageFormat::Json,
            plan.cert.is_some(),
            list.len(),
        );

        eprintln!(
            "replay: {} on the real clock (baseline), on the faked clock at the real time \
             (control), then at {} instant{} with {} job{}",
            plan.program.display(),
            list.len(),
            if list.len() == 1 { "" } else { "s" },
            jobs,
            if jobs == 1 { "" } else { "s" },
        );
        let baseline = execute(&plan, Which::Baseline);
        let could_not_run = baseline.outcome == run::Outcome::Error;
        reporter.baseline(baseline);
        if could_not_run {
            // The program cannot be started at all (e.g. not executable): nothing to replay.
            reporter.finish();
            return Ok(EXIT_ERROR);
        }
        reporter.control(execute(&plan, Which::Control));
        if reporter.control_breaks_it() {
            // The faked clock breaks the program at any instant: the instants would say
            // nothing about dates.
            return Ok(exit_code(&reporter.finish()));
        }

        let list = Arc::new(list);
        let next = Arc::new(AtomicUsize::new(0));
        let reporter = Arc::new(Mutex::new(reporter));
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                let (plan, list, next, reporter) = (
                    Arc::clone(&plan),
                    Arc::clone(&list),
                    Arc::clone(&next),
                    Arc::clone(&reporter),
                );
                std::thread::spawn(move || loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(instant) = list.get(i) else { break };
                    let record = execute(&plan, Which::At(instant));
                    if let Ok(mut r) = reporter.lock() {
                        r.instant(i, record);
                    }
                })
            })
            .collect();
        for w in workers {
            let _ = w.join();
        }
        let reporter = Arc::try_unwrap(reporter)
            .map_err(|_| "internal error: a replay worker is still running".to_string())?
            .into_inner()
            .map_err(|_| "internal error: a replay worker panicked".to_string())?;
        let stray = supervise::kill_descendants(None);
        if stray > 0 {
            eprintln!(
                "replay: killed {stray} stray process(es) left by runs whose supervisor died"
            );
        }
        Ok(exit_code(&reporter.finish()))
    }

    fn exit_code(v: &Verdict) -> i32 {
        match v {
            Verdict::Pass => EXIT_PASS,
            Verdict::DateBugs => EXIT_DATE_FAILURE,
            Verdict::BaselineFails => EXIT_BASELINE_FAILS,
            Verdict::ControlFails => EXIT_CONTROL_FAILS,
        }
    }

    /// One run, including the certificate checks.
    fn execute(plan: &Plan, which: Which) -> Record {
        let (label, why, start_ns) = match which {
            Which::Baseline => ("baseline".to_string(), None, None),
            Which::Control => (
                "control".to_string(),
                Some("the faked clock at the real time".to_string()),
                Some(run::real_now_ns()),
            ),
            Which::At(i) => (i.label.clone(), i.why.clone(), Some(i.nanos())),
        };
        let clock = match start_ns {
            Some(start_ns) => Clock::Fake { start_ns },
            None => Clock::Real,
        };
        let issued_at_ns = start_ns.unwrap_or_else(run::real_now_ns);
        let cert_path = plan.cert.as_ref().map(|c| c.path_for(&label));
        // Off the faked clock the run starts "now": whole seconds are enough to name it.
        let (instant_text, epoch) = placeholder_values(match start_ns {
            Some(ns) if !matches!(which, Which::Control) => ns,
            _ => issued_at_ns - issued_at_ns.rem_euclid(1_000_000_000),
        });
        let mut args = run::substitute(
            &plan.args,
            &[("{instant}", &instant_text), ("{epoch}", &epoch)],
        );
        if let (Some(c), Some(p)) = (&plan.cert, &cert_path) {
            args = c.substitute(&args, p);
            // A certificate left from an earlier run must not pass for this one.
            let _ = std::fs::remove_file(p);
        }
        let env = plan.env();
        let spec = RunSpec {
            program: &plan.program,
            args: &args,
            clock,
            env: &env,
            keep_output: plan
                .keep_output
                .as_ref()
                .map(|d| d.join(file_label(&label))),
        };
        let result = run::run(&spec);
        let mut record = Record::from_run(label, why, &result);
        if let Which::At(i) = which {
            record.tags = i.tags.clone();
            record.date = plan
                .zone
                .as_ref()
                .map(|z| i.ts.to_zoned(z.clone()).date().to_string());
        }
        if let (Some(c), Some(p)) = (&plan.cert, &cert_path) {
            c.check(&mut record, p, issued_at_ns, &result, &env);
        }
        record
    }
}

/// `{instant}` (RFC 3339, whole seconds unless the instant has a fraction) and `{epoch}`
/// (Unix seconds) for a run starting at `ns`.
fn placeholder_values(ns: i128) -> (String, String) {
    let secs = ns.div_euclid(1_000_000_000);
    let ts = if ns.rem_euclid(1_000_000_000) == 0 {
        i64::try_from(secs)
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
    } else {
        jiff::Timestamp::from_nanosecond(ns).ok()
    };
    (
        ts.map_or_else(|| secs.to_string(), |t| t.to_string()),
        secs.to_string(),
    )
}

/// `60`, `60s`, `1.5s`, `500ms`, `2m`, `1h`.
fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let (num, unit) = match t.find(|c: char| !(c.is_ascii_digit() || c == '.')) {
        Some(i) => t.split_at(i),
        None => (t, "s"),
    };
    let n: f64 = num
        .parse()
        .map_err(|_| format!("invalid duration `{s}` (examples: 60, 60s, 500ms, 2m)"))?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "s" => n,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        _ => return Err(format!("invalid duration unit in `{s}` (ms, s, m, h)")),
    };
    if !(secs.is_finite() && secs > 0.0 && secs < 1e9) {
        return Err(format!("duration `{s}` must be positive"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// The smallest step of `--rate` the preload library represents (it counts millionths).
const RATE_STEP: f64 = 0.000_001;

/// Validates `--rate` and renders it in the decimal form the preload library parses.
/// 0 freezes the clock; a positive rate below the library's step would freeze it too,
/// silently, so it is refused.
fn parse_rate(s: &str) -> Result<String, String> {
    let r: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("invalid --rate `{s}`: expected a number such as 1, 0.5 or 60"))?;
    if !(r.is_finite() && (0.0..=1e6).contains(&r)) {
        return Err(format!(
            "--rate `{s}` must be between 0 (a frozen clock) and 1000000"
        ));
    }
    if r > 0.0 && r < RATE_STEP {
        return Err(format!(
            "--rate `{s}` is below the smallest rate, {RATE_STEP:.6}: use 0 for a frozen clock"
        ));
    }
    Ok(format!("{r:.6}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("60").unwrap(), Duration::from_secs(60));
        assert_eq!(parse_duration("2s").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        for bad in ["", "x", "-1s", "0", "5d", "1e999"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rates() {
        assert_eq!(parse_rate("1").unwrap(), "1.000000");
        assert_eq!(parse_rate("0.5").unwrap(), "0.500000");
        assert_eq!(parse_rate("0").unwrap(), "0.000000");
        assert_eq!(parse_rate("0.000001").unwrap(), "0.000001");
        for bad in ["-1", "inf", "NaN", "x", "2000000"] {
            assert!(parse_rate(bad).is_err(), "{bad}");
        }
        assert!(parse_rate("0.0000001").unwrap_err().contains("use 0"));
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            placeholder_values(1_709_208_000_000_000_000),
            ("2024-02-29T12:00:00Z".to_string(), "1709208000".to_string())
        );
        assert_eq!(
            placeholder_values(-1_000_000_000),
            ("1969-12-31T23:59:59Z".to_string(), "-1".to_string())
        );
    }

    #[test]
    fn bad_arguments_are_errors_not_panics() {
        for args in [
            vec!["--timeout", "soon", "--", "true"],
            vec!["--at", "yesterday", "--", "true"],
            vec!["--at", "9999-12-31T23:59:59Z", "--", "true"],
            vec!["--tz", "Mars/Olympus", "--", "true"],
            vec!["--instants", "weird", "--", "true"],
            vec!["--instants", "risky,leapday", "--", "true"],
            vec!["--skip", "nonsense", "--", "true"],
            vec!["--sweep", "2028-13", "--", "true"],
            vec!["--sweep", "2028", "--step", "0d", "--", "true"],
            vec!["--step", "1d", "--", "true"],
            vec!["--gap", "sideways", "--", "true"],
            vec![
                "--tz",
                "Europe/Berlin",
                "--at",
                "2025-03-30T02:30",
                "--",
                "true",
            ],
            vec!["--rate", "0.0000001", "--", "true"],
            vec!["--jobs", "0", "--", "true"],
            vec!["--test", "a", "--bin", "b"],
            vec!["--verify", "x", "--", "true"],
            vec![],
        ] {
            let code = main(args.iter().map(OsString::from).collect());
            assert_eq!(code, EXIT_ERROR, "{args:?}");
        }
    }
}
