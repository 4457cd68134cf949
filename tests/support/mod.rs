//! Helpers shared by the CLI, configuration, suppression and pre-commit tests: temporary
//! projects and runs of the real binary (with a timeout, so a hang fails instead of blocking).

#![allow(dead_code)] // each test file uses a different part

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_cargo-leapcheck");

/// The 2012 Azure shape (`year_arithmetic_on_date`, deny), on line 3 of the file.
pub const LEAP_BUG: &str = "use chrono::{Datelike, NaiveDate};
pub fn renew(start: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day())
}
";

pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Project {
        Project {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// A single-package project named `demo`.
    pub fn package() -> Project {
        let p = Project::new();
        p.file("Cargo.toml", &manifest("demo", ""));
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str, contents: &str) -> &Project {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(".", args)
    }

    pub fn run_in(&self, sub: &str, args: &[&str]) -> Run {
        let mut cmd = Command::new(BIN);
        cmd.args(["--color", "never"])
            .args(args)
            .current_dir(self.path().join(sub));
        run(cmd)
    }
}

/// A package manifest with `extra` appended (e.g. a `[package.metadata.leapcheck]` table).
pub fn manifest(name: &str, extra: &str) -> String {
    format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n{extra}")
}

#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code, expected,
            "exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_lacks(&self, needle: &str) -> &Run {
        assert!(
            !self.stdout.contains(needle),
            "stdout has {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// `path:line:col` of every finding of `--message-format short`, with its lint.
    pub fn short(&self) -> Vec<String> {
        self.stdout
            .lines()
            .filter_map(|l| {
                let (at, rest) = l.split_once(": ")?;
                let lint = rest.split_once('[')?.1.split_once(']')?.0;
                Some(format!("{at} {lint}"))
            })
            .collect()
    }

    /// The effective level of `lint` in `--list` output.
    pub fn listed_level(&self, lint: &str) -> String {
        let line = self
            .stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(lint))
            .unwrap_or_else(|| panic!("{lint} not listed:\n{}", self.stdout));
        line.split_whitespace().nth(3).unwrap().to_string()
    }
}

/// Runs with reproducible settings and a timeout, so a hang (a FIFO opened for reading) fails
/// the test instead of blocking the suite.
pub fn run(mut cmd: Command) -> Run {
    cmd.env("LEAPCHECK_TODAY", "2026-11-24")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn cargo-leapcheck");
    // Drain the pipes on threads so a large report cannot fill them and block the child.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_thread = std::thread::spawn(move || {
        let mut s = String::new();
        out.read_to_string(&mut s).unwrap();
        s
    });
    let err_thread = std::thread::spawn(move || {
        let mut s = String::new();
        err.read_to_string(&mut s).unwrap();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            panic!("cargo-leapcheck did not finish within 120 s: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: out_thread.join().unwrap(),
        stderr: err_thread.join().unwrap(),
    }
}
