//! Just enough proleptic-Gregorian arithmetic to name the real date on which code breaks.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl CivilDate {
    pub const fn new(year: i32, month: u32, day: u32) -> CivilDate {
        CivilDate { year, month, day }
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<CivilDate> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        let date = CivilDate::new(y, m, d);
        date.is_valid().then_some(date)
    }

    pub fn is_valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year, self.month)
    }

    /// The next day (no overflow handling beyond year ±2^31, which no caller reaches).
    pub fn succ(&self) -> CivilDate {
        if self.day < days_in_month(self.year, self.month) {
            CivilDate::new(self.year, self.month, self.day + 1)
        } else if self.month < 12 {
            CivilDate::new(self.year, self.month + 1, 1)
        } else {
            CivilDate::new(self.year + 1, 1, 1)
        }
    }

    /// Day of the year, 1..=366.
    pub fn ordinal(&self) -> u32 {
        (1..self.month)
            .map(|m| days_in_month(self.year, m))
            .sum::<u32>()
            + self.day
    }

    /// The first date on or after `self` for which `pred` holds, looking at most `limit` days
    /// ahead.
    pub fn find_from(
        &self,
        limit: u32,
        mut pred: impl FnMut(&CivilDate) -> bool,
    ) -> Option<CivilDate> {
        let mut d = *self;
        for _ in 0..limit {
            if pred(&d) {
                return Some(d);
            }
            d = d.succ();
        }
        None
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Days from 1970-01-01 to `d` (negative before), Howard Hinnant's `days_from_civil`.
pub fn days_from_epoch(d: CivilDate) -> i64 {
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(d.month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn is_leap_year(y: i32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(y) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_rules() {
        assert!(is_leap_year(2000));
        assert!(is_leap_year(2024));
        assert!(!is_leap_year(2100));
        assert!(!is_leap_year(2023));
    }

    #[test]
    fn days_from_epoch_counts_from_1970() {
        assert_eq!(days_from_epoch(CivilDate::new(1970, 1, 1)), 0);
        assert_eq!(days_from_epoch(CivilDate::new(2000, 3, 1)), 11_017);
        assert_eq!(days_from_epoch(CivilDate::new(1969, 12, 31)), -1);
        let mut d = CivilDate::new(2023, 12, 30);
        for n in 19_721..19_800 {
            assert_eq!(days_from_epoch(d), n);
            d = d.succ();
        }
    }

    #[test]
    fn succ_crosses_month_and_year_ends() {
        assert_eq!(
            CivilDate::new(2024, 2, 28).succ(),
            CivilDate::new(2024, 2, 29)
        );
        assert_eq!(
            CivilDate::new(2023, 2, 28).succ(),
            CivilDate::new(2023, 3, 1)
        );
        assert_eq!(
            CivilDate::new(2024, 12, 31).succ(),
            CivilDate::new(2025, 1, 1)
        );
        assert_eq!(CivilDate::new(2024, 12, 31).ordinal(), 366);
    }

    #[test]
    fn parse_rejects_invalid() {
        assert_eq!(
            CivilDate::parse("2028-02-29"),
            Some(CivilDate::new(2028, 2, 29))
        );
        assert_eq!(CivilDate::parse("2027-02-29"), None);
        assert_eq!(CivilDate::parse("x"), None);
    }
}

/// The first Feb 29 on or after `today` from which adding `years` lands on a Feb 29 that does
/// not exist, as (that leap day, the impossible target text).
pub fn leap_day_break(today: CivilDate, years: i128) -> (CivilDate, String) {
    let years = years as i32;
    let mut y = today.year;
    loop {
        let d = CivilDate::new(y, 2, 29);
        if is_leap_year(y) && d >= today && !is_leap_year(y + years) {
            return (d, format!("{:04}-02-29", y + years));
        }
        y += 1;
    }
}

/// The first day 366 (Dec 31 of a leap year) on or after `today`.
pub fn day_366(today: CivilDate) -> CivilDate {
    let mut y = today.year;
    while !is_leap_year(y) || CivilDate::new(y, 12, 31) < today {
        y += 1;
    }
    CivilDate::new(y, 12, 31)
}

/// The first date on or after `today` from which moving the month by `months` (keeping the
/// day, and with `wraps` the year untouched... or not) builds an impossible date.
pub fn month_break(
    today: CivilDate,
    months: i128,
    day_kept: bool,
    wrapped: bool,
    allowed: &dyn Fn(&CivilDate) -> bool,
) -> Option<(CivilDate, String)> {
    let months = months as i64;
    today
        .find_from(800, |d| {
            if !allowed(d) {
                return false;
            }
            let m = d.month as i64 + months;
            let out_of_range = !(1..=12).contains(&m);
            (out_of_range && !wrapped)
                || (day_kept && !out_of_range && d.day > days_in_month(d.year, m as u32))
                || (day_kept && wrapped && out_of_range && {
                    let wm = (m - 1).rem_euclid(12) + 1;
                    d.day > days_in_month(d.year, wm as u32)
                })
        })
        .map(|d| {
            let m = d.month as i64 + months;
            let text = if !(1..=12).contains(&m) && !wrapped {
                format!("month {m} of {}", d.year)
            } else {
                let wm = (m - 1).rem_euclid(12) + 1;
                format!("{:04}-{:02}-{:02}", d.year, wm, d.day)
            };
            (d, text)
        })
}

/// The first date on or after `today` from which moving the day of month by `days` leaves the
/// month.
pub fn day_break(
    today: CivilDate,
    days: i128,
    allowed: &dyn Fn(&CivilDate) -> bool,
) -> Option<(CivilDate, String)> {
    today
        .find_from(800, |d| {
            if !allowed(d) {
                return false;
            }
            let n = d.day as i128 + days;
            n < 1 || n > i128::from(days_in_month(d.year, d.month))
        })
        .map(|d| {
            (
                d,
                format!("{:04}-{:02}-{:02}", d.year, d.month, d.day as i128 + days),
            )
        })
}

/// `from` plus `n` days.
pub fn add_days(from: CivilDate, n: u32) -> CivilDate {
    (0..n).fold(from, |d, _| d.succ())
}

/// The same day `years` later, Feb 29 clamped to Feb 28.
pub fn add_years_clamped(from: CivilDate, years: i32) -> CivilDate {
    let y = from.year + years;
    CivilDate::new(y, from.month, from.day.min(days_in_month(y, from.month)))
}

/// The last Sunday of March on or after `today`: the spring-forward day in most of Europe.
pub fn next_eu_spring_forward(today: CivilDate) -> CivilDate {
    let mut y = today.year;
    loop {
        let mut d = CivilDate::new(y, 3, 31);
        while weekday(d) != 0 {
            d.day -= 1;
        }
        if d >= today {
            return d;
        }
        y += 1;
    }
}

/// Day of the week, 0 = Sunday (Sakamoto's method).
/// A DST transition of a well-known zone: on `date`, local times from `hour` to `hour + 1` do
/// not exist (`gap`) or happen twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub date: CivilDate,
    pub hour: u32,
    pub zone: &'static str,
    pub gap: bool,
}

/// The n-th (1-based) Sunday of a month, or the last one for `n == 0`.
fn sunday(year: i32, month: u32, n: u32) -> CivilDate {
    if n == 0 {
        let mut d = CivilDate::new(year, month, days_in_month(year, month));
        while weekday(d) != 0 {
            d.day -= 1;
        }
        return d;
    }
    let mut d = CivilDate::new(year, month, 1);
    while weekday(d) != 0 {
        d.day += 1;
    }
    d.day += 7 * (n - 1);
    d
}

/// The first Sunday on or after the 2nd of a month (tz rules' `Sun>=2`).
fn sunday_from_2nd(year: i32, month: u32) -> CivilDate {
    let mut d = CivilDate::new(year, month, 2);
    while weekday(d) != 0 {
        d.day += 1;
    }
    d
}

/// The DST transitions of a year in zones whose rules people test against: Europe/Berlin,
/// America/New_York, Australia/Sydney and America/Santiago (current rules, checked against
/// the tz database for 2024-2031).
pub fn dst_transitions(year: i32) -> Vec<Transition> {
    let t = |date, hour, zone, gap| Transition {
        date,
        hour,
        zone,
        gap,
    };
    // Chile: clocks go forward at 24:00 on the Saturday before the first Sunday on or after
    // Sep 2 (00:00-00:59 of that Sunday is skipped), and back at 24:00 on the Saturday before
    // the first Sunday on or after Apr 2 (23:00-23:59 of that Saturday happens twice).
    let chile_spring = sunday_from_2nd(year, 9);
    let chile_autumn = sunday_from_2nd(year, 4);
    let saturday = CivilDate::new(year, 4, chile_autumn.day - 1);
    vec![
        t(sunday(year, 3, 0), 2, "Europe/Berlin", true),
        t(sunday(year, 10, 0), 2, "Europe/Berlin", false),
        t(sunday(year, 3, 2), 2, "America/New_York", true),
        t(sunday(year, 11, 1), 1, "America/New_York", false),
        t(sunday(year, 10, 1), 2, "Australia/Sydney", true),
        t(sunday(year, 4, 1), 2, "Australia/Sydney", false),
        t(chile_spring, 0, "America/Santiago", true),
        t(saturday, 23, "America/Santiago", false),
    ]
}

pub fn weekday(d: CivilDate) -> u32 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if d.month < 3 { d.year - 1 } else { d.year };
    (y + y.div_euclid(4) - y.div_euclid(100)
        + y.div_euclid(400)
        + T[d.month as usize - 1]
        + d.day as i32)
        .rem_euclid(7) as u32
}

#[cfg(test)]
mod break_tests {
    use super::*;

    #[test]
    fn breaking_dates() {
        let today = CivilDate::new(2026, 11, 24);
        assert_eq!(
            leap_day_break(today, 1),
            (CivilDate::new(2028, 2, 29), "2029-02-29".into())
        );
        // +4 years from 2028 is 2032, a leap year: the first break is 2096 → 2100.
        assert_eq!(leap_day_break(today, 4).0, CivilDate::new(2096, 2, 29));
        assert_eq!(
            day_break(today, 1, &|_| true).unwrap().0,
            CivilDate::new(2026, 11, 30)
        );
        assert_eq!(
            month_break(today, 1, false, false, &|_| true).unwrap().0,
            CivilDate::new(2026, 12, 1)
        );
        assert_eq!(
            month_break(today, 1, true, true, &|_| true).unwrap().0,
            CivilDate::new(2027, 1, 29)
        );
        assert_eq!(next_eu_spring_forward(today), CivilDate::new(2027, 3, 28));
        assert_eq!(
            add_days(CivilDate::new(2027, 3, 1), 365),
            CivilDate::new(2028, 2, 29)
        );
        assert_eq!(day_366(today), CivilDate::new(2028, 12, 31));
    }
}

/// Number of ISO 8601 weeks in year `y`: 53 when Jan 1 is a Thursday, or a Wednesday in a leap
/// year.
pub fn iso_weeks_in_year(y: i32) -> u32 {
    let jan1 = weekday(CivilDate::new(y, 1, 1));
    if jan1 == 4 || (jan1 == 3 && is_leap_year(y)) {
        53
    } else {
        52
    }
}

/// The ISO week-based year of a date.
pub fn iso_year(d: CivilDate) -> i32 {
    // Monday = 1 .. Sunday = 7.
    let wd = match weekday(d) {
        0 => 7,
        n => n,
    } as i32;
    let week = (d.ordinal() as i32 - wd + 10) / 7;
    if week < 1 {
        d.year - 1
    } else if week as u32 > iso_weeks_in_year(d.year) {
        d.year + 1
    } else {
        d.year
    }
}

#[cfg(test)]
mod iso_tests {
    use super::*;

    #[test]
    fn iso_weeks_and_years() {
        assert_eq!(iso_weeks_in_year(2020), 53);
        assert_eq!(iso_weeks_in_year(2021), 52);
        assert_eq!(iso_weeks_in_year(2026), 53);
        assert_eq!(iso_year(CivilDate::new(2014, 12, 29)), 2015);
        assert_eq!(iso_year(CivilDate::new(2027, 1, 1)), 2026);
        assert_eq!(iso_year(CivilDate::new(2024, 6, 1)), 2024);
    }
}

#[cfg(test)]
mod transition_tests {
    use super::*;

    /// Every transition of the table's zones from 2024 to 2031, as the tz database has them
    /// (Python's zoneinfo: local times at :30 that do not round-trip, or whose two folds have
    /// different offsets).
    #[test]
    fn table_matches_the_tz_database() {
        let expected: &[(&str, &str, u32, bool)] = &[
            ("Europe/Berlin", "2024-03-31", 2, true),
            ("Europe/Berlin", "2024-10-27", 2, false),
            ("Europe/Berlin", "2025-03-30", 2, true),
            ("Europe/Berlin", "2025-10-26", 2, false),
            ("Europe/Berlin", "2026-03-29", 2, true),
            ("Europe/Berlin", "2026-10-25", 2, false),
            ("Europe/Berlin", "2027-03-28", 2, true),
            ("Europe/Berlin", "2027-10-31", 2, false),
            ("Europe/Berlin", "2028-03-26", 2, true),
            ("Europe/Berlin", "2028-10-29", 2, false),
            ("Europe/Berlin", "2029-03-25", 2, true),
            ("Europe/Berlin", "2029-10-28", 2, false),
            ("Europe/Berlin", "2030-03-31", 2, true),
            ("Europe/Berlin", "2030-10-27", 2, false),
            ("Europe/Berlin", "2031-03-30", 2, true),
            ("Europe/Berlin", "2031-10-26", 2, false),
            ("America/New_York", "2024-03-10", 2, true),
            ("America/New_York", "2024-11-03", 1, false),
            ("America/New_York", "2025-03-09", 2, true),
            ("America/New_York", "2025-11-02", 1, false),
            ("America/New_York", "2026-03-08", 2, true),
            ("America/New_York", "2026-11-01", 1, false),
            ("America/New_York", "2027-03-14", 2, true),
            ("America/New_York", "2027-11-07", 1, false),
            ("America/New_York", "2028-03-12", 2, true),
            ("America/New_York", "2028-11-05", 1, false),
            ("America/New_York", "2029-03-11", 2, true),
            ("America/New_York", "2029-11-04", 1, false),
            ("America/New_York", "2030-03-10", 2, true),
            ("America/New_York", "2030-11-03", 1, false),
            ("America/New_York", "2031-03-09", 2, true),
            ("America/New_York", "2031-11-02", 1, false),
            ("Australia/Sydney", "2024-04-07", 2, false),
            ("Australia/Sydney", "2024-10-06", 2, true),
            ("Australia/Sydney", "2025-04-06", 2, false),
            ("Australia/Sydney", "2025-10-05", 2, true),
            ("Australia/Sydney", "2026-04-05", 2, false),
            ("Australia/Sydney", "2026-10-04", 2, true),
            ("Australia/Sydney", "2027-04-04", 2, false),
            ("Australia/Sydney", "2027-10-03", 2, true),
            ("Australia/Sydney", "2028-04-02", 2, false),
            ("Australia/Sydney", "2028-10-01", 2, true),
            ("Australia/Sydney", "2029-04-01", 2, false),
            ("Australia/Sydney", "2029-10-07", 2, true),
            ("Australia/Sydney", "2030-04-07", 2, false),
            ("Australia/Sydney", "2030-10-06", 2, true),
            ("Australia/Sydney", "2031-04-06", 2, false),
            ("Australia/Sydney", "2031-10-05", 2, true),
            ("America/Santiago", "2024-04-06", 23, false),
            ("America/Santiago", "2024-09-08", 0, true),
            ("America/Santiago", "2025-04-05", 23, false),
            ("America/Santiago", "2025-09-07", 0, true),
            ("America/Santiago", "2026-04-04", 23, false),
            ("America/Santiago", "2026-09-06", 0, true),
            ("America/Santiago", "2027-04-03", 23, false),
            ("America/Santiago", "2027-09-05", 0, true),
            ("America/Santiago", "2028-04-01", 23, false),
            ("America/Santiago", "2028-09-03", 0, true),
            ("America/Santiago", "2029-04-07", 23, false),
            ("America/Santiago", "2029-09-02", 0, true),
            ("America/Santiago", "2030-04-06", 23, false),
            ("America/Santiago", "2030-09-08", 0, true),
            ("America/Santiago", "2031-04-05", 23, false),
            ("America/Santiago", "2031-09-07", 0, true),
        ];
        let mut got: Vec<(String, String, u32, bool)> = (2024..2032)
            .flat_map(dst_transitions)
            .map(|t| (t.zone.to_string(), t.date.to_string(), t.hour, t.gap))
            .collect();
        let mut want: Vec<(String, String, u32, bool)> = expected
            .iter()
            .map(|(z, d, h, g)| (z.to_string(), d.to_string(), *h, *g))
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want);
    }
}
