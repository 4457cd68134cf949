//! Reporting: progress on stderr while runs are pending, then the human report or the JSON
//! lines documented in docs/replay.md (baseline, control run, the instants in order, then a
//! summary line).
//!
//! The human report is made to act on: a table that fits 100 columns (the full reasons,
//! output and certificate details are in the JSON), then one block per distinct failure with
//! the instants it happened at, the panic location and the last lines of the output, then the
//! failing days, grouped.

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

/// The last lines of a failing run's output.
#[derive(Debug, Serialize)]
pub struct OutputTail {
    pub stderr: Vec<String>,
    pub stdout: Vec<String>,
}

fn outcome_str<S: Serializer>(o: &Outcome, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(o.as_str())
}

/// Lines of output kept per stream for a failing run (JSON), and shown in the human report.
const TAIL_LINES_JSON: usize = 20;
const TAIL_LINES_HUMAN: usize = 8;
const TAIL_WIDTH: usize = 300;
/// The human table's width.
const WIDTH: usize = 100;
/// Beyond this many instants (a sweep) the table lists only the failing ones.
const ALL_ROWS_UP_TO: usize = 40;

/// One line of `--message-format json`, in the field order of docs/replay.md.
#[derive(Debug, Serialize)]
pub struct Record {
    pub instant: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<&'static str>,
    #[serde(serialize_with = "outcome_str")]
    pub outcome: Outcome,
    pub exit_code: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Where the program panicked, from its output.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The program's own line that led to a panic elsewhere (from the backtrace).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub called_from: Option<String>,
    pub duration_ms: u64,
    /// Wall-clock reads the faked clock answered (null on the real clock).
    pub clock_reads: Option<u64>,
    /// Processes the run left running when it ended, killed by replay.
    pub killed: usize,
    /// Output tail of a run that did not pass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<OutputTail>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cert: Option<CertInfo>,
    /// Processes of the run that loaded the faked clock (for the warnings, not printed).
    #[serde(skip)]
    pub faked_processes: Option<u64>,
    /// The local date the instant falls on (`--tz`), for grouping failing days.
    #[serde(skip)]
    pub date: Option<String>,
}

impl Record {
    pub fn from_run(instant: String, why: Option<String>, r: &RunResult) -> Record {
        let output = (r.outcome != Outcome::Pass).then(|| OutputTail {
            stderr: r.stderr.last_lines(TAIL_LINES_JSON, TAIL_WIDTH),
            stdout: r.stdout.last_lines(TAIL_LINES_JSON, TAIL_WIDTH),
        });
        Record {
            instant,
            why,
            tags: Vec::new(),
            outcome: r.outcome,
            exit_code: r.exit_code,
            reason: r.reason.clone(),
            location: r.location.clone(),
            called_from: r.called_from.clone(),
            duration_ms: r.duration_ms,
            clock_reads: r.clock_reads,
            killed: r.killed,
            output,
            cert: None,
            faked_processes: r.faked_processes,
            date: None,
        }
    }

    /// Turns a passing run into a failure of a later check (the certificate's).
    pub fn fail(&mut self, reason: String) {
        self.outcome = Outcome::Fail;
        self.reason = Some(reason);
    }

    fn passed(&self) -> bool {
        self.outcome == Outcome::Pass
    }

    fn outcome_text(&self) -> String {
        match (self.outcome, self.exit_code) {
            (Outcome::Fail, Some(c)) => format!("fail({c})"),
            (o, _) => o.as_str().to_string(),
        }
    }

    /// `reason (at location)`, the one-line account of a failure. A panic in a dependency
    /// is placed at the program's own line, then where it happened (the crate's path).
    fn account(&self) -> String {
        let reason = self.reason.as_deref().unwrap_or("");
        let place = match (&self.called_from, &self.location) {
            (Some(own), Some(loc)) => Some(format!("{own}, in {}", short_path(loc))),
            (None, Some(loc)) => Some(loc.clone()),
            (Some(own), None) => Some(own.clone()),
            (None, None) => None,
        };
        match place {
            Some(p) if !reason.is_empty() => format!("{reason} (at {p})"),
            Some(p) => format!("at {p}"),
            None => reason.to_string(),
        }
    }

    /// The location the table keeps whole when it cuts the reason.
    fn place(&self) -> Option<&str> {
        self.called_from.as_deref().or(self.location.as_deref())
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    instants: usize,
    failed: usize,
    baseline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    control: Option<&'a str>,
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    summary: Summary<'a>,
}

/// What the replay concluded, for the exit status.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every instant passes.
    Pass,
    /// Instants fail while the baseline and the control run pass: date bugs.
    DateBugs,
    /// The baseline fails on the real clock: not (only) date-related.
    BaselineFails,
    /// The baseline passes, the control run under the faked clock at the real time fails:
    /// the faked clock itself breaks the program.
    ControlFails,
}

pub struct Reporter {
    json: bool,
    cert: bool,
    total: usize,
    done: usize,
    baseline: Option<Record>,
    control: Option<Record>,
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
            control: None,
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

    fn progress(name: &str, rec: &Record, ms: bool) {
        eprintln!(
            "replay: {name} {}{}{}{}",
            rec.outcome_text(),
            if ms {
                format!(" ({} ms)", rec.duration_ms)
            } else {
                String::new()
            },
            Some(rec.account())
                .filter(|a| !a.is_empty())
                .map(|a| format!(": {a}"))
                .unwrap_or_default(),
            if rec.killed > 0 {
                format!(" (killed {} process(es) it left running)", rec.killed)
            } else {
                String::new()
            }
        );
    }

    pub fn baseline(&mut self, rec: Record) {
        Self::progress("baseline", &rec, true);
        if !rec.passed() && rec.outcome != Outcome::Error {
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

    pub fn control(&mut self, rec: Record) {
        Self::progress("control", &rec, true);
        if self.json {
            Self::print_json(&rec);
        }
        self.control = Some(rec);
    }

    /// The baseline passes and the control run does not: the faked clock itself breaks the
    /// program.
    pub fn control_breaks_it(&self) -> bool {
        self.baseline.as_ref().is_some_and(Record::passed)
            && self.control.as_ref().is_some_and(|c| !c.passed())
    }

    pub fn instant(&mut self, index: usize, rec: Record) {
        self.done += 1;
        Self::progress(
            &format!("[{}/{}] {}", self.done, self.total, rec.instant),
            &rec,
            false,
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

    /// Prints the report or the summary line and returns the verdict.
    pub fn finish(&self) -> Verdict {
        let done: Vec<&Record> = self.results.iter().flatten().collect();
        let failed: Vec<&Record> = done.iter().copied().filter(|r| !r.passed()).collect();
        let baseline = self
            .baseline
            .as_ref()
            .map_or("error", |b| b.outcome.as_str());
        let control = self.control.as_ref().map(|c| c.outcome.as_str());
        let verdict = if baseline != "pass" {
            Verdict::BaselineFails
        } else if control.is_some_and(|c| c != "pass") {
            Verdict::ControlFails
        } else if !failed.is_empty() {
            Verdict::DateBugs
        } else {
            Verdict::Pass
        };
        let warnings = self.warnings(&done, &verdict);
        if self.json {
            for w in &warnings {
                eprintln!("replay: warning: {w}");
            }
            Self::print_json(&SummaryLine {
                summary: Summary {
                    instants: done.len(),
                    failed: failed.len(),
                    baseline,
                    control,
                },
            });
            return verdict;
        }
        let mut out = std::io::stdout().lock();
        let _ = self.human(&mut out, &done, &failed, &warnings, &verdict);
        verdict
    }

    /// The warnings that say a replay tested less than it seems to.
    fn warnings(&self, done: &[&Record], verdict: &Verdict) -> Vec<String> {
        let mut w = Vec::new();
        // A control run that fails explains itself (often before the library could load).
        let control_explains = *verdict == Verdict::ControlFails;
        let faked: Vec<&Record> = self
            .control
            .iter()
            .chain(done.iter().copied())
            .filter(|r| r.clock_reads.is_some() && r.outcome != Outcome::Error)
            .collect();
        if !control_explains && !faked.is_empty() && faked.iter().all(|r| r.clock_reads == Some(0))
        {
            w.push(if faked.iter().all(|r| r.faked_processes == Some(0)) {
                "the faked clock was never loaded into the program (it ignores LD_PRELOAD: \
                 set-uid, or started through a statically linked program): nothing was tested"
                    .to_string()
            } else {
                "the program never read the wall clock: nothing was tested (no wall-clock read \
                 through libc at any instant; a statically linked program it starts, a Go \
                 program or raw system calls would read the real clock unseen: see Limits in \
                 docs/replay.md)"
                    .to_string()
            });
        }
        let left: Vec<&Record> = self
            .baseline
            .iter()
            .chain(&self.control)
            .chain(done.iter().copied())
            .filter(|r| r.killed > 0)
            .collect();
        if !left.is_empty() {
            let n: usize = left.iter().map(|r| r.killed).sum();
            w.push(format!(
                "{} run(s) left {n} process(es) running when the command ended; replay killed \
                 them (`killed` in the JSON)",
                left.len()
            ));
        }
        w
    }

    fn human(
        &self,
        out: &mut impl Write,
        done: &[&Record],
        failed: &[&Record],
        warnings: &[String],
        verdict: &Verdict,
    ) -> std::io::Result<()> {
        let shown: Vec<&Record> = if done.len() > ALL_ROWS_UP_TO {
            failed.to_vec()
        } else {
            done.to_vec()
        };
        let rows: Vec<&Record> = self
            .baseline
            .iter()
            .chain(&self.control)
            .chain(shown.iter().copied())
            .collect();
        self.table(out, &rows)?;
        if shown.len() < done.len() {
            writeln!(
                out,
                "({} passing instants not shown; --message-format json lists every instant)",
                done.len() - shown.len()
            )?;
        }
        let failures: Vec<&Record> = match verdict {
            Verdict::ControlFails => self.control.iter().collect(),
            _ => failed.to_vec(),
        };
        failure_blocks(out, &failures)?;
        let risky: Vec<&&Record> = failed.iter().filter(|r| r.why.is_some()).collect();
        if !risky.is_empty() {
            writeln!(out, "\nwhy these instants are risky:")?;
            for r in risky {
                let line = format!("  {}  {}", r.instant, r.why.as_deref().unwrap_or(""));
                writeln!(out, "{}", wrap(&line, &" ".repeat(24)))?;
            }
        }
        for w in warnings {
            writeln!(out, "\n{}", wrap(&format!("warning: {w}"), "  "))?;
        }
        let days = failing_days(failed);
        let of = format!(
            "{} of {} instant{}",
            failed.len(),
            done.len(),
            if done.len() == 1 { "" } else { "s" }
        );
        let baseline = self
            .baseline
            .as_ref()
            .map_or("error", |b| b.outcome.as_str());
        let line = match verdict {
            Verdict::BaselineFails => format!(
                "{of} failed; the baseline on the real clock is {baseline}: not a date bug (or \
                 not only)."
            ),
            Verdict::ControlFails => "the control run (the faked clock at the real time) fails \
                 while the baseline passes: the faked clock itself breaks this program (a \
                 sanitizer, an unusual runtime, a program that refuses LD_PRELOAD), so no \
                 instant was replayed; these are not date bugs."
                .to_string(),
            Verdict::DateBugs => format!(
                "fails on {days} ({of}); the baseline and the control run pass: these \
                 failures are date bugs."
            ),
            Verdict::Pass => format!("{of} failed; every instant passes."),
        };
        writeln!(out, "\n{}", wrap(&line, ""))
    }

    fn table(&self, out: &mut impl Write, rows: &[&Record]) -> std::io::Result<()> {
        let mut header = vec!["INSTANT", "OUTCOME", "MS"];
        if self.cert {
            header.extend(["NOT AFTER", "DAYS", "EXPIRY"]);
        } else {
            header.push("READS");
        }
        header.push("REASON");
        let mut cells: Vec<Vec<String>> = vec![header.iter().map(|s| s.to_string()).collect()];
        let mut places: Vec<(usize, String, String)> = Vec::new();
        for r in rows {
            let mut row = vec![
                r.instant.clone(),
                r.outcome_text(),
                r.duration_ms.to_string(),
            ];
            if self.cert {
                let c = r.cert.as_ref();
                row.push(
                    c.and_then(|c| c.not_after.as_deref())
                        .map_or("-".into(), short_instant),
                );
                row.push(
                    c.and_then(|c| c.validity_days)
                        .map_or("-".into(), |d| d.to_string()),
                );
                row.push(expiry(c).into());
            } else {
                row.push(r.clock_reads.map_or("-".into(), |n| n.to_string()));
            }
            let reason = r.reason.clone().unwrap_or_default();
            match r.place().filter(|_| !r.passed()) {
                Some(place) => {
                    let place = short_path(place).to_string();
                    row.push(format!("{reason} (at {place})"));
                    // Cut the message, not the location, when the cell is too narrow.
                    places.push((cells.len(), reason, place));
                }
                None => row.push(reason),
            }
            cells.push(row);
        }
        let cols = cells[0].len();
        let widths: Vec<usize> = (0..cols)
            .map(|c| {
                cells
                    .iter()
                    .map(|r| r[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let used: usize = widths[..cols - 1].iter().map(|w| w + 2).sum();
        let reason_width = WIDTH.saturating_sub(used).max(20);
        for (row, reason, place) in places {
            let cell = &mut cells[row][cols - 1];
            let suffix = format!(" (at {place})");
            let room = reason_width.saturating_sub(suffix.chars().count());
            if cell.chars().count() > reason_width {
                *cell = if room >= 12 {
                    format!("{}{suffix}", truncate(&reason, room))
                } else {
                    // Where to look beats a message cut to a few words; a long path keeps
                    // its end (file, line, column).
                    format!("at {}", truncate_left(&place, reason_width - 3))
                };
            }
        }
        // Numbers right-aligned, text left-aligned.
        let numeric = |c: usize| header[c] == "MS" || header[c] == "READS" || header[c] == "DAYS";
        for row in &cells {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                if c + 1 == cols {
                    line.push_str(&truncate(cell, reason_width));
                } else if numeric(c) {
                    line.push_str(&format!("{cell:>w$}  ", w = widths[c]));
                } else {
                    line.push_str(&format!("{cell:<w$}  ", w = widths[c]));
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        if self.cert {
            writeln!(
                out,
                "EXPIRY: ok = --verify accepts the certificate at notAfter - 1 s and rejects it \
                 at + 1 s;\n        early = it rejects at - 1 s, late = it accepts at + 1 s, \
                 wrong = both"
            )?;
        }
        Ok(())
    }
}

/// A dependency's file from its crate directory on: `/home/u/.cargo/registry/src/index.../
/// rcgen-0.14.10/src/lib.rs:9:5` → `rcgen-0.14.10/src/lib.rs:9:5`; std's from `library/`.
fn short_path(loc: &str) -> &str {
    if let Some(i) = loc.find("/.cargo/registry/src/") {
        let rest = &loc[i + "/.cargo/registry/src/".len()..];
        return rest
            .split_once('/')
            .map_or(rest, |(_, crate_path)| crate_path);
    }
    match loc.find("/library/") {
        Some(i) if loc.starts_with("/rustc/") || loc.contains("/rustlib/") => &loc[i + 1..],
        _ => loc,
    }
}

/// `2025-02-28T00:00:00Z` → `2025-02-28 00:00`.
fn short_instant(s: &str) -> String {
    match s.split_once('T') {
        Some((d, t)) => format!("{d} {}", t.get(..5).unwrap_or(t)),
        None => s.to_string(),
    }
}

/// The expiry replay of a certificate in a word (see the legend under the table).
fn expiry(c: Option<&CertInfo>) -> &'static str {
    let Some(c) = c else { return "-" };
    match (c.verify_before_expiry, c.verify_after_expiry) {
        (Some("pass"), Some("fail")) => "ok",
        (Some("fail"), Some("pass")) => "wrong",
        (Some("fail"), Some(_)) => "early",
        (Some(_), Some("pass")) => "late",
        _ => "-",
    }
}

/// Word-wraps `text` to the report's width; continuation lines start with `indent`. A word
/// longer than a line (a path) stays whole.
fn wrap(text: &str, indent: &str) -> String {
    let body = text.trim_start_matches(' ');
    let mut line = text[..text.len() - body.len()].to_string();
    let mut out = String::new();
    let mut fresh = true;
    for word in body.split(' ') {
        let len = line.chars().count();
        if !fresh && len + 1 + word.chars().count() > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.to_string();
        } else if !fresh {
            line.push(' ');
        }
        line.push_str(word);
        fresh = false;
    }
    out.push_str(&line);
    out
}

fn truncate_left(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n <= width {
        return s.to_string();
    }
    let kept: String = s.chars().skip(n - width.saturating_sub(3)).collect();
    format!("...{kept}")
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let cut: String = s.chars().take(width.saturating_sub(3)).collect();
    format!("{cut}...")
}

/// One block per distinct failure (same outcome, reason and location): where it happened,
/// and the last lines of the output of its first instant.
fn failure_blocks(out: &mut impl Write, failed: &[&Record]) -> std::io::Result<()> {
    let mut groups: Vec<(String, Vec<&Record>)> = Vec::new();
    for r in failed {
        let key = format!("{}: {}", r.outcome_text(), r.account());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(r),
            None => groups.push((key, vec![r])),
        }
    }
    for (key, runs) in &groups {
        const NAMED: usize = 6;
        let names: Vec<&str> = runs
            .iter()
            .take(NAMED)
            .map(|r| r.instant.as_str())
            .collect();
        let more = if runs.len() > NAMED {
            format!(" and {} more", runs.len() - NAMED)
        } else {
            String::new()
        };
        writeln!(
            out,
            "\n{}",
            wrap(&format!("{}{more}", names.join(", ")), "")
        )?;
        writeln!(out, "{}", wrap(&format!("  {key}"), "    "))?;
        let first = runs[0];
        if let Some(tail) = &first.output {
            for (name, lines) in [("stderr", &tail.stderr), ("stdout", &tail.stdout)] {
                if lines.is_empty() {
                    continue;
                }
                let skip = lines.len().saturating_sub(TAIL_LINES_HUMAN);
                writeln!(out, "  {name}, last lines:")?;
                for l in &lines[skip..] {
                    writeln!(out, "  | {}", truncate(l, WIDTH - 4))?;
                }
            }
        }
    }
    Ok(())
}

/// "2028-01-30, 2028-01-31, 2028-03-31": the dates of the failing instants (local with
/// `--tz`), each once, runs of three or more consecutive days written `first..last`.
pub fn failing_days(failed: &[&Record]) -> String {
    let mut dates: Vec<jiff::civil::Date> = failed
        .iter()
        .filter_map(|r| {
            r.date
                .clone()
                .or_else(|| r.instant.get(..10).map(str::to_string))
        })
        .filter_map(|d| d.parse().ok())
        .collect();
    dates.sort();
    dates.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < dates.len() {
        let mut j = i;
        while j + 1 < dates.len() && dates[j].tomorrow().ok() == Some(dates[j + 1]) {
            j += 1;
        }
        if j - i >= 2 {
            parts.push(format!("{}..{}", dates[i], dates[j]));
        } else {
            parts.extend(dates[i..=j].iter().map(|d| d.to_string()));
        }
        i = j + 1;
    }
    const LISTED: usize = 12;
    if parts.len() > LISTED {
        let more = parts.len() - LISTED;
        parts.truncate(LISTED);
        parts.push(format!("and {more} more"));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(instant: &str, outcome: Outcome) -> Record {
        Record {
            instant: instant.into(),
            why: None,
            tags: Vec::new(),
            outcome,
            exit_code: Some(101),
            reason: Some("invalid date".into()),
            location: Some("src/main.rs:9:42".into()),
            called_from: None,
            duration_ms: 3,
            clock_reads: Some(1),
            killed: 0,
            output: None,
            cert: None,
            faked_processes: Some(1),
            date: None,
        }
    }

    #[test]
    fn prose_wraps_at_100_columns() {
        let text = "word ".repeat(50);
        let w = wrap(text.trim(), "  ");
        assert!(w.lines().all(|l| l.chars().count() <= WIDTH), "{w}");
        assert!(w.lines().skip(1).all(|l| l.starts_with("  word")), "{w}");
        assert_eq!(wrap("short line", ""), "short line");
        assert_eq!(wrap("  indented", "    "), "  indented");
    }

    #[test]
    fn failing_days_are_grouped() {
        let days = [
            "2028-01-30T12:00:00Z",
            "2028-01-31T12:00:00Z",
            "2028-01-31T18:00:00Z",
            "2028-03-29T12:00:00Z",
            "2028-03-30T12:00:00Z",
            "2028-03-31T12:00:00Z",
            "2028-05-31T12:00:00Z",
        ];
        let recs: Vec<Record> = days.iter().map(|d| rec(d, Outcome::Panic)).collect();
        let refs: Vec<&Record> = recs.iter().collect();
        assert_eq!(
            failing_days(&refs),
            "2028-01-30, 2028-01-31, 2028-03-29..2028-03-31, 2028-05-31"
        );
    }

    #[test]
    fn table_fits_100_columns_and_names_the_location() {
        let mut r = Reporter::new(false, true, 1);
        let mut b = rec("baseline", Outcome::Pass);
        b.cert = Some(CertInfo {
            not_before: Some("2026-11-24T16:55:19Z".into()),
            not_after: Some("2027-11-24T00:00:00Z".into()),
            validity_days: Some(365),
            verify_before_expiry: Some("pass"),
            verify_after_expiry: Some("fail"),
        });
        r.baseline = Some(b);
        let mut f = rec("2024-02-29T12:00:00Z", Outcome::Panic);
        f.reason = Some("x".repeat(300));
        let mut buf = Vec::new();
        r.table(&mut buf, &[r.baseline.as_ref().unwrap(), &f])
            .unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
        assert!(
            text.contains("2027-11-24 00:00") && text.contains(" ok "),
            "{text}"
        );
        let mut buf = Vec::new();
        failure_blocks(&mut buf, &[&rec("2028-01-30T12:00:00Z", Outcome::Panic)]).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(
            text.contains("panic: invalid date (at src/main.rs:9:42)"),
            "{text}"
        );
    }
}
