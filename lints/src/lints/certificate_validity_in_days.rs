//! `certificate_validity_in_days`: a certificate's validity written as 365 days (openssl's
//! `Asn1Time::days_from_now(365)`, a `not_after` computed as `now + Duration::days(365)`)
//! instead of one calendar year. Pedantic: a fixed number of days is a legitimate policy
//! (CA/Browser Forum limits are in days); it only ends a day before the anniversary after a
//! Feb 29. The detection is `crate::durations`', shared with `hand_built_year_duration`,
//! which reports the other dates computed that way. Page:
//! `lints/docs/certificate_validity_in_days.md`.

use syn::Expr;

use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::durations::{self, Use};
use crate::registry::{
    Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};

pub static CERTIFICATE_VALIDITY_IN_DAYS: Lint = Lint {
    needles: Needles::AllOf(&[
        NeedleGroup::Words(durations::YEAR_NEEDLES),
        NeedleGroup::Words(crate::api::DURATION_NEEDLES),
    ]),
    checks: &[Check::Expr(&[Syntax::Call, Syntax::MethodCall], check_expr)],
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::CERTIFICATE_VALIDITY_IN_DAYS,
        Group::Pedantic,
        Precision::Medium,
        "a certificate valid for 365 days instead of one calendar year",
    )
};

fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let Some((what, exact)) = durations::year_duration(cx, e) else {
        return;
    };
    if durations::duration_use(cx, e) != Use::Certificate {
        return;
    }
    let from = cx
        .today()
        .find_from(1_500, |d| {
            d.month == 3 && d.day == 1 && crate::calendar::is_leap_year(d.year + 1)
        })
        .unwrap_or(cx.today());
    let openssl =
        matches!(crate::calls::duration_call(cx, e), Some((c, _)) if c.func == "days_from_now");
    let help = if openssl {
        "openssl: compute the end date one calendar year later (chrono \
         `today.checked_add_months(Months::new(12))`) and pass it with `Asn1Time::from_unix(..)`"
    } else {
        "compute `not_after` with calendar arithmetic (chrono `checked_add_months(Months::new(12))`, \
         jiff `checked_add(1.year())`, time: the date's year + 1 with Feb 29 clamped), or keep \
         the fixed days if that is the policy and allow this lint"
    };
    cx.emit(
        Diagnostic {
            lint: &CERTIFICATE_VALIDITY_IN_DAYS,
            certainty: Certainty::Possible,
            message: format!(
                "a certificate valid for {what}{} instead of one calendar year",
                if exact { "" } else { " per year" }
            ),
            span: cx.span(e),
            label: "ends a day before the anniversary when the year holds a Feb 29".to_string(),
            notes: vec![format!(
                "issued on {from}, it expires on {}, not on {}",
                crate::calendar::add_days(from, 365),
                crate::calendar::add_years_clamped(from, 1)
            )],
            help: Some(Help {
                message: help.to_string(),
                fix: None,
            }),
        },
        None,
    );
}
