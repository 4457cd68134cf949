// leapcheck-flags: --check-tests
// invalid_date_constant: an impossible value built on purpose, to check that the library
// rejects it, is silent when the code expects the failure (asserts it, or unwraps the error).
// A value the code uses as a date, or only compares with another one, stays an error.

use chrono::{Datelike, NaiveDate, NaiveTime};

#[cfg(test)]
mod tests {
    use super::*;

    // ------------------------------------------------------------ expected failures (silent)

    // not flagged: the test asserts the None
    #[test]
    fn rejects_month_thirteen() {
        let d = NaiveDate::from_ymd_opt(2026, 5, 17).unwrap();
        assert_eq!(d.with_month(13), None);
        assert_eq!(None, d.with_day(32));
        assert!(d.with_ordinal(0).is_none());
        assert!(!d.with_day0(31).is_some());
        assert_eq!(d.with_month0(12).is_none(), true);
        debug_assert!(matches!(d.with_day(0), None));
    }

    // not flagged: the error is what the test unwraps
    #[test]
    fn rejects_hour_24() {
        let e = time::Time::from_hms(24, 0, 0).expect_err("24 is no hour");
        let _ = time::Date::from_ordinal_date(2027, 366).unwrap_err();
        assert!(time::Date::from_calendar_date(2027, time::Month::February, 29).is_err());
        assert!(matches!(time::Time::from_hms(12, 60, 0), Err(_)));
        let _ = e;
    }

    // not flagged: the value is bound first, then asserted to be the failure
    #[test]
    fn rejects_through_a_let() {
        let bad = NaiveTime::from_hms_milli_opt(10, 0, 58, 1_200);
        assert!(bad.is_none());
        let worse = NaiveDate::from_ymd_opt(2027, 2, 29).ok_or("no such day");
        assert!(worse.err().is_some());
    }

    // ------------------------------------------------------------ used as a value (flagged)

    // flagged: the body of `if let Some(..)` never runs: the test checks nothing
    #[test]
    fn fraction_on_second_3() {
        let today = chrono::Utc::now().date_naive();
        if let Some(t) = today.and_hms_milli_opt(10, 20, 3, 1_250) { //~ ERROR invalid_date_constant
            assert_eq!(t.second(), 4);
        }
    }

    // flagged: asserting success always fails
    #[test]
    fn asserts_success() {
        assert!(NaiveDate::from_ymd_opt(2027, 2, 29).is_some()); //~ ERROR invalid_date_constant
        assert_ne!(NaiveTime::from_hms_nano_opt(23, 59, 59, 2_000_000_000), None); //~ ERROR invalid_date_constant
    }

    // flagged: a comparison with another value passes vacuously when the call fails
    #[test]
    fn vacuous_inequality() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert_ne!(NaiveDate::from_ymd_opt(2026, 4, 31), Some(d)); //~ ERROR invalid_date_constant
    }

    // flagged: the failure is tested in a branch, whose other side is dead
    #[test]
    fn branch() {
        if NaiveDate::from_ymd_opt(2026, 6, 31).is_none() { //~ ERROR invalid_date_constant
            return;
        }
        unreachable!();
    }

    // flagged: unwrapped
    #[test]
    fn unwrapped() {
        let _ = NaiveTime::from_hms_micro_opt(1, 2, 3, 2_000_000).unwrap(); //~ ERROR invalid_date_constant
    }
}
