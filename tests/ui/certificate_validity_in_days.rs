// leapcheck-flags: -W certificate_validity_in_days
// certificate_validity_in_days: a certificate "valid for a year" as 365 days. Pedantic: a
// fixed number of days can be the policy.

use openssl::asn1::Asn1Time;
use std::time::{Duration, SystemTime};

pub struct CertificateParams {
    pub not_after: SystemTime,
}

// flagged: openssl's days_from_now(365)
pub fn not_after() -> Asn1Time {
    Asn1Time::days_from_now(365).unwrap() //~ WARN certificate_validity_in_days
}

// flagged: a not_after computed as now + 365 days
pub fn params() -> CertificateParams {
    let now = SystemTime::now();
    CertificateParams {
        not_after: now + Duration::from_secs(365 * 24 * 60 * 60), //~ WARN certificate_validity_in_days
    }
}

// not flagged: 90 days is not a year
pub fn short_lived() -> Asn1Time {
    Asn1Time::days_from_now(90).unwrap()
}

// not flagged: a year-long timeout, no certificate
pub fn patience() -> Duration {
    Duration::from_secs(365 * 24 * 60 * 60)
}
