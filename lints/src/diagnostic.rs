//! What the engine reports. Positions are byte offsets into the checked source text; the
//! reporters turn them into lines and columns.

use crate::registry::Lint;

/// A byte range `start..end` in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// Whether a fix may be applied without reading it (ruff's applicability; the JSON output
/// carries rustc's names, which rust-analyzer reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Applicability {
    /// Keeps the behaviour the code was written for, or changes it only where the code was
    /// wrong: `--fix` applies it (rustc's `MachineApplicable`).
    Safe,
    /// Changes behaviour on purpose (Feb 29 + 1 year becomes Feb 28 instead of an error) or may
    /// need a change elsewhere: applied only with `--unsafe-fixes` (`MaybeIncorrect`).
    Unsafe,
    /// Contains placeholders the user must fill in: shown, never applied (`HasPlaceholders`).
    DisplayOnly,
}

impl Applicability {
    /// rustc's name, as in `suggestion_applicability`.
    pub fn rustc_name(self) -> &'static str {
        match self {
            Applicability::Safe => "MachineApplicable",
            Applicability::Unsafe => "MaybeIncorrect",
            Applicability::DisplayOnly => "HasPlaceholders",
        }
    }

    /// The word the CLI and the docs use.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// One edit of a fix: the text `code` in place of `span` (an empty span inserts).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    pub span: Span,
    pub code: String,
}

/// A fix: edits applied together (the call and the `use` line it needs), never in part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// In source order, not overlapping.
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    /// A fix of one edit: `code` in place of `span`.
    pub fn replace(span: Span, code: impl Into<String>, applicability: Applicability) -> Fix {
        Fix {
            edits: vec![Edit {
                span,
                code: code.into(),
            }],
            applicability,
        }
    }

    /// Adds an edit (typically the `use` line the new code needs), keeping source order. An
    /// edit that overlaps one already there is a bug in the lint: the fix is downgraded to
    /// display-only rather than applied half-right.
    pub fn with(mut self, edit: Option<Edit>) -> Fix {
        let Some(edit) = edit else {
            return self;
        };
        let overlaps = self.edits.iter().any(|e| {
            e.span.start < edit.span.end && edit.span.start < e.span.end || e.span == edit.span
        });
        if overlaps {
            self.applicability = Applicability::DisplayOnly;
        }
        self.edits.push(edit);
        self.edits.sort();
        self
    }

    /// The span covering every edit.
    pub fn extent(&self) -> Span {
        let start = self.edits.iter().map(|e| e.span.start).min().unwrap_or(0);
        let end = self.edits.iter().map(|e| e.span.end).max().unwrap_or(0);
        Span::new(start, end)
    }
}

/// The `help:` of a finding: what to write instead, optionally as a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    pub message: String,
    pub fix: Option<Fix>,
}

/// How sure the engine is that a finding's code fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Certainty {
    /// A value that varies with the calendar (a clock read, a date parameter, parsed text)
    /// reaches the failing state, by facts the analysis knows exactly: the code fails on a
    /// date the finding names.
    Certain,
    /// It probably fails: the failure is returned to the caller (who may handle it), a
    /// fallback silently takes the wrong value, the inputs are arbitrary integers rather than a
    /// real date's fields, or a guard the analysis cannot read may prevent it. Reported at most
    /// as a warning, whatever the lint's level.
    Possible,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub lint: &'static Lint,
    /// `Possible` findings are reported at most as warnings.
    pub certainty: Certainty,
    /// The headline: `error[leapcheck::NAME]: <message>`.
    pub message: String,
    /// The exact expression at fault.
    pub span: Span,
    /// Text of the primary label under `span`.
    pub label: String,
    /// `note:` lines, e.g. the real date on which the code breaks.
    pub notes: Vec<String>,
    pub help: Option<Help>,
}

/// A file that is not valid Rust (or not UTF-8): where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    /// Byte offset of the error in the source.
    pub offset: usize,
}
