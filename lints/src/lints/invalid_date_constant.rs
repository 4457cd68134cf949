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
    // An impossible value built on purpose, to check that the library rejects it: the code
    // expects the failure (`assert_eq!(d.with_month(13), None)`, `.expect_err(..)`). The lints
    // this one supersedes stay quiet about it too.
    if expects_failure(cx, call.node) {
        cx.explain(&INVALID_DATE_CONSTANT, call.subject(cx));
        return;
    }
    let fraction = [Role::Milli, Role::Micro, Role::Nano]
        .into_iter()
        .any(|r| call.row.index_of(r).is_some() && lit(r).is_some());
    let mut notes = Vec::new();
    if fraction
        && ["millisecond", "microsecond", "nanosecond"]
            .iter()
            .any(|u| problem.contains(u))
    {
        notes.push(
            if call.row.krate == Crate::Chrono {
                "chrono (0.4) accepts a fraction of 1 s or more only on second 59, as a leap second \
                 (`from_hms_milli_opt(23, 59, 59, 1_500)`), and a fraction of 2 s or more never"
            } else {
                "this library has no leap second: the fraction of a second must be below 1 s"
            }
            .to_string(),
        );
    }
    if in_if_let(cx, call.node) {
        notes.push("the body of this `if let Some(..)` never runs: it is dead code".to_string());
    }
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
            notes,
            help: Some(Help {
                message: "check the constant: this date or time does not exist".to_string(),
                fix: None,
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
    let segs: Vec<String> = crate::values::segment_names(&p.path);
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

/// The code checks that the call fails: the failure is what it asserts or unwraps
/// (`assert_eq!(x, None)`, `assert!(x.is_err())`, `assert!(matches!(x, None | Err(_)))`,
/// `.expect_err(..)`, `.unwrap_err()`), directly or through the `let` the value is bound to.
/// A value used as a date (`unwrap`, `?`, `if let Some(..)`, a test that `is_some()`) or only
/// compared with another value (`assert_ne!(x, Some(d))`, which a failure passes vacuously) is
/// not expected to fail.
fn expects_failure<'ast>(cx: &ExprCx<'_, 'ast>, node: &'ast syn::Expr) -> bool {
    match expected_in(cx, cx.parents, node) {
        Some(expected) => expected,
        // The value is the initializer of a `let`: its first use decides.
        None => {
            let Some(name) = cx.let_name else {
                return false;
            };
            let (Some(f), Some(init)) = (cx.func, let_init_of(cx, node)) else {
                return false;
            };
            match crate::guards::first_use(f.body, name, syn::spanned::Spanned::span(init).end()) {
                Some((chain, use_node)) => expected_in(cx, &chain, use_node) == Some(true),
                None => false,
            }
        }
    }
}

/// How far `node` reaches unchanged (through parentheses, references and methods that keep the
/// failure): the outermost such expression, and the parent that changes it (`None` at the top
/// of the enclosing statement).
fn unchanged_outward<'ast>(
    cx: &ExprCx<'_, 'ast>,
    node: &'ast syn::Expr,
) -> (&'ast syn::Expr, Option<&'ast syn::Expr>) {
    let mut child = node;
    for &p in cx.parents.iter().rev() {
        match p {
            syn::Expr::Paren(_) | syn::Expr::Group(_) | syn::Expr::Reference(_) => {}
            syn::Expr::MethodCall(m)
                if std::ptr::eq(&*m.receiver, child) && keeps_failure(&m.method.to_string()) => {}
            _ => return (child, Some(p)),
        }
        child = p;
    }
    (child, None)
}

/// The whole initializer of the enclosing `let` when `node` reaches it unchanged.
fn let_init_of<'ast>(cx: &ExprCx<'_, 'ast>, node: &'ast syn::Expr) -> Option<&'ast syn::Expr> {
    match unchanged_outward(cx, node) {
        (init, None) => Some(init),
        _ => None,
    }
}

/// The value is matched by the `if let Some(..)` around it: its body is dead code.
fn in_if_let<'ast>(cx: &ExprCx<'_, 'ast>, node: &'ast syn::Expr) -> bool {
    let (child, Some(p @ syn::Expr::Let(l))) = unchanged_outward(cx, node) else {
        return false;
    };
    std::ptr::eq(&*l.expr, child)
        && values::tokens(&l.pat).starts_with("Some")
        && cx
            .parents
            .iter()
            .any(|q| matches!(q, syn::Expr::If(i) if std::ptr::eq(&*i.cond, p)))
}

/// Methods after which a failure is still the failure (None, Err).
fn keeps_failure(name: &str) -> bool {
    matches!(
        name,
        "single"
            | "earliest"
            | "latest"
            | "ok"
            | "ok_or"
            | "ok_or_else"
            | "map"
            | "map_err"
            | "context"
            | "with_context"
            | "as_ref"
            | "copied"
            | "cloned"
            | "flatten"
            | "and_then"
    )
}

/// Follows the value of `node` up `parents` (outermost first): `Some(true)` when the code
/// expects it to fail, `Some(false)` when it uses or tests it otherwise, `None` when the value
/// leaves the chain unchanged (a `let` initializer).
fn expected_in(cx: &ExprCx<'_, '_>, parents: &[&syn::Expr], node: &syn::Expr) -> Option<bool> {
    use syn::Expr;
    let mut child = node;
    // After `.err()`, a success of the new value is a failure of the call.
    let mut flipped = false;
    for (i, &p) in parents.iter().enumerate().rev() {
        match p {
            Expr::Paren(_) | Expr::Group(_) | Expr::Reference(_) => {}
            Expr::MethodCall(m) if std::ptr::eq(&*m.receiver, child) => {
                let name = m.method.to_string();
                match name.as_str() {
                    "expect_err" | "unwrap_err" => return Some(!flipped),
                    "unwrap" | "expect" => return Some(flipped),
                    "err" if m.args.is_empty() => flipped = !flipped,
                    "is_none" | "is_err" => return Some(asserted(&parents[..i], p, !flipped)),
                    "is_some" | "is_ok" => return Some(asserted(&parents[..i], p, flipped)),
                    n if keeps_failure(n) => {}
                    _ => return Some(false),
                }
            }
            Expr::Call(c) => {
                let name = crate::macros::macro_name(p);
                let first_two = c.args.iter().take(2).any(|a| std::ptr::eq(a, child));
                return Some(match name {
                    Some("assert_eq" | "debug_assert_eq") if first_two && !flipped => c
                        .args
                        .iter()
                        .take(2)
                        .any(|a| !std::ptr::eq(a, child) && is_failure_value(a)),
                    Some("matches") if !flipped => match matches_pattern(cx, p, child) {
                        Some(fails) => asserted(&parents[..i], p, fails),
                        None => false,
                    },
                    _ => false,
                });
            }
            _ => return Some(false),
        }
        child = p;
    }
    None
}

/// A boolean `test` that is true exactly when the call failed (`fails_if_true`), or exactly
/// when it succeeded, is asserted to be the failure: `assert!(test)`, `assert!(!test)`,
/// `assert_eq!(test, true)`.
fn asserted(parents: &[&syn::Expr], test: &syn::Expr, fails_if_true: bool) -> bool {
    use syn::Expr;
    let mut want = fails_if_true;
    let mut child = test;
    for &p in parents.iter().rev() {
        match p {
            Expr::Paren(_) | Expr::Group(_) => {}
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => want = !want,
            Expr::Call(c) => {
                let first = c.args.first().is_some_and(|a| std::ptr::eq(a, child));
                let first_two = c.args.iter().take(2).any(|a| std::ptr::eq(a, child));
                let other_bool = || {
                    c.args.iter().take(2).find_map(|a| match a {
                        Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Bool(b),
                            ..
                        }) if !std::ptr::eq(a, child) => Some(b.value),
                        _ => None,
                    })
                };
                return match crate::macros::macro_name(p) {
                    Some("assert" | "debug_assert") => first && want,
                    Some("assert_eq" | "debug_assert_eq") if first_two => {
                        other_bool() == Some(want)
                    }
                    Some("assert_ne" | "debug_assert_ne") if first_two => {
                        other_bool() == Some(!want)
                    }
                    _ => false,
                };
            }
            _ => return false,
        }
        child = p;
    }
    false
}

/// `None`, `Err(..)`, chrono's `LocalResult::None`.
fn is_failure_value(e: &syn::Expr) -> bool {
    match values::peel_parens(e) {
        syn::Expr::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "None"),
        syn::Expr::Call(c) => {
            matches!(&*c.func, syn::Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Err"))
        }
        _ => false,
    }
}

/// The pattern of `matches!(scrutinee, pattern)` as written: `Some(true)` when it matches only
/// a failure (`None`, `Err(_)`, `None | Err(_)`), `Some(false)` when only a success, `None`
/// otherwise (a guard, a mix, a pattern not understood).
fn matches_pattern(cx: &ExprCx<'_, '_>, call: &syn::Expr, scrutinee: &syn::Expr) -> Option<bool> {
    use syn::parse::Parser;
    let whole = cx.span(call);
    let after = cx.span(scrutinee).end;
    let text = cx.file.src.get(after..whole.end)?;
    let text = text.trim_start().strip_prefix(',')?.trim();
    let text = text
        .strip_suffix(')')
        .or_else(|| text.strip_suffix(']'))?
        .trim();
    let text = text.strip_suffix(',').unwrap_or(text);
    let pat = syn::Pat::parse_multi.parse_str(text).ok()?;
    fn kind(p: &syn::Pat) -> Option<bool> {
        let last = |path: &syn::Path| path.segments.last().map(|s| s.ident.to_string());
        match p {
            syn::Pat::Or(o) => {
                let kinds: Vec<Option<bool>> = o.cases.iter().map(kind).collect();
                let first = *kinds.first()?;
                kinds.iter().all(|k| *k == first).then_some(first)?
            }
            syn::Pat::Ident(i) if i.ident == "None" => Some(true),
            syn::Pat::Path(p) => match last(&p.path)?.as_str() {
                "None" => Some(true),
                _ => None,
            },
            syn::Pat::TupleStruct(t) => match last(&t.path)?.as_str() {
                "Err" => Some(true),
                "Some" | "Ok" | "Single" | "Ambiguous" => Some(false),
                _ => None,
            },
            syn::Pat::Paren(p) => kind(&p.pat),
            _ => None,
        }
    }
    kind(&pat)
}
