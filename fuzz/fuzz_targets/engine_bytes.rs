//! Arbitrary bytes, as the CLI would see them after its UTF-8 check (lossy here, so that every
//! input reaches the engine).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::run(String::from_utf8_lossy(data).into_owned());
});
