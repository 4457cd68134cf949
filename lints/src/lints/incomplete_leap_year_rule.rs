//! `incomplete_leap_year_rule`: a leap-year test that only checks divisibility by 4, on an
//! operand that reads as a calendar year. Page: `lints/docs/incomplete_leap_year_rule.md`.

use quote::ToTokens;
use syn::{BinOp, Expr};

use crate::context::ExprCx;
use crate::diagnostic::{Diagnostic, Help};
use crate::registry::{Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax};
use crate::values;

pub static INCOMPLETE_LEAP_YEAR_RULE: Lint = Lint {
    // The operand must read as a year: `year`, `yr`, `.year()`, or `y` in a `*leap*` fn.
    needles: Needles::AllOf(&[
        NeedleGroup::Words(&["% 4", "%4", "& 3", "&3"]),
        NeedleGroup::Words(&["year", "Year", "YEAR", "yr", "Yr", "YR", "yyyy", "leap", "Leap", "LEAP"]),
    ]),
    checks: &[Check::Expr(&[Syntax::Binary], check_expr)],
    ..Lint::new(
        LintId::INCOMPLETE_LEAP_YEAR_RULE,
        Group::Correctness,
        Precision::High,
        "a leap-year test that only checks divisibility by 4 (2100 is not a leap year)",
    )
};

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let Expr::Binary(cmp) = e else { return };
    if !matches!(cmp.op, BinOp::Eq(_) | BinOp::Ne(_)) {
        return;
    }
    // `x % 4 == 0` or `0 == x % 4`.
    let (test, zero) = (
        values::peel_parens(&cmp.left),
        values::peel_parens(&cmp.right),
    );
    let (test, zero) = if values::const_int(zero) == Some(0) {
        (test, zero)
    } else {
        (zero, test)
    };
    if values::const_int(zero) != Some(0) {
        return;
    }
    let Expr::Binary(div) = test else { return };
    let by_four = match div.op {
        BinOp::Rem(_) => values::const_int(values::peel_parens(&div.right)) == Some(4),
        BinOp::BitAnd(_) => values::const_int(values::peel_parens(&div.right)) == Some(3),
        _ => false,
    };
    if !by_four || !is_year(cx, &div.left) {
        return;
    }
    // The century rule may sit anywhere in the same expression or function.
    let scope: proc_macro2::TokenStream = match cx.func {
        Some(f) => f.body.to_token_stream(),
        None => cx
            .parents
            .first()
            .map_or_else(|| e.to_token_stream(), |p| p.to_token_stream()),
    };
    if mentions_century_rule(&scope)
        || cx
            .parents
            .iter()
            .any(|p| mentions_century_rule(&p.to_token_stream()))
    {
        return;
    }
    // The Julian calendar's rule is exactly "divisible by 4"; US elections and the Olympics
    // really are every four years.
    if mentions_julian(cx)
        || ["election", "olympic", "quadrennial", "every_four"]
            .iter()
            .any(|w| in_fn_named(cx, w))
    {
        return;
    }
    let year = cx.text(&div.left).to_string();
    cx.emit(
        Diagnostic {
            lint: &INCOMPLETE_LEAP_YEAR_RULE,
            message: format!("leap-year test on `{year}` checks only divisibility by 4"),
            span: cx.span(e),
            label: "treats 2100, 2200 and 2300 as leap years".to_string(),
            notes: vec!["the Gregorian rule: divisible by 4, except centuries, except every 400 years (2000 is leap, 2100 is not)".to_string()],
            help: Some(Help {
                message: "use the full rule `y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)`, or the library: \
                          `time::util::is_leap_year(y)`, jiff `civil::Date::in_leap_year`, chrono \
                          `NaiveDate::from_yo_opt(y, 1).is_some_and(|d| d.leap_year())`"
                    .to_string(),
                replacement: None,
            }),
        },
        None,
    );
}

/// A year: `.year()`, a name with `year`/`yr`, or `y`/`yy` inside a function about leap years.
fn is_year(cx: &ExprCx<'_, '_>, e: &Expr) -> bool {
    match values::peel(e) {
        Expr::MethodCall(m) => m.method == "year" && m.args.is_empty(),
        Expr::Field(f) => {
            matches!(&f.member, syn::Member::Named(n) if is_year_name(&n.to_string()))
        }
        Expr::Path(p) => p.path.get_ident().is_some_and(|i| {
            let name = i.to_string();
            is_year_name(&name)
                || (matches!(name.as_str(), "y" | "yy" | "n") && in_fn_named(cx, "leap"))
        }),
        _ => false,
    }
}

/// A calendar year, not a count of years: `year`, `start_year`, `yr`; not `years`,
/// `years_of_service`, `num_years`.
fn is_year_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let words: Vec<&str> = n.split('_').collect();
    if words
        .iter()
        .any(|w| *w == "years" || *w == "yrs" || *w == "num" || *w == "count")
    {
        return false;
    }
    words
        .iter()
        .any(|w| w.ends_with("year") || *w == "yr" || *w == "yyyy")
}

/// The function's signature or the file speaks of the Julian calendar.
fn mentions_julian(cx: &ExprCx<'_, '_>) -> bool {
    fn any_ident(ts: proc_macro2::TokenStream) -> bool {
        ts.into_iter().any(|tt| match tt {
            // Julian *day numbers* (JDN, MJD) are another thing, common in hand-rolled code.
            proc_macro2::TokenTree::Ident(i) => {
                let s = i.to_string().to_ascii_lowercase();
                s.contains("julian")
                    && !s.contains("julian_day")
                    && !s.contains("julianday")
                    && !s.contains("julian_date")
            }
            proc_macro2::TokenTree::Group(g) => any_ident(g.stream()),
            _ => false,
        })
    }
    (in_fn_named(cx, "julian") && !in_fn_named(cx, "julian_day"))
        || any_ident(cx.file.file.to_token_stream())
}

/// The enclosing function's name contains `word` (`is_leap_year`, `julian_is_leap`).
fn in_fn_named(cx: &ExprCx<'_, '_>, word: &str) -> bool {
    cx.func.is_some_and(|f| f.name.contains(word))
}

/// `% 100`, `% 400`, or the bitwise form's `% 25` / `& 15`.
fn mentions_century_rule(ts: &proc_macro2::TokenStream) -> bool {
    use proc_macro2::TokenTree;
    ts.clone().into_iter().any(|tt| match tt {
        TokenTree::Group(g) => mentions_century_rule(&g.stream()),
        TokenTree::Literal(l) => {
            let s = l.to_string();
            let digits: String = s
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '_')
                .filter(|c| *c != '_')
                .collect();
            matches!(digits.as_str(), "100" | "400" | "25" | "15" | "16")
        }
        _ => false,
    })
}
