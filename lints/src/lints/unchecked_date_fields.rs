//! `unchecked_date_fields`: a date built from integers that are no real date's fields
//! (parameters, struct fields, results of unknown calls), unwrapped or built by a constructor
//! that panics. It fails on bad input, not on a calendar date: the panic is the caller's
//! contract (clippy's `missing_panics_doc`), so the lint is pedantic, and silent in functions
//! that document their panic. The decision which inputs count is `verdict::inputs_unvalidated`,
//! shared with `unwrap_on_date_construction` and `panicking_date_constructor`, which report
//! the other calls. Page: `lints/docs/unchecked_date_fields.md`.

use syn::Expr;

use crate::api::Failure;
use crate::calls::{cannot_fail, date_call, failing_example, CtorCall};
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::facts::Prov;
use crate::registry::{
    Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::values;
use crate::verdict::inputs_unvalidated;

pub static UNCHECKED_DATE_FIELDS: Lint = Lint {
    needles: Needles::AllOf(&[NeedleGroup::DateApi(&[])]),
    checks: &[
        Check::Expr(&[Syntax::MethodCall], check_unwrap),
        Check::DateCall(check_panicking),
    ],
    test_code: TestCode::Never,
    ..Lint::new(
        LintId::UNCHECKED_DATE_FIELDS,
        Group::Pedantic,
        Precision::Medium,
        "a date built from integers that are no date's fields is unwrapped, or built by a constructor that panics",
    )
};

/// `NaiveDate::from_ymd_opt(y, m, d).unwrap()` on parameters or fields.
fn check_unwrap<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let Expr::MethodCall(m) = e else { return };
    if m.method != "unwrap" && m.method != "expect" {
        return;
    }
    let Some(call) = date_call(cx, values::peel_parens(&m.receiver)) else {
        return;
    };
    if call.row.failure == Failure::Panics {
        return;
    }
    // A zone with DST is `unchecked_local_time`'s case; an unknown zone is left alone.
    if call.row.zoned
        && (crate::zones::zone_is_local(cx, &call) != Some(false)
            || call.row.args == [crate::api::Role::Other])
    {
        return;
    }
    let method = m.method.to_string();
    check(
        cx,
        &call,
        &method,
        crate::Span::new(call.label_span.start, cx.span(e).end),
    );
}

/// `NaiveDate::from_ymd(y, m, d)`, `civil::date(..)`, `rcgen::date_time_ymd(..)` on them.
fn check_panicking<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>) {
    if call.row.failure != Failure::Panics {
        return;
    }
    check(cx, call, "panic", call.label_span);
}

fn check<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>, how: &str, span: crate::Span) {
    if cx.in_documented_panic() {
        return;
    }
    let facts = cx.facts();
    if facts.is_some_and(|f| f.is_dead(call.node) || f.can_fail(call.node) == Some(false)) {
        return;
    }
    if cannot_fail(cx, call) || inputs_unvalidated(facts, call) != Some(true) {
        return;
    }
    // The contract is with the callers: values they pass. Integers from `self`'s fields, the
    // function's own computations or other calls hold invariants the checker cannot see (a
    // bitmask of valid minutes, a validated schedule), and a closure's parameters come from
    // calls in view: saying nothing beats guessing.
    let Some(facts) = facts else { return };
    let from_callers = |e: &Expr| {
        facts
            .value(e)
            .is_some_and(|f| f.prov.has(Prov::PARAM) && !f.prov.has(Prov::CALENDAR))
    };
    let setter_receiver = call.row.sets.is_some() && call.receiver.is_some_and(from_callers);
    if !setter_receiver && !call.args.iter().any(|a| from_callers(a)) {
        return;
    }
    let name = match call.row.callee {
        crate::api::Callee::Free { path } => path.to_string(),
        _ => call.row.display_name(),
    };
    let mut notes = vec![failing_example(cx, call)];
    if let Some(f) = cx.func {
        notes.push(format!(
            "the values come from the arguments of `{}`: it panics for some arguments, which callers cannot see in its signature",
            f.name
        ));
    }
    let message = if how == "panic" {
        format!("`{name}` panics on integers not checked to form a date or time")
    } else {
        format!("`{how}` on `{name}` of integers not checked to form a date or time")
    };
    cx.emit(
        Diagnostic {
            lint: &UNCHECKED_DATE_FIELDS,
            certainty: Certainty::Possible,
            message,
            span,
            label: "panics when these values do not form a valid date or time".to_string(),
            notes,
            help: Some(Help {
                message: "return the failure to the caller (`.ok_or(..)?`), or document the panic in a `# Panics` section"
                    .to_string(),
                fix: None,
            }),
        },
        Some(call.subject(cx)),
    );
}
