// leapcheck-flags: -W unchecked_date_fields
// unwrap_on_date_construction: `.unwrap()`/`.expect(..)` directly on a fallible date or time
// constructor/setter whose inputs are not known to form a valid value.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc, Weekday};
use chrono::NaiveDate as ND;
use jiff::civil;
use time::{Date, Month, Time};

pub struct Row {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

// ---------------------------------------------------------------- chrono

// flagged by unchecked_date_fields (the inputs are no date's fields): from_ymd_opt on values from outside (2027-02-29 and 2027-04-31 are None)
pub fn from_row(row: &Row) -> NaiveDate {
    NaiveDate::from_ymd_opt(row.year, row.month, row.day).unwrap() //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): from_ymd_opt on parameters, with `expect`
pub fn from_parts(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid date") //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): from_yo_opt: day 366 of a common year
pub fn from_ordinal(year: i32, ordinal: u32) -> NaiveDate {
    NaiveDate::from_yo_opt(year, ordinal).unwrap() //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): from_isoywd_opt: week 53 does not exist in every ISO year
pub fn from_week(year: i32, week: u32) -> NaiveDate {
    NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).unwrap() //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): and_hms_opt(h, m, s).unwrap(): hour 24, minute 60
pub fn at_time(d: NaiveDate, h: u32, m: u32, s: u32) -> NaiveDateTime {
    d.and_hms_opt(h, m, s).unwrap() //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): and_hms_milli_opt with a computed millisecond
pub fn at_time_millis(d: NaiveDate, h: u32, m: u32, s: u32, ms: u32) -> NaiveDateTime {
    d.and_hms_milli_opt(h, m, s, ms).unwrap() //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): NaiveTime::from_hms_opt on parameters
pub fn time_of_day(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap() //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (an unchecked integer decides): with_day(day) on an arbitrary day: the 31st of a 30-day month
pub fn on_day(d: NaiveDate, day: u32) -> NaiveDate {
    d.with_day(day).unwrap() //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (an unchecked integer decides): with_month(month) keeps the day: Jan 31 -> Feb 31
pub fn in_month(d: NaiveDate, month: u32) -> NaiveDate {
    d.with_month(month).expect("month exists") //~ WARN unchecked_date_fields
}

// flagged: with_year(year) keeps Feb 29
pub fn in_year(d: NaiveDate, year: i32) -> NaiveDate {
    d.with_year(year).unwrap() //~ WARN unwrap_on_date_construction
}

// flagged by unchecked_date_fields (an unchecked integer decides): with_ordinal(ordinal): day 366
pub fn on_ordinal(d: NaiveDate, ordinal: u32) -> NaiveDate {
    d.with_ordinal(ordinal).unwrap() //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): TimeZone::with_ymd_and_hms in UTC is still None for 2027-02-29
pub fn utc_from_parts(year: i32, month: u32, day: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, 0, 0, 0).unwrap() //~ WARN unchecked_date_fields
}

// flagged: parse_from_str of a non-literal input
pub fn parse_date(input: &str) -> NaiveDate {
    NaiveDate::parse_from_str(input, "%Y-%m-%d").unwrap() //~ WARN unwrap_on_date_construction
}

// flagged: NaiveDateTime::parse_from_str of a non-literal input, with `expect`
pub fn parse_timestamp(input: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(input, "%Y-%m-%d %H:%M:%S").expect("timestamp") //~ WARN unwrap_on_date_construction
}

// flagged: literal inputs that do not form a valid date (2023 is not a leap year)
pub fn leap_day_2023() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 2, 29).unwrap() //~ ERROR invalid_date_constant
}

// flagged: literal hour 24
pub fn end_of_day(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(24, 0, 0).unwrap() //~ ERROR invalid_date_constant
}

// flagged by unchecked_date_fields (the inputs are no date's fields): through an import rename
pub fn renamed(year: i32, month: u32, day: u32) -> ND {
    ND::from_ymd_opt(year, month, day).unwrap() //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (an unchecked integer decides): the day passes through a `let` bound to parsed input
pub fn due_day(d: NaiveDate, input: &str) -> NaiveDate {
    let day: u32 = input.trim().parse().unwrap_or(1);
    d.with_day(day).unwrap() //~ WARN unchecked_date_fields
}

// flagged: components from two different dates (the year of one, month and day of another)
pub fn mixed(a: NaiveDate, b: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(a.year(), b.month(), b.day()).unwrap() //~ WARN unwrap_on_date_construction
}

// ---------------------------------------------------------------- time

// flagged by unchecked_date_fields (the inputs are no date's fields): time's from_calendar_date on parameters
pub fn time_from_parts(year: i32, month: Month, day: u8) -> Date {
    Date::from_calendar_date(year, month, day).unwrap() //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): time's from_ordinal_date
pub fn time_from_ordinal(year: i32, ordinal: u16) -> Date {
    Date::from_ordinal_date(year, ordinal).unwrap() //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (an unchecked integer decides): time's replace_day / replace_month / replace_year
pub fn time_replace(d: Date, day: u8, month: Month, year: i32) -> (Date, Date, Date) {
    (
        d.replace_day(day).unwrap(), //~ WARN unchecked_date_fields
        d.replace_month(month).unwrap(), //~ WARN unchecked_date_fields
        d.replace_year(year).unwrap(), //~ WARN unwrap_on_date_construction
    )
}

// flagged by unchecked_date_fields (the inputs are no date's fields): time's Time::from_hms
pub fn time_of_day_time(h: u8, m: u8, s: u8) -> Time {
    Time::from_hms(h, m, s).unwrap() //~ WARN unchecked_date_fields
}

// ---------------------------------------------------------------- jiff

// flagged by unchecked_date_fields (the inputs are no date's fields): jiff's Date::new on parameters
pub fn jiff_from_parts(year: i16, month: i8, day: i8) -> civil::Date {
    civil::Date::new(year, month, day).unwrap() //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): jiff's Time::new on parameters
pub fn jiff_time(h: i8, m: i8) -> civil::Time {
    civil::Time::new(h, m, 0, 0).unwrap() //~ WARN unchecked_date_fields
}

// flagged by unchecked_date_fields (the inputs are no date's fields): jiff's DateTime::new on parameters
pub fn jiff_datetime(year: i16, month: i8, day: i8) -> civil::DateTime {
    civil::DateTime::new(year, month, day, 0, 0, 0, 0).expect("datetime") //~ WARN unchecked_date_fields
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: literal inputs that form a valid date (2024 is a leap year)
pub fn leap_day_2024() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
}

// not flagged: literal midnight
pub fn midnight(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(0, 0, 0).unwrap()
}

// not flagged: components copied unchanged from one date, in UTC
pub fn start_of_day_utc(d: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(d.year(), d.month(), d.day(), 0, 0, 0).unwrap()
}

// not flagged: components copied unchanged from one date and one time
pub fn combine(d: NaiveDate, t: NaiveTime) -> NaiveDateTime {
    let date = NaiveDate::from_ymd_opt(d.year(), d.month(), d.day()).unwrap();
    date.and_hms_opt(t.hour(), t.minute(), t.second()).unwrap()
}

// not flagged: a literal day 1..=28 set on a date whose month is unchanged
pub fn mid_month(d: NaiveDate) -> NaiveDate {
    d.with_day(15).unwrap()
}

// not flagged: a literal month with 31 days fits any day
pub fn in_march(d: NaiveDate) -> NaiveDate {
    d.with_month(3).unwrap()
}

// not flagged: January 1st exists in every year
pub fn new_year(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap()
}

// not flagged: January 1st exists in every year (time)
pub fn time_new_year(year: i32) -> Date {
    Date::from_calendar_date(year, Month::January, 1).unwrap()
}

// not flagged: a literal input to parse_from_str
pub fn epoch() -> NaiveDate {
    NaiveDate::parse_from_str("2024-02-29", "%Y-%m-%d").unwrap()
}

// not flagged: text fixed at build time
pub fn build_date() -> NaiveDate {
    NaiveDate::parse_from_str(env!("BUILD_DATE"), "%Y-%m-%d").unwrap()
}

// not flagged: a Unix timestamp names no day that could be missing
pub fn from_stamp(input: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(input, "%s").unwrap()
}

// flagged: a day of the year can be 366 in a common year
pub fn from_ordinal_text(input: &str) -> NaiveDate {
    NaiveDate::parse_from_str(input, "%Y-%j").unwrap() //~ WARN unwrap_on_date_construction
}

// not flagged: the failure is propagated or has a fallback
pub fn from_parts_checked(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let d = NaiveDate::from_ymd_opt(year, month, day)?;
    let t = d.and_hms_opt(12, 0, 0).unwrap_or_default();
    Some(t.date())
}

// not flagged: `ok_or` then `?`
pub fn from_parts_result(year: i32, month: u32, day: u32) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("no such date {year}-{month}-{day}"))
}

// flagged, by year_arithmetic_on_date only: the arithmetic lint explains it, the unwrap is not
// reported a second time
pub fn renewal(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day()).unwrap() //~ ERROR year_arithmetic_on_date
}

/// Builds the date of a row that was validated on insert.
///
/// # Panics
///
/// Panics if the row holds an impossible date.
// not flagged: the function documents its panic
pub fn from_validated_row(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("validated on insert")
}

// not flagged: test code (check-tests is off by default)
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts() {
        let (year, month, day) = (2024, 2, 29);
        let d = NaiveDate::from_ymd_opt(year, month, day).unwrap();
        assert_eq!(d.with_day(day - 1).unwrap().day(), 28);
    }

    fn helper(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }
}

// not flagged: a #[test] function outside a test module
#[test]
fn standalone_test() {
    let input = "2024-02-29";
    let _ = NaiveDate::parse_from_str(input, "%Y-%m-%d").unwrap();
}
