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
        (1..=12).contains(&self.month) && self.day >= 1 && self.day <= days_in_month(self.year, self.month)
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
        (1..self.month).map(|m| days_in_month(self.year, m)).sum::<u32>() + self.day
    }

    /// The first date on or after `self` for which `pred` holds, looking at most `limit` days
    /// ahead.
    pub fn find_from(&self, limit: u32, mut pred: impl FnMut(&CivilDate) -> bool) -> Option<CivilDate> {
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
    fn succ_crosses_month_and_year_ends() {
        assert_eq!(CivilDate::new(2024, 2, 28).succ(), CivilDate::new(2024, 2, 29));
        assert_eq!(CivilDate::new(2023, 2, 28).succ(), CivilDate::new(2023, 3, 1));
        assert_eq!(CivilDate::new(2024, 12, 31).succ(), CivilDate::new(2025, 1, 1));
        assert_eq!(CivilDate::new(2024, 12, 31).ordinal(), 366);
    }

    #[test]
    fn parse_rejects_invalid() {
        assert_eq!(CivilDate::parse("2028-02-29"), Some(CivilDate::new(2028, 2, 29)));
        assert_eq!(CivilDate::parse("2027-02-29"), None);
        assert_eq!(CivilDate::parse("x"), None);
    }
}
