// leapcheck-flags: --check-tests -W pedantic
// Test code whose inputs are all literals is fixed data: a parse or a constructor that fails
// on it fails on every run, as a failing test, not on a date. Test code that reads the clock,
// or text from outside, is still checked.

#[cfg(test)]
mod tests {
    use chrono::{Datelike, NaiveDate, Utc};

    struct Row {
        input: &'static str,
        days: i64,
    }

    // not flagged: `row.input` is a field of a struct literal in an array written here
    #[test]
    fn table_of_rows() {
        let rows = [
            Row { input: "2028-02-29", days: 366 },
            Row { input: "2027-03-01", days: 365 },
        ];
        for row in &rows {
            let d = NaiveDate::parse_from_str(row.input, "%Y-%m-%d").expect("fixture");
            assert!(d.ordinal() as i64 <= row.days);
        }
    }

    // not flagged: tuples of literals iterated in place
    #[test]
    fn tuples() {
        for (text, year) in [("29/02/2028", 2028), ("01/03/2027", 2027)] {
            let d = NaiveDate::parse_from_str(text, "%d/%m/%Y").unwrap();
            assert_eq!(d.year(), year);
        }
    }

    // not flagged: a closure every call of which passes a literal
    #[test]
    fn helper_closure() {
        let day = |s| NaiveDate::parse_from_str(s, "%d.%m.%Y").unwrap();
        assert!(day("28.02.2027") < day("29.02.2028"));
    }

    // flagged: one call passes text read from the environment
    #[test]
    fn closure_given_outside_text() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%d.%m.%Y").unwrap(); //~ WARN unwrap_on_date_construction
        let from_env = std::env::var("DAY").unwrap_or_default();
        assert!(day("28.02.2027") <= day(&from_env));
    }

    // flagged: a field of the table overwritten with text from outside
    #[test]
    fn table_row_replaced() {
        let mut row = Row { input: "2028-02-29", days: 366 };
        row.input = Box::leak(std::env::var("DAY").unwrap_or_default().into_boxed_str());
        let d = NaiveDate::parse_from_str(row.input, "%Y-%m-%d").unwrap(); //~ WARN unwrap_on_date_construction
        assert!(d.ordinal() as i64 <= row.days);
    }

    // flagged: a test that reads the clock fails on the day the finding names
    #[test]
    fn next_year_from_today() {
        let today = Utc::now().date_naive();
        let next = NaiveDate::from_ymd_opt(today.year() + 1, today.month(), today.day()).unwrap(); //~ ERROR year_arithmetic_on_date
        assert!(next > today);
    }
}
