//! `--fix`, `--unsafe-fixes` and `--diff`: apply the fixes the findings carry (ruff's model).
//!
//! A round checks the text, takes the fixes of the findings reported at `warn` or `deny` (not
//! suppressed) whose applicability the run allows, keeps those whose edits overlap no edit
//! already taken (an identical edit — the same `use` line two fixes need — is shared), and
//! applies them from the end of the text backwards. Rounds repeat on the new text until no
//! fix is left or [`MAX_ROUNDS`] is reached, since one fix can expose another finding. A round
//! whose result does not parse is a bug in a fix: the file keeps its original text and the run
//! says so. The text written keeps the file's line endings (an edit's `\n` becomes `\r\n` in a
//! CRLF file) and its byte-order mark (edits never start before it).

use std::collections::BTreeMap;
use std::path::Path;

use leapcheck_lints::{Applicability, Checked, Edit, Fix, Level};

/// Rounds before giving up on reaching a text without fixable findings.
pub const MAX_ROUNDS: usize = 4;

/// Which fixes a run applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixMode {
    /// Also the fixes that change behaviour on purpose.
    pub unsafe_fixes: bool,
}

impl FixMode {
    pub fn allows(self, applicability: Applicability) -> bool {
        match applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => self.unsafe_fixes,
            Applicability::DisplayOnly => false,
        }
    }
}

/// What fixing one file did.
#[derive(Debug, Clone, Default)]
pub struct Fixed {
    /// The text before any fix.
    pub original: String,
    /// The text after the last round (the original when nothing applied or it was reverted).
    pub text: String,
    /// Fixes applied per lint.
    pub applied: BTreeMap<&'static str, usize>,
    /// Why the file keeps its original text although fixes applied (a fix broke its syntax).
    pub reverted: Option<String>,
}

impl Fixed {
    pub fn changed(&self) -> bool {
        self.text != self.original
    }
}

/// The fixes one round applies: of the findings `level_of` reports (not `Allow`, not
/// suppressed), those `mode` allows, without overlaps.
pub fn select(
    diags: &[Checked],
    level_of: impl Fn(&Checked) -> Level,
    mode: FixMode,
) -> Vec<(&'static str, &Fix)> {
    let mut candidates: Vec<(&'static str, &Fix)> = diags
        .iter()
        .filter(|c| c.suppressed.is_none() && level_of(c) != Level::Allow)
        .filter_map(|c| {
            let fix = c.diag.help.as_ref()?.fix.as_ref()?;
            (mode.allows(fix.applicability) && !fix.edits.is_empty())
                .then_some((c.diag.lint.name, fix))
        })
        .collect();
    // Safe fixes first, then by position: an unsafe fix never displaces a safe one.
    candidates.sort_by_key(|(_, fix)| (fix.applicability, fix.extent().start));
    let mut taken: Vec<&Edit> = Vec::new();
    let mut chosen = Vec::new();
    for (lint, fix) in candidates {
        let clashes = fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| *t != e && overlap(t, e)));
        if clashes {
            continue;
        }
        for e in &fix.edits {
            if !taken.contains(&e) {
                taken.push(e);
            }
        }
        chosen.push((lint, fix));
    }
    chosen
}

/// Two edits touch the same text, or insert at the same place (their order would be
/// arbitrary).
fn overlap(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (a.span, b.span);
    a.start < b.end && b.start < a.end || a.start == b.start
}

/// `text` with the edits of `fixes` applied (identical edits once). The edits must not
/// overlap ([`select`] guarantees it).
pub fn apply(text: &str, fixes: &[(&'static str, &Fix)]) -> String {
    let crlf = text.contains("\r\n");
    let mut edits: Vec<&Edit> = fixes.iter().flat_map(|(_, f)| f.edits.iter()).collect();
    edits.sort();
    edits.dedup();
    let mut out = text.to_string();
    for edit in edits.iter().rev() {
        let code = if crlf {
            edit.code.replace("\r\n", "\n").replace('\n', "\r\n")
        } else {
            edit.code.clone()
        };
        // A byte-order mark belongs to the file: nothing goes before it.
        let bom = if out.starts_with('\u{feff}') { 3 } else { 0 };
        let start = edit.span.start.max(bom).min(out.len());
        let end = edit.span.end.max(start).min(out.len());
        if out.is_char_boundary(start) && out.is_char_boundary(end) {
            out.replace_range(start..end, &code);
        }
    }
    out
}

/// Writes every changed file (atomically, keeping its permissions). Returns the messages of
/// files that could not be written.
pub fn write_all<'a>(files: impl Iterator<Item = (&'a Path, &'a str, &'a Fixed)>) -> Vec<String> {
    let mut failed = Vec::new();
    for (path, display, fixed) in files {
        if !fixed.changed() {
            continue;
        }
        if let Err(e) = crate::report::write_atomically(path, fixed.text.as_bytes()) {
            failed.push(format!("`{display}`: cannot write the fixes: {e}"));
        }
    }
    failed
}

/// A unified diff of one file's fixes, with `a/` and `b/` paths as git prints them.
pub fn diff(display: &str, fixed: &Fixed) -> String {
    similar::TextDiff::from_lines(&fixed.original, &fixed.text)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{display}"), &format!("b/{display}"))
        .to_string()
}

/// What `--fix` would do with the findings still shown: `2 findings can be fixed with --fix
/// (1 more with --fix --unsafe-fixes)`; after a `--fix` run, what `--unsafe-fixes` would add.
pub fn hint<'a>(
    findings: impl Iterator<Item = &'a leapcheck_lints::Diagnostic>,
    mode: Option<FixMode>,
) -> Option<String> {
    let (mut safe, mut unsafe_) = (0, 0);
    for diag in findings {
        match diag
            .help
            .as_ref()
            .and_then(|h| h.fix.as_ref())
            .map(|f| f.applicability)
        {
            Some(Applicability::Safe) => safe += 1,
            Some(Applicability::Unsafe) => unsafe_ += 1,
            _ => {}
        }
    }
    let findings = |n: usize| format!("{n} finding{}", if n == 1 { "" } else { "s" });
    match mode {
        // Left after a `--fix` round: only the unsafe ones can be (the safe ones overlapped
        // others, or the rounds ran out).
        Some(FixMode {
            unsafe_fixes: false,
        }) if unsafe_ > 0 => Some(format!(
            "{} can be fixed with --unsafe-fixes (review the changes: they are behaviour changes)",
            findings(unsafe_)
        )),
        Some(_) => None,
        None if safe > 0 && unsafe_ > 0 => Some(format!(
            "{} can be fixed with --fix ({unsafe_} more with --fix --unsafe-fixes)",
            findings(safe)
        )),
        None if safe > 0 => Some(format!("{} can be fixed with --fix", findings(safe))),
        None if unsafe_ > 0 => Some(format!(
            "{} can be fixed with --fix --unsafe-fixes (review the changes: they are behaviour changes)",
            findings(unsafe_)
        )),
        None => None,
    }
}

/// `fixed 3 findings in 2 files (year_arithmetic_on_date: 2, week_year_format_mismatch: 1)`.
pub fn summary<'a>(files: impl Iterator<Item = &'a Fixed>) -> Option<String> {
    let mut per_lint: BTreeMap<&str, usize> = BTreeMap::new();
    let mut changed = 0;
    for fixed in files.filter(|f| f.changed()) {
        changed += 1;
        for (lint, n) in &fixed.applied {
            *per_lint.entry(lint).or_default() += n;
        }
    }
    if changed == 0 {
        return None;
    }
    let total: usize = per_lint.values().sum();
    let mut lints: Vec<(&str, usize)> = per_lint.into_iter().collect();
    lints.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let lints: Vec<String> = lints.iter().map(|(l, n)| format!("{l}: {n}")).collect();
    Some(format!(
        "fixed {total} finding{} in {changed} file{} ({})",
        if total == 1 { "" } else { "s" },
        if changed == 1 { "" } else { "s" },
        lints.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use leapcheck_lints::Span;

    fn fix(edits: &[(usize, usize, &str)], applicability: Applicability) -> Fix {
        Fix {
            edits: edits
                .iter()
                .map(|&(s, e, c)| Edit {
                    span: Span::new(s, e),
                    code: c.to_string(),
                })
                .collect(),
            applicability,
        }
    }

    #[test]
    fn edits_apply_back_to_front_with_shared_imports_once_and_crlf_kept() {
        let text = "fn f() {\r\n    a(); b();\r\n}\r\n";
        let a = text.find("a()").unwrap();
        let b = text.find("b()").unwrap();
        let import = (0, 0, "use x::Y;\n");
        let f1 = fix(&[import, (a, a + 3, "y()")], Applicability::Safe);
        let f2 = fix(&[import, (b, b + 3, "z()")], Applicability::Safe);
        let out = apply(text, &[("l", &f1), ("l", &f2)]);
        assert_eq!(out, "use x::Y;\r\nfn f() {\r\n    y(); z();\r\n}\r\n");
    }

    #[test]
    fn the_byte_order_mark_stays_first() {
        let text = "\u{feff}fn f() {}\n";
        let f = fix(&[(0, 0, "use x::Y;\n")], Applicability::Safe);
        assert_eq!(apply(text, &[("l", &f)]), "\u{feff}use x::Y;\nfn f() {}\n");
    }

    #[test]
    fn overlapping_and_disallowed_fixes_are_left_for_a_later_round() {
        use leapcheck_lints::registry::YEAR_ARITHMETIC_ON_DATE;
        use leapcheck_lints::{Certainty, Diagnostic, Help};
        let checked = |f: Fix| Checked {
            diag: Diagnostic {
                lint: &YEAR_ARITHMETIC_ON_DATE,
                certainty: Certainty::Certain,
                message: String::new(),
                span: f.extent(),
                label: String::new(),
                notes: Vec::new(),
                help: Some(Help {
                    message: String::new(),
                    fix: Some(f),
                }),
            },
            suppressed: None,
        };
        let diags = vec![
            checked(fix(&[(10, 20, "unsafe")], Applicability::Unsafe)),
            checked(fix(&[(15, 25, "safe")], Applicability::Safe)),
            checked(fix(&[(30, 31, "later")], Applicability::Unsafe)),
            checked(fix(&[(40, 41, "?")], Applicability::DisplayOnly)),
        ];
        let codes = |mode| {
            select(&diags, |_| Level::Deny, mode)
                .iter()
                .map(|(_, f)| f.edits[0].code.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes(FixMode {
                unsafe_fixes: false
            }),
            ["safe"]
        );
        assert_eq!(codes(FixMode { unsafe_fixes: true }), ["safe", "later"]);
        assert!(select(&diags, |_| Level::Allow, FixMode { unsafe_fixes: true }).is_empty());
    }

    #[test]
    fn diff_and_summary() {
        let fixed = Fixed {
            original: "a\nb\nc\n".to_string(),
            text: "a\nB\nc\n".to_string(),
            applied: [("week_year_format_mismatch", 1)].into_iter().collect(),
            reverted: None,
        };
        assert_eq!(
            diff("src/lib.rs", &fixed),
            "--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
        );
        assert_eq!(
            summary([&fixed, &Fixed::default()].into_iter()).as_deref(),
            Some("fixed 1 finding in 1 file (week_year_format_mismatch: 1)")
        );
    }
}
