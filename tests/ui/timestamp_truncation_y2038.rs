// timestamp_truncation_y2038: Unix seconds narrowed to 32 bits: `.timestamp() as i32`,
// `.as_secs() as u32` on a duration since UNIX_EPOCH, `unix_timestamp() as i32`, jiff's
// `as_second() as i32`, `i32::try_from(ts).unwrap()`. i32 ends at 2038-01-19T03:14:07Z,
// u32 at 2106-02-07T06:28:15Z.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use jiff::Timestamp;
use time::OffsetDateTime;

// ---------------------------------------------------------------- chrono

// flagged: the incident's shape (Y2038): at 2038-01-19T03:14:08Z this i32 wraps to
// -2147483648, which reads as 1901-12-13T20:45:52Z
pub fn header_time(now: DateTime<Utc>) -> i32 {
    now.timestamp() as i32 //~ WARN timestamp_truncation_y2038
}

// flagged: unsigned lasts until 2106-02-07
pub fn record_time() -> u32 {
    Utc::now().timestamp() as u32 //~ WARN timestamp_truncation_y2038
}

// flagged: the narrowed seconds kept in a local (the fix widens the local, cast and type)
pub fn millis(now: DateTime<Utc>) -> i64 {
    let secs: i32 = now.timestamp() as i32; //~ WARN timestamp_truncation_y2038
    i64::from(secs) * 1000
}

// flagged: the same with an inferred type
pub fn next_run(now: DateTime<Utc>) -> String {
    let at = now.timestamp() as u32 + 60; //~ WARN timestamp_truncation_y2038
    at.to_string()
}

// flagged: through a binding
pub fn stored(now: DateTime<Utc>) -> i32 {
    let ts = now.timestamp();
    ts as i32 //~ WARN timestamp_truncation_y2038
}

// flagged: a checked conversion that is unwrapped panics on 2038-01-19T03:14:08Z instead
pub fn checked_but_unwrapped(now: DateTime<Utc>) -> i32 {
    let ts = now.timestamp();
    i32::try_from(ts).unwrap() //~ WARN timestamp_truncation_y2038
}

// ---------------------------------------------------------------- std

// flagged: std seconds since UNIX_EPOCH as u32
pub fn std_u32() -> u32 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as u32 //~ WARN timestamp_truncation_y2038
}

// flagged: the duration bound to a variable first
pub fn std_i32() -> Result<i32, std::time::SystemTimeError> {
    let since = SystemTime::now().duration_since(UNIX_EPOCH)?;
    Ok(since.as_secs() as i32) //~ WARN timestamp_truncation_y2038
}

// ---------------------------------------------------------------- time

// flagged: time's unix_timestamp()
pub fn time_i32() -> i32 {
    OffsetDateTime::now_utc().unix_timestamp() as i32 //~ WARN timestamp_truncation_y2038
}

// flagged: time, u32::try_from(..).expect(..)
pub fn time_u32(now: OffsetDateTime) -> u32 {
    u32::try_from(now.unix_timestamp()).expect("positive") //~ WARN timestamp_truncation_y2038
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's Timestamp::as_second()
pub fn jiff_i32() -> i32 {
    Timestamp::now().as_second() as i32 //~ WARN timestamp_truncation_y2038
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: kept as i64 (or widened)
pub fn wide(now: DateTime<Utc>) -> (i64, u64, f64) {
    let ts = now.timestamp();
    (ts, ts as u64, now.timestamp() as f64)
}

// not flagged: the checked conversion, handled with `?`
pub fn checked(now: DateTime<Utc>) -> Result<i32, std::num::TryFromIntError> {
    let ts = now.timestamp();
    let narrow = i32::try_from(ts)?;
    Ok(narrow)
}

// not flagged: the checked conversion with a fallback
pub fn saturating(now: OffsetDateTime) -> i32 {
    i32::try_from(now.unix_timestamp()).unwrap_or(i32::MAX)
}

// not flagged: an elapsed time is not a Unix timestamp
pub fn elapsed_secs(start: Instant) -> u32 {
    start.elapsed().as_secs() as u32
}

// not flagged: a timeout in seconds
pub fn timeout_secs(d: Duration) -> u32 {
    d.as_secs() as u32
}

// not flagged: days since the epoch fit in 32 bits for millions of years
pub fn epoch_day(now: DateTime<Utc>) -> i32 {
    (now.timestamp() / 86_400) as i32
}

// not flagged: the sub-second part
pub fn nanos(now: DateTime<Utc>) -> i32 {
    now.timestamp_subsec_nanos() as i32
}
