//! `day_of_year_array_365`: storage or bounds sized for 365 days of the year. Page:
//! `lints/docs/day_of_year_array_365.md`.

use syn::{BinOp, Expr};

use crate::calendar;
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::registry::{
    Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::values;

pub static DAY_OF_YEAR_ARRAY_365: Lint = Lint {
    // rustfmt spaces these forms: `[T; 365]`, `== 365`, `% 365`.
    needles: Needles::AllOf(&[NeedleGroup::Words(&[
        "; 365]", ";365]", "== 365", "<= 365", "> 365", ">= 365", "< 365", "!= 365", "% 365",
        "365 ==", "365 >=", "365 >", "365 <", "365 <=", "365 !=", "== 364", "!= 364", "<= 364",
        "> 364", "364 ==", "364 !=", "364 >=", "364 <",
    ])]),
    checks: &[
        Check::Expr(&[Syntax::Repeat, Syntax::Binary], check_expr),
        Check::TypeArray(check_type),
    ],
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::DAY_OF_YEAR_ARRAY_365,
        Group::Suspicious,
        Precision::Medium,
        "storage or bounds sized for 365 days of year: day 366 of a leap year overflows",
    )
};

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    match e {
        // `[0; 365]`, `vec![0; 365]`
        Expr::Repeat(r) if values::const_int(&r.len) == Some(365) => {
            report(
                cx,
                e,
                "an array of 365 days",
                "has no slot for day 366",
                Base::One,
            );
        }
        Expr::Binary(b) => {
            let lit = |x: &Expr| values::const_int(values::peel_parens(x));
            if matches!(b.op, BinOp::Rem(_)) {
                if day_of_year(cx, &b.left, 0).is_some() && lit(&b.right) == Some(365) {
                    report(
                        cx,
                        e,
                        "a day of the year taken modulo 365",
                        "day 366 wraps to day 1",
                        Base::One,
                    );
                }
                return;
            }
            // The day of the year on the left: `365 < d.ordinal()` reads as `d.ordinal() > 365`.
            let (base, op, bound) = match (day_of_year(cx, &b.left, 0), lit(&b.right)) {
                (Some(base), Some(n)) => (base, b.op, n),
                _ => match (day_of_year(cx, &b.right, 0), lit(&b.left)) {
                    (Some(base), Some(n)) => (base, flip(b.op), n),
                    _ => return,
                },
            };
            if rejects_day_366(base, op, bound) {
                report(
                    cx,
                    e,
                    "a day-of-year bound for a 365-day year",
                    "day 366 exists in leap years",
                    base,
                );
            }
        }
        _ => {}
    }
}

/// Where a day of the year starts counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    /// `ordinal()`, `day_of_year()`: Dec 31 of a leap year is 366.
    One,
    /// `ordinal0()`, C's `tm_yday`: Dec 31 of a leap year is 365.
    Zero,
}

/// A comparison of a day of the year with this bound treats the year as 365 days long:
/// it rejects day 366, or takes day 365 for the last day. `ordinal() > 365` and
/// `ordinal0() >= 365` reject Dec 31 of a leap year; `ordinal() == 365` and `ordinal0() == 364`
/// are Dec 30 there. `ordinal0() == 365` asks for day 366 itself, and `ordinal() >= 365`
/// (Dec 30 or 31, or Dec 31) says too little to tell: both are silent.
fn rejects_day_366(base: Base, op: BinOp, bound: i128) -> bool {
    match (base, bound) {
        (Base::One, 365) | (Base::Zero, 364) => matches!(
            op,
            BinOp::Eq(_) | BinOp::Ne(_) | BinOp::Le(_) | BinOp::Gt(_)
        ),
        (Base::Zero, 365) => matches!(op, BinOp::Ge(_) | BinOp::Lt(_)),
        _ => false,
    }
}

/// `a OP b` as `b OP' a`.
fn flip(op: BinOp) -> BinOp {
    match op {
        BinOp::Lt(_) => BinOp::Gt(Default::default()),
        BinOp::Gt(_) => BinOp::Lt(Default::default()),
        BinOp::Le(_) => BinOp::Ge(Default::default()),
        BinOp::Ge(_) => BinOp::Le(Default::default()),
        other => other,
    }
}

/// `[T; 365]` in a type (a field, a `let`, a `static`).
pub fn check_type(cx: &ExprCx<'_, '_>, ty: &syn::TypeArray) {
    if values::const_int(&ty.len) == Some(365) {
        let span = cx.span(ty);
        cx.emit(
            diagnostic(
                cx.today(),
                span,
                "an array type of 365 days",
                "has no slot for day 366",
                Base::One,
            ),
            None,
        );
    }
}

fn report(cx: &ExprCx<'_, '_>, e: &Expr, what: &str, label: &str, base: Base) {
    cx.emit(diagnostic(cx.today(), cx.span(e), what, label, base), None);
}

fn diagnostic(
    today: crate::CivilDate,
    span: crate::Span,
    what: &str,
    label: &str,
    base: Base,
) -> Diagnostic {
    let day = calendar::day_366(today);
    let note = match base {
        Base::One => format!("on {day} the day of the year is 366"),
        Base::Zero => format!("on {day} the day of the year is 366 (365 counted from 0)"),
    };
    Diagnostic {
        lint: &DAY_OF_YEAR_ARRAY_365,
        certainty: Certainty::Certain,
        message: format!("{what}: leap years have 366"),
        span,
        label: label.to_string(),
        notes: vec![note],
        help: Some(Help {
            message: "size for 366 days (or use the date library's length of the year), and test with Dec 31 of a \
                      leap year"
                .to_string(),
            fix: None,
        }),
    }
}

/// A day of the year and where it counts from: `d.ordinal()`, `d.day_of_year()` (chrono, time,
/// jiff), `d.ordinal0()`, a variable or field named like one (`doy`, `ordinal`, `*day_of_year*`
/// from 1; `yday`, `tm_yday` from 0, as C's), a `let` bound to one, and `± 1` between the two.
fn day_of_year(cx: &ExprCx<'_, '_>, e: &Expr, depth: usize) -> Option<Base> {
    if depth > 4 {
        return None;
    }
    let by_name = |n: &str| {
        let n = n.to_ascii_lowercase();
        if n.ends_with("yday") {
            Some(Base::Zero)
        } else if n == "doy" || n == "ordinal" || n.contains("day_of_year") {
            Some(Base::One)
        } else {
            None
        }
    };
    match values::peel(e) {
        Expr::MethodCall(m) if m.args.is_empty() => match m.method.to_string().as_str() {
            "ordinal" | "day_of_year" => Some(Base::One),
            "ordinal0" => Some(Base::Zero),
            _ => None,
        },
        Expr::Binary(b) => {
            let one = values::const_int(values::peel_parens(&b.right)) == Some(1);
            match (b.op, day_of_year(cx, &b.left, depth + 1)) {
                (BinOp::Sub(_), Some(Base::One)) if one => Some(Base::Zero),
                (BinOp::Add(_), Some(Base::Zero)) if one => Some(Base::One),
                _ => None,
            }
        }
        Expr::Path(p) => {
            let ident = p.path.get_ident()?;
            let name = ident.to_string();
            // What a `let` bound it to, before what its name says.
            if let Some(crate::bindings::BoundTo::Expr(init)) =
                cx.binding(&name, ident.span().start())
            {
                if let Some(base) = day_of_year(cx, init, depth + 1) {
                    return Some(base);
                }
            }
            by_name(&name)
        }
        Expr::Field(f) => match &f.member {
            syn::Member::Named(n) => by_name(&n.to_string()),
            syn::Member::Unnamed(_) => None,
        },
        _ => None,
    }
}
