//! `--test/--bin/--example NAME`: build the cargo target on the real clock (a faked clock would
//! confuse cargo's freshness checks), then run the built executable directly.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Test,
    Bin,
    Example,
}

impl Kind {
    fn flag(self) -> &'static str {
        match self {
            Kind::Test => "--test",
            Kind::Bin => "--bin",
            Kind::Example => "--example",
        }
    }
    fn cargo_kind(self) -> &'static str {
        match self {
            Kind::Test => "test",
            Kind::Bin => "bin",
            Kind::Example => "example",
        }
    }
}

/// Builds the target and returns its executable, read from cargo's JSON artifact messages.
pub fn build(
    kind: Kind,
    name: &str,
    package: Option<&str>,
    manifest: Option<&Path>,
    release: bool,
) -> Result<PathBuf, String> {
    // `cargo leapcheck` runs with CARGO set to the cargo that launched it.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(&cargo);
    cmd.args(["build", "--message-format=json-render-diagnostics"])
        .arg(kind.flag())
        .arg(name);
    if let Some(p) = package {
        cmd.args(["--package", p]);
    }
    if let Some(m) = manifest {
        cmd.arg("--manifest-path").arg(m);
    }
    if release {
        cmd.arg("--release");
    }
    // Never build with a faked clock inherited from an outer replay.
    for var in [
        "LEAPCHECK_FAKE_START",
        "LEAPCHECK_FAKE_ANCHOR",
        "LD_PRELOAD",
    ] {
        cmd.env_remove(var);
    }
    eprintln!(
        "replay: building {} `{name}` on the real clock",
        kind.cargo_kind()
    );
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo build {} {name} failed ({})",
            kind.flag(),
            out.status
        ));
    }
    find_executable(&String::from_utf8_lossy(&out.stdout), kind, name)
        .ok_or_else(|| format!("cargo built no executable for {} {name}", kind.flag()))
}

fn find_executable(json_lines: &str, kind: Kind, name: &str) -> Option<PathBuf> {
    json_lines
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact")
        .filter(|m| m["target"]["name"] == name)
        .filter(|m| {
            m["target"]["kind"]
                .as_array()
                .is_some_and(|k| k.iter().any(|k| k == kind.cargo_kind()))
        })
        .filter_map(|m| m["executable"].as_str().map(PathBuf::from))
        .next_back()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_executable_artifact() {
        let lines = r#"{"reason":"compiler-artifact","target":{"name":"dep","kind":["lib"]},"executable":null}
not json
{"reason":"compiler-artifact","target":{"name":"issue-buggy","kind":["bin"]},"executable":"/t/debug/issue-buggy"}
{"reason":"build-finished","success":true}"#;
        assert_eq!(
            find_executable(lines, Kind::Bin, "issue-buggy"),
            Some(PathBuf::from("/t/debug/issue-buggy"))
        );
        assert_eq!(find_executable(lines, Kind::Test, "issue-buggy"), None);
    }
}
