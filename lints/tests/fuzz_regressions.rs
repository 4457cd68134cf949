//! Inputs the fuzzer (fuzz/, see docs/performance.md) found crashing the engine, kept as
//! plain tests so they stay fixed.

use leapcheck_lints::{check_source, Options};

fn check(src: &str) {
    for prefilter in [true, false] {
        let opts = Options {
            check_tests: true,
            prefilter,
            ..Options::default()
        };
        let _ = check_source(src, &opts);
    }
}

/// A known constructor called with the wrong number of arguments used to index past the end
/// of the argument list (found by `engine_programs` on its first minute).
#[test]
fn constructors_with_the_wrong_number_of_arguments() {
    check("use chrono::NaiveDate; fn f() { let _ = NaiveDate::from_ymd_opt(); }");
    check("use chrono::NaiveDate; fn f() { let _ = NaiveDate::from_ymd_opt(2024).unwrap(); }");
    check("use time::Date; fn f() { let _ = Date::from_calendar_date(1, 2, 3, 4).unwrap(); }");
    check("use jiff::civil; fn f(d: civil::Date) { let _ = d.with().year().build(); }");
    check(
        "use jiff::civil; fn f(d: civil::Date) { let _ = d.with().year(1, 2).build().unwrap(); }",
    );
    check("fn f() { let _ = rcgen::date_time_ymd(); }");
}
