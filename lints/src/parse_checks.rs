//! Parses that cannot fail where they are unwrapped, for `unwrap_on_date_construction`:
//!
//! * **checked earlier**: the same parse (same parser, same text, same format) was tested
//!   before in the function, and its failure leaves it: `if parse(s, f).is_err() { return
//!   None; }`, `let Ok(_) = parse(s, f) else { .. }`, `parse(s, f)?;`, a `match` whose failure
//!   arm leaves, `assert!(parse(s, f).is_ok())`, or the unwrap sits in the branch of `if
//!   parse(s, f).is_ok()`;
//! * **validated by a same-file method**: a function of this file called earlier runs the same
//!   parse and records its outcome in a field (`self.err = match parse(..) { .. }`), directly
//!   or through up to two more same-file calls (`validate_all` calling `validate_date`), and
//!   the function leaves when a test of that field says so (`if !self.err.is_empty() { return
//!   }`), directly or through a same-file `&self` predicate (`if !self.is_valid()` where
//!   `is_valid` returns `.. && self.err.is_empty()`);
//! * **a round trip**: the text is what this code formatted with the format it parses
//!   (`parse_from_str(&d.format(F).to_string(), F)`, through a `let` or a same-file function
//!   that returns it).
//!
//! "Same text" is read from the tokens: the text must be a place (a variable or a field path,
//! perhaps indexed by a literal, read through an accessor such as `.lines()`, borrowed or
//! `.as_str()`) that the function never assigns, borrows `&mut` or changes
//! with a `String` method, and whose root is bound once. A test of a different text or format
//! does not count.

use quote::ToTokens;
use syn::visit::Visit;
use syn::{Expr, Stmt};

use crate::context::ExprCx;

/// The parse `call` (unwrapped) was checked earlier in its function, directly or by a
/// same-file validator.
pub fn checked_earlier<'ast>(
    cx: &ExprCx<'_, 'ast>,
    call: &'ast syn::ExprCall,
    node: &'ast Expr,
) -> bool {
    let Some(func) = cx.func else { return false };
    let Some(places) = text_places(call) else {
        return false;
    };
    if places
        .iter()
        .any(|p| changed_in(func.body, p) || !bound_once(func.sig, func.body, &p.root))
    {
        return false;
    }
    let key = call_key(call);
    let mut finder = Finder {
        target: node as *const Expr,
        stack: Vec::new(),
        found: None,
    };
    finder.visit_block(func.body);
    let Some(chain) = finder.found else {
        return false;
    };
    chain.iter().any(|frame| match frame {
        Frame::Stmt(block, i) => ensured_before(cx, &block.stmts[..*i], &key, &places),
        Frame::Then(cond) => succeeds_if(cond, &key),
        Frame::Else(cond) => fails_if(cond, &key),
    })
}

/// The text of the parse `call` is what this code formatted with the very format it parses.
pub fn round_trip(cx: &ExprCx<'_, '_>, call: &syn::ExprCall) -> bool {
    let (Some(text), Some(fmt)) = (call.args.first(), call.args.get(1).and_then(str_lit)) else {
        return false;
    };
    formatted_with(cx, text, &fmt, 0)
}

// ------------------------------------------------------------------------------ the text

/// A place the text is read from: `s`, `self.text`, `row.input` (root and tokens).
struct Place {
    root: String,
    tokens: String,
}

/// The text argument as places (the format may be a place too, or a literal); `None` when an
/// argument is computed (a call whose result may differ between two runs of it).
fn text_places(call: &syn::ExprCall) -> Option<Vec<Place>> {
    let mut out = Vec::new();
    for a in &call.args {
        let a = peel_text(a);
        match a {
            Expr::Lit(_) => {}
            _ => out.push(place(a)?),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Accessors that return a view of their receiver and change nothing.
const READ_ONLY: &[&str] = &["lines", "first", "last", "text", "value"];

fn place(e: &Expr) -> Option<Place> {
    let mut root = e;
    loop {
        root = match root {
            Expr::Field(f) => &f.base,
            // An item at a fixed index (`self.rows[0]`), and what a read-only accessor returns
            // (`self.date_txt.lines()[0]`, a text area's lines).
            Expr::Index(i) if matches!(&*i.index, Expr::Lit(_)) => &i.expr,
            Expr::MethodCall(m)
                if m.args.is_empty() && READ_ONLY.contains(&m.method.to_string().as_str()) =>
            {
                &m.receiver
            }
            Expr::Path(p) if p.qself.is_none() => {
                let ident = p.path.get_ident()?;
                // A constant (`FORMAT`) cannot change.
                let name = ident.to_string();
                return Some(Place {
                    root: name,
                    tokens: norm(e),
                });
            }
            _ => return None,
        }
    }
}

/// The text without what does not change it: parentheses, borrows, derefs, `.as_str()`,
/// `.as_ref()`, `.as_deref()`, `.trim()`.
fn peel_text(mut e: &Expr) -> &Expr {
    loop {
        e = match e {
            Expr::Paren(p) => &p.expr,
            Expr::Group(g) => &g.expr,
            Expr::Reference(r) => &r.expr,
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => &u.expr,
            Expr::MethodCall(m)
                if m.args.is_empty()
                    && matches!(
                        m.method.to_string().as_str(),
                        "as_str" | "as_ref" | "as_deref" | "trim" | "trim_start" | "trim_end"
                    ) =>
            {
                &m.receiver
            }
            _ => return e,
        };
    }
}

/// Token text without spaces.
fn norm(e: &impl ToTokens) -> String {
    e.to_token_stream().to_string().replace(' ', "")
}

/// The parse's identity: callee and arguments as peeled tokens.
fn call_key(call: &syn::ExprCall) -> String {
    let args: Vec<String> = call.args.iter().map(|a| norm(peel_text(a))).collect();
    format!("{}({})", norm(&call.func), args.join(","))
}

/// `e` is the parse `key` itself, or it passed through a method that keeps its success
/// (`.ok()`, `.map_err(..)`, `.context(..)`).
fn is_parse(e: &Expr, key: &str) -> bool {
    match crate::values::peel_parens(e) {
        Expr::Call(c) => call_key(c) == key,
        Expr::MethodCall(m)
            if matches!(
                m.method.to_string().as_str(),
                "ok" | "map_err" | "context" | "with_context" | "wrap_err" | "map" | "as_ref"
            ) =>
        {
            is_parse(&m.receiver, key)
        }
        Expr::Reference(r) => is_parse(&r.expr, key),
        _ => false,
    }
}

/// The text changes somewhere in the function: assigned, borrowed `&mut`, or changed by a
/// `String` method (on the place or a part of it, or on what contains it).
fn changed_in(body: &syn::Block, place: &Place) -> bool {
    // `target` is the place, a part of it, or a place that contains it.
    let overlaps = |target: &Expr| {
        let t = norm(crate::values::peel_parens(target));
        let p = &place.tokens;
        t == *p || t.starts_with(&format!("{p}.")) || p.starts_with(&format!("{t}."))
    };
    crate::writes::writes(body, &overlaps, Some(&place.root))
}

/// `name` is bound once in the function (a parameter or one `let`), or is `self`: the text the
/// check read is the one the unwrap reads.
fn bound_once(sig: &syn::Signature, body: &syn::Block, name: &str) -> bool {
    if name == "self" {
        return true;
    }
    struct Binds<'n>(&'n str, usize);
    impl<'ast> Visit<'ast> for Binds<'_> {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            self.1 += usize::from(p.ident == self.0);
            syn::visit::visit_pat_ident(self, p);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut b = Binds(name, 0);
    for input in &sig.inputs {
        if let syn::FnArg::Typed(pt) = input {
            b.visit_pat(&pt.pat);
        }
    }
    b.visit_block(body);
    // Not bound at all: a constant or a static of the file, which cannot change.
    b.1 <= 1
}

// ------------------------------------------------------------------------------ checks

/// Where the unwrapped call sits: the statements of each enclosing block, and the branches of
/// each enclosing `if`.
#[derive(Clone, Copy)]
enum Frame<'ast> {
    /// The `usize`-th statement of the block (the statements before it ran first).
    Stmt(&'ast syn::Block, usize),
    /// The then-branch of `if cond`.
    Then(&'ast Expr),
    /// The else-branch of `if cond`.
    Else(&'ast Expr),
}

struct Finder<'ast> {
    target: *const Expr,
    stack: Vec<Frame<'ast>>,
    found: Option<Vec<Frame<'ast>>>,
}

impl<'ast> Visit<'ast> for Finder<'ast> {
    fn visit_block(&mut self, b: &'ast syn::Block) {
        for (i, s) in b.stmts.iter().enumerate() {
            if self.found.is_some() {
                return;
            }
            self.stack.push(Frame::Stmt(b, i));
            self.visit_stmt(s);
            self.stack.pop();
        }
    }

    fn visit_expr(&mut self, e: &'ast Expr) {
        if self.found.is_some() {
            return;
        }
        if std::ptr::eq(e, self.target) {
            self.found = Some(self.stack.clone());
            return;
        }
        match e {
            Expr::If(i) => {
                self.visit_expr(&i.cond);
                self.stack.push(Frame::Then(&i.cond));
                self.visit_block(&i.then_branch);
                self.stack.pop();
                if let Some((_, other)) = &i.else_branch {
                    self.stack.push(Frame::Else(&i.cond));
                    self.visit_expr(other);
                    self.stack.pop();
                }
            }
            _ => syn::visit::visit_expr(self, e),
        }
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// One of these statements, run in order, leaves unless the parse succeeds: a check of the
/// parse itself, or a validator followed by a test of what it recorded.
fn ensured_before(cx: &ExprCx<'_, '_>, stmts: &[Stmt], key: &str, places: &[Place]) -> bool {
    let mut recorded: Vec<String> = Vec::new();
    for s in stmts {
        if ensures(s, key) {
            return true;
        }
        if let Stmt::Expr(Expr::If(i), _) = s {
            if i.else_branch.is_none()
                && block_leaves(&i.then_branch)
                && recorded
                    .iter()
                    .any(|f| mentions(&i.cond, f) || invalid_if(cx, &i.cond, f))
            {
                return true;
            }
        }
        if let Stmt::Expr(e, _) = s {
            recorded.extend(validator_fields(cx, e, key, places, 0));
        }
    }
    false
}

/// The statement completes only when the parse succeeds.
fn ensures(s: &Stmt, key: &str) -> bool {
    match s {
        Stmt::Local(l) => {
            let Some(init) = &l.init else { return false };
            if init.diverge.is_some() {
                // `let Ok(_) = parse(..) else { .. }`
                return success_pattern(&l.pat) && is_parse(&init.expr, key);
            }
            expr_ensures(&init.expr, key)
        }
        Stmt::Expr(e, _) => expr_ensures(e, key),
        _ => false,
    }
}

fn expr_ensures(e: &Expr, key: &str) -> bool {
    match crate::values::peel_parens(e) {
        Expr::If(i) => {
            i.else_branch.is_none() && block_leaves(&i.then_branch) && fails_if(&i.cond, key)
        }
        Expr::Match(m) => {
            is_parse(&m.expr, key)
                && m.arms
                    .iter()
                    .all(|arm| success_pattern(&arm.pat) || leaves(&arm.body))
        }
        Expr::Call(c) if crate::macros::macro_name(e) == Some("assert") => {
            c.args.first().is_some_and(|cond| succeeds_if(cond, key))
        }
        other => try_of(other, key),
    }
}

/// `parse(..)?`, `parse(..).map_err(..)?` at the root of a method chain (`parse(..)?.and_hms(..)`).
fn try_of(e: &Expr, key: &str) -> bool {
    match e {
        Expr::Try(t) => is_parse(&t.expr, key) || try_of(&t.expr, key),
        Expr::MethodCall(m) => try_of(&m.receiver, key),
        Expr::Field(f) => try_of(&f.base, key),
        Expr::Paren(p) => try_of(&p.expr, key),
        Expr::Await(a) => try_of(&a.base, key),
        _ => false,
    }
}

/// `cond` true means the parse failed: `p.is_err()`, `!p.is_ok()`, `p.ok().is_none()`,
/// `let Err(_) = p`, or a disjunction with one of them.
fn fails_if(cond: &Expr, key: &str) -> bool {
    match crate::values::peel_parens(cond) {
        Expr::MethodCall(m) if m.args.is_empty() => {
            matches!(m.method.to_string().as_str(), "is_err" | "is_none")
                && is_parse(&m.receiver, key)
        }
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => succeeds_if(&u.expr, key),
        Expr::Binary(b) if matches!(b.op, syn::BinOp::Or(_)) => {
            fails_if(&b.left, key) || fails_if(&b.right, key)
        }
        Expr::Let(l) => failure_pattern(&l.pat) && is_parse(&l.expr, key),
        _ => false,
    }
}

/// `cond` true means the parse succeeded: `p.is_ok()`, `!p.is_err()`, `let Ok(_) = p`, or a
/// conjunction with one of them.
fn succeeds_if(cond: &Expr, key: &str) -> bool {
    match crate::values::peel_parens(cond) {
        Expr::MethodCall(m) if m.args.is_empty() => {
            matches!(m.method.to_string().as_str(), "is_ok" | "is_some")
                && is_parse(&m.receiver, key)
        }
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => fails_if(&u.expr, key),
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            succeeds_if(&b.left, key) || succeeds_if(&b.right, key)
        }
        Expr::Let(l) => success_pattern(&l.pat) && is_parse(&l.expr, key),
        _ => false,
    }
}

fn success_pattern(p: &syn::Pat) -> bool {
    match p {
        syn::Pat::TupleStruct(t) => t
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "Ok" || s.ident == "Some"),
        _ => false,
    }
}

fn failure_pattern(p: &syn::Pat) -> bool {
    match p {
        syn::Pat::TupleStruct(t) => t.path.segments.last().is_some_and(|s| s.ident == "Err"),
        syn::Pat::Path(path) => path.path.segments.last().is_some_and(|s| s.ident == "None"),
        syn::Pat::Ident(i) => i.ident == "None",
        _ => false,
    }
}

/// The expression leaves the function or the loop, or panics: `return`, `break`, `continue`,
/// `panic!`, `bail!`, `Err(..)?`, a block ending in one.
fn leaves(e: &Expr) -> bool {
    match crate::values::peel_parens(e) {
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
        Expr::Block(b) => block_leaves(&b.block),
        Expr::Call(_) => crate::macros::macro_name(e).is_some_and(|n| {
            matches!(
                n,
                "panic" | "unreachable" | "todo" | "unimplemented" | "bail"
            )
        }),
        Expr::Macro(m) => m.mac.path.segments.last().is_some_and(|s| {
            matches!(
                s.ident.to_string().as_str(),
                "panic" | "unreachable" | "todo" | "unimplemented" | "bail"
            )
        }),
        Expr::Try(t) => matches!(
            crate::values::peel_parens(&t.expr),
            Expr::Call(c) if matches!(&*c.func, Expr::Path(p) if p.path.is_ident("Err"))
        ),
        _ => false,
    }
}

fn block_leaves(b: &syn::Block) -> bool {
    match b.stmts.last() {
        Some(Stmt::Expr(e, _)) => leaves(e),
        Some(Stmt::Macro(m)) => m.mac.path.segments.last().is_some_and(|s| {
            matches!(
                s.ident.to_string().as_str(),
                "panic" | "unreachable" | "todo" | "unimplemented" | "bail"
            )
        }),
        _ => false,
    }
}

/// The field path `field` (`self.err`) occurs in `e` (not `self.errors`).
fn mentions(e: &Expr, field: &str) -> bool {
    let text = norm(e);
    text.match_indices(field).any(|(i, _)| {
        !text[i + field.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
    })
}

/// How many same-file calls a validator may be reached through (`self.validate_all()` that
/// calls `self.validate_date()`: one).
const MAX_VALIDATOR_DEPTH: usize = 2;

/// The condition holds only when the recorded field `field` (`self.err`) is not empty, through
/// a same-file predicate method of `&self`: `!self.is_valid()` where `is_valid` returns
/// `.. && self.err.is_empty() && ..`, or `self.has_errors()` where it returns
/// `.. || !self.err.is_empty() || ..`.
fn invalid_if(cx: &ExprCx<'_, '_>, cond: &Expr, field: &str) -> bool {
    let (call, negated) = match crate::values::peel_parens(cond) {
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => (&*u.expr, true),
        e => (e, false),
    };
    let Expr::MethodCall(m) = crate::values::peel_parens(call) else {
        return false;
    };
    if !m.args.is_empty()
        || !matches!(crate::values::peel_parens(&m.receiver), Expr::Path(p) if p.path.is_ident("self"))
    {
        return false;
    }
    let Some(f) = cx.file.unique_fn(&m.method.to_string()) else {
        return false;
    };
    let shared_self = matches!(
        f.sig.inputs.first(),
        Some(syn::FnArg::Receiver(r)) if r.reference.is_some() && r.mutability.is_none()
    );
    let returns_bool = matches!(&f.sig.output, syn::ReturnType::Type(_, t)
        if matches!(&**t, syn::Type::Path(p) if p.path.is_ident("bool")));
    let tail = match f.body.stmts.as_slice() {
        [Stmt::Expr(e, None)] => e,
        _ => return false,
    };
    if !shared_self || !returns_bool {
        return false;
    }
    // `valid()` is false unless `field` is empty: `field.is_empty()` is one conjunct.
    // `invalid()` is true when it is not: `!field.is_empty()` is one disjunct.
    let (op_and, want_negated) = if negated {
        (true, false)
    } else {
        (false, true)
    };
    parts(tail, op_and).into_iter().any(|part| {
        let (inner, neg) = match crate::values::peel_parens(part) {
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => (&*u.expr, true),
            e => (e, false),
        };
        neg == want_negated
            && matches!(crate::values::peel_parens(inner), Expr::MethodCall(c)
                if c.method == "is_empty" && c.args.is_empty() && norm(&*c.receiver) == field)
    })
}

/// The operands of a chain of `&&` (or `||`).
fn parts(e: &Expr, and: bool) -> Vec<&Expr> {
    match crate::values::peel_parens(e) {
        Expr::Binary(b)
            if (and && matches!(b.op, syn::BinOp::And(_)))
                || (!and && matches!(b.op, syn::BinOp::Or(_))) =>
        {
            let mut out = parts(&b.left, and);
            out.extend(parts(&b.right, and));
            out
        }
        e => vec![e],
    }
}

/// `e` calls a same-file function (`self.validate()`, `validate(&mut self)`,
/// `Self::validate(..)`) that runs the parse `key` and records its outcome in fields of
/// `self`, or that calls such a validator (up to [`MAX_VALIDATOR_DEPTH`] calls deep) and does
/// not write those fields afterwards: those fields (`self.err`). Empty when the call is no
/// such validator, or when it changes the parse's text.
fn validator_fields(
    cx: &ExprCx<'_, '_>,
    e: &Expr,
    key: &str,
    places: &[Place],
    depth: usize,
) -> Vec<String> {
    let name = match crate::values::peel_parens(e) {
        Expr::MethodCall(m) if matches!(crate::values::peel_parens(&m.receiver), Expr::Path(p) if p.path.is_ident("self")) => {
            m.method.to_string()
        }
        Expr::Call(c) => match &*c.func {
            Expr::Path(p)
                if p.path.segments.len() == 1
                    || p.path.segments.len() == 2 && p.path.segments[0].ident == "Self" =>
            {
                match p.path.segments.last() {
                    Some(s) => s.ident.to_string(),
                    None => return Vec::new(),
                }
            }
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    let Some(f) = cx.file.unique_fn(&name) else {
        return Vec::new();
    };
    if places.iter().any(|p| changed_in(f.body, p)) {
        return Vec::new();
    }
    // The validator's statements that run the parse: the fields of `self` they write.
    struct Stmts<'k> {
        key: &'k str,
        fields: Vec<String>,
    }
    impl<'ast> Visit<'ast> for Stmts<'_> {
        fn visit_stmt(&mut self, s: &'ast Stmt) {
            let mut has = HasParse(self.key, false);
            has.visit_stmt(s);
            if !has.1 {
                return;
            }
            let mut w = SelfWrites(Vec::new());
            w.visit_stmt(s);
            if w.0.is_empty() {
                // The parse is deeper: a statement inside this one may write the field.
                syn::visit::visit_stmt(self, s);
            } else {
                self.fields.extend(w.0);
            }
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    struct HasParse<'k>(&'k str, bool);
    impl<'ast> Visit<'ast> for HasParse<'_> {
        fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
            self.1 |= call_key(c) == self.0;
            syn::visit::visit_expr_call(self, c);
        }
    }
    /// `self.F = ..`, `self.F += ..`, `self.F.push(..)`: `self.F`.
    struct SelfWrites(Vec<String>);
    impl SelfWrites {
        fn field(&mut self, e: &Expr) {
            if let Expr::Field(f) = crate::values::peel_parens(e) {
                if matches!(&*f.base, Expr::Path(p) if p.path.is_ident("self")) {
                    self.0.push(norm(e));
                }
            }
        }
    }
    impl<'ast> Visit<'ast> for SelfWrites {
        fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
            self.field(&a.left);
            syn::visit::visit_expr_assign(self, a);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if matches!(
                m.method.to_string().as_str(),
                "push" | "push_str" | "insert" | "extend" | "clear" | "replace" | "set"
            ) {
                self.field(&m.receiver);
            }
            syn::visit::visit_expr_method_call(self, m);
        }
    }
    let mut v = Stmts {
        key,
        fields: Vec::new(),
    };
    v.visit_block(f.body);
    if !v.fields.is_empty() || depth >= MAX_VALIDATOR_DEPTH {
        return v.fields;
    }
    // A validator of validators (`fn validate_all(&mut self) { self.validate_title();
    // self.validate_date(); }`): what its calls record, unless a later statement writes it.
    let mut fields: Vec<String> = Vec::new();
    for s in &f.body.stmts {
        let mut w = SelfWrites(Vec::new());
        w.visit_stmt(s);
        fields.retain(|f| !w.0.contains(f));
        if let Stmt::Expr(e, _) = s {
            fields.extend(validator_fields(cx, e, key, places, depth + 1));
        }
    }
    fields
}

// ------------------------------------------------------------------------------ round trips

fn str_lit(e: &Expr) -> Option<String> {
    match crate::values::peel_parens(e) {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        Expr::Reference(r) => str_lit(&r.expr),
        _ => None,
    }
}

/// `text` is `x.format(fmt).to_string()` or `format!("{}", x.format(fmt))`, directly, through
/// a `let` that is not reassigned, or as every value a same-file function returns.
fn formatted_with(cx: &ExprCx<'_, '_>, text: &Expr, fmt: &str, depth: usize) -> bool {
    let text = peel_text(text);
    match text {
        Expr::MethodCall(m) if m.method == "to_string" && m.args.is_empty() => {
            is_format_call(&m.receiver, fmt)
        }
        Expr::Call(c) if crate::macros::macro_name(text) == Some("format") => {
            c.args.len() == 2
                && str_lit(&c.args[0]).as_deref() == Some("{}")
                && is_format_call(&c.args[1], fmt)
        }
        Expr::Path(p) if p.qself.is_none() && depth == 0 => {
            let Some(ident) = p.path.get_ident() else {
                return false;
            };
            let name = ident.to_string();
            let at = ident.span().start();
            let Some(crate::bindings::BoundTo::Expr(init)) = cx.binding(&name, at) else {
                return false;
            };
            let reassigned = cx.func.is_some_and(|f| {
                changed_in(
                    f.body,
                    &Place {
                        root: name.clone(),
                        tokens: name.clone(),
                    },
                )
            });
            !reassigned && formatted_with(cx, init, fmt, depth + 1)
        }
        Expr::Call(c) if depth < 2 => {
            let Expr::Path(p) = &*c.func else {
                return false;
            };
            let n = p.path.segments.len();
            if !(n == 1 || n == 2 && p.path.segments[0].ident == "Self") {
                return false;
            }
            let Some(name) = p.path.segments.last().map(|s| s.ident.to_string()) else {
                return false;
            };
            returns_formatted(cx, &name, fmt, depth)
        }
        Expr::MethodCall(m)
            if depth < 2
                && matches!(crate::values::peel_parens(&m.receiver), Expr::Path(p) if p.path.is_ident("self")) =>
        {
            returns_formatted(cx, &m.method.to_string(), fmt, depth)
        }
        _ => false,
    }
}

/// `x.format(fmt)` with this very format.
fn is_format_call(e: &Expr, fmt: &str) -> bool {
    match crate::values::peel_parens(e) {
        Expr::MethodCall(m) if m.method == "format" && m.args.len() == 1 => {
            str_lit(&m.args[0]).as_deref() == Some(fmt)
        }
        _ => false,
    }
}

/// Every value the same-file function `name` returns is text it formatted with `fmt`.
fn returns_formatted(cx: &ExprCx<'_, '_>, name: &str, fmt: &str, depth: usize) -> bool {
    let Some(f) = cx.file.unique_fn(name) else {
        return false;
    };
    /// The values returned (`None`: a `return` without one).
    struct Returns<'ast>(Vec<Option<&'ast Expr>>);
    impl<'ast> Visit<'ast> for Returns<'ast> {
        fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
            self.0.push(r.expr.as_deref());
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut r = Returns(Vec::new());
    r.visit_block(f.body);
    match f.body.stmts.last() {
        Some(Stmt::Expr(e, None)) => r.0.push(Some(e)),
        _ if r.0.is_empty() => return false,
        _ => {}
    }
    // A returned local of that function is not followed: its `let` is another function's.
    r.0.iter().all(|e| {
        e.is_some_and(|e| {
            !matches!(peel_text(e), Expr::Path(_)) && formatted_with(cx, e, fmt, depth + 1)
        })
    })
}
