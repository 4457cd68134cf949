//! ## What it does
//! Finds date constructors that panic on invalid input, called with non-literal arguments:
//! chrono's deprecated `NaiveDate::from_ymd`, `from_yo`, `from_isoywd`, `and_hms*`,
//! `TimeZone::ymd`, `NaiveDateTime::from_timestamp`; jiff's `civil::date`, `civil::time`,
//! `civil::datetime`; `rcgen::date_time_ymd`.
//!
//! ## Why is this bad
//! The panic is hidden in the callee: nothing at the call site says this line crashes on
//! 2027-02-29 or hour 24. The fallible variants make the failure visible and handleable.
//!
//! Not flagged: literal arguments that form a valid value, and fields copied unchanged from one
//! existing date (`date_time_ymd(d.year(), d.month() as u8, d.day() as u8)`).

use crate::api::{Callee, Failure, Role};
use crate::context::ExprCx;
use crate::diagnostic::{Diagnostic, Help};
use crate::registry::PANICKING_DATE_CONSTRUCTOR;
use crate::values::{self, Value};

use super::{common_source, CtorCall};

pub fn check_call<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>) {
    if call.row.failure != Failure::Panics || call.literal_and_valid() {
        return;
    }
    if cx.in_test && !cx.file.opts.check_tests {
        return;
    }
    if copied_or_valid_literals(cx, call) {
        return;
    }
    let name = call.row.display_name();
    let fallible = match call.row.callee {
        Callee::Assoc { ty: "NaiveDateTime", func: "from_timestamp" } => "DateTime::from_timestamp(secs, nsecs)".to_string(),
        Callee::Assoc { ty, func } => format!("{ty}::{func}_opt"),
        Callee::Method { name } if name == "ymd" || name == "yo" => "with_ymd_and_hms".to_string(),
        Callee::Method { name } => format!("{name}_opt"),
        Callee::Free { path: "civil::date" } => "Date::new".to_string(),
        Callee::Free { path: "civil::time" } => "Time::new".to_string(),
        Callee::Free { path: "civil::datetime" } => "DateTime::new".to_string(),
        Callee::Free { .. } => "time::Date::from_calendar_date".to_string(),
    };
    let help = if call.row.krate == crate::resolve::Crate::Rcgen {
        "build the date with a fallible constructor first (`time::Date::from_calendar_date(..)?`, or chrono's \
         `checked_add_months`) and pass the fields of that valid date"
            .to_string()
    } else {
        format!("use the fallible `{fallible}` and handle the None/Err")
    };
    cx.emit(
        Diagnostic {
            lint: &PANICKING_DATE_CONSTRUCTOR,
            message: format!("`{name}` panics on invalid input, and its arguments are not literals"),
            span: call.label_span,
            label: "panics if these arguments do not form a valid date or time".to_string(),
            notes: vec!["e.g. a day the month does not have (2027-02-29), or hour 24".to_string()],
            help: Some(Help { message: help, replacement: None }),
        },
        Some(call.subject(cx)),
    );
}

/// Every calendar field copied from one date, every other argument a valid literal or a copy.
fn copied_or_valid_literals<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>) -> bool {
    let mut fields = Vec::new();
    for (i, role) in call.row.args.iter().enumerate() {
        let v = values::classify(cx, call.args[i]);
        let ok = match (&v, role) {
            (Value::Field(f), r) if f.role == *r && f.shift == values::Shift::None && !f.zero_based => true,
            (Value::Lit(n), Role::Hour) => (0..24).contains(n),
            (Value::Lit(n), Role::Minute | Role::Second) => (0..60).contains(n),
            (Value::Lit(n), Role::Nano | Role::Milli | Role::Micro) => *n == 0,
            (Value::Lit(_), Role::Year) => true,
            (Value::Lit(n), Role::Month) => (1..=12).contains(n),
            (Value::Lit(n), Role::Day) => (1..=28).contains(n),
            _ => false,
        };
        if !ok {
            return false;
        }
        if matches!(role, Role::Year | Role::Month | Role::Day | Role::Ordinal) && v.field().is_some() {
            fields.push(v);
        }
    }
    let refs: Vec<&Value> = fields.iter().collect();
    // Fields from two different dates (year of one, day of another) can be invalid together.
    refs.len() <= 1 || common_source(&refs).is_some()
}
