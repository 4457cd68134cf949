//! One policy for every lint that reports a date call which can fail: whether it is reported,
//! at which certainty, and what the label says happens on the failing day.
//!
//! * The value facts ([`crate::facts`]) say whether the failing state is reachable at all (if
//!   not, the lint is silent and the call is explained), and how sure that is: exact facts
//!   about a real date are certain, facts about arbitrary integers or with a guard the
//!   analysis cannot read are possible.
//! * The code around the call says what the failure does ([`OnFailure`]): a panic keeps the
//!   facts' certainty (an error at deny level); a failure returned to the caller, or a
//!   fallback value that silently takes over, is possible (a warning); a deliberate skip or a
//!   leap-day-aware fallback is silent.

use syn::Expr;

use crate::api::{DateCtor, Failure};
use crate::context::ExprCx;
use crate::diagnostic::Certainty;
use crate::facts::{self, Fact, FnFacts};
use crate::guards::{self, OnFailure};

/// How a reachable failure is reported.
#[derive(Debug, Clone, Copy)]
pub struct Verdict<'ast> {
    pub certainty: Certainty,
    /// The failing values come from the wall clock.
    pub clock: bool,
    pub on_failure: OnFailure<'ast>,
}

/// The verdict for a call whose failure the facts `failing` can reach (`None`: nothing is
/// known, no function around it); `None` when the code handles the failure on purpose.
pub fn verdict<'ast>(
    cx: &ExprCx<'_, 'ast>,
    call: &crate::calls::CtorCall<'ast>,
    failing: Option<&[&Fact]>,
) -> Option<Verdict<'ast>> {
    verdict_at(cx, call.node, call.panics, failing)
}

/// [`verdict`] for any fallible expression `node` (a parse of rebuilt text); `panics`: it
/// panics itself rather than returning the failure.
pub fn verdict_at<'ast>(
    cx: &ExprCx<'_, 'ast>,
    node: &'ast Expr,
    panics: bool,
    failing: Option<&[&Fact]>,
) -> Option<Verdict<'ast>> {
    let on_failure = guards::consumption(cx, node).on_failure(panics);
    // Handled here, or passed on as the function's documented result.
    if on_failure == OnFailure::Handled
        || on_failure == OnFailure::Propagates && cx.in_documented_failure()
    {
        return None;
    }
    let from_facts = match failing {
        Some(f) => facts::certainty(f.iter().copied()),
        // No facts (a `const` initializer): the syntax alone cannot be sure.
        None => Certainty::Possible,
    };
    let certainty = match on_failure {
        OnFailure::Panics => from_facts,
        _ => Certainty::Possible,
    };
    Some(Verdict {
        certainty,
        clock: failing.is_some_and(|f| facts::from_clock(f.iter().copied())),
        on_failure,
    })
}

impl Verdict<'_> {
    /// What the call does on the failing day, for a label: "panics", "returns None", "panics
    /// in `ymd`" for a same-file helper.
    pub fn outcome(&self, call: &crate::calls::CtorCall<'_>) -> String {
        let what = self.outcome_of(call.row);
        match (&call.helper, self.on_failure) {
            (Some(h), OnFailure::Panics) => format!("{what} in `{h}`"),
            _ => what.to_string(),
        }
    }

    fn outcome_of(&self, row: &DateCtor) -> &'static str {
        match self.on_failure {
            OnFailure::Panics => "panics",
            _ => match row.failure {
                Failure::Option => "returns None",
                Failure::Result => "returns an error",
                Failure::LocalResult => "returns no date",
                Failure::Panics => "panics",
            },
        }
    }

    /// A note on what the failure leads to when it does not panic, with how often it happens
    /// (`"1 day in 1,461"`).
    pub fn consequence(&self, how_often: &str) -> Option<String> {
        match self.on_failure {
            OnFailure::Propagates => Some(format!(
                "a warning, not an error: the caller receives the failure on {how_often} and may handle it"
            )),
            OnFailure::WrongFallback(Some(e)) => {
                let text = crate::values::tokens(e);
                let shown: String = text.chars().take(60).collect();
                let more = if shown.len() < text.len() { "…" } else { "" };
                Some(format!(
                    "on {how_often} the fallback `{shown}{more}` is used instead, silently"
                ))
            }
            OnFailure::WrongFallback(None) => Some(format!(
                "on {how_often} the type's default value is used instead, silently"
            )),
            _ => None,
        }
    }
}

/// The facts of an expression, when the walk reached it.
pub fn fact<'f>(facts: Option<&'f FnFacts>, e: &Expr) -> Option<&'f Fact> {
    facts?.value(e)
}

/// The argument was read from a date's `part` by an accessor, as its syntax says (`let m =
/// d.month(); .. with_month(m + 1)`), and still is where the call runs: false when the variable
/// is assigned in the function and the facts say it no longer follows that date
/// (`m = next_month(m)`), so the shape is stale.
pub fn still_from_part(cx: &ExprCx<'_, '_>, arg: &Expr, role: crate::api::Role) -> bool {
    let Some(part) = part_of(role) else {
        return true;
    };
    let reassigned = names_in(arg)
        .iter()
        .any(|n| cx.func.is_some_and(|f| assigns(f.body, n)));
    if !reassigned {
        return true;
    }
    match fact(cx.facts(), arg) {
        Some(f) => f
            .as_int()
            .and_then(|i| i.rel.as_ref())
            .is_some_and(|r| r.part == part),
        None => true,
    }
}

/// The shifted date field a constructor call receives for `role` (`d.day() + 1`, or `let mut
/// y = d.year(); y += 1;` then `y`), as the arithmetic lints read it; `later` when the shift
/// happened after the `let`. `None` when there is none, the shift is 0 (or a wrap that
/// `wrapped_is_shift` says not to count), or the variable no longer holds the accessor's value
/// where the call runs.
pub struct ShiftedArg {
    pub field: crate::values::Field,
    pub later: bool,
}

pub fn shifted_arg(
    cx: &ExprCx<'_, '_>,
    call: &crate::calls::CtorCall<'_>,
    role: crate::api::Role,
    wrapped_is_shift: bool,
) -> Option<ShiftedArg> {
    use crate::values::Shift;
    let value = call.value(cx, role)?;
    let arg = call.arg(role);
    // The year has no clamp; for the day and month the facts, when there are some, judge
    // whether a `.min(..)` clamps enough, and without them any `.min(..)` counts as one.
    let field = if role != crate::api::Role::Year && cx.facts().is_some() {
        value.shifted_or_clamped(role)
    } else {
        value.shifted(role)
    };
    let reassigned = reassigned(cx, &value, arg, role);
    let later = field.is_none() && reassigned.is_some();
    let field = field.cloned().or(reassigned)?;
    if field.shift.amount() == Some(0) || !wrapped_is_shift && matches!(field.shift, Shift::Wrapped)
    {
        return None;
    }
    // The syntax follows `let`s, not assignments: the facts say whether the value still comes
    // from the accessor it was bound to.
    if field.accessor
        && !matches!(field.shift, Shift::Wrapped | Shift::Next | Shift::Previous)
        && arg.is_some_and(|a| !still_from_part(cx, a, role))
    {
        return None;
    }
    Some(ShiftedArg { field, later })
}

/// A date's field copied into a variable (`let mut y = d.year();`, which the syntax reads as
/// unchanged) and shifted by a later assignment (`y += 1`): the field with the shift the facts
/// see at the call. `None` when the variable is not assigned, or the facts see no fixed shift.
pub fn reassigned(
    cx: &ExprCx<'_, '_>,
    value: &crate::values::Value,
    arg: Option<&Expr>,
    role: crate::api::Role,
) -> Option<crate::values::Field> {
    use crate::values::Shift;
    let copied = value.copied(role).filter(|f| f.accessor)?;
    let arg = arg?;
    let part = part_of(role)?;
    let assigned = names_in(arg)
        .iter()
        .any(|n| cx.func.is_some_and(|f| assigns(f.body, n)));
    if !assigned {
        return None;
    }
    let rel = fact(cx.facts(), arg)?.as_int()?.rel.clone()?;
    let k = i128::from(rel.offset.single()?);
    if rel.part != part || k == 0 {
        return None;
    }
    Some(crate::values::Field {
        shift: if k > 0 {
            Shift::Add(Some(k))
        } else {
            Shift::Sub(Some(-k))
        },
        ..copied.clone()
    })
}

/// An argument described as its `let` (`day` = `d.day()`) with the shift a later assignment
/// added (`day` = `d.day() + 1`).
pub fn with_later_shift(described: &str, shift: crate::values::Shift) -> String {
    match shift.amount() {
        Some(k) if k > 0 => format!("{described} + {k}"),
        Some(k) if k < 0 => format!("{described} - {}", -k),
        _ => described.to_string(),
    }
}

/// The values a shifted argument takes when what it was computed from is a valid value of its
/// field: `month + 1` with `month` an integer parameter or field (no real date's month) is
/// judged with `month` in 1..=12, since a month of 13 passed in is bad input, the pedantic
/// `unchecked_date_fields`' finding, not the arithmetic's. `None` when the argument is no
/// integer tied to such a value by a known offset.
pub fn with_valid_source(
    f: &Fact,
    role: crate::api::Role,
    zero_based: bool,
) -> Option<facts::IntSet> {
    use crate::api::Role;
    use crate::facts::{IntSet, Part, Prov};
    if f.prov.has(Prov::CALENDAR) {
        return None;
    }
    let i = f.as_int()?;
    let rel = i.rel.as_ref().filter(|r| r.part == Part::Whole)?;
    let k = rel.offset.single()?;
    let (lo, hi) = match role {
        Role::Month => (1, 12),
        Role::Day => (1, 31),
        Role::Ordinal => (1, 366),
        Role::Hour => (0, 23),
        Role::Minute | Role::Second => (0, 59),
        _ => return None,
    };
    let shift = i64::from(zero_based);
    let valid = IntSet::range(lo - shift, hi - shift);
    let k = IntSet::exact(k);
    Some(i.set.sub(&k).meet(&valid).add(&k))
}

fn part_of(role: crate::api::Role) -> Option<crate::facts::Part> {
    use crate::api::Role;
    use crate::facts::Part;
    Some(match role {
        Role::Year => Part::Year,
        Role::Month => Part::Month,
        Role::Day => Part::Day,
        Role::Ordinal => Part::Ordinal,
        _ => return None,
    })
}

/// The single-segment paths an expression reads.
fn names_in(e: &Expr) -> Vec<String> {
    use syn::visit::Visit;
    struct Names(Vec<String>);
    impl<'ast> Visit<'ast> for Names {
        fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
            if let Some(i) = p.path.get_ident() {
                self.0.push(i.to_string());
            }
        }
    }
    let mut n = Names(Vec::new());
    n.visit_expr(e);
    n.0
}

/// `name` is assigned (`=`, `op=`) or borrowed `&mut` somewhere in the block.
fn assigns(body: &syn::Block, name: &str) -> bool {
    use syn::visit::Visit;
    struct Finder<'n> {
        name: &'n str,
        found: bool,
    }
    impl Finder<'_> {
        fn is_name(&self, e: &Expr) -> bool {
            matches!(crate::values::peel_parens(e), Expr::Path(p) if p.path.is_ident(self.name))
        }
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
            self.found |= self.is_name(&a.left);
            syn::visit::visit_expr_assign(self, a);
        }
        fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
            use syn::BinOp::*;
            if matches!(
                b.op,
                AddAssign(_) | SubAssign(_) | MulAssign(_) | DivAssign(_) | RemAssign(_)
            ) {
                self.found |= self.is_name(&b.left);
            }
            syn::visit::visit_expr_binary(self, b);
        }
        fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
            self.found |= r.mutability.is_some() && self.is_name(&r.expr);
            syn::visit::visit_expr_reference(self, r);
        }
    }
    let mut f = Finder { name, found: false };
    f.visit_block(body);
    f.found
}

/// The call can fail only through integers that are no real date's fields (parameters, struct
/// fields, results of unknown calls): a failure is bad input, not a calendar date, and the
/// pedantic `unchecked_date_fields` reports it. That is so when no input comes from a real
/// date, or when some such integer may be out of range for its field on its own (`with_day0(n)`
/// with an unchecked `n`): whatever the calendar does, the input decides. `None` without facts.
pub fn inputs_unvalidated(
    facts: Option<&FnFacts>,
    call: &crate::calls::CtorCall<'_>,
) -> Option<bool> {
    use crate::facts::Prov;
    let facts = facts?;
    let zero_based =
        matches!(call.row.callee, crate::api::Callee::Method { name } if name.ends_with('0'));
    let mut varying = false;
    let mut from_calendar = false;
    let mut input_out_of_range = false;
    // A naive date-time put in a zone: the date is `tz.from_local_datetime(&naive)`'s argument,
    // or `naive.and_local_timezone(tz)`'s receiver; the zone is no input.
    if call.row.zoned && call.row.args.iter().all(|r| *r == crate::api::Role::Other) {
        let naive = if call.row.display_name() == "and_local_timezone" {
            call.receiver
        } else {
            call.args.first().copied()
        };
        let f = facts.value(naive?)?;
        return Some(!f.prov.is_const() && !f.prov.has(Prov::CALENDAR));
    }
    for (role, arg) in call.row.args.iter().zip(&call.args) {
        let f = facts.value(arg)?;
        if f.prov.is_const() {
            continue;
        }
        varying = true;
        if f.prov.has(Prov::CALENDAR) {
            from_calendar = true;
        } else if !valid_alone(*role, f, zero_based) {
            input_out_of_range = true;
        }
    }
    // A setter's receiver is the date it changes.
    if call.row.sets.is_some() {
        if let Some(r) = call
            .receiver
            .and_then(|r| facts.value(r))
            .filter(|r| !r.prov.is_const())
        {
            varying = true;
            from_calendar |= r.prov.has(Prov::CALENDAR);
        }
    }
    Some(varying && (input_out_of_range || !from_calendar))
}

/// Every input of the call is fixed in the code — literals and constants, the rows of a table
/// of cases written in the function, what a closure called only with literals receives — but
/// the facts do not know some of them exactly. Such a call fails on every run or on none, like
/// one on literals: a failure is a failing test or a crash on the first run, not a date that
/// comes. (Literals that can never form a date are `invalid_date_constant`'s.)
pub fn fixed_in_code(facts: Option<&FnFacts>, call: &crate::calls::CtorCall<'_>) -> bool {
    let Some(facts) = facts else { return false };
    let receiver = call.receiver.filter(|_| call.row.sets.is_some());
    let values: Vec<Option<&Fact>> = call
        .args
        .iter()
        .copied()
        .chain(receiver)
        .map(|a| facts.value(a))
        .collect();
    let fixed = values
        .iter()
        .all(|v| v.is_some_and(|v| v.prov.is_const() && !v.approx));
    let exact = |v: &Fact| match &v.kind {
        crate::facts::Kind::Int(i) => i.set.single().is_some(),
        crate::facts::Kind::Date(d) => [&d.y, &d.m, &d.d].iter().all(|s| s.single().is_some()),
        _ => false,
    };
    let inexact = values.iter().any(|v| v.is_some_and(|v| !exact(v)));
    fixed && inexact
}

/// Every value of `f` is in range for the field on its own (a month in 1..=12, an hour in
/// 0..=23): it can fail only together with the other fields.
fn valid_alone(role: crate::api::Role, f: &Fact, zero_based: bool) -> bool {
    use crate::api::Role;
    let shift = i64::from(zero_based);
    let Some(set) = f.set() else {
        return role == Role::Year || role == Role::Weekday;
    };
    let set = set.add(&crate::facts::IntSet::exact(shift));
    match role {
        Role::Year | Role::Weekday => true,
        Role::Month => set.within(1, 12),
        Role::Day => set.within(1, 31),
        Role::Ordinal => set.within(1, 366),
        Role::IsoWeek => set.within(1, 53),
        Role::Hour => set.within(0, 23),
        Role::Minute | Role::Second => set.within(0, 59),
        Role::Milli => set.within(0, 999),
        Role::Micro => set.within(0, 999_999),
        Role::Nano => set.within(0, 999_999_999),
        Role::Other => false,
    }
}
