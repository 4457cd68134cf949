//! Simple local bindings inside one function: `let y = d.year() + 1;`,
//! `let (y, m, d) = (dt.year(), dt.month(), dt.day());`.
//!
//! Lints follow a variable back to the expression it was bound to, so that
//! `let y = start.year() + 1; NaiveDate::from_ymd_opt(y, ..)` is seen as year arithmetic.
//! Only `let` is tracked; a later `y += 1` or a binding in a pattern (`if let`, `match`) is
//! not. A binding that is not understood still shadows earlier ones, so a lint never follows
//! a name to a value it no longer has.

use proc_macro2::LineColumn;
use syn::spanned::Spanned;
use syn::visit::Visit;

/// What a name was bound to.
#[derive(Debug, Clone, Copy)]
pub enum BoundTo<'ast> {
    Expr(&'ast syn::Expr),
    /// A binding whose value is not known (destructuring of a call's result, for instance).
    Opaque,
}

#[derive(Debug, Clone)]
pub struct Binding<'ast> {
    pub name: String,
    /// Where the `let` starts: the binding is visible after it.
    pub at: LineColumn,
    pub value: BoundTo<'ast>,
}

/// Every `let` of one function body, in source order.
#[derive(Debug, Default)]
pub struct Bindings<'ast> {
    list: Vec<Binding<'ast>>,
}

impl<'ast> Bindings<'ast> {
    pub fn collect(block: &'ast syn::Block) -> Bindings<'ast> {
        let mut c = Collector { out: Vec::new() };
        c.visit_block(block);
        Bindings { list: c.out }
    }

    /// The value `name` holds at `use_at`: the last `let` of that name starting before it.
    pub fn lookup(&self, name: &str, use_at: LineColumn) -> Option<&Binding<'ast>> {
        self.list
            .iter()
            .rev()
            .find(|b| b.name == name && before(b.at, use_at))
    }

    /// Names bound to an expression satisfying `pred` (e.g. "bound to a `format!`").
    pub fn iter(&self) -> impl Iterator<Item = &Binding<'ast>> {
        self.list.iter()
    }
}

pub fn before(a: LineColumn, b: LineColumn) -> bool {
    (a.line, a.column) < (b.line, b.column)
}

struct Collector<'ast> {
    out: Vec<Binding<'ast>>,
}

impl<'ast> Collector<'ast> {
    fn bind(&mut self, pat: &'ast syn::Pat, value: Option<&'ast syn::Expr>, at: LineColumn) {
        match pat {
            syn::Pat::Ident(p) => self.out.push(Binding {
                name: p.ident.to_string(),
                at,
                value: value.map_or(BoundTo::Opaque, BoundTo::Expr),
            }),
            syn::Pat::Type(t) => self.bind(&t.pat, value, at),
            syn::Pat::Tuple(t) => {
                let elems = match value.map(peel_parens) {
                    Some(syn::Expr::Tuple(init)) if init.elems.len() == t.elems.len() => {
                        init.elems.iter().map(Some).collect::<Vec<_>>()
                    }
                    _ => vec![None; t.elems.len()],
                };
                for (p, v) in t.elems.iter().zip(elems) {
                    self.bind(p, v, at);
                }
            }
            other => {
                // Unknown shapes still shadow every name they bind.
                let mut names = NameCollector(Vec::new());
                names.visit_pat(other);
                for name in names.0 {
                    self.out.push(Binding {
                        name,
                        at,
                        value: BoundTo::Opaque,
                    });
                }
            }
        }
    }
}

fn peel_parens(e: &syn::Expr) -> &syn::Expr {
    match e {
        syn::Expr::Paren(p) => peel_parens(&p.expr),
        syn::Expr::Group(g) => peel_parens(&g.expr),
        other => other,
    }
}

impl<'ast> Visit<'ast> for Collector<'ast> {
    fn visit_local(&mut self, l: &'ast syn::Local) {
        // Visit the initializer first: `let y = { let y = ..; y };` binds the inner one first.
        if let Some(init) = &l.init {
            self.visit_expr(&init.expr);
            if let Some((_, d)) = &init.diverge {
                self.visit_expr(d);
            }
        }
        // The binding becomes visible at the end of the `let` statement.
        let at = l.semi_token.span().end();
        let value = l
            .init
            .as_ref()
            .filter(|i| i.diverge.is_none())
            .map(|i| &*i.expr);
        self.bind(&l.pat, value, at);
    }

    // Nested functions have their own bindings.
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

struct NameCollector(Vec<String>);

impl<'ast> Visit<'ast> for NameCollector {
    fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
        self.0.push(p.ident.to_string());
        syn::visit::visit_pat_ident(self, p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    #[test]
    fn tuple_and_shadowing() {
        let block: syn::Block = syn::parse_str(
            "{ let (y, m) = (d.year() + 1, d.month()); let z = y; let y = f(); let q = y; }",
        )
        .unwrap();
        let b = Bindings::collect(&block);
        let at = |col| LineColumn {
            line: 1,
            column: col,
        };
        let BoundTo::Expr(m) = b.lookup("m", at(60)).unwrap().value else {
            panic!()
        };
        assert_eq!(m.to_token_stream().to_string(), "d . month ()");
        // `z = y` sees the first y; `q = y` sees the shadowing opaque call.
        let BoundTo::Expr(y1) = b.lookup("y", at(48)).unwrap().value else {
            panic!()
        };
        assert_eq!(y1.to_token_stream().to_string(), "d . year () + 1");
        let BoundTo::Expr(y2) = b.lookup("y", at(75)).unwrap().value else {
            panic!()
        };
        assert_eq!(y2.to_token_stream().to_string(), "f ()");
        assert!(b.lookup("nope", at(75)).is_none());
    }
}
