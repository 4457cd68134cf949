// leapcheck-flags: -A year_arithmetic_on_date
// A lint set to allow still supersedes the generic lints: with the year lint allowed, its calls
// are not reported again by unwrap_on_date_construction or panicking_date_constructor.

use chrono::{Datelike, NaiveDate};

// not flagged: the year lint's call, allowed
pub fn renewal(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day()).unwrap()
}

// not flagged: the same call, thrown away
pub fn thrown_away(d: NaiveDate) {
    let _ = NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day());
}

// flagged: another unwrap, of a date's month and day with another date's year
pub fn mixed(a: NaiveDate, b: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(a.year(), b.month(), b.day()).unwrap() //~ WARN unwrap_on_date_construction
}
