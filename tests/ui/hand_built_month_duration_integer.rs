// leapcheck-flags: -W pedantic
// hand_built_month_duration on integers: a month as a number of seconds or milliseconds in
// integer arithmetic (`now_secs + months * 30 * 86_400`, `* 2_592_000`), and in a duration
// constructor through constants and `let`s (`Duration::from_secs(n * SECS_PER_MONTH)`), where
// the code means a calendar month. Silent for a constant named as a mean length
// (`AVG_MONTH_SECS`) and for spans that compute no date.

use std::time::{Duration, SystemTime};

const SECS_PER_MONTH: u64 = 30 * 24 * 3600;
const AVG_MONTH_SECS: u64 = 2_629_746;
const SECS_PER_DAY: i64 = 86_400;

// ---------------------------------------------------------------- flagged

// flagged: a renewal N months later in Unix seconds; from 2027-01-31 one month later is in
// February, 30 days later is 2027-03-02
pub fn renewal_at(now_secs: i64, months: i64) -> i64 {
    now_secs + months * 30 * 86_400 //~ WARN hand_built_month_duration
}

// flagged: the month as a literal number of seconds
pub fn next_billing(start_time: u64, months: u64) -> u64 {
    start_time + months * 2_592_000 //~ WARN hand_built_month_duration
}

// flagged: in milliseconds, with the day from a constant
pub fn month_later_ms(created_ms: i64) -> i64 {
    // one month after creation
    created_ms + 30 * SECS_PER_DAY * 1000 //~ WARN hand_built_month_duration
}

// flagged: through a `let`
pub fn months_ago(now_ts: i64, months: i64) -> i64 {
    let span = months * 30 * 86_400; //~ WARN hand_built_month_duration
    now_ts - span
}

// flagged: a duration constructor with a named constant
pub fn next_month(start: SystemTime) -> SystemTime {
    start + Duration::from_secs(SECS_PER_MONTH) //~ WARN hand_built_month_duration
}

// flagged: a duration constructor with a count of months times a constant
pub fn months_later(start: SystemTime, months: u64) -> SystemTime {
    start + Duration::from_secs(months * SECS_PER_MONTH) //~ WARN hand_built_month_duration
}

// flagged: the argument through a `let`
pub fn months_from(start: SystemTime, months: u64) -> SystemTime {
    let secs = months * 2592000;
    start + Duration::from_secs(secs) //~ WARN hand_built_month_duration
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: a constant named as the mean month
pub fn approx_months_later(start: SystemTime, months: u64) -> SystemTime {
    start + Duration::from_secs(months * AVG_MONTH_SECS)
}

// not flagged: a lifetime in seconds, not a calendar month
pub fn token_expiry(now_secs: i64) -> i64 {
    now_secs + 30 * 86_400
}

// not flagged: a span that computes no date (a comparison)
pub fn is_stale(age_secs: u64, months: u64) -> bool {
    age_secs > months * 2_592_000
}

// not flagged: a count of days, not seconds
pub fn days_in_months(months: i64) -> i64 {
    months * 30
}

// not flagged: a factor of a duration constructor is the constructor's to read (once)
pub fn one_month(start: SystemTime) -> SystemTime {
    // a month later
    start + Duration::from_secs(30 * 86_400) //~ WARN hand_built_month_duration
}
