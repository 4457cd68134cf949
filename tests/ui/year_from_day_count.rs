// year_from_day_count: a count of days or seconds divided by a 365-day year and used as a
// calendar year (`1970 + days / 365`) or an age.

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{NaiveDate, Utc};

// ---------------------------------------------------------------- std

// flagged: the epoch year from seconds since 1970
pub fn current_year() -> u64 {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    1970 + secs / 31_536_000 //~ ERROR year_from_day_count
}

// flagged: days since the epoch, the year through a named constant
const EPOCH_YEAR: i64 = 1970;

pub fn year_of_day(days_since_epoch: i64) -> i64 {
    EPOCH_YEAR + days_since_epoch / 365 //~ WARN year_from_day_count
}

// flagged: a year length built from other constants, then a year from a timestamp
const SECS_PER_DAY: u64 = 24 * 60 * 60;
const DAYS_PER_YEAR: u64 = 365;
const SECS_PER_YEAR: u64 = DAYS_PER_YEAR * SECS_PER_DAY;

pub fn year_of_timestamp(ts: u64) -> u64 {
    ts / SECS_PER_YEAR + 1970 //~ WARN year_from_day_count
}

// ---------------------------------------------------------------- chrono

// flagged: the age shape
pub fn age(birth: NaiveDate) -> i64 {
    let today = Utc::now().date_naive();
    (today - birth).num_days() / 365 //~ ERROR year_from_day_count
}

// flagged: a named age, the count through a let, with a float year of 365.0
pub fn can_vote(born: NaiveDate, on: NaiveDate) -> bool {
    let days = on.signed_duration_since(born).num_days();
    let age_years = (days as f64 / 365.0).floor() as i64; //~ ERROR year_from_day_count
    age_years >= 18
}

// flagged: a struct field named for an age
pub struct Person {
    pub age: i64,
}

pub fn person(dob: NaiveDate, today: NaiveDate) -> Person {
    Person {
        age: today.signed_duration_since(dob).num_seconds() / (365 * 24 * 3600), //~ ERROR year_from_day_count
    }
}

// ---------------------------------------------------------------- time

// flagged: time's whole_days()
pub fn time_age(birthday: time::Date, today: time::Date) -> i64 {
    let age = (today - birthday).whole_days() / 365; //~ ERROR year_from_day_count
    age
}

// ---------------------------------------------------------------- jiff

// flagged: a year from jiff's seconds
pub fn jiff_year(ts: jiff::Timestamp) -> i64 {
    1970 + ts.as_second() / 31_536_000 //~ ERROR year_from_day_count
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: a mean-year estimate, named as one
pub fn approx_age(birth: NaiveDate, today: NaiveDate) -> f64 {
    (today - birth).num_days() as f64 / 365.2425
}

pub fn age_in_julian_years(birth: NaiveDate, today: NaiveDate) -> i64 {
    ((today - birth).num_days() as f64 / 365.25) as i64
}

// not flagged: a mean year written as a fraction (Hebrew calendar months, a Gregorian cycle)
pub fn mean_year(days: i64) -> i64 {
    let year = 1 + (days as f64).div_euclid(35_975_351.0 / 98_496.0) as i64;
    year + (days as f64 / (146_097.0 / 400.0)) as i64
}

// not flagged: an approximate duration shown to a person ("about 3 years ago")
pub fn humanize(days: i64) -> String {
    if days >= 365 {
        format!("{} years ago", days / 365)
    } else {
        format!("{days} days ago")
    }
}

// not flagged: a day count split into a number of 365-day blocks that is neither a year nor an
// age (a storage bucket)
pub fn bucket(days_since_epoch: i64) -> i64 {
    days_since_epoch / 365
}

// not flagged: a page count or a usage quota per 365 units are not ages
pub fn usage_per_year(usage: i64) -> i64 {
    let usage_rate = usage / 365;
    usage_rate
}

// not flagged: the calendar's own year
pub fn real_year(secs: i64) -> Option<i32> {
    use chrono::Datelike;
    Some(chrono::DateTime::from_timestamp(secs, 0)?.year())
}
