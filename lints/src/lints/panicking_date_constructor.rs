//! `panicking_date_constructor`: a constructor that panics on invalid input (chrono's deprecated
//! non-`_opt` functions, jiff's `civil::date`, `rcgen::date_time_ymd`) called with arguments
//! that are not known to be valid. Page: `lints/docs/panicking_date_constructor.md`.

use crate::api::{Callee, Failure};
use crate::calls::{cannot_fail, failing_example, CtorCall};
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::registry::{Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, TestCode};

pub static PANICKING_DATE_CONSTRUCTOR: Lint = Lint {
    needles: Needles::AllOf(&[NeedleGroup::DateApi(&[])]),
    checks: &[Check::DateCall(check_call)],
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::PANICKING_DATE_CONSTRUCTOR,
        Group::Suspicious,
        Precision::Medium,
        "a date constructor that panics on invalid input, called with non-literal arguments",
    )
};

pub fn check_call<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>) {
    if call.row.failure != Failure::Panics {
        return;
    }
    if cx.in_documented_panic() {
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
    let failing: Vec<&crate::facts::Fact> = call
        .args
        .iter()
        .filter_map(|a| crate::verdict::fact(facts, a))
        .collect();
    let certainty = if facts.is_some() {
        crate::facts::certainty(failing.iter().copied())
    } else {
        Certainty::Possible
    };
    let name = match call.row.callee {
        Callee::Free { path } => path.to_string(),
        _ => call.row.display_name(),
    };
    let fallible = match call.row.callee {
        Callee::Assoc {
            ty: "NaiveDateTime",
            func: "from_timestamp",
        } => "DateTime::from_timestamp(secs, nsecs)".to_string(),
        Callee::Assoc { ty, func } => format!("{ty}::{func}_opt"),
        Callee::Method { name } if name == "ymd" || name == "yo" => "with_ymd_and_hms".to_string(),
        Callee::Method { name } => format!("{name}_opt"),
        Callee::Free {
            path: "civil::date",
        } => "Date::new".to_string(),
        Callee::Free {
            path: "civil::time",
        } => "Time::new".to_string(),
        Callee::Free {
            path: "civil::datetime",
        } => "DateTime::new".to_string(),
        Callee::Free { .. } => "time::Date::from_calendar_date".to_string(),
    };
    let help = if call.row.krate == crate::resolve::Crate::Rcgen {
        "build the date with a fallible constructor first (`time::Date::from_calendar_date(..)?`, or chrono's \
         `checked_add_months`) and pass the fields of that valid date"
            .to_string()
    } else {
        format!("use the fallible `{fallible}` and handle the None/Err")
    };
    // Constants that form no value (`from_ymd(YEAR, 2, 29)` with `const YEAR: i32 = 2023`):
    // the call panics every time it runs.
    let constant = call.constant_args(cx);
    let help = if constant.is_some() {
        format!(
            "correct the constants: no run can succeed (the fallible `{fallible}` would fail every time too)"
        )
    } else {
        help
    };
    let (message, label, note, certainty) = if let Some(vals) = &constant {
        let vals: Vec<String> = vals.iter().map(i128::to_string).collect();
        (
            format!("`{name}` panics: its constant arguments do not form a valid date or time"),
            "panics every time it runs".to_string(),
            format!(
                "the arguments are constants ({}), so the call fails on every run, whatever the date",
                vals.join(", ")
            ),
            Certainty::Certain,
        )
    } else {
        (
            format!("`{name}` panics on invalid input, and its arguments are not literals"),
            "panics if these arguments do not form a valid date or time".to_string(),
            failing_example(cx, call),
            certainty,
        )
    };
    cx.emit(
        Diagnostic {
            lint: &PANICKING_DATE_CONSTRUCTOR,
            certainty,
            message,
            span: call.label_span,
            label,
            notes: vec![note],
            help: Some(Help {
                message: help,
                fix: None,
            }),
        },
        Some(call.subject(cx)),
    );
}
