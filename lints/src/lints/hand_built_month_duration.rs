//! `hand_built_month_duration`: a month written as a fixed length in a duration constructor.
//! Page: `lints/docs/hand_built_month_duration.md`.

use syn::Expr;

use crate::api::Unit;
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::registry::{
    Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::values;

use crate::calls::duration_call;

pub static HAND_BUILT_MONTH_DURATION: Lint = Lint {
    needles: Needles::AllOf(&[
        NeedleGroup::Words(&[
            "30", "31", "720", "744", "43200", "43_200", "44640", "44_640", "2592*", "2_592*",
            "2678*", "2_678*", "2629*", "2_629*",
        ]),
        NeedleGroup::Words(crate::api::DURATION_NEEDLES),
    ]),
    checks: &[Check::Expr(&[Syntax::Call, Syntax::MethodCall], check_expr)],
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::HAND_BUILT_MONTH_DURATION,
        Group::Pedantic,
        Precision::Medium,
        "a month written as a fixed length (30 or 31 days, 2_592_000 seconds)",
    )
};

/// Month lengths people hard-code, in days as `num / den`.
const MONTH_LENGTHS: &[(u128, u128, &str)] = &[
    (30, 1, "30 days"),
    (31, 1, "31 days"),
    (487, 16, "30.4375 days"),
    (
        146_097,
        4_800,
        "30.436875 days (an average Gregorian month)",
    ),
];

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let Some((ctor, arg)) = duration_call(cx, e) else {
        return;
    };
    let Some(value) =
        values::const_int(values::peel_parens(arg)).or_else(|| values::const_factor(arg))
    else {
        return;
    };
    let Some(what) = month_like(ctor.unit, value) else {
        return;
    };
    let days = if what.starts_with("31") { 31 } else { 30 };
    let fraction = if what.starts_with("30.") {
        " and a fraction"
    } else {
        ""
    };
    // The next Jan 31: one month later clamps to the end of February.
    let from = cx
        .today()
        .find_from(800, |d| d.month == 1 && d.day == 31)
        .unwrap_or(cx.today());
    let month_later =
        crate::calendar::CivilDate::new(from.year, 2, crate::calendar::days_in_month(from.year, 2));
    let days_later = crate::calendar::add_days(from, days);
    cx.emit(
        Diagnostic {
            lint: &HAND_BUILT_MONTH_DURATION,
            certainty: Certainty::Certain,
            message: format!("a month written as a fixed length: {what}"),
            span: cx.span(e),
            label: "months have 28 to 31 days".to_string(),
            notes: vec![format!(
                "from {from}, one month later is {month_later}, but {days} days{fraction} later is {days_later}"
            )],
            help: Some(Help {
                message: "use month arithmetic: chrono `checked_add_months(Months::new(1))`, jiff `1.month()`".to_string(),
                replacement: None,
            }),
        },
        None,
    );
}

fn month_like(unit: Unit, value: i128) -> Option<&'static str> {
    if value <= 0 || unit == Unit::Weeks {
        return None;
    }
    let (num, den) = unit.per_day();
    let value = value as u128;
    MONTH_LENGTHS
        .iter()
        .find(|(n, d, _)| value * den * d == n * num)
        .map(|(_, _, what)| *what)
}
