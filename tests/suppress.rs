//! Suppressions in the source, end to end with the real binary: each form silences what it
//! should and nothing else, suppressed findings leave the report, the summary and the exit
//! status, and stale or misspelt suppressions are reported. Also checks with a real
//! `cargo check` that rustc accepts the `cfg_attr` form with the documented check-cfg line.

use std::process::Command;

use crate::util::{cargo, manifest, output, Project};

/// The 2012 Azure shape, at deny level (`year_arithmetic_on_date` is an error where the bad
/// date panics).
const BUG: &str = "NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day()).unwrap()";

fn lib(body: &str) -> String {
    format!("use chrono::{{Datelike, NaiveDate}};\n{body}")
}

/// A package whose `src/lib.rs` is [`lib`]`(body)`.
fn lib_project(body: &str) -> Project {
    let p = Project::package();
    p.file("src/lib.rs", &lib(body));
    p
}

#[test]
fn comment_forms_silence_their_line_and_leave_the_exit_status() {
    let p = lib_project(&format!(
        "pub fn f(d: NaiveDate) {{
    // leapcheck:allow(year_arithmetic_on_date) fiscal years start on Jan 1
    let _ = {BUG};
    let _ = {BUG}; // leapcheck:allow(correctness)
    /* leapcheck:allow(leapcheck::year-arithmetic-on-date) */ let _ = {BUG};
}}
"
    ));
    p.run(&[])
        .code(0)
        .stderr_has("no findings in 1 file")
        .stdout_lacks("year_arithmetic_on_date");
    // The same code without the comments fails.
    p.file(
        "src/lib.rs",
        &lib(&format!(
            "pub fn f(d: NaiveDate) {{\n    let _ = {BUG};\n}}\n"
        )),
    );
    p.run(&[]).code(1);
}

#[test]
fn suppression_covers_only_its_target() {
    let p = lib_project(&format!(
        "pub fn f(d: NaiveDate) {{
    // leapcheck:allow(year_arithmetic_on_date) only the next line
    let _ = {BUG};
    let _ = {BUG};
    let _s = \"// leapcheck:allow(all) inside a string is not a comment\";
    let _ = {BUG};
}}
"
    ));
    let r = p.run_short(&[]);
    r.code(1);
    assert_eq!(
        r.short(),
        [
            "src/lib.rs:5:13 year_arithmetic_on_date",
            "src/lib.rs:7:13 year_arithmetic_on_date"
        ]
    );
    p.run(&[]).stderr_has("2 errors in 1 file");
}

#[test]
fn file_and_item_forms() {
    let p = Project::package();
    p.file(
        "src/lib.rs",
        &format!(
            "//! leapcheck:allow(year_arithmetic_on_date) this crate only handles Jan 1
{}pub fn f(d: NaiveDate) {{ let _ = {BUG}; }}
",
            lib("")
        ),
    )
    .file(
        "src/other.rs",
        &lib(&format!(
            "#[cfg_attr(leapcheck, allow(leapcheck::year_arithmetic_on_date, reason = \"Jan 1\"))]
pub fn f(d: NaiveDate) {{ let _ = {BUG}; }}
#[cfg_attr(leapcheck, allow(leapcheck::correctness))]
impl S {{ pub fn g(d: NaiveDate) {{ let _ = {BUG}; }} }}
pub struct S;
pub fn h(d: NaiveDate) {{ let _ = {BUG}; }}
// leapcheck:allow-file(day_arithmetic_on_date) no rustdoc text needed
pub fn i(d: NaiveDate) {{ let _ = NaiveDate::from_ymd_opt(d.year(), d.month(), d.day() + 1).unwrap(); }}
"
        )),
    );
    let r = p.run_short(&[]);
    r.code(1);
    // Only `h` is outside every suppression.
    assert_eq!(r.short(), ["src/other.rs:7:34 year_arithmetic_on_date"]);
}

#[test]
fn unknown_names_and_unused_suppressions_warn() {
    let p = lib_project(&format!(
        "pub fn f(d: NaiveDate) {{
    // leapcheck:allow(year_arithmetic) misspelt
    let _ = {BUG};
    // leapcheck:allow(year_arithmetic_on_date, day_arithmetic_on_date) one is stale
    let _ = {BUG};
}}
#[cfg_attr(leapcheck, allow(leapcheck::month_arithmetic_on_date))]
pub fn g() {{}}
"
    ));
    let r = p.run_short(&[]);
    r.code(1);
    assert_eq!(
        r.short(),
        [
            "src/lib.rs:3:24 unknown_lint_in_suppression",
            "src/lib.rs:4:13 year_arithmetic_on_date",
            "src/lib.rs:5:49 unused_suppression",
            "src/lib.rs:8:29 unused_suppression",
        ]
    );
    let r = p.run(&[]);
    r.stdout_has("did you mean `year_arithmetic_on_date`?")
        .stdout_has("suppression of `day_arithmetic_on_date` silences nothing")
        .stderr_has("1 error, 3 warnings in 1 file");
    // Levels of the meta-lints, from flags and from the configuration. With the year lint
    // off (it does not run), the generic unwrap lint reports the same calls: off too.
    let off = [
        "-A",
        "year_arithmetic_on_date",
        "-A",
        "unwrap_on_date_construction",
    ];
    p.run(&[&off[..], &["-D", "unused_suppression"]].concat())
        .code(1);
    p.file(
        "leapcheck.toml",
        "[lints]\nunused_suppression = \"allow\"\nunknown_lint_in_suppression = \"allow\"\n",
    );
    p.run(&off).code(0).stderr_has("no findings");
    // `all` does not include them: the unknown name is still reported. Whether a suppression
    // is used cannot be judged when every lint it names is switched off (they do not run).
    p.file("leapcheck.toml", "[lints]\nall = \"allow\"\n");
    let r = p.run_short(&[]);
    r.code(0);
    assert_eq!(
        r.short(),
        ["src/lib.rs:3:24 unknown_lint_in_suppression"],
        "{}",
        r.stdout
    );
}

#[test]
fn parse_errors_cannot_be_suppressed_and_do_not_crash() {
    let p = Project::package();
    p.file(
        "src/lib.rs",
        "// leapcheck:allow(parse_error)\nfn f( {}\n// leapcheck:allow(\n",
    );
    let r = p.run_short(&[]);
    r.code(1);
    assert_eq!(r.short(), ["src/lib.rs:2:5 parse_error"]);
}

/// rustc must accept the `cfg_attr` form silently once the documented check-cfg line is in
/// Cargo.toml (and warn without it, which is why the docs ask for the line).
#[test]
fn rustc_accepts_the_cfg_attr_form_with_the_check_cfg_line() {
    let code = "#![cfg_attr(leapcheck, allow(leapcheck::all))]
#[cfg_attr(leapcheck, allow(leapcheck::year_arithmetic_on_date, reason = \"fiscal\"))]
pub fn f(y: i32) -> i32 { y + 1 }
#[cfg_attr(leapcheck, allow(leapcheck::correctness, leapcheck::unwrap_on_date_construction))]
pub mod m {
    pub struct S;
    #[cfg_attr(leapcheck, allow(leapcheck::pedantic))]
    impl S { pub fn g(&self) {} }
}
";
    let check = |extra: &str| {
        let p = Project::new();
        p.file("Cargo.toml", &manifest("demo", extra))
            .file("src/lib.rs", code);
        let out = output(
            Command::new(cargo())
                .args(["check", "--quiet"])
                .current_dir(p.path())
                .env("CARGO_TARGET_DIR", p.path().join("target"))
                .env_remove("RUSTFLAGS"),
            "cargo check",
        );
        // leapcheck reads the same file without complaint (every name is used or valid).
        let r = p.run(&["-W", "unused_suppression"]);
        r.code(0);
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let with_line = check(
        "[lints.rust]\nunexpected_cfgs = { level = \"warn\", check-cfg = ['cfg(leapcheck)'] }\n",
    );
    assert!(
        !with_line.contains("warning"),
        "rustc warned although cfg(leapcheck) is declared:\n{with_line}"
    );
    let without = check("");
    assert!(
        without.contains("unexpected `cfg` condition name: `leapcheck`"),
        "expected rustc's unexpected_cfgs warning without the check-cfg line:\n{without}"
    );
}
