// year_arithmetic_on_date: the direction and the amount of the shift. Subtraction builds the
// year before (2028-02-29 minus one year is 2027-02-29) and its fix subtracts months; an amount
// that is not a literal is shown as written, and the suggested `Months::new(..)` takes a `u32`
// (chrono's `Months` is not imported here: the suggestion names it by its path; jiff's `ToSpan`
// is, so spans are written `n.years()`). Every suggestion compiles in place.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use jiff::{civil, ToSpan};

pub enum Span {
    Years(u32),
    Months(u32),
}

impl Span {
    fn num(&self) -> u32 {
        match *self {
            Span::Years(n) | Span::Months(n) => n,
        }
    }

    // flagged: an unsigned count cast to the year's type, added (the suggestion drops the cast:
    // `num` returns a `u32`)
    pub fn after(&self, date: DateTime<Utc>) -> DateTime<Utc> {
        date.with_year(date.year() + self.num() as i32).unwrap() //~ ERROR year_arithmetic_on_date
    }

    // flagged: the same count subtracted: 2027-02-29, `checked_sub_months`
    pub fn before(&self, date: DateTime<Utc>) -> DateTime<Utc> {
        date.with_year(date.year() - self.num() as i32).unwrap() //~ ERROR year_arithmetic_on_date
    }

    // flagged: subtraction in a method chain, the failure passed on
    pub fn before_date(&self, date: NaiveDate) -> Result<NaiveDate, String> {
        date
            .with_year(date.year() - self.num() as i32) //~ WARN year_arithmetic_on_date
            .ok_or_else(|| "out of range".to_string())
    }
}

// flagged: a parameter subtracted (its sign is unknown: the help says which way a negative
// count goes)
pub fn years_before(d: NaiveDate, years: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year() - years, d.month(), d.day()) //~ WARN year_arithmetic_on_date
}

// flagged: the subtraction is in a `let` before the call
pub fn years_before_let(d: NaiveDate, years: i32) -> Option<NaiveDate> {
    let y = d.year() - years;
    NaiveDate::from_ymd_opt(y, d.month(), d.day()) //~ WARN year_arithmetic_on_date
}

// flagged: two subtractions, one of them unknown: still the year before
pub fn years_and_one_before(d: NaiveDate, years: i32) -> Option<NaiveDate> {
    d.with_year(d.year() - years - 1) //~ WARN year_arithmetic_on_date
}

// flagged: a narrow unsigned count (`u32::from` widens it)
pub fn small_count_later(d: NaiveDate, n: u8) -> Option<NaiveDate> {
    d.with_year(d.year() + n as i32) //~ WARN year_arithmetic_on_date
}

// flagged: a count of another type (`as u32`, as the code already casts it)
pub fn len_later(d: NaiveDate, items: &[u8]) -> Option<NaiveDate> {
    d.with_year(d.year() + items.len() as i32) //~ WARN year_arithmetic_on_date
}

// flagged: the panicking constructor: the fix panics only where chrono's `+ Months` does
#[allow(deprecated)]
pub fn years_before_panicking(d: NaiveDate, years: u32) -> NaiveDate {
    NaiveDate::from_ymd(d.year() - years as i32, d.month(), d.day()) //~ ERROR year_arithmetic_on_date
}

// flagged: a date-time's fields into a `NaiveDate`: the fix starts from its date
pub fn date_of_next_year(now: DateTime<Utc>) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(now.year() + 1, now.month(), now.day()) //~ WARN year_arithmetic_on_date
}

// flagged: jiff, subtraction with a parameter (jiff's spans take the signed count as it is)
pub fn jiff_years_before(d: civil::Date, years: i16) -> Result<civil::Date, jiff::Error> {
    civil::Date::new(d.year() - years, d.month(), d.day()) //~ WARN year_arithmetic_on_date
}

// flagged: jiff's panicking `civil::date`, a year back
pub fn jiff_year_before(d: civil::Date) -> civil::Date {
    civil::date(d.year() - 1, d.month(), d.day()) //~ ERROR year_arithmetic_on_date
}

// flagged: jiff's builder, finished with `build()`
pub fn jiff_builder_before(d: civil::Date) -> Result<civil::Date, jiff::Error> {
    d.with().year(d.year() - 1).build() //~ WARN year_arithmetic_on_date
}

// flagged: the date goes on to another call
pub fn next_year_at_noon(d: NaiveDate) -> Option<chrono::NaiveDateTime> {
    d.with_year(d.year() + 1)?.and_hms_opt(12, 0, 0) //~ WARN year_arithmetic_on_date
}

// flagged: the result is unwrapped and used as the receiver of another call
#[allow(deprecated)]
pub fn next_year_weekday(d: NaiveDate) -> chrono::Weekday {
    NaiveDate::from_ymd(d.year() + 1, d.month(), d.day()).weekday() //~ ERROR year_arithmetic_on_date
}

// flagged: a date string built with the year minus a count, parsed: 2027-02-29 does not parse
pub fn years_before_through_string(d: NaiveDate, years: i32) -> NaiveDate {
    let text = format!("{}-{:02}-{:02}", d.year() - years, d.month(), d.day());
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").unwrap() //~ ERROR year_arithmetic_on_date
}
