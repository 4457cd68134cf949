//! `parse_error`: a file that could not be read as Rust source. Emitted by the pipeline
//! (`crate::source`, and the CLI for files that are not UTF-8), not by a check of the walk.
//! Page: `lints/docs/parse_error.md`.

use crate::registry::{Group, Lint, LintId, Precision};

pub static PARSE_ERROR: Lint = Lint::new(
    LintId::PARSE_ERROR,
    Group::Input,
    Precision::VeryHigh,
    "a file could not be read as Rust source (syntax error or not UTF-8)",
);
