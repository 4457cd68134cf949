//! `unwrap_on_date_construction`: `.unwrap()`/`.expect(..)` right on a fallible date or time
//! constructor whose arguments are not known to form a valid value, and on a parse of
//! non-literal text. Page: `lints/docs/unwrap_on_date_construction.md`.

use syn::Expr;

use crate::api::Failure;
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::registry::{
    Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::values;
use crate::verdict::fact;

use crate::calls::{cannot_fail, date_call, failing_example, CtorCall};

pub static UNWRAP_ON_DATE_CONSTRUCTION: Lint = Lint {
    needles: Needles::AllOf(&[NeedleGroup::DateApi(&[])]),
    checks: &[Check::Expr(&[Syntax::MethodCall], check_expr)],
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::UNWRAP_ON_DATE_CONSTRUCTION,
        Group::Suspicious,
        Precision::Medium,
        "`unwrap`/`expect` on a fallible date constructor whose inputs are not known to be valid",
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
    let inner = values::peel_parens(&m.receiver);
    if let Some(call) = date_call(cx, inner) {
        check_unwrapped_ctor(cx, e, &call);
    } else {
        check_unwrapped_parse(cx, e, inner);
    }
}

fn check_unwrapped_ctor<'ast>(cx: &ExprCx<'_, 'ast>, unwrap: &'ast Expr, call: &CtorCall<'ast>) {
    if call.row.failure == Failure::Panics {
        return;
    }
    if call.row.zoned && crate::zones::zone_is_local(cx, call) != Some(false) {
        // A local zone is unchecked_local_time's case; an unknown one is left alone.
        return;
    }
    if call.row.zoned && call.row.args == [crate::api::Role::Other] {
        // `Utc.from_local_datetime(&naive)`, `naive.and_local_timezone(offset)`: the naive value
        // exists already, and a zone without DST maps it to exactly one instant.
        return;
    }
    let facts = cx.facts();
    if facts.is_some_and(|f| f.is_dead(call.node) || f.can_fail(call.node) == Some(false)) {
        return;
    }
    if cannot_fail(cx, call) {
        return;
    }
    // Values fixed in the code (a table of cases): fails on every run or on none.
    if crate::verdict::fixed_in_code(facts, call) {
        return;
    }
    // Integers that are no date's fields: bad input, `unchecked_date_fields`' case.
    if crate::verdict::inputs_unvalidated(facts, call) == Some(true) {
        return;
    }
    let failing: Vec<&crate::facts::Fact> =
        call.args.iter().filter_map(|a| fact(facts, a)).collect();
    let certainty = if facts.is_some() {
        crate::facts::certainty(failing.iter().copied())
    } else {
        Certainty::Possible
    };
    let example = failing_example(cx, call);
    cx.emit(
        Diagnostic {
            lint: &UNWRAP_ON_DATE_CONSTRUCTION,
            certainty,
            message: format!("`{}` on `{}`, whose inputs may not form a valid date or time", method_name(unwrap), call.row.display_name()),
            // From the constructor's name on: in a chain `a.and_hms_opt(..).unwrap()` the
            // receiver `a` is not at fault.
            span: crate::Span::new(call.label_span.start, cx.span(unwrap).end),
            label: "panics when the value does not exist".to_string(),
            notes: vec![example],
            help: Some(Help {
                message: "handle the failure: propagate it with `?` (or `.ok_or(..)?`), or supply a fallback".to_string(),
                fix: None,
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

/// `NaiveDate::parse_from_str(input, "%Y-%m-%d").unwrap()` on a non-literal input.
fn check_unwrapped_parse<'ast>(cx: &ExprCx<'_, 'ast>, unwrap: &'ast Expr, inner: &'ast Expr) {
    let Expr::Call(c) = inner else { return };
    let Expr::Path(p) = &*c.func else { return };
    let r = cx.imports().resolve(&p.path);
    if r.local || r.last() != "parse_from_str" {
        return;
    }
    let chrono_type = matches!(
        r.owner(),
        Some("NaiveDate" | "NaiveDateTime" | "NaiveTime" | "DateTime")
    );
    if !chrono_type || !(r.krate == Some(crate::resolve::Crate::Chrono) || r.krate.is_none()) {
        return;
    }
    // A literal input is a constant: if it is wrong, every run fails, and tests catch it. So is
    // text fixed at build time (`env!("NOW")`, `include_str!(..)`).
    if c.args.first().is_some_and(|a| match values::peel(a) {
        Expr::Lit(_) => true,
        Expr::Macro(m) => ["env", "include_str", "concat"]
            .iter()
            .any(|n| m.mac.path.is_ident(n)),
        _ => false,
    }) {
        return;
    }
    // Text that only ever holds literals: an element of a table of cases written here, a
    // closure's parameter that every call passes a literal. Like a literal, it fails on every
    // run or never (in a test: a failing test, not a bug that waits for a date).
    if c.args
        .first()
        .is_some_and(|a| fact(cx.facts(), a).is_some_and(|f| f.prov.is_const() && !f.approx))
    {
        return;
    }
    // The same parse checked earlier, with a failure that leaves the function (or recorded by
    // a same-file validator and tested); text this code formatted with the format it parses.
    if crate::parse_checks::checked_earlier(cx, c, inner) || crate::parse_checks::round_trip(cx, c)
    {
        return;
    }
    // A format without a day of the month or of the year (`"%s"`, `"%H:%M"`) names no day that
    // could be missing from the calendar: the parse fails on bad text only, like any parse.
    if c.args.get(1).is_some_and(|f| match values::peel(f) {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => !names_a_day(&s.value()),
        _ => false,
    }) {
        return;
    }
    cx.emit(
        Diagnostic {
            lint: &UNWRAP_ON_DATE_CONSTRUCTION,
            certainty: Certainty::Certain,
            message: format!("`{}` on `{}::parse_from_str` of a non-literal input", method_name(unwrap), r.owner().unwrap_or("")),
            span: cx.span(unwrap),
            label: "panics when the text is not a valid date".to_string(),
            notes: vec!["fails on any text that does not match the format, and on dates that do not exist (2027-02-29)".to_string()],
            help: Some(Help {
                message: "handle the parse error: propagate it with `?` or report it".to_string(),
                fix: None,
            }),
        },
        Some(cx.span(inner)),
    );
}

/// A strftime format that reads a calendar day: the day of the month or of the year, or a
/// composite that contains one.
fn names_a_day(format: &str) -> bool {
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        // Flags and widths between `%` and the specifier (`%-d`, `%_2e`, `%3f`).
        let spec =
            chars.find(|c| !matches!(c, '-' | '_' | '0' | '^' | '#' | '.' | ':' | '1'..='9'));
        if matches!(
            spec,
            Some('d' | 'e' | 'j' | 'F' | 'D' | 'x' | 'c' | '+' | 'v')
        ) {
            return true;
        }
    }
    false
}
