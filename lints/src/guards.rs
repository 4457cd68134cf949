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
    /// Handled on purpose: the date is skipped (`continue`, `if let` without `else`), only
    /// tested (`is_some()`), or a fallback that copes with the leap day takes over
    /// (`unwrap_or_else(|| d.with_day(28))`).
    Handled,
    /// A fallback value takes over that does not look at the leap day: on the failing day the
    /// code silently uses it (the expression, or None for `unwrap_or_default()`).
    Fallback(Option<&'ast Expr>),
    /// `.unwrap()` / `.expect(..)`, or a failure arm that panics: the node that panics.
    Unwrapped(&'ast Expr),
    /// `?`, returned, stored, passed on, or a failure arm that returns: the failure goes to
    /// the caller.
    Unhandled,
    /// `.unwrap_or(..)` whose argument itself panics on a bad date: the fallback is evaluated
    /// eagerly, every time (the argument node).
    EagerFallback(&'ast Expr),
}

/// What a finding's failure does to the program, by the fallback policy shared by every lint
/// (see docs/facts.md): a panic is an error, a failure returned to the caller or a silently
/// wrong fallback is a warning, a deliberate skip or a leap-day-aware fallback is silent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnFailure<'ast> {
    Panics,
    Propagates,
    WrongFallback(Option<&'ast Expr>),
    Handled,
}

impl<'ast> Consumption<'ast> {
    /// The policy for a call that fails as described, where `panicking` says whether the call
    /// itself panics (chrono's deprecated constructors, `civil::date`).
    pub fn on_failure(self, panicking: bool) -> OnFailure<'ast> {
        if panicking {
            return OnFailure::Panics;
        }
        match self {
            Consumption::Unwrapped(_) | Consumption::EagerFallback(_) => OnFailure::Panics,
            Consumption::Unhandled => OnFailure::Propagates,
            Consumption::Fallback(f) => OnFailure::WrongFallback(f),
            Consumption::Handled => OnFailure::Handled,
        }
    }
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

/// Methods that only test for success, or skip a failure.
const TESTING: &[&str] = &[
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "is_some_and",
    "is_ok_and",
    "is_none_or",
    "is_err_and",
    "iter",
    "into_iter",
    "zip",
    "xor",
];

/// Methods that supply a fallback value: the argument that computes it.
const FALLBACK: &[&str] = &[
    "unwrap_or",
    "unwrap_or_else",
    "or",
    "or_else",
    "map_or",
    "map_or_else",
    "unwrap_or_else_default",
];

/// Follows the value of the node (the last of `cx.parents` is its parent) upwards, through a
/// `let` binding to its first use.
pub fn consumption<'ast>(cx: &ExprCx<'_, 'ast>, node: &'ast Expr) -> Consumption<'ast> {
    let child = match follow(cx.parents, node) {
        Flow::Ends(c) => return c,
        Flow::Reaches(child) => child,
    };
    // `let _ = e;` or `e;`: nothing uses the date, so nothing fails with it.
    if cx.discarded.contains(&(child as *const Expr)) {
        return Consumption::Handled;
    }
    if cx.let_else_inits.contains(&(child as *const Expr)) {
        if let Some(otherwise) = let_else_branch(cx, child) {
            return on_branch(otherwise);
        }
        return Consumption::Handled;
    }
    // `let next = d.with_month(..);` then `match next { .. }`, `if let Some(n) = next`, `next?`.
    if let Some(f) = cx.func {
        if let Some(binding) = f.bindings.iter().find(|b| {
            matches!(b.value, crate::bindings::BoundTo::Expr(init) if std::ptr::eq(init, child))
        }) {
            if let Some((chain, use_node)) = first_use(f.body, &binding.name, binding.at) {
                return match follow(&chain, use_node) {
                    Flow::Ends(c) => c,
                    Flow::Reaches(_) => Consumption::Unhandled,
                };
            }
        }
    }
    Consumption::Unhandled
}

enum Flow<'ast> {
    /// The value's fate is decided here.
    Ends(Consumption<'ast>),
    /// The value reaches this expression, whose parent does not decide (a `let`, an argument,
    /// a return).
    Reaches(&'ast Expr),
}

/// Follows a value up a chain of parents (outermost first).
fn follow<'ast>(parents: &[&'ast Expr], node: &'ast Expr) -> Flow<'ast> {
    let mut child = node;
    for &parent in parents.iter().rev() {
        match parent {
            Expr::Paren(_) | Expr::Group(_) | Expr::Reference(_) => {}
            Expr::MethodCall(m) if std::ptr::eq(&*m.receiver, child) => {
                let name = m.method.to_string();
                match name.as_str() {
                    "unwrap" | "expect" | "unwrap_unchecked" => {
                        return Flow::Ends(Consumption::Unwrapped(parent))
                    }
                    "unwrap_or" if m.args.first().is_some_and(panics_inside) => {
                        return Flow::Ends(Consumption::EagerFallback(&m.args[0]))
                    }
                    "unwrap_or_default" => return Flow::Ends(fallback(None)),
                    n if FALLBACK.contains(&n) => return Flow::Ends(fallback(m.args.first())),
                    n if TESTING.contains(&n) => return Flow::Ends(Consumption::Handled),
                    n if PASS_THROUGH.contains(&n) => {}
                    _ => return Flow::Ends(Consumption::Unhandled),
                }
            }
            // `a.or(b)`, `a.or_else(|| b)`: `b` is itself a fallback; what matters is `a.or(b)`.
            Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "or" | "xor") => {}
            Expr::Closure(_) => {}
            Expr::Match(m) if std::ptr::eq(&*m.expr, child) => {
                let failure_arms: Vec<&Expr> = m
                    .arms
                    .iter()
                    .filter(|arm| is_failure_pattern(&arm.pat))
                    .map(|arm| &*arm.body)
                    .collect();
                return Flow::Ends(match failure_arms.as_slice() {
                    [] => Consumption::Unhandled,
                    arms => arms
                        .iter()
                        .map(|body| on_branch(body))
                        .max_by_key(severity)
                        .unwrap_or(Consumption::Unhandled),
                });
            }
            Expr::Let(_) => {}
            Expr::If(i) if is_let_chain_of(&i.cond, child) => {
                return Flow::Ends(match &i.else_branch {
                    // `if let Some(d) = .. { use(d) }`: the failing date is skipped.
                    None => Consumption::Handled,
                    Some((_, e)) => on_branch(e),
                });
            }
            Expr::Binary(_) => {}
            // The value of a branch is the value of the `if`/`match`/block around it.
            Expr::If(i)
                if !std::ptr::eq(&*i.cond, child) && is_tail(&i.then_branch, child)
                    || i.else_branch
                        .as_ref()
                        .is_some_and(|(_, e)| std::ptr::eq(&**e, child)) => {}
            Expr::Match(m) if m.arms.iter().any(|a| std::ptr::eq(&*a.body, child)) => {}
            Expr::Block(b) if is_tail(&b.block, child) => {}
            _ => break,
        }
        child = parent;
    }
    Flow::Reaches(child)
}

/// `e` is the last expression of the block, its value.
fn is_tail(b: &syn::Block, e: &Expr) -> bool {
    matches!(b.stmts.last(), Some(syn::Stmt::Expr(last, None)) if std::ptr::eq(last, e))
}

/// The first use of `name` after `after` in the block, and the chain of expressions around it.
pub fn first_use<'ast>(
    body: &'ast syn::Block,
    name: &str,
    after: proc_macro2::LineColumn,
) -> Option<(Vec<&'ast Expr>, &'ast Expr)> {
    struct Find<'n, 'ast> {
        name: &'n str,
        after: proc_macro2::LineColumn,
        stack: Vec<&'ast Expr>,
        out: Option<(Vec<&'ast Expr>, &'ast Expr)>,
    }
    impl<'ast> Visit<'ast> for Find<'_, 'ast> {
        fn visit_expr(&mut self, e: &'ast Expr) {
            if self.out.is_some() {
                return;
            }
            if let Expr::Path(p) = e {
                if p.path.is_ident(self.name)
                    && crate::bindings::before(self.after, crate::values::start_of(e))
                {
                    self.out = Some((self.stack.clone(), e));
                    return;
                }
            }
            self.stack.push(e);
            syn::visit::visit_expr(self, e);
            self.stack.pop();
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut f = Find {
        name,
        after,
        stack: Vec::new(),
        out: None,
    };
    f.visit_block(body);
    f.out
}

/// The `else` block of the `let .. else` whose initializer is `init`.
fn let_else_branch<'ast>(cx: &ExprCx<'_, 'ast>, init: &'ast Expr) -> Option<&'ast Expr> {
    struct Find<'ast> {
        init: *const Expr,
        out: Option<&'ast Expr>,
    }
    impl<'ast> Visit<'ast> for Find<'ast> {
        fn visit_local(&mut self, l: &'ast syn::Local) {
            if let Some(i) = &l.init {
                if std::ptr::eq(&*i.expr, self.init) {
                    self.out = i.diverge.as_ref().map(|(_, e)| &**e);
                }
            }
            syn::visit::visit_local(self, l);
        }
    }
    let mut f = Find { init, out: None };
    f.visit_block(cx.func?.body);
    f.out
}

/// A fallback value: silently wrong when it is a plain value (the old date, today, a default,
/// a constant); a fallback that computes another date (calendar arithmetic, a clamp, the leap
/// day named) copes with the failing day on purpose.
fn fallback(e: Option<&Expr>) -> Consumption<'_> {
    match e {
        Some(e) if is_failure_value(e) => Consumption::Unhandled,
        Some(e) if handles_leap_day(e) || !is_plain_value(e) => Consumption::Handled,
        _ => Consumption::Fallback(e),
    }
}

/// A value that is not computed for the failing day: a variable, a field, a literal, a
/// default, the clock, or a copy of one (through a closure or block that only yields it).
fn is_plain_value(e: &Expr) -> bool {
    match e {
        Expr::Path(_) | Expr::Field(_) | Expr::Lit(_) => true,
        Expr::Paren(p) => is_plain_value(&p.expr),
        Expr::Reference(r) => is_plain_value(&r.expr),
        Expr::Closure(c) => is_plain_value(&c.body),
        Expr::Block(b) => match b.block.stmts.as_slice() {
            [syn::Stmt::Expr(e, None)] => is_plain_value(e),
            _ => false,
        },
        Expr::MethodCall(m) => {
            m.args.is_empty()
                && matches!(
                    m.method.to_string().as_str(),
                    "clone"
                        | "to_owned"
                        | "into"
                        | "date_naive"
                        | "naive_local"
                        | "naive_utc"
                        | "date"
                )
                && is_plain_value(&m.receiver)
                || m.args.is_empty() && is_clock(e)
        }
        Expr::Call(c) => {
            c.args.is_empty()
                && matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| {
                    matches!(s.ident.to_string().as_str(), "default" | "now" | "now_utc" | "today" | "now_local")
                }))
        }
        _ => false,
    }
}

/// `Utc::now().date_naive()`, `Local::now()`: today.
fn is_clock(e: &Expr) -> bool {
    match e {
        Expr::MethodCall(m) => is_clock(&m.receiver),
        Expr::Call(c) => {
            matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| {
                matches!(s.ident.to_string().as_str(), "now" | "now_utc" | "today" | "now_local")
            }))
        }
        _ => false,
    }
}

/// What a failure branch (a `None =>` arm, an `else`) does.
fn on_branch(body: &Expr) -> Consumption<'_> {
    match divergence(body) {
        Some(Divergence::Skip) => Consumption::Handled,
        Some(Divergence::Return) => Consumption::Unhandled,
        Some(Divergence::Panic) => Consumption::Unwrapped(body),
        None => fallback(Some(body)),
    }
}

/// Ranks consumptions by how badly the failure ends (for several failure arms).
fn severity(c: &Consumption<'_>) -> u8 {
    match c {
        Consumption::Handled => 0,
        Consumption::Fallback(_) => 1,
        Consumption::Unhandled => 2,
        Consumption::Unwrapped(_) | Consumption::EagerFallback(_) => 3,
    }
}

/// The fallback handles the impossible day: it names the leap day, a month's length or the
/// 28th, or steps back a day (`pred_opt`, `day - 1`, `checked_sub_days`).
fn handles_leap_day(e: &Expr) -> bool {
    let ts = e.to_token_stream();
    if mentions(&ts, Guard::LeapDay) || mentions(&ts, Guard::MonthLength) {
        return true;
    }
    let text = ts.to_string();
    [
        "pred_opt",
        "pred (",
        "checked_sub_days",
        "previous_day",
        "yesterday",
        "last_of_month",
        "end_of_month",
    ]
    .iter()
    .any(|w| text.contains(w))
        || text.contains("day () - 1")
        || text.contains("day - 1")
}

/// `None`, `Err(..)`, `Default::default()` of an `Option`: the failure itself, passed on.
fn is_failure_value(e: &Expr) -> bool {
    match e {
        Expr::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "None"),
        Expr::Call(c) => {
            matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Err"))
        }
        Expr::Block(b) => match b.block.stmts.last() {
            Some(syn::Stmt::Expr(e, None)) => is_failure_value(e),
            _ => false,
        },
        Expr::Paren(p) => is_failure_value(&p.expr),
        _ => false,
    }
}

/// How a branch leaves without a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Divergence {
    /// `continue` / `break`: this date is skipped.
    Skip,
    /// `return`, `Err(..)?`, `None` as the function's value: the failure goes to the caller.
    Return,
    /// `panic!`, `unreachable!`, `.unwrap()`.
    Panic,
}

fn divergence(e: &Expr) -> Option<Divergence> {
    match e {
        Expr::Return(_) => Some(Divergence::Return),
        Expr::Break(_) | Expr::Continue(_) => Some(Divergence::Skip),
        Expr::Block(b) => match b.block.stmts.last() {
            Some(syn::Stmt::Expr(e, _)) => {
                divergence(e).or_else(|| is_failure_value(e).then_some(Divergence::Return))
            }
            Some(syn::Stmt::Macro(m)) => is_panic_macro(&m.mac.path).then_some(Divergence::Panic),
            _ => None,
        },
        Expr::Macro(m) => is_panic_macro(&m.mac.path).then_some(Divergence::Panic),
        Expr::Call(c) => {
            if crate::macros::macro_name(e)
                .is_some_and(|n| matches!(n, "panic" | "unreachable" | "todo" | "unimplemented"))
            {
                Some(Divergence::Panic)
            } else if matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Err"))
                || crate::macros::macro_name(e) == Some("bail")
            {
                Some(Divergence::Return)
            } else {
                None
            }
        }
        // A fallback ending in `.unwrap()` computes a value; whether that call can fail is its
        // own finding.
        Expr::Try(_) => None,
        _ => is_failure_value(e).then_some(Divergence::Return),
    }
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

/// The expression panics, returns or leaves the loop instead of supplying a value.
pub fn diverges(e: &Expr) -> bool {
    divergence(e).is_some()
}

pub(crate) fn is_panic_macro(path: &syn::Path) -> bool {
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
