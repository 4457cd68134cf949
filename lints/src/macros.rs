//! Makes the arguments of common macros visible to the lints.
//!
//! syn leaves a macro's input as tokens. Date code hides inside `format!`, `assert_eq!`,
//! `println!`, `vec!` and the logging macros, so before linting, each invocation of a known
//! macro whose input parses as comma-separated expressions is rewritten in place into a call
//! `__lc_macro_NAME(args..)`. The arguments keep their original spans, so findings
//! point into the macro as written. Unknown macros (DSLs) are left alone.

use proc_macro2::Span;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::visit_mut::VisitMut;
use syn::{Expr, Token};

/// Prefix of the synthetic function a rewritten macro becomes.
/// It must not contain a word a guard looks for (`leap`, `year`, `dec`): guards read identifiers.
pub const PREFIX: &str = "__lc_macro_";

/// Macros whose input is a list of expressions (the first may be a format string).
const EXPR_LIST_MACROS: &[&str] = &[
    "format",
    "format_args",
    "print",
    "println",
    "eprint",
    "eprintln",
    "write",
    "writeln",
    "panic",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "vec",
    "format_description",
    "dbg",
    "unreachable",
    "todo",
    "unimplemented",
    "info",
    "warn",
    "error",
    "debug",
    "trace",
    "bail",
    "ensure",
    "anyhow",
    "format_err",
    "eyre",
];

pub fn expand(file: &mut syn::File) {
    Expander.visit_file_mut(file);
}

/// If `e` is a rewritten macro call, its macro name (`format`, `vec`).
pub fn macro_name(e: &Expr) -> Option<&str> {
    let Expr::Call(call) = e else { return None };
    let Expr::Path(p) = &*call.func else {
        return None;
    };
    let ident = p.path.get_ident()?;
    // Identifiers are interned strings in syn; comparing via to_string is cheap enough here
    // because only calls are asked.
    let name = ident.to_string();
    let name = name.strip_prefix(PREFIX)?;
    EXPR_LIST_MACROS
        .iter()
        .copied()
        .find(|m| *m == name)
        .or(match name {
            "matches" => Some("matches"),
            _ => None,
        })
}

struct Expander;

impl Expander {
    fn rewrite(&mut self, mac: &syn::Macro) -> Option<Expr> {
        let name = mac.path.segments.last()?.ident.to_string();
        let span = mac.path.segments.last()?.ident.span();
        let args: Punctuated<Expr, Token![,]> = if name == "matches" {
            // `matches!(expr, pattern)`: only the scrutinee is an expression.
            let parser = |input: ParseStream| {
                let e: Expr = input.parse()?;
                let _: proc_macro2::TokenStream = input.parse()?;
                let mut p = Punctuated::new();
                p.push(e);
                Ok(p)
            };
            parser.parse2(mac.tokens.clone()).ok()?
        } else if EXPR_LIST_MACROS.contains(&name.as_str()) {
            if name == "vec" {
                if let Ok(Expr::Repeat(mut rep)) = parse_repeat.parse2(mac.tokens.clone()) {
                    // Give the synthetic brackets the macro's own delimiter span, so that the
                    // expression's span is `[x; n]` as written, not the call site.
                    rep.bracket_token = syn::token::Bracket(delimiter_span(&mac.delimiter));
                    return Some(Expr::Repeat(rep));
                }
            }
            Punctuated::parse_terminated
                .parse2(mac.tokens.clone())
                .ok()?
        } else {
            return None;
        };
        let mut call = synthetic_call(&format!("{PREFIX}{name}"), span, args);
        if let Expr::Call(c) = &mut call {
            c.paren_token = syn::token::Paren(delimiter_span(&mac.delimiter));
        }
        Some(call)
    }
}

fn delimiter_span(d: &syn::MacroDelimiter) -> proc_macro2::extra::DelimSpan {
    match d {
        syn::MacroDelimiter::Paren(p) => p.span,
        syn::MacroDelimiter::Brace(b) => b.span,
        syn::MacroDelimiter::Bracket(b) => b.span,
    }
}

/// `vec![elem; n]` as an array-repeat expression.
fn parse_repeat(input: ParseStream) -> syn::Result<Expr> {
    let expr: Expr = input.parse()?;
    let semi: Token![;] = input.parse()?;
    let len: Expr = input.parse()?;
    Ok(Expr::Repeat(syn::ExprRepeat {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        expr: Box::new(expr),
        semi_token: semi,
        len: Box::new(len),
    }))
}

fn synthetic_call(name: &str, span: Span, args: Punctuated<Expr, Token![,]>) -> Expr {
    let ident = syn::Ident::new(name, span);
    Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(Expr::Path(syn::ExprPath {
            attrs: Vec::new(),
            qself: None,
            path: ident.into(),
        })),
        paren_token: Default::default(),
        args,
    })
}

/// The one item-level macro whose input is rewritten (into statics): the input of any other
/// item-level macro stays tokens, which no lint reports in.
pub const ITEM_MACRO: &str = "lazy_static";

/// The items of `lazy_static! { [pub] static ref NAME: T = expr; .. }` as plain statics
/// (`static NAME: T = expr;`), spans kept: the initializers are code like any other.
fn lazy_statics(mac: &syn::Macro) -> Option<Vec<syn::Item>> {
    if mac.path.segments.last()?.ident != ITEM_MACRO {
        return None;
    }
    let parser = |input: ParseStream| {
        let mut items = Vec::new();
        while !input.is_empty() {
            let attrs = input.call(syn::Attribute::parse_outer)?;
            let vis: syn::Visibility = input.parse()?;
            let static_token: Token![static] = input.parse()?;
            let _: Token![ref] = input.parse()?;
            let ident: syn::Ident = input.parse()?;
            let colon_token: Token![:] = input.parse()?;
            let ty: syn::Type = input.parse()?;
            let eq_token: Token![=] = input.parse()?;
            let expr: Expr = input.parse()?;
            let semi_token: Token![;] = input.parse()?;
            items.push(syn::Item::Static(syn::ItemStatic {
                attrs,
                vis,
                static_token,
                mutability: syn::StaticMutability::None,
                ident,
                colon_token,
                ty: Box::new(ty),
                eq_token,
                expr: Box::new(expr),
                semi_token,
            }));
        }
        Ok(items)
    };
    parser.parse2(mac.tokens.clone()).ok()
}

impl Expander {
    fn expand_items(&mut self, items: &mut Vec<syn::Item>) {
        let mut i = 0;
        while i < items.len() {
            let expanded = match &items[i] {
                syn::Item::Macro(m) => lazy_statics(&m.mac),
                _ => None,
            };
            match expanded {
                Some(new) => {
                    let n = new.len();
                    items.splice(i..=i, new);
                    i += n;
                }
                None => i += 1,
            }
        }
    }
}

impl VisitMut for Expander {
    fn visit_file_mut(&mut self, f: &mut syn::File) {
        self.expand_items(&mut f.items);
        syn::visit_mut::visit_file_mut(self, f);
    }

    fn visit_item_mod_mut(&mut self, m: &mut syn::ItemMod) {
        if let Some((_, items)) = &mut m.content {
            self.expand_items(items);
        }
        syn::visit_mut::visit_item_mod_mut(self, m);
    }

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Expr::Macro(m) = e {
            if let Some(new) = self.rewrite(&m.mac) {
                *e = new;
            }
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }

    fn visit_stmt_mut(&mut self, s: &mut syn::Stmt) {
        if let syn::Stmt::Macro(m) = s {
            if let Some(new) = self.rewrite(&m.mac) {
                *s = syn::Stmt::Expr(new, m.semi_token);
            }
        }
        syn::visit_mut::visit_stmt_mut(self, s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn expanded(src: &str) -> String {
        let mut f: syn::File = syn::parse_str(src).unwrap();
        expand(&mut f);
        f.into_token_stream().to_string()
    }

    #[test]
    fn format_and_statement_macros_become_calls() {
        let out = expanded(r#"fn f() { let s = format!("{}", d.year() + 1); println!("{}", s); }"#);
        assert!(
            out.contains("__lc_macro_format (\"{}\" , d . year () + 1)"),
            "{out}"
        );
        assert!(out.contains("__lc_macro_println"), "{out}");
    }

    #[test]
    fn lazy_statics_become_statics() {
        let out = expanded(
            "lazy_static! { static ref OPEN: NaiveTime = NaiveTime::from_hms(9, 30, 0); \
             pub static ref N: u32 = 3; }\n mod m { lazy_static::lazy_static! { static ref X: u8 = 1; } }",
        );
        assert!(
            out.contains("static OPEN : NaiveTime = NaiveTime :: from_hms (9 , 30 , 0) ;"),
            "{out}"
        );
        assert!(out.contains("pub static N : u32 = 3 ;"), "{out}");
        assert!(out.contains("static X : u8 = 1 ;"), "{out}");
        assert!(!out.contains("lazy_static !"), "{out}");
    }

    #[test]
    fn vec_repeat_and_matches() {
        let out =
            expanded("fn f() { let v = vec![0u8; 365]; let b = matches!(d.month(), 2 | 3); }");
        assert!(out.contains("[0u8 ; 365]"), "{out}");
        assert!(out.contains("__lc_macro_matches (d . month ())"), "{out}");
    }

    #[test]
    fn unknown_and_unparsable_macros_stay() {
        let out = expanded("fn f() { my_dsl!(a => b); println!(a => b); }");
        assert!(out.contains("my_dsl !"), "{out}");
        assert!(out.contains("println !"), "{out}");
    }
}
