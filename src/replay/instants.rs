//! The instants replay moves the clock to: the documented `risky` set, `--at` values, and the
//! DST gap and overlap of the `--tz` zone.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// One instant to replay.
#[derive(Clone, Debug)]
pub struct ReplayInstant {
    pub ts: Timestamp,
    /// RFC 3339 in UTC, e.g. `2024-02-29T12:00:00Z`: the name of the instant in every report.
    pub label: String,
    /// Why the instant is risky (risky set) or how it was given (local `--at`).
    pub why: Option<String>,
}

impl ReplayInstant {
    fn new(ts: Timestamp, why: Option<String>) -> Self {
        ReplayInstant {
            label: ts.to_string(),
            ts,
            why,
        }
    }

    /// Unix nanoseconds, as the preload library expects (any instant jiff represents).
    pub fn nanos(&self) -> i128 {
        self.ts.as_nanosecond()
    }
}

/// The `risky` set without the zone-dependent instants: (RFC 3339, why).
pub const RISKY: &[(&str, &str)] = &[
    (
        "2024-02-29T00:00:00Z",
        "leap day, first second: \"same day next year\" does not exist",
    ),
    (
        "2024-02-29T12:00:00Z",
        "leap day: year + 1 with the same month and day is Feb 29 of a non-leap year",
    ),
    (
        "2024-02-29T23:59:59Z",
        "leap day, last second: the next second is Mar 1",
    ),
    (
        "2028-02-29T12:00:00Z",
        "next leap day (code that only breaks on a future Feb 29)",
    ),
    (
        "2000-02-29T12:00:00Z",
        "century leap day: 2000 is divisible by 400, so it is a leap year",
    ),
    (
        "2100-02-28T23:59:59Z",
        "non-leap century: 2100 is not a leap year, the next second is 2100-03-01",
    ),
    (
        "2024-12-31T12:00:00Z",
        "day 366 of a leap year (day-of-year tables with 365 entries)",
    ),
    (
        "2025-12-31T12:00:00Z",
        "Dec 31 of a non-leap year (day 365)",
    ),
    (
        "2025-12-31T23:59:59Z",
        "New Year's Eve 23:59:59: the year rolls over in one second",
    ),
    (
        "2025-01-31T12:00:00Z",
        "Jan 31: one month later is Feb 31, which does not exist",
    ),
    (
        "2025-03-31T12:00:00Z",
        "Mar 31: one month earlier is Feb 31, one month later is Apr 31",
    ),
    (
        "2025-08-31T12:00:00Z",
        "Aug 31: one month later is Sep 31, which does not exist",
    ),
    (
        "2024-12-30T12:00:00Z",
        "ISO week-year boundary: 2024-12-30 is in week 1 of ISO year 2025",
    ),
    (
        "2026-01-01T12:00:00Z",
        "ISO week-year boundary: ISO year 2026 has 53 weeks (it starts on a Thursday)",
    ),
    (
        "2038-01-19T03:14:08Z",
        "one second past i32::MAX Unix seconds (the 2038 rollover of 32-bit time_t)",
    ),
    (
        "1970-01-01T00:00:00Z",
        "the Unix epoch: timestamp 0 (often used as \"unset\")",
    ),
    (
        "1969-12-31T23:59:59Z",
        "clock before the epoch: negative timestamp, time() returns -1",
    ),
];

/// Looks up an IANA zone name (the system tz database).
pub fn zone(name: &str) -> Result<TimeZone, String> {
    TimeZone::get(name).map_err(|e| format!("unknown time zone `{name}` for --tz: {e}"))
}

/// The risky set, plus the DST gap and overlap of `tz`.
pub fn risky(tz: Option<&TimeZone>) -> Vec<ReplayInstant> {
    let mut out: Vec<ReplayInstant> = RISKY
        .iter()
        .filter_map(|(at, why)| {
            at.parse::<Timestamp>()
                .ok()
                .map(|ts| ReplayInstant::new(ts, Some((*why).to_string())))
        })
        .collect();
    if let Some(tz) = tz {
        out.extend(dst_instants(tz));
    }
    out
}

/// The first DST gap (clocks jump forward) and overlap (clocks fall back) of `tz` from
/// 2025-01-01 on; a fixed year keeps reports reproducible.
fn dst_instants(tz: &TimeZone) -> Vec<ReplayInstant> {
    let mut out = Vec::new();
    let Ok(from) = "2025-01-01T00:00:00Z".parse::<Timestamp>() else {
        return out;
    };
    let name = tz.iana_name().unwrap_or("the --tz zone").to_string();
    let mut prev = tz.to_offset(from);
    let (mut gap, mut overlap) = (false, false);
    for t in tz.following(from).take(8) {
        let (ts, off) = (t.timestamp(), t.offset());
        let step = off.seconds() - prev.seconds();
        let before = ts.checked_sub(jiff::SignedDuration::from_secs(1)).ok();
        if step > 0 && !gap {
            gap = true;
            if let Some(b) = before {
                let local = b.to_zoned(tz.clone()).datetime();
                out.push(ReplayInstant::new(
                    b,
                    Some(format!(
                        "DST gap: last second before {name} jumps forward ({local} local; \
                         the next {step} s of local time do not exist)"
                    )),
                ));
            }
        } else if step < 0 && !overlap {
            overlap = true;
            let half = jiff::SignedDuration::from_secs((-step / 2).into());
            if let Ok(mid) = ts.checked_add(half) {
                let local = mid.to_zoned(tz.clone()).datetime();
                out.push(ReplayInstant::new(
                    mid,
                    Some(format!(
                        "DST overlap: {local} local {name} happens twice (this is the second time)"
                    )),
                ));
            }
        }
        prev = off;
        if gap && overlap {
            break;
        }
    }
    out
}

/// `--at`: RFC 3339 with an offset, or a civil date-time (or date) in `tz` (UTC without).
pub fn parse_at(s: &str, tz: Option<&TimeZone>) -> Result<ReplayInstant, String> {
    let s = s.trim();
    if let Ok(ts) = s.parse::<Timestamp>() {
        // An instant of the risky set keeps its documented reason.
        let why = RISKY
            .iter()
            .find(|(at, _)| at.parse::<Timestamp>().ok() == Some(ts))
            .map(|(_, why)| (*why).to_string());
        return Ok(ReplayInstant::new(ts, why));
    }
    let civil = s
        .parse::<DateTime>()
        .or_else(|_| s.parse::<jiff::civil::Date>().map(|d| d.to_datetime(jiff::civil::time(0, 0, 0, 0))))
        .map_err(|_| {
            format!("invalid --at `{s}`: expected RFC 3339 such as 2024-02-29T12:00:00Z, or a local time such as 2025-03-30T02:30 with --tz")
        })?;
    let zone = tz.cloned().unwrap_or(TimeZone::UTC);
    let zoned = civil
        .to_zoned(zone)
        .map_err(|e| format!("invalid --at `{s}`: {e}"))?;
    let why = tz.map(|tz| format!("local {} {}", civil, tz.iana_name().unwrap_or("--tz")));
    Ok(ReplayInstant::new(zoned.timestamp(), why))
}

/// Chronological order, one run per instant.
pub fn sort_dedup(list: &mut Vec<ReplayInstant>) {
    list.sort_by_key(|i| i.ts);
    list.dedup_by_key(|i| i.ts);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risky_set_is_documented_and_parses() {
        let all = risky(None);
        assert_eq!(all.len(), RISKY.len());
        assert!(all
            .iter()
            .all(|i| i.why.as_deref().is_some_and(|w| !w.is_empty())));
        let feb29 = all.iter().filter(|i| i.label.contains("-02-29T")).count();
        assert_eq!(feb29, 5);
        assert!(all
            .iter()
            .any(|i| i.label == "1969-12-31T23:59:59Z" && i.nanos() == -1_000_000_000));
    }

    #[test]
    fn dst_instants_for_a_zone() {
        let tz = zone("Europe/Berlin").unwrap();
        let d = dst_instants(&tz);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].label, "2025-03-30T00:59:59Z");
        assert!(d[0].why.as_deref().unwrap().contains("gap"));
        assert_eq!(d[1].label, "2025-10-26T01:30:00Z");
        assert!(d[1].why.as_deref().unwrap().contains("twice"));
        assert!(dst_instants(&TimeZone::UTC).is_empty());
    }

    #[test]
    fn at_values() {
        assert_eq!(
            parse_at("2024-02-29T12:00:00Z", None).unwrap().label,
            "2024-02-29T12:00:00Z"
        );
        assert_eq!(
            parse_at("2024-02-29T12:00:00+01:00", None).unwrap().label,
            "2024-02-29T11:00:00Z"
        );
        assert_eq!(
            parse_at("2024-02-29", None).unwrap().label,
            "2024-02-29T00:00:00Z"
        );
        let ny = zone("America/New_York").unwrap();
        let i = parse_at("2024-02-29T07:00", Some(&ny)).unwrap();
        assert_eq!(i.label, "2024-02-29T12:00:00Z");
        assert!(parse_at("soon", None).is_err());
        let leap = parse_at("2024-02-29T12:00:00Z", None).unwrap();
        assert!(leap.why.unwrap().starts_with("leap day"));
    }
}
