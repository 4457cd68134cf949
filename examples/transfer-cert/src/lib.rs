//! Shared helpers for the transfer-certificate example.
//!
//! In February 2012 the Windows Azure guest agent created a "transfer certificate" for every new
//! virtual machine, valid from today until the same day one year later. The binaries in
//! `src/bin/` reproduce that code path with `rcgen`:
//!
//! - `issue-buggy` computes the expiry the way the 2012 code did (year + 1, same month and day);
//! - `issue-fixed` computes it with calendar arithmetic;
//! - `verify-cert` checks a written certificate against the current wall-clock time.
//!
//! This library only builds and writes the certificate; the date logic lives in the binaries so
//! that `cargo leapcheck examples/transfer-cert` points at the line that matters.

use std::error::Error;
use std::path::{Path, PathBuf};

use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair};
use time::{OffsetDateTime, UtcOffset};

/// The subject of the example certificate.
pub const COMMON_NAME: &str = "transfer-cert example";

/// The output path from the first command-line argument, or `cert.pem` in the current directory.
pub fn output_path() -> PathBuf {
    std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("cert.pem"))
}

/// Generates a fresh key pair and a self-signed certificate valid from `not_before` to
/// `not_after`, and returns the certificate as PEM. The private key is not kept: the example is
/// about the validity dates, not about using the certificate.
pub fn self_signed_pem(
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
) -> Result<String, Box<dyn Error>> {
    let mut params = CertificateParams::new(vec!["transfer-cert.example".to_string()])?;
    let mut subject = DistinguishedName::new();
    subject.push(DnType::CommonName, COMMON_NAME);
    params.distinguished_name = subject;
    params.not_before = not_before;
    params.not_after = not_after;

    let key_pair = KeyPair::generate()?;
    let cert = params.self_signed(&key_pair)?;
    Ok(cert.pem())
}

/// Writes a self-signed certificate with the given validity to `path` and reports it on stdout.
pub fn write_cert(
    path: &Path,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
) -> Result<(), Box<dyn Error>> {
    let pem = self_signed_pem(not_before, not_after)?;
    std::fs::write(path, pem)?;
    println!("wrote {}", path.display());
    println!("  notBefore: {}", utc_string(not_before));
    println!("  notAfter:  {}", utc_string(not_after));
    Ok(())
}

/// `2026-11-24 16:45:11 UTC`: whole seconds, as a certificate stores them.
pub fn utc_string(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!(
        "{} {:02}:{:02}:{:02} UTC",
        t.date(),
        t.hour(),
        t.minute(),
        t.second()
    )
}
