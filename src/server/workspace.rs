//! The settings a buffer is checked with: the same as the command line's for that file.
//!
//! Each file finds its own workspace root the way cargo does (`config::find_root` from the
//! file's directory), so one server serves several workspaces, and a file outside any gets
//! the defaults (and a `leapcheck.toml` in its own directory, as the command line would read
//! from there). Per root: `[workspace.metadata.leapcheck]` and `leapcheck.toml`; per member
//! package: `[package.metadata.leapcheck]`; `exclude` at every level (an excluded file gets no
//! diagnostics, as `cargo leapcheck` never checks it); `check-tests` and the test-file layout.
//!
//! Everything is read once and remembered until [`Workspaces::reload`] (the server calls it
//! when a `leapcheck.toml` or `Cargo.toml` changes). A configuration that does not load is
//! said to the user, and the last one that loaded stays in effect: saving a half-edited
//! `leapcheck.toml` must not turn every lint back to its default in the open files.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use leapcheck_lints::Options;

use crate::config::{self, Config, Owner, Packages, Profile};
use crate::discover::FileJob;
use crate::driver::Settings;
use crate::levels::Levels;

#[derive(Default)]
pub struct Workspaces {
    /// Directory of a checked file → its workspace root (canonical).
    roots: HashMap<PathBuf, PathBuf>,
    loaded: HashMap<PathBuf, Workspace>,
    /// The configuration of each root that last loaded without error, kept across reloads.
    last_good: HashMap<PathBuf, Config>,
    /// Problems to show the user, each once until the next reload; drained by the server.
    problems: Vec<String>,
    said: HashSet<String>,
}

struct Workspace {
    config: Config,
    levels: Levels,
    packages: Packages,
    /// File (as the editor names it) → its profile, `None` when it is not checked.
    files: HashMap<PathBuf, Option<Profile>>,
}

impl Workspaces {
    /// Forgets every configuration read: the next check reads them again.
    pub fn reload(&mut self) {
        self.roots.clear();
        self.loaded.clear();
        self.said.clear();
    }

    /// Problems found since the last call, to be shown to the user.
    pub fn take_problems(&mut self) -> Vec<String> {
        std::mem::take(&mut self.problems)
    }

    fn problem(&mut self, msg: String) {
        if self.said.insert(msg.clone()) {
            self.problems.push(msg);
        }
    }

    /// How to check the file at `path` (absolute; `None` for a buffer that is no file yet):
    /// its job and settings, or `None` when the command line would not check it (excluded, or
    /// its package's settings are broken).
    pub fn settings(&mut self, path: Option<&Path>) -> Option<(FileJob, Settings)> {
        let today = crate::today::today().unwrap_or_else(|msg| {
            self.problem(msg);
            Options::default().today
        });
        let Some(path) = path else {
            let job = FileJob {
                path: PathBuf::from("untitled.rs"),
                display: "untitled.rs".to_string(),
                test_file: false,
                named: true,
                walked: false,
            };
            return Some((job, settings(Levels::default(), false, today)));
        };
        let profile = self.profile(path)?;
        let job = match crate::discover::stdin_job(path) {
            Ok(job) => job,
            Err(e) => {
                self.problem(format!("{e:#}"));
                return None;
            }
        };
        Some((job, settings(profile.levels, profile.check_tests, today)))
    }

    fn profile(&mut self, path: &Path) -> Option<Profile> {
        let dir = path.parent().unwrap_or(path);
        let root = self
            .roots
            .entry(dir.to_path_buf())
            .or_insert_with(|| {
                let root = config::find_root(None, dir);
                std::fs::canonicalize(&root).unwrap_or(root)
            })
            .clone();
        if !self.loaded.contains_key(&root) {
            let workspace = self.load(&root);
            self.loaded.insert(root.clone(), workspace);
        }
        let workspace = self.loaded.get_mut(&root)?;
        if let Some(profile) = workspace.files.get(path) {
            return profile.clone();
        }
        let profile = workspace.profile(path);
        workspace.files.insert(path.to_path_buf(), profile.clone());
        let errors = std::mem::take(&mut workspace.packages.errors);
        for e in errors {
            self.problem(e);
        }
        profile
    }

    fn load(&mut self, root: &Path) -> Workspace {
        let cwd = std::env::current_dir().unwrap_or_else(|_| root.to_path_buf());
        let config = match Config::load(root, &cwd) {
            Ok(config) => {
                self.last_good.insert(root.to_path_buf(), config.clone());
                config
            }
            Err(e) => {
                let previous = self.last_good.get(root).cloned();
                self.problem(format!(
                    "{e}\n  note: {}",
                    if previous.is_some() {
                        "the settings read before stay in effect until it is fixed"
                    } else {
                        "files are checked with the default settings until it is fixed"
                    }
                ));
                previous.unwrap_or_else(|| {
                    let mut defaults = Config::default();
                    defaults.root = root.to_path_buf();
                    defaults
                })
            }
        };
        // No flags: the configuration's levels cannot be wrong once it loaded.
        let levels = config.levels(&[]).unwrap_or_default();
        Workspace {
            packages: Packages::new(root, None),
            config,
            levels,
            files: HashMap::new(),
        }
    }
}

impl Workspace {
    fn profile(&mut self, path: &Path) -> Option<Profile> {
        // Exclusion patterns are matched against canonical paths, like the walk's.
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if self.config.excluder().is_excluded(&abs, false) {
            return None;
        }
        let cwd = std::env::current_dir().unwrap_or_else(|_| self.config.root.clone());
        match self.packages.for_file(&abs, &cwd) {
            Owner::Workspace => Some(Profile {
                levels: self.levels.clone(),
                check_tests: self.config.check_tests(),
            }),
            Owner::Package(_, layer) => {
                if layer.excludes(&abs, false) {
                    return None;
                }
                self.config.profile(Some(layer), &[], false).ok()
            }
            Owner::Unchecked => None,
        }
    }
}

fn settings(levels: Levels, check_tests: bool, today: leapcheck_lints::CivilDate) -> Settings {
    Settings {
        options: Options {
            check_tests,
            today,
            ..Options::default()
        },
        levels,
        packages: config::PackageProfiles::default(),
        jobs: None,
        fix: None,
    }
}
