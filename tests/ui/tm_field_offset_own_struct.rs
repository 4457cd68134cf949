// tm_field_offset, second file: a struct of the file's own with `tm_*` fields that is no
// `#[repr(C)]` copy of C's `struct tm`: what its fields count is the author's choice (here the
// full year and a 1-based month), so nothing in this file is reported.

use chrono::NaiveDate;

pub struct CalendarDay {
    pub tm_year: u16,
    pub tm_mon: u8,
    pub tm_mday: u8,
}

// not flagged: the full year, compared with a year of our era
pub fn after_epoch(d: &CalendarDay) -> bool {
    d.tm_year > 1970
}

// not flagged: printed as a date with the author's own month
pub fn iso(d: &CalendarDay) -> String {
    format!("{}-{:02}-{:02}", d.tm_year, d.tm_mon, d.tm_mday)
}

// not flagged: passed to a constructor as they are
pub fn to_date(d: &CalendarDay) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.tm_year.into(), d.tm_mon.into(), d.tm_mday.into())
}
