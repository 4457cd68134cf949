// format_field_mixup: a conversion of a date format that prints another field than its
// neighbours say: `%M` (minute) among date fields, `%m` (month) among time fields, `%D` (a whole
// date) among date fields, `%j` (day of the year) with the month, `%s` (Unix timestamp) after
// minutes, `%h` (month name) before minutes; and the same in time's format descriptions.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

// ---------------------------------------------------------------- chrono

// flagged: the minute where the month belongs
pub fn day_key(d: DateTime<Utc>) -> String {
    d.format("%Y-%M-%d").to_string() //~ ERROR format_field_mixup
}

// flagged: the month where the minute belongs
pub fn clock(d: NaiveDateTime) -> String {
    d.format("%d.%m.%Y %H:%m").to_string() //~ ERROR format_field_mixup
}

// flagged: through a constant, in a parser
const STAMP: &str = "%d/%M/%Y"; //~ ERROR format_field_mixup

pub fn parse_stamp(s: &str) -> chrono::ParseResult<NaiveDate> {
    NaiveDate::parse_from_str(s, STAMP)
}

// flagged: %D is a whole date
pub fn report_name(d: NaiveDate) -> String {
    d.format("report-%Y-%m-%D.csv").to_string() //~ ERROR format_field_mixup
}

// flagged: the day of the year with the month
pub fn folder(d: NaiveDate) -> String {
    d.format("%Y/%m/%j").to_string() //~ ERROR format_field_mixup
}

// flagged: %s is the Unix timestamp
pub fn seconds(d: NaiveDateTime) -> String {
    d.format("%H:%M:%s").to_string() //~ ERROR format_field_mixup
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's strftime
pub fn jiff_key(d: jiff::civil::Date) -> String {
    d.strftime("%Y%M%d").to_string() //~ ERROR format_field_mixup
}

// ---------------------------------------------------------------- time

// flagged: a format description with the minute among date components
pub fn time_key(d: time::Date) -> String {
    let fmt = time::format_description::parse("[year]-[minute]-[day]").unwrap(); //~ ERROR format_field_mixup
    d.format(&fmt).unwrap()
}

// flagged: the month after an hour
pub fn time_clock(t: time::PrimitiveDateTime) -> String {
    let fmt = time::macros::format_description!("[hour]:[month]"); //~ ERROR format_field_mixup
    t.format(&fmt).unwrap()
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: every field in its place
pub fn fine(d: NaiveDateTime) -> Vec<String> {
    vec![
        d.format("%Y-%m-%d %H:%M:%S").to_string(),
        d.format("%Y%m%d%H%M%S").to_string(),
        d.format("%d%m%H%M").to_string(),
        d.format("%D %H:%M").to_string(),
        d.format("%Y-%m-%d (day %j)").to_string(),
        d.format("%Y-%j").to_string(),
        d.format("%s").to_string(),
        d.format("%b %e %H:%M").to_string(),
    ]
}

// not flagged: a catalog of conversions, each after its letter (a test of the formatter)
pub fn catalog(d: NaiveDateTime) -> String {
    d.format("d%d D%D H%H j%j m%m M%M S%S y%y Y%Y").to_string()
}

// not flagged: every conversion once, run together: the field each letter could stand for is
// there too (`%d` beside `%D`, `%m` beside `%M`)
pub fn every_conversion(d: NaiveDateTime) -> String {
    d.format("%a%d%D%m%M%Y").to_string()
}

// not flagged: printf-style text that reaches no date formatter
pub fn message(mins: u32) -> String {
    let template = "%Y-%M-%d is not a date format here";
    format!("{template} {mins}")
}

// not flagged: a time description in its place
pub fn time_fine(t: time::PrimitiveDateTime) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    t.format(&fmt).unwrap()
}
