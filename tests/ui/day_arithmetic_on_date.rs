// day_arithmetic_on_date: a date rebuilt from another date's day of month +/- N with the same
// month. Breaks at the end of the month (Nov 30 + 1 = Nov 31) or at its start (day 0).
// Levels: a failure that panics (`unwrap`, a panicking constructor) is an error; one returned to
// the caller (`?`, a returned `Option`) or replaced by a silent fallback value is a warning.

use chrono::{Datelike, Days, NaiveDate};
use chrono::NaiveDate as ND;
use jiff::{civil, ToSpan};
use rcgen::date_time_ymd;
use time::{Date, OffsetDateTime};

// ---------------------------------------------------------------- chrono

// flagged: with_day(day + 1) fails on the last day of every month
pub fn tomorrow(d: NaiveDate) -> Option<NaiveDate> {
    d.with_day(d.day() + 1) //~ WARN day_arithmetic_on_date
}

// flagged: with_day(day - 1) fails on the 1st (day 0)
pub fn yesterday(d: NaiveDate) -> NaiveDate {
    d.with_day(d.day() - 1).unwrap() //~ ERROR day_arithmetic_on_date
}

// flagged: from_ymd_opt with day + 7 and the same month
pub fn next_week(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year(), d.month(), d.day() + 7) //~ WARN day_arithmetic_on_date
}

// flagged: the deprecated, panicking from_ymd with day + 1 (reported once, by this lint)
#[allow(deprecated)]
pub fn tomorrow_panicking(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd(d.year(), d.month(), d.day() + 1) //~ ERROR day_arithmetic_on_date
}

// flagged: with_day0(day0 + 1) is day arithmetic too
pub fn tomorrow0(d: NaiveDate) -> Option<NaiveDate> {
    d.with_day0(d.day0() + 1) //~ WARN day_arithmetic_on_date
}

// flagged: through an import rename
pub fn renamed(d: NaiveDate) -> Option<ND> {
    ND::from_ymd_opt(d.year(), d.month(), d.day() + 1) //~ WARN day_arithmetic_on_date
}

// flagged: the day passes through a `let`
pub fn through_let(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    let due = d.day() + n;
    d.with_day(due) //~ WARN day_arithmetic_on_date
}

// flagged: the components pass through a tuple `let`
pub fn through_tuple(date: NaiveDate) -> Option<NaiveDate> {
    let (y, m, d) = (date.year(), date.month(), date.day());
    NaiveDate::from_ymd_opt(y, m, d + 1) //~ WARN day_arithmetic_on_date
}

// ---------------------------------------------------------------- time

// flagged: time's replace_day(day + n)
pub fn time_add_days(date: Date, n: u8) -> Result<Date, time::error::ComponentRange> {
    let day = date.day();
    date.replace_day(day + n) //~ WARN day_arithmetic_on_date
}

// flagged: time's from_calendar_date with day + 1
pub fn time_tomorrow(d: Date) -> Result<Date, time::error::ComponentRange> {
    Date::from_calendar_date(d.year(), d.month(), d.day() + 1) //~ WARN day_arithmetic_on_date
}

// flagged: replace_day on an OffsetDateTime
pub fn time_tomorrow_offset() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_day(now.day() + 1).expect("tomorrow") //~ ERROR day_arithmetic_on_date
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's civil::date panics on Nov 31
pub fn jiff_civil_date(d: civil::Date) -> civil::Date {
    civil::date(d.year(), d.month(), d.day() + 1) //~ ERROR day_arithmetic_on_date
}

// flagged: jiff's Date::new with day + 1
pub fn jiff_date_new(d: civil::Date) -> Result<civil::Date, jiff::Error> {
    civil::Date::new(d.year(), d.month(), d.day() + 1) //~ WARN day_arithmetic_on_date
}

// flagged: jiff's builder `.with().day(..)`
pub fn jiff_builder(d: civil::Date) -> Result<civil::Date, jiff::Error> {
    d.with().day(d.day() + 1).build() //~ WARN day_arithmetic_on_date
}

// ---------------------------------------------------------------- rcgen

// flagged: a certificate that ends "tomorrow"
pub fn tomorrow_certificate() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    date_time_ymd(now.year(), now.month() as u8, now.day() + 1) //~ ERROR day_arithmetic_on_date
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: the fix: add days
pub fn tomorrow_fixed(d: NaiveDate) -> Option<NaiveDate> {
    d.checked_add_days(Days::new(1))
}

// not flagged: the fix with `+ Days`
pub fn next_week_fixed(d: NaiveDate) -> NaiveDate {
    d + Days::new(7)
}

// not flagged: jiff's span arithmetic
pub fn jiff_tomorrow_fixed(d: civil::Date) -> Result<civil::Date, jiff::Error> {
    d.checked_add(1.days())
}

// not flagged: a literal day
pub fn first_of_month(d: NaiveDate) -> Option<NaiveDate> {
    d.with_day(1)
}

// not flagged: the shifted day is clamped
pub fn tomorrow_clamped(d: NaiveDate) -> Option<NaiveDate> {
    d.with_day((d.day() + 1).min(28))
}

// flagged (a warning): the branch compares the day with a length the facts do not know
// (a parameter); the facts cannot check that guard, so the finding is only possible
pub fn tomorrow_guarded(d: NaiveDate, days_in_month: u32) -> Option<NaiveDate> {
    if d.day() < days_in_month {
        d.with_day(d.day() + 1) //~ WARN day_arithmetic_on_date
    } else {
        d.checked_add_days(Days::new(1))
    }
}

// not flagged: handled with a fallback
pub fn tomorrow_or_next_month(d: NaiveDate) -> NaiveDate {
    d.with_day(d.day() + 1).unwrap_or_else(|| d + Days::new(1))
}

// not flagged: a `match` whose None arm supplies a date
pub fn tomorrow_match(d: NaiveDate) -> NaiveDate {
    match d.with_day(d.day() + 1) {
        Some(t) => t,
        None => d.succ_opt().unwrap_or(d),
    }
}

// not flagged: day arithmetic that never becomes a date
pub fn days_left(d: NaiveDate) -> u32 {
    let tomorrow = d.day() + 1;
    31 - tomorrow.min(31)
}

// not flagged: a user's own builder with a `with_day` method, not a date
pub struct Report {
    day: u32,
}
impl Report {
    pub fn with_day(self, day: u32) -> Report {
        Report { day }
    }
}
pub fn next_report(r: Report) -> Report {
    let day = r.day;
    r.with_day(day + 1)
}
