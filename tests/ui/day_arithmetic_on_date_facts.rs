// day_arithmetic_on_date with value facts: the day's bound, a clamp with the month's length,
// or a loop over the month's days make the day exist.

use chrono::{Datelike, NaiveDate};
use jiff::civil;

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// not flagged: the 27th at most, so the 28th at most
pub fn tomorrow_early(d: NaiveDate) -> NaiveDate {
    if d.day() <= 27 {
        d.with_day(d.day() + 1).unwrap()
    } else {
        d.succ_opt().unwrap()
    }
}

// flagged: the 28th + 1 is Feb 29 in a common year
pub fn tomorrow_late(d: NaiveDate) -> NaiveDate {
    if d.day() <= 28 {
        d.with_day(d.day() + 1).unwrap() //~ ERROR day_arithmetic_on_date
    } else {
        d.succ_opt().unwrap()
    }
}

// not flagged: every day of the loop exists in that month
pub fn every_day(y: i32, m: u32) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    for day in 1..=days_in_month(y, m) {
        out.push(NaiveDate::from_ymd_opt(y, m, day).unwrap());
    }
    out
}

// not flagged: the day is clamped to the length of the month it is built in
pub fn due(d: NaiveDate, grace: u32) -> NaiveDate {
    let day = std::cmp::min(d.day() + grace, days_in_month(d.year(), d.month()));
    NaiveDate::from_ymd_opt(d.year(), d.month(), day).unwrap()
}

// flagged: clamped with the length of another month
pub fn due_wrong_month(d: NaiveDate, grace: u32) -> NaiveDate {
    let day = std::cmp::min(d.day() + grace, days_in_month(d.year(), 1));
    NaiveDate::from_ymd_opt(d.year(), d.month(), day).unwrap() //~ ERROR day_arithmetic_on_date
}

// not flagged: jiff, the day before the 1st is never asked for
pub fn jiff_yesterday(d: civil::Date) -> civil::Date {
    if d.day() == 1 {
        return d.yesterday().unwrap();
    }
    civil::date(d.year(), d.month(), d.day() - 1)
}

// flagged: jiff, on the 1st the day is 0
pub fn jiff_yesterday_always(d: civil::Date) -> civil::Date {
    civil::date(d.year(), d.month(), d.day() - 1) //~ ERROR day_arithmetic_on_date
}

// not flagged: a setter's day clamped to the receiver's own month (chrono)
pub fn due_setter(d: NaiveDate, grace: u32) -> NaiveDate {
    d.with_day((d.day() + grace).min(days_in_month(d.year(), d.month())))
        .unwrap()
}

// not flagged: the same with time's own month length
pub fn due_setter_time(d: time::Date) -> time::Date {
    d.replace_day((d.day() + 3).min(d.month().length(d.year())))
        .unwrap()
}

// warning: the day is bounded by a value the facts do not know; it may be the month's length
pub fn tomorrow_below(d: NaiveDate, last: u32) -> NaiveDate {
    if d.day() < last {
        d.with_day(d.day() + 1).unwrap() //~ WARN day_arithmetic_on_date
    } else {
        d.succ_opt().unwrap()
    }
}

// flagged: the day copied, then shifted by an assignment
pub fn tomorrow_by_assignment(d: NaiveDate) -> NaiveDate {
    let mut day = d.day();
    day += 1;
    NaiveDate::from_ymd_opt(d.year(), d.month(), day).unwrap() //~ ERROR day_arithmetic_on_date
}

// not flagged: the same, with the month's last day handled first
pub fn tomorrow_by_assignment_checked(d: NaiveDate) -> NaiveDate {
    if d.day() >= 28 {
        return d.succ_opt().unwrap();
    }
    let mut day = d.day();
    day += 1;
    NaiveDate::from_ymd_opt(d.year(), d.month(), day).unwrap()
}

fn last_day(y: i32, m: u32) -> u32 {
    if m == 12 {
        31
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
            .and_then(|d| d.pred_opt())
            .map_or(28, |d| d.day())
    }
}

// not flagged: every day of the month, and the next one only before the last
pub fn day_pairs(first: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let n = last_day(first.year(), first.month());
    let mut out = Vec::new();
    for day in 1..=n {
        if day != n {
            out.push((first.with_day(day).unwrap(), first.with_day(day + 1).unwrap()));
        }
    }
    out
}

// flagged: the pairs run to the last day
pub fn day_pairs_to_the_end(first: NaiveDate) -> Vec<NaiveDate> {
    let n = last_day(first.year(), first.month());
    let mut out = Vec::new();
    for day in 1..=n {
        out.push(first.with_day(day + 1).unwrap()); //~ ERROR day_arithmetic_on_date
    }
    out
}

// not flagged: a zero-based count below the month's length, plus one
pub fn all_days(first: NaiveDate) -> Vec<NaiveDate> {
    (0..first.num_days_in_month())
        .map(|i| NaiveDate::from_ymd_opt(first.year(), first.month(), u32::from(i) + 1).unwrap())
        .collect()
}

// not flagged: a zero-based month-length table taking the month first bounds the day
fn month_len0(month0: u32, year: i32) -> u32 {
    match month0 {
        1 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        1 => 28,
        3 | 5 | 8 | 10 => 30,
        _ => 31,
    }
}

pub fn week_starts(d: NaiveDate) -> Vec<NaiveDate> {
    let n = month_len0(d.month0(), d.year());
    let mut out = Vec::new();
    for day in 1..(n + 1) {
        if day % 7 == 0 && day != n {
            out.push(d.with_day(day + 1).unwrap());
        }
    }
    out
}
