//! `unknown_lint_in_suppression`: a suppression naming no lint or group. Emitted by
//! `crate::suppress` once the other lints have run. Page:
//! `lints/docs/unknown_lint_in_suppression.md`.

use crate::diagnostic::Applicability;
use crate::registry::{Fixable, Group, Lint, LintId, NeedleGroup, Needles, Precision};

pub static UNKNOWN_LINT_IN_SUPPRESSION: Lint = Lint {
    // The closest lint's name in place of the unknown one.
    fix: Fixable::Sometimes(Applicability::Unsafe),
    // Suppression comments and attributes all contain the word.
    needles: Needles::AllOf(&[NeedleGroup::Words(&["leapcheck"])]),
    ..Lint::new(
        LintId::UNKNOWN_LINT_IN_SUPPRESSION,
        Group::Suppression,
        Precision::VeryHigh,
        "a suppression names a lint or group that does not exist (or is malformed), so it silences nothing",
    )
};
