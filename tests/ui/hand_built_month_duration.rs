// leapcheck-flags: -W pedantic
// hand_built_month_duration (pedantic, allow by default): a month written as a fixed length
// (30 or 31 days, 2_592_000 or 2_678_400 seconds, 720 hours, or the average month) that computes
// a date: added to or subtracted from a date or clock value, directly or through the `let` or
// `const` holding it. Months have 28 to 31 days. A 30-day duration that computes no date (a
// formatter's input, a comparison, a timeout) is not reported.

use std::time::{Duration as StdDuration, SystemTime};

use chrono::{DateTime, Months, NaiveDate, TimeDelta, Utc};
use jiff::{civil, SignedDuration, Span, Timestamp, ToSpan};
use openssl::asn1::Asn1Time;

// ---------------------------------------------------------------- std

// flagged: the incident's shape: "monthly" billing as 30 days drifts off the calendar; from
// 2027-01-31 the next charge lands on 2027-03-02 and February is skipped
pub fn next_charge(last_charge: SystemTime) -> SystemTime {
    last_charge + StdDuration::from_secs(30 * 24 * 60 * 60) //~ WARN hand_built_month_duration
}

// flagged: 2_592_000 seconds from now
pub fn session_expiry() -> SystemTime {
    SystemTime::now() + StdDuration::from_secs(2_592_000) //~ WARN hand_built_month_duration
}

// flagged: 31 days in seconds, with checked_add
pub fn long_month(start: SystemTime) -> Option<SystemTime> {
    start.checked_add(StdDuration::from_secs(2_678_400)) //~ WARN hand_built_month_duration
}

// flagged: 720 hours through a `let`
pub fn hours_month(start: SystemTime) -> SystemTime {
    let month = StdDuration::from_hours(720); //~ WARN hand_built_month_duration
    start + month
}

// flagged: a constant holding the duration, added to a date
pub const BILLING_PERIOD: StdDuration = StdDuration::from_secs(30 * 86_400); //~ WARN hand_built_month_duration
pub fn next_statement(issued: SystemTime) -> SystemTime {
    issued + BILLING_PERIOD
}

// ---------------------------------------------------------------- chrono

// flagged: chrono TimeDelta::days(30)
pub fn next_invoice(last: NaiveDate) -> NaiveDate {
    last + TimeDelta::days(30) //~ WARN hand_built_month_duration
}

// flagged: N months as 30 days each
pub fn n_months_later(start: NaiveDate, n: i64) -> NaiveDate {
    start + TimeDelta::days(30 * n) //~ WARN hand_built_month_duration
}

// flagged: "a month ago" as 30 days, subtracted: from 2027-03-01 it is 2027-01-30, not Feb 1
pub fn a_month_ago() -> DateTime<Utc> {
    Utc::now() - chrono::Duration::days(30) //~ WARN hand_built_month_duration
}

// flagged: subtracted in place
pub fn back_a_month(date: &mut NaiveDate) {
    *date -= TimeDelta::days(31); //~ WARN hand_built_month_duration
}

// ---------------------------------------------------------------- time

// flagged: time Duration::days(30)
pub fn time_month(date: time::Date) -> time::Date {
    date + time::Duration::days(30) //~ WARN hand_built_month_duration
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's `30.days()` on a civil date
pub fn jiff_days(date: civil::Date) -> Result<civil::Date, jiff::Error> {
    date.checked_add(30.days()) //~ WARN hand_built_month_duration
}

// flagged: jiff, the average Gregorian month (30.436875 days) in seconds, from now
pub fn jiff_average_month() -> Result<Timestamp, jiff::Error> {
    Timestamp::now().checked_add(SignedDuration::from_secs(2_629_746)) //~ WARN hand_built_month_duration
}

// ---------------------------------------------------------------- openssl

// flagged: a certificate "valid for a month" (30 days from the clock)
pub fn monthly_cert() -> Result<Asn1Time, openssl::error::ErrorStack> {
    Asn1Time::days_from_now(30) //~ WARN hand_built_month_duration
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: calendar months
pub fn next_invoice_fixed(last: NaiveDate) -> Option<NaiveDate> {
    last.checked_add_months(Months::new(1))
}

// not flagged: jiff's calendar month
pub fn jiff_month() -> Span {
    1.month()
}

// not flagged: a 30-day duration given to a formatter: it computes no date
pub fn describe() -> String {
    humanize(TimeDelta::days(30))
}

fn humanize(d: TimeDelta) -> String {
    format!("in {} days", d.num_days())
}

// not flagged: compared, not added to a date
pub fn is_stale(age: TimeDelta) -> bool {
    age > TimeDelta::days(30)
}

// not flagged: a timeout or a cache lifetime returned as a duration
pub fn cache_ttl() -> StdDuration {
    StdDuration::from_secs(2_592_000)
}

// not flagged: four weeks, a fortnight, a quarter of 90 days: not month lengths
pub fn other_periods(start: NaiveDate) -> (NaiveDate, NaiveDate, NaiveDate, NaiveDate) {
    (
        start + TimeDelta::weeks(4),
        start + TimeDelta::days(14),
        start + TimeDelta::days(90),
        start + TimeDelta::days(28),
    )
}

// not flagged: 30 seconds, 30 minutes, 31 hours
pub fn small(now: SystemTime) -> (SystemTime, SystemTime, SystemTime) {
    (
        now + StdDuration::from_secs(30),
        now + StdDuration::from_secs(30 * 60),
        now + StdDuration::from_hours(31),
    )
}

// not flagged: a plain 30 that is not a duration
pub fn days_in_april() -> u32 {
    30
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    // not flagged: a test's exact durations, no date
    #[test]
    fn thirty_days() {
        assert_eq!(TimeDelta::days(30).num_seconds(), 2_592_000);
    }

    // not flagged: a fixed instant plus 30 days is one fixed result, asserted
    #[test]
    fn from_epoch() {
        let mut time = UNIX_EPOCH + StdDuration::from_secs(86_400);
        time += StdDuration::from_secs(2_592_000);
        assert_eq!(time, UNIX_EPOCH + StdDuration::from_secs(31 * 86_400));
    }

    // flagged: a test on the clock: on 2027-01-31 it computes 2027-03-02
    #[test]
    fn from_today() {
        let today = Utc::now().date_naive();
        let next = today + TimeDelta::days(30); //~ WARN hand_built_month_duration
        assert!(next > today);
    }
}
