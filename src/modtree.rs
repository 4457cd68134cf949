//! Which `.rs` files cargo compiles: the files reachable from a package's crate roots through
//! `mod` declarations (with `#[path]`) and `include!`. A file that does not parse and that no
//! crate's module tree reaches — a stale module nobody declares, a snippet under `docs/`, a
//! fixture under `tests/ui/` — is dead text to cargo: its `parse_error` is not a finding (the
//! run prints a note instead), see `main.rs`.
//!
//! The answer is only "not compiled" when it is known: the file lies in a package (the nearest
//! directory above it with a `Cargo.toml` that has a `[package]`, or a virtual workspace, whose
//! members' trees are read together), the package's crate roots
//! are known (the targets `cargo metadata` lists in workspace mode; otherwise cargo's layout —
//! `src/lib.rs`, `src/main.rs`, `src/bin/`, `examples/`, `tests/`, `benches/`, `build.rs` —
//! and the target paths of the manifest), and every file of its tree could be read. Reading is
//! generous (a declaration behind `#[cfg]` counts, a `#[path]` is tried against every base
//! directory it could mean), so a doubt keeps the error.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

/// The module trees of the packages asked about so far.
pub struct ModuleTrees {
    /// Package directory (canonical) → its crate roots, from `cargo metadata`.
    known_roots: HashMap<PathBuf, Vec<PathBuf>>,
    /// Package directory → its module tree (`None`: its crate roots are not known).
    trees: HashMap<PathBuf, Option<Tree>>,
}

/// The files a package's crate roots reach.
struct Tree {
    reached: HashSet<PathBuf>,
    /// Every reached file could be read: no other file is reached. (A file that cannot be
    /// tokenized, or declares modules through a macro, may reach any file.)
    complete: bool,
}

impl ModuleTrees {
    pub fn new(metadata: Option<&cargo_metadata::Metadata>) -> ModuleTrees {
        let mut known_roots: HashMap<PathBuf, Vec<PathBuf>> = HashMap::new();
        for pkg in metadata.map(|m| m.workspace_packages()).unwrap_or_default() {
            let Some(dir) = pkg.manifest_path.parent() else {
                continue;
            };
            let dir = canonical(dir.as_std_path());
            let roots = pkg
                .targets
                .iter()
                .map(|t| canonical(t.src_path.as_std_path()))
                .collect();
            known_roots.insert(dir, roots);
        }
        ModuleTrees {
            known_roots,
            trees: HashMap::new(),
        }
    }

    /// `Some(false)` when `file` lies in a package whose module tree is known and does not
    /// reach it; `Some(true)` when it does; `None` when that is not known.
    pub fn compiled(&mut self, file: &Path) -> Option<bool> {
        let file = fs::canonicalize(file).ok()?;
        let dir = file
            .ancestors()
            .skip(1)
            .find(|a| a.join("Cargo.toml").is_file())?
            .to_path_buf();
        if !self.trees.contains_key(&dir) {
            let tree = self.tree(&dir);
            self.trees.insert(dir.clone(), tree);
        }
        let tree = self.trees.get(&dir)?.as_ref()?;
        if tree.reached.contains(&file) {
            Some(true)
        } else if tree.complete {
            Some(false)
        } else {
            None
        }
    }

    /// The file lies in a package of edition 2015 (its manifest says so, or names no edition,
    /// which cargo reads as 2015). syn parses the syntax of 2018 and later: 2015's bare trait
    /// objects with bounds (`Box<(FnMut() -> ()) + 'a>`) and other old forms fail there, so a
    /// parse error in such a file says more about the parser than about the file.
    pub fn edition_2015(&self, file: &Path) -> bool {
        let Ok(file) = fs::canonicalize(file) else {
            return false;
        };
        let Some(manifest) = file
            .ancestors()
            .skip(1)
            .map(|a| a.join("Cargo.toml"))
            .find(|m| m.is_file())
        else {
            return false;
        };
        let Ok(text) = fs::read_to_string(&manifest) else {
            return false;
        };
        let Ok(doc) = DeTable::parse(&text) else {
            return false;
        };
        let Some(DeValue::Table(package)) = doc.get_ref().get("package").map(|p| p.get_ref())
        else {
            return false;
        };
        match package.get("edition").map(|e| e.get_ref()) {
            None => true,
            Some(DeValue::String(e)) => e == "2015",
            // `edition.workspace = true` and other forms: not 2015 as far as we can tell.
            Some(_) => false,
        }
    }

    fn tree(&self, dir: &Path) -> Option<Tree> {
        let roots = match self.known_roots.get(dir) {
            Some(roots) => roots.clone(),
            None => match layout_roots(dir) {
                Some(roots) => roots,
                // A virtual workspace compiles no file of its own: a file under it is compiled
                // only if one of its members reaches it (through a `#[path]` going up).
                None => return self.members_tree(dir),
            },
        };
        let mut reached: HashSet<PathBuf> = HashSet::new();
        let mut complete = true;
        let mut queue: Vec<PathBuf> = roots.into_iter().filter(|r| r.is_file()).collect();
        while let Some(file) = queue.pop() {
            if !reached.insert(file.clone()) {
                continue;
            }
            // A file of the tree that cannot be read leaves its modules unknown.
            let Some(refs) = fs::read_to_string(&file)
                .ok()
                .and_then(|src| leapcheck_lints::modules::module_refs(&src))
            else {
                complete = false;
                continue;
            };
            complete &= !refs.generated;
            for next in referenced(&file, &refs) {
                if let Ok(next) = fs::canonicalize(&next) {
                    if next.is_file() && !reached.contains(&next) {
                        queue.push(next);
                    }
                }
            }
        }
        Some(Tree { reached, complete })
    }
}

impl ModuleTrees {
    /// The union of the member packages' trees of the virtual workspace in `dir`; `None` when a
    /// member's tree is not known.
    fn members_tree(&self, dir: &Path) -> Option<Tree> {
        let mut reached = HashSet::new();
        let mut complete = true;
        for member in workspace_members(dir)? {
            let tree = match self.known_roots.get(&member) {
                Some(_) => self.tree(&member)?,
                None => {
                    layout_roots(&member)?;
                    self.tree(&member)?
                }
            };
            reached.extend(tree.reached);
            complete &= tree.complete;
        }
        Some(Tree { reached, complete })
    }
}

/// The member directories of the virtual workspace whose manifest is in `dir` (`members`, with
/// a trailing `*` listed from the directory); `None` when the manifest is no virtual workspace
/// or a member pattern is one this reading does not follow.
fn workspace_members(dir: &Path) -> Option<Vec<PathBuf>> {
    use toml::de::DeTable;
    let text = fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    let doc = DeTable::parse(&text).ok()?;
    let manifest = doc.get_ref();
    if manifest.get("package").is_some() {
        return None;
    }
    let workspace = manifest.get("workspace")?.get_ref().as_table()?;
    let members = workspace.get("members")?.get_ref().as_array()?;
    let mut out = Vec::new();
    for m in members.iter() {
        let pattern = m.get_ref().as_str()?;
        match pattern.strip_suffix("/*") {
            Some(parent) if !parent.contains(['*', '?', '[']) => {
                for entry in fs::read_dir(dir.join(parent)).ok()?.flatten() {
                    if entry.path().join("Cargo.toml").is_file() {
                        out.push(canonical(&entry.path()));
                    }
                }
            }
            _ if pattern.contains(['*', '?', '[']) => return None,
            _ => out.push(canonical(&dir.join(pattern))),
        }
    }
    Some(out)
}

fn canonical(p: &Path) -> PathBuf {
    fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The files `file` declares or includes (the candidates that exist).
fn referenced(file: &Path, refs: &leapcheck_lints::modules::ModuleRefs) -> Vec<PathBuf> {
    let Some(dir) = file.parent() else {
        return Vec::new();
    };
    // A crate root or `mod.rs` declares modules next to itself, any other file in the
    // directory of its name: both are tried, so no file that could be meant is missed.
    let mut bases = vec![dir.to_path_buf()];
    if let Some(stem) = file.file_stem() {
        bases.push(dir.join(stem));
    }
    let mut out = Vec::new();
    for decl in &refs.mods {
        // The directories of the inline modules around the declaration, from each base: by
        // name, or by their own `path` attribute.
        let mut inline_dirs: Vec<PathBuf> = bases.clone();
        for (name, paths) in &decl.inline {
            let mut next = Vec::new();
            for d in &inline_dirs {
                next.push(d.join(name));
                next.extend(paths.iter().map(|p| d.join(p)));
            }
            next.truncate(16);
            inline_dirs = next;
        }
        for d in &inline_dirs {
            if decl.paths.is_empty() {
                out.push(d.join(format!("{}.rs", decl.name)));
                out.push(d.join(&decl.name).join("mod.rs"));
            }
            out.extend(decl.paths.iter().map(|p| d.join(p)));
        }
        out.extend(decl.paths.iter().map(|p| dir.join(p)));
    }
    out.extend(refs.includes.iter().map(|p| dir.join(p)));
    out
}

/// The crate roots of the package in `dir` by cargo's layout and its manifest's target paths;
/// `None` when the manifest cannot be read or declares no package (a virtual workspace).
fn layout_roots(dir: &Path) -> Option<Vec<PathBuf>> {
    use toml::de::{DeTable, DeValue};
    let text = fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    let doc = DeTable::parse(&text).ok()?;
    let manifest = doc.get_ref();
    let package = manifest.get("package")?.get_ref().as_table()?;
    let mut roots = vec![dir.join("src/lib.rs"), dir.join("src/main.rs")];
    match package.get("build").map(|b| b.get_ref()) {
        Some(DeValue::String(build)) => roots.push(dir.join(&**build)),
        Some(DeValue::Boolean(false)) => {}
        _ => roots.push(dir.join("build.rs")),
    }
    for sub in ["src/bin", "examples", "tests", "benches"] {
        let Ok(entries) = fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "rs") {
                roots.push(path);
            } else if path.is_dir() {
                roots.push(path.join("main.rs"));
            }
        }
    }
    let path_of = |t: &DeValue<'_>| {
        t.as_table()?
            .get("path")?
            .get_ref()
            .as_str()
            .map(|p| dir.join(p))
    };
    roots.extend(manifest.get("lib").and_then(|l| path_of(l.get_ref())));
    for kind in ["bin", "example", "test", "bench"] {
        if let Some(DeValue::Array(targets)) = manifest.get(kind).map(|t| t.get_ref()) {
            roots.extend(targets.iter().filter_map(|t| path_of(t.get_ref())));
        }
    }
    Some(roots.iter().map(|r| canonical(r)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    #[test]
    fn files_reached_from_the_crate_roots() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(
            root,
            "Cargo.toml",
            "[package]\nname = \"p\"\nversion = \"0.1.0\"\n",
        );
        write(
            root,
            "src/lib.rs",
            "mod a;\nmod b { mod c; }\n#[path = \"other/d.rs\"] mod d;\ninclude!(\"inc.rs\");\n",
        );
        write(root, "src/a.rs", "mod nested;\n");
        // A syntax error with balanced brackets: its declarations are still read.
        write(
            root,
            "src/a/nested.rs",
            "fn f() { let x = ; }\nmod deeper;\n",
        );
        write(root, "src/a/nested/deeper.rs", "");
        write(root, "src/b/c.rs", "");
        write(root, "src/other/d.rs", "");
        write(root, "src/inc.rs", "");
        write(root, "src/bin/tool/main.rs", "mod helper;\n");
        write(root, "src/bin/tool/helper.rs", "");
        write(root, "src/old.rs", "fn f( {}\n");
        write(root, "docs/snippet.rs", "fn f( {}\n");
        write(root, "tests/ui/case.rs", "fn f( {}\n");
        write(root, "tests/it.rs", "");
        let mut trees = ModuleTrees::new(None);
        for f in [
            "src/lib.rs",
            "src/a.rs",
            "src/a/nested.rs",
            "src/a/nested/deeper.rs",
            "src/b/c.rs",
            "src/other/d.rs",
            "src/inc.rs",
            "src/bin/tool/helper.rs",
            "tests/it.rs",
        ] {
            assert_eq!(trees.compiled(&root.join(f)), Some(true), "{f}");
        }
        for f in ["src/old.rs", "docs/snippet.rs", "tests/ui/case.rs"] {
            assert_eq!(trees.compiled(&root.join(f)), Some(false), "{f}");
        }
    }

    #[test]
    fn virtual_workspaces_compile_what_their_members_reach() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(
            root,
            "Cargo.toml",
            "[workspace]\nmembers = [\"app\", \"crates/*\"]\n",
        );
        write(
            root,
            "app/Cargo.toml",
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\n",
        );
        write(
            root,
            "app/src/main.rs",
            "#[path = \"../../docs/shared.rs\"]\nmod shared;\nfn main() {}\n",
        );
        write(
            root,
            "crates/core/Cargo.toml",
            "[package]\nname = \"core\"\nversion = \"0.1.0\"\n",
        );
        write(root, "crates/core/src/lib.rs", "");
        write(root, "docs/shared.rs", "fn f() { let x = ; }\n");
        write(root, "docs/devel/snippet.rs", "fn f( {}\n");
        let mut trees = ModuleTrees::new(None);
        assert_eq!(trees.compiled(&root.join("docs/shared.rs")), Some(true));
        assert_eq!(
            trees.compiled(&root.join("docs/devel/snippet.rs")),
            Some(false)
        );
        assert_eq!(
            trees.compiled(&root.join("crates/core/src/lib.rs")),
            Some(true)
        );
    }

    #[test]
    fn unknown_trees_keep_the_doubt() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        // A crate root that cannot be read: its modules are not known, but it is compiled.
        write(
            root,
            "a/Cargo.toml",
            "[package]\nname = \"a\"\nversion = \"0.1.0\"\n",
        );
        write(root, "a/src/lib.rs", "mod x;\nfn f( {}\n");
        write(root, "a/src/old.rs", "");
        // A broken manifest, a virtual workspace with a member pattern not followed, no
        // manifest at all.
        write(root, "b/Cargo.toml", "[package\n");
        write(root, "b/src/old.rs", "");
        write(root, "c/Cargo.toml", "[workspace]\nmembers = [\"x*\"]\n");
        write(root, "c/old.rs", "");
        write(root, "d/old.rs", "");
        // Modules a macro declares.
        write(
            root,
            "e/Cargo.toml",
            "[package]\nname = \"e\"\nversion = \"0.1.0\"\n",
        );
        write(
            root,
            "e/src/lib.rs",
            "macro_rules! m { ($n:ident) => { mod $n; } }\nm!(x);\n",
        );
        write(root, "e/src/x.rs", "");
        let mut trees = ModuleTrees::new(None);
        assert_eq!(trees.compiled(&root.join("a/src/lib.rs")), Some(true));
        for f in ["a/src/old.rs", "b/src/old.rs", "c/old.rs", "e/src/x.rs"] {
            assert_eq!(trees.compiled(&root.join(f)), None, "{f}");
        }
        // (`d` has no package at all unless the temporary directory is inside one.)
        let _ = trees.compiled(&root.join("d/old.rs"));
    }
}
