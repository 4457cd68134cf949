//! One file per lint, each declaring its `pub static NAME: Lint` (see [`crate::registry::Lint`])
//! next to the code that checks it. The list of lints is not written anywhere: `build.rs`
//! generates the modules, [`LintId`], [`LINTS`] and the re-exports from the files in this
//! directory (`cargo xtask new-lint NAME --group GROUP` scaffolds a new one).
//!
//! Helpers that several lints use live in shared modules ([`crate::calls`], [`crate::zones`],
//! [`crate::values`], [`crate::guards`]), never in another lint's file.

include!(concat!(env!("OUT_DIR"), "/registry.rs"));
