// week_number_with_calendar_year: an ISO week number put together with the calendar year of
// the same date. Around New Year the two disagree: 2027-01-01 is in week 53 of ISO year 2026,
// so "2027-W53" names a week a year away; 2024-12-30 is in week 1 of 2025 ("2024-W01").

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

// ---------------------------------------------------------------- chrono

// flagged: a weekly report's label
pub fn week_label(d: NaiveDate) -> String {
    format!("{}-W{:02}", d.year(), d.iso_week().week()) //~ ERROR week_number_with_calendar_year
}

// flagged: a key per week, as a tuple
pub fn bucket(counts: &mut HashMap<(i32, u32), u32>, d: NaiveDate) {
    *counts.entry((d.year(), d.iso_week().week())).or_default() += 1; //~ ERROR week_number_with_calendar_year
}

// flagged: through `let`s and captured names (no fix: the year is read in a `let`)
pub fn week_file(d: NaiveDate) -> String {
    let year = d.year();
    let week = d.iso_week().week();
    format!("reports/{year}/week-{week:02}.csv") //~ ERROR week_number_with_calendar_year
}

// not flagged: the ISO week's own year
pub fn week_label_ok(d: NaiveDate) -> String {
    format!("{}-W{:02}", d.iso_week().year(), d.iso_week().week())
}

// not flagged: both years on purpose (a calendar date with its ISO week beside it)
pub fn both(d: NaiveDate) -> String {
    format!(
        "{}-{:02}-{:02} (ISO {}-W{:02})",
        d.year(),
        d.month(),
        d.day(),
        d.iso_week().year(),
        d.iso_week().week()
    )
}

// not flagged: a whole calendar date beside its week number, through `let`s
pub fn starts(d: NaiveDate) -> String {
    let (year, month, day) = (d.year(), d.month(), d.day());
    let week = d.iso_week().week();
    format!("starts on {day}-{month}-{year} [week {week}]")
}

// flagged: a calendar view's title, week first
pub fn title(d: NaiveDate) -> String {
    format!("CW {} – {}", d.iso_week().week(), d.year()) //~ ERROR week_number_with_calendar_year
}

// not flagged: the year and the week of two different dates
pub fn span(start: NaiveDate, end: NaiveDate) -> String {
    format!("{} to week {}", start.year(), end.iso_week().week())
}

// not flagged: a calendar date with its week number (the year is the date's, and right)
pub fn dated(d: NaiveDate) -> String {
    format!("{} week {}", d, d.iso_week().week())
}

// ---------------------------------------------------------------- time

// flagged: time's `iso_week()` is the number itself
pub fn time_label(d: time::Date) -> String {
    format!("{}-W{:02}", d.year(), d.iso_week()) //~ ERROR week_number_with_calendar_year
}

// not flagged: the ISO year from `to_iso_week_date`
pub fn time_label_ok(d: time::Date) -> String {
    let (year, week, _) = d.to_iso_week_date();
    format!("{year}-W{week:02}")
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's ISO week date read for the week only
pub fn jiff_label(d: jiff::civil::Date) -> String {
    format!("{}-W{:02}", d.year(), d.iso_week_date().week()) //~ ERROR week_number_with_calendar_year
}

// not flagged: the ISO week date's own year
pub fn jiff_label_ok(d: jiff::civil::Date) -> String {
    let w = d.iso_week_date();
    format!("{}-W{:02}", w.year(), w.week())
}
