//! The walk over one file: keeps the chain of enclosing expressions, the current function's
//! bindings and whether we are in test code, and hands every expression to every lint.

use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};

use proc_macro2::LineColumn;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::Expr;

use crate::bindings::{Bindings, BoundTo};
use crate::calls;
use crate::facts::{self, FnFacts, FnRef, Summary};
use crate::registry::{Check, Lint, LintId, Syntax, TestCode, LINTS};
use crate::resolve::Imports;
use crate::source::LineIndex;
use crate::{macros, Diagnostic, Options, Span};

/// Everything about the file that does not change during the walk.
pub struct FileCx<'a> {
    pub src: &'a str,
    /// The parsed items: with the prefilter, only those that can hold a finding and those
    /// they read by name (`select.rs`). An analysis that reads the file by anything else
    /// (every token, every call) asks [`FileCx::whole_file`].
    pub file: &'a syn::File,
    /// `file` holds only some of the file's items.
    partial: bool,
    /// An analysis asked for the whole file while only some items were parsed.
    wants_whole: std::cell::Cell<bool>,
    /// The lints that run on this file (enabled, and with their needles present).
    pub active: crate::LintSet,
    /// Whether any code in the file adjusts for leap years (computed on first use).
    pub leap_adjusted: std::cell::OnceCell<bool>,
    pub lines: LineIndex<'a>,
    pub imports: Imports,
    pub opts: &'a Options,
    found: RefCell<Vec<Found>>,
    /// Functions of this file by name (None when the name is defined more than once), for
    /// summaries.
    fns: HashMap<String, Option<FnRef<'a>>>,
    /// Summaries computed so far; `None` while one is being computed (recursion).
    summaries: RefCell<HashMap<String, Option<Summary>>>,
    /// File-level integer constants.
    consts: OnceCell<HashMap<String, i64>>,
    /// The names of the file's `const`s and `static`s (`lazy_static!` ones too). Names, not
    /// references, so that the context stays covariant in its lifetime.
    static_names: OnceCell<HashSet<String>>,
    /// Their values, by name, as far as walked ([`FileCx::static_value`]).
    static_values: RefCell<HashMap<String, Option<facts::Fact>>>,
    /// Functions that build a date from their own parameters (`fn ymd(y, m, d)`).
    helpers: OnceCell<HashMap<String, calls::Helper>>,
    /// Calls a lint recognised and proved safe (inside `if` Feb 29, a clamp): the lints it
    /// supersedes trust that proof too.
    explained: RefCell<HashSet<(LintId, Span)>>,
    /// Where each function is called from (for the parameters of private functions).
    call_sites: OnceCell<facts::CallSites>,
    /// The facts of the functions walked as callers (`facts/callers.rs`), by body and how many
    /// caller levels they read.
    pub caller_facts: RefCell<HashMap<(*const syn::Block, usize), std::rc::Rc<FnFacts>>>,
}

impl<'a> FileCx<'a> {
    /// The whole file's tree, for an analysis that reads more than the items names lead to.
    /// `None` when only some items were parsed: the engine then checks the file again, parsed
    /// whole, and what this walk finds is dropped.
    pub fn whole_file(&self) -> Option<&'a syn::File> {
        if self.partial {
            self.wants_whole.set(true);
            return None;
        }
        Some(self.file)
    }

    /// Reports a finding that is not about an expression (a `const` item).
    pub fn emit_item(&self, diag: Diagnostic) {
        self.found.borrow_mut().push(Found {
            diag,
            subject: None,
            in_test: false,
            clock: false,
        });
    }

    pub fn imports(&self) -> &Imports {
        &self.imports
    }

    #[cfg(test)]
    pub fn fns_for_test(&self, name: &str) -> FnRef<'a> {
        self.fns[name].expect("a unique function of that name")
    }

    /// A same-file date helper (see [`calls::Helper`]).
    pub fn helper(&self, name: &str) -> Option<&calls::Helper> {
        self.helpers
            .get_or_init(|| calls::collect_helpers(self.file, &self.imports))
            .get(name)
    }

    pub fn call_sites(&self) -> &facts::CallSites {
        self.call_sites
            .get_or_init(|| facts::CallSites::collect(self.file))
    }

    /// A function or method of this name is defined exactly once in the file.
    pub fn has_unique_fn(&self, name: &str) -> bool {
        self.unique_fn(name).is_some()
    }

    /// The function or method of this name, when it is defined exactly once in the file.
    pub fn unique_fn(&self, name: &str) -> Option<FnRef<'a>> {
        *self.fns.get(name)?
    }

    /// The value of a file-level integer constant (`const DAYS: u32 = 28;`).
    pub fn const_value(&self, name: &str) -> Option<i64> {
        self.consts
            .get_or_init(|| collect_consts(self.file))
            .get(name)
            .copied()
    }

    /// The initializer of the file's `const` or `static` of this name, when there is exactly
    /// one (a set of the names, made once, spares a walk of the file for other names).
    pub fn const_init(&self, name: &str) -> Option<&'a syn::Expr> {
        let names = self
            .static_names
            .get_or_init(|| collect_static_inits(self.file).into_keys().collect());
        if !names.contains(name) {
            return None;
        }
        crate::values::file_const(self.file, name)
    }

    /// What the file's `const` or `static` of this name holds (its initializer walked once,
    /// then remembered); `None` when there is none, or while it is being walked (a cycle).
    pub fn static_value(&self, name: &str) -> Option<facts::Fact> {
        let names = self
            .static_names
            .get_or_init(|| collect_static_inits(self.file).into_keys().collect());
        if !names.contains(name) {
            return None;
        }
        if let Some(known) = self.static_values.borrow().get(name) {
            return known.clone();
        }
        self.static_values
            .borrow_mut()
            .insert(name.to_string(), None);
        let value = (*collect_static_inits(self.file).get(name)?)
            .map(|init| facts::static_value(self, init));
        self.static_values
            .borrow_mut()
            .insert(name.to_string(), value.clone());
        value
    }

    /// The summary of a same-file function whose name is unique in the file.
    pub fn summary(&self, name: &str, depth: usize) -> Option<Summary> {
        let f = (*self.fns.get(name)?)?;
        if let Some(known) = self.summaries.borrow().get(name) {
            return known.clone();
        }
        self.summaries.borrow_mut().insert(name.to_string(), None);
        let s = facts::summarize(self, f, depth);
        self.summaries
            .borrow_mut()
            .insert(name.to_string(), Some(s.clone()));
        Some(s)
    }
}

/// `const`/`static` initializers of a file and its inline modules; a `Lazy::new(|| x)` or
/// `LazyLock::new(|| x)` static is `x`. `None` for a name declared twice.
fn collect_static_inits(file: &syn::File) -> HashMap<String, Option<&syn::Expr>> {
    fn init(e: &syn::Expr) -> &syn::Expr {
        if let syn::Expr::Call(c) = e {
            let segs = match &*c.func {
                syn::Expr::Path(p) => crate::values::segment_names(&p.path),
                _ => Vec::new(),
            };
            let lazy = matches!(&segs[..], [.., ty, new] if ty.starts_with("Lazy") && new == "new");
            if let (true, Some(syn::Expr::Closure(cl)), 1) = (lazy, c.args.first(), c.args.len()) {
                return &cl.body;
            }
        }
        e
    }
    fn walk<'a>(items: &'a [syn::Item], out: &mut HashMap<String, Option<&'a syn::Expr>>) {
        for item in items {
            let (name, e) = match item {
                syn::Item::Const(c) => (c.ident.to_string(), &*c.expr),
                syn::Item::Static(s) => (s.ident.to_string(), &*s.expr),
                syn::Item::Mod(m) => {
                    if let Some((_, items)) = &m.content {
                        walk(items, out);
                    }
                    continue;
                }
                _ => continue,
            };
            out.entry(name)
                .and_modify(|v| *v = None)
                .or_insert(Some(init(e)));
        }
    }
    let mut out = HashMap::new();
    walk(&file.items, &mut out);
    out
}

/// The file's top-level integer constants, also those built from others
/// (`const YEAR: u64 = 365 * DAY;`): evaluated in rounds until no more resolve, so the order
/// of the items does not matter and a cycle (a broken file) just stays unknown.
fn collect_consts(file: &syn::File) -> HashMap<String, i64> {
    let mut pending: HashMap<String, &syn::Expr> = HashMap::new();
    let mut twice: Vec<String> = Vec::new();
    for item in &file.items {
        if let syn::Item::Const(c) = item {
            let name = c.ident.to_string();
            if pending.insert(name.clone(), &c.expr).is_some() {
                twice.push(name);
            }
        }
    }
    // Two constants of one name (under different `cfg`s): neither value is known.
    for name in twice {
        pending.remove(&name);
    }
    let mut out: HashMap<String, i64> = HashMap::new();
    loop {
        let resolved: Vec<(String, i64)> = pending
            .iter()
            .filter_map(|(name, init)| {
                let v = crate::values::const_int_with(init, &|p: &syn::ExprPath| {
                    out.get(&p.path.get_ident()?.to_string())
                        .copied()
                        .map(i128::from)
                })?;
                Some((name.clone(), i64::try_from(v).ok()?))
            })
            .collect();
        if resolved.is_empty() {
            return out;
        }
        for (name, v) in resolved {
            pending.remove(&name);
            out.insert(name, v);
        }
    }
}

/// Free functions, and methods of inherent and trait impls, by name; `None` for a name
/// defined more than once (no summary: the call could mean either).
fn collect_fns(file: &syn::File) -> HashMap<String, Option<FnRef<'_>>> {
    struct Fns<'a>(HashMap<String, Option<FnRef<'a>>>);
    impl<'a> Fns<'a> {
        fn add(&mut self, sig: &'a syn::Signature, body: &'a syn::Block) {
            self.0
                .entry(sig.ident.to_string())
                .and_modify(|e| *e = None)
                .or_insert(Some(FnRef { sig, body }));
        }
    }
    impl<'a> Visit<'a> for Fns<'a> {
        fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
            self.add(&f.sig, &f.block);
            syn::visit::visit_item_fn(self, f);
        }
        fn visit_impl_item_fn(&mut self, f: &'a syn::ImplItemFn) {
            self.add(&f.sig, &f.block);
            syn::visit::visit_impl_item_fn(self, f);
        }
        fn visit_trait_item_fn(&mut self, f: &'a syn::TraitItemFn) {
            match &f.default {
                Some(b) => self.add(&f.sig, b),
                // A declaration makes calls of the name ambiguous (other impls).
                None => {
                    self.0.insert(f.sig.ident.to_string(), None);
                }
            }
            syn::visit::visit_trait_item_fn(self, f);
        }
    }
    let mut fns = Fns(HashMap::new());
    fns.visit_file(file);
    fns.0
}

/// A finding plus the call it is about, so that a call reported by an arithmetic lint is not
/// reported again by the generic unwrap/panic lints it supersedes.
struct Found {
    diag: Diagnostic,
    subject: Option<Span>,
    /// Found in test code.
    in_test: bool,
    /// The failing values come from the wall clock (see [`TestCode::ClockDependent`]).
    clock: bool,
}

/// The function being walked.
pub struct FnCx<'ast> {
    /// The function's name, lower-cased (`is_leap_year`): some lints read intent from it.
    pub name: String,
    pub sig: &'ast syn::Signature,
    pub body: &'ast syn::Block,
    /// The value facts of the body, computed when a lint first asks.
    facts: OnceCell<FnFacts>,
    pub bindings: Bindings<'ast>,
    /// The function's documentation says it panics (`# Panics`), or it is `#[deprecated]`:
    /// an unwrap inside is its documented contract, not a hidden crash.
    pub documents_panic: bool,
    /// The documentation says when the function returns `None` or an error for a day that
    /// does not exist ("`None` when that year has no Feb 29"): a failure it passes to its
    /// caller is its documented result.
    pub documents_failure: bool,
    /// Parameter name → the last segment of its type (`d: &NaiveDate` → `NaiveDate`).
    pub param_types: Vec<(String, String)>,
}

impl FnCx<'_> {
    /// `name` is one of the function's parameters.
    pub fn has_param(&self, name: &str) -> bool {
        self.sig.inputs.iter().any(|arg| match arg {
            syn::FnArg::Typed(pt) => matches!(&*pt.pat, syn::Pat::Ident(p) if p.ident == name),
            syn::FnArg::Receiver(_) => name == "self",
        })
    }

    pub fn param_type(&self, name: &str) -> Option<&str> {
        self.param_types
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
    }
}

fn param_types(sig: &syn::Signature) -> Vec<(String, String)> {
    sig.inputs
        .iter()
        .filter_map(|arg| {
            let syn::FnArg::Typed(pt) = arg else {
                return None;
            };
            let syn::Pat::Ident(name) = &*pt.pat else {
                return None;
            };
            let mut ty = &*pt.ty;
            while let syn::Type::Reference(r) = ty {
                ty = &r.elem;
            }
            let syn::Type::Path(p) = ty else { return None };
            Some((
                name.ident.to_string(),
                p.path.segments.last()?.ident.to_string(),
            ))
        })
        .collect()
}

/// What a lint sees at one expression.
pub struct ExprCx<'c, 'ast> {
    pub file: &'c FileCx<'c>,
    /// Enclosing expressions, outermost first; the last one is the direct parent.
    pub parents: &'c [&'ast Expr],
    pub func: Option<&'c FnCx<'ast>>,
    pub in_test: bool,
    /// Initializers of `let .. else` statements: a failure there is handled in place.
    pub let_else_inits: &'c HashSet<*const Expr>,
    /// Expressions whose value is thrown away: `let _ = e;`, `e;`.
    pub discarded: &'c HashSet<*const Expr>,
    /// The name of the enclosing `let` binding, if the expression is (inside) its initializer.
    pub let_name: Option<&'c str>,
}

impl<'c, 'ast> ExprCx<'c, 'ast> {
    pub fn span(&self, node: &impl Spanned) -> Span {
        self.file.lines.span(node.span())
    }

    /// Source text of a node, as written.
    pub fn text(&self, node: &impl Spanned) -> &'c str {
        let s = self.span(node);
        self.file.src.get(s.start..s.end).unwrap_or("")
    }

    pub fn emit(&self, diag: Diagnostic, subject: Option<Span>) {
        self.emit_from(diag, subject, false);
    }

    /// [`emit`](Self::emit) for a finding whose failing values may come from the wall clock:
    /// a lint with [`TestCode::ClockDependent`] reports it in test code only when `clock`.
    pub fn emit_from(&self, diag: Diagnostic, subject: Option<Span>, clock: bool) {
        self.file.found.borrow_mut().push(Found {
            diag,
            subject,
            in_test: self.in_test,
            clock,
        });
    }

    /// Records that `lint` recognised a call and found it safe: the lints it supersedes stay
    /// quiet about the same call.
    pub fn explain(&self, lint: &Lint, subject: Span) {
        self.file.explained.borrow_mut().insert((lint.id, subject));
    }

    pub fn imports(&self) -> &Imports {
        &self.file.imports
    }

    /// The enclosing function documents that it panics (`# Panics`) or is `#[deprecated]`: an
    /// unwrap inside is its documented contract, not a hidden crash.
    pub fn in_documented_panic(&self) -> bool {
        self.func.is_some_and(|f| f.documents_panic)
    }

    /// The enclosing function documents the `None`/error it returns for a missing day.
    pub fn in_documented_failure(&self) -> bool {
        self.func.is_some_and(|f| f.documents_failure)
    }

    /// The value facts of the enclosing function (None outside functions).
    pub fn facts(&self) -> Option<&'c FnFacts> {
        let f = self.func?;
        Some(f.facts.get_or_init(|| {
            facts::Interp::new(self.file, 0)
                .run(FnRef {
                    sig: f.sig,
                    body: f.body,
                })
                .0
        }))
    }

    pub fn today(&self) -> crate::CivilDate {
        self.file.opts.today
    }

    /// The expression `name` is bound to at `at`, within the current function.
    pub fn binding(&self, name: &str, at: LineColumn) -> Option<BoundTo<'ast>> {
        self.func?.bindings.lookup(name, at).map(|b| b.value)
    }

    /// The parent chain as seen from `parents[..depth]` (for lints that walk upwards).
    pub fn parent(&self, up: usize) -> Option<&'ast Expr> {
        self.parents
            .len()
            .checked_sub(up + 1)
            .map(|i| self.parents[i])
    }
}

/// Which lints see which syntax in one file: built from the declarations of the active lints.
struct Dispatch {
    expr: [Vec<Entry<ExprFn>>; Syntax::COUNT],
    date_call: Vec<Entry<CallFn>>,
    type_array: Vec<Entry<TypeFn>>,
}

type ExprFn = for<'c, 'ast> fn(&ExprCx<'c, 'ast>, &'ast Expr);
type CallFn = for<'c, 'ast> fn(&ExprCx<'c, 'ast>, &calls::CtorCall<'ast>);
type TypeFn = for<'c, 'ast> fn(&ExprCx<'c, 'ast>, &'ast syn::TypeArray);

struct Entry<F> {
    /// Runs in test code too (the lint's [`TestCode`] policy, or `check-tests`).
    in_tests: bool,
    check: F,
}

impl Dispatch {
    fn new(active: crate::LintSet, opts: &Options) -> Dispatch {
        let mut d = Dispatch {
            expr: Default::default(),
            date_call: Vec::new(),
            type_array: Vec::new(),
        };
        for lint in LINTS.iter().filter(|l| active.contains(l)) {
            let in_tests = lint.test_code.runs_in_tests(opts.check_tests);
            for check in lint.checks {
                match *check {
                    Check::Expr(kinds, f) => {
                        for k in kinds {
                            d.expr[*k as usize].push(Entry { in_tests, check: f });
                        }
                    }
                    Check::DateCall(f) => d.date_call.push(Entry { in_tests, check: f }),
                    Check::TypeArray(f) => d.type_array.push(Entry { in_tests, check: f }),
                }
            }
        }
        d
    }
}

/// Lints a parsed file; `partial` when only some of its items were parsed. `None` when an
/// analysis needs the whole file and `partial` is set (see [`FileCx::whole_file`]).
pub fn check_file(
    src: &str,
    mut file: syn::File,
    opts: &Options,
    active: crate::LintSet,
    partial: bool,
) -> Option<Vec<Diagnostic>> {
    macros::expand(&mut file);
    let cx = FileCx {
        src,
        file: &file,
        partial,
        wants_whole: std::cell::Cell::new(false),
        active,
        leap_adjusted: std::cell::OnceCell::new(),
        lines: LineIndex::new(src),
        imports: Imports::collect(&file),
        opts,
        found: RefCell::new(Vec::new()),
        fns: collect_fns(&file),
        summaries: RefCell::new(HashMap::new()),
        consts: OnceCell::new(),
        static_names: OnceCell::new(),
        static_values: RefCell::new(HashMap::new()),
        helpers: OnceCell::new(),
        call_sites: OnceCell::new(),
        caller_facts: RefCell::new(HashMap::new()),
        explained: RefCell::new(HashSet::new()),
    };
    let dispatch = Dispatch::new(active, opts);
    let mut walker = Walker {
        cx: &cx,
        dispatch: &dispatch,
        parents: Vec::new(),
        funcs: Vec::new(),
        // `#![cfg(test)]` at the top of a file makes all of it test code.
        test_depth: usize::from(opts.test_file || is_test_attrs(&file.attrs)),
        let_else: HashSet::new(),
        discarded: HashSet::new(),
        let_names: Vec::new(),
    };
    walker.visit_file(&file);
    drop(walker);
    if cx.wants_whole.get() {
        return None;
    }
    Some(finish(
        cx.found.into_inner(),
        cx.explained.into_inner(),
        opts.check_tests,
    ))
}

/// Runs `f` with the context of a parsed file (for unit tests of the analyses).
#[cfg(test)]
pub fn with_file<R>(src: &str, f: impl FnOnce(&FileCx<'_>) -> R) -> R {
    let mut file = syn::parse_file(src).expect("test source parses");
    macros::expand(&mut file);
    let opts = Options::default();
    let cx = FileCx {
        src,
        file: &file,
        partial: false,
        wants_whole: std::cell::Cell::new(false),
        active: crate::LintSet::all(),
        leap_adjusted: std::cell::OnceCell::new(),
        lines: LineIndex::new(src),
        imports: Imports::collect(&file),
        opts: &opts,
        found: RefCell::new(Vec::new()),
        fns: collect_fns(&file),
        summaries: RefCell::new(HashMap::new()),
        consts: OnceCell::new(),
        static_names: OnceCell::new(),
        static_values: RefCell::new(HashMap::new()),
        helpers: OnceCell::new(),
        call_sites: OnceCell::new(),
        caller_facts: RefCell::new(HashMap::new()),
        explained: RefCell::new(HashSet::new()),
    };
    f(&cx)
}

/// Drops findings about a call that a lint superseding theirs reported or proved safe.
fn finish(
    found: Vec<Found>,
    mut explained: HashSet<(LintId, Span)>,
    check_tests: bool,
) -> Vec<Diagnostic> {
    explained.extend(
        found
            .iter()
            .filter_map(|f| f.subject.map(|s| (f.diag.lint.id, s))),
    );
    let superseded = |f: &Found| {
        f.subject.is_some_and(|s| {
            explained.iter().any(|(by, at)| {
                *at == s && LINTS[*by as usize].supersedes.contains(&f.diag.lint.id)
            })
        })
    };
    // Test fixtures hold dates on purpose; a test that computes from `now()` fails on the day.
    let fixture = |f: &Found| {
        f.in_test && !check_tests && f.diag.lint.test_code == TestCode::ClockDependent && !f.clock
    };
    found
        .into_iter()
        .filter(|f| !superseded(f) && !fixture(f))
        .map(|f| f.diag)
        .collect()
}

struct Walker<'c, 'ast> {
    cx: &'c FileCx<'c>,
    dispatch: &'c Dispatch,
    parents: Vec<&'ast Expr>,
    funcs: Vec<FnCx<'ast>>,
    test_depth: usize,
    let_else: HashSet<*const Expr>,
    discarded: HashSet<*const Expr>,
    let_names: Vec<(String, usize)>,
}

impl<'c, 'ast> Walker<'c, 'ast> {
    fn expr_cx<'w>(&'w self, let_name: Option<&'w str>) -> ExprCx<'w, 'ast> {
        ExprCx {
            file: self.cx,
            parents: &self.parents,
            func: self.funcs.last(),
            in_test: self.test_depth > 0,
            let_else_inits: &self.let_else,
            discarded: &self.discarded,
            let_name,
        }
    }

    fn with_fn(
        &mut self,
        attrs: &'ast [syn::Attribute],
        sig: &'ast syn::Signature,
        body: &'ast syn::Block,
        f: impl FnOnce(&mut Self),
    ) {
        let test = is_test_attrs(attrs);
        self.test_depth += usize::from(test);
        self.funcs.push(FnCx {
            name: sig.ident.to_string().to_ascii_lowercase(),
            sig,
            body,
            facts: OnceCell::new(),
            bindings: Bindings::collect(body),
            documents_panic: documents_panic(attrs),
            documents_failure: documents_failure(attrs),
            param_types: param_types(sig),
        });
        // A function starts a fresh expression context.
        let saved = std::mem::take(&mut self.parents);
        let saved_names = std::mem::take(&mut self.let_names);
        f(self);
        self.parents = saved;
        self.let_names = saved_names;
        self.funcs.pop();
        self.test_depth -= usize::from(test);
    }
}

impl<'c, 'ast> Visit<'ast> for Walker<'c, 'ast> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        if let Some(kind) = Syntax::of(e) {
            let let_name = self
                .let_names
                .last()
                .filter(|(_, depth)| *depth <= self.parents.len())
                .map(|(n, _)| n.as_str());
            let ecx = self.expr_cx(let_name);
            let in_test = ecx.in_test;
            for entry in &self.dispatch.expr[kind as usize] {
                if entry.in_tests || !in_test {
                    (entry.check)(&ecx, e);
                }
            }
            if matches!(kind, Syntax::Call | Syntax::MethodCall)
                && !self.dispatch.date_call.is_empty()
            {
                if let Some(call) = calls::date_call(&ecx, e) {
                    for entry in &self.dispatch.date_call {
                        if entry.in_tests || !in_test {
                            (entry.check)(&ecx, &call);
                        }
                    }
                }
            }
        }
        self.parents.push(e);
        syn::visit::visit_expr(self, e);
        self.parents.pop();
    }

    // Attributes hold doc comments (`#[doc = "..."]`), whose examples are prose to the lints.
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

    fn visit_type_array(&mut self, t: &'ast syn::TypeArray) {
        let ecx = self.expr_cx(None);
        for entry in &self.dispatch.type_array {
            if entry.in_tests || !ecx.in_test {
                (entry.check)(&ecx, t);
            }
        }
        syn::visit::visit_type_array(self, t);
    }

    fn visit_stmt(&mut self, s: &'ast syn::Stmt) {
        if let syn::Stmt::Expr(e, Some(_)) = s {
            self.discarded.insert(e as *const Expr);
        }
        syn::visit::visit_stmt(self, s);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let Some(init) = &l.init {
            if init.diverge.is_some() {
                self.let_else.insert(&*init.expr as *const Expr);
            }
            if matches!(l.pat, syn::Pat::Wild(_)) {
                self.discarded.insert(&*init.expr as *const Expr);
            }
        }
        let name = match &l.pat {
            syn::Pat::Ident(p) => Some(p.ident.to_string()),
            syn::Pat::Type(t) => match &*t.pat {
                syn::Pat::Ident(p) => Some(p.ident.to_string()),
                _ => None,
            },
            _ => None,
        };
        let pushed = name.is_some();
        if let Some(n) = name {
            self.let_names.push((n, self.parents.len()));
        }
        syn::visit::visit_local(self, l);
        if pushed {
            self.let_names.pop();
        }
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.with_fn(&f.attrs, &f.sig, &f.block, |w| {
            syn::visit::visit_item_fn(w, f)
        });
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.with_fn(&f.attrs, &f.sig, &f.block, |w| {
            syn::visit::visit_impl_item_fn(w, f)
        });
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        match &f.default {
            Some(body) => self.with_fn(&f.attrs, &f.sig, body, |w| {
                syn::visit::visit_trait_item_fn(w, f)
            }),
            None => syn::visit::visit_trait_item_fn(self, f),
        }
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let test = is_test_attrs(&m.attrs);
        self.test_depth += usize::from(test);
        syn::visit::visit_item_mod(self, m);
        self.test_depth -= usize::from(test);
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let test = is_test_attrs(&i.attrs);
        self.test_depth += usize::from(test);
        syn::visit::visit_item_impl(self, i);
        self.test_depth -= usize::from(test);
    }

    // Items nested in expressions (a `fn` inside a block) are walked with their own context by
    // the item visitors above; consts and statics are checked by the lints' `Check::File`.
}

/// Doc comments that say when the function panics (a `# Panics` section, "panics if ..."),
/// or `#[deprecated]`. "Never panics" and "does not panic" promise the opposite.
fn documents_panic(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        if a.path().is_ident("deprecated") {
            return true;
        }
        match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => s.value().lines().any(line_documents_panic),
                _ => false,
            },
            _ => false,
        }
    })
}

/// The doc comment names a failure result (`None`, `Err`, an error) and a day that does not
/// exist (Feb 29, a day the month lacks, an invalid date).
fn documents_failure(attrs: &[syn::Attribute]) -> bool {
    let doc: String = attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().to_ascii_lowercase() + "\n"),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let result = FAILURE_RESULTS
        .iter()
        .any(|w| doc.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w));
    let missing_day = MISSING_DAY.iter().any(|w| doc.contains(w));
    result && missing_day
}

/// The words of a failure result in a doc comment ([`documents_failure`]), each whole.
const FAILURE_RESULTS: &[&str] = &["none", "err", "error"];

/// What a doc comment says of a day that does not exist ([`documents_failure`]), lowercase.
const MISSING_DAY: &[&str] = &[
    "leap",
    "feb 29",
    "february 29",
    "29th",
    "exist",
    "no such",
    "invalid",
    "skip",
    "out of range",
    "overflow",
];

/// Whether a `///` line can change what [`documents_panic`] and [`documents_failure`] find: it
/// holds one of their words (`select.rs` parses only these lines of a doc comment). Both read
/// line by line, no word or phrase spans two lines, and the lines without one add nothing.
pub(crate) fn doc_line_is_read(line: &str) -> bool {
    let line = line.to_ascii_lowercase();
    line.contains("panic")
        || FAILURE_RESULTS
            .iter()
            .chain(MISSING_DAY)
            .any(|w| line.contains(w))
}

fn line_documents_panic(line: &str) -> bool {
    let negation =
        |w: &str| matches!(w, "never" | "not" | "no" | "without" | "cannot") || w.ends_with("n't");
    let line = line.trim().to_ascii_lowercase();
    if line.starts_with('#') {
        return line.trim_start_matches('#').trim() == "panics";
    }
    // Each mention in its own sentence, unless a negation comes before it there.
    line.split(['.', ';']).any(|sentence| {
        sentence.find("panic").is_some_and(|at| {
            !sentence[..at]
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .any(negation)
        })
    })
}

#[cfg(test)]
#[test]
fn panic_docs_are_read_as_sentences() {
    for yes in [
        "# Panics",
        "Panics if the month is 13.",
        "This will panic on Feb 30",
        "Never fails. Panics on bad input.",
    ] {
        assert!(line_documents_panic(yes), "{yes}");
    }
    for no in [
        "Never panics.",
        "This does not panic",
        "It won't panic; it returns None",
        "without panicking",
        "# Errors",
    ] {
        assert!(!line_documents_panic(no), "{no}");
    }
}

#[cfg(test)]
#[test]
fn doc_lines_without_the_words_read_change_nothing() {
    let docs = [
        "/// Builds the date.\n///\n/// # Panics\n///\n/// When the month is 13.",
        "/// Never panics.\n/// Returns `None` when\n/// the day is Feb 29 in a common year.",
        "/// Returns an error\n/// for a day that does not exist.\n/// Panics on overflow.",
        "/// Returns an Error.\n/// Out of\n/// range days wrap.",
        "/// The next year.\n/// Same day.",
    ];
    let read = |doc: &str| {
        let f: syn::ItemFn = syn::parse_str(&format!("{doc}\nfn f() {{}}")).unwrap();
        (documents_panic(&f.attrs), documents_failure(&f.attrs))
    };
    let mut seen = std::collections::HashSet::new();
    for doc in docs {
        let kept: Vec<&str> = doc.lines().filter(|l| doc_line_is_read(l)).collect();
        let found = read(doc);
        assert_eq!(read(&kept.join("\n")), found, "{doc}");
        seen.insert(found);
    }
    // The examples say each of the four things.
    assert_eq!(seen.len(), 4);
}

/// `#[test]`, `#[tokio::test]`, `#[cfg(test)]`, `#[cfg(all(test, ..))]`, `#[rstest]`...
pub fn is_test_attrs(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        let path = a.path();
        if path
            .segments
            .last()
            .is_some_and(|s| s.ident == "test" || s.ident == "rstest" || s.ident == "bench")
        {
            return true;
        }
        if path.is_ident("cfg") {
            if let syn::Meta::List(list) = &a.meta {
                // `cfg(test)` or `cfg(any(test, ..))`, but not `cfg(not(test))`.
                let text = list.tokens.to_string();
                return text
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .any(|w| w == "test")
                    && !text.contains("not");
            }
        }
        false
    })
}
