// hand_built_year_duration: a date computed as a year later with a fixed length (365/366 days,
// 52 weeks, 8_760 h, 525_600 min, 31_536_000 s, ...) added to a date or time. A calendar year
// is 365 or 366 days. Durations that compute no date (timeouts, TTLs) are not reported.

use std::time::{Duration as StdDuration, Instant, SystemTime};

use chrono::{Months, NaiveDate, TimeDelta, Utc};
use jiff::{civil, SignedDuration, Span, Timestamp, ToSpan};

// ---------------------------------------------------------------- std

// flagged: SystemTime plus a product of 365 days
pub fn renewal_instant(issued: SystemTime) -> SystemTime {
    issued + StdDuration::from_secs(365 * 24 * 60 * 60) //~ WARN hand_built_year_duration
}

// flagged: now plus 31_536_000 seconds
pub fn one_year_from_now() -> SystemTime {
    SystemTime::now() + StdDuration::from_secs(31_536_000) //~ WARN hand_built_year_duration
}

// flagged: 365.25 days (a Julian year) in seconds
pub fn julian_year_later(start: SystemTime) -> SystemTime {
    start + std::time::Duration::from_secs(31_557_600) //~ WARN hand_built_year_duration
}

// flagged: 365.2425 days (an average Gregorian year), with checked_add
pub fn average_year_later(start: SystemTime) -> Option<SystemTime> {
    start.checked_add(StdDuration::from_secs(31_556_952)) //~ WARN hand_built_year_duration
}

// flagged: 366 days in milliseconds, added in place
pub fn extend(expires: &mut SystemTime) {
    *expires += StdDuration::from_millis(31_622_400_000); //~ WARN hand_built_year_duration
}

// flagged: 8_760 hours through a `let`
pub fn hours_later(start: SystemTime) -> SystemTime {
    let year = StdDuration::from_hours(8_760); //~ WARN hand_built_year_duration
    start + year
}

// flagged: 525_600 minutes
pub fn minutes_later(created: SystemTime) -> SystemTime {
    created + StdDuration::from_mins(525_600) //~ WARN hand_built_year_duration
}

// flagged: 5 years as a product of literals
pub fn five_years_later(start: SystemTime) -> SystemTime {
    start + StdDuration::from_secs(5 * 365 * 24 * 3600) //~ WARN hand_built_year_duration
}

// flagged: N years as a product with a variable
pub fn retention_end(start: SystemTime, years: u64) -> SystemTime {
    start + StdDuration::from_secs(86_400 * 365 * years) //~ WARN hand_built_year_duration
}

// flagged: a year-named constant in seconds, used to compute a date
pub const SECONDS_PER_YEAR: u64 = 31_536_000;
pub fn via_constant(start: SystemTime) -> SystemTime {
    start + StdDuration::from_secs(SECONDS_PER_YEAR) //~ WARN hand_built_year_duration
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

// flagged: chrono TimeDelta::weeks(52) from today
pub fn fifty_two_weeks() -> chrono::DateTime<Utc> {
    Utc::now() + TimeDelta::weeks(52) //~ WARN hand_built_year_duration
}

// flagged: chrono TimeDelta::try_days(365 * n), checked
pub fn n_years(start: NaiveDate, n: i64) -> Option<NaiveDate> {
    start.checked_add_signed(TimeDelta::try_days(365 * n)?) //~ WARN hand_built_year_duration
}

// flagged: chrono Duration::seconds(31_536_000)
pub fn chrono_seconds(start: chrono::DateTime<Utc>) -> chrono::DateTime<Utc> {
    start + chrono::Duration::seconds(31_536_000) //~ WARN hand_built_year_duration
}

// ---------------------------------------------------------------- time

// flagged: time Duration::days(365)
pub fn time_days(start: time::Date) -> time::Date {
    start + time::Duration::days(365) //~ WARN hand_built_year_duration
}

// flagged: time Duration::weeks(52) from now
pub fn time_weeks() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc() + time::Duration::weeks(52) //~ WARN hand_built_year_duration
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's `365.days()`
pub fn jiff_days(start: civil::Date) -> Result<civil::Date, jiff::Error> {
    start.checked_add(365.days()) //~ WARN hand_built_year_duration
}

// flagged: jiff's `Span::new().days(365)`
pub fn jiff_span_days(start: civil::Date) -> Result<civil::Date, jiff::Error> {
    start.checked_add(Span::new().days(365)) //~ WARN hand_built_year_duration
}

// flagged: jiff's SignedDuration::from_hours(8_760)
pub fn jiff_signed_hours() -> Timestamp {
    Timestamp::now() + SignedDuration::from_hours(8_760) //~ WARN hand_built_year_duration
}

// flagged: jiff's SignedDuration::from_secs(31_536_000)
pub fn jiff_signed_secs(start: Timestamp) -> Timestamp {
    start + SignedDuration::from_secs(31_536_000) //~ WARN hand_built_year_duration
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: a year-long duration that computes no date (a timeout, a TTL)
pub fn session_ttl() -> StdDuration {
    StdDuration::from_secs(31_536_000)
}

// not flagged: HTTP max-age of a year, passed on as a number of seconds
pub fn hsts_header() -> String {
    format!("max-age={}", StdDuration::from_secs(31_536_000).as_secs())
}

// not flagged: a deadline on the monotonic clock is no calendar date
pub fn deadline() -> Instant {
    Instant::now() + StdDuration::from_secs(31_536_000)
}

// not flagged: a far-future sentinel ("100 years"), not a calendar date anyone relies on
pub fn never_expires(start: SystemTime) -> SystemTime {
    start + StdDuration::from_secs(100 * 365 * 24 * 3600)
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
pub fn jiff_year(start: civil::Date) -> Result<civil::Date, jiff::Error> {
    start.checked_add(1.year())
}

// not flagged: 365 seconds is not a year
pub fn backoff(start: SystemTime) -> SystemTime {
    start + StdDuration::from_secs(365)
}

// not flagged: 30 days (a month: hand_built_month_duration, allow by default)
pub fn thirty_days(start: NaiveDate) -> NaiveDate {
    start + TimeDelta::days(30)
}

// not flagged: constants are judged where a date is computed from them, not where defined
pub const SECS_PER_YEAR: u64 = 365 * 24 * 60 * 60;
pub static ANNUAL_TIMEOUT_MS: u64 = 31_536_000_000;
pub const WEEKS_PER_YEAR: u32 = 52;
pub const DAYS_IN_YEAR: i64 = 365;

// not flagged: a user's own `Duration` type, not a date crate's
pub mod own {
    pub struct Duration {
        pub days: i64,
    }
    impl Duration {
        pub fn days(days: i64) -> Duration {
            Duration { days }
        }
    }
    pub fn own_duration(start: i64) -> i64 {
        start + Duration::days(365).days
    }
}

// not flagged: tests build exact durations on purpose
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_plus_365_days() {
        let t = SystemTime::UNIX_EPOCH + StdDuration::from_secs(365 * 86_400);
        assert!(t > SystemTime::UNIX_EPOCH);
    }
}
