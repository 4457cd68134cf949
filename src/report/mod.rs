//! Reporters: how findings are printed. One implementation of [`Reporter`] per
//! `--message-format`; the json, sarif and github formats are further implementations.

mod human;
mod short;

use std::io::{self, Write};

use codespan_reporting::term::termcolor::WriteColor;
use leapcheck_lints::Level;

use crate::cli::MessageFormat;
use crate::driver::Finding;

/// The findings of one file, in position order.
pub struct FileReport<'a> {
    /// The path as shown to the user.
    pub path: &'a str,
    pub source: &'a str,
    pub findings: &'a [Finding],
}

/// Totals of a run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    /// Files the run looked at (including ones that failed to parse or to be read).
    pub files: usize,
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
        format!("{what} in {}", plural(self.files, "file"))
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

pub fn reporter(format: MessageFormat) -> Box<dyn Reporter> {
    match format {
        MessageFormat::Human => Box::new(human::Human::new()),
        MessageFormat::Short => Box::new(short::Short),
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

/// 1-based line and column (in characters) of a byte offset, the way rustc and codespan
/// count them. `offset` must be a char boundary within `source` (the driver ensures it).
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let col = before[line_start..].chars().count() + 1;
    (line, col)
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
            }
            .line()
        };
        assert_eq!(s(3, 2, 41), "3 errors, 2 warnings in 41 files");
        assert_eq!(s(1, 0, 1), "1 error in 1 file");
        assert_eq!(s(0, 1, 2), "1 warning in 2 files");
        assert_eq!(s(0, 0, 41), "no findings in 41 files");
        assert_eq!(s(0, 0, 0), "no findings in 0 files");
    }

    #[test]
    fn line_col_counts_chars() {
        let src = "ab\nçd€x\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 1));
        assert_eq!(line_col(src, src.find('x').unwrap()), (2, 4));
        assert_eq!(line_col(src, src.len()), (3, 1));
    }
}
