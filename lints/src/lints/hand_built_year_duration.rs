//! `hand_built_year_duration`: a date computed as a year (or N years) later with a fixed
//! length (`start + Duration::days(365)`). Which durations are a year, and what they are used
//! for, is `crate::durations`'. Page: `lints/docs/hand_built_year_duration.md`.

use syn::Expr;

use crate::calendar::{self, CivilDate};
use crate::context::ExprCx;
use crate::diagnostic::{Applicability, Certainty, Diagnostic, Help};
use crate::durations::{self, Calendar, Intent};
use crate::registry::{
    Check, Fixable, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};

pub static HAND_BUILT_YEAR_DURATION: Lint = Lint {
    fix: Fixable::Sometimes(Applicability::Unsafe),
    needles: Needles::AllOf(&[
        NeedleGroup::Words(durations::YEAR_NEEDLES),
        NeedleGroup::Words(crate::api::DURATION_NEEDLES),
    ]),
    checks: &[Check::Expr(
        &[Syntax::Call, Syntax::MethodCall, Syntax::Binary],
        check_expr,
    )],
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::HAND_BUILT_YEAR_DURATION,
        Group::Suspicious,
        Precision::High,
        "a year written as a fixed length (365 days, 31_536_000 seconds) instead of calendar arithmetic",
    )
};

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    // A duration constructor, or seconds or milliseconds in integer arithmetic
    // (`now_secs + years * 31_536_000`).
    let integer = crate::calls::duration_call(cx, e).is_none();
    let Some((what, exact)) = durations::year_duration(cx, e).or_else(|| {
        durations::integer_span(cx, e, durations::year_like_value).map(|(a, w)| (w, !a.counted))
    }) else {
        return;
    };
    // A certificate's validity is `certificate_validity_in_days`' case.
    if durations::duration_use(cx, e) == durations::Use::Certificate {
        return;
    }
    // Only a duration that computes a date (added to or subtracted from a date or the clock)
    // that the code means as a calendar date. Departure from the spec ("any duration
    // constructor"): 365 days added to the clock is most often a lifetime or a window meant in
    // days (a JWT `exp`, a cache entry, a "past year" report range), which computes no date
    // anyone reads; reported only with evidence of a calendar year (a name, a comment, a read
    // of the result's year), or, for a year added, a result read or shown as a date. A
    // timestamp, a lifetime or a window named in days silences it (see `durations::Intent`).
    let Some((_, intent)) =
        durations::meant_as_calendar(cx, e, Calendar::Year, |i: &Intent| !i.subtracted)
    else {
        return;
    };
    let span = cx.span(e);
    let mut diag = diagnostic(cx.today(), span, what, exact, &intent);
    if let Some(help) = &mut diag.help.as_mut().filter(|_| integer) {
        help.message = format!(
            "on the time as a date ({}): {}",
            durations::INTEGER_HELP,
            help.message
        );
    }
    if let Some(help) = &mut diag.help {
        help.fix = durations::calendar_months_fix(cx, e, |days| {
            (days % 365 == 0).then_some(days / 365 * 12)
        });
    }
    cx.emit(diag, None);
}

pub fn diagnostic(
    today: CivilDate,
    span: crate::Span,
    what: &str,
    exact: bool,
    intent: &Intent,
) -> Diagnostic {
    let (days, fraction) = durations::whole_days(what);
    let length = match fraction {
        Some(f) => format!("{days} days and {f}"),
        None => format!("{days} days"),
    };
    let sign: i32 = if intent.subtracted { -1 } else { 1 };
    let shifted = |d: CivilDate| {
        if intent.subtracted {
            durations::sub_days(d, days)
        } else {
            calendar::add_days(d, days)
        }
    };
    let (later, earlier) = ("later", "earlier");
    let dir = if intent.subtracted { earlier } else { later };
    let note = if intent.unit_read.is_some() {
        // Read as a year: the first day from which the fixed length lands in another year.
        let from = today
            .find_from(1_500, |d| shifted(*d).year != d.year + sign)
            .unwrap_or(today);
        let to = shifted(from);
        format!(
            "from {from}, one year {dir} is in {}, but {length} {dir} is {to}, in {}",
            from.year + sign,
            to.year
        )
    } else {
        // The first day from which this many days and one calendar year differ (not a Feb 29,
        // whose date a year away is a matter of convention).
        let from = today
            .find_from(1_500, |d| {
                !(d.month == 2 && d.day == 29)
                    && shifted(*d) != calendar::add_years_clamped(*d, sign)
            })
            .unwrap_or(today);
        format!(
            "from {from}, one year {dir} is {}, but {length} {dir} is {}",
            calendar::add_years_clamped(from, sign),
            shifted(from)
        )
    };
    let mut notes = vec![note];
    notes.extend(intent.note(Calendar::Year));
    let fix = if intent.subtracted {
        "chrono `checked_sub_months(Months::new(12))`, jiff `checked_sub(1.year())`"
    } else {
        "chrono `checked_add_months(Months::new(12))`, jiff `1.year()`"
    };
    Diagnostic {
        lint: &HAND_BUILT_YEAR_DURATION,
        certainty: Certainty::Certain,
        message: format!(
            "a year written as a fixed length: {what}{}",
            if exact { "" } else { " per year" }
        ),
        span,
        label: "a calendar year is 365 or 366 days".to_string(),
        notes,
        help: Some(Help {
            message: format!(
                "use calendar arithmetic ({fix}); if a fixed length is really meant, say so where \
                 the date is computed (`// 365 days, not a year`, or a name in days)"
            ),
            fix: None,
        }),
    }
}
