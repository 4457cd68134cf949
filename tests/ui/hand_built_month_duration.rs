// leapcheck-flags: -W pedantic
// hand_built_month_duration (pedantic, allow by default): a month written as a fixed length in
// a duration constructor: 30 or 31 days, 2_592_000 or 2_678_400 seconds, 720 hours, or the
// average month. Months have 28 to 31 days.

use std::time::Duration as StdDuration;

use chrono::{Months, NaiveDate, TimeDelta};
use jiff::{SignedDuration, Span, ToSpan};
use openssl::asn1::Asn1Time;

// ---------------------------------------------------------------- std

// flagged: the incident's shape: "monthly" billing as 30 days drifts off the calendar; from
// 2027-01-31 the next charge lands on 2027-03-02 and February is skipped
pub fn billing_period() -> StdDuration {
    StdDuration::from_secs(30 * 24 * 60 * 60) //~ WARN hand_built_month_duration
}

// flagged: 2_592_000 seconds
pub fn session_max_age() -> StdDuration {
    StdDuration::from_secs(2_592_000) //~ WARN hand_built_month_duration
}

// flagged: 31 days in seconds
pub fn long_month() -> StdDuration {
    StdDuration::from_secs(2_678_400) //~ WARN hand_built_month_duration
}

// flagged: 720 hours
pub fn hours_month() -> StdDuration {
    StdDuration::from_hours(720) //~ WARN hand_built_month_duration
}

// ---------------------------------------------------------------- chrono

// flagged: chrono TimeDelta::days(30)
pub fn next_invoice(last: NaiveDate) -> NaiveDate {
    last + TimeDelta::days(30) //~ WARN hand_built_month_duration
}

// flagged: N months as 30 days each
pub fn n_months(n: i64) -> TimeDelta {
    TimeDelta::days(30 * n) //~ WARN hand_built_month_duration
}

// flagged: chrono Duration::days(31)
pub fn chrono_31() -> chrono::Duration {
    chrono::Duration::days(31) //~ WARN hand_built_month_duration
}

// ---------------------------------------------------------------- time

// flagged: time Duration::days(30)
pub fn time_month() -> time::Duration {
    time::Duration::days(30) //~ WARN hand_built_month_duration
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's `30.days()`
pub fn jiff_days() -> Span {
    30.days() //~ WARN hand_built_month_duration
}

// flagged: jiff, the average Gregorian month (30.436875 days) in seconds
pub fn jiff_average_month() -> SignedDuration {
    SignedDuration::from_secs(2_629_746) //~ WARN hand_built_month_duration
}

// ---------------------------------------------------------------- openssl

// flagged: a certificate "valid for a month"
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

// not flagged: four weeks, a fortnight, a quarter of 90 days: not month lengths
pub fn other_periods() -> (TimeDelta, TimeDelta, time::Duration, TimeDelta) {
    (
        TimeDelta::weeks(4),
        TimeDelta::days(14),
        time::Duration::days(90),
        TimeDelta::days(28),
    )
}

// not flagged: 30 seconds, 30 minutes, 31 hours
pub fn small() -> (StdDuration, StdDuration, StdDuration) {
    (
        StdDuration::from_secs(30),
        StdDuration::from_secs(30 * 60),
        StdDuration::from_hours(31),
    )
}

// not flagged: a plain 30 that is not a duration
pub fn days_in_april() -> u32 {
    30
}

// not flagged: tests build exact durations on purpose
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_days() {
        assert_eq!(TimeDelta::days(30).num_seconds(), 2_592_000);
    }
}
