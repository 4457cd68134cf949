//! Memory stays bounded on a large file whose items all hold date code (issue 14): the items
//! are parsed and checked in batches of groups that do not read each other, each tree dropped
//! before the next, and the findings are those of a whole-file parse (`--no-prefilter`).
//! Linux only: the peak is read with `wait4`.
#![cfg(target_os = "linux")]

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{BIN, LIMIT};

/// Runs the CLI; its output and its own peak resident set in KiB. `wait4` reports the usage of
/// that one child, whatever the other tests run beside it. A run past the suite's time limit is
/// killed and fails the test instead of hanging the suite.
// The child is reaped by `wait4` below: `Child::wait` does not give its usage.
#[allow(clippy::zombie_processes)]
fn run_measured(args: &[&str]) -> (String, i64) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        stdout.read_to_string(&mut out).map(|_| out)
    });
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data, and `wait4` writes it only for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let deadline = Instant::now() + LIMIT;
    loop {
        // SAFETY: as above; WNOHANG returns 0 while the child runs.
        let waited = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if waited == pid {
            break;
        }
        assert_eq!(waited, 0, "wait4 failed");
        if Instant::now() > deadline {
            child.kill().ok();
            // SAFETY: as above; reaps the killed child.
            unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
            panic!("did not finish within {LIMIT:?}: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = reader.join().expect("the reader").expect("output is UTF-8");
    (out, usage.ru_maxrss)
}

#[test]
fn a_large_file_of_date_code_is_checked_in_bounded_memory() {
    // 20,000 functions (1.7 MB), each building a date; every 1,000th a year-arithmetic bug.
    let mut src = String::from("use chrono::{Datelike, NaiveDate};\n");
    for i in 0..20_000 {
        if i % 1000 == 0 {
            src += &format!(
                "pub fn next_{i}(d: NaiveDate) -> NaiveDate {{ \
                 NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day()).unwrap() }}\n"
            );
        } else {
            src += &format!(
                "pub fn day_{i}(y: i32) -> Option<NaiveDate> {{ \
                 NaiveDate::from_ymd_opt(y, {}, {}) }}\n",
                1 + i % 12,
                1 + i % 28
            );
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data.rs");
    std::fs::write(&file, &src).unwrap();
    let path = file.to_str().unwrap();
    let (batches, batches_kib) = run_measured(&["--message-format", "short", path]);
    let (whole, whole_kib) = run_measured(&["--message-format", "short", "--no-prefilter", path]);
    assert_eq!(batches.lines().count(), 20, "{batches}");
    assert_eq!(batches, whole);
    // A syn tree takes about a hundred times its source: over 200 MB parsed whole, about
    // 50 MB in batches (most of it the process itself).
    assert!(
        batches_kib * 5 / 2 < whole_kib,
        "peak RSS {batches_kib} KiB in batches, {whole_kib} KiB whole"
    );
}
