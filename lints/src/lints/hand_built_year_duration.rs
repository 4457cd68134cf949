//! `hand_built_year_duration`: a date computed as a year (or N years) later with a fixed
//! length (`start + Duration::days(365)`). Which durations are a year, and what they are used
//! for, is `crate::durations`'. Page: `lints/docs/hand_built_year_duration.md`.

use syn::Expr;

use crate::calendar::{self, CivilDate};
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::durations;
use crate::registry::{
    Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};

pub static HAND_BUILT_YEAR_DURATION: Lint = Lint {
    needles: Needles::AllOf(&[NeedleGroup::Words(durations::YEAR_NEEDLES), NeedleGroup::Words(crate::api::DURATION_NEEDLES)]),
    checks: &[Check::Expr(&[Syntax::Call, Syntax::MethodCall], check_expr)],
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::HAND_BUILT_YEAR_DURATION,
        Group::Suspicious,
        Precision::High,
        "a year written as a fixed length (365 days, 31_536_000 seconds) instead of calendar arithmetic",
    )
};

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let Some((what, exact)) = durations::year_duration(cx, e) else {
        return;
    };
    // Only a duration that computes a date: `start + Duration::days(365)` means "a year later".
    // A timeout, a cache TTL, a `max-age`, a constant, or "about a year ago" computes none; a
    // certificate's validity is `certificate_validity_in_days`' case.
    if durations::duration_use(cx, e) != durations::Use::DateLater {
        return;
    }
    let span = cx.span(e);
    cx.emit(diagnostic(cx.today(), span, what, exact), None);
}

pub fn diagnostic(today: CivilDate, span: crate::Span, what: &str, exact: bool) -> Diagnostic {
    let (days, fraction) = durations::whole_days(what);
    // The first day from which this many days and one calendar year differ.
    let from = today
        .find_from(1_500, |d| {
            calendar::add_days(*d, days) != calendar::add_years_clamped(*d, 1)
        })
        .unwrap_or(today);
    let year_later = calendar::add_years_clamped(from, 1);
    let days_later = calendar::add_days(from, days);
    let length = match fraction {
        Some(f) => format!("{days} days and {f}"),
        None => format!("{days} days"),
    };
    Diagnostic {
        lint: &HAND_BUILT_YEAR_DURATION,
        certainty: Certainty::Certain,
        message: format!("a year written as a fixed length: {what}{}", if exact { "" } else { " per year" }),
        span,
        label: "a calendar year is 365 or 366 days".to_string(),
        notes: vec![format!("from {from}, one year later is {year_later}, but {length} later is {days_later}")],
        help: Some(Help {
            message: "use calendar arithmetic (chrono `checked_add_months(Months::new(12))`, jiff `1.year()`); if a \
                      fixed length is really meant, name it so (`// 365 days, not a year`) and suppress with a reason"
                .to_string(),
            replacement: None,
        }),
    }
}
