// month_arithmetic_on_date with value facts: what the code knows of the month and the day
// decides; each pair differs in one token.

use chrono::{Datelike, Months, NaiveDate};
use jiff::civil;
use time::Date;

// flagged: only the else branch, on Jan 31 (Feb 31); December turns into Jan of the next year
pub fn next_month(d: NaiveDate) -> NaiveDate {
    if d.month() == 12 {
        d.with_year(d.year() + 1).unwrap().with_month(1).unwrap()
    } else {
        d.with_month(d.month() + 1).unwrap() //~ ERROR month_arithmetic_on_date
    }
}

// not flagged: on the 1st, any month exists, and `% 12 + 1` stays in 1..=12
pub fn first_of_next_month(d: NaiveDate) -> Option<NaiveDate> {
    let first = d.with_day(1).unwrap();
    first.with_month(first.month() % 12 + 1)
}

// flagged: `% 12 + 1` with the day kept: Jan 31 -> Feb 31
pub fn wrapped_day_kept(d: NaiveDate) -> NaiveDate {
    d.with_month(d.month() % 12 + 1).unwrap() //~ ERROR month_arithmetic_on_date
}

// not flagged: a day at most 28 exists in every month, and the month is below 12
pub fn guarded(d: NaiveDate) -> NaiveDate {
    if d.day() <= 28 && d.month() < 12 {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, d.day()).unwrap()
    } else {
        d.checked_add_months(Months::new(1)).unwrap()
    }
}

// flagged: the day bound is off by one
pub fn guarded_too_late(d: NaiveDate) -> NaiveDate {
    if d.day() <= 29 && d.month() < 12 {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, d.day()).unwrap() //~ ERROR month_arithmetic_on_date
    } else {
        d.checked_add_months(Months::new(1)).unwrap()
    }
}

// not flagged: the month is normalised (`if m > 12 { m -= 12; y += 1 }`) and the day is the 1st
pub fn normalised(d: NaiveDate) -> NaiveDate {
    let mut m = d.month() + 1;
    let mut y = d.year();
    if m > 12 {
        m -= 12;
        y += 1;
    }
    NaiveDate::from_ymd_opt(y, m, 1).unwrap()
}

// flagged: the same without the normalisation: month 13 in December
pub fn not_normalised(d: NaiveDate) -> NaiveDate {
    let m = d.month() + 1;
    let y = d.year();
    NaiveDate::from_ymd_opt(y, m, 1).unwrap() //~ ERROR month_arithmetic_on_date
}

// not flagged: a month counted back and normalised by a loop
pub fn months_back(d: NaiveDate, back: i32) -> Option<NaiveDate> {
    let mut m = d.month() as i32 - back;
    let mut y = d.year();
    while m <= 0 {
        m += 12;
        y -= 1;
    }
    NaiveDate::from_ymd_opt(y, m as u32, 1)
}

// not flagged: time, the 1st of the next month with the year carried
pub fn time_next_month(d: Date) -> Date {
    let next = d.month().next();
    let year = if next == time::Month::January { d.year() + 1 } else { d.year() };
    Date::from_calendar_date(year, next, 1).unwrap()
}

// flagged: time, the day kept
pub fn time_day_kept(d: Date) -> Date {
    d.replace_month(d.month().next()).unwrap() //~ ERROR month_arithmetic_on_date
}

// not flagged: jiff, the day is at most 28
pub fn jiff_guarded(d: civil::Date) -> civil::Date {
    if d.day() > 28 || d.month() == 12 {
        return d;
    }
    civil::date(d.year(), d.month() + 1, d.day())
}

// flagged: jiff, the day kept
pub fn jiff_day_kept(d: civil::Date) -> civil::Date {
    if d.month() == 12 {
        return d;
    }
    civil::date(d.year(), d.month() + 1, d.day()) //~ ERROR month_arithmetic_on_date
}

fn first_of(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

// flagged: through a same-file helper, in December month 13
pub fn next_month_start(d: NaiveDate) -> NaiveDate {
    first_of(d.year(), d.month() + 1, 1) //~ ERROR month_arithmetic_on_date
}

// not flagged: the same helper, December handled first
pub fn next_month_start_checked(d: NaiveDate) -> NaiveDate {
    if d.month() == 12 {
        return first_of(d.year() + 1, 1, 1);
    }
    first_of(d.year(), d.month() + 1, 1)
}

// flagged: the month copied, then shifted by an assignment
pub fn next_month_by_assignment(d: NaiveDate) -> NaiveDate {
    let mut m = d.month();
    m += 1;
    NaiveDate::from_ymd_opt(d.year(), m, 1).unwrap() //~ ERROR month_arithmetic_on_date
}

// not flagged: a month number passed in, December handled first (a 13 passed in is bad input,
// unchecked_date_fields' finding)
pub fn first_of_next(year: i32, month: u32) -> NaiveDate {
    if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap()
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1).unwrap()
    }
}

// warning: the same without the December branch
pub fn first_of_next_unchecked(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month + 1, 1).unwrap() //~ WARN month_arithmetic_on_date
}

pub struct Shown {
    year: i32,
    month: u32,
}

impl Shown {
    // not flagged: a field holding a month, January handled first
    pub fn previous(&self) -> NaiveDate {
        match self.month {
            1 => NaiveDate::from_ymd_opt(self.year - 1, 12, 1).unwrap(),
            _ => NaiveDate::from_ymd_opt(self.year, self.month - 1, 1).unwrap(),
        }
    }
}

// not flagged: the month wraps on every turn of the loop, so it stays a month
pub fn next_twelve(start: NaiveDate) -> Vec<NaiveDate> {
    let (mut year, mut month) = (start.year(), start.month());
    let mut out = Vec::new();
    for _ in 0..12 {
        let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        out.push(NaiveDate::from_ymd_opt(y, m, 1).unwrap());
        (year, month) = (y, m);
    }
    out
}


// not flagged: private, and every call in the file passes the 1st of a month
fn neighbours(first: NaiveDate) -> (NaiveDate, NaiveDate) {
    let prev = if first.month() == 1 {
        first.with_year(first.year() - 1).unwrap().with_month(12).unwrap()
    } else {
        first.with_month(first.month() - 1).unwrap()
    };
    let next = if first.month() == 12 {
        first.with_year(first.year() + 1).unwrap().with_month(1).unwrap()
    } else {
        first.with_month(first.month() + 1).unwrap()
    };
    (prev, next)
}

pub fn around(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    neighbours(d.with_day(1).unwrap())
}

// flagged: public, so any day can come in
pub fn neighbours_public(d: NaiveDate) -> NaiveDate {
    if d.month() == 12 {
        d.with_year(d.year() + 1).unwrap().with_month(1).unwrap()
    } else {
        d.with_month(d.month() + 1).unwrap() //~ ERROR month_arithmetic_on_date
    }
}

// flagged: private, but one call passes a day that may be the 31st
fn next_of(d: NaiveDate) -> NaiveDate {
    if d.month() == 12 {
        d.with_year(d.year() + 1).unwrap().with_month(1).unwrap()
    } else {
        d.with_month(d.month() + 1).unwrap() //~ ERROR month_arithmetic_on_date
    }
}

pub fn next_two(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    (next_of(d.with_day(1).unwrap()), next_of(d))
}

// not flagged: the callers' callers are read too: `year_of` passes first-of-month dates to
// `three_of`, and its only caller passes the first of the current month
fn three_of(d: NaiveDate) -> [NaiveDate; 3] {
    let prev = if d.month() == 1 {
        d.with_month(12).unwrap().with_year(d.year() - 1).unwrap()
    } else {
        d.with_month(d.month() - 1).unwrap()
    };
    let next = if d.month() == 12 {
        d.with_month(1).unwrap().with_year(d.year() + 1).unwrap()
    } else {
        d.with_month(d.month() + 1).unwrap()
    };
    [prev, d, next]
}

fn year_of(d: NaiveDate) -> Vec<NaiveDate> {
    (2..12).step_by(3).flat_map(|m| three_of(d.with_month(m).unwrap())).collect()
}

pub fn this_year(today: NaiveDate) -> Vec<NaiveDate> {
    year_of(today.with_day(1).unwrap())
}

fn len_of(y: i32, m: u32) -> u32 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// not flagged: a count of months wrapped by a remainder plus one, and the day clamped to the
// target month (only a count from before year 0 leaves 1..=12)
pub fn shift_months(d: NaiveDate, n: i32) -> NaiveDate {
    let total = d.year() * 12 + d.month() as i32 - 1 + n;
    let (y, m) = (total / 12, (total % 12 + 1) as u32);
    NaiveDate::from_ymd_opt(y, m, d.day().min(len_of(y, m))).unwrap_or(d)
}

// flagged: the remainder without the one is a month from 0 to 11
pub fn shift_months_zero(d: NaiveDate, n: i32) -> NaiveDate {
    let total = d.year() * 12 + d.month() as i32 - 1 + n;
    let (y, m) = (total / 12, (total % 12) as u32);
    NaiveDate::from_ymd_opt(y, m, d.day().min(len_of(y, m))).unwrap_or(d) //~ WARN month_arithmetic_on_date
}
