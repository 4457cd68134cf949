//! `month_arithmetic_on_date`: a date rebuilt with another date's month ± N and the same day,
//! or a month that is not wrapped at the end of the year. Page:
//! `lints/docs/month_arithmetic_on_date.md`.

use crate::api::Role;
use crate::calendar;
use crate::context::ExprCx;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Help};
use crate::facts::{Fact, Kind};
use crate::guards::{self, Consumption, Guard};
use crate::registry::{
    Check, Fixable, Group, Lint, LintId, NeedleGroup, Needles, Precision, TestCode,
};
use crate::resolve::Crate;
use crate::values::{Shift, Value};
use crate::verdict::{fact, verdict};

use crate::calls::{later_sets, receiver_sets, CtorCall};

pub static MONTH_ARITHMETIC_ON_DATE: Lint = Lint {
    needles: Needles::AllOf(&[NeedleGroup::DateApi(&[]), NeedleGroup::Words(&["mon"])]),
    checks: &[Check::DateCall(check_call)],
    fix: Fixable::Sometimes(Applicability::Unsafe),
    supersedes: &[
        LintId::UNWRAP_ON_DATE_CONSTRUCTION,
        LintId::PANICKING_DATE_CONSTRUCTOR,
        LintId::UNCHECKED_DATE_FIELDS,
    ],
    test_code: TestCode::ClockDependent,
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
    let Some(crate::verdict::ShiftedArg {
        field,
        later: later_shift,
    }) = crate::verdict::shifted_arg(cx, call, Role::Month, true)
    else {
        return;
    };
    let field = &field;
    let facts = cx.facts();
    if facts.is_some_and(|f| f.is_dead(call.node)) {
        return;
    }
    let consumption = guards::consumption(cx, call.node);
    let eager = matches!(consumption, Consumption::EagerFallback(_));
    // What can go wrong: a kept day the new month lacks, a month past December (January).
    let (day_kept, wrapped, failing) = match facts.and_then(|f| f.can_fail(call.node)) {
        Some(false) if !eager => {
            cx.explain(&MONTH_ARITHMETIC_ON_DATE, call.subject(cx));
            return;
        }
        Some(_) => {
            let month_fact = call.arg(Role::Month).and_then(|e| fact(facts, e));
            let day_fact = match call.row.sets {
                Some(_) => call.receiver.and_then(|r| fact(facts, r)),
                None => call.arg(Role::Day).and_then(|e| fact(facts, e)),
            };
            let day_set = day_fact.and_then(|f| match &f.kind {
                Kind::Date(d) => Some(d.d.clone()),
                Kind::Int(i) => Some(i.set.clone()),
                _ => None,
            });
            let day_fits = match (day_fact, call.arg(Role::Year), call.arg(Role::Month)) {
                (Some(d), Some(y), Some(m)) => crate::facts::day_fits(d, y, m),
                _ => false,
            };
            let day_kept = !day_fits && day_set.is_none_or(|d| d.hi().is_some_and(|h| h > 28));
            let zero_based = matches!(call.row.callee, crate::api::Callee::Method { name } if name.ends_with('0'));
            // An integer month passed in is taken to be a month (a 13 is bad input, which
            // `unchecked_date_fields` reports): `if month == 12 { .. } else { month + 1 }`.
            let from_valid = month_fact
                .and_then(|f| crate::verdict::with_valid_source(f, Role::Month, zero_based));
            let month_set = from_valid
                .or_else(|| month_fact.and_then(|f| f.set()).cloned())
                .map(|s| {
                    if zero_based {
                        s.add(&crate::facts::IntSet::exact(1))
                    } else {
                        s.clone()
                    }
                });
            // `(total % 12 + 1) as u32` leaves 1..=12 but for a negative count of months,
            // one from before year 0: no calendar value reaches it.
            let remainder = matches!(field.shift, Shift::Wrapped) && field.zero_based == zero_based;
            let wrapped = remainder
                || month_set.map_or(matches!(field.shift, Shift::Next | Shift::Previous), |m| {
                    m.within(1, 12)
                });
            if !day_kept && wrapped && !eager {
                cx.explain(&MONTH_ARITHMETIC_ON_DATE, call.subject(cx));
                return;
            }
            let used: Vec<&Fact> = month_fact.into_iter().chain(day_fact).collect();
            (day_kept, wrapped, Some(used))
        }
        None => {
            // Without facts: literal days 1..=28 and clamps are safe, `% 12`, time's `next()`
            // or a branch on December keep the month in range.
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
            let wrapped = matches!(field.shift, Shift::Wrapped | Shift::Next | Shift::Previous)
                || guards::guarded(cx, call.node, Guard::December);
            if !day_kept && wrapped && !eager {
                cx.explain(&MONTH_ARITHMETIC_ON_DATE, call.subject(cx));
                return;
            }
            if day_kept && guards::guarded(cx, call.node, Guard::MonthLength) && wrapped {
                cx.explain(&MONTH_ARITHMETIC_ON_DATE, call.subject(cx));
                return;
            }
            (day_kept, wrapped, None)
        }
    };
    let Some(verdict) = verdict(cx, call, failing.as_deref()) else {
        return;
    };
    let outcome = verdict.outcome(call);

    let months = field.shift.amount().unwrap_or(1);
    let src = field
        .source
        .clone()
        .unwrap_or_else(|| "the date".to_string());
    let mut month_text = crate::calls::describe_arg(cx, call.arg(Role::Month).unwrap_or(call.node));
    // `let mut month = d.month(); month += 1;`: the shift happened after the `let`.
    if later_shift {
        month_text = crate::verdict::with_later_shift(&month_text, field.shift);
    }
    // The example date must be one that reaches this call.
    let source_date = match call.row.sets {
        Some(_) => call
            .receiver
            .and_then(|r| fact(facts, r))
            .and_then(|f| f.as_date())
            .cloned(),
        None => None,
    };
    let allowed = |d: &calendar::CivilDate| {
        source_date
            .as_ref()
            .is_none_or(|s| s.m.contains(i64::from(d.month)) && s.d.contains(i64::from(d.day)))
    };
    // `total % 12` as a month: 0 to 11 where 1 to 12 is expected.
    let api_zero_based =
        matches!(call.row.callee, crate::api::Callee::Method { name } if name.ends_with('0'));
    let zero_based_month =
        matches!(field.shift, Shift::Wrapped) && field.zero_based != api_zero_based;
    let breaks = calendar::month_break(cx.today(), months, day_kept, wrapped, &allowed)
        .filter(|_| !zero_based_month);
    let (message, label) = if let Consumption::EagerFallback(_) = consumption {
        (
            format!("month arithmetic on a date with an eager fallback: `{month_text}`"),
            "the argument of `unwrap_or` is evaluated every time, and panics on its own"
                .to_string(),
        )
    } else if zero_based_month {
        let (have, want) = if api_zero_based {
            ("1 to 12", "0 to 11")
        } else {
            ("0 to 11", "1 to 12")
        };
        (
            format!("month arithmetic on a date: `{month_text}` is a month from {have} where {want} is expected"),
            format!("{outcome} for one month of the year, and gives the wrong month for the others"),
        )
    } else if day_kept {
        let when = if wrapped {
            String::new()
        } else {
            overflow_months(months)
        };
        (
            format!("month arithmetic on a date: `{month_text}` with the same day"),
            format!("{outcome} when `{src}` is the 29th, 30th or 31st{when}"),
        )
    } else {
        (
            format!(
                "month arithmetic on a date: `{month_text}` is not wrapped at the {} of the year",
                if months > 0 { "end" } else { "start" }
            ),
            format!(
                "{outcome} in {}",
                if months > 0 { "December" } else { "January" }
            ),
        )
    };
    let mut notes = Vec::new();
    if zero_based_month && !api_zero_based {
        notes.push(
            "a remainder by 12 is 0 for the month that should be January, and 11 for December"
                .to_string(),
        );
    }
    if let Some((from, to)) = breaks {
        notes.push(crate::values::with_example_amount(
            field,
            format!("on {from} this builds {to}, which does not exist"),
        ));
    }
    if eager {
        notes.push("use `unwrap_or_else(|| ..)` so the fallback runs only when needed".to_string());
    }
    notes.extend(verdict.consequence(if zero_based_month {
        "every January"
    } else if day_kept {
        "the 29th to 31st of some months"
    } else if months > 0 {
        "every December"
    } else {
        "every January"
    }));
    let n = field.amount_as_written();
    let src = if field.accessor {
        src
    } else {
        "date".to_string()
    };
    let help = match call.row.krate {
        _ if zero_based_month => Help {
            message: if api_zero_based {
                "subtract 1 from the month, or call the 1-based setter"
            } else {
                "add 1 after the remainder: `(total % 12) + 1` is a month from 1 to 12"
            }
            .to_string(),
            fix: None,
        },
        Crate::Rcgen => Help {
            message: "compute the date with calendar arithmetic that clamps the day (chrono: \
                      `today.checked_add_months(Months::new(1))`), then pass its year, month and day"
                .to_string(),
            fix: None,
        },
        Crate::Jiff => Help {
            message: "add a calendar span instead (`use jiff::ToSpan;`): jiff clamps the day".to_string(),
            fix: Some(Fix::replace(cx.span(call.node), format!("{src}.{}({n}.{}())", if months < 0 { "checked_sub" } else { "checked_add" }, if n == "1" { "month" } else { "months" }), Applicability::DisplayOnly)),
        },
        Crate::Time => Help {
            message: "clamp the day to the target month with `month.length(year)` \
                      (`time::util::days_in_year_month` before time 0.3.37), and carry the year \
                      when the month wraps"
                .to_string(),
            fix: None,
        },
        _ => Help {
            message: "add calendar months instead: chrono clamps the day to the month's length".to_string(),
            fix: Some(chrono_setter_fix(cx, call, field, months).unwrap_or_else(|| {
                Fix::replace(cx.span(call.node), format!("{src}.{}(Months::new({n}))", if months < 0 { "checked_sub_months" } else { "checked_add_months" }), Applicability::DisplayOnly)
            })),
        },
    };
    cx.emit_from(
        Diagnostic {
            lint: &MONTH_ARITHMETIC_ON_DATE,
            certainty: verdict.certainty,
            message: crate::calls::through_helper(call, message),
            span: call.label_span,
            label,
            notes,
            help: Some(help),
        },
        Some(call.subject(cx)),
        verdict.clock,
    );
}

/// chrono: `d.with_month(d.month() + n)` on a date parameter becomes
/// `d.checked_add_months(Months::new(n))`: the same `Option` of the same type, with the day
/// clamped to the target month and the year carried. Unsafe: where the old code gave `None`
/// (Jan 31 + 1, December + 1) the new one gives a date. Only for a literal count of months read
/// from the receiver itself, whose declared type is one of chrono's dates.
fn chrono_setter_fix(
    cx: &ExprCx<'_, '_>,
    call: &CtorCall<'_>,
    field: &crate::values::Field,
    months: i128,
) -> Option<Fix> {
    const CHRONO_DATES: &[&str] = &["NaiveDate", "NaiveDateTime", "DateTime"];
    if call.row.sets.is_none() || field.shift.amount().is_none() || months == 0 {
        return None;
    }
    if matches!(call.row.callee, crate::api::Callee::Method { name } if name.ends_with('0')) {
        return None;
    }
    let syn::Expr::Path(p) = crate::values::peel_parens(call.receiver?) else {
        return None;
    };
    let receiver = p.path.get_ident()?.to_string();
    if field.source.as_deref() != Some(receiver.as_str()) || !field.accessor {
        return None;
    }
    let ty = cx.func?.param_type(&receiver)?;
    let resolved = cx.imports().resolve_segments(&[ty.to_string()], false);
    if resolved.krate != Some(Crate::Chrono) || !CHRONO_DATES.contains(&resolved.last()) {
        return None;
    }
    let name = crate::imports::name_at(cx, call.node, "chrono", "Months");
    let method = if months < 0 {
        "checked_sub_months"
    } else {
        "checked_add_months"
    };
    Some(
        Fix::replace(
            cx.span(call.node),
            format!(
                "{receiver}.{method}({}::new({}))",
                name.code,
                months.unsigned_abs()
            ),
            Applicability::Unsafe,
        )
        .with(name.edit),
    )
}
