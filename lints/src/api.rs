//! The date APIs of chrono 0.4, time 0.3, jiff 1, std and the certificate crates, as data.
//!
//! Lints never match on API names themselves: they ask this table which call constructs or
//! sets a date, which argument is the year, month or day, and how the call fails. Adding an
//! API is adding a row.

use crate::resolve::{Crate, Imports};

/// What an argument of a date constructor means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Year,
    Month,
    Day,
    Ordinal,
    IsoWeek,
    Weekday,
    Hour,
    Minute,
    Second,
    Milli,
    Micro,
    Nano,
    /// Not a calendar field (a time zone, a timestamp, a format string).
    Other,
}

/// How a constructor reports an impossible date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// `Option`: None.
    Option,
    /// `Result`: Err.
    Result,
    /// chrono's `LocalResult`/`MappedLocalResult`: None or Ambiguous.
    LocalResult,
    /// Panics (deprecated chrono APIs, jiff's `civil::date`, `rcgen::date_time_ymd`).
    Panics,
}

impl Failure {
    pub fn panics(self) -> bool {
        self == Failure::Panics
    }
}

/// How a row is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callee {
    /// `Type::function(..)`, the type resolved through the file's imports.
    Assoc {
        ty: &'static str,
        func: &'static str,
    },
    /// A free function by its path inside the crate (`civil::date`, `date_time_ymd`).
    Free { path: &'static str },
    /// `receiver.method(..)`: matched by method name, the receiver's type is not known.
    Method { name: &'static str },
}

#[derive(Debug)]
pub struct DateCtor {
    pub krate: Crate,
    pub callee: Callee,
    /// What each argument means, in order.
    pub args: &'static [Role],
    pub failure: Failure,
    /// For setters (`with_year`, `replace_month`): the field that is replaced; the receiver's
    /// other fields are kept.
    pub sets: Option<Role>,
    /// The result depends on a time zone's rules (DST gaps and overlaps).
    pub zoned: bool,
    /// The name alone identifies the API, even when the file's imports do not tell
    /// (`NaiveDate::from_ymd_opt` through a re-export). Generic names (`Date::new`) are not.
    pub distinctive: bool,
}

use Callee::*;
use Role::*;

macro_rules! rows {
    ($($krate:ident $callee:expr, [$($arg:ident),*], $fail:ident, sets=$sets:expr, zoned=$zoned:expr, distinctive=$dist:expr;)*) => {
        &[$(DateCtor {
            krate: Crate::$krate,
            callee: $callee,
            args: &[$($arg),*],
            failure: Failure::$fail,
            sets: $sets,
            zoned: $zoned,
            distinctive: $dist,
        }),*]
    };
}

const fn assoc(ty: &'static str, func: &'static str) -> Callee {
    Assoc { ty, func }
}
const fn method(name: &'static str) -> Callee {
    Method { name }
}
const fn free(path: &'static str) -> Callee {
    Free { path }
}

/// Every date/time constructor and setter the lints know.
pub static DATE_CTORS: &[DateCtor] = rows![
    // chrono 0.4
    Chrono assoc("NaiveDate", "from_ymd_opt"), [Year, Month, Day], Option, sets=None, zoned=false, distinctive=true;
    Chrono assoc("NaiveDate", "from_ymd"), [Year, Month, Day], Panics, sets=None, zoned=false, distinctive=true;
    Chrono assoc("NaiveDate", "from_yo_opt"), [Year, Ordinal], Option, sets=None, zoned=false, distinctive=true;
    Chrono assoc("NaiveDate", "from_yo"), [Year, Ordinal], Panics, sets=None, zoned=false, distinctive=true;
    Chrono assoc("NaiveDate", "from_isoywd_opt"), [Year, IsoWeek, Weekday], Option, sets=None, zoned=false, distinctive=true;
    Chrono assoc("NaiveDate", "from_isoywd"), [Year, IsoWeek, Weekday], Panics, sets=None, zoned=false, distinctive=true;
    Chrono assoc("NaiveTime", "from_hms_opt"), [Hour, Minute, Second], Option, sets=None, zoned=false, distinctive=true;
    Chrono assoc("NaiveTime", "from_hms_milli_opt"), [Hour, Minute, Second, Milli], Option, sets=None, zoned=false, distinctive=true;
    Chrono assoc("NaiveTime", "from_hms_micro_opt"), [Hour, Minute, Second, Micro], Option, sets=None, zoned=false, distinctive=true;
    Chrono assoc("NaiveTime", "from_hms_nano_opt"), [Hour, Minute, Second, Nano], Option, sets=None, zoned=false, distinctive=true;
    Chrono assoc("NaiveTime", "from_hms"), [Hour, Minute, Second], Panics, sets=None, zoned=false, distinctive=true;
    Chrono assoc("NaiveTime", "from_hms_milli"), [Hour, Minute, Second, Milli], Panics, sets=None, zoned=false, distinctive=true;
    Chrono assoc("NaiveTime", "from_hms_micro"), [Hour, Minute, Second, Micro], Panics, sets=None, zoned=false, distinctive=true;
    Chrono assoc("NaiveTime", "from_hms_nano"), [Hour, Minute, Second, Nano], Panics, sets=None, zoned=false, distinctive=true;
    Chrono assoc("NaiveDateTime", "from_timestamp"), [Other, Other], Panics, sets=None, zoned=false, distinctive=true;
    Chrono method("with_year"), [Year], Option, sets=Some(Year), zoned=false, distinctive=true;
    Chrono method("with_month"), [Month], Option, sets=Some(Month), zoned=false, distinctive=true;
    Chrono method("with_month0"), [Month], Option, sets=Some(Month), zoned=false, distinctive=true;
    Chrono method("with_day"), [Day], Option, sets=Some(Day), zoned=false, distinctive=true;
    Chrono method("with_day0"), [Day], Option, sets=Some(Day), zoned=false, distinctive=true;
    Chrono method("with_ordinal"), [Ordinal], Option, sets=Some(Ordinal), zoned=false, distinctive=true;
    Chrono method("with_ordinal0"), [Ordinal], Option, sets=Some(Ordinal), zoned=false, distinctive=true;
    Chrono method("and_hms_opt"), [Hour, Minute, Second], Option, sets=None, zoned=false, distinctive=true;
    Chrono method("and_hms_milli_opt"), [Hour, Minute, Second, Milli], Option, sets=None, zoned=false, distinctive=true;
    Chrono method("and_hms_micro_opt"), [Hour, Minute, Second, Micro], Option, sets=None, zoned=false, distinctive=true;
    Chrono method("and_hms_nano_opt"), [Hour, Minute, Second, Nano], Option, sets=None, zoned=false, distinctive=true;
    Chrono method("and_hms"), [Hour, Minute, Second], Panics, sets=None, zoned=false, distinctive=true;
    Chrono method("and_hms_milli"), [Hour, Minute, Second, Milli], Panics, sets=None, zoned=false, distinctive=true;
    Chrono method("and_hms_micro"), [Hour, Minute, Second, Micro], Panics, sets=None, zoned=false, distinctive=true;
    Chrono method("and_hms_nano"), [Hour, Minute, Second, Nano], Panics, sets=None, zoned=false, distinctive=true;
    Chrono method("with_ymd_and_hms"), [Year, Month, Day, Hour, Minute, Second], LocalResult, sets=None, zoned=true, distinctive=true;
    Chrono method("ymd_opt"), [Year, Month, Day], LocalResult, sets=None, zoned=true, distinctive=true;
    Chrono method("ymd"), [Year, Month, Day], Panics, sets=None, zoned=true, distinctive=false;
    Chrono method("yo"), [Year, Ordinal], Panics, sets=None, zoned=true, distinctive=false;
    Chrono method("from_local_datetime"), [Other], LocalResult, sets=None, zoned=true, distinctive=true;
    Chrono method("and_local_timezone"), [Other], LocalResult, sets=None, zoned=true, distinctive=true;
    // time 0.3
    Time assoc("Date", "from_calendar_date"), [Year, Month, Day], Result, sets=None, zoned=false, distinctive=true;
    Time assoc("Date", "from_ordinal_date"), [Year, Ordinal], Result, sets=None, zoned=false, distinctive=true;
    Time assoc("Date", "from_iso_week_date"), [Year, IsoWeek, Weekday], Result, sets=None, zoned=false, distinctive=true;
    Time assoc("Time", "from_hms"), [Hour, Minute, Second], Result, sets=None, zoned=false, distinctive=false;
    Time assoc("Time", "from_hms_milli"), [Hour, Minute, Second, Milli], Result, sets=None, zoned=false, distinctive=false;
    Time assoc("Time", "from_hms_micro"), [Hour, Minute, Second, Micro], Result, sets=None, zoned=false, distinctive=false;
    Time assoc("Time", "from_hms_nano"), [Hour, Minute, Second, Nano], Result, sets=None, zoned=false, distinctive=false;
    Time method("replace_year"), [Year], Result, sets=Some(Year), zoned=false, distinctive=true;
    Time method("replace_month"), [Month], Result, sets=Some(Month), zoned=false, distinctive=true;
    Time method("replace_day"), [Day], Result, sets=Some(Day), zoned=false, distinctive=true;
    Time method("replace_ordinal"), [Ordinal], Result, sets=Some(Ordinal), zoned=false, distinctive=true;
    // jiff 1
    Jiff free("civil::date"), [Year, Month, Day], Panics, sets=None, zoned=false, distinctive=false;
    Jiff free("civil::time"), [Hour, Minute, Second, Nano], Panics, sets=None, zoned=false, distinctive=false;
    Jiff free("civil::datetime"), [Year, Month, Day, Hour, Minute, Second, Nano], Panics, sets=None, zoned=false, distinctive=false;
    Jiff assoc("Date", "new"), [Year, Month, Day], Result, sets=None, zoned=false, distinctive=false;
    Jiff assoc("Time", "new"), [Hour, Minute, Second, Nano], Result, sets=None, zoned=false, distinctive=false;
    Jiff assoc("DateTime", "new"), [Year, Month, Day, Hour, Minute, Second, Nano], Result, sets=None, zoned=false, distinctive=false;
    // certificate crates
    Rcgen free("date_time_ymd"), [Year, Month, Day], Panics, sets=None, zoned=false, distinctive=true;
];

impl DateCtor {
    pub fn index_of(&self, role: Role) -> Option<usize> {
        self.args.iter().position(|&r| r == role)
    }

    pub fn is_method(&self) -> bool {
        matches!(self.callee, Method { .. })
    }

    /// The name as users write it, for messages: `NaiveDate::from_ymd_opt`, `with_year`.
    pub fn display_name(&self) -> String {
        match self.callee {
            Assoc { ty, func } => format!("{ty}::{func}"),
            Free { path } => path.rsplit("::").next().unwrap_or(path).to_string(),
            Method { name } => name.to_string(),
        }
    }
}

/// Finds the constructor a call `func(args)` refers to, if any.
pub fn lookup_call(imports: &Imports, func: &syn::Expr) -> Option<&'static DateCtor> {
    let syn::Expr::Path(p) = func else {
        return None;
    };
    let resolved = imports.resolve(&p.path);
    if resolved.local {
        return None;
    }
    let segs = &resolved.segments;
    DATE_CTORS.iter().find(|row| match row.callee {
        Assoc { ty, func } => {
            resolved.last() == func
                && resolved.owner() == Some(ty)
                && (resolved.krate == Some(row.krate)
                    || (row.distinctive && resolved.krate.is_none()))
        }
        Free { path } => {
            let want: Vec<&str> = path.split("::").collect();
            let tail_matches = segs.len() >= want.len()
                && segs[segs.len() - want.len()..]
                    .iter()
                    .zip(&want)
                    .all(|(a, b)| a == b);
            tail_matches
                && (resolved.krate == Some(row.krate)
                    || (row.distinctive && resolved.krate.is_none() && segs.len() == want.len()))
        }
        Method { .. } => false,
    })
}

/// Finds the setter/constructor a method call refers to, by name and argument count.
pub fn lookup_method(name: &str, argc: usize) -> Option<&'static DateCtor> {
    DATE_CTORS
        .iter()
        .find(|row| matches!(row.callee, Method { name: n } if n == name) && row.args.len() == argc)
}

/// Unit of a duration constructor's argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Nanos,
    Micros,
    Millis,
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
}

impl Unit {
    /// How many of this unit make a day, as a fraction `num / den` to stay exact.
    pub fn per_day(self) -> (u128, u128) {
        match self {
            Unit::Nanos => (86_400_000_000_000, 1),
            Unit::Micros => (86_400_000_000, 1),
            Unit::Millis => (86_400_000, 1),
            Unit::Seconds => (86_400, 1),
            Unit::Minutes => (1_440, 1),
            Unit::Hours => (24, 1),
            Unit::Days => (1, 1),
            Unit::Weeks => (1, 7),
        }
    }
}

/// A function or method that makes a duration from a number of `unit`s.
#[derive(Debug)]
pub struct DurationCtor {
    /// Crates whose type of this name has the constructor; std's covers `core` and tokio's
    /// re-export.
    pub krates: &'static [Crate],
    /// Type name for `Type::func(n)`; None for a method on an integer or span (`365.days()`).
    pub ty: Option<&'static str>,
    pub func: &'static str,
    pub unit: Unit,
    /// Safe to match when the type's import is not visible (std's `from_secs` family).
    pub distinctive: bool,
}

const STD: &[Crate] = &[Crate::Std, Crate::Tokio];
const CHRONO: &[Crate] = &[Crate::Chrono];
const TIME: &[Crate] = &[Crate::Time];
const JIFF: &[Crate] = &[Crate::Jiff];
const OPENSSL: &[Crate] = &[Crate::Openssl];

macro_rules! durations {
    ($($krates:ident $ty:expr, $func:literal, $unit:ident, $dist:expr;)*) => {
        &[$(DurationCtor { krates: $krates, ty: $ty, func: $func, unit: Unit::$unit, distinctive: $dist }),*]
    };
}

pub static DURATION_CTORS: &[DurationCtor] = durations![
    STD Some("Duration"), "from_secs", Seconds, true;
    STD Some("Duration"), "from_millis", Millis, true;
    STD Some("Duration"), "from_micros", Micros, true;
    STD Some("Duration"), "from_nanos", Nanos, true;
    STD Some("Duration"), "from_mins", Minutes, true;
    STD Some("Duration"), "from_hours", Hours, true;
    STD Some("Duration"), "from_days", Days, true;
    STD Some("Duration"), "from_weeks", Weeks, true;
    STD Some("Duration"), "from_secs_f64", Seconds, true;
    CHRONO Some("Duration"), "days", Days, false;
    CHRONO Some("Duration"), "try_days", Days, false;
    CHRONO Some("Duration"), "weeks", Weeks, false;
    CHRONO Some("Duration"), "try_weeks", Weeks, false;
    CHRONO Some("Duration"), "hours", Hours, false;
    CHRONO Some("Duration"), "try_hours", Hours, false;
    CHRONO Some("Duration"), "minutes", Minutes, false;
    CHRONO Some("Duration"), "try_minutes", Minutes, false;
    CHRONO Some("Duration"), "seconds", Seconds, false;
    CHRONO Some("Duration"), "try_seconds", Seconds, false;
    CHRONO Some("Duration"), "milliseconds", Millis, false;
    CHRONO Some("TimeDelta"), "days", Days, true;
    CHRONO Some("TimeDelta"), "try_days", Days, true;
    CHRONO Some("TimeDelta"), "weeks", Weeks, true;
    CHRONO Some("TimeDelta"), "try_weeks", Weeks, true;
    CHRONO Some("TimeDelta"), "hours", Hours, true;
    CHRONO Some("TimeDelta"), "try_hours", Hours, true;
    CHRONO Some("TimeDelta"), "minutes", Minutes, true;
    CHRONO Some("TimeDelta"), "seconds", Seconds, true;
    CHRONO Some("TimeDelta"), "try_seconds", Seconds, true;
    CHRONO Some("TimeDelta"), "milliseconds", Millis, true;
    TIME Some("Duration"), "days", Days, false;
    TIME Some("Duration"), "weeks", Weeks, false;
    TIME Some("Duration"), "hours", Hours, false;
    TIME Some("Duration"), "minutes", Minutes, false;
    TIME Some("Duration"), "seconds", Seconds, false;
    TIME Some("Duration"), "milliseconds", Millis, false;
    JIFF Some("SignedDuration"), "from_hours", Hours, true;
    JIFF Some("SignedDuration"), "from_mins", Minutes, true;
    JIFF Some("SignedDuration"), "from_secs", Seconds, true;
    JIFF Some("SignedDuration"), "from_millis", Millis, true;
    JIFF None, "days", Days, false;
    JIFF None, "weeks", Weeks, false;
    JIFF None, "hours", Hours, false;
    JIFF None, "minutes", Minutes, false;
    JIFF None, "seconds", Seconds, false;
    OPENSSL Some("Asn1Time"), "days_from_now", Days, true;
];

/// Prefilter needles of the duration lints: the constructors' names with their opening
/// parenthesis (`days(`, `.days()`), so that the word "days" in a comment does not count; the
/// upper-case words of a year- or month-named constant (constants are UPPER_CASE; a
/// lower-case "year" would match "Longyearbyen", "yr" "Kyrgyz"); and the seconds of spans in
/// integer arithmetic.
pub const DURATION_NEEDLES: &[&str] = &[
    "from_secs(",
    "from_secs_f64(",
    "from_millis(",
    "from_micros(",
    "from_nanos(",
    "from_mins(",
    "from_hours(",
    "from_days(",
    "from_weeks(",
    "days(",
    "weeks(",
    "hours(",
    "minutes(",
    "seconds(",
    "milliseconds(",
    "days()",
    "weeks()",
    "days_from_now(",
    "YEAR",
    "ANNUAL",
    "_YR",
    "YR_",
    // Seconds or milliseconds in integer arithmetic: a day's seconds as a factor
    // (`months * 30 * 86_400`), or a whole month or year of them. Not 3600: with "30" it is in
    // most items of a date library, and the prefilter would pass them all.
    "86400",
    "86_400",
    "86400*",
    "86_400*",
    "2592*",
    "2_592*",
    "2678*",
    "2_678*",
    "31536*",
    "31_536*",
];

/// Finds the duration constructor of a call `Type::func(..)`.
pub fn lookup_duration_call(imports: &Imports, func: &syn::Expr) -> Option<&'static DurationCtor> {
    let syn::Expr::Path(p) = func else {
        return None;
    };
    let resolved = imports.resolve(&p.path);
    if resolved.local {
        return None;
    }
    // `Duration::days` with no visible import and a glob from one date crate resolves to that
    // crate; otherwise only the distinctive std names match an unresolved type.
    DURATION_CTORS.iter().find(|row| {
        row.ty.is_some()
            && resolved.owner() == row.ty
            && resolved.last() == row.func
            && match resolved.krate {
                Some(k) => row.krates.contains(&k),
                None => row.distinctive,
            }
    })
}

/// Finds a duration-making method (`365.days()`, `Span::new().days(365)`); only jiff has them,
/// so the file must use jiff.
pub fn lookup_duration_method(imports: &Imports, name: &str) -> Option<&'static DurationCtor> {
    if !imports.uses_crate(Crate::Jiff) {
        return None;
    }
    DURATION_CTORS
        .iter()
        .find(|row| row.ty.is_none() && row.func == name)
}

/// jiff's builder `date.with().year(y).build()`: the setters are plain method names, so they
/// count only on a receiver chain that starts a builder with `.with()`.
pub static JIFF_BUILDER: &[DateCtor] = rows![
    Jiff method("year"), [Year], Result, sets=Some(Year), zoned=false, distinctive=false;
    Jiff method("month"), [Month], Result, sets=Some(Month), zoned=false, distinctive=false;
    Jiff method("day"), [Day], Result, sets=Some(Day), zoned=false, distinctive=false;
    Jiff method("day_of_year"), [Ordinal], Result, sets=Some(Ordinal), zoned=false, distinctive=false;
];

/// A jiff builder setter (`.year(y)` after `.with()`), by name and argument count.
pub fn lookup_jiff_builder(name: &str, argc: usize) -> Option<&'static DateCtor> {
    JIFF_BUILDER.iter().find(|row| {
        matches!(row.callee, Callee::Method { name: n } if n == name) && row.args.len() == argc
    })
}

/// Any setter in a receiver chain: chrono/time by name, or a jiff builder setter.
pub fn lookup_setter(name: &str, argc: usize) -> Option<&'static DateCtor> {
    lookup_method(name, argc)
        .or_else(|| lookup_jiff_builder(name, argc))
        .filter(|row| row.sets.is_some())
}

/// Functions and methods that take a date format string (strftime or a time format
/// description) as an argument: `d.format(fmt)`, `NaiveDate::parse_from_str(s, fmt)`, jiff's
/// `strftime`/`strptime`, time's `format_description::parse(fmt)` and `format_description!`.
/// A string that reaches none of them is not a date format (`"%d%%"` in a printf-style
/// message is not).
pub const DATE_FORMAT_APIS: &[&str] = &[
    "format",
    "format_with_items",
    "format_localized",
    "parse_from_str",
    "parse_and_remainder",
    "strftime",
    "strptime",
    "format_description",
    "parse_borrowed",
    "parse_owned",
    "parse",
    "StrftimeItems",
    "new_lenient",
    "new_with_locale",
    "to_string_with_format",
];

/// Parsers of date strings, for dates rebuilt through `format!` and for unwrapped parses.
pub static DATE_PARSERS: &[(Crate, &str, &str)] = &[
    (Crate::Chrono, "NaiveDate", "parse_from_str"),
    (Crate::Chrono, "NaiveDateTime", "parse_from_str"),
    (Crate::Chrono, "DateTime", "parse_from_str"),
    (Crate::Time, "Date", "parse"),
    (Crate::Time, "PrimitiveDateTime", "parse"),
    (Crate::Time, "OffsetDateTime", "parse"),
    (Crate::Jiff, "Date", "strptime"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn call(imports: &str, func: &str) -> Option<&'static DateCtor> {
        let i = Imports::collect(&syn::parse_str(imports).unwrap());
        lookup_call(&i, &syn::parse_str(func).unwrap())
    }

    #[test]
    fn constructors_resolve_per_library() {
        let chrono = call("use chrono::NaiveDate as D;", "D::from_ymd_opt").unwrap();
        assert_eq!(chrono.krate, Crate::Chrono);
        assert_eq!(chrono.index_of(Role::Day), Some(2));
        assert_eq!(
            call("use time::Date;", "Date::from_calendar_date")
                .unwrap()
                .krate,
            Crate::Time
        );
        assert_eq!(
            call("use jiff::civil::Date;", "Date::new").unwrap().krate,
            Crate::Jiff
        );
        assert_eq!(
            call("use jiff::civil;", "civil::date").unwrap().failure,
            Failure::Panics
        );
        assert_eq!(
            call("", "rcgen::date_time_ymd").unwrap().krate,
            Crate::Rcgen
        );
        assert_eq!(
            call("use rcgen::date_time_ymd;", "date_time_ymd")
                .unwrap()
                .krate,
            Crate::Rcgen
        );
        // A generic name from an unknown place is not a date API.
        assert!(call("", "Date::new").is_none());
        assert!(call("struct NaiveDate;", "NaiveDate::from_ymd_opt").is_none());
        // A distinctive one is, even without its import in sight.
        assert!(call("", "NaiveDate::from_ymd_opt").is_some());
    }

    #[test]
    fn durations_need_a_date_crate_unless_distinctive() {
        let i = Imports::collect(&syn::parse_str("use chrono::Duration;").unwrap());
        let f = syn::parse_str("Duration::days").unwrap();
        assert_eq!(lookup_duration_call(&i, &f).unwrap().unit, Unit::Days);
        let none = Imports::collect(&syn::parse_str("").unwrap());
        assert!(lookup_duration_call(&none, &f).is_none());
        let secs = syn::parse_str("Duration::from_secs").unwrap();
        assert!(lookup_duration_call(&none, &secs).is_some());
        let own = Imports::collect(&syn::parse_str("struct Duration;").unwrap());
        assert!(lookup_duration_call(&own, &secs).is_none());
    }
}
