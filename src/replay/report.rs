//! Reporting: progress on stderr while runs are pending, then the human table or the JSON
//! lines documented in docs/replay.md (baseline first, then the instants in order, then a
//! summary line).

use std::io::Write;

use serde::{Serialize, Serializer};

use super::run::{Outcome, RunResult};

#[derive(Debug, Default, Serialize)]
pub struct CertInfo {
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    pub validity_days: Option<i64>,
    pub verify_before_expiry: Option<&'static str>,
    pub verify_after_expiry: Option<&'static str>,
}

fn outcome_str<S: Serializer>(o: &Outcome, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(o.as_str())
}

/// One line of `--message-format json`, in the field order of docs/replay.md.
#[derive(Debug, Serialize)]
pub struct Record {
    pub instant: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    #[serde(serialize_with = "outcome_str")]
    pub outcome: Outcome,
    pub exit_code: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub duration_ms: u64,
    /// Wall-clock reads the faked clock answered (null on the real clock).
    pub clock_reads: Option<u64>,
    /// Processes the run left running when it ended, killed by replay.
    pub killed: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cert: Option<CertInfo>,
}

impl Record {
    pub fn from_run(instant: String, why: Option<String>, r: &RunResult) -> Record {
        Record {
            instant,
            why,
            outcome: r.outcome,
            exit_code: r.exit_code,
            reason: r.reason.clone(),
            duration_ms: r.duration_ms,
            clock_reads: r.clock_reads,
            killed: r.killed,
            cert: None,
        }
    }

    pub fn fail(&mut self, reason: String) {
        self.outcome = Outcome::Fail;
        self.reason = Some(reason);
    }

    fn outcome_text(&self) -> String {
        match (self.outcome, self.exit_code) {
            (Outcome::Fail, Some(c)) => format!("fail({c})"),
            (o, _) => o.as_str().to_string(),
        }
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    instants: usize,
    failed: usize,
    baseline: &'a str,
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    summary: Summary<'a>,
}

pub struct Reporter {
    json: bool,
    cert: bool,
    total: usize,
    done: usize,
    baseline: Option<Record>,
    results: Vec<Option<Record>>,
    /// JSON lines are streamed in instant order: this many instants are printed already.
    printed: usize,
}

impl Reporter {
    pub fn new(json: bool, cert: bool, total: usize) -> Reporter {
        Reporter {
            json,
            cert,
            total,
            done: 0,
            baseline: None,
            results: (0..total).map(|_| None).collect(),
            printed: 0,
        }
    }

    fn print_json(rec: &impl Serialize) {
        if let Ok(line) = serde_json::to_string(rec) {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
    }

    pub fn baseline(&mut self, rec: Record) {
        eprintln!(
            "replay: baseline {}{} ({} ms)",
            rec.outcome_text(),
            rec.reason
                .as_deref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default(),
            rec.duration_ms
        );
        if rec.outcome != Outcome::Pass && rec.outcome != Outcome::Error {
            eprintln!(
                "replay: the baseline on the real clock fails too: failures below are not \
                 (only) date-related"
            );
        }
        if self.json {
            Self::print_json(&rec);
        }
        self.baseline = Some(rec);
    }

    pub fn instant(&mut self, index: usize, rec: Record) {
        self.done += 1;
        eprintln!(
            "replay: [{}/{}] {} {}{}",
            self.done,
            self.total,
            rec.instant,
            rec.outcome_text(),
            rec.reason
                .as_deref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default()
        );
        if let Some(slot) = self.results.get_mut(index) {
            *slot = Some(rec);
        }
        if self.json {
            while let Some(Some(r)) = self.results.get(self.printed) {
                Self::print_json(r);
                self.printed += 1;
            }
        }
    }

    /// Prints the table or the summary line; returns (failed instants, baseline passed).
    pub fn finish(&self) -> (usize, bool) {
        let done: Vec<&Record> = self.results.iter().flatten().collect();
        let failed = done.iter().filter(|r| r.outcome != Outcome::Pass).count();
        let baseline = self
            .baseline
            .as_ref()
            .map_or("error", |b| b.outcome.as_str());
        let baseline_pass = baseline == "pass";
        if self.json {
            Self::print_json(&SummaryLine {
                summary: Summary {
                    instants: done.len(),
                    failed,
                    baseline,
                },
            });
        } else {
            self.table(&done);
            let verdict = if !baseline_pass {
                format!(
                    "the baseline on the real clock is {baseline}: not a date bug (or not only)"
                )
            } else if failed > 0 {
                "the baseline passes: these failures are date bugs".to_string()
            } else {
                "every instant passes".to_string()
            };
            println!(
                "\n{failed} of {} instant{} failed; {verdict}.",
                done.len(),
                if done.len() == 1 { "" } else { "s" }
            );
        }
        (failed, baseline_pass)
    }

    fn table(&self, done: &[&Record]) {
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut header = vec!["INSTANT", "OUTCOME", "MS"];
        if self.cert {
            header.extend([
                "NOT BEFORE",
                "NOT AFTER",
                "DAYS",
                "VERIFY -1s",
                "VERIFY +1s",
            ]);
        }
        header.push("REASON");
        rows.push(header.iter().map(|s| s.to_string()).collect());
        for r in self.baseline.iter().chain(done.iter().copied()) {
            let mut row = vec![
                r.instant.clone(),
                r.outcome_text(),
                r.duration_ms.to_string(),
            ];
            if self.cert {
                let c = r.cert.as_ref();
                let dash = || "-".to_string();
                row.push(c.and_then(|c| c.not_before.clone()).unwrap_or_else(dash));
                row.push(c.and_then(|c| c.not_after.clone()).unwrap_or_else(dash));
                row.push(
                    c.and_then(|c| c.validity_days)
                        .map_or_else(dash, |d| d.to_string()),
                );
                row.push(c.and_then(|c| c.verify_before_expiry).unwrap_or("-").into());
                row.push(c.and_then(|c| c.verify_after_expiry).unwrap_or("-").into());
            }
            row.push(r.reason.clone().unwrap_or_default());
            rows.push(row);
        }
        let cols = rows[0].len();
        let widths: Vec<usize> = (0..cols)
            .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
            .collect();
        let mut out = std::io::stdout().lock();
        for row in &rows {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                if c + 1 == cols {
                    line.push_str(cell);
                } else {
                    line.push_str(&format!("{cell:<w$}  ", w = widths[c]));
                }
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
        let failing: Vec<&&Record> = done
            .iter()
            .filter(|r| r.outcome != Outcome::Pass && r.why.is_some())
            .collect();
        if !failing.is_empty() {
            let _ = writeln!(out, "\nwhy these instants are risky:");
            for r in failing {
                let _ = writeln!(out, "  {}  {}", r.instant, r.why.as_deref().unwrap_or(""));
            }
        }
    }
}
