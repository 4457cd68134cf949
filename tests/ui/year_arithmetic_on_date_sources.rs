// year_arithmetic_on_date: the year of one date, the month and day of another. The date that
// fails is the one whose month and day are Feb 29 (here: what the user typed, put in the base
// date's year), not the date the year comes from; adding months to the base date would throw
// the user's month and day away, so there is no machine fix, only what to check.

use chrono::{DateTime, Datelike, Months, NaiveDate, TimeZone, Utc};

pub struct DayMonth {
    pub month: u32,
    pub day: u32,
    pub next: bool,
}

fn direction(date: &DateTime<Utc>, base: &DateTime<Utc>, next: bool) -> Option<i32> {
    let mut res = None;
    if date > base {
        if !next {
            res = Some(-1);
        }
    } else if date < base && next {
        res = Some(1);
    }
    res
}

// flagged: "next 29 Feb" said in a leap year: Feb 29 of `base`'s year, moved a year on or back
pub fn day_month(base: DateTime<Utc>, dm: &DayMonth) -> Option<DateTime<Utc>> {
    let this_year = base.year();
    let mut date = Utc
        .with_ymd_and_hms(this_year, dm.month, dm.day, 0, 0, 0)
        .single()?;
    if let Some(correct) = direction(&date, &base, dm.next) {
        date = date.with_year(this_year + correct)?; //~ WARN year_arithmetic_on_date
    }
    Some(date)
}

// flagged: a date built from another date's year + 1 and a month and day given separately
pub fn same_day_next_year(base: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let date = NaiveDate::from_ymd_opt(base.year(), month, day)?;
    date.with_year(base.year() + 1) //~ WARN year_arithmetic_on_date
}

// flagged: the other date's year + 1, straight into the constructor with its own month and day
pub fn due_date(invoice: NaiveDate, due: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(invoice.year() + 1, due.month(), due.day()) //~ WARN year_arithmetic_on_date
}

// not flagged: the month given is never February
pub fn day_month_not_february(base: DateTime<Utc>, dm: &DayMonth) -> Option<DateTime<Utc>> {
    if dm.month == 2 {
        return None;
    }
    let this_year = base.year();
    let date = Utc
        .with_ymd_and_hms(this_year, dm.month, dm.day, 0, 0, 0)
        .single()?;
    date.with_year(this_year + 1)
}

// not flagged: the fix: calendar months on a date that already holds the user's month and day
pub fn day_month_fixed(base: DateTime<Utc>, dm: &DayMonth) -> Option<DateTime<Utc>> {
    let date = Utc
        .with_ymd_and_hms(base.year(), dm.month, dm.day, 0, 0, 0)
        .single()?;
    date.checked_add_months(Months::new(12))
}
