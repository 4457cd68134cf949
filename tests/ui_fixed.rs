//! The `.fixed` files of the UI cases compile (clippy's rustfix tests): a fix that produces
//! code rustc rejects is a bug even when the text looks right. Every `tests/ui/*.fixed` file
//! becomes a module of a crate made from `tests/ui-fixed/Cargo.toml` (chrono, time, jiff and
//! rcgen at the versions of its lock file), which `cargo check` must accept without errors.
//! Warnings are allowed: the cases are lint fixtures, full of unused code.

use std::process::Command;

use crate::util::{cargo, output, repo};

#[test]
fn ui_fixed_compiles() {
    let root = repo();
    let ui = root.join("tests/ui");
    let mut fixed: Vec<_> = std::fs::read_dir(&ui)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "fixed"))
        .collect();
    fixed.sort();
    assert!(
        !fixed.is_empty(),
        "no .fixed files in {}: the fix tests have nothing to compile",
        ui.display()
    );

    // Under the workspace's target directory, so that the dependencies are built once.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let krate = target.join("ui-fixed");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    for file in ["Cargo.toml", "Cargo.lock"] {
        std::fs::copy(root.join("tests/ui-fixed").join(file), krate.join(file)).unwrap();
    }
    let mut lib = String::from("#![allow(warnings)]\n");
    for path in &fixed {
        let stem = path.file_stem().unwrap().to_string_lossy();
        lib.push_str(&format!(
            "#[path = {:?}]\nmod {stem};\n",
            path.display().to_string()
        ));
    }
    std::fs::write(krate.join("src/lib.rs"), lib).unwrap();

    output(
        Command::new(cargo())
            .args(["check", "--locked", "--quiet", "--message-format", "short"])
            .current_dir(&krate)
            .env("CARGO_TARGET_DIR", krate.join("target"))
            // A case reads a build date with `env!`, as release builds do.
            .env("BUILD_DATE", "2026-02-28"),
        "compile the .fixed files (cargo check)",
    );
}
