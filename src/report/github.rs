//! `--message-format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's diff:
//!
//! ```text
//! ::error file=src/lib.rs,line=3,col=5,endLine=3,endColumn=74,title=leapcheck::year_arithmetic_on_date::<message>
//! ```
//!
//! (with the `title`'s colons escaped, see [`escape_property`]). Paths are relative to the
//! repository root, which is where a workflow's checkout lives; positions are the same as in
//! every other format. The message carries the notes and the help on further lines.

use std::io::{self, Write};

use codespan_reporting::term::termcolor::WriteColor;
use leapcheck_lints::Level;

use super::{Context, FileReport, Reporter, Summary};

pub struct Github {
    ctx: Context,
}

impl Github {
    pub fn new(ctx: Context) -> Github {
        Github { ctx }
    }
}

/// Escapes a command's message (`%`, CR and LF), as `@actions/core` does.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: the message escapes plus `:` and `,`, which would otherwise end
/// the value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for Github {
    fn file(&mut self, out: &mut dyn WriteColor, file: &FileReport<'_>) -> io::Result<()> {
        let path = self
            .ctx
            .repo_relative(file.file)
            .unwrap_or_else(|| self.ctx.absolute(file.file).display().to_string());
        for f in file.located() {
            let r = f.region;
            let command = match f.level {
                Level::Deny => "error",
                _ => "warning",
            };
            let mut message = f.diag.message.clone();
            if !f.diag.label.is_empty() {
                message.push_str(": ");
                message.push_str(&f.diag.label);
            }
            for note in &f.diag.notes {
                message.push_str("\nnote: ");
                message.push_str(note);
            }
            if let Some(help) = &f.diag.help {
                message.push_str("\nhelp: ");
                message.push_str(&help.message);
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&path),
                r.start_line,
                r.start_col,
                r.end_line,
                r.end_col,
                escape_property(&f.diag.lint.code()),
                escape_data(&message)
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
        writeln!(err, "leapcheck: {}", summary.line())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_runner_rules() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(
            escape_property("leapcheck::x,y%"),
            "leapcheck%3A%3Ax%2Cy%25"
        );
    }
}
