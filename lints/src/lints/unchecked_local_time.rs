//! `unchecked_local_time`: a local date-time in a zone with DST, unwrapped although it may fall
//! in a gap or an overlap. Page: `lints/docs/unchecked_local_time.md`.

use syn::Expr;

use crate::calendar;
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::registry::{
    Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::values;

use crate::calls::date_call;

pub static UNCHECKED_LOCAL_TIME: Lint = Lint {
    needles: Needles::AllOf(&[NeedleGroup::DateApi(&["unambiguous"])]),
    checks: &[Check::Expr(&[Syntax::MethodCall], check_expr)],
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::UNCHECKED_LOCAL_TIME,
        Group::Suspicious,
        Precision::High,
        "a local date-time is unwrapped although it does not exist in a DST gap or is ambiguous in an overlap",
    )
};

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    if cx.in_documented_panic() {
        return;
    }
    let Expr::MethodCall(m) = e else { return };
    if m.method != "unwrap" && m.method != "expect" {
        return;
    }
    // Inside a `match` arm on `LocalResult::Single`/`Ambiguous` the code has already seen that
    // the local time exists.
    if in_classified_arm(cx, e) {
        return;
    }
    let mut inner = values::peel_parens(&m.receiver);
    let mut gap_only = false;
    // `.single().unwrap()` is the same unwrap, spelled out; `.earliest()`/`.latest()` settle
    // an overlap but are still None in a gap.
    if let Expr::MethodCall(s) = inner {
        if matches!(
            s.method.to_string().as_str(),
            "single" | "earliest" | "latest"
        ) && s.args.is_empty()
        {
            gap_only = s.method != "single";
            inner = values::peel_parens(&s.receiver);
        }
    }
    // jiff: `tz.to_ambiguous_zoned(dt).unambiguous().unwrap()` is the same bet.
    if let Expr::MethodCall(u) = inner {
        if u.method == "unambiguous" && u.args.is_empty() && !resolved_with_offset(cx, &u.receiver)
        {
            let spring = calendar::next_eu_spring_forward(cx.today());
            cx.emit(
                Diagnostic {
                    lint: &UNCHECKED_LOCAL_TIME,
                    certainty: Certainty::Certain,
                    message: format!("`{}` on `unambiguous()`: a local time in a DST gap or overlap is an error", method(e)),
                    span: cx.span(e),
                    label: "panics in a DST gap and in a DST overlap".to_string(),
                    notes: vec![format!("e.g. in Europe/Berlin 02:30 on {spring} does not exist")],
                    help: Some(Help {
                        message: "use `.compatible()` (or `.earlier()`/`.later()`), or `civil_dt.to_zoned(tz)`, which \
                                  resolves gaps and overlaps"
                            .to_string(),
                        replacement: None,
                    }),
                },
                None,
            );
            return;
        }
    }
    let Some(call) = date_call(cx, inner) else {
        return;
    };
    // No zone has a DST transition between 05:00 and 21:00 local time: such a time exists and is
    // unambiguous everywhere (transitions happen from 00:00 to 04:00, and at 22:00-24:00 in a
    // few zones such as America/Nuuk and Pacific/Easter).
    if let Some(hour) = call.arg(crate::api::Role::Hour) {
        let known = values::const_int(values::peel(hour))
            .and_then(|h| i64::try_from(h).ok())
            .map(crate::facts::IntSet::exact)
            .or_else(|| crate::verdict::fact(cx.facts(), hour).and_then(|f| f.set().cloned()));
        if known.is_some_and(|h| h.within(5, 20)) {
            return;
        }
    }
    if !call.row.zoned
        || call.row.failure.panics()
        || crate::zones::zone_is_local(cx, &call) != Some(true)
    {
        return;
    }
    // Literal fields in a named zone give the same answer on every run: a test catches a gap.
    // `Local` is different: the zone is the machine's.
    let literal = !call.args.is_empty()
        && call
            .args
            .iter()
            .all(|a| values::const_int(values::peel(a)).is_some());
    if literal && !is_local_zone(zone_of(&call)) {
        return;
    }
    // A literal, or a named constant of the file.
    let lit = |r: crate::api::Role| {
        let a = values::peel(call.arg(r)?);
        let v = values::const_int(a).or_else(|| match a {
            Expr::Path(p) => cx
                .file
                .const_value(&p.path.get_ident()?.to_string())
                .map(i128::from),
            _ => None,
        })?;
        u32::try_from(v).ok()
    };
    // Literal fields fail only where that local time is skipped (or repeated, unless the call
    // takes the earliest/latest): on a transition day of a zone people test with, at its hour.
    {
        use crate::api::Role;
        let (y, m, d, h) = (
            lit(Role::Year),
            lit(Role::Month),
            lit(Role::Day),
            lit(Role::Hour),
        );
        if m.is_some() || d.is_some() || h.is_some() {
            let years = match y {
                Some(y) => y as i32..=y as i32,
                None => 1970..=2100,
            };
            let possible = years.flat_map(calendar::dst_transitions).any(|t| {
                (t.gap || !gap_only)
                    && m.map_or(true, |m| t.date.month == m)
                    && d.map_or(true, |d| t.date.day == d)
                    && h.map_or(true, |h| t.hour == h)
            });
            if !possible {
                return;
            }
        }
    }
    // A helper of a named zone called with its own parameters: the caller picks the instant
    // (the machine's `Local` zone is different: nobody picks it).
    if !is_local_zone(zone_of(&call))
        && crate::verdict::inputs_unvalidated(cx.facts(), &call) == Some(true)
    {
        return;
    }
    let note = example_note(cx.today(), lit(crate::api::Role::Hour));
    cx.emit(
        Diagnostic {
            lint: &UNCHECKED_LOCAL_TIME,
            certainty: Certainty::Certain,
            message: format!("`{}` on a local time that may not exist or may be ambiguous", method(e)),
            span: cx.span(e),
            label: if gap_only { "panics in a DST gap" } else { "panics in a DST gap and in a DST overlap" }
                .to_string(),
            notes: vec![note],
            help: Some(Help {
                message: "choose what a gap and an overlap mean: `.earliest()`/`.latest()` (None in a gap) with a \
                          fallback, or jiff's `to_zoned` with an explicit `Disambiguation`"
                    .to_string(),
                replacement: None,
            }),
        },
        Some(call.subject(cx)),
    );
}

/// The zone of a zoned call: the argument of `naive.and_local_timezone(tz)`, else the receiver.
fn zone_of<'a>(call: &crate::calls::CtorCall<'a>) -> Option<&'a Expr> {
    if call.row.display_name() == "and_local_timezone" {
        call.args.first().copied()
    } else {
        call.receiver
    }
}

fn is_local_zone(e: Option<&Expr>) -> bool {
    e.is_some_and(|e| values::tokens(e).ends_with("Local"))
}

fn method(e: &Expr) -> String {
    match e {
        Expr::MethodCall(m) => m.method.to_string(),
        _ => "unwrap".into(),
    }
}

/// The unwrap sits in a `match` arm whose pattern is `Single(..)` or `Ambiguous(..)`.
fn in_classified_arm(cx: &ExprCx<'_, '_>, e: &Expr) -> bool {
    let mut child: Option<&Expr> = Some(e);
    for &p in cx.parents.iter().rev() {
        if let (Expr::Match(m), Some(c)) = (p, child) {
            let arm = m.arms.iter().find(|a| std::ptr::eq(&*a.body, c));
            if arm.is_some_and(|a| {
                let pat = values::tokens(&a.pat);
                pat.contains("Ambiguous") || pat.contains("Single")
            }) {
                return true;
            }
        }
        child = Some(p);
    }
    false
}

/// The ambiguous value was resolved with an explicit UTC offset (jiff's `OffsetConflict`), which
/// leaves nothing ambiguous: directly, or through the `let` it is bound to.
fn resolved_with_offset(cx: &ExprCx<'_, '_>, e: &Expr) -> bool {
    let mentions = |e: &Expr| values::tokens(e).contains("OffsetConflict");
    if mentions(e) {
        return true;
    }
    if let Expr::Path(p) = values::peel(e) {
        if let Some(ident) = p.path.get_ident() {
            if let Some(crate::bindings::BoundTo::Expr(init)) =
                cx.binding(&ident.to_string(), ident.span().start())
            {
                return mentions(init);
            }
        }
    }
    false
}

/// A real instant where such a local time breaks: at the literal hour when there is one (the
/// next transition of a well-known zone at that hour), else Berlin's spring gap and autumn
/// overlap.
fn example_note(today: calendar::CivilDate, hour: Option<u32>) -> String {
    let upcoming: Vec<calendar::Transition> = (today.year..today.year + 3)
        .flat_map(calendar::dst_transitions)
        .filter(|t| t.date >= today)
        .collect();
    if let Some(h) = hour {
        let mut at_hour: Vec<&calendar::Transition> =
            upcoming.iter().filter(|t| t.hour == h).collect();
        at_hour.sort_by_key(|t| t.date);
        if let Some(t) = at_hour.first() {
            return format!(
                "e.g. in {} {:02}:30 on {} {}",
                t.zone,
                h,
                t.date,
                if t.gap {
                    "does not exist"
                } else {
                    "happens twice"
                }
            );
        }
    }
    let spring = calendar::next_eu_spring_forward(today);
    format!(
        "e.g. in Europe/Berlin 02:30 on {spring} does not exist, and 02:30 on the last Sunday of October \
         happens twice"
    )
}
