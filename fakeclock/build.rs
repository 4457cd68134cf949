//! The library's source lives outside this package (`../src/replay/fakeclock.rs`, see
//! Cargo.toml), and cargo's own change tracking does not see edits there: without this the
//! unit tests of the arithmetic kept running an old build.
fn main() {
    println!("cargo:rerun-if-changed=../src/replay/fakeclock.rs");
}
