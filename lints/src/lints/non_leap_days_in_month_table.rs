//! `non_leap_days_in_month_table`: the 12-month table with February = 28 where nothing around
//! it adjusts for leap years. Page: `lints/docs/non_leap_days_in_month_table.md`.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::Expr;

use crate::context::{ExprCx, FileCx};
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::registry::{Check, Group, Lint, LintId, Needles, Precision, Syntax, TestCode};
use crate::values;

pub static NON_LEAP_DAYS_IN_MONTH_TABLE: Lint = Lint {
    // `31, 28` in any layout: no list of words says it.
    needles: Needles::Scan(crate::prefilter::has_feb_table),
    checks: &[Check::Expr(&[Syntax::Array, Syntax::Call], check_expr)],
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::NON_LEAP_DAYS_IN_MONTH_TABLE,
        Group::Suspicious,
        Precision::High,
        "a days-in-month table with February = 28 used without any leap-year adjustment",
    )
};

const TABLE: [i128; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Whether an array expression is the common-year days-in-month table.
fn is_table(e: &Expr) -> bool {
    let elems: Vec<&Expr> = match e {
        Expr::Array(a) => a.elems.iter().collect(),
        // `vec![31, 28, ..]`, rewritten to a call by the macro expansion.
        Expr::Call(c) if crate::macros::macro_name(e) == Some("vec") => c.args.iter().collect(),
        _ => return false,
    };
    elems.len() == 12
        && elems
            .iter()
            .zip(TABLE)
            .all(|(x, want)| values::const_int(x) == Some(want))
}

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    if !is_table(e) {
        return;
    }
    // Inside a function: the function is the scope; at item level (a const), the whole file.
    let adjusted = match cx.func {
        Some(f) => adjusts_for_leap(&f.body.to_token_stream()),
        None => cx.file.file_adjusts_for_leap(),
    };
    if adjusted {
        return;
    }
    cx.emit(diagnostic(cx.span(e)), None);
}

pub fn diagnostic(span: crate::Span) -> Diagnostic {
    Diagnostic {
        lint: &NON_LEAP_DAYS_IN_MONTH_TABLE,
        certainty: Certainty::Certain,
        message: "days-in-month table with February = 28 and no leap-year adjustment".to_string(),
        span,
        label: "February has 29 days in leap years".to_string(),
        notes: vec!["next leap day: 2028-02-29; this table says it does not exist".to_string()],
        help: Some(Help {
            message: "ask the date library (chrono: `Month::try_from(m as u8).ok()?.num_days(y)`, time: \
                      `Month::length(year)`, jiff: `Date::days_in_month`), or add 1 for February in leap years"
                .to_string(),
            fix: None,
        }),
    }
}

/// `leap` in any identifier, a `== 2` / `2 ==` comparison, or the literal 29.
pub fn adjusts_for_leap(ts: &TokenStream) -> bool {
    let tokens: Vec<TokenTree> = ts.clone().into_iter().collect();
    tokens.iter().enumerate().any(|(i, tt)| match tt {
        TokenTree::Group(g) => adjusts_for_leap(&g.stream()),
        // `DAYS_IN_MONTHS_NORMAL_YEAR`: a name that says "common year" is a table its author
        // knows to be leap-free (chrono's tz rules use it beside the leap case).
        TokenTree::Ident(id) => {
            let s = id.to_string().to_ascii_lowercase();
            s.contains("leap") || s.contains("normal_year") || s.contains("common_year")
        }
        TokenTree::Literal(l) => {
            let s = l.to_string();
            if s == "29" {
                return true;
            }
            // `== 2` or `2 ==`
            let near_eq = |j: Option<usize>| {
                j.and_then(|j| tokens.get(j))
                    .is_some_and(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '='))
            };
            s == "2" && (near_eq(i.checked_sub(1)) || near_eq(Some(i + 1)))
        }
        TokenTree::Punct(_) => false,
    })
}

impl FileCx<'_> {
    /// Cached per file: does any code in the file adjust for leap years?
    pub fn file_adjusts_for_leap(&self) -> bool {
        *self.leap_adjusted.get_or_init(|| {
            self.whole_file()
                .is_some_and(|f| adjusts_for_leap(&f.to_token_stream()))
        })
    }
}
