//! `--message-format short`: `path:line:col: level[lint]: message`, one line per finding,
//! for editors' and pre-commit's "file:line:col" parsers. No summary on stdout: the output is
//! the list (with `-o FILE` the summary goes to stderr, like the human format's).

use std::io::{self, Write};

use codespan_reporting::term::termcolor::WriteColor;

use super::{level_word, FileReport, Reporter, Summary};

pub struct Short {
    pub summary_to_stderr: bool,
}

impl Reporter for Short {
    fn file(&mut self, out: &mut dyn WriteColor, file: &FileReport<'_>) -> io::Result<()> {
        for f in file.located() {
            // One line per finding even if an engine message had a line break in it.
            let message = f.diag.message.replace('\n', " ");
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {message}",
                f.path,
                f.region.start_line,
                f.region.start_col,
                level_word(f.level),
                f.diag.lint.name
            )?;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn WriteColor,
        err: &mut dyn Write,
        summary: &Summary,
    ) -> io::Result<()> {
        out.flush()?;
        if self.summary_to_stderr {
            writeln!(err, "leapcheck: {}", summary.line())?;
        }
        Ok(())
    }
}
