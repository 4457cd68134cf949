//! `--fix`, `--unsafe-fixes` and `--diff` on a real project: which fixes apply, what the file
//! looks like afterwards (line endings, byte-order mark, permissions, imports), what is said,
//! and the exit status. The fixes of each lint are checked by the UI cases (`NAME.fixed`).

use crate::util::{Project, LEAP_BUG};

/// A safe fix (the week-based year in a calendar format) and an unsafe one (the 2012 shape).
const TWO_BUGS: &str = "use chrono::{Datelike, NaiveDate};

pub fn stamp(d: NaiveDate) -> String {
    d.format(\"%G-%m-%d\").to_string()
}

pub fn renew(start: NaiveDate) -> NaiveDate {
    start.with_year(start.year() + 1).unwrap()
}
";

fn crlf_with_bom(s: &str) -> String {
    format!("\u{feff}{}", s.replace('\n', "\r\n"))
}

#[test]
fn fix_applies_safe_fixes_and_unsafe_ones_only_when_asked() {
    let p = Project::chrono();
    p.file("src/lib.rs", &crlf_with_bom(TWO_BUGS));
    let lib = p.path().join("src/lib.rs");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&lib, std::fs::Permissions::from_mode(0o640)).unwrap();
    }

    // A plain run says what --fix would do.
    p.run(&[])
        .code(1)
        .stderr_has("1 finding can be fixed with --fix (1 more with --fix --unsafe-fixes)");

    // --fix: only the safe fix; the year arithmetic is still reported (exit 1).
    let run = p.run(&["--fix"]);
    run.code(1)
        .stderr_has("fixed 1 finding in 1 file (week_year_format_mismatch: 1)")
        .stderr_has("1 finding can be fixed with --unsafe-fixes")
        .stdout_has("error[leapcheck::year_arithmetic_on_date]")
        .stdout_lacks("week_year_format_mismatch");
    let text = std::fs::read_to_string(&lib).unwrap();
    assert_eq!(
        text,
        crlf_with_bom(&TWO_BUGS.replace("%G-%m-%d", "%Y-%m-%d")),
        "only the format changed, CRLF and the BOM kept"
    );

    // --fix --unsafe-fixes: the year arithmetic becomes calendar months, with the import.
    p.run(&["--fix", "--unsafe-fixes"])
        .code(0)
        .stderr_has("fixed 1 finding in 1 file (year_arithmetic_on_date: 1)")
        .stderr_has("no findings");
    let text = std::fs::read_to_string(&lib).unwrap();
    let expected = TWO_BUGS
        .replace("%G-%m-%d", "%Y-%m-%d")
        .replace(
            "use chrono::{Datelike, NaiveDate};",
            "use chrono::{Datelike, NaiveDate, Months};",
        )
        .replace(
            "start.with_year(start.year() + 1)",
            "start.checked_add_months(Months::new(12))",
        );
    assert_eq!(text, crlf_with_bom(&expected));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&lib).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640, "the file keeps its permissions");
    }

    // A fixed point: nothing left to fix, nothing written.
    let before = std::fs::metadata(&lib).unwrap().modified().unwrap();
    let again = p.run(&["--fix", "--unsafe-fixes"]);
    again.code(0);
    assert!(!again.stderr.contains("fixed"), "{again:?}");
    assert_eq!(std::fs::metadata(&lib).unwrap().modified().unwrap(), before);
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let p = Project::chrono();
    p.file("src/lib.rs", LEAP_BUG);
    let run = p.run(&["--diff", "--unsafe-fixes"]);
    run.code(1)
        .stdout_has("--- a/src/lib.rs\n+++ b/src/lib.rs\n")
        .stdout_has(
            "-use chrono::{Datelike, NaiveDate};\n+use chrono::{Datelike, NaiveDate, Months};\n",
        )
        .stdout_has("+    start.checked_add_months(Months::new(12)).unwrap()\n")
        .stderr_has("would have fixed 1 finding in 1 file");
    assert_eq!(
        std::fs::read_to_string(p.path().join("src/lib.rs")).unwrap(),
        LEAP_BUG
    );

    // Without --unsafe-fixes there is nothing safe to apply here.
    p.run(&["--diff"]).code(0).stderr_has("no fixes to apply");
    assert!(p.run(&["--diff"]).stdout.is_empty());
}

#[test]
fn fix_modes_refuse_what_they_cannot_honour() {
    let p = Project::chrono();
    p.file("src/lib.rs", LEAP_BUG);
    // Fixing only what a baseline or a revision leaves, or a buffer from stdin, is not
    // supported: said at once, nothing written.
    for args in [
        &["--fix", "--baseline", "b.json"][..],
        &["--fix", "--new-since", "HEAD"],
        &["--diff", "--add-allow"],
        &["--fix", "--diff"],
    ] {
        p.run(args).code(2).stderr_has("cannot be used with");
    }
    p.run(&["--unsafe-fixes"])
        .code(1)
        .stderr_has("--unsafe-fixes applies fixes only with --fix or --diff");
    assert_eq!(
        std::fs::read_to_string(p.path().join("src/lib.rs")).unwrap(),
        LEAP_BUG
    );
}
