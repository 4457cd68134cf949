//! Which items of a file are parsed: those that can hold a finding, and those the analyses
//! of these read.
//!
//! The file is split into items ([`crate::items`]). The lints and the value facts read more
//! of the file than the item they report in, and always by name: the functions a call names
//! (their summaries, whether the name is defined once), the constants and statics an
//! expression names, the fields of the structs it reads, the types and modules that shadow a
//! date crate's names. The facts of a private function's parameters come from every call of
//! it in the file, and a call of a same-file date helper is judged where it is made. So:
//!
//! - An item is *checked* (it may hold findings) when it holds a needle of a lint that runs
//!   on the file and, with the items its analysis can read (below), all the lint's needle
//!   groups: the prefilter's rule, applied to what the item sees instead of the whole file.
//!   An item with the word `leapcheck` is checked too (suppressions are read from the tree).
//! - Every item that *defines* a name a parsed item *mentions* is parsed, as deep as the
//!   analyses follow names: summaries of summaries (`facts::MAX_SUMMARY_DEPTH`), and one level
//!   more whose names are only looked up; a constant's or static's value is walked on its own.
//!   Every definition of the name is kept, so that "defined once" means the same. A field a
//!   parsed item names brings the other items that name it (what is written to it).
//! - Every item that *mentions* a function a checked item defines is checked too, when the
//!   function may be defined once (its parameters' facts come from its calls) or is a free
//!   function at the top of the file (a possible date helper).
//! - Imports are always kept, and so is every item with a `use` inside it (the import table
//!   is the whole file's). An item sees the needles of the imports that name what it
//!   mentions (`use jiff::civil::date;` for a call of `date(..)`), and of glob imports.
//! - A function kept only for its name (defined more than once, or past the deepest
//!   summary) is parsed without its body but for the `use` declarations in it, unless the
//!   body holds something else that counts ([`bodies_left_out`]). A container (`mod`,
//!   `impl`, `trait`, `extern` block) keeps its header (attributes, `impl .. for ..`, inner
//!   attributes) when any item inside is kept.
//! - An item-level macro invocation is never checked for its own needles: its input stays
//!   tokens to the lints (but `lazy_static!`'s, [`crate::macros::ITEM_MACRO`]).
//! - The text of `///` and `//!` doc comments is blanked (a doc line is an attribute holding
//!   a string for syn, and the date libraries document every function at length), except for
//!   the lines the lints read ([`crate::context::doc_line_is_read`]: does it say it panics?)
//!   in items where a finding may be reported ([`may_report`]): the lints read a function's
//!   documentation only to judge a finding in it. The first `///` or `//!` of each run stays,
//!   so that a misplaced doc comment is the same syntax error.
//!
//! Names are compared as identifiers, without scopes or paths: more is kept than needed,
//! never less. What is not parsed is replaced by blanks that keep every line and column where
//! they were ([`reduced_text`]), so the spans of the parsed items are those of the file. An
//! analysis that reads the file by something other than names asks for the whole tree
//! (`FileCx::whole_file`), and the file is then checked again, parsed whole.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::items::{self, Def, Holds, ItemKind, Split};
use crate::prefilter::{self, Groups, Hits, Needed};
use crate::{LintSet, Options};

/// Parses the items of `text` (prepared: no BOM or shebang) that can matter to the `active`
/// lints, the rest blanked, all in one tree. `None` when the file cannot be split, when every
/// item matters, or when the chosen items do not parse: the caller parses the whole file.
#[cfg(test)]
pub(crate) fn parse_items(text: &str, active: LintSet, opts: &Options) -> Option<syn::File> {
    let hits = prefilter::scan_hits(text, active).1;
    let chosen = choose(text, active, opts, &hits)?;
    let (kept, everything) = chosen.ranges(|_| true);
    if everything {
        return None;
    }
    syn::parse_str::<syn::File>(&reduced_text(text, &kept)).ok()
}

/// What to parse of `text` (prepared: no BOM or shebang) for the `active` lints, as batches
/// to parse and check one after the other, each its own tree: byte ranges of `text`, in order,
/// for [`reduced_text`]. `None` when the file cannot be split, or when every item matters and
/// fits one batch: the caller parses the whole file.
///
/// The chosen items are grouped so that no analysis reads across groups: two items are in
/// the same group when one mentions a name the other defines (which covers everything the
/// analyses read of another item: summaries, constants, fields and their writers, the calls
/// of a function, the types that shadow a crate's names). Every batch holds the file's
/// imports, its inner attributes and the headers of the containers around its items; groups
/// are packed into batches of about [`BATCH_BYTES`] of source in the order of the file. A
/// file with a suppression (the word `leapcheck`: it is read from the whole text at once) or
/// with a `use` inside a function (the import table is the whole file's) is one batch. So
/// memory is bounded by the largest group of items that read each other, not by the file.
pub(crate) fn batches(
    text: &str,
    active: LintSet,
    opts: &Options,
    hits: &Hits,
) -> Option<Vec<Vec<Range<usize>>>> {
    let chosen = choose(text, active, opts, hits)?;
    let split = &chosen.split;
    let kept = |n: usize| chosen.state[n].walk != u8::MAX;
    let import = |n: usize| split.nodes[n].kind == ItemKind::Import;
    // A type with needles of its own may be read by what it is, not by name (a lint asks
    // whether the file declares its own `tm_year` field): every batch has it. So a function
    // with such a type inside is the whole file's too: then the file is one batch.
    let needles = |n: usize| !chosen.own[n].is_empty();
    let shared = |n: usize| import(n) || split.nodes[n].kind == ItemKind::TypeDef && needles(n);
    let one_batch = || {
        let (ranges, everything) = chosen.ranges(|_| true);
        (!everything).then(|| vec![ranges])
    };
    let single = text.contains("leapcheck")
        || (0..split.nodes.len()).any(|n| {
            kept(n)
                && (split.has_nested_use(n)
                    || split.nodes[n].kind == ItemKind::Fn && needles(n) && split.defines_type(n))
        });
    if single {
        return one_batch();
    }
    let mut groups = UnionFind::new(split.nodes.len());
    for node in (0..split.nodes.len()).filter(|&n| kept(n) && !import(n)) {
        for &id in &chosen.names.mentions[node] {
            for &d in &chosen.names.definers[id as usize] {
                if kept(d) && !import(d) {
                    groups.union(node, d);
                }
            }
        }
    }
    // Groups in the order of their first item, packed into batches.
    let mut batch_of_group = vec![usize::MAX; split.nodes.len()];
    let mut batch_of = vec![usize::MAX; split.nodes.len()];
    let (mut batch, mut size) = (0, 0);
    let mut sizes: Vec<usize> = vec![0; split.nodes.len()];
    for node in (0..split.nodes.len()).filter(|&n| kept(n) && !shared(n)) {
        let nd = &split.nodes[node];
        sizes[groups.find(node)] += match &nd.container {
            Some(c) => c.header_end - nd.chunk.start + nd.chunk.end - c.items_end,
            None => nd.chunk.len(),
        };
    }
    for node in (0..split.nodes.len()).filter(|&n| kept(n) && !shared(n)) {
        let g = groups.find(node);
        if batch_of_group[g] == usize::MAX {
            if size > 0 && size + sizes[g] > batch_bytes() {
                (batch, size) = (batch + 1, 0);
            }
            size += sizes[g];
            batch_of_group[g] = batch;
        }
        batch_of[node] = batch_of_group[g];
    }
    if batch == 0 {
        return one_batch();
    }
    Some(
        (0..=batch)
            .map(|b| chosen.ranges(|n| shared(n) || batch_of[n] == b).0)
            .collect(),
    )
}

/// Source bytes of chosen items per batch: a syntax tree takes about a hundred times its
/// source, so a batch's tree stays in the tens of megabytes, while a batch's fixed costs (the
/// imports parsed again, the blanks of the lines before its items) stay small.
pub(crate) const BATCH_BYTES: usize = 256 * 1024;

thread_local! {
    /// [`BATCH_BYTES`] unless a test says otherwise ([`crate::with_batch_bytes`]).
    static BATCH_BYTES_HERE: std::cell::Cell<usize> = const { std::cell::Cell::new(BATCH_BYTES) };
}

fn batch_bytes() -> usize {
    BATCH_BYTES_HERE.with(|b| b.get())
}

/// Runs `f` with batches of `bytes` on this thread.
pub(crate) fn with_batch_bytes<R>(bytes: usize, f: impl FnOnce() -> R) -> R {
    let before = BATCH_BYTES_HERE.with(|b| b.replace(bytes));
    let out = f();
    BATCH_BYTES_HERE.with(|b| b.set(before));
    out
}

/// Disjoint sets of nodes (path halving, union by index).
struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// How many bytes of `text` are parsed (in all batches, the imports counted once); `None`
/// when the whole file is parsed.
pub(crate) fn chosen_len(
    text: &str,
    active: LintSet,
    opts: &Options,
    hits: &Hits,
) -> Option<usize> {
    let chosen = choose(text, active, opts, hits)?;
    let (kept, everything) = chosen.ranges(|_| true);
    (!everything).then(|| kept.iter().map(|r| r.len()).sum())
}

/// A split file and why each item is parsed.
struct Chosen<'s> {
    split: Split<'s>,
    names: Names,
    /// The needle groups in each node's own text.
    own: Vec<Groups>,
    state: Vec<State>,
    /// Per node, the body left out when it is parsed for its signature only
    /// ([`bodies_left_out`]).
    body_left_out: Vec<Option<BodyLeftOut>>,
    /// Per node, whether the text of its doc comments is parsed ([`may_report`]).
    docs_read: Vec<bool>,
}

impl Chosen<'_> {
    /// The byte ranges of the kept items that `include` accepts, with the file's inner
    /// attributes and end, and the headers of the containers around them; and whether every
    /// item of the file is among them.
    fn ranges(&self, include: impl Fn(usize) -> bool) -> (Vec<Range<usize>>, bool) {
        let split = &self.split;
        let mut kept = Vec::new();
        // No lint reads the documentation of a file.
        split.push_without_docs(0..split.header_end, &mut kept, |_| false);
        let mut everything = true;
        self.keep(&split.top, &include, &mut kept, &mut everything);
        kept.push(split.items_end..split.src().len());
        (kept, everything)
    }

    /// Adds a range of `node`'s text, without the text of its doc comments but for the lines
    /// the lints read where a finding may be reported (see the module's documentation).
    fn push(&self, node: usize, range: Range<usize>, kept: &mut Vec<Range<usize>>) {
        let read = self.docs_read[node];
        self.split.push_without_docs(range, kept, |line| {
            read && crate::context::doc_line_is_read(line)
        });
    }

    /// Adds the ranges of the kept `nodes` that `include` accepts (a container's header also
    /// when it holds one), and says whether any was added; `everything` is cleared when a
    /// node or a body is left out.
    fn keep(
        &self,
        nodes: &[usize],
        include: &impl Fn(usize) -> bool,
        kept: &mut Vec<Range<usize>>,
        everything: &mut bool,
    ) -> bool {
        let split = &self.split;
        let mut any = false;
        for &node in nodes {
            let nd = &split.nodes[node];
            if self.state[node].walk == u8::MAX {
                *everything = false;
                continue;
            }
            match &nd.container {
                Some(c) => {
                    let mark = kept.len();
                    self.push(node, nd.chunk.start..c.header_end, kept);
                    let inside = self.keep(&c.children, include, kept, everything);
                    if !inside && !include(node) {
                        kept.truncate(mark);
                        *everything = false;
                        continue;
                    }
                    kept.push(c.items_end..nd.chunk.end);
                }
                None if include(node) => match &self.body_left_out[node] {
                    Some(left) => {
                        self.push(node, nd.chunk.start..left.body.start, kept);
                        for uses in &left.uses {
                            self.push(node, uses.clone(), kept);
                        }
                        self.push(node, left.body.end..nd.chunk.end, kept);
                        *everything = false;
                    }
                    None => self.push(node, nd.chunk.clone(), kept),
                },
                None => {
                    *everything = false;
                    continue;
                }
            }
            any = true;
        }
        any
    }
}

/// `hits`: where the needles are in `text` ([`prefilter::scan_hits`]).
fn choose<'s>(text: &'s str, active: LintSet, opts: &Options, hits: &Hits) -> Option<Chosen<'s>> {
    let split = items::split(text)?;
    let own = needles_of_items(&split, text, active, hits);
    // In test code only the lints that run there can report.
    let in_tests = active.intersect(LintSet::in_tests(opts.check_tests));
    let tests = test_code(&split, opts.test_file);
    let names = Names::new(&split);
    let needed = [Needed::of(active), Needed::of(in_tests)];
    let seen = with_imports(&split, &names, &own);
    let (state, writes_read) = select(&split, &names, &seen, |node, g| {
        needed[usize::from(tests[node])].met(g)
    });
    let body_left_out = bodies_left_out(&split, &state, &writes_read);
    let docs_read = may_report(&split, &names, &own, &state);
    Some(Chosen {
        split,
        names,
        own,
        state,
        body_left_out,
        docs_read,
    })
}

/// Per node, whether a finding may be reported in it: it is checked, and holds needles (or is
/// inside a container whose header does), or calls a free function at the top of the file (a
/// date helper's call is judged where it is made). A node checked only because it calls a
/// private function with findings is read for the arguments it passes.
fn may_report(split: &Split<'_>, names: &Names, own: &[Groups], state: &[State]) -> Vec<bool> {
    // Parents come before their children.
    let mut needles = vec![false; split.nodes.len()];
    for (node, nd) in split.nodes.iter().enumerate() {
        needles[node] = !own[node].is_empty() || nd.parent.is_some_and(|p| needles[p]);
    }
    (0..split.nodes.len())
        .map(|node| {
            state[node].checked
                && (needles[node]
                    || names.mentions[node]
                        .iter()
                        .any(|&id| names.defined[id as usize].top_fn))
        })
        .collect()
}

/// Which nodes the lints' walk sees as test code (`context::is_test_attrs` on the attributes
/// of a function with a body, a `mod` or an `impl`, or of the file), so that their needles
/// count only for the lints that run in tests. An attribute that does not parse here makes
/// nothing test code: then more is parsed, never less.
fn test_code(split: &Split<'_>, test_file: bool) -> Vec<bool> {
    let marked = |node: Option<usize>| {
        split
            .test_attributes(node)
            .into_iter()
            .any(|(text, inner)| {
                let parser = match inner {
                    true => syn::Attribute::parse_inner,
                    false => syn::Attribute::parse_outer,
                };
                syn::parse::Parser::parse_str(parser, text)
                    .is_ok_and(|attrs| crate::context::is_test_attrs(&attrs))
            })
    };
    let file = test_file || marked(None);
    let mut out = Vec::with_capacity(split.nodes.len());
    for (node, nd) in split.nodes.iter().enumerate() {
        let counted = match nd.kind {
            ItemKind::Fn => split.has_body(node),
            ItemKind::Container(Holds::Mod | Holds::Impl) => true,
            _ => false,
        };
        let inherited = nd.parent.map_or(file, |p| out[p]);
        out.push(inherited || counted && marked(Some(node)));
    }
    out
}

/// The needle groups in each node's own text (a container's header only). Words in comments
/// are no code and do not count; the word `leapcheck` (a suppression) counts anywhere, as all
/// groups: suppressions are read from the tree too (attributes, the item a comment is in).
fn needles_of_items(split: &Split<'_>, text: &str, active: LintSet, hits: &Hits) -> Vec<Groups> {
    let mut hits = hits.of(active);
    hits.retain(|&(at, _)| split.in_code(at));
    if text.contains("leapcheck") {
        hits.extend(
            text.match_indices("leapcheck")
                .map(|(at, _)| (at, Groups::ALL)),
        );
        hits.sort_unstable_by_key(|&(at, _)| at);
    }
    let scanners = prefilter::has_scanner(active);
    let operators = prefilter::operators(active);
    split
        .nodes
        .iter()
        .enumerate()
        .map(|(node, nd)| {
            let own = match &nd.container {
                Some(c) => nd.chunk.start..c.header_end,
                None => nd.chunk.clone(),
            };
            let first = hits.partition_point(|&(at, _)| at < own.start);
            let mut groups = hits[first..]
                .iter()
                .take_while(|&&(at, _)| at < own.end)
                .fold(Groups::NONE, |g, &(_, h)| g.with(h));
            if scanners {
                groups = groups.with(prefilter::scanned(&text.as_bytes()[own], active));
            }
            for &(op, g) in &operators {
                if split.has_operator(node, op) {
                    groups = groups.with(g);
                }
            }
            groups
        })
        .collect()
}

/// The needle groups of each node with those of the imports it uses: a call of jiff's
/// `date(..)` or `Date::new(..)` is one only through `use jiff::civil::{date, Date}`, and the
/// words are in the import, not in the call. An item sees an import's needles when it
/// mentions a name the import mentions, or when the import is a glob.
fn with_imports(split: &Split<'_>, names: &Names, own: &[Groups]) -> Vec<Groups> {
    let import = |n: usize| split.nodes[n].kind == ItemKind::Import && !own[n].is_empty();
    let globs = (0..own.len())
        .filter(|&n| import(n) && split.is_glob_import(n))
        .fold(Groups::NONE, |g, n| g.with(own[n]));
    // Per name, the needles of the imports that mention it (most names have none, and a
    // name defined by thousands of items is looked at once).
    let mut of_name = vec![Groups::NONE; names.definers.len()];
    for n in (0..own.len()).filter(|&n| import(n)) {
        for &id in &names.mentions[n] {
            of_name[id as usize] = of_name[id as usize].with(own[n]);
        }
    }
    (0..own.len())
        .map(|node| {
            names.mentions[node]
                .iter()
                .fold(own[node].with(globs), |g, &id| g.with(of_name[id as usize]))
        })
        .collect()
}

/// Why an item is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct State {
    /// It may hold findings.
    checked: bool,
    /// How deep the value facts may walk into it from a checked item (0: the lints' own walk,
    /// 1 and 2: summaries, [`State::READ_ONLY`]: its names are only looked up), `u8::MAX`
    /// when it is not parsed.
    walk: u8,
}

impl State {
    const NOT_KEPT: State = State {
        checked: false,
        walk: u8::MAX,
    };
    const CHECKED: State = State {
        checked: true,
        walk: 0,
    };
    /// Parsed for what it declares (its name, its imports, a container's header), not walked:
    /// what it mentions is not needed. One level below the deepest summary.
    const READ_ONLY: State = State {
        checked: false,
        walk: crate::facts::MAX_SUMMARY_DEPTH as u8 + 1,
    };
}

/// An item's analysis reading so many items (through names) is taken to read everything: it
/// is checked without counting further.
const MAX_EVIDENCE: usize = 4096;

/// Who defines and who mentions each name.
struct Names {
    /// Per node, the names it mentions that some node defines.
    mentions: Vec<Vec<u32>>,
    /// Per node, the names it defines, and whether the calls of that name matter.
    defs: Vec<Vec<(u32, bool)>>,
    definers: Vec<Vec<usize>>,
    mentioners: Vec<Vec<usize>>,
    /// Per name, whether it is the field of a struct or union of the file.
    field: Vec<bool>,
    /// Per name, how it is defined.
    defined: Vec<Defined>,
}

/// How a name is defined in the file, as far as reading other items goes.
#[derive(Debug, Clone, Copy, Default)]
struct Defined {
    /// Its functions as counted by "is this function defined once?".
    fns: u32,
    /// One of them is a free function at the top of the file.
    top_fn: bool,
    /// One of them may be private, with a body its calls give facts to: a `pub` one's
    /// calls in the file are not all its calls, a foreign function has no body.
    private_fn: bool,
    /// A constant, static or macro of that name.
    value: bool,
}

impl Defined {
    fn add(&mut self, def: Def) {
        match def {
            Def::Fn {
                counted,
                top_level,
                public,
                body,
            } => {
                self.fns += u32::from(counted);
                self.top_fn |= top_level;
                self.private_fn |= body && !(counted && public);
            }
            Def::Value => self.value = true,
            Def::Type => {}
        }
    }

    /// The calls of a function of this name matter: it may be defined once and private (the
    /// facts of its parameters come from them, `facts::callers`), or it is a possible date
    /// helper (its calls are judged where they are made).
    fn calls_matter(&self) -> bool {
        self.fns < 2 && self.private_fn || self.top_fn
    }

    /// No analysis reads the body of a function of this name: it is defined more than once
    /// (no summary, see `FileCx::unique_fn`), never as a free function at the top of the
    /// file nor as a constant or static.
    fn body_unread(&self) -> bool {
        self.fns >= 2 && !self.top_fn && !self.value
    }
}

impl Names {
    fn new<'s>(split: &Split<'s>) -> Names {
        let n = split.nodes.len();
        // Every identifier of the file is looked up: a fast hash for short keys.
        let mut ids: FxHashMap<&'s str, u32> = FxHashMap::default();
        let mut definers: Vec<Vec<usize>> = Vec::new();
        let mut defined: Vec<Defined> = Vec::new();
        let mut fields: Vec<&'s str> = Vec::new();
        // Per node and name: bit 1 a function, bit 2 a constant, static or macro.
        let mut kinds: Vec<Vec<(u32, u8)>> = vec![Vec::new(); n];
        for (node, out) in kinds.iter_mut().enumerate() {
            let mut add = |name: &'s str, def: Def| {
                let next = ids.len() as u32;
                let id = *ids.entry(name).or_insert(next);
                if id == next {
                    definers.push(Vec::new());
                    defined.push(Defined::default());
                }
                defined[id as usize].add(def);
                let bits = match def {
                    Def::Fn { .. } => 1,
                    Def::Value => 2,
                    Def::Type => 0,
                };
                match out.iter_mut().find(|(i, _)| *i == id) {
                    Some((_, b)) => *b |= bits,
                    None => out.push((id, bits)),
                }
            };
            split.defs(node, &mut add);
            if split.nodes[node].kind == ItemKind::Import {
                // What it brings in (and the paths it names): read for its needles.
                split.idents(node).for_each(|name| add(name, Def::Type));
            }
            if split.nodes[node].kind == ItemKind::TypeDef {
                // Fields: a lint may look a field up by name, and read every write of it.
                split.field_names(node, |name| {
                    add(name, Def::Type);
                    fields.push(name);
                });
            }
            for &(id, _) in out.iter() {
                definers[id as usize].push(node);
            }
        }
        // The uses of a constant or static always matter (what a duration constant is added
        // to); the calls of a function, see `Defined::calls_matter`.
        let defs: Vec<Vec<(u32, bool)>> = kinds
            .into_iter()
            .map(|out| {
                out.into_iter()
                    .map(|(id, bits)| {
                        let fn_calls = bits & 1 != 0 && defined[id as usize].calls_matter();
                        (id, bits & 2 != 0 || fn_calls)
                    })
                    .collect()
            })
            .collect();
        let mut mentions: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut mentioners: Vec<Vec<usize>> = vec![Vec::new(); definers.len()];
        for (node, out) in mentions.iter_mut().enumerate() {
            out.extend(split.idents(node).filter_map(|name| ids.get(name).copied()));
            out.sort_unstable();
            out.dedup();
            for &id in out.iter() {
                mentioners[id as usize].push(node);
            }
        }
        let mut field = vec![false; definers.len()];
        for name in fields {
            field[ids[name] as usize] = true;
        }
        Names {
            mentions,
            defs,
            definers,
            mentioners,
            field,
            defined,
        }
    }

    /// The items `node`'s analysis reads by name when walked at depth `walk`, with the depth
    /// each is walked at (see [`State::walk`]): the definitions of the names it mentions, and
    /// the other items that mention a field it names (what is written to the field).
    fn reads<'a>(
        &'a self,
        split: &'a Split<'_>,
        node: usize,
        walk: u8,
    ) -> impl Iterator<Item = (usize, u8, bool)> + 'a {
        let deeper = walk < State::READ_ONLY.walk;
        self.mentions[node]
            .iter()
            .filter(move |_| deeper)
            .flat_map(move |&id| self.name_reads(split, id, walk))
    }

    /// What an item walked at depth `walk` reads through one name it mentions: the name's
    /// definitions, and when it is a field, the other items that mention it (what they
    /// write to it: `true`).
    fn name_reads<'a>(
        &'a self,
        split: &'a Split<'_>,
        id: u32,
        walk: u8,
    ) -> impl Iterator<Item = (usize, u8, bool)> + 'a {
        let i = id as usize;
        let writers = self.mentioners[i]
            .iter()
            .filter(move |_| self.field[i])
            .map(move |&m| (m, walk + 1, true));
        self.definers[i]
            .iter()
            .map(move |&d| {
                let w = match split.nodes[d].kind {
                    // Only that it is there: "defined once" means the same.
                    ItemKind::Fn if self.defined[i].body_unread() => State::READ_ONLY.walk,
                    // A summary of a summary.
                    ItemKind::Fn => walk + 1,
                    // A constant's or static's value is walked on its own, at depth 1.
                    ItemKind::Other => 1,
                    ItemKind::TypeDef | ItemKind::Container(_) | ItemKind::Import => {
                        State::READ_ONLY.walk
                    }
                };
                (d, w, false)
            })
            .chain(writers)
    }

    /// The items that call the functions `node` defines, when their calls matter.
    fn callers(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        self.defs[node]
            .iter()
            .filter(|(_, callers)| *callers)
            .flat_map(move |&(id, _)| self.mentioners[id as usize].iter().copied())
    }
}

/// Chooses the items to parse. `own` holds the needle groups found in each node's own text
/// (a container's header only), `complete` whether groups make the needles complete of some
/// lint that can report in a node.
fn select(
    split: &Split<'_>,
    names: &Names,
    own: &[Groups],
    complete: impl Fn(usize, Groups) -> bool,
) -> (Vec<State>, Vec<bool>) {
    let n = split.nodes.len();
    // Items whose writes to a field an analysis reads: their bodies matter at any depth.
    let mut writes_read = vec![false; n];

    let mut state = vec![State::NOT_KEPT; n];
    let mut queue: Vec<usize> = Vec::new();
    let raise = |node: usize, to: State, state: &mut Vec<State>, queue: &mut Vec<usize>| {
        let s = &mut state[node];
        if (to.checked && !s.checked) || to.walk < s.walk {
            s.checked |= to.checked;
            s.walk = s.walk.min(to.walk);
            queue.push(node);
        }
    };
    // Needles of the headers around each node (`impl Datelike for T`).
    let mut around = vec![Groups::NONE; n];
    let mut evidence = Evidence::new(n, names.definers.len());
    // An item-level macro's input stays tokens (but `lazy_static!`'s): the lints report in
    // none, and suppressions there are read from the tree.
    let opaque = |node: usize| {
        split
            .macro_name(node)
            .is_some_and(|name| name != crate::macros::ITEM_MACRO)
            && !split.src()[split.nodes[node].chunk.clone()].contains("leapcheck")
    };
    for node in 0..n {
        let nd = &split.nodes[node];
        if let Some(p) = nd.parent {
            around[node] = around[p].with(own[p]);
        }
        let mine = own[node].with(around[node]);
        if !own[node].is_empty()
            && !opaque(node)
            && evidence.complete(split, names, own, node, mine, &complete)
        {
            raise(node, State::CHECKED, &mut state, &mut queue);
            if nd.container.is_some() {
                // A needle in a container's header: all of it.
                for d in descendants(split, node) {
                    raise(d, State::CHECKED, &mut state, &mut queue);
                }
            }
        } else if nd.kind == ItemKind::Import || split.has_nested_use(node) {
            raise(node, State::READ_ONLY, &mut state, &mut queue);
        }
    }
    while let Some(node) = queue.pop() {
        let s = state[node];
        if let Some(p) = split.nodes[node].parent {
            raise(p, State::READ_ONLY, &mut state, &mut queue);
        }
        if s.walk < State::READ_ONLY.walk {
            for (d, walk, writer) in names.reads(split, node, s.walk) {
                writes_read[d] |= writer;
                raise(
                    d,
                    State {
                        checked: false,
                        walk,
                    },
                    &mut state,
                    &mut queue,
                );
            }
        }
        if s.checked {
            for m in names.callers(node) {
                raise(m, State::CHECKED, &mut state, &mut queue);
            }
        }
    }

    (state, writes_read)
}

/// A function's body left out when it is parsed for its signature only: kept for its name
/// ("defined once" means the same), with nothing of the body read but its `use` declarations
/// (the import table is the whole file's).
struct BodyLeftOut {
    /// Between the braces.
    body: Range<usize>,
    /// The `use` declarations in it, which stay.
    uses: Vec<Range<usize>>,
}

/// Per node, the body left out when the function is parsed for its signature only. Not a
/// free function at the top of the file that takes parameters (whether it is a date helper is
/// read from its body), nor one with anything inside the body that counts but its imports (a
/// nested item: its name; a `use` in a macro's input), nor one whose writes to a field are
/// read.
fn bodies_left_out(
    split: &Split<'_>,
    state: &[State],
    writes_read: &[bool],
) -> Vec<Option<BodyLeftOut>> {
    (0..split.nodes.len())
        .map(|n| {
            let nd = &split.nodes[n];
            let only_named = state[n] == State::READ_ONLY
                && nd.kind == ItemKind::Fn
                && (nd.parent.is_some() || !split.takes_parameters(n))
                && !writes_read[n]
                && {
                    let mut defs = 0;
                    split.defs(n, |_, _| defs += 1);
                    defs == 1
                };
            if !only_named {
                return None;
            }
            Some(BodyLeftOut {
                body: split.body_inside(n)?,
                uses: split.uses_in_body(n)?,
            })
        })
        .collect()
}

/// Whether an item with needles sees all the needle groups of some lint: in itself, in what
/// its analysis reads by name, and in the calls of its functions. The search goes through the
/// names, each read once at its best depth: a name with many definitions or mentions (`new`,
/// a field) is not gone through again for each item that mentions it.
struct Evidence {
    /// The best walk depth each node was reached at in the current search, by generation.
    seen: Vec<(u32, u8)>,
    /// The same for each name read...
    name_seen: Vec<(u32, u8)>,
    /// ...and the generation in which the callers of a function name were taken.
    callers_seen: Vec<u32>,
    generation: u32,
    stack: Vec<(usize, u8)>,
}

impl Evidence {
    fn new(nodes: usize, names: usize) -> Evidence {
        Evidence {
            seen: vec![(0, 0); nodes],
            name_seen: vec![(0, 0); names],
            callers_seen: vec![0; names],
            generation: 0,
            stack: Vec::new(),
        }
    }

    fn complete(
        &mut self,
        split: &Split<'_>,
        names: &Names,
        own: &[Groups],
        start: usize,
        groups: Groups,
        complete: &impl Fn(usize, Groups) -> bool,
    ) -> bool {
        let complete = |g| complete(start, g);
        if complete(groups) {
            return true;
        }
        self.generation += 1;
        let g = self.generation;
        let mut acc = groups;
        let mut visited = 0usize;
        self.stack.clear();
        self.stack.push((start, 0));
        self.seen[start] = (g, 0);
        let mut reached = Vec::new();
        while let Some((node, walk)) = self.stack.pop() {
            visited += 1;
            if visited > MAX_EVIDENCE {
                return true;
            }
            reached.clear();
            if walk < State::READ_ONLY.walk {
                for &id in &names.mentions[node] {
                    let (gen, best) = self.name_seen[id as usize];
                    if gen == g && best <= walk {
                        continue;
                    }
                    self.name_seen[id as usize] = (g, walk);
                    reached.extend(names.name_reads(split, id, walk).map(|(d, w, _)| (d, w)));
                }
            }
            for &(id, callers) in &names.defs[node] {
                if callers && self.callers_seen[id as usize] != g {
                    self.callers_seen[id as usize] = g;
                    reached.extend(names.mentioners[id as usize].iter().map(|&m| (m, 0)));
                }
            }
            let before = acc;
            for &(d, w) in &reached {
                let (gen, best) = self.seen[d];
                if gen == g && best <= w {
                    continue;
                }
                self.seen[d] = (g, w);
                acc = acc.with(own[d]);
                self.stack.push((d, w));
            }
            if acc != before && complete(acc) {
                return true;
            }
        }
        false
    }
}

fn descendants(split: &Split<'_>, node: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if let Some(c) = &split.nodes[n].container {
            out.extend_from_slice(&c.children);
            stack.extend_from_slice(&c.children);
        }
    }
    out
}

/// The text syn parses: the kept ranges as they are, everything else blank. Blanks keep the
/// lines (every newline stays) and the columns of what follows on the same line (one space
/// per character), so a span's line and column are those of the original file.
pub(crate) fn reduced_text(src: &str, kept: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(kept.iter().map(|r| r.len()).sum::<usize>() + 4096);
    let mut pos = 0;
    for r in kept {
        if r.start < pos {
            continue;
        }
        // Columns matter only to what follows on the same line.
        let line_goes_on = !matches!(src.as_bytes().get(r.start), Some(b'\n' | b'\r') | None);
        blank(&src[pos..r.start], line_goes_on, &mut out);
        out.push_str(&src[r.clone()]);
        pos = r.end;
    }
    out
}

fn blank(gap: &str, columns: bool, out: &mut String) {
    let bytes = gap.as_bytes();
    let mut last_line = 0;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            out.push('\n');
            last_line = i + 1;
        }
    }
    if columns {
        let columns = gap[last_line..].chars().count();
        out.extend(std::iter::repeat_n(' ', columns));
    }
}

#[cfg(test)]
mod tests;
