//! The one support module of the integration tests: temporary projects and workspaces, runs of
//! the real binary (with a timeout, and with its pipes drained on threads, so that a hang or a
//! large report fails the test instead of blocking the suite), and readers of what it prints.

use std::ffi::OsString;
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_cargo-leapcheck");

/// The date notes count from in every run (`LEAPCHECK_TODAY`), for reproducible output.
pub const TODAY: &str = "2026-11-24";

/// How long a run may take before it is killed and the test fails.
pub const LIMIT: Duration = Duration::from_secs(120);

/// The 2012 Azure shape (`year_arithmetic_on_date`, deny), on line 3 of the file.
pub const LEAP_BUG: &str = "use chrono::{Datelike, NaiveDate};
pub fn renew(start: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day()).unwrap()
}
";

/// A `[dependencies]` table with chrono, for manifests whose code imports it (`cargo metadata
/// --no-deps` does not resolve it, so nothing is downloaded).
pub const CHRONO: &str = "[dependencies]\nchrono = \"0.4\"\n";

/// This repository (the root package's directory).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The cargo running the tests.
pub fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// A temporary directory, removed when dropped, to build a project in.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Project {
        Project {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// A single-package project named `demo` without dependencies.
    pub fn package() -> Project {
        Project::package_with("demo", "")
    }

    /// A single-package project named `demo` that depends on chrono (see [`CHRONO`]).
    pub fn chrono() -> Project {
        Project::package_with("demo", CHRONO)
    }

    /// A single-package project named `name` with `extra` in its manifest (see [`manifest`]).
    pub fn package_with(name: &str, extra: &str) -> Project {
        let p = Project::new();
        p.file("Cargo.toml", &manifest(name, extra));
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `rel` (creating its directories).
    pub fn file(&self, rel: &str, contents: &str) -> &Project {
        self.bytes(rel, contents.as_bytes())
    }

    pub fn bytes(&self, rel: &str, contents: &[u8]) -> &Project {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Writes `rel` as an executable file (a script, a program).
    pub fn executable(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Project {
        self.bytes(rel, contents.as_ref());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::Permissions::from_mode(0o755);
            std::fs::set_permissions(self.path().join(rel), mode).unwrap();
        }
        self
    }

    /// `cargo-leapcheck ARGS` in the project's directory.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(".", args)
    }

    /// `cargo-leapcheck ARGS` in the subdirectory `sub`.
    pub fn run_in(&self, sub: &str, args: &[&str]) -> Run {
        run(self.command(sub, args))
    }

    /// `cargo-leapcheck --message-format short ARGS` (one line a finding: see [`Run::short`]).
    pub fn run_short(&self, args: &[&str]) -> Run {
        self.run_short_in(".", args)
    }

    /// `cargo-leapcheck --message-format short ARGS` in the subdirectory `sub`.
    pub fn run_short_in(&self, sub: &str, args: &[&str]) -> Run {
        self.run_in(sub, &[&["--message-format", "short"], args].concat())
    }

    /// `cargo-leapcheck --message-format short --color never ARGS`, killed (and the test
    /// failed) after `limit` instead of the usual [`LIMIT`]: for inputs that may make it hang.
    pub fn run_short_within(&self, args: &[&str], limit: Duration) -> Run {
        let all = [&["--message-format", "short", "--color", "never"], args].concat();
        run_with(self.command(".", &all), None, limit)
    }

    /// `cargo-leapcheck ARGS` in the project's directory, with `stdin` as its input.
    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        run_with(self.command(".", args), Some(stdin.as_bytes()), LIMIT)
    }

    fn command(&self, sub: &str, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args).current_dir(self.path().join(sub));
        cmd
    }
}

/// A package manifest with `extra` appended (a `[dependencies]` table, a
/// `[package.metadata.leapcheck]` table, ...).
pub fn manifest(name: &str, extra: &str) -> String {
    format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n{extra}")
}

/// The manifest of a package named `name` that depends on chrono.
pub fn chrono_manifest(name: &str) -> String {
    manifest(name, CHRONO)
}

/// What a run printed, and its exit status (-1 when killed by a signal).
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl fmt::Debug for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

impl Run {
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(self.code, expected, "exit status\n{self:?}");
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n{self:?}"
        );
        self
    }

    #[track_caller]
    pub fn stdout_lacks(&self, needle: &str) -> &Run {
        assert!(
            !self.stdout.contains(needle),
            "stdout has {needle:?}\n{self:?}"
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n{self:?}"
        );
        self
    }

    /// `path:line:col lint` of every finding of `--message-format short`.
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

    /// The paths named by `--message-format short` lines, in order, consecutive repeats
    /// removed (the report is sorted by path, so each path once).
    pub fn short_paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self
            .stdout
            .lines()
            .filter_map(|l| l.split(':').next())
            .map(str::to_string)
            .collect();
        paths.dedup();
        paths
    }

    /// The line of `lint` in `--list` output.
    #[track_caller]
    pub fn listed(&self, lint: &str) -> &str {
        self.stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(lint))
            .unwrap_or_else(|| panic!("{lint} not listed:\n{}", self.stdout))
    }

    /// The effective level of `lint` in `--list` output.
    #[track_caller]
    pub fn listed_level(&self, lint: &str) -> String {
        self.listed(lint)
            .split_whitespace()
            .nth(3)
            .unwrap()
            .to_string()
    }
}

/// Runs `cmd` with reproducible settings, no input and the usual time limit.
pub fn run(cmd: Command) -> Run {
    run_with(cmd, None, LIMIT)
}

/// Runs `cmd` with reproducible settings (`LEAPCHECK_TODAY`, no `NO_COLOR`), `stdin` as its
/// input (none: an empty one), killing it and failing the test after `limit` — so that a hang
/// (a FIFO opened for reading) fails the test instead of blocking the suite.
pub fn run_with(mut cmd: Command, stdin: Option<&[u8]>, limit: Duration) -> Run {
    cmd.env("LEAPCHECK_TODAY", TODAY)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    // Feed stdin and drain stdout and stderr on threads, so that neither side can block the
    // other on a full pipe.
    let feeder = stdin.map(|input| {
        let mut pipe = child.stdin.take().unwrap();
        let input = input.to_vec();
        std::thread::spawn(move || {
            // A run that stops before reading (a usage error) closes the pipe: not a failure.
            if let Err(e) = pipe.write_all(&input) {
                assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
            }
        })
    });
    let stdout = drain(child.stdout.take().unwrap());
    let stderr = drain(child.stderr.take().unwrap());
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!("did not finish within {limit:?}: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if let Some(feeder) = feeder {
        feeder.join().unwrap();
    }
    Run {
        code: status.code().unwrap_or(-1),
        stdout: text(stdout.join().unwrap(), "stdout"),
        stderr: text(stderr.join().unwrap(), "stderr"),
    }
}

fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        pipe.read_to_end(&mut bytes).unwrap();
        bytes
    })
}

#[track_caller]
fn text(bytes: Vec<u8>, what: &str) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| {
        panic!(
            "{what} is not UTF-8 ({e}):\n{}",
            String::from_utf8_lossy(e.as_bytes())
        )
    })
}

/// `cargo install --debug --locked --path <this repository>` into a fresh root, as a user
/// installs it, reusing the build products of the running tests (without that the install
/// compiles everything again from scratch).
pub struct Installed {
    /// The install root (`bin/cargo-leapcheck` below it), removed when dropped.
    _root: tempfile::TempDir,
    /// A `PATH` with the installed binary's directory first, then cargo's own bin directory
    /// (which cargo would otherwise search first, finding any older cargo-leapcheck there),
    /// then the inherited `PATH`.
    pub path: OsString,
}

pub fn install() -> Installed {
    let root = tempfile::tempdir().unwrap();
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"));
    output(
        Command::new(cargo())
            .args(["install", "--debug", "--locked", "--quiet", "--path"])
            .arg(repo())
            .arg("--root")
            .arg(root.path())
            .env("CARGO_TARGET_DIR", &target_dir),
        "cargo install this repository",
    );
    assert!(root.path().join("bin").join("cargo-leapcheck").exists());
    let path = path_first(&root.path().join("bin"));
    Installed { _root: root, path }
}

/// A `PATH` on which `cargo leapcheck` finds the cargo-leapcheck in `dir`: `dir` first, then
/// cargo's own bin directory (which cargo would otherwise search first, finding any older
/// cargo-leapcheck there), then the inherited `PATH`.
pub fn path_first(dir: &Path) -> OsString {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let mut dirs = vec![dir.to_path_buf()];
    dirs.extend(cargo_home.map(|h| h.join("bin")));
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap()
}

/// [`path_first`] for the binary under test.
pub fn path_with_bin() -> OsString {
    path_first(Path::new(BIN).parent().expect("the binary's directory"))
}

/// Runs a helper command (git, cc, pip, ...) to its end; `Err` says what could not be done
/// (`what`), the command, and its output.
pub fn try_output(cmd: &mut Command, what: &str) -> Result<Output, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot {what}: {e} ({cmd:?})"))?;
    if out.status.success() {
        Ok(out)
    } else {
        Err(format!(
            "cannot {what}: {cmd:?} exited with {}\n--- stdout\n{}\n--- stderr\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// [`try_output`], failing the test when the command fails.
#[track_caller]
pub fn output(cmd: &mut Command, what: &str) -> Output {
    try_output(cmd, what).unwrap_or_else(|e| panic!("{e}"))
}

/// The ```sh code blocks of a Markdown page, in order (the scripts the docs tell users to
/// run, which the tests run as written).
pub fn sh_blocks(markdown: &str) -> impl Iterator<Item = &str> {
    markdown
        .split("```sh\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
}

/// A Python virtualenv at `<target>/<name>/venv` with `packages` installed from PyPI, made once
/// and reused by later runs (a file in it records what was installed); `Err` says why it cannot
/// be had (no `python3` with venv, no PyPI). `PYTHON` names another interpreter.
pub fn python_venv(name: &str, packages: &[&str]) -> Result<PathBuf, String> {
    // CARGO_TARGET_TMPDIR is `<target>/tmp`.
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .join(name)
        .join("venv");
    let marker = venv.join("leapcheck-installed");
    let wanted = packages.join("\n");
    if std::fs::read_to_string(&marker).is_ok_and(|had| had == wanted) {
        return Ok(venv);
    }
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    try_output(
        Command::new(&python).args(["-m", "venv"]).arg(&venv),
        "create a virtualenv (is python3 with venv installed?)",
    )?;
    try_output(
        Command::new(venv.join("bin").join("pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .args(packages),
        &format!("install {} from PyPI", packages.join(", ")),
    )?;
    std::fs::write(&marker, wanted)
        .map_err(|e| format!("cannot write {}: {e}", marker.display()))?;
    Ok(venv)
}
