// non_leap_days_in_month_table: the table [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
// in a function that makes no leap-year adjustment (no `leap`, no `== 2` special case for
// February, no 29). Tables in consts and statics at item level: see
// non_leap_days_in_month_table_const.rs (there the whole file is the scope).

use chrono::{Datelike, NaiveDate};

// ---------------------------------------------------------------- std (hand-rolled calendars)

// flagged: the incident's shape: a date validator whose February always has 28 days rejects
// every Feb 29, the kind of bug that stopped card payments at New Zealand fuel pumps on
// 2024-02-29; next on 2028-02-29
pub fn is_valid_date(_year: i32, month: u32, day: u32) -> bool {
    let days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; //~ WARN non_leap_days_in_month_table
    (1..=12).contains(&month) && day >= 1 && day <= days[month as usize - 1]
}

// flagged: day of the year from the table: one short from March 1 of a leap year on
pub fn day_of_year(month: usize, day: u32) -> u32 {
    let lengths: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; //~ WARN non_leap_days_in_month_table
    lengths[..month - 1].iter().sum::<u32>() + day
}

// flagged: a const table inside the function counts with the function
pub fn days_in(month: usize) -> u8 {
    const DAYS: [u8; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; //~ WARN non_leap_days_in_month_table
    DAYS[month - 1]
}

// flagged: in a Vec
pub fn month_lengths() -> Vec<u16> {
    vec![31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] //~ WARN non_leap_days_in_month_table
}

// ---------------------------------------------------------------- chrono

// flagged: the last day of a chrono date's month (Feb 28 in 2028 too: with_day(28) is not the
// last day of February 2028)
pub fn end_of_month(d: NaiveDate) -> Option<NaiveDate> {
    let table = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; //~ WARN non_leap_days_in_month_table
    d.with_day(table[d.month0() as usize])
}

// ---------------------------------------------------------------- time

// flagged: days left in a time date's month
pub fn days_left(d: time::Date) -> u8 {
    let t = [31u8, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; //~ WARN non_leap_days_in_month_table
    t[d.month() as usize - 1] - d.day()
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's month as an index
pub fn jiff_month_length(d: jiff::civil::Date) -> i8 {
    let t: [i8; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; //~ WARN non_leap_days_in_month_table
    t[d.month() as usize - 1]
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: the table with February adjusted in leap years
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if month == 2 && is_leap(year) {
        29
    } else {
        days[month as usize - 1]
    }
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

// not flagged: `+ 1` for February through a bool named leap
pub fn month_length(month: usize, leap: bool) -> u32 {
    let t = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    t[month - 1] + u32::from(month == 2 && leap)
}

// not flagged: a common-year and a leap-year table side by side
pub fn both_tables(leap_year: bool, month: usize) -> u8 {
    let tables = [
        [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31],
        [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31],
    ];
    tables[usize::from(leap_year)][month - 1]
}

// not flagged: the leap-year table alone
pub fn max_days(month: usize) -> u8 {
    [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
}

// not flagged: cumulative days before each month, and a table of 11 months
pub fn cumulative() -> ([u32; 12], [u32; 11]) {
    (
        [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334],
        [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30],
    )
}

// not flagged: the library knows the length of the month
pub fn library_lengths(t: time::Date, j: jiff::civil::Date) -> (u8, i8) {
    (t.month().length(t.year()), j.days_in_month())
}
