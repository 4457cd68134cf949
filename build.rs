//! Builds the faked-clock preload library (`src/replay/fakeclock.rs`, also the source of the
//! `fakeclock/` workspace package) with the rustc cargo gives
//! us and hands its path to the crate, which embeds it with `include_bytes!`. This is what
//! makes `cargo install` the only set-up step of `cargo leapcheck replay`: no system package,
//! no second cargo invocation (which would deadlock on the target-dir lock).

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    let src = manifest.join("src").join("replay").join("fakeclock.rs");
    println!("cargo:rerun-if-changed={}", src.display());
    println!("cargo:rerun-if-changed=build.rs");

    let target = env::var("TARGET").unwrap_or_default();
    let host = env::var("HOST").unwrap_or_default();
    let out = out_dir.join("libleapcheck_fakeclock.so");

    // Only Linux has an LD_PRELOAD we support; elsewhere embed nothing and let replay say so.
    let mut built = false;
    if target.contains("-linux-") && src.exists() {
        let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
        let mut cmd = Command::new(&rustc);
        cmd.args([
            "--crate-name",
            "leapcheck_fakeclock",
            "--crate-type",
            "cdylib",
            "--edition",
            "2021",
            "-C",
            "opt-level=2",
            "-C",
            "panic=abort",
            "-C",
            "debuginfo=0",
            "-C",
            "strip=symbols",
        ]);
        if target != host {
            cmd.args(["--target", &target]);
        }
        if let Some(linker) = env::var_os(format!(
            "CARGO_TARGET_{}_LINKER",
            target.to_uppercase().replace('-', "_")
        )) {
            let mut arg = std::ffi::OsString::from("linker=");
            arg.push(linker);
            cmd.arg("-C").arg(arg);
        }
        cmd.arg(&src).arg("-o").arg(&out);
        match cmd.status() {
            Ok(s) if s.success() => built = true,
            Ok(s) => println!("cargo:warning=building the faked-clock library failed ({s}); replay will be unavailable"),
            Err(e) => println!("cargo:warning=could not run rustc for the faked-clock library: {e}; replay will be unavailable"),
        }
    }
    if !built {
        std::fs::write(&out, b"").expect("write placeholder library");
    }
    let bytes = std::fs::read(&out).expect("read faked-clock library");
    // FNV-1a: a stable content hash names the cache directory, so upgrades never reuse a stale
    // library and concurrent installs of the same build share one file.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in &bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    println!("cargo:rustc-env=LEAPCHECK_FAKECLOCK_LIB={}", out.display());
    println!("cargo:rustc-env=LEAPCHECK_FAKECLOCK_HASH={hash:016x}");
}
