// invalid_date_constant: literal arguments that can never form a valid date or time
// (2023-02-29, April 31, month 0 or 13, day 0, hour 24, minute 60), evaluated exactly in the
// proleptic Gregorian calendar, per library. chrono's leap second (second 59 with a fraction of
// 1 s or more) is valid.

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use jiff::civil::{self, Date as JiffDate, Time as JiffTime};
use time::{Date, Month, Time};

// ---------------------------------------------------------------- chrono

// flagged: 2023 is not a leap year (a fixture typed as "last year's Feb 29")
pub fn fixture_leap_day() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2023, 2, 29) //~ ERROR invalid_date_constant
}

// flagged: 2100 is not a leap year (the century rule)
pub fn century_leap_day() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2100, 2, 29) //~ ERROR invalid_date_constant
}

// flagged: April has 30 days in every year
pub fn end_of_april(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 4, 31) //~ ERROR invalid_date_constant
}

// flagged: month 13 (a 0-based month written 1-based)
pub fn month_thirteen() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 13, 1) //~ ERROR invalid_date_constant
}

// flagged: day 0
pub fn day_zero() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 1, 0) //~ ERROR invalid_date_constant
}

// flagged: the deprecated panicking constructor panics on every run
#[allow(deprecated)]
pub fn panics_always() -> NaiveDate {
    NaiveDate::from_ymd(2026, 6, 31) //~ ERROR invalid_date_constant
}

// flagged: day 366 of a common year
pub fn ordinal_366() -> Option<NaiveDate> {
    NaiveDate::from_yo_opt(2027, 366) //~ ERROR invalid_date_constant
}

// flagged: ISO week 53 of 2027, which has 52 weeks
pub fn week_53() -> Option<NaiveDate> {
    NaiveDate::from_isoywd_opt(2027, 53, Weekday::Mon) //~ ERROR invalid_date_constant
}

// flagged: hour 24 ("end of day" written as 24:00:00)
pub fn end_of_day() -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(24, 0, 0) //~ ERROR invalid_date_constant
}

// flagged: minute 60
pub fn minute_sixty(d: NaiveDate) -> Option<chrono::NaiveDateTime> {
    d.and_hms_opt(12, 60, 0) //~ ERROR invalid_date_constant
}

// flagged: a leap-second fraction on a second other than 59
pub fn leap_second_on_58() -> Option<NaiveTime> {
    NaiveTime::from_hms_milli_opt(23, 59, 58, 1_500) //~ ERROR invalid_date_constant
}

// flagged: a fraction of 2 s or more is never valid, even on second 59
pub fn two_seconds_of_nanos() -> Option<NaiveTime> {
    NaiveTime::from_hms_nano_opt(23, 59, 59, 2_000_000_000) //~ ERROR invalid_date_constant
}

// flagged: a 0-based setter given a 1-based day
pub fn last_day0(d: NaiveDate) -> Option<NaiveDate> {
    d.with_day0(31) //~ ERROR invalid_date_constant
}

// flagged: a month setter given month 13
pub fn next_month(d: NaiveDate) -> Option<NaiveDate> {
    d.with_month(13) //~ ERROR invalid_date_constant
}

// flagged: a year setter outside chrono's range (±262_142) fails for every date
pub fn far_future(d: NaiveDate) -> Option<NaiveDate> {
    d.with_year(300_000) //~ ERROR invalid_date_constant
}

// flagged: Utc.with_ymd_and_hms on Nov 31
pub fn utc_nov_31() -> chrono::LocalResult<chrono::DateTime<Utc>> {
    Utc.with_ymd_and_hms(2026, 11, 31, 0, 0, 0) //~ ERROR invalid_date_constant
}

// ---------------------------------------------------------------- time

// flagged: time, Feb 29 of a common year (Month is an enum)
pub fn time_leap_day() -> Result<Date, time::error::ComponentRange> {
    Date::from_calendar_date(2027, Month::February, 29) //~ ERROR invalid_date_constant
}

// flagged: time, September 31
pub fn time_september_31() -> Result<Date, time::error::ComponentRange> {
    Date::from_calendar_date(2026, Month::September, 31) //~ ERROR invalid_date_constant
}

// flagged: time, day 366 of 2026
pub fn time_ordinal() -> Result<Date, time::error::ComponentRange> {
    Date::from_ordinal_date(2026, 366) //~ ERROR invalid_date_constant
}

// flagged: time has no leap second: second 60 is an error
pub fn time_second_60() -> Result<Time, time::error::ComponentRange> {
    Time::from_hms(23, 59, 60) //~ ERROR invalid_date_constant
}

// flagged: time, a fraction of one second or more is an error (unlike chrono)
pub fn time_leap_fraction() -> Result<Time, time::error::ComponentRange> {
    Time::from_hms_milli(23, 59, 59, 1_000) //~ ERROR invalid_date_constant
}

// flagged: time's year setter outside -9999..=9999
pub fn time_replace_year(d: Date) -> Result<Date, time::error::ComponentRange> {
    d.replace_year(10_000) //~ ERROR invalid_date_constant
}

// flagged: time's setter, day 32
pub fn time_replace_day(d: Date) -> Result<Date, time::error::ComponentRange> {
    d.replace_day(32) //~ ERROR invalid_date_constant
}

// ---------------------------------------------------------------- jiff

// flagged: jiff Date::new, June 31
pub fn jiff_june_31() -> Result<JiffDate, jiff::Error> {
    JiffDate::new(2026, 6, 31) //~ ERROR invalid_date_constant
}

// flagged: jiff's civil::date panics on 1900-02-29 (1900 is not a leap year)
pub fn jiff_1900() -> JiffDate {
    civil::date(1900, 2, 29) //~ ERROR invalid_date_constant
}

// flagged: jiff Time::new, hour 24
pub fn jiff_hour_24() -> Result<JiffTime, jiff::Error> {
    JiffTime::new(24, 0, 0, 0) //~ ERROR invalid_date_constant
}

// flagged: jiff builder, month 0
pub fn jiff_builder(d: JiffDate) -> Result<JiffDate, jiff::Error> {
    d.with().month(0).build() //~ ERROR invalid_date_constant
}

// ---------------------------------------------------------------- rcgen

// flagged: rcgen panics ("invalid or out-of-range date") on 2025-02-29
pub fn cert_not_after(params: &mut rcgen::CertificateParams) {
    params.not_after = rcgen::date_time_ymd(2025, 2, 29); //~ ERROR invalid_date_constant
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: 2024 is a leap year
pub fn leap_day_2024() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2024, 2, 29)
}

// not flagged: 2000 is a leap year (divisible by 400)
pub fn leap_day_2000() -> Result<Date, time::error::ComponentRange> {
    Date::from_calendar_date(2000, Month::February, 29)
}

// not flagged: Feb 29 with a year that is not a literal may exist
pub fn leap_day_of(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 2, 29)
}

// not flagged: chrono's leap second: second 59 with a fraction of 1 s up to 2 s
pub fn leap_second() -> Option<NaiveTime> {
    NaiveTime::from_hms_milli_opt(23, 59, 59, 1_500)
}

// not flagged: the last nanosecond of the day
pub fn last_instant(d: NaiveDate) -> Option<chrono::NaiveDateTime> {
    d.and_hms_nano_opt(23, 59, 59, 999_999_999)
}

// not flagged: day 366 of a leap year, ISO week 53 of 2026 (which has 53)
pub fn leap_ordinal() -> (Option<NaiveDate>, Result<Date, time::error::ComponentRange>) {
    (
        NaiveDate::from_yo_opt(2028, 366),
        Date::from_iso_week_date(2026, 53, time::Weekday::Thursday),
    )
}

// not flagged: setters whose value exists in some month: the receiver decides
pub fn setters(d: NaiveDate, t: Date) -> (Option<NaiveDate>, Result<Date, time::error::ComponentRange>) {
    (d.with_day(31), t.replace_day(29))
}

// not flagged: jiff's valid time and date
pub fn jiff_valid() -> (JiffTime, JiffDate) {
    (civil::time(23, 59, 59, 999_999_999), civil::date(2028, 2, 29))
}

// not flagged: time::macros::date! is checked by the compiler
pub fn macro_date() -> Date {
    time::macros::date!(2024 - 02 - 29)
}

// not flagged: a function of the user's own named like a date constructor
pub struct Calendar;
impl Calendar {
    pub fn from_ymd_opt(_y: i32, _m: u32, _d: u32) -> Option<Calendar> {
        None
    }
}
pub fn own_type() -> Option<Calendar> {
    Calendar::from_ymd_opt(2023, 2, 29)
}

// not flagged: tests build impossible dates on purpose, to check they are rejected
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_feb_29_2023() {
        assert!(NaiveDate::from_ymd_opt(2023, 2, 29).is_none());
    }
}
