// leapcheck-flags: -W unchecked_date_fields
// unwrap_on_date_construction with value facts: values proved in range are silent; a failure
// reached through a real date is this lint's; one reached only through unchecked integers is
// the pedantic `unchecked_date_fields`'.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

// not flagged: the next minute, guarded by the minute and the hour
pub fn next_minute(t: NaiveTime) -> Option<NaiveTime> {
    if t.minute() < 59 {
        Some(NaiveTime::from_hms_opt(t.hour(), t.minute() + 1, 0).unwrap())
    } else if t.hour() < 23 {
        Some(NaiveTime::from_hms_opt(t.hour() + 1, 0, 0).unwrap())
    } else {
        None
    }
}

// flagged: at 23:xx the next hour is 24
pub fn next_hour(t: NaiveTime) -> NaiveTime {
    NaiveTime::from_hms_opt(t.hour() + 1, 0, 0).unwrap() //~ WARN unwrap_on_date_construction
}

// not flagged: a month checked into 1..=12, and the 1st
pub fn first_of(y: i32, m: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&m) {
        return None;
    }
    Some(NaiveDate::from_ymd_opt(y, m, 1).unwrap())
}

// flagged by unchecked_date_fields: the month is not checked
pub fn first_of_unchecked(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap() //~ WARN unchecked_date_fields
}

// flagged: a real date's year with another date's month and day (Feb 29 in a common year)
pub fn mixed(a: NaiveDate, b: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(a.year(), b.month(), b.day()).unwrap() //~ WARN unwrap_on_date_construction
}

// not flagged: a real date's fields, unchanged
pub fn copy(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month(), d.day()).unwrap()
}

// flagged by unchecked_date_fields: a day of unknown origin set on a real date
pub fn with_day_of(d: NaiveDate, day: u32) -> NaiveDate {
    d.with_day(day).unwrap() //~ WARN unchecked_date_fields
}

// flagged: a checked month (1..=12) on a real date keeps its day (Jan 31 -> Feb 31)
pub fn in_month(d: NaiveDate, month: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) {
        return None;
    }
    Some(d.with_month(month).unwrap()) //~ WARN unwrap_on_date_construction
}

// not flagged: a private helper whose callers pass a field plus a count: the sum keeps the
// parameter's unsigned type, so the wrapped month is 1..=12 and the day is 1
pub struct Pager {
    first: u32,
}
fn month_ahead(d: NaiveDate, delta: u32) -> NaiveDate {
    if delta == 0 {
        return d;
    }
    let mut y = d.year();
    let mut m = d.month() + delta;
    if m > 12 {
        y += ((m - 1) / 12) as i32;
        m = (m - 1) % 12 + 1;
    }
    NaiveDate::from_ymd_opt(y, m, 1).expect("a month's first day")
}
impl Pager {
    pub fn column(&self, d: NaiveDate, i: u32) -> NaiveDate {
        month_ahead(d, self.first + i)
    }
}
