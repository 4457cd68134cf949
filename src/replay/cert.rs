//! The certificate scenario (`--cert`): after the issue command ran at an instant, parse the
//! certificate it wrote, check its validity period, and replay the expiry path with the
//! verify command at notAfter - 1 s and notAfter + 1 s.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use jiff::{Span, Timestamp};

use super::report::{CertInfo, Record};
use super::run::{self, Clock, Env, Outcome, RunResult, RunSpec};

const PLACEHOLDER: &str = "{cert}";

/// An expected validity period (`--validity`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Period {
    Years(i64),
    Months(i64),
    Days(i64),
}

impl Period {
    pub fn parse(s: &str) -> Result<Period, String> {
        let (n, unit) = super::instants::count_and_unit(s, "--validity", 1000, "1y, 6m, 90d, 2w")?;
        match unit {
            "y" => Ok(Period::Years(n)),
            "m" => Ok(Period::Months(n)),
            "w" => Ok(Period::Days(n * 7)),
            "d" => Ok(Period::Days(n)),
            _ => Err(format!("invalid --validity unit in `{s}` (y, m, w or d)")),
        }
    }

    fn span(self) -> Span {
        match self {
            Period::Years(n) => Span::new().years(n),
            Period::Months(n) => Span::new().months(n),
            Period::Days(n) => Span::new().days(n),
        }
    }

    fn label(self) -> String {
        match self {
            Period::Years(n) => format!("{n}y"),
            Period::Months(n) => format!("{n}m"),
            Period::Days(n) => format!("{n}d"),
        }
    }
}

/// What the validity check concluded.
#[derive(Debug, PartialEq, Eq)]
pub enum ValidityCheck {
    Exact,
    /// The start day does not exist in the end month (Feb 29 + 1y): Feb 28 or Mar 1 is fine.
    Clamp(String),
    Wrong(String),
}

/// notAfter's date must be notBefore's date plus the period (both in UTC).
pub fn check_validity(not_before: Date, not_after: Date, period: Period) -> ValidityCheck {
    let Ok(expected) = not_before.checked_add(period.span()) else {
        return ValidityCheck::Wrong(format!(
            "notBefore {not_before} + {} is out of range",
            period.label()
        ));
    };
    if not_after == expected {
        // jiff clamps Feb 29 + 1y to Feb 28: name that as a clamp too.
        if expected.day() != not_before.day() {
            return ValidityCheck::Clamp(format!(
                "clamp: {not_before} + {} has no day {}, notAfter is {not_after}",
                period.label(),
                not_before.day()
            ));
        }
        return ValidityCheck::Exact;
    }
    let clamped = expected.day() != not_before.day();
    if clamped && expected.tomorrow().ok() == Some(not_after) {
        return ValidityCheck::Clamp(format!(
            "clamp: {not_before} + {} has no day {}, notAfter is {not_after}",
            period.label(),
            not_before.day()
        ));
    }
    ValidityCheck::Wrong(format!(
        "notAfter {not_after} is not notBefore {not_before} + {} (expected {expected})",
        period.label()
    ))
}

pub struct CertPlan {
    path: PathBuf,
    /// `{cert}` appears in the issue command: each run gets its own file (and can run in
    /// parallel); otherwise every run writes PATH and runs go one at a time.
    pub per_instant_path: bool,
    pub verify: Option<(PathBuf, Vec<String>)>,
    validity: Option<Period>,
}

impl CertPlan {
    pub fn new(
        path: PathBuf,
        issue_args: &[OsString],
        verify: Option<&str>,
        validity: Option<&str>,
    ) -> Result<CertPlan, String> {
        let per_instant_path = issue_args
            .iter()
            .any(|a| a.to_string_lossy().contains(PLACEHOLDER));
        let verify = match verify {
            Some(cmd) => {
                let words = shlex::split(cmd)
                    .filter(|w| !w.is_empty())
                    .ok_or_else(|| format!("cannot split --verify `{cmd}` into words"))?;
                let program = super::preload::find_program(words[0].as_ref())
                    .ok_or_else(|| format!("verify command not found: {}", words[0]))?;
                Some((program, words[1..].to_vec()))
            }
            None => None,
        };
        let validity = validity.map(Period::parse).transpose()?;
        Ok(CertPlan {
            path,
            per_instant_path,
            verify,
            validity,
        })
    }

    /// `cert.pem` → `cert.2024-02-29T12-00-00Z.pem` beside it (kept for inspection).
    pub fn path_for(&self, label: &str) -> PathBuf {
        if !self.per_instant_path {
            return self.path.clone();
        }
        let stem = self
            .path
            .file_stem()
            .map_or_else(|| "cert".into(), |s| s.to_string_lossy().into_owned());
        let ext = self
            .path
            .extension()
            .map_or_else(|| "pem".into(), |s| s.to_string_lossy().into_owned());
        let safe = super::file_label(label);
        self.path.with_file_name(format!("{stem}.{safe}.{ext}"))
    }

    pub fn substitute(&self, args: &[OsString], cert: &Path) -> Vec<OsString> {
        run::substitute(args, &[(PLACEHOLDER, &cert.to_string_lossy())])
    }

    /// Fills `record.cert` and turns the record into a failure when a check fails.
    pub fn check(
        &self,
        record: &mut Record,
        cert_path: &Path,
        issued_at_ns: i128,
        issue: &RunResult,
        env: &Env,
    ) {
        let mut info = CertInfo::default();
        let ran_ok = record.outcome == Outcome::Pass;
        let parsed = match std::fs::read(cert_path) {
            Ok(bytes) => parse_validity(&bytes),
            Err(e) => Err(format!("no certificate at {}: {e}", cert_path.display())),
        };
        let (nb, na) = match parsed {
            Ok(v) => v,
            Err(msg) => {
                if ran_ok {
                    record.fail(msg);
                }
                record.cert = Some(info);
                return;
            }
        };
        info.not_before = Some(rfc3339(nb));
        info.not_after = Some(rfc3339(na));
        let (nb_date, na_date) = (utc_date(nb), utc_date(na));
        if let (Some(b), Some(a)) = (nb_date, na_date) {
            info.validity_days = b.until(a).ok().map(|s| i64::from(s.get_days()));
        }

        let mut problems = Vec::new();
        let mut notes = Vec::new();
        // The command's own rounding: allow notBefore up to the end of the run on the faked
        // clock (which ran `--rate` times as fast) + 2 s.
        let issued = i64::try_from(issued_at_ns.div_euclid(1_000_000_000)).unwrap_or(i64::MAX);
        let ran_faked_secs = (issue.duration_ms as f64 / 1000.0 * env.rate_factor()).ceil();
        let latest = issued.saturating_add(ran_faked_secs.min(1e15) as i64 + 2);
        if nb > latest {
            problems.push(format!(
                "notBefore {} is after the issue instant {}",
                rfc3339(nb),
                rfc3339(issued)
            ));
        }
        if na <= nb {
            problems.push(format!(
                "notAfter {} is not after notBefore {}",
                rfc3339(na),
                rfc3339(nb)
            ));
        }
        if let (Some(period), Some(b), Some(a)) = (self.validity, nb_date, na_date) {
            match check_validity(b, a, period) {
                ValidityCheck::Exact => {}
                ValidityCheck::Clamp(note) => notes.push(note),
                ValidityCheck::Wrong(p) => problems.push(p),
            }
        }

        if let Some((program, words)) = &self.verify {
            let args: Vec<OsString> = words.iter().map(OsString::from).collect();
            let args = self.substitute(&args, cert_path);
            // The expiry checks are about two exact seconds: the verify command runs on a
            // clock at the real speed whatever `--rate` is, or a fast clock would carry
            // notAfter - 1 s past notAfter while the program starts.
            let verify_env = Env {
                rate: run::RATE_ONE,
                ..*env
            };
            let verify_at = |secs: i64| -> RunResult {
                run::run(&RunSpec {
                    program,
                    args: &args,
                    clock: Clock::Fake {
                        start_ns: i128::from(secs) * 1_000_000_000,
                    },
                    env: &verify_env,
                    keep_output: None,
                })
            };
            let before = verify_at(na - 1);
            let after = verify_at(na + 1);
            let word = |r: &RunResult| {
                if r.outcome == Outcome::Pass {
                    "pass"
                } else {
                    "fail"
                }
            };
            info.verify_before_expiry = Some(word(&before));
            info.verify_after_expiry = Some(word(&after));
            if before.outcome != Outcome::Pass {
                let why = before
                    .reason
                    .clone()
                    .unwrap_or_else(|| before.outcome.as_str().to_string());
                problems.push(format!(
                    "verify rejects the certificate at notAfter - 1 s ({why})"
                ));
            }
            if after.outcome == Outcome::Pass {
                problems.push("verify still accepts the certificate at notAfter + 1 s".into());
            }
        }

        record.cert = Some(info);
        if !ran_ok {
            return;
        }
        if !problems.is_empty() {
            record.fail(problems.join("; "));
        } else if !notes.is_empty() {
            record.reason = Some(notes.join("; "));
        }
    }
}

fn rfc3339(secs: i64) -> String {
    Timestamp::from_second(secs).map_or_else(|_| format!("{secs}s"), |t| t.to_string())
}

fn utc_date(secs: i64) -> Option<Date> {
    Timestamp::from_second(secs)
        .ok()
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// (notBefore, notAfter) in Unix seconds from a PEM or DER certificate.
pub fn parse_validity(bytes: &[u8]) -> Result<(i64, i64), String> {
    let trimmed = bytes.trim_ascii_start();
    if trimmed.starts_with(b"-----BEGIN") {
        let (_, pem) = x509_parser::pem::parse_x509_pem(trimmed)
            .map_err(|e| format!("certificate is not valid PEM: {e}"))?;
        let cert = pem
            .parse_x509()
            .map_err(|e| format!("not an X.509 certificate: {e}"))?;
        let v = cert.validity();
        Ok((v.not_before.timestamp(), v.not_after.timestamp()))
    } else {
        let (_, cert) = x509_parser::parse_x509_certificate(bytes)
            .map_err(|e| format!("not an X.509 certificate (PEM or DER): {e}"))?;
        let v = cert.validity();
        Ok((v.not_before.timestamp(), v.not_after.timestamp()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn periods() {
        assert_eq!(Period::parse("1y"), Ok(Period::Years(1)));
        assert_eq!(Period::parse("6m"), Ok(Period::Months(6)));
        assert_eq!(Period::parse("2w"), Ok(Period::Days(14)));
        for bad in ["", "y", "1", "0y", "1x", "-1y"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn validity_checks() {
        let y = Period::Years(1);
        assert_eq!(
            check_validity(date(2024, 3, 1), date(2025, 3, 1), y),
            ValidityCheck::Exact
        );
        assert!(matches!(
            check_validity(date(2024, 2, 29), date(2025, 2, 28), y),
            ValidityCheck::Clamp(_)
        ));
        assert!(matches!(
            check_validity(date(2024, 2, 29), date(2025, 3, 1), y),
            ValidityCheck::Clamp(_)
        ));
        assert!(matches!(
            check_validity(date(2024, 3, 1), date(2025, 3, 2), y),
            ValidityCheck::Wrong(_)
        ));
        assert!(matches!(
            check_validity(date(2025, 1, 31), date(2025, 2, 28), Period::Months(1)),
            ValidityCheck::Clamp(_)
        ));
    }

    #[test]
    fn garbage_is_not_a_certificate() {
        assert!(parse_validity(b"").is_err());
        assert!(
            parse_validity(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
                .is_err()
        );
        assert!(parse_validity(&[0x30, 0x82, 0xff]).is_err());
    }

    #[test]
    fn per_instant_paths() {
        let args = vec![OsString::from("--out={cert}")];
        let plan = CertPlan::new(PathBuf::from("/tmp/x/cert.pem"), &args, None, None).unwrap();
        assert!(plan.per_instant_path);
        let p = plan.path_for("2024-02-29T12:00:00Z");
        assert_eq!(p, PathBuf::from("/tmp/x/cert.2024-02-29T12-00-00Z.pem"));
        assert_eq!(
            plan.substitute(&args, &p),
            vec![OsString::from("--out=/tmp/x/cert.2024-02-29T12-00-00Z.pem")]
        );
        let fixed = CertPlan::new(PathBuf::from("c.der"), &[], None, None).unwrap();
        assert_eq!(fixed.path_for("baseline"), PathBuf::from("c.der"));
    }
}
