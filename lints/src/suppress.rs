//! Suppressions written in the source: which findings they silence, and the meta-lints about
//! the suppressions themselves (`unknown_lint_in_suppression`, `unused_suppression`).
//!
//! Forms (see docs/README.md, "Suppressing a finding"):
//! * `// leapcheck:allow(NAME[, NAME..]) reason` on its own line silences findings on the next
//!   line of code (comment-only lines in between are skipped, so a long reason may go on over
//!   several comment lines); at the end of a line of code it silences findings on that line.
//!   A finding spanning several lines is silenced when the target line is one of them.
//! * `//! leapcheck:allow(..)` (an inner doc comment, like an inner attribute `#![..]`) silences
//!   the enclosing item, or the whole file at the top level; `// leapcheck:allow-file(..)`
//!   anywhere silences the whole file without adding text to the crate's rustdoc.
//! * `#[cfg_attr(leapcheck, allow(leapcheck::NAME))]` on an item (fn, impl, mod, trait, struct,
//!   const...), on an associated item or on a `let` statement silences findings inside it;
//!   `#![cfg_attr(..)]` at the top of the file silences the file. rustc never sets
//!   `cfg(leapcheck)`, so it never evaluates the `allow`.
//!
//! A NAME is a lint, a group (`correctness`, `suspicious`, `pedantic`) or `all`, optionally
//! written `leapcheck::NAME`, with `-` for `_`.
//!
//! Comments are found between the tokens of proc-macro2's lexer, so text inside string
//! literals (`"// leapcheck:allow(x)"`) never counts. Whether a suppression is used does not
//! depend on the level a lint is run at: it is used when the engine finds something it
//! silences, so the answer is the same whatever `-A/-W/-D` say.

use std::str::FromStr;

use proc_macro2::{TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Meta, Token};

use crate::registry::{
    all_names, find_lint, Group, Lint, UNKNOWN_LINT_IN_SUPPRESSION, UNUSED_SUPPRESSION,
};
use crate::source::LineIndex;
use crate::{Applicability, Certainty, Diagnostic, Fix, Help, Span};

/// A finding after suppressions: `suppressed` is `Some(why)` when the source silences it (the
/// suppression's reason, or the form that silenced it when no reason is given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub diag: Diagnostic,
    pub suppressed: Option<String>,
}

/// The marker that starts a suppression comment's text.
const MARKER: &str = "leapcheck:allow";
const FORM_COMMENT: &str = "leapcheck:allow comment";
const FORM_ATTR: &str = "cfg_attr";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Lint(&'static Lint),
    Group(Group),
    All,
}

impl Target {
    fn covers(self, lint: &Lint) -> bool {
        // The meta-lints are not silenced by suppressions (that would be circular); their
        // level is set in the configuration or with flags.
        if is_meta(lint) {
            return false;
        }
        match self {
            Target::Lint(l) => l == lint,
            Target::Group(g) => lint.group == g,
            Target::All => Group::ALL.contains(&lint.group),
        }
    }
}

fn is_meta(lint: &Lint) -> bool {
    *lint == UNKNOWN_LINT_IN_SUPPRESSION || *lint == UNUSED_SUPPRESSION
}

#[derive(Debug)]
struct Name {
    written: String,
    span: Span,
    target: Option<Target>,
    used: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Findings whose lines include this (0-based) line.
    Line(usize),
    /// Findings that start inside this byte range (an item).
    Bytes(Span),
    File,
}

#[derive(Debug)]
struct Suppression {
    names: Vec<Name>,
    scope: Scope,
    reason: Option<String>,
    form: &'static str,
}

/// Everything the file says about suppressions, plus findings about malformed ones.
#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    list: Vec<Suppression>,
    malformed: Vec<Diagnostic>,
}

/// Reads the suppressions of a parsed file. `text` is the text `file` was parsed from.
/// Spans must still be valid: call before the thread's spans are invalidated.
pub(crate) fn collect(text: &str, file: &syn::File) -> Suppressions {
    // Every form (comment, `cfg_attr(leapcheck, ..)`) spells the word; most files have none,
    // and re-lexing them to find out cost as much as the lints themselves.
    if !text.contains("leapcheck") {
        return Suppressions::default();
    }
    let lines = LineIndex::new(text);
    let line_starts = line_starts(text);
    let mut out = Suppressions::default();

    // Item ranges first: an inner doc comment applies to the innermost item around it.
    let mut items = ItemCollector {
        lines: &lines,
        ranges: Vec::new(),
        sups: Vec::new(),
    };
    for attr in &file.attrs {
        if let Some(s) = items.attr_suppression(attr, Scope::File) {
            items.sups.push(s);
        }
    }
    items.visit_file(file);
    let ItemCollector { ranges, sups, .. } = items;
    out.list.extend(sups);

    // A file syn parsed always lexes; if it somehow does not, there are no comments to read.
    let Ok(tokens) = TokenStream::from_str(text) else {
        return out;
    };
    let (mut code, mut docs) = (Vec::new(), Vec::new());
    token_spans(tokens, text, &lines, &mut code, &mut docs);
    code.sort();
    docs.sort();
    docs.dedup();
    let code_lines = code_lines(&code, &line_starts);

    for comment in comments(text, &code, docs) {
        let Some(parsed) = parse_comment(text, comment) else {
            continue;
        };
        let scope = match parsed.kind {
            CommentKind::File => Scope::File,
            CommentKind::Inner => ranges
                .iter()
                .filter(|r| r.start <= comment.start && comment.end <= r.end)
                .min_by_key(|r| r.end - r.start)
                .map_or(Scope::File, |r| Scope::Bytes(*r)),
            CommentKind::Line => {
                let line = line_of(&line_starts, comment.start);
                if code_lines.get(line).copied().unwrap_or(false) {
                    // On a line of code (at its end, or a block comment before it): that line.
                    Scope::Line(line)
                } else {
                    // On its own line: the next line holding code, over comment-only lines.
                    let mut target = line + 1;
                    while target < code_lines.len()
                        && !code_lines[target]
                        && is_comment_only_line(text, &line_starts, target)
                    {
                        target += 1;
                    }
                    Scope::Line(target)
                }
            }
        };
        match parsed.names {
            Ok(names) => out.list.push(Suppression {
                names,
                scope,
                reason: parsed.reason,
                form: FORM_COMMENT,
            }),
            Err(diag) => out.malformed.push(diag),
        }
    }
    out
}

impl Suppressions {
    /// Marks the findings the suppressions silence and adds the findings about the
    /// suppressions (unknown names, names that silenced nothing). `diags` are the file's
    /// findings; the result is sorted by position like them.
    /// `enabled`: the lints that ran. A suppression of lints that were all switched off is not
    /// "unused": nobody looked.
    pub(crate) fn apply(
        mut self,
        text: &str,
        diags: Vec<Diagnostic>,
        enabled: crate::LintSet,
    ) -> Vec<Checked> {
        // Most files have no suppression: their lines are not counted.
        let line_starts = match self.list.is_empty() {
            true => Vec::new(),
            false => line_starts(text),
        };
        let mut out: Vec<Checked> = diags
            .into_iter()
            .map(|diag| {
                let first = line_of(&line_starts, diag.span.start);
                let last =
                    line_of(&line_starts, diag.span.end.max(diag.span.start + 1) - 1).max(first);
                let mut suppressed = None;
                for sup in &mut self.list {
                    let in_scope = match sup.scope {
                        Scope::File => true,
                        Scope::Line(l) => first <= l && l <= last,
                        Scope::Bytes(r) => r.start <= diag.span.start && diag.span.start < r.end,
                    };
                    if !in_scope {
                        continue;
                    }
                    for name in &mut sup.names {
                        if name.target.is_some_and(|t| t.covers(diag.lint)) {
                            name.used = true;
                            if suppressed.is_none() {
                                suppressed = Some(
                                    sup.reason.clone().unwrap_or_else(|| sup.form.to_string()),
                                );
                            }
                        }
                    }
                }
                Checked { diag, suppressed }
            })
            .collect();

        let meta = self.malformed.into_iter().chain(
            self.list
                .iter()
                .flat_map(|s| &s.names)
                .filter_map(|n| name_finding(n, enabled)),
        );
        out.extend(meta.map(|diag| Checked {
            diag,
            suppressed: None,
        }));
        out.sort_by(|a, b| (a.diag.span, a.diag.lint.name).cmp(&(b.diag.span, b.diag.lint.name)));
        out
    }
}

/// The finding about one name of a suppression, if any: unknown, or used for nothing.
fn name_finding(name: &Name, enabled: crate::LintSet) -> Option<Diagnostic> {
    match name.target {
        None => Some(unknown_name(&name.written, name.span)),
        Some(t)
            if !name.used
                && crate::LINTS
                    .iter()
                    .any(|l| t.covers(l) && enabled.contains(l)) =>
        {
            Some(Diagnostic {
                lint: &UNUSED_SUPPRESSION,
                certainty: Certainty::Certain,
                message: format!("suppression of `{}` silences nothing", name.written),
                span: name.span,
                label: format!("no `{}` finding here", name.written),
                notes: vec![
                    "a suppression that no longer silences anything hides the next real finding \
                 at this place"
                        .to_string(),
                ],
                help: Some(Help {
                    message: format!("remove `{}` from the suppression", name.written),
                    fix: None,
                }),
            })
        }
        Some(_) => None,
    }
}

fn unknown_name(written: &str, span: Span) -> Diagnostic {
    let norm = normalize(written);
    let meta = find_lint(written).is_some_and(is_meta);
    let best = all_names()
        .filter(|c| !meta && !find_lint(c).is_some_and(is_meta))
        .map(|c| (strsim::jaro_winkler(&norm, c), c))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(score, _)| *score >= 0.7)
        .map(|(_, c)| c);
    let (label, notes) = if meta {
        (
            "this lint cannot be suppressed in the source".to_string(),
            vec!["set its level in leapcheck.toml (`[lints]`) or with -A instead".to_string()],
        )
    } else {
        ("not a leapcheck lint or group".to_string(), Vec::new())
    };
    Diagnostic {
        lint: &UNKNOWN_LINT_IN_SUPPRESSION,
        certainty: Certainty::Certain,
        message: format!("unknown lint `{written}` in a suppression"),
        span,
        label,
        notes,
        help: best.map(|c| Help {
            message: format!("did you mean `{c}`?"),
            fix: Some(Fix::replace(span, c.to_string(), Applicability::Unsafe)),
        }),
    }
}

/// Resolves a name written in a suppression. Meta-lints are not valid targets.
fn resolve(written: &str) -> Option<Target> {
    if let Some(lint) = find_lint(written) {
        return (!is_meta(lint)).then_some(Target::Lint(lint));
    }
    let norm = normalize(written);
    if norm == "all" {
        return Some(Target::All);
    }
    Group::parse(&norm).map(Target::Group)
}

fn normalize(name: &str) -> String {
    name.strip_prefix("leapcheck::")
        .unwrap_or(name)
        .replace('-', "_")
}

// ---- comments ----------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CommentKind {
    /// `// ...` (and `/* */`, `///`): a line.
    Line,
    /// `//! ...` / `/*! */`: the enclosing item or file.
    Inner,
    /// `// leapcheck:allow-file(..)`: the file.
    File,
}

struct ParsedComment {
    kind: CommentKind,
    names: Result<Vec<Name>, Diagnostic>,
    reason: Option<String>,
}

/// Parses a comment whose text (after the comment opener) starts with the marker.
fn parse_comment(text: &str, comment: Span) -> Option<ParsedComment> {
    let raw = &text[comment.start..comment.end];
    let (opener, block) = if let Some(rest) = raw.strip_prefix("/*") {
        (raw.len() - rest.len(), true)
    } else {
        (2, false)
    };
    let mut kind = CommentKind::Line;
    let mut body_start = comment.start + opener;
    match text.as_bytes().get(body_start) {
        Some(b'!') => {
            kind = CommentKind::Inner;
            body_start += 1;
        }
        Some(b'/') if !block => body_start += 1,
        Some(b'*') if block => body_start += 1,
        _ => {}
    }
    let mut body_end = comment.end;
    if block && text[..body_end].ends_with("*/") {
        body_end -= 2;
    }
    let body = &text[body_start..body_end.max(body_start)];
    let lead = body.len() - body.trim_start().len();
    let at = body_start + lead;
    if let Some(written) = near_miss(&text[at..body_end.max(at)]) {
        return Some(ParsedComment {
            kind,
            names: Err(malformed(
                Span::new(at, at + written),
                "not a suppression: `leapcheck:allow(..)` is written with `allow`, no space and no other word",
            )),
            reason: None,
        });
    }
    let rest = text[at..body_end.max(at)].strip_prefix(MARKER)?;
    let (rest, after_marker) = match rest.strip_prefix("-file") {
        Some(r) => {
            kind = CommentKind::File;
            (r, at + MARKER.len() + "-file".len())
        }
        None => (rest, at + MARKER.len()),
    };
    // `leapcheck:allowed ...` is prose, not a suppression.
    if !rest.starts_with('(') {
        return None;
    }
    let open = after_marker;
    let Some(close_rel) = rest.find(')') else {
        return Some(ParsedComment {
            kind,
            names: Err(malformed(
                Span::new(at, body_end.max(at)),
                "suppression without a closing `)`",
            )),
            reason: None,
        });
    };
    let list_start = open + 1;
    let list_end = open + close_rel;
    let mut names = Vec::new();
    let mut pos = list_start;
    for part in text[list_start..list_end].split(',') {
        let trimmed = part.trim();
        let start = pos + (part.len() - part.trim_start().len());
        pos += part.len() + 1;
        if trimmed.is_empty() {
            continue;
        }
        names.push(Name {
            written: trimmed.to_string(),
            span: Span::new(start, start + trimmed.len()),
            target: resolve(trimmed),
            used: false,
        });
    }
    if names.is_empty() {
        return Some(ParsedComment {
            kind,
            names: Err(malformed(
                Span::new(at, list_end + 1),
                "suppression without a lint name",
            )),
            reason: None,
        });
    }
    let reason = text[list_end + 1..body_end.max(list_end + 1)].trim();
    Some(ParsedComment {
        kind,
        names: Ok(names),
        reason: (!reason.is_empty()).then(|| reason.to_string()),
    })
}

/// A comment that looks meant as a suppression but is not one (`leapcheck: allow(x)`,
/// `leapcheck:ignore(x)`, `LeapCheck:allow(x)`, `leapcheck-disable(x)`): the length of the part
/// up to its `(`. Prose (`leapcheck: this checks ..`) has no word directly before a `(`.
fn near_miss(body: &str) -> Option<usize> {
    if body.starts_with(MARKER) {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    let rest = lower.strip_prefix("leapcheck")?;
    let word_start = rest.len() - rest.trim_start_matches([':', ' ', '-', '_']).len();
    let after = &rest[word_start..];
    let word_len = after
        .find(|c: char| !(c.is_ascii_alphabetic() || c == '-' || c == '_'))
        .unwrap_or(after.len());
    let word = &after[..word_len];
    let verbs = [
        "allow",
        "allow-file",
        "allow_file",
        "ignore",
        "disable",
        "skip",
        "noqa",
        "expect",
        "suppress",
    ];
    (verbs.contains(&word) && after[word_len..].starts_with('('))
        .then_some("leapcheck".len() + word_start + word_len + 1)
}

fn malformed(span: Span, message: &str) -> Diagnostic {
    Diagnostic {
        lint: &UNKNOWN_LINT_IN_SUPPRESSION,
        certainty: Certainty::Certain,
        message: message.to_string(),
        span,
        label: "nothing is suppressed by this comment".to_string(),
        notes: Vec::new(),
        help: Some(Help {
            message: "write `leapcheck:allow(lint_name) reason`".to_string(),
            fix: None,
        }),
    }
}

/// Byte ranges of the code tokens (a group as its two delimiters), and of the doc comments:
/// the lexer turns a doc comment into `#[doc = ".."]` tokens that all carry the comment's own
/// span, recognised by their text.
fn token_spans(
    tokens: TokenStream,
    text: &str,
    lines: &LineIndex<'_>,
    code: &mut Vec<Span>,
    docs: &mut Vec<Span>,
) {
    for tt in tokens {
        let span = lines.span(tt.span());
        if is_comment(text, span) {
            docs.push(span);
            continue;
        }
        match tt {
            TokenTree::Group(g) => {
                code.push(lines.span(g.span_open()));
                code.push(lines.span(g.span_close()));
                token_spans(g.stream(), text, lines, code, docs);
            }
            _ => code.push(span),
        }
    }
}

fn is_comment(text: &str, span: Span) -> bool {
    let token = text.get(span.start..span.end).unwrap_or("");
    token.starts_with("//") || token.starts_with("/*")
}

/// Every comment of the file: the doc comments, and the plain comments in the gaps between
/// tokens (which hold nothing but whitespace and comments).
fn comments(text: &str, sorted_code: &[Span], docs: Vec<Span>) -> Vec<Span> {
    let mut occupied: Vec<Span> = sorted_code.iter().chain(&docs).copied().collect();
    occupied.sort();
    let mut out = docs;
    let mut pos = 0;
    for t in &occupied {
        if t.start > pos {
            gap_comments(text, pos, t.start, &mut out);
        }
        pos = pos.max(t.end);
    }
    gap_comments(text, pos, text.len(), &mut out);
    out
}

fn gap_comments(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i + 1 < end {
        if bytes[i] == b'/' && bytes[i + 1] == b'/' {
            let stop = text[i..end].find('\n').map_or(end, |n| i + n);
            out.push(Span::new(i, stop));
            i = stop;
        } else if bytes[i] == b'/' && bytes[i + 1] == b'*' {
            // Block comments nest.
            let mut depth = 0usize;
            let mut j = i;
            while j + 1 < end {
                if bytes[j] == b'/' && bytes[j + 1] == b'*' {
                    depth += 1;
                    j += 2;
                } else if bytes[j] == b'*' && bytes[j + 1] == b'/' {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            let stop = j.min(end);
            out.push(Span::new(i, stop));
            i = stop;
        } else {
            i += 1;
        }
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// 0-based line of a byte offset.
fn line_of(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset).saturating_sub(1)
}

/// Per line: whether code (a token that is not a comment) starts or continues on it.
fn code_lines(sorted_code: &[Span], starts: &[usize]) -> Vec<bool> {
    let mut code = vec![false; starts.len()];
    for t in sorted_code {
        let first = line_of(starts, t.start);
        let last = line_of(starts, t.end.max(t.start + 1) - 1).max(first);
        for flag in &mut code[first..=last] {
            *flag = true;
        }
    }
    code
}

/// A line holding only a comment (not a blank line: a blank line ends the search for the
/// line a suppression applies to).
fn is_comment_only_line(text: &str, starts: &[usize], line: usize) -> bool {
    let start = starts[line];
    let end = starts.get(line + 1).copied().unwrap_or(text.len());
    let t = text[start..end].trim_start();
    t.starts_with("//") || t.starts_with("/*") || t.starts_with('*')
}

// ---- attributes ----------------------------------------------------------------------------------

struct ItemCollector<'a, 'src> {
    lines: &'a LineIndex<'src>,
    /// Byte ranges of every item (for inner doc comments).
    ranges: Vec<Span>,
    sups: Vec<Suppression>,
}

impl ItemCollector<'_, '_> {
    fn item(&mut self, node: &impl Spanned, attrs: &[syn::Attribute]) {
        let span = self.lines.span(node.span());
        self.ranges.push(span);
        for attr in attrs {
            if let Some(s) = self.attr_suppression(attr, Scope::Bytes(span)) {
                self.sups.push(s);
            }
        }
    }

    /// `#[cfg_attr(leapcheck, allow(NAME, .., reason = ".."))]` (several `allow(..)` may follow
    /// the predicate, as rustc allows).
    fn attr_suppression(&self, attr: &syn::Attribute, scope: Scope) -> Option<Suppression> {
        if !attr.path().is_ident("cfg_attr") {
            return None;
        }
        let args = attr
            .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            .ok()?;
        let mut args = args.into_iter();
        match args.next()? {
            Meta::Path(p) if p.is_ident("leapcheck") => {}
            _ => return None,
        }
        let mut names = Vec::new();
        let mut reason = None;
        for meta in args {
            let Meta::List(list) = meta else { continue };
            if !list.path.is_ident("allow") {
                continue;
            }
            let Ok(inner) = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            else {
                continue;
            };
            for m in inner {
                match m {
                    Meta::Path(p) => {
                        let written = p
                            .segments
                            .iter()
                            .map(|s| s.ident.to_string())
                            .collect::<Vec<_>>()
                            .join("::");
                        names.push(Name {
                            target: resolve(&written),
                            written,
                            span: self.lines.span(p.span()),
                            used: false,
                        });
                    }
                    Meta::NameValue(nv) if nv.path.is_ident("reason") => {
                        if let syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) = &nv.value
                        {
                            reason = Some(s.value()).filter(|r| !r.trim().is_empty());
                        }
                    }
                    _ => {}
                }
            }
        }
        (!names.is_empty()).then_some(Suppression {
            names,
            scope,
            reason,
            form: FORM_ATTR,
        })
    }
}

impl<'ast> Visit<'ast> for ItemCollector<'_, '_> {
    fn visit_item(&mut self, i: &'ast syn::Item) {
        if let Some(attrs) = item_attrs(i) {
            self.item(i, attrs);
        }
        syn::visit::visit_item(self, i);
    }

    fn visit_impl_item(&mut self, i: &'ast syn::ImplItem) {
        let attrs = match i {
            syn::ImplItem::Const(x) => Some(&x.attrs),
            syn::ImplItem::Fn(x) => Some(&x.attrs),
            syn::ImplItem::Type(x) => Some(&x.attrs),
            syn::ImplItem::Macro(x) => Some(&x.attrs),
            _ => None,
        };
        if let Some(attrs) = attrs {
            self.item(i, attrs);
        }
        syn::visit::visit_impl_item(self, i);
    }

    fn visit_trait_item(&mut self, i: &'ast syn::TraitItem) {
        let attrs = match i {
            syn::TraitItem::Const(x) => Some(&x.attrs),
            syn::TraitItem::Fn(x) => Some(&x.attrs),
            syn::TraitItem::Type(x) => Some(&x.attrs),
            syn::TraitItem::Macro(x) => Some(&x.attrs),
            _ => None,
        };
        if let Some(attrs) = attrs {
            self.item(i, attrs);
        }
        syn::visit::visit_trait_item(self, i);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        let span = self.lines.span(l.span());
        for attr in &l.attrs {
            if let Some(s) = self.attr_suppression(attr, Scope::Bytes(span)) {
                self.sups.push(s);
            }
        }
        syn::visit::visit_local(self, l);
    }
}

fn item_attrs(i: &syn::Item) -> Option<&Vec<syn::Attribute>> {
    use syn::Item;
    Some(match i {
        Item::Const(x) => &x.attrs,
        Item::Enum(x) => &x.attrs,
        Item::ExternCrate(x) => &x.attrs,
        Item::Fn(x) => &x.attrs,
        Item::ForeignMod(x) => &x.attrs,
        Item::Impl(x) => &x.attrs,
        Item::Macro(x) => &x.attrs,
        Item::Mod(x) => &x.attrs,
        Item::Static(x) => &x.attrs,
        Item::Struct(x) => &x.attrs,
        Item::Trait(x) => &x.attrs,
        Item::TraitAlias(x) => &x.attrs,
        Item::Type(x) => &x.attrs,
        Item::Union(x) => &x.attrs,
        Item::Use(x) => &x.attrs,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::{check_source_with_suppressions, Options};

    const BUG: &str = "NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day()).unwrap()";

    /// (lint, 1-based line, suppressed) of every finding.
    fn check(body: &str) -> Vec<(&'static str, usize, bool)> {
        let src = format!("use chrono::{{Datelike, NaiveDate}};\n{body}");
        check_source_with_suppressions(&src, &Options::default())
            .unwrap()
            .into_iter()
            .map(|c| {
                let line = src[..c.diag.span.start].matches('\n').count() + 1;
                (c.diag.lint.name, line, c.suppressed.is_some())
            })
            .collect()
    }

    #[test]
    fn line_above_and_end_of_line() {
        let got = check(&format!(
            "fn f(d: NaiveDate) {{\n    // leapcheck:allow(year_arithmetic_on_date) why\n    \
             // (the reason goes on)\n    let _ = {BUG};\n    let _ = {BUG}; // \
             leapcheck:allow(correctness)\n    let _ = {BUG};\n}}\n"
        ));
        assert_eq!(
            got,
            [
                ("year_arithmetic_on_date", 5, true),
                ("year_arithmetic_on_date", 6, true),
                ("year_arithmetic_on_date", 7, false),
            ]
        );
    }

    #[test]
    fn strings_are_not_comments_and_blank_lines_end_the_search() {
        let got = check(&format!(
            "fn f(d: NaiveDate) {{\n    let _s = \"// leapcheck:allow(all)\";\n    \
             let _ = {BUG};\n    // leapcheck:allow(all)\n\n    let _ = {BUG};\n}}\n"
        ));
        assert_eq!(
            got,
            [
                ("year_arithmetic_on_date", 4, false),
                ("unused_suppression", 5, false),
                ("year_arithmetic_on_date", 7, false),
            ]
        );
    }

    #[test]
    fn items_inner_comments_and_files() {
        let got = check(&format!(
            "#[cfg_attr(leapcheck, allow(leapcheck::year_arithmetic_on_date))]\n\
             fn f(d: NaiveDate) {{ let _ = {BUG}; }}\n\
             mod m {{\n    //! leapcheck:allow(all)\n    fn g(d: NaiveDate) {{ let _ = {BUG}; }}\n}}\n\
             fn h(d: NaiveDate) {{ let _ = {BUG}; }}\n"
        ));
        assert_eq!(
            got,
            [
                ("year_arithmetic_on_date", 3, true),
                ("year_arithmetic_on_date", 6, true),
                ("year_arithmetic_on_date", 8, false),
            ]
        );
        let got = check(&format!(
            "fn f(d: NaiveDate) {{ let _ = {BUG}; }}\n// leapcheck:allow-file(pedantic, suspicious, correctness)\n"
        ));
        assert_eq!(
            got,
            [
                ("year_arithmetic_on_date", 2, true),
                ("unused_suppression", 3, false),
                ("unused_suppression", 3, false),
            ]
        );
    }

    #[test]
    fn unknown_and_malformed() {
        let got = check("// leapcheck:allow(nope) x\nfn f() {}\n/* leapcheck:allow( */\n");
        assert_eq!(
            got,
            [
                ("unknown_lint_in_suppression", 2, false),
                ("unknown_lint_in_suppression", 4, false),
            ]
        );
        // Near misses are reported, not ignored; prose about the tool is neither.
        let got = check(
            "// leapcheck: allow(x) a\nfn f() {}\n// leapcheck:ignore(x)\nfn g() {}\n// LeapCheck:allow(x)\nfn h() {}\n// leapcheck: this checks dates (see docs)\nfn i() {}\n",
        );
        assert_eq!(
            got,
            [
                ("unknown_lint_in_suppression", 2, false),
                ("unknown_lint_in_suppression", 4, false),
                ("unknown_lint_in_suppression", 6, false),
            ]
        );
        // Prose that mentions the marker is not a suppression.
        assert!(
            check("// see leapcheck:allow(x) in the docs\n// leapcheck:allowed\nfn f() {}\n")
                .is_empty()
        );
    }
}
