// tm_field_offset: C's `struct tm` counts years from 1900, months from 0 and days of the year
// from 0; its fields used as calendar values without the offset, or the reverse.

use chrono::{Datelike, NaiveDate};

fn now_tm() -> libc::tm {
    unsafe {
        let t = libc::time(std::ptr::null_mut());
        let mut tm: libc::tm = std::mem::zeroed();
        libc::localtime_r(&t, &mut tm);
        tm
    }
}

// ---------------------------------------------------------------- read

// flagged: a date built from the raw fields
pub fn today() -> Option<NaiveDate> {
    let tm = now_tm();
    NaiveDate::from_ymd_opt(tm.tm_year, tm.tm_mon as u32, tm.tm_mday as u32) //~ ERROR tm_field_offset
}

// flagged: the month without + 1 (the year is right)
pub fn this_month() -> NaiveDate {
    let tm = now_tm();
    NaiveDate::from_ymd_opt(tm.tm_year + 1900, tm.tm_mon as u32, 1).unwrap() //~ ERROR tm_field_offset
}

// flagged: the day of the year without + 1, through a let
pub fn from_yday(tm: &libc::tm) -> Option<NaiveDate> {
    let yday = tm.tm_yday as u32;
    NaiveDate::from_yo_opt(tm.tm_year + 1900, yday) //~ ERROR tm_field_offset
}

// flagged: compared with a year of our era
pub fn after_2000(tm: &libc::tm) -> bool {
    tm.tm_year >= 2000 //~ ERROR tm_field_offset
}

// flagged: December is 11
pub fn is_december(tm: &libc::tm) -> bool {
    tm.tm_mon == 12 //~ ERROR tm_field_offset
}

// flagged: printed as a date
pub fn stamp(tm: &libc::tm) -> String {
    format!("{}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon, tm.tm_mday) //~ ERROR tm_field_offset
}

// flagged: chrono's Month counts from 1
pub fn month_of(tm: &libc::tm) -> Option<chrono::Month> {
    chrono::Month::try_from(tm.tm_mon as u8).ok() //~ ERROR tm_field_offset
}

// flagged: a `#[repr(C)]` copy of C's struct, as FFI bindings declare it, counts as C's
#[repr(C)]
pub struct CTm {
    pub tm_sec: i32,
    pub tm_min: i32,
    pub tm_hour: i32,
    pub tm_mday: i32,
    pub tm_mon: i32,
    pub tm_year: i32,
}

pub fn from_ffi(tm: &CTm) -> bool {
    tm.tm_year >= 2000 //~ ERROR tm_field_offset
}

// ---------------------------------------------------------------- write

// flagged: a calendar year and month stored as they are
pub fn to_tm(d: NaiveDate) -> libc::tm {
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = d.year(); //~ ERROR tm_field_offset
    tm.tm_mon = d.month() as i32; //~ ERROR tm_field_offset
    tm.tm_mday = d.day() as i32;
    tm
}

// flagged: in a struct literal, from a variable named for a year
pub fn make_tm(year: i32, month0: i32, day: i32) -> libc::tm {
    libc::tm {
        tm_year: year, //~ WARN tm_field_offset
        tm_mon: month0,
        tm_mday: day,
        ..unsafe { std::mem::zeroed() }
    }
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: the offsets applied
pub fn right(tm: &libc::tm, d: NaiveDate) -> (Option<NaiveDate>, libc::tm, String) {
    let date = NaiveDate::from_ymd_opt(
        tm.tm_year + 1900,
        (tm.tm_mon + 1) as u32,
        tm.tm_mday as u32,
    );
    let mut out: libc::tm = unsafe { std::mem::zeroed() };
    out.tm_year = d.year() - 1900;
    out.tm_mon = d.month0() as i32;
    out.tm_yday = d.ordinal0() as i32;
    let text = format!(
        "{}-{:02}-{:02}",
        tm.tm_year + 1900,
        tm.tm_mon + 1,
        tm.tm_mday
    );
    (date, out, text)
}

// not flagged: the 0-based setter takes the 0-based month; bounds checks of the fields
pub fn zero_based(tm: &libc::tm, d: NaiveDate) -> Option<NaiveDate> {
    if tm.tm_mon < 12 && tm.tm_yday <= 365 && tm.tm_year > 70 {
        d.with_month0(tm.tm_mon as u32)
    } else {
        None
    }
}

// not flagged: one field printed alone, with its name (a debug line)
pub fn debug(tm: &libc::tm) {
    println!("tm_year = {}", tm.tm_year);
}

// not flagged: copying between two tm values
pub fn copy(a: &libc::tm, b: &mut libc::tm) {
    b.tm_year = a.tm_year;
    b.tm_mon = a.tm_mon;
}
