//! The 2012 Windows Azure transfer-certificate bug, reproduced.
//!
//! At midnight UTC on 2012-02-29 (16:00 Pacific on Feb 28), the Windows Azure guest agent of
//! every new or restarted VM started failing. It created a "transfer certificate" valid for one
//! year, and computed the expiry as "the same day, next year": year + 1, same month, same day.
//! 2013-02-29 does not exist, so certificate creation failed. After three failures the server
//! was treated as faulty hardware and its VMs were moved to other servers, where they failed the
//! same way. Customers could not manage their services for about eight
//! hours; a few clusters stayed degraded until the next day.
//!
//! This program does exactly the same thing with `rcgen::date_time_ymd`, which panics on an
//! invalid date. It works on 365 days out of 366 in a leap year, and every day in other years
//! (try it today: it writes a valid certificate). On Feb 29 it panics.
//!
//! Usage: issue-buggy [OUT.pem]   (default: cert.pem)

use std::process::ExitCode;

fn main() -> ExitCode {
    let path = transfer_cert::output_path();

    let now = time::OffsetDateTime::now_utc();
    let not_before = now;
    // BUG: on Feb 29 this asks for Feb 29 of a non-leap year; date_time_ymd panics.
    let not_after = rcgen::date_time_ymd(now.year() + 1, now.month() as u8, now.day());

    match transfer_cert::write_cert(&path, not_before, not_after) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("issue-buggy: {err}");
            ExitCode::FAILURE
        }
    }
}
