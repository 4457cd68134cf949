// unchecked_local_time: a local (time-zone) date-time unwrapped although it does not exist in a
// DST gap and is ambiguous in a DST overlap.

use chrono::{DateTime, FixedOffset, Local, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono::Local as Here;
use chrono_tz::Europe::Berlin;
use chrono_tz::Tz;

// ---------------------------------------------------------------- flagged

// flagged: Local.with_ymd_and_hms(..).unwrap(): 02:30 on a spring-forward night does not exist
pub fn local_meeting(year: i32, month: u32, day: u32, hour: u32) -> DateTime<Local> {
    Local.with_ymd_and_hms(year, month, day, hour, 30, 0).unwrap() //~ WARN unchecked_local_time
}

// flagged: from_local_datetime(..).unwrap() in the machine's zone
pub fn to_local(naive: NaiveDateTime) -> DateTime<Local> {
    Local.from_local_datetime(&naive).unwrap() //~ WARN unchecked_local_time
}

// flagged: `.single().unwrap()` is the same unwrap, spelled out
pub fn to_zone(tz: Tz, naive: NaiveDateTime) -> DateTime<Tz> {
    tz.from_local_datetime(&naive).single().unwrap() //~ WARN unchecked_local_time
}

// flagged: `.single().expect(..)`
pub fn to_local_single(naive: NaiveDateTime) -> DateTime<Local> {
    Local.from_local_datetime(&naive).single().expect("unambiguous") //~ WARN unchecked_local_time
}

// flagged: and_local_timezone(Local).unwrap()
pub fn start_of_day_local(d: NaiveDate) -> DateTime<Local> {
    d.and_hms_opt(0, 0, 0).unwrap().and_local_timezone(Local).unwrap() //~ WARN unchecked_local_time
}

// flagged: a chrono_tz zone, a date's fields and 02:30 (skipped on the spring transition)
pub fn berlin(d: NaiveDate) -> DateTime<Tz> {
    Berlin.with_ymd_and_hms(d.year(), d.month(), d.day(), 2, 30, 0).unwrap() //~ WARN unchecked_local_time
}

// not flagged: a helper of a named zone called with its own parameters: the caller picks
pub fn berlin_at(year: i32, month: u32, day: u32, hour: u32) -> DateTime<Tz> {
    Berlin.with_ymd_and_hms(year, month, day, hour, 0, 0).unwrap()
}

// flagged: a chrono_tz zone by full path, from_local_datetime
pub fn new_york(naive: NaiveDateTime) -> DateTime<Tz> {
    chrono_tz::America::New_York.from_local_datetime(&naive).unwrap() //~ WARN unchecked_local_time
}

// flagged: and_local_timezone with a chrono_tz zone
pub fn in_berlin(naive: NaiveDateTime) -> DateTime<Tz> {
    naive.and_local_timezone(Berlin).expect("exists in Berlin") //~ WARN unchecked_local_time
}

// flagged: through an import rename of Local
pub fn renamed(naive: NaiveDateTime) -> DateTime<Here> {
    Here.from_local_datetime(&naive).unwrap() //~ WARN unchecked_local_time
}

// flagged: the zone passes through a `let`
pub fn through_let(naive: NaiveDateTime) -> DateTime<Tz> {
    let zone = chrono_tz::Europe::Paris;
    zone.from_local_datetime(&naive).unwrap() //~ WARN unchecked_local_time
}

// flagged: literal fields in `Local`: whether 02:30 exists depends on the machine's zone
pub fn literal_local() -> DateTime<Local> {
    Local.with_ymd_and_hms(2027, 3, 28, 2, 30, 0).unwrap() //~ WARN unchecked_local_time
}

// flagged: `.earliest().unwrap()` handles the overlap but still panics in a gap
pub fn earliest_unwrapped(naive: NaiveDateTime) -> DateTime<Local> {
    Local.from_local_datetime(&naive).earliest().unwrap() //~ WARN unchecked_local_time
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: UTC has no DST: from_local_datetime is always a single value
pub fn to_utc(naive: NaiveDateTime) -> DateTime<Utc> {
    Utc.from_local_datetime(&naive).unwrap()
}

// not flagged: a fixed offset has no DST either
pub fn to_fixed(naive: NaiveDateTime, offset: FixedOffset) -> DateTime<FixedOffset> {
    offset.from_local_datetime(&naive).unwrap()
}

// not flagged: and_local_timezone(Utc) cannot hit a gap or an overlap
pub fn naive_as_utc(naive: NaiveDateTime) -> DateTime<Utc> {
    naive.and_local_timezone(Utc).unwrap()
}

// not flagged: the gap and the overlap are chosen explicitly, with a fallback
pub fn to_local_earliest(naive: NaiveDateTime) -> DateTime<Local> {
    Local
        .from_local_datetime(&naive)
        .earliest()
        .unwrap_or_else(|| Local.from_utc_datetime(&naive))
}

// not flagged: every case of the LocalResult handled
pub fn to_local_match(naive: NaiveDateTime) -> Option<DateTime<Local>> {
    match Local.from_local_datetime(&naive) {
        LocalResult::Single(t) => Some(t),
        LocalResult::Ambiguous(first, _) => Some(first),
        LocalResult::None => None,
    }
}

// not flagged: propagated with `?` via `.single()`
pub fn to_zone_checked(tz: Tz, naive: NaiveDateTime) -> Option<DateTime<Tz>> {
    let t = tz.from_local_datetime(&naive).single()?;
    Some(t)
}

// not flagged: literal fields in a named zone give the same answer on every run (noon, January)
pub fn berlin_noon() -> DateTime<Tz> {
    Berlin.with_ymd_and_hms(2024, 1, 15, 12, 0, 0).unwrap()
}

// not flagged: a timestamp always maps to one local time
pub fn from_timestamp(secs: i64) -> DateTime<Local> {
    Local.timestamp_opt(secs, 0).unwrap()
}

// not flagged: a UTC instant converted to local time always exists
pub fn now_local(now: DateTime<Utc>) -> DateTime<Local> {
    now.with_timezone(&Local)
}

/// Converts a wall-clock time in Berlin.
///
/// # Panics
///
/// Panics when the time falls into the DST gap.
// not flagged: the function documents the panic
pub fn berlin_documented(naive: NaiveDateTime) -> DateTime<Tz> {
    Berlin.from_local_datetime(&naive).unwrap()
}

// not flagged: test code
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_round_trip() {
        let naive = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap().and_hms_opt(12, 0, 0).unwrap();
        let t = Local.from_local_datetime(&naive).unwrap();
        assert_eq!(t.naive_local(), naive);
    }
}
