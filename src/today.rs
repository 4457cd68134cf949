//! "Today", which the engine's notes count from ("on 2028-02-29 this builds 2029-02-29").
//!
//! `LEAPCHECK_TODAY=YYYY-MM-DD` overrides the clock so output is reproducible (UI tests, CI
//! snapshots); otherwise the current UTC date, computed from the system clock without a date
//! crate (a linter for date bugs should not need one to know the date).

use std::time::{SystemTime, UNIX_EPOCH};

use leapcheck_lints::CivilDate;

pub const ENV: &str = "LEAPCHECK_TODAY";

/// Today from `LEAPCHECK_TODAY` or the system clock; an invalid override is an error.
pub fn today() -> Result<CivilDate, String> {
    match std::env::var_os(ENV) {
        Some(value) => {
            let text = value.to_string_lossy();
            CivilDate::parse(&text)
                .ok_or_else(|| format!("{ENV}=`{text}` is not a valid date (expected YYYY-MM-DD)"))
        }
        None => Ok(utc_today()),
    }
}

fn utc_today() -> CivilDate {
    // A clock before 1970 is a broken clock; fall back to the epoch rather than fail.
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a proleptic-Gregorian date (Howard Hinnant's `civil_from_days`,
/// which works in 400-year eras starting on March 1 so that the leap day is the era's last).
fn civil_from_days(days: i64) -> CivilDate {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March = 0
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    CivilDate::new(year as i32, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(civil_from_days(0), CivilDate::new(1970, 1, 1));
        assert_eq!(civil_from_days(-1), CivilDate::new(1969, 12, 31));
        assert_eq!(civil_from_days(11_016), CivilDate::new(2000, 2, 29));
        assert_eq!(civil_from_days(15_399), CivilDate::new(2012, 2, 29));
        assert_eq!(civil_from_days(20_416), CivilDate::new(2025, 11, 24));
    }

    #[test]
    fn agrees_with_succ_for_decades() {
        let mut d = CivilDate::new(1970, 1, 1);
        for n in 0..(366 * 150) {
            assert_eq!(civil_from_days(n), d, "day {n}");
            d = d.succ();
        }
    }
}
