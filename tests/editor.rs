//! `cargo leapcheck server` with real LSP clients:
//! * Neovim's own client, headless, driven by tests/fixtures/neovim-lsp.lua (it opens a buggy
//!   file, waits for the pushed diagnostic, hovers, applies the quick fix, types the bug back
//!   and applies "allow this lint here", recording what the editor shows at each step);
//! * pygls's `LanguageClient` (tests/fixtures/pygls-client.py), a client that pulls
//!   diagnostics as VS Code does, and reads every answer into lsprotocol's types, which reject
//!   a message of the wrong shape.
//!
//! Each installs its client when it is missing: Neovim with `apt-get install neovim` (as root
//! on CI), pygls from PyPI into a virtualenv under the target directory. Only when a client
//! cannot be installed does its test skip, with a message written past the test harness's
//! capture so that it shows in every run.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use serde_json::{json, Value};

use crate::util::{python_venv, repo, run_with, Project, BIN, LIMIT};

const BUGGY: &str = "use chrono::{Datelike, Months, NaiveDate};
pub fn renew(d: NaiveDate) -> NaiveDate {
    d.with_year(d.year() + 1).unwrap()
}
";

fn works(nvim: &str) -> bool {
    Command::new(nvim)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `nvim`, installed with apt-get when missing; `Err(why)` when it cannot be had.
fn neovim() -> &'static Result<PathBuf, String> {
    static NVIM: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    NVIM.get_or_init(|| {
        if works("nvim") {
            return Ok(PathBuf::from("nvim"));
        }
        let apt = |args: &[&str]| {
            Command::new("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive")
                .output()
                .map_err(|e| format!("cannot run apt-get: {e}"))
                .and_then(|o| {
                    if o.status.success() {
                        Ok(())
                    } else {
                        Err(format!(
                            "`apt-get {}` failed: {}",
                            args.join(" "),
                            String::from_utf8_lossy(&o.stderr).trim()
                        ))
                    }
                })
        };
        apt(&["update", "-qq"])?;
        apt(&["install", "-y", "-qq", "neovim"])?;
        if works("nvim") {
            Ok(PathBuf::from("nvim"))
        } else {
            Err("apt-get installed neovim, but `nvim --version` fails".to_string())
        }
    })
}

/// Says that a test did not run, past the capture of the test harness: a skip must be seen.
fn skipped(test: &str, client: &str, why: &str) {
    writeln!(
        std::io::stderr(),
        "\nSKIPPED editor::{test}: {client} is not installed and cannot be: {why}\n"
    )
    .ok();
}

#[test]
fn neovim_shows_fixes_and_silences_a_finding() {
    let nvim = match neovim() {
        Ok(nvim) => nvim,
        Err(why) => return skipped("neovim_shows_fixes_and_silences_a_finding", "Neovim", why),
    };
    let p = Project::chrono();
    p.file("src/lib.rs", BUGGY);
    let out = p.path().join("neovim.json");
    let mut cmd = Command::new(nvim);
    cmd.args(["--headless", "--clean", "-c"])
        .arg(format!(
            "luafile {}",
            repo().join("tests/fixtures/neovim-lsp.lua").display()
        ))
        .current_dir(p.path())
        .env("LEAPCHECK_BIN", BIN)
        .env("LEAPCHECK_FILE", p.path().join("src/lib.rs"))
        .env("LEAPCHECK_OUT", &out)
        // Neovim's state, cache and LSP log in the project, not in the home directory.
        .env("XDG_STATE_HOME", p.path().join(".state"))
        .env("XDG_CACHE_HOME", p.path().join(".cache"))
        .env("XDG_DATA_HOME", p.path().join(".data"));
    let run = run_with(cmd, None, LIMIT);
    let recorded: Value = std::fs::read_to_string(&out)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| panic!("Neovim wrote no record\n{run:?}"));
    assert_eq!(run.code, 0, "{recorded:#}\n{run:?}");

    // Opened: the error at the call, as Neovim shows it (0-based line, byte columns).
    let diagnostic = json!({
        "lnum": 2, "col": 6, "end_col": 29, "severity": 1, "source": "leapcheck",
        "code": "year_arithmetic_on_date",
        "message": "year arithmetic on a date: `d.year() + 1` with the same month and day\npanics when `d` is Feb 29",
    });
    assert_eq!(recorded["opened"], json!([diagnostic]), "{recorded:#}");
    let hover = recorded["hover"].as_str().unwrap_or_default();
    assert!(
        hover.contains("leapcheck::year_arithmetic_on_date"),
        "{hover}"
    );
    assert!(
        hover.contains("on 2028-02-29 this builds 2029-02-29"),
        "{hover}"
    );
    // The quick fix applied by the editor clears it.
    assert_eq!(
        recorded["fixed_line"],
        "    d.checked_add_months(Months::new(12)).unwrap()"
    );
    assert_eq!(recorded["after_fix"], json!([]), "{recorded:#}");
    // Typed back: reported again; the allow comment written by the action silences it.
    assert_eq!(recorded["retyped"], json!([diagnostic]), "{recorded:#}");
    assert_eq!(
        recorded["allowed_lines"][2],
        "    // leapcheck:allow(year_arithmetic_on_date) TODO: why this is safe"
    );
    assert_eq!(recorded["after_allow"], json!([]), "{recorded:#}");
    // All of it in the buffer: the file on disk was never written.
    assert_eq!(
        std::fs::read_to_string(p.path().join("src/lib.rs")).unwrap(),
        BUGGY
    );
}

#[test]
fn pygls_pulls_diagnostics_and_applies_a_fix() {
    static VENV: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let venv = match VENV.get_or_init(|| python_venv("lsp-client", &["pygls==2.*"])) {
        Ok(venv) => venv,
        Err(why) => return skipped("pygls_pulls_diagnostics_and_applies_a_fix", "pygls", why),
    };
    let p = Project::chrono();
    p.file("src/lib.rs", BUGGY);
    let out = p.path().join("pygls.json");
    let mut cmd = Command::new(venv.join("bin").join("python"));
    cmd.arg(repo().join("tests/fixtures/pygls-client.py"))
        .arg(BIN)
        .arg(p.path().join("src/lib.rs"))
        .arg(&out)
        .current_dir(p.path());
    let run = run_with(cmd, None, LIMIT);
    assert_eq!(run.code, 0, "{run:?}");
    let recorded: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();

    assert_eq!(recorded["server"], "leapcheck");
    assert_eq!(recorded["pull"], true);
    assert_eq!(
        recorded["pushed"], 0,
        "nothing pushed to a client that pulls"
    );
    assert_eq!(
        recorded["registered"],
        json!(["workspace/didChangeWatchedFiles"])
    );
    assert_eq!(
        recorded["opened"],
        json!([{
            "code": "year_arithmetic_on_date",
            "severity": 1,
            "range": [2, 6, 29],
            "notes": [
                "on 2028-02-29 this builds 2029-02-29, which does not exist",
                "help: add calendar months instead: chrono moves Feb 29 to Feb 28",
            ],
        }])
    );
    let hover = recorded["hover"].as_str().unwrap();
    assert!(hover.contains("on 2028-02-29"), "{hover}");
    assert_eq!(
        recorded["actions"],
        json!([
            [
                "add calendar months instead: chrono moves Feb 29 to Feb 28",
                "quickfix",
                false
            ],
            [
                "Allow `year_arithmetic_on_date` here (leapcheck:allow comment)",
                "quickfix",
                false
            ],
        ])
    );
    assert_eq!(recorded["after_fix"], json!([]));
}
