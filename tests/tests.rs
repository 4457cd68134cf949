//! The integration tests, as one test binary (ripgrep's layout: one crate links and starts
//! once instead of one per file). One module per area; `util` is their shared support.
//!
//! Run one area with a filter on the module path, e.g. `cargo test --test integration cli::`,
//! or the UI cases with `cargo test --test integration ui::` (see `ui.rs` for
//! `LEAPCHECK_BLESS` and `LEAPCHECK_UI`).

mod cli;
mod config;
mod editor;
mod fix;
mod hostile;
mod outputs;
mod precommit;
mod registry;
mod replay;
mod scale;
mod server;
mod suppress;
mod ui;
mod ui_fixed;
mod util;
