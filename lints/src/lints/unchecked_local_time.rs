//! `unchecked_local_time`: a local date-time in a zone with DST, unwrapped although it may fall
//! in a gap or an overlap. Page: `lints/docs/unchecked_local_time.md`.

use syn::Expr;

use crate::calendar;
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::registry::{Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode};
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
        if u.method == "unambiguous" && u.args.is_empty() {
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
    if !call.row.zoned || call.row.failure.panics() || crate::zones::zone_is_local(cx, &call) != Some(true) {
        return;
    }
    // Literal fields in a named zone give the same answer on every run: a test catches a gap.
    // `Local` is different: the zone is the machine's.
    let literal = !call.args.is_empty()
        && call
            .args
            .iter()
            .all(|a| values::const_int(values::peel(a)).is_some());
    if literal && !is_local_zone(call.receiver) {
        return;
    }
    let spring = calendar::next_eu_spring_forward(cx.today());
    cx.emit(
        Diagnostic {
            lint: &UNCHECKED_LOCAL_TIME,
            certainty: Certainty::Certain,
            message: format!("`{}` on a local time that may not exist or may be ambiguous", method(e)),
            span: cx.span(e),
            label: if gap_only { "panics in a DST gap" } else { "panics in a DST gap and in a DST overlap" }
                .to_string(),
            notes: vec![format!(
                "e.g. in Europe/Berlin 02:30 on {spring} does not exist, and 02:30 on the last Sunday of October \
                 happens twice"
            )],
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

fn is_local_zone(e: Option<&Expr>) -> bool {
    e.is_some_and(|e| values::tokens(e).ends_with("Local"))
}

fn method(e: &Expr) -> String {
    match e {
        Expr::MethodCall(m) => m.method.to_string(),
        _ => "unwrap".into(),
    }
}

