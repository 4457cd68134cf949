//! `--write-baseline FILE` / `--baseline FILE`: record today's findings, then report only the
//! ones not recorded (a code base adopts the checker without fixing its past first).
//!
//! An entry is the lint, the file as reported, and the text of the finding's lines with runs of
//! white space collapsed: not a line number, so an entry survives edits elsewhere in the file
//! (lines added above it, a reformatted neighbour). Entries count: two identical findings in a
//! file need two entries. A baseline entry that no longer matches anything is a finding fixed
//! since; the run says how many, so that the file can be written again.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::driver::{FileResult, Outcome};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Entry {
    lint: String,
    file: String,
    text: String,
}

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    /// The format of this file.
    version: u32,
    findings: Vec<Entry>,
}

const VERSION: u32 = 1;

/// The unsuppressed findings of `results` as entries.
fn entries(results: &[FileResult]) -> Vec<(usize, usize, Entry)> {
    let mut out = Vec::new();
    for (r, result) in results.iter().enumerate() {
        let Some((source, findings)) = result.findings_with_source() else {
            continue;
        };
        let index = crate::report::LineIndex::new(source);
        for (i, f) in findings.iter().enumerate() {
            if f.suppressed.is_some() {
                continue;
            }
            let (first, last) = (index.line(f.diag.span.start), index.line(f.diag.span.end));
            let text = (first..=last)
                .flat_map(|n| index.line_text(n).split_whitespace())
                .collect::<Vec<_>>()
                .join(" ");
            out.push((
                r,
                i,
                Entry {
                    lint: f.diag.lint.name.to_string(),
                    file: result.job.display.replace('\\', "/"),
                    text,
                },
            ));
        }
    }
    out
}

/// Writes the current findings to `path`; how many.
pub fn write(results: &[FileResult], path: &Path) -> Result<usize, String> {
    let mut findings: Vec<Entry> = entries(results).into_iter().map(|(_, _, e)| e).collect();
    findings.sort();
    let n = findings.len();
    let text = serde_json::to_string_pretty(&BaselineFile {
        version: VERSION,
        findings,
    })
    .map_err(|e| e.to_string())?;
    crate::report::write_atomically(path, format!("{text}\n").as_bytes())
        .map_err(|e| format!("cannot write the baseline `{}`: {e}", path.display()))?;
    Ok(n)
}

/// Reads a baseline written by [`write`].
pub fn read(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the baseline `{}`: {e}", path.display()))?;
    let file: BaselineFile = serde_json::from_str(&text)
        .map_err(|e| format!("`{}` is not a leapcheck baseline: {e}", path.display()))?;
    if file.version != VERSION {
        return Err(format!(
            "`{}` is a baseline of format {}, this leapcheck reads format {VERSION}",
            path.display(),
            file.version
        ));
    }
    let mut counts = BTreeMap::new();
    for e in file.findings {
        *counts.entry(e).or_insert(0usize) += 1;
    }
    Ok(Baseline { counts })
}

pub struct Baseline {
    counts: BTreeMap<Entry, usize>,
}

impl Baseline {
    /// Drops the findings the baseline records; returns how many of its entries matched
    /// nothing (findings fixed since it was written).
    pub fn filter(mut self, results: &mut [FileResult]) -> usize {
        let mut known: std::collections::HashSet<(usize, usize)> = Default::default();
        for (r, i, e) in entries(results) {
            if let Some(n) = self.counts.get_mut(&e).filter(|n| **n > 0) {
                *n -= 1;
                known.insert((r, i));
            }
        }
        for (r, result) in results.iter_mut().enumerate() {
            if let Outcome::Checked { findings, .. } = &mut result.outcome {
                let mut i = 0;
                findings.retain(|_| {
                    let keep = !known.contains(&(r, i));
                    i += 1;
                    keep
                });
            }
        }
        self.counts.values().sum()
    }
}
