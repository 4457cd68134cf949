//! Splits a file into its items without parsing them.
//!
//! Parsing is most of the engine's cost, and a syn tree takes many times the memory of its
//! source (a 6.8 MB generated file took 700 MB). In a file that holds date code, most items
//! usually hold none. This module lexes the file once with rustc's own lexer
//! (`ra-ap-rustc_lexer`, which knows comments, nested block comments, strings, raw strings,
//! byte and C strings, and char literals from lifetimes) and finds where each item ends by
//! its leading keyword and by counting brackets. Inline modules, `impl` blocks, traits and
//! `extern` blocks are containers: their items are split the same way, and the container's
//! header (`impl<T> Foo<T> where .. {`, inner attributes) is kept with whichever of its items
//! are kept. [`crate::select`] decides which items to parse; this module only describes the
//! file.
//!
//! Anything the splitter does not understand (a lexer error, unbalanced brackets, a token
//! that cannot start an item) makes [`split`] return `None`, and the caller parses the whole
//! file as before: a syntax error is then reported exactly as without the splitter.

use std::ops::Range;

use ra_ap_rustc_lexer::{self as lexer, DocStyle, LiteralKind, TokenKind};

/// A token the splitter looks at (whitespace and comments other than inner doc comments are
/// dropped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ident,
    Literal,
    Lifetime,
    Open(u8),
    Close(u8),
    Punct(u8),
    /// `//!` or `/*! */`: an inner attribute for syn.
    InnerDoc,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: u32,
    end: u32,
    kind: Kind,
}

/// One item, or the header of a container.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Bytes from the end of the previous item (or of the enclosing header) to the end of
    /// this item: its attributes, doc comments and the comments before it included.
    pub chunk: Range<usize>,
    pub kind: ItemKind,
    pub container: Option<Container>,
    /// The innermost enclosing container, as an index into [`Split::nodes`].
    pub parent: Option<usize>,
    /// Token range of the item itself (of the header only, for a container).
    toks: Range<usize>,
}

/// What an item is, as far as choosing items goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemKind {
    /// `use`, `extern crate`.
    Import,
    /// A function or method, with or without a body.
    Fn,
    /// `struct`, `enum`, `union`.
    TypeDef,
    /// `mod`, `impl`, `trait` or `extern` block with a body ([`Node::container`] is set
    /// unless it is nested too deep).
    Container(Holds),
    /// `const`, `static`, `type`, `mod x;`, a macro invocation.
    Other,
}

/// What kind of container an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holds {
    Mod,
    Impl,
    Trait,
    /// `extern "C" { .. }`: its functions are foreign, without bodies.
    Extern,
}

#[derive(Debug, Clone)]
pub(crate) struct Container {
    /// The end of the header: after the `{` and the inner attributes that follow it.
    pub header_end: usize,
    /// Where the last item inside ends; from there to the end of the chunk is the `}`.
    pub items_end: usize,
    /// The items inside, as indices into [`Split::nodes`].
    pub children: Vec<usize>,
    /// Token range of the inner attributes after the `{`.
    inner_attrs: Range<usize>,
}

/// What a name is defined as ([`Split::defs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Def {
    Fn {
        /// Counted by the analyses that ask whether a function is defined once: a free
        /// function or a method of an `impl`, outside macro input.
        counted: bool,
        /// The item itself is a function at the top of the file (a possible date helper).
        top_level: bool,
        /// The item itself is a function declared `pub` (`pub(crate)` ..) or a method of a
        /// trait impl: not private, so its calls in the file are not all its calls.
        public: bool,
        /// A body the analyses see, which its calls can give facts to: not a foreign
        /// function (`extern { fn f(); }`), nor one in a macro's input.
        body: bool,
    },
    /// A `const`, `static` or macro.
    Value,
    /// A type, trait or module.
    Type,
}

/// A file split into items.
pub(crate) struct Split<'s> {
    src: &'s str,
    toks: Vec<Tok>,
    close: Vec<u32>,
    /// Runs of line doc comments of one style (`///` or `//!`) with nothing but whitespace
    /// between them.
    doc_runs: Vec<Range<u32>>,
    pub nodes: Vec<Node>,
    /// The top-level items.
    pub top: Vec<usize>,
    /// The end of the file's inner attributes and inner doc comments (`#![..]`, `//!`).
    pub header_end: usize,
    /// Where the last top-level item ends.
    pub items_end: usize,
}

/// Containers nested deeper than this are kept whole (one item).
const MAX_CONTAINER_DEPTH: usize = 64;

/// Splits `src` (already [`crate::source::prepare`]d: no BOM or shebang) into items, or
/// `None` when it cannot be split with confidence.
pub(crate) fn split(src: &str) -> Option<Split<'_>> {
    if u32::try_from(src.len()).is_err() {
        return None;
    }
    let (toks, doc_runs) = lex(src)?;
    let close = match_brackets(&toks)?;
    let mut s = Splitter {
        src,
        toks: &toks,
        close: &close,
        nodes: Vec::new(),
    };
    let (header_end_tok, top, items_end_tok) = s.items(0, toks.len(), None, 0)?;
    let header_end = match header_end_tok {
        0 => 0,
        i => toks[i - 1].end as usize,
    };
    let items_end = match items_end_tok {
        Some(i) => toks[i].end as usize,
        None => header_end,
    };
    let nodes = s.nodes;
    Some(Split {
        src,
        toks,
        close,
        doc_runs,
        nodes,
        top,
        header_end,
        items_end,
    })
}

fn lex(src: &str) -> Option<(Vec<Tok>, Vec<Range<u32>>)> {
    let mut out = Vec::with_capacity(src.len() / 6);
    let mut doc_runs: Vec<Range<u32>> = Vec::new();
    // The style of the line doc comment the last token was, or whitespace after one.
    let mut in_run: Option<DocStyle> = None;
    let mut pos = 0u32;
    for t in lexer::tokenize(src, lexer::FrontmatterAllowed::No) {
        let start = pos;
        pos += t.len;
        let kind = match t.kind {
            TokenKind::Whitespace => continue,
            TokenKind::LineComment {
                doc_style: Some(style),
            } => {
                match doc_runs.last_mut() {
                    Some(run) if in_run == Some(style) => run.end = pos,
                    _ => doc_runs.push(start..pos),
                }
                in_run = Some(style);
                // An inner one is a token too: where it may be is where the file's or a
                // container's header ends.
                if style == DocStyle::Inner {
                    out.push(Tok {
                        start,
                        end: pos,
                        kind: Kind::InnerDoc,
                    });
                }
                continue;
            }
            TokenKind::LineComment { doc_style: None } => {
                in_run = None;
                continue;
            }
            TokenKind::BlockComment {
                doc_style,
                terminated: true,
            } => match doc_style {
                Some(DocStyle::Inner) => Kind::InnerDoc,
                _ => {
                    in_run = None;
                    continue;
                }
            },
            TokenKind::Ident | TokenKind::RawIdent => Kind::Ident,
            TokenKind::Literal { kind, .. } if literal_ok(kind) => Kind::Literal,
            TokenKind::Lifetime {
                starts_with_number: false,
            }
            | TokenKind::RawLifetime => Kind::Lifetime,
            TokenKind::OpenParen => Kind::Open(b'('),
            TokenKind::OpenBracket => Kind::Open(b'['),
            TokenKind::OpenBrace => Kind::Open(b'{'),
            TokenKind::CloseParen => Kind::Close(b'('),
            TokenKind::CloseBracket => Kind::Close(b'['),
            TokenKind::CloseBrace => Kind::Close(b'{'),
            TokenKind::Semi => Kind::Punct(b';'),
            TokenKind::Comma => Kind::Punct(b','),
            TokenKind::Dot => Kind::Punct(b'.'),
            TokenKind::At => Kind::Punct(b'@'),
            TokenKind::Pound => Kind::Punct(b'#'),
            TokenKind::Tilde => Kind::Punct(b'~'),
            TokenKind::Question => Kind::Punct(b'?'),
            TokenKind::Colon => Kind::Punct(b':'),
            TokenKind::Dollar => Kind::Punct(b'$'),
            TokenKind::Eq => Kind::Punct(b'='),
            TokenKind::Bang => Kind::Punct(b'!'),
            TokenKind::Lt => Kind::Punct(b'<'),
            TokenKind::Gt => Kind::Punct(b'>'),
            TokenKind::Minus => Kind::Punct(b'-'),
            TokenKind::And => Kind::Punct(b'&'),
            TokenKind::Or => Kind::Punct(b'|'),
            TokenKind::Plus => Kind::Punct(b'+'),
            TokenKind::Star => Kind::Punct(b'*'),
            TokenKind::Slash => Kind::Punct(b'/'),
            TokenKind::Caret => Kind::Punct(b'^'),
            TokenKind::Percent => Kind::Punct(b'%'),
            // Unterminated comments and literals, unknown characters, reserved prefixes,
            // frontmatter: the parser decides what they mean.
            _ => return None,
        };
        in_run = None;
        out.push(Tok {
            start,
            end: pos,
            kind,
        });
    }
    Some((out, doc_runs))
}

fn literal_ok(kind: LiteralKind) -> bool {
    match kind {
        LiteralKind::Int { empty_int, .. } => !empty_int,
        LiteralKind::Float { empty_exponent, .. } => !empty_exponent,
        LiteralKind::Char { terminated }
        | LiteralKind::Byte { terminated }
        | LiteralKind::Str { terminated }
        | LiteralKind::ByteStr { terminated }
        | LiteralKind::CStr { terminated } => terminated,
        LiteralKind::RawStr { n_hashes }
        | LiteralKind::RawByteStr { n_hashes }
        | LiteralKind::RawCStr { n_hashes } => n_hashes.is_some(),
    }
}

/// The `>` at `toks[i]` ends a `->`.
fn is_arrow(toks: &[Tok], i: usize) -> bool {
    i > 0 && toks[i - 1].kind == Kind::Punct(b'-') && toks[i - 1].end == toks[i].start
}

/// For each opening bracket, the index of its closing one; `None` when they do not balance.
fn match_brackets(toks: &[Tok]) -> Option<Vec<u32>> {
    let mut close = vec![0u32; toks.len()];
    let mut stack: Vec<(u8, usize)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Kind::Open(d) => stack.push((d, i)),
            Kind::Close(d) => {
                let (open, at) = stack.pop()?;
                if open != d {
                    return None;
                }
                close[at] = i as u32;
            }
            _ => {}
        }
    }
    stack.is_empty().then_some(close)
}

struct Splitter<'a> {
    src: &'a str,
    toks: &'a [Tok],
    close: &'a [u32],
    nodes: Vec<Node>,
}

impl Splitter<'_> {
    fn text(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.src[t.start as usize..t.end as usize]
    }

    fn is(&self, i: usize, kind: Kind) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == kind)
    }

    fn ident(&self, i: usize) -> Option<&str> {
        self.is(i, Kind::Ident).then(|| self.text(i))
    }

    /// Splits the items of token range `lo..hi`: returns the end of the inner attributes at
    /// its start (a token index), its items, and the last token of the last item.
    #[allow(clippy::type_complexity)]
    fn items(
        &mut self,
        lo: usize,
        hi: usize,
        parent: Option<usize>,
        depth: usize,
    ) -> Option<(usize, Vec<usize>, Option<usize>)> {
        let mut i = lo;
        loop {
            if self.is(i, Kind::InnerDoc) && i < hi {
                i += 1;
            } else if i + 2 < hi
                && self.is(i, Kind::Punct(b'#'))
                && self.is(i + 1, Kind::Punct(b'!'))
                && self.is(i + 2, Kind::Open(b'['))
            {
                i = self.close[i + 2] as usize + 1;
            } else {
                break;
            }
        }
        let header_end = i;
        let mut chunk_start = match i {
            0 => 0,
            i => self.toks[i - 1].end as usize,
        };
        let mut out = Vec::new();
        let mut last = None;
        while i < hi {
            let (end, body, kind) = self.item(i, hi)?;
            let node = self.nodes.len();
            let chunk = chunk_start..self.toks[end].end as usize;
            self.nodes.push(Node {
                chunk: chunk.clone(),
                kind,
                container: None,
                parent,
                toks: i..end + 1,
            });
            if let Some(open) = body.filter(|_| depth < MAX_CONTAINER_DEPTH) {
                let (inner_header, children, inner_last) =
                    self.items(open + 1, end, Some(node), depth + 1)?;
                let header_end = self.toks[inner_header.max(open + 1) - 1].end as usize;
                let items_end = inner_last.map_or(header_end, |t| self.toks[t].end as usize);
                let n = &mut self.nodes[node];
                n.toks = i..inner_header.max(open + 1);
                n.container = Some(Container {
                    header_end,
                    items_end,
                    children,
                    inner_attrs: open + 1..inner_header.max(open + 1),
                });
            }
            out.push(node);
            last = Some(end);
            chunk_start = chunk.end;
            i = end + 1;
        }
        Some((header_end, out, last))
    }

    /// The item starting at token `i`: its last token, for a container the `{` of its body,
    /// and its kind.
    fn item(&self, mut i: usize, hi: usize) -> Option<(usize, Option<usize>, ItemKind)> {
        // Outer attributes.
        while self.is(i, Kind::Punct(b'#')) && self.is(i + 1, Kind::Open(b'[')) {
            i = self.close[i + 1] as usize + 1;
        }
        let kind = loop {
            if i >= hi {
                return None;
            }
            let Some(word) = self.ident(i) else {
                // `::path::to::mac!(..)`
                if self.is(i, Kind::Punct(b':')) {
                    return self.macro_call(i, hi);
                }
                return None;
            };
            let next = self.ident(i + 1);
            let keyword = matches!(
                word,
                "pub"
                    | "use"
                    | "extern"
                    | "fn"
                    | "const"
                    | "static"
                    | "type"
                    | "struct"
                    | "enum"
                    | "trait"
                    | "impl"
                    | "mod"
                    | "unsafe"
                    | "async"
            );
            if !keyword && (self.is(i + 1, Kind::Punct(b'!')) || self.is(i + 1, Kind::Punct(b':')))
            {
                return self.macro_call(i, hi);
            }
            match word {
                "pub" => {
                    i += 1;
                    if self.is(i, Kind::Open(b'(')) {
                        i = self.close[i] as usize + 1;
                    }
                }
                "default" | "unsafe" | "async" | "safe" | "auto" if next.is_some() => i += 1,
                "const" if matches!(next, Some("fn" | "unsafe" | "async" | "extern")) => i += 1,
                "extern" => match next {
                    Some("crate") => break ItemKind::Import,
                    _ => {
                        let k = if self.is(i + 1, Kind::Literal) {
                            i + 2
                        } else {
                            i + 1
                        };
                        if self.is(k, Kind::Open(b'{')) {
                            break ItemKind::Container(Holds::Extern);
                        }
                        i = k;
                    }
                },
                "use" => break ItemKind::Import,
                "const" | "static" | "type" => break ItemKind::Other,
                "fn" => break ItemKind::Fn,
                "struct" | "enum" => break ItemKind::TypeDef,
                "union" if next.is_some() => break ItemKind::TypeDef,
                "trait" => break ItemKind::Container(Holds::Trait),
                "impl" => break ItemKind::Container(Holds::Impl),
                "mod" => break ItemKind::Container(Holds::Mod),
                _ => return None,
            }
        };
        match kind {
            ItemKind::Import | ItemKind::Other => Some((self.semi(i, hi)?, None, kind)),
            ItemKind::Fn | ItemKind::TypeDef => {
                let (end, _) = self.body(i, hi)?;
                Some((end, None, kind))
            }
            ItemKind::Container(_) => match self.body(i, hi)? {
                (end, Some(open)) => Some((end, Some(open), kind)),
                // `mod name;`
                (end, None) => Some((end, None, ItemKind::Other)),
            },
        }
    }

    /// The first `;` outside brackets from `i` on.
    fn semi(&self, mut i: usize, hi: usize) -> Option<usize> {
        while i < hi {
            match self.toks[i].kind {
                Kind::Open(_) => i = self.close[i] as usize + 1,
                Kind::Punct(b';') => return Some(i),
                _ => i += 1,
            }
        }
        None
    }

    /// The end of an item with an optional body: a `;` or the body's `{`, outside brackets
    /// and generics (`impl Foo<{ N }> {`, `fn f() -> impl Fn() -> u8 {`).
    fn body(&self, mut i: usize, hi: usize) -> Option<(usize, Option<usize>)> {
        let mut angle = 0usize;
        while i < hi {
            match self.toks[i].kind {
                Kind::Open(b'{') if angle == 0 => {
                    let end = self.close[i] as usize;
                    return (end < hi).then_some((end, Some(i)));
                }
                Kind::Open(_) => i = self.close[i] as usize,
                Kind::Punct(b'<') => angle += 1,
                Kind::Punct(b'>') if !is_arrow(self.toks, i) => {
                    angle = angle.checked_sub(1)?;
                }
                Kind::Punct(b';') if angle == 0 => return Some((i, None)),
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// The `!` of a macro's path starting at token `i` (`name!`, `::path::to::name!`).
    fn macro_bang(&self, mut i: usize) -> Option<usize> {
        loop {
            if self.is(i, Kind::Punct(b':')) && self.is(i + 1, Kind::Punct(b':')) {
                i += 2;
            }
            self.ident(i)?;
            i += 1;
            if self.is(i, Kind::Punct(b'!')) {
                return Some(i);
            }
            if !self.is(i, Kind::Punct(b':')) {
                return None;
            }
        }
    }

    /// `path::to::name! (..);`, `name! [..];`, `name! {..}`, `macro_rules! name {..}`.
    fn macro_call(&self, i: usize, hi: usize) -> Option<(usize, Option<usize>, ItemKind)> {
        let mut i = self.macro_bang(i)? + 1;
        if self.is(i, Kind::Ident) {
            i += 1;
        }
        let Kind::Open(delim) = self.toks.get(i)?.kind else {
            return None;
        };
        let end = self.close[i] as usize;
        if end >= hi {
            return None;
        }
        if delim == b'{' {
            // syn takes a `;` after a braced macro as part of it.
            if end + 1 < hi && self.is(end + 1, Kind::Punct(b';')) {
                return Some((end + 1, None, ItemKind::Other));
            }
            return Some((end, None, ItemKind::Other));
        }
        (end + 1 < hi && self.is(end + 1, Kind::Punct(b';'))).then_some((
            end + 1,
            None,
            ItemKind::Other,
        ))
    }
}

/// Names an item defines or mentions, for [`crate::select`].
impl<'s> Split<'s> {
    pub fn src(&self) -> &'s str {
        self.src
    }

    fn tok_text(&self, i: usize) -> &'s str {
        let t = self.toks[i];
        &self.src[t.start as usize..t.end as usize]
    }

    /// The identifiers of a node's own tokens (a container's header only), raw identifiers
    /// without their `r#`, keywords left out.
    pub fn idents(&self, node: usize) -> impl Iterator<Item = &'s str> + '_ {
        self.nodes[node]
            .toks
            .clone()
            .filter(|&i| self.toks[i].kind == Kind::Ident)
            .map(|i| {
                let t = self.tok_text(i);
                t.strip_prefix("r#").unwrap_or(t)
            })
            .filter(|t| !is_keyword(t))
    }

    /// Names the node defines: what follows `fn`, `const`, `static` (`static mut`, `static
    /// ref` of `lazy_static!`), `struct`, `enum`, `union`, `type`, `trait`, `mod` and
    /// `macro_rules!` anywhere in it (nested items and macro input included).
    pub fn defs(&self, node: usize, mut each: impl FnMut(&'s str, Def)) {
        let nd = &self.nodes[node];
        let toks = nd.toks.clone();
        let in_trait_or_extern = nd.parent.is_some_and(|p| {
            matches!(
                self.nodes[p].kind,
                ItemKind::Container(Holds::Trait | Holds::Extern)
            )
        });
        let in_trait_impl = nd.parent.is_some_and(|p| self.is_trait_impl(p));
        let in_extern = nd
            .parent
            .is_some_and(|p| self.nodes[p].kind == ItemKind::Container(Holds::Extern));
        let ident_at = |i: usize| -> Option<&'s str> {
            (i < toks.end && self.toks[i].kind == Kind::Ident).then(|| {
                let t = self.tok_text(i);
                t.strip_prefix("r#").unwrap_or(t)
            })
        };
        let mut depth = 0usize;
        // The end of the macro input we are in, if any.
        let mut macro_end = 0usize;
        // A `pub` outside brackets so far: the visibility of the item itself.
        let mut public = false;
        for i in toks.clone() {
            match self.toks[i].kind {
                Kind::Open(_) => {
                    depth += 1;
                    if i > toks.start + 1
                        && i >= macro_end
                        && self.toks[i - 1].kind == Kind::Punct(b'!')
                        && self.toks[i - 2].kind == Kind::Ident
                    {
                        macro_end = self.close[i] as usize;
                    }
                    continue;
                }
                Kind::Close(_) => {
                    depth = depth.saturating_sub(1);
                    continue;
                }
                Kind::Ident => {}
                _ => continue,
            }
            let in_macro = i < macro_end;
            let (name, def) = match self.tok_text(i) {
                "pub" => {
                    public |= depth == 0;
                    continue;
                }
                "fn" => {
                    let own = depth == 0 && nd.kind == ItemKind::Fn;
                    (
                        ident_at(i + 1),
                        Def::Fn {
                            // An `fn` item or a method in an `impl` (not a trait's or a foreign
                            // function), as syn sees it (not in a macro's input).
                            counted: !(in_macro || own && in_trait_or_extern),
                            top_level: own && nd.parent.is_none(),
                            public: own && (public || in_trait_impl),
                            body: !(in_macro || own && in_extern),
                        },
                    )
                }
                // Not a const generic parameter (`<const N: usize>`) nor a raw pointer type
                // (`*const c_char`).
                "const"
                    if !matches!(
                        self.toks.get(i.wrapping_sub(1)).map(|t| t.kind),
                        Some(Kind::Punct(b'<' | b',' | b'*'))
                    ) =>
                {
                    (ident_at(i + 1), Def::Value)
                }
                "static" => match ident_at(i + 1) {
                    Some("mut" | "ref") => (ident_at(i + 2), Def::Value),
                    name => (name, Def::Value),
                },
                "struct" | "enum" | "union" | "type" | "trait" | "mod" => {
                    (ident_at(i + 1), Def::Type)
                }
                "macro_rules" if i + 1 < toks.end && self.toks[i + 1].kind == Kind::Punct(b'!') => {
                    (ident_at(i + 2), Def::Value)
                }
                _ => continue,
            };
            if let Some(name) = name.filter(|n| !is_keyword(n)) {
                each(name, def);
            }
        }
    }

    /// The node is an import with a glob (`use jiff::civil::*;`).
    pub fn is_glob_import(&self, node: usize) -> bool {
        self.nodes[node].kind == ItemKind::Import && self.has_operator(node, b'*')
    }

    /// The node is an `impl Trait for Type` block: a `for` in its header outside brackets,
    /// not one of a higher-ranked bound (`for<'a>`).
    fn is_trait_impl(&self, node: usize) -> bool {
        let nd = &self.nodes[node];
        if nd.kind != ItemKind::Container(Holds::Impl) {
            return false;
        }
        let mut depth = 0usize;
        nd.toks.clone().any(|i| {
            match self.toks[i].kind {
                Kind::Open(_) => depth += 1,
                Kind::Close(_) => depth = depth.saturating_sub(1),
                Kind::Ident => {
                    return depth == 0
                        && self.tok_text(i) == "for"
                        && self.toks.get(i + 1).map(|t| t.kind) != Some(Kind::Punct(b'<'));
                }
                _ => {}
            }
            false
        })
    }

    /// The node defines a type (`struct`, `enum`, `union`, `type`, `trait`, `mod`) somewhere
    /// in it, nested items included.
    pub fn defines_type(&self, node: usize) -> bool {
        let mut found = false;
        self.defs(node, |_, def| found |= def == Def::Type);
        found
    }

    /// Pushes `range` to `out` without the text of its line doc comments, but for the lines
    /// `keep_line` accepts: of each run of `///` or `//!` lines, the first `///` or `//!`
    /// stays, so that syn sees a doc comment where there was one (a misplaced one is the same
    /// syntax error), and so do the lines kept, whole.
    pub fn push_without_docs(
        &self,
        range: Range<usize>,
        out: &mut Vec<Range<usize>>,
        keep_line: impl Fn(&str) -> bool,
    ) {
        let first = self
            .doc_runs
            .partition_point(|r| (r.start as usize) < range.start);
        let mut at = range.start;
        for run in &self.doc_runs[first..] {
            let (start, end) = (run.start as usize, run.end as usize);
            if end > range.end {
                break;
            }
            let mut kept_to = start + 3;
            let mut line_at = start;
            for line in self.src[start..end].split_inclusive('\n') {
                let line_end = line_at + line.trim_end_matches(['\n', '\r']).len();
                if keep_line(&self.src[line_at..line_end]) {
                    if line_at > kept_to {
                        out.push(at..kept_to);
                        at = line_at;
                    }
                    kept_to = line_end;
                }
                line_at += line.len();
            }
            out.push(at..kept_to);
            at = end;
        }
        out.push(at..range.end);
    }

    /// The byte is inside a token (code, a literal), not in a comment or white space.
    pub fn in_code(&self, at: usize) -> bool {
        let at = at as u32;
        let i = self.toks.partition_point(|t| t.start <= at);
        i > 0 && at < self.toks[i - 1].end
    }

    /// Field names of a `struct` or `union` (an identifier followed by one `:`): a lint may
    /// look a field up by name.
    pub fn field_names(&self, node: usize, mut each: impl FnMut(&'s str)) {
        let toks = self.nodes[node].toks.clone();
        for i in toks.clone() {
            let colon = |j: usize| j < toks.end && self.toks[j].kind == Kind::Punct(b':');
            if self.toks[i].kind == Kind::Ident
                && colon(i + 1)
                && !colon(i + 2)
                && !(i > toks.start && colon(i - 1))
            {
                let t = self.tok_text(i);
                each(t.strip_prefix("r#").unwrap_or(t));
            }
        }
    }

    /// The attributes that may mark a node as test code, each with whether it is inner: the
    /// outer ones before the item (`#[cfg(test)]`, `#[tokio::test]`) and a container's inner
    /// ones (`#![cfg(test)]` after its `{`); for the whole file (`None`), its inner attributes.
    /// Only attributes that hold the word `test` or `bench` are given: no other makes code
    /// test code.
    pub fn test_attributes(&self, node: Option<usize>) -> Vec<(&'s str, bool)> {
        let mut out = Vec::new();
        match node {
            Some(n) => {
                let nd = &self.nodes[n];
                self.leading_attributes(nd.toks.start, nd.toks.end, &mut out);
                if let Some(c) = &nd.container {
                    self.leading_attributes(c.inner_attrs.start, c.inner_attrs.end, &mut out);
                }
            }
            None => {
                let end = self
                    .toks
                    .partition_point(|t| (t.end as usize) <= self.header_end);
                self.leading_attributes(0, end, &mut out);
            }
        }
        out
    }

    /// The attributes (and inner doc comments) at the start of token range `i..end`.
    fn leading_attributes(&self, mut i: usize, end: usize, out: &mut Vec<(&'s str, bool)>) {
        while i < end {
            if self.toks[i].kind == Kind::InnerDoc {
                i += 1;
                continue;
            }
            let inner = i + 1 < end && self.toks[i + 1].kind == Kind::Punct(b'!');
            let open = i + 1 + usize::from(inner);
            let attribute = self.toks[i].kind == Kind::Punct(b'#')
                && open < end
                && self.toks[open].kind == Kind::Open(b'[');
            if !attribute {
                return;
            }
            let close = self.close[open] as usize;
            let text = self.tok_text_range(i, close);
            if text.contains("test") || text.contains("bench") {
                out.push((text, inner));
            }
            i = close + 1;
        }
    }

    fn tok_text_range(&self, first: usize, last: usize) -> &'s str {
        &self.src[self.toks[first].start as usize..self.toks[last].end as usize]
    }

    /// The name of the macro when the node is an item-level macro invocation (`name! {..}`,
    /// `path::name!(..);`, and `macro_rules! name {..}`).
    pub fn macro_name(&self, node: usize) -> Option<&'s str> {
        // The splitter's reading of a path (`macro_bang`), over the finished split.
        let view = Splitter {
            src: self.src,
            toks: &self.toks,
            close: &self.close,
            nodes: Vec::new(),
        };
        let mut i = self.nodes[node].toks.start;
        while view.is(i, Kind::Punct(b'#')) && view.is(i + 1, Kind::Open(b'[')) {
            i = self.close[i + 1] as usize + 1;
        }
        view.macro_bang(i).map(|bang| self.tok_text(bang - 1))
    }

    /// The node is a function with a body (not a declaration ending in `;`).
    pub fn has_body(&self, node: usize) -> bool {
        let toks = &self.nodes[node].toks;
        toks.end > toks.start && self.toks[toks.end - 1].kind == Kind::Close(b'{')
    }

    /// The bytes between the braces of a function's body.
    pub fn body_inside(&self, node: usize) -> Option<Range<usize>> {
        let (open, close) = self.body_braces(node)?;
        Some(self.toks[open].end as usize..self.toks[close].start as usize)
    }

    /// The tokens of the braces of a function's body.
    fn body_braces(&self, node: usize) -> Option<(usize, usize)> {
        let toks = self.nodes[node].toks.clone();
        if self.nodes[node].kind != ItemKind::Fn || !self.has_body(node) {
            return None;
        }
        let last = toks.end - 1;
        let open = toks
            .clone()
            .find(|&i| self.close[i] as usize == last && i != last)?;
        Some((open, last))
    }

    /// The `use` declarations in a function's body, each with its attributes and visibility,
    /// or None when a `use` is in a macro's input there: what the import table reads of a
    /// body whose other statements are not read.
    pub fn uses_in_body(&self, node: usize) -> Option<Vec<Range<usize>>> {
        let (open, end) = self.body_braces(node)?;
        let first = open + 1;
        let is = |i: usize, kind: Kind| i < end && self.toks[i].kind == kind;
        let mut out = Vec::new();
        // Whether each open group is (in) a macro's input: `m!(..)`, `macro_rules! m {..}`.
        let mut in_macro = vec![false];
        // Where the attributes and visibility before the current token start.
        let mut decl = first;
        let mut i = first;
        while i < end {
            match self.toks[i].kind {
                Kind::Punct(b'#') if is(i + 1, Kind::Open(b'[')) => {
                    i = self.close[i + 1] as usize + 1;
                    continue;
                }
                Kind::Ident if self.tok_text(i) == "pub" => {
                    i += 1;
                    if is(i, Kind::Open(b'(')) {
                        i = self.close[i] as usize + 1;
                    }
                    continue;
                }
                Kind::Ident if self.tok_text(i) == "use" => {
                    if in_macro.last() != Some(&false) {
                        return None;
                    }
                    let mut semi = i;
                    while !is(semi, Kind::Punct(b';')) {
                        semi = match self.toks[semi].kind {
                            Kind::Open(_) => self.close[semi] as usize + 1,
                            _ => semi + 1,
                        };
                        if semi >= end {
                            return None;
                        }
                    }
                    out.push(self.toks[decl].start as usize..self.toks[semi].end as usize);
                    i = semi;
                }
                Kind::Open(_) => {
                    // The body's own `{` comes before `first`: `i - 2` is still in the node.
                    let bang = |j: usize| j >= first && is(j, Kind::Punct(b'!'));
                    let input = in_macro.last() == Some(&true)
                        || bang(i - 1)
                        || is(i - 1, Kind::Ident) && bang(i - 2);
                    in_macro.push(input);
                }
                Kind::Close(_) => {
                    in_macro.pop();
                }
                _ => {}
            }
            i += 1;
            decl = i;
        }
        Some(out)
    }

    /// The node is a function declared with parameters (or one whose parameter list is not
    /// where it is looked for).
    pub fn takes_parameters(&self, node: usize) -> bool {
        let toks = self.nodes[node].toks.clone();
        let mut i = toks.start;
        while i < toks.end && !(self.toks[i].kind == Kind::Ident && self.tok_text(i) == "fn") {
            i = match self.toks[i].kind {
                Kind::Open(_) => self.close[i] as usize + 1,
                _ => i + 1,
            };
        }
        // The name, then generics (`<F: Fn() -> u8>`).
        i += 2;
        let mut angle = 0usize;
        while i < toks.end {
            match self.toks[i].kind {
                Kind::Punct(b'<') => angle += 1,
                Kind::Punct(b'>') if !is_arrow(&self.toks, i) => match angle.checked_sub(1) {
                    Some(a) => angle = a,
                    None => return true,
                },
                Kind::Open(b'(') if angle == 0 => return self.close[i] as usize != i + 1,
                Kind::Open(_) => i = self.close[i] as usize,
                _ if angle == 0 => return true,
                _ => {}
            }
            i += 1;
        }
        true
    }

    /// The node's own tokens (a container's header only) hold the operator `op`.
    pub fn has_operator(&self, node: usize, op: u8) -> bool {
        self.toks[self.nodes[node].toks.clone()]
            .iter()
            .any(|t| t.kind == Kind::Punct(op))
    }

    /// A `use` declaration inside the node, not at its start (one in a function body): the
    /// engine's import table is the whole file's.
    pub fn has_nested_use(&self, node: usize) -> bool {
        self.nodes[node].kind != ItemKind::Import
            && self.nodes[node]
                .toks
                .clone()
                .any(|i| self.toks[i].kind == Kind::Ident && self.tok_text(i) == "use")
    }
}

/// Strict keywords: never the name of an item.
fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "async"
            | "await"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "_"
    )
}

#[cfg(test)]
mod tests;
