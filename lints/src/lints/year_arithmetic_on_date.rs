//! `year_arithmetic_on_date`: a date rebuilt with another date's year ± N and the same month
//! and day (or day of year): the 2012 Azure certificate bug. Recognises the year argument's
//! shape with `values::classify`, the handling of the failure with `guards::consumption`, and
//! dates rebuilt through a string (`format!` then a parser). Page: `lints/docs/year_arithmetic_on_date.md`.

use crate::api::{Callee, Role};
use crate::context::ExprCx;
use crate::diagnostic::{Applicability, Certainty, Diagnostic, Help, Replacement};
use crate::facts::Fact;
use crate::guards::{self, Guard};
use crate::registry::{
    Check, Fix, FixSafety, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::resolve::Crate;
use crate::values::{self, Value};
use crate::verdict::{fact, verdict};
use crate::{calendar, macros};
use syn::Expr;

use crate::calls::{common_source, later_sets, receiver_sets, CtorCall};

pub static YEAR_ARITHMETIC_ON_DATE: Lint = Lint {
    needles: Needles::AllOf(&[
        NeedleGroup::DateApi(&["strptime", "parse::<", "::parse("]),
        NeedleGroup::Words(&["year", "yr", "yyyy"]),
    ]),
    checks: &[
        Check::DateCall(check_call),
        Check::Expr(&[Syntax::Call, Syntax::MethodCall], check_string_rebuild),
    ],
    fix: Fix::Sometimes(FixSafety::Unsafe),
    supersedes: &[
        LintId::UNWRAP_ON_DATE_CONSTRUCTION,
        LintId::PANICKING_DATE_CONSTRUCTOR,
        LintId::UNCHECKED_DATE_FIELDS,
    ],
    test_code: TestCode::ClockDependent,
    ..Lint::new(
        LintId::YEAR_ARITHMETIC_ON_DATE,
        Group::Correctness,
        Precision::High,
        "a date built from another date's year ± N keeps a month and day that may not exist (Feb 29)",
    )
};

pub fn check_call<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>) {
    let Some(year) = call.value(cx, Role::Year) else {
        return;
    };
    let Some(field) = year.shifted(Role::Year) else {
        return;
    };
    if matches!(field.shift, values::Shift::Wrapped) || field.shift.amount() == Some(0) {
        return;
    }
    // The syntax follows `let`s, not assignments: the facts say whether the value still comes
    // from the accessor it was bound to.
    if field.accessor
        && !matches!(
            field.shift,
            crate::values::Shift::Wrapped
                | crate::values::Shift::Next
                | crate::values::Shift::Previous
        )
        && call
            .arg(Role::Year)
            .is_some_and(|a| !crate::verdict::still_from_part(cx, a, Role::Year))
    {
        return;
    }
    let keeps = if call.row.sets.is_some() {
        setter_keeps_leap_day(cx, call)
    } else {
        args_keep_leap_day(cx, call)
    };
    let Some(kept) = keeps else { return };
    let facts = cx.facts();
    if facts.is_some_and(|f| f.is_dead(call.node)) {
        return;
    }
    // Can the kept month and day be Feb 29 (the day of the year 366), in a target year that
    // is not known to be a leap year?
    let failing = match facts {
        Some(f) => match reaches_leap_day(cx, call, &kept) {
            Some(used) => Some(used),
            None => {
                // Feb 29 cannot reach it; the generic lints stay quiet only if nothing else can
                // make the call fail (a month of unknown origin still can).
                if f.can_fail(call.node) != Some(true) {
                    cx.explain(&YEAR_ARITHMETIC_ON_DATE, call.subject(cx));
                }
                return;
            }
        },
        None if guards::guarded(cx, call.node, Guard::LeapDay) => {
            cx.explain(&YEAR_ARITHMETIC_ON_DATE, call.subject(cx));
            return;
        }
        None => None,
    };
    let Some(verdict) = verdict(cx, call, failing.as_deref()) else {
        return;
    };

    let years = field.shift.amount().unwrap_or(1);
    let source = field.source.clone();
    let src_text = source.as_deref().unwrap_or("the date");
    let year_text = crate::calls::describe_arg(cx, call.arg(Role::Year).unwrap_or(call.node));
    let outcome = verdict.outcome(call);
    let (message, label, note, how_often) = match kept {
        Kept::MonthDay => {
            let (from, to) = calendar::leap_day_break(cx.today(), years);
            (
                format!("year arithmetic on a date: `{year_text}` with the same month and day"),
                format!("{outcome} when `{src_text}` is Feb 29"),
                crate::values::with_example_amount(
                    field,
                    format!("on {from} this builds {to}, which does not exist"),
                ),
                "Feb 29 (1 day in 1,461)",
            )
        }
        Kept::Ordinal => {
            let day = calendar::day_366(cx.today());
            (
                format!("year arithmetic on a date: `{year_text}` with the same day of the year"),
                format!("{outcome} when `{src_text}` is day 366"),
                format!(
                    "on {day} (day 366) this builds day 366 of {}, which does not exist",
                    day.year as i128 + years
                ),
                "Dec 31 of a leap year (1 day in 1,461)",
            )
        }
    };
    let mut notes = vec![note];
    notes.extend(verdict.consequence(how_often));
    if call.row.krate == Crate::Rcgen || guards::flows_into_expiry(cx) {
        notes.push(
            "this date becomes a certificate's expiry: the same shape took Microsoft Azure down on 2012-02-29"
                .to_string(),
        );
    }
    cx.emit_from(
        Diagnostic {
            lint: &YEAR_ARITHMETIC_ON_DATE,
            certainty: verdict.certainty,
            message: crate::calls::through_helper(call, message),
            span: call.label_span,
            label,
            notes,
            help: Some(help(cx, call, &year, source.as_deref(), years)),
        },
        Some(call.subject(cx)),
        verdict.clock,
    );
}

/// The facts that let the kept fields be Feb 29 (or day 366) in a year that is not known to
/// be a leap year; `None` when the facts rule that out.
fn reaches_leap_day<'c>(
    cx: &ExprCx<'c, '_>,
    call: &CtorCall<'_>,
    kept: &Kept,
) -> Option<Vec<&'c Fact>> {
    let facts = cx.facts();
    if facts.and_then(|f| f.can_fail(call.node)) == Some(false) {
        return None;
    }
    let target_leap = call
        .arg(Role::Year)
        .and_then(|y| fact(facts, y))
        .and_then(|f| f.as_int())
        .and_then(|i| i.leap);
    if target_leap == Some(true) {
        return None;
    }
    let may = |f: Option<&Fact>, v: i64| f.and_then(|f| f.set()).map_or(true, |s| s.contains(v));
    let mut used: Vec<&Fact> = Vec::new();
    match (call.row.sets, kept) {
        (Some(_), _) => {
            // A setter keeps its receiver's month and day.
            let recv = call.receiver.and_then(|r| fact(facts, r));
            if let Some(d) = recv.and_then(|f| f.as_date()) {
                let feb29 = d.m.contains(2) && d.d.contains(29) && d.ord.contains(60);
                if !feb29 {
                    return None;
                }
            }
            used.extend(recv);
        }
        (None, Kept::MonthDay) => {
            let m = call.arg(Role::Month).and_then(|e| fact(facts, e));
            let d = call.arg(Role::Day).and_then(|e| fact(facts, e));
            if call.row.index_of(Role::Month).is_some() && (!may(m, 2) || !may(d, 29)) {
                return None;
            }
            used.extend(m);
            used.extend(d);
        }
        (None, Kept::Ordinal) => {
            let o = call.arg(Role::Ordinal).and_then(|e| fact(facts, e));
            if !may(o, 366) {
                return None;
            }
            used.extend(o);
        }
    }
    Some(used)
}

enum Kept {
    MonthDay,
    Ordinal,
}

/// Whether the constructor's other arguments keep a day that may not exist in the target year.
fn args_keep_leap_day<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>) -> Option<Kept> {
    // With value facts, the values decide (`reaches_leap_day`): the syntax follows `let`s but
    // not assignments or `&mut` borrows, and takes any `.min(..)` for a clamp.
    if cx.facts().is_some() {
        if call.arg(Role::Month).is_some() && call.arg(Role::Day).is_some() {
            return Some(Kept::MonthDay);
        }
        if call.arg(Role::Ordinal).is_some() {
            return Some(Kept::Ordinal);
        }
    }
    if let (Some(m), Some(d)) = (call.value(cx, Role::Month), call.value(cx, Role::Day)) {
        let safe = match (&m, &d) {
            (_, Value::Lit(d)) if (1..=28).contains(d) => true,
            (Value::Lit(m), _) if *m != 2 => true,
            (_, Value::Field(f)) if f.clamped => true,
            // An impossible literal is invalid_date_constant's business, not this lint's.
            (Value::Lit(_), Value::Lit(_)) => false,
            _ => false,
        };
        return (!safe).then_some(Kept::MonthDay);
    }
    if let Some(o) = call.value(cx, Role::Ordinal) {
        let safe = matches!(&o, Value::Lit(n) if *n <= 365) || o.field().is_some_and(|f| f.clamped);
        return (!safe).then_some(Kept::Ordinal);
    }
    if let Some(w) = call.value(cx, Role::IsoWeek) {
        // Week 53 exists only in some ISO years.
        let safe = matches!(&w, Value::Lit(n) if *n <= 52) || w.field().is_some_and(|f| f.clamped);
        return (!safe).then_some(Kept::MonthDay);
    }
    None
}

/// A setter keeps the receiver's month and day unless the chain sets them to safe literals.
fn setter_keeps_leap_day<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>) -> Option<Kept> {
    let sets = receiver_sets(call.receiver);
    let later = later_sets(cx, call.node);
    let jiff_builder = call.row.krate == Crate::Jiff;
    let safe = |role: Role, v: i128| match role {
        Role::Day => (1..=28).contains(&v),
        Role::Month => v != 2,
        Role::Ordinal => (1..=365).contains(&v),
        _ => false,
    };
    if sets.iter().any(|&(r, v)| safe(r, v)) {
        return None;
    }
    // jiff's builder applies every field at `build()`, so a later `.day(1)` counts too.
    if jiff_builder && later.iter().any(|&(r, v)| v.is_some_and(|v| safe(r, v))) {
        return None;
    }
    Some(Kept::MonthDay)
}

fn help<'ast>(
    cx: &ExprCx<'_, 'ast>,
    call: &CtorCall<'ast>,
    year: &Value,
    source: Option<&str>,
    years: i128,
) -> Help {
    let month_day = [call.value(cx, Role::Month), call.value(cx, Role::Day)];
    let same_source = match call.row.sets {
        // `x.with_year(x.year() + 1)`
        Some(_) => call.receiver.map(values::tokens).as_deref() == source && source.is_some(),
        None => {
            let mut vals: Vec<&Value> = vec![year];
            vals.extend(month_day.iter().flatten().filter(|v| v.field().is_some()));
            month_day.iter().all(|v| {
                v.as_ref().is_some_and(|v| {
                    v.copied(Role::Month).is_some() || v.copied(Role::Day).is_some()
                })
            }) && common_source(&vals).is_some()
        }
    };
    let accessor = year.field().is_some_and(|f| f.accessor);
    let same_source = same_source && accessor;
    let src = if accessor {
        source.unwrap_or("date")
    } else {
        "date"
    };
    let n = years.unsigned_abs();
    let exact = field_amount_known(year);
    let amount_text = year.field().and_then(|f| f.amount_text.clone());
    let months_arg = match (&amount_text, exact) {
        (Some(t), false) => format!("12 * {t}"),
        _ => (12 * n).to_string(),
    };
    let years_arg = match (&amount_text, exact) {
        (Some(t), false) => t.clone(),
        _ => n.to_string(),
    };
    let ordinal = call.row.index_of(Role::Ordinal).is_some();
    match call.row.krate {
        Crate::Chrono => {
            let method = if years < 0 { "checked_sub_months" } else { "checked_add_months" };
            let code = format!("{src}.{method}(Months::new({months_arg}))");
            let replace = same_source && exact && call.row.failure == crate::api::Failure::Option;
            Help {
                message: if ordinal {
                    "add calendar months instead: chrono keeps Dec 31 on Dec 31".to_string()
                } else {
                    "add calendar months instead: chrono moves Feb 29 to Feb 28".to_string()
                },
                replacement: Some(Replacement {
                    span: cx.span(call.node),
                    code,
                    applicability: if replace { Applicability::MaybeIncorrect } else { Applicability::HasPlaceholders },
                }),
            }
        }
        Crate::Jiff => {
            let method = if years < 0 { "checked_sub" } else { "checked_add" };
            let unit = if n == 1 && exact { "year" } else { "years" };
            let replace = same_source && exact && call.row.failure == crate::api::Failure::Result && !matches!(call.row.callee, Callee::Method { .. });
            Help {
                message: "add a calendar span instead (`use jiff::ToSpan;`): jiff moves Feb 29 to Feb 28".to_string(),
                replacement: Some(Replacement {
                    span: cx.span(call.node),
                    code: format!("{src}.{method}({years_arg}.{unit}())"),
                    applicability: if replace { Applicability::MaybeIncorrect } else { Applicability::HasPlaceholders },
                }),
            }
        }
        Crate::Time if ordinal => Help {
            message: "time has no calendar-year addition: clamp the day of the year to the target year's \
                      length (`time::util::days_in_year(year)`), or go through the calendar date"
                .to_string(),
            replacement: None,
        },
        Crate::Time => Help {
            message: format!(
                "time has no calendar-year addition: clamp the day to the target month, e.g. \
                 `{src}.day().min({src}.month().length(year))`"
            ),
            replacement: None,
        },
        Crate::Rcgen => Help {
            message: "rcgen takes time's date fields: build the expiry from a day that exists in the target \
                      year (time: `now.day().min(now.month().length(year))`; chrono: \
                      `today.checked_add_months(Months::new(12))`), then pass its year, month and day"
                .to_string(),
            replacement: None,
        },
        _ => Help {
            message: "compute the date with calendar arithmetic that clamps Feb 29 (chrono: \
                      `today.checked_add_months(Months::new(12))`), then pass its year, month and day"
                .to_string(),
            replacement: None,
        },
    }
}

fn field_amount_known(v: &Value) -> bool {
    v.field().is_some_and(|f| f.shift.amount().is_some())
}

/// `NaiveDate::parse_from_str(&format!("{}-{}-{}", d.year() + 1, d.month(), d.day()), ..)`:
/// the same impossible date, rebuilt through a string.
pub fn check_string_rebuild<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let text_arg: &Expr = match e {
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return };
            let r = cx.imports().resolve(&p.path);
            let known = crate::api::DATE_PARSERS.iter().any(|(k, ty, f)| {
                r.last() == *f
                    && r.owner() == Some(*ty)
                    && (r.krate == Some(*k) || r.krate.is_none() && *f != "parse")
            });
            // jiff's `strptime(format, input)` takes the text second.
            let text_index = usize::from(r.last() == "strptime");
            match (known, c.args.iter().nth(text_index)) {
                (true, Some(a)) => a,
                _ => return,
            }
        }
        Expr::MethodCall(m) if m.method == "parse" && m.turbofish.is_some() => {
            let ty = m.turbofish.as_ref().map(values::tokens).unwrap_or_default();
            if ![
                "NaiveDate",
                "NaiveDateTime",
                "Date",
                "DateTime",
                "PrimitiveDateTime",
                "Zoned",
            ]
            .iter()
            .any(|t| ty.contains(t))
            {
                return;
            }
            &m.receiver
        }
        _ => return,
    };
    let Some(fmt) = format_call(cx, text_arg, 0) else {
        return;
    };
    let syn::Expr::Call(fc) = fmt else { return };
    let mut year_shift = None;
    let mut keeps_day = false;
    for arg in fc.args.iter().skip(1) {
        let v = values::classify(cx, arg);
        if let Some(f) = v.shifted(Role::Year) {
            year_shift = Some(f.shift.amount().unwrap_or(1));
        }
        if v.copied(Role::Day).is_some() {
            keeps_day = true;
        }
    }
    // Inline captures: `format!("{y}-{m:02}-{d:02}")`.
    if let Some(Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(s),
        ..
    })) = fc.args.first()
    {
        for name in captures(&s.value()) {
            let Some(crate::bindings::BoundTo::Expr(init)) = cx.binding(&name, values::start_of(e))
            else {
                continue;
            };
            let v = values::classify(cx, init);
            if let Some(f) = v.shifted(Role::Year) {
                year_shift = Some(f.shift.amount().unwrap_or(1));
            }
            if v.copied(Role::Day).is_some() {
                keeps_day = true;
            }
        }
    }
    let (Some(years), true) = (year_shift, keeps_day) else {
        return;
    };
    if matches!(
        guards::consumption(cx, e).on_failure(false),
        guards::OnFailure::Handled
    ) || guards::guarded(cx, e, Guard::LeapDay)
    {
        return;
    }
    let (from, to) = calendar::leap_day_break(cx.today(), years);
    let line = syn::spanned::Spanned::span(fmt).start().line;
    cx.emit(
        Diagnostic {
            lint: &YEAR_ARITHMETIC_ON_DATE,
            certainty: Certainty::Certain,
            message: "year arithmetic on a date: a date string built with a shifted year and the same month and day is parsed".to_string(),
            span: cx.span(e),
            label: "fails to parse when the original date is Feb 29".to_string(),
            notes: vec![
                format!("the string is built by the `format!` on line {line}"),
                format!("on {from} this builds {to}, which does not exist"),
            ],
            help: Some(Help {
                message: "do the arithmetic on the date, not on its text: chrono \
                          `checked_add_months(Months::new(12))`, jiff `checked_add(1.year())`"
                    .to_string(),
                replacement: None,
            }),
        },
        Some(cx.span(e)),
    );
}

/// Follows a string argument back to a `format!` call: through `&`, `.as_str()`, and `let`s.
fn format_call<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr, depth: u32) -> Option<&'ast Expr> {
    if depth > 4 {
        return None;
    }
    match e {
        Expr::Reference(r) => format_call(cx, &r.expr, depth + 1),
        Expr::Paren(p) => format_call(cx, &p.expr, depth + 1),
        Expr::MethodCall(m)
            if m.args.is_empty()
                && matches!(m.method.to_string().as_str(), "as_str" | "trim" | "as_ref") =>
        {
            format_call(cx, &m.receiver, depth + 1)
        }
        Expr::Call(_) if macros::macro_name(e) == Some("format") => Some(e),
        Expr::Path(p) => {
            let ident = p.path.get_ident()?;
            match cx.binding(&ident.to_string(), ident.span().start())? {
                crate::bindings::BoundTo::Expr(init) => format_call(cx, init, depth + 1),
                crate::bindings::BoundTo::Opaque => None,
            }
        }
        _ => None,
    }
}

/// Names captured inline by a format string: `{y}`, `{m:02}`.
fn captures(fmt: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = fmt;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        if rest.starts_with('{') {
            rest = &rest[1..];
            continue;
        }
        let end = rest.find(['}', ':']).unwrap_or(rest.len());
        let name = &rest[..end];
        if !name.is_empty()
            && name.chars().all(|c| c.is_alphanumeric() || c == '_')
            && !name.chars().all(|c| c.is_ascii_digit())
        {
            out.push(name.to_string());
        }
    }
    out
}
