//! ## What it does
//! Finds `.unwrap()` / `.expect(..)` directly on a fallible date or time constructor or setter
//! whose inputs are not known to form a valid value: `NaiveDate::from_ymd_opt(y, m, d).unwrap()`,
//! `d.with_day(day).unwrap()`, `Date::from_calendar_date(..).unwrap()`, `Time::new(..).unwrap()`,
//! `NaiveDate::parse_from_str(input, fmt).unwrap()`.
//!
//! ## Why is this bad
//! These constructors return None/Err exactly on the inputs that happen on real days (Feb 29
//! of the wrong year, the 31st of a 30-day month, hour 24). Unwrapping turns that into a crash.
//!
//! Not flagged: literal inputs that form a valid value, components copied unchanged from one
//! existing date, a literal day 1..=28 set on a date, code under `#[cfg(test)]`/`#[test]`
//! (unless `check-tests`), and calls the arithmetic lints already report.

use syn::Expr;

use crate::api::{Failure, Role};
use crate::context::ExprCx;
use crate::diagnostic::{Diagnostic, Help};
use crate::registry::UNWRAP_ON_DATE_CONSTRUCTION;
use crate::values::{self, Value};

use super::{common_source, date_call, unchecked_local_time, CtorCall};

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    if cx.in_test && !cx.file.opts.check_tests {
        return;
    }
    let Expr::MethodCall(m) = e else { return };
    if m.method != "unwrap" && m.method != "expect" {
        return;
    }
    let inner = values::peel_parens(&m.receiver);
    if let Some(call) = date_call(cx, inner) {
        check_unwrapped_ctor(cx, e, &call);
    } else {
        check_unwrapped_parse(cx, e, inner);
    }
}

fn check_unwrapped_ctor<'ast>(cx: &ExprCx<'_, 'ast>, unwrap: &'ast Expr, call: &CtorCall<'ast>) {
    if call.row.failure == Failure::Panics || call.literal_and_valid() {
        return;
    }
    if call.row.zoned && unchecked_local_time::zone_is_local(cx, call) != Some(false) {
        // A local zone is unchecked_local_time's case; an unknown one is left alone.
        return;
    }
    if copied_from_one_date(cx, call) {
        return;
    }
    let example = failing_example(call);
    cx.emit(
        Diagnostic {
            lint: &UNWRAP_ON_DATE_CONSTRUCTION,
            message: format!("`{}` on `{}`, whose inputs may not form a valid date or time", method_name(unwrap), call.row.display_name()),
            span: cx.span(unwrap),
            label: "panics when the value does not exist".to_string(),
            notes: vec![example],
            help: Some(Help {
                message: "handle the failure: propagate it with `?` (or `.ok_or(..)?`), or supply a fallback".to_string(),
                replacement: None,
            }),
        },
        Some(call.subject(cx)),
    );
}

fn method_name(e: &Expr) -> String {
    match e {
        Expr::MethodCall(m) => m.method.to_string(),
        _ => "unwrap".to_string(),
    }
}

/// All calendar fields come unchanged from one existing date, and time fields are each either
/// valid literals or copied: the value existed already, so it exists again (outside a local
/// zone, which `zone_is_local` ruled out).
fn copied_from_one_date<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>) -> bool {
    if let Some(role) = call.row.sets {
        // `d.with_day(d.day())`, `d.with_year(d.year())`: a no-op on the same date.
        let Some(v) = call.value(cx, role) else { return false };
        let receiver = call.receiver.map(values::tokens);
        return match v.copied(role) {
            Some(f) => f.source.is_some() && f.source == receiver,
            None => false,
        };
    }
    let mut date_vals: Vec<Value> = Vec::new();
    for (i, role) in call.row.args.iter().enumerate() {
        let v = values::classify(cx, call.args[i]);
        match role {
            Role::Year | Role::Month | Role::Day | Role::Ordinal | Role::IsoWeek | Role::Weekday => {
                if v.copied(*role).is_none() && !(matches!(role, Role::Weekday) && v.lit().is_some()) {
                    return false;
                }
                if v.field().is_some() {
                    date_vals.push(v);
                }
            }
            Role::Hour | Role::Minute | Role::Second | Role::Milli | Role::Micro | Role::Nano => {
                let ok = match &v {
                    Value::Lit(n) => *n >= 0 && *n < max_of(*role),
                    Value::Field(f) => f.role == *role && f.shift == values::Shift::None,
                    Value::Unknown => false,
                };
                if !ok {
                    return false;
                }
            }
            Role::Other => return false,
        }
    }
    let refs: Vec<&Value> = date_vals.iter().collect();
    refs.is_empty() || common_source(&refs).is_some()
}

fn max_of(role: Role) -> i128 {
    match role {
        Role::Hour => 24,
        Role::Minute | Role::Second => 60,
        Role::Milli => 1_000,
        Role::Micro => 1_000_000,
        _ => 1_000_000_000,
    }
}

/// A real input on which the call fails, for the note.
fn failing_example(call: &CtorCall<'_>) -> String {
    let has = |r: Role| call.row.index_of(r).is_some() || call.row.sets == Some(r);
    if has(Role::Day) || has(Role::Year) && has(Role::Month) {
        "fails for a day the month does not have, e.g. 2027-02-29 or 2027-04-31".to_string()
    } else if has(Role::Year) {
        "fails when the date is Feb 29 and the new year is not a leap year".to_string()
    } else if has(Role::Month) {
        "fails when the day does not exist in the new month, e.g. Jan 31 → Feb 31".to_string()
    } else if has(Role::Ordinal) {
        "fails for day 366 in a year that is not a leap year".to_string()
    } else if has(Role::Hour) {
        "fails for hour 24, minute 60 or second 60".to_string()
    } else {
        "fails for inputs that do not form a valid date or time".to_string()
    }
}

/// `NaiveDate::parse_from_str(input, "%Y-%m-%d").unwrap()` on a non-literal input.
fn check_unwrapped_parse<'ast>(cx: &ExprCx<'_, 'ast>, unwrap: &'ast Expr, inner: &'ast Expr) {
    let Expr::Call(c) = inner else { return };
    let Expr::Path(p) = &*c.func else { return };
    let r = cx.imports().resolve(&p.path);
    if r.local || r.last() != "parse_from_str" {
        return;
    }
    let chrono_type = matches!(r.owner(), Some("NaiveDate" | "NaiveDateTime" | "NaiveTime" | "DateTime"));
    if !chrono_type || !(r.krate == Some(crate::resolve::Crate::Chrono) || r.krate.is_none()) {
        return;
    }
    // A literal input is a constant: if it is wrong, every run fails, and tests catch it.
    if c.args.first().is_some_and(|a| matches!(values::peel(a), Expr::Lit(_))) {
        return;
    }
    cx.emit(
        Diagnostic {
            lint: &UNWRAP_ON_DATE_CONSTRUCTION,
            message: format!("`{}` on `{}::parse_from_str` of a non-literal input", method_name(unwrap), r.owner().unwrap_or("")),
            span: cx.span(unwrap),
            label: "panics when the text is not a valid date".to_string(),
            notes: vec!["fails on any text that does not match the format, and on dates that do not exist (2027-02-29)".to_string()],
            help: Some(Help {
                message: "handle the parse error: propagate it with `?` or report it".to_string(),
                replacement: None,
            }),
        },
        Some(cx.span(inner)),
    );
}
