//! Checks a PEM certificate's validity period against the current wall-clock time.
//!
//! Prints notBefore and notAfter, then exits with
//! - 0 if now is within [notBefore, notAfter],
//! - 1 if the certificate is expired or not yet valid,
//! - 2 if the file cannot be read or parsed.
//!
//! The current time comes from `std::time::SystemTime::now()`, so this program sees whatever
//! clock the process sees (for example a faked clock under `cargo leapcheck replay`).
//!
//! Usage: verify-cert [CERT.pem]   (default: cert.pem)

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use x509_parser::pem::parse_x509_pem;

fn main() -> ExitCode {
    let path = transfer_cert::output_path();

    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("verify-cert: cannot read {}: {err}", path.display());
            return ExitCode::from(2);
        }
    };
    let pem = match parse_x509_pem(&bytes) {
        Ok((_, pem)) => pem,
        Err(err) => {
            eprintln!("verify-cert: {} is not PEM: {err}", path.display());
            return ExitCode::from(2);
        }
    };
    let cert = match pem.parse_x509() {
        Ok(cert) => cert,
        Err(err) => {
            eprintln!(
                "verify-cert: {} is not an X.509 certificate: {err}",
                path.display()
            );
            return ExitCode::from(2);
        }
    };

    let validity = cert.validity();
    println!("subject:   {}", cert.subject());
    println!("notBefore: {}", validity.not_before);
    println!("notAfter:  {}", validity.not_after);

    let now = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since_epoch) => i64::try_from(since_epoch.as_secs()).unwrap_or(i64::MAX),
        // A clock before 1970 is before any certificate we write.
        Err(before_epoch) => -i64::try_from(before_epoch.duration().as_secs()).unwrap_or(i64::MAX),
    };

    if now < validity.not_before.timestamp() {
        println!("status:    not yet valid");
        ExitCode::from(1)
    } else if now > validity.not_after.timestamp() {
        println!("status:    expired");
        ExitCode::from(1)
    } else {
        println!("status:    valid now");
        ExitCode::SUCCESS
    }
}
