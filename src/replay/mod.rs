//! `cargo leapcheck replay`: runs real code under a faked wall clock (see docs/replay.md).
//! Owned by the replay work; the CLI hands it every argument after `replay`.
//!
//! The pieces:
//! - [`instants`]: the `risky` set (each with why), `--at` parsing, DST instants for `--tz`;
//! - [`preload`]: the embedded faked-clock library, its cache file, static-binary detection;
//! - [`run`]: one process in its own process group, with timeout, output capture and the
//!   Ctrl-C handler that kills every group still running;
//! - [`cert`]: the certificate scenario (X.509 parsing, validity checks, expiry replay);
//! - [`report`]: the table and the JSON lines;
//! - [`target`]: `--test/--bin/--example` built with cargo on the real clock.

mod cert;
mod instants;
mod preload;
mod report;
mod run;
mod supervise;
mod target;

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::{Parser, ValueEnum};

use self::instants::ReplayInstant;
use self::report::{Record, Reporter};
use self::run::{Clock, Outcome, RunSpec};

/// Exit status: every instant passed.
pub const EXIT_PASS: i32 = 0;
/// Exit status: an instant failed while the baseline passed (a date bug).
pub const EXIT_DATE_FAILURE: i32 = 1;
/// Exit status: the replay could not happen (bad arguments, command not found, a statically
/// linked program whose clock cannot be faked, a failed build).
pub const EXIT_ERROR: i32 = 2;
/// Exit status: the baseline on the real clock fails too, so failures are not date-related.
pub const EXIT_BASELINE_FAILS: i32 = 3;

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    Human,
    Json,
}

/// Runs a program with its wall clock moved to the instants that break date code.
#[derive(Parser, Debug)]
#[command(
    name = "cargo leapcheck replay",
    override_usage = "cargo leapcheck replay [OPTIONS] -- COMMAND [ARGS]...\n       \
                      cargo leapcheck replay [OPTIONS] --test NAME | --bin NAME | --example NAME [-- ARGS]...",
    after_help = "Exit status: 0 all instants pass; 1 an instant fails while the baseline passes; \
                  2 the replay could not run; 3 the baseline on the real clock fails too."
)]
struct Args {
    /// Replay at this instant (repeatable): RFC 3339 such as 2024-02-29T12:00:00Z, or a local
    /// time (2025-03-30T02:30) in the `--tz` zone (UTC without `--tz`).
    #[arg(long = "at", value_name = "INSTANT")]
    at: Vec<String>,
    /// Instant set to replay; `risky` is the default when no `--at` is given, `none` adds
    /// nothing to the `--at` instants.
    #[arg(long, value_name = "SET")]
    instants: Option<String>,
    /// Print the instants that would be replayed, with why each is risky, and exit.
    #[arg(long)]
    list_instants: bool,
    /// Time zone (TZ) for every run; adds the zone's DST gap and overlap to `risky`.
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
    /// Runs in parallel (default: number of CPUs).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Per-run timeout (60, 60s, 500ms, 2m); the run's whole process group is killed.
    #[arg(long, value_name = "DURATION", default_value = "60s")]
    timeout: String,
    /// Speed of the faked clock relative to the real one.
    #[arg(long, value_name = "R", default_value = "1")]
    rate: String,
    /// Output format on stdout.
    #[arg(long, value_enum, value_name = "FMT", default_value = "human")]
    message_format: MessageFormat,

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
    match replay(args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}");
            EXIT_ERROR
        }
    }
}

/// Everything one replay needs, shared by the worker threads.
struct Plan {
    program: PathBuf,
    args: Vec<OsString>,
    timeout: Duration,
    rate: String,
    tz: Option<String>,
    library: Option<PathBuf>,
    cert: Option<cert::CertPlan>,
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

fn replay(args: Args) -> Result<i32, String> {
    let timeout = parse_duration(&args.timeout)?;
    let rate = parse_rate(&args.rate)?;
    let tz = match &args.tz {
        Some(name) => Some(instants::zone(name)?),
        None => None,
    };
    let mut list = Vec::new();
    let set = args
        .instants
        .as_deref()
        .unwrap_or(if args.at.is_empty() { "risky" } else { "none" });
    match set {
        "risky" => list.extend(instants::risky(tz.as_ref())),
        "none" => {}
        other => {
            return Err(format!(
                "unknown instant set `{other}` (known: risky, none)"
            ))
        }
    }
    for at in &args.at {
        list.push(instants::parse_at(at, tz.as_ref())?);
    }
    instants::sort_dedup(&mut list);
    if args.list_instants {
        for i in &list {
            println!("{}  {}", i.label, i.why.as_deref().unwrap_or(""));
        }
        return Ok(EXIT_PASS);
    }
    if list.is_empty() {
        return Err("no instant to replay (give --at or --instants risky)".into());
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
                return Err(
                    "nothing to run: give `-- COMMAND [ARGS]...` or --test/--bin/--example NAME"
                        .into(),
                );
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
        library: Some(library),
        cert: cert_plan,
        workdir,
    });
    let mut reporter = Reporter::new(
        args.message_format == MessageFormat::Json,
        plan.cert.is_some(),
        list.len(),
    );

    eprintln!(
        "replay: {} on the real clock (baseline), then {} instant{} with {} job{}",
        plan.program.display(),
        list.len(),
        if list.len() == 1 { "" } else { "s" },
        jobs,
        if jobs == 1 { "" } else { "s" },
    );
    let baseline = execute(&plan, None);
    let could_not_run = baseline.outcome == Outcome::Error;
    reporter.baseline(baseline);
    if could_not_run {
        // The program cannot be started at all (e.g. not executable): nothing to replay.
        reporter.finish();
        return Ok(EXIT_ERROR);
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
                let record = execute(&plan, Some(instant));
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
        eprintln!("replay: killed {stray} stray process(es) left by runs whose supervisor died");
    }
    let (failed, baseline_pass) = reporter.finish();
    Ok(if !baseline_pass {
        EXIT_BASELINE_FAILS
    } else if failed > 0 {
        EXIT_DATE_FAILURE
    } else {
        EXIT_PASS
    })
}

/// One run (baseline when `instant` is None), including the certificate checks.
fn execute(plan: &Plan, instant: Option<&ReplayInstant>) -> Record {
    let clock = match instant {
        Some(i) => Clock::Fake {
            start_ns: i.nanos(),
        },
        None => Clock::Real,
    };
    let label = instant.map_or_else(|| "baseline".to_string(), |i| i.label.clone());
    let issued_at_ns = match clock {
        Clock::Fake { start_ns } => start_ns,
        Clock::Real => run::real_now_ns(),
    };
    let cert_path = plan.cert.as_ref().map(|c| c.path_for(&label));
    // On the real clock the run starts "now": whole seconds are enough to name it.
    let (instant_text, epoch) = placeholder_values(match clock {
        Clock::Fake { start_ns } => start_ns,
        Clock::Real => issued_at_ns - issued_at_ns.rem_euclid(1_000_000_000),
    });
    let mut args = run::substitute(
        &plan.args,
        &[("{instant}", &instant_text), ("{epoch}", &epoch)],
    );
    if let (Some(c), Some(p)) = (&plan.cert, &cert_path) {
        args = c.substitute(&args, p);
    }
    if let Some(p) = &cert_path {
        // A certificate left from an earlier run must not pass for this one.
        let _ = std::fs::remove_file(p);
    }
    let env = plan.env();
    let spec = RunSpec {
        program: &plan.program,
        args: &args,
        clock,
        env: &env,
        keep_output: None,
    };
    let result = run::run(&spec);
    let mut record = Record::from_run(label, instant.and_then(|i| i.why.clone()), &result);
    if let (Some(c), Some(p)) = (&plan.cert, &cert_path) {
        c.check(&mut record, p, issued_at_ns, &result, &env);
    }
    record
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

/// Validates `--rate` and renders it in the decimal form the preload library parses.
fn parse_rate(s: &str) -> Result<String, String> {
    let r: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("invalid --rate `{s}`: expected a number such as 1, 0.5 or 60"))?;
    if !(r.is_finite() && r > 0.0 && r <= 1e6) {
        return Err(format!("--rate `{s}` must be positive and at most 1000000"));
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
        for bad in ["0", "-1", "inf", "NaN", "x"] {
            assert!(parse_rate(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bad_arguments_are_errors_not_panics() {
        for args in [
            vec!["--timeout", "soon", "--", "true"],
            vec!["--at", "yesterday", "--", "true"],
            vec!["--tz", "Mars/Olympus", "--", "true"],
            vec!["--instants", "weird", "--", "true"],
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
