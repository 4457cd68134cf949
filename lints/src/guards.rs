//! Recognising code that already copes with an impossible date, so that lints stay quiet:
//! a failure handled where it happens (fallback combinators, a `match`/`if let` with a
//! fallback arm, `let .. else`), and enclosing branches that test for the dangerous case
//! (Feb 29, a leap year, December, the month's length).

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit::Visit;
use syn::Expr;

use crate::context::ExprCx;

/// What happens to a fallible date value after it is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consumption<'ast> {
    /// A fallback takes over: `unwrap_or*`, `or_else`, a `match` arm, `let .. else`.
    Handled,
    /// `.unwrap()` / `.expect(..)`: the call node that panics.
    Unwrapped(&'ast Expr),
    /// `?`, returned, stored, passed on: the failure leaves this place unhandled.
    Unhandled,
    /// `.unwrap_or(..)` whose argument itself panics on a bad date: the fallback is evaluated
    /// eagerly, every time (the argument node).
    EagerFallback(&'ast Expr),
}

/// Methods after which the value is still the same Option/Result in spirit.
const PASS_THROUGH: &[&str] = &[
    "map",
    "ok",
    "ok_or",
    "ok_or_else",
    "map_err",
    "context",
    "with_context",
    "wrap_err",
    "and_then",
    "err",
    "flatten",
    "single",
    "earliest",
    "latest",
    "into",
    "as_ref",
    "cloned",
    "copied",
    "filter",
    "inspect",
];

/// Methods that supply a fallback or only test for success.
const HANDLING: &[&str] = &[
    "unwrap_or",
    "unwrap_or_else",
    "unwrap_or_default",
    "or",
    "or_else",
    "map_or",
    "map_or_else",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "is_some_and",
    "is_ok_and",
    "is_none_or",
    "is_err_and",
    "unwrap_or_else_default",
    "xor",
    "zip",
    "iter",
    "into_iter",
];

/// Follows the value of the node (the last of `cx.parents` is its parent) upwards.
pub fn consumption<'ast>(cx: &ExprCx<'_, 'ast>, node: &'ast Expr) -> Consumption<'ast> {
    let mut child = node;
    for &parent in cx.parents.iter().rev() {
        match parent {
            Expr::Paren(_) | Expr::Group(_) | Expr::Reference(_) => {}
            Expr::MethodCall(m) if std::ptr::eq(&*m.receiver, child) => {
                let name = m.method.to_string();
                match name.as_str() {
                    "unwrap" | "expect" | "unwrap_unchecked" => {
                        return Consumption::Unwrapped(parent)
                    }
                    "unwrap_or" if m.args.first().is_some_and(panics_inside) => {
                        return Consumption::EagerFallback(&m.args[0])
                    }
                    n if HANDLING.contains(&n) => return Consumption::Handled,
                    n if PASS_THROUGH.contains(&n) => {}
                    _ => return Consumption::Unhandled,
                }
            }
            // `a.or(b)`, `a.or_else(|| b)`: `b` is itself a fallback; what matters is `a.or(b)`.
            Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "or" | "xor") => {}
            Expr::Closure(_) => {}
            Expr::Match(m) if std::ptr::eq(&*m.expr, child) => {
                let fallback = m
                    .arms
                    .iter()
                    .any(|arm| is_failure_pattern(&arm.pat) && !diverges(&arm.body));
                return if fallback {
                    Consumption::Handled
                } else {
                    Consumption::Unhandled
                };
            }
            Expr::Let(_) => {}
            Expr::If(i) if is_let_chain_of(&i.cond, child) => {
                let fallback = i.else_branch.as_ref().is_some_and(|(_, e)| !diverges(e));
                return if fallback {
                    Consumption::Handled
                } else {
                    Consumption::Unhandled
                };
            }
            Expr::Binary(_) => {}
            _ => break,
        }
        child = parent;
    }
    if cx.let_else_inits.contains(&(child as *const Expr)) {
        return Consumption::Handled;
    }
    Consumption::Unhandled
}

fn is_let_chain_of(cond: &Expr, child: &Expr) -> bool {
    match cond {
        Expr::Let(_) => std::ptr::eq(cond, child),
        Expr::Binary(b) => is_let_chain_of(&b.left, child) || is_let_chain_of(&b.right, child),
        _ => false,
    }
}

/// `None`, `Err(..)`, `_`, a catch-all binding, `LocalResult::None`.
fn is_failure_pattern(p: &syn::Pat) -> bool {
    match p {
        syn::Pat::Wild(_) => true,
        syn::Pat::Ident(i) => i.subpat.is_none() && i.ident != "Some" && i.ident != "Ok",
        syn::Pat::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "None" || s.ident == "Ambiguous"),
        syn::Pat::TupleStruct(t) => t
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "Err" || s.ident == "Ambiguous"),
        syn::Pat::Or(o) => o.cases.iter().any(is_failure_pattern),
        _ => false,
    }
}

/// The expression panics (or returns an error) instead of supplying a value.
pub fn diverges(e: &Expr) -> bool {
    match e {
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
        Expr::Block(b) => match b.block.stmts.last() {
            Some(syn::Stmt::Expr(e, _)) => diverges(e),
            Some(syn::Stmt::Macro(m)) => is_panic_macro(&m.mac.path),
            _ => false,
        },
        Expr::Macro(m) => is_panic_macro(&m.mac.path),
        Expr::Call(c) => {
            crate::macros::macro_name(e)
                .is_some_and(|n| matches!(n, "panic" | "unreachable" | "todo" | "unimplemented"))
                || matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Err"))
        }
        Expr::MethodCall(m) => m.method == "unwrap" || m.method == "expect",
        _ => false,
    }
}

fn is_panic_macro(path: &syn::Path) -> bool {
    path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "panic" | "unreachable" | "todo" | "unimplemented"
        )
    })
}

/// The fallback expression panics on a bad date itself (`d.with_year(y + 1).unwrap()`).
fn panics_inside(e: &Expr) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if (m.method == "unwrap" || m.method == "expect") && contains_date_setter(&m.receiver) {
                self.0 = true;
            }
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    }
    let mut f = Finder(false);
    f.visit_expr(e);
    f.0
}

fn contains_date_setter(e: &Expr) -> bool {
    let mut e = e;
    loop {
        match e {
            Expr::MethodCall(m) => {
                if crate::api::lookup_method(&m.method.to_string(), m.args.len()).is_some() {
                    return true;
                }
                e = &m.receiver;
            }
            Expr::Paren(p) => e = &p.expr,
            Expr::Try(t) => e = &t.expr,
            _ => return false,
        }
    }
}

/// Which dangerous case an enclosing condition tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// Feb 29 or a leap year: `leap`, `29`.
    LeapDay,
    /// December / month 12 (a month wrap).
    December,
    /// The month's length: `days_in_month`, `last_day`, 28..31.
    MonthLength,
}

/// The node is inside a branch whose condition tests `guard`, or its function tests it in
/// an `if` before the node (an early return).
pub fn guarded(cx: &ExprCx<'_, '_>, node: &Expr, guard: Guard) -> bool {
    let mut child: &Expr = node;
    for &parent in cx.parents.iter().rev() {
        let cond = match parent {
            Expr::If(i) if !std::ptr::eq(&*i.cond, child) => Some(&*i.cond),
            Expr::Match(m) if !std::ptr::eq(&*m.expr, child) => {
                let arm = m.arms.iter().find(|a| std::ptr::eq(&*a.body, child));
                if arm.is_some_and(|a| {
                    mentions(&a.pat.to_token_stream(), guard)
                        || a.guard
                            .as_ref()
                            .is_some_and(|(_, g)| mentions(&g.to_token_stream(), guard))
                }) || mentions(&m.expr.to_token_stream(), guard)
                {
                    return true;
                }
                None
            }
            Expr::While(w) => Some(&*w.cond),
            _ => None,
        };
        if cond.is_some_and(|c| mentions(&c.to_token_stream(), guard)) {
            return true;
        }
        child = parent;
    }
    // An earlier `if` in the same function that tests the case (`if is_leap { return .. }`).
    if let Some(f) = cx.func {
        let at = crate::values::start_of(node);
        let mut finder = EarlierIf {
            at,
            guard,
            found: false,
        };
        finder.visit_block(f.body);
        if finder.found {
            return true;
        }
    }
    false
}

struct EarlierIf {
    at: proc_macro2::LineColumn,
    guard: Guard,
    found: bool,
}

impl<'ast> Visit<'ast> for EarlierIf {
    fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
        let start = i.if_token.span.start();
        if crate::bindings::before(start, self.at)
            && mentions(&i.cond.to_token_stream(), self.guard)
        {
            self.found = true;
        }
        syn::visit::visit_expr_if(self, i);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Does this token stream mention the guarded case?
pub fn mentions(ts: &TokenStream, guard: Guard) -> bool {
    ts.clone().into_iter().any(|tt| match tt {
        TokenTree::Group(g) => mentions(&g.stream(), guard),
        TokenTree::Ident(i) => {
            let s = i.to_string().to_ascii_lowercase();
            match guard {
                Guard::LeapDay => s.contains("leap"),
                Guard::December => s == "december",
                Guard::MonthLength => {
                    s.contains("days_in")
                        || s.contains("last_day")
                        || s.contains("num_days")
                        || s.contains("month_len")
                }
            }
        }
        TokenTree::Literal(l) => {
            let s = l.to_string();
            let n: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
            match guard {
                Guard::LeapDay => n == "29",
                Guard::December => n == "12" || n == "11",
                Guard::MonthLength => matches!(n.as_str(), "28" | "29" | "30" | "31"),
            }
        }
        TokenTree::Punct(_) => false,
    })
}

/// The value ends up as a certificate's expiry: assigned to a field or binding named like
/// `not_after`/`expiry`, directly or through the enclosing `let`.
pub fn flows_into_expiry(cx: &ExprCx<'_, '_>) -> bool {
    let expiry = |s: &str| {
        let s = s.to_ascii_lowercase();
        s.contains("not_after")
            || s.contains("notafter")
            || s.contains("expir")
            || s.contains("valid_until")
    };
    for &p in cx.parents.iter().rev() {
        match p {
            Expr::Assign(a) if expiry(&a.left.to_token_stream().to_string()) => return true,
            Expr::Struct(s)
                if s.fields
                    .iter()
                    .any(|f| expiry(&f.member.to_token_stream().to_string())) =>
            {
                return true
            }
            _ => {}
        }
    }
    if let Some(name) = cx.let_name {
        if expiry(name) {
            return true;
        }
        // `let end = ..; params.not_after = end;`
        if let Some(f) = cx.func {
            let mut finder = ExpiryAssign { name, found: false };
            finder.visit_block(f.body);
            return finder.found;
        }
    }
    false
}

struct ExpiryAssign<'n> {
    name: &'n str,
    found: bool,
}

impl<'ast> Visit<'ast> for ExpiryAssign<'_> {
    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        let left = a.left.to_token_stream().to_string().to_ascii_lowercase();
        if (left.contains("not_after") || left.contains("expir"))
            && a.right
                .to_token_stream()
                .to_string()
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|w| w == self.name)
        {
            self.found = true;
        }
        syn::visit::visit_expr_assign(self, a);
    }
}
