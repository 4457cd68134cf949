//! The files a source file brings into its crate: its `mod name;` declarations (with their
//! `#[path = ".."]` attributes and the inline modules around them) and its `include!("..")`
//! calls. The CLI follows them from the crate roots to learn which files cargo compiles (see
//! `src/modtree.rs`).
//!
//! Read from tokens, not from a syntax tree: a file with a syntax error still tokenizes as long
//! as its brackets balance, and declarations inside macro input (`cfg_if! { .. mod unix; .. }`)
//! are found as well. Reading is generous: a declaration behind `#[cfg(..)]`, or a `path`
//! attribute in any attribute before a `mod`, counts — a file declared anywhere is taken to be
//! compiled.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// What one file declares.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ModuleRefs {
    /// `mod name;` declarations.
    pub mods: Vec<ModDecl>,
    /// The paths of `include!("..")` calls, relative to the file's directory.
    pub includes: Vec<String>,
    /// A module declaration whose name a macro supplies (`mod $name;`): which files it
    /// declares is not known.
    pub generated: bool,
}

/// One `mod name;` declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModDecl {
    /// The inline modules around it (`mod a { mod b { mod name; } }`: `a`, `b`), each with the
    /// `path` attributes on it.
    pub inline: Vec<(String, Vec<String>)>,
    pub name: String,
    /// `#[path = ".."]` values on the declaration (also inside `cfg_attr`).
    pub paths: Vec<String>,
}

/// The declarations of a file, or `None` when its tokens cannot be read (unbalanced brackets,
/// a bad literal, nesting beyond [`crate::MAX_NESTING`]).
pub fn module_refs(src: &str) -> Option<ModuleRefs> {
    crate::source::check_nesting(src, crate::MAX_NESTING).ok()?;
    let text = crate::source::prepare(src);
    let result = text.parse::<TokenStream>().ok().map(|tokens| {
        let mut out = ModuleRefs::default();
        scan(tokens, &mut Vec::new(), &mut out);
        out
    });
    proc_macro2::extra::invalidate_current_thread_spans();
    result
}

fn scan(tokens: TokenStream, inline: &mut Vec<(String, Vec<String>)>, out: &mut ModuleRefs) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    // `path` attribute values seen since the last item ended.
    let mut pending: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            TokenTree::Punct(p) if p.as_char() == '#' => {
                // `#[..]` or `#![..]`: collect `path = ".."` from it.
                let mut j = i + 1;
                if matches!(tokens.get(j), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
                    j += 1;
                }
                if let Some(TokenTree::Group(g)) = tokens.get(j) {
                    if g.delimiter() == Delimiter::Bracket {
                        path_values(g.stream(), &mut pending);
                        i = j + 1;
                        continue;
                    }
                }
                i += 1;
            }
            TokenTree::Ident(id) if id == "mod" => match (tokens.get(i + 1), tokens.get(i + 2)) {
                (Some(TokenTree::Ident(name)), Some(TokenTree::Punct(semi)))
                    if semi.as_char() == ';' =>
                {
                    out.mods.push(ModDecl {
                        inline: inline.clone(),
                        name: ident_name(name),
                        paths: std::mem::take(&mut pending),
                    });
                    i += 3;
                }
                (Some(TokenTree::Ident(name)), Some(TokenTree::Group(body)))
                    if body.delimiter() == Delimiter::Brace =>
                {
                    inline.push((ident_name(name), std::mem::take(&mut pending)));
                    scan(body.stream(), inline, out);
                    inline.pop();
                    i += 3;
                }
                (Some(TokenTree::Punct(dollar)), _) if dollar.as_char() == '$' => {
                    out.generated = true;
                    i += 2;
                }
                _ => i += 1,
            },
            TokenTree::Ident(id) if id == "include" => {
                if let (Some(TokenTree::Punct(bang)), Some(TokenTree::Group(args))) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                {
                    if bang.as_char() == '!' {
                        if let Some(TokenTree::Literal(l)) = args.stream().into_iter().next() {
                            if let Some(s) = str_value(&l) {
                                out.includes.push(s);
                            }
                        }
                        i += 3;
                        continue;
                    }
                }
                i += 1;
            }
            TokenTree::Group(g)
                if g.delimiter() == Delimiter::Parenthesis
                    && matches!(i.checked_sub(1).map(|k| &tokens[k]), Some(TokenTree::Ident(v)) if v == "pub") =>
            {
                // `pub(crate)` between the attributes and `mod`.
                i += 1;
            }
            TokenTree::Group(g) => {
                // Any other bracketed tokens: an item's body, a macro's input.
                pending.clear();
                scan(g.stream(), inline, out);
                i += 1;
            }
            TokenTree::Punct(p) if p.as_char() == ';' => {
                pending.clear();
                i += 1;
            }
            _ => i += 1,
        }
    }
}

/// `r#type` is the module `type`.
fn ident_name(i: &proc_macro2::Ident) -> String {
    let s = i.to_string();
    s.strip_prefix("r#").map_or(s.clone(), str::to_string)
}

/// The string values of `path = ".."` anywhere in an attribute's tokens.
fn path_values(tokens: TokenStream, out: &mut Vec<String>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, t) in tokens.iter().enumerate() {
        match t {
            TokenTree::Ident(id) if id == "path" => {
                if let (Some(TokenTree::Punct(eq)), Some(TokenTree::Literal(l))) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                {
                    if eq.as_char() == '=' {
                        out.extend(str_value(l));
                    }
                }
            }
            TokenTree::Group(g) => path_values(g.stream(), out),
            _ => {}
        }
    }
}

fn str_value(l: &proc_macro2::Literal) -> Option<String> {
    match syn::Lit::new(l.clone()) {
        syn::Lit::Str(s) => Some(s.value()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_paths_inline_modules_and_includes() {
        let refs = module_refs(
            r#"
            //! Crate docs.
            #![allow(dead_code)]
            mod a;
            #[path = "kind.rs"] pub(crate) mod r#type;
            #[cfg_attr(unix, path = "sys/unix.rs")]
            #[cfg(any(unix, windows))]
            mod sys;
            mod outer {
                #[path = "x.rs"] mod inner;
                fn f() {}
            }
            cfg_if::cfg_if! { if #[cfg(unix)] { mod unix; } else { mod windows; } }
            include!("generated.rs");
            include!(concat!(env!("OUT_DIR"), "/b.rs"));
            #[path = "not_a_mod.rs"] fn g() {}
            mod later;
            macro_rules! m { ($n:ident) => { mod $n; } }
            "#,
        )
        .unwrap();
        let names: Vec<&str> = refs.mods.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            ["a", "type", "sys", "inner", "unix", "windows", "later"]
        );
        assert_eq!(refs.mods[1].paths, ["kind.rs"]);
        assert_eq!(refs.mods[2].paths, ["sys/unix.rs"]);
        assert_eq!(refs.mods[3].inline, [("outer".to_string(), vec![])]);
        assert_eq!(refs.mods[3].paths, ["x.rs"]);
        assert!(refs.mods[6].paths.is_empty(), "{:?}", refs.mods[6]);
        assert_eq!(refs.includes, ["generated.rs"]);
        assert!(refs.generated);
        // Unbalanced brackets cannot be read.
        assert!(module_refs("mod a;\nfn f( {}\n").is_none());
    }
}
