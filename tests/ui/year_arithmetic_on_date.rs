// year_arithmetic_on_date: a date rebuilt from another date's year +/- N with the same month
// and day (or day of year). Breaks on Feb 29 (and on day 366).
// Levels: a failure that panics (`unwrap`, a panicking constructor) is an error; one returned to
// the caller (`?`, a returned `Option`) or replaced by a silent fallback value is a warning.

use chrono::{Datelike, Months, NaiveDate, TimeZone, Utc};
use chrono::NaiveDate as ND;
use jiff::civil;
use rcgen::{date_time_ymd, CertificateParams};
use time::{Date, OffsetDateTime, PrimitiveDateTime};

pub struct Subscription {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

// ---------------------------------------------------------------- chrono

// flagged: from_ymd_opt with year + 1 and the same month/day, `?`-propagated (fails on Feb 29)
pub fn renewal(start: NaiveDate) -> Option<NaiveDate> {
    let renew = NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day())?; //~ WARN year_arithmetic_on_date
    Some(renew)
}

// flagged: the deprecated, panicking from_ymd with year + 1 (year lint, not also the panic lint)
#[allow(deprecated)]
pub fn renewal_panicking(start: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd(start.year() + 1, start.month(), start.day()) //~ ERROR year_arithmetic_on_date
}

// flagged: from_yo_opt keeps the day of the year: day 366 has no twin next year
pub fn same_ordinal_next_year(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_yo_opt(d.year() + 1, d.ordinal()) //~ WARN year_arithmetic_on_date
}

// flagged: with_year(year + 1) keeps month and day, unwrapped (reported once, by this lint)
pub fn anniversary(d: NaiveDate) -> NaiveDate {
    d.with_year(d.year() + 1).unwrap() //~ ERROR year_arithmetic_on_date
}

// flagged: TimeZone::with_ymd_and_hms with year + 1 and the same month/day
pub fn one_year_from_now() -> chrono::DateTime<Utc> {
    let now = Utc::now();
    Utc.with_ymd_and_hms(now.year() + 1, now.month(), now.day(), 0, 0, 0).unwrap() //~ ERROR year_arithmetic_on_date
}

// flagged: year - 1 ("a year ago") is the same bug in the other direction
pub fn a_year_ago(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year() - 1, d.month(), d.day()) //~ WARN year_arithmetic_on_date
}

// flagged: + 5 years keeps Feb 29 too (the note names the first year it breaks)
pub fn five_years_later(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year() + 5, d.month(), d.day()) //~ WARN year_arithmetic_on_date
}

// flagged: a variable number of years (the amount is not known: the note shows n = 1)
pub fn n_years_later(d: NaiveDate, years: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year() + years, d.month(), d.day()) //~ WARN year_arithmetic_on_date
}

// flagged: through an import rename (`ND` is chrono's NaiveDate)
pub fn renamed(d: NaiveDate) -> Option<ND> {
    ND::from_ymd_opt(d.year() + 1, d.month(), d.day()) //~ WARN year_arithmetic_on_date
}

// flagged: the year passes through a `let`
pub fn through_let(d: NaiveDate) -> NaiveDate {
    let y = d.year() + 1;
    NaiveDate::from_ymd_opt(y, d.month(), d.day()).expect("valid date") //~ ERROR year_arithmetic_on_date
}

// flagged: the components pass through a tuple `let`, the arithmetic is at the call
pub fn through_tuple(dt: NaiveDate) -> Option<NaiveDate> {
    let (y, m, d) = (dt.year(), dt.month(), dt.day());
    NaiveDate::from_ymd_opt(y + 1, m, d) //~ WARN year_arithmetic_on_date
}

// flagged: fields named year/month/day of a user struct
pub fn next_term(s: &Subscription) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(s.year + 1, s.month, s.day) //~ WARN year_arithmetic_on_date
}

// flagged: the same date rebuilt through a string and parsed
pub fn through_string(d: NaiveDate) -> NaiveDate {
    let text = format!("{}-{:02}-{:02}", d.year() + 1, d.month(), d.day());
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").unwrap() //~ ERROR year_arithmetic_on_date
}

// flagged: the string built with inline captures and parsed with `.parse::<NaiveDate>()`; the
// error goes to the caller (a warning)
pub fn through_captures(d: NaiveDate) -> Result<NaiveDate, chrono::ParseError> {
    let year = d.year() + 1;
    let day = d.day();
    let month = d.month();
    format!("{year}-{month:02}-{day:02}").parse::<NaiveDate>() //~ WARN year_arithmetic_on_date
}

// ---------------------------------------------------------------- time

// flagged: a time date string with year + 1, parsed with time's Date::parse
pub fn time_through_string(d: Date) -> Result<Date, time::error::Parse> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let text = format!("{}-{:02}-{:02}", d.year() + 1, d.month() as u8, d.day());
    Date::parse(&text, &format) //~ WARN year_arithmetic_on_date
}

// flagged: time's Date::from_calendar_date with year + 1
pub fn time_renewal(d: Date) -> Result<Date, time::error::ComponentRange> {
    Date::from_calendar_date(d.year() + 1, d.month(), d.day()) //~ WARN year_arithmetic_on_date
}

// flagged: time's Date::from_ordinal_date keeps the day of the year
pub fn time_same_ordinal(d: Date) -> Result<Date, time::error::ComponentRange> {
    Date::from_ordinal_date(d.year() + 1, d.ordinal()) //~ WARN year_arithmetic_on_date
}

// flagged: replace_year on a time Date
pub fn time_replace_year(d: Date) -> Date {
    d.replace_year(d.year() + 1).unwrap() //~ ERROR year_arithmetic_on_date
}

// flagged: replace_year on a PrimitiveDateTime
pub fn time_replace_year_primitive(dt: PrimitiveDateTime) -> Result<PrimitiveDateTime, time::error::ComponentRange> {
    dt.replace_year(dt.year() + 1) //~ WARN year_arithmetic_on_date
}

// flagged: replace_year on an OffsetDateTime
pub fn time_replace_year_offset() -> Result<OffsetDateTime, time::error::ComponentRange> {
    let now = OffsetDateTime::now_utc();
    now.replace_year(now.year() + 1) //~ WARN year_arithmetic_on_date
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's civil::date panics on 2029-02-29
pub fn jiff_civil_date(d: civil::Date) -> civil::Date {
    civil::date(d.year() + 1, d.month(), d.day()) //~ ERROR year_arithmetic_on_date
}

// flagged: jiff's Date::new with year + 1
pub fn jiff_date_new(d: civil::Date) -> Result<civil::Date, jiff::Error> {
    civil::Date::new(d.year() + 1, d.month(), d.day()) //~ WARN year_arithmetic_on_date
}

// flagged: jiff's builder `.with().year(..)` keeps month and day
pub fn jiff_builder(d: civil::Date) -> Result<civil::Date, jiff::Error> {
    d.with().year(d.year() + 1).build() //~ WARN year_arithmetic_on_date
}

// flagged: jiff's strptime takes the format first, then the string built with year + 1
pub fn jiff_through_string(d: civil::Date) -> Result<civil::Date, jiff::Error> {
    let text = format!("{}-{:02}-{:02}", d.year() + 1, d.month(), d.day());
    civil::Date::strptime("%Y-%m-%d", &text) //~ WARN year_arithmetic_on_date
}

// ---------------------------------------------------------------- rcgen

// flagged: the 2012 Azure shape: a certificate "valid for one year" ends on a Feb 29 that
// does not exist (also says the date becomes the expiry)
pub fn certificate_params() -> CertificateParams {
    let now = OffsetDateTime::now_utc();
    let mut params = CertificateParams::default();
    params.not_before = date_time_ymd(now.year(), now.month() as u8, now.day());
    params.not_after = date_time_ymd(now.year() + 1, now.month() as u8, now.day()); //~ ERROR year_arithmetic_on_date
    params
}

// flagged: chrono-built expiry assigned to `not_after` later: the note names the expiry
pub fn chrono_expiry(params: &mut CertificateParams, today: NaiveDate) {
    let end = NaiveDate::from_ymd_opt(today.year() + 1, today.month(), today.day()).unwrap(); //~ ERROR year_arithmetic_on_date
    params.not_after = to_offset(end);
}

fn to_offset(_d: NaiveDate) -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: literal month and day that exist in every year
pub fn new_years_day_next_year(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
}

// not flagged: the day is a literal 1..=28 (first of the same month next year)
pub fn first_of_month_next_year(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year() + 1, d.month(), 1)
}

// not flagged: the fix: calendar months clamp Feb 29 to Feb 28
pub fn renewal_fixed(start: NaiveDate) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(12))
}

// not flagged: handled in place with a fallback date
pub fn renewal_or_fallback(start: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day())
        .unwrap_or_else(|| start + chrono::Days::new(365))
}

// flagged (a warning): the fallback keeps the old date, so on Feb 29 the anniversary silently
// stays a year behind
pub fn anniversary_or_same(d: NaiveDate) -> NaiveDate {
    d.with_year(d.year() + 1).unwrap_or(d) //~ WARN year_arithmetic_on_date
}

// not flagged: a `match` whose None arm supplies a date
pub fn renewal_match(start: NaiveDate) -> NaiveDate {
    match NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day()) {
        Some(d) => d,
        None => NaiveDate::from_ymd_opt(start.year() + 1, 3, 1).unwrap_or(start),
    }
}

// not flagged: `if let .. else` with a fallback
pub fn renewal_if_let(start: NaiveDate) -> NaiveDate {
    if let Some(d) = start.with_year(start.year() + 1) {
        d
    } else {
        start + chrono::Days::new(365)
    }
}

// not flagged: the enclosing branch tests for Feb 29
pub fn renewal_guarded(start: NaiveDate) -> NaiveDate {
    if start.month() == 2 && start.day() == 29 {
        NaiveDate::from_ymd_opt(start.year() + 1, 3, 1).unwrap()
    } else {
        NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day()).unwrap()
    }
}

// not flagged: a leap-year test guards the target year
pub fn renewal_leap_test(start: NaiveDate) -> Option<NaiveDate> {
    let y = start.year() + 1;
    if is_leap_year(y) || start.ordinal() < 60 {
        NaiveDate::from_ymd_opt(y, start.month(), start.day())
    } else {
        NaiveDate::from_ymd_opt(y, start.month(), start.day().min(28))
    }
}

fn is_leap_year(y: i32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

// not flagged: the day is clamped with `.min(28)`
pub fn renewal_clamped(start: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day().min(28))
}

// not flagged: the day was reset to 1 before the year changed
pub fn next_year_first(d: NaiveDate) -> Option<NaiveDate> {
    d.with_day(1)?.with_year(d.year() + 1)
}

// not flagged: jiff's builder sets day 1 as well
pub fn jiff_builder_first(d: civil::Date) -> Result<civil::Date, jiff::Error> {
    d.with().year(d.year() + 1).day(1).build()
}

// not flagged: a string with a shifted year but a literal month and day
pub fn fiscal_year_start(d: NaiveDate) -> NaiveDate {
    let text = format!("{}-04-01", d.year() + 1);
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").unwrap_or(d)
}

// not flagged: a user's own type with a method of the same name
pub struct MyDate;
impl MyDate {
    pub fn from_ymd_opt(_y: i32, _m: u32, _d: u32) -> Option<MyDate> {
        Some(MyDate)
    }
}
pub fn own_type(d: NaiveDate) -> Option<MyDate> {
    MyDate::from_ymd_opt(d.year() + 1, d.month(), d.day())
}

// not flagged: year arithmetic that never becomes a date
pub fn label(d: NaiveDate) -> String {
    let next = d.year() + 1;
    format!("FY{next}")
}
