// leapcheck-flags: --check-tests -W pedantic
// Test code whose inputs are all literals is fixed data: a parse or a constructor that fails
// on it fails on every run, as a failing test, not on a date. Test code that reads the clock,
// or text from outside, is still checked.

#[cfg(test)]
mod tests {
    use chrono::{Datelike, NaiveDate, NaiveDateTime, Utc};

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

    struct Shift {
        from: &'static str,
        months: u32,
    }

    // not flagged: `vec![..]` of struct literals of literals is a table of constants
    #[test]
    fn vec_of_rows() {
        let shifts: Vec<Shift> = vec![
            Shift { from: "2027-01-31", months: 1 },
            Shift { from: "2028-02-29", months: 12 },
        ];
        for shift in shifts.iter() {
            let d = NaiveDate::parse_from_str(shift.from, "%Y-%m-%d").unwrap();
            assert!(d.checked_add_months(chrono::Months::new(shift.months)).is_some());
        }
    }

    // not flagged: a `vec![..]` of literal tuples iterated in place
    #[test]
    fn vec_of_tuples_in_place() {
        for (text, year) in vec![("29/02/2028", 2028), ("01/03/2027", 2027)] {
            let d = NaiveDate::parse_from_str(text, "%d/%m/%Y").unwrap();
            assert_eq!(d.year(), year);
        }
    }

    // flagged: one row of the `vec![..]` holds text read from the environment
    #[test]
    fn vec_with_outside_row() {
        let from_env: &'static str = Box::leak(std::env::var("DAY").unwrap_or_default().into_boxed_str());
        let shifts = vec![Shift { from: "2027-01-31", months: 1 }, Shift { from: from_env, months: 1 }];
        for shift in &shifts {
            let d = NaiveDate::parse_from_str(shift.from, "%Y-%m-%d").unwrap(); //~ WARN unwrap_on_date_construction
            assert!(d.checked_add_months(chrono::Months::new(shift.months)).is_some());
        }
    }

    // not flagged: an untyped closure parameter, every call (in `vec![..]` and `assert_eq!`)
    // passes a literal
    #[test]
    fn untyped_closure_in_macros() {
        let at = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("fixture");
        let stamps = vec![at("2028-02-29T10:00"), at("2027-03-01T00:30")];
        assert_eq!(stamps[0], at("2028-02-29T10:00"));
        assert!(stamps[1] > stamps[0]);
    }

    // not flagged: every call sits in the tokens of a table macro and passes a literal
    #[test]
    fn closure_in_table_macro() {
        let at = |s| {
            NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("fixture")
        };
        let table = rows!(when | n; Stamp | I64; at("2028-02-29T10:00") 1; at("2027-03-01T00:30") 2);
        assert_eq!(table.len(), 2);
    }

    // flagged: a call in the table macro passes a variable
    #[test]
    fn closure_in_table_macro_given_variable() {
        let at = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("fixture"); //~ WARN unwrap_on_date_construction
        let from_env = std::env::var("AT").unwrap_or_default();
        let table = rows!(when | n; Stamp | I64; at("2028-02-29T10:00") 1; at(&from_env) 2);
        assert_eq!(table.len(), 2);
    }

    // flagged: an untyped closure parameter given text from outside in one call
    #[test]
    fn untyped_closure_given_outside_text() {
        let at = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("fixture"); //~ WARN unwrap_on_date_construction
        let from_env = std::env::var("AT").unwrap_or_default();
        assert_eq!(at("2028-02-29T10:00"), at(&from_env));
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
