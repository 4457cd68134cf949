// leapcheck-flags: -W pedantic
// hand_built_month_duration (pedantic, allow by default): a month written as a fixed length
// (30 or 31 days, 2_592_000 or 2_678_400 seconds, 720 hours, or the average month) that computes
// a date: added to or subtracted from a date or clock value, directly or through the `let` or
// `const` holding it, where the code means a calendar month (a name, a comment, a read of the
// result's month, calendar-month arithmetic on the same date). Months have 28 to 31 days. A
// 30-day duration that computes no date (a formatter's input, a comparison, a timeout), or a
// date meant in days (a term, a lifetime, a window named in days), is not reported.

use std::time::{Duration as StdDuration, SystemTime};

use chrono::{DateTime, Datelike, Local, Months, NaiveDate, TimeDelta, Utc};
use jiff::{civil, SignedDuration, Span, Timestamp, ToSpan};

// ---------------------------------------------------------------- std

// flagged: the incident's shape: "monthly" billing as 30 days drifts off the calendar; from
// 2027-01-31 the next charge lands on 2027-03-02 and February is skipped
pub fn next_monthly_charge(last_charge: SystemTime) -> SystemTime {
    last_charge + StdDuration::from_secs(30 * 24 * 60 * 60) //~ WARN hand_built_month_duration
}

// flagged: 2_592_000 seconds from now, said to be a month in a comment
pub fn statement_due() -> SystemTime {
    // one month from today
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

// flagged: a constant named for a month, added to a date
pub const ONE_MONTH: StdDuration = StdDuration::from_secs(30 * 86_400); //~ WARN hand_built_month_duration
pub fn next_statement(issued: SystemTime) -> SystemTime {
    issued + ONE_MONTH
}

// ---------------------------------------------------------------- chrono

// flagged: chrono TimeDelta::days(30) bound to `next_month`
pub fn next_invoice(last: NaiveDate) -> NaiveDate {
    let next_month = last + TimeDelta::days(30); //~ WARN hand_built_month_duration
    next_month
}

// flagged: N months as 30 days each
pub fn n_months_later(start: NaiveDate, n: i64) -> NaiveDate {
    start + TimeDelta::days(30 * n) //~ WARN hand_built_month_duration
}

// flagged: "a month ago" as 30 days, subtracted: from 2027-03-01 it is 2027-01-30, not Feb 1
pub fn a_month_ago() -> DateTime<Utc> {
    Utc::now() - chrono::Duration::days(30) //~ WARN hand_built_month_duration
}

// flagged: subtracted in place by a function named for a month
pub fn back_a_month(date: &mut NaiveDate) {
    *date -= TimeDelta::days(31); //~ WARN hand_built_month_duration
}

// flagged: the result is read as a month: on every 31st, 30 days earlier is the 1st of the
// same month (from 2026-12-31, 2026-12-01), so "last month" is this month
pub fn last_month_key(now: DateTime<Local>) -> String {
    (now - chrono::Duration::days(30)).format("%Y-%m-01").to_string() //~ WARN hand_built_month_duration
}

// flagged: the result's month is read: from 2026-12-01, 30 days later is 2026-12-31, still
// December
pub fn next_months_number(today: NaiveDate) -> u32 {
    (today + TimeDelta::days(30)).month() //~ WARN hand_built_month_duration
}

// flagged: the first of the result's month: from 2026-12-31 that is 2026-12-01 again
pub fn previous_month_start(today: NaiveDate) -> Option<NaiveDate> {
    (today - TimeDelta::days(30)).with_day(1) //~ WARN hand_built_month_duration
}

// flagged: a month name and year shown
pub fn next_month_label(today: NaiveDate) -> String {
    (today + TimeDelta::days(31)).format("%B %Y").to_string() //~ WARN hand_built_month_duration
}

// flagged: in a match arm `Monthly`
pub enum Every {
    Week,
    Monthly,
}
pub fn next_run(every: Every, last: NaiveDate) -> NaiveDate {
    match every {
        Every::Week => last + TimeDelta::days(7),
        Every::Monthly => last + TimeDelta::days(30), //~ WARN hand_built_month_duration
    }
}

// not flagged: the 30 days are used only if the calendar month fails, which for a NaiveDate
// happens only at the end of chrono's range
pub fn due(start: NaiveDate) -> NaiveDate {
    start
        .checked_add_months(Months::new(1))
        .unwrap_or(start + TimeDelta::days(30))
}

// ---------------------------------------------------------------- time

// flagged: time Duration::days(30), returned by a function named for a month
pub fn time_month(date: time::Date) -> time::Date {
    date + time::Duration::days(30) //~ WARN hand_built_month_duration
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's `30.days()` on a civil date, stored in a field named for a renewal
pub struct Plan {
    pub renewal: civil::Date,
}
pub fn jiff_days(date: civil::Date) -> Result<Plan, jiff::Error> {
    Ok(Plan {
        renewal: date.checked_add(30.days())?, //~ WARN hand_built_month_duration
    })
}

// flagged: jiff, the average Gregorian month (30.436875 days) in seconds, from now
pub fn jiff_average_month() -> Result<Timestamp, jiff::Error> {
    Timestamp::now().checked_add(SignedDuration::from_secs(2_629_746)) //~ WARN hand_built_month_duration
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: a 30-day term with nothing saying a calendar month (no name, comment or read of
// the month): 30 days is what it computes and, as far as the code says, what it means
pub fn next_charge(last_charge: SystemTime) -> SystemTime {
    last_charge + StdDuration::from_secs(30 * 24 * 60 * 60)
}
pub const BILLING_PERIOD: StdDuration = StdDuration::from_secs(30 * 86_400);
pub fn next_period(issued: SystemTime) -> SystemTime {
    issued + BILLING_PERIOD
}
pub fn jiff_later(date: civil::Date) -> Result<civil::Date, jiff::Error> {
    date.checked_add(30.days())
}

// not flagged: a due date shown as a date is still 30 days (net 30), not a month
pub fn print_due(issued: NaiveDate) {
    let due = issued + TimeDelta::days(30);
    println!("due {}", due.format("%Y-%m-%d"));
}

// not flagged: a session's lifetime from the clock
pub fn session_expiry() -> SystemTime {
    SystemTime::now() + StdDuration::from_secs(2_592_000)
}

// not flagged: a refresh token's lifetime through a `let` named `ttl`
pub fn refresh_token_expiry() -> chrono::NaiveDateTime {
    let ttl = TimeDelta::days(30);
    Utc::now().naive_utc() + ttl
}

// not flagged: a window named in days (a "last 30 days" report), read as a date
pub enum Range {
    LastThirtyDays,
    ThisWeek,
}
pub fn range_start(range: Range) -> NaiveDate {
    match range {
        Range::LastThirtyDays => (Local::now() - TimeDelta::days(30)).date_naive(),
        Range::ThisWeek => (Local::now() - TimeDelta::days(7)).date_naive(),
    }
}

// not flagged: a window by name, even when its month is shown
pub fn lookback_label(now: NaiveDate) -> String {
    let lookback_start = now - TimeDelta::days(30);
    lookback_start.format("%B").to_string()
}

// not flagged: read as a timestamp: a cookie or token expiry in seconds
pub fn cookie_expires_at() -> i64 {
    (Utc::now() + TimeDelta::days(30)).timestamp()
}

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
        let next_month = today + TimeDelta::days(30); //~ WARN hand_built_month_duration
        assert!(next_month > today);
    }

    // not flagged: a test on the clock that means 30 days (nothing says a month)
    #[test]
    fn thirty_days_from_today() {
        let today = Utc::now().date_naive();
        let later = today + TimeDelta::days(30);
        assert!(later > today);
    }
}

// not flagged: 30 days only where calendar-month arithmetic on the same date failed (a local
// time a month ahead that falls in a DST gap), as a deliberate fallback
pub fn next_month_due(now: DateTime<Local>) -> NaiveDate {
    match now.checked_add_months(Months::new(1)) {
        Some(v) => v.date_naive(),
        None => (now + TimeDelta::days(30)).date_naive(),
    }
}

// not flagged: the same fallback in a closure
pub fn next_month_due_or(now: DateTime<Local>) -> NaiveDate {
    now.checked_add_months(Months::new(1))
        .unwrap_or_else(|| now + TimeDelta::days(30))
        .date_naive()
}

// flagged: the fallback adds 30 days to another date than the one that failed, and the code
// reads the month of the result
pub fn next_month_of_start(now: DateTime<Local>, start: DateTime<Local>) -> u32 {
    match now.checked_add_months(Months::new(1)) {
        Some(v) => v.month(),
        None => (start + TimeDelta::days(30)).month(), //~ WARN hand_built_month_duration
    }
}
