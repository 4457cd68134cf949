//! The configuration (`leapcheck.toml`, `[workspace.metadata.leapcheck]`,
//! `[package.metadata.leapcheck]`) on temporary cargo projects with the real binary: what each
//! key does, the precedence of the layers, and that every malformed case stops the run with
//! exit status 2 and a message naming the file, line and column.

use crate::util::{manifest, Project, LEAP_BUG};

/// `unwrap_on_date_construction` (warn) inside `#[cfg(test)]`: reported only with check-tests.
const TEST_UNWRAP: &str = "use chrono::{Datelike, NaiveDate};
#[cfg(test)]
mod tests {
    use super::*;
    pub fn birthday(born: NaiveDate, today: NaiveDate) -> NaiveDate {
        NaiveDate::from_ymd_opt(today.year(), born.month(), born.day()).unwrap()
    }
}
";

// ---- what the keys do ---------------------------------------------------------------------------

#[test]
fn lints_table_sets_levels_and_flags_come_after() {
    let p = Project::package();
    p.file("src/lib.rs", LEAP_BUG).file(
        "leapcheck.toml",
        "[lints]\nyear_arithmetic_on_date = \"warn\"\n",
    );
    p.run(&[])
        .code(0)
        .stdout_has("warning[leapcheck::year_arithmetic_on_date]");
    // Flags apply after the file.
    p.run(&["-D", "year_arithmetic_on_date"]).code(1);
    p.run(&["-D", "warnings"]).code(1);
    p.run(&["-A", "all"])
        .code(0)
        .stderr_has("no findings in 1 file");
}

#[test]
fn groups_then_lints_whatever_the_key_order() {
    let p = Project::package();
    p.file(
        "leapcheck.toml",
        "[lints]\n\"leapcheck::hand-built-year-duration\" = \"allow\"\nsuspicious = \"deny\"\nall = \"warn\"\n",
    );
    let r = p.run(&["--list"]);
    r.code(0);
    assert_eq!(r.listed_level("hand_built_year_duration"), "allow");
    assert_eq!(r.listed_level("unwrap_on_date_construction"), "deny");
    assert_eq!(r.listed_level("year_arithmetic_on_date"), "warn");
    // Not a member of `all`.
    assert_eq!(r.listed_level("parse_error"), "deny");
}

#[test]
fn leapcheck_toml_overrides_workspace_metadata() {
    let p = Project::new();
    p.file(
        "Cargo.toml",
        &manifest(
            "demo",
            "[workspace.metadata.leapcheck.lints]\nyear_arithmetic_on_date = \"allow\"\n\
             month_arithmetic_on_date = \"warn\"\n",
        ),
    )
    .file("src/lib.rs", "")
    .file(
        "leapcheck.toml",
        "[lints]\nyear_arithmetic_on_date = \"warn\"\n",
    );
    let r = p.run(&["--list"]);
    assert_eq!(r.listed_level("year_arithmetic_on_date"), "warn");
    assert_eq!(r.listed_level("month_arithmetic_on_date"), "warn");
    assert_eq!(r.listed_level("day_arithmetic_on_date"), "deny");
}

/// A two-member workspace: `a` allows the leap-day lint in its package metadata (and the generic
/// unwrap lint, which reports the same call when the leap-day lint is off), `b` does not.
fn two_packages() -> Project {
    let p = Project::new();
    p.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\"a\", \"b\"]\nresolver = \"2\"\n\n\
         [workspace.metadata.leapcheck]\nexclude = [\"b/src/gen/**\"]\n",
    )
    .file(
        "a/Cargo.toml",
        &manifest(
            "a",
            "[package.metadata.leapcheck]\nexclude = [\"src/vendored.rs\"]\n\
             [package.metadata.leapcheck.lints]\nyear_arithmetic_on_date = \"allow\"\n\
             unwrap_on_date_construction = \"allow\"\n",
        ),
    )
    .file("a/src/lib.rs", &format!("mod vendored;\n{LEAP_BUG}"))
    .file("a/src/vendored.rs", "fn broken( {}\n// with_year\n")
    .file("b/Cargo.toml", &manifest("b", ""))
    .file("b/src/lib.rs", LEAP_BUG)
    .file("b/src/gen/out.rs", "fn broken( {}\n// with_year\n");
    p
}

#[test]
fn package_metadata_applies_to_that_package_only() {
    let p = two_packages();
    let r = p.run_short(&[]);
    r.code(1);
    // a's finding is allowed by a's metadata, a's vendored.rs by a's exclude (relative to a/),
    // b's generated file by the workspace's exclude.
    assert_eq!(r.short(), ["b/src/lib.rs:3:5 year_arithmetic_on_date"]);
    // The same in PATH mode (pre-commit passes file names from the repository root)...
    let r = p.run_short(&["a/src", "b/src"]);
    assert_eq!(r.short(), ["b/src/lib.rs:3:5 year_arithmetic_on_date"]);
    // ...and from inside a member, which still reads the workspace root's configuration.
    let r = p.run_short_in("b", &[]);
    assert_eq!(r.short(), ["src/lib.rs:3:5 year_arithmetic_on_date"]);
    // Flags still come last.
    let r = p.run_short(&["-D", "year_arithmetic_on_date"]);
    assert_eq!(
        r.short(),
        [
            "a/src/lib.rs:4:5 year_arithmetic_on_date",
            "b/src/lib.rs:3:5 year_arithmetic_on_date"
        ]
    );
}

#[test]
fn exclude_skips_walked_files_but_not_named_ones() {
    let p = Project::package();
    p.file("src/lib.rs", "mod generated;\n")
        .file("src/generated/mod.rs", "fn broken( {}\n// with_year\n")
        .file("vendor/x.rs", "fn broken( {}\n// with_year\n")
        .file("src/big_gen.rs", "fn broken( {}\n// with_year\n")
        .file(
            "leapcheck.toml",
            "exclude = [\"src/generated/**\", \"*_gen.rs\"]\n",
        );
    p.run(&[]).code(0).stderr_has("no findings in 1 file");
    p.run(&["src"]).code(0);
    // Named explicitly: always checked (this is what pre-commit does).
    let r = p.run_short(&["src/generated/mod.rs"]);
    r.code(1);
    assert_eq!(r.short(), ["src/generated/mod.rs:1:10 parse_error"]);
}

#[test]
fn check_tests_key_and_flag() {
    let p = Project::package();
    p.file("src/lib.rs", TEST_UNWRAP);
    p.run(&[]).code(0).stderr_has("no findings");
    p.run(&["--check-tests"])
        .code(0)
        .stdout_has("warning[leapcheck::unwrap_on_date_construction]");
    p.file("leapcheck.toml", "check-tests = true\n");
    p.run(&[])
        .code(0)
        .stdout_has("warning[leapcheck::unwrap_on_date_construction]");
    p.file("leapcheck.toml", "check-tests = false\n");
    p.run(&[]).code(0).stderr_has("no findings");
}

#[test]
fn no_cargo_toml_reads_the_scanned_directory() {
    let p = Project::new();
    p.file("a.rs", LEAP_BUG).file(
        "leapcheck.toml",
        "[lints]\ncorrectness = \"allow\"\nunwrap_on_date_construction = \"allow\"\n",
    );
    p.run(&[]).code(0).stderr_has("no findings in 1 file");
}

// ---- malformed configuration: exit 2, file, line and column -------------------------------------

/// Runs `--list` (reads the configuration, checks nothing) and expects exit 2 with an error
/// at `at` (`file:line:col`) whose text contains every `needles`.
#[track_caller]
fn bad(p: &Project, at: &str, needles: &[&str]) {
    let r = p.run(&["--list"]);
    r.code(2).stderr_has(&format!("--> {at}\n"));
    for n in needles {
        r.stderr_has(n);
    }
    // A check stops the same way (nothing is checked with a broken configuration).
    p.run(&[]).code(2).stderr_has(&format!("--> {at}\n"));
}

fn with_toml(contents: &str) -> Project {
    let p = Project::package();
    p.file("src/lib.rs", "").file("leapcheck.toml", contents);
    p
}

#[test]
fn invalid_toml_syntax() {
    bad(
        &with_toml("[lints\n"),
        "leapcheck.toml:1:7",
        &["invalid TOML"],
    );
    bad(
        &with_toml("exclude = [\"a\"]\nexclude = [\"b\"]\n"),
        "leapcheck.toml:2:1",
        &["invalid TOML", "duplicate key"],
    );
    bad(
        &with_toml("check-tests = yes\n"),
        "leapcheck.toml:1:15",
        &["invalid TOML"],
    );
}

#[test]
fn unknown_keys_suggest_the_closest() {
    bad(
        &with_toml("check-tests = true\nexclud = []\n"),
        "leapcheck.toml:2:1",
        &["unknown key `exclud`", "did you mean `exclude`?"],
    );
    bad(
        &with_toml("check_tests = true\n"),
        "leapcheck.toml:1:1",
        &["unknown key `check_tests`", "did you mean `check-tests`?"],
    );
    bad(
        &with_toml("[lint]\nall = \"warn\"\n"),
        "leapcheck.toml:1:2",
        &["unknown key `lint`", "did you mean `lints`?"],
    );
    bad(
        &with_toml("zzz = 1\n"),
        "leapcheck.toml:1:1",
        &["valid keys are `exclude`, `check-tests`, `lints`"],
    );
}

#[test]
fn unknown_lint_names_suggest_the_closest() {
    bad(
        &with_toml("[lints]\ncorrectness = \"deny\"\nyear_arithmetic = \"allow\"\n"),
        "leapcheck.toml:3:1",
        &[
            "unknown lint or group `year_arithmetic` in `lints`",
            "did you mean `year_arithmetic_on_date`?",
        ],
    );
    bad(
        &with_toml("[lints]\npedantics = \"warn\"\n"),
        "leapcheck.toml:2:1",
        &["did you mean `pedantic`?"],
    );
}

#[test]
fn bad_levels_and_types() {
    bad(
        &with_toml("[lints]\nall = \"warning\"\n"),
        "leapcheck.toml:2:7",
        &[
            "invalid level \"warning\" for `all`",
            "did you mean `warn`?",
        ],
    );
    bad(
        &with_toml("[lints]\nall = { level = \"deny\", priority = -1 }\n"),
        "leapcheck.toml:2:7",
        &["the level of `all` must be a string", "found a table"],
    );
    bad(
        &with_toml("exclude = \"vendor/**\"\n"),
        "leapcheck.toml:1:11",
        &["`exclude` must be a list of glob strings, found a string"],
    );
    bad(
        &with_toml("exclude = [\"ok/**\", 3]\n"),
        "leapcheck.toml:1:21",
        &["found an integer in it"],
    );
    bad(
        &with_toml("exclude = [\"src/{a,b\"]\n"),
        "leapcheck.toml:1:12",
        &["invalid glob `src/{a,b`", "unclosed alternate group"],
    );
    bad(
        &with_toml("check-tests = \"yes\"\n"),
        "leapcheck.toml:1:15",
        &["`check-tests` must be true or false, found a string"],
    );
    bad(
        &with_toml("lints = [\"all\"]\n"),
        "leapcheck.toml:1:9",
        &["`lints` must be a table"],
    );
}

#[test]
fn cargo_toml_sections_are_checked_the_same_way() {
    let p = Project::new();
    p.file(
        "Cargo.toml",
        &manifest(
            "demo",
            "[workspace.metadata.leapcheck]\ncheck-tests = true\nexlude = []\n",
        ),
    )
    .file("src/lib.rs", "");
    bad(
        &p,
        "Cargo.toml:8:1",
        &[
            "unknown key `workspace.metadata.leapcheck.exlude`",
            "did you mean `exclude`?",
        ],
    );

    p.file(
        "Cargo.toml",
        &manifest("demo", "[workspace.metadata]\nleapcheck = true\n"),
    );
    bad(
        &p,
        "Cargo.toml:7:13",
        &["`workspace.metadata.leapcheck` must be a table, found a boolean"],
    );

    // Package metadata of the root package: read when its files are checked.
    p.file(
        "Cargo.toml",
        &manifest(
            "demo",
            "[package.metadata.leapcheck.lints]\nyear_arithmetic_on_dates = \"allow\"\n",
        ),
    );
    let r = p.run(&[]);
    r.code(2)
        .stderr_has("--> Cargo.toml:7:1\n")
        .stderr_has("did you mean `year_arithmetic_on_date`?");

    // A broken Cargo.toml is reported with its position too.
    p.file("Cargo.toml", "[package\nname = \"demo\"\n");
    p.run(&["--list"])
        .code(2)
        .stderr_has("--> Cargo.toml:1:9\n")
        .stderr_has("invalid TOML");
}

/// A member whose package section is broken is reported once, by name and position; its files
/// are not checked, the other members' are, and the run ends with exit status 2.
#[test]
fn member_package_metadata_errors_are_reported_and_the_other_members_checked() {
    let p = two_packages();
    p.file(
        "b/Cargo.toml",
        &manifest("b", "[package.metadata.leapcheck]\ncheck-tests = 1\n"),
    );
    let r = p.run_short(&["-D", "year_arithmetic_on_date"]);
    r.code(2)
        .stderr_has("--> b/Cargo.toml:7:15\n")
        .stderr_has("`package.metadata.leapcheck.check-tests` must be true or false");
    assert_eq!(r.stderr.matches("b/Cargo.toml").count(), 1, "{r:?}");
    // a is still checked, with its own settings (its exclude drops vendored.rs).
    assert_eq!(r.short(), ["a/src/lib.rs:4:5 year_arithmetic_on_date"]);
    // Also when only one of its files is named.
    p.run(&["b/src/lib.rs"])
        .code(2)
        .stderr_has("b/Cargo.toml:7:15");
}

/// With PATHs, cargo is asked which packages are members only when a file lies in a nested
/// package; when it cannot tell, that is said, and the files are still checked.
#[test]
fn unknown_membership_is_reported_and_files_still_checked() {
    let p = two_packages();
    p.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\"a\", \"b\", \"missing\"]\nresolver = \"2\"\n",
    );
    let r = p.run_short(&["a/src/lib.rs", "b/src/lib.rs"]);
    r.code(2)
        .stderr_has("cannot tell which packages are workspace members")
        .stderr_has("missing");
    // Without a's settings, its finding is reported too.
    assert_eq!(
        r.short(),
        [
            "a/src/lib.rs:4:5 year_arithmetic_on_date",
            "b/src/lib.rs:3:5 year_arithmetic_on_date"
        ]
    );
}

/// Configuration leapcheck does not read is named with where it belongs, not silently ignored.
#[test]
fn configuration_present_but_not_read_is_warned_about() {
    let p = Project::package_with(
        "demo",
        "[dependencies]\nchrono = \"0.4\"\n\n[lints.leapcheck]\nyear_arithmetic_on_date = \"allow\"\n",
    );
    p.file("src/lib.rs", LEAP_BUG).file(
        "src/leapcheck.toml",
        "[lints]\nyear_arithmetic_on_date = \"allow\"\n",
    );
    // Neither silences the finding; both are named.
    let r = p.run_in("src", &[]);
    r.code(1)
        .stderr_has("Cargo.toml`: `[lints.leapcheck]` is not read")
        .stderr_has("`[package.metadata.leapcheck.lints]`")
        .stderr_has("warning: `leapcheck.toml` is not read: leapcheck reads `leapcheck.toml` only at the workspace root");
    // The same settings where they belong: read, and no warning.
    let q = Project::package_with(
        "demo",
        "[dependencies]\nchrono = \"0.4\"\n\n[package.metadata.leapcheck.lints]\nyear_arithmetic_on_date = \"allow\"\n",
    );
    q.file("src/lib.rs", LEAP_BUG);
    let r = q.run(&[]);
    r.code(0);
    assert!(!r.stderr.contains("warning:"), "{}", r.stderr);
}

/// `--show-settings`: each lint's effective level and where it comes from.
#[test]
fn show_settings_names_where_each_level_comes_from() {
    let p = Project::package_with("demo", "[package.metadata.leapcheck]\ncheck-tests = true\n");
    p.file("leapcheck.toml", "[lints]\npedantic = \"warn\"\n");
    let r = p.run(&[
        "--show-settings",
        "-A",
        "year_arithmetic_on_date",
        "-D",
        "warnings",
    ]);
    r.code(0);
    let line = |name: &str| {
        r.stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no {name} in {}", r.stdout))
            .split_whitespace()
            .skip(1)
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line("year_arithmetic_on_date"),
        "allow command line `-A year_arithmetic_on_date`"
    );
    assert_eq!(line("month_arithmetic_on_date"), "deny default");
    assert_eq!(
        line("unchecked_date_fields"),
        "deny `leapcheck.toml`, then command line `-D warnings`"
    );
    assert_eq!(
        line("unwrap_on_date_construction"),
        "deny default, then command line `-D warnings`"
    );
    let r = p.run(&["--show-settings", "--message-format", "json"]);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    let fields = v["lints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == "unchecked_date_fields")
        .unwrap()
        .clone();
    assert_eq!(fields["level"], "warn");
    assert_eq!(fields["from"], "`leapcheck.toml`");
}

/// `--list` and `--show-settings` show the package in scope with its own settings.
#[test]
fn list_honours_the_package_section_in_scope() {
    let p = Project::package_with(
        "demo",
        "[package.metadata.leapcheck.lints]\nyear_arithmetic_on_date = \"allow\"\n",
    );
    p.file("src/lib.rs", "");
    let r = p.run(&["--list"]);
    r.code(0);
    assert_eq!(
        r.listed_level("year_arithmetic_on_date"),
        "allow",
        "{}",
        r.stdout
    );
    let r = p.run(&["--show-settings"]);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("year_arithmetic_on_date")
                && l.ends_with("`Cargo.toml` [package.metadata.leapcheck]")),
        "{}",
        r.stdout
    );
}
