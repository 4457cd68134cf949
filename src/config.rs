//! The configuration: `leapcheck.toml` at the workspace root, `[workspace.metadata.leapcheck]`
//! in the workspace's Cargo.toml and `[package.metadata.leapcheck]` in a package's Cargo.toml,
//! all with the same keys (`exclude`, `check-tests`, `[lints]`).
//!
//! Precedence, lowest first (see docs/configuration.md):
//! 1. the lint groups' defaults;
//! 2. `[workspace.metadata.leapcheck]` of the workspace root's Cargo.toml;
//! 3. `leapcheck.toml` at the workspace root (the dedicated file wins over the shared manifest);
//! 4. `[package.metadata.leapcheck]` of the package a file belongs to (the nearest Cargo.toml
//!    above the file, inside the workspace root), for that package's files only — when that
//!    package is the workspace root's or a member's (`cargo metadata --no-deps`). Any other
//!    nested manifest (a test fixture, a vendored crate) is never read: its files get the
//!    workspace-level settings, and a broken one cannot stop the run;
//! 5. the command line: `-D/-W/-A` in order, `--check-tests`.
//!
//! Within one `[lints]` table, `all` applies first, then groups, then single lints, so that
//! `pedantic = "warn"` next to `hand_built_year_duration = "allow"` means what it says whatever
//! the order of the keys. `exclude` lists add up across layers; each list is relative to the
//! directory of the file it is written in, with .gitignore syntax.
//!
//! Every mistake is an error (exit status 2) naming the file, the line and column, and the
//! closest valid name when there is one: a configuration that is silently ignored would let
//! CI pass with lints that were meant to deny. A mistake in the workspace-level configuration
//! stops the run; one in a member's package section leaves that member's files unchecked and
//! the others are still checked (exit status 2 all the same).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use leapcheck_lints::registry::all_names;
use leapcheck_lints::Level;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::discover::FileJob;
use crate::levels::{did_you_mean, Levels, Selector};

pub const FILE_NAME: &str = "leapcheck.toml";

const KEYS: [&str; 3] = ["exclude", "check-tests", "lints"];

/// A configuration mistake at a position in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file as shown (relative to the current directory when below it).
    pub file: String,
    /// 1-based; 0 when the file as a whole is the problem (unreadable).
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// `\n  help: ...` or empty.
    pub help: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}\n  --> {}{}", self.message, self.file, self.help)
        } else {
            write!(
                f,
                "{}\n  --> {}:{}:{}{}",
                self.message, self.file, self.line, self.column, self.help
            )
        }
    }
}

/// One table of settings, from one file.
#[derive(Debug, Clone)]
pub struct Layer {
    /// Where it is written (`leapcheck.toml`, `Cargo.toml [workspace.metadata.leapcheck]`).
    origin: String,
    /// The directory `exclude` patterns are relative to.
    base: PathBuf,
    exclude: Option<Gitignore>,
    check_tests: Option<bool>,
    /// Already in application order (`all`, groups, lints).
    lints: Vec<(Selector, Level)>,
}

impl Layer {
    fn apply_levels(&self, levels: &mut Levels) {
        for (selector, level) in &self.lints {
            levels.apply_from(*selector, *level, &self.origin);
        }
    }

    /// Whether `abs` (an absolute path) is excluded by this layer's patterns.
    pub fn excludes(&self, abs: &Path, is_dir: bool) -> bool {
        let Some(gi) = &self.exclude else {
            return false;
        };
        let Ok(rel) = abs.strip_prefix(&self.base) else {
            return false;
        };
        if rel.as_os_str().is_empty() {
            return false;
        }
        gi.matched_path_or_any_parents(rel, is_dir).is_ignore()
    }
}

/// The workspace-level configuration (layers 2 and 3), plus the package layers found for the
/// checked files.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub root: PathBuf,
    workspace: Vec<Layer>,
}

/// The settings one file is checked with.
#[derive(Debug, Clone)]
pub struct Profile {
    pub levels: Levels,
    pub check_tests: bool,
}

/// Configuration that is present but that leapcheck does not read, as warnings naming the
/// file and where the settings belong: a `leapcheck.toml` in a member's directory or in a
/// directory between the current one and the workspace root, and `[lints.leapcheck]` or
/// `[workspace.lints.leapcheck]` tables in the manifests (cargo's `[lints]` is for rustc and
/// clippy; leapcheck reads `[workspace.metadata.leapcheck]` and `[package.metadata.leapcheck]`).
pub fn unread_configuration(
    root: &Path,
    members: Option<&HashSet<PathBuf>>,
    cwd: &Path,
) -> Vec<String> {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut dirs: Vec<PathBuf> = members.into_iter().flatten().cloned().collect();
    let cwd = std::fs::canonicalize(cwd).unwrap_or_else(|_| cwd.to_path_buf());
    dirs.extend(
        cwd.ancestors()
            .take_while(|d| d.starts_with(&root))
            .map(Path::to_path_buf),
    );
    dirs.push(root.clone());
    dirs.sort();
    dirs.dedup();
    let shown = |p: &Path| {
        p.strip_prefix(&cwd)
            .map(|r| r.display().to_string())
            .unwrap_or_else(|_| p.display().to_string())
    };
    let mut out = Vec::new();
    for dir in &dirs {
        let file = dir.join(FILE_NAME);
        if *dir != root && file.is_file() {
            out.push(format!(
                "`{}` is not read: leapcheck reads `{FILE_NAME}` only at the workspace root (`{}`); \
                 for this package's settings use `[package.metadata.leapcheck]` in its Cargo.toml",
                shown(&file),
                shown(&root.join(FILE_NAME))
            ));
        }
        let manifest = dir.join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        let Ok(doc) = DeTable::parse(&text) else {
            continue;
        };
        let table = doc.get_ref();
        let under = |path: &[&str]| {
            let mut t = table;
            for key in path {
                match t.get(*key).map(|v| v.get_ref()) {
                    Some(DeValue::Table(next)) => t = next,
                    _ => return false,
                }
            }
            true
        };
        for (path, instead) in [
            (
                &["lints", "leapcheck"][..],
                "[package.metadata.leapcheck.lints]",
            ),
            (
                &["workspace", "lints", "leapcheck"][..],
                "[workspace.metadata.leapcheck.lints]",
            ),
        ] {
            if under(path) {
                out.push(format!(
                    "`{}`: `[{}]` is not read: cargo's `[lints]` is for rustc and clippy; \
                     write the levels in `{instead}` or in `{FILE_NAME}`",
                    shown(&manifest),
                    path.join(".")
                ));
            }
        }
    }
    out
}

impl Config {
    /// Reads the workspace root's Cargo.toml metadata and `leapcheck.toml`.
    pub fn load(root: &Path, cwd: &Path) -> Result<Config, ConfigError> {
        let mut workspace = Vec::new();
        let manifest = root.join("Cargo.toml");
        if manifest.is_file() {
            let doc = Document::read(&manifest, cwd)?;
            let path = ["workspace", "metadata", "leapcheck"];
            if let Some(table) = doc.section(&path)? {
                workspace.push(doc.layer(table, root, &prefix(&path))?);
            }
        }
        let file = root.join(FILE_NAME);
        if file.is_file() {
            let doc = Document::read(&file, cwd)?;
            workspace.push(doc.layer(doc.table.get_ref(), root, "")?);
        }
        Ok(Config {
            root: root.to_path_buf(),
            workspace,
        })
    }

    /// Levels of the workspace-level configuration with the command-line flags on top.
    pub fn levels(&self, flags: &[crate::cli::LevelFlag]) -> Result<Levels, String> {
        self.profile(None, flags, false).map(|p| p.levels)
    }

    /// The settings for files of a package with `package` settings (or none).
    pub fn profile(
        &self,
        package: Option<&Layer>,
        flags: &[crate::cli::LevelFlag],
        check_tests_flag: bool,
    ) -> Result<Profile, String> {
        let mut levels = Levels::default();
        let mut check_tests = false;
        for layer in self.workspace.iter().chain(package) {
            layer.apply_levels(&mut levels);
            if let Some(c) = layer.check_tests {
                check_tests = c;
            }
        }
        levels.apply_flags(flags)?;
        Ok(Profile {
            levels,
            check_tests: check_tests || check_tests_flag,
        })
    }

    /// `check-tests` of the workspace-level configuration (false when unset).
    pub fn check_tests(&self) -> bool {
        self.workspace
            .iter()
            .rev()
            .find_map(|l| l.check_tests)
            .unwrap_or(false)
    }

    /// The workspace-level exclusion patterns, shareable with the directory walker.
    pub fn excluder(&self) -> Excluder {
        Excluder {
            layers: Arc::new(self.workspace.clone()),
        }
    }
}

/// Tests paths against `exclude` patterns (absolute paths; others are taken relative to the
/// current directory by the caller).
#[derive(Debug, Clone, Default)]
pub struct Excluder {
    layers: Arc<Vec<Layer>>,
}

impl Excluder {
    pub fn is_excluded(&self, abs: &Path, is_dir: bool) -> bool {
        self.layers.iter().any(|l| l.excludes(abs, is_dir))
    }
}

/// The settings of files whose package has `[package.metadata.leapcheck]`, by file path (as in
/// `FileJob::path`). Other files use the workspace-level settings.
#[derive(Debug, Default)]
pub struct PackageProfiles {
    profiles: Vec<Profile>,
    of_file: HashMap<PathBuf, usize>,
}

impl PackageProfiles {
    pub fn get(&self, file: &Path) -> Option<&Profile> {
        // Most runs have no package settings: no path to hash for each file.
        if self.of_file.is_empty() {
            return None;
        }
        self.of_file.get(file).map(|&i| &self.profiles[i])
    }
}

/// The files to check with their settings, from [`assign_packages`].
#[derive(Debug, Default)]
pub struct Assigned {
    pub files: Vec<FileJob>,
    pub profiles: PackageProfiles,
    /// Problems that left files unchecked or checked without their package's settings (a
    /// member's broken package section, membership unknown), each once: the run is incomplete.
    pub errors: Vec<String>,
}

/// Finds the package of every file; for packages with their own settings, drops the walked
/// files their `exclude` names (files named on the command line are always checked) and
/// computes the profile the others are checked with. `members` are the package directories of
/// the workspace members when the discovery already read them (`None`: asked from cargo the
/// first time a file lies in a nested package). The files of a member whose settings cannot
/// be read are left out and the error said once; an `Err` is a problem with the flags.
pub fn assign_packages(
    config: &Config,
    files: Vec<FileJob>,
    explicit: &[PathBuf],
    flags: &[crate::cli::LevelFlag],
    check_tests_flag: bool,
    cwd: &Path,
    members: Option<HashSet<PathBuf>>,
) -> Result<Assigned, String> {
    let mut packages = Packages::new(&config.root, members);
    let mut out = Assigned::default();
    let mut profile_of_root: HashMap<PathBuf, usize> = HashMap::new();
    out.files.reserve(files.len());
    for job in files {
        let abs = cwd.join(&job.path);
        let (root, layer) = match packages.for_file(&abs, cwd) {
            Owner::Workspace => {
                out.files.push(job);
                continue;
            }
            Owner::Unchecked => continue,
            Owner::Package(root, layer) => (root, layer),
        };
        if !explicit.contains(&job.path) && layer.excludes(&abs, false) {
            continue;
        }
        let index = match profile_of_root.get(&root) {
            Some(&i) => i,
            None => {
                let profile = config.profile(Some(layer), flags, check_tests_flag)?;
                out.profiles.profiles.push(profile);
                profile_of_root.insert(root, out.profiles.profiles.len() - 1);
                out.profiles.profiles.len() - 1
            }
        };
        out.profiles.of_file.insert(job.path.clone(), index);
        out.files.push(job);
    }
    out.errors = packages.errors;
    Ok(out)
}

/// Whose settings a file is checked with.
#[derive(Debug)]
pub enum Owner<'a> {
    /// The workspace-level settings: the file is in no package with a package section, or in
    /// a nested package that is not a member.
    Workspace,
    /// The package section of the member at this root.
    Package(PathBuf, &'a Layer),
    /// A member whose settings cannot be read: the file is not checked.
    Unchecked,
}

/// Package layers by package root, read once per package.
#[derive(Debug)]
pub struct Packages {
    workspace_root: PathBuf,
    /// The members' package directories; `None` until needed (see [`assign_packages`]).
    members: Option<HashSet<PathBuf>>,
    /// Member root → its package section (`None`: it has none), or `Err` when it cannot be
    /// read.
    by_root: HashMap<PathBuf, Result<Option<Layer>, ()>>,
    /// Directory → its package root (nearest Cargo.toml at or above it), memoized.
    roots: HashMap<PathBuf, Option<PathBuf>>,
    /// Each problem once, complete messages.
    pub errors: Vec<String>,
}

impl Packages {
    pub fn new(workspace_root: &Path, members: Option<HashSet<PathBuf>>) -> Packages {
        Packages {
            workspace_root: workspace_root.to_path_buf(),
            members,
            by_root: HashMap::new(),
            roots: HashMap::new(),
            errors: Vec::new(),
        }
    }

    /// The settings `abs` (a file) is checked with: those of the package around it inside the
    /// workspace root, if that package is the root's or a member's and has
    /// `[package.metadata.leapcheck]`.
    pub fn for_file(&mut self, abs: &Path, cwd: &Path) -> Owner<'_> {
        let Some(dir) = abs.parent() else {
            return Owner::Workspace;
        };
        let root = match self.roots.get(dir) {
            Some(r) => r.clone(),
            None => {
                let r = dir
                    .ancestors()
                    .take_while(|a| a.starts_with(&self.workspace_root))
                    .find(|a| a.join("Cargo.toml").is_file())
                    .map(Path::to_path_buf);
                self.roots.insert(dir.to_path_buf(), r.clone());
                r
            }
        };
        let Some(root) = root else {
            return Owner::Workspace;
        };
        if !self.by_root.contains_key(&root) {
            // Canonical, like the workspace root and the members' directories (a PATH argument
            // may hold `..`).
            let canonical = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
            let read = if canonical == self.workspace_root || self.is_member(&canonical) {
                read_package_section(&root, cwd).map_err(|e| {
                    self.errors.push(format!(
                        "{e}\n  note: this package's files were not checked; the other \
                         packages' were"
                    ));
                })
            } else {
                // Not a member: its manifest is not ours to read (a test fixture may be
                // broken on purpose).
                Ok(None)
            };
            self.by_root.insert(root.clone(), read);
        }
        match &self.by_root[&root] {
            Ok(Some(layer)) => Owner::Package(root, layer),
            Ok(None) => Owner::Workspace,
            Err(()) => Owner::Unchecked,
        }
    }

    /// Whether the package at `root` (not the workspace root) is a workspace member. Asks
    /// cargo the first time when the discovery did not; when cargo cannot tell, the error is
    /// said once and the package's section is not read.
    fn is_member(&mut self, root: &Path) -> bool {
        let members = self.members.get_or_insert_with(|| {
            let manifest = self.workspace_root.join("Cargo.toml");
            if !manifest.is_file() {
                // No workspace: no members.
                return HashSet::new();
            }
            match crate::discover::metadata(Some(&manifest)) {
                Ok(metadata) => crate::discover::member_roots(&metadata),
                Err(e) => {
                    self.errors.push(format!(
                        "cannot tell which packages are workspace members, so no \
                         `[package.metadata.leapcheck]` of a nested package is applied: {e:#}"
                    ));
                    HashSet::new()
                }
            }
        });
        members.contains(root)
    }
}

/// The `[package.metadata.leapcheck]` layer of the package at `root`, if it has one.
fn read_package_section(root: &Path, cwd: &Path) -> Result<Option<Layer>, ConfigError> {
    let doc = Document::read(&root.join("Cargo.toml"), cwd)?;
    let path = ["package", "metadata", "leapcheck"];
    match doc.section(&path)? {
        Some(table) => Ok(Some(doc.layer(table, root, &prefix(&path))?)),
        None => Ok(None),
    }
}

/// The workspace root the configuration is read from, found the way cargo finds it: from the
/// directory of `--manifest-path` (or the current directory), the nearest Cargo.toml, then the
/// nearest Cargo.toml at or above it with a `[workspace]` table (or the one its
/// `package.workspace` key names). Without any Cargo.toml: the current directory.
pub fn find_root(manifest_path: Option<&Path>, cwd: &Path) -> PathBuf {
    let start = match manifest_path.map(|m| cwd.join(m)) {
        Some(m) => m
            .parent()
            .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf),
        None => cwd.to_path_buf(),
    };
    let Some(package) = start.ancestors().find(|d| d.join("Cargo.toml").is_file()) else {
        return cwd.to_path_buf();
    };
    if let Some(text) = read_text(&package.join("Cargo.toml")) {
        if let Ok(doc) = DeTable::parse(&text) {
            let named = doc
                .get_ref()
                .get("package")
                .and_then(|p| p.get_ref().as_table())
                .and_then(|p| p.get("workspace"))
                .and_then(|w| w.get_ref().as_str());
            if let Some(dir) = named {
                return package.join(dir);
            }
        }
    }
    package
        .ancestors()
        .find(|d| {
            read_text(&d.join("Cargo.toml")).is_some_and(|text| {
                DeTable::parse(&text).is_ok_and(|doc| doc.get_ref().contains_key("workspace"))
            })
        })
        .unwrap_or(package)
        .to_path_buf()
}

fn read_text(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

// ---- reading one file --------------------------------------------------------------------------

/// One TOML file, parsed with spans.
struct Document {
    shown: String,
    text: &'static str,
    table: Spanned<DeTable<'static>>,
}

/// `workspace.metadata.leapcheck.`: what key names are prefixed with in messages about a
/// section of Cargo.toml (nothing for leapcheck.toml).
fn prefix(path: &[&str]) -> String {
    format!("{}.", path.join("."))
}

impl Document {
    fn read(path: &Path, cwd: &Path) -> Result<Document, ConfigError> {
        let shown = path.strip_prefix(cwd).unwrap_or(path).display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: shown.clone(),
            line: 0,
            column: 0,
            message: format!(
                "cannot read the configuration: {}",
                crate::discover::describe_io(&e)
            ),
            help: String::new(),
        })?;
        // The parsed table borrows the text; a configuration file lives as long as the run, so
        // leaking it is simpler than a self-referential struct and costs a few kilobytes once.
        let text: &'static str = Box::leak(text.into_boxed_str());
        let table = DeTable::parse(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
            ConfigError {
                file: shown.clone(),
                line,
                column,
                message: format!("invalid TOML: {}", first_line(e.message())),
                help: String::new(),
            }
        })?;
        Ok(Document { shown, text, table })
    }

    /// The table at a dotted path (`package.metadata.leapcheck`), if present. A value of the
    /// wrong type on the way is an error.
    fn section(&self, path: &[&str]) -> Result<Option<&DeTable<'static>>, ConfigError> {
        let mut table = self.table.get_ref();
        for (i, key) in path.iter().enumerate() {
            let Some(value) = table.get(*key) else {
                return Ok(None);
            };
            match value.get_ref() {
                DeValue::Table(t) => table = t,
                other => {
                    return Err(self.error(
                        value.span(),
                        format!(
                            "`{}` must be a table, found {}",
                            path[..=i].join("."),
                            type_name(other)
                        ),
                        String::new(),
                    ))
                }
            }
        }
        Ok(Some(table))
    }

    fn error(&self, span: std::ops::Range<usize>, message: String, help: String) -> ConfigError {
        let (line, column) = line_col(self.text, span.start);
        ConfigError {
            file: self.shown.clone(),
            line,
            column,
            message,
            help,
        }
    }

    /// Validates and converts one settings table.
    fn layer(
        &self,
        table: &DeTable<'static>,
        base: &Path,
        prefix: &str,
    ) -> Result<Layer, ConfigError> {
        let section = prefix.trim_end_matches('.');
        let mut layer = Layer {
            origin: if section.is_empty() {
                format!("`{}`", self.shown)
            } else {
                format!("`{}` [{section}]", self.shown)
            },
            base: base.to_path_buf(),
            exclude: None,
            check_tests: None,
            lints: Vec::new(),
        };
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "exclude" => layer.exclude = Some(self.exclude(value, base, prefix)?),
                "check-tests" => match value.get_ref() {
                    DeValue::Boolean(b) => layer.check_tests = Some(*b),
                    other => {
                        return Err(self.error(
                            value.span(),
                            format!(
                                "`{prefix}check-tests` must be true or false, found {}",
                                type_name(other)
                            ),
                            String::new(),
                        ))
                    }
                },
                "lints" => layer.lints = self.lints(value, prefix)?,
                unknown => {
                    return Err(self.error(
                        key.span(),
                        format!("unknown key `{prefix}{unknown}` in the leapcheck configuration"),
                        help_or_list(unknown, KEYS),
                    ))
                }
            }
        }
        Ok(layer)
    }

    fn exclude(
        &self,
        value: &Spanned<DeValue<'static>>,
        base: &Path,
        prefix: &str,
    ) -> Result<Gitignore, ConfigError> {
        let not_a_list = |found: &str| {
            self.error(
                value.span(),
                format!("`{prefix}exclude` must be a list of glob strings, found {found}"),
                "\n  help: write `exclude = [\"vendor/**\", \"generated/**\"]`".to_string(),
            )
        };
        let DeValue::Array(items) = value.get_ref() else {
            return Err(not_a_list(type_name(value.get_ref())));
        };
        let mut builder = GitignoreBuilder::new(base);
        for item in items.iter() {
            let DeValue::String(glob) = item.get_ref() else {
                return Err(self.error(
                    item.span(),
                    format!(
                        "`{prefix}exclude` must be a list of glob strings, found {} in it",
                        type_name(item.get_ref())
                    ),
                    String::new(),
                ));
            };
            if glob.trim().is_empty() {
                return Err(self.error(
                    item.span(),
                    format!("empty pattern in `{prefix}exclude`"),
                    String::new(),
                ));
            }
            builder.add_line(None, glob).map_err(|e| {
                self.error(
                    item.span(),
                    format!("invalid glob `{glob}` in `{prefix}exclude`: {e}"),
                    String::new(),
                )
            })?;
        }
        builder.build().map_err(|e| {
            self.error(
                value.span(),
                format!("invalid `{prefix}exclude`: {e}"),
                String::new(),
            )
        })
    }

    fn lints(
        &self,
        value: &Spanned<DeValue<'static>>,
        prefix: &str,
    ) -> Result<Vec<(Selector, Level)>, ConfigError> {
        let DeValue::Table(table) = value.get_ref() else {
            return Err(self.error(
                value.span(),
                format!(
                    "`{prefix}lints` must be a table of lint = \"level\", found {}",
                    type_name(value.get_ref())
                ),
                String::new(),
            ));
        };
        let mut entries: Vec<(u8, Selector, Level)> = Vec::new();
        for (key, level) in table.iter() {
            let name = key.get_ref().as_ref();
            let selector = Selector::parse(name).map_err(|_| {
                let norm = name
                    .strip_prefix("leapcheck::")
                    .unwrap_or(name)
                    .replace('-', "_");
                self.error(
                    key.span(),
                    format!("unknown lint or group `{name}` in `{prefix}lints`"),
                    did_you_mean(&norm, all_names().chain(["warnings"])),
                )
            })?;
            let level = match level.get_ref() {
                DeValue::String(s) => Level::parse(s).ok_or_else(|| {
                    self.error(
                        level.span(),
                        format!(
                            "invalid level \"{s}\" for `{name}`: expected \"allow\", \"warn\" or \"deny\""
                        ),
                        did_you_mean(s, ["allow", "warn", "deny"]),
                    )
                })?,
                other => {
                    return Err(self.error(
                        level.span(),
                        format!(
                            "the level of `{name}` must be a string (\"allow\", \"warn\" or \"deny\"), found {}",
                            type_name(other)
                        ),
                        String::new(),
                    ))
                }
            };
            // `all` first, then groups, then single lints (`warnings` last, like rustc's).
            let rank = match selector {
                Selector::All => 0,
                Selector::Group(_) => 1,
                Selector::Lint(_) => 2,
                Selector::Warnings => 3,
            };
            entries.push((rank, selector, level));
        }
        entries.sort_by_key(|(rank, _, _)| *rank);
        Ok(entries.into_iter().map(|(_, s, l)| (s, l)).collect())
    }
}

fn help_or_list<const N: usize>(name: &str, valid: [&str; N]) -> String {
    let help = did_you_mean(&name.replace('_', "-"), valid);
    if help.is_empty() {
        format!(
            "\n  help: valid keys are {}",
            valid.map(|k| format!("`{k}`")).join(", ")
        )
    } else {
        help
    }
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a datetime",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncé = 1", 0), (1, 1));
        assert_eq!(line_col("ab\ncé = 1", 3), (2, 1));
        assert_eq!(line_col("ab\ncé = 1", 6), (2, 3));
    }
}
