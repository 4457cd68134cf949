//! End-to-end tests of the machine formats (`--message-format json|sarif|github`), `-o` and
//! `--stdin-filename`, each read by a real consumer: cargo_metadata's message parser (the one
//! rust-analyzer uses) for json, the official SARIF 2.1.0 schema (a copy in
//! `tests/fixtures/`) for sarif. One test checks that every format reports the same line and
//! column for the same finding, with multi-byte characters before it and CRLF line endings.

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use cargo_metadata::diagnostic::{Applicability, DiagnosticLevel};
use cargo_metadata::Message;
use serde_json::Value;

use crate::util::{self, chrono_manifest, path_with_bin, repo, sh_blocks, Project, Run};

/// The 2012 Azure shape (`year_arithmetic_on_date`, deny: it panics on Feb 29), with
/// multi-byte characters before the finding on its line. Line 3, columns 19..88 (characters),
/// bytes 102..171 with CRLF.
const LEAP_BUG: &str = "use chrono::{Datelike, NaiveDate};
fn renew(start: NaiveDate) -> NaiveDate {
    let é = \"日本\"; NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day()).unwrap()
}
";
const CALL: &str = "NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day())";
const CLEAN: &str = "pub fn add(a: u32, b: u32) -> u32 {\n    a + b\n}\n";

fn crlf(s: &str) -> String {
    s.replace('\n', "\r\n")
}

impl Run {
    /// The messages of a json run, read by cargo_metadata's parser; every line must parse as
    /// a cargo message.
    #[track_caller]
    fn messages(&self) -> Vec<Message> {
        let messages: Vec<Message> = Message::parse_stream(self.stdout.as_bytes())
            .map(|m| m.expect("readable stream"))
            .collect();
        for m in &messages {
            assert!(
                !matches!(m, Message::TextLine(_)),
                "not a cargo message: {m:?}\n--- stdout\n{}",
                self.stdout
            );
        }
        messages
    }

    #[track_caller]
    fn sarif(&self) -> Value {
        let log: Value = serde_json::from_str(&self.stdout).expect("sarif is JSON");
        assert_valid_sarif(&log);
        log
    }
}

fn compiler_messages(messages: &[Message]) -> Vec<&cargo_metadata::CompilerMessage> {
    messages
        .iter()
        .filter_map(|m| match m {
            Message::CompilerMessage(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// The id cargo gives the workspace member `name` of the workspace at `root`.
fn package_id(root: &Path, name: &str) -> cargo_metadata::PackageId {
    let meta = cargo_metadata::MetadataCommand::new()
        .no_deps()
        .current_dir(root)
        .exec()
        .unwrap();
    let pkg = meta.packages.iter().find(|p| p.name == name).unwrap();
    pkg.id.clone()
}

fn build_finished(messages: &[Message]) -> bool {
    match messages.last() {
        Some(Message::BuildFinished(b)) => b.success,
        other => panic!("the stream must end with build-finished, not {other:?}"),
    }
}

// ---- SARIF validation ---------------------------------------------------------------------------

fn sarif_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let path = repo().join("tests/fixtures/sarif-schema-2.1.0.json");
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft4)
            .should_validate_formats(true)
            .build(&schema)
            .expect("the SARIF schema compiles")
    })
}

/// Validates against the official schema and checks what GitHub code scanning requires of an
/// upload beyond the schema.
#[track_caller]
fn assert_valid_sarif(log: &Value) {
    let errors: Vec<String> = sarif_validator()
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
    // GitHub: version 2.1.0, tool.driver.name, rule ids unique, each result with a message,
    // a ruleId that names a rule, and a physical location with a startLine.
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert!(driver["name"].as_str().is_some_and(|n| !n.is_empty()));
    assert!(driver["version"].is_string());
    let rules = driver["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate rule ids");
    for result in run["results"].as_array().expect("results") {
        let id = result["ruleId"].as_str().expect("ruleId");
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(ids[index], id, "ruleIndex points at the rule");
        assert!(result["message"]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty()));
        let loc = &result["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"].is_string());
        assert!(loc["region"]["startLine"].as_u64().is_some_and(|l| l >= 1));
        let hash = result["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .expect("primaryLocationLineHash");
        let (hex, n) = hash.split_once(':').expect("hash:occurrence");
        assert!(u64::from_str_radix(hex, 16).is_ok() && n.parse::<u32>().is_ok_and(|n| n >= 1));
    }
}

#[test]
fn the_schema_check_is_real() {
    // A log without `version` and with a zero startLine is refused by the validator.
    let bad = serde_json::json!({
        "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{
            "message": {"text": "m"},
            "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]
        }]}]
    });
    assert!(!sarif_validator().is_valid(&bad));
}

// ---- json ---------------------------------------------------------------------------------------

#[test]
fn json_is_cargos_message_stream_with_exact_spans() {
    let p = Project::chrono();
    p.file("src/lib.rs", &crlf(LEAP_BUG));
    let run = p.run(&["--message-format=json"]);
    run.code(1);
    assert!(
        run.stderr.contains("leapcheck: 1 error in 1 file"),
        "{}",
        run.stderr
    );
    let messages = run.messages();
    assert!(!build_finished(&messages));
    let msgs = compiler_messages(&messages);
    assert_eq!(msgs.len(), 1, "{}", run.stdout);
    let m = msgs[0];

    // The real package and target from cargo metadata.
    assert_eq!(m.package_id, package_id(p.path(), "demo"));
    assert_eq!(m.target.name, "demo");
    assert!(m.target.is_lib());
    assert!(m.target.src_path.ends_with("src/lib.rs"));
    let raw: Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    let manifest = raw["manifest_path"].as_str().unwrap();
    assert!(Path::new(manifest).ends_with("Cargo.toml") && Path::new(manifest).is_absolute());

    let d = &m.message;
    assert_eq!(d.level, DiagnosticLevel::Error);
    let code = d.code.as_ref().expect("code");
    assert_eq!(code.code, "leapcheck::year_arithmetic_on_date");
    assert!(code
        .explanation
        .as_deref()
        .is_some_and(|e| e.starts_with("# year_arithmetic_on_date")));
    assert!(
        d.message.starts_with("year arithmetic on a date"),
        "{}",
        d.message
    );

    assert_eq!(d.spans.len(), 1);
    let s = &d.spans[0];
    assert_eq!(s.file_name, "src/lib.rs");
    assert_eq!((s.byte_start, s.byte_end), (102, 171));
    assert_eq!((s.line_start, s.line_end), (3, 3));
    assert_eq!((s.column_start, s.column_end), (19, 88));
    assert!(s.is_primary);
    assert_eq!(s.label.as_deref(), Some("panics when `start` is Feb 29"));
    assert_eq!(s.text.len(), 1);
    assert_eq!(
        s.text[0].text,
        "    let é = \"日本\"; NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day()).unwrap()"
    );
    assert_eq!(
        (s.text[0].highlight_start, s.text[0].highlight_end),
        (19, 88)
    );
    // The byte range is the call in the file as it is on disk (with its CRLFs).
    let on_disk = std::fs::read(p.path().join("src/lib.rs")).unwrap();
    assert_eq!(&on_disk[102..171], CALL.as_bytes());

    // Children: the note, then the help with its fix as rustc's multipart suggestion: one span
    // per edit (the `use` group gains `Months`, the call is replaced), which rust-analyzer
    // applies together as one quick fix.
    let levels: Vec<&DiagnosticLevel> = d.children.iter().map(|c| &c.level).collect();
    assert_eq!(levels, [&DiagnosticLevel::Note, &DiagnosticLevel::Help]);
    assert_eq!(
        d.children[0].message,
        "on 2028-02-29 this builds 2029-02-29, which does not exist"
    );
    let help = &d.children[1];
    assert_eq!(help.spans.len(), 2);
    let import = &help.spans[0];
    assert_eq!(
        (import.line_start, import.column_start, import.column_end),
        (1, 33, 33)
    );
    assert_eq!(import.suggested_replacement.as_deref(), Some(", Months"));
    let hs = &help.spans[1];
    assert_eq!((hs.line_start, hs.column_start, hs.column_end), (3, 19, 88));
    assert_eq!(
        hs.suggested_replacement.as_deref(),
        Some("start.checked_add_months(Months::new(12))")
    );
    for span in &help.spans {
        assert_eq!(
            span.suggestion_applicability,
            Some(Applicability::MaybeIncorrect)
        );
    }

    // `rendered` is the human rendering, without color.
    let rendered = d.rendered.as_deref().expect("rendered");
    assert!(rendered.starts_with("error[leapcheck::year_arithmetic_on_date]: "));
    assert!(rendered.contains("--> src/lib.rs:3:19"), "{rendered}");
    assert!(!rendered.contains('\u{1b}'));
}

#[test]
fn json_paths_are_relative_to_the_workspace_root_and_name_the_member() {
    let p = Project::new();
    p.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/app\", \"crates/core\"]\nresolver = \"2\"\n",
    )
    .file("crates/app/Cargo.toml", &chrono_manifest("app"))
    .file("crates/app/src/main.rs", "fn main() {}\n")
    .file("crates/app/src/bin/tool.rs", LEAP_BUG)
    .file("crates/core/Cargo.toml", &chrono_manifest("core"))
    .file("crates/core/src/lib.rs", CLEAN);
    // rust-analyzer runs the command at the root; from a member with `--workspace` (a member
    // alone is checked without it, as cargo does): the same paths.
    for (dir, args) in [(".", &[][..]), ("crates/core", &["--workspace"])] {
        let mut args = args.to_vec();
        args.extend(["--message-format", "json"]);
        let run = p.run_in(dir, &args);
        run.code(1);
        let messages = run.messages();
        let msgs = compiler_messages(&messages);
        assert_eq!(msgs.len(), 1, "{}", run.stdout);
        let m = msgs[0];
        assert_eq!(m.message.spans[0].file_name, "crates/app/src/bin/tool.rs");
        assert_eq!(m.package_id, package_id(p.path(), "app"));
        assert_eq!(m.target.name, "tool");
        assert!(m.target.is_bin());
    }
}

#[test]
fn json_outside_a_workspace_is_still_a_well_formed_stream() {
    let p = Project::new();
    p.file("a/b.rs", LEAP_BUG).file("ok.rs", CLEAN);
    let run = p.run(&["--message-format=json", "a", "ok.rs"]);
    run.code(1);
    let messages = run.messages();
    let msgs = compiler_messages(&messages);
    assert_eq!(msgs.len(), 1);
    assert_eq!(msgs[0].message.spans[0].file_name, "a/b.rs");
    assert_eq!(msgs[0].target.name, "b");
    assert!(!build_finished(&messages));

    // A clean run is just `build-finished` with success, and exit 0.
    let run = p.run(&["--message-format=json", "ok.rs"]);
    run.code(0);
    let messages = run.messages();
    assert_eq!(messages.len(), 1);
    assert!(build_finished(&messages));
}

#[test]
fn json_warnings_keep_success_true() {
    let p = Project::chrono();
    p.file("src/lib.rs", LEAP_BUG);
    let run = p.run(&["--message-format=json", "-W", "year_arithmetic_on_date"]);
    run.code(0);
    let messages = run.messages();
    assert_eq!(
        compiler_messages(&messages)[0].message.level,
        DiagnosticLevel::Warning
    );
    assert!(build_finished(&messages));
}

// ---- sarif --------------------------------------------------------------------------------------

#[test]
fn sarif_validates_and_carries_rules_fingerprints_and_fixes() {
    let p = Project::new();
    // The repository root (a `.git` directory) is above the package: URIs are relative to it.
    std::fs::create_dir(p.path().join(".git")).unwrap();
    p.file("svc/Cargo.toml", &chrono_manifest("svc"))
        .file("svc/src/lib.rs", LEAP_BUG)
        .file("svc/src/ok.rs", CLEAN);
    let run = p.run_in("svc", &["--message-format", "sarif"]);
    run.code(1);
    let log = run.sarif();
    let sarif_run = &log["runs"][0];
    assert_eq!(sarif_run["columnKind"], "unicodeCodePoints");
    let root = sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );

    // One rule per lint, from the registry, with its page.
    let driver = &sarif_run["tool"]["driver"];
    assert_eq!(driver["name"], "cargo-leapcheck");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(driver["informationUri"], env!("CARGO_PKG_REPOSITORY"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), leapcheck_lints::LINTS.len());
    for (rule, lint) in rules.iter().zip(leapcheck_lints::LINTS) {
        assert_eq!(rule["id"], lint.name);
        // The summary as a sentence: capitalised, with a full stop.
        let short = rule["shortDescription"]["text"].as_str().unwrap();
        assert!(
            short.ends_with('.') && short[..short.len() - 1].eq_ignore_ascii_case(lint.summary),
            "{short}"
        );
        assert_eq!(rule["help"]["markdown"], lint.explanation);
        // The lint's page, in the lints crate since a9f881f; it is in the repository.
        let page = format!("lints/docs/{}.md", lint.name);
        assert_eq!(
            rule["helpUri"],
            format!("{}/blob/main/{page}", env!("CARGO_PKG_REPOSITORY"))
        );
        assert!(repo().join(&page).is_file(), "{page}");
        assert_eq!(rule["properties"]["precision"], lint.precision.as_str());
        assert_eq!(rule["properties"]["tags"][0], lint.group.as_str());
        let level = match lint.default_level() {
            leapcheck_lints::Level::Deny => "error",
            leapcheck_lints::Level::Warn => "warning",
            leapcheck_lints::Level::Allow => "none",
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level);
    }

    let results = sarif_run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r["ruleId"], "year_arithmetic_on_date");
    assert_eq!(r["level"], "error");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "svc/src/lib.rs");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(
        loc["region"],
        serde_json::json!({"startLine": 3, "startColumn": 19, "endLine": 3, "endColumn": 88})
    );
    // The upload action's hash of line 3 (see the unit test of `line_hashes` for its vectors):
    // it depends on the text from that line on, so it is stable across runs and machines.
    let hash = r["partialFingerprints"]["primaryLocationLineHash"]
        .as_str()
        .unwrap();
    assert!(hash.ends_with(":1"), "{hash}");
    let again = p.run_in("svc", &["--message-format", "sarif"]).sarif();
    assert_eq!(
        again["runs"][0]["results"][0]["partialFingerprints"]["primaryLocationLineHash"],
        hash
    );

    let fix = &r["fixes"][0];
    assert_eq!(
        fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        ", Months"
    );
    assert_eq!(
        fix["artifactChanges"][0]["replacements"][1]["insertedContent"]["text"],
        "start.checked_add_months(Months::new(12))"
    );
    assert_eq!(
        fix["artifactChanges"][0]["replacements"][1]["deletedRegion"],
        loc["region"]
    );
    assert!(r.get("suppressions").is_none());
}

#[test]
fn sarif_of_a_clean_run_and_outside_git_validates() {
    let p = Project::chrono();
    p.file("src/lib.rs", CLEAN)
        .file("src/odd name,é.rs", LEAP_BUG);
    let run = p.run(&["--message-format", "sarif"]);
    run.code(1);
    let log = run.sarif();
    // No git: relative to the workspace root, percent-encoded.
    assert_eq!(
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "src/odd%20name%2C%C3%A9.rs"
    );
    let run = p.run(&["--message-format", "sarif", "src/lib.rs"]);
    run.code(0);
    let log = run.sarif();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 0);
}

/// Suppressed findings: out of every format by default; in SARIF with
/// `--include-suppressed`, marked with `suppressions` and still not counted.
#[test]
fn suppressed_findings_only_in_sarif_with_include_suppressed() {
    let suppressed = "use chrono::{Datelike, NaiveDate};
fn renew(start: NaiveDate) -> NaiveDate {
    // leapcheck:allow(year_arithmetic_on_date) start is always Jan 1 (fiscal year)
    NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day()).unwrap()
}
";
    let p = Project::chrono();
    p.file("src/lib.rs", suppressed);
    for format in ["human", "short", "json", "github"] {
        let run = p.run(&["--message-format", format]);
        run.code(0);
        assert!(
            !run.stdout.contains("year_arithmetic"),
            "{format}: {}",
            run.stdout
        );
    }
    let plain = p.run(&["--message-format", "sarif"]);
    plain.code(0);
    assert_eq!(plain.sarif()["runs"][0]["results"], serde_json::json!([]));

    let run = p.run(&["--message-format", "sarif", "--include-suppressed"]);
    run.code(0);
    assert!(
        run.stderr.contains("no findings in 1 file"),
        "{}",
        run.stderr
    );
    let log = run.sarif();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "year_arithmetic_on_date");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        4
    );
    assert_eq!(
        results[0]["suppressions"],
        serde_json::json!([{"kind": "inSource", "justification": "start is always Jan 1 (fiscal year)"}])
    );

    // An unsuppressed finding next to it is listed without the marker and sets the status.
    p.file("src/more.rs", LEAP_BUG);
    let run = p.run(&["--message-format", "sarif", "--include-suppressed"]);
    run.code(1);
    let log = run.sarif();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let marked: Vec<bool> = results
        .iter()
        .map(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(marked, [true, false]);
}

// ---- github -------------------------------------------------------------------------------------

#[test]
fn github_workflow_commands_with_escaped_properties() {
    let p = Project::chrono();
    std::fs::create_dir(p.path().join(".git")).unwrap();
    p.file("src/lib.rs", CLEAN).file("src/a,b.rs", LEAP_BUG);
    let run = p.run(&["--message-format", "github"]);
    run.code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert_eq!(
        lines[0],
        "::error file=src/a%2Cb.rs,line=3,col=19,endLine=3,endColumn=88,\
         title=leapcheck%3A%3Ayear_arithmetic_on_date::year arithmetic on a date: \
         `start.year() + 1` with the same month and day: panics when `start` is Feb 29\
         %0Anote: on 2028-02-29 this builds 2029-02-29, which does not exist\
         %0Ahelp: add calendar months instead: chrono moves Feb 29 to Feb 28"
    );
    assert!(
        run.stderr.contains("leapcheck: 1 error in 2 files"),
        "{}",
        run.stderr
    );

    let run = p.run(&["--message-format", "github", "-W", "all"]);
    assert!(
        run.stdout.starts_with("::warning file=src/a%2Cb.rs,"),
        "{}",
        run.stdout
    );
}

// ---- -o / --output ------------------------------------------------------------------------------

#[test]
fn output_file_gets_the_report_and_stderr_the_summary() {
    let p = Project::chrono();
    p.file("src/lib.rs", LEAP_BUG);
    std::fs::create_dir(p.path().join("out")).unwrap();
    for (format, file) in [
        ("sarif", "out/leapcheck.sarif"),
        ("json", "out/leapcheck.json"),
        ("human", "out/leapcheck.txt"),
        ("short", "out/short.txt"),
    ] {
        let to_stdout = p.run(&["--message-format", format]);
        let run = p.run(&["--message-format", format, "-o", file]);
        run.code(1);
        assert_eq!(run.stdout, "", "{format}: nothing on stdout");
        assert!(
            run.stderr.contains("leapcheck: 1 error in 1 file"),
            "{format}: {}",
            run.stderr
        );
        let written = std::fs::read_to_string(p.path().join(file)).unwrap();
        assert_eq!(written, to_stdout.stdout, "{format}");
    }
    // Only the reports are left: no temporary files.
    let mut names: Vec<String> = std::fs::read_dir(p.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "leapcheck.json",
            "leapcheck.sarif",
            "leapcheck.txt",
            "short.txt"
        ]
    );

    // An existing report is replaced whole.
    std::fs::write(p.path().join("out/leapcheck.sarif"), "x".repeat(100_000)).unwrap();
    p.run(&[
        "--message-format",
        "sarif",
        "-o",
        "out/leapcheck.sarif",
        "--exit-zero",
    ])
    .code(0);
    let log: Value = serde_json::from_str(
        &std::fs::read_to_string(p.path().join("out/leapcheck.sarif")).unwrap(),
    )
    .unwrap();
    assert_valid_sarif(&log);

    // A directory that does not exist: exit 2, naming the file and the directory.
    let run = p.run(&["--message-format", "sarif", "-o", "missing/dir/x.sarif"]);
    run.code(2);
    assert!(
        run.stderr.contains(
            "cannot write the report to `missing/dir/x.sarif`: the directory `missing/dir` does not exist"
        ),
        "{}",
        run.stderr
    );
}

// ---- --stdin-filename ---------------------------------------------------------------------------

#[test]
fn stdin_source_is_reported_under_the_given_name() {
    let p = Project::chrono();
    // The file on disk is clean (an editor's buffer is not saved yet): stdin is what counts.
    p.file("src/lib.rs", CLEAN);
    let run = p.run_stdin(
        &[
            "--message-format",
            "short",
            "--stdin-filename",
            "src/lib.rs",
        ],
        LEAP_BUG,
    );
    run.code(1);
    assert_eq!(
        run.stdout,
        "src/lib.rs:3:19: error[year_arithmetic_on_date]: year arithmetic on a date: \
         `start.year() + 1` with the same month and day\n"
    );

    // A name that does not exist on disk, in json: the package still owns it.
    let run = p.run_stdin(
        &["--message-format=json", "--stdin-filename", "src/new.rs"],
        &crlf(LEAP_BUG),
    );
    run.code(1);
    let messages = run.messages();
    let msgs = compiler_messages(&messages);
    assert_eq!(msgs.len(), 1);
    assert_eq!(msgs[0].message.spans[0].file_name, "src/new.rs");
    assert_eq!(msgs[0].package_id, package_id(p.path(), "demo"));

    let run = p.run_stdin(&["--stdin-filename", "src/lib.rs"], CLEAN);
    run.code(0);
    assert!(
        run.stderr.contains("no findings in 1 file"),
        "{}",
        run.stderr
    );

    // Not together with PATHs.
    p.run_stdin(&["--stdin-filename", "x.rs", "src"], CLEAN)
        .code(2);
}

// ---- one finding, every format ------------------------------------------------------------------

/// Line and column of the same finding in all five formats, for an LF and a CRLF file with
/// multi-byte characters before the finding on its line; and they are the right ones: the
/// characters at those columns of that line are the call the lint reports.
#[test]
fn every_format_reports_the_same_line_and_column() {
    for source in [LEAP_BUG.to_string(), crlf(LEAP_BUG)] {
        let p = Project::chrono();
        std::fs::create_dir(p.path().join(".git")).unwrap();
        p.file("src/lib.rs", &source);

        // Ground truth: line 3, the call's character columns.
        let line3 = source.lines().nth(2).unwrap().trim_end_matches('\r');
        let byte_col = line3.find(CALL).unwrap();
        let col = line3[..byte_col].chars().count() + 1;
        let end_col = col + CALL.chars().count();
        assert_eq!((col, end_col), (19, 88));
        let want = (3, col, 3, end_col);

        let human = p.run(&["--message-format", "human", "--color", "never"]);
        let short = p.run_short(&[]);
        let json = p.run(&["--message-format", "json"]);
        let sarif = p.run(&["--message-format", "sarif"]);
        let github = p.run(&["--message-format", "github"]);

        // human: `--> src/lib.rs:3:19`, and the carets span the call.
        assert!(
            human
                .stdout
                .contains(&format!("--> src/lib.rs:{}:{}\n", want.0, want.1)),
            "{}",
            human.stdout
        );
        let carets = human
            .stdout
            .lines()
            .find(|l| l.contains('^'))
            .map(|l| l.matches('^').count());
        assert_eq!(carets, Some(end_col - col));

        // short: `src/lib.rs:3:19: ...`
        assert!(
            short
                .stdout
                .starts_with(&format!("src/lib.rs:{}:{}: ", want.0, want.1)),
            "{}",
            short.stdout
        );

        let messages = json.messages();
        let s = &compiler_messages(&messages)[0].message.spans[0];
        assert_eq!(
            (s.line_start, s.column_start, s.line_end, s.column_end),
            want
        );

        let log = sarif.sarif();
        let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
        let n = |k: &str| region[k].as_u64().unwrap() as usize;
        assert_eq!(
            (
                n("startLine"),
                n("startColumn"),
                n("endLine"),
                n("endColumn")
            ),
            want
        );

        let gh = github.stdout.lines().next().unwrap();
        let prop = |k: &str| -> usize {
            let v = gh.split(&format!(",{k}=")).nth(1).unwrap();
            v.split([',', ':']).next().unwrap().parse().unwrap()
        };
        assert_eq!(
            (
                prop("line"),
                prop("col"),
                prop("endLine"),
                prop("endColumn")
            ),
            want,
            "{gh}"
        );
    }
}

// ---- docs/editors.md ----------------------------------------------------------------------------

/// The `leapcheck-check` script of docs/editors.md, run as written: cargo check's messages and
/// leapcheck's come out as one stream with a single `build-finished`.
#[test]
fn editors_doc_wrapper_keeps_compiler_errors_alongside() {
    let doc = std::fs::read_to_string(repo().join("docs/editors.md")).unwrap();
    let after = doc
        .split("<!-- leapcheck-check:")
        .nth(1)
        .expect("the script's marker in docs/editors.md");
    let script = sh_blocks(after).next().expect("the script's code block");

    // No dependencies (so nothing to download); the chrono import does not resolve, which is a
    // compiler error, and the leap-day shape is a leapcheck finding.
    let p = Project::package();
    p.file("src/lib.rs", LEAP_BUG)
        .file("leapcheck-check", script);
    let mut sh = Command::new("sh");
    sh.arg("leapcheck-check")
        .current_dir(p.path())
        // `cargo leapcheck` resolves to the binary under test.
        .env("PATH", path_with_bin())
        // A target directory of its own, away from the one running this test.
        .env("CARGO_TARGET_DIR", p.path().join("target"));
    let run = util::run(sh);
    let messages = run.messages();
    let codes: Vec<String> = compiler_messages(&messages)
        .iter()
        .filter_map(|m| m.message.code.as_ref().map(|c| c.code.clone()))
        .collect();
    assert!(
        codes.iter().any(|c| c == "E0432"),
        "compiler error kept: {codes:?}"
    );
    assert!(
        codes
            .iter()
            .any(|c| c == "leapcheck::year_arithmetic_on_date"),
        "leapcheck finding: {codes:?}"
    );
    let finished = messages
        .iter()
        .filter(|m| matches!(m, Message::BuildFinished(_)))
        .count();
    assert_eq!(finished, 1, "{run:?}");
    // cargo check's status: the compile error fails it.
    run.code(101);
}
