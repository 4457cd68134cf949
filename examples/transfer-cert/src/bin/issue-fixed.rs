//! The fix for the 2012 transfer-certificate bug.
//!
//! "One year from today" is calendar arithmetic, not "year + 1 with the same month and day".
//! `NaiveDate::checked_add_months` moves to the same day twelve months later and clamps the day
//! to the last day of the target month, so 2028-02-29 becomes 2029-02-28. The certificate date
//! is then built from that one valid date: year, month and day are copied, not computed, so
//! `rcgen::date_time_ymd` always receives a date that exists.
//!
//! Usage: issue-fixed [OUT.pem]   (default: cert.pem)

use std::process::ExitCode;

use chrono::{Datelike, Months, NaiveDate};

fn main() -> ExitCode {
    let path = transfer_cert::output_path();

    let not_before = time::OffsetDateTime::now_utc();
    // Today's date from the same reading as notBefore. (`chrono::Utc::now()` would panic on a
    // clock before 1970 — `cargo leapcheck replay` finds that at 1969-12-31T23:59:59Z — and a
    // second reading could fall on the next day at 23:59:59.)
    let Some(today) = NaiveDate::from_ymd_opt(
        not_before.year(),
        u32::from(u8::from(not_before.month())),
        u32::from(not_before.day()),
    ) else {
        eprintln!("issue-fixed: {not_before} is out of chrono's range");
        return ExitCode::FAILURE;
    };
    let Some(expiry) = today.checked_add_months(Months::new(12)) else {
        eprintln!("issue-fixed: {today} + 12 months is out of range");
        return ExitCode::FAILURE;
    };
    let not_after = rcgen::date_time_ymd(expiry.year(), expiry.month() as u8, expiry.day() as u8);

    match transfer_cert::write_cert(&path, not_before, not_after) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("issue-fixed: {err}");
            ExitCode::FAILURE
        }
    }
}
