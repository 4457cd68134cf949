// month_arithmetic_on_date: a date rebuilt from another date's month +/- N. Breaks on the
// 29th-31st (Jan 31 -> Feb 31) when the day is kept, and in December (month 13) when the month
// is not wrapped.
// Levels: a failure that panics (`unwrap`, a panicking constructor) is an error; one returned to
// the caller (`?`, a returned `Option`) or replaced by a silent fallback value is a warning.

use chrono::{Datelike, Months, NaiveDate};
use chrono::NaiveDate as ND;
use jiff::{civil, ToSpan};
use rcgen::date_time_ymd;
use time::{Date, OffsetDateTime};

// ---------------------------------------------------------------- chrono

// flagged: with_month(month + 1) keeps the day (Jan 31 -> Feb 31) and overflows in December
pub fn next_month(d: NaiveDate) -> Option<NaiveDate> {
    d.with_month(d.month() + 1) //~ WARN month_arithmetic_on_date
}

// flagged: with_month(month - 1) keeps the day (Mar 31 -> Feb 31)
pub fn previous_month(d: NaiveDate) -> NaiveDate {
    d.with_month(d.month() - 1).unwrap() //~ ERROR month_arithmetic_on_date
}

// flagged: from_ymd_opt with month + 1 and the same day
pub fn next_month_ymd(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year(), d.month() + 1, d.day()) //~ WARN month_arithmetic_on_date
}

// flagged: day 1 is safe, but month + 1 is not wrapped: month 13 in December
pub fn first_of_next_month(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1) //~ WARN month_arithmetic_on_date
}

// flagged: `% 12 + 1` wraps the month but keeps the day
pub fn next_month_wrapped(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year(), d.month() % 12 + 1, d.day()) //~ WARN month_arithmetic_on_date
}

// flagged: the month changes before the day is reset (fails on the 29th-31st, before with_day)
pub fn first_of_next_month_chain(d: NaiveDate) -> NaiveDate {
    d.with_month(d.month() + 1).unwrap().with_day(1).unwrap() //~ ERROR month_arithmetic_on_date
}

// flagged: the eager fallback: `unwrap_or`'s argument runs every time, and panics by itself
// (its `with_year(y + 1)` is also year arithmetic)
pub fn next_month_eager(d: NaiveDate) -> NaiveDate {
    let (y, m) = (d.year(), d.month());
    d.with_month(m + 1) //~ ERROR month_arithmetic_on_date
        .unwrap_or(d.with_year(y + 1).unwrap().with_month(1).unwrap()) //~ ERROR year_arithmetic_on_date
}

// flagged: with_month0 on a zero-based month + 1 is month arithmetic too
pub fn next_month0(d: NaiveDate) -> Option<NaiveDate> {
    d.with_month0(d.month0() + 1) //~ WARN month_arithmetic_on_date
}

// flagged: through an import rename
pub fn renamed(d: NaiveDate) -> Option<ND> {
    ND::from_ymd_opt(d.year(), d.month() + 1, d.day()) //~ WARN month_arithmetic_on_date
}

// flagged: the month passes through a `let`
pub fn through_let(d: NaiveDate) -> Option<NaiveDate> {
    let next = d.month() + 1;
    d.with_month(next) //~ WARN month_arithmetic_on_date
}

// flagged: the components pass through a tuple `let`
pub fn through_tuple(date: NaiveDate) -> Option<NaiveDate> {
    let (y, m, d) = (date.year(), date.month(), date.day());
    NaiveDate::from_ymd_opt(y, m + 3, d) //~ WARN month_arithmetic_on_date
}

// ---------------------------------------------------------------- time

// flagged: time's `month().next()` wraps December, but the day is kept (Jan 31 -> Feb 31)
pub fn time_next_month(d: Date) -> Result<Date, time::error::ComponentRange> {
    Date::from_calendar_date(d.year(), d.month().next(), d.day()) //~ WARN month_arithmetic_on_date
}

// flagged: replace_month with `.previous()` keeps the day
pub fn time_previous_month(d: Date) -> Date {
    d.replace_month(d.month().previous()).unwrap() //~ ERROR month_arithmetic_on_date
}

// flagged: replace_month on an OffsetDateTime keeps the day
pub fn time_next_month_offset() -> Result<OffsetDateTime, time::error::ComponentRange> {
    let now = OffsetDateTime::now_utc();
    now.replace_month(now.month().next()) //~ WARN month_arithmetic_on_date
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's civil::date panics on month 13 / Feb 31
pub fn jiff_civil_date(d: civil::Date) -> civil::Date {
    civil::date(d.year(), d.month() + 1, d.day()) //~ ERROR month_arithmetic_on_date
}

// flagged: jiff's Date::new with month + 1
pub fn jiff_date_new(d: civil::Date) -> Result<civil::Date, jiff::Error> {
    civil::Date::new(d.year(), d.month() + 1, d.day()) //~ WARN month_arithmetic_on_date
}

// flagged: jiff's builder `.with().month(..)` keeps the day
pub fn jiff_builder(d: civil::Date) -> Result<civil::Date, jiff::Error> {
    d.with().month(d.month() + 1).build() //~ WARN month_arithmetic_on_date
}

// ---------------------------------------------------------------- rcgen

// flagged: a certificate "valid for one month"
pub fn one_month_certificate() -> time::OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    date_time_ymd(now.year(), now.month() as u8 + 1, now.day()) //~ ERROR month_arithmetic_on_date
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: the fix: calendar months clamp the day
pub fn next_month_fixed(d: NaiveDate) -> Option<NaiveDate> {
    d.checked_add_months(Months::new(1))
}

// not flagged: jiff's span arithmetic clamps the day
pub fn jiff_next_month_fixed(d: civil::Date) -> Result<civil::Date, jiff::Error> {
    d.checked_add(1.month())
}

// not flagged: day 1, month wrapped with `% 12 + 1`, year carried
pub fn first_of_next_month_carried(d: NaiveDate) -> Option<NaiveDate> {
    let y = if d.month() == 12 { d.year() + 1 } else { d.year() };
    NaiveDate::from_ymd_opt(y, d.month() % 12 + 1, 1)
}

// not flagged: December handled in its own branch, day 1 otherwise
pub fn first_of_next_month_branch(d: NaiveDate) -> Option<NaiveDate> {
    if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    }
}

// not flagged: the day is reset to 1 before the month changes, and December is tested
pub fn first_of_next_month_reset(d: NaiveDate) -> Option<NaiveDate> {
    if d.month() == 12 {
        return NaiveDate::from_ymd_opt(d.year() + 1, 1, 1);
    }
    d.with_day(1)?.with_month(d.month() + 1)
}

// not flagged: the failure is handled lazily with `unwrap_or_else`
pub fn next_month_lazy(d: NaiveDate) -> NaiveDate {
    d.with_month(d.month() + 1)
        .unwrap_or_else(|| d.checked_add_months(Months::new(1)).unwrap_or(d))
}

// flagged (a warning): the None arm keeps the old date, silently
pub fn next_month_match(d: NaiveDate) -> NaiveDate {
    match d.with_month(d.month() + 1) { //~ WARN month_arithmetic_on_date
        Some(n) => n,
        None => d,
    }
}

// not flagged: both dangerous cases (December, days 29-31) are excluded by the branch
pub fn next_month_guarded(d: NaiveDate) -> Option<NaiveDate> {
    if d.month() < 12 && d.day() <= 28 {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, d.day())
    } else {
        d.checked_add_months(Months::new(1))
    }
}

// not flagged: a literal month that is not arithmetic
pub fn january(d: NaiveDate) -> Option<NaiveDate> {
    d.with_month(1)
}

// not flagged: month arithmetic that never becomes a date
pub fn months_left(d: NaiveDate) -> u32 {
    let next = d.month() + 1;
    12 - next.min(12)
}
