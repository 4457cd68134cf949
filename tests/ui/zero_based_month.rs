// zero_based_month: a month, day or weekday counted from 0 where one counted from 1 is expected
// (or the reverse), and a 1-based field used as an index into an array of that many entries.

use chrono::{Datelike, Month, NaiveDate, Utc, Weekday};

// ---------------------------------------------------------------- chrono: constructors and setters

// flagged: the shape: month0() where from_ymd_opt counts months from 1
pub fn first_of_month(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month0(), 1).unwrap() //~ ERROR zero_based_month
}

// flagged: with_month(x.month0()), returned to the caller
pub fn same_month(d: NaiveDate, x: NaiveDate) -> Option<NaiveDate> {
    d.with_month(x.month0()) //~ ERROR zero_based_month
}

// flagged: the reverse: a 1-based month given to the 0-based setter, through a let
pub fn reverse() -> NaiveDate {
    let today = Utc::now().date_naive();
    let m = today.month();
    today.with_month0(m).unwrap() //~ ERROR zero_based_month
}

// flagged: day0() as a day
pub fn day_before(d: NaiveDate) -> Option<NaiveDate> {
    d.with_day(d.day0()) //~ ERROR zero_based_month
}

// flagged: ordinal0() as a day of the year
pub fn from_ordinal(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_yo_opt(d.year(), d.ordinal0()) //~ ERROR zero_based_month
}

// ---------------------------------------------------------------- chrono: enums from numbers

// flagged: Month::try_from counts from 1 (January)
pub fn month_of(d: NaiveDate) -> Option<Month> {
    Month::try_from(d.month0() as u8).ok() //~ ERROR zero_based_month
}

// flagged: Weekday::try_from counts from 0 (Monday)
pub fn weekday_of(d: NaiveDate) -> Option<Weekday> {
    let n = d.weekday().number_from_monday();
    Weekday::try_from(n as u8).ok() //~ ERROR zero_based_month
}

// ---------------------------------------------------------------- indexes

const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

// flagged: December is past the end
pub fn month_name(d: NaiveDate) -> &'static str {
    MONTH_NAMES[d.month() as usize] //~ ERROR zero_based_month
}

// flagged: a local table, weekdays counted from 1
pub fn weekday_name(d: NaiveDate) -> &'static str {
    let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    names[d.weekday().number_from_monday() as usize] //~ ERROR zero_based_month
}

// flagged: a parameter typed as 12 entries, the index through a let
pub fn budget_of(budgets: &[u32; 12], d: NaiveDate) -> u32 {
    let m = d.month() as usize;
    budgets[m] //~ ERROR zero_based_month
}

// flagged: time's 1-based month as an index
pub fn time_month_name(d: time::Date) -> &'static str {
    MONTH_NAMES[d.month() as usize] //~ ERROR zero_based_month
}

// flagged: jiff's 1-based month as an index
pub fn jiff_month_name(d: jiff::civil::Date) -> &'static str {
    MONTH_NAMES[d.month() as usize] //~ ERROR zero_based_month
}

// flagged: jiff: a weekday counted from 0 given to a constructor that counts from 1
pub fn jiff_weekday(d: jiff::civil::Date) -> Result<jiff::civil::Weekday, jiff::Error> {
    jiff::civil::Weekday::from_monday_one_offset(d.weekday().to_monday_zero_offset()) //~ ERROR zero_based_month
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: the offset applied
pub fn converted(d: NaiveDate) -> Option<NaiveDate> {
    let a = NaiveDate::from_ymd_opt(d.year(), d.month0() + 1, 1)?;
    let b = a.with_month0(d.month() - 1)?;
    b.with_month0(d.month0())
}

// not flagged: the 0-based index, and the 1-based one minus 1
pub fn names(d: NaiveDate) -> (&'static str, &'static str) {
    (
        MONTH_NAMES[d.month0() as usize],
        MONTH_NAMES[d.month() as usize - 1],
    )
}

// not flagged: a table with an unused entry 0 takes the 1-based month
const PADDED: [&str; 13] = [
    "", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

pub fn padded(d: NaiveDate) -> &'static str {
    PADDED[d.month() as usize]
}

// not flagged: a slice constant with an unused entry 0, its length read from the literal
const LONG_NAMES: &[&str] = &[
    "", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

pub fn long_name(d: NaiveDate) -> &'static str {
    LONG_NAMES[d.month() as usize]
}

// flagged: the same slice constant without the unused entry
const SHORT: &[&str] = &["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"];

pub fn initial(d: NaiveDate) -> &'static str {
    SHORT[d.month() as usize] //~ ERROR zero_based_month
}

// not flagged: Month::try_from with the 1-based month; Weekday::try_from with the 0-based one
pub fn enums(d: NaiveDate) -> (Option<Month>, Option<Weekday>) {
    (
        Month::try_from(d.month() as u8).ok(),
        Weekday::try_from(d.weekday().num_days_from_monday() as u8).ok(),
    )
}

// not flagged: a month number that is not read from a date (an unrelated integer)
pub fn from_input(month_index: u32) -> &'static str {
    MONTH_NAMES[month_index as usize]
}

// not flagged: a bit mask by the 0-based month is not an index
pub fn mask(d: NaiveDate) -> u16 {
    1u16 << d.month0()
}
