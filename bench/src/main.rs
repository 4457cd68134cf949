//! Speed benchmark of cargo-leapcheck over the pinned real-crate corpus.
//!
//! ```text
//! cargo build --release -p cargo-leapcheck          # for the end-to-end rows (optional)
//! cargo run --release -p leapcheck-bench -- [CORPUS_DIR] [--runs N] [--cli PATH|--no-cli]
//! ```
//!
//! CORPUS_DIR defaults to `$HOME/leapcheck-corpus/vendor` (made by
//! `/work/shared/corpus/make-corpus.sh`). In one run it:
//!
//! 1. collects every `.rs` file under CORPUS_DIR (walkdir, sorted by name, symlinks not
//!    followed) and reads them all into memory first, timing the read on its own;
//! 2. for 1 and 2 jobs (a rayon pool with a 256 MiB stack per thread, as the CLI uses), times
//!    - `syn::parse_file` of every file: the bare parse, the floor any syn-based linter pays;
//!    - `leapcheck_lints::check_source` of every file: the lints, in memory;
//!    - `leapcheck_lints::check_source_with_suppressions`: the lints plus the reading of
//!      `leapcheck:allow` suppressions, which is what the CLI driver calls;
//!    - the release CLI end to end (`cargo-leapcheck --message-format short --jobs N DIR`),
//!      as a fresh process per run, wall time, if the binary exists;
//! 3. prints, for each, the best of `--runs` runs (default 2) in seconds, files/s, MB/s and
//!    the ratio to the bare parse at the same number of jobs.
//!
//! With proc-macro2's `span-locations` feature (on in this workspace) every parsed file is
//! copied into a thread-local source map that is never freed unless
//! `proc_macro2::extra::invalidate_current_thread_spans()` is called. The engine's entry points
//! call it before they return; the bare-parse row calls it after every file too, so both sides
//! are measured the same way.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use leapcheck_lints::{check_source, check_source_with_suppressions, CivilDate, Options};
use rayon::prelude::*;

/// Stack per worker thread; the CLI driver uses the same. syn parses recursively and some
/// corpus files nest deeply.
const STACK_SIZE: usize = 256 * 1024 * 1024;

/// The job counts measured unless `--jobs` says otherwise.
const JOBS: [usize; 2] = [1, 2];

struct Args {
    corpus: PathBuf,
    runs: usize,
    jobs: Vec<usize>,
    cli: Option<PathBuf>,
}

fn parse_args() -> Args {
    let mut corpus = None;
    let mut runs = 2;
    let mut jobs = JOBS.to_vec();
    let mut cli = Some(default_cli_path());
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => {
                runs = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n: &usize| n >= 1)
                    .unwrap_or_else(|| usage("--runs needs a number >= 1"));
            }
            "--cli" => {
                cli = Some(PathBuf::from(
                    it.next().unwrap_or_else(|| usage("--cli needs a path")),
                ))
            }
            "--no-cli" => cli = None,
            "--jobs" => {
                jobs = it
                    .next()
                    .and_then(|l| {
                        l.split(',')
                            .map(|n| n.parse().ok().filter(|&n: &usize| n >= 1))
                            .collect()
                    })
                    .unwrap_or_else(|| usage("--jobs needs a list like 1,2"));
            }
            "-h" | "--help" => usage(""),
            s if s.starts_with('-') => usage(&format!("unknown option `{s}`")),
            _ if corpus.is_some() => usage("only one CORPUS_DIR"),
            _ => corpus = Some(PathBuf::from(a)),
        }
    }
    let corpus = corpus.unwrap_or_else(|| {
        let home =
            std::env::var_os("HOME").unwrap_or_else(|| usage("HOME is not set; pass CORPUS_DIR"));
        Path::new(&home).join("leapcheck-corpus").join("vendor")
    });
    Args {
        corpus,
        runs,
        jobs,
        cli,
    }
}

fn usage(msg: &str) -> ! {
    if !msg.is_empty() {
        eprintln!("error: {msg}");
    }
    eprintln!(
        "usage: leapcheck-bench [CORPUS_DIR] [--runs N] [--jobs 1,2] [--cli PATH | --no-cli]"
    );
    eprintln!("  CORPUS_DIR  default $HOME/leapcheck-corpus/vendor");
    eprintln!("  --runs N    runs per measure, the best is reported (default 2)");
    eprintln!("  --jobs L    comma-separated job counts (default 1,2)");
    eprintln!("  --cli PATH  the cargo-leapcheck binary (default <workspace>/target/release/cargo-leapcheck)");
    std::process::exit(if msg.is_empty() { 0 } else { 2 })
}

fn default_cli_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("target")
        });
    target.join("release").join("cargo-leapcheck")
}

struct Corpus {
    files: Vec<String>,
    bytes: u64,
    non_utf8: Vec<PathBuf>,
    unreadable: Vec<(PathBuf, String)>,
}

fn collect(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| match e {
            Ok(e) => Some(e),
            Err(err) => {
                eprintln!("warning: {err}");
                None
            }
        })
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.into_path())
        .collect()
}

fn read_all(paths: &[PathBuf]) -> Corpus {
    let mut c = Corpus {
        files: Vec::with_capacity(paths.len()),
        bytes: 0,
        non_utf8: Vec::new(),
        unreadable: Vec::new(),
    };
    for p in paths {
        match std::fs::read(p) {
            Err(e) => c.unreadable.push((p.clone(), e.to_string())),
            Ok(bytes) => match String::from_utf8(bytes) {
                Err(_) => c.non_utf8.push(p.clone()),
                Ok(s) => {
                    c.bytes += s.len() as u64;
                    c.files.push(s);
                }
            },
        }
    }
    c
}

/// What one pass over the corpus found.
#[derive(Default, Clone, Copy, PartialEq, Eq, Debug)]
struct Counts {
    failed: usize,
    findings: usize,
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            failed: self.failed + o.failed,
            findings: self.findings + o.findings,
        }
    }
}

fn pool(jobs: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(STACK_SIZE)
        .thread_name(|i| format!("bench-{i}"))
        .build()
        .expect("cannot start the worker threads")
}

fn reset_spans() {
    proc_macro2::extra::invalidate_current_thread_spans();
}

fn bare_parse(src: &str) -> Counts {
    let failed = syn::parse_file(src).is_err() as usize;
    reset_spans();
    Counts {
        failed,
        findings: 0,
    }
}

/// `check_source` (which resets the span map itself).
fn engine(src: &str, opts: &Options) -> Counts {
    match check_source(src, opts) {
        Ok(diags) => Counts {
            failed: 0,
            findings: diags.len(),
        },
        Err(_) => Counts {
            failed: 1,
            findings: 0,
        },
    }
}

/// `check_source_with_suppressions`, as the CLI driver calls it; counts the findings not
/// suppressed.
fn engine_with_suppressions(src: &str, opts: &Options) -> Counts {
    match check_source_with_suppressions(src, opts) {
        Ok(checked) => Counts {
            failed: 0,
            findings: checked.iter().filter(|c| c.suppressed.is_none()).count(),
        },
        Err(_) => Counts {
            failed: 1,
            findings: 0,
        },
    }
}

/// User + system CPU time of this process (`RUSAGE_SELF`, all threads) or of its waited-for
/// children (`RUSAGE_CHILDREN`).
fn cpu_time(who: libc::c_int) -> Duration {
    // SAFETY: an all-zero rusage is a valid value, and getrusage only writes into it.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(who, &mut ru) };
    assert_eq!(rc, 0, "getrusage failed");
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

/// The largest resident set of any waited-for child so far (the CLI runs), in MB.
fn children_peak_rss_mb() -> f64 {
    // SAFETY: as in `cpu_time`.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) };
    assert_eq!(rc, 0, "getrusage failed");
    // Linux reports kilobytes.
    ru.ru_maxrss as f64 / 1024.0
}

/// Wall and CPU time of one measure.
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    cpu: Duration,
}

/// Times one pass on a fresh pool (so that thread-locals such as the span map start empty).
fn time_pass(
    jobs: usize,
    files: &[String],
    f: &(dyn Fn(&str) -> Counts + Sync),
) -> (Timing, Counts) {
    let pool = pool(jobs);
    // Wake the threads before the clock starts.
    pool.broadcast(|_| ());
    let cpu0 = cpu_time(libc::RUSAGE_SELF);
    let start = Instant::now();
    let counts = pool.install(|| {
        files
            .par_iter()
            .map(|s| f(s))
            .reduce(Counts::default, |a, b| a + b)
    });
    let wall = start.elapsed();
    let cpu = cpu_time(libc::RUSAGE_SELF) - cpu0;
    drop(pool);
    (Timing { wall, cpu }, counts)
}

struct CliRun {
    time: Timing,
    status: Option<i32>,
    stdout_lines: usize,
    stderr_tail: String,
}

fn time_cli(bin: &Path, jobs: usize, corpus: &Path) -> CliRun {
    let cpu0 = cpu_time(libc::RUSAGE_CHILDREN);
    let start = Instant::now();
    let out = Command::new(bin)
        .args(["--message-format", "short", "--color", "never", "--jobs"])
        .arg(jobs.to_string())
        .arg(corpus)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    let time = Timing {
        wall: start.elapsed(),
        cpu: cpu_time(libc::RUSAGE_CHILDREN) - cpu0,
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    CliRun {
        time,
        status: out.status.code(),
        stdout_lines: out.stdout.iter().filter(|&&b| b == b'\n').count(),
        stderr_tail: stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .to_string(),
    }
}

struct Row {
    what: &'static str,
    jobs: usize,
    runs: Vec<Timing>,
    counts: String,
}

impl Row {
    /// The run with the least wall time.
    fn best(&self) -> Timing {
        *self.runs.iter().min_by_key(|t| t.wall).unwrap()
    }

    /// The median run by wall time (the lower of the two middle ones for an even count).
    fn median(&self) -> Timing {
        let mut runs = self.runs.clone();
        runs.sort_by_key(|t| t.wall);
        runs[(runs.len() - 1) / 2]
    }
}

fn main() {
    let args = parse_args();
    let cli = args.cli.filter(|p| p.is_file());

    println!("leapcheck-bench: corpus {}", args.corpus.display());
    // The CLI's peak memory, from a run before this process reads the corpus: a child's peak
    // resident set counts its parent's at the fork (Linux carries it over the exec), so later
    // runs would report the benchmark's own size.
    let peak_rss = cli.as_ref().map(|bin| {
        time_cli(bin, 1, &args.corpus);
        children_peak_rss_mb()
    });
    let t = Instant::now();
    let paths = collect(&args.corpus);
    let t_walk = t.elapsed();
    let t = Instant::now();
    let corpus = read_all(&paths);
    let t_read = t.elapsed();
    let files = &corpus.files;
    let n = files.len();
    let mb = corpus.bytes as f64 / 1e6;
    let lines: usize = files
        .iter()
        .map(|s| s.bytes().filter(|&b| b == b'\n').count())
        .sum();
    println!(
        "files: {} .rs found, {n} measured ({:.1} MB, {lines} lines); {} not UTF-8, {} unreadable",
        paths.len(),
        mb,
        corpus.non_utf8.len(),
        corpus.unreadable.len()
    );
    for p in &corpus.non_utf8 {
        println!("  not UTF-8 (skipped): {}", p.display());
    }
    for (p, e) in &corpus.unreadable {
        println!("  unreadable (skipped): {}: {e}", p.display());
    }
    println!(
        "walk: {:.3} s; read into memory: {:.3} s ({:.0} MB/s)",
        t_walk.as_secs_f64(),
        t_read.as_secs_f64(),
        mb / t_read.as_secs_f64()
    );
    let over = files
        .iter()
        .filter(|s| nesting(s) > leapcheck_lints::MAX_NESTING)
        .count();
    println!(
        "files nested deeper than the engine's MAX_NESTING ({}): {over}",
        leapcheck_lints::MAX_NESTING
    );
    match &cli {
        Some(p) => println!("cli: {}", p.display()),
        None => println!("cli: not found or --no-cli; end-to-end rows skipped (cargo build --release -p cargo-leapcheck)"),
    }
    println!("runs per measure: {} (best reported)\n", args.runs);

    let opts = Options {
        check_tests: false,
        test_file: false,
        today: CivilDate::new(2026, 1, 1),
        // The lead added the prefilter (Options::prefilter, on by default) at 17:45; a
        // no-prefilter row would set it to false.
        ..Default::default()
    };
    // Untimed warm-up on every 10th file: page in the code, grow the allocator's heap, so that
    // the first timed measure does not pay for it alone.
    let sample: Vec<String> = files.iter().step_by(10).cloned().collect();
    let t = Instant::now();
    time_pass(1, &sample, &bare_parse);
    time_pass(1, &sample, &|s| engine(s, &opts));
    time_pass(1, &sample, &|s| engine_with_suppressions(s, &opts));
    println!(
        "warm-up (untimed in the table, every 10th file): {:.2} s\n",
        t.elapsed().as_secs_f64()
    );
    let mut rows: Vec<Row> = Vec::new();
    for &jobs in &args.jobs {
        let mut bare = Row {
            what: "syn::parse_file (bare)",
            jobs,
            runs: vec![],
            counts: String::new(),
        };
        let mut eng = Row {
            what: "check_source",
            jobs,
            runs: vec![],
            counts: String::new(),
        };
        let mut eng_sup = Row {
            what: "check_source_with_suppressions",
            jobs,
            runs: vec![],
            counts: String::new(),
        };
        let mut e2e = Row {
            what: "cargo-leapcheck CLI (process)",
            jobs,
            runs: vec![],
            counts: String::new(),
        };
        // Interleaved, so that a change in the machine's load hits every measure alike.
        for run in 1..=args.runs {
            let (t, c) = time_pass(jobs, files, &bare_parse);
            progress(
                bare.what,
                jobs,
                run,
                t,
                &format!("{} failed to parse", c.failed),
            );
            bare.runs.push(t);
            bare.counts = format!("{} parse errors", c.failed);

            let (t, c) = time_pass(jobs, files, &|s| engine(s, &opts));
            progress(
                eng.what,
                jobs,
                run,
                t,
                &format!("{} parse errors, {} findings", c.failed, c.findings),
            );
            eng.runs.push(t);
            eng.counts = format!("{} parse errors, {} findings", c.failed, c.findings);

            let (t, c) = time_pass(jobs, files, &|s| engine_with_suppressions(s, &opts));
            progress(
                eng_sup.what,
                jobs,
                run,
                t,
                &format!("{} parse errors, {} findings", c.failed, c.findings),
            );
            eng_sup.runs.push(t);
            eng_sup.counts = format!("{} parse errors, {} findings", c.failed, c.findings);

            if let Some(bin) = &cli {
                let r = time_cli(bin, jobs, &args.corpus);
                let what = format!(
                    "exit {}, {} output lines; {}",
                    r.status.map_or("signal".into(), |s| s.to_string()),
                    r.stdout_lines,
                    r.stderr_tail
                );
                progress(e2e.what, jobs, run, r.time, &what);
                e2e.runs.push(r.time);
                e2e.counts = what;
            }
        }
        rows.push(bare);
        rows.push(eng);
        rows.push(eng_sup);
        if !e2e.runs.is_empty() {
            rows.push(e2e);
        }
    }

    println!(
        "\n| what | jobs | best wall s | all runs wall s | files/s | MB/s | × bare parse \
         | cpu s (that run) | cpu × bare | median wall × bare | median cpu × bare | counts |"
    );
    println!("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
    for r in &rows {
        let base = rows
            .iter()
            .find(|b| b.jobs == r.jobs && b.what.starts_with("syn::"))
            .unwrap()
            .best();
        let t = r.best();
        let (s, c) = (t.wall.as_secs_f64(), t.cpu.as_secs_f64());
        let all: Vec<String> = r
            .runs
            .iter()
            .map(|d| format!("{:.2}", d.wall.as_secs_f64()))
            .collect();
        let base_median = rows
            .iter()
            .find(|b| b.jobs == r.jobs && b.what.starts_with("syn::"))
            .unwrap()
            .median();
        let med = r.median();
        println!(
            "| {} | {} | {:.2} | {} | {:.0} | {:.1} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {} |",
            r.what,
            r.jobs,
            s,
            all.join(", "),
            n as f64 / s,
            mb / s,
            s / base.wall.as_secs_f64(),
            c,
            c / base.cpu.as_secs_f64(),
            med.wall.as_secs_f64() / base_median.wall.as_secs_f64(),
            med.cpu.as_secs_f64() / base_median.cpu.as_secs_f64(),
            r.counts
        );
    }
    if let Some(mb) = peak_rss {
        println!("\npeak RSS of the CLI (1 job, a run before the corpus is read): {mb:.0} MB");
    }
    println!("\n(files/s and MB/s over the {n} measured files, {mb:.1} MB; the CLI walks the directory itself and");
    println!(" skips hidden entries, target/ and .gitignore'd files, and reports only warn/deny findings)");
}

fn progress(what: &str, jobs: usize, run: usize, t: Timing, extra: &str) {
    println!(
        "  {what:<32} jobs={jobs} run {run}: {:>7.2} s wall, {:>7.2} s cpu  ({extra})",
        t.wall.as_secs_f64(),
        t.cpu.as_secs_f64()
    );
    let _ = std::io::stdout().flush();
}

/// Maximal bracket depth, counted the way the engine's pre-check counts it.
fn nesting(src: &str) -> usize {
    let (mut d, mut max) = (0usize, 0usize);
    for b in src.bytes() {
        match b {
            b'(' | b'[' | b'{' => {
                d += 1;
                max = max.max(d);
            }
            b')' | b']' | b'}' => d = d.saturating_sub(1),
            _ => {}
        }
    }
    max
}
