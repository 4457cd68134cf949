//! `--statistics`: how many findings of each lint, instead of the findings (ruff's
//! `--statistics`), most frequent first: `  12  error    year_arithmetic_on_date`. With
//! `--message-format json` (or sarif), a JSON array of `{"lint", "level", "count"}`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use codespan_reporting::term::termcolor::WriteColor;

use super::{level_word, FileReport, Reporter, Summary};

pub struct Statistics {
    pub json: bool,
    /// (lint, level word) → count.
    counts: BTreeMap<(&'static str, &'static str), usize>,
}

impl Statistics {
    pub fn new(json: bool) -> Statistics {
        Statistics {
            json,
            counts: BTreeMap::new(),
        }
    }
}

impl Reporter for Statistics {
    fn file(&mut self, _out: &mut dyn WriteColor, file: &FileReport<'_>) -> io::Result<()> {
        for f in file.findings.iter().filter(|f| f.suppressed.is_none()) {
            *self
                .counts
                .entry((f.diag.lint.name, level_word(f.level)))
                .or_default() += 1;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn WriteColor,
        err: &mut dyn Write,
        summary: &Summary,
    ) -> io::Result<()> {
        let mut rows: Vec<_> = self.counts.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        if self.json {
            let rows: Vec<serde_json::Value> = rows
                .iter()
                .map(|((lint, level), count)| {
                    serde_json::json!({ "lint": lint, "level": level, "count": count })
                })
                .collect();
            writeln!(out, "{}", serde_json::Value::Array(rows))?;
        } else {
            for ((lint, level), count) in rows {
                writeln!(out, "{count:>5}  {level:<7}  {lint}")?;
            }
        }
        out.flush()?;
        writeln!(err, "leapcheck: {}", summary.line())
    }
}
