// leapcheck-flags: --check-tests
// invalid_date_constant and week_year_format_mismatch skip test code by default, since tests
// build impossible dates and print both years on purpose; with --check-tests (or
// `check-tests = true`) test code is checked like the rest.

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    // flagged with --check-tests: a fixture that cannot exist (2023 is not a leap year)
    #[test]
    fn leap_day_fixture() {
        let d = NaiveDate::from_ymd_opt(2023, 2, 29); //~ ERROR invalid_date_constant
        assert!(d.is_some());
    }

    // flagged with --check-tests: the week-based year with month and day
    #[test]
    fn stamp() {
        let d = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        assert_eq!(d.format("%G-%m-%d").to_string(), "2024-06-01"); //~ ERROR week_year_format_mismatch
    }
}
