// leapcheck-flags: -W pedantic
// hand_built_month_duration with openssl's certificate times (its own case: the `.fixed`
// files are compiled without openssl, and this one has no fix).
use openssl::asn1::Asn1Time;

// flagged: a certificate "valid for a month" (30 days from the clock)
pub fn monthly_cert() -> Result<Asn1Time, openssl::error::ErrorStack> {
    Asn1Time::days_from_now(30) //~ WARN hand_built_month_duration
}
