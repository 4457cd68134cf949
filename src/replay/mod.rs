//! `cargo leapcheck replay`: runs real code under a faked wall clock (see docs/replay.md).
//! Owned by the replay work; the CLI hands it every argument after `replay`.

use std::ffi::OsString;

/// Entry point of the `replay` subcommand; returns the process exit code.
pub fn main(_args: Vec<OsString>) -> i32 {
    eprintln!("error: `cargo leapcheck replay` is not available in this build yet");
    2
}
