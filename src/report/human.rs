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
//!   = help: <help>
//!     suggestion: `<replacement>`
//! ```

use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::termcolor::{NoColor, WriteColor};
use codespan_reporting::term::{self, Chars, Config};
use leapcheck_lints::{Applicability, Fix, Level};

use super::{FileReport, LineIndex, Reporter, Summary};
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

/// One file as codespan-reporting sees it: its lines and columns are the report's
/// [`LineIndex`], so the `-->` position is the one every other format prints.
struct Source<'a> {
    name: &'a str,
    lines: &'a LineIndex<'a>,
}

impl<'a> Files<'a> for Source<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.lines.source())
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.lines.line(byte_index) - 1)
    }

    fn column_number(
        &'a self,
        (): (),
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        if !self.lines.source().is_char_boundary(byte_index) {
            return Err(files::Error::InvalidCharBoundary { given: byte_index });
        }
        Ok(self.lines.line_col(byte_index).1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        self.lines
            .line_range(line_index + 1)
            .ok_or(files::Error::LineTooLarge {
                given: line_index,
                max: self.lines.line_count() - 1,
            })
    }
}

impl Reporter for Human {
    fn file(&mut self, out: &mut dyn WriteColor, file: &FileReport<'_>) -> io::Result<()> {
        let files = Source {
            name: file.path,
            lines: &file.lines,
        };
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

/// One finding rendered like the human format, without color: the json format's `rendered`.
pub fn render_plain(path: &str, lines: &LineIndex<'_>, finding: &Finding) -> String {
    let mut out = NoColor::new(Vec::new());
    let files = Source { name: path, lines };
    let config = Human::new().config;
    // Writing to a Vec cannot fail; a codespan error (a span outside the text) cannot happen
    // either since the driver clamps spans, and would only leave `rendered` short.
    let _ = term::emit(&mut out, &config, &files, &render(finding));
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}

fn render(finding: &Finding) -> Rendered<()> {
    let diag = &finding.diag;
    let severity = match finding.level {
        Level::Deny => Severity::Error,
        _ => Severity::Warning,
    };
    let mut notes: Vec<String> = diag.notes.iter().map(|n| format!("note: {n}")).collect();
    if let Some(help) = &diag.help {
        notes.push(match &help.fix {
            None => format!("help: {}", help.message),
            Some(fix) => format!("help: {}\n{}", help.message, suggestion(fix)),
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

/// The fix under the help line. The edit that does the work gets its own line: engine help
/// messages are sentences (often with a colon of their own), so rustc's inline
/// `help: msg: `code`` would blur where the message ends and the code begins. Other edits (the
/// `use` line a call needs) follow as "and insert".
fn suggestion(fix: &Fix) -> String {
    let how = match fix.applicability {
        Applicability::Safe => "suggestion (safe fix)",
        Applicability::Unsafe => "suggestion (unsafe fix)",
        Applicability::DisplayOnly => "suggestion (fill in the placeholders)",
    };
    let main = fix
        .edits
        .iter()
        .max_by_key(|e| (e.span.end - e.span.start, e.code.len()))
        .expect("a fix has at least one edit");
    let mut out = if main.code.contains('\n') {
        format!("{how}:\n{}", main.code)
    } else {
        format!("{how}: `{}`", main.code)
    };
    for edit in fix.edits.iter().filter(|e| !std::ptr::eq(*e, main)) {
        let code = edit.code.trim_end_matches(['\n', '\r']);
        if edit.span.start == edit.span.end {
            out.push_str(&format!("\nand insert: `{}`", code.trim_start()));
        } else {
            out.push_str(&format!("\nand write: `{code}`"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use leapcheck_lints::registry::YEAR_ARITHMETIC_ON_DATE;
    use leapcheck_lints::{Applicability, Diagnostic, Fix, Help, Span};

    fn render_to_string(source: &str, findings: &[Finding]) -> String {
        let mut out = NoColor::new(Vec::new());
        let mut human = Human::new();
        let report = FileReport::new(
            "src/lib.rs",
            std::path::Path::new("src/lib.rs"),
            source,
            findings,
        );
        human.file(&mut out, &report).unwrap();
        String::from_utf8(out.into_inner()).unwrap()
    }

    #[test]
    fn rustc_style_with_notes_and_inline_replacement() {
        let source = "fn renew(d: NaiveDate) -> Option<NaiveDate> {\n    \
                      NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day())\n}\n";
        let start = source.find("NaiveDate::from").unwrap();
        let end = source.find("d.day())").unwrap() + "d.day())".len();
        let finding = Finding {
            level: Level::Deny,
            suppressed: None,
            diag: Diagnostic {
                lint: &YEAR_ARITHMETIC_ON_DATE,
                certainty: leapcheck_lints::Certainty::Certain,
                message: "same day next year does not exist on Feb 29".to_string(),
                span: Span::new(start, end),
                label: "None on 2028-02-29".to_string(),
                notes: vec!["the next such day is 2028-02-29".to_string()],
                help: Some(Help {
                    message: "add 12 months".to_string(),
                    fix: Some(Fix::replace(
                        Span::new(start, end),
                        "d.checked_add_months(Months::new(12))".to_string(),
                        Applicability::Unsafe,
                    )),
                }),
            },
        };
        let expected = "\
error[leapcheck::year_arithmetic_on_date]: same day next year does not exist on Feb 29
  --> src/lib.rs:2:5
  |
2 |     NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day())
  |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ None on 2028-02-29
  |
  = note: the next such day is 2028-02-29
  = help: add 12 months
    suggestion (unsafe fix): `d.checked_add_months(Months::new(12))`

";
        assert_eq!(
            render_to_string(source, std::slice::from_ref(&finding)),
            expected
        );

        let mut with_import = finding.clone();
        with_import.diag.help.as_mut().unwrap().fix = Some(
            Fix::replace(
                Span::new(start, end),
                "d.checked_add_months(Months::new(12))",
                Applicability::Unsafe,
            )
            .with(Some(leapcheck_lints::Edit {
                span: Span::new(0, 0),
                code: "use chrono::Months;\n".to_string(),
            })),
        );
        let out = render_to_string(source, &[with_import]);
        assert!(
            out.contains(
                "suggestion (unsafe fix): `d.checked_add_months(Months::new(12))`\n    \
                 and insert: `use chrono::Months;`\n"
            ),
            "{out}"
        );

        let mut warning = finding;
        warning.level = Level::Warn;
        warning.diag.help = Some(Help {
            message: "write instead".to_string(),
            fix: Some(Fix::replace(
                Span::new(start, end),
                "match x {\n    _ => y,\n}".to_string(),
                Applicability::DisplayOnly,
            )),
        });
        let out = render_to_string(source, &[warning]);
        assert!(
            out.starts_with("warning[leapcheck::year_arithmetic_on_date]"),
            "{out}"
        );
        assert!(
            out.contains(
                "= help: write instead\n    suggestion (fill in the placeholders):\n    match x {\n        _ => y,\n    }\n"
            ),
            "{out}"
        );
    }
}
