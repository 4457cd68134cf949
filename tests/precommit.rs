//! The pre-commit hook, end to end with the real `pre-commit` from PyPI.
//!
//! The test setup installs pre-commit into a virtualenv under the target directory
//! (`python3 -m venv`, `pip install pre-commit`); when that fails (no Python, no PyPI) the test
//! fails with the reason — it never skips. Then, in a temporary git repository whose
//! `.pre-commit-config.yaml` uses this repository at its current HEAD commit as the hook source
//! (pre-commit clones it and builds it with `cargo install`, exactly as for a user; the
//! hook definition is therefore the committed `.pre-commit-hooks.yaml`):
//! a commit adding the 2012 leap-day pattern is refused and shows the diagnostic, and a clean
//! commit passes.
//!
//! Build time: pre-commit's `cargo install` is a release build. The test gives it a target
//! directory under `target/precommit/` that is kept between runs and `opt-level = 0` through
//! cargo's environment, so after the first run only this repository's own crates are rebuilt
//! for a new commit.
//!
//! The plain `.git/hooks/pre-commit` script of docs/pre-commit.md is tested the same way.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::util::{output as ok, path_with_bin, python_venv, repo, sh_blocks, Project, LEAP_BUG};

const FIXED: &str = "use chrono::NaiveDate;
pub fn renew(start: NaiveDate) -> Option<NaiveDate> {
    start.checked_add_months(chrono::Months::new(12))
}
";

fn target_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target>/tmp`.
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .join("precommit")
}

/// `pre-commit` from PyPI in a virtualenv under the target directory, installed once.
fn pre_commit() -> &'static Path {
    static EXE: OnceLock<PathBuf> = OnceLock::new();
    EXE.get_or_init(|| {
        let venv = python_venv("precommit", &["pre-commit"]).unwrap_or_else(|e| panic!("{e}"));
        let exe = venv.join("bin").join("pre-commit");
        assert!(exe.is_file(), "pip installed no {}", exe.display());
        exe
    })
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A fresh git repository with a committer identity and a small cargo package.
fn git_repo() -> Project {
    let p = Project::chrono();
    for args in [
        &["init", "--quiet", "--initial-branch=main"][..],
        &["config", "user.email", "dev@example.com"],
        &["config", "user.name", "Dev"],
        &["config", "commit.gpgsign", "false"],
    ] {
        ok(
            Command::new("git").args(args).current_dir(p.path()),
            "run git",
        );
    }
    p
}

/// Writes `src/lib.rs` and stages everything.
fn stage(repo: &Project, lib_rs: &str) {
    repo.file("src/lib.rs", lib_rs);
    ok(git(repo.path()).args(["add", "."]), "git add");
}

/// `git commit -m MESSAGE` with `cmd` (a [`git`] command with the test's environment):
/// whether it went through, and what it printed.
fn commit(mut cmd: Command, message: &str) -> (bool, String) {
    let out = cmd
        .args(["commit", "--quiet", "-m", message])
        .output()
        .unwrap();
    (out.status.success(), text(&out))
}

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("LEAPCHECK_TODAY", "2026-11-24")
        .env("NO_COLOR", "1");
    cmd
}

fn commit_count(dir: &Path) -> usize {
    let out = git(dir)
        .args(["rev-list", "--count", "--all"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

/// This repository's HEAD commit, which must contain the hook definition.
fn hook_source() -> (PathBuf, String) {
    let repo = repo();
    let head = ok(
        Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(&repo),
        "find this repository's HEAD",
    );
    let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
    ok(
        Command::new("git")
            .args(["cat-file", "-e", &format!("{head}:.pre-commit-hooks.yaml")])
            .current_dir(&repo),
        "find .pre-commit-hooks.yaml in HEAD (pre-commit clones the repository, so the hook \
         definition must be committed)",
    );
    (repo, head)
}

#[test]
fn published_manifest_is_valid() {
    let manifest = repo().join(".pre-commit-hooks.yaml");
    ok(
        Command::new(pre_commit())
            .arg("validate-manifest")
            .arg(&manifest),
        "validate .pre-commit-hooks.yaml",
    );
    let text = std::fs::read_to_string(&manifest).unwrap();
    for line in [
        "- id: leapcheck",
        "language: rust",
        "types: [rust]",
        "entry: cargo-leapcheck",
    ] {
        assert!(
            text.contains(line),
            "{line:?} missing from .pre-commit-hooks.yaml"
        );
    }
}

#[test]
fn pre_commit_hook_refuses_the_leap_day_bug_and_passes_a_clean_commit() {
    let exe = pre_commit();
    let (source, rev) = hook_source();
    let repo = git_repo();
    let dir = repo.path();
    repo.file(
        ".pre-commit-config.yaml",
        &format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: leapcheck\n",
            source.display()
        ),
    );
    let home = target_dir().join("home");
    let cargo_target = target_dir().join("cargo-target");
    let with_env = |mut cmd: Command| {
        cmd.env("PRE_COMMIT_HOME", &home)
            .env("CARGO_TARGET_DIR", &cargo_target)
            // pre-commit's `cargo install` builds the release profile: skip optimisation,
            // the hook's speed does not matter here.
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
            .env_remove("RUSTFLAGS");
        cmd
    };
    ok(
        with_env(git(dir)).arg("add").arg(".pre-commit-config.yaml"),
        "stage the config",
    );
    ok(
        Command::new(exe).arg("install").current_dir(dir),
        "pre-commit install",
    );
    // Build the hook environment up front so a build failure is reported as such.
    ok(
        with_env(Command::new(exe))
            .args(["install-hooks"])
            .current_dir(dir),
        "build the hook (pre-commit install-hooks: cargo install of this repository)",
    );

    stage(&repo, LEAP_BUG);
    let (went_through, out) = commit(with_env(git(dir)), "renewal");
    assert!(!went_through, "the commit went through:\n{out}");
    assert!(out.contains("cargo leapcheck"), "no hook line:\n{out}");
    assert!(
        out.contains("error[leapcheck::year_arithmetic_on_date]"),
        "no diagnostic:\n{out}"
    );
    assert!(out.contains("src/lib.rs:3:5"), "no position:\n{out}");
    assert_eq!(commit_count(dir), 0, "a commit was made:\n{out}");

    stage(&repo, FIXED);
    let (went_through, out) = commit(with_env(git(dir)), "renewal, fixed");
    assert!(went_through, "the clean commit was refused:\n{out}");
    assert_eq!(commit_count(dir), 1);
}

/// The plain `.git/hooks/pre-commit` script from docs/pre-commit.md, without pre-commit.
#[test]
fn plain_git_hook_script_from_the_docs() {
    let docs = std::fs::read_to_string(repo().join("docs/pre-commit.md")).unwrap();
    // The script is the ```sh block that starts with a shebang.
    let script = sh_blocks(&docs)
        .find(|b| b.starts_with("#!/bin/sh"))
        .expect("a ```sh block starting with #!/bin/sh in docs/pre-commit.md");

    let repo = git_repo();
    let dir = repo.path();
    repo.executable(".git/hooks/pre-commit", script);
    // `cargo leapcheck` must find this build.
    let path = path_with_bin();

    // A commit without Rust files does not run the check.
    ok(git(dir).args(["add", "Cargo.toml"]), "git add");
    ok(
        git(dir)
            .env("PATH", &path)
            .args(["commit", "--quiet", "-m", "manifest"]),
        "commit without Rust files",
    );

    stage(&repo, LEAP_BUG);
    let mut hooked = git(dir);
    hooked.env("PATH", &path);
    let (went_through, out) = commit(hooked, "renewal");
    assert!(!went_through, "the commit went through:\n{out}");
    assert!(
        out.contains("error[leapcheck::year_arithmetic_on_date]"),
        "no diagnostic:\n{out}"
    );
    assert_eq!(commit_count(dir), 1);

    stage(&repo, FIXED);
    ok(
        git(dir)
            .env("PATH", &path)
            .args(["commit", "--quiet", "-m", "fixed"]),
        "clean commit",
    );
    assert_eq!(commit_count(dir), 2);
}
