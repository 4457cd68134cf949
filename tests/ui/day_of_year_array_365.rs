// day_of_year_array_365: storage or bounds sized for 365 days of the year: `[T; 365]`,
// `vec![x; 365]`, `ordinal() == 365`, `ordinal() <= 365`, `% 365` on a day of the year. On
// Dec 31 of a leap year the day of the year is 366 (ordinal0() is 365): one past the end.

use chrono::{Datelike, NaiveDate};

// ---------------------------------------------------------------- chrono

// flagged: the incident's shape: daily counters indexed by the day of the year; on 2024-12-31,
// day 366, `ordinal0()` is 365 and the index panics (next: 2028-12-31)
pub fn daily_counts(dates: &[NaiveDate]) -> [u32; 365] { //~ WARN day_of_year_array_365
    let mut counts = [0u32; 365]; //~ WARN day_of_year_array_365
    for d in dates {
        counts[d.ordinal0() as usize] += 1;
    }
    counts
}

// flagged: "the last day of the year" as day 365: in a leap year that is Dec 30
pub fn is_year_end(d: NaiveDate) -> bool {
    d.ordinal() == 365 //~ WARN day_of_year_array_365
}

// flagged: the literal on the left
pub fn year_end_left(d: NaiveDate) -> bool {
    365 == d.ordinal() //~ WARN day_of_year_array_365
}

// ---------------------------------------------------------------- time

// flagged: a validity bound that rejects day 366
pub fn valid_ordinal(d: time::Date) -> bool {
    d.ordinal() <= 365 //~ WARN day_of_year_array_365
}

// ---------------------------------------------------------------- jiff

// flagged: day 366 wraps to day 1
pub fn bucket(d: jiff::civil::Date) -> i16 {
    d.day_of_year() % 365 //~ WARN day_of_year_array_365
}

// ---------------------------------------------------------------- std and plain storage

// flagged: a struct field sized for 365 days
pub struct YearlyProfile {
    pub load_kwh: [f64; 365], //~ WARN day_of_year_array_365
}

// flagged: a Vec of 365 days
pub fn new_profile() -> Vec<f64> {
    vec![0.0; 365] //~ WARN day_of_year_array_365
}

// flagged: a bound on a variable named for the day of the year
pub fn check_doy(doy: u32) -> Result<u32, String> {
    if doy > 365 { //~ WARN day_of_year_array_365
        return Err(format!("day of year out of range: {doy}"));
    }
    Ok(doy)
}

// ---------------------------------------------------------------- counted from 0

// flagged: `ordinal0()` is 365 on day 366, which this bound rejects
pub fn valid_ordinal0(d: NaiveDate) -> bool {
    d.ordinal0() >= 365 //~ WARN day_of_year_array_365
}

// flagged: the same bound written the other way round, through a `let`
pub fn in_range(d: NaiveDate) -> bool {
    let day = d.ordinal0();
    365 > day //~ WARN day_of_year_array_365
}

// flagged: "the last day" counted from 0 as 364: Dec 30 in a leap year
pub fn last_day0(d: NaiveDate) -> bool {
    d.ordinal0() == 364 //~ WARN day_of_year_array_365
}

// flagged: `ordinal() - 1` counts from 0
pub fn slot(d: time::Date) -> Option<usize> {
    let i = d.ordinal() - 1;
    if i >= 365 { //~ WARN day_of_year_array_365
        return None;
    }
    Some(i as usize)
}

// flagged: C's `tm_yday` counts from 0
pub fn yday_ok(tm: &libc::tm) -> bool {
    tm.tm_yday < 365 //~ WARN day_of_year_array_365
}

// flagged: a `let` holding the day of the year, modulo 365
pub fn weekly_slot(d: NaiveDate) -> u32 {
    let day = d.ordinal();
    day % 365 //~ WARN day_of_year_array_365
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: `ordinal0() == 365` asks for day 366 itself
pub fn is_day_366(d: NaiveDate) -> bool {
    d.ordinal0() == 365
}

// not flagged: bounds of 366 counted from 1, and of 365 counted from 1 with `<` (days 1-364)
pub fn bounds(d: NaiveDate) -> (bool, bool) {
    (d.ordinal0() < 366, d.ordinal() < 365)
}

// not flagged: `ordinal() >= 365` (Dec 30 or 31) says too little to tell
pub fn near_year_end(d: jiff::civil::Date) -> bool {
    d.day_of_year() >= 365
}

// not flagged: a `let` holding a count of days, not a day of the year
pub fn long_ago(a: NaiveDate, b: NaiveDate) -> bool {
    let day = (b - a).num_days();
    day >= 365
}

// not flagged: C's `tm_yday` compared with 365 counted from 0 (Dec 31 of a leap year)
pub fn yday_is_366th(tm: &libc::tm) -> bool {
    tm.tm_yday == 365
}

// not flagged: sized for 366 days
pub fn daily_counts_fixed(dates: &[NaiveDate]) -> [u32; 366] {
    let mut counts = [0u32; 366];
    for d in dates {
        counts[d.ordinal0() as usize] += 1;
    }
    counts
}

// not flagged: the bound is 366, or the library's length of the year
pub fn valid(d: time::Date, j: jiff::civil::Date) -> (bool, bool) {
    (d.ordinal() <= 366, j.day_of_year() == j.days_in_year())
}

// not flagged: a Vec sized from the year's own length
pub fn per_day(j: jiff::civil::Date) -> Vec<f64> {
    vec![0.0; j.days_in_year() as usize]
}

// not flagged: `% 365` on something that is not a day of the year
pub fn spread(hash: u64) -> u64 {
    hash % 365
}

// not flagged: a count of days compared with 365 (a year of retention, not an index)
pub fn expired(age_days: i64) -> bool {
    age_days > 365
}

// not flagged: the last day of the year asked of the library
pub fn is_last_day(d: NaiveDate) -> bool {
    d.succ_opt().is_some_and(|n| n.year() != d.year())
}
