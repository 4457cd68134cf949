//! A test with the 2012 bug shape, for `cargo leapcheck replay --test renewal`: ignored in
//! normal runs (it would fail on a real Feb 29); replay runs it with `-- --ignored`.

use chrono::{Datelike, NaiveDate, Utc};

#[test]
#[ignore = "run by the replay tests under a faked clock"]
fn renewal_same_day_next_year() {
    let today = Utc::now().date_naive();
    let renewal = NaiveDate::from_ymd_opt(today.year() + 1, today.month(), today.day());
    assert!(renewal.is_some(), "no renewal date for {today}");
}

#[test]
#[ignore = "run by the replay tests under a faked clock"]
fn unrelated() {}
