// leapcheck-flags: --check-tests
// unchecked_local_time: a private helper whose zone and local time are its parameters is judged
// at its calls, which are all in view: constant instants that exist are silent, a known
// transition or a value that is not a constant is reported.

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

// flagged: constant fields in a named zone, on a transition of that very zone
pub fn berlin_gap() -> DateTime<Tz> {
    Tz::Europe__Berlin.with_ymd_and_hms(2027, 3, 28, 2, 30, 0).unwrap() //~ WARN unchecked_local_time
}

// not flagged: London's clocks change at 01:00, so 02:30 exists there on the same day
pub fn london_same_day() -> DateTime<Tz> {
    Tz::Europe__London.with_ymd_and_hms(2027, 3, 28, 2, 30, 0).unwrap()
}

// not flagged: a private helper whose every call passes a constant instant off the transitions
fn opening(at: NaiveDateTime) -> DateTime<Local> {
    Local.from_local_datetime(&at).unwrap()
}

pub fn opening_day() -> DateTime<Local> {
    opening(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap().and_hms_opt(1, 30, 0).unwrap())
}

// flagged: a public helper may be called from other files: the calls in view are not all
pub fn shared(tz: Tz, at: NaiveDateTime) -> DateTime<Tz> {
    tz.from_local_datetime(&at).unwrap() //~ WARN unchecked_local_time
}

pub fn uses_shared() -> DateTime<Tz> {
    shared(Tz::Asia__Tokyo, NaiveDate::from_ymd_opt(2026, 5, 1).unwrap().and_hms_opt(2, 30, 0).unwrap())
}

// not flagged: the fields are the rows of a constant table, and no row is a transition
const OPENINGS: &[(i32, u32, u32, u32)] = &[(2026, 3, 28, 2), (2026, 10, 24, 1)];

pub fn openings(tz: Tz) -> Vec<DateTime<Tz>> {
    let mut out = Vec::new();
    for (y, m, d, h) in OPENINGS {
        out.push(tz.with_ymd_and_hms(*y, *m, *d, *h, 30, 0).unwrap());
    }
    out
}

// flagged: in `Local`, a row of the table is New York's spring-forward 02:30
const ALARMS: [(i32, u32, u32, u32); 2] = [(2026, 1, 5, 2), (2026, 3, 8, 2)];

pub fn alarms() -> Vec<DateTime<Local>> {
    let mut out = Vec::new();
    for &(y, m, d, h) in ALARMS.iter() {
        out.push(Local.with_ymd_and_hms(y, m, d, h, 30, 0).unwrap()); //~ WARN unchecked_local_time
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // not flagged: each call passes the first instant after a gap, which exists in its zone
    fn after_gap(tz: Tz, end: NaiveDateTime) {
        let t = tz.from_local_datetime(&end).single().unwrap();
        assert_eq!(t.naive_local(), end);
    }

    #[test]
    fn gaps_end() {
        after_gap(Tz::Europe__Dublin, NaiveDate::from_ymd_opt(2025, 3, 30).unwrap().and_hms_opt(2, 0, 0).unwrap());
        after_gap(Tz::America__Chicago, NaiveDate::from_ymd_opt(2025, 3, 9).unwrap().and_hms_opt(3, 0, 0).unwrap());
    }

    // flagged: one call passes 02:30 on Berlin's spring-forward day
    fn berlin_wall(at: NaiveDateTime) -> DateTime<Tz> {
        Tz::Europe__Berlin.from_local_datetime(&at).unwrap() //~ WARN unchecked_local_time
    }

    #[test]
    fn berlin() {
        berlin_wall(NaiveDate::from_ymd_opt(2026, 1, 10).unwrap().and_hms_opt(2, 30, 0).unwrap());
        berlin_wall(NaiveDate::from_ymd_opt(2026, 3, 29).unwrap().and_hms_opt(2, 30, 0).unwrap());
    }

    // flagged: in `Local`, a call passes New York's repeated 01:30
    fn local_fields(y: i32, m: u32, d: u32, h: u32) -> DateTime<Local> {
        Local.with_ymd_and_hms(y, m, d, h, 30, 0).unwrap() //~ WARN unchecked_local_time
    }

    #[test]
    fn local() {
        local_fields(2026, 6, 1, 2);
        local_fields(2026, 11, 1, 1);
    }

    // flagged: a call passes a value that is no constant (the clock)
    fn resolve_in(tz: Tz, at: NaiveDateTime) -> DateTime<Tz> {
        tz.from_local_datetime(&at).unwrap() //~ WARN unchecked_local_time
    }

    #[test]
    fn from_clock() {
        resolve_in(Tz::Europe__Paris, chrono::Utc::now().naive_utc());
    }

    // flagged: the helper is also passed as a function value, whose calls are not in view
    fn convert(tz: Tz, at: NaiveDateTime) -> DateTime<Tz> {
        tz.from_local_datetime(&at).unwrap() //~ WARN unchecked_local_time
    }

    #[test]
    fn as_value() {
        let f = convert;
        convert(Tz::Europe__Rome, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap());
        let _ = f;
    }
}
