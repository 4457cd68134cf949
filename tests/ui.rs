//! UI tests: for every `tests/ui/NAME.rs`, the human report of `cargo-leapcheck NAME.rs` (run
//! in `tests/ui`, `--color never`, `LEAPCHECK_TODAY=2026-11-24` as every run of `util`) must equal
//! `tests/ui/NAME.stdout` exactly.
//!
//! * Extra flags: a first line `// leapcheck-flags: --check-tests -W pedantic`.
//! * `LEAPCHECK_BLESS=1 cargo test --test integration ui::` (re)writes the `.stdout` files from the current
//!   output; review the diff before committing.
//! * `LEAPCHECK_UI=NAME` runs only the cases whose name contains NAME.
//!
//! Every case runs and all mismatches are reported together, each as a line diff.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{repo, run, BIN};

const FLAGS_PREFIX: &str = "// leapcheck-flags:";

#[test]
fn ui() {
    let dir = repo().join("tests/ui");
    let bless = std::env::var_os("LEAPCHECK_BLESS").is_some_and(|v| !v.is_empty() && v != "0");
    let only = std::env::var("LEAPCHECK_UI").ok();

    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && p.is_file())
        .filter(|p| only.as_deref().map_or(true, |o| file_name(p).contains(o)))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no UI cases in {}", dir.display());

    let mut failures = Vec::new();
    for case in &cases {
        if let Err(msg) = run_case(&dir, case, bless) {
            failures.push(msg);
        }
    }
    if !failures.is_empty() {
        panic!(
            "{} of {} UI cases failed:\n\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        );
    }
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

fn run_case(dir: &Path, case: &Path, bless: bool) -> Result<(), String> {
    let name = file_name(case);
    let source = std::fs::read_to_string(case).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let flags: Vec<&str> = source
        .lines()
        .next()
        .and_then(|l| l.strip_prefix(FLAGS_PREFIX))
        .map(|f| f.split_whitespace().collect())
        .unwrap_or_default();

    let mut cmd = Command::new(BIN);
    cmd.args(["--color", "never"])
        .args(&flags)
        .arg(&name)
        .current_dir(dir);
    let output = run(cmd);
    let actual = output.stdout;
    let stderr = output.stderr;
    // Exit 2 means the file was not checked (bad flags in the header, I/O): never a valid
    // expectation.
    if output.code == 2 {
        return Err(format!(
            "{name}: cargo-leapcheck failed (exit 2):\n{stderr}"
        ));
    }

    let expected_path = case.with_extension("stdout");
    if bless {
        std::fs::write(&expected_path, &actual)
            .map_err(|e| format!("{name}: cannot write {}: {e}", expected_path.display()))?;
        return Ok(());
    }
    let Ok(expected) = std::fs::read_to_string(&expected_path) else {
        return Err(format!(
            "{name}: no {} — create it with `LEAPCHECK_BLESS=1 cargo test --test integration ui::` \
             and review it\n--- actual stdout\n{actual}",
            file_name(&expected_path)
        ));
    };
    if expected == actual {
        Ok(())
    } else {
        Err(format!(
            "{name}: stdout differs from {} (`-` expected, `+` actual; \
             LEAPCHECK_BLESS=1 to accept)\n{}--- stderr\n{stderr}",
            file_name(&expected_path),
            line_diff(&expected, &actual)
        ))
    }
}

/// A unified-style line diff (longest common subsequence; UI outputs are small).
fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.split_inclusive('\n').collect();
    let b: Vec<&str> = actual.split_inclusive('\n').collect();
    // lcs[i][j] = LCS length of a[i..] and b[j..]
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = String::new();
    let mut line = |mark: char, text: &str| {
        // Make a missing final newline and trailing spaces visible.
        let shown = match text.strip_suffix('\n') {
            Some(t) => t.to_string(),
            None => format!("{text}⏎(no newline at end)"),
        };
        let shown = if shown.ends_with(' ') {
            format!("{shown}·")
        } else {
            shown
        };
        let _ = writeln!(out, "{mark} {shown}");
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            line(' ', a[i]);
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            line('-', a[i]);
            i += 1;
        } else {
            line('+', b[j]);
            j += 1;
        }
    }
    out
}

#[test]
fn line_diff_marks_changes() {
    let d = line_diff("a\nb\nc\n", "a\nx\nc\nd");
    assert_eq!(d, "  a\n- b\n+ x\n  c\n+ d⏎(no newline at end)\n");
}
