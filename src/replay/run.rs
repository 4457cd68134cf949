//! One run of the program: its own process group, the faked clock in its environment, output
//! captured, a timeout that kills the whole group, and a Ctrl-C handler that kills every group
//! still running so that nothing with a faked clock outlives the replay.

use std::ffi::OsString;
use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Which clock a run sees.
#[derive(Copy, Clone, Debug)]
pub enum Clock {
    Real,
    Fake { start_ns: i64 },
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

/// The settings shared by every run of one replay.
pub struct Env<'a> {
    pub rate: &'a str,
    pub tz: Option<&'a str>,
    pub library: Option<&'a Path>,
    pub timeout: Duration,
}

pub struct RunSpec<'a> {
    pub program: &'a Path,
    pub args: &'a [OsString],
    pub clock: Clock,
    pub rate: &'a str,
    pub tz: Option<&'a str>,
    pub library: Option<&'a Path>,
    pub timeout: Duration,
}

#[derive(Debug)]
pub struct RunResult {
    pub outcome: Outcome,
    pub exit_code: Option<i32>,
    pub reason: Option<String>,
    pub duration_ms: u64,
    pub stdout: String,
    pub stderr: String,
}

/// Keep at most this much of each output stream (the start, where panics are).
const CAPTURE_LIMIT: usize = 1 << 20;

/// Process groups of runs in flight; the signal handler kills them. 0 = free slot. `--jobs` is
/// capped at [`MAX_JOBS`] so that every run has a slot.
pub const MAX_JOBS: usize = 256;
static GROUPS: [AtomicI32; MAX_JOBS] = [const { AtomicI32::new(0) }; 256];
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

pub fn real_now_ns() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_nanos()).unwrap_or(i64::MAX),
    }
}

fn format_ns(ns: i64) -> String {
    let (s, n) = (ns.div_euclid(1_000_000_000), ns.rem_euclid(1_000_000_000));
    if s < 0 && n > 0 {
        // -1.5 s is -2 s + 0.5 s: the library parses a signed decimal, so print it exactly.
        let total = -(i128::from(s) * 1_000_000_000 + i128::from(n));
        format!("-{}.{:09}", total / 1_000_000_000, total % 1_000_000_000)
    } else {
        format!("{s}.{n:09}")
    }
}

extern "C" fn on_interrupt(sig: libc::c_int) {
    // Only async-signal-safe calls here: kill, write, _exit.
    INTERRUPTED.store(true, Ordering::SeqCst);
    for g in &GROUPS {
        let pgid = g.load(Ordering::SeqCst);
        if pgid > 0 {
            // SAFETY: kill is async-signal-safe; a negative pid addresses the process group.
            unsafe {
                libc::kill(-pgid, libc::SIGKILL);
            }
        }
    }
    let msg = b"\nreplay: interrupted; killed all runs\n";
    // SAFETY: write and _exit are async-signal-safe.
    unsafe {
        libc::write(2, msg.as_ptr().cast(), msg.len());
        libc::_exit(128 + sig);
    }
}

/// Ctrl-C, SIGTERM and SIGHUP kill every run's process group before replay exits. The runs
/// are in their own groups (so the terminal's Ctrl-C does not reach them), hence this.
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

fn register(pgid: i32) -> Option<usize> {
    let slot = GROUPS.iter().position(|g| {
        g.compare_exchange(0, pgid, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    });
    if INTERRUPTED.load(Ordering::SeqCst) {
        // The handler may have run between spawn and registration.
        kill_group(pgid);
    }
    slot
}

fn kill_group(pgid: i32) {
    if pgid > 0 {
        // SAFETY: plain syscall; a negative pid addresses the whole process group.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
}

/// Waits for the process to exit without reaping it (WNOWAIT), so that its pid, which is
/// also the group id, cannot be reused while we still kill the group.
fn exited_unreaped(pid: i32) -> bool {
    // SAFETY: waitid with a zeroed siginfo out-parameter.
    unsafe {
        let mut info: libc::siginfo_t = std::mem::zeroed();
        let r = libc::waitid(
            libc::P_PID,
            pid as libc::id_t,
            &mut info,
            libc::WEXITED | libc::WNOHANG | libc::WNOWAIT,
        );
        r == 0 && info.si_pid() != 0
    }
}

fn reader(mut src: impl Read + Send + 'static) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            match src.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = CAPTURE_LIMIT.saturating_sub(kept.len());
                    kept.extend_from_slice(&buf[..n.min(room)]);
                }
            }
        }
        let _ = tx.send(kept);
    });
    rx
}

/// Runs the program once and classifies the result.
pub fn run(spec: &RunSpec) -> RunResult {
    let mut cmd = Command::new(spec.program);
    cmd.args(spec.args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    for var in [
        "LEAPCHECK_FAKE_START",
        "LEAPCHECK_FAKE_ANCHOR",
        "LEAPCHECK_FAKE_RATE",
    ] {
        cmd.env_remove(var);
    }
    if let Some(tz) = spec.tz {
        cmd.env("TZ", tz);
    }
    if let (Clock::Fake { start_ns }, Some(lib)) = (spec.clock, spec.library) {
        let mut preload = lib.as_os_str().to_os_string();
        if let Some(old) = std::env::var_os("LD_PRELOAD").filter(|o| !o.is_empty()) {
            preload.push(":");
            preload.push(old);
        }
        cmd.env("LD_PRELOAD", preload)
            .env("LEAPCHECK_FAKE_START", format_ns(start_ns))
            .env("LEAPCHECK_FAKE_RATE", spec.rate)
            // The anchor is taken last, just before spawning: the faked clock reads START
            // at this real instant, in this process and in all its descendants.
            .env("LEAPCHECK_FAKE_ANCHOR", format_ns(real_now_ns()));
    }
    let started = Instant::now();
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return RunResult {
                outcome: Outcome::Error,
                exit_code: None,
                reason: Some(format!("cannot run {}: {e}", spec.program.display())),
                duration_ms: 0,
                stdout: String::new(),
                stderr: String::new(),
            }
        }
    };
    let pid = i32::try_from(child.id()).unwrap_or(0);
    let slot = register(pid);
    let out_rx = child.stdout.take().map(reader);
    let err_rx = child.stderr.take().map(reader);

    let deadline = started + spec.timeout;
    let mut timed_out = false;
    let mut pause = Duration::from_millis(1);
    loop {
        if exited_unreaped(pid) {
            break;
        }
        if Instant::now() >= deadline {
            timed_out = true;
            break;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
    // Kill the whole group: on timeout that ends the hang, after a normal exit it ends any
    // background process the program left behind with a faked clock.
    kill_group(pid);
    // Unregister before reaping: once reaped, the pid (our group id) may be reused, and the
    // interrupt handler must not kill a stranger's group.
    if let Some(i) = slot {
        GROUPS[i].store(0, Ordering::SeqCst);
    }
    let status = child.wait();
    let duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    // A descendant that left the group (setsid) can keep the pipes open: do not wait forever.
    let collect = |rx: Option<mpsc::Receiver<Vec<u8>>>| {
        rx.and_then(|rx| rx.recv_timeout(Duration::from_secs(2)).ok())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    };
    let stdout = collect(out_rx);
    let stderr = collect(err_rx);

    let mut result = RunResult {
        outcome: Outcome::Pass,
        exit_code: None,
        reason: None,
        duration_ms,
        stdout,
        stderr,
    };
    if timed_out {
        result.outcome = Outcome::Timeout;
        result.reason = Some(format!(
            "killed with its process group after {}",
            human_duration(spec.timeout)
        ));
        return result;
    }
    let status = match status {
        Ok(s) => s,
        Err(e) => {
            result.outcome = Outcome::Error;
            result.reason = Some(format!("cannot wait for the run: {e}"));
            return result;
        }
    };
    result.exit_code = status.code();
    let panic = panic_message(&result.stderr).or_else(|| panic_message(&result.stdout));
    match (status.code(), status.signal()) {
        (Some(0), _) => {}
        (code, signal) => {
            let aborted = signal == Some(libc::SIGABRT);
            if panic.is_some() && (code == Some(101) || aborted) {
                result.outcome = Outcome::Panic;
                result.reason = panic;
            } else {
                result.outcome = Outcome::Fail;
                result.reason = match signal {
                    Some(sig) => Some(format!("killed by signal {sig}")),
                    None => panic.or_else(|| last_line(&result.stderr, &result.stdout)),
                };
            }
        }
    }
    result
}

fn human_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

/// The message of the first Rust panic in `text`, prefixed with the test name when it comes
/// from a libtest failure section. Handles the current format
/// (`thread 'main' (123) panicked at src/main.rs:4:5:\nmessage`) and the pre-1.73 one
/// (`thread 'main' panicked at 'message', src/main.rs:4:5`).
pub fn panic_message(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let idx = lines.iter().position(|l| l.contains(" panicked at "))?;
    let line = lines[idx];
    let after = &line[line.find(" panicked at ")? + " panicked at ".len()..];
    let msg = if let Some(rest) = after.strip_prefix('\'') {
        rest.rsplit_once("', ").map_or(rest, |(m, _)| m).to_string()
    } else {
        let mut msg = Vec::new();
        for l in &lines[idx + 1..] {
            if l.starts_with("note: ") || l.starts_with("stack backtrace:") || l.is_empty() {
                break;
            }
            msg.push(*l);
        }
        msg.join("\n")
    };
    let test = lines[..idx]
        .iter()
        .rev()
        .find_map(|l| l.strip_prefix("---- ")?.strip_suffix(" stdout ----"));
    let msg = first_line_limited(&msg);
    Some(match test {
        Some(t) => format!("{t}: {msg}"),
        None => msg,
    })
}

fn first_line_limited(s: &str) -> String {
    let l = s.lines().next().unwrap_or("").trim();
    if l.chars().count() > 300 {
        let cut: String = l.chars().take(300).collect();
        format!("{cut}...")
    } else {
        l.to_string()
    }
}

fn last_line(stderr: &str, stdout: &str) -> Option<String> {
    [stderr, stdout]
        .iter()
        .find_map(|s| s.lines().rev().find(|l| !l.trim().is_empty()))
        .map(first_line_limited)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_messages() {
        let new = "thread 'main' (7285) panicked at src/main.rs:4:5:\ninvalid or out-of-range date: ComponentRange\nnote: run with `RUST_BACKTRACE=1`";
        assert_eq!(
            panic_message(new).unwrap(),
            "invalid or out-of-range date: ComponentRange"
        );
        let old = "thread 'main' panicked at 'boom', src/main.rs:2:5\nnote: x";
        assert_eq!(panic_message(old).unwrap(), "boom");
        let libtest = "failures:\n\n---- leap::renews stdout ----\n\nthread 'leap::renews' panicked at src/lib.rs:9:9:\nassertion failed: ok\n";
        assert_eq!(
            panic_message(libtest).unwrap(),
            "leap::renews: assertion failed: ok"
        );
        assert_eq!(panic_message("all fine"), None);
    }

    #[test]
    fn nanos_format_for_the_library() {
        assert_eq!(format_ns(1_500_000_000), "1.500000000");
        assert_eq!(format_ns(-1_000_000_000), "-1.000000000");
        assert_eq!(format_ns(-1_500_000_000), "-1.500000000");
        assert_eq!(format_ns(-1), "-0.000000001");
    }
}
