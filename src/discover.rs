//! Which files to check.
//!
//! * No PATH: the packages of the cargo workspace, found with `cargo metadata --no-deps`,
//!   selected as cargo selects them: inside a member's directory (or with `--manifest-path`
//!   naming a member's manifest) that member; `-p` the packages named; `--workspace` every
//!   member, `--exclude` removing some. At the workspace root every member is checked, also
//!   when the root is a package (where `cargo check` would take the root package alone): a
//!   date checker's question at the root is whether the workspace is safe, and the spec
//!   (`cli.md`) says so. Per package we walk the directories holding its targets' sources plus its
//!   `tests/`, `benches/` and `examples/` directories, and add its build script. A walk stops
//!   at every subdirectory with its own `Cargo.toml`, as `cargo package` does: a nested member
//!   is walked as its own package (when selected), and a nested package that is not a member
//!   (a test fixture, often with a deliberately broken manifest) is not part of this one.
//!   Without any Cargo.toml above the current directory, the current directory tree is checked.
//! * PATH arguments: explicit files are always checked (whatever their name, even when
//!   ignored: pre-commit passes file names); directories are walked whole, nested packages
//!   included — what is named is checked. Either way, only the workspace root's and the
//!   members' manifests are ever read as configuration (`config::Packages`), so a broken
//!   nested manifest never stops a run.
//!
//! Walks use the `ignore` crate (the `.gitignore` semantics of git itself, also outside a git
//! repository), skip hidden entries, `target/` and `.git/`, never follow symlinks (so neither
//! a symlink out of the tree nor a symlink loop is a problem, and a file linked twice is not
//! checked twice) and keep only regular `*.rs` files: a FIFO or socket named `x.rs` is never
//! opened, because opening a FIFO for reading blocks until a writer appears.
//!
//! Problems that do not stop the run (a missing PATH, an unreadable directory) are collected
//! as [`Discovery::errors`]; the caller reports them and exits with status 2 at the end.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};
use cargo_metadata::{MetadataCommand, Package, TargetKind};

use crate::levels::did_you_mean;

/// One file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileJob {
    /// The path the file is read from.
    pub path: PathBuf,
    /// The path shown in reports: relative to the current directory when possible.
    pub display: String,
    /// The whole file is test code (an integration test or a bench): `Options::test_file`.
    pub test_file: bool,
    /// Named on the command line (or read from stdin), not found by a walk: checked as
    /// asked, whether or not a crate compiles it.
    pub named: bool,
    /// Found by a walk as a regular file: its type need not be looked up again before it is
    /// opened (the open handle's still is).
    pub walked: bool,
}

#[derive(Debug, Default)]
pub struct Discovery {
    /// Sorted by displayed path, no duplicates.
    pub files: Vec<FileJob>,
    /// Non-fatal problems, each a complete message naming the path.
    pub errors: Vec<String>,
    /// Warnings (e.g. an `--exclude` naming no member).
    pub warnings: Vec<String>,
    /// The workspace's `cargo metadata`, when the workspace was read (the json format needs
    /// its packages).
    pub metadata: Option<cargo_metadata::Metadata>,
}

/// What the user asked for on the command line.
#[derive(Debug, Default)]
pub struct Request<'a> {
    pub paths: &'a [PathBuf],
    pub manifest_path: Option<&'a Path>,
    pub packages: &'a [String],
    /// `--workspace`: every member, wherever the run starts.
    pub workspace: bool,
    pub exclude: &'a [String],
    /// The configuration's `exclude` patterns, applied to walked entries (never to files named
    /// on the command line).
    pub excluder: Option<&'a crate::config::Excluder>,
}

/// Finds the files to check. An `Err` means the run cannot happen (no usable metadata, an
/// unknown `-p` package).
pub fn discover(req: &Request<'_>) -> Result<Discovery> {
    let cwd = std::env::current_dir().context("cannot determine the current directory")?;
    let mut d = Collector::new(cwd);
    d.excluder = req.excluder.cloned();
    if !req.paths.is_empty() {
        if req.manifest_path.is_some() || !req.packages.is_empty() || !req.exclude.is_empty() {
            d.out.warnings.push(
                "--manifest-path, --package and --exclude are ignored when PATHs are given".into(),
            );
        }
        for path in req.paths {
            d.add_path_arg(path);
        }
    } else if req.manifest_path.is_some() || has_manifest_above(&d.cwd) {
        d.add_workspace(req)?;
    } else {
        d.walk(Path::new("."), None);
    }
    Ok(d.finish())
}

/// The job for source read from stdin and reported under `path` (`--stdin-filename`): shown
/// like a PATH argument, test code by the same layout rules; the file need not exist.
pub fn stdin_job(path: &Path) -> Result<FileJob> {
    let cwd = std::env::current_dir().context("cannot determine the current directory")?;
    let mut d = Collector::new(cwd);
    Ok(FileJob {
        path: path.to_path_buf(),
        display: d.display(path),
        test_file: d.is_test_file_by_location(path),
        named: true,
        walked: false,
    })
}

fn has_manifest_above(dir: &Path) -> bool {
    dir.ancestors().any(|a| a.join("Cargo.toml").is_file())
}

struct Collector {
    cwd: PathBuf,
    /// Canonical cwd, to shorten absolute paths that cargo reports canonicalized.
    cwd_canonical: Option<PathBuf>,
    out: Discovery,
    /// Canonical paths already added: a file reached twice (`src src/lib.rs`) is checked once.
    seen: HashSet<PathBuf>,
    /// Directory → package root above it (or none), for `test_file` in PATH mode.
    package_roots: HashMap<PathBuf, Option<PathBuf>>,
    /// Directory → its canonical path, for the keys of walked files ([`Collector::walked_key`]).
    canonical_dirs: HashMap<PathBuf, Option<PathBuf>>,
    excluder: Option<crate::config::Excluder>,
}

impl Collector {
    fn new(cwd: PathBuf) -> Collector {
        Collector {
            cwd_canonical: fs::canonicalize(&cwd).ok(),
            cwd,
            out: Discovery::default(),
            seen: HashSet::new(),
            package_roots: HashMap::new(),
            canonical_dirs: HashMap::new(),
            excluder: None,
        }
    }

    fn finish(mut self) -> Discovery {
        self.out
            .files
            .sort_by(|a, b| Path::new(&a.display).cmp(Path::new(&b.display)));
        self.out
    }

    // ---- PATH mode -------------------------------------------------------------------------

    fn add_path_arg(&mut self, path: &Path) {
        // `metadata` follows symlinks: an explicit symlink to a file is checked, a dangling one
        // is reported like a missing file.
        match fs::metadata(path) {
            Err(e) => self.out.errors.push(format!(
                "cannot check `{}`: {}",
                path.display(),
                describe_io(&e)
            )),
            Ok(meta) if meta.is_dir() => self.walk(path, None),
            Ok(meta) if meta.is_file() => {
                let test_file = self.is_test_file_by_location(path);
                self.add_file(path, test_file, true);
            }
            Ok(_) => self.out.errors.push(format!(
                "cannot check `{}`: not a regular file or directory",
                path.display()
            )),
        }
    }

    /// Whether `path` is test code judged by where it lies: the package root is the nearest
    /// directory above it with a Cargo.toml.
    fn is_test_file_by_location(&mut self, path: &Path) -> bool {
        let abs = self.cwd.join(path);
        let Some(dir) = abs.parent() else {
            return false;
        };
        let root = self.package_root(dir);
        root.is_some_and(|root| is_test_path(&root, &abs))
    }

    /// The nearest directory at or above `dir` with a Cargo.toml, each directory looked at
    /// once in a run (a walk asks for every directory of a tree, and their parents share it).
    fn package_root(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(root) = self.package_roots.get(dir) {
            return root.clone();
        }
        let root = match dir.join("Cargo.toml").is_file() {
            true => Some(dir.to_path_buf()),
            false => dir.parent().and_then(|parent| self.package_root(parent)),
        };
        self.package_roots.insert(dir.to_path_buf(), root.clone());
        root
    }

    // ---- workspace mode --------------------------------------------------------------------

    fn add_workspace(&mut self, req: &Request<'_>) -> Result<()> {
        let metadata = metadata(req.manifest_path)?;

        let members = metadata.workspace_packages();
        let selected: Vec<&Package> = if req.packages.is_empty() {
            match (
                req.workspace,
                self.current_member(&metadata, &members, req.manifest_path),
            ) {
                (false, Some(pkg)) => vec![pkg],
                _ => members.clone(),
            }
        } else {
            let mut selected = Vec::new();
            for spec in req.packages {
                let name = spec_name(spec);
                let Some(pkg) = members.iter().find(|p| p.name == name) else {
                    bail!(
                        "package `{spec}` is not a member of the workspace{}",
                        did_you_mean(name, members.iter().map(|p| p.name.as_str()))
                    );
                };
                if !selected.iter().any(|p: &&Package| p.id == pkg.id) {
                    selected.push(*pkg);
                }
            }
            selected
        };
        for spec in req.exclude {
            if !members.iter().any(|p| p.name == spec_name(spec)) {
                self.out.warnings.push(format!(
                    "excluded package `{spec}` is not a member of the workspace"
                ));
            }
        }
        for pkg in selected {
            if req.exclude.iter().any(|spec| spec_name(spec) == pkg.name) {
                continue;
            }
            self.add_package(pkg);
        }
        self.out.metadata = Some(metadata);
        Ok(())
    }

    /// The member cargo would take without `-p` or `--workspace`: the one whose manifest
    /// `--manifest-path` names, else the one whose directory holds the current directory
    /// (the innermost). `None` at the workspace root: every member.
    fn current_member<'m>(
        &self,
        metadata: &cargo_metadata::Metadata,
        members: &[&'m Package],
        manifest_path: Option<&Path>,
    ) -> Option<&'m Package> {
        let canonical = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let root = canonical(metadata.workspace_root.as_std_path());
        let dir_of = |pkg: &Package| {
            pkg.manifest_path
                .parent()
                .map(|d| canonical(d.as_std_path()))
        };
        let member = match manifest_path {
            Some(manifest) => {
                let dir = canonical(&self.cwd.join(manifest)).parent()?.to_path_buf();
                members
                    .iter()
                    .find(|p| dir_of(p).as_deref() == Some(dir.as_path()))
            }
            None => {
                let cwd = canonical(&self.cwd);
                members
                    .iter()
                    .filter(|p| dir_of(p).is_some_and(|d| cwd.starts_with(d)))
                    .max_by_key(|p| dir_of(p).map_or(0, |d| d.components().count()))
            }
        }?;
        (dir_of(member)? != root).then_some(*member)
    }

    fn add_package(&mut self, pkg: &Package) {
        let Some(root) = pkg
            .manifest_path
            .parent()
            .map(|d| d.as_std_path().to_path_buf())
        else {
            return;
        };
        let mut dirs: Vec<PathBuf> = Vec::new();
        let mut files: Vec<(PathBuf, bool)> = Vec::new();
        for target in &pkg.targets {
            let src = target.src_path.as_std_path().to_path_buf();
            let is_test = target
                .kind
                .iter()
                .any(|k| matches!(k, TargetKind::Test | TargetKind::Bench));
            let dir = src.parent().map(Path::to_path_buf);
            // A build script (or a target whose file sits directly in the package root) is
            // added alone: walking its directory would walk the whole package.
            let is_build = target
                .kind
                .iter()
                .any(|k| matches!(k, TargetKind::CustomBuild));
            match dir {
                Some(dir) if !is_build && dir != root => dirs.push(dir),
                _ => files.push((src, is_test)),
            }
        }
        for sub in ["src", "tests", "benches", "examples"] {
            let dir = root.join(sub);
            if dir.is_dir() {
                dirs.push(dir);
            }
        }
        // Walk each tree once: drop directories inside another one of the list.
        dirs.sort();
        dirs.dedup();
        let mut outer: Vec<PathBuf> = Vec::new();
        for dir in dirs {
            if !outer.iter().any(|o| dir.starts_with(o)) {
                outer.push(dir);
            }
        }
        let walk = PackageWalk {
            root: &root,
            test_targets: pkg
                .targets
                .iter()
                .filter(|t| {
                    t.kind
                        .iter()
                        .any(|k| matches!(k, TargetKind::Test | TargetKind::Bench))
                })
                .map(|t| t.src_path.as_std_path().to_path_buf())
                .collect(),
        };
        for dir in &outer {
            self.walk(dir, Some(&walk));
        }
        for (file, is_test) in files {
            if file.is_file() {
                let test_file = is_test || is_test_path(&root, &file);
                self.add_file(&file, test_file, false);
            }
        }
    }

    // ---- walking ---------------------------------------------------------------------------

    /// Walks `dir`, adding regular `*.rs` files. In workspace mode `pkg` bounds the walk to
    /// one package and knows its test targets.
    fn walk(&mut self, dir: &Path, pkg: Option<&PackageWalk<'_>>) {
        let one_package = pkg.is_some();
        let (excluder, cwd) = (self.excluder.clone(), self.cwd.clone());
        let walker = ignore::WalkBuilder::new(dir)
            .standard_filters(false)
            .hidden(true)
            .git_ignore(true)
            .git_exclude(true)
            .parents(true)
            // `.gitignore` applies even outside a git repository (a fresh `cargo new --vcs
            // none`, an unpacked tarball): it still says what is not source.
            .require_git(false)
            .follow_links(false)
            .filter_entry(move |entry| {
                // Excluded directories are not entered at all.
                if entry.depth() > 0
                    && excluder.as_ref().is_some_and(|ex| {
                        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                        ex.is_excluded(&cwd.join(entry.path()), is_dir)
                    })
                {
                    return false;
                }
                if entry.depth() == 0 || !entry.file_type().is_some_and(|t| t.is_dir()) {
                    return true;
                }
                let name = entry.file_name();
                if name == "target" || name == ".git" {
                    return false;
                }
                // A nested package is not part of this one: a member is walked as its own
                // package (or not at all when it is not selected), any other package (a test
                // fixture) not at all.
                !(one_package && entry.path().join("Cargo.toml").is_file())
            })
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    self.out.errors.push(format!("cannot walk: {e}"));
                    continue;
                }
            };
            // `file_type` of a walked entry is the entry's own type (symlinks not followed).
            let is_rs_file = entry.file_type().is_some_and(|t| t.is_file())
                && entry.path().extension().is_some_and(|e| e == "rs");
            if !is_rs_file {
                continue;
            }
            let path = entry.path();
            let test_file = match pkg {
                Some(p) => p.test_targets.iter().any(|t| t == path) || is_test_path(p.root, path),
                None => self.is_test_file_by_location(path),
            };
            let key = self.walked_key(dir, path);
            self.add_file_with_key(path, key, test_file, false, true);
        }
    }

    /// The canonical path of a file, the key of `seen`.
    fn key(&self, path: &Path) -> PathBuf {
        fs::canonicalize(path).unwrap_or_else(|_| self.cwd.join(path))
    }

    /// [`Collector::key`] of a file found by walking `root`, a regular file (the walk does
    /// not follow symlinks): the canonical path of its directory and its name. Only `root`
    /// is resolved by the system: a directory the walk entered is no symlink, so its
    /// canonical path is its parent's and its name, without the calls of resolving every
    /// component again for each of the corpus' thousands of directories.
    fn walked_key(&mut self, root: &Path, path: &Path) -> PathBuf {
        if let (Some(dir), Some(name)) = (path.parent(), path.file_name()) {
            if let Some(dir) = self.walked_dir(root, dir) {
                return dir.join(name);
            }
        }
        self.key(path)
    }

    /// The canonical path of `dir`, the walk's root or a directory the walk of `root` entered.
    fn walked_dir(&mut self, root: &Path, dir: &Path) -> Option<PathBuf> {
        if let Some(canonical) = self.canonical_dirs.get(dir) {
            return canonical.clone();
        }
        let canonical = match (dir.parent(), dir.file_name()) {
            (Some(parent), Some(name)) if dir != root && dir.starts_with(root) => {
                self.walked_dir(root, parent).map(|p| p.join(name))
            }
            _ => fs::canonicalize(dir).ok(),
        };
        self.canonical_dirs
            .insert(dir.to_path_buf(), canonical.clone());
        canonical
    }

    fn add_file(&mut self, path: &Path, test_file: bool, named: bool) {
        let key = self.key(path);
        self.add_file_with_key(path, key, test_file, named, false);
    }

    fn add_file_with_key(
        &mut self,
        path: &Path,
        key: PathBuf,
        test_file: bool,
        named: bool,
        walked: bool,
    ) {
        if !self.seen.insert(key.clone()) {
            // Reached by a walk and named too (`src src/old.rs`): named.
            if named {
                if let Some(job) = self.out.files.iter_mut().find(|j| {
                    fs::canonicalize(&j.path).unwrap_or_else(|_| self.cwd.join(&j.path)) == key
                }) {
                    job.named = true;
                }
            }
            return;
        }
        self.out.files.push(FileJob {
            path: path.to_path_buf(),
            display: self.display(path),
            test_file,
            named,
            walked,
        });
    }

    /// Relative to the current directory when below it, without a leading `./`.
    fn display(&self, path: &Path) -> String {
        let shown = if path.is_absolute() {
            path.strip_prefix(&self.cwd)
                .ok()
                .or_else(|| {
                    self.cwd_canonical
                        .as_deref()
                        .and_then(|c| path.strip_prefix(c).ok())
                })
                .unwrap_or(path)
        } else {
            path
        };
        let parts: PathBuf = shown
            .components()
            .skip_while(|c| matches!(c, Component::CurDir))
            .collect();
        if parts.as_os_str().is_empty() {
            path.display().to_string()
        } else {
            parts.display().to_string()
        }
    }
}

struct PackageWalk<'a> {
    root: &'a Path,
    test_targets: Vec<PathBuf>,
}

/// `cargo metadata --no-deps` of the workspace of `manifest` (or of the current directory),
/// with cargo's own message when it fails.
pub fn metadata(manifest: Option<&Path>) -> Result<cargo_metadata::Metadata> {
    let mut cmd = MetadataCommand::new();
    cmd.no_deps();
    if let Some(manifest) = manifest {
        if !manifest.is_file() {
            bail!("manifest path `{}` does not exist", manifest.display());
        }
        cmd.manifest_path(manifest);
    }
    cmd.exec().map_err(|e| match e {
        // cargo's own message is the useful part (it names the broken manifest).
        cargo_metadata::Error::CargoMetadata { stderr } => {
            anyhow::anyhow!("`cargo metadata` failed:\n{}", stderr.trim_end())
        }
        other => anyhow::anyhow!("`cargo metadata` failed: {other}"),
    })
}

/// The package directories of the workspace members (canonical, like the configuration's
/// workspace root).
pub fn member_roots(metadata: &cargo_metadata::Metadata) -> HashSet<PathBuf> {
    metadata
        .workspace_packages()
        .iter()
        .filter_map(|p| p.manifest_path.parent())
        .map(|d| fs::canonicalize(d).unwrap_or_else(|_| d.as_std_path().to_path_buf()))
        .collect()
}

/// `name` of a package spec `name` or `name@version`.
fn spec_name(spec: &str) -> &str {
    spec.split('@').next().unwrap_or(spec)
}

/// Whether `file` (below the package root `root`) is test code by cargo's layout: a direct
/// child of `tests/` or `benches/` (an integration test or bench target), or a file in a
/// subdirectory that is a multi-file target or a shared test module (`tests/it/main.rs`,
/// `tests/common/mod.rs`). Other subdirectories of `tests/` are fixtures cargo does not
/// compile (`tests/ui/*.rs`, `tests/fixtures/`): they are checked as ordinary code.
pub fn is_test_path(root: &Path, file: &Path) -> bool {
    // `src/foo/tests.rs`, `src/parser_test.rs`: by convention the body of a
    // `#[cfg(test)] mod tests;` declared in another file, which the engine cannot see.
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if matches!(stem, "tests" | "test") || stem.ends_with("_tests") || stem.ends_with("_test") {
        return true;
    }
    let Ok(rel) = file.strip_prefix(root) else {
        return false;
    };
    let parts: Vec<&std::ffi::OsStr> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s),
            _ => None,
        })
        .collect();
    match parts.as_slice() {
        [top, _file] => *top == "tests" || *top == "benches",
        [top, sub, _, ..] if *top == "tests" || *top == "benches" => {
            let dir = root.join(top).join(sub);
            dir.join("main.rs").is_file() || dir.join("mod.rs").is_file()
        }
        _ => false,
    }
}

/// An I/O error as a short phrase (`No such file or directory` is clearer than the Debug form).
pub fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A walked file's key, made from the root's canonical path and the names below it, is
    /// the file's canonical path, also when the root is reached through a symlink.
    #[cfg(unix)]
    #[test]
    fn a_walked_file_is_keyed_by_its_canonical_path() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("real/a/b/x.rs");
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(&file, "").unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(tmp.path().join("real"), &link).unwrap();
        let mut d = Collector::new(tmp.path().to_path_buf());
        let walked = link.join("a/b/x.rs");
        let canonical = fs::canonicalize(&file).unwrap();
        assert_eq!(d.walked_key(&link, &walked), canonical);
        assert_eq!(d.key(&walked), canonical);
        // A second file of the same directory comes from the cache: the same answer.
        assert_eq!(
            d.walked_key(&link, &link.join("a/b/y.rs")),
            canonical.with_file_name("y.rs")
        );
    }

    #[test]
    fn test_paths_follow_cargo_layout() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for f in [
            "tests/a.rs",
            "tests/common/mod.rs",
            "tests/common/util.rs",
            "tests/it/main.rs",
            "tests/ui/fixture.rs",
            "benches/b.rs",
            "src/lib.rs",
        ] {
            let p = root.join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(&p, "").unwrap();
        }
        let t = |f: &str| is_test_path(root, &root.join(f));
        assert!(t("tests/a.rs"));
        assert!(t("tests/common/util.rs"));
        assert!(t("tests/it/main.rs"));
        assert!(t("benches/b.rs"));
        assert!(!t("tests/ui/fixture.rs"));
        assert!(!t("src/lib.rs"));
    }
}
