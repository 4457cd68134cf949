// leapcheck-flags: -W unchecked_date_fields --check-tests
// unchecked_date_fields reports values the callers choose: the function's parameters and
// what is computed from them. Not `self`'s fields (the type's invariants), not closures called
// with values in view, not test code (even with --check-tests), not a date's own fields.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

pub struct Row {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

// flagged: a parameter's fields
pub fn from_row(row: &Row) -> NaiveDate {
    NaiveDate::from_ymd_opt(row.year, row.month, row.day).unwrap() //~ WARN unchecked_date_fields
}

// flagged: text the caller passes, parsed here
pub fn from_text(month: &str) -> NaiveDate {
    let m: u32 = month.trim().parse().unwrap();
    NaiveDate::from_ymd_opt(2024, m, 1).unwrap() //~ WARN unchecked_date_fields
}

// flagged: a closure over the caller's rows
pub fn all_rows(rows: &[Row]) -> Vec<NaiveDate> {
    rows.iter()
        .map(|r| NaiveDate::from_ymd_opt(r.year, r.month, r.day).unwrap()) //~ WARN unchecked_date_fields
        .collect()
}

/// Never panics.
// flagged: a doc that promises no panic is no documented panic
pub fn promised(m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, m, 1).unwrap() //~ WARN unchecked_date_fields
}

/// # Panics
/// If `m` is not a month.
// not flagged: the panic is documented
pub fn documented(m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, m, 1).unwrap()
}

pub struct Minutes(u64);

impl Minutes {
    fn next_set(&self, from: u32) -> Option<u32> {
        let n = ((self.0 >> from) << from).trailing_zeros();
        if n < 64 {
            Some(n)
        } else {
            None
        }
    }

    // not flagged: the minute comes from `self`'s bits, an invariant of the type
    pub fn next_time(&self, t: NaiveTime) -> Option<NaiveTime> {
        let minute = self.next_set(t.minute())?;
        Some(NaiveTime::from_hms_opt(t.hour(), minute, 0).unwrap())
    }
}

// not flagged: a closure called with values in view
pub fn table() -> Vec<NaiveDateTime> {
    let at = |h, m, s| {
        NaiveDate::from_ymd_opt(2020, 1, 1)
            .unwrap()
            .and_hms_opt(h, m, s)
            .unwrap()
    };
    vec![at(1, 2, 3), at(23, 59, 59)]
}

// not flagged: a date's own year and day of the year
pub fn from_time(date: time::Date) -> NaiveDate {
    let (y, o) = date.to_ordinal_date();
    NaiveDate::from_yo_opt(y, o as u32).expect("a real date")
}

// not flagged: MIN is Jan 1, and every month has a 1st
pub fn june_of_min() -> NaiveDateTime {
    NaiveDateTime::MIN.with_month(6).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    // not flagged: a test helper panics on a bad fixture, which is how a test fails
    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn helper() {
        assert_eq!(ymd(2024, 2, 29).day(), 29);
    }
}
