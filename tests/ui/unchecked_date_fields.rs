// leapcheck-flags: -W unchecked_date_fields
// unchecked_date_fields: a date built from integers that are no date's fields, unwrapped or
// built by a panicking constructor. Pedantic: the failure is bad input, not a calendar date.

use chrono::{Datelike, NaiveDate, NaiveTime};
use jiff::civil;

pub struct Row {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

// flagged: a helper whose arguments are all its own parameters
pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap() //~ WARN unchecked_date_fields
}

// flagged: fields of a struct
pub fn due(row: &Row) -> NaiveDate {
    NaiveDate::from_ymd_opt(row.year, row.month, row.day).expect("valid date") //~ WARN unchecked_date_fields
}

// flagged: a time of day from parameters
pub fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap() //~ WARN unchecked_date_fields
}

// flagged: jiff's panicking constructor on parameters
pub fn jiff_ymd(y: i16, m: i8, d: i8) -> civil::Date {
    civil::date(y, m, d) //~ WARN unchecked_date_fields
}

// not flagged: the function documents its panic
/// # Panics
///
/// When the fields do not form a date.
pub fn ymd_documented(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

// not flagged: the failure is returned to the caller
pub fn ymd_opt(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

// not flagged: the month is checked and the day is the 1st
pub fn first_of(y: i32, m: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&m) {
        return None;
    }
    Some(NaiveDate::from_ymd_opt(y, m, 1).unwrap())
}

// not flagged: a day clamped to 1..=28 and a checked month
pub fn clamped(y: i32, m: u32, d: u32) -> NaiveDate {
    assert!((1..=12).contains(&m));
    NaiveDate::from_ymd_opt(y, m, d.clamp(1, 28)).unwrap()
}

// not flagged here: the fields come from a real date (reported by the arithmetic lints)
pub fn next_year(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day()).unwrap() //~ ERROR year_arithmetic_on_date
}
