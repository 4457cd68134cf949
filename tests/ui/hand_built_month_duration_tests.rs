// leapcheck-flags: -W pedantic --check-tests
// hand_built_month_duration in test code with check-tests: a test that adds 30 days to a fixed
// instant computes one fixed result and asserts it, and a 30-day duration given to a
// formatter computes no date: neither is reported, even with check-tests. A test on the clock
// is (it is reported without check-tests too), and with check-tests so is a test helper that
// adds 30 days to the date it is given; both where the code means a month (here by name).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{NaiveDate, TimeDelta, Utc};

fn humanize(d: TimeDelta) -> String {
    format!("in {} days", d.num_days())
}

#[cfg(test)]
mod tests {
    use super::*;

    // not flagged: the formatter's input, no date
    #[test]
    fn plus_30d() {
        assert_eq!(humanize(TimeDelta::days(30)), "in 30 days");
    }

    // not flagged: from a fixed instant, each step asserted against the instant it must give
    #[test]
    fn steps_from_epoch() {
        let mut time = UNIX_EPOCH;
        time += Duration::from_secs(86_400);
        time += Duration::from_secs(2_592_000);
        assert_eq!(time, UNIX_EPOCH + Duration::from_secs(2_678_400));
        time += Duration::from_secs(2_592_000);
        assert_eq!(time, UNIX_EPOCH + Duration::from_secs(5_270_400));
    }

    // not flagged: a date built from literals, plus 30 days
    #[test]
    fn from_literal_date() {
        let start = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
        assert_eq!(start + TimeDelta::days(30), NaiveDate::from_ymd_opt(2027, 3, 2).unwrap());
    }

    // flagged: the clock's date plus 30 days, as "next month"
    #[test]
    fn from_now() {
        let now = SystemTime::now();
        let next_month = now + Duration::from_secs(2_592_000); //~ WARN hand_built_month_duration
        assert!(next_month > now);
    }

    // flagged with check-tests: a helper that moves the date it is given by "a month" of 30 days
    fn next_month(start: NaiveDate) -> NaiveDate {
        start + TimeDelta::days(30) //~ WARN hand_built_month_duration
    }

    #[test]
    fn helper() {
        let _ = next_month(Utc::now().date_naive());
    }
}
