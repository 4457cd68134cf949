//! End-to-end tests of the `cargo-leapcheck` binary on real temporary cargo projects.
//!
//! Syntax errors are used as markers in the discovery tests: a file with `fn f( {}` is always
//! reported (`parse_error`), so the set of reported paths is the set of checked files.

use std::process::Command;

use leapcheck_lints::{find_lint, LINTS};

use crate::util::{self, chrono_manifest, install, run, Project, BIN, LEAP_BUG};

/// The 2012 Azure shape: reported by `year_arithmetic_on_date` (deny) at line 3.
/// The same function, fixed.
const LEAP_FIXED: &str = "use chrono::NaiveDate;
fn renew(start: NaiveDate) -> Option<NaiveDate> {
    start.checked_add_months(chrono::Months::new(12))
}
";
/// Two findings of one lint on one line.
const TWO_ON_A_LINE: &str = "use chrono::{Datelike, NaiveDate};\npub fn both(d: NaiveDate) -> (NaiveDate, NaiveDate) {\n    (d.with_year(d.year() + 1).unwrap(), d.with_year(d.year() - 1).unwrap())\n}\n";
const CLEAN: &str = "pub fn add(a: u32, b: u32) -> u32 {\n    a + b\n}\n";
/// Always a `parse_error` at 1:5 (syn reports the unclosed `(`).
/// A file that does not parse. The comment holds a date word, so that the prefilter (which
/// parses only files that could have a finding) does not skip it.
/// A file that does not parse, with needles (in a comment) of lints that run in test code
/// too (`365`: `year_from_day_count`), so that it is parsed wherever it lies: a file under
/// `tests/` is not parsed for lints that skip test code.
const BROKEN: &str = "fn f( {}\n// NaiveDate::from_ymd_opt, 365 days\n";

// ---- exit status and basic reports ------------------------------------------------------------

#[test]
fn clean_package_exits_0_with_summary() {
    let p = Project::chrono();
    p.file("src/lib.rs", CLEAN)
        .file("src/main.rs", "fn main() {}\n");
    let r = p.run(&[]);
    r.code(0).stderr_has("leapcheck: no findings in 2 files");
    assert_eq!(r.stdout, "");
}

#[test]
fn leap_day_bug_is_an_error_in_rustc_style() {
    let p = Project::chrono();
    p.file("src/lib.rs", LEAP_BUG);
    p.run(&["--color", "never"])
        .code(1)
        .stdout_has("error[leapcheck::year_arithmetic_on_date]: ")
        .stdout_has(" --> src/lib.rs:3:")
        .stdout_has("3 |     NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day())")
        .stderr_has("leapcheck: 1 error in 1 file");
    p.run_short(&[])
        .code(1)
        .stdout_has("src/lib.rs:3:")
        .stdout_has(": error[year_arithmetic_on_date]: ");
    p.file("src/lib.rs", LEAP_FIXED);
    p.run(&[]).code(0);
}

#[test]
fn exit_zero_keeps_findings_but_not_errors() {
    let p = Project::chrono();
    p.file("src/lib.rs", BROKEN);
    p.run(&["--exit-zero"])
        .code(0)
        .stdout_has("error[leapcheck::parse_error]");
    // A PATH that does not exist is still an error: the run did not check what was asked.
    p.run(&["--exit-zero", "src", "missing.rs"])
        .code(2)
        .stderr_has("missing.rs");
}

#[test]
fn usage_errors_exit_2() {
    let p = Project::chrono();
    p.file("src/lib.rs", CLEAN);
    p.run(&["--message-format", "xml"]).code(2);
    p.run(&["--jobs", "0"]).code(2);
    p.run(&["--no-such-flag"]).code(2);
    p.run(&["-p", "dmeo"])
        .code(2)
        .stderr_has("`dmeo` is not a member")
        .stderr_has("did you mean `demo`");
    // An impossible override date is refused (not via `run`, which sets a valid one).
    let out = Command::new(BIN)
        .current_dir(p.path())
        .env("LEAPCHECK_TODAY", "2027-02-29")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("LEAPCHECK_TODAY"));
}

#[test]
fn missing_path_is_named_and_others_are_checked() {
    let p = Project::chrono();
    p.file("src/lib.rs", BROKEN);
    let r = p.run_short(&["nope.rs", "src"]);
    r.code(2).stderr_has("`nope.rs`");
    assert_eq!(r.short_paths(), ["src/lib.rs"]);
}

// ---- levels -----------------------------------------------------------------------------------

#[test]
fn level_flags_on_parse_errors() {
    let p = Project::chrono();
    p.file("src/lib.rs", BROKEN);
    p.run(&["-A", "parse_error"]).code(0);
    // `all` is every group; the input pseudo-lint is in none, so with --no-prefilter the
    // file is still parsed and its error reported. With the prefilter, a run in which no lint
    // is enabled parses nothing (nothing could be found), so there is no parse error either.
    p.run(&["-A", "all", "--no-prefilter"]).code(1);
    p.run(&["-A", "all"]).code(0);
    p.run(&["-W", "parse_error", "--color=never"])
        .code(0)
        .stdout_has("warning[leapcheck::parse_error]")
        .stderr_has("1 warning in 1 file");
    p.run(&["-W", "parse_error", "-D", "warnings"]).code(1);
    // rustc semantics: `-D warnings` applies to whatever ends up at warn level.
    p.run(&["-D", "warnings", "-W", "parse_error"]).code(1);
    p.run(&["-W", "parse_error", "-A", "warnings"])
        .code(0)
        .stderr_has("no findings");
    // Order matters: the last flag wins.
    p.run(&["-A", "parse_error", "-D", "parse-error"]).code(1);
    p.run(&["-D", "parse_error", "--allow=leapcheck::parse_error"])
        .code(0);
}

#[test]
fn level_flags_on_lints_and_groups() {
    let p = Project::chrono();
    p.file("src/lib.rs", LEAP_BUG);
    p.run(&[]).code(1);
    p.run(&["-A", "year_arithmetic_on_date"]).code(0);
    p.run(&["-A", "correctness"]).code(0);
    p.run(&["-A", "all"]).code(0);
    p.run(&["-A", "all", "-D", "year_arithmetic_on_date"])
        .code(1);
    p.run(&["-D", "year_arithmetic_on_date", "-A", "all"])
        .code(0);
    p.run(&["-W", "correctness", "--color", "never"])
        .code(0)
        .stdout_has("warning[leapcheck::year_arithmetic_on_date]");
    p.run(&["-W", "correctness", "-D", "warnings"]).code(1);
}

#[test]
fn unknown_lint_exits_2_with_suggestion() {
    let p = Project::chrono();
    p.file("src/lib.rs", CLEAN);
    p.run(&["-D", "year_arithmetic"])
        .code(2)
        .stderr_has("unknown lint or group `year_arithmetic`")
        .stderr_has("did you mean `year_arithmetic_on_date`");
    p.run(&["-A", "pedantc"])
        .code(2)
        .stderr_has("did you mean `pedantic`");
    p.run(&["-W", "xyzzy"]).code(2).stderr_has("`xyzzy`");
}

// ---- --explain and --list ---------------------------------------------------------------------

#[test]
fn explain_prints_the_lint_page() {
    let p = Project::new();
    let lint = find_lint("year_arithmetic_on_date").unwrap();
    let r = p.run(&["--explain", "year_arithmetic_on_date"]);
    r.code(0);
    assert_eq!(r.stdout.trim_end(), lint.explanation.trim_end());
    // The diagnostic code spelling works too.
    let r2 = p.run(&["--explain", "leapcheck::year_arithmetic_on_date"]);
    assert_eq!(r2.stdout, r.stdout);
    p.run(&["--explain", "year_arithmetic_on_dates"])
        .code(2)
        .stderr_has("no lint named `year_arithmetic_on_dates`")
        .stderr_has("did you mean `year_arithmetic_on_date`");
}

#[test]
fn list_shows_every_lint_with_levels() {
    let p = Project::new();
    let r = p.run(&["--list"]);
    r.code(0);
    for lint in LINTS {
        let line = r.listed(lint.name);
        let cols: Vec<&str> = line.split_whitespace().collect();
        let default = lint.default_level().as_str();
        assert_eq!(
            cols[1..4],
            [lint.group.as_str(), default, default],
            "{line}"
        );
        assert!(line.ends_with(lint.summary), "{line}");
    }
    let r = p.run(&[
        "--list",
        "-D",
        "suspicious",
        "-A",
        "year_arithmetic_on_date",
    ]);
    assert_eq!(r.listed_level("year_arithmetic_on_date"), "allow");
    assert_eq!(r.listed_level("unwrap_on_date_construction"), "deny");
    assert_eq!(r.listed_level("month_arithmetic_on_date"), "deny");
}

// ---- parse errors -----------------------------------------------------------------------------

#[test]
fn parse_error_is_reported_and_other_files_still_checked() {
    let p = Project::chrono();
    p.file("src/lib.rs", "mod a;\nmod b;\n")
        .file(
            "src/a.rs",
            "fn ok() {}\n\nfn broken(d: NaiveDate) {\n    let x = ;\n    d.with_year(2025);\n}\n",
        )
        .file("src/b.rs", LEAP_BUG);
    let r = p.run(&["--color", "never"]);
    r.code(1)
        .stdout_has("error[leapcheck::parse_error]: could not parse file")
        .stdout_has(" --> src/a.rs:4:13")
        .stdout_has("error[leapcheck::year_arithmetic_on_date]")
        .stderr_has("2 errors in 3 files");
    p.run_short(&[])
        .stdout_has("src/a.rs:4:13: error[parse_error]: could not parse file");
}

/// A parse error in an edition-2015 package (no `edition` in its manifest means 2015) is a
/// note: syn reads the syntax of 2018 and later, and 2015's bare trait objects with bounds
/// are valid code it rejects. In a 2021 package the same file is an error.
#[test]
fn parse_errors_in_edition_2015_packages_are_notes() {
    // `renew` reads `Job`, so `Job` is parsed too (only the items that matter are).
    let old = "pub struct Job<'a> {\n    run: Box<(FnMut() -> ()) + 'a>,\n    due: NaiveDate,\n}\n\
               pub fn renew(j: &Job) -> NaiveDate {\n    j.due.with_year(j.due.year() + 1).unwrap()\n}\n";
    let p = Project::new();
    p.file(
        "Cargo.toml",
        "[package]\nname = \"old\"\nversion = \"0.1.0\"\n",
    )
    .file("src/lib.rs", old);
    for args in [&[][..], &["src/lib.rs"][..]] {
        let r = p.run(args);
        r.code(0)
            .stderr_has("note: `src/lib.rs` was not checked: could not parse file")
            .stderr_has("its package is edition 2015");
        assert_eq!(r.stdout, "", "{args:?}");
    }
    p.file(
        "Cargo.toml",
        "[package]\nname = \"old\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    p.run_short(&[]).code(1).stdout_has("src/lib.rs:2:");
}

/// A file cargo never compiles — no `mod` declares it, or it lies outside the package's
/// targets — is dead text: its syntax error is a note on stderr, not a finding. A compiled
/// file's syntax error stays an error, and so does one in a file named on the command line.
#[test]
fn parse_errors_in_files_no_crate_compiles_are_notes() {
    let p = Project::chrono();
    p.file(
        "src/lib.rs",
        "mod used;\n#[path = \"platform/unix_impl.rs\"]\nmod unix;\npub fn f() {}\n",
    )
    .file("src/used.rs", "pub fn g() {}\n")
    .file("src/platform/unix_impl.rs", "pub fn h() {}\n")
    .file("src/old_calendar.rs", BROKEN)
    .file("src/used/stale.rs", BROKEN)
    .file("docs/devel/sketch.rs", BROKEN);
    for args in [&[][..], &["."][..], &["-D", "warnings"][..]] {
        let r = p.run_short(args);
        r.code(0)
            .stderr_has("note: `src/old_calendar.rs` was not checked: could not parse file at 1:5")
            .stderr_has("no crate's module tree reaches it");
        assert_eq!(r.stdout, "", "{args:?}");
    }
    p.run(&["."])
        .code(0)
        .stderr_has("note: `docs/devel/sketch.rs` was not checked")
        .stderr_has("(3 files that did not parse were not checked, as the notes say)");
    // Named on the command line: checked as asked.
    let r = p.run_short(&["src/old_calendar.rs"]);
    r.code(1);
    assert_eq!(r.short(), ["src/old_calendar.rs:1:5 parse_error"]);
    // Declared, directly or through `#[path]`: compiled, so an error. (Their brackets
    // balance, so their own declarations are still read.)
    let balanced = "fn f() { let x = ; NaiveDate::from_ymd_opt(2024, 2, 29); }\n";
    p.file("src/used.rs", balanced);
    p.file("src/platform/unix_impl.rs", balanced);
    let r = p.run_short(&["."]);
    r.code(1)
        .stderr_has("note: `src/old_calendar.rs` was not checked");
    assert_eq!(
        r.short(),
        [
            "src/platform/unix_impl.rs:1:18 parse_error",
            "src/used.rs:1:18 parse_error"
        ]
    );
    // A crate root whose brackets do not balance hides which modules it declares: every
    // file of its package keeps its error.
    p.file("src/lib.rs", BROKEN);
    let r = p.run_short(&[]);
    r.code(1);
    assert!(
        r.short()
            .contains(&"src/old_calendar.rs:1:5 parse_error".to_string()),
        "{}",
        r.stdout
    );
}

#[test]
fn non_utf8_file_is_a_parse_error_at_the_first_bad_byte() {
    let p = Project::chrono();
    p.bytes("src/lib.rs", b"fn a() {}\n// caf\xe9\n");
    p.run_short(&[])
        .code(1)
        .stdout_has("src/lib.rs:2:7: error[parse_error]: file is not valid UTF-8");
}

#[test]
fn deeply_nested_input_does_not_crash() {
    let p = Project::chrono();
    let depth = 100_000;
    let src = format!(
        "fn f() {{ {}{} }} // with_year\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    p.file("src/lib.rs", &src).file("src/ok.rs", CLEAN);
    p.run_short(&[])
        .code(1)
        .stdout_has("src/lib.rs:1:")
        .stdout_has("[parse_error]");
}

// ---- discovery --------------------------------------------------------------------------------

/// A workspace: root package `app` plus nested member `crates/util`, and a non-member crate.
fn workspace() -> Project {
    let p = Project::new();
    p.file(
        "Cargo.toml",
        &format!(
            "{}\n[workspace]\nmembers = [\"crates/util\"]\nexclude = [\"vendor/other\"]\n",
            chrono_manifest("app")
        ),
    )
    .file("crates/util/Cargo.toml", &chrono_manifest("util"))
    .file("src/main.rs", BROKEN)
    .file("src/bin/tool.rs", BROKEN)
    .file("src/deep/nested/mod.rs", BROKEN)
    .file("build.rs", BROKEN)
    .file("tests/it.rs", BROKEN)
    .file("benches/b.rs", BROKEN)
    .file("examples/ex.rs", BROKEN)
    .file("crates/util/src/lib.rs", BROKEN)
    .file("crates/util/tests/t.rs", BROKEN)
    // Not sources of any member:
    .file("vendor/other/Cargo.toml", &chrono_manifest("other"))
    .file("vendor/other/src/lib.rs", BROKEN)
    .file("scripts/gen.rs", BROKEN)
    // Skipped inside walked directories:
    .file("target/debug/build/out.rs", BROKEN)
    .file("crates/util/target/x.rs", BROKEN)
    .file("src/.hidden/h.rs", BROKEN)
    .file("src/generated.rs", BROKEN)
    .file("src/notes.txt", BROKEN)
    .file(".gitignore", "/target\ngenerated.rs\n");
    p
}

#[test]
fn workspace_discovery_via_cargo_metadata() {
    let p = workspace();
    let r = p.run_short(&[]);
    r.code(1);
    assert_eq!(
        r.short_paths(),
        [
            "benches/b.rs",
            "build.rs",
            "crates/util/src/lib.rs",
            "crates/util/tests/t.rs",
            "examples/ex.rs",
            "src/bin/tool.rs",
            "src/deep/nested/mod.rs",
            "src/main.rs",
            "tests/it.rs",
        ]
    );
    // --workspace is the default; -p narrows; --exclude removes.
    let r2 = p.run_short(&["--workspace"]);
    assert_eq!(r2.stdout, r.stdout);
    let r = p.run_short(&["-p", "util"]);
    assert_eq!(
        r.short_paths(),
        ["crates/util/src/lib.rs", "crates/util/tests/t.rs"]
    );
    let r = p.run_short(&["--workspace", "--exclude", "app"]);
    assert_eq!(
        r.short_paths(),
        ["crates/util/src/lib.rs", "crates/util/tests/t.rs"]
    );
}

#[test]
fn nested_member_from_its_own_directory_and_manifest_path() {
    let p = workspace();
    // From inside a member, that member is checked, as cargo does; `--workspace` checks every
    // member (paths outside the current directory are shown in full).
    let r = p.run_short_in("crates/util", &[]);
    r.code(1);
    assert_eq!(r.short_paths(), ["src/lib.rs", "tests/t.rs"]);
    let r = p.run_short_in("crates/util", &["--workspace"]);
    r.code(1).stdout_has("\nsrc/lib.rs:1:5: error[parse_error]");
    assert!(r.short_paths().len() >= 9, "{}", r.stdout);
    // So does a subdirectory of a member, and `--manifest-path` naming a member's manifest.
    let r = p.run_short_in("crates/util/src", &[]);
    assert_eq!(r.short_paths().len(), 2, "{}", r.stdout);
    let other = Project::new();
    let manifest = p.path().join("crates/util/Cargo.toml");
    for extra in [&[][..], &["-p", "util"]] {
        let r =
            other.run_short(&[&["--manifest-path", manifest.to_str().unwrap()], extra].concat());
        r.code(1);
        assert_eq!(r.short_paths().len(), 2, "{}", r.stdout);
    }
    // The workspace root's manifest: every member.
    let root = p.path().join("Cargo.toml");
    let r = other.run_short(&["--manifest-path", root.to_str().unwrap()]);
    assert!(r.short_paths().len() >= 9, "{}", r.stdout);
    other
        .run(&["--manifest-path", "nowhere/Cargo.toml"])
        .code(2)
        .stderr_has("nowhere/Cargo.toml");
}

#[test]
fn broken_manifest_exits_2() {
    let p = Project::new();
    // Not TOML: the configuration reader (which reads Cargo.toml first) names the position.
    p.file("Cargo.toml", "[package\nname = ")
        .file("src/lib.rs", CLEAN);
    p.run(&[]).code(2).stderr_has("--> Cargo.toml:1:9");
    // Valid TOML that cargo refuses: cargo's own message.
    p.file(
        "Cargo.toml",
        "[package]\nname = \"demo\"\nedition = \"1999\"\n",
    );
    p.run(&[]).code(2).stderr_has("cargo metadata");
}

#[test]
fn without_cargo_toml_the_current_tree_is_checked() {
    let p = Project::new();
    p.file("a.rs", BROKEN)
        .file("sub/b.rs", BROKEN)
        .file("target/c.rs", BROKEN)
        .file(".git/d.rs", BROKEN)
        .file("sub/.cache/e.rs", BROKEN);
    let r = p.run_short(&[]);
    r.code(1);
    assert_eq!(r.short_paths(), ["a.rs", "sub/b.rs"]);
}

#[test]
fn path_arguments_walk_dirs_and_always_check_explicit_files() {
    let p = workspace();
    let r = p.run_short(&["src", "scripts"]);
    r.code(1);
    assert_eq!(
        r.short_paths(),
        [
            "scripts/gen.rs",
            "src/bin/tool.rs",
            "src/deep/nested/mod.rs",
            "src/main.rs"
        ]
    );
    // Named explicitly: checked although .gitignore'd, hidden, under target/ or not `.rs`.
    let r = p.run_short(&[
        "src/generated.rs",
        "src/.hidden/h.rs",
        "target/debug/build/out.rs",
        "src/notes.txt",
        // Twice (once through its directory): reported once.
        "src/main.rs",
        "src",
    ]);
    r.code(1);
    assert_eq!(
        r.short_paths(),
        [
            "src/.hidden/h.rs",
            "src/bin/tool.rs",
            "src/deep/nested/mod.rs",
            "src/generated.rs",
            "src/main.rs",
            "src/notes.txt",
            "target/debug/build/out.rs",
        ]
    );
    // `.` walks the whole tree, nested and non-member packages included, still skipping
    // target/, hidden and ignored paths.
    let r = p.run_short(&["."]);
    assert!(r
        .short_paths()
        .contains(&"vendor/other/src/lib.rs".to_string()));
    for skipped in [
        "target/",
        "crates/util/target/",
        "src/.hidden/",
        "src/generated.rs",
    ] {
        assert!(
            !r.stdout.contains(skipped),
            "{skipped} reported:\n{}",
            r.stdout
        );
    }
}

/// A workspace laid out like rust-lang/cargo's: a root package whose `tests/` holds fixture
/// packages that are not members — `broken` with a manifest that is not even TOML, `quiet` with
/// a valid one whose package section would allow the leap-day lint — each with the 2012 bug,
/// and a member `crates/util` whose library is `member_lib`.
fn workspace_with_fixtures(member_lib: &str) -> Project {
    let p = Project::new();
    p.file(
        "Cargo.toml",
        &format!(
            "{}\n[workspace]\nmembers = [\"crates/util\"]\n",
            chrono_manifest("app")
        ),
    )
    .file("src/main.rs", "fn main() {}\n")
    .file("crates/util/Cargo.toml", &chrono_manifest("util"))
    .file("crates/util/src/lib.rs", member_lib)
    .file("tests/fixtures/broken/Cargo.toml", "[package\nname = ")
    .file("tests/fixtures/broken/src/lib.rs", LEAP_BUG)
    .file(
        "tests/fixtures/quiet/Cargo.toml",
        &util::manifest(
            "quiet",
            "[package.metadata.leapcheck.lints]\nyear_arithmetic_on_date = \"allow\"\n",
        ),
    )
    .file("tests/fixtures/quiet/src/lib.rs", LEAP_BUG);
    p
}

/// Issue 9, point 8: a nested package that is not a member is not part of the package around
/// it, and its manifest is never configuration: a broken one cannot stop the run.
#[test]
fn nested_non_member_packages_are_skipped_and_never_configuration() {
    let p = workspace_with_fixtures(LEAP_BUG);
    let r = p.run(&[]);
    r.code(1).stderr_has("leapcheck: 1 error in 2 files");
    assert!(!r.stderr.contains("Cargo.toml"), "{r:?}");
    let r = p.run_short(&[]);
    assert_eq!(
        r.short(),
        ["crates/util/src/lib.rs:3:5 year_arithmetic_on_date"]
    );

    // Named files (what pre-commit passes) are checked whatever package they are in, with the
    // workspace's settings: the fixture's manifest is not read, so its `allow` does not apply
    // and its syntax does not matter.
    let r = p.run_short(&[
        "crates/util/src/lib.rs",
        "tests/fixtures/broken/src/lib.rs",
        "tests/fixtures/quiet/src/lib.rs",
    ]);
    r.code(1);
    assert_eq!(
        r.short(),
        [
            "crates/util/src/lib.rs:3:5 year_arithmetic_on_date",
            "tests/fixtures/broken/src/lib.rs:3:5 year_arithmetic_on_date",
            "tests/fixtures/quiet/src/lib.rs:3:5 year_arithmetic_on_date",
        ]
    );
    // A named directory is walked whole, nested packages included.
    let r = p.run_short(&["tests"]);
    r.code(1);
    assert_eq!(
        r.short_paths(),
        [
            "tests/fixtures/broken/src/lib.rs",
            "tests/fixtures/quiet/src/lib.rs"
        ]
    );
}

#[test]
fn nested_broken_manifest_in_a_clean_workspace_exits_0() {
    let p = workspace_with_fixtures(CLEAN);
    p.run(&[])
        .code(0)
        .stderr_has("leapcheck: no findings in 2 files");
    // From inside the member too (which checks that member alone, as cargo does).
    p.run_in("crates/util", &[])
        .code(0)
        .stderr_has("no findings in 1 file");
}

#[cfg(unix)]
#[test]
fn fifo_and_symlinks_do_not_hang_or_escape() {
    let p = Project::chrono();
    p.file("src/lib.rs", BROKEN);
    let outside = Project::new();
    outside.file("secret.rs", BROKEN);
    let status = Command::new("mkfifo")
        .arg(p.path().join("src/x.rs"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let src = p.path().join("src");
    std::os::unix::fs::symlink("does-not-exist.rs", src.join("dangling.rs")).unwrap();
    std::os::unix::fs::symlink("..", src.join("loop")).unwrap();
    std::os::unix::fs::symlink(outside.path(), src.join("outside")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.rs"), src.join("linked.rs")).unwrap();

    let r = p.run_short(&[]);
    r.code(1);
    assert_eq!(r.short_paths(), ["src/lib.rs"]);
    let r = p.run_short(&["src"]);
    r.code(1);
    assert_eq!(r.short_paths(), ["src/lib.rs"]);
    // Named explicitly, the FIFO is refused without being opened.
    p.run(&["src/x.rs"])
        .code(2)
        .stderr_has("`src/x.rs`: not a regular file");
    p.run(&["src/dangling.rs"])
        .code(2)
        .stderr_has("src/dangling.rs");
}

#[test]
fn test_files_are_marked_as_such() {
    // The same unchecked unwrap in library code and in an integration test: only the library
    // one is reported unless --check-tests (the engine skips unwrap lints in test files).
    let code = "use chrono::{Datelike, NaiveDate};
pub fn birthday(born: NaiveDate, today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(today.year(), born.month(), born.day()).unwrap()
}
";
    let p = Project::chrono();
    p.file("src/lib.rs", code).file("tests/t.rs", code);
    let r = p.run_short(&["-A", "all", "-W", "unwrap_on_date_construction"]);
    r.code(0);
    assert_eq!(r.short_paths(), ["src/lib.rs"]);
    let r = p.run_short(&[
        "-A",
        "all",
        "-W",
        "unwrap_on_date_construction",
        "--check-tests",
    ]);
    assert_eq!(r.short_paths(), ["src/lib.rs", "tests/t.rs"]);
}

// ---- spellings and options --------------------------------------------------------------------

#[test]
fn cargo_subcommand_spelling_equals_direct_spelling() {
    let p = workspace();
    for args in [
        &["--message-format", "short"][..],
        &["--color", "always"],
        &["--list", "-W", "pedantic"],
        &["-D", "nope"],
    ] {
        let direct = p.run(args);
        let mut with_cargo_arg = vec!["leapcheck"];
        with_cargo_arg.extend_from_slice(args);
        let via_cargo = p.run(&with_cargo_arg);
        assert_eq!(direct.code, via_cargo.code, "{args:?}");
        assert_eq!(direct.stdout, via_cargo.stdout, "{args:?}");
        assert_eq!(direct.stderr, via_cargo.stderr, "{args:?}");
    }
}

#[test]
fn replay_arguments_go_to_the_replay_subcommand() {
    // `replay` has its own parser: our options must not be parsed (or offered) there, in
    // either spelling.
    let p = Project::new();
    let direct = p.run(&["replay", "--help"]);
    let via_cargo = p.run(&["leapcheck", "replay", "--help"]);
    assert_eq!(direct.code, via_cargo.code);
    assert_eq!(direct.stdout, via_cargo.stdout);
    let all = format!("{}{}", direct.stdout, direct.stderr);
    assert!(!all.contains("--explain"), "{all}");
}

#[test]
fn color_choice() {
    let p = Project::chrono();
    p.file("src/lib.rs", BROKEN);
    assert!(p.run(&["--color", "always"]).stdout.contains('\x1b'));
    assert!(!p.run(&["--color", "never"]).stdout.contains('\x1b'));
    // auto: stdout is a pipe here.
    assert!(!p.run(&[]).stdout.contains('\x1b'));
}

#[test]
fn output_is_deterministic_across_job_counts() {
    let p = workspace();
    let one = p.run(&["--jobs", "1"]);
    let many = p.run(&["-j", "8"]);
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(one.stderr, many.stderr);
}

// ---- installation -----------------------------------------------------------------------------

/// `cargo install`, then `cargo leapcheck` found by cargo on PATH, in a fresh project: the
/// way users run it.
#[test]
fn installed_binary_runs_as_cargo_subcommand() {
    let installed = install();
    let project = Project::chrono();
    project.file("src/lib.rs", LEAP_BUG);
    let leapcheck = |args: &[&str]| {
        let mut cmd = Command::new(util::cargo());
        cmd.arg("leapcheck")
            .args(args)
            .current_dir(project.path())
            .env("PATH", &installed.path);
        run(cmd)
    };
    let r = leapcheck(&["--color", "never"]);
    r.code(1)
        .stdout_has("error[leapcheck::year_arithmetic_on_date]: ")
        .stderr_has("leapcheck: 1 error in 1 file");
    let at = r
        .stdout
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> src/lib.rs:"))
        .unwrap_or_else(|| panic!("no location line:\n{}", r.stdout));
    // The whole constructor call (column 5) or its year argument (column 29).
    assert!(at == "3:5" || at == "3:29", "reported at src/lib.rs:{at}");

    project.file("src/lib.rs", LEAP_FIXED);
    leapcheck(&[]).code(0).stderr_has("no findings in 1 file");
}

/// `--new-since REV`: only findings on lines added or changed since `REV` (committed, staged,
/// unstaged, untracked); outside a repository or with an unknown revision, a usage error.
#[test]
fn new_since_reports_only_findings_on_new_lines() {
    let p = Project::chrono();
    p.file("src/lib.rs", "pub mod old;\npub mod new;\n")
        .file("src/old.rs", LEAP_BUG)
        .file("src/new.rs", CLEAN);
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .arg("-C")
            .arg(p.path())
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {out:?}");
    };
    // Outside a repository: a clear error naming the option, before any file is checked.
    p.run(&["--new-since", "HEAD"])
        .code(2)
        .stderr_has("--new-since needs a git repository");
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    let base = ["--new-since", "HEAD"];
    // Nothing changed: the old bug is not new.
    let r = p.run_short(&base);
    r.code(0);
    assert_eq!(r.short(), Vec::<String>::new(), "{r:?}");
    // The same bug written into the untouched file and into a new, untracked file.
    p.file("src/new.rs", &format!("{CLEAN}{LEAP_BUG}"));
    p.file("src/later.rs", LEAP_BUG);
    p.file("src/lib.rs", "pub mod old;\npub mod new;\npub mod later;\n");
    let r = p.run_short(&base);
    r.code(1);
    assert_eq!(
        r.short(),
        [
            "src/later.rs:3:5 year_arithmetic_on_date",
            "src/new.rs:6:5 year_arithmetic_on_date",
        ]
    );
    // Committed since the base revision counts too; without the option, everything.
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "more"]);
    let r = p.run_short(&["--new-since", "HEAD~1"]);
    assert_eq!(r.short().len(), 2, "{r:?}");
    let r = p.run_short(&[]);
    assert_eq!(r.short().len(), 3, "{r:?}");
    p.run(&["--new-since", "no-such-rev"])
        .code(2)
        .stderr_has("`no-such-rev` is no commit");
}

/// `--add-allow[=REASON]` writes a suppression above each finding's line, with its indentation;
/// afterwards the run is clean, and a second `--add-allow` changes nothing.
#[test]
fn add_allow_records_current_findings_in_the_code() {
    let p = Project::chrono();
    p.file("src/lib.rs", "pub mod a;\npub mod b;\n")
        .file("src/a.rs", LEAP_BUG)
        .file("src/b.rs", TWO_ON_A_LINE);
    let r = p.run(&["--add-allow=legacy, see #12"]);
    r.code(0)
        .stderr_has("added 2 `leapcheck:allow` comments in 2 files");
    let a = std::fs::read_to_string(p.path().join("src/a.rs")).unwrap();
    assert_eq!(
        a.lines().nth(2),
        Some("    // leapcheck:allow(year_arithmetic_on_date) legacy, see #12"),
        "{a}"
    );
    let b = std::fs::read_to_string(p.path().join("src/b.rs")).unwrap();
    assert_eq!(b.matches("leapcheck:allow(").count(), 1, "{b}");
    p.run(&[]).code(0).stderr_has("no findings");
    p.run(&["--add-allow"])
        .code(0)
        .stderr_has("added 0 `leapcheck:allow` comments in 0 files");
    assert_eq!(
        std::fs::read_to_string(p.path().join("src/a.rs")).unwrap(),
        a
    );
}

/// clippy's habits: level flags after `--`, and `--all-targets` for test code.
#[test]
fn level_flags_after_dashes_and_all_targets() {
    let p = Project::chrono();
    p.file(
        "src/lib.rs",
        "use chrono::{Datelike, NaiveDate};\npub fn renew(start: NaiveDate) -> Option<NaiveDate> {\n    NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day())\n}\n",
    );
    p.run(&[]).code(0).stderr_has("1 warning");
    p.run(&["--", "-D", "warnings"])
        .code(1)
        .stderr_has("1 error");
    p.run(&["-D", "warnings", "--", "-A", "year_arithmetic_on_date"])
        .code(0)
        .stderr_has("no findings");
    p.file(
        "tests/t.rs",
        "use chrono::NaiveDate;\n#[test]\nfn t() {\n    let d = std::env::var(\"D\").unwrap();\n    NaiveDate::parse_from_str(&d, \"%Y-%m-%d\").unwrap();\n}\n",
    );
    let quiet = p.run_short(&[]);
    let all = p.run_short(&["--all-targets"]);
    assert_eq!(all.short().len(), quiet.short().len() + 1, "{all:?}");
}

/// `--statistics`: counts per lint and level instead of the findings; same exit status.
#[test]
fn statistics_count_findings_per_lint() {
    let p = Project::chrono();
    p.file("src/lib.rs", "pub mod a;\npub mod b;\n")
        .file("src/a.rs", LEAP_BUG)
        .file("src/b.rs", TWO_ON_A_LINE);
    let r = p.run(&["--statistics"]);
    r.code(1).stderr_has("leapcheck: 3 errors in 3 files");
    assert_eq!(
        r.stdout, "    3  error    year_arithmetic_on_date\n",
        "{r:?}"
    );
    let r = p.run(&["--statistics", "--message-format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(
        rows,
        serde_json::json!([{ "lint": "year_arithmetic_on_date", "level": "error", "count": 3 }])
    );
}

/// `--write-baseline` records today's findings; `--baseline` reports only new ones, whatever
/// lines moved, and says how many recorded ones are gone.
#[test]
fn baseline_reports_only_findings_it_does_not_record() {
    let p = Project::chrono();
    p.file("src/lib.rs", "pub mod a;\npub mod b;\n")
        .file("src/a.rs", LEAP_BUG)
        .file("src/b.rs", TWO_ON_A_LINE);
    p.run(&["--write-baseline", "leapcheck-baseline.json"])
        .code(0)
        .stderr_has("wrote 3 findings to the baseline `leapcheck-baseline.json`");
    let with = ["--baseline", "leapcheck-baseline.json"];
    let r = p.run_short(&with);
    r.code(0);
    assert!(r.short().is_empty(), "{r:?}");
    // Lines added above the old finding, and the same bug in a new function.
    p.file(
        "src/a.rs",
        &format!("// a comment\n\n{LEAP_BUG}pub fn again(start: NaiveDate) -> NaiveDate {{\n    NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day()).unwrap()\n}}\n"),
    );
    let r = p.run_short(&with);
    r.code(1);
    assert_eq!(r.short(), ["src/a.rs:8:5 year_arithmetic_on_date"]);
    // The line with two findings rewritten: both of its entries are left over (an entry is
    // the text of its line), and what remains there is reported again.
    p.file(
        "src/b.rs",
        &TWO_ON_A_LINE.replace("d.with_year(d.year() - 1).unwrap()", "d"),
    );
    let r = p.run_short(&with);
    r.stderr_has("note: 2 findings of the baseline no longer occur");
    assert_eq!(
        r.short(),
        [
            "src/a.rs:8:5 year_arithmetic_on_date",
            "src/b.rs:3:8 year_arithmetic_on_date"
        ]
    );
    p.file("broken.json", "{");
    p.run(&["--baseline", "broken.json"])
        .code(2)
        .stderr_has("`broken.json` is not a leapcheck baseline");
    p.run(&["--baseline", "missing.json"])
        .code(2)
        .stderr_has("cannot read the baseline `missing.json`");
}

/// `--list` and `--explain` answer in JSON when asked to.
#[test]
fn list_and_explain_in_json() {
    let p = Project::chrono();
    let r = p.run(&[
        "--list",
        "--message-format",
        "json",
        "-A",
        "year_arithmetic_on_date",
    ]);
    r.code(0);
    let rows: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), LINTS.len());
    let year = rows
        .iter()
        .find(|r| r["name"] == "year_arithmetic_on_date")
        .unwrap();
    assert_eq!(year["default"], "deny");
    assert_eq!(year["effective"], "allow");
    assert_eq!(year["fix"], "unsafe");
    let leap = rows
        .iter()
        .find(|r| r["name"] == "incomplete_leap_year_rule")
        .unwrap();
    assert_eq!(leap["fix"], "safe");
    let dead = rows.iter().find(|r| r["name"] == "parse_error").unwrap();
    assert!(dead["fix"].is_null());
    let r = p.run(&[
        "--explain",
        "year_arithmetic_on_date",
        "--message-format",
        "json",
    ]);
    r.code(0);
    let page: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(
        page["explanation"],
        find_lint("year_arithmetic_on_date").unwrap().explanation
    );
}
