//! The default format: rustc-style diagnostics rendered by codespan-reporting.
//!
//! ```text
//! error[leapcheck::year_arithmetic_on_date]: <message>
//!  --> src/lib.rs:3:5
//!   |
//! 3 |     NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day())
//!   |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ <label>
//!   |
//!   = note: <note>
//!   = help: <help>: `<replacement>`
//! ```

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::WriteColor;
use codespan_reporting::term::{self, Chars, Config};
use leapcheck_lints::Level;

use super::{FileReport, Reporter, Summary};
use crate::driver::Finding;

pub struct Human {
    config: Config,
}

impl Human {
    pub fn new() -> Human {
        Human {
            config: Config {
                // rustc's ASCII frame (`-->`, `|`, `=`) rather than codespan's box drawing.
                chars: Chars::ascii(),
                ..Config::default()
            },
        }
    }
}

impl Reporter for Human {
    fn file(&mut self, out: &mut dyn WriteColor, file: &FileReport<'_>) -> io::Result<()> {
        let files = SimpleFile::new(file.path, file.source);
        for finding in file.findings {
            let rendered = render(finding);
            term::emit(out, &self.config, &files, &rendered).map_err(|e| match e {
                codespan_reporting::files::Error::Io(e) => e,
                other => io::Error::other(other.to_string()),
            })?;
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

fn render(finding: &Finding) -> Rendered<()> {
    let diag = &finding.diag;
    let severity = match finding.level {
        Level::Deny => Severity::Error,
        _ => Severity::Warning,
    };
    let mut notes: Vec<String> = diag.notes.iter().map(|n| format!("note: {n}")).collect();
    if let Some(help) = &diag.help {
        notes.push(match &help.replacement {
            None => format!("help: {}", help.message),
            // A one-line replacement reads best inline, as rustc's short suggestions do;
            // a longer one goes on its own lines below the message.
            Some(r) if !r.code.contains('\n') => format!("help: {}: `{}`", help.message, r.code),
            Some(r) => format!("help: {}:\n{}", help.message, r.code),
        });
    }
    Rendered::new(severity)
        .with_code(diag.lint.code())
        .with_message(&diag.message)
        .with_labels(vec![
            Label::primary((), diag.span.start..diag.span.end).with_message(&diag.label)
        ])
        .with_notes(notes)
}
