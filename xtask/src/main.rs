//! `cargo xtask`: chores of the cargo-leapcheck repository.
//!
//! * `cargo xtask new-lint NAME --group GROUP` scaffolds a lint: its file with the declaration
//!   (`lints/src/lints/NAME.rs`; the registry is generated from the files, so nothing else is
//!   registered by hand), its page (`lints/docs/NAME.md`), and its UI test
//!   (`tests/ui/NAME.rs` with one flagged and one silent case, and the `.stdout` the UI runner
//!   blesses from it). The one existing file it edits is the docs index (`docs/README.md`).
//! * `cargo xtask docs` regenerates the lint table of `docs/README.md` from the declarations.
//! * `cargo xtask fmt [--check]` formats the workspace: `cargo fmt --all`, and the lint files,
//!   which `cargo fmt` does not reach (their modules are declared in generated code that
//!   rustfmt does not follow).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use leapcheck_lints::registry::{
    docs_index_table, docs_page_copy, DOCS_INDEXES, DOCS_INDEX_MARKERS,
};
use leapcheck_lints::{Group, LINTS};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("new-lint") => new_lint(&args[1..]),
        Some("docs") => DOCS_INDEXES
            .iter()
            .try_for_each(|&(file, page_dir)| {
                let changed = write_docs_index(&root(), file, page_dir)?;
                println!(
                    "{file}: {}",
                    if changed {
                        "lint table updated"
                    } else {
                        "up to date"
                    }
                );
                Ok(())
            })
            .and_then(|()| {
                let copies = write_page_copies(&root())?;
                println!("docs/lints/: {copies} page copies written");
                Ok(())
            }),
        Some("fmt") => fmt(&root(), args[1..].iter().any(|a| a == "--check")),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: cargo xtask new-lint NAME --group correctness|suspicious|pedantic
       cargo xtask docs
       cargo xtask fmt [--check]";

/// `cargo fmt --all` and rustfmt on every lint file, checking only with `--check`.
fn fmt(root: &Path, check: bool) -> Result<(), String> {
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo.current_dir(root).args(["fmt", "--all"]);
    if check {
        cargo.args(["--", "--check"]);
    }
    let mut lint_files: Vec<PathBuf> = std::fs::read_dir(root.join("lints/src/lints"))
        .map_err(|e| format!("lints/src/lints: {e}"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    lint_files.sort();
    let mut rustfmt = Command::new("rustfmt");
    rustfmt.current_dir(root).args(["--edition", "2021"]);
    if check {
        rustfmt.arg("--check");
    }
    rustfmt.args(&lint_files);
    for (what, mut cmd) in [("cargo fmt", cargo), ("rustfmt on the lint files", rustfmt)] {
        let status = cmd.status().map_err(|e| format!("{what}: {e}"))?;
        if !status.success() {
            return Err(if check {
                format!("{what}: not formatted (run `cargo xtask fmt`)")
            } else {
                format!("{what} failed")
            });
        }
    }
    Ok(())
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace root")
        .to_path_buf()
}

fn new_lint(args: &[String]) -> Result<(), String> {
    let (name, group) = match args {
        [name, flag, group] if flag == "--group" => (name.as_str(), group.as_str()),
        [flag, group, name] if flag == "--group" => (name.as_str(), group.as_str()),
        _ => return Err(USAGE.to_string()),
    };
    let valid_name = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid_name || name == "mod" {
        return Err(format!("`{name}` is not a snake_case lint name"));
    }
    if LINTS.iter().any(|l| l.name == name) {
        return Err(format!("a lint named `{name}` exists already"));
    }
    let group = Group::parse(group)
        .ok_or_else(|| format!("unknown group `{group}`: correctness, suspicious or pedantic"))?;
    let root = root();
    let files = [
        (format!("lints/src/lints/{name}.rs"), lint_file(name, group)),
        (format!("lints/docs/{name}.md"), page(name, group)),
        (format!("tests/ui/{name}.rs"), ui_case(name, group)),
    ];
    for (rel, _) in &files {
        if root.join(rel).exists() {
            return Err(format!("{rel} exists already"));
        }
    }
    for (rel, text) in &files {
        std::fs::write(root.join(rel), text).map_err(|e| format!("cannot write {rel}: {e}"))?;
        println!("created {rel}");
    }
    let copy = format!("docs/lints/{name}.md");
    std::fs::write(root.join(&copy), docs_page_copy(name, &files[1].1))
        .map_err(|e| format!("cannot write {copy}: {e}"))?;
    println!("created {copy}");
    // The table is generated from the registry, which does not know the new lint until the
    // engine is rebuilt: add its row from the same template.
    for &(file, page_dir) in DOCS_INDEXES {
        let row = format!(
            "| [{name}]({page_dir}/{name}.md) | {group} | {level} | — | {summary} |\n",
            level = group.default_level(),
            summary = summary(name),
        );
        insert_docs_row(&root, file, name, &row)?;
        println!("updated {file} (lint table)");
    }
    bless_ui_case(&root, name)?;
    println!(
        "\nnext: write the check in lints/src/lints/{name}.rs, the page, and the UI cases; \
         `LEAPCHECK_BLESS=1 LEAPCHECK_UI={name} cargo test --test integration ui` re-blesses \
         the expected output"
    );
    Ok(())
}

fn summary(name: &str) -> String {
    format!("TODO: what `{name}` finds, in one line")
}

/// The call the scaffold's placeholder check reports: replace it with the real trigger.
fn placeholder(name: &str) -> String {
    format!("{name}_placeholder")
}

fn group_variant(group: Group) -> &'static str {
    match group {
        Group::Correctness => "Correctness",
        Group::Suspicious => "Suspicious",
        Group::Pedantic => "Pedantic",
        Group::Input => "Input",
        Group::Suppression => "Suppression",
    }
}

fn lint_file(name: &str, group: Group) -> String {
    let upper = name.to_ascii_uppercase();
    let trigger = placeholder(name);
    let variant = group_variant(group);
    let summary = summary(name);
    format!(
        r#"//! `{name}`: TODO: what the lint finds and how it decides (for developers; the user
//! documentation is the page, `lints/docs/{name}.md`).

use syn::Expr;

use crate::context::ExprCx;
use crate::diagnostic::{{Certainty, Diagnostic, Help}};
use crate::registry::{{Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax}};

pub static {upper}: Lint = Lint {{
    // The words a file cannot trigger the lint without (the prefilter parses no other file).
    needles: Needles::AllOf(&[NeedleGroup::Words(&["{trigger}"])]),
    checks: &[Check::Expr(&[Syntax::Call], check_expr)],
    ..Lint::new(
        LintId::{upper},
        Group::{variant},
        Precision::Medium,
        "{summary}",
    )
}};

/// TODO: the placeholder reports every call of `{trigger}()`.
fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {{
    let Expr::Call(call) = e else {{ return }};
    let Expr::Path(path) = &*call.func else {{ return }};
    if !path.path.is_ident("{trigger}") {{
        return;
    }}
    cx.emit(
        Diagnostic {{
            lint: &{upper},
            certainty: Certainty::Certain,
            message: "TODO: the headline".to_string(),
            span: cx.span(e),
            label: "TODO: what goes wrong here".to_string(),
            notes: vec!["TODO: the real date on which this breaks".to_string()],
            help: Some(Help {{
                message: "TODO: what to write instead".to_string(),
                fix: None,
            }}),
        }},
        None,
    );
}}
"#
    )
}

fn page(name: &str, group: Group) -> String {
    let trigger = placeholder(name);
    format!(
        r#"# {name}

Group: {group} · Default: {level}

Test code: checked like any other code.

## What it does

TODO: what the lint finds, with the shapes it reports for chrono, time and jiff.

## Why is this bad

TODO: the real date on which such code breaks, and what happens then.

## Example

```rust
fn example() {{
    {trigger}();
}}
```

## Use instead

```rust
fn example() {{
    fixed();
}}
```

## Not flagged

TODO: the safe look-alikes.

## Known limits

TODO

## Fix

No automatic fix: TODO why (or, once the lint declares `fix: Fixable::..`, start with
**Safe** (`--fix`) or **Unsafe** (`--fix --unsafe-fixes`) and say what it rewrites).

## Suppress

```rust
{trigger}(); // leapcheck:allow({name}) the reason
```
"#,
        level = group.default_level()
    )
}

fn ui_case(name: &str, group: Group) -> String {
    let trigger = placeholder(name);
    let marker = match group.default_level() {
        leapcheck_lints::Level::Deny => "ERROR",
        _ => "WARN",
    };
    let flags = if group == Group::Pedantic {
        format!("// leapcheck-flags: -W {name}\n")
    } else {
        String::new()
    };
    format!(
        r#"{flags}// {name}: TODO: one line on what the lint finds.

// flagged: the placeholder trigger
pub fn flagged() {{
    {trigger}(); //~ {marker} {name}
}}

// not flagged: another call
pub fn silent() {{
    fixed();
}}

fn {trigger}() {{}}
fn fixed() {{}}
"#
    )
}

/// Writes `docs/lints/NAME.md` for every lint from its page, and removes copies of pages that
/// no longer exist; returns how many were written.
fn write_page_copies(root: &Path) -> Result<usize, String> {
    let dir = root.join("docs/lints");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create docs/lints: {e}"))?;
    for entry in std::fs::read_dir(&dir).map_err(|e| format!("cannot read docs/lints: {e}"))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let stale = path
            .file_stem()
            .and_then(|s| s.to_str())
            .is_none_or(|stem| !LINTS.iter().any(|l| l.name == stem));
        if stale {
            std::fs::remove_file(&path)
                .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        }
    }
    for lint in LINTS {
        let path = dir.join(format!("{}.md", lint.name));
        std::fs::write(&path, docs_page_copy(lint.name, lint.explanation))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(LINTS.len())
}

/// Rewrites the lint table of `file` from the registry; returns whether it changed.
fn write_docs_index(root: &Path, file: &str, page_dir: &str) -> Result<bool, String> {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {file}: {e}"))?;
    let (start, end) = table_range(&text, file)?;
    let new = format!(
        "{}{}{}",
        &text[..start],
        docs_index_table(page_dir),
        &text[end..]
    );
    if new == text {
        return Ok(false);
    }
    std::fs::write(&path, new).map_err(|e| format!("cannot write {file}: {e}"))?;
    Ok(true)
}

/// Adds one row to the table in catalog order (by group, then name).
fn insert_docs_row(root: &Path, file: &str, name: &str, row: &str) -> Result<(), String> {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {file}: {e}"))?;
    let (start, end) = table_range(&text, file)?;
    let mut rows: Vec<&str> = text[start..end].split_inclusive('\n').collect();
    let rank = |line: &str| -> (usize, String) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let group = cells.get(2).copied().unwrap_or("");
        let order = [
            "input",
            "correctness",
            "suspicious",
            "pedantic",
            "suppression",
        ];
        let link = cells.get(1).copied().unwrap_or("");
        let lint = link.trim_start_matches('[').split(']').next().unwrap_or("");
        (
            order
                .iter()
                .position(|g| *g == group)
                .unwrap_or(order.len()),
            lint.to_string(),
        )
    };
    let key = rank(row);
    let at = rows
        .iter()
        .enumerate()
        .skip(2)
        .find(|(_, r)| rank(r) > key)
        .map_or(rows.len(), |(i, _)| i);
    if rows.iter().any(|r| rank(r).1 == name) {
        return Err(format!("{file} already lists `{name}`"));
    }
    rows.insert(at, row);
    let new = format!("{}{}{}", &text[..start], rows.concat(), &text[end..]);
    std::fs::write(&path, new).map_err(|e| format!("cannot write {file}: {e}"))
}

/// The byte range of the generated table (between the markers, each on its own line).
fn table_range(text: &str, file: &str) -> Result<(usize, usize), String> {
    let (open, close) = DOCS_INDEX_MARKERS;
    let start = text
        .find(open)
        .map(|i| i + open.len() + 1)
        .ok_or(format!("{file} has no lint table marker"))?;
    let end = text[start..]
        .find(close)
        .map(|i| start + i)
        .ok_or(format!("{file} has no end-of-table marker"))?;
    Ok((start, end))
}

/// Writes the new case's expected output with the UI runner (bless mode, this case only).
fn bless_ui_case(root: &Path, name: &str) -> Result<(), String> {
    println!("blessing tests/ui/{name}.stdout (this builds the checker) ...");
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["test", "--quiet", "--test", "integration", "--", "ui"])
        .env("LEAPCHECK_BLESS", "1")
        .env("LEAPCHECK_UI", format!("{name}.rs"))
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    if !status.success() {
        return Err(format!(
            "blessing tests/ui/{name}.stdout failed; the files are written, fix the build and run \
             `LEAPCHECK_BLESS=1 LEAPCHECK_UI={name} cargo test --test integration ui`"
        ));
    }
    println!("created tests/ui/{name}.stdout");
    Ok(())
}
