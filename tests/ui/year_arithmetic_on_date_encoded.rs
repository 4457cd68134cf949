// year_arithmetic_on_date: a date encoded with a shifted year and its own month and day, as an
// integer YYYYMMDD or as text that no parse reads back here: it holds Feb 29 of a common year.

use chrono::{Datelike, NaiveDate, Utc};

// flagged: the shape, an integer key one year ahead
pub fn expiry_key(d: NaiveDate) -> i32 {
    (d.year() + 1) * 10000 + d.month() as i32 * 100 + d.day() as i32 //~ WARN year_arithmetic_on_date
}

// flagged: through lets, nested form, from the clock
pub fn renewal() -> u32 {
    let today = Utc::now().date_naive();
    let (y, m, d) = (today.year() as u32 + 1, today.month(), today.day());
    (y * 100 + m) * 100 + d //~ WARN year_arithmetic_on_date
}

// flagged: text with the next year, kept as a string (stored, sent)
pub fn anniversary_label(d: NaiveDate) -> String {
    format!("{}-{:02}-{:02}", d.year() + 1, d.month(), d.day()) //~ WARN year_arithmetic_on_date
}

// flagged: time's date, inline captures
pub fn time_label(d: time::Date) -> String {
    let y = d.year() - 1;
    let m = d.month() as u8;
    let day = d.day();
    format!("{y}{m:02}{day:02}") //~ WARN year_arithmetic_on_date
}

// flagged once: parsed back here, the finding is the parse's (the string is not reported)
pub fn parsed(d: NaiveDate) -> Option<NaiveDate> {
    let s = format!("{}-{:02}-{:02}", d.year() + 1, d.month(), d.day());
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok() //~ WARN year_arithmetic_on_date
}

// not flagged: the same year, or the first of the month
pub fn fine(d: NaiveDate) -> (i32, i32, String) {
    (
        d.year() * 10000 + d.month() as i32 * 100 + d.day() as i32,
        (d.year() + 1) * 10000 + d.month() as i32 * 100 + 1,
        format!("{}-{:02}", d.year() + 1, d.month()),
    )
}

// not flagged: Feb 29 handled first
pub fn guarded(d: NaiveDate) -> i32 {
    if d.month() == 2 && d.day() == 29 {
        return (d.year() + 1) * 10000 + 228;
    }
    (d.year() + 1) * 10000 + d.month() as i32 * 100 + d.day() as i32
}

// not flagged: a bound that is only compared: 20290229 still sorts between 20290228 and
// 20290301, and nothing decodes it
pub fn within_a_year(key: i32) -> bool {
    let today = Utc::now().date_naive();
    let max = (today.year() + 1) * 10000 + today.month() as i32 * 100 + today.day() as i32;
    key <= max && key >= today.year() * 10000
}

// not flagged: arithmetic that is no date (a sum of three products with other scales)
pub fn score(d: NaiveDate) -> i32 {
    (d.year() + 1) * 365 + d.month() as i32 * 31 + d.day() as i32
}
