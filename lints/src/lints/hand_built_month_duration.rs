//! `hand_built_month_duration`: a month written as a fixed length in a duration constructor
//! that computes a date (added to or subtracted from a date or clock value, directly or
//! through the `let` or `const` holding it: `crate::durations::date_arithmetic`). A 30-day
//! duration given to a formatter, compared, or used as a timeout computes no date.
//! Page: `lints/docs/hand_built_month_duration.md`.

use syn::Expr;

use crate::api::Unit;
use crate::calendar::{self, CivilDate};
use crate::context::ExprCx;
use crate::diagnostic::{Applicability, Certainty, Diagnostic, Help};
use crate::durations::{self, Calendar, DateOperand};
use crate::facts::{Kind, Prov};
use crate::registry::{
    Check, Fixable, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::values;
use crate::verdict::fact;

use crate::calls::duration_call;

pub static HAND_BUILT_MONTH_DURATION: Lint = Lint {
    fix: Fixable::Sometimes(Applicability::Unsafe),
    needles: Needles::AllOf(&[
        NeedleGroup::Words(&[
            "30", "31", "720", "744", "43200", "43_200", "44640", "44_640", "2592*", "2_592*",
            "2678*", "2_678*", "2629*", "2_629*",
        ]),
        NeedleGroup::Words(crate::api::DURATION_NEEDLES),
    ]),
    checks: &[Check::Expr(
        &[Syntax::Call, Syntax::MethodCall, Syntax::Binary],
        check_expr,
    )],
    // A test that adds the duration to the clock's date fails on the days the note names; one
    // that adds it to a fixed instant computes one fixed result, which it asserts (skipped even
    // with check-tests, see `fixed_instant`); other test values are checked with check-tests.
    test_code: TestCode::ClockDependent,
    ..Lint::new(
        LintId::HAND_BUILT_MONTH_DURATION,
        Group::Pedantic,
        Precision::Medium,
        "a month written as a fixed length (30 or 31 days, 2_592_000 seconds)",
    )
};

/// Month lengths people hard-code, in days as `num / den`.
const MONTH_LENGTHS: &[(u128, u128, &str)] = &[
    (30, 1, "30 days"),
    (31, 1, "31 days"),
    (487, 16, "30.4375 days"),
    (
        146_097,
        4_800,
        "30.436875 days (an average Gregorian month)",
    ),
];

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let ctor = duration_call(cx, e);
    let integer = ctor.is_none();
    let what = match ctor {
        // A duration constructor: its argument through constants and `let`s.
        Some((ctor, arg)) => {
            let Some(what) =
                durations::amount(cx, arg).and_then(|a| month_like(ctor.unit, a.value))
            else {
                return;
            };
            what
        }
        // Seconds or milliseconds in integer arithmetic: `now_secs + months * 2_592_000`.
        None => match durations::integer_span(cx, e, month_like) {
            Some((_, what)) => what,
            None => return,
        },
    };
    // Only where the code means a calendar month (departure from the spec, which reports every
    // such duration): a name or comment that says month, a match arm `Monthly`, calendar-month
    // arithmetic on the same date, or a read of the result's month (`.month()`, `with_day(1)`,
    // `format("%Y-%m-01")`). A date that is only read as a date is not enough: 30 days is as
    // often a 30-day term (a trial, net 30, a due date). A timestamp, a lifetime or a window
    // named in days silences it (see `durations::Intent`).
    let Some((operand, intent)) = durations::meant_as_calendar(cx, e, Calendar::Month, |_| false)
    else {
        return;
    };
    let (clock, fixed, subtracted) = match &operand {
        DateOperand::Now => (true, false, false),
        DateOperand::Expr { date, subtracted } => (
            from_clock(cx, date, 0),
            fixed_instant(cx, date, 0),
            *subtracted,
        ),
        DateOperand::Text { date } => (clock_text(date), false, intent.subtracted),
    };
    if cx.in_test && fixed && !clock {
        return;
    }
    let days = if what.starts_with("31") { 31 } else { 30 };
    let fraction = if what.starts_with("30.") {
        " and a fraction"
    } else {
        ""
    };
    let (note, help) = if intent.unit_read.is_some() {
        // Read as a month: the first day from which the fixed length lands in another month
        // than one calendar month would (on every 31st, 30 days earlier is the same month).
        let shifted = |d: CivilDate| {
            if subtracted {
                durations::sub_days(d, days)
            } else {
                calendar::add_days(d, days)
            }
        };
        let month_index = |d: CivilDate| d.year * 12 + d.month as i32 - 1;
        let sign = if subtracted { -1 } else { 1 };
        let from = cx
            .today()
            .find_from(800, |d| month_index(shifted(*d)) != month_index(*d) + sign)
            .unwrap_or(cx.today());
        let to = shifted(from);
        let target = month_index(from) + sign;
        let dir = if subtracted { "earlier" } else { "later" };
        (
            format!(
                "from {from}, one month {dir} is in {} {}, but {days} days{fraction} {dir} is {to}, in {} {}",
                crate::values::MONTH_NAMES[target.rem_euclid(12) as usize],
                target.div_euclid(12),
                crate::values::MONTH_NAMES[to.month as usize - 1],
                to.year
            ),
            if subtracted {
                "use month arithmetic: chrono `checked_sub_months(Months::new(1))`, jiff `checked_sub(1.month())`"
            } else {
                "use month arithmetic: chrono `checked_add_months(Months::new(1))`, jiff `checked_add(1.month())`"
            },
        )
    } else if subtracted {
        // The next Mar 1: a month earlier is Feb 1, 30 or 31 days earlier is in January.
        let from = cx
            .today()
            .find_from(800, |d| d.month == 3 && d.day == 1)
            .unwrap_or(cx.today());
        let month_earlier = CivilDate::new(from.year, 2, 1);
        let days_earlier = durations::sub_days(from, days);
        (
            format!(
                "from {from}, one month earlier is {month_earlier}, but {days} days{fraction} earlier is {days_earlier}"
            ),
            "use month arithmetic: chrono `checked_sub_months(Months::new(1))`, jiff `checked_sub(1.month())`",
        )
    } else {
        // The next Jan 31: one month later clamps to the end of February.
        let from = cx
            .today()
            .find_from(800, |d| d.month == 1 && d.day == 31)
            .unwrap_or(cx.today());
        let month_later = CivilDate::new(from.year, 2, calendar::days_in_month(from.year, 2));
        let days_later = calendar::add_days(from, days);
        (
            format!(
                "from {from}, one month later is {month_later}, but {days} days{fraction} later is {days_later}"
            ),
            "use month arithmetic: chrono `checked_add_months(Months::new(1))`, jiff `checked_add(1.month())`",
        )
    };
    let mut notes = vec![note];
    notes.extend(intent.note(Calendar::Month));
    cx.emit_from(
        Diagnostic {
            lint: &HAND_BUILT_MONTH_DURATION,
            certainty: Certainty::Certain,
            message: format!("a month written as a fixed length: {what}"),
            span: cx.span(e),
            label: "months have 28 to 31 days".to_string(),
            notes,
            help: Some(Help {
                message: if integer {
                    format!(
                        "{}, on the time as a date ({})",
                        help.replace("use month", "use calendar-month"),
                        durations::INTEGER_HELP
                    )
                } else {
                    help.to_string()
                },
                fix: durations::calendar_months_fix(cx, e, |days| match days {
                    30 | 31 => Some(1),
                    _ => (days % 30 == 0).then_some(days / 30),
                }),
            }),
        },
        None,
        clock,
    );
}

/// A clock read: `Utc::now()`, `SystemTime::now()`, `Zoned::now()`, `OffsetDateTime::now_utc()`.
fn clock_text(text: &str) -> bool {
    ["now()", "now_utc()", "now_local()", "today()"]
        .iter()
        .any(|c| text.contains(c))
}

/// The date the duration goes with comes from the clock: by the facts, or by its syntax (a
/// clock read, or a `let` bound to one).
fn from_clock(cx: &ExprCx<'_, '_>, e: &Expr, depth: u32) -> bool {
    if fact(cx.facts(), e).is_some_and(|f| f.prov.has(Prov::CLOCK)) {
        return true;
    }
    if clock_text(&values::tokens(e)) {
        return true;
    }
    match bound_init(cx, e) {
        Some(init) if depth < 4 => from_clock(cx, init, depth + 1),
        _ => false,
    }
}

/// What a plain variable is bound to by its `let`.
fn bound_init<'ast>(cx: &ExprCx<'_, 'ast>, e: &Expr) -> Option<&'ast Expr> {
    let Expr::Path(p) = values::peel(e) else {
        return None;
    };
    let ident = p.path.get_ident()?;
    match cx.binding(&ident.to_string(), ident.span().start())? {
        crate::bindings::BoundTo::Expr(init) => Some(init),
        crate::bindings::BoundTo::Opaque => None,
    }
}

/// A fixed instant: the epoch, a date built from literals, or such a value moved by constant
/// durations (`let mut t = UNIX_EPOCH + Duration::from_secs(86_400); t += ..`). A test that
/// starts from one computes one fixed result, which it asserts.
fn fixed_instant(cx: &ExprCx<'_, '_>, e: &Expr, depth: u32) -> bool {
    if depth > 4 {
        return false;
    }
    if fact(cx.facts(), e).is_some_and(|f| matches!(f.kind, Kind::Date(_)) && f.prov.is_const()) {
        return true;
    }
    match values::peel(e) {
        Expr::Path(p) => {
            if p.path
                .segments
                .last()
                .is_some_and(|s| s.ident == "UNIX_EPOCH")
            {
                return true;
            }
            let Some(ident) = p.path.get_ident() else {
                return false;
            };
            let name = ident.to_string();
            bound_init(cx, e).is_some_and(|init| fixed_instant(cx, init, depth + 1))
                && only_constant_steps(cx, &name)
        }
        Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_) | syn::BinOp::Sub(_)) => {
            fixed_instant(cx, &b.left, depth + 1) && constant_duration(cx, &b.right)
        }
        Expr::MethodCall(m)
            if m.args.len() == 1
                && matches!(m.method.to_string().as_str(), "checked_add" | "checked_sub") =>
        {
            fixed_instant(cx, &m.receiver, depth + 1) && constant_duration(cx, &m.args[0])
        }
        other => crate::calls::date_call(cx, other).is_some_and(|c| {
            c.literal_and_valid() && c.receiver.is_none_or(|r| fixed_instant(cx, r, depth + 1))
        }),
    }
}

/// A duration of a constant length: `Duration::from_secs(86_400)`.
fn constant_duration(cx: &ExprCx<'_, '_>, e: &Expr) -> bool {
    duration_call(cx, values::peel(e))
        .is_some_and(|(_, arg)| values::const_int(values::peel_parens(arg)).is_some())
}

/// The variable is changed, if at all, only by adding or subtracting constant durations.
fn only_constant_steps(cx: &ExprCx<'_, '_>, name: &str) -> bool {
    use syn::visit::Visit;
    struct Steps<'a, 'c, 'ast> {
        cx: &'a ExprCx<'c, 'ast>,
        name: &'a str,
        ok: bool,
    }
    impl Steps<'_, '_, '_> {
        fn is_name(&self, e: &Expr) -> bool {
            matches!(values::peel_parens(e), Expr::Path(p) if p.path.is_ident(self.name))
        }
    }
    impl<'ast> Visit<'ast> for Steps<'_, '_, '_> {
        fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
            if self.is_name(&a.left) {
                self.ok = false;
            }
            syn::visit::visit_expr_assign(self, a);
        }
        fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
            if matches!(b.op, syn::BinOp::AddAssign(_) | syn::BinOp::SubAssign(_))
                && self.is_name(&b.left)
                && !constant_duration(self.cx, &b.right)
            {
                self.ok = false;
            }
            syn::visit::visit_expr_binary(self, b);
        }
        fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
            if r.mutability.is_some() && self.is_name(&r.expr) {
                self.ok = false;
            }
            syn::visit::visit_expr_reference(self, r);
        }
    }
    let Some(f) = cx.func else { return false };
    let mut v = Steps { cx, name, ok: true };
    v.visit_block(f.body);
    v.ok
}

fn month_like(unit: Unit, value: i128) -> Option<&'static str> {
    if value <= 0 || unit == Unit::Weeks {
        return None;
    }
    let (num, den) = unit.per_day();
    let value = value as u128;
    MONTH_LENGTHS
        .iter()
        .find(|(n, d, _)| value * den * d == n * num)
        .map(|(_, _, what)| *what)
}
