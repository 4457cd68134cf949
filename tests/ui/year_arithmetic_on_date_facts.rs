// year_arithmetic_on_date with value facts: each pair differs in one token; the silent half is
// safe because of what the code knows of the values, the flagged half fails on Feb 29.

use chrono::{Datelike, Months, NaiveDate, Utc};
use jiff::civil;
use time::Date;

// ---------------------------------------------------------------- branch conditions

// not flagged: December has no Feb 29
pub fn in_december(d: NaiveDate) -> NaiveDate {
    if d.month() == 12 {
        d.with_year(d.year() + 1).unwrap()
    } else {
        d
    }
}

// flagged: in February the day may be the 29th
pub fn in_february(d: NaiveDate) -> NaiveDate {
    if d.month() == 2 {
        d.with_year(d.year() + 1).unwrap() //~ ERROR year_arithmetic_on_date
    } else {
        d
    }
}

// not flagged: the else branch of "not the 29th"
pub fn not_the_29th(d: NaiveDate) -> NaiveDate {
    if d.day() != 29 {
        d.with_year(d.year() + 1).unwrap()
    } else {
        d.checked_add_months(Months::new(12)).unwrap()
    }
}

// flagged: the branches swapped: this one runs on the 29th
pub fn the_29th(d: NaiveDate) -> NaiveDate {
    if d.day() != 29 {
        d.checked_add_months(Months::new(12)).unwrap()
    } else {
        d.with_year(d.year() + 1).unwrap() //~ ERROR year_arithmetic_on_date
    }
}

// not flagged: Feb 29 is handled first, the else branch never sees it
pub fn leap_day_first(d: NaiveDate) -> NaiveDate {
    if d.month() == 2 && d.day() == 29 {
        NaiveDate::from_ymd_opt(d.year() + 1, 3, 1).unwrap()
    } else {
        NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day()).unwrap()
    }
}

// flagged: only the month is tested: Feb 29 reaches the else branch... of a wrong month test
pub fn wrong_month_first(d: NaiveDate) -> NaiveDate {
    if d.month() == 3 && d.day() == 29 {
        NaiveDate::from_ymd_opt(d.year() + 1, 3, 28).unwrap()
    } else {
        NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day()).unwrap() //~ ERROR year_arithmetic_on_date
    }
}

// ---------------------------------------------------------------- early exits and bounds

// not flagged: days past the 28th leave early
pub fn early_return(d: NaiveDate) -> Option<NaiveDate> {
    if d.day() > 28 {
        return None;
    }
    Some(NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day()).unwrap())
}

// flagged: the 29th stays
pub fn early_return_too_late(d: NaiveDate) -> Option<NaiveDate> {
    if d.day() > 29 {
        return None;
    }
    Some(NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day()).unwrap()) //~ ERROR year_arithmetic_on_date
}

// not flagged: `let .. else` leaves on the leap day
pub fn let_else(d: NaiveDate) -> NaiveDate {
    let Some(day) = (d.day() <= 28).then_some(d.day()) else {
        return d;
    };
    let _ = day;
    NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day().min(28)).unwrap()
}

// not flagged: an integer bound on the day
pub fn bounded_day(d: NaiveDate) -> Option<NaiveDate> {
    let day = d.day();
    if day <= 28 {
        return Some(NaiveDate::from_ymd_opt(d.year() + 1, d.month(), day).unwrap());
    }
    None
}

// ---------------------------------------------------------------- clamps and assignments

// not flagged: the day is clamped to 28
pub fn clamped(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day().min(28)).unwrap()
}

// flagged: a clamp to 29 keeps the leap day
pub fn clamped_to_29(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day().min(29)).unwrap() //~ ERROR year_arithmetic_on_date
}

// not flagged: the day is set to the 1st before the year changes
pub fn first_then_year(d: NaiveDate) -> Option<NaiveDate> {
    let first = d.with_day(1)?;
    first.with_year(first.year() + 1)
}

// flagged: the year changes first, with the day still the 29th
pub fn year_then_first(d: NaiveDate) -> NaiveDate {
    d.with_year(d.year() + 1).unwrap().with_day(1).unwrap() //~ ERROR year_arithmetic_on_date
}

// not flagged: the day is reassigned before it is used
pub fn reassigned(d: NaiveDate) -> NaiveDate {
    let mut day = d.day();
    day = 1;
    NaiveDate::from_ymd_opt(d.year() + 1, d.month(), day).unwrap()
}

// flagged: reassigned on one path only
pub fn reassigned_sometimes(d: NaiveDate, reset: bool) -> NaiveDate {
    let mut day = d.day();
    if reset {
        day = 1;
    }
    NaiveDate::from_ymd_opt(d.year() + 1, d.month(), day).unwrap() //~ ERROR year_arithmetic_on_date
}

// ---------------------------------------------------------------- match arms

// not flagged: February has its own arm
pub fn february_arm(d: NaiveDate) -> NaiveDate {
    match d.month() {
        2 => d.checked_add_months(Months::new(12)).unwrap(),
        _ => d.with_year(d.year() + 1).unwrap(),
    }
}

// flagged: the arm before is January, February falls through
pub fn january_arm(d: NaiveDate) -> NaiveDate {
    match d.month() {
        1 => d.checked_add_months(Months::new(12)).unwrap(),
        _ => d.with_year(d.year() + 1).unwrap(), //~ ERROR year_arithmetic_on_date
    }
}

// ---------------------------------------------------------------- failure preconditions

// not flagged: `with_ordinal(ordinal + 1)` fails only on Dec 31, which has a twin next year
pub fn next_day(d: NaiveDate) -> NaiveDate {
    match d.with_ordinal(d.ordinal() + 1) {
        Some(next) => next,
        None => d.with_year(d.year() + 1).unwrap().with_ordinal(1).unwrap(),
    }
}

// flagged: in the Some arm the date can be anything, Feb 29 included
pub fn next_day_wrong_arm(d: NaiveDate) -> NaiveDate {
    match d.with_ordinal(d.ordinal() + 1) {
        Some(_) => d.with_year(d.year() + 1).unwrap(), //~ ERROR year_arithmetic_on_date
        None => d,
    }
}

// ---------------------------------------------------------------- same-file summaries

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap()
}

fn first_or_same(d: NaiveDate, first: bool) -> NaiveDate {
    if first {
        d.with_day(1).unwrap()
    } else {
        d
    }
}

// not flagged: the helper always returns the 1st of a month
pub fn via_helper(d: NaiveDate) -> NaiveDate {
    let f = first_of_month(d);
    f.with_year(f.year() + 1).unwrap()
}

// flagged: one path of the helper returns the date itself
pub fn via_helper_sometimes(d: NaiveDate, first: bool) -> NaiveDate {
    let f = first_or_same(d, first);
    f.with_year(f.year() + 1).unwrap() //~ ERROR year_arithmetic_on_date
}

// ---------------------------------------------------------------- helpers on their own parameters

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

// flagged at the call: another date's year + 1 with its month and day, into the helper
pub fn renewal_via_helper(d: NaiveDate) -> NaiveDate {
    ymd(d.year() + 1, d.month(), d.day()) //~ ERROR year_arithmetic_on_date
}

// not flagged: the 1st of the month, through the same helper
pub fn first_via_helper(d: NaiveDate) -> NaiveDate {
    ymd(d.year() + 1, d.month(), 1)
}

// ---------------------------------------------------------------- leap predicates

fn is_leap(y: i32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

// not flagged: the target year is a leap year
pub fn into_leap_year(d: NaiveDate) -> Option<NaiveDate> {
    let y = d.year() + 4;
    if is_leap(y) {
        return Some(NaiveDate::from_ymd_opt(y, d.month(), d.day()).unwrap());
    }
    None
}

// flagged: the source year is tested, not the target year
pub fn source_year_tested(d: NaiveDate) -> Option<NaiveDate> {
    let y = d.year() + 1;
    if is_leap(d.year()) {
        return Some(NaiveDate::from_ymd_opt(y, d.month(), d.day()).unwrap()); //~ ERROR year_arithmetic_on_date
    }
    None
}

// ---------------------------------------------------------------- how sure, and what happens

// flagged (an error): today, from the clock, unwrapped
pub fn next_year_today() -> NaiveDate {
    let today = Utc::now().date_naive();
    today.with_year(today.year() + 1).unwrap() //~ ERROR year_arithmetic_on_date
}

// flagged (a warning): the day went through a function that may change it (`&mut`)
pub fn through_mut(d: NaiveDate) -> NaiveDate {
    let mut day = 1;
    bump(&mut day);
    NaiveDate::from_ymd_opt(d.year() + 1, d.month(), day).unwrap() //~ WARN year_arithmetic_on_date
}

fn bump(day: &mut u32) {
    *day += d_offset();
}

fn d_offset() -> u32 {
    28
}

// flagged (a warning): the failure is returned to the caller
pub fn propagated(d: NaiveDate) -> Option<NaiveDate> {
    d.with_year(d.year() + 1) //~ WARN year_arithmetic_on_date
}

// flagged (a warning): a fallback keeps today's date, silently
pub fn silent_fallback(d: NaiveDate) -> NaiveDate {
    d.with_year(d.year() + 1).unwrap_or(d) //~ WARN year_arithmetic_on_date
}

// not flagged: the fallback handles the leap day (Feb 28)
pub fn leap_aware_fallback(d: NaiveDate) -> NaiveDate {
    d.with_year(d.year() + 1)
        .unwrap_or_else(|| d.with_day(28).unwrap().with_year(d.year() + 1).unwrap())
}

// not flagged: the failing day is skipped on purpose (a series of anniversaries)
pub fn anniversaries(d: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    for n in 1..=5 {
        let Some(a) = d.with_year(d.year() + n) else {
            continue;
        };
        out.push(a);
    }
    out
}

// ---------------------------------------------------------------- time and jiff

// not flagged: time, December only
pub fn time_in_december(d: Date) -> Date {
    if d.month() == time::Month::December {
        d.replace_year(d.year() + 1).unwrap()
    } else {
        d
    }
}

// flagged: time, any month
pub fn time_any_month(d: Date) -> Date {
    d.replace_year(d.year() + 1).unwrap() //~ ERROR year_arithmetic_on_date
}

// not flagged: jiff, the day is at most 28
pub fn jiff_bounded(d: civil::Date) -> civil::Date {
    if d.day() <= 28 {
        civil::date(d.year() + 1, d.month(), d.day())
    } else {
        d
    }
}

// flagged: jiff, any day
pub fn jiff_any_day(d: civil::Date) -> civil::Date {
    civil::date(d.year() + 1, d.month(), d.day()) //~ ERROR year_arithmetic_on_date
}

// ---------------------------------------------------------------- test code

#[cfg(test)]
mod tests {
    use super::*;

    // not flagged: a fixture date, the same on every run
    #[test]
    fn fixture() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert!(d.with_year(d.year() + 1).is_some());
        let feb = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(NaiveDate::from_ymd_opt(feb.year() + 1, feb.month(), feb.day()), None);
    }

    // flagged: the test computes from the clock and fails every Feb 29
    #[test]
    fn from_the_clock() {
        let now = Utc::now().date_naive();
        let next = now.with_year(now.year() + 1).unwrap(); //~ ERROR year_arithmetic_on_date
        assert!(next > now);
    }
}

// ---------------------------------------------------------------- values stored, then used

// flagged: stored in a `let`, then unwrapped
pub fn stored_then_unwrapped(d: NaiveDate) -> NaiveDate {
    let next = d.with_year(d.year() + 1); //~ ERROR year_arithmetic_on_date
    next.unwrap()
}

// not flagged: stored, then matched with a fallback that computes the date
pub fn stored_then_matched(d: NaiveDate) -> NaiveDate {
    let next = d.with_year(d.year() + 1);
    match next {
        Some(n) => n,
        None => d.checked_add_months(Months::new(12)).unwrap(),
    }
}

// not flagged: the default date is chrono's epoch, Jan 1
pub fn from_default() -> chrono::NaiveDateTime {
    let epoch = chrono::NaiveDateTime::default();
    epoch.with_year(epoch.year() + 1).unwrap()
}
