// unchecked_local_time with facts about the time of day and the code around the unwrap.

use chrono::{DateTime, FixedOffset, Local, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};

// not flagged: no zone has a DST transition at noon
pub fn at_noon(y: i32, m: u32, d: u32) -> chrono::DateTime<Local> {
    Local.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
}

// flagged: 02:30 is skipped in spring in most of Europe
pub fn at_half_past_two(y: i32, m: u32, d: u32) -> chrono::DateTime<Local> {
    Local.with_ymd_and_hms(y, m, d, 2, 30, 0).unwrap() //~ WARN unchecked_local_time
}

// not flagged: an hour checked into the working day
pub fn at_hour(y: i32, m: u32, d: u32, h: u32) -> Option<chrono::DateTime<Local>> {
    if !(8..=18).contains(&h) {
        return None;
    }
    Some(Local.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap())
}

// not flagged: literal fields on a day without DST transitions
pub fn new_year() -> chrono::DateTime<Local> {
    Local.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

// flagged: literal fields inside Europe's spring gap (the machine's zone decides)
pub fn spring_gap() -> chrono::DateTime<Local> {
    Local.with_ymd_and_hms(2027, 3, 28, 2, 30, 0).unwrap() //~ WARN unchecked_local_time
}

// not flagged: the arm has already seen that the time is ambiguous, so earliest() exists
pub fn resolve(naive: NaiveDateTime) -> chrono::DateTime<Local> {
    match Local.from_local_datetime(&naive) {
        LocalResult::Single(t) => t,
        LocalResult::Ambiguous(_, _) => Local.from_local_datetime(&naive).earliest().unwrap(),
        LocalResult::None => Local.from_local_datetime(&(naive + chrono::Duration::hours(1))).earliest().unwrap(), //~ WARN unchecked_local_time
    }
}

// not flagged: a zone parameter declared as a fixed offset, defaulting to UTC, has no gaps
pub fn at_offset(d: NaiveDate, t: NaiveTime, zone: Option<FixedOffset>) -> i64 {
    let zone = zone.unwrap_or(Utc.fix());
    d.and_time(t).and_local_timezone(zone).unwrap().timestamp()
}

lazy_static::lazy_static! {
    static ref BELL: NaiveTime = NaiveTime::from_hms_opt(9, 30, 0).unwrap();
    static ref NIGHTLY: NaiveTime = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
}

// not flagged: a time of day from a static, 09:30, is skipped or repeated in no zone
pub fn bell(d: NaiveDate) -> DateTime<Local> {
    Local.from_local_datetime(&d.and_time(*BELL)).unwrap()
}

// flagged: 02:30 from a static is skipped on spring-forward days
pub fn nightly(d: NaiveDate) -> DateTime<Local> {
    Local.from_local_datetime(&d.and_time(*NIGHTLY)).unwrap() //~ WARN unchecked_local_time
}
