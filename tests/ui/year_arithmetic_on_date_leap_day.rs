// year_arithmetic_on_date when the code has already ruled Feb 29 out: a tuple arm, a test of
// both fields, or a test that the source year is not a leap year.

use chrono::{Datelike, NaiveDate};

// not flagged: Feb 29 took the first arm
pub fn next_year_tuple(d: NaiveDate) -> NaiveDate {
    match (d.month(), d.day()) {
        (2, 29) => NaiveDate::from_ymd_opt(d.year() + 1, 2, 28).unwrap(),
        _ => d.with_year(d.year() + 1).unwrap(),
    }
}

// flagged: the arm is Feb 28, not Feb 29
pub fn next_year_wrong_tuple(d: NaiveDate) -> NaiveDate {
    match (d.month(), d.day()) {
        (2, 28) => d,
        _ => d.with_year(d.year() + 1).unwrap(), //~ ERROR year_arithmetic_on_date
    }
}

// not flagged: both fields tested
pub fn next_year_if(d: NaiveDate) -> NaiveDate {
    if d.month() == 2 && d.day() == 29 {
        d.pred_opt().unwrap()
    } else {
        d.with_year(d.year() + 1).unwrap()
    }
}

// not flagged: the same, negated
pub fn next_year_unless(d: NaiveDate) -> Option<NaiveDate> {
    if d.month() != 2 || d.day() != 29 {
        return Some(d.with_year(d.year() + 1).unwrap());
    }
    None
}

// not flagged: a date in a common year is never Feb 29
pub fn next_year_common(d: NaiveDate) -> NaiveDate {
    if d.leap_year() {
        d.with_day(1).unwrap().with_year(d.year() + 1).unwrap()
    } else {
        d.with_year(d.year() + 1).unwrap()
    }
}

// flagged: the leap-year branch is the one that fails
pub fn next_year_leap_branch(d: NaiveDate) -> NaiveDate {
    if d.leap_year() {
        d.with_year(d.year() + 1).unwrap() //~ ERROR year_arithmetic_on_date
    } else {
        d
    }
}

fn last_day(y: i32, m: u32) -> u32 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// not flagged: the day is lowered to the target month's length when it is longer
pub fn next_year_lowered(d: NaiveDate) -> NaiveDate {
    let y = d.year() + 1;
    let mut day = d.day();
    let max = last_day(y, d.month());
    if max < day {
        day = max;
    }
    NaiveDate::from_ymd_opt(y, d.month(), day).unwrap()
}

// not flagged: the same with `min`
pub fn next_year_min(d: NaiveDate) -> NaiveDate {
    let y = d.year() + 1;
    NaiveDate::from_ymd_opt(y, d.month(), d.day().min(last_day(y, d.month()))).unwrap()
}

// flagged: lowered to the length of the source year's month
pub fn next_year_lowered_wrong_year(d: NaiveDate) -> NaiveDate {
    let y = d.year() + 1;
    let day = d.day().min(last_day(d.year(), d.month()));
    NaiveDate::from_ymd_opt(y, d.month(), day).unwrap() //~ ERROR year_arithmetic_on_date
}

/// The yearly occurrence `i` years on, or `None` when that year has no such day: a Feb 29
/// occurs only in leap years.
// not flagged: the `None` for Feb 29 is the documented result
pub fn yearly_occurrence(base: NaiveDate, i: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(base.year() + i, base.month(), base.day())
}

/// The occurrence `i` years on.
// warning: the same, with nothing said about Feb 29
pub fn yearly_occurrence_undocumented(base: NaiveDate, i: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(base.year() + i, base.month(), base.day()) //~ WARN year_arithmetic_on_date
}

// not flagged: only a Feb 29 birthday reaches the fallback, and its day of the year is 60
pub fn birthday_in(b: NaiveDate, year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, b.month(), b.day())
        .unwrap_or_else(|| NaiveDate::from_yo_opt(year, b.ordinal()).unwrap())
}

// flagged (warning): the rebuilt text's parse falls back to the source date on Feb 29
pub fn rebuilt_or_same(d: NaiveDate) -> NaiveDate {
    let text = format!("{}-{:02}-{:02}", d.year() + 1, d.month(), d.day());
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").unwrap_or(d) //~ WARN year_arithmetic_on_date
}

// flagged: the year copied, then shifted by a later assignment
pub fn bumped(d: NaiveDate) -> NaiveDate {
    let mut y = d.year();
    y += 1;
    NaiveDate::from_ymd_opt(y, d.month(), d.day()).unwrap() //~ ERROR year_arithmetic_on_date
}

// not flagged: the year copied and shifted, but the day reset to the 1st
pub fn bumped_first(d: NaiveDate) -> NaiveDate {
    let mut y = d.year();
    y += 1;
    NaiveDate::from_ymd_opt(y, d.month(), 1).unwrap()
}
