//! `incomplete_leap_year_rule`: a leap-year test that only checks divisibility by 4, on an
//! operand that reads as a calendar year. Page: `lints/docs/incomplete_leap_year_rule.md`.

use quote::ToTokens;
use syn::{BinOp, Expr};

use crate::context::ExprCx;
use crate::diagnostic::{Applicability, Certainty, Diagnostic, Fix, Help};
use crate::registry::{
    Check, Fixable, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::values;

pub static INCOMPLETE_LEAP_YEAR_RULE: Lint = Lint {
    fix: Fixable::Sometimes(Applicability::Safe),
    // The operand must read as a year: `year`, `yr`, `.year()`, or `y` in a `*leap*` fn.
    needles: Needles::AllOf(&[
        NeedleGroup::Words(&["% 4", "%4", "& 3", "&3"]),
        NeedleGroup::Words(&[
            "year", "Year", "YEAR", "yr", "Yr", "YR", "yyyy", "leap", "Leap", "LEAP",
        ]),
    ]),
    checks: &[Check::Expr(&[Syntax::Binary], check_expr)],
    test_code: TestCode::Skip,
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
    // Each test is judged on its own: the century rule must be part of the same condition, of
    // a condition the test runs under, or of an early return before it.
    let missing = if !century_rule_in_scope(cx, e) {
        Missing::Century
    } else if lacks_400_rule(cx, &div.left) {
        Missing::FourHundred
    } else {
        return;
    };
    // A year known to lie where the missing part changes nothing (a constant, a checked
    // range) needs no more of the rule.
    let (lo, hi) = missing.safe_years();
    if cx
        .facts()
        .and_then(|f| f.value(&div.left))
        .and_then(|f| f.set())
        .is_some_and(|s| s.within(lo, hi))
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
    if missing == Missing::FourHundred {
        report_missing_400(cx, e, &div.left, &year);
        return;
    }
    cx.emit(
        Diagnostic {
            lint: &INCOMPLETE_LEAP_YEAR_RULE,
            certainty: Certainty::Certain,
            message: format!("leap-year test on `{year}` checks only divisibility by 4"),
            span: cx.span(e),
            label: "treats 2100, 2200 and 2300 as leap years".to_string(),
            notes: vec!["the Gregorian rule: divisible by 4, except centuries, except every 400 years (2000 is leap, 2100 is not)".to_string()],
            help: Some(Help {
                message: "use the full rule `y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)`, or the library: \
                          `time::util::is_leap_year(y)`, jiff `civil::Date::in_leap_year`, chrono \
                          `NaiveDate::from_yo_opt(y, 1).is_some_and(|d| d.leap_year())`"
                    .to_string(),
                fix: full_rule(cx, e, &div.left, matches!(cmp.op, BinOp::Ne(_))),
            }),
        },
        None,
    );
}

/// What a leap-year test leaves out of the Gregorian rule.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Missing {
    /// Only `% 4`: wrong in 1900, 2100, 2200, 2300.
    Century,
    /// `% 4` and `% 100` without `% 400`: wrong in 1600, 2000, 2400.
    FourHundred,
}

impl Missing {
    /// The widest range of years around today where the incomplete test is right.
    fn safe_years(self) -> (i64, i64) {
        match self {
            Missing::Century => (1901, 2099),
            Missing::FourHundred => (2001, 2399),
        }
    }
}

/// `y % 4 == 0 && y % 100 != 0` with no `% 400` (nor its bitwise `& 15`, `% 16`) anywhere in
/// the function, and the same year's `% 100` (or `% 25`) in it: 2000 was a leap year. Judged on the whole function, not the test's own
/// scope, so that a 400 rule written anywhere in it (an early return, a later `||`, a named
/// test) keeps the finding away: the 100 rule shows the author knew of the exceptions.
fn lacks_400_rule(cx: &ExprCx<'_, '_>, year: &Expr) -> bool {
    struct CenturyTest<'y> {
        year: &'y str,
        found: bool,
    }
    impl<'ast> syn::visit::Visit<'ast> for CenturyTest<'_> {
        fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
            if matches!(b.op, BinOp::Rem(_))
                && matches!(
                    values::const_int(values::peel_parens(&b.right)),
                    Some(100 | 25)
                )
                && values::tokens(values::peel_parens(&b.left)) == self.year
            {
                self.found = true;
            }
            syn::visit::visit_expr_binary(self, b);
        }
    }
    let Some(f) = cx.func else { return false };
    if mentions(&f.body.to_token_stream(), &["400", "16", "15"]) {
        return false;
    }
    // The 100 in scope must be the same year's century test, not another number.
    let year = values::tokens(values::peel_parens(year));
    let mut century = CenturyTest {
        year: &year,
        found: false,
    };
    syn::visit::Visit::visit_block(&mut century, f.body);
    century.found
}

fn report_missing_400(cx: &ExprCx<'_, '_>, e: &Expr, year_expr: &Expr, year: &str) {
    let root = condition_root(cx, e);
    cx.emit(
        Diagnostic {
            lint: &INCOMPLETE_LEAP_YEAR_RULE,
            certainty: Certainty::Certain,
            message: format!(
                "leap-year test on `{year}` checks divisibility by 4 and 100 but not by 400"
            ),
            span: cx.span(root),
            label: "treats 2000 and 2400 as common years".to_string(),
            notes: vec![
                "the Gregorian rule: divisible by 4, except centuries, except every 400 years: \
                 2000-02-29 existed, and day counts across it come out one day short"
                    .to_string(),
            ],
            help: Some(Help {
                message: "add the 400-year rule: `y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)`, \
                          or use the library: `time::util::is_leap_year(y)`, jiff \
                          `civil::Date::in_leap_year`, chrono \
                          `NaiveDate::from_yo_opt(y, 1).is_some_and(|d| d.leap_year())`"
                    .to_string(),
                fix: add_400_rule(cx, root, year_expr),
            }),
        },
        None,
    );
}

/// `y % 4 == 0 && y % 100 != 0` (either order) becomes the full rule. Safe: only years
/// divisible by 400 change, and they are the ones the test got wrong. Only when the whole
/// condition is that pair on the same year written without side effects.
fn add_400_rule(cx: &ExprCx<'_, '_>, root: &Expr, year: &Expr) -> Option<Fix> {
    let Expr::Binary(and) = values::peel_parens(root) else {
        return None;
    };
    if !matches!(and.op, BinOp::And(_)) {
        return None;
    }
    let y = values::tokens(values::peel_parens(year));
    let pair = |a: &Expr, b: &Expr| {
        divisibility_test(a, &y) == Some((4, true))
            && divisibility_test(b, &y) == Some((100, false))
    };
    if !(pair(&and.left, &and.right) || pair(&and.right, &and.left)) {
        return None;
    }
    full_rule(cx, root, year, false)
}

/// `year % k == 0` (`Some((k, true))`) or `year % k != 0` (`Some((k, false))`), for the year
/// written `year` (token text).
fn divisibility_test(e: &Expr, year: &str) -> Option<(i128, bool)> {
    let Expr::Binary(cmp) = values::peel_parens(e) else {
        return None;
    };
    let divisible = match cmp.op {
        BinOp::Eq(_) => true,
        BinOp::Ne(_) => false,
        _ => return None,
    };
    if values::const_int(&cmp.right) != Some(0) {
        return None;
    }
    let Expr::Binary(rem) = values::peel_parens(&cmp.left) else {
        return None;
    };
    (matches!(rem.op, BinOp::Rem(_)) && values::tokens(values::peel_parens(&rem.left)) == year)
        .then(|| values::const_int(&rem.right).map(|k| (k, divisible)))
        .flatten()
}

/// A year written without side effects (a name, a field, an accessor): a fix may evaluate it
/// up to three times.
fn pure(e: &Expr) -> bool {
    match e {
        Expr::Path(_) => true,
        Expr::Field(f) => pure(&f.base),
        Expr::Paren(p) => pure(&p.expr),
        Expr::MethodCall(m) => m.args.is_empty() && pure(&m.receiver),
        Expr::Cast(c) => pure(&c.expr),
        _ => false,
    }
}

/// `node` (a test, or the whole condition) rewritten as the full rule: `y % 4 == 0` becomes
/// `y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)`, `y % 4 != 0` its negation, and so does
/// `y % 4 == 0 && y % 100 != 0`. Safe: the result changes only for the years the old test got
/// wrong (1900, 2100, 2200, 2300; or 1600, 2000, 2400). Only for a year written without side
/// effects (a name, a field, an accessor), since it is evaluated up to three times.
fn full_rule(cx: &ExprCx<'_, '_>, node: &Expr, year: &Expr, negated: bool) -> Option<Fix> {
    if !pure(year) {
        return None;
    }
    let y = match year {
        Expr::Cast(_) => format!("({})", cx.text(year)),
        _ => cx.text(year).to_string(),
    };
    let rule = format!("{y} % 4 == 0 && ({y} % 100 != 0 || {y} % 400 == 0)");
    // Parentheses where an operator around `node` would bind tighter than `&&`.
    let above = cx
        .parents
        .iter()
        .position(|p| std::ptr::eq(*p, node))
        .map_or(cx.parents, |i| &cx.parents[..i]);
    let bound = matches!(
        above.last(),
        Some(
            Expr::Unary(_) | Expr::Binary(_) | Expr::MethodCall(_) | Expr::Cast(_) | Expr::Field(_)
        )
    );
    let code = match (negated, bound) {
        (true, _) => format!("!({rule})"),
        (false, true) => format!("({rule})"),
        (false, false) => rule,
    };
    Some(Fix::replace(cx.span(node), code, Applicability::Safe))
}

/// The century rule (`% 100`, `% 400`) is tested in the same boolean expression, in the
/// condition of an enclosing `if` (either branch) or `match`, or in an earlier `if` of the
/// function that leaves it (`if y % 100 == 0 { return y % 400 == 0 }`).
fn century_rule_in_scope(cx: &ExprCx<'_, '_>, e: &Expr) -> bool {
    let root = condition_root(cx, e);
    if mentions_century_rule(&root.to_token_stream()) {
        return true;
    }
    // The first test of an `if .. else if ..` chain whose later conditions hold the rest of the
    // rule (`if y % 4 != 0 { 28 } else if y % 100 != 0 { 29 } else if y % 400 != 0 ..`).
    if let Some(&Expr::If(i)) = cx.parents.iter().rev().find(|p| {
        !matches!(
            p,
            Expr::Binary(_) | Expr::Unary(_) | Expr::Paren(_) | Expr::Group(_)
        )
    }) {
        if std::ptr::eq(&*i.cond, root) {
            let mut next = i.else_branch.as_ref().map(|(_, e)| &**e);
            while let Some(Expr::If(elif)) = next {
                if mentions_century_rule(&elif.cond.to_token_stream()) {
                    return true;
                }
                next = elif.else_branch.as_ref().map(|(_, e)| &**e);
            }
        }
    }
    // A rule split into named tests: `let by_four = y % 4 == 0; let by_hundred = y % 100 == 0;`.
    if let (Some(f), Some(_)) = (cx.func, cx.let_name) {
        let named_century = f.bindings.iter().any(|b| match b.value {
            crate::bindings::BoundTo::Expr(init) => mentions_century_rule(&init.to_token_stream()),
            crate::bindings::BoundTo::Opaque => false,
        });
        if named_century {
            return true;
        }
    }
    // The conditions it runs under.
    let mut child = e;
    for &p in cx.parents.iter().rev() {
        match p {
            Expr::If(i)
                if !std::ptr::eq(&*i.cond, child)
                    && mentions_century_rule(&i.cond.to_token_stream()) =>
            {
                return true;
            }
            Expr::Match(m) if !std::ptr::eq(&*m.expr, child) => {
                let arm = m.arms.iter().find(|a| std::ptr::eq(&*a.body, child));
                let guard = arm
                    .and_then(|a| a.guard.as_ref())
                    .map(|(_, g)| g.to_token_stream());
                if mentions_century_rule(&m.expr.to_token_stream())
                    || guard.is_some_and(|g| mentions_century_rule(&g))
                    || arm.is_some_and(|a| mentions_century_rule(&a.pat.to_token_stream()))
                {
                    return true;
                }
            }
            _ => {}
        }
        child = p;
    }
    // An early exit on the century rule before it.
    let Some(f) = cx.func else { return false };
    struct EarlyExit {
        at: proc_macro2::LineColumn,
        found: bool,
    }
    impl<'ast> syn::visit::Visit<'ast> for EarlyExit {
        fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
            let start = syn::spanned::Spanned::span(&i.if_token).start();
            let leaves = i.then_branch.stmts.iter().any(|s| match s {
                syn::Stmt::Expr(e, _) => crate::guards::diverges(e),
                _ => false,
            });
            if crate::bindings::before(start, self.at)
                && leaves
                && mentions_century_rule(&i.cond.to_token_stream())
            {
                self.found = true;
            }
            syn::visit::visit_expr_if(self, i);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut early = EarlyExit {
        at: values::start_of(e),
        found: false,
    };
    syn::visit::Visit::visit_block(&mut early, f.body);
    early.found
}

/// The whole boolean condition the test `e` is part of.
fn condition_root<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) -> &'ast Expr {
    let mut root: &Expr = e;
    for &p in cx.parents.iter().rev() {
        match p {
            Expr::Binary(b)
                if matches!(
                    b.op,
                    BinOp::And(_)
                        | BinOp::Or(_)
                        | BinOp::Eq(_)
                        | BinOp::Ne(_)
                        | BinOp::BitAnd(_)
                        | BinOp::BitOr(_)
                ) => {}
            Expr::Unary(_) | Expr::Paren(_) | Expr::Group(_) => {}
            _ => break,
        }
        root = p;
    }
    root
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
        || cx
            .file
            .whole_file()
            .is_some_and(|f| any_ident(f.to_token_stream()))
}

/// The enclosing function's name contains `word` (`is_leap_year`, `julian_is_leap`).
fn in_fn_named(cx: &ExprCx<'_, '_>, word: &str) -> bool {
    cx.func.is_some_and(|f| f.name.contains(word))
}

/// `% 100`, `% 400`, or the bitwise form's `% 25` / `& 15`.
fn mentions_century_rule(ts: &proc_macro2::TokenStream) -> bool {
    mentions(ts, &["100", "400", "25", "15", "16"])
}

/// An integer literal among `numbers` in the tokens.
fn mentions(ts: &proc_macro2::TokenStream, numbers: &[&str]) -> bool {
    use proc_macro2::TokenTree;
    ts.clone().into_iter().any(|tt| match tt {
        TokenTree::Group(g) => mentions(&g.stream(), numbers),
        TokenTree::Literal(l) => {
            let s = l.to_string();
            let digits: String = s
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '_')
                .filter(|c| *c != '_')
                .collect();
            numbers.contains(&digits.as_str())
        }
        _ => false,
    })
}
