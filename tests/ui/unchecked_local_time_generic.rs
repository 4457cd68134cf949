// unchecked_local_time: zones known from their types: a type parameter bound by `TimeZone`,
// `impl TimeZone`, chrono-tz's `Tz` in a `let`'s type, a parse, a field or a `DateTime<Tz>`.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::str::FromStr;

// ---------------------------------------------------------------- flagged

// flagged: a generic zone is any zone, those with DST included
pub fn generic<T: TimeZone>(t: &T, naive: NaiveDateTime) -> DateTime<T> {
    t.from_local_datetime(&naive).unwrap() //~ WARN unchecked_local_time
}

// flagged: the bound in a `where` clause, `.single().unwrap()`
pub fn generic_where<Z>(z: Z, naive: NaiveDateTime) -> DateTime<Z>
where
    Z: TimeZone,
{
    z.from_local_datetime(&naive).single().unwrap() //~ WARN unchecked_local_time
}

// flagged: `impl TimeZone`; `.earliest()` settles the overlap, not the gap
pub fn impl_zone(at: &impl TimeZone, naive: NaiveDateTime) -> i64 {
    at.from_local_datetime(&naive).earliest().unwrap().timestamp() //~ WARN unchecked_local_time
}

// flagged: the zone of a `DateTime<T>` parameter
pub fn zone_of<T: TimeZone>(dt: DateTime<T>, naive: NaiveDateTime) -> DateTime<T> {
    dt.timezone().from_local_datetime(&naive).unwrap() //~ WARN unchecked_local_time
}

// flagged: a chrono-tz zone parsed from a name, known from the `let`'s type
pub fn parsed(name: &str, naive: NaiveDateTime) -> DateTime<Tz> {
    let berlin: Tz = name.parse().unwrap();
    berlin.from_local_datetime(&naive).unwrap() //~ WARN unchecked_local_time
}

// flagged: `parse::<Tz>()`
pub fn turbofish(name: &str, naive: NaiveDateTime) -> DateTime<Tz> {
    let place = name.parse::<Tz>().unwrap();
    place.from_local_datetime(&naive).unwrap() //~ WARN unchecked_local_time
}

// flagged: `Tz::from_str`
pub fn from_str(name: &str, naive: NaiveDateTime) -> DateTime<Tz> {
    let place = Tz::from_str(name).unwrap();
    place.from_local_datetime(&naive).unwrap() //~ WARN unchecked_local_time
}

// flagged: a zone parsed from an iCalendar TZID (an event at 02:30 on a spring-forward day)
pub fn with_tzid(date_time: NaiveDateTime, tzid: &str) -> DateTime<Tz> {
    date_time //~ WARN unchecked_local_time
        .and_local_timezone(tzid.parse::<chrono_tz::Tz>().ok().unwrap())
        .single()
        .unwrap()
}

pub struct Account {
    home: Tz,
    billing: FixedOffset,
}

impl Account {
    // flagged: a field declared `Tz`
    pub fn local(&self, naive: NaiveDateTime) -> DateTime<Tz> {
        self.home.from_local_datetime(&naive).unwrap() //~ WARN unchecked_local_time
    }

    // not flagged: a field declared `FixedOffset`
    pub fn billed(&self, naive: NaiveDateTime) -> DateTime<FixedOffset> {
        self.billing.from_local_datetime(&naive).unwrap()
    }
}

pub struct Schedule<T: TimeZone> {
    clock: T,
}

impl<T: TimeZone> Schedule<T> {
    // flagged: a field of a generic zone type
    pub fn at(&self, naive: NaiveDateTime) -> DateTime<T> {
        self.clock.from_local_datetime(&naive).unwrap() //~ WARN unchecked_local_time
    }

    // flagged: a method's parameter of the impl's zone type
    pub fn with(&self, other: &T, naive: NaiveDateTime) -> DateTime<T> {
        naive.and_local_timezone(other.clone()).unwrap() //~ WARN unchecked_local_time
    }
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: a UTC instant exists once in every zone
pub fn from_utc<T: TimeZone>(t: &T, naive: NaiveDateTime) -> DateTime<T> {
    t.from_utc_datetime(&naive)
}

// not flagged: `Utc` and `FixedOffset` values have no DST, whatever their names
pub fn utc_value(p: Utc, naive: NaiveDateTime) -> DateTime<Utc> {
    p.from_local_datetime(&naive).unwrap()
}

pub fn fixed_value(p: &FixedOffset, naive: NaiveDateTime) -> DateTime<FixedOffset> {
    p.from_local_datetime(&naive).single().unwrap()
}

// not flagged: the generic result is handed to the caller
pub fn generic_checked<T: TimeZone>(t: &T, naive: NaiveDateTime) -> Option<DateTime<T>> {
    t.from_local_datetime(&naive).single()
}

// not flagged: the zone of a `DateTime<FixedOffset>`
pub fn offset_of(dt: DateTime<FixedOffset>, naive: NaiveDateTime) -> DateTime<FixedOffset> {
    dt.timezone().from_local_datetime(&naive).unwrap()
}

// not flagged: a type parameter without a `TimeZone` bound is no zone
pub fn not_a_zone<T: Clone>(t: T) -> T {
    t.clone()
}

// not flagged: a generic zone at noon (no zone changes its clocks between 05:00 and 21:00)
pub fn generic_noon<T: TimeZone>(t: &T, y: i32, m: u32, d: u32) -> DateTime<T> {
    t.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
}
