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

/// How safe it is to apply a suggested replacement without reading it (rustc's levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// Correct and compiles as is: an editor (rust-analyzer reads it from the JSON output) may
    /// apply it without asking.
    MachineApplicable,
    /// Probably right, but may need an import or a type change.
    MaybeIncorrect,
    /// Contains placeholders the user must fill in.
    HasPlaceholders,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::MachineApplicable => "MachineApplicable",
            Applicability::MaybeIncorrect => "MaybeIncorrect",
            Applicability::HasPlaceholders => "HasPlaceholders",
        }
    }
}

/// Code that replaces `span`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    pub span: Span,
    pub code: String,
    pub applicability: Applicability,
}

/// The `help:` of a finding: what to write instead, optionally as a concrete replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    pub message: String,
    pub replacement: Option<Replacement>,
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
