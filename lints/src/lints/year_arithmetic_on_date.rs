//! `year_arithmetic_on_date`: a date rebuilt with another date's year ± N and the same month
//! and day (or day of year): the 2012 Azure certificate bug. Recognises the year argument's
//! shape with `values::classify`, the handling of the failure with `guards::consumption`, and
//! dates rebuilt through a string (`format!` then a parser). Page: `lints/docs/year_arithmetic_on_date.md`.

use crate::api::Role;
use crate::context::ExprCx;
use crate::diagnostic::{Applicability, Certainty, Diagnostic, Fix, Help};
use crate::facts::Fact;
use crate::guards::{self, Guard};
use crate::imports;
use crate::registry::{
    Check, Fixable, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::resolve::Crate;
use crate::values::{self, Value};
use crate::verdict::{fact, verdict};
use crate::{calendar, macros};
use syn::Expr;

use crate::calls::{common_source, later_sets, receiver_sets, CtorCall};

pub static YEAR_ARITHMETIC_ON_DATE: Lint = Lint {
    needles: Needles::AllOf(&[
        // A date encoded as an integer (`* 10000`) or as zero-padded text (`{:02}`, `{m:02}`)
        // needs no date API (`format!` alone is in too many files to be worth parsing them).
        NeedleGroup::DateApi(&["strptime", "parse::<", "::parse(", "10000", "10_000", ":02}"]),
        NeedleGroup::Words(&["year", "yr", "yyyy"]),
    ]),
    checks: &[
        Check::DateCall(check_call),
        Check::Expr(&[Syntax::Call, Syntax::MethodCall], check_string_rebuild),
        Check::Expr(&[Syntax::Call, Syntax::Binary], check_encoded),
    ],
    fix: Fixable::Sometimes(Applicability::Unsafe),
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
    // `let mut y = d.year(); y += 1;`: the shift may have happened after the `let`.
    let Some(crate::verdict::ShiftedArg {
        field,
        later: later_shift,
    }) = crate::verdict::shifted_arg(cx, call, Role::Year, false)
    else {
        return;
    };
    let field = &field;
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

    // An amount that is not a literal still has a direction: `year - n` goes back a year
    // (`n` = 1), and its fix subtracts.
    let years = field.shift.amount().unwrap_or_else(|| field.shift.sign());
    let source = field.source.clone();
    let src_text = source.as_deref().unwrap_or("the date");
    let mut year_text = crate::calls::describe_arg(cx, call.arg(Role::Year).unwrap_or(call.node));
    if later_shift {
        year_text = crate::verdict::with_later_shift(&year_text, field.shift);
    }
    let outcome = verdict.outcome(call);
    let holder = holder(cx, call, &year, &kept, source.as_deref());
    let (message, label, note, how_often) = match kept {
        Kept::MonthDay => {
            let (from, to) = calendar::leap_day_break(cx.today(), years);
            let (subject, note) = match &holder {
                Holder::Same { .. } => (
                    format!("`{src_text}` is Feb 29"),
                    format!("on {from} this builds {to}, which does not exist"),
                ),
                // The year is one date's, the month and day another's: the failing day is a
                // Feb 29 among those, in whatever year the other date gives.
                Holder::Date { name, fields } => {
                    let year_of = year_owner(source.as_deref(), &year_text);
                    match fields {
                        Some((m, d, true)) => (
                            format!("`{name}` is Feb 29 (month `{m}`, day `{d}`)"),
                            format!(
                                "when {year_of} is in {}, a leap year, and the month and day are \
                                 Feb 29, `{name}` is {from} and this builds {to}, which does not exist",
                                from.year
                            ),
                        ),
                        Some((m, d, false)) => (
                            format!("`{name}` is Feb 29 (month `{m}`, day `{d}`)"),
                            format!(
                                "when {year_of} is in {} and `{name}` is on Feb 29, this builds {to}, \
                                 which does not exist",
                                from.year
                            ),
                        ),
                        None => (
                            format!("`{name}` is Feb 29"),
                            format!(
                                "when {year_of} is in {} and `{name}` is on Feb 29, this builds {to}, \
                                 which does not exist",
                                from.year
                            ),
                        ),
                    }
                }
                Holder::Values { month, day, .. } => (
                    format!("month `{month}` and day `{day}` are Feb 29"),
                    format!(
                        "when {} is in {} and the month and day are Feb 29, this builds {to}, which \
                         does not exist",
                        year_owner(source.as_deref(), &year_text),
                        from.year
                    ),
                ),
            };
            let how_often = if matches!(holder, Holder::Same { .. }) {
                "Feb 29 (1 day in 1,461)"
            } else {
                "Feb 29"
            };
            let kept_text = match &holder {
                Holder::Same { .. } => "the same month and day".to_string(),
                Holder::Date { name, .. } => format!("the month and day of `{name}`"),
                Holder::Values { month, day, .. } => format!("month `{month}` and day `{day}`"),
            };
            (
                format!("year arithmetic on a date: `{year_text}` with {kept_text}"),
                format!("{outcome} when {subject}"),
                crate::values::with_example_amount(field, note),
                how_often,
            )
        }
        Kept::Ordinal => {
            let day = calendar::day_366(cx.today());
            let subject = match &holder {
                Holder::Same { .. } => format!("`{src_text}` is day 366"),
                Holder::Date { name, .. } => format!("`{name}` is day 366"),
                Holder::Values { day, .. } => format!("`{day}` is 366"),
            };
            (
                format!("year arithmetic on a date: `{year_text}` with the same day of the year"),
                format!("{outcome} when {subject}"),
                crate::values::with_example_amount(
                    field,
                    format!(
                        "on {day} (day 366) this builds day 366 of {}, which does not exist",
                        day.year as i128 + years
                    ),
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
            help: Some(help(cx, call, field, &holder, source.as_deref(), years)),
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
    let may = |f: Option<&Fact>, v: i64| f.and_then(|f| f.set()).is_none_or(|s| s.contains(v));
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

/// Where the month and day (or the day of the year) that the call keeps come from.
enum Holder {
    /// The value the year is read from: `d.with_year(d.year() + 1)`,
    /// `from_ymd_opt(d.year() + 1, d.month(), d.day())`, `(s.year + 1, s.month, s.day)`.
    /// `exact`: nothing else changes the date (a setter's receiver is that value as it is).
    Same { exact: bool },
    /// Another date: a setter's receiver (`date.with_year(base.year() + 1)`), or the date a
    /// constructor's month and day are read from. `fields`: when the receiver is bound to a
    /// constructor, that constructor's month and day as written, and whether its year is the
    /// year's own date (the date was built in that year).
    Date {
        name: String,
        fields: Option<(String, String, bool)>,
    },
    /// Month and day values of no one date: `from_ymd_opt(base.year() + 1, month, day)`.
    /// `foreign`: which of them are not the year's date's, for the help (``"`day` is not
    /// `d`'s day"``).
    Values {
        month: String,
        day: String,
        foreign: String,
    },
}

fn holder<'ast>(
    cx: &ExprCx<'_, 'ast>,
    call: &CtorCall<'ast>,
    year: &Value,
    kept: &Kept,
    source: Option<&str>,
) -> Holder {
    if call.row.sets.is_some() {
        let Some(receiver) = call.receiver else {
            return Holder::Same { exact: false };
        };
        // jiff's builder: `d.with().year(..)` keeps `d`'s month and day.
        let (date, exact) = match jiff_builder_base(receiver) {
            Some((base, nothing_else)) => (base, nothing_else),
            None => (receiver, true),
        };
        let text = values::tokens(date);
        if source == Some(text.as_str()) {
            return Holder::Same { exact };
        }
        // `d.with_month(2)?.with_year(d.year() + 1)`: still `d`'s day, changed on the way.
        if source.is_some() && source == Some(values::tokens(chain_root(date)).as_str()) {
            return Holder::Same { exact: false };
        }
        return Holder::Date {
            fields: traced_fields(cx, call, date, source),
            name: text,
        };
    }
    let roles: &[Role] = match kept {
        Kept::MonthDay => &[Role::Month, Role::Day],
        Kept::Ordinal => &[Role::Ordinal],
    };
    let kept_vals: Vec<Value> = roles.iter().filter_map(|&r| call.value(cx, r)).collect();
    let copied = kept_vals.len() == roles.len()
        && kept_vals
            .iter()
            .zip(roles)
            .all(|(v, &r)| v.copied(r).is_some());
    if copied {
        let mut all: Vec<&Value> = vec![year];
        all.extend(kept_vals.iter());
        if common_source(&all).is_some() {
            // A clamped day (`d.day().min(29)`) or a variable reassigned on some path is not
            // the date's own day any more: a fix on the date would drop that.
            let exact = kept_vals
                .iter()
                .all(|v| v.field().is_some_and(|f| !f.clamped))
                && roles.iter().all(|&r| {
                    call.arg(r)
                        .is_some_and(|a| crate::verdict::still_from_part(cx, a, r))
                });
            return Holder::Same { exact };
        }
        let kept_refs: Vec<&Value> = kept_vals.iter().collect();
        if let Some(name) = common_source(&kept_refs) {
            return Holder::Date { name, fields: None };
        }
    }
    let text = |r: Role| {
        call.arg(r)
            .map(values::tokens)
            .unwrap_or_else(|| "?".to_string())
    };
    // The kept values that are not read unchanged from the year's own date.
    let foreign: Vec<(String, &str)> = roles
        .iter()
        .filter(|&&r| {
            let own = call.value(cx, r).is_some_and(|v| {
                v.copied(r)
                    .is_some_and(|f| f.source.is_some() && f.source.as_deref() == source)
            });
            !own
        })
        .map(|&r| {
            let field = match r {
                Role::Month => "month",
                Role::Day => "day",
                _ => "day of the year",
            };
            (format!("`{}`", text(r)), field)
        })
        .collect();
    let names: Vec<&str> = foreign.iter().map(|(n, _)| n.as_str()).collect();
    let fields: Vec<&str> = foreign.iter().map(|(_, f)| *f).collect();
    let verb = if foreign.len() == 1 { "is" } else { "are" };
    let foreign = match source {
        Some(s) => format!(
            "{} {verb} not `{s}`'s {}",
            names.join(" and "),
            fields.join(" and ")
        ),
        None => format!(
            "{} {verb} not read from the date the year comes from",
            names.join(" and ")
        ),
    };
    match kept {
        Kept::MonthDay => Holder::Values {
            month: text(Role::Month),
            day: text(Role::Day),
            foreign,
        },
        Kept::Ordinal => Holder::Values {
            month: String::new(),
            day: text(Role::Ordinal),
            foreign,
        },
    }
}

/// How a note names the year being shifted: "`base`" (its date), or the year as written.
fn year_owner(source: Option<&str>, year_text: &str) -> String {
    match source {
        Some(s) => format!("`{s}`"),
        None => format!("the year (`{year_text}`)"),
    }
}

/// `d.with()` (nothing set in between: true) or `d.with().month(2)` (false): `d`.
fn jiff_builder_base(receiver: &Expr) -> Option<(&Expr, bool)> {
    let mut e = receiver;
    let mut nothing_else = true;
    loop {
        match e {
            Expr::MethodCall(m) if m.method == "with" && m.args.is_empty() => {
                return Some((&m.receiver, nothing_else))
            }
            Expr::MethodCall(m)
                if m.args.len() == 1
                    && matches!(
                        m.method.to_string().as_str(),
                        "year" | "month" | "day" | "day_of_year" | "hour" | "minute" | "second"
                    ) =>
            {
                nothing_else = false;
                e = &m.receiver;
            }
            _ => return None,
        }
    }
}

/// The date a chain of setters starts from: `d` in `d.with_month(2)?.with_day(1).unwrap()`.
fn chain_root(mut e: &Expr) -> &Expr {
    loop {
        e = match e {
            Expr::MethodCall(m) => &m.receiver,
            Expr::Try(t) => &t.expr,
            Expr::Paren(p) => &p.expr,
            _ => return e,
        };
    }
}

/// A setter's receiver bound (and not reassigned before the call) to a constructor: that
/// constructor's month and day as written, and whether its year is `source`'s year unchanged
/// (`let date = tz.with_ymd_and_hms(base.year(), month, day, ..)`).
fn traced_fields<'ast>(
    cx: &ExprCx<'_, 'ast>,
    call: &CtorCall<'ast>,
    receiver: &Expr,
    source: Option<&str>,
) -> Option<(String, String, bool)> {
    let Expr::Path(p) = values::peel_parens(receiver) else {
        return None;
    };
    let ident = p.path.get_ident()?;
    let at = syn::spanned::Spanned::span(call.node).start();
    let binding = cx.func?.bindings.lookup(&ident.to_string(), at)?;
    let crate::bindings::BoundTo::Expr(init) = binding.value else {
        return None;
    };
    if assigned_between(cx, &ident.to_string(), binding.at, call.node) {
        return None;
    }
    let mut e = init;
    loop {
        e = match e {
            Expr::Paren(p) => &p.expr,
            Expr::Try(t) => &t.expr,
            Expr::MethodCall(m)
                if matches!(
                    m.method.to_string().as_str(),
                    "unwrap" | "expect" | "single" | "earliest" | "latest"
                ) =>
            {
                &m.receiver
            }
            _ => break,
        };
    }
    let ctor = crate::calls::date_call(cx, e)?;
    if ctor.row.sets.is_some() {
        return None;
    }
    let (m, d) = (ctor.arg(Role::Month)?, ctor.arg(Role::Day)?);
    let same_year = ctor.value(cx, Role::Year).is_some_and(|v| {
        v.copied(Role::Year)
            .is_some_and(|f| f.source.is_some() && f.source.as_deref() == source)
    });
    Some((values::tokens(m), values::tokens(d), same_year))
}

/// `name = ..` between its `let` at `from` and `node` (other than an assignment holding it).
fn assigned_between(
    cx: &ExprCx<'_, '_>,
    name: &str,
    from: proc_macro2::LineColumn,
    node: &Expr,
) -> bool {
    use syn::spanned::Spanned;
    use syn::visit::Visit;
    struct Find<'n> {
        name: &'n str,
        from: (usize, usize),
        to: (usize, usize),
        found: bool,
    }
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
            let target = matches!(&*a.left, Expr::Path(p) if p.path.is_ident(self.name));
            let (s, e) = (a.span().start(), a.span().end());
            if target && (s.line, s.column) > self.from && (e.line, e.column) < self.to {
                self.found = true;
            }
            syn::visit::visit_expr_assign(self, a);
        }
    }
    let Some(f) = cx.func else { return false };
    let to = node.span().start();
    let mut v = Find {
        name,
        from: (from.line, from.column),
        to: (to.line, to.column),
        found: false,
    };
    v.visit_block(f.body);
    v.found
}

/// The number of years as code for a fix: chrono's `Months::new` takes a `u32`, jiff's spans a
/// signed count.
struct Count {
    /// The amount as written, when it is not a literal (`n`, `self.num() as i32`).
    text: Option<String>,
    /// Its absolute value when it is a literal.
    lit: u128,
    /// chrono's `Months::new(..)` argument: `12`, `12 * n`.
    months: String,
    /// The count cannot be negative (a literal, an unsigned value cast to the year's type, or
    /// the facts say so); otherwise the fix holds for the direction written only.
    nonneg: bool,
}

/// How the amount of years becomes a `u32` for `Months::new`, decided here so that the
/// suggestion type-checks whatever the amount is:
///
/// * a literal: its multiple of 12;
/// * `x as i32` (an unsigned count cast to be added to the year): the cast is dropped when `x` is
///   declared `u32` in this file (a parameter, a method's or function's return type, a field),
///   widened with `u32::from(x)` when it is declared `u8`/`u16`, and cast `x as u32` otherwise
///   (the conversion the code already makes, to the type `Months::new` takes); a value declared
///   signed is treated as below;
/// * anything else has the year's type (`i32`: chrono's `year()`), so `n.unsigned_abs()` is a
///   `u32`; the direction is the one written, and the help says which method a negative `n`
///   needs unless the facts say it is never negative.
fn count(cx: &ExprCx<'_, '_>, call: &CtorCall<'_>, field: &values::Field) -> Option<Count> {
    if let Some(n) = field.shift.amount() {
        let lit = n.unsigned_abs();
        return Some(Count {
            text: None,
            lit,
            months: (12 * lit).to_string(),
            nonneg: true,
        });
    }
    let text = field.amount_text.clone()?;
    let expr: Expr = syn::parse_str(&text).ok()?;
    let abs = || format!("{}.unsigned_abs()", postfix(&text, &expr));
    let (u32_form, nonneg) = match &expr {
        Expr::Cast(c) if is_signed_int(&c.ty) => {
            let inner = values::tokens(&c.expr);
            match declared_type(cx, &c.expr).as_deref() {
                Some("u32") => (inner, true),
                Some("u8" | "u16") => (format!("u32::from({inner})"), true),
                Some(t) if is_signed_name(t) => (abs(), never_negative(cx, call, &text)),
                _ => (format!("{inner} as u32"), true),
            }
        }
        _ => (abs(), never_negative(cx, call, &text)),
    };
    Some(Count {
        text: Some(text),
        lit: 1,
        months: format!("12 * {u32_form}"),
        nonneg,
    })
}

fn is_signed_name(t: &str) -> bool {
    matches!(t, "i8" | "i16" | "i32" | "i64" | "i128" | "isize")
}

fn is_signed_int(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.get_ident().is_some_and(|i| is_signed_name(&i.to_string())))
}

/// `text` as the receiver of a method call: parenthesised unless it already binds tighter.
fn postfix(text: &str, e: &Expr) -> String {
    match e {
        Expr::Path(_)
        | Expr::MethodCall(_)
        | Expr::Call(_)
        | Expr::Field(_)
        | Expr::Paren(_)
        | Expr::Index(_)
        | Expr::Macro(_) => text.to_string(),
        Expr::Lit(_) if !text.starts_with('-') => text.to_string(),
        _ => format!("({text})"),
    }
}

/// The facts say the amount written `text` (found in the year argument or the `let` it comes
/// from) is never negative.
fn never_negative(cx: &ExprCx<'_, '_>, call: &CtorCall<'_>, text: &str) -> bool {
    use syn::visit::Visit;
    struct Find<'t, 'ast> {
        text: &'t str,
        found: Option<&'ast Expr>,
    }
    impl<'ast> Visit<'ast> for Find<'_, 'ast> {
        fn visit_expr(&mut self, e: &'ast Expr) {
            if self.found.is_none() && values::tokens(e) == self.text {
                self.found = Some(e);
            }
            syn::visit::visit_expr(self, e);
        }
    }
    let Some(arg) = call.arg(Role::Year) else {
        return false;
    };
    let mut places = vec![arg];
    if let Expr::Path(p) = values::peel(arg) {
        if let Some(i) = p.path.get_ident() {
            if let Some(crate::bindings::BoundTo::Expr(init)) =
                cx.binding(&i.to_string(), syn::spanned::Spanned::span(arg).start())
            {
                places.push(init);
            }
        }
    }
    places.iter().any(|e| {
        let mut f = Find { text, found: None };
        f.visit_expr(e);
        f.found
            .and_then(|n| fact(cx.facts(), n))
            .and_then(|f| f.set())
            .and_then(|s| s.lo())
            .is_some_and(|lo| lo >= 0)
    })
}

/// The type an expression is declared with in this file, by its last path segment: a
/// parameter's type, a same-file function's or method's return type, a struct field's type,
/// a cast's target (`u32`, `NaiveDate`).
fn declared_type(cx: &ExprCx<'_, '_>, e: &Expr) -> Option<String> {
    match values::peel_parens(e) {
        Expr::Path(p) => {
            let name = p.path.get_ident()?.to_string();
            cx.func?.param_type(&name).map(str::to_string)
        }
        Expr::Cast(c) => last_segment(&c.ty),
        Expr::MethodCall(m) if m.method == "len" || m.method == "count" => {
            Some("usize".to_string())
        }
        Expr::MethodCall(m) => fn_return_type(cx, &m.method.to_string(), true),
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => fn_return_type(cx, &p.path.get_ident()?.to_string(), false),
            _ => None,
        },
        Expr::Field(f) => {
            let syn::Member::Named(member) = &f.member else {
                return None;
            };
            let mut found: Option<String> = None;
            for item in &cx.file.file.items {
                let syn::Item::Struct(s) = item else { continue };
                for fld in &s.fields {
                    if fld.ident.as_ref() == Some(member) {
                        let t = last_segment(&fld.ty)?;
                        if found.as_ref().is_some_and(|prev| *prev != t) {
                            return None;
                        }
                        found = Some(t);
                    }
                }
            }
            found
        }
        _ => None,
    }
}

/// The return type of the functions (or, `method`, methods) of this name in the file, when
/// they agree.
fn fn_return_type(cx: &ExprCx<'_, '_>, name: &str, method: bool) -> Option<String> {
    let mut sigs: Vec<&syn::Signature> = Vec::new();
    for item in &cx.file.file.items {
        match item {
            syn::Item::Fn(f) if !method => sigs.push(&f.sig),
            syn::Item::Impl(i) if method => {
                for it in &i.items {
                    if let syn::ImplItem::Fn(f) = it {
                        sigs.push(&f.sig);
                    }
                }
            }
            _ => {}
        }
    }
    let mut found: Option<String> = None;
    for sig in sigs.into_iter().filter(|s| s.ident == name) {
        let syn::ReturnType::Type(_, ty) = &sig.output else {
            return None;
        };
        let t = last_segment(ty)?;
        if found.as_ref().is_some_and(|prev| *prev != t) {
            return None;
        }
        found = Some(t);
    }
    found
}

fn last_segment(mut ty: &syn::Type) -> Option<String> {
    while let syn::Type::Reference(r) = ty {
        ty = &r.elem;
    }
    match ty {
        syn::Type::Path(p) => Some(p.path.segments.last()?.ident.to_string()),
        _ => None,
    }
}

/// The type of the date written `src` (a parameter or a `let` in the function), by its last
/// segment, when the syntax tells: `DateTime` for `Utc::now()`, `NaiveDate` for
/// `.date_naive()`.
fn source_type(cx: &ExprCx<'_, '_>, call: &CtorCall<'_>, src: &str) -> Option<String> {
    let e: Expr = syn::parse_str(src).ok()?;
    if let Expr::Path(p) = &e {
        let name = p.path.get_ident()?.to_string();
        if let Some(t) = cx.func.and_then(|f| f.param_type(&name)) {
            return Some(resolved_type(cx, t));
        }
        let at = syn::spanned::Spanned::span(call.node).start();
        return match cx.binding(&name, at)? {
            crate::bindings::BoundTo::Expr(init) => expr_type(init),
            crate::bindings::BoundTo::Opaque => None,
        };
    }
    expr_type(&e)
}

/// A type name as the file imports it: `ChronoDateTime` from `use chrono::DateTime as
/// ChronoDateTime` is `DateTime`.
fn resolved_type(cx: &ExprCx<'_, '_>, name: &str) -> String {
    let r = cx.imports().resolve_segments(&[name.to_string()], false);
    match r.krate {
        Some(Crate::Chrono | Crate::Jiff | Crate::Time) => r.last().to_string(),
        _ => name.to_string(),
    }
}

/// The date type an expression builds, by its shape.
fn expr_type(e: &Expr) -> Option<String> {
    let t = match e {
        Expr::Paren(p) => return expr_type(&p.expr),
        Expr::Try(t) => return expr_type(&t.expr),
        Expr::MethodCall(m) => match m.method.to_string().as_str() {
            "unwrap" | "expect" | "single" | "earliest" | "latest" => {
                return expr_type(&m.receiver)
            }
            "date_naive" => "NaiveDate",
            "naive_local" | "naive_utc" => "NaiveDateTime",
            "with_timezone" | "with_ymd_and_hms" => "DateTime",
            _ => return None,
        },
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return None };
            let segs: Vec<String> = crate::values::segment_names(&p.path);
            match segs
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice()
            {
                [.., "Utc" | "Local", "now"] => "DateTime",
                [.., "NaiveDate", f] if f.starts_with("from_") => "NaiveDate",
                [.., "Zoned", "now"] => "Zoned",
                [.., "civil", "date"] => "Date",
                _ => return None,
            }
        }
        _ => return None,
    };
    Some(t.to_string())
}

/// What the fix starts from: a date value to add calendar time to, or the call itself with
/// the year unshifted (`NaiveDate::from_ymd_opt(s.year, s.month, s.day)`), which has the
/// call's own type.
enum Form {
    Direct(String),
    Rebuild(String),
}

/// The call with its year argument unshifted: `from_ymd_opt(d.year(), d.month(), d.day())`.
fn rebuilt_call(cx: &ExprCx<'_, '_>, call: &CtorCall<'_>, field: &values::Field) -> Option<String> {
    let arg = call.arg(Role::Year)?;
    let base = match values::peel_parens(arg) {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::Sub(_)) => cx.text(&*b.left).to_string(),
        Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_)) => {
            let left = values::classify(cx, &b.left);
            let side = if left
                .field()
                .is_some_and(|f| f.role == Role::Year && f.shift == values::Shift::None)
            {
                &*b.left
            } else {
                &*b.right
            };
            cx.text(side).to_string()
        }
        _ if field.accessor => format!("{}.year()", field.source.as_deref()?),
        _ => return None,
    };
    // The base must itself be the year unchanged (not `d.year() - n` of `d.year() - n - 1`).
    let base_expr: Expr = syn::parse_str(&base).ok()?;
    if values::classify(cx, &base_expr)
        .field()
        .is_some_and(|f| f.shift != values::Shift::None)
    {
        return None;
    }
    let text = cx.text(call.node);
    let arg_text = cx.text(arg);
    let at = text.find(arg_text)?;
    Some(format!(
        "{}{base}{}",
        &text[..at],
        &text[at + arg_text.len()..]
    ))
}

/// The replacement needs parentheses where it stands: `(d + Months::new(12)).weekday()`.
fn needs_parens(cx: &ExprCx<'_, '_>) -> bool {
    matches!(
        cx.parent(0),
        Some(
            Expr::MethodCall(_)
                | Expr::Field(_)
                | Expr::Try(_)
                | Expr::Unary(_)
                | Expr::Cast(_)
                | Expr::Binary(_)
                | Expr::Index(_)
                | Expr::Reference(_)
                | Expr::Await(_)
                | Expr::Range(_)
        )
    )
}

/// A closure parameter name that the count does not use.
fn closure_var(count: &str) -> &'static str {
    ["d", "date", "day0", "x"]
        .into_iter()
        .find(|v| {
            !count
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|w| w == *v)
        })
        .unwrap_or("x")
}

const CHRONO_DATES: &[&str] = &["NaiveDate", "NaiveDateTime", "DateTime"];

fn help<'ast>(
    cx: &ExprCx<'_, 'ast>,
    call: &CtorCall<'ast>,
    field: &values::Field,
    holder: &Holder,
    source: Option<&str>,
    years: i128,
) -> Help {
    let sub = years < 0;
    let ordinal = call.row.index_of(Role::Ordinal).is_some();
    let count = count(cx, call, field);
    let src = source.unwrap_or("date");
    let on = source.map(|s| format!(" on `{s}`")).unwrap_or_default();
    let text_only = |message: String| Help { message, fix: None };
    // The month and day are not the year's date's: no arithmetic on that date replaces this
    // call (it would drop them), so say what to check.
    let other = match holder {
        Holder::Same { .. } => None,
        Holder::Date { name, .. } => Some(match source {
            Some(s) => format!("`{name}`'s month and day are not `{s}`'s"),
            None => {
                format!("`{name}`'s month and day are not read from the date the year comes from")
            }
        }),
        Holder::Values { foreign, .. } => Some(foreign.clone()),
    };
    match call.row.krate {
        Crate::Chrono => {
            let method = if sub {
                "checked_sub_months"
            } else {
                "checked_add_months"
            };
            let other_method = if sub {
                "checked_add_months"
            } else {
                "checked_sub_months"
            };
            let months_in_scope = imports::name_at(cx, call.node, "chrono", "Months");
            let months = months_in_scope.code.as_str();
            if let Some(what) = other {
                let sign = match &count {
                    Some(Count {
                        text: Some(t),
                        nonneg: false,
                        ..
                    }) => {
                        format!(" (`{other_method}` for a negative `{t}`)")
                    }
                    _ => String::new(),
                };
                return text_only(format!(
                    "{what}, so calendar arithmetic{on} does not replace this: check the day \
                     against the target month's length first (Feb 29 becomes Feb 28, or is rejected), \
                     or apply `{method}({months}::new(12))`{sign} to a date that already has this month \
                     and day"
                ));
            }
            let message = if ordinal {
                "add calendar months instead: chrono keeps Dec 31 on Dec 31".to_string()
            } else {
                "add calendar months instead: chrono moves Feb 29 to Feb 28".to_string()
            };
            let Some(count) = count else {
                return text_only(format!(
                    "add calendar months instead (`{src}.{method}({months}::new(12))`): {}",
                    &message["add calendar months instead: ".len()..]
                ));
            };
            let caveat = match (&count.text, count.nonneg) {
                (Some(t), false) => format!("; for a negative `{t}` it is `{other_method}`"),
                _ => String::new(),
            };
            let arg = format!("{months}::new({})", count.months);
            let form = chrono_form(cx, call, field, holder, source);
            let Some(form) = form else {
                let rest = &message["add calendar months instead: ".len()..];
                return text_only(if call.row.zoned {
                    format!(
                        "compute the date with calendar months first, then set its time of day and zone \
                         (`{src}.date_naive().{method}({arg})`): {rest}{caveat}"
                    )
                } else {
                    format!("add calendar months instead (`{src}.{method}({arg})`): {rest}{caveat}")
                });
            };
            let op = if sub { "-" } else { "+" };
            let code = match (&form, call.panics) {
                (Form::Direct(x) | Form::Rebuild(x), true) => {
                    let e = format!("{x} {op} {arg}");
                    if needs_parens(cx) {
                        format!("({e})")
                    } else {
                        e
                    }
                }
                (Form::Direct(x), false) => format!("{x}.{method}({arg})"),
                (Form::Rebuild(x), false) => {
                    let v = closure_var(&count.months);
                    format!("{x}.and_then(|{v}| {v}.{method}({arg}))")
                }
            };
            // A count whose sign is not known has no direction-safe rewrite: shown, not applied.
            let applicability = if count.nonneg {
                Applicability::Unsafe
            } else {
                Applicability::DisplayOnly
            };
            Help {
                message: format!("{message}{caveat}"),
                fix: Some(
                    Fix::replace(cx.span(call.node), code, applicability)
                        .with(months_in_scope.edit.clone()),
                ),
            }
        }
        Crate::Jiff => {
            let method = if sub { "checked_sub" } else { "checked_add" };
            let to_span_import = imports::trait_at(cx, call.node, "jiff", "ToSpan");
            let to_span = to_span_import.is_some();
            let span = match (&count, to_span) {
                (
                    Some(Count {
                        text: None, lit: 1, ..
                    }),
                    true,
                ) => "1.year()".to_string(),
                (
                    Some(Count {
                        text: None, lit, ..
                    }),
                    true,
                ) => format!("{lit}.years()"),
                (
                    Some(Count {
                        text: None, lit, ..
                    }),
                    false,
                ) => {
                    format!("jiff::Span::new().years({lit})")
                }
                (Some(Count { text: Some(t), .. }), true) => match syn::parse_str::<Expr>(t) {
                    Ok(e) => format!("{}.years()", postfix(t, &e)),
                    Err(_) => format!("jiff::Span::new().years({t})"),
                },
                (Some(Count { text: Some(t), .. }), false) => {
                    format!("jiff::Span::new().years({t})")
                }
                (None, _) => "1.year()".to_string(),
            };
            if let Some(what) = other {
                return text_only(format!(
                    "{what}, so a calendar span{on} does not replace this: check the day against \
                     the target month's length first (`days_in_month()`; Feb 29 becomes Feb 28, or is \
                     rejected), or apply `{method}({span})` to a date that already has this month and day"
                ));
            }
            let message = "add a calendar span instead: jiff moves Feb 29 to Feb 28".to_string();
            if count.is_none() {
                return text_only(message);
            }
            let Some((form, span_over)) = jiff_form(cx, call, field, holder, source) else {
                return text_only(format!("{message}: e.g. `{src}.{method}({span})`"));
            };
            let op = if sub { "-" } else { "+" };
            let code = match (&form, call.panics) {
                (Form::Direct(x) | Form::Rebuild(x), true) => {
                    let e = format!("{x} {op} {span}");
                    if needs_parens(cx) {
                        format!("({e})")
                    } else {
                        e
                    }
                }
                (Form::Direct(x), false) => format!("{x}.{method}({span})"),
                (Form::Rebuild(x), false) => {
                    let v = closure_var(&span);
                    format!("{x}.and_then(|{v}| {v}.{method}({span}))")
                }
            };
            Help {
                message,
                fix: Some(
                    Fix::replace(span_over, code, Applicability::Unsafe)
                        .with(to_span_import.flatten()),
                ),
            }
        }
        Crate::Time if ordinal => text_only(
            "time has no calendar-year addition: clamp the day of the year to the target year's \
             length (`time::util::days_in_year(year)`), or go through the calendar date"
                .to_string(),
        ),
        Crate::Time => {
            let clamp = match holder {
                Holder::Same { .. } => format!("{src}.day().min({src}.month().length(year))"),
                Holder::Date { name, .. } => {
                    format!("{name}.day().min({name}.month().length(year))")
                }
                Holder::Values { month, day, .. } => format!("{day}.min({month}.length(year))"),
            };
            let message = format!(
                "time has no calendar-year addition: clamp the day to the target month, e.g. `{clamp}`"
            );
            match time_fix(cx, call) {
                Some(fix) => Help {
                    message,
                    fix: Some(fix),
                },
                None => text_only(message),
            }
        }
        Crate::Rcgen => {
            let method = if sub {
                "checked_sub_months"
            } else {
                "checked_add_months"
            };
            text_only(format!(
                "rcgen takes time's date fields: build the expiry from a day that exists in the target \
                 year (time: `now.day().min(now.month().length(year))`; chrono: \
                 `today.{method}(Months::new(12))`), then pass its year, month and day"
            ))
        }
        _ => {
            let method = if sub {
                "checked_sub_months"
            } else {
                "checked_add_months"
            };
            text_only(format!(
                "compute the date with calendar arithmetic that clamps Feb 29 (chrono: \
                 `today.{method}(Months::new(12))`), then pass its year, month and day"
            ))
        }
    }
}

/// time: the day clamped to the target month, which the time crate has no calendar-year
/// addition to do: a constructor's day argument `d.day()` becomes
/// `d.day().min(d.month().length(year))` (the year and month as the call writes them), and
/// `d.replace_year(year)` on a local date becomes `Date::from_calendar_date(year, d.month(),
/// d.day().min(d.month().length(year)))` (`.map(|date| d.replace_date(date))` for a date-time).
/// The same `Result` type; Feb 29 becomes Feb 28 instead of an error, hence unsafe. Only where
/// the month is a date's own `Month` (`x.month()`), whose `length` the clamp calls.
fn time_fix(cx: &ExprCx<'_, '_>, call: &CtorCall<'_>) -> Option<Fix> {
    let year = values::tokens(call.arg(Role::Year)?);
    if call.row.sets.is_none() {
        let (month, day) = (call.arg(Role::Month)?, call.arg(Role::Day)?);
        let month = values::tokens(month);
        if !month.ends_with(".month()") {
            return None;
        }
        let day_text = cx.text(day);
        return Some(Fix::replace(
            cx.span(day),
            format!("{day_text}.min({month}.length({year}))"),
            Applicability::Unsafe,
        ));
    }
    let Expr::Path(p) = values::peel_parens(call.receiver?) else {
        return None;
    };
    let d = p.path.get_ident()?.to_string();
    let ty = cx
        .func
        .and_then(|f| f.param_type(&d))
        .map(|t| resolved_type(cx, t));
    let wrap = match ty.as_deref() {
        Some("Date") => None,
        Some("PrimitiveDateTime" | "OffsetDateTime") => {
            Some(format!(".map(|date| {d}.replace_date(date))"))
        }
        _ => return None,
    };
    let date = imports::name_at(cx, call.node, "time", "Date");
    let year = cx.text(call.arg(Role::Year)?);
    Some(
        Fix::replace(
            cx.span(call.node),
            format!(
                "{}::from_calendar_date({year}, {d}.month(), {d}.day().min({d}.month().length({year}))){}",
                date.code,
                wrap.unwrap_or_default()
            ),
            Applicability::Unsafe,
        )
        .with(date.edit),
    )
}

/// chrono: what a fix adds months to, when it keeps the call's type (`None`: no machine fix).
fn chrono_form(
    cx: &ExprCx<'_, '_>,
    call: &CtorCall<'_>,
    field: &values::Field,
    holder: &Holder,
    source: Option<&str>,
) -> Option<Form> {
    if !matches!(holder, Holder::Same { exact: true }) || call.row.zoned {
        return None;
    }
    if call.row.sets.is_some() {
        // `x.with_year(..)` → `x.checked_add_months(..)`: the same type, unless `x` is a
        // generic `T: Datelike` (no `checked_add_months` there).
        let receiver = call.receiver?;
        if let Expr::Path(p) = values::peel_parens(receiver) {
            let ty = p
                .path
                .get_ident()
                .and_then(|i| cx.func.and_then(|f| f.param_type(&i.to_string())))
                .map(|t| resolved_type(cx, t));
            if ty.is_some_and(|t| !CHRONO_DATES.contains(&t.as_str())) {
                return None;
            }
        }
        return Some(Form::Direct(cx.text(receiver).to_string()));
    }
    if let Some(helper) = &call.helper {
        // A same-file helper that unwraps the constructor: the rebuilt call returns its date
        // type, to which `+ Months` applies.
        let ret = fn_return_type(cx, helper, false)?;
        if !call.panics || !CHRONO_DATES.contains(&ret.as_str()) {
            return None;
        }
        return rebuilt_call(cx, call, field).map(Form::Rebuild);
    }
    // `NaiveDate::from_ymd_opt`/`from_ymd`/`from_yo_opt`/`from_yo`: a `NaiveDate`.
    let builds_naive_date = matches!(
        call.row.callee,
        crate::api::Callee::Assoc { ty: "NaiveDate", func }
            if matches!(func, "from_ymd_opt" | "from_ymd" | "from_yo_opt" | "from_yo")
    );
    if !builds_naive_date {
        return None;
    }
    let direct = field.accessor.then_some(source).flatten().and_then(|src| {
        match source_type(cx, call, src)?.as_str() {
            "NaiveDate" => Some(src.to_string()),
            "NaiveDateTime" => Some(format!("{src}.date()")),
            "DateTime" => Some(format!("{src}.date_naive()")),
            _ => None,
        }
    });
    match direct {
        Some(d) => Some(Form::Direct(d)),
        None => rebuilt_call(cx, call, field).map(Form::Rebuild),
    }
}

/// jiff: what a fix adds a span to, and the span it replaces (the builder's `.build()` too).
fn jiff_form(
    cx: &ExprCx<'_, '_>,
    call: &CtorCall<'_>,
    field: &values::Field,
    holder: &Holder,
    source: Option<&str>,
) -> Option<(Form, crate::Span)> {
    if !matches!(holder, Holder::Same { exact: true }) || call.helper.is_some() {
        return None;
    }
    if call.row.sets.is_some() {
        // `d.with().year(..).build()` → `d.checked_add(..)`: the same type (`Date`,
        // `DateTime`, `Zoned`), replacing through `.build()`.
        let (base, _) = jiff_builder_base(call.receiver?)?;
        let Some(Expr::MethodCall(build)) = cx.parent(0) else {
            return None;
        };
        if build.method != "build" || !std::ptr::eq(&*build.receiver, call.node) {
            return None;
        }
        let whole: &Expr = cx.parent(0)?;
        return Some((Form::Direct(cx.text(base).to_string()), cx.span(whole)));
    }
    let builds_date = matches!(
        call.row.callee,
        crate::api::Callee::Free {
            path: "civil::date"
        } | crate::api::Callee::Assoc {
            ty: "Date",
            func: "new"
        }
    );
    let direct = (builds_date && field.accessor)
        .then_some(source)
        .flatten()
        .and_then(|src| match source_type(cx, call, src)?.as_str() {
            "Date" => Some(src.to_string()),
            "Zoned" | "DateTime" => Some(format!("{src}.date()")),
            _ => None,
        });
    let form = match direct {
        Some(d) => Form::Direct(d),
        None => Form::Rebuild(rebuilt_call(cx, call, field)?),
    };
    Some((form, cx.span(call.node)))
}

/// `NaiveDate::parse_from_str(&format!("{}-{}-{}", d.year() + 1, d.month(), d.day()), ..)`:
/// the same impossible date, rebuilt through a string.
pub fn check_string_rebuild<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let Some(text_arg) = parser_text_arg(cx, e) else {
        return;
    };
    let Some(fmt) = format_call(cx, text_arg, 0) else {
        return;
    };
    let syn::Expr::Call(fc) = fmt else { return };
    let (year, _, keeps_day) = formatted_fields(cx, e, fc);
    let (Some(year), true) = (year, keeps_day) else {
        return;
    };
    let years = shift_years(&year);
    if guards::guarded(cx, e, Guard::LeapDay) {
        return;
    }
    // The same policy as a constructor's: a panic is certain, a failure returned or replaced
    // by a fallback is possible, a handled one is silent.
    let Some(mut verdict) = crate::verdict::verdict_at(cx, e, false, None) else {
        return;
    };
    if verdict.on_failure == guards::OnFailure::Panics {
        verdict.certainty = Certainty::Certain;
    }
    let outcome = match verdict.on_failure {
        guards::OnFailure::Panics => "panics",
        guards::OnFailure::WrongFallback(_) => "falls back",
        _ => "fails to parse",
    };
    let (from, to) = calendar::leap_day_break(cx.today(), years);
    let line = syn::spanned::Spanned::span(fmt).start().line;
    cx.emit(
        Diagnostic {
            lint: &YEAR_ARITHMETIC_ON_DATE,
            certainty: verdict.certainty,
            message: "year arithmetic on a date: a date string built with a shifted year and the same month and day is parsed".to_string(),
            span: cx.span(e),
            label: format!("{outcome} when the original date is Feb 29"),
            notes: [
                Some(format!("the string is built by the `format!` on line {line}")),
                Some(format!("on {from} this builds {to}, which does not exist")),
                verdict.consequence("Feb 29"),
            ]
            .into_iter()
            .flatten()
            .collect(),
            help: Some(Help {
                message: format!(
                    "do the arithmetic on the date, not on its text: {}",
                    calendar_shift(cx, &year, years)
                ),
                fix: None,
            }),
        },
        Some(cx.span(e)),
    );
}

/// The text a date parser reads, when `e` is a call of one: `NaiveDate::parse_from_str(text,
/// ..)`, jiff's `strptime(.., text)`, `text.parse::<NaiveDate>()`.
fn parser_text_arg<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) -> Option<&'ast Expr> {
    match e {
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return None };
            let r = cx.imports().resolve(&p.path);
            let known = crate::api::DATE_PARSERS.iter().any(|(k, ty, f)| {
                r.last() == *f
                    && r.owner() == Some(*ty)
                    && (r.krate == Some(*k) || r.krate.is_none() && *f != "parse")
            });
            // jiff's `strptime(format, input)` takes the text second.
            let text_index = usize::from(r.last() == "strptime");
            c.args.iter().nth(text_index).filter(|_| known)
        }
        Expr::MethodCall(m) if m.method == "parse" && m.turbofish.is_some() => {
            let ty = m.turbofish.as_ref().map(values::tokens).unwrap_or_default();
            [
                "NaiveDate",
                "NaiveDateTime",
                "Date",
                "DateTime",
                "PrimitiveDateTime",
                "Zoned",
            ]
            .iter()
            .any(|t| ty.contains(t))
            .then_some(&*m.receiver)
        }
        _ => None,
    }
}

/// What the arguments of a `format!` call (or the names its string captures) hold: a year
/// shifted by a number of years, a month and a day copied from a date.
fn formatted_fields(
    cx: &ExprCx<'_, '_>,
    at: &Expr,
    fc: &syn::ExprCall,
) -> (Option<values::Field>, bool, bool) {
    let mut values: Vec<Value> = fc
        .args
        .iter()
        .skip(1)
        .map(|a| values::classify(cx, a))
        .collect();
    // Inline captures: `format!("{y}-{m:02}-{d:02}")`.
    if let Some(Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(s),
        ..
    })) = fc.args.first()
    {
        for name in captures(&s.value()) {
            if let Some(crate::bindings::BoundTo::Expr(init)) =
                cx.binding(&name, values::start_of(at))
            {
                values.push(values::classify(cx, init));
            }
        }
    }
    let mut year = None;
    let (mut keeps_month, mut keeps_day) = (false, false);
    for v in &values {
        if let Some(f) = v.shifted(Role::Year) {
            year = Some(f.clone());
        }
        keeps_month |= v.copied(Role::Month).is_some();
        keeps_day |= v.copied(Role::Day).is_some();
    }
    (year, keeps_month, keeps_day)
}

/// A date encoded with a shifted year and its own month and day, outside a parser: an integer
/// `(y + 1) * 10000 + m * 100 + d` (YYYYMMDD), or text `format!("{}{:02}{:02}", y + 1, m, d)`
/// that no parse in the function reads back (that one is reported at the parse). Such a value
/// holds Feb 29 of a common year: a warning, since what fails is whatever decodes it.
pub fn check_encoded<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let (year, what) = match e {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_)) => {
            // The whole sum only, not its inner sums.
            if matches!(cx.parent(0), Some(Expr::Binary(p)) if matches!(p.op, syn::BinOp::Add(_)))
                || matches!(cx.parent(0), Some(Expr::Paren(_)))
                    && matches!(cx.parent(1), Some(Expr::Binary(p)) if matches!(p.op, syn::BinOp::Add(_) | syn::BinOp::Mul(_)))
            {
                return;
            }
            let Some(year) = encoded_integer(cx, e) else {
                return;
            };
            (year, "an integer YYYYMMDD")
        }
        Expr::Call(c) if macros::macro_name(e) == Some("format") => {
            let (Some(year), true, true) = formatted_fields(cx, e, c) else {
                return;
            };
            if parsed_in_function(cx, e) {
                return;
            }
            (year, "a date string")
        }
        _ => return,
    };
    if guards::guarded(cx, e, Guard::LeapDay) || only_compared(cx, e) {
        return;
    }
    let years = shift_years(&year);
    let (from, to) = calendar::leap_day_break(cx.today(), years);
    cx.emit(
        Diagnostic {
            lint: &YEAR_ARITHMETIC_ON_DATE,
            certainty: Certainty::Possible,
            message: format!(
                "year arithmetic on a date: {what} built from a shifted year and the same month and day"
            ),
            span: cx.span(e),
            label: "holds a Feb 29 that does not exist when the original date is Feb 29".to_string(),
            notes: vec![
                format!("on {from} this encodes {to}, which does not exist"),
                "a warning: what fails is the code that decodes it, or compares it with real dates"
                    .to_string(),
            ],
            help: Some(Help {
                message: format!(
                    "shift the date, then encode it: {}",
                    calendar_shift(cx, &year, years)
                ),
                fix: None,
            }),
        },
        None,
    );
}

/// Calendar arithmetic by `years` in the date crates the file uses (all three when it names
/// none): the help for a date that is rebuilt from its fields, where no call says which.
fn calendar_shift(cx: &ExprCx<'_, '_>, year: &values::Field, years: i128) -> String {
    let n = years.unsigned_abs();
    let (op, sign) = if years < 0 {
        ("sub", '-')
    } else {
        ("add", '+')
    };
    let forms = [
        (
            Crate::Chrono,
            format!("chrono `checked_{op}_months(Months::new({}))`", 12 * n),
        ),
        (Crate::Jiff, format!("jiff `checked_{op}({n}.years())`")),
        (
            Crate::Time,
            format!(
                "time `Date::from_calendar_date(y {sign} {n}, m, d.day().min(m.length(y {sign} {n})))`"
            ),
        ),
    ];
    let date_crate = year.source.as_deref().and_then(|s| source_crate(cx, s));
    let used: Vec<&String> = forms
        .iter()
        .filter(|(k, _)| match date_crate {
            Some(c) => c == *k,
            None => cx.imports().uses_crate(*k),
        })
        .map(|(_, f)| f)
        .collect();
    let chosen: Vec<&String> = if used.is_empty() {
        forms.iter().map(|(_, f)| f).collect()
    } else {
        used
    };
    chosen
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The years a year field is shifted by; its sign when the amount is not a literal.
fn shift_years(year: &values::Field) -> i128 {
    year.shift.amount().unwrap_or_else(|| year.shift.sign())
}

/// The date crate of a parameter named `src`, by its declared type as the file resolves it
/// (`d: time::Date`, `d: NaiveDate` with `use chrono::NaiveDate`).
fn source_crate(cx: &ExprCx<'_, '_>, src: &str) -> Option<Crate> {
    cx.func?.sig.inputs.iter().find_map(|arg| {
        let syn::FnArg::Typed(pt) = arg else {
            return None;
        };
        let syn::Pat::Ident(name) = &*pt.pat else {
            return None;
        };
        if name.ident != src {
            return None;
        }
        let mut ty = &*pt.ty;
        while let syn::Type::Reference(r) = ty {
            ty = &r.elem;
        }
        let syn::Type::Path(p) = ty else { return None };
        cx.imports().resolve(&p.path).krate
    })
}

/// The encoded value is only compared (`key > max`, also through a `let`): as a bound,
/// 20290229 sorts between 20290228 and 20290301, and nothing decodes it.
fn only_compared<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) -> bool {
    fn compared<'ast>(parents: &[&'ast Expr], node: &'ast Expr) -> Result<bool, &'ast Expr> {
        let mut child = node;
        for &parent in parents.iter().rev() {
            match parent {
                Expr::Paren(_) | Expr::Group(_) | Expr::Cast(_) | Expr::Reference(_) => {}
                Expr::Binary(b) => {
                    use syn::BinOp::*;
                    return Ok(matches!(b.op, Lt(_) | Le(_) | Gt(_) | Ge(_)));
                }
                _ => return Err(child),
            }
            child = parent;
        }
        Err(child)
    }
    let reached = match compared(cx.parents, e) {
        Ok(c) => return c,
        Err(reached) => reached,
    };
    // `let max = ..;` then only comparisons of `max`.
    let Some(f) = cx.func else { return false };
    let Some(binding) = f.bindings.iter().find(
        |b| matches!(b.value, crate::bindings::BoundTo::Expr(init) if std::ptr::eq(init, reached)),
    ) else {
        return false;
    };
    let mut after = binding.at;
    let mut uses = 0;
    while let Some((chain, node)) = guards::first_use(f.body, &binding.name, after) {
        if compared(&chain, node) != Ok(true) {
            return false;
        }
        uses += 1;
        after = values::start_of(node);
    }
    uses > 0
}

/// `(y + 1) * 10000 + m * 100 + d`, also `((y + 1) * 100 + m) * 100 + d`: the years the year
/// is shifted by, when the month and day are a date's own.
fn encoded_integer(cx: &ExprCx<'_, '_>, e: &Expr) -> Option<values::Field> {
    /// A sum with a product in it (`y * 100 + m`): its terms have scales; a sum without
    /// (`d.year() + 1`) is one term.
    fn scaled(e: &Expr) -> bool {
        match e {
            Expr::Paren(p) => scaled(&p.expr),
            Expr::Cast(c) => scaled(&c.expr),
            Expr::Binary(b) => {
                matches!(b.op, syn::BinOp::Mul(_)) || scaled(&b.left) || scaled(&b.right)
            }
            _ => false,
        }
    }
    /// The terms of a sum with their scales.
    fn terms<'e>(e: &'e Expr, scale: i128, out: &mut Vec<(&'e Expr, i128)>) {
        match e {
            Expr::Paren(p) => terms(&p.expr, scale, out),
            Expr::Cast(c) => terms(&c.expr, scale, out),
            Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_)) && scaled(e) => {
                terms(&b.left, scale, out);
                terms(&b.right, scale, out);
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::Mul(_)) => {
                match (values::const_int(&b.left), values::const_int(&b.right)) {
                    (None, Some(k)) => terms(&b.left, scale * k, out),
                    (Some(k), None) => terms(&b.right, scale * k, out),
                    _ => out.push((e, scale)),
                }
            }
            _ => out.push((e, scale)),
        }
    }
    let mut parts = Vec::new();
    terms(e, 1, &mut parts);
    if parts.len() != 3 {
        return None;
    }
    let at = |k: i128| {
        parts
            .iter()
            .find(|(_, s)| *s == k)
            .map(|(x, _)| values::classify(cx, x))
    };
    let (year, month, day) = (at(10_000)?, at(100)?, at(1)?);
    let year = year.shifted(Role::Year)?.clone();
    (month.copied(Role::Month).is_some() && day.copied(Role::Day).is_some()).then_some(year)
}

/// A date parser in the function reads this `format!` back (then the parse is reported).
fn parsed_in_function<'ast>(cx: &ExprCx<'_, 'ast>, fmt: &'ast Expr) -> bool {
    use syn::visit::Visit;
    struct Parses<'a, 'c, 'ast> {
        cx: &'a ExprCx<'c, 'ast>,
        fmt: &'ast Expr,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Parses<'_, '_, 'ast> {
        fn visit_expr(&mut self, e: &'ast Expr) {
            if let Some(text) = parser_text_arg(self.cx, e) {
                if format_call(self.cx, text, 0).is_some_and(|f| std::ptr::eq(f, self.fmt)) {
                    self.found = true;
                }
            }
            syn::visit::visit_expr(self, e);
        }
    }
    let Some(f) = cx.func else { return false };
    let mut p = Parses {
        cx,
        fmt,
        found: false,
    };
    p.visit_block(f.body);
    p.found
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
