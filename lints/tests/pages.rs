//! Every lint's page (`lints/docs/NAME.md`) against its declaration: the "Group · Default" line
//! says what the registry says, and the code of the page is right about the lint — each block
//! under "## Example" is flagged by it, each block under "## Use instead" is not.

use leapcheck_lints::registry::TestCode;
use leapcheck_lints::{check_source_with_suppressions, Diagnostic, Options, ParseError, LINTS};

/// The fenced ```rust blocks of the section that starts with `heading`, up to the next `## `.
fn rust_blocks(page: &str, heading: &str) -> Vec<String> {
    let Some(start) = page.find(&format!("\n{heading}\n")) else {
        return Vec::new();
    };
    let section = &page[start + heading.len() + 2..];
    let section = section.find("\n## ").map_or(section, |end| &section[..end]);
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in section.lines() {
        match &mut current {
            None if line.trim_start().starts_with("```rust") => current = Some(String::new()),
            Some(block) if line.trim_start().starts_with("```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}

/// The findings on a block that suppressions written in it leave, checked as a file or, when it
/// is a list of statements (most blocks are), as the body of a function (as rustdoc does).
fn findings(block: &str, opts: &Options) -> Result<Vec<Diagnostic>, ParseError> {
    let unsuppressed = |checked: Vec<leapcheck_lints::Checked>| {
        checked
            .into_iter()
            .filter(|c| c.suppressed.is_none())
            .map(|c| c.diag)
            .collect()
    };
    match check_source_with_suppressions(block, opts) {
        Ok(c) => Ok(unsuppressed(c)),
        Err(_) => check_source_with_suppressions(&format!("fn example() {{\n{block}}}\n"), opts)
            .map(unsuppressed),
    }
}

#[test]
fn group_and_default_line_matches_the_declaration() {
    for lint in LINTS {
        let want = format!("Group: {} · Default: {}", lint.group, lint.default_level());
        let mut lines = lint.explanation.lines();
        assert_eq!(
            lines.next(),
            Some(format!("# {}", lint.name).as_str()),
            "{}: the page starts with `# NAME`",
            lint.doc_path()
        );
        let line = lines.find(|l| !l.trim().is_empty());
        assert_eq!(line, Some(want.as_str()), "{}", lint.doc_path());
        // The test-code policy, as declared, for lints that check code.
        if lint.checks_code() {
            let policy = match lint.test_code {
                TestCode::Check => "Test code: checked like any other code.",
                TestCode::Skip => "Test code: skipped (fixtures hold such values on purpose) unless `check-tests` is on.",
                TestCode::ClockDependent => "Test code: reported only when the values come from the clock (`now()`): such a test fails on the day named; fixtures are skipped unless `check-tests` is on.",
                TestCode::Never => "Test code: never reported, not even with `check-tests`: a test helper has no callers to document its panic for, and a bad fixture panicking is how a test fails.",
            };
            let line = lines.find(|l| !l.trim().is_empty());
            assert_eq!(line, Some(policy), "{}", lint.doc_path());
        }
    }
}

#[test]
fn examples_are_flagged_and_fixes_are_not() {
    let opts = Options {
        check_tests: true,
        prefilter: false,
        ..Options::default()
    };
    let mut failures = Vec::new();
    for lint in LINTS {
        let examples = rust_blocks(lint.explanation, "## Example");
        let fixes = rust_blocks(lint.explanation, "## Use instead");
        // Lints about the input or the suppressions have no code example of their own.
        if lint.checks_code() {
            assert!(
                !examples.is_empty(),
                "{}: no ```rust block under ## Example",
                lint.doc_path()
            );
            assert!(
                !fixes.is_empty(),
                "{}: no ```rust block under ## Use instead",
                lint.doc_path()
            );
        }
        for (i, block) in examples.iter().enumerate() {
            match findings(block, &opts) {
                Ok(d) if d.iter().any(|d| d.lint.id == lint.id) => {}
                other => failures.push(format!(
                    "{} Example block {}: not flagged by {} ({other:?})\n{block}",
                    lint.doc_path(),
                    i + 1,
                    lint.name
                )),
            }
        }
        for (i, block) in fixes.iter().enumerate() {
            match findings(block, &opts) {
                Ok(d) if !d.iter().any(|d| d.lint.id == lint.id) => {}
                other => failures.push(format!(
                    "{} Use instead block {}: {other:?}\n{block}",
                    lint.doc_path(),
                    i + 1
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
