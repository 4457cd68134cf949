//! `invalid_date_constant`: literal arguments that never form a valid date or time, evaluated
//! exactly per library (see `tests/invalid_date_constant_agrees.rs`). Page:
//! `lints/docs/invalid_date_constant.md`.

use crate::api::{Callee, Role};
use crate::calendar;
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::registry::{Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, TestCode};
use crate::resolve::Crate;
use crate::values;

use crate::calls::CtorCall;

pub static INVALID_DATE_CONSTANT: Lint = Lint {
    needles: Needles::AllOf(&[NeedleGroup::DateApi(&[])]),
    checks: &[Check::DateCall(check_call)],
    test_code: TestCode::Skip,
    supersedes: &[
        LintId::UNWRAP_ON_DATE_CONSTRUCTION,
        LintId::PANICKING_DATE_CONSTRUCTOR,
        LintId::UNCHECKED_DATE_FIELDS,
    ],
    ..Lint::new(
        LintId::INVALID_DATE_CONSTANT,
        Group::Correctness,
        Precision::VeryHigh,
        "literal arguments that can never form a valid date or time (2023-02-29, 04-31, hour 24)",
    )
};

pub fn check_call<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>) {
    let zero_based = matches!(call.row.callee, Callee::Method { name } if name.ends_with('0'));
    let lit = |r: Role| {
        call.arg(r)
            .and_then(|a| values::const_int(values::peel(a)).or_else(|| month_enum(a)))
            .map(|v| {
                if zero_based && r != Role::Year {
                    v + 1
                } else {
                    v
                }
            })
    };
    let Some(problem) = problem(call.row.krate, &lit) else {
        return;
    };
    cx.emit(
        Diagnostic {
            lint: &INVALID_DATE_CONSTANT,
            certainty: Certainty::Certain,
            message: if zero_based {
                // The 0-based value was shifted for the check; show it as written.
                format!(
                    "`{}({})` is out of range",
                    call.row.display_name(),
                    call.args.first().map_or("", |a| cx.text(a))
                )
            } else {
                format!("`{}` with {problem}", call.row.display_name())
            },
            span: call.label_span,
            label: format!("{} on every run", crate::calls::failure_phrase(call.row)),
            notes: Vec::new(),
            help: Some(Help {
                message:
                    "check the constant: this date or time does not exist in any calendar year"
                        .to_string(),
                replacement: None,
            }),
        },
        Some(call.subject(cx)),
    );
}

/// `Month::February` (time) as 2.
fn month_enum(e: &syn::Expr) -> Option<i128> {
    let syn::Expr::Path(p) = values::peel(e) else {
        return None;
    };
    let segs: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    if segs.len() < 2 || segs[segs.len() - 2] != "Month" {
        return None;
    }
    use crate::values::MONTH_NAMES as NAMES;
    NAMES
        .iter()
        .position(|n| *n == segs[segs.len() - 1])
        .map(|i| i as i128 + 1)
}

/// What is impossible about the literal fields, if anything. Non-literal fields are unknown and
/// only make the check weaker: `(y, 2, 29)` may exist, `(y, 2, 30)` never does.
pub fn problem(krate: Crate, lit: &dyn Fn(Role) -> Option<i128>) -> Option<String> {
    let (year_min, year_max) = match krate {
        Crate::Chrono => (-262_143, 262_142),
        Crate::Jiff => (-9_999, 9_999),
        _ => (-9_999, 9_999),
    };
    if let Some(y) = lit(Role::Year) {
        // A year setter too: no receiver makes an out-of-range year valid.
        if !(year_min..=year_max).contains(&y) {
            return Some(format!("year {y}, outside the library's range"));
        }
    }
    let year = lit(Role::Year).map(|y| y as i32);
    if let Some(m) = lit(Role::Month) {
        if !(1..=12).contains(&m) {
            return Some(format!("month {m}"));
        }
    }
    if let Some(d) = lit(Role::Day) {
        if !(1..=31).contains(&d) {
            return Some(format!("day {d}"));
        }
        if let Some(m) = lit(Role::Month) {
            let max_any_year = calendar::days_in_month(2024, m as u32);
            if d > i128::from(max_any_year) {
                return Some(format!(
                    "day {d} of month {m}, which has {max_any_year} days at most"
                ));
            }
            if let Some(y) = year {
                if d > i128::from(calendar::days_in_month(y, m as u32)) {
                    return Some(format!("{y:04}-{m:02}-{d:02}, {y} is not a leap year"));
                }
            }
        }
    }
    if let Some(o) = lit(Role::Ordinal) {
        if !(1..=366).contains(&o) {
            return Some(format!("day of year {o}"));
        }
        if let (Some(y), 366) = (year, o) {
            if !calendar::is_leap_year(y) {
                return Some(format!("day 366 of {y}, which is not a leap year"));
            }
        }
    }
    if let Some(w) = lit(Role::IsoWeek) {
        if !(1..=53).contains(&w) {
            return Some(format!("ISO week {w}"));
        }
        if let (Some(y), 53) = (year, w) {
            if calendar::iso_weeks_in_year(y) == 52 {
                return Some(format!("ISO week 53 of {y}, which has 52 weeks"));
            }
        }
    }
    let chrono = krate == Crate::Chrono;
    if let Some(h) = lit(Role::Hour) {
        if !(0..24).contains(&h) {
            return Some(format!("hour {h}"));
        }
    }
    if let Some(m) = lit(Role::Minute) {
        if !(0..60).contains(&m) {
            return Some(format!("minute {m}"));
        }
    }
    if let Some(s) = lit(Role::Second) {
        if !(0..60).contains(&s) {
            return Some(format!("second {s}"));
        }
    }
    // Sub-second fields, as nanoseconds; chrono allows 1..2 s only on second 59 (a leap second).
    let frac = [
        (Role::Milli, 1_000_000),
        (Role::Micro, 1_000),
        (Role::Nano, 1),
    ]
    .into_iter()
    .find_map(|(r, scale)| lit(r).map(|v| (v, v * scale, r)));
    if let Some((raw, nanos, role)) = frac {
        let unit = match role {
            Role::Milli => "millisecond",
            Role::Micro => "microsecond",
            _ => "nanosecond",
        };
        let limit = if chrono { 2_000_000_000 } else { 1_000_000_000 };
        if !(0..limit).contains(&nanos) {
            return Some(format!("{unit} {raw}"));
        }
        if chrono && nanos >= 1_000_000_000 {
            if let Some(s) = lit(Role::Second) {
                if s != 59 {
                    return Some(format!("a leap-second {unit} {raw} on second {s} (only second 59 can be a leap second)"));
                }
            }
        }
    }
    None
}
