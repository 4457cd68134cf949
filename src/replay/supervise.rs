//! The supervisor of one run: a copy of `cargo-leapcheck` (started as
//! `cargo-leapcheck replay __leapcheck-supervise -- PROGRAM ARGS...`) that starts the program,
//! enforces the timeout, and, when the program exits or times out, kills every process the run
//! left behind, then writes a [`Status`] for the driver.
//!
//! Why a process of its own: a daemon (`setsid`, a `set -m` script, a double fork) leaves the
//! program's process group and is re-parented when its parent exits, so neither the group nor
//! the tree below the program finds it. The supervisor is a child subreaper
//! (`PR_SET_CHILD_SUBREAPER`): every orphan of its run is re-parented to it, whatever its
//! session or group, so "its children, their children, ..." is exactly what the run left
//! running. One supervisor per run keeps parallel runs apart; the driver is a subreaper too,
//! for the orphans of a supervisor that was itself killed.
//!
//! The supervisor never loads the faked clock: the driver hands it the `LD_PRELOAD` value to
//! give the program, and the anchor of the faked clock is read here, just before the spawn.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// First argument after `replay` that selects the supervisor; not a user-facing option.
pub const ARG: &str = "__leapcheck-supervise";
/// Where the supervisor writes its [`Status`] (JSON).
pub const ENV_STATUS: &str = "LEAPCHECK_SUPERVISE_STATUS";
/// The run's timeout in milliseconds.
pub const ENV_TIMEOUT_MS: &str = "LEAPCHECK_SUPERVISE_TIMEOUT_MS";
/// The driver's pid: a supervisor whose driver is already gone does not start the program.
pub const ENV_PARENT: &str = "LEAPCHECK_SUPERVISE_PARENT";
/// `LD_PRELOAD` for the program (absent: the program runs on the real clock).
pub const ENV_PRELOAD: &str = "LEAPCHECK_SUPERVISE_PRELOAD";
const ENVS: [&str; 4] = [ENV_STATUS, ENV_TIMEOUT_MS, ENV_PARENT, ENV_PRELOAD];

/// How long killing what a run left behind may take before the supervisor gives up (a process
/// in uninterruptible sleep cannot die until its I/O completes).
const KILL_PATIENCE: Duration = Duration::from_secs(5);

/// What happened to one run, as the supervisor saw it.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Status {
    /// The program's exit code, when it exited.
    pub exit_code: Option<i32>,
    /// The signal that killed the program (not one of ours).
    pub signal: Option<i32>,
    pub timed_out: bool,
    /// The supervisor was told to stop (Ctrl-C in the driver).
    pub interrupted: bool,
    /// Processes of the run still running when it ended, killed by the supervisor.
    pub killed: usize,
    pub duration_ms: u64,
    /// The program could not be started.
    pub error: Option<String>,
}

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

/// Entry point: `args` are what follows [`ARG`] (`-- PROGRAM ARGS...`). Returns the exit code
/// of the supervisor itself (0 once a status is written).
pub fn main(args: Vec<OsString>) -> i32 {
    let Some(status_path) = std::env::var_os(ENV_STATUS).map(PathBuf::from) else {
        eprintln!("error: `{ARG}` is internal to cargo leapcheck replay");
        return 2;
    };
    let status = supervise(args);
    let json = serde_json::to_vec(&status).unwrap_or_default();
    match std::fs::write(&status_path, json) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!(
                "replay supervisor: cannot write {}: {e}",
                status_path.display()
            );
            2
        }
    }
}

fn supervise(args: Vec<OsString>) -> Status {
    let mut args = args.into_iter().skip_while(|a| a != "--").skip(1);
    let Some(program) = args.next() else {
        return error("no program given");
    };
    let timeout = std::env::var(ENV_TIMEOUT_MS)
        .ok()
        .and_then(|t| t.parse().ok())
        .map_or(Duration::from_secs(60), Duration::from_millis);
    // SAFETY: plain prctl and sigaction calls; the handler only stores to an atomic.
    unsafe {
        libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        // If the driver dies (even by SIGKILL), stop and clean up like on Ctrl-C.
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM, 0, 0, 0);
        for sig in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_stop as extern "C" fn(libc::c_int) as usize;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
    let parent = std::env::var(ENV_PARENT)
        .ok()
        .and_then(|p| p.parse::<i32>().ok());
    // SAFETY: getppid cannot fail.
    if parent.is_some_and(|p| p != unsafe { libc::getppid() }) {
        return Status {
            interrupted: true,
            ..Status::default()
        };
    }

    let mut cmd = Command::new(&program);
    cmd.args(args).process_group(0);
    let preload = std::env::var_os(ENV_PRELOAD);
    for var in ENVS {
        cmd.env_remove(var);
    }
    if let Some(preload) = preload {
        // The anchor is read last, just before the spawn: the faked clock reads START at this
        // real instant, in the program and in all its descendants.
        cmd.env("LD_PRELOAD", preload).env(
            "LEAPCHECK_FAKE_ANCHOR",
            super::run::format_ns(super::run::real_now_ns()),
        );
    }
    let started = Instant::now();
    let child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return error(&format!(
                "cannot run {}: {e}",
                Path::new(&program).display()
            ))
        }
    };
    let pid = i32::try_from(child.id()).unwrap_or(0);
    let mut status = Status::default();
    let deadline = started + timeout;
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some((code, signal)) = exited_unreaped(pid) {
            status.exit_code = code;
            status.signal = signal;
            break;
        }
        if STOP.load(Ordering::SeqCst) {
            status.interrupted = true;
            break;
        }
        if Instant::now() >= deadline {
            status.timed_out = true;
            break;
        }
        reap_orphans(pid);
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
    status.duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    status.killed = kill_descendants(Some(pid));
    status
}

fn error(msg: &str) -> Status {
    Status {
        error: Some(msg.to_string()),
        ..Status::default()
    }
}

/// Whether our child `pid` has exited, without reaping it (WNOWAIT): while it is unreaped its
/// pid, which is also its process group id, cannot be reused, so killing the group is safe.
/// Returns (exit code, signal).
fn exited_unreaped(pid: i32) -> Option<(Option<i32>, Option<i32>)> {
    // SAFETY: waitid with a zeroed siginfo out-parameter.
    unsafe {
        let mut info: libc::siginfo_t = std::mem::zeroed();
        let r = libc::waitid(
            libc::P_PID,
            pid as libc::id_t,
            &mut info,
            libc::WEXITED | libc::WNOHANG | libc::WNOWAIT,
        );
        if r != 0 || info.si_pid() == 0 {
            return None;
        }
        Some(if info.si_code == libc::CLD_EXITED {
            (Some(info.si_status()), None)
        } else {
            (None, Some(info.si_status()))
        })
    }
}

/// Reaps the orphans of the run that exited while the program still runs (they are ours as
/// the subreaper), never the program itself.
fn reap_orphans(program: i32) {
    loop {
        // SAFETY: waitid with a zeroed siginfo out-parameter, then waitpid of that child.
        unsafe {
            let mut info: libc::siginfo_t = std::mem::zeroed();
            let r = libc::waitid(
                libc::P_ALL,
                0,
                &mut info,
                libc::WEXITED | libc::WNOHANG | libc::WNOWAIT,
            );
            let zombie = info.si_pid();
            if r != 0 || zombie == 0 || zombie == program {
                return;
            }
            libc::waitpid(zombie, std::ptr::null_mut(), libc::WNOHANG);
        }
    }
}

/// One line of `/proc/PID/stat`: (pid, parent pid, whether it is still running).
fn proc_entries() -> Vec<(i32, i32, bool)> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // The command name is in parentheses and may contain anything: parse after the
            // last `)`: " STATE PPID ...".
            let mut rest = stat[stat.rfind(')')? + 1..].split_ascii_whitespace();
            let state = rest.next()?;
            let ppid = rest.next()?.parse().ok()?;
            Some((pid, ppid, !matches!(state, "Z" | "X" | "x")))
        })
        .collect()
}

/// Kills every descendant of this process (`program`, when given, is our child that the run
/// is about: its process group goes first, and it is not counted) and reaps them. Returns how
/// many were still running: what the run left behind.
///
/// Only our own children are signalled by pid: being unreaped they cannot be replaced by a
/// stranger that reuses the pid. Their children come to us when they die (we are the
/// subreaper), so the loop goes down the tree level by level until nothing is left.
pub fn kill_descendants(program: Option<i32>) -> usize {
    // SAFETY: getpid cannot fail.
    let me = unsafe { libc::getpid() };
    let mut left: HashSet<i32> = {
        let entries = proc_entries();
        let mut children: HashMap<i32, Vec<(i32, bool)>> = HashMap::new();
        for (pid, ppid, running) in entries {
            children.entry(ppid).or_default().push((pid, running));
        }
        let mut found = HashSet::new();
        let mut todo = vec![me];
        while let Some(p) = todo.pop() {
            for &(c, running) in children.get(&p).into_iter().flatten() {
                if running && Some(c) != program {
                    found.insert(c);
                }
                todo.push(c);
            }
        }
        found
    };
    if let Some(pid) = program.filter(|p| *p > 0) {
        // SAFETY: the group id is our unreaped child's pid (see `exited_unreaped`).
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let give_up = Instant::now() + KILL_PATIENCE;
    loop {
        let children: Vec<(i32, bool)> = proc_entries()
            .into_iter()
            .filter(|(_, ppid, _)| *ppid == me)
            .map(|(pid, _, running)| (pid, running))
            .collect();
        if children.is_empty() || Instant::now() > give_up {
            break;
        }
        for &(pid, running) in &children {
            if running {
                if Some(pid) != program {
                    left.insert(pid);
                }
                // SAFETY: our own child, not yet reaped.
                unsafe {
                    libc::kill(pid, libc::SIGKILL);
                }
            }
        }
        let mut reaped = false;
        // SAFETY: reaping our own children.
        while unsafe { libc::waitpid(-1, std::ptr::null_mut(), libc::WNOHANG) } > 0 {
            reaped = true;
        }
        if !reaped {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    left.len()
}

/// Makes the calling process a child subreaper (see the module documentation).
pub fn become_subreaper() {
    // SAFETY: plain prctl.
    unsafe {
        libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_lists_this_process_with_its_parent() {
        let me = std::process::id() as i32;
        // SAFETY: getppid cannot fail.
        let parent = unsafe { libc::getppid() };
        assert!(proc_entries().contains(&(me, parent, true)));
    }

    #[test]
    fn status_round_trips() {
        let s = Status {
            exit_code: Some(3),
            killed: 2,
            ..Status::default()
        };
        let back: Status = serde_json::from_slice(&serde_json::to_vec(&s).unwrap()).unwrap();
        assert_eq!(
            (back.exit_code, back.killed, back.signal),
            (Some(3), 2, None)
        );
    }
}
