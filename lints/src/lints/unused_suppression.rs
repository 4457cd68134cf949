//! `unused_suppression`: a suppression that silences no finding. Emitted by `crate::suppress`
//! once the other lints have run. Page: `lints/docs/unused_suppression.md`.

use crate::registry::{Group, Lint, LintId, NeedleGroup, Needles, Precision};

pub static UNUSED_SUPPRESSION: Lint = Lint {
    // Suppression comments and attributes all contain the word.
    needles: Needles::AllOf(&[NeedleGroup::Words(&["leapcheck"])]),
    ..Lint::new(
        LintId::UNUSED_SUPPRESSION,
        Group::Suppression,
        Precision::High,
        "a suppression silences no finding: stale, misplaced, or naming the wrong lint",
    )
};
