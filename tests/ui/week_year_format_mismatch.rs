// week_year_format_mismatch: a date format that mixes the ISO week-based year (`%G`, `%g`,
// `[year base:iso_week]`) with the calendar month or day, or the calendar year (`%Y`, `[year]`)
// with the ISO week number (`%V`, `[week_number repr:iso]`). The two years differ for a few days
// around New Year.

use chrono::{NaiveDate, NaiveDateTime};
use time::macros::format_description;

// ---------------------------------------------------------------- chrono

// flagged: the incident's shape (Twitter's "YYYY" bug logged users out on 2014-12-29, which is
// in week 1 of ISO year 2015): 2014-12-29 prints as "2015-12-29"; next, 2027-01-01 (in week
// 53 of 2026) prints as "2026-01-01"
pub fn stamp(d: NaiveDate) -> String {
    d.format("%G-%m-%d").to_string() //~ ERROR week_year_format_mismatch
}

// flagged: parsing with the week-based year
pub fn parse(s: &str) -> chrono::ParseResult<NaiveDate> {
    NaiveDate::parse_from_str(s, "%G/%m/%d") //~ ERROR week_year_format_mismatch
}

// flagged: the two-digit week-based year, with flags on the month and day
pub fn short(dt: NaiveDateTime) -> String {
    dt.format("%g%-m%-d %H:%M").to_string() //~ ERROR week_year_format_mismatch
}

// flagged: the week-based year with the day of the year
pub fn ordinal_stamp(d: NaiveDate) -> String {
    d.format("%G-%j").to_string() //~ ERROR week_year_format_mismatch
}

// flagged: the calendar year with the ISO week: 2027-01-01 is in week 53 of 2026, so this
// prints "2027-W53"
pub fn week_label(d: NaiveDate) -> String {
    d.format("%Y-W%V").to_string() //~ ERROR week_year_format_mismatch
}

// flagged: a format constant, wherever it is used
pub const LOG_DATE: &str = "%G-%m-%dT%H:%M:%S"; //~ ERROR week_year_format_mismatch

// ---------------------------------------------------------------- jiff

// flagged: jiff's strftime
pub fn jiff_stamp(d: jiff::civil::Date) -> String {
    d.strftime("%G-%m-%d").to_string() //~ ERROR week_year_format_mismatch
}

// flagged: jiff's strptime
pub fn jiff_parse(s: &str) -> Result<jiff::civil::Date, jiff::Error> {
    jiff::civil::Date::strptime("%G-%m-%d", s) //~ ERROR week_year_format_mismatch
}

// ---------------------------------------------------------------- time

// flagged: time's format_description! macro
pub fn time_stamp(d: time::Date) -> Result<String, time::error::Format> {
    d.format(format_description!("[year base:iso_week]-[month]-[day]")) //~ ERROR week_year_format_mismatch
}

// flagged: time's runtime format description
pub fn time_parse() -> Result<Vec<time::format_description::BorrowedFormatItem<'static>>, time::error::InvalidFormatDescription> {
    time::format_description::parse("[year repr:last_two base:iso_week][month][day]") //~ ERROR week_year_format_mismatch
}

// flagged: time, the calendar year with the ISO week
pub fn time_week() -> Result<Vec<time::format_description::BorrowedFormatItem<'static>>, time::error::InvalidFormatDescription> {
    time::format_description::parse("[year]-W[week_number repr:iso]") //~ ERROR week_year_format_mismatch
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: the ISO week date, all in the week-based system
pub fn iso_week_date(d: NaiveDate) -> String {
    d.format("%G-W%V-%u").to_string()
}

// not flagged: the calendar date
pub fn calendar(d: NaiveDate) -> String {
    d.format("%Y-%m-%d %H:%M:%S").to_string()
}

// not flagged: both systems printed in full, on purpose
pub fn both(d: NaiveDate) -> String {
    d.format("%G-W%V-%u = %Y-%j").to_string()
}

// not flagged: a literal percent sign before G (`%%G` prints "%G")
pub fn escaped(d: NaiveDate) -> String {
    d.format("%%G-%m-%d").to_string()
}

// not flagged: %W is the week of the calendar year, consistent with %Y
pub fn sunday_weeks(d: NaiveDate) -> String {
    d.format("%Y-W%W").to_string()
}

// not flagged: time, the ISO week date and the calendar date
pub fn time_formats() -> (
    &'static [time::format_description::BorrowedFormatItem<'static>],
    &'static [time::format_description::BorrowedFormatItem<'static>],
) {
    (
        format_description!("[year base:iso_week]-W[week_number repr:iso]-[weekday repr:monday]"),
        format_description!("[year]-[month]-[day]"),
    )
}

// not flagged: jiff, the ISO week date
pub fn jiff_week(d: jiff::civil::Date) -> String {
    d.strftime("%G-W%V").to_string()
}

// not flagged: tests may print either year on purpose
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn week_year_differs_at_new_year() {
        let d = NaiveDate::from_ymd_opt(2014, 12, 29).unwrap();
        assert_eq!(d.format("%G-%m-%d").to_string(), "2015-12-29");
    }
}
