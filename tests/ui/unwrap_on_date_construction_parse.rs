// unwrap_on_date_construction on parses: a parse whose failure was ruled out before (the same
// parser, text and format checked with a failure that leaves, or validated by a method of this
// file that records the failure in a field the caller tests), and a round trip of text this
// code formatted with the same format, cannot fail. A check of another text or format, a
// failure that does not leave, or text changed in between does not count.

use chrono::{NaiveDate, NaiveDateTime};

// not flagged: the failure returned before the same parse
pub fn due(s: &str) -> Option<NaiveDate> {
    if NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err() {
        return None;
    }
    Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
}

// not flagged: `let .. else` skips the lines that do not parse
pub fn stamps(lines: &[String]) -> Vec<NaiveDateTime> {
    let mut out = Vec::new();
    for line in lines {
        let Ok(_) = NaiveDateTime::parse_from_str(line, "%Y-%m-%d %H:%M:%S") else {
            continue;
        };
        out.push(NaiveDateTime::parse_from_str(line, "%Y-%m-%d %H:%M:%S").unwrap());
    }
    out
}

// not flagged: the unwrap is in the branch where the same parse succeeded
pub fn maybe(s: &str) -> Option<NaiveDate> {
    if NaiveDate::parse_from_str(s, "%d/%m/%Y").is_ok() {
        Some(NaiveDate::parse_from_str(s, "%d/%m/%Y").unwrap())
    } else {
        None
    }
}

// not flagged: `?` passed the failure on before
pub fn checked(input: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|e| e.to_string())?;
    Ok(NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").expect("checked above"))
}

// not flagged: a `match` whose failure arm returns, then the same parse
pub fn matched(s: &str) -> Result<NaiveDate, String> {
    match NaiveDate::parse_from_str(s, "%Y/%m/%d") {
        Ok(_) => {}
        Err(e) => return Err(e.to_string()),
    }
    Ok(NaiveDate::parse_from_str(s, "%Y/%m/%d").unwrap())
}

pub struct Entry {
    raw: String,
    problems: Vec<String>,
}

impl Entry {
    fn check(&mut self) {
        if let Err(e) = NaiveDate::parse_from_str(&self.raw, "%d.%m.%Y") {
            self.problems.push(e.to_string());
        }
    }

    // not flagged: `check` runs the same parse and records its failure in `problems`, which is
    // tested before the parse
    pub fn date(&mut self) -> Option<NaiveDate> {
        self.check();
        if !self.problems.is_empty() {
            return None;
        }
        Some(NaiveDate::parse_from_str(&self.raw, "%d.%m.%Y").unwrap())
    }

    // flagged: the recorded failure is never tested
    pub fn date_unchecked(&mut self) -> NaiveDate {
        self.check();
        NaiveDate::parse_from_str(&self.raw, "%d.%m.%Y").unwrap() //~ WARN unwrap_on_date_construction
    }
}

pub struct Lines(Vec<String>);

impl Lines {
    pub fn lines(&self) -> &[String] {
        &self.0
    }
}

pub struct Form {
    title: String,
    when: Lines,
    title_err: String,
    when_err: String,
}

pub enum Saved {
    Rejected,
    Due(NaiveDate),
}

impl Form {
    fn check_title(&mut self) {
        if self.title.is_empty() {
            self.title_err = "empty".into();
        } else {
            self.title_err.clear();
        }
    }

    fn check_when(&mut self) {
        match NaiveDate::parse_from_str(self.when.lines()[0].as_str(), "%d-%m-%Y") {
            Ok(_) => self.when_err.clear(),
            Err(e) => self.when_err = e.to_string(),
        }
    }

    fn check_when_iso(&mut self) {
        if let Err(e) = NaiveDate::parse_from_str(self.when.lines()[0].as_str(), "%Y-%m-%d") {
            self.when_err = e.to_string();
        }
    }

    fn check_when_quietly(&mut self) {
        let _ = NaiveDate::parse_from_str(self.when.lines()[0].as_str(), "%d-%m-%Y");
    }

    fn check_all(&mut self) {
        self.check_title();
        self.check_when();
    }

    fn check_all_iso(&mut self) {
        self.check_title();
        self.check_when_iso();
    }

    fn check_all_quietly(&mut self) {
        self.check_title();
        self.check_when_quietly();
    }

    fn check_all_then_forget(&mut self) {
        self.check_when();
        self.when_err.clear();
    }

    pub fn is_valid(&self) -> bool {
        self.title_err.is_empty() && self.when_err.is_empty()
    }

    pub fn title_ok(&self) -> bool {
        self.title_err.is_empty()
    }

    // not flagged: `check_all` runs `check_when`, which records the same parse's failure in
    // `when_err`; `is_valid` is false unless `when_err` is empty, and the function returns then
    pub fn save(&mut self) -> Saved {
        self.check_all();
        if !self.is_valid() {
            return Saved::Rejected;
        }
        Saved::Due(NaiveDate::parse_from_str(self.when.lines()[0].as_str(), "%d-%m-%Y").expect("checked"))
    }

    // flagged: the validator checks another format
    pub fn save_iso_checked(&mut self) -> Saved {
        self.check_all_iso();
        if !self.is_valid() {
            return Saved::Rejected;
        }
        Saved::Due(NaiveDate::parse_from_str(self.when.lines()[0].as_str(), "%d-%m-%Y").expect("checked")) //~ WARN unwrap_on_date_construction
    }

    // flagged: the test reads only the title's field
    pub fn save_title_tested(&mut self) -> Saved {
        self.check_all();
        if !self.title_ok() {
            return Saved::Rejected;
        }
        Saved::Due(NaiveDate::parse_from_str(self.when.lines()[0].as_str(), "%d-%m-%Y").expect("checked")) //~ WARN unwrap_on_date_construction
    }

    // flagged: the validator reached records nothing
    pub fn save_quietly_checked(&mut self) -> Saved {
        self.check_all_quietly();
        if !self.is_valid() {
            return Saved::Rejected;
        }
        Saved::Due(NaiveDate::parse_from_str(self.when.lines()[0].as_str(), "%d-%m-%Y").expect("checked")) //~ WARN unwrap_on_date_construction
    }

    // flagged: the field recorded is cleared again before the caller tests it
    pub fn save_forgotten(&mut self) -> Saved {
        self.check_all_then_forget();
        if !self.is_valid() {
            return Saved::Rejected;
        }
        Saved::Due(NaiveDate::parse_from_str(self.when.lines()[0].as_str(), "%d-%m-%Y").expect("checked")) //~ WARN unwrap_on_date_construction
    }
}

// not flagged: text formatted here with the format it is parsed with
pub fn truncate_to_day(d: NaiveDateTime) -> NaiveDate {
    let stamp = d.format("%d.%m.%Y").to_string();
    NaiveDate::parse_from_str(&stamp, "%d.%m.%Y").unwrap()
}

fn key(d: &NaiveDate) -> String {
    format!("{}", d.format("%Y%m%d"))
}

// not flagged: a same-file function returns the text formatted with the same format
pub fn same_day(d: &NaiveDate) -> NaiveDate {
    NaiveDate::parse_from_str(&key(d), "%Y%m%d").expect("our own key")
}

// flagged: the check is of another text
pub fn other_text(a: &str, b: &str) -> Option<NaiveDate> {
    if NaiveDate::parse_from_str(a, "%Y-%m-%d").is_err() {
        return None;
    }
    Some(NaiveDate::parse_from_str(b, "%Y-%m-%d").unwrap()) //~ WARN unwrap_on_date_construction
}

// flagged: the check is of another format
pub fn other_format(s: &str) -> Option<NaiveDate> {
    if NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err() {
        return None;
    }
    Some(NaiveDate::parse_from_str(s, "%d/%m/%Y").unwrap()) //~ WARN unwrap_on_date_construction
}

// flagged: the failure is logged, and the code goes on to the unwrap
pub fn logged(s: &str) -> NaiveDate {
    if NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err() {
        eprintln!("bad date {s}");
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap() //~ WARN unwrap_on_date_construction
}

// flagged: the text changes after the check
pub fn changed(mut s: String) -> Option<NaiveDate> {
    if NaiveDate::parse_from_str(&s, "%Y-%m-%d").is_err() {
        return None;
    }
    s.push_str("-01");
    Some(NaiveDate::parse_from_str(&s, "%Y-%m-%d").unwrap()) //~ WARN unwrap_on_date_construction
}

// flagged: formatted with one format, parsed with another
pub fn mixed_formats(d: NaiveDate) -> NaiveDate {
    NaiveDate::parse_from_str(&d.format("%Y-%m-%d").to_string(), "%d.%m.%Y").unwrap() //~ WARN unwrap_on_date_construction
}
