//! `--new-since REV`: only findings on lines added or changed since a git revision, so that a
//! pull request sees what it introduces and not what the code base already had.
//!
//! The lines come from `git diff -U0 REV` (the working tree against `REV`: committed, staged
//! and unstaged changes alike) and from `git ls-files --others --exclude-standard` (files git
//! does not track yet are new in full). A finding is kept when any line of its span is new.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The new lines of each changed file (1-based, inclusive ranges), by canonical path.
#[derive(Debug, Default)]
pub struct ChangedLines {
    ranges: HashMap<PathBuf, Vec<(usize, usize)>>,
    untracked: HashSet<PathBuf>,
}

impl ChangedLines {
    /// The lines changed since `rev` in the git repository around `dir`.
    pub fn since(rev: &str, dir: &Path) -> Result<ChangedLines, String> {
        let root = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|_| {
            format!(
                "--new-since needs a git repository, and `{}` is not inside one",
                dir.display()
            )
        })?;
        let root = PathBuf::from(root.trim_end_matches(['\n', '\r']));
        let commit = format!("{rev}^{{commit}}");
        git(&root, &["rev-parse", "--verify", "--quiet", &commit]).map_err(|_| {
            format!(
                "--new-since: `{rev}` is no commit of the repository at `{}`",
                root.display()
            )
        })?;
        let diff = git(
            &root,
            &[
                "-c",
                "core.quotePath=false",
                "diff",
                "-U0",
                "--no-color",
                "--no-ext-diff",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                rev,
                "--",
            ],
        )?;
        let mut changed = ChangedLines::default();
        for (file, ranges) in parse_diff(&diff) {
            changed.ranges.insert(canonical(&root.join(file)), ranges);
        }
        let untracked = git(&root, &["ls-files", "--others", "--exclude-standard", "-z"])?;
        changed.untracked = untracked
            .split('\0')
            .filter(|f| !f.is_empty())
            .map(|f| canonical(&root.join(f)))
            .collect();
        Ok(changed)
    }

    /// The new lines of the file at `path` (resolved once per file, not per finding).
    pub fn of_file(&self, path: &Path) -> NewLines<'_> {
        let path = canonical(path);
        if self.untracked.contains(&path) {
            return NewLines::All;
        }
        match self.ranges.get(&path) {
            Some(ranges) => NewLines::Ranges(ranges),
            None => NewLines::Ranges(&[]),
        }
    }
}

/// The new lines of one file.
pub enum NewLines<'a> {
    /// A file git does not track: new in full.
    All,
    /// 1-based inclusive ranges.
    Ranges(&'a [(usize, usize)]),
}

impl NewLines<'_> {
    /// Whether a line of `lines` (1-based, inclusive) is new.
    pub fn touches(&self, lines: (usize, usize)) -> bool {
        match self {
            NewLines::All => true,
            NewLines::Ranges(ranges) => ranges
                .iter()
                .any(|&(from, to)| from <= lines.1 && lines.0 <= to),
        }
    }
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Runs git in `dir`; its stdout, or why it failed.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("--new-since: cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "--new-since: `git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The new line ranges of each file of a `git diff -U0` (paths relative to the repository).
/// A hunk `@@ -a,b +c,d @@` adds lines `c..c+d` (`d` = 0: only removals, nothing new; no `,d`:
/// one line).
fn parse_diff(diff: &str) -> Vec<(String, Vec<(usize, usize)>)> {
    let mut out: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
    for line in diff.lines() {
        if let Some(path) = line.strip_prefix("+++ ") {
            let path = path.trim_matches('"');
            match path.strip_prefix("b/") {
                Some(p) => out.push((p.to_string(), Vec::new())),
                // `+++ /dev/null`: the file was deleted.
                None => out.push((String::new(), Vec::new())),
            }
        } else if let Some(hunk) = line.strip_prefix("@@ ") {
            let Some(new) = hunk.split_whitespace().find_map(|w| w.strip_prefix('+')) else {
                continue;
            };
            let mut parts = new.splitn(2, ',');
            let start: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            let count: usize = parts
                .next()
                .map_or(Some(1), |c| c.parse().ok())
                .unwrap_or(0);
            if let (Some((_, ranges)), true) = (out.last_mut(), count > 0) {
                ranges.push((start, start + count - 1));
            }
        }
    }
    out.retain(|(path, _)| !path.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_the_new_lines() {
        let diff = "\
diff --git a/src/lib.rs b/src/lib.rs
--- a/src/lib.rs
+++ b/src/lib.rs
@@ -3,0 +4,2 @@ fn f() {
+    let a = 1;
+    let b = 2;
@@ -10 +12 @@
-x
+y
@@ -20,3 +21,0 @@
-gone
diff --git a/old.rs b/old.rs
--- a/old.rs
+++ /dev/null
@@ -1,2 +0,0 @@
";
        assert_eq!(
            parse_diff(diff),
            [("src/lib.rs".to_string(), vec![(4, 5), (12, 12)])]
        );
    }

    #[test]
    fn a_finding_is_new_when_one_of_its_lines_is() {
        let mut c = ChangedLines::default();
        c.ranges.insert(PathBuf::from("/x/a.rs"), vec![(4, 5)]);
        c.untracked.insert(PathBuf::from("/x/new.rs"));
        let a = c.of_file(Path::new("/x/a.rs"));
        assert!(a.touches((5, 7)));
        assert!(a.touches((2, 4)));
        assert!(!a.touches((6, 9)));
        assert!(!c.of_file(Path::new("/x/b.rs")).touches((4, 4)));
        assert!(c.of_file(Path::new("/x/new.rs")).touches((1, 1)));
    }
}
