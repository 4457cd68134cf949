//! The instants replay moves the clock to: the documented risky set (each instant with its
//! tags and why it is risky), `--at` values, `--sweep` ranges, the DST gap and overlap of the
//! `--tz` zone, and `--skip`.

use jiff::civil::{Date, DateTime};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{SignedDuration, Span, Timestamp, Zoned};

/// One instant to replay.
#[derive(Clone, Debug)]
pub struct ReplayInstant {
    pub ts: Timestamp,
    /// RFC 3339 in UTC, e.g. `2024-02-29T12:00:00Z`: the name of the instant in every report.
    pub label: String,
    /// Why the instant is risky (risky set) or how it was given (local `--at`).
    pub why: Option<String>,
    /// The tags of the risky set it belongs to (empty for `--at` and `--sweep` instants).
    pub tags: Vec<&'static str>,
}

impl ReplayInstant {
    fn new(ts: Timestamp, why: Option<String>) -> Self {
        ReplayInstant {
            label: ts.to_string(),
            ts,
            why,
            tags: Vec::new(),
        }
    }

    /// Unix nanoseconds, as the preload library expects (any instant jiff represents).
    pub fn nanos(&self) -> i128 {
        self.ts.as_nanosecond()
    }
}

/// Tags of the risky set: `--instants TAG,...` selects them, `--skip TAG` drops them.
pub const TAGS: &[(&str, &str)] = &[
    ("leap-day", "Feb 29 and the non-leap Feb 28 of 2100"),
    (
        "month-end",
        "days whose month plus or minus one lacks that day",
    ),
    (
        "year-end",
        "the last days of a year and ISO week-year boundaries",
    ),
    ("y2038", "the 32-bit time_t rollover"),
    ("epoch", "timestamp 0"),
    (
        "pre-epoch",
        "a clock before 1970 (opt-in: chrono's Utc::now and std's duration_since(UNIX_EPOCH) \
         panic or fail there, true but rarely the bug you are after)",
    ),
    ("dst", "the DST gap and overlap of the --tz zone"),
];

/// Tags left out of `risky` (the default set); `all` has them too.
const OPT_IN: &[&str] = &["pre-epoch"];

/// The risky set without the zone-dependent instants: (RFC 3339, tags, why).
pub const RISKY: &[(&str, &[&str], &str)] = &[
    (
        "2024-02-29T00:00:00Z",
        &["leap-day"],
        "leap day, first second: \"same day next year\" does not exist",
    ),
    (
        "2024-02-29T12:00:00Z",
        &["leap-day"],
        "leap day: year + 1 with the same month and day is Feb 29 of a non-leap year",
    ),
    (
        "2024-02-29T23:59:59Z",
        &["leap-day"],
        "leap day, last second: the next second is Mar 1",
    ),
    (
        "2028-02-29T12:00:00Z",
        &["leap-day"],
        "next leap day (code that only breaks on a future Feb 29)",
    ),
    (
        "2000-02-29T12:00:00Z",
        &["leap-day"],
        "century leap day: 2000 is divisible by 400, so it is a leap year",
    ),
    (
        "2100-02-28T23:59:59Z",
        &["leap-day", "month-end"],
        "non-leap century: 2100 is not a leap year, the next second is 2100-03-01",
    ),
    (
        "2024-12-31T12:00:00Z",
        &["year-end", "month-end"],
        "day 366 of a leap year (day-of-year tables with 365 entries)",
    ),
    (
        "2025-12-31T12:00:00Z",
        &["year-end", "month-end"],
        "Dec 31 of a non-leap year (day 365)",
    ),
    (
        "2025-12-31T23:59:59Z",
        &["year-end", "month-end"],
        "New Year's Eve 23:59:59: the year rolls over in one second",
    ),
    (
        "2025-01-29T12:00:00Z",
        &["month-end"],
        "Jan 29 of a non-leap year: one month later is Feb 29, which does not exist",
    ),
    (
        "2025-01-30T12:00:00Z",
        &["month-end"],
        "Jan 30: one month later is Feb 30, which does not exist",
    ),
    (
        "2025-01-31T12:00:00Z",
        &["month-end"],
        "Jan 31: one month later is Feb 31, which does not exist",
    ),
    (
        "2025-03-31T12:00:00Z",
        &["month-end"],
        "Mar 31: one month earlier is Feb 31, one month later is Apr 31",
    ),
    (
        "2025-05-31T12:00:00Z",
        &["month-end"],
        "May 31: one month later is Jun 31, which does not exist",
    ),
    (
        "2025-08-31T12:00:00Z",
        &["month-end"],
        "Aug 31: one month later is Sep 31, which does not exist",
    ),
    (
        "2025-10-31T12:00:00Z",
        &["month-end"],
        "Oct 31: one month later is Nov 31, which does not exist",
    ),
    (
        "2024-12-30T12:00:00Z",
        &["year-end"],
        "ISO week-year boundary: 2024-12-30 is in week 1 of ISO year 2025",
    ),
    (
        "2026-01-01T12:00:00Z",
        &["year-end"],
        "ISO week-year boundary: ISO year 2026 has 53 weeks (it starts on a Thursday)",
    ),
    (
        "2038-01-19T03:14:08Z",
        &["y2038"],
        "one second past i32::MAX Unix seconds (the 2038 rollover of 32-bit time_t)",
    ),
    (
        "1970-01-01T00:00:00Z",
        &["epoch"],
        "the Unix epoch: timestamp 0 (often used as \"unset\")",
    ),
    (
        "1969-12-31T23:59:59Z",
        &["pre-epoch"],
        "clock before the epoch: negative timestamp, time() returns -1",
    ),
];

/// What to do with a local time that falls in a DST gap (`--gap`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Gap {
    /// The instant after the gap (02:30 in a 02:00→03:00 gap runs at 03:30).
    Later,
    /// The instant before the gap (02:30 runs at 01:30).
    Earlier,
    /// Refuse it.
    Error,
}

/// How local (civil) times are turned into instants: the `--tz` zone and `--gap`.
#[derive(Clone, Debug)]
pub struct Local {
    pub tz: Option<TimeZone>,
    pub gap: Gap,
}

impl Local {
    fn zone(&self) -> TimeZone {
        self.tz.clone().unwrap_or(TimeZone::UTC)
    }

    fn zone_name(&self) -> &str {
        self.tz
            .as_ref()
            .and_then(|t| t.iana_name())
            .unwrap_or("UTC")
    }

    /// The instant of a local time, with a note when it was not simply there: in a gap
    /// (resolved by `--gap`, or refused) or in an overlap (the first of the two).
    fn resolve(&self, civil: DateTime, what: &str) -> Result<(Zoned, Option<String>), String> {
        let amb = self.zone().to_ambiguous_zoned(civil);
        let name = self.zone_name().to_string();
        match amb.offset() {
            AmbiguousOffset::Unambiguous { .. } => {
                Ok((amb.compatible().map_err(|e| format!("{what}: {e}"))?, None))
            }
            AmbiguousOffset::Gap { .. } => {
                let (zoned, word) = match self.gap {
                    Gap::Error => {
                        return Err(format!(
                            "{what}: local {civil} does not exist in {name} (the clocks jump \
                             over it: DST gap); give --gap later or --gap earlier to run just \
                             after or before the gap, or an offset (RFC 3339)"
                        ))
                    }
                    Gap::Later => (amb.later(), "later"),
                    Gap::Earlier => (amb.earlier(), "earlier"),
                };
                let zoned = zoned.map_err(|e| format!("{what}: {e}"))?;
                let note = format!(
                    "local {civil} {name} is in the DST gap; --gap {word} runs {}",
                    zoned.strftime("%Y-%m-%dT%H:%M:%S%:z")
                );
                Ok((zoned, Some(note)))
            }
            AmbiguousOffset::Fold { .. } => {
                let zoned = amb.earlier().map_err(|e| format!("{what}: {e}"))?;
                let note = format!(
                    "local {civil} {name} happens twice (DST overlap); this is the first, {} \
                     (give an offset for the second)",
                    zoned.strftime("%Y-%m-%dT%H:%M:%S%:z")
                );
                Ok((zoned, Some(note)))
            }
        }
    }
}

/// Looks up an IANA zone name (the system tz database).
pub fn zone(name: &str) -> Result<TimeZone, String> {
    TimeZone::get(name).map_err(|e| format!("unknown time zone `{name}` for --tz: {e}"))
}

fn risky_instant(at: &str, tags: &[&'static str], why: &str) -> Option<ReplayInstant> {
    let ts = at.parse::<Timestamp>().ok()?;
    let mut i = ReplayInstant::new(ts, Some(why.to_string()));
    i.tags = tags.to_vec();
    Some(i)
}

/// The instants of `--instants` (a comma-separated list of `risky`, `all`, `none` or tags),
/// with the DST instants of `tz` for the `dst` tag.
pub fn select(sets: &[String], tz: Option<&TimeZone>) -> Result<Vec<ReplayInstant>, String> {
    let mut wanted: Vec<&str> = Vec::new();
    for set in sets.iter().map(|s| s.trim()) {
        match set {
            "risky" => wanted.extend(TAGS.iter().map(|(t, _)| *t).filter(|t| !OPT_IN.contains(t))),
            "all" => wanted.extend(TAGS.iter().map(|(t, _)| *t)),
            "none" => {}
            tag => wanted.push(known_tag(tag).ok_or_else(|| unknown_tag("--instants", tag))?),
        }
    }
    if wanted.contains(&"dst") && tz.is_none() && sets.iter().any(|s| s.trim() == "dst") {
        return Err("--instants dst needs --tz ZONE: the DST instants are the zone's".into());
    }
    let mut out: Vec<ReplayInstant> = RISKY
        .iter()
        .filter(|(_, tags, _)| tags.iter().any(|t| wanted.contains(t)))
        .filter_map(|(at, tags, why)| risky_instant(at, tags, why))
        .collect();
    if let (Some(tz), true) = (tz, wanted.contains(&"dst")) {
        out.extend(dst_instants(tz));
    }
    Ok(out)
}

fn known_tag(tag: &str) -> Option<&'static str> {
    TAGS.iter().map(|(t, _)| *t).find(|t| *t == tag)
}

fn unknown_tag(flag: &str, tag: &str) -> String {
    let names: Vec<&str> = TAGS.iter().map(|(t, _)| *t).collect();
    format!(
        "unknown instant set or tag `{tag}` for {flag} (sets: risky, all, none; tags: {})",
        names.join(", ")
    )
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
        let before = ts.checked_sub(SignedDuration::from_secs(1)).ok();
        if step > 0 && !gap {
            gap = true;
            if let Some(b) = before {
                let local = b.to_zoned(tz.clone()).datetime();
                let mut i = ReplayInstant::new(
                    b,
                    Some(format!(
                        "DST gap: last second before {name} jumps forward ({local} local; \
                         the next {step} s of local time do not exist)"
                    )),
                );
                i.tags = vec!["dst"];
                out.push(i);
            }
        } else if step < 0 && !overlap {
            overlap = true;
            let half = SignedDuration::from_secs((-step / 2).into());
            if let Ok(mid) = ts.checked_add(half) {
                let local = mid.to_zoned(tz.clone()).datetime();
                let mut i = ReplayInstant::new(
                    mid,
                    Some(format!(
                        "DST overlap: {local} local {name} happens twice (this is the second time)"
                    )),
                );
                i.tags = vec!["dst"];
                out.push(i);
            }
        }
        prev = off;
        if gap && overlap {
            break;
        }
    }
    out
}

/// An instant of the risky set keeps its documented reason and tags when given with `--at`.
fn with_risky_reason(mut i: ReplayInstant) -> ReplayInstant {
    if let Some((_, tags, why)) = RISKY
        .iter()
        .find(|(at, _, _)| at.parse::<Timestamp>().ok() == Some(i.ts))
    {
        i.why = Some((*why).to_string());
        i.tags = tags.to_vec();
    }
    i
}

const AT_EXAMPLES: &str = "expected RFC 3339 such as 2024-02-29T12:00:00Z, or a local time \
                           such as 2025-03-30T02:30 (in the --tz zone, UTC without)";

/// `--at`: RFC 3339 with an offset, or a civil date-time (or date) in the `--tz` zone.
pub fn parse_at(s: &str, local: &Local) -> Result<ReplayInstant, String> {
    let s = s.trim();
    let what = format!("--at `{s}`");
    if let Some(ts) = parse_timestamp(s, &what)? {
        return Ok(with_risky_reason(ReplayInstant::new(ts, None)));
    }
    let civil = s
        .parse::<DateTime>()
        .or_else(|_| {
            s.parse::<Date>()
                .map(|d| d.to_datetime(jiff::civil::time(0, 0, 0, 0)))
        })
        .map_err(|_| format!("invalid {what}: {AT_EXAMPLES}"))?;
    let (zoned, note) = local.resolve(civil, &format!("invalid {what}"))?;
    let mut i = with_risky_reason(ReplayInstant::new(zoned.timestamp(), None));
    // A local time says how it was given (and how a gap or overlap was resolved), followed
    // by the risky reason when there is one.
    let given = note.or_else(|| {
        local
            .tz
            .as_ref()
            .map(|_| format!("local {civil} {}", local.zone_name()))
    });
    if let Some(given) = given {
        i.why = Some(match i.why.take() {
            Some(why) => format!("{given}: {why}"),
            None => given,
        });
    }
    Ok(i)
}

/// An RFC 3339 instant with an offset (`Z`, `+01:00`), `None` for text that is not one, and
/// an error naming the supported range for one that is out of it.
fn parse_timestamp(s: &str, what: &str) -> Result<Option<Timestamp>, String> {
    let Some(civil) = without_offset(s) else {
        return Ok(None);
    };
    match s.parse::<Timestamp>() {
        Ok(ts) => Ok(Some(ts)),
        // A valid date and time that is no instant: out of range.
        Err(_) if civil.parse::<DateTime>().is_ok() => Err(format!(
            "invalid {what}: outside the range replay can fake ({} to {})",
            Timestamp::MIN.strftime("%Y-%m-%d"),
            Timestamp::MAX.strftime("%Y-%m-%d")
        )),
        Err(e) => Err(format!("invalid {what}: {e}")),
    }
}

/// The date and time of `2024-02-29T12:00:00Z` or `...+01:00`; `None` without an offset.
fn without_offset(s: &str) -> Option<&str> {
    let (_, time) = s.split_once(['T', 't', ' '])?;
    if let Some(t) = s.strip_suffix(['Z', 'z']) {
        return Some(t);
    }
    let at = time.rfind(['+', '-'])?;
    Some(&s[..s.len() - (time.len() - at)])
}

/// `--sweep START..END` (both included) or `--sweep YEAR` / `YEAR-MONTH`, stepping by
/// `step`. A date alone means noon local time (in the `--tz` zone, UTC without): every zone
/// within 11 hours of it is on the same date, and no DST change happens at noon.
pub fn sweep(range: &str, step: &str, local: &Local) -> Result<Vec<ReplayInstant>, String> {
    let what = format!("--sweep `{range}`");
    let (start, end) = match range.split_once("..") {
        Some((a, b)) => (
            endpoint(a.trim(), &what, local)?,
            endpoint(b.trim().trim_start_matches('='), &what, local)?,
        ),
        None => whole_period(range.trim(), &what, local)?,
    };
    let step = parse_step(step)?;
    let (start_ts, end_ts) = (start.instant(), end.instant());
    if end_ts < start_ts {
        return Err(format!("{what}: the end is before the start"));
    }
    let mut out = Vec::new();
    for k in 0i64.. {
        let ts = match (&start, step) {
            // Calendar steps from a local time: the same local time every day, DST or not.
            (Endpoint::Local { civil, .. }, Step::Days(days)) => {
                let Some(civil) = days
                    .checked_mul(k)
                    .and_then(|d| civil.checked_add(Span::new().try_days(d).ok()?).ok())
                else {
                    break;
                };
                local
                    .resolve(civil, &format!("invalid {what}"))?
                    .0
                    .timestamp()
            }
            (_, step) => {
                let Some(ts) = step
                    .seconds()
                    .checked_mul(k)
                    .and_then(|s| start_ts.checked_add(SignedDuration::from_secs(s)).ok())
                else {
                    break;
                };
                ts
            }
        };
        if ts > end_ts {
            break;
        }
        if out.len() == MAX_SWEEP {
            return Err(format!(
                "{what} with --step {} has more than {MAX_SWEEP} instants; use a larger step",
                step.label()
            ));
        }
        out.push(ReplayInstant::new(ts, None));
    }
    Ok(out)
}

/// The most instants one sweep may have: every minute of two months, every day of 270 years.
const MAX_SWEEP: usize = 100_000;

/// One end of a sweep: a local (civil) time with its instant, or an exact instant. Day
/// steps from a local start keep its local time; from an exact one they are 86 400 s.
enum Endpoint {
    Local { civil: DateTime, ts: Timestamp },
    Exact(Timestamp),
}

impl Endpoint {
    fn instant(&self) -> Timestamp {
        match self {
            Endpoint::Exact(ts) | Endpoint::Local { ts, .. } => *ts,
        }
    }
}

fn endpoint(s: &str, what: &str, local: &Local) -> Result<Endpoint, String> {
    if let Some(ts) = parse_timestamp(s, what)? {
        return Ok(Endpoint::Exact(ts));
    }
    // jiff reads a date out of a date-time too: a time of day must not become noon.
    let has_time = s.contains(['T', 't', ' ']);
    let civil = match s.parse::<Date>() {
        Ok(d) if !has_time => d.to_datetime(jiff::civil::time(12, 0, 0, 0)),
        _ => s.parse::<DateTime>().map_err(|_| {
            format!(
                "invalid {what}: `{s}` is not a date (2028-01-01), a local date-time \
                 (2028-01-01T09:00) or an RFC 3339 instant"
            )
        })?,
    };
    let ts = local
        .resolve(civil, &format!("invalid {what}"))?
        .0
        .timestamp();
    Ok(Endpoint::Local { civil, ts })
}

/// `2028` → every day of 2028; `2028-02` → every day of Feb 2028 (noon local).
fn whole_period(s: &str, what: &str, local: &Local) -> Result<(Endpoint, Endpoint), String> {
    let bad = || {
        format!(
            "invalid {what}: expected START..END (2028-01-01..2028-12-31), a year (2028) or a \
             month (2028-01)"
        )
    };
    let (first, last) = match s.split_once('-') {
        None => {
            let y: i16 = s.parse().map_err(|_| bad())?;
            let first = Date::new(y, 1, 1).map_err(|_| bad())?;
            (first, first.last_of_year())
        }
        Some((y, m)) => {
            let (y, m): (i16, i8) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
            let first = Date::new(y, m, 1).map_err(|_| bad())?;
            (first, first.last_of_month())
        }
    };
    let noon = jiff::civil::time(12, 0, 0, 0);
    let resolve = |d: Date| -> Result<Endpoint, String> {
        let civil = d.to_datetime(noon);
        let ts = local
            .resolve(civil, &format!("invalid {what}"))?
            .0
            .timestamp();
        Ok(Endpoint::Local { civil, ts })
    };
    Ok((resolve(first)?, resolve(last)?))
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Step {
    /// Calendar days (`1d`, `1w` = 7): the same local time each day.
    Days(i64),
    /// Exact seconds (`12h`, `30m`, `10s`).
    Seconds(i64),
}

impl Step {
    fn seconds(self) -> i64 {
        match self {
            Step::Days(d) => d * 86_400,
            Step::Seconds(s) => s,
        }
    }

    fn label(self) -> String {
        match self {
            Step::Days(d) => format!("{d}d"),
            Step::Seconds(s) => format!("{s}s"),
        }
    }
}

/// `12d` → (12, "d"): a count from 1 to `max` and its unit, for `--step` and `--validity`
/// (whose units differ: `m` is minutes in one, months in the other).
pub fn count_and_unit<'a>(
    s: &'a str,
    flag: &str,
    max: i64,
    examples: &str,
) -> Result<(i64, &'a str), String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n = num
        .parse()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| format!("invalid {flag} `{s}` (examples: {examples})"))?;
    Ok((n, unit))
}

fn parse_step(s: &str) -> Result<Step, String> {
    let (n, unit) = count_and_unit(s, "--step", 1_000_000, "1d, 1w, 6h, 30m, 10s")?;
    match unit {
        "w" => Ok(Step::Days(n * 7)),
        "d" => Ok(Step::Days(n)),
        "h" => Ok(Step::Seconds(n * 3600)),
        "m" => Ok(Step::Seconds(n * 60)),
        "s" => Ok(Step::Seconds(n)),
        _ => Err(format!("invalid --step unit in `{s}` (w, d, h, m or s)")),
    }
}

/// Drops the instants `--skip` names: a tag, or an instant (`--at` syntax).
pub fn skip(list: &mut Vec<ReplayInstant>, skips: &[String], local: &Local) -> Result<(), String> {
    for s in skips.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if let Some(tag) = known_tag(s) {
            list.retain(|i| !i.tags.contains(&tag));
            continue;
        }
        let looks_like_time = s.starts_with(|c: char| c.is_ascii_digit() || c == '-');
        if !looks_like_time {
            return Err(unknown_tag("--skip", s));
        }
        let at = parse_at(s, local).map_err(|e| e.replacen("--at", "--skip", 1))?;
        list.retain(|i| i.ts != at.ts);
    }
    Ok(())
}

/// Chronological order, one run per instant (the first given keeps its reason and tags).
pub fn sort_dedup(list: &mut Vec<ReplayInstant>) {
    list.sort_by_key(|i| i.ts);
    list.dedup_by_key(|i| i.ts);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc() -> Local {
        Local {
            tz: None,
            gap: Gap::Error,
        }
    }

    fn labels(v: &[ReplayInstant]) -> Vec<&str> {
        v.iter().map(|i| i.label.as_str()).collect()
    }

    #[test]
    fn risky_set_is_documented_and_tagged() {
        let all = select(&["all".into()], None).unwrap();
        assert_eq!(all.len(), RISKY.len());
        assert!(all
            .iter()
            .all(|i| i.why.as_deref().is_some_and(|w| !w.is_empty()) && !i.tags.is_empty()));
        assert!(all
            .iter()
            .all(|i| i.tags.iter().all(|t| known_tag(t).is_some())));
        let feb29 = all.iter().filter(|i| i.label.contains("-02-29T")).count();
        assert_eq!(feb29, 5);
        assert!(all
            .iter()
            .any(|i| i.label == "1969-12-31T23:59:59Z" && i.nanos() == -1_000_000_000));
        // pre-epoch is opt-in: `risky` has everything else.
        let risky = select(&["risky".into()], None).unwrap();
        assert_eq!(risky.len(), RISKY.len() - 1);
        assert!(!labels(&risky).contains(&"1969-12-31T23:59:59Z"));
    }

    #[test]
    fn tags_select_and_skip() {
        let v = select(&["y2038".into(), "epoch".into()], None).unwrap();
        assert_eq!(labels(&v), ["2038-01-19T03:14:08Z", "1970-01-01T00:00:00Z"]);
        let mut v = select(&["risky".into()], None).unwrap();
        let before = v.len();
        skip(
            &mut v,
            &["leap-day".into(), "2038-01-19T03:14:08Z".into()],
            &utc(),
        )
        .unwrap();
        assert_eq!(v.len(), before - 7);
        assert!(v.iter().all(|i| !i.label.contains("-02-29T")));
        assert!(select(&["leap".into()], None)
            .unwrap_err()
            .contains("leap-day"));
        assert!(skip(&mut v, &["leapday".into()], &utc()).is_err());
        assert!(select(&["dst".into()], None).unwrap_err().contains("--tz"));
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
        let with = select(&["risky".into()], Some(&tz)).unwrap();
        assert_eq!(with.iter().filter(|i| i.tags == ["dst"]).count(), 2);
    }

    #[test]
    fn at_values() {
        assert_eq!(
            parse_at("2024-02-29T12:00:00Z", &utc()).unwrap().label,
            "2024-02-29T12:00:00Z"
        );
        assert_eq!(
            parse_at("2024-02-29T12:00:00+01:00", &utc()).unwrap().label,
            "2024-02-29T11:00:00Z"
        );
        assert_eq!(
            parse_at("2024-02-29", &utc()).unwrap().label,
            "2024-02-29T00:00:00Z"
        );
        let ny = Local {
            tz: Some(zone("America/New_York").unwrap()),
            gap: Gap::Error,
        };
        let i = parse_at("2024-02-29T07:00", &ny).unwrap();
        assert_eq!(i.label, "2024-02-29T12:00:00Z");
        assert!(parse_at("soon", &utc()).is_err());
        let leap = parse_at("2024-02-29T12:00:00Z", &utc()).unwrap();
        assert!(leap.why.unwrap().starts_with("leap day"));
        assert_eq!(leap.tags, ["leap-day"]);
    }

    /// The whole range of the fake clock (past 2262 and before 1677), and a clear error
    /// outside it instead of a silent 2262-04-11.
    #[test]
    fn at_takes_the_whole_range() {
        for (at, label) in [
            ("2262-04-12T00:00:00Z", "2262-04-12T00:00:00Z"),
            ("9999-12-30T12:00:00Z", "9999-12-30T12:00:00Z"),
            ("1600-03-01T00:00:00Z", "1600-03-01T00:00:00Z"),
        ] {
            assert_eq!(parse_at(at, &utc()).unwrap().label, label);
        }
        let e = parse_at("9999-12-31T23:59:59Z", &utc()).unwrap_err();
        assert!(
            e.contains("outside the range replay can fake (-9999-01-02 to 9999-12-30)"),
            "{e}"
        );
        let e = parse_at("10000-01-01T00:00:00Z", &utc()).unwrap_err();
        assert!(e.contains("invalid --at"), "{e}");
        let e = parse_at("2024-13-01T00:00:00Z", &utc()).unwrap_err();
        assert!(e.contains("month"), "{e}");
    }

    #[test]
    fn local_times_in_a_dst_gap_are_refused_or_resolved() {
        let berlin = |gap| Local {
            tz: Some(zone("Europe/Berlin").unwrap()),
            gap,
        };
        let e = parse_at("2025-03-30T02:30", &berlin(Gap::Error)).unwrap_err();
        assert!(
            e.contains("does not exist") && e.contains("--gap later"),
            "{e}"
        );
        let later = parse_at("2025-03-30T02:30", &berlin(Gap::Later)).unwrap();
        assert_eq!(later.label, "2025-03-30T01:30:00Z");
        assert!(later.why.unwrap().contains("03:30:00+02:00"));
        let earlier = parse_at("2025-03-30T02:30", &berlin(Gap::Earlier)).unwrap();
        assert_eq!(earlier.label, "2025-03-30T00:30:00Z");
        // An overlap runs the first of the two, and says so.
        let fold = parse_at("2025-10-26T02:30", &berlin(Gap::Error)).unwrap();
        assert_eq!(fold.label, "2025-10-26T00:30:00Z");
        assert!(fold.why.unwrap().contains("happens twice"));
    }

    #[test]
    fn sweeps() {
        let jan = sweep("2028-01-01..2028-01-31", "1d", &utc()).unwrap();
        assert_eq!(jan.len(), 31);
        assert_eq!(jan[0].label, "2028-01-01T12:00:00Z");
        assert_eq!(jan[30].label, "2028-01-31T12:00:00Z");
        assert_eq!(
            labels(&sweep("2028-01", "1d", &utc()).unwrap()),
            labels(&jan)
        );
        assert_eq!(sweep("2028", "1d", &utc()).unwrap().len(), 366);
        assert_eq!(sweep("2027", "1w", &utc()).unwrap().len(), 53);
        let hours = sweep("2024-02-28T22:00:00Z..2024-03-01T02:00:00Z", "6h", &utc()).unwrap();
        assert_eq!(hours.len(), 5);
        assert_eq!(hours[4].label, "2024-02-29T22:00:00Z");
        // Local noon every day across the spring DST change.
        let berlin = Local {
            tz: Some(zone("Europe/Berlin").unwrap()),
            gap: Gap::Error,
        };
        let spring = sweep("2025-03-29..2025-03-31", "1d", &berlin).unwrap();
        assert_eq!(
            labels(&spring),
            [
                "2025-03-29T11:00:00Z",
                "2025-03-30T10:00:00Z",
                "2025-03-31T10:00:00Z"
            ]
        );
        // A daily local time that falls in the gap on one day follows --gap.
        assert!(sweep("2025-03-29T02:30..2025-03-31T02:30", "1d", &berlin).is_err());
        for bad in ["2028-13", "x..y", "2028-02-01..2028-01-01", "20280101"] {
            assert!(sweep(bad, "1d", &utc()).is_err(), "{bad}");
        }
        assert!(sweep("2028", "0d", &utc()).is_err());
        assert!(sweep("2028", "1s", &utc())
            .unwrap_err()
            .contains("more than"));
    }
}
