// unchecked_local_time: where the naive local time comes from (a real instant of the same zone,
// or one that chrono already resolved to a single instant), and chrono's deprecated `Date<Tz>`.
#![allow(deprecated)]

use chrono::{Datelike, DateTime, Days, Local, Months, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

// ---------------------------------------------------------------- already resolved (silent)

// not flagged: `DateTime - Days` resolved this local time with `.single()` (and panicked otherwise)
pub fn ten_days_ago() -> DateTime<Local> {
    let t = Local::now() - Days::new(10);
    Local.from_local_datetime(&t.naive_local()).unwrap()
}

// not flagged: `+ Months` too, with the naive value in a `let`
pub fn next_quarter() -> DateTime<Local> {
    let t = Local::now() + Months::new(3);
    let naive = t.naive_local();
    Local.from_local_datetime(&naive).single().unwrap()
}

// not flagged: `checked_add_days` of a non-zero number of days, unwrapped
pub fn in_a_week(now: DateTime<Local>) -> DateTime<Local> {
    let t = now.checked_add_days(Days::new(7)).unwrap();
    t.naive_local().and_local_timezone(Local).unwrap()
}

// not flagged: a `DateTime` setter resolves the new local time with `.single()` as well
pub fn first_of_month(tz: Tz, naive: NaiveDateTime) -> Option<DateTime<Tz>> {
    let start = tz.from_local_datetime(&naive).single()?;
    let first = start.with_day(1)?;
    Some(tz.from_local_datetime(&first.naive_local()).unwrap())
}

// not flagged: a real instant's local time is never in a gap, and `.earliest()` settles an overlap
pub fn now_earliest() -> DateTime<Local> {
    Local.from_local_datetime(&Local::now().naive_local()).earliest().unwrap()
}

// ---------------------------------------------------------------- flagged

// flagged: the clock's local time exists, but it may be the repeated hour of an overlap
pub fn now_again() -> DateTime<Local> {
    let now = Local::now();
    Local.from_local_datetime(&now.naive_local()).unwrap() //~ WARN unchecked_local_time
}

// flagged: `+ TimeDelta` moves the instant, not the wall clock: a real instant, maybe repeated
pub fn in_an_hour() -> DateTime<Local> {
    let t = Local::now() + TimeDelta::hours(1);
    Local.from_local_datetime(&t.naive_local()).unwrap() //~ WARN unchecked_local_time
}

// flagged: `checked_add_days(Days::new(n))` returns the date-time unchanged when `n` is 0
pub fn later(now: DateTime<Local>, n: u64) -> DateTime<Local> {
    let t = now.checked_add_days(Days::new(n)).unwrap();
    Local.from_local_datetime(&t.naive_local()).unwrap() //~ WARN unchecked_local_time
}

// flagged: a UTC wall-clock time read as local time may fall in a gap too
pub fn utc_wall_clock() -> DateTime<Local> {
    let t = Utc::now() - Days::new(1);
    Local.from_local_datetime(&t.naive_local()).unwrap() //~ WARN unchecked_local_time
}

// ---------------------------------------------------------------- chrono's deprecated Date<Tz>

// flagged: `Date<Tz>::and_hms` resolves 02:30 with `.single()` and panics in a gap or an overlap
pub fn deprecated_at(tz: Tz, d: NaiveDate) -> DateTime<Tz> {
    tz.ymd(d.year(), d.month(), d.day()).and_hms(2, 30, 0) //~ WARN unchecked_local_time
}

// flagged: `and_hms_opt(..).unwrap()` on today's local date at 01:30
pub fn today_at_half_past_one() -> DateTime<Local> {
    Local::today().and_hms_opt(1, 30, 0).unwrap() //~ WARN unchecked_local_time
}

// flagged: the date passes through a `let`
pub fn through_let(d: NaiveDate) -> DateTime<Local> {
    let day = Local.ymd_opt(d.year(), d.month(), d.day()).unwrap(); //~ WARN unchecked_local_time
    day.and_hms_milli(2, 0, 0, 500) //~ WARN unchecked_local_time
}

// flagged: `Local.ymd(..)` looks up local midnight, which America/Santiago skips once a year
pub fn local_day(d: NaiveDate) -> chrono::Date<Local> {
    Local.ymd(d.year(), d.month(), d.day()) //~ WARN unchecked_local_time
}

// not flagged: no zone changes its clocks at noon
pub fn today_noon(tz: Tz, d: NaiveDate) -> DateTime<Tz> {
    tz.ymd(d.year(), d.month(), d.day()).and_hms(12, 0, 0)
}

// not flagged: UTC has no DST
pub fn utc_date(d: NaiveDate) -> DateTime<Utc> {
    Utc.ymd(d.year(), d.month(), d.day()).and_hms(2, 30, 0)
}

// not flagged: the None of `and_hms_opt` is returned to the caller
pub fn maybe(tz: Tz, d: NaiveDate) -> Option<DateTime<Tz>> {
    tz.ymd(d.year(), d.month(), d.day()).and_hms_opt(2, 30, 0)
}

// not flagged: a chrono-tz zone gives a date an offset it has at some time of that day
pub fn zoned_day(tz: Tz, d: NaiveDate) -> chrono::Date<Tz> {
    tz.ymd(d.year(), d.month(), d.day())
}

// not flagged: a literal date whose midnight exists in every zone the checker knows
pub fn new_year() -> chrono::Date<Local> {
    Local.ymd(2027, 1, 1)
}
