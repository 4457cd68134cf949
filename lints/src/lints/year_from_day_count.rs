//! `year_from_day_count`: a count of days (or hours, minutes, seconds, milliseconds) divided
//! into years by a 365-day year, and used as a calendar year (`1970 + days / 365`) or as an
//! age (`let age = (today - birth).num_days() / 365`). The division is found by its divisor;
//! the use by what the quotient is added to (an epoch year) or named (an age), or by what the
//! count is computed from (a birth date). A quotient with no such use (`days / 365` shown as
//! "about N years") is not reported. Page: `lints/docs/year_from_day_count.md`.

use syn::{BinOp, Expr};

use crate::calendar::{self, CivilDate};
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::registry::{
    Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::values;

pub static YEAR_FROM_DAY_COUNT: Lint = Lint {
    needles: Needles::AllOf(&[
        NeedleGroup::Words(&[
            "365", "8760", "8_760", "525600", "525_600", "31536*", "31_536*",
        ]),
        // The division `check_expr` starts from.
        NeedleGroup::Operator(b'/', &["div_euclid", "checked_div"]),
    ]),
    checks: &[Check::Expr(
        &[Syntax::Binary, Syntax::MethodCall],
        check_expr,
    )],
    // A test that counts from a fixed date asserts one fixed result; one that counts from the
    // clock fails on the days the note names.
    test_code: TestCode::ClockDependent,
    ..Lint::new(
        LintId::YEAR_FROM_DAY_COUNT,
        Group::Correctness,
        Precision::High,
        "a count of days or seconds divided by 365 days and used as a calendar year or an age",
    )
};

/// 365 days in the units people count in.
const YEAR_IN: &[(i128, &str)] = &[
    (365, "days"),
    (8_760, "hours"),
    (525_600, "minutes"),
    (31_536_000, "seconds"),
    (31_536_000_000, "milliseconds"),
];

/// What the quotient is.
enum Meant {
    /// `epoch + count / 365`: a calendar year counted from `epoch`.
    Year { epoch: i32, sum: String },
    /// An age or a number of whole years lived.
    Age { why: String },
}

fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let (count, divisor) = match e {
        Expr::Binary(b) if matches!(b.op, BinOp::Div(_)) => (&*b.left, &*b.right),
        Expr::MethodCall(m)
            if m.args.len() == 1
                && matches!(m.method.to_string().as_str(), "div_euclid" | "checked_div") =>
        {
            (&*m.receiver, &m.args[0])
        }
        _ => return,
    };
    let Some(value) = divisor_value(cx, values::peel(divisor)) else {
        return;
    };
    let Some(&(_, unit)) = YEAR_IN.iter().find(|(v, _)| *v as f64 == value) else {
        return;
    };
    let Some(meant) = meant(cx, e, count) else {
        return;
    };
    let (dated, clock) = from_dates(cx, count, 0);
    let certainty = if dated {
        Certainty::Certain
    } else {
        Certainty::Possible
    };
    let today = cx.today();
    let (message, label, notes, help) = match meant {
        Meant::Year { epoch, sum } => {
            let (day, said) = early_new_year(today, epoch);
            (
                format!("a calendar year computed from a count of {unit} with 365-day years: `{sum}`"),
                "the year changes days before Jan 1: one day earlier every leap year since the epoch"
                    .to_string(),
                vec![format!(
                    "on {day} this gives {said}, while it is still {}: the leap days since {epoch} make a 365-day count reach the next year early",
                    day.year
                )],
                "build the date from the count with the date library and take its year (chrono \
                 `DateTime::from_timestamp(secs, 0)`, `NaiveDate::from_num_days_from_ce_opt`; time \
                 `OffsetDateTime::from_unix_timestamp`; jiff `Timestamp::from_second`), then `.year()`"
                    .to_string(),
            )
        }
        Meant::Age { why } => {
            let (birth, day, before, age) = early_birthday(today);
            (
                format!(
                    "an age computed from a count of {unit} with 365-day years: `{}`",
                    cx.text(e)
                ),
                "one year too old on the days before each birthday: one more day for every Feb 29 lived"
                    .to_string(),
                vec![
                    format!(
                        "born on {birth}: on {day}, {before} days before the {age}th birthday, this already gives {age}"
                    ),
                    format!("read as an age: {why}"),
                ],
                "count whole years on the calendar: chrono `today.years_since(birth)`, jiff \
                 `birth.until((Unit::Year, today))?.get_years()`, time: `today.year() - \
                 birth.year()`, minus 1 before the birthday"
                    .to_string(),
            )
        }
    };
    cx.emit_from(
        Diagnostic {
            lint: &YEAR_FROM_DAY_COUNT,
            certainty,
            message,
            span: cx.span(e),
            label,
            notes,
            help: Some(Help {
                message: help,
                fix: None,
            }),
        },
        None,
        clock,
    );
}

/// The divisor's value, evaluated as written: in floating point when it holds a float literal
/// (`146097.0 / 400.0` is 365.2425, a mean year, not 365); named integer constants of the file.
fn divisor_value(cx: &ExprCx<'_, '_>, e: &Expr) -> Option<f64> {
    match e {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Float(f),
            ..
        }) => f.base10_parse::<f64>().ok(),
        Expr::Paren(p) => divisor_value(cx, &p.expr),
        Expr::Group(g) => divisor_value(cx, &g.expr),
        Expr::Cast(c) => divisor_value(cx, &c.expr),
        Expr::Binary(b) => {
            let (l, r) = (divisor_value(cx, &b.left)?, divisor_value(cx, &b.right)?);
            match b.op {
                BinOp::Add(_) => Some(l + r),
                BinOp::Sub(_) => Some(l - r),
                BinOp::Mul(_) => Some(l * r),
                BinOp::Div(_) if r != 0.0 => {
                    // Integer division truncates: `365 * 4 / 4` is 365, `1461 / 4` is 365 too.
                    let floats = values::tokens(e).contains('.');
                    Some(if floats { l / r } else { (l / r).trunc() })
                }
                _ => None,
            }
        }
        _ => crate::calls::const_arg(cx, e, 0).map(|v| v as f64),
    }
}

/// The words that say a value is an age.
fn is_age_word(w: &str) -> bool {
    matches!(w, "age" | "ages" | "aged")
}

/// What the quotient of `div` is used as: a year when it is added to an epoch year, an age
/// when the value it goes into (or the function returning it) is named for one, or the count
/// comes from a birth date.
fn meant<'ast>(cx: &ExprCx<'_, 'ast>, div: &'ast Expr, count: &Expr) -> Option<Meant> {
    // Up through parentheses, casts and rounding, to a sum with a year.
    let mut child = div;
    for &parent in cx.parents.iter().rev() {
        match parent {
            Expr::Paren(_) | Expr::Group(_) | Expr::Cast(_) => {}
            Expr::MethodCall(m)
                if std::ptr::eq(&*m.receiver, child)
                    && matches!(
                        m.method.to_string().as_str(),
                        "floor" | "trunc" | "round" | "try_into" | "into" | "unwrap"
                    ) => {}
            Expr::Binary(b) if matches!(b.op, BinOp::Add(_)) => {
                let other = if std::ptr::eq(&*b.left, child) {
                    &b.right
                } else {
                    &b.left
                };
                if let Some(epoch) = epoch_year(cx, other) {
                    return Some(Meant::Year {
                        epoch,
                        sum: cx.text(parent).to_string(),
                    });
                }
                break;
            }
            _ => break,
        }
        child = parent;
    }
    let words = |text: &str| crate::durations::words(text);
    let named = cx
        .let_name
        .map(|n| n.to_string())
        .or_else(|| assigned_name(cx, div));
    if let Some(name) = named.filter(|n| words(n).iter().any(|w| is_age_word(w))) {
        return Some(Meant::Age {
            why: format!("`{name}`"),
        });
    }
    if let Some(f) = cx.func {
        if words(&f.name).iter().any(|w| is_age_word(w)) && returned(cx, div) {
            return Some(Meant::Age {
                why: format!("returned by `{}`", f.sig.ident),
            });
        }
    }
    let count_text = count_source(cx, count);
    if words(&count_text).iter().any(|w| {
        matches!(
            w.as_str(),
            "birth" | "born" | "dob" | "birthday" | "birthdate"
        )
    }) {
        return Some(Meant::Age {
            why: "counted from a birth date".to_string(),
        });
    }
    None
}

/// A year to count from: a literal from 1 to 9999 (`1970`, `1900`), or a constant named for an
/// epoch or a year (`EPOCH_YEAR`, `BASE_YEAR`) with such a value, or unknown (1970 assumed).
fn epoch_year(cx: &ExprCx<'_, '_>, e: &Expr) -> Option<i32> {
    let e = values::peel(e);
    if let Some(v) = crate::calls::const_arg(cx, e, 0) {
        return (1..=9999).contains(&v).then_some(v as i32);
    }
    let Expr::Path(p) = e else { return None };
    let name = p
        .path
        .segments
        .last()?
        .ident
        .to_string()
        .to_ascii_lowercase();
    (name.contains("epoch") || name.contains("year")).then_some(1970)
}

/// The name the value is assigned to, `x = ..` or `self.age = ..`, when `div` is (inside) the
/// right-hand side.
fn assigned_name(cx: &ExprCx<'_, '_>, div: &Expr) -> Option<String> {
    let mut child = div;
    for &parent in cx.parents.iter().rev() {
        match parent {
            Expr::Assign(a) if std::ptr::eq(&*a.right, child) => {
                return match values::peel_parens(&a.left) {
                    Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
                    Expr::Field(f) => match &f.member {
                        syn::Member::Named(n) => Some(n.to_string()),
                        syn::Member::Unnamed(_) => None,
                    },
                    _ => None,
                };
            }
            Expr::Struct(s) => {
                return s.fields.iter().find_map(|fv| {
                    (std::ptr::eq(&fv.expr, child)).then(|| match &fv.member {
                        syn::Member::Named(n) => n.to_string(),
                        syn::Member::Unnamed(_) => String::new(),
                    })
                });
            }
            Expr::Paren(_) | Expr::Cast(_) | Expr::MethodCall(_) | Expr::Binary(_) => {}
            _ => return None,
        }
        child = parent;
    }
    None
}

/// The value is the function's result: its tail (through casts and arithmetic) or `return`ed.
fn returned(cx: &ExprCx<'_, '_>, div: &Expr) -> bool {
    let Some(f) = cx.func else { return false };
    let mut child = div;
    for &parent in cx.parents.iter().rev() {
        match parent {
            Expr::Return(_) => return true,
            Expr::Paren(_) | Expr::Cast(_) | Expr::MethodCall(_) | Expr::Binary(_) => {}
            Expr::Call(_) if crate::macros::macro_name(parent).is_none() => {}
            _ => return false,
        }
        child = parent;
    }
    matches!(f.body.stmts.last(), Some(syn::Stmt::Expr(last, None)) if std::ptr::eq(last, child))
}

/// The count as written, with the `let` it comes from (`days` = `(today - birth).num_days()`).
fn count_source(cx: &ExprCx<'_, '_>, count: &Expr) -> String {
    let mut text = values::tokens(count);
    if let Expr::Path(p) = values::peel(count) {
        if let Some(ident) = p.path.get_ident() {
            if let Some(crate::bindings::BoundTo::Expr(init)) =
                cx.binding(&ident.to_string(), ident.span().start())
            {
                text.push(' ');
                text.push_str(&values::tokens(init));
            }
        }
    }
    text
}

/// The count is computed from dates in sight (a difference of dates, a timestamp, a clock
/// read), directly or through one `let`; and whether from the clock.
fn from_dates(cx: &ExprCx<'_, '_>, count: &Expr, depth: u32) -> (bool, bool) {
    const FROM_DATES: &[&str] = &[
        "num_days",
        "whole_days",
        "num_seconds",
        "whole_seconds",
        "num_hours",
        "timestamp",
        "unix_timestamp",
        "as_second",
        "signed_duration_since",
        "duration_since",
        "days_since",
        "since",
        "until",
        "get_days",
        "num_days_from_ce",
        "to_julian_day",
    ];
    const CLOCK: &[&str] = &["now", "now_utc", "now_local", "today"];
    let idents: Vec<String> = {
        let text = values::tokens(count);
        text.split(|c: char| !c.is_alphanumeric() && c != '_')
            .map(str::to_string)
            .collect()
    };
    let dated = idents.iter().any(|w| FROM_DATES.contains(&w.as_str()));
    let clock = idents.iter().any(|w| CLOCK.contains(&w.as_str()));
    if let (Expr::Path(p), true) = (values::peel(count), depth < 3) {
        if let Some(ident) = p.path.get_ident() {
            if let Some(crate::bindings::BoundTo::Expr(init)) =
                cx.binding(&ident.to_string(), ident.span().start())
            {
                let (d, c) = from_dates(cx, init, depth + 1);
                return (dated || d, clock || c);
            }
        }
    }
    (dated, clock)
}

/// The first day from `today` on which `epoch + days_since(epoch-01-01) / 365` is not the
/// day's year, and the year it says.
fn early_new_year(today: CivilDate, epoch: i32) -> (CivilDate, i64) {
    let base = calendar::days_from_epoch(CivilDate::new(epoch, 1, 1));
    let said =
        |d: &CivilDate| i64::from(epoch) + (calendar::days_from_epoch(*d) - base).div_euclid(365);
    let day = today
        .find_from(1_500, |d| said(d) != i64::from(d.year))
        .unwrap_or(today);
    (day, said(&day))
}

/// Someone 30 at their next birthday whose 365-day age is already 30 today, or on the first
/// day from today where that happens: the birth date, the day, how many days before the
/// birthday, and the age said.
fn early_birthday(today: CivilDate) -> (CivilDate, CivilDate, u32, i32) {
    const AGE: i32 = 30;
    let said = |birth: CivilDate, on: CivilDate| {
        (calendar::days_from_epoch(on) - calendar::days_from_epoch(birth)).div_euclid(365)
    };
    // The birthday furthest ahead (at most 366 days) on which today already says 30.
    let mut best = None;
    let mut birthday = today.succ();
    for ahead in 1..=366u32 {
        let birth = calendar::add_years_clamped(birthday, -AGE);
        if said(birth, today) >= i64::from(AGE) {
            best = Some((birth, ahead));
        }
        birthday = birthday.succ();
    }
    match best {
        Some((birth, ahead)) => (birth, today, ahead, AGE),
        None => (calendar::add_years_clamped(today, -AGE), today, 0, AGE),
    }
}
