// hand_built_year_duration: a date computed as a year later with a fixed length (365/366 days,
// 52 weeks, 8_760 h, 525_600 min, 31_536_000 s, ...) added to a date or time, where the code
// means a calendar year: a name, a comment or a read of the result says so. A calendar year is
// 365 or 366 days. Durations that compute no date (timeouts, TTLs), and dates the code does not
// mean as "the same date next year" (lifetimes, timestamps, windows named in days), are not
// reported.

use std::time::{Duration as StdDuration, Instant, SystemTime};

use chrono::{Datelike, Months, NaiveDate, TimeDelta, Utc};
use jiff::{civil, SignedDuration, Span, Timestamp, ToSpan};

// ---------------------------------------------------------------- std

// flagged: SystemTime plus a product of 365 days, returned by a function named for a renewal
pub fn renewal_instant(issued: SystemTime) -> SystemTime {
    issued + StdDuration::from_secs(365 * 24 * 60 * 60) //~ WARN hand_built_year_duration
}

// flagged: now plus 31_536_000 seconds, returned by `one_year_from_now`
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

// flagged: 366 days in milliseconds, added in place by a function named for a year
pub fn extend_by_a_year(expires: &mut SystemTime) {
    *expires += StdDuration::from_millis(31_622_400_000); //~ WARN hand_built_year_duration
}

// flagged: 8_760 hours through a `let` named `year`
pub fn hours_later(start: SystemTime) -> SystemTime {
    let year = StdDuration::from_hours(8_760); //~ WARN hand_built_year_duration
    start + year
}

// flagged: 525_600 minutes, said to be a year in a comment
pub fn minutes_later(created: SystemTime) -> SystemTime {
    // the subscription runs for one year
    created + StdDuration::from_mins(525_600) //~ WARN hand_built_year_duration
}

// flagged: 5 years as a product of literals
pub fn five_years_later(start: SystemTime) -> SystemTime {
    start + StdDuration::from_secs(5 * 365 * 24 * 3600) //~ WARN hand_built_year_duration
}

// flagged: N years as a product with a variable named `years`
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

// flagged: chrono Duration::days(366), the date's own name says a year
pub fn next_birthday(birthday: NaiveDate) -> NaiveDate {
    birthday + chrono::Duration::days(366) //~ WARN hand_built_year_duration
}

// flagged: chrono TimeDelta::weeks(52) from today, bound to `next_year` and shown as a date
pub fn fifty_two_weeks() -> String {
    let next_year = Utc::now() + TimeDelta::weeks(52); //~ WARN hand_built_year_duration
    next_year.format("%Y-%m-%d").to_string()
}

// flagged: chrono TimeDelta::try_days(365 * n), checked, returned by `n_years`
pub fn n_years(start: NaiveDate, n: i64) -> Option<NaiveDate> {
    start.checked_add_signed(TimeDelta::try_days(365 * n)?) //~ WARN hand_built_year_duration
}

// flagged: chrono Duration::seconds(31_536_000), the result printed as a date
pub fn chrono_seconds(start: chrono::DateTime<Utc>) {
    let end = start + chrono::Duration::seconds(31_536_000); //~ WARN hand_built_year_duration
    println!("valid until {}", end.date_naive());
}

// flagged: the result's year is read: from 2028-01-01, 365 days later is 2028-12-31, still 2028
pub fn year_of_next(today: NaiveDate) -> i32 {
    (today + TimeDelta::days(365)).year() //~ WARN hand_built_year_duration
}

// flagged: the result's day is read, so it is meant as a date
pub fn day_of_next(today: NaiveDate) -> u32 {
    (today + TimeDelta::days(365)).day() //~ WARN hand_built_year_duration
}

// flagged: subtracted and read as a year: from 2028-12-31 (day 366), 365 days earlier is
// 2028-01-01, in the same year
pub fn last_years_year(today: NaiveDate) -> i32 {
    (today - TimeDelta::days(365)).year() //~ WARN hand_built_year_duration
}

// flagged: subtracted and named "last year": from 2028-03-01, one year earlier is 2027-03-01,
// but 365 days earlier is 2027-03-02
pub fn same_day_last_year(today: NaiveDate) -> NaiveDate {
    let last_year = today - TimeDelta::days(365); //~ WARN hand_built_year_duration
    last_year
}

// flagged: calendar-year arithmetic on the same date says a year is meant
pub fn both(start: NaiveDate) -> (NaiveDate, Option<NaiveDate>) {
    let a = start + TimeDelta::days(365); //~ WARN hand_built_year_duration
    (a, start.checked_add_months(Months::new(12)))
}

// flagged: in a match arm `Yearly`
pub enum Period {
    Weekly,
    Yearly,
}
pub fn next_due(period: Period, last: NaiveDate) -> NaiveDate {
    match period {
        Period::Weekly => last + TimeDelta::days(7),
        Period::Yearly => last + TimeDelta::days(365), //~ WARN hand_built_year_duration
    }
}

// flagged: stored in a struct field named for a renewal
pub struct Subscription {
    pub renews_on: NaiveDate,
}
pub fn subscribe(today: NaiveDate) -> Subscription {
    Subscription {
        renews_on: today + TimeDelta::days(365), //~ WARN hand_built_year_duration
    }
}

// ---------------------------------------------------------------- time

// flagged: time Duration::days(365), returned by a function named for an anniversary
pub fn time_anniversary(start: time::Date) -> time::Date {
    start + time::Duration::days(365) //~ WARN hand_built_year_duration
}

// flagged: time Duration::weeks(52) from now, commented as a year
pub fn time_weeks() -> time::OffsetDateTime {
    // renew in a year
    time::OffsetDateTime::now_utc() + time::Duration::weeks(52) //~ WARN hand_built_year_duration
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's `365.days()`, the result's year read
pub fn jiff_days(start: civil::Date) -> Result<i16, jiff::Error> {
    Ok(start.checked_add(365.days())?.year()) //~ WARN hand_built_year_duration
}

// flagged: jiff's `Span::new().days(365)`, bound to `next_year`
pub fn jiff_span(start: civil::Date) -> Result<civil::Date, jiff::Error> {
    let next_year = start.checked_add(Span::new().days(365))?; //~ WARN hand_built_year_duration
    Ok(next_year)
}

// flagged: jiff's SignedDuration::from_hours(8_760), in a function named for a year
pub fn a_year_from_now() -> Timestamp {
    Timestamp::now() + SignedDuration::from_hours(8_760) //~ WARN hand_built_year_duration
}

// flagged: jiff's SignedDuration::from_secs(31_536_000), shown
pub fn jiff_signed_secs(start: Timestamp) {
    println!("{}", start + SignedDuration::from_secs(31_536_000)); //~ WARN hand_built_year_duration
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

// not flagged: "about a year ago" as a cutoff: nothing says the same date last year is meant
pub fn stale_cutoff(now: NaiveDate) -> NaiveDate {
    now - TimeDelta::days(365)
}

// not flagged: a cutoff shown as a date is still only a cutoff when subtracted
pub fn show_cutoff(now: NaiveDate) {
    println!("since {}", now - TimeDelta::days(365));
}

// not flagged: a fixed length added, and nothing (name, comment, read) says a calendar year:
// it computes a point in time 365 days on, which is what it says
pub fn later(start: NaiveDate) -> NaiveDate {
    start + TimeDelta::days(365)
}
pub fn extend(expires: &mut SystemTime) {
    *expires += StdDuration::from_millis(31_622_400_000);
}
pub fn jiff_later(start: Timestamp) -> Timestamp {
    start + SignedDuration::from_secs(31_536_000)
}

// not flagged: a JWT `exp` a few years on is a lifetime, read as a timestamp, not a date
pub fn token_exp() -> i64 {
    (Utc::now() + chrono::Duration::days(3 * 365)).timestamp()
}

// not flagged: a lifetime by name (a refresh token), even when added to the clock
pub fn refresh_expiry() -> chrono::NaiveDateTime {
    let ttl = TimeDelta::days(365);
    Utc::now().naive_utc() + ttl
}

// not flagged: a window named in days, even when shown as a date
pub fn report_start(today: NaiveDate) -> String {
    let last_365_days = today - TimeDelta::days(365);
    last_365_days.format("%Y-%m-%d").to_string()
}

// not flagged: a look-ahead window is meant in days, even with "year" in its comment
pub fn fetch_until(now: SystemTime) -> SystemTime {
    now + StdDuration::from_secs(31_536_000) // look ahead about a year
}

// not flagged: the code says the fixed length is meant, as the help suggests
pub fn purge_after(created: SystemTime) -> SystemTime {
    created + StdDuration::from_secs(31_536_000) // 365 days, not a year
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

// not flagged: 365 days only where the calendar year failed on the same date
pub fn renewal_or(issued: chrono::DateTime<Utc>) -> chrono::DateTime<Utc> {
    issued
        .checked_add_months(Months::new(12))
        .unwrap_or_else(|| issued + TimeDelta::days(365))
}
