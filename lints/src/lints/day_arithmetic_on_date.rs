//! `day_arithmetic_on_date`: a date rebuilt with another date's day of the month ± N and the
//! same month. Page: `lints/docs/day_arithmetic_on_date.md`.

use crate::api::Role;
use crate::calendar;
use crate::context::ExprCx;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Help};
use crate::guards::{self, Guard};
use crate::registry::{
    Check, Fixable, Group, Lint, LintId, NeedleGroup, Needles, Precision, TestCode,
};
use crate::resolve::Crate;
use crate::verdict::{fact, verdict};

use crate::calls::CtorCall;

pub static DAY_ARITHMETIC_ON_DATE: Lint = Lint {
    needles: Needles::AllOf(&[
        NeedleGroup::DateApi(&[]),
        NeedleGroup::Words(&["day", "dom"]),
    ]),
    checks: &[Check::DateCall(check_call)],
    fix: Fixable::Sometimes(Applicability::DisplayOnly),
    supersedes: &[
        LintId::UNWRAP_ON_DATE_CONSTRUCTION,
        LintId::PANICKING_DATE_CONSTRUCTOR,
        LintId::UNCHECKED_DATE_FIELDS,
    ],
    test_code: TestCode::ClockDependent,
    ..Lint::new(
        LintId::DAY_ARITHMETIC_ON_DATE,
        Group::Correctness,
        Precision::High,
        "a date built from another date's day ± N breaks at the end or start of a month",
    )
};

pub fn check_call<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>) {
    let Some(crate::verdict::ShiftedArg {
        field,
        later: later_shift,
    }) = crate::verdict::shifted_arg(cx, call, Role::Day, false)
    else {
        return;
    };
    let field = &field;
    let facts = cx.facts();
    if facts.is_some_and(|f| f.is_dead(call.node)) {
        return;
    }
    let source_date = match call.row.sets {
        Some(_) => call.receiver.and_then(|r| fact(facts, r)),
        None => None,
    };
    let failing = match facts.and_then(|f| f.can_fail(call.node)) {
        Some(false) => {
            cx.explain(&DAY_ARITHMETIC_ON_DATE, call.subject(cx));
            return;
        }
        Some(true) => {
            let day_fact = call.arg(Role::Day).and_then(|e| fact(facts, e));
            Some(day_fact.into_iter().chain(source_date).collect::<Vec<_>>())
        }
        None if guards::guarded(cx, call.node, Guard::MonthLength) => {
            cx.explain(&DAY_ARITHMETIC_ON_DATE, call.subject(cx));
            return;
        }
        None => None,
    };
    let Some(verdict) = verdict(cx, call, failing.as_deref()) else {
        return;
    };
    let days = field.shift.amount().unwrap_or(1);
    let src = field
        .source
        .clone()
        .unwrap_or_else(|| "the date".to_string());
    let mut day_text = crate::calls::describe_arg(cx, call.arg(Role::Day).unwrap_or(call.node));
    // `let mut day = d.day(); day += 1;`: the shift happened after the `let`.
    if later_shift {
        day_text = crate::verdict::with_later_shift(&day_text, field.shift);
    }
    let mut notes = Vec::new();
    // The example date must be one that reaches this call.
    let allowed = |d: &calendar::CivilDate| {
        source_date
            .and_then(|f| f.as_date())
            .is_none_or(|s| s.m.contains(i64::from(d.month)) && s.d.contains(i64::from(d.day)))
    };
    if let Some((from, to)) = calendar::day_break(cx.today(), days, &allowed) {
        notes.push(crate::values::with_example_amount(
            field,
            format!("on {from} this builds {to}, which does not exist"),
        ));
    }
    notes.extend(verdict.consequence(if days > 0 {
        "the last day of every month"
    } else {
        "the first day of every month"
    }));
    let n = field.amount_as_written();
    let src = if field.accessor {
        src
    } else {
        "date".to_string()
    };
    let help = match call.row.krate {
        Crate::Rcgen => Help {
            message: "compute the date by adding days to a date value (chrono: \
                      `today.checked_add_days(Days::new(n))`), then pass its year, month and day"
                .to_string(),
            fix: None,
        },
        Crate::Jiff => Help {
            message: "add a span of days instead (`use jiff::ToSpan;`)".to_string(),
            fix: Some(Fix::replace(
                cx.span(call.node),
                format!(
                    "{src}.{}({n}.days())",
                    if days < 0 {
                        "checked_sub"
                    } else {
                        "checked_add"
                    }
                ),
                Applicability::DisplayOnly,
            )),
        },
        Crate::Time => Help {
            message: format!(
                "add a duration instead: `{src} + time::Duration::days({n})` (or `.next_day()`)"
            ),
            fix: None,
        },
        _ => Help {
            message: "add days instead: the date moves into the next month as needed".to_string(),
            fix: Some(Fix::replace(
                cx.span(call.node),
                format!(
                    "{src}.{}(Days::new({n}))",
                    if days < 0 {
                        "checked_sub_days"
                    } else {
                        "checked_add_days"
                    }
                ),
                Applicability::DisplayOnly,
            )),
        },
    };
    cx.emit_from(
        Diagnostic {
            lint: &DAY_ARITHMETIC_ON_DATE,
            certainty: verdict.certainty,
            message: crate::calls::through_helper(
                call,
                format!("day arithmetic on a date: `{day_text}` with the same month"),
            ),
            span: call.label_span,
            label: format!(
                "{} at the {} of the month",
                verdict.outcome(call),
                if days > 0 { "end" } else { "start" }
            ),
            notes,
            help: Some(help),
        },
        Some(call.subject(cx)),
        verdict.clock,
    );
}
