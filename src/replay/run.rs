//! One run of the program: started by a supervisor (see [`super::supervise`]) that enforces
//! the timeout and kills whatever the run leaves behind, with the faked clock in its
//! environment, its output captured, and the wall-clock reads it made counted. A Ctrl-C
//! handler stops every run in flight so that nothing with a faked clock outlives the replay.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::supervise::{self, Status};

/// Which clock a run sees.
#[derive(Copy, Clone, Debug)]
pub enum Clock {
    Real,
    /// The faked clock starting at this instant (Unix nanoseconds).
    Fake {
        start_ns: i128,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Fail,
    Panic,
    Timeout,
    Error,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Panic => "panic",
            Outcome::Timeout => "timeout",
            Outcome::Error => "error",
        }
    }
}

/// The faked clock's speed in the form the preload library reads, for the real speed.
pub const RATE_ONE: &str = "1.000000";

/// The settings shared by every run of one replay.
#[derive(Copy, Clone)]
pub struct Env<'a> {
    /// `LEAPCHECK_FAKE_RATE`: decimal with at most six places (`0` freezes the clock).
    pub rate: &'a str,
    pub tz: Option<&'a str>,
    pub library: Option<&'a Path>,
    pub timeout: Duration,
    /// Scratch directory of this replay (status and counter files).
    pub workdir: &'a Path,
}

impl Env<'_> {
    /// How many faked seconds pass per real second.
    pub fn rate_factor(&self) -> f64 {
        self.rate.parse().unwrap_or(1.0)
    }
}

pub struct RunSpec<'a> {
    pub program: &'a Path,
    pub args: &'a [OsString],
    pub clock: Clock,
    pub env: &'a Env<'a>,
    /// Keep the full output as `<prefix>.stdout` and `<prefix>.stderr`.
    pub keep_output: Option<PathBuf>,
}

/// One output stream: its start (where a panic usually is) and its end.
#[derive(Debug, Default)]
pub struct Captured {
    pub head: String,
    /// The last [`TAIL_LIMIT`] bytes when the stream was longer than [`HEAD_LIMIT`].
    tail: Option<String>,
}

impl Captured {
    /// The last `n` non-blank lines, each at most `width` characters.
    /// Rust backtraces (`RUST_BACKTRACE=1`) are left out: dozens of frame lines would push
    /// the panic message and what came before it out of the tail.
    pub fn last_lines(&self, n: usize, width: usize) -> Vec<String> {
        let text = self.tail.as_deref().unwrap_or(&self.head);
        let mut lines: Vec<String> = without_backtraces(text)
            .into_iter()
            .rev()
            .filter(|l| !l.trim().is_empty())
            .take(n)
            .map(|l| limit_chars(l.trim_end(), width))
            .collect();
        lines.reverse();
        lines
    }

    /// Every line kept: the head, then the tail when the middle was dropped.
    pub fn kept(&self) -> impl Iterator<Item = &str> {
        [Some(self.head.as_str()), self.tail.as_deref()]
            .into_iter()
            .flatten()
    }
}

#[derive(Debug)]
pub struct RunResult {
    pub outcome: Outcome,
    pub exit_code: Option<i32>,
    pub reason: Option<String>,
    /// Where the program panicked (`src/main.rs:9:42`), from its panic message.
    pub location: Option<String>,
    /// When that is in a dependency or the standard library: the first frame of the
    /// backtrace in the program's own code.
    pub called_from: Option<String>,
    pub duration_ms: u64,
    pub stdout: Captured,
    pub stderr: Captured,
    /// Wall-clock reads answered by the faked clock, over every process of the run
    /// (`None` on the real clock).
    pub clock_reads: Option<u64>,
    /// Processes of the run that loaded the faked clock.
    pub faked_processes: Option<u64>,
    /// Processes the run left running, killed when it ended.
    pub killed: usize,
}

/// Keep this much of the start of each output stream ...
const HEAD_LIMIT: usize = 1 << 20;
/// ... and this much of its end.
const TAIL_LIMIT: usize = 64 << 10;

/// Supervisors of runs in flight; the signal handler stops them. 0 = free slot. `--jobs` is
/// capped at [`MAX_JOBS`] so that every run has a slot.
pub const MAX_JOBS: usize = 256;
static SUPERVISORS: [AtomicI32; MAX_JOBS] = [const { AtomicI32::new(0) }; MAX_JOBS];
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// Numbers the scratch files of the runs of this replay.
static RUN_SEQ: AtomicUsize = AtomicUsize::new(0);

pub fn real_now_ns() -> i128 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i128::try_from(d.as_nanos()).unwrap_or(i128::MAX),
        Err(e) => -i128::try_from(e.duration().as_nanos()).unwrap_or(i128::MAX),
    }
}

/// Unix nanoseconds as the signed decimal seconds the preload library parses.
pub fn format_ns(ns: i128) -> String {
    let sign = if ns < 0 { "-" } else { "" };
    let abs = ns.unsigned_abs();
    format!("{sign}{}.{:09}", abs / 1_000_000_000, abs % 1_000_000_000)
}

extern "C" fn on_interrupt(sig: libc::c_int) {
    // Only async-signal-safe calls here: kill, waitpid, nanosleep, write, _exit.
    if INTERRUPTED.swap(true, Ordering::SeqCst) {
        // A second Ctrl-C: leave now.
        // SAFETY: _exit is async-signal-safe.
        unsafe { libc::_exit(128 + sig) };
    }
    for s in &SUPERVISORS {
        let pid = s.load(Ordering::SeqCst);
        if pid > 0 {
            // SAFETY: kill is async-signal-safe; the supervisor kills its run and exits.
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
        }
    }
    // Give the supervisors a moment to kill their runs, so that nothing is left when the
    // shell prompt comes back.
    for _ in 0..300 {
        let running = SUPERVISORS.iter().any(|s| {
            let pid = s.load(Ordering::SeqCst);
            // SAFETY: kill with signal 0 only checks existence; a zombie has finished.
            pid > 0 && unsafe { libc::kill(pid, 0) } == 0 && !is_zombie(pid)
        });
        if !running {
            break;
        }
        let ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 10_000_000,
        };
        // SAFETY: nanosleep is async-signal-safe.
        unsafe { libc::nanosleep(&ts, std::ptr::null_mut()) };
    }
    let msg = b"\nreplay: interrupted; stopped all runs\n";
    // SAFETY: write and _exit are async-signal-safe.
    unsafe {
        libc::write(2, msg.as_ptr().cast(), msg.len());
        libc::_exit(128 + sig);
    }
}

/// Whether `pid` (our child) has exited but is not reaped yet. Async-signal-safe: waitid.
fn is_zombie(pid: i32) -> bool {
    // SAFETY: waitid with a zeroed siginfo out-parameter.
    unsafe {
        let mut info: libc::siginfo_t = std::mem::zeroed();
        libc::waitid(
            libc::P_PID,
            pid as libc::id_t,
            &mut info,
            libc::WEXITED | libc::WNOHANG | libc::WNOWAIT,
        ) == 0
            && info.si_pid() != 0
    }
}

/// Ctrl-C, SIGTERM and SIGHUP stop every run before replay exits. The runs are in process
/// groups of their own (so the terminal's Ctrl-C does not reach them), hence this.
pub fn install_interrupt_handler() {
    for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: installs a handler that only performs async-signal-safe operations.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_interrupt as extern "C" fn(libc::c_int) as usize;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}

fn register(pid: i32) -> Option<usize> {
    let slot = SUPERVISORS.iter().position(|s| {
        s.compare_exchange(0, pid, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    });
    if INTERRUPTED.load(Ordering::SeqCst) {
        // The handler may have run between spawn and registration.
        // SAFETY: our own child.
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
    }
    slot
}

fn reader(
    mut src: impl Read + Send + 'static,
    mut keep: Option<std::fs::File>,
) -> mpsc::Receiver<Captured> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut head = Vec::new();
        let mut tail: Vec<u8> = Vec::new();
        let mut total = 0usize;
        let mut buf = [0u8; 8192];
        loop {
            match src.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let chunk = &buf[..n];
                    total += n;
                    if let Some(f) = &mut keep {
                        if f.write_all(chunk).is_err() {
                            keep = None;
                        }
                    }
                    let room = HEAD_LIMIT.saturating_sub(head.len());
                    head.extend_from_slice(&chunk[..n.min(room)]);
                    if total > HEAD_LIMIT {
                        tail.extend_from_slice(chunk);
                        if tail.len() > 2 * TAIL_LIMIT {
                            tail.drain(..tail.len() - TAIL_LIMIT);
                        }
                    }
                }
            }
        }
        let tail = (total > HEAD_LIMIT).then(|| {
            let cut = tail.len().saturating_sub(TAIL_LIMIT);
            let text = String::from_utf8_lossy(&tail[cut..]).into_owned();
            // The first line of the tail is cut somewhere in the middle.
            match text.split_once('\n') {
                Some((_, rest)) => rest.to_string(),
                None => text,
            }
        });
        let _ = tx.send(Captured {
            head: String::from_utf8_lossy(&head).into_owned(),
            tail,
        });
    });
    rx
}

fn keep_file(prefix: &Option<PathBuf>, ext: &str) -> Option<std::fs::File> {
    let prefix = prefix.as_ref()?;
    let mut name = prefix.as_os_str().to_os_string();
    name.push(ext);
    match std::fs::File::create(&name) {
        Ok(f) => Some(f),
        Err(e) => {
            eprintln!(
                "replay: warning: cannot keep output in {}: {e}",
                Path::new(&name).display()
            );
            None
        }
    }
}

fn error_result(reason: String) -> RunResult {
    RunResult {
        outcome: Outcome::Error,
        exit_code: None,
        reason: Some(reason),
        location: None,
        called_from: None,
        duration_ms: 0,
        stdout: Captured::default(),
        stderr: Captured::default(),
        clock_reads: None,
        faked_processes: None,
        killed: 0,
    }
}

/// Runs the program once (through its supervisor) and classifies the result.
pub fn run(spec: &RunSpec) -> RunResult {
    let env = spec.env;
    let seq = RUN_SEQ.fetch_add(1, Ordering::SeqCst);
    let status_path = env.workdir.join(format!("run-{seq}.status"));
    let counter_path = env.workdir.join(format!("run-{seq}.counter"));

    let mut cmd = Command::new("/proc/self/exe");
    cmd.arg0("cargo-leapcheck")
        .args(["replay", supervise::ARG, "--"])
        .arg(spec.program)
        .args(spec.args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .env(supervise::ENV_STATUS, &status_path)
        .env(
            supervise::ENV_TIMEOUT_MS,
            env.timeout.as_millis().to_string(),
        )
        .env(supervise::ENV_PARENT, std::process::id().to_string())
        .env_remove(supervise::ENV_PRELOAD);
    for var in [
        "LEAPCHECK_FAKE_START",
        "LEAPCHECK_FAKE_ANCHOR",
        "LEAPCHECK_FAKE_RATE",
        "LEAPCHECK_FAKE_COUNTER",
    ] {
        cmd.env_remove(var);
    }
    if let Some(tz) = env.tz {
        cmd.env("TZ", tz);
    }
    // A panic inside a dependency (rcgen's, chrono's `expect`) names the dependency's line;
    // its backtrace leads to the program's own. `RUST_LIB_BACKTRACE=0` keeps
    // `Backtrace::capture` (anyhow errors) as cheap as without. What the user set wins.
    for (var, value) in [("RUST_BACKTRACE", "1"), ("RUST_LIB_BACKTRACE", "0")] {
        if std::env::var_os(var).is_none() {
            cmd.env(var, value);
        }
    }
    let faked = match (spec.clock, env.library) {
        (Clock::Fake { start_ns }, Some(lib)) => {
            let mut preload = lib.as_os_str().to_os_string();
            if let Some(old) = std::env::var_os("LD_PRELOAD").filter(|o| !o.is_empty()) {
                preload.push(":");
                preload.push(old);
            }
            if let Err(e) = std::fs::write(&counter_path, [0u8; COUNTER_BYTES]) {
                return error_result(format!("cannot write {}: {e}", counter_path.display()));
            }
            cmd.env(supervise::ENV_PRELOAD, preload)
                .env("LEAPCHECK_FAKE_START", format_ns(start_ns))
                .env("LEAPCHECK_FAKE_RATE", env.rate)
                .env("LEAPCHECK_FAKE_COUNTER", &counter_path);
            true
        }
        _ => false,
    };
    let started = Instant::now();
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return error_result(format!("cannot start the run's supervisor: {e}")),
    };
    let pid = i32::try_from(child.id()).unwrap_or(0);
    let slot = register(pid);
    let out_rx = child
        .stdout
        .take()
        .map(|s| reader(s, keep_file(&spec.keep_output, ".stdout")));
    let err_rx = child
        .stderr
        .take()
        .map(|s| reader(s, keep_file(&spec.keep_output, ".stderr")));

    // The supervisor enforces the timeout; this is the backstop should it hang itself.
    let backstop = started + env.timeout + SUPERVISOR_PATIENCE;
    let mut pause = Duration::from_millis(1);
    let mut stuck = false;
    let exit = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if Instant::now() >= backstop => {
                stuck = true;
                let _ = child.kill();
                break child.wait().ok();
            }
            Ok(None) => {}
            Err(_) => break None,
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    if let Some(i) = slot {
        SUPERVISORS[i].store(0, Ordering::SeqCst);
    }
    // Everything that held the pipes is dead by now; the bound only guards against a
    // process that escaped (see the limits in docs/replay.md).
    let collect = |rx: Option<mpsc::Receiver<Captured>>| {
        rx.and_then(|rx| rx.recv_timeout(Duration::from_secs(2)).ok())
            .unwrap_or_default()
    };
    let stdout = collect(out_rx);
    let stderr = collect(err_rx);
    let status: Option<Status> = std::fs::read(&status_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let _ = std::fs::remove_file(&status_path);
    let counters = faked.then(|| read_counters(&counter_path));
    let _ = std::fs::remove_file(&counter_path);

    let mut result = RunResult {
        outcome: Outcome::Pass,
        exit_code: None,
        reason: None,
        location: None,
        called_from: None,
        duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        stdout,
        stderr,
        clock_reads: counters.map(|c| c[0]),
        faked_processes: counters.map(|c| c[1]),
        killed: 0,
    };
    let Some(status) = status else {
        result.outcome = Outcome::Error;
        result.reason = Some(if stuck {
            "the run's supervisor did not finish; killed it".into()
        } else {
            format!(
                "the run's supervisor ended without a report ({})",
                exit.map_or_else(|| "unknown status".into(), |s| s.to_string())
            )
        });
        return result;
    };
    result.duration_ms = status.duration_ms;
    result.killed = status.killed;
    classify(&mut result, &status, env.timeout);
    result
}

/// How long the supervisor may take beyond the timeout to kill what is left and report.
const SUPERVISOR_PATIENCE: Duration = Duration::from_secs(10);

/// Size of the counter file; its slots are defined by `Counter` in fakeclock.rs (a separate
/// library, so not importable here): clock reads, then processes with the faked clock.
const COUNTER_BYTES: usize = 4096;

/// (clock reads, processes with the faked clock) from the shared counter file.
fn read_counters(path: &Path) -> [u64; 2] {
    let bytes = std::fs::read(path).unwrap_or_default();
    let slot = |i: usize| {
        bytes
            .get(i * 8..i * 8 + 8)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    [slot(0), slot(1)]
}

/// Outcome and reason from the supervisor's status and the output.
fn classify(result: &mut RunResult, status: &Status, timeout: Duration) {
    if let Some(e) = &status.error {
        result.outcome = Outcome::Error;
        result.reason = Some(e.clone());
        return;
    }
    if status.timed_out {
        result.outcome = Outcome::Timeout;
        result.reason = Some(format!(
            "killed with everything it started after {}",
            human_duration(timeout)
        ));
        return;
    }
    if status.interrupted {
        result.outcome = Outcome::Error;
        result.reason = Some("interrupted".into());
        return;
    }
    result.exit_code = status.exit_code;
    let panic = result
        .stderr
        .kept()
        .chain(result.stdout.kept())
        .find_map(panic_info);
    if status.exit_code == Some(0) {
        return;
    }
    let aborted = status.signal == Some(libc::SIGABRT);
    result.location = panic.as_ref().and_then(|p| p.location.clone());
    result.called_from = panic.as_ref().and_then(|p| p.called_from.clone());
    if panic.is_some() && (status.exit_code == Some(101) || aborted) {
        result.outcome = Outcome::Panic;
        result.reason = panic.map(|p| p.message);
        return;
    }
    result.outcome = Outcome::Fail;
    result.reason = match status.signal {
        Some(sig) => Some(format!(
            "killed by signal {sig} ({})",
            std::process::ExitStatus::from_raw(sig)
        )),
        None => panic
            .map(|p| p.message)
            .or_else(|| last_line(&result.stderr, &result.stdout)),
    };
}

/// Replaces placeholders (`{cert}`, `{instant}`, ...) in the arguments that contain them;
/// an argument that is not UTF-8 cannot contain one and is passed as it is.
pub fn substitute(args: &[OsString], pairs: &[(&str, &str)]) -> Vec<OsString> {
    args.iter()
        .map(|a| match a.to_str() {
            Some(s) if pairs.iter().any(|(p, _)| s.contains(p)) => {
                let mut s = s.to_string();
                for (p, v) in pairs {
                    s = s.replace(p, v);
                }
                OsString::from(s)
            }
            _ => a.clone(),
        })
        .collect()
}

fn human_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

/// A Rust panic found in a program's output.
#[derive(Debug, PartialEq, Eq)]
pub struct PanicInfo {
    /// The message, prefixed with the test name when it comes from a libtest failure section.
    pub message: String,
    /// `file:line:column`.
    pub location: Option<String>,
    /// The first backtrace frame in the program's own code, when the panic happened
    /// elsewhere (a dependency's `unwrap`, std's `expect`).
    pub called_from: Option<String>,
}

/// The first Rust panic in `text`. Handles the current format
/// (`thread 'main' (123) panicked at src/main.rs:4:5:\nmessage`) and the pre-1.73 one
/// (`thread 'main' panicked at 'message', src/main.rs:4:5`).
pub fn panic_info(text: &str) -> Option<PanicInfo> {
    let lines: Vec<&str> = text.lines().collect();
    let idx = lines.iter().position(|l| l.contains(" panicked at "))?;
    let line = lines[idx];
    let after = &line[line.find(" panicked at ")? + " panicked at ".len()..];
    let (msg, location) = if let Some(rest) = after.strip_prefix('\'') {
        match rest.rsplit_once("', ") {
            Some((m, loc)) => (m.to_string(), Some(loc.trim().to_string())),
            None => (rest.to_string(), None),
        }
    } else {
        let mut msg = Vec::new();
        for l in &lines[idx + 1..] {
            if l.starts_with("note: ") || l.starts_with("stack backtrace:") || l.is_empty() {
                break;
            }
            msg.push(*l);
        }
        let loc = after.trim_end().strip_suffix(':').unwrap_or(after).trim();
        (msg.join("\n"), Some(loc.to_string()))
    };
    let location = location.filter(|l| is_location(l));
    let called_from = match &location {
        Some(loc) if !is_own_code(loc) => first_own_frame(&lines[idx + 1..]),
        _ => None,
    };
    let test = lines[..idx]
        .iter()
        .rev()
        .find_map(|l| l.strip_prefix("---- ")?.strip_suffix(" stdout ----"));
    let msg = first_line_limited(&msg);
    Some(PanicInfo {
        message: match test {
            Some(t) => format!("{t}: {msg}"),
            None => msg,
        },
        location,
        called_from,
    })
}

/// Whether a source path is the program's own rather than a dependency's (cargo's registry
/// or git checkouts) or the standard library's (`/rustc/HASH/library/...`, rust-src).
fn is_own_code(path: &str) -> bool {
    const ELSEWHERE: [&str; 4] = [
        "/.cargo/registry/",
        "/.cargo/git/",
        "/rustlib/src/",
        "/rustc/",
    ];
    !path.starts_with("/rustc/") && !ELSEWHERE.iter().any(|p| path.contains(p))
}

/// The first `at FILE:LINE:COL` of the backtrace after a panic that is in the program's own
/// code (`./src/main.rs:4:5` → `src/main.rs:4:5`).
fn first_own_frame(after_panic: &[&str]) -> Option<String> {
    let start = after_panic
        .iter()
        .position(|l| l.starts_with("stack backtrace:"))?;
    after_panic[start + 1..]
        .iter()
        .take_while(|l| l.starts_with(' '))
        .filter_map(|l| l.trim_start().strip_prefix("at "))
        .map(|p| p.trim().trim_start_matches("./"))
        .find(|p| is_location(p) && is_own_code(p))
        .map(str::to_string)
}

/// `path:line:column`.
fn is_location(s: &str) -> bool {
    let mut parts = s.rsplitn(3, ':');
    let col = parts.next().unwrap_or("");
    let line = parts.next().unwrap_or("");
    let file = parts.next().unwrap_or("");
    !file.is_empty()
        && [line, col]
            .iter()
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The lines of `text` with each `stack backtrace:` section (its indented frame lines and
/// the closing note) replaced by one line saying it was left out.
fn without_backtraces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_trace = false;
    for l in text.lines() {
        if l.starts_with("stack backtrace:") {
            in_trace = true;
            out.push("stack backtrace: (left out; --keep-output keeps it)");
            continue;
        }
        if in_trace && (l.starts_with(' ') || l.starts_with("note: Some details are omitted")) {
            continue;
        }
        in_trace = false;
        out.push(l);
    }
    out
}

fn limit_chars(l: &str, width: usize) -> String {
    if l.chars().count() > width {
        let cut: String = l.chars().take(width.saturating_sub(3)).collect();
        format!("{cut}...")
    } else {
        l.to_string()
    }
}

fn first_line_limited(s: &str) -> String {
    limit_chars(s.lines().next().unwrap_or("").trim(), 300)
}

fn last_line(stderr: &Captured, stdout: &Captured) -> Option<String> {
    [stderr, stdout]
        .iter()
        .find_map(|s| s.last_lines(1, 300).pop())
        .map(|l| l.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_messages_and_locations() {
        let new = "thread 'main' (7285) panicked at src/main.rs:4:5:\ninvalid or out-of-range date: ComponentRange\nnote: run with `RUST_BACKTRACE=1`";
        assert_eq!(
            panic_info(new).unwrap(),
            PanicInfo {
                message: "invalid or out-of-range date: ComponentRange".into(),
                location: Some("src/main.rs:4:5".into()),
                called_from: None,
            }
        );
        let old = "thread 'main' panicked at 'boom', src/main.rs:2:5\nnote: x";
        let old = panic_info(old).unwrap();
        assert_eq!(old.message, "boom");
        assert_eq!(old.location.as_deref(), Some("src/main.rs:2:5"));
        let libtest = "failures:\n\n---- leap::renews stdout ----\n\nthread 'leap::renews' panicked at src/lib.rs:9:9:\nassertion failed: ok\n";
        let t = panic_info(libtest).unwrap();
        assert_eq!(t.message, "leap::renews: assertion failed: ok");
        assert_eq!(t.location.as_deref(), Some("src/lib.rs:9:9"));
        // A path with a colon (Windows drive, odd directory) keeps it.
        let odd = "thread 'main' panicked at C:\\x\\y.rs:1:2:\nm";
        assert_eq!(
            panic_info(odd).unwrap().location.as_deref(),
            Some("C:\\x\\y.rs:1:2")
        );
        assert_eq!(panic_info("all fine"), None);
        let no_loc = "thread 'main' panicked at 'boom'";
        assert_eq!(panic_info(no_loc).unwrap().location, None);
    }

    /// A panic inside a dependency is traced to the program's own line by the backtrace.
    #[test]
    fn panics_in_dependencies_name_the_own_frame() {
        let text = "thread 'main' (7) panicked at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/rcgen-0.14.10/src/certificate.rs:1043:52:\n\
                    invalid or out-of-range date\n\
                    stack backtrace:\n\
                    \x20  0: __rustc::rust_begin_unwind\n\
                    \x20            at /rustc/59807616e1fa/library/std/src/panicking.rs:689:5\n\
                    \x20  1: rcgen::date_time_ymd\n\
                    \x20            at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/rcgen-0.14.10/src/certificate.rs:1043:52\n\
                    \x20  2: issue_buggy::main\n\
                    \x20            at ./examples/transfer-cert/src/bin/issue-buggy.rs:25:21\n\
                    note: Some details are omitted, run with `RUST_BACKTRACE=full`.\n";
        let p = panic_info(text).unwrap();
        assert!(p.location.unwrap().ends_with("certificate.rs:1043:52"));
        assert_eq!(
            p.called_from.as_deref(),
            Some("examples/transfer-cert/src/bin/issue-buggy.rs:25:21")
        );
        // A panic in the program's own code needs no frame.
        let own = "thread 'main' panicked at src/main.rs:4:5:\nboom\nstack backtrace:\n   0: x\n             at ./src/main.rs:4:5\n";
        assert_eq!(panic_info(own).unwrap().called_from, None);
    }

    #[test]
    fn nanos_format_for_the_library() {
        assert_eq!(format_ns(1_500_000_000), "1.500000000");
        assert_eq!(format_ns(-1_000_000_000), "-1.000000000");
        assert_eq!(format_ns(-1_500_000_000), "-1.500000000");
        assert_eq!(format_ns(-1), "-0.000000001");
        // Past 2262 (64-bit nanoseconds) and before 1677.
        assert_eq!(
            format_ns(253_402_300_799_000_000_000),
            "253402300799.000000000"
        );
        assert_eq!(
            format_ns(-62_135_596_800_000_000_000),
            "-62135596800.000000000"
        );
    }

    #[test]
    fn tails_are_bounded_and_skip_blank_lines() {
        let c = Captured {
            head: "a\n\nb\nc\n\n".into(),
            tail: None,
        };
        assert_eq!(c.last_lines(2, 80), ["b", "c"]);
        let long = Captured {
            head: "x".repeat(500),
            tail: None,
        };
        assert_eq!(long.last_lines(5, 10), ["xxxxxxx..."]);
    }

    #[test]
    fn backtraces_are_left_out_of_tails() {
        let c = Captured {
            head: "starting\nthread 'main' (9) panicked at src/main.rs:4:5:\nboom\n\
                   stack backtrace:\n   0: std::panicking::begin_panic\n             at /rustc/x.rs:1:2\n\
                   note: Some details are omitted, run with `RUST_BACKTRACE=full`.\n"
                .into(),
            tail: None,
        };
        assert_eq!(
            c.last_lines(4, 200),
            [
                "starting",
                "thread 'main' (9) panicked at src/main.rs:4:5:",
                "boom",
                "stack backtrace: (left out; --keep-output keeps it)"
            ]
        );
    }

    #[test]
    fn output_keeps_head_and_tail() {
        let mut text = String::new();
        for i in 0..200_000 {
            text.push_str(&format!("line {i}\n"));
        }
        let rx = reader(std::io::Cursor::new(text.clone().into_bytes()), None);
        let c = rx.recv().unwrap();
        assert!(c.head.starts_with("line 0\n"));
        assert_eq!(c.head.len(), HEAD_LIMIT);
        assert_eq!(c.last_lines(2, 80), ["line 199998", "line 199999"]);
    }
}
