//! `month_arithmetic_on_date`: a date rebuilt with another date's month ± N and the same day,
//! or a month that is not wrapped at the end of the year. Page:
//! `lints/docs/month_arithmetic_on_date.md`.

use crate::api::Role;
use crate::calendar;
use crate::context::ExprCx;
use crate::diagnostic::{Applicability, Diagnostic, Help, Replacement};
use crate::guards::{self, Consumption, Guard};
use crate::registry::{Check, Fix, FixSafety, Group, Lint, LintId, NeedleGroup, Needles, Precision};
use crate::resolve::Crate;
use crate::values::{Shift, Value};

use crate::calls::{failure_phrase, later_sets, receiver_sets, CtorCall};

pub static MONTH_ARITHMETIC_ON_DATE: Lint = Lint {
    needles: Needles::AllOf(&[NeedleGroup::DateApi(&[]), NeedleGroup::Words(&["mon"])]),
    checks: &[Check::DateCall(check_call)],
    fix: Fix::Sometimes(FixSafety::Unsafe),
    supersedes: &[LintId::UNWRAP_ON_DATE_CONSTRUCTION, LintId::PANICKING_DATE_CONSTRUCTOR],
    ..Lint::new(
        LintId::MONTH_ARITHMETIC_ON_DATE,
        Group::Correctness,
        Precision::High,
        "a date built from another date's month ± N keeps a day that may not exist (the 29th-31st, month 13)",
    )
};

/// ", and in December" for + 1; ", and from October to December" for + 3.
fn overflow_months(months: i128) -> String {
    use crate::values::MONTH_NAMES as NAMES;
    let n = months.unsigned_abs().clamp(1, 12) as usize;
    let (first, last) = if months > 0 { (12 - n, 11) } else { (0, n - 1) };
    if first == last {
        format!(", and in {}", NAMES[first])
    } else {
        format!(", and from {} to {}", NAMES[first], NAMES[last])
    }
}

pub fn check_call<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>) {
    let Some(month) = call.value(cx, Role::Month) else {
        return;
    };
    let Some(field) = month.shifted(Role::Month) else {
        return;
    };
    if field.shift.amount() == Some(0) {
        return;
    }
    // Does the day survive the change? A literal 1..=28 or a clamp is safe.
    let day_kept = if call.row.sets.is_some() {
        let reset = receiver_sets(call.receiver)
            .iter()
            .any(|&(r, v)| r == Role::Day && (1..=28).contains(&v));
        let jiff_later = call.row.krate == Crate::Jiff
            && later_sets(cx, call.node)
                .iter()
                .any(|&(r, v)| r == Role::Day && v.is_some_and(|v| (1..=28).contains(&v)));
        !(reset || jiff_later)
    } else {
        match call.value(cx, Role::Day) {
            Some(Value::Lit(d)) => !(1..=28).contains(&d),
            Some(Value::Field(f)) => !f.clamped,
            Some(Value::Unknown) => true,
            None => false,
        }
    };
    // `% 12`, time's `next()`, or a branch on December keep the month in range (even if the
    // year is not carried, which is a different bug this lint does not claim).
    let wrapped = matches!(field.shift, Shift::Wrapped | Shift::Next | Shift::Previous)
        || guards::guarded(cx, call.node, Guard::December);
    let consumption = guards::consumption(cx, call.node);
    let eager = matches!(consumption, Consumption::EagerFallback(_));
    if !day_kept && wrapped && !eager {
        cx.explain(&MONTH_ARITHMETIC_ON_DATE, call.subject(cx));
        return;
    }
    if consumption == Consumption::Handled && !call.row.failure.panics() {
        return;
    }
    if day_kept && guards::guarded(cx, call.node, Guard::MonthLength) && wrapped {
        cx.explain(&MONTH_ARITHMETIC_ON_DATE, call.subject(cx));
        return;
    }

    let months = field.shift.amount().unwrap_or(1);
    let src = field
        .source
        .clone()
        .unwrap_or_else(|| "the date".to_string());
    let month_text = crate::calls::describe_arg(cx, call.arg(Role::Month).unwrap_or(call.node));
    let breaks = calendar::month_break(cx.today(), months, day_kept, wrapped);
    let (message, label) = if let Consumption::EagerFallback(_) = consumption {
        (
            format!("month arithmetic on a date with an eager fallback: `{month_text}`"),
            "the argument of `unwrap_or` is evaluated every time, and panics on its own"
                .to_string(),
        )
    } else if day_kept {
        let when = if wrapped {
            String::new()
        } else {
            overflow_months(months)
        };
        (
            format!("month arithmetic on a date: `{month_text}` with the same day"),
            format!(
                "{} when `{src}` is the 29th, 30th or 31st{when}",
                failure_phrase(call.row)
            ),
        )
    } else {
        (
            format!(
                "month arithmetic on a date: `{month_text}` is not wrapped at the end of the year"
            ),
            format!(
                "{} in {}",
                failure_phrase(call.row),
                if months > 0 { "December" } else { "January" }
            ),
        )
    };
    let mut notes = Vec::new();
    if let Some((from, to)) = breaks {
        notes.push(crate::values::with_example_amount(
            field,
            format!("on {from} this builds {to}, which does not exist"),
        ));
    }
    if eager {
        notes.push("use `unwrap_or_else(|| ..)` so the fallback runs only when needed".to_string());
    }
    let n = field.amount_as_written();
    let src = if field.accessor {
        src
    } else {
        "date".to_string()
    };
    let help = match call.row.krate {
        Crate::Rcgen => Help {
            message: "compute the date with calendar arithmetic that clamps the day (chrono: \
                      `today.checked_add_months(Months::new(1))`), then pass its year, month and day"
                .to_string(),
            replacement: None,
        },
        Crate::Jiff => Help {
            message: "add a calendar span instead (`use jiff::ToSpan;`): jiff clamps the day".to_string(),
            replacement: Some(Replacement {
                span: cx.span(call.node),
                code: format!("{src}.{}({n}.{}())", if months < 0 { "checked_sub" } else { "checked_add" }, if n == "1" { "month" } else { "months" }),
                applicability: Applicability::HasPlaceholders,
            }),
        },
        Crate::Time => Help {
            message: "clamp the day to the target month with `time::util::days_in_year_month`, and carry \
                      the year when the month wraps"
                .to_string(),
            replacement: None,
        },
        _ => Help {
            message: "add calendar months instead: chrono clamps the day to the month's length".to_string(),
            replacement: Some(Replacement {
                span: cx.span(call.node),
                code: format!("{src}.{}(Months::new({n}))", if months < 0 { "checked_sub_months" } else { "checked_add_months" }),
                applicability: Applicability::HasPlaceholders,
            }),
        },
    };
    cx.emit(
        Diagnostic {
            lint: &MONTH_ARITHMETIC_ON_DATE,
            message,
            span: call.label_span,
            label,
            notes,
            help: Some(help),
        },
        Some(call.subject(cx)),
    );
}
