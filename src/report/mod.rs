//! Reporters: how findings are printed. One implementation of [`Reporter`] per
//! `--message-format`: human and short for people, json (cargo's message stream, for
//! rust-analyzer and clippy-reading tools), sarif (code scanning) and github (workflow
//! commands) for machines.
//!
//! Positions: every format reports the same 1-based line and the same 1-based column counted
//! in characters (Unicode code points, as rustc and SARIF's `unicodeCodePoints` do), with an
//! exclusive end column. A `\r` before a `\n` belongs to the line it ends and never shifts a
//! column, so CRLF files report the same positions as LF files. They all come from one
//! [`LineIndex`] per file ([`FileReport::lines`]); every format but human walks the findings
//! through [`FileReport::located`], which resolves them.

mod github;
mod human;
mod json;
mod lines;
mod sarif;
mod short;
mod statistics;

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use codespan_reporting::term::termcolor::WriteColor;
use leapcheck_lints::{Diagnostic, Edit, Help, Level};

pub use self::lines::{LineIndex, Region};
pub use self::sarif::help_uri;
use crate::cli::MessageFormat;
use crate::driver::Finding;

/// The findings of one file, in position order.
pub struct FileReport<'a> {
    /// The path as shown to the user.
    pub path: &'a str,
    /// The path the file was read from (or, with `--stdin-filename`, the name it is reported
    /// under): relative to the current directory or absolute.
    pub file: &'a Path,
    /// The file's text and its line index, which every position in every format comes from.
    pub lines: LineIndex<'a>,
    pub findings: &'a [Finding],
}

impl<'a> FileReport<'a> {
    pub fn new(
        path: &'a str,
        file: &'a Path,
        source: &'a str,
        findings: &'a [Finding],
    ) -> FileReport<'a> {
        FileReport {
            path,
            file,
            lines: LineIndex::new(source),
            findings,
        }
    }

    pub fn source(&self) -> &'a str {
        self.lines.source()
    }

    /// The findings with their positions: the loop of every reporter but the human one
    /// (codespan-reporting places the human output's spans, through the same [`LineIndex`]).
    pub fn located(&self) -> impl Iterator<Item = Located<'_>> {
        self.findings.iter().map(|finding| {
            let diag = &finding.diag;
            Located {
                finding,
                diag,
                level: finding.level,
                path: self.path,
                region: self.lines.region(diag.span),
                fix: diag.help.as_ref().and_then(|help| {
                    help.fix.as_ref().map(|fix| Fix {
                        help,
                        fix,
                        edits: fix
                            .edits
                            .iter()
                            .map(|edit| (edit, self.lines.region(edit.span)))
                            .collect(),
                    })
                }),
            }
        })
    }
}

/// One finding as the reporters print it.
pub struct Located<'a> {
    pub finding: &'a Finding,
    /// `finding.diag`.
    pub diag: &'a Diagnostic,
    /// `finding.level`.
    pub level: Level,
    /// The path as shown to the user ([`FileReport::path`]); the machine formats print paths
    /// relative to a root of their own, derived once per file from [`FileReport::file`].
    pub path: &'a str,
    /// Where the finding's span is.
    pub region: Region,
    /// The help's fix, when it has one.
    pub fix: Option<Fix<'a>>,
}

/// A help's fix with the region of each edit.
pub struct Fix<'a> {
    pub help: &'a Help,
    pub fix: &'a leapcheck_lints::Fix,
    pub edits: Vec<(&'a Edit, Region)>,
}

/// What the machine formats need to know beyond the findings: where paths are relative to and
/// which cargo package owns a file.
pub struct Context {
    /// The current directory, which relative [`FileReport::file`] paths start from.
    pub cwd: PathBuf,
    /// json: the cargo workspace (`cargo metadata --no-deps`), when there is one.
    pub metadata: Option<cargo_metadata::Metadata>,
    /// sarif and github: the root that URIs and annotation paths are relative to — the git
    /// top level when there is one, else the scanned root (the workspace root or the current
    /// directory).
    pub repo_root: PathBuf,
    /// The report goes to a file (`-o`): formats that print no summary to stdout print it to
    /// stderr instead.
    pub to_file: bool,
}

impl Context {
    /// `metadata` is the workspace discovery already read, if any. For json without it,
    /// `cargo metadata` is asked here (quietly: a project without a usable manifest is
    /// reported with synthesized package data).
    pub fn new(
        format: MessageFormat,
        cwd: PathBuf,
        metadata: Option<cargo_metadata::Metadata>,
        manifest_path: Option<&Path>,
        to_file: bool,
    ) -> Context {
        let metadata = match metadata {
            Some(m) => Some(m),
            None if format == MessageFormat::Json => read_metadata(&cwd, manifest_path),
            None => None,
        };
        let scanned_root = metadata
            .as_ref()
            .map(|m| m.workspace_root.as_std_path().to_path_buf())
            .unwrap_or_else(|| cwd.clone());
        let repo_root = git_top_level(&scanned_root).unwrap_or(scanned_root);
        Context {
            cwd,
            metadata,
            repo_root,
            to_file,
        }
    }

    /// The absolute path of a reported file.
    pub fn absolute(&self, file: &Path) -> PathBuf {
        normalize(&self.cwd.join(file))
    }

    /// `file` relative to the repository root with `/` separators, or `None` when it lies
    /// outside.
    pub fn repo_relative(&self, file: &Path) -> Option<String> {
        relative_to(&self.absolute(file), &self.repo_root)
    }
}

fn read_metadata(cwd: &Path, manifest_path: Option<&Path>) -> Option<cargo_metadata::Metadata> {
    if manifest_path.is_none() && !cwd.ancestors().any(|a| a.join("Cargo.toml").is_file()) {
        return None;
    }
    let mut cmd = cargo_metadata::MetadataCommand::new();
    cmd.no_deps().current_dir(cwd);
    if let Some(m) = manifest_path {
        cmd.manifest_path(m);
    }
    cmd.exec().ok()
}

/// The nearest directory at or above `dir` holding `.git` (a directory, or a file in a
/// worktree or submodule).
fn git_top_level(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|a| a.join(".git").exists())
        .map(Path::to_path_buf)
}

/// Removes `.` and resolves `..` lexically (the paths come from a walk, not from user
/// symlink tricks; a `..` past the root is kept).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `root` with `/` separators, also when one of them is spelled through a
/// symlink (`/tmp` vs `/private/tmp`).
pub fn relative_to(path: &Path, root: &Path) -> Option<String> {
    let join = |rel: &Path| {
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    };
    if let Ok(rel) = path.strip_prefix(root) {
        return Some(join(rel));
    }
    let root = std::fs::canonicalize(root).ok()?;
    let path = match std::fs::canonicalize(path) {
        Ok(p) => p,
        // A `--stdin-filename` path need not exist: canonicalize its directory.
        Err(_) => std::fs::canonicalize(path.parent()?)
            .ok()?
            .join(path.file_name()?),
    };
    path.strip_prefix(&root).ok().map(join)
}

/// Totals of a run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    /// Files the run looked at (including ones that failed to parse or to be read).
    pub files: usize,
    /// Files that could not be checked at all (unreadable, engine panic).
    pub failed: usize,
    /// Files that do not parse and that no crate compiles: not checked, not a finding.
    pub not_compiled: usize,
}

impl Summary {
    pub fn add(&mut self, level: Level) {
        match level {
            Level::Deny => self.errors += 1,
            Level::Warn => self.warnings += 1,
            Level::Allow => {}
        }
    }

    /// `3 errors, 2 warnings in 41 files`, `1 warning in 1 file`, `no findings in 41 files`.
    pub fn line(&self) -> String {
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(plural(self.errors, "error"));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning"));
        }
        let what = if parts.is_empty() {
            "no findings".to_string()
        } else {
            parts.join(", ")
        };
        let mut line = format!("{what} in {}", plural(self.files, "file"));
        if self.not_compiled > 0 {
            line.push_str(&format!(
                " ({} that did not parse {} not checked, as the notes say)",
                plural(self.not_compiled, "file"),
                if self.not_compiled == 1 {
                    "was"
                } else {
                    "were"
                }
            ));
        }
        line
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub trait Reporter {
    /// Called once per file with findings, in the run's (sorted) file order.
    fn file(&mut self, out: &mut dyn WriteColor, file: &FileReport<'_>) -> io::Result<()>;

    /// Called once at the end. `err` is stderr: the human summary goes there so that it does
    /// not mix with a machine-read report.
    fn finish(
        &mut self,
        out: &mut dyn WriteColor,
        err: &mut dyn Write,
        summary: &Summary,
    ) -> io::Result<()>;
}

/// `--statistics`: counts per lint instead of the findings.
pub fn statistics(format: MessageFormat) -> Box<dyn Reporter> {
    Box::new(statistics::Statistics::new(matches!(
        format,
        MessageFormat::Json | MessageFormat::Sarif
    )))
}

pub fn reporter(format: MessageFormat, ctx: Context) -> Box<dyn Reporter> {
    match format {
        MessageFormat::Human => Box::new(human::Human::new()),
        MessageFormat::Short => Box::new(short::Short {
            summary_to_stderr: ctx.to_file,
        }),
        MessageFormat::Json => Box::new(json::Json::new(ctx)),
        MessageFormat::Sarif => Box::new(sarif::Sarif::new(ctx)),
        MessageFormat::Github => Box::new(github::Github::new(ctx)),
    }
}

/// The word rustc uses for a level.
pub fn level_word(level: Level) -> &'static str {
    match level {
        Level::Deny => "error",
        Level::Warn => "warning",
        Level::Allow => "allow",
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, renamed over
/// `path` once complete, so a reader never sees half a report and a failed run leaves the
/// previous report in place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".leapcheck-report").suffix(".tmp");
    // A file that exists keeps its permissions (a source file edited by --fix or
    // --add-allow); a new one gets those of any new file, under the umask (tempfile's default
    // would be 0600).
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => {
            builder.permissions(meta.permissions());
        }
        #[cfg(unix)]
        _ => {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        #[cfg(not(unix))]
        _ => {}
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_wording() {
        let s = |errors, warnings, files| {
            Summary {
                errors,
                warnings,
                files,
                failed: 0,
                not_compiled: 0,
            }
            .line()
        };
        assert_eq!(s(3, 2, 41), "3 errors, 2 warnings in 41 files");
        assert_eq!(s(1, 0, 1), "1 error in 1 file");
        assert_eq!(s(0, 1, 2), "1 warning in 2 files");
        assert_eq!(s(0, 0, 41), "no findings in 41 files");
        assert_eq!(s(0, 0, 0), "no findings in 0 files");
        let skipped = Summary {
            files: 3,
            not_compiled: 1,
            ..Summary::default()
        };
        assert_eq!(
            skipped.line(),
            "no findings in 3 files (1 file that did not parse was not checked, as the notes say)"
        );
    }

    #[test]
    fn relative_paths_use_slashes() {
        assert_eq!(
            relative_to(Path::new("/r/a/b.rs"), Path::new("/r")).as_deref(),
            Some("a/b.rs")
        );
        assert_eq!(normalize(Path::new("/r/./a/../b.rs")), Path::new("/r/b.rs"));
    }
}
