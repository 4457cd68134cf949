// hand_built_year_duration on integers: a year as a number of seconds or milliseconds in
// integer arithmetic (`now_secs + years * 365 * 86_400`, `* 31_536_000`), and in a duration
// constructor through constants and `let`s, where the code means a calendar year. Silent for
// a constant named as a mean length (`AVG_YEAR_SECS`) and for spans that compute no date.

use std::time::{Duration, SystemTime};

const SECS_PER_YEAR: u64 = 365 * 24 * 3600;
const AVG_YEAR_SECS: u64 = 31_556_952;

// ---------------------------------------------------------------- flagged

// flagged: an anniversary N years later in Unix seconds
pub fn anniversary(start_time: i64, years: i64) -> i64 {
    start_time + years * 365 * 86_400 //~ WARN hand_built_year_duration
}

// flagged: next year's renewal date, in milliseconds
pub fn renewal_date_ms(now_ms: i64) -> i64 {
    now_ms + 365 * 86_400 * 1000 //~ WARN hand_built_year_duration
}

// flagged: through a `let`
pub fn years_ago(now_ts: i64, years: i64) -> i64 {
    let span = years * 31_536_000; //~ WARN hand_built_year_duration
    now_ts - span
}

// flagged: a duration constructor with a count of years times a constant
pub fn years_later(start: SystemTime, years: u64) -> SystemTime {
    start + Duration::from_secs(years * SECS_PER_YEAR) //~ WARN hand_built_year_duration
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: a constant named as the mean year
pub fn approx_years_later(start: SystemTime, years: u64) -> SystemTime {
    start + Duration::from_secs(years * AVG_YEAR_SECS)
}

// not flagged: a cache lifetime of 365 days
pub fn cache_until(now_secs: i64) -> i64 {
    now_secs + 365 * 86_400
}

// not flagged: a comparison, no date computed
pub fn older_than_years(age_secs: i64, years: i64) -> bool {
    age_secs > years * 31_536_000
}
