//! End-to-end tests of `cargo leapcheck replay` (issues 4 and 13, "Done when"): the faked
//! clock seen by every clock API, the transfer-certificate scenario, timeouts, errors, static
//! binaries, the installed binary; absolute waits, the coarse clock and daemons with small C
//! programs; the control run, clock reads, sweeps, tags and reports.

#![cfg(target_os = "linux")]

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{cargo, install, repo, run_with, Project, Run, BIN};

/// A replay may build its target with cargo first (`--bin`, `--test`): on a busy two-core
/// machine that can take minutes.
const LIMIT: Duration = Duration::from_secs(900);

/// Builds the binaries of a workspace package once and returns name → executable.
fn bins(package: &str) -> HashMap<String, PathBuf> {
    static CACHE: OnceLock<std::sync::Mutex<HashMap<String, HashMap<String, PathBuf>>>> =
        OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(b) = cache.get(package) {
        return b.clone();
    }
    let mut cmd = Command::new(cargo());
    cmd.args(["build", "--bins", "--message-format=json", "-p", package])
        .current_dir(repo());
    let build = run_with(cmd, None, LIMIT);
    assert_eq!(
        build.code, 0,
        "cargo build -p {package} failed:\n{}",
        build.stderr
    );
    let mut map = HashMap::new();
    for line in build.stdout.lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if let (Some(name), Some(exe)) = (v["target"]["name"].as_str(), v["executable"].as_str()) {
            map.insert(name.to_string(), PathBuf::from(exe));
        }
    }
    cache.insert(package.to_string(), map.clone());
    map
}

impl Run {
    fn records(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}\n{self:?}"))
            })
            .collect()
    }
    /// Instant records (neither the baseline, nor the control run, nor the summary).
    fn instants(&self) -> Vec<Value> {
        self.records()
            .into_iter()
            .filter(|r| {
                r.get("instant")
                    .is_some_and(|i| i != "baseline" && i != "control")
            })
            .collect()
    }
    /// The record of the run named `instant` (`baseline`, `control`, an RFC 3339 instant).
    fn record(&self, instant: &str) -> Value {
        self.records()
            .into_iter()
            .find(|r| r["instant"] == instant)
            .unwrap_or_else(|| panic!("no record for {instant}: {self:?}"))
    }
}

fn replay<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = Command::new(BIN);
    // As for a user who did not set them (a developer's RUST_BACKTRACE=0 would hide the
    // frames replay traces panics with).
    cmd.arg("replay")
        .args(args)
        .current_dir(repo())
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
    run_with(cmd, None, LIMIT)
}

/// The report's prose with its line wrapping undone, to look for a sentence in it.
fn prose(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `replay FLAGS... -- COMMAND...`, with the human report.
fn replay_cmd(flags: &[&str], command: &[&str]) -> Run {
    replay(flags.iter().chain(&["--"]).chain(command))
}

/// `replay --message-format json FLAGS... -- COMMAND...`.
fn replay_json(flags: &[&str], command: &[&str]) -> Run {
    replay_cmd(&[&["--message-format", "json"], flags].concat(), command)
}

/// A path as an argument of [`replay_cmd`] (the temporary and target directories of the tests
/// have UTF-8 paths).
fn arg(path: &Path) -> &str {
    path.to_str()
        .unwrap_or_else(|| panic!("not UTF-8: {}", path.display()))
}

/// The instant most tests replay at: the leap day, where the 2012 bug breaks.
const LEAP_DAY: &str = "2024-02-29T12:00:00Z";

fn probe() -> PathBuf {
    bins("clock-probe")["clock-probe"].clone()
}

/// Every wall-clock API sees the faked instant; Instant still measures real time. The probe
/// (`tests/clock-probe`) exits 1 listing any reading that is off, and is built here through
/// replay's own `--bin` path.
#[test]
fn every_clock_api_sees_the_faked_instant() {
    let r = replay_json(
        &[
            "-p",
            "clock-probe",
            "--bin",
            "clock-probe",
            "--at",
            LEAP_DAY,
            "--at",
            "2038-01-19T03:14:08Z",
            "--at",
            "2100-02-28T23:59:59Z",
            "--at",
            "1970-01-01T00:00:00Z",
        ],
        &["check", "auto"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let recs = r.instants();
    assert_eq!(recs.len(), 4, "{r:?}");
    for rec in recs {
        assert_eq!(rec["outcome"], "pass", "{rec}\n{r:?}");
    }
}

/// `--rate 60`: a 50 ms sleep moves the faked wall clock by about 3 s (checked by the probe),
/// while `Instant` still measures about 50 ms.
#[test]
fn rate_speeds_up_the_faked_clock_only() {
    let probe = probe();
    let r = replay_json(
        &["--rate", "60", "--at", LEAP_DAY],
        &[arg(&probe), "check", "auto", "60"],
    );
    let recs = r.instants();
    assert_eq!(recs[0]["outcome"], "pass", "{r:?}");
}

/// A clock before 1970 makes chrono's `Utc::now` panic: replay reports it as a panic with the
/// panic message as the reason, and exit 1 because the baseline passes.
#[test]
fn panic_message_is_the_reason() {
    let probe = probe();
    let r = replay_json(
        &["--at", "1969-12-31T23:59:59Z"],
        &[arg(&probe), "check", "auto"],
    );
    assert_eq!(r.code, 1, "{r:?}");
    let recs = r.records();
    assert_eq!(recs[0]["instant"], "baseline");
    assert_eq!(recs[0]["outcome"], "pass");
    assert_eq!(recs[1]["instant"], "control");
    assert_eq!(recs[1]["outcome"], "pass");
    let rec = &recs[2];
    assert_eq!(rec["outcome"], "panic", "{r:?}");
    assert_eq!(rec["exit_code"], 101);
    assert!(
        rec["reason"]
            .as_str()
            .unwrap()
            .starts_with("system time before Unix epoch"),
        "{rec}"
    );
    let location = rec["location"].as_str().unwrap();
    assert!(location.contains(".rs:"), "{rec}");
    let tail = rec["output"]["stderr"].as_array().unwrap();
    assert!(
        tail.iter()
            .any(|l| l.as_str().unwrap().contains("panicked at")),
        "{rec}"
    );
    assert_eq!(
        recs.last().unwrap()["summary"],
        serde_json::json!({"instants": 1, "failed": 1, "baseline": "pass", "control": "pass"})
    );
}

/// The JSON lines have exactly the spec's fields, in order, and the human table and the
/// `why` of each risky instant are there.
#[test]
fn json_records_follow_the_spec() {
    let r = replay_json(&["--at", LEAP_DAY, "--instants", "risky"], &["true"]);
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(
        lines[0]
            .starts_with(r#"{"instant":"baseline","outcome":"pass","exit_code":0,"duration_ms":"#),
        "{}",
        lines[0]
    );
    let leap = lines
        .iter()
        .find(|l| l.contains(r#""instant":"2024-02-29T12:00:00Z""#))
        .unwrap();
    assert!(
        leap.starts_with(r#"{"instant":"2024-02-29T12:00:00Z","why":"leap day"#),
        "{leap}"
    );
    let recs = r.instants();
    assert_eq!(recs.len(), 20, "risky set plus a duplicate --at: {r:?}");
    assert!(recs
        .iter()
        .all(|v| v["why"].as_str().is_some_and(|w| !w.is_empty())));
    let mut sorted: Vec<&str> = recs
        .iter()
        .map(|v| v["instant"].as_str().unwrap())
        .collect();
    let order = sorted.clone();
    sorted.sort_by_key(|s| s.parse::<jiff::Timestamp>().unwrap());
    assert_eq!(order, sorted, "instant order");
    assert_eq!(
        lines.last().unwrap(),
        &r#"{"summary":{"instants":20,"failed":0,"baseline":"pass","control":"pass"}}"#
    );
    // Pre-epoch is opt-in: not in `risky`.
    assert!(!r.stdout.contains("1969-12-31T23:59:59Z"), "{r:?}");

    let human = replay_cmd(&["--at", LEAP_DAY], &["false"]);
    assert_eq!(human.code, 3, "baseline fails too: {human:?}");
    assert!(human.stdout.starts_with("INSTANT"), "{human:?}");
    assert!(human.stdout.contains("fail(1)"), "{human:?}");
    assert!(human.stderr.contains("replay: [1/1] 2024-02-29T12:00:00Z"));
}

/// `--tz` sets TZ for the runs and adds the zone's DST gap and overlap to the risky set.
#[test]
fn tz_sets_the_zone_and_adds_dst_instants() {
    let list = replay(["--tz", "Europe/Berlin", "--list-instants"]);
    assert_eq!(list.code, 0, "{list:?}");
    let line = |label: &str| {
        list.stdout
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label}: {list:?}"))
            .to_string()
    };
    let gap = line("2025-03-30T00:59:59Z");
    assert!(gap.contains(" dst ") && gap.contains("DST gap"), "{gap}");
    assert!(line("2025-10-26T01:30:00Z").contains("DST overlap"));
    let r = replay_json(
        &["--tz", "America/New_York", "--at", "2024-07-01T08:00"],
        &["sh", "-c", "test \"$(date +%H:%M)\" = 08:00"],
    );
    let recs = r.instants();
    assert_eq!(recs[0]["instant"], "2024-07-01T12:00:00Z", "{r:?}");
    assert_eq!(recs[0]["outcome"], "pass", "{r:?}");
}

/// `replay --message-format json --cert DIR/cert.pem FLAGS... -- ISSUER {cert}`, ISSUER a
/// binary of examples/transfer-cert; DIR (returned) holds the certificates the runs wrote.
fn transfer_cert(issuer: &str, flags: &[&str]) -> (Run, tempfile::TempDir) {
    let b = bins("transfer-cert");
    let dir = tempfile::tempdir().unwrap();
    let cert = dir.path().join("cert.pem");
    let r = replay_json(
        &[&["--cert", arg(&cert)], flags].concat(),
        &[arg(&b[issuer]), "{cert}"],
    );
    (r, dir)
}

/// [`transfer_cert`] with one-year certificates checked by the example's verifier on both
/// sides of their expiry.
fn transfer_cert_verified(issuer: &str, flags: &[&str]) -> (Run, tempfile::TempDir) {
    let verify = format!(
        "{} {{cert}}",
        bins("transfer-cert")["verify-cert"].display()
    );
    transfer_cert(
        issuer,
        &[&["--validity", "1y", "--verify", &verify], flags].concat(),
    )
}

fn assert_cert_ok(rec: &Value) {
    let cert = &rec["cert"];
    let days = cert["validity_days"].as_i64().unwrap_or(-1);
    assert!(days == 365 || days == 366, "validity {days}: {rec}");
    assert_eq!(cert["verify_before_expiry"], "pass", "{rec}");
    assert_eq!(cert["verify_after_expiry"], "fail", "{rec}");
    let nb: jiff::Timestamp = cert["not_before"].as_str().unwrap().parse().unwrap();
    let Ok(at) = rec["instant"].as_str().unwrap().parse::<jiff::Timestamp>() else {
        return; // the baseline
    };
    assert!(
        (nb.as_second() - at.as_second()).abs() <= 2,
        "notBefore {nb} vs instant {at}"
    );
}

/// The 2012 bug: the buggy issuer panics (rcgen's message) at exactly the Feb 29 instants of
/// the risky set and passes everywhere else, with expiry verified on both sides of notAfter.
#[test]
fn buggy_issuer_fails_exactly_on_feb_29() {
    let (r, dir) = transfer_cert_verified("issue-buggy", &[]);
    assert_eq!(r.code, 1, "{r:?}");
    let rel = "examples/transfer-cert/src/bin/issue-buggy.rs";
    let src = std::fs::read_to_string(repo().join(rel)).unwrap();
    let (n, text) = src
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("rcgen::date_time_ymd(now.year() + 1"))
        .unwrap();
    let buggy_line = format!("{rel}:{}:{}", n + 1, text.find("rcgen::").unwrap() + 1);
    let recs = r.instants();
    assert_eq!(recs.len(), 20, "{r:?}");
    let mut failed = Vec::new();
    for rec in &recs {
        let instant = rec["instant"].as_str().unwrap();
        if instant.contains("-02-29T") {
            failed.push(instant.to_string());
            assert_eq!(rec["outcome"], "panic", "{rec}");
            assert!(
                rec["reason"]
                    .as_str()
                    .unwrap()
                    .starts_with("invalid or out-of-range date"),
                "{rec}"
            );
            assert_eq!(rec["cert"]["not_after"], Value::Null, "{rec}");
            assert_eq!(rec["cert"]["verify_before_expiry"], Value::Null, "{rec}");
            // rcgen panics inside rcgen; the backtrace leads to the buggy line.
            assert!(rec["location"].as_str().unwrap().contains("rcgen"), "{rec}");
            assert_eq!(rec["called_from"], buggy_line.as_str(), "{rec}");
        } else {
            assert_eq!(rec["outcome"], "pass", "{rec}");
            assert_cert_ok(rec);
        }
    }
    assert_eq!(
        failed,
        [
            "2000-02-29T12:00:00Z",
            "2024-02-29T00:00:00Z",
            "2024-02-29T12:00:00Z",
            "2024-02-29T23:59:59Z",
            "2028-02-29T12:00:00Z"
        ]
    );
    // Each instant wrote its own certificate next to --cert PATH.
    assert!(dir.path().join("cert.2025-01-31T12-00-00Z.pem").exists());
}

/// The fix passes at every instant; Feb 29 + 1y is reported as a clamp, not a failure.
#[test]
fn fixed_issuer_passes_everywhere() {
    let (r, _dir) = transfer_cert_verified("issue-fixed", &[]);
    assert_eq!(r.code, 0, "{r:?}");
    let recs = r.records();
    assert_cert_ok(&recs[0]); // the baseline runs the whole scenario on the real clock
    let recs = r.instants();
    assert_eq!(recs.len(), 20);
    for rec in &recs {
        assert_eq!(rec["outcome"], "pass", "{rec}");
        assert_cert_ok(rec);
        if rec["instant"] == "2024-02-29T12:00:00Z" {
            assert_eq!(rec["cert"]["not_after"], "2025-02-28T00:00:00Z");
            assert!(
                rec["reason"].as_str().unwrap().starts_with("clamp"),
                "{rec}"
            );
        }
    }
}

/// A verify command that ignores expiry is caught at notAfter + 1 s.
#[test]
fn verify_that_never_expires_is_a_failure() {
    let (r, _dir) = transfer_cert(
        "issue-fixed",
        &["--at", "2025-03-01T12:00:00Z", "--verify", "true {cert}"],
    );
    assert_eq!(r.code, 3, "the baseline's expiry replay fails too: {r:?}");
    let rec = &r.instants()[0];
    assert_eq!(rec["outcome"], "fail");
    assert_eq!(rec["cert"]["verify_after_expiry"], "pass");
    assert!(rec["reason"].as_str().unwrap().contains("notAfter + 1 s"));
}

/// A certificate that was not written is a failure, not a pass.
#[test]
fn missing_certificate_is_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let never = dir.path().join("never.pem");
    let r = replay_json(&["--at", LEAP_DAY, "--cert", arg(&never)], &["true"]);
    let recs = r.records();
    assert_eq!(recs[0]["outcome"], "fail", "{r:?}");
    assert!(recs[0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("no certificate"));
}

fn pid_alive(pid: i32) -> bool {
    // A zombie (reparented to an init that does not reap, as in some containers) is dead.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z') || rest.starts_with('X')),
        Err(_) => false,
    }
}

fn read_pids(file: &Path) -> Vec<i32> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect()
}

/// A hanging command is killed at --timeout together with its children and reported as timeout.
#[test]
fn timeout_kills_the_whole_process_group() {
    let probe = probe();
    let dir = tempfile::tempdir().unwrap();
    let pids = dir.path().join("pids");
    let started = Instant::now();
    let r = replay_json(
        &["--timeout", "1s", "--at", LEAP_DAY],
        &[arg(&probe), "hang", arg(&pids)],
    );
    assert!(started.elapsed() < Duration::from_secs(20), "{r:?}");
    assert_eq!(r.code, 3, "the baseline hangs too: {r:?}");
    let recs = r.records();
    assert_eq!(recs[0]["outcome"], "timeout", "{r:?}");
    assert_eq!(recs[1]["outcome"], "timeout", "{r:?}");
    assert_eq!(recs[2]["outcome"], "timeout", "{r:?}");
    assert_eq!(recs[2]["exit_code"], Value::Null);
    let children = read_pids(&pids);
    assert_eq!(
        children.len(),
        3,
        "one sleep per run (baseline, control, instant): {children:?}"
    );
    std::thread::sleep(Duration::from_millis(200));
    for pid in children {
        assert!(!pid_alive(pid), "child {pid} of a timed-out run survived");
    }
}

/// Ctrl-C (SIGINT) while runs are pending kills every run's process group.
#[test]
fn interrupt_leaves_nothing_running() {
    let probe = probe();
    let dir = tempfile::tempdir().unwrap();
    let pids = dir.path().join("pids");
    let mut child = Command::new(BIN)
        .args(["replay", "--timeout", "60s", "--jobs", "2", "--"])
        .arg(&probe)
        .arg("hang")
        .arg(&pids)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while read_pids(&pids).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let before = read_pids(&pids);
    assert_eq!(before.len(), 1, "the baseline is running");
    // SAFETY: sends SIGINT to the replay process we spawned.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(128 + libc::SIGINT));
    std::thread::sleep(Duration::from_millis(200));
    for pid in read_pids(&pids) {
        assert!(!pid_alive(pid), "{pid} survived Ctrl-C");
    }
}

#[test]
fn missing_command_is_an_error_with_exit_2() {
    let r = replay_cmd(&["--at", LEAP_DAY], &["no-such-command-leapcheck"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r
        .stderr
        .contains("command not found: no-such-command-leapcheck"));
    let r = replay(["--test", "no_such_test_target", "--at", LEAP_DAY]);
    assert_eq!(r.code, 2, "{r:?}");
    let r = replay_cmd(&["--at", "yesterday"], &["true"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("invalid --at"), "{r:?}");
}

/// The smallest static x86-64 Linux executable: no PT_INTERP, just `exit(0)` by system call.
/// It would "pass" at every instant if replay did not refuse it.
#[cfg(target_arch = "x86_64")]
fn tiny_static_elf() -> Vec<u8> {
    let code: [u8; 9] = [0xb8, 0x3c, 0, 0, 0, 0x31, 0xff, 0x0f, 0x05]; // mov eax,60; xor edi,edi; syscall
    let base: u64 = 0x40_0000;
    let total = (64 + 56 + code.len()) as u64;
    let mut e = Vec::new();
    e.extend_from_slice(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0");
    e.extend_from_slice(&2u16.to_le_bytes()); // ET_EXEC
    e.extend_from_slice(&0x3eu16.to_le_bytes()); // x86-64
    e.extend_from_slice(&1u32.to_le_bytes());
    e.extend_from_slice(&(base + 64 + 56).to_le_bytes()); // entry
    e.extend_from_slice(&64u64.to_le_bytes()); // phoff
    e.extend_from_slice(&0u64.to_le_bytes()); // shoff
    e.extend_from_slice(&0u32.to_le_bytes());
    for v in [64u16, 56, 1, 64, 0, 0] {
        e.extend_from_slice(&v.to_le_bytes());
    }
    e.extend_from_slice(&1u32.to_le_bytes()); // PT_LOAD
    e.extend_from_slice(&5u32.to_le_bytes()); // R+X
    for v in [0, base, base, total, total, 0x1000u64] {
        e.extend_from_slice(&v.to_le_bytes());
    }
    e.extend_from_slice(&code);
    e
}

#[cfg(target_arch = "x86_64")]
#[test]
fn static_binary_is_not_fakeable() {
    let dir = Project::new();
    dir.executable("static-exit0", tiny_static_elf());
    let exe = dir.path().join("static-exit0");
    // It really runs and exits 0 ...
    assert!(Command::new(&exe).status().unwrap().success());
    // ... but replay refuses it instead of reporting passes.
    let r = replay_cmd(&["--at", LEAP_DAY], &[arg(&exe)]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("cannot fake the clock"), "{r:?}");
    assert!(r.stderr.contains("statically linked"), "{r:?}");
    assert!(!r.stdout.contains("pass"), "{r:?}");
}

/// C code: a dynamically linked C program sees the faked `time()`; the same program linked
/// statically (`gcc -static`, glibc's libc.a — the musl target is not installable here) is
/// refused. Skipped with a note when no C compiler with static libc is present.
#[test]
fn c_programs_dynamic_faked_static_refused() {
    let dir = tempfile::tempdir().unwrap();
    let source =
        epoch_program("long long t = time(0);\n  return t >= want && t < want + 5 ? 0 : 1;");
    let dynamic = match try_c_program(dir.path(), "t-dyn", &source, &[]) {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("note: no C compiler; skipping the C program checks: {e}");
            return;
        }
    };
    let r = replay_json(&["--at", LEAP_DAY], &[arg(&dynamic), "1709208000"]);
    assert_eq!(r.instants()[0]["outcome"], "pass", "{r:?}");

    let stat = match try_c_program(dir.path(), "t-static", &source, &["-static"]) {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("note: no static libc; skipping the gcc -static check: {e}");
            return;
        }
    };
    let r = replay_cmd(&["--at", LEAP_DAY], &[arg(&stat), "1709208000"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("statically linked"), "{r:?}");
}

/// From a clean machine: `cargo install --path .` alone, then `cargo leapcheck replay` through
/// cargo's subcommand lookup, with an empty cache directory (the faked-clock library comes out
/// of the installed binary).
#[test]
fn installed_binary_replays_from_a_clean_cache() {
    let installed = install();
    let cache = tempfile::tempdir().unwrap();
    let probe = probe();
    let mut cmd = Command::new(cargo());
    cmd.args(["leapcheck", "replay", "--message-format", "json"])
        .args(["--at", LEAP_DAY, "--"])
        .arg(&probe)
        .args(["check", "1709208000"])
        .env("PATH", &installed.path)
        .env("XDG_CACHE_HOME", cache.path());
    let r = run_with(cmd, None, LIMIT);
    let rec = r.record("2024-02-29T12:00:00Z");
    assert_eq!(rec["outcome"], "pass", "{r:?}");
    // The library was written into the fresh cache.
    let written: Vec<_> = walk(cache.path());
    assert!(
        written
            .iter()
            .any(|p| p.ends_with("libleapcheck_fakeclock.so")),
        "{written:?}"
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// `--test NAME --filter F -- ARGS`: builds the integration test on the real clock, runs the
/// test binary with the filter, and names the failing test in the reason.
#[test]
fn test_target_with_filter() {
    let r = replay_json(
        &[
            "-p",
            "clock-probe",
            "--test",
            "renewal",
            "--filter",
            "renewal_",
            "--at",
            LEAP_DAY,
            "--at",
            "2024-03-01T12:00:00Z",
        ],
        &["--ignored"],
    );
    assert_eq!(r.code, 1, "{r:?}");
    let recs = r.instants();
    assert_eq!(recs[0]["outcome"], "panic", "{r:?}");
    assert_eq!(
        recs[0]["reason"],
        "renewal_same_day_next_year: no renewal date for 2024-02-29"
    );
    assert_eq!(recs[1]["outcome"], "pass", "{r:?}");
}

/// A Rust program linked statically (`-C target-feature=+crt-static`, a static-pie on the gnu
/// target: the musl target cannot be installed on this machine) is refused; the same source
/// linked dynamically passes. Skipped with a note when static glibc is missing.
#[test]
fn rust_crt_static_binary_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("now.rs");
    std::fs::write(
        &src,
        "fn main() {\n    let t = std::time::SystemTime::now();\n    \
         std::process::exit(i32::from(t.duration_since(std::time::UNIX_EPOCH).is_err()));\n}\n",
    )
    .unwrap();
    let rustc = |out: &Path, extra: &[&str]| {
        Command::new("rustc")
            .args(extra)
            .arg("-o")
            .arg(out)
            .arg(&src)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let dynamic = dir.path().join("now-dyn");
    let stat = dir.path().join("now-static");
    if !rustc(&dynamic, &[]) || !rustc(&stat, &["-C", "target-feature=+crt-static"]) {
        eprintln!("note: rustc or static glibc unavailable; skipping");
        return;
    }
    let at = |exe: &Path| replay_cmd(&["--at", LEAP_DAY], &[arg(exe)]);
    let r = at(&dynamic);
    assert_eq!(r.code, 0, "{r:?}");
    let r = at(&stat);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("statically linked"), "{r:?}");
}

/// Compiles a small C program with the system C compiler, as the replay tests of absolute
/// waits, the coarse clock and daemons need: they are about what C code (and every runtime
/// built on libc) does. A machine without `cc` fails these tests rather than skip them.
fn c_program(dir: &Path, name: &str, source: &str, flags: &[&str]) -> PathBuf {
    try_c_program(dir, name, source, flags).unwrap_or_else(|e| panic!("{e}"))
}

fn try_c_program(dir: &Path, name: &str, source: &str, flags: &[&str]) -> Result<PathBuf, String> {
    let src = dir.join(format!("{name}.c"));
    std::fs::write(&src, source).unwrap();
    let exe = dir.join(name);
    let out = Command::new("cc")
        .args(["-O1", "-Wall", "-o"])
        .arg(&exe)
        .arg(&src)
        .args(flags)
        .output()
        .map_err(|e| format!("these replay tests need a C compiler: `cc`: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cc {name}.c {flags:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(exe)
}

/// A C program run as `PROGRAM {epoch}`: `body` is its `main` after `want`, the Unix time of
/// the instant it runs at, is read from its argument.
fn epoch_program(body: &str) -> String {
    format!(
        "#include <stdio.h>\n#include <stdlib.h>\n#include <time.h>\n#include <unistd.h>\n\
         int main(int argc, char **argv) {{\n  long long want = atoll(argv[1]);\n  {body}\n}}\n"
    )
}

/// Waits on an absolute deadline one second (or a fifth of one) after the clock's now: each
/// must last that long in real time (measured on CLOCK_MONOTONIC). Untranslated, the 2038
/// instant would wait until the real clock reaches 2038 and the 2000 instant not at all.
const ABSOLUTE_WAITS: &str = r#"
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static double mono(void) {
  struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9;
}
static struct timespec ahead(clockid_t clk, long ms) {
  struct timespec t; clock_gettime(clk, &t);
  t.tv_sec += ms / 1000; t.tv_nsec += (ms % 1000) * 1000000L;
  if (t.tv_nsec >= 1000000000L) { t.tv_sec++; t.tv_nsec -= 1000000000L; }
  return t;
}
static int bad = 0;
static void check(const char *what, double t0, long ms, int r, int want) {
  double s = mono() - t0, d = ms / 1000.0;
  int ok = r == want && s >= d * 0.9 && s <= d + 1.0;
  printf("%s %s: %.3f s for %.3f s (returned %d)\n", ok ? "ok" : "WRONG", what, s, d, r);
  if (!ok) bad = 1;
}
static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static void *hold(void *go) { pthread_mutex_lock(&held); sem_post(go); usleep(400000);
  pthread_mutex_unlock(&held); return 0; }

int main(void) {
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  pthread_cond_t c = PTHREAD_COND_INITIALIZER;
  struct timespec t; double t0; int r;

  pthread_mutex_lock(&m);
  t = ahead(CLOCK_REALTIME, 1000); t0 = mono();
  check("pthread_cond_timedwait", t0, 1000, pthread_cond_timedwait(&c, &m, &t), ETIMEDOUT);
  t = ahead(CLOCK_REALTIME, 200); t0 = mono();
  check("pthread_cond_clockwait", t0, 200,
        pthread_cond_clockwait(&c, &m, CLOCK_REALTIME, &t), ETIMEDOUT);
  /* A condition variable on the monotonic clock keeps its deadline as it is. */
  pthread_condattr_t a; pthread_condattr_init(&a);
  pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
  pthread_cond_t mc; pthread_cond_init(&mc, &a);
  t = ahead(CLOCK_MONOTONIC, 200); t0 = mono();
  check("pthread_cond_timedwait (monotonic)", t0, 200, pthread_cond_timedwait(&mc, &m, &t), ETIMEDOUT);
  pthread_mutex_unlock(&m);

  sem_t s; sem_init(&s, 0, 0);
  t = ahead(CLOCK_REALTIME, 200); t0 = mono();
  r = sem_timedwait(&s, &t);
  check("sem_timedwait", t0, 200, r == -1 ? errno : r, ETIMEDOUT);

  sem_t go; sem_init(&go, 0, 0); pthread_t th;
  pthread_create(&th, 0, hold, &go); sem_wait(&go);
  t = ahead(CLOCK_REALTIME, 200); t0 = mono();
  check("pthread_mutex_timedlock", t0, 200, pthread_mutex_timedlock(&held, &t), ETIMEDOUT);
  pthread_join(th, 0);

  t = ahead(CLOCK_REALTIME, 200); t0 = mono();
  check("clock_nanosleep(TIMER_ABSTIME)", t0, 200,
        clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &t, 0), 0);

  int fd = timerfd_create(CLOCK_REALTIME, 0);
  struct itimerspec its = {{0, 0}, ahead(CLOCK_REALTIME, 200)};
  t0 = mono();
  timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, 0);
  uint64_t n; r = read(fd, &n, sizeof n) == sizeof n ? 0 : -1;
  check("timerfd_settime(TFD_TIMER_ABSTIME)", t0, 200, r, 0);
  return bad;
}
"#;

/// Item 1 of the replay issue: absolute wall-clock deadlines are translated, so a one-second
/// `pthread_cond_timedwait` takes about one second at a 2038 and at a 2000 instant (and so do
/// the other waits); monotonic deadlines are left alone.
#[test]
fn absolute_deadline_waits_last_as_long_at_every_instant() {
    let dir = tempfile::tempdir().unwrap();
    let exe = c_program(dir.path(), "waits", ABSOLUTE_WAITS, &["-pthread"]);
    let r = replay_json(
        &[
            "--timeout",
            "10s",
            "--at",
            "2038-01-19T03:14:08Z",
            "--at",
            "2000-02-29T12:00:00Z",
        ],
        &[arg(&exe)],
    );
    assert_eq!(r.code, 0, "{r:?}");
    for rec in r.instants() {
        assert_eq!(rec["outcome"], "pass", "{rec}\n{r:?}");
        let ms = rec["duration_ms"].as_u64().unwrap();
        assert!((1900..6000).contains(&ms), "{ms} ms: {rec}");
    }
}

/// Item 2: `CLOCK_REALTIME_COARSE` lags the precise clock by up to a tick; it must still never
/// read before the instant. `{epoch}` gives the program the instant it runs at; each run
/// checks its first read and a thousand more, at several instants.
#[test]
fn coarse_clock_never_reads_before_the_instant() {
    let dir = tempfile::tempdir().unwrap();
    let exe = c_program(
        dir.path(),
        "coarse",
        &epoch_program(
            r#"for (int i = 0; i < 1000; i++) {
    struct timespec t; clock_gettime(CLOCK_REALTIME_COARSE, &t);
    if (t.tv_sec < want) {
      printf("read %lld.%09ld, before %lld (read %d)\n", (long long)t.tv_sec, t.tv_nsec, want, i);
      return 1;
    }
  }
  return 0;"#,
        ),
        &[],
    );
    let mut flags = vec!["--jobs", "4"];
    for at in [
        "1970-01-01T00:00:00Z",
        "2038-01-19T03:14:08Z",
        "2000-01-01T00:00:00Z",
        "2024-02-29T00:00:00Z",
        "2024-03-01T00:00:00Z",
        "2025-01-01T00:00:00Z",
        "2026-01-01T00:00:00Z",
        "2100-01-01T00:00:00Z",
    ] {
        flags.extend(["--at", at]);
    }
    for _ in 0..3 {
        let r = replay_json(&flags, &[arg(&exe), "{epoch}"]);
        assert_eq!(r.code, 0, "{r:?}");
        assert_eq!(r.instants().len(), 8, "{r:?}");
    }
}

/// Item 3: a daemon (a child that calls `setsid`, then forks the process that stays) is gone
/// when replay returns, for the baseline and every instant, and the report counts it.
#[test]
fn setsid_grandchild_is_gone_when_replay_returns() {
    let dir = tempfile::tempdir().unwrap();
    let exe = c_program(
        dir.path(),
        "daemon",
        r#"
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
/* The daemon records its pid, then tells its parent through the pipe: only then does the
   command exit, so the daemon is running when the command ends. */
int main(int argc, char **argv) {
  int ready[2]; pipe(ready);
  pid_t c = fork();
  if (c == 0) {
    setsid();
    if (fork() == 0) {
      FILE *f = fopen(argv[1], "a"); fprintf(f, "%d\n", (int)getpid()); fclose(f);
      write(ready[1], "x", 1);
      for (;;) pause();
    }
    char x; read(ready[0], &x, 1);
    _exit(0);
  }
  waitpid(c, 0, 0);
  return 0;
}
"#,
        &[],
    );
    let pids = dir.path().join("pids");
    let r = replay_json(
        &["--at", LEAP_DAY, "--at", "2038-01-19T03:14:08Z"],
        &[arg(&exe), arg(&pids)],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let daemons = read_pids(&pids);
    let runs: Vec<Value> = r
        .records()
        .into_iter()
        .filter(|v| v.get("instant").is_some())
        .collect();
    assert_eq!(daemons.len(), runs.len(), "one daemon per run: {r:?}");
    for pid in daemons {
        assert!(!pid_alive(pid), "daemon {pid} outlived the replay");
    }
    for rec in runs {
        assert_eq!(rec["killed"], 1, "{rec}");
    }
}

/// Where `clock-probe next-month` panics: `tests/clock-probe/src/main.rs:LINE:`.
fn next_month_panic_line() -> String {
    let rel = "tests/clock-probe/src/main.rs";
    let src = std::fs::read_to_string(repo().join(rel)).unwrap();
    let line = src
        .lines()
        .position(|l| l.contains(".expect(\"the same day next month exists\")"))
        .expect("the expect in clock-probe next-month")
        + 1;
    format!("{rel}:{line}:")
}

/// Item 8 and its "Done when": "the same day next month" (chrono, the naive way) swept over
/// January 2028 day by day fails on exactly Jan 30 and Jan 31 (2028 is a leap year: Feb 29
/// exists), and the human report names the panic location, shows the panic output and
/// groups the failing days.
#[test]
fn sweep_finds_exactly_the_days_month_arithmetic_breaks() {
    let probe = probe();
    let command = [arg(&probe), "next-month"];
    let r = replay_json(
        &[
            "--sweep",
            "2028-01-01..2028-01-31",
            "--step",
            "1d",
            "-j",
            "4",
        ],
        &command,
    );
    assert_eq!(r.code, 1, "{r:?}");
    let recs = r.instants();
    assert_eq!(recs.len(), 31, "{r:?}");
    let failing: Vec<&Value> = recs.iter().filter(|v| v["outcome"] != "pass").collect();
    let days: Vec<&str> = failing
        .iter()
        .map(|v| v["instant"].as_str().unwrap())
        .collect();
    assert_eq!(
        days,
        ["2028-01-30T12:00:00Z", "2028-01-31T12:00:00Z"],
        "{r:?}"
    );
    let line = next_month_panic_line();
    for rec in &failing {
        assert_eq!(rec["outcome"], "panic", "{rec}");
        assert!(
            rec["location"].as_str().unwrap().starts_with(&line),
            "{rec}"
        );
        assert!(rec["clock_reads"].as_u64().unwrap() >= 1, "{rec}");
    }

    // `2028-01` is the same sweep; the human report is what a user reads.
    let human = replay_cmd(&["--sweep", "2028-01"], &command);
    assert_eq!(human.code, 1, "{human:?}");
    let out = &human.stdout;
    assert!(
        out.contains(&format!("panic: the same day next month exists (at {line}")),
        "{human:?}"
    );
    assert!(
        out.contains("| thread 'main'"),
        "the panic output: {human:?}"
    );
    assert!(
        prose(out).contains(
            "fails on 2028-01-30, 2028-01-31 (2 of 31 instants); the baseline and the control \
             run pass: these failures are date bugs."
        ),
        "{human:?}"
    );
    assert!(out.lines().all(|l| l.chars().count() <= 100), "{human:?}");
}

/// Item 5: a program that fails only when something is preloaded (here it refuses
/// LD_PRELOAD outright; AddressSanitizer does the same) passes on the real clock and fails
/// under the faked clock at the real time: replay says the faked clock breaks it, runs no
/// instant, and exits 4 instead of reporting date bugs.
#[test]
fn control_run_blames_the_faked_clock_not_dates() {
    let dir = tempfile::tempdir().unwrap();
    let refuses = c_program(
        dir.path(),
        "refuses",
        r#"
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  const char *p = getenv("LD_PRELOAD");
  if (p) { fprintf(stderr, "refusing to run with LD_PRELOAD=%s\n", p); return 3; }
  return 0;
}
"#,
        &[],
    );
    let r = replay_json(&["--at", LEAP_DAY], &[arg(&refuses)]);
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(r.record("baseline")["outcome"], "pass");
    let control = r.record("control");
    assert_eq!(control["outcome"], "fail", "{r:?}");
    assert!(control["reason"]
        .as_str()
        .unwrap()
        .starts_with("refusing to run"));
    assert!(r.instants().is_empty(), "no instant runs: {r:?}");
    assert_eq!(
        r.records().last().unwrap()["summary"],
        serde_json::json!({"instants": 0, "failed": 0, "baseline": "pass", "control": "fail"})
    );
    let human = replay_cmd(&["--at", LEAP_DAY], &[arg(&refuses)]);
    assert_eq!(human.code, 4, "{human:?}");
    assert!(
        prose(&human.stdout).contains("the faked clock itself breaks this program"),
        "{human:?}"
    );
    assert!(
        !prose(&human.stdout).contains("failures are date bugs"),
        "{human:?}"
    );

    // The real case: a sanitizer runtime that must come first in the library list.
    match try_c_program(
        dir.path(),
        "asan",
        "int main(void) { return 0; }\n",
        &["-fsanitize=address"],
    ) {
        Ok(asan) => {
            let r = replay_json(&["--at", LEAP_DAY], &[arg(&asan)]);
            assert_eq!(r.code, 4, "{r:?}");
        }
        Err(e) => eprintln!("note: no AddressSanitizer here, its case is skipped: {e}"),
    }
}

/// Item 6: a program that never reads the wall clock passes every instant, and the report
/// says that nothing was tested; one that reads it has its reads counted and no warning.
#[test]
fn a_program_that_never_reads_the_clock_is_called_out() {
    let dir = tempfile::tempdir().unwrap();
    let quiet = c_program(dir.path(), "quiet", "int main(void) { return 0; }\n", &[]);
    let reader = c_program(
        dir.path(),
        "reader",
        "#include <time.h>\nint main(void) { return time(0) == 12345; }\n",
        &[],
    );
    let at = ["--at", LEAP_DAY, "--at", "2038-01-19T03:14:08Z"];
    let human = |exe: &Path| replay_cmd(&at, &[arg(exe)]);
    let r = human(&quiet);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        prose(&r.stdout)
            .contains("warning: the program never read the wall clock: nothing was tested"),
        "{r:?}"
    );
    let j = replay_json(&at, &[arg(&quiet)]);
    assert_eq!(j.record("baseline")["clock_reads"], Value::Null);
    assert!(j.instants().iter().all(|v| v["clock_reads"] == 0), "{j:?}");

    let r = human(&reader);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!r.stdout.contains("never read"), "{r:?}");
    let j = replay_json(&at, &[arg(&reader)]);
    assert!(j.instants().iter().all(|v| v["clock_reads"] == 1), "{j:?}");
}

/// Item 4: `--at` takes every instant the faked clock represents (past 2262, before 1677);
/// `--rate 0` freezes it; `--keep-output` keeps each run's whole output.
#[test]
fn whole_range_frozen_clock_and_kept_output() {
    let dir = tempfile::tempdir().unwrap();
    let exe = c_program(
        dir.path(),
        "when",
        &epoch_program(
            r#"struct timespec a, b;
  clock_gettime(CLOCK_REALTIME, &a);
  usleep(100000);
  clock_gettime(CLOCK_REALTIME, &b);
  printf("%lld.%09ld %lld.%09ld\n", (long long)a.tv_sec, a.tv_nsec, (long long)b.tv_sec, b.tv_nsec);
  return a.tv_sec >= want && a.tv_sec < want + 5 ? 0 : 1;"#,
        ),
        &[],
    );
    let r = replay_json(
        &[
            "--at",
            "2262-04-12T00:00:00Z",
            "--at",
            "9999-12-30T12:00:00Z",
            "--at",
            "1600-03-01T00:00:00Z",
        ],
        &[arg(&exe), "{epoch}"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.instants().len(), 3, "{r:?}");

    let kept = dir.path().join("out");
    let r = replay_json(
        &["--rate", "0", "--at", LEAP_DAY, "--keep-output", arg(&kept)],
        &[arg(&exe), "{epoch}"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let frozen = std::fs::read_to_string(kept.join("2024-02-29T12-00-00Z.stdout")).unwrap();
    assert_eq!(frozen, "1709208000.000000000 1709208000.000000000\n");
    assert!(kept.join("baseline.stdout").exists() && kept.join("control.stderr").exists());
}

/// Item 4: `--rate` with `--cert` no longer fails for the rate's sake: notBefore may be as
/// late as the run on the fast clock, and the expiry checks run at the real speed.
#[test]
fn rate_with_cert_gives_no_false_failures() {
    let (r, _dir) = transfer_cert_verified(
        "issue-fixed",
        &["--rate", "3600", "--at", "2025-03-01T12:00:00Z"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let rec = r.record("2025-03-01T12:00:00Z");
    assert_eq!(rec["outcome"], "pass", "{rec}");
    assert_eq!(rec["cert"]["verify_before_expiry"], "pass", "{rec}");
    assert_eq!(rec["cert"]["verify_after_expiry"], "fail", "{rec}");
}

/// Item 8: tags select instants (pre-epoch only when asked), `--skip` drops tags and
/// instants, and an unknown tag is an error that lists the known ones.
#[test]
fn instant_tags_and_skip() {
    let list = |args: &[&str]| {
        let mut a = args.to_vec();
        a.push("--list-instants");
        let r = replay(a);
        assert_eq!(r.code, 0, "{r:?}");
        r.stdout
    };
    let picked = list(&[
        "--instants",
        "leap-day,y2038",
        "--skip",
        "2024-02-29T00:00:00Z",
    ]);
    let labels: Vec<&str> = picked.lines().map(|l| &l[..20]).collect();
    assert_eq!(
        labels,
        [
            "2000-02-29T12:00:00Z",
            "2024-02-29T12:00:00Z",
            "2024-02-29T23:59:59Z",
            "2028-02-29T12:00:00Z",
            "2038-01-19T03:14:08Z",
            "2100-02-28T23:59:59Z"
        ]
    );
    assert!(!list(&[]).contains("1969-12-31"));
    assert!(list(&["--instants", "all"]).contains("1969-12-31T23:59:59Z  pre-epoch"));
    let no_month_ends = list(&["--skip", "month-end"]);
    assert!(!no_month_ends.contains("month-end") && no_month_ends.contains("leap-day"));
    let r = replay_cmd(&["--instants", "leapday"], &["true"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("leap-day, month-end, year-end"), "{r:?}");
}

/// Item 4: a local time in a DST gap is refused unless `--gap` says which side to run, and
/// the report names the instant actually used.
#[test]
fn local_time_in_a_dst_gap_is_refused_or_resolved() {
    let at = ["--tz", "Europe/Berlin", "--at", "2025-03-30T02:30"];
    let r = replay_cmd(&at, &["true"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("does not exist in Europe/Berlin"),
        "{r:?}"
    );
    let r = replay_json(&[&at[..], &["--gap", "later"]].concat(), &["true"]);
    assert_eq!(r.code, 0, "{r:?}");
    let rec = &r.instants()[0];
    assert_eq!(rec["instant"], "2025-03-30T01:30:00Z");
    assert!(
        rec["why"].as_str().unwrap().contains("03:30:00+02:00"),
        "{rec}"
    );
}
