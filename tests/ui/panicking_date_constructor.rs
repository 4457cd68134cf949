// leapcheck-flags: -W unchecked_date_fields
// panicking_date_constructor: date/time constructors that panic on invalid input, called with
// arguments that are not literals (nor fields copied from one existing date).
#![allow(deprecated)]

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc, Weekday};
use chrono::NaiveDate as ND;
use jiff::civil;
use rcgen::{date_time_ymd, CertificateParams};
use time::OffsetDateTime;

// ---------------------------------------------------------------- chrono

// flagged by unchecked_date_fields (the inputs are no date's fields): the deprecated NaiveDate::from_ymd on parameters (panics on 2027-02-29)
pub fn from_parts(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd(year, month, day) //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): NaiveDate::from_yo (day 366 of a common year)
pub fn from_ordinal(year: i32, ordinal: u32) -> NaiveDate {
    NaiveDate::from_yo(year, ordinal) //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): NaiveDate::from_isoywd (week 53)
pub fn from_week(year: i32, week: u32) -> NaiveDate {
    NaiveDate::from_isoywd(year, week, Weekday::Mon) //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): and_hms on parameters (hour 24)
pub fn at(d: NaiveDate, h: u32, m: u32, s: u32) -> NaiveDateTime {
    d.and_hms(h, m, s) //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): and_hms_milli on parameters
pub fn at_millis(d: NaiveDate, h: u32, m: u32, s: u32, ms: u32) -> NaiveDateTime {
    d.and_hms_milli(h, m, s, ms) //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): NaiveTime::from_hms on parameters
pub fn time_of_day(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms(h, m, 0) //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): TimeZone::ymd (the deprecated Date API) on parameters
pub fn utc_date(year: i32, month: u32, day: u32) -> chrono::Date<Utc> {
    Utc.ymd(year, month, day) //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): TimeZone::yo on parameters
pub fn utc_ordinal(year: i32, ordinal: u32) -> chrono::Date<Utc> {
    Utc.yo(year, ordinal) //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): NaiveDateTime::from_timestamp panics out of range
pub fn from_epoch(secs: i64) -> NaiveDateTime {
    NaiveDateTime::from_timestamp(secs, 0) //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): through an import rename
pub fn renamed(year: i32, month: u32, day: u32) -> ND {
    ND::from_ymd(year, month, day) //~ WARN unchecked_date_fields
}

// flagged (unchecked_date_fields): the components come through a `let` from a parser
pub fn from_text(input: &str) -> NaiveDate {
    let (y, m, d) = split_ymd(input);
    NaiveDate::from_ymd(y, m, d) //~ WARN unchecked_date_fields
}

fn split_ymd(input: &str) -> (i32, u32, u32) {
    let n = input.len() as u32;
    (2024, n / 10, n % 10)
}

// flagged: fields of two different dates (the year of one, month and day of another)
pub fn mixed(a: NaiveDate, b: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd(a.year(), b.month(), b.day()) //~ WARN panicking_date_constructor
}

// flagged: constants that never form a date (2023 has no Feb 29): it panics on every run
const REPORT_YEAR: i32 = 2023;
pub fn report_leap_day() -> NaiveDate {
    NaiveDate::from_ymd(REPORT_YEAR, 2, 29) //~ WARN panicking_date_constructor
}

// flagged: a constant fraction of a second past 1 s, on a second that is not 59
pub fn bad_fraction() -> NaiveDateTime {
    let nanos = 1_000_000_000;
    NaiveDateTime::from_timestamp(0, nanos) //~ WARN panicking_date_constructor
}

// flagged: a constant timestamp past chrono's last year (262142)
const FAR_FUTURE_SECS: i64 = 10_000_000_000_000;
pub fn far_future() -> NaiveDateTime {
    NaiveDateTime::from_timestamp(FAR_FUTURE_SECS, 0) //~ WARN panicking_date_constructor
}

// flagged by unchecked_date_fields, not as failing every time: `day` starts as the invalid 0
// but is changed before the call, so it is no constant
pub fn counted_day(n: u32) -> NaiveDate {
    let mut day = 0;
    day += n;
    NaiveDate::from_ymd(2024, 2, day) //~ WARN unchecked_date_fields
}

// ---------------------------------------------------------------- jiff

// flagged by unchecked_date_fields (the inputs are no date's fields): jiff's civil::date panics on invalid input
pub fn jiff_date(year: i16, month: i8, day: i8) -> civil::Date {
    civil::date(year, month, day) //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): jiff's civil::time
pub fn jiff_time(h: i8, m: i8) -> civil::Time {
    civil::time(h, m, 0, 0) //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): jiff's civil::datetime
pub fn jiff_datetime(year: i16, month: i8, day: i8, h: i8) -> civil::DateTime {
    civil::datetime(year, month, day, h, 0, 0, 0) //~ WARN unchecked_date_fields
}

// ---------------------------------------------------------------- rcgen

// flagged by unchecked_date_fields (the inputs are no date's fields): rcgen's date_time_ymd on values from outside
pub fn not_after_from_config(params: &mut CertificateParams, year: i32, month: u8, day: u8) {
    params.not_after = date_time_ymd(year, month, day); //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): rcgen's date_time_ymd on the fields of a config struct (plain integers, not a date)
pub struct ExpiryConfig {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}
pub fn not_after_from_struct(params: &mut CertificateParams, cfg: &ExpiryConfig) {
    params.not_after = date_time_ymd(cfg.year, cfg.month, cfg.day); //~ WARN unchecked_date_fields
}

// flagged: the deprecated Date API `TimeZone::ymd_opt(..).unwrap()` on parameters (reported as
// unwrap_on_date_construction: the unwrap is where it panics)
pub fn utc_date_opt(year: i32, month: u32, day: u32) -> chrono::Date<Utc> {
    Utc.ymd_opt(year, month, day).unwrap() //~ WARN unchecked_date_fields
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: literal arguments that form a valid date
pub fn leap_day() -> NaiveDate {
    NaiveDate::from_ymd(2024, 2, 29)
}

// not flagged: literal midnight
pub fn midnight(d: NaiveDate) -> NaiveDateTime {
    d.and_hms(0, 0, 0)
}

// not flagged: time fields copied from one time
pub fn combine(d: NaiveDate, t: NaiveTime) -> NaiveDateTime {
    d.and_hms(t.hour(), t.minute(), t.second())
}

// not flagged: jiff literals
pub fn jiff_literals() -> civil::DateTime {
    civil::date(2024, 2, 29).at(12, 0, 0, 0)
}

// not flagged: rcgen fields copied from one valid date
pub fn not_after_from_expiry(params: &mut CertificateParams, expiry: OffsetDateTime) {
    params.not_after = date_time_ymd(expiry.year(), expiry.month() as u8, expiry.day());
}

// not flagged: rcgen fields copied from one chrono date, with casts
pub fn not_after_from_chrono(params: &mut CertificateParams, expiry: NaiveDate) {
    params.not_after = date_time_ymd(expiry.year(), expiry.month() as u8, expiry.day() as u8);
}

// not flagged: the first of the same month of one date
pub fn first_of_month(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd(d.year(), d.month(), 1)
}

// not flagged: literal arguments that form a valid timestamp (the epoch as "unset")
pub fn unset() -> NaiveDateTime {
    NaiveDateTime::from_timestamp(0, 0)
}

// not flagged: constants that form a valid date: a file `const`, with arithmetic
pub fn next_report_leap_day() -> NaiveDate {
    NaiveDate::from_ymd(REPORT_YEAR + 1, 2, 29)
}

// not flagged: `let`s bound to constants and never changed
pub fn fixed_day() -> NaiveDate {
    let year = 2024;
    let day = 28 + 1;
    NaiveDate::from_ymd(year, 2, day)
}

// not flagged: a constant product of seconds, and a leap second (a fraction up to 2 s on a
// second 59)
pub fn constant_timestamps() -> (NaiveDateTime, NaiveDateTime) {
    (
        NaiveDateTime::from_timestamp(24 * 60 * 60, 0),
        NaiveDateTime::from_timestamp(59, 1_500_000_000),
    )
}

// not flagged: the fallible variant (the unwrap lint's business, and handled here)
pub fn from_parts_checked(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

// not flagged: a user's own type with a `from_ymd`
pub struct Calendar;
impl Calendar {
    pub fn from_ymd(_y: i32, _m: u32, _d: u32) -> Calendar {
        Calendar
    }
}
pub fn own_type(year: i32, month: u32, day: u32) -> Calendar {
    Calendar::from_ymd(year, month, day)
}

// not flagged: test code
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts() {
        let (y, m, d) = (2024, 2, 29);
        assert_eq!(NaiveDate::from_ymd(y, m, d).day(), 29);
    }
}
