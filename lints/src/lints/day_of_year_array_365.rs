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
        "; 365]", ";365]", "== 365", "<= 365", "> 365", "!= 365", "% 365", "365 ==", "365 >=",
        "365 <", "365 !=",
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
            report(cx, e, "an array of 365 days", "has no slot for day 366");
        }
        Expr::Binary(b) => {
            let day_of_year = |x: &Expr| is_day_of_year(values::peel(x));
            let lit = |x: &Expr| values::const_int(values::peel_parens(x));
            match b.op {
                BinOp::Eq(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ne(_)
                    if (day_of_year(&b.left) && lit(&b.right) == Some(365))
                        || (day_of_year(&b.right) && lit(&b.left) == Some(365)) =>
                {
                    report(
                        cx,
                        e,
                        "a day-of-year bound of 365",
                        "day 366 exists in leap years",
                    );
                }
                BinOp::Rem(_) if day_of_year(&b.left) && lit(&b.right) == Some(365) => {
                    report(
                        cx,
                        e,
                        "a day of the year taken modulo 365",
                        "day 366 wraps to day 1",
                    );
                }
                _ => {}
            }
        }
        _ => {}
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
            ),
            None,
        );
    }
}

fn report(cx: &ExprCx<'_, '_>, e: &Expr, what: &str, label: &str) {
    cx.emit(diagnostic(cx.today(), cx.span(e), what, label), None);
}

pub fn diagnostic(
    today: crate::CivilDate,
    span: crate::Span,
    what: &str,
    label: &str,
) -> Diagnostic {
    let day = calendar::day_366(today);
    Diagnostic {
        lint: &DAY_OF_YEAR_ARRAY_365,
        certainty: Certainty::Certain,
        message: format!("{what}: leap years have 366"),
        span,
        label: label.to_string(),
        notes: vec![format!("on {day} the day of the year is 366")],
        help: Some(Help {
            message: "size for 366 days (or use the date library's length of the year), and test with Dec 31 of a \
                      leap year"
                .to_string(),
            fix: None,
        }),
    }
}

/// `d.ordinal()`, `d.ordinal0()`, `d.day_of_year()`, or a variable named like one.
fn is_day_of_year(e: &Expr) -> bool {
    match e {
        Expr::MethodCall(m) => {
            m.args.is_empty()
                && matches!(
                    m.method.to_string().as_str(),
                    "ordinal" | "ordinal0" | "day_of_year"
                )
        }
        Expr::Path(p) => p.path.get_ident().is_some_and(|i| {
            let n = i.to_string().to_ascii_lowercase();
            n == "doy" || n == "yday" || n.contains("day_of_year") || n == "ordinal"
        }),
        Expr::Field(f) => matches!(&f.member, syn::Member::Named(n) if {
            let n = n.to_string();
            n == "ordinal" || n == "yday" || n.contains("day_of_year") || n == "doy"
        }),
        _ => false,
    }
}
