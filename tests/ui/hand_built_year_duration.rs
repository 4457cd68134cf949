// hand_built_year_duration: a year written as a fixed length (365/366 days, 52 weeks,
// 8_760 h, 525_600 min, 31_536_000 s, ...) in a duration constructor, or a year-named constant
// holding one. A calendar year is 365 or 366 days.

use std::time::Duration as StdDuration;

use chrono::{Months, NaiveDate, TimeDelta};
use jiff::{SignedDuration, Span, ToSpan};
use openssl::asn1::Asn1Time;

// ---------------------------------------------------------------- constants

// flagged: a year-named constant holding 365 days in seconds
pub const SECONDS_PER_YEAR: u64 = 31_536_000; //~ WARN hand_built_year_duration

// flagged: the same as a product
pub const SECS_PER_YEAR: u64 = 365 * 24 * 60 * 60; //~ WARN hand_built_year_duration

// flagged: an "annual" static in milliseconds
pub static ANNUAL_TIMEOUT_MS: u64 = 31_536_000_000; //~ WARN hand_built_year_duration

// ---------------------------------------------------------------- std

// flagged: std Duration (renamed import) from a product of 365 days
pub fn cache_ttl() -> StdDuration {
    StdDuration::from_secs(365 * 24 * 60 * 60) //~ WARN hand_built_year_duration
}

// flagged: 31_536_000 seconds
pub fn token_lifetime() -> StdDuration {
    StdDuration::from_secs(31_536_000) //~ WARN hand_built_year_duration
}

// flagged: 365.25 days (a Julian year) in seconds
pub fn julian_year() -> std::time::Duration {
    std::time::Duration::from_secs(31_557_600) //~ WARN hand_built_year_duration
}

// flagged: 365.2425 days (an average Gregorian year) in seconds
pub fn gregorian_year() -> StdDuration {
    StdDuration::from_secs(31_556_952) //~ WARN hand_built_year_duration
}

// flagged: 366 days in milliseconds
pub fn leap_year_millis() -> StdDuration {
    StdDuration::from_millis(31_622_400_000) //~ WARN hand_built_year_duration
}

// flagged: 8_760 hours
pub fn hours_per_year() -> StdDuration {
    StdDuration::from_hours(8_760) //~ WARN hand_built_year_duration
}

// flagged: 525_600 minutes
pub fn minutes_per_year() -> StdDuration {
    StdDuration::from_mins(525_600) //~ WARN hand_built_year_duration
}

// flagged: 5 years as a product of literals
pub fn five_years() -> StdDuration {
    StdDuration::from_secs(5 * 365 * 24 * 3600) //~ WARN hand_built_year_duration
}

// flagged: N years as a product with a variable
pub fn retention(years: u64) -> StdDuration {
    StdDuration::from_secs(86_400 * 365 * years) //~ WARN hand_built_year_duration
}

// ---------------------------------------------------------------- chrono

// flagged: chrono TimeDelta::days(365)
pub fn renewal(start: NaiveDate) -> NaiveDate {
    start + TimeDelta::days(365) //~ WARN hand_built_year_duration
}

// flagged: chrono Duration::days(366)
pub fn leap_renewal(start: NaiveDate) -> NaiveDate {
    start + chrono::Duration::days(366) //~ WARN hand_built_year_duration
}

// flagged: chrono TimeDelta::weeks(52)
pub fn fifty_two_weeks() -> TimeDelta {
    TimeDelta::weeks(52) //~ WARN hand_built_year_duration
}

// flagged: chrono TimeDelta::try_days(365 * n)
pub fn n_years(n: i64) -> Option<TimeDelta> {
    TimeDelta::try_days(365 * n) //~ WARN hand_built_year_duration
}

// flagged: chrono Duration::seconds(31_536_000)
pub fn chrono_seconds() -> chrono::Duration {
    chrono::Duration::seconds(31_536_000) //~ WARN hand_built_year_duration
}

// ---------------------------------------------------------------- time

// flagged: time Duration::days(365)
pub fn time_days() -> time::Duration {
    time::Duration::days(365) //~ WARN hand_built_year_duration
}

// flagged: time Duration::weeks(52)
pub fn time_weeks() -> time::Duration {
    time::Duration::weeks(52) //~ WARN hand_built_year_duration
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's `365.days()`
pub fn jiff_days() -> Span {
    365.days() //~ WARN hand_built_year_duration
}

// flagged: jiff's `Span::new().days(365)`
pub fn jiff_span_days() -> Span {
    Span::new().days(365) //~ WARN hand_built_year_duration
}

// flagged: jiff's SignedDuration::from_hours(8_760)
pub fn jiff_signed_hours() -> SignedDuration {
    SignedDuration::from_hours(8_760) //~ WARN hand_built_year_duration
}

// flagged: jiff's SignedDuration::from_secs(31_536_000)
pub fn jiff_signed_secs() -> SignedDuration {
    SignedDuration::from_secs(31_536_000) //~ WARN hand_built_year_duration
}

// ---------------------------------------------------------------- openssl

// flagged: a certificate "valid for a year" as 365 days from now
pub fn not_after() -> Result<Asn1Time, openssl::error::ErrorStack> {
    Asn1Time::days_from_now(365) //~ WARN hand_built_year_duration
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: a far-future sentinel ("100 years"), not a calendar date anyone relies on
pub fn never_expires() -> StdDuration {
    StdDuration::from_secs(100 * 365 * 24 * 3600)
}

// not flagged: a plain 365 that is not a duration
pub fn days_in_year(leap: bool) -> u32 {
    if leap { 366 } else { 365 }
}

// not flagged: the days of this particular year, computed
pub fn this_year(start: NaiveDate, leap: bool) -> NaiveDate {
    let days = if leap { 366 } else { 365 };
    start + TimeDelta::days(days)
}

// not flagged: "about a year ago" as a cutoff: subtracting loses nothing that matters
pub fn stale_cutoff(now: NaiveDate) -> NaiveDate {
    now - TimeDelta::days(365)
}

// not flagged: the fix: calendar arithmetic
pub fn renewal_fixed(start: NaiveDate) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(12))
}

// not flagged: jiff's calendar year
pub fn jiff_year() -> Span {
    1.year()
}

// not flagged: 365 seconds is not a year
pub fn backoff() -> StdDuration {
    StdDuration::from_secs(365)
}

// not flagged: 30 days (a month: hand_built_month_duration, allow by default)
pub fn thirty_days() -> TimeDelta {
    TimeDelta::days(30)
}

// not flagged: a certificate valid for 90 days
pub fn short_cert() -> Result<Asn1Time, openssl::error::ErrorStack> {
    Asn1Time::days_from_now(90)
}

// not flagged: a year-named constant that is not a length of a year
pub const WEEKS_PER_YEAR: u32 = 52;
pub const MAX_YEAR: i32 = 9999;

// not flagged: a count of days in a common year, as calendar code writes it (not a duration)
pub const DAYS_IN_YEAR: i64 = 365;

// not flagged: a constant with 365 whose name does not say year
pub const DAY_TABLE_LEN: usize = 365;

// not flagged: a user's own `Duration` type, not a date crate's
pub struct Duration {
    pub days: i64,
}
impl Duration {
    pub fn days(days: i64) -> Duration {
        Duration { days }
    }
    pub fn from_secs(secs: u64) -> Duration {
        Duration { days: (secs / 86_400) as i64 }
    }
}
pub fn own_duration() -> (Duration, Duration) {
    (Duration::days(365), Duration::from_secs(31_536_000))
}

// not flagged: tests build exact durations on purpose
#[cfg(test)]
mod tests {
    use super::*;

    const ONE_YEAR_SECS: u64 = 31_536_000;

    #[test]
    fn epoch_plus_365_days() {
        assert_eq!(StdDuration::from_secs(365 * 86_400).as_secs(), ONE_YEAR_SECS);
    }
}
