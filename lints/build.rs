//! Generates the lint registry from the files under `src/lints/`: one file per lint, named like
//! the lint, declaring one `pub static NAME: Lint` (`NAME` = the file name in upper case).
//! Adding a lint is adding its file and its page (`docs/NAME.md`); nothing is listed by hand.
//!
//! Generated (`$OUT_DIR/registry.rs`, included by `src/lints/mod.rs`):
//! * `mod NAME;` for every lint file (by absolute `#[path]`, since the file is included from
//!   `OUT_DIR`);
//! * `LintId`, one variant per lint, in catalog order: by group (input, correctness, suspicious,
//!   pedantic, suppression), then by name;
//! * `LintId::name` and `LintId::page` (the page's text, `include_str!`);
//! * `LINTS`, every lint in catalog order, and a `pub use` of each lint's static.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const GROUP_ORDER: [&str; 5] = [
    "Input",
    "Correctness",
    "Suspicious",
    "Pedantic",
    "Suppression",
];

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let dir = root.join("src/lints");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed={}", root.join("docs").display());

    let mut lints: Vec<(usize, String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src/lints is readable") {
        let path = entry.expect("src/lints is readable").path();
        let Some(name) = lint_name(&path) else {
            continue;
        };
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("lint files are UTF-8");
        // The group is the second argument of `Lint::new(LintId::NAME, Group::G, ..)`.
        let decl = text.find("Lint::new(").map_or("", |i| &text[i..]);
        let group = GROUP_ORDER
            .iter()
            .enumerate()
            .filter_map(|(rank, g)| decl.find(&format!("Group::{g}")).map(|at| (at, rank)))
            .min()
            .map(|(_, rank)| rank)
            .unwrap_or_else(|| {
                panic!(
                    "{}: no `Lint::new(LintId::.., Group::.., ..)` declaration (groups: {GROUP_ORDER:?})",
                    path.display()
                )
            });
        let page = root.join("docs").join(format!("{name}.md"));
        assert!(
            page.is_file(),
            "lint `{name}` has no page: create {}",
            page.display()
        );
        lints.push((group, name, path));
    }
    lints.sort();

    let mut out = String::new();
    for (_, name, path) in &lints {
        let _ = writeln!(
            out,
            "#[path = {:?}]\npub mod {name};",
            path.display().to_string()
        );
    }
    out.push_str("\n/// Identifies a lint; the discriminant is its index in [`LINTS`].\n");
    out.push_str("#[allow(non_camel_case_types)]\n");
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]\n");
    out.push_str("pub enum LintId {\n");
    for (_, name, _) in &lints {
        let _ = writeln!(out, "    {},", name.to_ascii_uppercase());
    }
    out.push_str(
        "}\n\nimpl LintId {\n    pub const fn name(self) -> &'static str {\n        match self {\n",
    );
    for (_, name, _) in &lints {
        let _ = writeln!(
            out,
            "            LintId::{} => {name:?},",
            name.to_ascii_uppercase()
        );
    }
    out.push_str("        }\n    }\n\n    /// The lint's page (`lints/docs/NAME.md`).\n    pub const fn page(self) -> &'static str {\n        match self {\n");
    for (_, name, _) in &lints {
        let page = root.join("docs").join(format!("{name}.md"));
        let _ = writeln!(
            out,
            "            LintId::{} => include_str!({:?}),",
            name.to_ascii_uppercase(),
            page.display().to_string()
        );
    }
    out.push_str("        }\n    }\n}\n\n");
    let _ = writeln!(
        out,
        "/// Every lint, in catalog order (indexed by [`LintId`]).\npub static LINTS: [&crate::registry::Lint; {}] = [",
        lints.len()
    );
    for (_, name, _) in &lints {
        let _ = writeln!(out, "    &{name}::{},", name.to_ascii_uppercase());
    }
    out.push_str(
        "];\n\n/// Each lint's static, for lints and callers that name one.\npub mod statics {\n",
    );
    for (_, name, _) in &lints {
        let _ = writeln!(
            out,
            "    pub use super::{name}::{};",
            name.to_ascii_uppercase()
        );
    }
    out.push_str("}\n");

    let dest =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it")).join("registry.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// `src/lints/NAME.rs` → `NAME`; `mod.rs` and other files are not lints.
fn lint_name(path: &Path) -> Option<String> {
    if path.extension()? != "rs" {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    (stem != "mod").then(|| stem.to_string())
}
