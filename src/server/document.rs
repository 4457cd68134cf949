//! One open buffer: its text as the editor has it (never the file on disk), and the findings
//! of its last check, kept in step with the edits made since.
//!
//! A buffer that does not parse (half-typed code) keeps the findings of its last check that
//! parsed, moved along with the edits, instead of losing them all at every keystroke that
//! leaves an expression unfinished; a finding that an edit touches is dropped at once, so
//! none ever points at text it was not computed for. Syntax errors themselves are left to
//! rust-analyzer and the compiler.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use lsp_types::{TextDocumentContentChangeEvent, Url};

use super::text::{Encoding, Lines};
use crate::driver::Finding;
use leapcheck_lints::Span;

pub struct Document {
    pub uri: Url,
    /// The file it is, when the URI is a `file:` one.
    pub path: Option<PathBuf>,
    pub version: i32,
    pub text: String,
    /// Findings for `text`: `Finding::diag` spans (and those of its fix) are byte offsets
    /// into it.
    pub findings: Vec<Finding>,
    /// When the text changed and has not been checked since: the time the check is due.
    pub due: Option<Instant>,
    /// Answers about `text` that code action requests (sent at every move of the cursor by
    /// some editors) would otherwise compute again; forgotten when the text changes.
    pub memo: Memo,
}

#[derive(Default)]
pub struct Memo {
    /// 1-based line → whether the text still parses with an allow comment above that line.
    pub comment_parses: RefCell<HashMap<usize, bool>>,
    /// The text with every safe fix applied and how many, once computed (`None` inside: no
    /// fix applies).
    pub fixed: Option<Option<(String, usize)>>,
}

impl Document {
    pub fn new(uri: Url, version: i32, text: String) -> Document {
        Document {
            path: (uri.scheme() == "file")
                .then(|| uri.to_file_path().ok())
                .flatten(),
            uri,
            version,
            text,
            findings: Vec::new(),
            due: None,
            memo: Memo::default(),
        }
    }

    pub fn lines(&self, encoding: Encoding) -> Lines<'_> {
        Lines::new(&self.text, encoding)
    }

    /// Applies the editor's changes in order (a change without a range replaces the text).
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) {
        self.memo = Memo::default();
        for change in changes {
            let replaced = match change.range {
                Some(range) => self.lines(encoding).span(range),
                None => Span::new(0, self.text.len()),
            };
            self.text
                .replace_range(replaced.start..replaced.end, &change.text);
            move_findings(&mut self.findings, replaced, change.text.len());
        }
    }
}

/// Moves the findings along an edit that put `inserted` bytes in place of `replaced`: those
/// after it shift, those before it stay, those it touches are dropped (their fix too would
/// rewrite text that is no longer there).
fn move_findings(findings: &mut Vec<Finding>, replaced: Span, inserted: usize) {
    let moved = |span: &mut Span| -> bool {
        if span.end <= replaced.start {
            true
        } else if span.start >= replaced.end {
            span.start = span.start - replaced.end + replaced.start + inserted;
            span.end = span.end - replaced.end + replaced.start + inserted;
            true
        } else {
            false
        }
    };
    findings.retain_mut(|f| {
        let fix_spans = f
            .diag
            .help
            .iter_mut()
            .flat_map(|h| h.fix.iter_mut())
            .flat_map(|fix| fix.edits.iter_mut())
            .map(|edit| &mut edit.span);
        std::iter::once(&mut f.diag.span)
            .chain(fix_spans)
            .all(moved)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use leapcheck_lints::registry::PARSE_ERROR;
    use leapcheck_lints::{Certainty, Diagnostic, Level};
    use lsp_types::{Position, Range};

    fn finding(span: Span) -> Finding {
        Finding {
            diag: Diagnostic {
                lint: &PARSE_ERROR,
                certainty: Certainty::Certain,
                message: String::new(),
                span,
                label: String::new(),
                notes: Vec::new(),
                help: None,
            },
            level: Level::Deny,
            suppressed: None,
        }
    }

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|(a, b)| Range::new(Position::new(a.0, a.1), Position::new(b.0, b.1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn edits_move_the_findings_after_them_and_drop_those_they_touch() {
        let uri = Url::parse("file:///tmp/a.rs").unwrap();
        let mut doc = Document::new(uri, 1, "abc def ghi\nxyz".to_string());
        doc.findings = vec![
            finding(Span::new(0, 3)),
            finding(Span::new(4, 7)),
            finding(Span::new(12, 15)),
        ];
        // Typing right after `abc` and right before `xyz`: both stay, `xyz` moves.
        doc.apply(
            vec![
                change(Some(((0, 3), (0, 3))), "!"),
                change(Some(((1, 0), (1, 0))), "// ok\n"),
            ],
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "abc! def ghi\n// ok\nxyz");
        let spans: Vec<Span> = doc.findings.iter().map(|f| f.diag.span).collect();
        assert_eq!(spans, [Span::new(0, 3), Span::new(5, 8), Span::new(19, 22)]);
        assert_eq!(&doc.text[19..22], "xyz");
        // An edit inside `def` drops it.
        doc.apply(vec![change(Some(((0, 6), (0, 7))), "")], Encoding::Utf16);
        assert_eq!(doc.findings.len(), 2);
        // A change without a range replaces everything.
        doc.apply(vec![change(None, "new")], Encoding::Utf16);
        assert_eq!(doc.text, "new");
        assert!(doc.findings.is_empty());
    }
}
