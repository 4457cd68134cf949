//! UI tests: for every `tests/ui/NAME.rs`, the human report of `cargo-leapcheck NAME.rs` (run
//! in `tests/ui`, `--color never`, `LEAPCHECK_TODAY=2026-11-24` as every run of `util`) is
//! checked twice:
//!
//! 1. against the markers in `NAME.rs` (clippy's `ui_test` convention): every line on which a
//!    finding starts carries a marker naming its level and lint, and every marker has its
//!    finding — same line, same lint, same level;
//! 2. against `tests/ui/NAME.stdout`, which it must equal exactly (the whole rendering: message,
//!    snippet, labels, notes, suggestions).
//!
//! Markers:
//!
//! * `//~ ERROR lint_name` at the end of a line: a finding of `lint_name` reported as
//!   `error[leapcheck::lint_name]` starts on this line (its ` --> NAME.rs:LINE:COL` names it);
//!   `//~ WARN lint_name` for one reported as `warning[leapcheck::lint_name]`.
//! * `//~^ ERROR lint_name`: the finding is on the line above; `//~^^` two lines above, and so
//!   on — so a marker can sit on a line of its own below a long flagged line.
//! * Several findings on one line: one marker each, the first on the line (or below it with
//!   carets), each further one on the following line as `//~| ERROR other_lint`, which means
//!   "the same line as the marker before".
//! * Nothing may follow the lint name. A marker is a plain comment to the engine, but it shows
//!   in the snippet of its finding in the `.stdout` file.
//!
//! A case without markers and without findings is a file of silent look-alikes, which is fine
//! (the runner prints a note saying so). A case named after a lint (`NAME` is the lint's name)
//! must contain at least one marker of that lint.
//!
//! Running:
//!
//! * Extra flags: a first line `// leapcheck-flags: --check-tests -W pedantic`.
//! * `LEAPCHECK_BLESS=1 cargo test --test integration ui::` (re)writes the `.stdout` files from
//!   the current output; review the diff before committing. It never touches the `.rs` files:
//!   markers are written by hand, and they are still checked when blessing.
//! * `LEAPCHECK_UI=NAME` runs only the cases whose name contains NAME.
//!
//! Fixes (clippy's rustfix tests): every case is also run with `--fix --unsafe-fixes` on a copy.
//! When that changes the text, `tests/ui/NAME.fixed` must equal the result (blessing writes
//! it; a case whose fixes change nothing must have no `.fixed`), and `ui_fixed_compiles`
//! (tests/ui_fixed.rs) compiles every `.fixed` file against chrono, time, jiff and rcgen. The
//! JSON report of every case is checked against the lint declarations: a lint that declares
//! no fix emits none, and only a lint declaring unsafe fixes emits an unsafe one.
//!
//! Every case runs and all mismatches are reported together: missing and unexpected findings
//! each with its line, `.stdout` differences as a line diff.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;

use leapcheck_lints::LINTS;

use crate::util::{repo, run, BIN};

const FLAGS_PREFIX: &str = "// leapcheck-flags:";
const BLESS: &str = "LEAPCHECK_BLESS=1 cargo test --test integration ui::";

#[test]
fn ui() {
    let dir = repo().join("tests/ui");
    let bless = std::env::var_os("LEAPCHECK_BLESS").is_some_and(|v| !v.is_empty() && v != "0");
    let only = std::env::var("LEAPCHECK_UI").ok();

    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && p.is_file())
        .filter(|p| only.as_deref().is_none_or(|o| file_name(p).contains(o)))
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

    let mut problems = Vec::new();
    let stem = name.trim_end_matches(".rs");
    if let Err(msg) = check_markers(stem, &source, &actual) {
        problems.push(format!("{name}: {msg}"));
    }

    if let Err(msg) = check_fixed(dir, case, &source, &flags, bless) {
        problems.push(format!("{name}: {msg}"));
    }
    if let Err(msg) = check_declared_fixes(dir, &name, &flags) {
        problems.push(format!("{name}: {msg}"));
    }

    let expected_path = case.with_extension("stdout");
    if bless {
        std::fs::write(&expected_path, &actual)
            .map_err(|e| format!("{name}: cannot write {}: {e}", expected_path.display()))?;
    } else {
        match std::fs::read_to_string(&expected_path) {
            Err(_) => problems.push(format!(
                "{name}: no {} — create it with `{BLESS}` and review it\n\
                 --- actual stdout\n{actual}",
                file_name(&expected_path)
            )),
            Ok(expected) if expected != actual => problems.push(format!(
                "{name}: stdout differs from {} (`-` expected, `+` actual; \
                 LEAPCHECK_BLESS=1 to accept)\n{}--- stderr\n{stderr}",
                file_name(&expected_path),
                line_diff(&expected, &actual)
            )),
            Ok(_) => {}
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

// ---- fixes ------------------------------------------------------------------------------------

/// `--fix --unsafe-fixes` on a copy of the case, against `NAME.fixed`.
fn check_fixed(
    dir: &Path,
    case: &Path,
    source: &str,
    flags: &[&str],
    bless: bool,
) -> Result<(), String> {
    let name = file_name(case);
    let tmp = tempfile::tempdir().map_err(|e| format!("cannot make a temporary directory: {e}"))?;
    std::fs::write(tmp.path().join(&name), source).map_err(|e| format!("cannot copy: {e}"))?;
    let mut cmd = Command::new(BIN);
    cmd.args(["--color", "never", "--fix", "--unsafe-fixes"])
        .args(flags)
        .arg(&name)
        .current_dir(tmp.path());
    let output = run(cmd);
    if output.code == 2 {
        return Err(format!("--fix failed (exit 2):\n{}", output.stderr));
    }
    let fixed = std::fs::read_to_string(tmp.path().join(&name))
        .map_err(|e| format!("cannot read the fixed copy: {e}"))?;
    let fixed_path = dir.join(name.replace(".rs", ".fixed"));
    let expected = std::fs::read_to_string(&fixed_path).ok();
    if bless {
        let written = if fixed == source {
            std::fs::remove_file(&fixed_path).or_else(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Ok(()),
                _ => Err(e),
            })
        } else {
            std::fs::write(&fixed_path, &fixed)
        };
        return written.map_err(|e| format!("cannot bless {}: {e}", fixed_path.display()));
    }
    match expected {
        None if fixed == source => Ok(()),
        None => Err(format!(
            "--fix --unsafe-fixes changes it, but there is no {} — create it with `{BLESS}` \
             and review it\n{}",
            file_name(&fixed_path),
            line_diff(source, &fixed)
        )),
        Some(_) if fixed == source => Err(format!(
            "{} exists, but --fix --unsafe-fixes changes nothing (`{BLESS}` removes it)",
            file_name(&fixed_path)
        )),
        Some(expected) if expected != fixed => Err(format!(
            "the fixed text differs from {} (`-` expected, `+` actual)\n{}",
            file_name(&fixed_path),
            line_diff(&expected, &fixed)
        )),
        Some(_) => Ok(()),
    }
}

/// Every fix in the case's JSON report is allowed by its lint's declaration.
fn check_declared_fixes(dir: &Path, name: &str, flags: &[&str]) -> Result<(), String> {
    use leapcheck_lints::{find_lint, Applicability};
    let mut cmd = Command::new(BIN);
    cmd.args(["--message-format", "json"])
        .args(flags)
        .arg(name)
        .current_dir(dir);
    let output = run(cmd);
    let mut problems = Vec::new();
    for line in output.stdout.lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(code) = msg["message"]["code"]["code"].as_str() else {
            continue;
        };
        let lint = code.trim_start_matches("leapcheck::");
        let Some(declared) = find_lint(lint) else {
            continue;
        };
        let declared = declared.fix.applicability();
        for child in msg["message"]["children"].as_array().into_iter().flatten() {
            for span in child["spans"].as_array().into_iter().flatten() {
                let Some(emitted) = span["suggestion_applicability"].as_str() else {
                    continue;
                };
                let allowed = match (declared, emitted) {
                    (None, _) => false,
                    (Some(Applicability::Unsafe), _) => true,
                    (Some(_), "MaybeIncorrect") => false,
                    (Some(_), _) => true,
                };
                if !allowed {
                    problems.push(format!(
                        "line {}: `{lint}` emits a {emitted} fix, but its declaration says \
                         `fix: {:?}`",
                        span["line_start"], declared
                    ));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

// ---- markers ------------------------------------------------------------------------------------

/// A finding as a marker states it or as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Expect {
    /// 1-based.
    line: usize,
    level: Level,
    lint: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Error,
    Warn,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Error => "ERROR",
            Level::Warn => "WARN",
        })
    }
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.level, self.lint)
    }
}

/// Checks the markers of the case `stem` (its `source`) against the findings of its human
/// report `stdout`; the error lists every problem, one per line.
fn check_markers(stem: &str, source: &str, stdout: &str) -> Result<(), String> {
    let markers = parse_markers(source)?;
    let findings = parse_findings(stdout)?;
    let mut problems = compare(&markers, &findings);
    let is_lint = LINTS.iter().any(|l| l.name == stem);
    if is_lint && !markers.iter().any(|m| m.lint == stem) {
        problems.push(format!(
            "the case of lint `{stem}` has no marker of it: mark at least one line \
             `//~ ERROR {stem}` or `//~ WARN {stem}`"
        ));
    }
    if markers.is_empty() && findings.is_empty() && problems.is_empty() {
        eprintln!("note: {stem}.rs has no markers and no findings: silent look-alikes only");
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "markers and findings differ:\n{}",
            problems
                .iter()
                .map(|p| format!("  {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        ))
    }
}

/// The markers of a case file (see the module documentation for their syntax).
fn parse_markers(source: &str) -> Result<Vec<Expect>, String> {
    let mut markers = Vec::new();
    let mut errors = Vec::new();
    let mut previous: Option<usize> = None;
    for (index, text) in source.lines().enumerate() {
        let line = index + 1;
        let Some(at) = text.find("//~") else {
            continue;
        };
        match parse_marker(&text[at + 3..], line, previous) {
            Ok(marker) => {
                previous = Some(marker.line);
                markers.push(marker);
            }
            Err(msg) => errors.push(format!("line {line}: {msg}: `{}`", &text[at..])),
        }
    }
    if errors.is_empty() {
        Ok(markers)
    } else {
        Err(format!("malformed markers:\n  {}", errors.join("\n  ")))
    }
}

/// One marker, `rest` being what follows `//~` on line `line`; `previous` is the line the
/// marker before it points at (for `//~|`).
fn parse_marker(rest: &str, line: usize, previous: Option<usize>) -> Result<Expect, String> {
    let (target, rest) = if let Some(rest) = rest.strip_prefix('|') {
        let target = previous.ok_or("`//~|` needs a marker before it")?;
        (target, rest)
    } else {
        let carets = rest.len() - rest.trim_start_matches('^').len();
        let target = line
            .checked_sub(carets)
            .filter(|&t| t >= 1)
            .ok_or("the carets point above the first line")?;
        (target, &rest[carets..])
    };
    let mut words = rest.split_whitespace();
    let level = match words.next() {
        Some("ERROR") => Level::Error,
        Some("WARN") => Level::Warn,
        _ => return Err("expected `ERROR` or `WARN` after the `//~`".into()),
    };
    let lint = words
        .next()
        .filter(|w| {
            w.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .ok_or("expected a lint name after the level")?;
    if words.next().is_some() {
        return Err("nothing may follow the lint name".into());
    }
    Ok(Expect {
        line: target,
        level,
        lint: lint.to_string(),
    })
}

/// The findings of a human report: each header `error[leapcheck::NAME]: ...` (or `warning`)
/// with the line of the ` --> FILE:LINE:COL` that follows it.
fn parse_findings(stdout: &str) -> Result<Vec<Expect>, String> {
    let mut findings = Vec::new();
    let mut lines = stdout.lines();
    while let Some(text) = lines.next() {
        let (level, rest) = if let Some(rest) = text.strip_prefix("error[leapcheck::") {
            (Level::Error, rest)
        } else if let Some(rest) = text.strip_prefix("warning[leapcheck::") {
            (Level::Warn, rest)
        } else {
            continue;
        };
        let lint = rest
            .split_once("]: ")
            .ok_or_else(|| format!("unreadable finding header `{text}`"))?
            .0;
        let at = lines
            .next()
            .and_then(|l| l.trim_start().strip_prefix("--> "))
            .ok_or_else(|| format!("no ` --> FILE:LINE:COL` after `{text}`"))?;
        let line = at
            .rsplit(':')
            .nth(1)
            .and_then(|l| l.parse().ok())
            .ok_or_else(|| format!("unreadable location `{at}` of `{text}`"))?;
        findings.push(Expect {
            line,
            level,
            lint: lint.to_string(),
        });
    }
    Ok(findings)
}

/// Every marker without its finding and every finding without its marker, by line.
fn compare(markers: &[Expect], findings: &[Expect]) -> Vec<String> {
    // +1 per marker, -1 per finding: what is left over did not pair up.
    let mut balance: BTreeMap<&Expect, i64> = BTreeMap::new();
    for m in markers {
        *balance.entry(m).or_default() += 1;
    }
    for f in findings {
        *balance.entry(f).or_default() -= 1;
    }
    let mut problems = Vec::new();
    for (e, n) in balance {
        for _ in 0..n.abs() {
            problems.push(if n > 0 {
                format!("line {}: marker `//~ {e}` but no such finding", e.line)
            } else {
                format!("line {}: finding {e} without a marker", e.line)
            });
        }
    }
    problems
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

fn expect(line: usize, level: Level, lint: &str) -> Expect {
    Expect {
        line,
        level,
        lint: lint.to_string(),
    }
}

const CASE: &str = "fn a() {}
fn b() { x() } //~ ERROR year_arithmetic_on_date
fn c() {
    y(); // a long flagged line
    //~^ WARN hand_built_year_duration
    //~| ERROR unwrap_on_date_construction
}
";

const REPORT: &str = "error[leapcheck::year_arithmetic_on_date]: year arithmetic on a date
  --> case.rs:2:10
  |
2 | fn b() { x() } //~ ERROR year_arithmetic_on_date
  |          ^^^ returns None when `d` is Feb 29

warning[leapcheck::hand_built_year_duration]: 365 days used as a year
 --> case.rs:4:5
  |
4 |     y(); // a long flagged line
  |     ^^^

error[leapcheck::unwrap_on_date_construction]: unwrap
 --> case.rs:4:5
";

/// What both `CASE` and `REPORT` say.
fn in_case() -> [Expect; 3] {
    [
        expect(2, Level::Error, "year_arithmetic_on_date"),
        expect(4, Level::Warn, "hand_built_year_duration"),
        expect(4, Level::Error, "unwrap_on_date_construction"),
    ]
}

#[test]
fn markers_on_the_line_above_and_the_same_line() {
    assert_eq!(parse_markers(CASE).unwrap(), in_case());
    assert_eq!(
        parse_markers("\n\nx\n//~^^ ERROR a\n").unwrap(),
        [expect(2, Level::Error, "a")]
    );
    for bad in [
        "//~^ ERROR a\n",
        "//~| ERROR a\n",
        "x //~ ERR a\n",
        "x //~ ERROR\n",
        "x //~ ERROR a b\n",
        "x //~ WARN leapcheck::a\n",
    ] {
        assert!(parse_markers(bad).is_err(), "{bad:?} accepted");
    }
}

#[test]
fn findings_are_read_from_headers_and_locations() {
    assert_eq!(parse_findings(REPORT).unwrap(), in_case());
    assert!(parse_findings("error[leapcheck::x]: m\nno location\n").is_err());
}

#[test]
fn matching_markers_pass() {
    assert_eq!(check_markers("case", CASE, REPORT), Ok(()));
    // A case without markers or findings is fine.
    assert_eq!(check_markers("silent", "fn a() {}\n", ""), Ok(()));
}

#[test]
fn a_marker_without_its_finding_fails() {
    let missing = REPORT.split("\nerror[leapcheck::unwrap").next().unwrap();
    let err = check_markers("case", CASE, missing).unwrap_err();
    assert!(
        err.contains("line 4: marker `//~ ERROR unwrap_on_date_construction` but no such finding"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    // The same lint at another level is no match either.
    let warn = REPORT.replace("error[leapcheck::year", "warning[leapcheck::year");
    let err = check_markers("case", CASE, &warn).unwrap_err();
    assert!(
        err.contains("line 2: marker `//~ ERROR year_arithmetic_on_date`"),
        "{err}"
    );
    assert!(
        err.contains("line 2: finding WARN year_arithmetic_on_date without a marker"),
        "{err}"
    );
}

#[test]
fn a_finding_without_its_marker_fails() {
    let unmarked = CASE.replace(" //~ ERROR year_arithmetic_on_date", "");
    let err = check_markers("case", &unmarked, REPORT).unwrap_err();
    assert!(
        err.contains("line 2: finding ERROR year_arithmetic_on_date without a marker"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    // Two findings on one line need two markers.
    let doubled =
        format!("{REPORT}\nerror[leapcheck::unwrap_on_date_construction]: u\n --> case.rs:4:5\n");
    let err = check_markers("case", CASE, &doubled).unwrap_err();
    assert!(
        err.contains("line 4: finding ERROR unwrap_on_date_construction without"),
        "{err}"
    );
}

#[test]
fn a_case_named_after_a_lint_needs_a_marker_of_it() {
    let err = check_markers("hand_built_month_duration", CASE, REPORT).unwrap_err();
    assert!(
        err.contains("the case of lint `hand_built_month_duration` has no marker"),
        "{err}"
    );
    assert_eq!(
        check_markers("hand_built_year_duration", CASE, REPORT),
        Ok(())
    );
}
