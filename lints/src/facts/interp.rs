//! One forward walk over a function body, in evaluation order, that records the value of every
//! expression in the state where it runs. Structured Rust syntax gives the control flow: a
//! branch runs under its condition, code after `if c { return }` under `!c`, a `match` arm under
//! its pattern and the failure of the arms before it; loops are walked once with the places
//! they write forgotten at their head. No fixpoint: every node is visited once.

use std::collections::{HashMap, HashSet};

use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::{BinOp, Expr, Pat, Stmt, Token, UnOp};

use super::domain::*;
use crate::api::{self, Callee, DateCtor, Role};
use crate::context::FileCx;
use crate::macros;

/// What the walk learned about one function.
#[derive(Debug, Default)]
pub struct FnFacts {
    values: HashMap<*const Expr, Fact>,
    /// Date constructor and setter calls: whether they can fail with the values that reach
    /// them.
    fails: HashMap<*const Expr, bool>,
    /// Calls in code the facts prove unreachable.
    dead: HashSet<*const Expr>,
    /// The walk stopped early (the function is too large): nothing is known.
    pub truncated: bool,
}

impl FnFacts {
    /// The value of an expression where it runs, if the walk reached it.
    pub fn value(&self, e: &Expr) -> Option<&Fact> {
        if self.truncated {
            return None;
        }
        self.values.get(&(e as *const Expr))
    }

    /// The value of the expression at this address (one of this function's).
    pub fn value_at(&self, e: *const Expr) -> Option<&Fact> {
        if self.truncated {
            return None;
        }
        self.values.get(&e)
    }

    /// Whether a date constructor or setter call can fail with the values that reach it.
    pub fn can_fail(&self, call: &Expr) -> Option<bool> {
        if self.truncated {
            return None;
        }
        self.fails.get(&(call as *const Expr)).copied()
    }

    /// The expression is in code that cannot run (its branch's condition is impossible).
    pub fn is_dead(&self, e: &Expr) -> bool {
        !self.truncated && self.dead.contains(&(e as *const Expr))
    }
}

/// A same-file function, for summaries.
#[derive(Clone, Copy)]
pub struct FnRef<'ast> {
    pub sig: &'ast syn::Signature,
    pub body: &'ast syn::Block,
}

/// What a caller learns from a same-file function without walking it again.
#[derive(Clone, Debug)]
pub struct Summary {
    /// The join of every value it returns.
    pub ret: Fact,
    /// A `bool` function that tests the leap rule (`% 4` and `% 100`/`% 400`, or a library
    /// leap test): `f(y)` true means `y` is a leap year.
    pub leap_predicate: bool,
    /// A days-in-month function: `min(d, f(y, m))` fits the month.
    pub month_length: bool,
}

/// How many parts of a condition a branch is walked with, at most.
const MAX_PARTS: usize = 4;
/// How deeply branches walked per part may nest (each level multiplies the work).
const MAX_PARTITION_DEPTH: usize = 2;

/// Past this many visited expressions the walk gives up (nothing is known of the function).
const BUDGET: usize = 50_000;
/// How deeply nested expressions are walked (each level is a few stack frames).
const MAX_NESTING: usize = 400;
/// Summaries of summaries: how deep calls are followed. (The parse of only some items,
/// `select.rs`, keeps the functions that deep.)
pub const MAX_SUMMARY_DEPTH: usize = 2;
/// Callers, and their callers, of the function the lints walk (see [`super::callers`]).
const CALLER_LEVELS: usize = 2;

struct PlaceInfo {
    default: Fact,
}

struct LoopFrame {
    label: Option<String>,
    breaks: State,
    value: Fact,
}

pub struct Interp<'c, 'ast> {
    file: &'c FileCx<'c>,
    places: Vec<PlaceInfo>,
    fields: HashMap<(PlaceId, String), PlaceId>,
    env: Vec<(String, PlaceId)>,
    loops: Vec<LoopFrame>,
    closures: usize,
    /// The origin of the items a closure written here receives (`rows.iter().map(|r| ..)`
    /// walks its closure with the origin of `rows`).
    closure_items: Prov,
    /// Branches being walked per part of their condition, nested.
    partitions: usize,
    /// Expressions being walked, nested.
    nesting: usize,
    returns: Fact,
    /// The body being walked (for the calls of a closure bound by `let`).
    body: Option<&'ast syn::Block>,
    out: FnFacts,
    steps: usize,
    depth: usize,
    /// How many levels of callers a private function's parameters are read from.
    caller_levels: usize,
    _ast: std::marker::PhantomData<&'ast ()>,
}

const DATE_TYPES: &[&str] = &[
    "NaiveDate",
    "NaiveDateTime",
    "DateTime",
    "Date",
    "OffsetDateTime",
    "PrimitiveDateTime",
    "UtcDateTime",
    "Zoned",
    "Timestamp",
    "SystemTime",
    // Times of day: their hour, minute and second are real ones.
    "NaiveTime",
    "Time",
];

/// Accessors of chrono, time and jiff dates: the field they read, and its range.
fn accessor(name: &str) -> Option<(Part, i64, (i64, i64))> {
    // (part, offset from the 1-based field, range of the result)
    Some(match name {
        "year" => (Part::Year, 0, YEARS),
        "month" | "number_from_month" => (Part::Month, 0, (1, 12)),
        "month0" => (Part::Month, -1, (0, 11)),
        "day" => (Part::Day, 0, (1, 31)),
        "day0" => (Part::Day, -1, (0, 30)),
        "ordinal" | "day_of_year" => (Part::Ordinal, 0, (1, 366)),
        "ordinal0" => (Part::Ordinal, -1, (0, 365)),
        "hour" => (Part::Hour, 0, (0, 23)),
        "minute" => (Part::Minute, 0, (0, 59)),
        "second" => (Part::Second, 0, (0, 59)),
        _ => return None,
    })
}

/// Time-of-day accessors and their ranges (not tracked as parts of a date).
fn time_accessor(name: &str) -> Option<(i64, i64)> {
    Some(match name {
        "nanosecond" => (0, 1_999_999_999),
        "days_in_month" | "length" => (28, 31),
        "days_in_year" => (365, 366),
        _ => return None,
    })
}

/// Methods that return the same calendar date as their receiver (a conversion or a copy).
const SAME_DATE: &[&str] = &[
    "date_naive",
    "naive_local",
    "naive_utc",
    "date",
    "clone",
    "to_owned",
    "and_utc",
    "datetime",
    "into",
    "to_date",
    "as_ref",
];

/// Methods that compute another date from their receiver (the fields change, the date is
/// still a real one).
const NEW_DATE: &[&str] = &[
    "checked_add_months",
    "checked_sub_months",
    "checked_add_days",
    "checked_sub_days",
    "checked_add_signed",
    "checked_sub_signed",
    "succ_opt",
    "pred_opt",
    "succ",
    "pred",
    "next_day",
    "previous_day",
    "tomorrow",
    "yesterday",
    "with_timezone",
    "to_offset",
    "to_timezone",
    "in_tz",
    "to_zoned",
    "checked_add",
    "checked_sub",
    "saturating_add",
    "saturating_sub",
    "last_of_month",
    "end_of_month",
    "nth_weekday_of_month",
    "first_of_year",
    "last_of_year",
];

/// Clock reads: the value is whatever day it is.
const CLOCK_FUNCS: &[&str] = &["now", "now_utc", "now_local", "today", "today_local"];

impl<'c, 'ast> Interp<'c, 'ast> {
    pub fn new(file: &'c FileCx<'c>, depth: usize) -> Self {
        Interp {
            file,
            places: Vec::new(),
            fields: HashMap::new(),
            env: Vec::new(),
            loops: Vec::new(),
            closures: 0,
            closure_items: Prov::INPUT,
            partitions: 0,
            nesting: 0,
            returns: Fact::never(),
            body: None,
            out: FnFacts::default(),
            steps: 0,
            depth,
            caller_levels: if depth == 0 { CALLER_LEVELS } else { 0 },
            _ast: std::marker::PhantomData,
        }
    }

    /// Reads `levels` levels of callers for a private function's parameters.
    pub fn reading_callers(mut self, levels: usize) -> Self {
        self.caller_levels = levels;
        self
    }

    /// Walks a function: its parameters take every value their types hold.
    pub fn run(mut self, f: FnRef<'ast>) -> (FnFacts, Fact) {
        self.body = Some(f.body);
        let mut st = State::entry();
        // A private function's parameters hold what its calls in the file pass.
        let mut from_callers = match self.caller_levels {
            0 => None,
            levels => super::callers::param_facts(self.file, f, levels).map(Vec::into_iter),
        };
        for input in &f.sig.inputs {
            match input {
                syn::FnArg::Receiver(_) => {
                    let p = self.new_place(Fact::top(Prov::INPUT));
                    self.env.push(("self".to_string(), p));
                }
                syn::FnArg::Typed(pt) => {
                    let mut fact = type_fact(&pt.ty, f.sig, &self.file.imports);
                    fact.prov = fact.prov | Prov::PARAM;
                    if let Some(passed) = from_callers.as_mut().and_then(Iterator::next) {
                        // What the calls pass, within what the type holds (a `u32` stays
                        // unsigned when a caller passes an unknown number).
                        match (&mut fact.kind, passed.kind) {
                            (_, Kind::Top) => {}
                            (Kind::Int(typed), Kind::Int(mut given)) => {
                                given.set = given.set.meet(&typed.set);
                                fact = Fact {
                                    kind: Kind::Int(given),
                                    ..passed
                                };
                            }
                            (_, kind) => fact = Fact { kind, ..passed },
                        }
                    }
                    let binds = self.irrefutable_binds(&pt.pat, &fact);
                    for (name, fact) in binds {
                        let p = self.new_place(fact);
                        self.env.push((name, p));
                    }
                }
            }
        }
        // Parameters hold their defaults: nothing to put in the state.
        let _ = &mut st;
        let (tail, exit) = self.block(f.body, st);
        if !exit.is_dead() {
            self.returns = self.returns.join(&tail);
        }
        if self.steps > BUDGET || self.out.truncated {
            self.out = FnFacts {
                truncated: true,
                ..FnFacts::default()
            };
            return (self.out, Fact::top(Prov::INPUT));
        }
        (self.out, self.returns)
    }

    /// Records an expression's value; an expression walked more than once (a branch walked
    /// per part of its condition) gets the join.
    fn record(&mut self, e: &Expr, f: Fact) {
        let key = e as *const Expr;
        self.out.dead.remove(&key);
        match self.out.values.get_mut(&key) {
            Some(old) => *old = old.join(&f),
            None => {
                self.out.values.insert(key, f);
            }
        }
    }

    fn new_place(&mut self, default: Fact) -> PlaceId {
        self.places.push(PlaceInfo { default });
        (self.places.len() - 1) as PlaceId
    }

    fn default_of(&self, p: PlaceId) -> Fact {
        self.places
            .get(p as usize)
            .map_or_else(|| Fact::top(Prov::INPUT), |i| i.default.clone())
    }

    fn read(&self, st: &State, p: PlaceId) -> Fact {
        st.get(p).cloned().unwrap_or_else(|| self.default_of(p))
    }

    fn lookup(&self, name: &str) -> Option<PlaceId> {
        self.env
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, p)| *p)
    }

    fn field_place(&mut self, base: PlaceId, name: &str) -> PlaceId {
        if let Some(p) = self.fields.get(&(base, name.to_string())) {
            return *p;
        }
        let p = self.new_place(Fact::top(self.default_of(base).prov.projected()));
        self.fields.insert((base, name.to_string()), p);
        p
    }

    /// The place an expression names: a local, `self`, or a field path of one.
    fn place_of(&mut self, e: &Expr) -> Option<PlaceId> {
        match e {
            Expr::Path(p) if p.qself.is_none() => {
                let ident = p.path.get_ident()?;
                self.lookup(&ident.to_string())
            }
            Expr::Field(f) => {
                let base = self.place_of(&f.base)?;
                let syn::Member::Named(name) = &f.member else {
                    return None;
                };
                Some(self.field_place(base, &name.to_string()))
            }
            Expr::Paren(p) => self.place_of(&p.expr),
            Expr::Group(g) => self.place_of(&g.expr),
            Expr::Reference(r) if r.mutability.is_none() => self.place_of(&r.expr),
            Expr::Unary(u) if matches!(u.op, UnOp::Deref(_)) => self.place_of(&u.expr),
            _ => None,
        }
    }

    /// Forgets what is known of a place and of the fields under it (written through `&mut`,
    /// or assigned in a loop or a closure).
    fn havoc(&self, st: &mut State, p: PlaceId) {
        if let Some(cur) = st.get(p) {
            // Keep the kind and origin, forget the values.
            let kind = match &cur.kind {
                Kind::Int(_) => Kind::Int(IntVal {
                    set: IntSet::top(),
                    rel: None,
                    leap: None,
                    fits: None,
                }),
                Kind::Date(_) => Kind::Date(DateVal::any()),
                _ => self.default_of(p).kind,
            };
            let fresh = Fact {
                kind,
                prov: cur.prov,
                approx: true,
            };
            st.set(p, fresh);
        }
        for ((base, _), field) in &self.fields {
            if *base == p {
                st.remove(*field);
            }
        }
    }

    fn join(&self, a: &State, b: &State) -> State {
        a.join(b, &|p| self.default_of(p))
    }

    // ---------------------------------------------------------------- statements

    fn block(&mut self, b: &'ast syn::Block, st: State) -> (Fact, State) {
        let mark = self.env.len();
        let mut st = st;
        let mut val = unit();
        let last = b.stmts.len().saturating_sub(1);
        for (i, s) in b.stmts.iter().enumerate() {
            match s {
                Stmt::Local(l) => st = self.local(l, st),
                Stmt::Expr(e, semi) => {
                    let (f, s2) = self.expr(e, st);
                    st = s2;
                    if semi.is_none() && i == last {
                        val = f;
                    }
                }
                Stmt::Macro(m) => {
                    self.havoc_mentioned(&m.mac.tokens, &mut st);
                }
                Stmt::Item(_) => {}
            }
        }
        self.env.truncate(mark);
        if st.is_dead() {
            val = Fact::never();
        }
        (val, st)
    }

    fn local(&mut self, l: &'ast syn::Local, st: State) -> State {
        let Some(init) = &l.init else {
            for (name, _) in self.irrefutable_binds(&l.pat, &Fact::top(Prov::INPUT)) {
                let p = self.new_place(Fact::top(Prov::INPUT));
                self.env.push((name, p));
            }
            return st;
        };
        // `let parse = |s: &str| ..;` called only with literals: its parameters are those
        // literals (a test's helper), not unknown input.
        let closure = match (strip(&init.expr), &init.diverge, binding_name(&l.pat)) {
            (Expr::Closure(c), None, Some(name)) => Some((c, name)),
            _ => None,
        };
        let literal_args = closure.filter(|_| !st.is_dead()).and_then(|(c, name)| {
            let args = literal_calls(self.body?, &name, c.inputs.len())?;
            Some((c, args))
        });
        if let Some((c, args)) = literal_args {
            self.steps += 1;
            let (f, st) = self.closure(c, &args, st);
            self.record(&init.expr, f.clone());
            let binds = self.irrefutable_binds(&l.pat, &f);
            return self.bind_all(binds, st);
        }
        let (f, st) = self.expr(&init.expr, st);
        let f = match &l.pat {
            Pat::Type(t) => narrow_to_type(f, &t.ty),
            _ => f,
        };
        match &init.diverge {
            Some((_, otherwise)) => {
                // `let Some(x) = e else { .. }`: the else block diverges, the rest runs on a match.
                let (matched, unmatched, binds) = self.pattern(&l.pat, &f, st);
                let _ = self.expr(otherwise, unmatched);
                self.bind_all(binds, matched)
            }
            None => {
                let binds = self.irrefutable_binds(&l.pat, &f);
                self.bind_all(binds, st)
            }
        }
    }

    fn bind_all(&mut self, binds: Vec<(String, Fact)>, mut st: State) -> State {
        for (name, fact) in binds {
            let p = self.new_place(Fact::top(fact.prov));
            st.set(p, fact);
            self.env.push((name, p));
        }
        st
    }

    /// The names a pattern that cannot fail binds, with their values.
    fn irrefutable_binds(&mut self, pat: &Pat, f: &Fact) -> Vec<(String, Fact)> {
        let (_, _, binds) = self.pattern(pat, f, State::entry());
        binds
    }

    // ---------------------------------------------------------------- expressions

    fn expr(&mut self, e: &'ast Expr, st: State) -> (Fact, State) {
        self.steps += 1;
        if st.is_dead() {
            mark_dead(e, &mut self.out.dead, &self.out.values);
            return (Fact::never(), State::Dead);
        }
        // Too much work, or nesting deep enough to exhaust the stack (a chain of thousands of
        // operators is one expression nested that deep): give up on the function.
        if self.steps > BUDGET || self.nesting >= MAX_NESTING {
            self.out.truncated = true;
            return (Fact::top(Prov::INPUT), st);
        }
        self.nesting += 1;
        let (f, st) = self.expr_inner(e, st);
        self.nesting -= 1;
        if !st.is_dead() || !matches!(f.kind, Kind::Never) {
            self.record(e, f.clone());
        }
        (f, st)
    }

    fn expr_inner(&mut self, e: &'ast Expr, st: State) -> (Fact, State) {
        match e {
            Expr::Lit(l) => (lit_fact(&l.lit), st),
            Expr::Path(p) => (self.path_value(p, &st), st),
            Expr::Paren(p) => self.expr(&p.expr, st),
            Expr::Group(g) => self.expr(&g.expr, st),
            Expr::Field(fe) => {
                let (base, st) = self.expr(&fe.base, st);
                let mut f = match self.place_of(e) {
                    Some(p) => self.read_with_rel(&st, p),
                    None => Fact::top(base.prov.projected()),
                };
                // A field of a constant that was passed by `&mut` or written in a loop is no
                // longer known to be that constant's.
                if f.prov.is_const() && base.approx {
                    f.approx = true;
                }
                (f, st)
            }
            Expr::Reference(r) => {
                let (f, mut st) = self.expr(&r.expr, st);
                if r.mutability.is_some() {
                    if let Some(p) = self.place_of(&r.expr) {
                        self.havoc(&mut st, p);
                    }
                    return (Fact::top(Prov::INPUT), st);
                }
                (f, st)
            }
            Expr::Unary(u) => {
                let (f, st) = self.expr(&u.expr, st);
                match u.op {
                    UnOp::Neg(_) => (
                        int_op(&f, &Fact::int(IntSet::exact(0), Prov::CONST), |a, _| {
                            a.neg()
                        }),
                        st,
                    ),
                    UnOp::Deref(_) => (f, st),
                    _ => (Fact::top(f.prov), st),
                }
            }
            Expr::Cast(c) => {
                let (f, st) = self.expr(&c.expr, st);
                (narrow_to_type(f, &c.ty), st)
            }
            Expr::Binary(b) => self.binary(e, b, st),
            Expr::Assign(a) => {
                let (f, mut st) = self.expr(&a.right, st);
                let _ = self.lvalue(&a.left, &mut st);
                if let Some(p) = self.place_of(&a.left) {
                    self.assign(&mut st, p, f);
                }
                (unit(), st)
            }
            Expr::Block(b) => self.block(&b.block, st),
            Expr::Unsafe(b) => self.block(&b.block, st),
            Expr::Const(b) => self.block(&b.block, st),
            Expr::If(i) if self.partitions < MAX_PARTITION_DEPTH && !has_let(&i.cond) => {
                // Each part of a disjunction runs the branch on its own (`a || b` then, and
                // `a && b` else): `if is_leap(y) || d.ordinal() < 60 { .. }` is safe on both
                // paths, though the join of the two says neither.
                let (then_parts, else_parts) = self.cond_parts(&i.cond, st);
                self.partitions += 1;
                let mut value = Fact::never();
                let mut exit = State::Dead;
                for part in then_parts {
                    let (v, s) = self.block(&i.then_branch, part);
                    if !s.is_dead() {
                        value = value.join(&v);
                    }
                    exit = self.join(&exit, &s);
                }
                for part in else_parts {
                    let (v, s) = match &i.else_branch {
                        Some((_, e)) => self.expr(e, part),
                        None => (unit(), part),
                    };
                    if !s.is_dead() {
                        value = value.join(&v);
                    }
                    exit = self.join(&exit, &s);
                }
                self.partitions -= 1;
                (value, exit)
            }
            Expr::If(i) => {
                let mark = self.env.len();
                let (then_st, else_st) = self.cond_bind(&i.cond, st);
                let (tv, ts) = self.block(&i.then_branch, then_st);
                self.env.truncate(mark);
                let (ev, es) = match &i.else_branch {
                    Some((_, e)) => self.expr(e, else_st),
                    None => (unit(), else_st),
                };
                (join_live(&tv, &ts, &ev, &es), self.join(&ts, &es))
            }
            Expr::Match(m) => self.match_expr(m, st),
            Expr::While(w) => self.while_loop(w, st),
            Expr::ForLoop(f) => self.for_loop(f, st),
            Expr::Loop(l) => {
                let label = l.label.as_ref().map(|l| l.name.ident.to_string());
                let writes = self.loop_writes(&st, &l.body, None);
                let (_, frame) =
                    self.iterate(st, &writes, label, |this, head| this.block(&l.body, head).1);
                (frame.value, frame.breaks)
            }
            Expr::Break(b) => {
                let (v, st) = match &b.expr {
                    Some(e) => self.expr(e, st),
                    None => (unit(), st),
                };
                let label = b.label.as_ref().map(|l| l.ident.to_string());
                if self.closures == 0 || !self.loops.is_empty() {
                    let idx = match &label {
                        Some(l) => self
                            .loops
                            .iter()
                            .rposition(|f| f.label.as_deref() == Some(l)),
                        None => self.loops.len().checked_sub(1),
                    };
                    if let Some(i) = idx {
                        let joined = self.join(&self.loops[i].breaks, &st);
                        self.loops[i].breaks = joined;
                        self.loops[i].value = self.loops[i].value.join(&v);
                    }
                }
                (Fact::never(), State::Dead)
            }
            Expr::Continue(_) => (Fact::never(), State::Dead),
            Expr::Return(r) => {
                let (v, st) = match &r.expr {
                    Some(e) => self.expr(e, st),
                    None => (unit(), st),
                };
                if self.closures == 0 && !st.is_dead() {
                    self.returns = self.returns.join(&v);
                }
                (Fact::never(), State::Dead)
            }
            Expr::Try(t) => {
                let (f, st) = self.expr(&t.expr, st);
                match f.kind {
                    Kind::Opt(o) => {
                        let st = self.apply(st, &o.on_ok);
                        (o.ok.with_approx(f.approx), st)
                    }
                    _ => (Fact::top(f.prov), st),
                }
            }
            Expr::Closure(c) => self.closure(c, &[], st),
            Expr::Call(c) => self.call(e, c, st),
            Expr::MethodCall(m) => self.method_call(e, m, st),
            Expr::Tuple(t) => {
                let mut st = st;
                let mut facts = Vec::new();
                for el in &t.elems {
                    let (f, s) = self.expr(el, st);
                    st = s;
                    facts.push(f);
                }
                let prov = facts.iter().fold(Prov::NONE, |p, f| p | f.prov);
                (
                    Fact {
                        kind: Kind::Tuple(facts),
                        prov,
                        approx: false,
                    },
                    st,
                )
            }
            Expr::Macro(m) => {
                let mut st = st;
                self.havoc_mentioned(&m.mac.tokens, &mut st);
                (Fact::top(Prov::INPUT), st)
            }
            Expr::Let(l) => {
                // A `let` outside an `if`/`while` condition (a let chain in a value position).
                let (_, st) = self.expr(&l.expr, st);
                (Fact::top(Prov::NONE), st)
            }
            _ => {
                // Arrays, structs, indexing, ranges, awaits...: walk the parts, know nothing
                // but their origin. An array or struct built of constants (a test's table of
                // cases) is a constant, and so is an element of one.
                let mut st = st;
                let mut children = Children(Vec::new());
                syn::visit::visit_expr(&mut children, e);
                let mut prov = Prov::NONE;
                for part in children.0 {
                    let (f, s) = self.expr(part, st);
                    prov = prov | f.prov;
                    st = s;
                }
                let prov = match e {
                    Expr::Array(_) | Expr::Struct(_) | Expr::Repeat(_) | Expr::Index(_) => {
                        prov.projected()
                    }
                    _ => prov.derived(),
                };
                (Fact::top(prov), st)
            }
        }
    }

    /// The value of a path: a local, a constant, or a month of time's `Month` enum.
    fn path_value(&mut self, p: &syn::ExprPath, st: &State) -> Fact {
        if let Some(ident) = p.path.get_ident() {
            let name = ident.to_string();
            if let Some(place) = self.lookup(&name) {
                return self.read_with_rel(st, place);
            }
            if let Some(v) = self.file.const_value(&name) {
                return Fact::int(IntSet::exact(v), Prov::CONST);
            }
            // A `const` or `static` of another type (`static OPEN: NaiveTime = ..`): what its
            // initializer gives, walked on its own.
            if let Some(f) = self.file.static_value(&name) {
                if !matches!(f.kind, Kind::Top) {
                    return f;
                }
            }
            if name == "None" {
                return Fact::opt(Fact::never(), true);
            }
            return Fact::top(Prov::INPUT);
        }
        if let Some(m) = month_enum(&p.path) {
            return Fact::int(IntSet::exact(m), Prov::CONST);
        }
        if let Some(d) = date_bound(&p.path) {
            return Fact::date(d, Prov::CONST);
        }
        let last = p.path.segments.last().map(|s| s.ident.to_string());
        if last.as_deref() == Some("None") {
            return Fact::opt(Fact::never(), true);
        }
        Fact::top(Prov::INPUT)
    }

    /// A place's value, tied to the place so that tests on it refine it. A copy of a date's
    /// field (`let m = d.month()`) stays tied to that date.
    fn read_with_rel(&self, st: &State, p: PlaceId) -> Fact {
        let mut f = self.read(st, p);
        if f.as_int()
            .and_then(|i| i.rel.as_ref())
            .is_some_and(|r| r.part != Part::Whole)
        {
            return self.refresh(st, &f);
        }
        if let Kind::Int(i) = &mut f.kind {
            i.rel = Some(Rel {
                place: p,
                part: Part::Whole,
                offset: IntSet::exact(0),
            });
        } else if matches!(f.kind, Kind::Top) && !f.prov.has(Prov::CALENDAR) {
            // An integer parameter or local of unknown type: a test on it still says
            // something, so track it as an integer of any value.
            f.kind = Kind::Int(IntVal {
                set: IntSet::top(),
                rel: Some(Rel {
                    place: p,
                    part: Part::Whole,
                    offset: IntSet::exact(0),
                }),
                leap: None,
                fits: None,
            });
        }
        f
    }

    fn assign(&mut self, st: &mut State, p: PlaceId, mut f: Fact) {
        if let Kind::Int(i) = &mut f.kind {
            // The value no longer follows the place it was computed from if that place is the
            // one being assigned (`m = m + 1`): keep the numbers, drop the tie.
            if i.rel.as_ref().is_some_and(|r| r.place == p) {
                i.rel = None;
            }
        }
        // Copies tied to the old value of `p` keep their numbers but lose the tie.
        if let State::Live(map) = st {
            let stale: Vec<PlaceId> = map
                .iter()
                .filter(|(_, v)| {
                    v.as_int()
                        .and_then(|i| i.rel.as_ref())
                        .is_some_and(|r| r.place == p)
                })
                .map(|(k, _)| *k)
                .collect();
            for k in stale {
                let mut v = self.read(st, k);
                if let Kind::Int(i) = &mut v.kind {
                    i.rel = None;
                }
                st.set(k, v);
            }
        }
        st.set(p, f);
        for ((base, _), field) in &self.fields {
            if *base == p {
                st.remove(*field);
            }
        }
    }

    /// Walks an assignment target for its side effects (indexes).
    fn lvalue(&mut self, e: &'ast Expr, st: &mut State) -> Option<PlaceId> {
        if let Expr::Index(ix) = e {
            let (_, s) = self.expr(&ix.index, st.clone());
            *st = s;
        }
        None
    }

    fn binary(&mut self, e: &'ast Expr, b: &'ast syn::ExprBinary, st: State) -> (Fact, State) {
        match b.op {
            BinOp::And(_)
            | BinOp::Or(_)
            | BinOp::Eq(_)
            | BinOp::Ne(_)
            | BinOp::Lt(_)
            | BinOp::Le(_)
            | BinOp::Gt(_)
            | BinOp::Ge(_) => {
                let (t, f) = self.cond(e, st);
                (Fact::top(Prov::NONE), self.join(&t, &f))
            }
            BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_) => {
                let (r, st) = self.expr(&b.right, st);
                let (l, mut st) = self.expr(&b.left, st);
                let new = arith(&b.op, &l, &r);
                if let Some(p) = self.place_of(&b.left) {
                    self.assign(&mut st, p, new);
                }
                (unit(), st)
            }
            BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_) => {
                let (_, st) = self.expr(&b.right, st);
                let (_, mut st) = self.expr(&b.left, st);
                if let Some(p) = self.place_of(&b.left) {
                    self.havoc(&mut st, p);
                }
                (unit(), st)
            }
            _ => {
                let (l, st) = self.expr(&b.left, st);
                let (r, st) = self.expr(&b.right, st);
                (arith(&b.op, &l, &r), st)
            }
        }
    }

    fn match_expr(&mut self, m: &'ast syn::ExprMatch, st: State) -> (Fact, State) {
        let (scrut, st) = self.expr(&m.expr, st);
        let mut rest = st;
        let mut value = Fact::never();
        let mut exit = State::Dead;
        for arm in &m.arms {
            let mark = self.env.len();
            let (matched, unmatched, binds) = self.pattern(&arm.pat, &scrut, rest.clone());
            let mut arm_st = self.bind_all(binds, matched);
            if let Some((_, guard)) = &arm.guard {
                let (t, _) = self.cond_bind(guard, arm_st);
                arm_st = t;
            } else {
                rest = unmatched;
            }
            let (v, s) = self.expr(&arm.body, arm_st);
            self.env.truncate(mark);
            if !s.is_dead() {
                value = value.join(&v);
            }
            exit = self.join(&exit, &s);
        }
        (value, exit)
    }

    fn while_loop(&mut self, w: &'ast syn::ExprWhile, st: State) -> (Fact, State) {
        let label = w.label.as_ref().map(|l| l.name.ident.to_string());
        let counter = self.counter_rule(w, &st);
        let writes = self.loop_writes(&st, &w.body, Some(&w.cond));
        let mut exit = State::Dead;
        let (_, frame) = self.iterate(st, &writes, label, |this, head| {
            let mark = this.env.len();
            let (body_st, leave) = this.cond_bind(&w.cond, head);
            exit = leave;
            let (_, end) = this.block(&w.body, body_st);
            this.env.truncate(mark);
            end
        });
        if let (Some((p, set, prov)), State::Live(_)) = (counter, &exit) {
            let f = Fact::int(set, prov);
            exit.set(p, f);
        }
        (unit(), self.join(&exit, &frame.breaks))
    }

    /// `while m <= 0 { m += 12; .. }` leaves `m ∈ (entry ∩ m > 0) ∪ [1, 12]`: when every write
    /// to the counter in the body is `+= k` (or `-= k`) with a constant step, and the condition
    /// compares it with a constant. Returns the counter and its values after the loop.
    fn counter_rule(
        &mut self,
        w: &'ast syn::ExprWhile,
        st: &State,
    ) -> Option<(PlaceId, IntSet, Prov)> {
        let Expr::Binary(b) = strip(&w.cond) else {
            return None;
        };
        let (var, op, bound) = match (path_name(&b.left), const_of(&b.right)) {
            (Some(v), Some(k)) => (v, cmp_of(&b.op)?, k),
            _ => match (const_of(&b.left), path_name(&b.right)) {
                (Some(k), Some(v)) => (v, cmp_of(&b.op)?.flip(), k),
                _ => return None,
            },
        };
        let mut steps = Steps {
            var: &var,
            steps: Vec::new(),
            other: false,
        };
        steps.visit_block(&w.body);
        if steps.other || steps.steps.is_empty() {
            return None;
        }
        let up = steps.steps.iter().all(|s| *s > 0);
        let down = steps.steps.iter().all(|s| *s < 0);
        let p = self.lookup(&var)?;
        let entry_fact = self.read(st, p);
        if entry_fact.approx {
            return None;
        }
        let entry = entry_fact.set()?.clone();
        let done = IntSet::top().restrict(op.negate(), &IntSet::exact(bound));
        let already = entry.meet(&done);
        // The largest step decides how far past the bound the counter can land.
        let step = if up {
            *steps.steps.iter().max()?
        } else {
            *steps.steps.iter().min()?
        };
        let landed = match op {
            // Counting up out of `x <= b` / `x < b`.
            Cmp::Le if up => IntSet::range(bound + 1, bound + step),
            Cmp::Lt if up => IntSet::range(bound, bound + step - 1),
            // Counting down out of `x > b` / `x >= b`.
            Cmp::Gt if down => IntSet::range(bound + step + 1, bound),
            Cmp::Ge if down => IntSet::range(bound + step, bound - 1),
            _ => return None,
        };
        Some((p, already.join(&landed), entry_fact.prov))
    }

    fn for_loop(&mut self, f: &'ast syn::ExprForLoop, st: State) -> (Fact, State) {
        let (iter, st) = self.expr(&f.expr, st);
        let item = self.iter_item(&f.expr, &iter);
        let label = f.label.as_ref().map(|l| l.name.ident.to_string());
        let writes = self.loop_writes(&st, &f.body, None);
        let (head, frame) = self.iterate(st, &writes, label, |this, head| {
            let mark = this.env.len();
            let binds = this.irrefutable_binds(&f.pat, &item);
            let body_st = this.bind_all(binds, head);
            let (_, end) = this.block(&f.body, body_st);
            this.env.truncate(mark);
            end
        });
        (unit(), self.join(&head, &frame.breaks))
    }

    /// The value of one item of an iterated expression: `a..b`, `a..=b`, `(a..b).rev()`, or
    /// days of a date range.
    fn iter_item(&mut self, e: &'ast Expr, iter: &Fact) -> Fact {
        match strip(e) {
            Expr::Range(r) => {
                let lo = r
                    .start
                    .as_deref()
                    .and_then(|s| self.out.values.get(&(s as *const Expr)).cloned());
                let hi = r
                    .end
                    .as_deref()
                    .and_then(|s| self.out.values.get(&(s as *const Expr)).cloned());
                let closed = matches!(r.limits, syn::RangeLimits::Closed(_));
                let lo_set = lo.as_ref().and_then(|f| f.set().cloned());
                let hi_set = hi.as_ref().and_then(|f| f.set().cloned());
                let prov = lo.as_ref().map_or(Prov::NONE, |f| f.prov)
                    | hi.as_ref().map_or(Prov::NONE, |f| f.prov);
                match (lo_set.and_then(|s| s.lo()), hi_set.and_then(|s| s.hi())) {
                    (Some(a), Some(b)) => {
                        let b = if closed { b } else { b.saturating_sub(1) };
                        let mut f = Fact::int(IntSet::range(a, b), prov);
                        // `1..=days_in_month(..)`: every day of the loop exists in that month;
                        // `0..len` stops one short of it.
                        if let (Some(Kind::Int(h)), Kind::Int(i)) =
                            (hi.as_ref().map(|f| &f.kind), &mut f.kind)
                        {
                            i.fits = h.fits.as_ref().map(|fits| fits.bound(!closed));
                        }
                        f
                    }
                    _ => Fact::top(prov | Prov::INPUT),
                }
            }
            Expr::MethodCall(m)
                if matches!(
                    m.method.to_string().as_str(),
                    "rev"
                        | "step_by"
                        | "skip"
                        | "take"
                        | "into_iter"
                        | "iter"
                        | "copied"
                        | "cloned"
                        | "range"
                        | "filter"
                        | "skip_while"
                        | "take_while"
                        | "peekable"
                        | "fuse"
                        | "by_ref"
                ) =>
            {
                // The items are the receiver's: `set.range(lo..)` yields the set's values, not
                // the bounds'.
                let recv = self
                    .out
                    .values
                    .get(&(&*m.receiver as *const Expr))
                    .cloned()
                    .unwrap_or_else(|| iter.clone());
                let inner = self.iter_item(&m.receiver, &recv);
                if matches!(inner.kind, Kind::Top) && m.method == "iter" {
                    return Fact::top(recv.prov.projected());
                }
                inner
            }
            Expr::MethodCall(m)
                if m.method.to_string().starts_with("iter_days") || m.method == "iter_weeks" =>
            {
                Fact::date(DateVal::any(), Prov::CALENDAR)
            }
            // The items of an array (or `vec![..]`) written here: what its elements hold.
            Expr::Array(a) if !a.elems.is_empty() => self.items_of(a.elems.iter(), iter),
            Expr::Call(c) if macros::macro_name(e) == Some("vec") && !c.args.is_empty() => {
                self.items_of(c.args.iter(), iter)
            }
            Expr::Reference(r) => self.iter_item(&r.expr, iter),
            _ => Fact::top(iter.prov.projected()),
        }
    }

    /// The join of what the elements of an array written here hold.
    fn items_of(&self, elems: impl Iterator<Item = &'ast Expr>, iter: &Fact) -> Fact {
        elems
            .map(|el| {
                self.out
                    .values
                    .get(&(el as *const Expr))
                    .cloned()
                    .unwrap_or_else(|| Fact::top(Prov::INPUT))
            })
            .reduce(|a, b| a.join(&b))
            .unwrap_or_else(|| Fact::top(iter.prov.projected()))
    }

    fn closure(&mut self, c: &'ast syn::ExprClosure, args: &[Fact], st: State) -> (Fact, State) {
        let (v, st) = self.closure_value(c, args, st);
        let _ = v;
        (Fact::top(Prov::INPUT), st)
    }

    /// Walks a closure's body once, where it is written, with its parameters bound to `args`
    /// (or unknown). Places it assigns are forgotten from here on: it may run later, or often.
    fn closure_value(
        &mut self,
        c: &'ast syn::ExprClosure,
        args: &[Fact],
        st: State,
    ) -> (Fact, State) {
        let mut st = st;
        self.havoc_assigned_expr(&c.body, &mut st);
        let mark = self.env.len();
        let mut body_st = st.clone();
        for (i, input) in c.inputs.iter().enumerate() {
            let f = args
                .get(i)
                .cloned()
                .unwrap_or_else(|| Fact::top(self.closure_items.projected()));
            let binds = self.irrefutable_binds(input, &f);
            body_st = self.bind_all(binds, body_st);
        }
        let saved = std::mem::take(&mut self.loops);
        self.closures += 1;
        let (v, _) = self.expr(&c.body, body_st);
        self.closures -= 1;
        self.loops = saved;
        self.env.truncate(mark);
        (v, st)
    }

    // ---------------------------------------------------------------- calls

    fn args(
        &mut self,
        args: impl IntoIterator<Item = &'ast Expr>,
        mut st: State,
    ) -> (Vec<Fact>, State) {
        let mut out = Vec::new();
        for a in args {
            let (f, s) = self.expr(a, st);
            st = s;
            out.push(f);
        }
        (out, st)
    }

    fn call(&mut self, e: &'ast Expr, c: &'ast syn::ExprCall, st: State) -> (Fact, State) {
        if let Some(name) = macros::macro_name(e) {
            return self.macro_call(name, c, st);
        }
        // Arguments first (closures among them are walked with unknown parameters).
        let (args, mut st) = self.args(&c.args, st);
        let passed = args.iter().fold(Prov::NONE, |p, a| p | a.prov).derived();
        let Expr::Path(p) = &*c.func else {
            let (_, st) = self.expr(&c.func, st);
            return (Fact::top(passed), st);
        };
        for (a, expr) in args.iter().zip(&c.args) {
            let _ = a;
            if let Expr::Reference(r) = expr {
                if r.mutability.is_some() {
                    if let Some(pl) = self.place_of(&r.expr) {
                        self.havoc(&mut st, pl);
                    }
                }
            }
        }
        let segs: Vec<String> = crate::values::segment_names(&p.path);
        let last = segs.last().map(String::as_str).unwrap_or("");
        // `Some(x)`, `Ok(x)`, `Err(x)`.
        match (segs.len(), last) {
            (1, "Some") | (1, "Ok") if args.len() == 1 => {
                return (Fact::opt(args[0].clone(), false), st)
            }
            (1, "Err") => return (Fact::opt(Fact::never(), true), st),
            _ => {}
        }
        if let Some(row) = api::lookup_call(&self.file.imports, &c.func) {
            if row.args.len() == args.len() {
                let exprs: Vec<&Expr> = c.args.iter().collect();
                let f = self.date_api(e, &st, row, None, None, &args, &exprs);
                return (f, st);
            }
        }
        let resolved = &self.file.imports.resolve(&p.path);
        // `NaiveDate::default()`, `NaiveDateTime::default()`: chrono's epoch, 1970-01-01 00:00.
        if last == "default"
            && args.is_empty()
            && resolved.owner().is_some_and(|o| DATE_TYPES.contains(&o))
        {
            let mut epoch = DateVal {
                y: IntSet::exact(1970),
                m: IntSet::exact(1),
                d: IntSet::exact(1),
                ord: IntSet::exact(1),
                leap: Some(false),
                h: IntSet::exact(0),
                min: IntSet::exact(0),
                sec: IntSet::exact(0),
                not_feb29: true,
            };
            epoch.normalize();
            return (Fact::date(epoch, Prov::CONST), st);
        }
        // `Instant::now()` is a monotonic clock, not a calendar time.
        if !resolved.local
            && segs.len() >= 2
            && CLOCK_FUNCS.contains(&last)
            && resolved.owner() != Some("Instant")
        {
            return (Fact::date(DateVal::any(), Prov::CALENDAR | Prov::CLOCK), st);
        }
        if !resolved.local
            && api::DATE_PARSERS
                .iter()
                .any(|(_, ty, f)| last == *f && resolved.owner() == Some(*ty))
        {
            return (
                Fact::opt(Fact::date(DateVal::any(), Prov::CALENDAR), true),
                st,
            );
        }
        match (last, args.as_slice()) {
            ("min", [a, b]) => return (min_of(a, b), st),
            ("max", [a, b]) => return (int_op(a, b, IntSet::max), st),
            ("from", [a]) if segs.len() == 2 && IntSet::of_type(&segs[0]).is_some() => {
                return (args_pass(a), st)
            }
            ("try_from", [a]) if segs.len() == 2 => {
                let f = match IntSet::of_type(&segs[0]) {
                    Some(range) => narrow(a.clone(), &range),
                    // `Month::try_from(m)`: the month number, when it is one.
                    None if segs[0] == "Month" => narrow(a.clone(), &IntSet::range(1, 12)),
                    None => Fact::top(a.prov),
                };
                return (Fact::opt(f, true), st);
            }
            ("is_leap_year", _) => return (Fact::top(Prov::NONE), st),
            _ => {}
        }
        // A same-file helper that wraps one constructor (`ymd(y, m, d)`): the constructor with
        // this call's arguments, so that the call can fail (or not) like the constructor.
        if segs.len() == 1 && self.lookup(last).is_none() {
            if let Some(h) = self.file.helper(last).filter(|h| h.params == args.len()) {
                let row = h.row;
                let panics = h.panics;
                let mapped: Vec<Fact> = h.args.iter().map(|&k| args[k].clone()).collect();
                let exprs: Vec<&Expr> = h.args.iter().map(|&k| &c.args[k]).collect();
                let f = self.date_api(e, &st, row, None, None, &mapped, &exprs);
                return match (&f.kind, panics) {
                    (Kind::Opt(o), true) => (o.ok.clone(), st),
                    _ => (f, st),
                };
            }
        }
        if segs.len() == 1 || (segs.len() == 2 && segs[0] == "Self") {
            if let Some(sum) = self.summary(last) {
                let mut f = summary_value(&sum, &args);
                f.prov = f.prov | args.iter().fold(Prov::NONE, |p, a| p | a.prov);
                if sum.month_length {
                    // `days_in_month(y, m)`, `last_day_of(d)`: the length of that month.
                    let month = match &c.args.iter().collect::<Vec<_>>()[..] {
                        [a, b] => Some(self.year_and_month_args(last, a, b)),
                        [d] if matches!(args[0].kind, Kind::Date(_)) => {
                            let d = norm_tokens(d);
                            Some((format!("{d}.year()"), format!("{d}.month()")))
                        }
                        _ => None,
                    };
                    if matches!(f.kind, Kind::Top) {
                        f = Fact::int(IntSet::range(28, 31), f.prov).with_approx(f.approx);
                    }
                    if let (Kind::Int(i), Some((y, m))) = (&mut f.kind, month) {
                        i.set = i.set.meet(&IntSet::range(28, 31));
                        i.fits = Some(Fits::length(y, m));
                    }
                }
                return (f, st);
            }
        }
        // Library month lengths called as functions: `days_in_year_month(y, m)`.
        if is_length_fn(last) {
            let mut f = Fact::int(
                IntSet::range(28, 31),
                args.iter().fold(Prov::NONE, |p, a| p | a.prov),
            );
            if let (Kind::Int(i), 2) = (&mut f.kind, c.args.len()) {
                i.fits = Some(Fits::length(
                    norm_tokens(&c.args[0]),
                    norm_tokens(&c.args[1]),
                ));
            }
            return (f, st);
        }
        (Fact::top(passed), st)
    }

    /// The year and month a same-file length helper is called with, as text: in the order of
    /// its parameters (`days_in_month0(month, year)` too), and a zero-based helper's
    /// `d.month0()` read as `d`'s month.
    fn year_and_month_args(&self, helper: &str, a: &Expr, b: &Expr) -> (String, String) {
        let params: Vec<String> = self
            .file
            .unique_fn(helper)
            .map(|f| {
                f.sig
                    .inputs
                    .iter()
                    .map(|i| i.to_token_stream().to_string().to_ascii_lowercase())
                    .collect()
            })
            .unwrap_or_default();
        let month_first = params.first().is_some_and(|p| p.starts_with('m'))
            && params.get(1).is_some_and(|p| p.starts_with('y'));
        let (y, m) = if month_first { (b, a) } else { (a, b) };
        let zero_based = helper.ends_with('0') || params.iter().any(|p| p.contains("0 :"));
        let mut month = norm_tokens(m);
        if zero_based {
            if let Some(recv) = month.strip_suffix(".month0()") {
                month = format!("{recv}.month()");
            }
        }
        (norm_tokens(y), month)
    }

    fn macro_call(&mut self, name: &str, c: &'ast syn::ExprCall, st: State) -> (Fact, State) {
        match name {
            "panic" | "unreachable" | "todo" | "unimplemented" | "bail" => {
                let (_, _) = self.args(&c.args, st);
                (Fact::never(), State::Dead)
            }
            "assert" | "debug_assert" | "ensure" => {
                let Some(first) = c.args.first() else {
                    return (unit(), st);
                };
                let (t, _) = self.cond(first, st);
                let (_, t) = self.args(c.args.iter().skip(1), t);
                (unit(), t)
            }
            _ => {
                let (args, st) = self.args(&c.args, st);
                let passed = args.iter().fold(Prov::NONE, |p, a| p | a.prov);
                // `vec![a, b]` is an array on the heap: built of constants, it is a constant
                // (a test's table of cases), like `[a, b]`.
                let passed = if name == "vec" && !args.is_empty() {
                    passed.projected()
                } else {
                    passed.derived()
                };
                (Fact::top(passed), st)
            }
        }
    }

    fn method_call(
        &mut self,
        node: &'ast Expr,
        m: &'ast syn::ExprMethodCall,
        st: State,
    ) -> (Fact, State) {
        let name = m.method.to_string();
        let (recv, st) = self.expr(&m.receiver, st);
        let recv_place = self.place_of(&m.receiver);
        // Combinators whose closure runs on the success or failure case.
        match (name.as_str(), m.args.first()) {
            ("unwrap_or_else" | "or_else", Some(Expr::Closure(c))) if m.args.len() == 1 => {
                if let Kind::Opt(o) = &recv.kind {
                    let fail_st = self.apply(st.clone(), &o.on_fail);
                    let (fallback, _) = self.closure_value(c, &[], fail_st);
                    let ok_st = self.apply(st.clone(), &o.on_ok);
                    let st = if o.can_fail {
                        self.join(&ok_st, &st)
                    } else {
                        ok_st
                    };
                    let v = if name == "unwrap_or_else" {
                        o.ok.join(&fallback)
                    } else {
                        Fact::opt(o.ok.join(&opt_ok(&fallback)), true)
                    };
                    return (v.with_approx(recv.approx), st);
                }
            }
            ("map" | "and_then" | "is_some_and" | "is_ok_and" | "map_or" | "map_or_else", _) => {
                if let Kind::Opt(o) = &recv.kind {
                    let closure = m.args.iter().rev().find_map(|a| match a {
                        Expr::Closure(c) => Some(c),
                        _ => None,
                    });
                    let mut st = st;
                    // Fallback arguments first (`map_or(default, f)`).
                    for a in &m.args {
                        if !matches!(a, Expr::Closure(_)) {
                            st = self.expr(a, st).1;
                        }
                    }
                    let ok_st = self.apply(st.clone(), &o.on_ok);
                    let v = match closure {
                        Some(c) => self.closure_value(c, std::slice::from_ref(&o.ok), ok_st).0,
                        None => Fact::top(Prov::INPUT),
                    };
                    let out = match name.as_str() {
                        "map" => Fact::opt(v, o.can_fail),
                        "and_then" => Fact::opt(opt_ok(&v), true),
                        _ => Fact::top(v.prov),
                    };
                    return (out.with_approx(recv.approx), st);
                }
            }
            _ => {}
        }
        let outer_items = std::mem::replace(&mut self.closure_items, recv.prov);
        let (args, mut st) = self.args(&m.args, st);
        self.closure_items = outer_items;
        for a in &m.args {
            if let Expr::Reference(r) = a {
                if r.mutability.is_some() {
                    if let Some(pl) = self.place_of(&r.expr) {
                        self.havoc(&mut st, pl);
                    }
                }
            }
        }
        let exprs: Vec<&Expr> = m.args.iter().collect();
        // Accessors.
        // time's `month.length(year)`, jiff's `d.days_in_month()`: the month's length, which a
        // day clamped with it fits.
        if (name == "length" && args.len() == 1)
            || (matches!(name.as_str(), "days_in_month" | "num_days_in_month") && args.is_empty())
        {
            let fits = match (name.as_str(), m.args.first()) {
                ("length", Some(year)) => {
                    Some(Fits::length(norm_tokens(year), norm_tokens(&m.receiver)))
                }
                _ => {
                    let r = norm_tokens(&m.receiver);
                    Some(Fits::length(format!("{r}.year()"), format!("{r}.month()")))
                }
            };
            let mut f = Fact::int(IntSet::range(28, 31), recv.prov);
            if let Kind::Int(i) = &mut f.kind {
                i.fits = fits;
            }
            return (f, st);
        }
        // time's `d.to_ordinal_date()`, `d.to_calendar_date()`: the date's own fields at once.
        let fields: &[&str] = match name.as_str() {
            "to_ordinal_date" => &["year", "ordinal"],
            "to_calendar_date" => &["year", "month", "day"],
            _ => &[],
        };
        if args.is_empty() && !fields.is_empty() && matches!(recv.kind, Kind::Date(_)) {
            let parts = fields
                .iter()
                .filter_map(|f| accessor(f))
                .map(|(part, shift, range)| self.read_part(&recv, recv_place, part, shift, range))
                .collect();
            return (
                Fact {
                    kind: Kind::Tuple(parts),
                    prov: recv.prov,
                    approx: recv.approx,
                },
                st,
            );
        }
        if args.is_empty() {
            if let Some((part, shift, range)) = accessor(&name) {
                return (self.read_part(&recv, recv_place, part, shift, range), st);
            }
            if let Some((lo, hi)) = time_accessor(&name) {
                let prov = if matches!(recv.kind, Kind::Date(_)) {
                    recv.prov
                } else {
                    Prov::CALENDAR
                };
                return (Fact::int(IntSet::range(lo, hi), prov), st);
            }
        }
        match name.as_str() {
            "unwrap" | "expect" | "unwrap_unchecked" => {
                return match recv.kind {
                    Kind::Opt(o) => {
                        let st = self.apply(st, &o.on_ok);
                        (o.ok.with_approx(recv.approx), st)
                    }
                    _ => (Fact::top(recv.prov), st),
                };
            }
            "unwrap_or" => {
                return match &recv.kind {
                    Kind::Opt(o) => {
                        let v = if o.can_fail {
                            o.ok.join(&args[0])
                        } else {
                            o.ok.clone()
                        };
                        (v.with_approx(recv.approx), st)
                    }
                    _ => (Fact::top(recv.prov), st),
                };
            }
            "unwrap_or_default" => {
                return match &recv.kind {
                    Kind::Opt(o) => (o.ok.join(&Fact::top(Prov::CONST)), st),
                    _ => (Fact::top(recv.prov), st),
                };
            }
            "ok" | "ok_or" | "ok_or_else" | "map_err" | "context" | "with_context" | "wrap_err"
            | "single" | "earliest" | "latest" | "compatible" | "unambiguous" | "err" => {
                return (recv, st);
            }
            "min" if args.len() == 1 => return (min_of(&recv, &args[0]), st),
            "max" if args.len() == 1 => return (int_op(&recv, &args[0], IntSet::max), st),
            "clamp" if args.len() == 2 => {
                let lo = int_op(&recv, &args[0], IntSet::max);
                return (int_op(&lo, &args[1], IntSet::min), st);
            }
            "rem_euclid" if args.len() == 1 => {
                return (int_op(&recv, &args[0], IntSet::rem_euclid), st)
            }
            "abs" => {
                return (
                    int_op(&recv, &recv, |a, _| {
                        a.join(&a.neg()).meet(&IntSet::range(0, i64::MAX))
                    }),
                    st,
                )
            }
            "checked_add" | "saturating_add" | "wrapping_add"
                if args.len() == 1 && recv.as_int().is_some() =>
            {
                let v = arith(&BinOp::Add(Default::default()), &recv, &args[0]);
                return (
                    if name == "checked_add" {
                        Fact::opt(v, true)
                    } else {
                        v
                    },
                    st,
                );
            }
            "checked_sub" | "saturating_sub" | "wrapping_sub"
                if args.len() == 1 && recv.as_int().is_some() =>
            {
                let v = arith(&BinOp::Sub(Default::default()), &recv, &args[0]);
                return (
                    if name == "checked_sub" {
                        Fact::opt(v, true)
                    } else {
                        v
                    },
                    st,
                );
            }
            "into" | "try_into" | "to_owned" | "clone" if recv.as_int().is_some() => {
                let v = args_pass(&recv);
                return (
                    if name == "try_into" {
                        Fact::opt(v, true)
                    } else {
                        v
                    },
                    st,
                );
            }
            "leap_year" | "in_leap_year" | "is_leap_year" => return (Fact::top(Prov::NONE), st),
            // time's `Month::next()` / `previous()` wrap around the year.
            "next" | "previous" | "succ" | "pred"
                if args.is_empty() && recv.set().is_some_and(|s| s.within(1, 12)) =>
            {
                return (
                    Fact::int(IntSet::range(1, 12), recv.prov).with_approx(recv.approx),
                    st,
                );
            }
            "first_of_month" if args.is_empty() => {
                let mut d = recv.as_date().cloned().unwrap_or_else(DateVal::any);
                d.d = IntSet::exact(1);
                d.ord = IntSet::range(1, 366);
                d.normalize();
                return (Fact::date(d, date_prov(&recv)), st);
            }
            _ => {}
        }
        if let Some(row) =
            api::lookup_setter(&name, args.len()).or_else(|| api::lookup_method(&name, args.len()))
        {
            let is_builder = row.krate == crate::resolve::Crate::Jiff
                && api::lookup_method(&name, args.len()).is_none();
            let date_like = matches!(recv.kind, Kind::Date(_) | Kind::Opt(_))
                || recv.prov.has(Prov::CALENDAR)
                || row.distinctive;
            if !is_builder && date_like {
                let f = self.date_api(node, &st, row, Some(&recv), recv_place, &args, &exprs);
                return (f, st);
            }
        }
        if SAME_DATE.contains(&name.as_str()) && matches!(recv.kind, Kind::Date(_)) {
            return (recv, st);
        }
        // `date.and_time(t)`: the receiver's day at `t`'s time of day.
        if name == "and_time" && args.len() == 1 {
            if let Kind::Date(t) = &args[0].kind {
                let mut d = match &recv.kind {
                    Kind::Date(d) => d.clone(),
                    _ => DateVal::any(),
                };
                d.h = t.h.clone();
                d.min = t.min.clone();
                d.sec = t.sec.clone();
                let prov = (recv.prov | args[0].prov).derived();
                return (Fact::date(d, prov), st);
            }
        }
        if NEW_DATE.contains(&name.as_str()) && matches!(recv.kind, Kind::Date(_)) {
            let d = Fact::date(DateVal::any(), date_prov(&recv));
            let fallible = name.starts_with("checked") || name.ends_with("_opt");
            return (if fallible { Fact::opt(d, false) } else { d }, st);
        }
        // A method of this file: its summary.
        if let Some(sum) = self.summary(&name) {
            return (summary_value(&sum, &args), st);
        }
        // An unknown method on a mutable place may change it (`self.advance()`).
        if let Some(p) = recv_place {
            if !matches!(recv.kind, Kind::Int(_) | Kind::Date(_)) {
                self.havoc(&mut st, p);
            }
        }
        let passed = args.iter().fold(recv.prov, |p, a| p | a.prov).derived();
        (Fact::top(passed), st)
    }

    /// `x.month()` and friends: the field of a known date, or the accessor's range; tied to the
    /// receiver's place when it has one.
    fn read_part(
        &self,
        recv: &Fact,
        place: Option<PlaceId>,
        part: Part,
        shift: i64,
        range: (i64, i64),
    ) -> Fact {
        let (set, prov, approx) = match &recv.kind {
            Kind::Date(d) => (
                d.part(part)
                    .cloned()
                    .unwrap_or_else(IntSet::top)
                    .add(&IntSet::exact(shift)),
                recv.prov,
                recv.approx,
            ),
            // An integer with a month's name (`time::Month` is an enum): itself.
            Kind::Int(i) if part == Part::Month && shift == 0 => {
                (i.set.meet(&IntSet::range(1, 12)), recv.prov, recv.approx)
            }
            _ => (
                IntSet::range(range.0, range.1),
                if recv.prov.has(Prov::CALENDAR)
                    || recv.prov == Prov::INPUT
                    || recv.prov == Prov::NONE
                {
                    recv.prov | Prov::CALENDAR
                } else {
                    recv.prov
                },
                recv.approx,
            ),
        };
        let rel = place.map(|p| Rel {
            place: p,
            part,
            offset: IntSet::exact(shift),
        });
        let mut f = Fact::int(set, prov).with_approx(approx);
        if let Kind::Int(i) = &mut f.kind {
            i.rel = rel;
            if part == Part::Year {
                i.leap = recv.as_date().and_then(|d| d.leap);
            }
        }
        f
    }

    /// A date constructor, setter or time setter of the API table: the date it builds, whether
    /// it can fail, and what its failure says about the date it came from.
    #[allow(clippy::too_many_arguments)]
    fn date_api(
        &mut self,
        node: &Expr,
        st: &State,
        row: &'static DateCtor,
        recv: Option<&Fact>,
        recv_place: Option<PlaceId>,
        args: &[Fact],
        exprs: &[&Expr],
    ) -> Fact {
        let zero_based = matches!(row.callee, Callee::Method { name } if name.ends_with('0'));
        let arg = |role: Role| -> Option<(Fact, usize)> {
            let i = row.index_of(role)?;
            let mut f = args.get(i)?.clone();
            if zero_based {
                f = int_op(&f, &Fact::int(IntSet::exact(1), Prov::CONST), IntSet::add);
            }
            Some((f, i))
        };
        let set_of = |f: &Fact, lo: i64, hi: i64| -> IntSet {
            match &f.kind {
                Kind::Int(i) => i.set.clone(),
                _ => IntSet::range(lo, hi),
            }
        };
        let mut prov = Prov::NONE;
        let mut approx = false;
        for a in args {
            prov = prov | a.prov;
            approx |= a.approx;
        }
        let base: Option<DateVal> = match recv.map(|r| &r.kind) {
            Some(Kind::Date(d)) => Some(d.clone()),
            Some(_) => Some(DateVal::any()),
            None => None,
        };
        if let Some(r) = recv {
            prov = prov | date_prov(r);
            approx |= r.approx;
        }
        let mut can_fail = false;
        let mut on_fail = Vec::new();
        let out: Option<DateVal>;
        let mut time_ok = true;
        for role in [
            Role::Hour,
            Role::Minute,
            Role::Second,
            Role::Milli,
            Role::Micro,
            Role::Nano,
        ] {
            if let Some((f, _)) = arg(role) {
                let max = match role {
                    Role::Hour => 23,
                    Role::Minute | Role::Second => 59,
                    Role::Milli => 1_999,
                    Role::Micro => 1_999_999,
                    _ => 1_999_999_999,
                };
                let s = set_of(&f, i64::MIN, i64::MAX);
                let exact_max = match role {
                    Role::Milli => 999,
                    Role::Micro => 999_999,
                    Role::Nano => 999_999_999,
                    _ => max,
                };
                if !(s.within(0, exact_max)
                    || s.within(0, max) && row.krate == crate::resolve::Crate::Chrono)
                {
                    time_ok = false;
                }
            }
        }
        can_fail |= !time_ok;
        match row.sets {
            Some(Role::Year) => {
                let mut d = base.unwrap_or_else(DateVal::any);
                let (y, i) = arg(Role::Year).unwrap_or((Fact::top(Prov::INPUT), 0));
                let ys = set_of(&y, YEARS.0, YEARS.1);
                let target_leap = y.as_int().and_then(|i| i.leap);
                let feb29 = can_be_feb29(&d)
                    && target_leap != Some(true)
                    && !(ys
                        .single()
                        .is_some_and(|y| crate::calendar::is_leap_year(y as i32)));
                can_fail |= feb29;
                if feb29 {
                    if let Some(p) = recv_place {
                        on_fail.push((p, Part::Month, IntSet::exact(2)));
                        on_fail.push((p, Part::Day, IntSet::exact(29)));
                    }
                }
                let _ = i;
                d.y = ys.meet(&IntSet::range(YEARS.0, YEARS.1));
                d.leap = target_leap;
                d.ord = IntSet::range(1, 366);
                d.normalize();
                out = Some(d);
            }
            Some(Role::Month) => {
                let mut d = base.unwrap_or_else(DateVal::any);
                d.not_feb29 = false;
                let (mf, _) = arg(Role::Month).unwrap_or((Fact::top(Prov::INPUT), 0));
                let ms = set_of(&mf, i64::MIN, i64::MAX);
                let month_ok = ms.within(1, 12);
                let day_fits = day_fits_months(&d.d, &ms, d.leap);
                can_fail |= !month_ok || !day_fits;
                // With a day that fits every month, only the month number can fail.
                if day_fits && !month_ok {
                    if let (Some(p), Some(rel)) =
                        (recv_place, mf.as_int().and_then(|i| i.rel.clone()))
                    {
                        if rel.place == p && rel.part == Part::Month {
                            let bad = IntSet::top()
                                .minus(&IntSet::range(1, 12))
                                .sub(&rel.offset)
                                .meet(&IntSet::range(1, 12));
                            on_fail.push((p, Part::Month, bad));
                        }
                    }
                }
                d.m = ms.meet(&IntSet::range(1, 12));
                d.ord = IntSet::range(1, 366);
                d.normalize();
                out = Some(d);
            }
            Some(Role::Day) => {
                let mut d = base.unwrap_or_else(DateVal::any);
                d.not_feb29 = false;
                let (df, _) = arg(Role::Day).unwrap_or((Fact::top(Prov::INPUT), 0));
                let ds = set_of(&df, i64::MIN, i64::MAX);
                // An earlier day of the receiver's own month (`d.with_day(d.day() - 1)` when the
                // day is past the 1st) exists.
                let earlier_same_month =
                    df.as_int().and_then(|i| i.rel.as_ref()).is_some_and(|r| {
                        Some(r.place) == recv_place
                            && r.part == Part::Day
                            && r.offset.hi().is_some_and(|k| k <= 0)
                            && ds.lo().is_some_and(|lo| lo >= 1)
                    });
                // A day clamped to the receiver's own month length
                // (`d.with_day(n.min(days_in_month(d.year(), d.month())))`).
                let clamped = match (node, df.as_int().and_then(|i| i.fits.as_ref())) {
                    (Expr::MethodCall(mc), Some(fits)) => {
                        let r = norm_tokens(&mc.receiver);
                        fits.within(&format!("{r}.year()"), &format!("{r}.month()"))
                    }
                    _ => false,
                };
                // A clamped day is at most the month's length, whatever its interval says.
                let positive = ds.lo().is_some_and(|lo| lo >= 1);
                let fits = earlier_same_month
                    || (positive && clamped)
                    || (ds.within(1, 31) && day_fits_months(&ds, &d.m, d.leap));
                can_fail |= !fits;
                if !fits {
                    if let (Some(p), Some(rel)) =
                        (recv_place, df.as_int().and_then(|i| i.rel.clone()))
                    {
                        if rel.place == p && rel.part == Part::Day {
                            if let Some(k) = rel.offset.single() {
                                if k > 0 {
                                    on_fail.push((p, Part::Day, IntSet::range(29 - k, 31)));
                                } else if k < 0 {
                                    on_fail.push((p, Part::Day, IntSet::range(1, -k)));
                                }
                            }
                        }
                    }
                }
                d.d = ds.meet(&IntSet::range(1, 31));
                d.ord = IntSet::range(1, 366);
                d.normalize();
                out = Some(d);
            }
            Some(Role::Ordinal) => {
                let mut d = base.unwrap_or_else(DateVal::any);
                d.not_feb29 = false;
                let (of, _) = arg(Role::Ordinal).unwrap_or((Fact::top(Prov::INPUT), 0));
                let os = set_of(&of, i64::MIN, i64::MAX);
                let fits = os.within(1, 365) || (os.within(1, 366) && d.leap == Some(true));
                can_fail |= !fits;
                if !fits {
                    if let (Some(p), Some(rel)) =
                        (recv_place, of.as_int().and_then(|i| i.rel.clone()))
                    {
                        if rel.place == p && rel.part == Part::Ordinal {
                            let mut bad = IntSet::empty();
                            for &(lo, hi) in rel.offset.parts() {
                                if hi > 0 {
                                    bad = bad.join(&IntSet::range(366 - hi.min(366), 366));
                                }
                                if lo < 0 {
                                    bad = bad.join(&IntSet::range(1, (-lo).min(366)));
                                }
                            }
                            on_fail.push((p, Part::Ordinal, bad));
                        }
                    }
                }
                d.ord = os.meet(&IntSet::range(1, 366));
                d.m = IntSet::range(1, 12);
                d.d = IntSet::range(1, 31);
                d.normalize();
                out = Some(d);
            }
            _ => {
                // A constructor from fields, or a time-of-day setter on a date.
                let year = arg(Role::Year);
                let month = arg(Role::Month);
                let day = arg(Role::Day);
                let ordinal = arg(Role::Ordinal);
                match (year, month, day, ordinal) {
                    (Some((y, _)), Some((mf, mi)), Some((df, di)), _) => {
                        let ys = set_of(&y, YEARS.0, YEARS.1);
                        let ms = set_of(&mf, i64::MIN, i64::MAX);
                        let ds = set_of(&df, i64::MIN, i64::MAX);
                        let leap = y.as_int().and_then(|i| i.leap).or_else(|| {
                            ys.single().map(|y| crate::calendar::is_leap_year(y as i32))
                        });
                        let clamped =
                            df.as_int()
                                .and_then(|i| i.fits.as_ref())
                                .is_some_and(|fits| {
                                    let year = exprs.get(row.index_of(Role::Year).unwrap_or(0));
                                    match (year, exprs.get(mi)) {
                                        (Some(y), Some(m)) => {
                                            fits.within(&norm_tokens(y), &norm_tokens(m))
                                        }
                                        _ => false,
                                    }
                                });
                        let _ = di;
                        // Month and day read from one date: they exist together in every year
                        // but for Feb 29.
                        let same_date = match (
                            mf.as_int().and_then(|i| i.rel.as_ref()),
                            df.as_int().and_then(|i| i.rel.as_ref()),
                        ) {
                            (Some(mr), Some(dr))
                                if mr.place == dr.place
                                    && mr.part == Part::Month
                                    && dr.part == Part::Day
                                    && mr.offset.single() == Some(0)
                                    && dr.offset.single() == Some(0) =>
                            {
                                Some(
                                    self.read(st, mr.place)
                                        .as_date()
                                        .cloned()
                                        .unwrap_or_else(DateVal::any),
                                )
                            }
                            _ => None,
                        };
                        let pair_exists = same_date
                            .as_ref()
                            .is_some_and(|src| !can_be_feb29(src) || leap == Some(true));
                        // An earlier day of one date's month, in that month and year
                        // (`from_ymd_opt(d.year(), d.month(), d.day() - 1)` past the 1st).
                        let earlier_same_month = match (
                            y.as_int().and_then(|i| i.rel.as_ref()),
                            mf.as_int().and_then(|i| i.rel.as_ref()),
                            df.as_int().and_then(|i| i.rel.as_ref()),
                        ) {
                            (Some(yr), Some(mr), Some(dr)) => {
                                yr.place == mr.place
                                    && mr.place == dr.place
                                    && yr.part == Part::Year
                                    && mr.part == Part::Month
                                    && dr.part == Part::Day
                                    && yr.offset.single() == Some(0)
                                    && mr.offset.single() == Some(0)
                                    && dr.offset.hi().is_some_and(|k| k <= 0)
                                    && ds.lo().is_some_and(|lo| lo >= 1)
                            }
                            _ => false,
                        };
                        let pair_exists = pair_exists || earlier_same_month;
                        let positive = ds.lo().is_some_and(|lo| lo >= 1);
                        let fits = (positive && clamped)
                            || ds.within(1, 31) && (pair_exists || day_fits_months(&ds, &ms, leap));
                        // Years at the libraries' limits are not dates anyone names: the year
                        // never makes the call fail here (literal years are checked exactly by
                        // `invalid_date_constant`).
                        can_fail |= !ms.within(1, 12) || !fits;
                        // `from_ymd_opt(d.year() + k, d.month(), d.day())` fails only on Feb 29.
                        if let (Some(mr), Some(dr)) = (
                            mf.as_int().and_then(|i| i.rel.clone()),
                            df.as_int().and_then(|i| i.rel.clone()),
                        ) {
                            if mr.place == dr.place
                                && mr.part == Part::Month
                                && dr.part == Part::Day
                                && mr.offset.single() == Some(0)
                                && dr.offset.single() == Some(0)
                                && !fits
                            {
                                on_fail.push((mr.place, Part::Month, IntSet::exact(2)));
                                on_fail.push((mr.place, Part::Day, IntSet::exact(29)));
                            }
                        }
                        let mut d = DateVal {
                            y: ys.meet(&IntSet::range(YEARS.0, YEARS.1)),
                            m: ms.meet(&IntSet::range(1, 12)),
                            d: ds.meet(&IntSet::range(1, 31)),
                            ord: IntSet::range(1, 366),
                            leap,
                            ..DateVal::any()
                        };
                        d.normalize();
                        out = Some(d);
                    }
                    (Some((y, _)), None, None, Some((of, _))) => {
                        let ys = set_of(&y, YEARS.0, YEARS.1);
                        let os = set_of(&of, i64::MIN, i64::MAX);
                        let leap = y.as_int().and_then(|i| i.leap);
                        // One date's own year and day of the year (`to_ordinal_date()`).
                        let own = match (
                            y.as_int().and_then(|i| i.rel.as_ref()),
                            of.as_int().and_then(|i| i.rel.as_ref()),
                        ) {
                            (Some(yr), Some(or)) => {
                                yr.place == or.place
                                    && (yr.part, or.part) == (Part::Year, Part::Ordinal)
                                    && yr.offset.single() == Some(0)
                                    && or.offset.single() == Some(0)
                            }
                            _ => false,
                        };
                        let fits =
                            own || os.within(1, 365) || (os.within(1, 366) && leap == Some(true));
                        can_fail |= !fits;
                        if let Some(r) = of.as_int().and_then(|i| i.rel.clone()) {
                            if r.part == Part::Ordinal && r.offset.single() == Some(0) && !fits {
                                on_fail.push((r.place, Part::Ordinal, IntSet::exact(366)));
                            }
                        }
                        let mut d = DateVal {
                            y: ys,
                            ord: os.meet(&IntSet::range(1, 366)),
                            leap,
                            ..DateVal::any()
                        };
                        d.normalize();
                        out = Some(d);
                    }
                    _ => {
                        // Time of day on a date (`and_hms_opt`), a zone (`from_local_datetime`),
                        // ISO weeks: the date fields are the receiver's, or unknown. A naive
                        // value put in a zone fails only in a DST gap, which is the zone's
                        // business (`unchecked_local_time`), not the fields'.
                        out = match base {
                            Some(b) => Some(b),
                            // A time of day (`NaiveTime::from_hms_opt`): its fields are tracked.
                            None if row.args.contains(&Role::Hour) => Some(DateVal::any()),
                            None => None,
                        };
                        let unknown_roles = row
                            .args
                            .iter()
                            .any(|r| matches!(r, Role::IsoWeek | Role::Weekday))
                            || (row.args.contains(&Role::Other) && !row.zoned);
                        if unknown_roles {
                            can_fail = true;
                        }
                    }
                }
            }
        }
        // The time of day the call sets.
        let mut out = out;
        if let Some(d) = out.as_mut() {
            for (role, part, hi) in [
                (Role::Hour, Part::Hour, 23),
                (Role::Minute, Part::Minute, 59),
                (Role::Second, Part::Second, 59),
            ] {
                if let Some((f, _)) = arg(role) {
                    let set = set_of(&f, 0, hi).meet(&IntSet::range(0, hi));
                    if let Some(slot) = d.part_mut(part) {
                        *slot = if set.is_empty() {
                            IntSet::range(0, hi)
                        } else {
                            set
                        };
                    }
                }
            }
        }
        *self.out.fails.entry(node as *const Expr).or_insert(false) |= can_fail;
        let ok = match out {
            Some(d) if d.is_empty() => Fact::never(),
            Some(d) => Fact::date(
                d,
                if prov == Prov::NONE {
                    Prov::CONST
                } else {
                    prov
                },
            )
            .with_approx(approx),
            None => Fact::top(prov).with_approx(approx),
        };
        let prov_out = ok.prov;
        let mut f = Fact::opt(ok, can_fail);
        f.prov = prov_out;
        f.approx = approx;
        if let Kind::Opt(o) = &mut f.kind {
            o.on_fail = on_fail;
        }
        if row.failure == api::Failure::Panics {
            // Panicking constructors return the date itself.
            if let Kind::Opt(o) = f.kind {
                return o.ok;
            }
        }
        f
    }

    /// Applies what a success or failure implies for the places it came from.
    fn apply(&self, mut st: State, refines: &[(PlaceId, Part, IntSet)]) -> State {
        for (p, part, set) in refines {
            st = self.refine_part(st, *p, *part, set);
        }
        st
    }

    /// Restricts a place (or one field of the date it holds) to `set`.
    fn refine_part(&self, mut st: State, p: PlaceId, part: Part, set: &IntSet) -> State {
        if st.is_dead() {
            return st;
        }
        let mut f = self.read(&st, p);
        match part {
            Part::Whole => match &mut f.kind {
                Kind::Int(i) => i.set = i.set.meet(set),
                Kind::Top => {
                    f.kind = Kind::Int(IntVal {
                        set: set.clone(),
                        rel: None,
                        leap: None,
                        fits: None,
                    })
                }
                _ => return st,
            },
            _ => {
                if matches!(f.kind, Kind::Top) {
                    f.kind = Kind::Date(DateVal::any());
                    f.prov = f.prov | Prov::CALENDAR;
                }
                let Kind::Date(d) = &mut f.kind else {
                    return st;
                };
                if let Some(s) = d.part_mut(part) {
                    *s = s.meet(set);
                }
                d.normalize();
            }
        }
        let empty = match &f.kind {
            Kind::Int(i) => i.set.is_empty(),
            Kind::Date(d) => d.is_empty(),
            _ => false,
        };
        if empty {
            return State::Dead;
        }
        st.set(p, f);
        st
    }

    /// An integer tied to a place, re-read in a state where the place may have been refined
    /// (a `match` binding after earlier arms).
    fn refresh(&self, st: &State, f: &Fact) -> Fact {
        let Some(i) = f.as_int() else {
            return f.clone();
        };
        let Some(rel) = &i.rel else { return f.clone() };
        let cur = match rel.part {
            Part::Whole => self.read(st, rel.place).set().cloned(),
            part => self
                .read(st, rel.place)
                .as_date()
                .and_then(|d| d.part(part).cloned()),
        };
        let mut out = f.clone();
        if let (Some(cur), Kind::Int(o)) = (cur, &mut out.kind) {
            o.set = o.set.meet(&cur.add(&rel.offset));
        }
        out
    }

    fn refine_rel(&self, st: State, rel: &Option<Rel>, op: Cmp, other: &IntSet) -> State {
        let Some(rel) = rel else { return st };
        let Some(off) = rel.offset.single() else {
            return st;
        };
        if other.is_empty() {
            return State::Dead;
        }
        // place.part + off op other  ⇔  place.part op (other - off)
        let target = other.sub(&IntSet::exact(off));
        let cur = match rel.part {
            Part::Whole => self
                .read(&st, rel.place)
                .set()
                .cloned()
                .unwrap_or_else(IntSet::top),
            part => self
                .read(&st, rel.place)
                .as_date()
                .and_then(|d| d.part(part).cloned())
                .unwrap_or_else(IntSet::top),
        };
        let new = cur.restrict(op, &target);
        self.refine_part(st, rel.place, rel.part, &new)
    }

    fn set_leap(&self, mut st: State, rel: &Option<Rel>, leap: bool) -> State {
        let Some(rel) = rel else { return st };
        if rel.offset.single() != Some(0) {
            return st;
        }
        let mut f = self.read(&st, rel.place);
        match (&mut f.kind, rel.part) {
            (Kind::Int(i), Part::Whole) => i.leap = Some(leap),
            (Kind::Date(d), Part::Year) => d.leap = Some(leap),
            (Kind::Top, Part::Year) => {
                f.kind = Kind::Date(DateVal {
                    leap: Some(leap),
                    ..DateVal::any()
                });
            }
            _ => return st,
        }
        st.set(rel.place, f);
        st
    }

    /// After a `(2, 29)` pattern on one date's `(month, day)` did not match, that date is not
    /// Feb 29.
    fn not_feb29_after(
        &self,
        pats: &Punctuated<Pat, Token![,]>,
        parts: &[Fact],
        mut st: State,
    ) -> State {
        let mut place = None;
        let mut feb29 = [false, false];
        for (pat, part) in pats.iter().zip(parts) {
            let Some(rel) = part.as_int().and_then(|i| i.rel.as_ref()) else {
                continue;
            };
            let want = match rel.part {
                Part::Month => (0, 2),
                Part::Day => (1, 29),
                _ => continue,
            };
            let lit = match pat {
                Pat::Lit(l) => match &l.lit {
                    syn::Lit::Int(i) => i.base10_parse::<i64>().ok(),
                    _ => None,
                },
                _ => None,
            };
            if rel.offset.single() != Some(0) || lit != Some(want.1) {
                continue;
            }
            if place.is_some_and(|p| p != rel.place) {
                return st;
            }
            place = Some(rel.place);
            feb29[want.0] = true;
        }
        if let (Some(p), [true, true]) = (place, feb29) {
            let mut f = self.read(&st, p);
            if let Kind::Date(d) = &mut f.kind {
                d.not_feb29 = true;
                st.set(p, f);
            }
        }
        st
    }

    fn set_date_leap(&self, mut st: State, p: Option<PlaceId>, leap: bool) -> State {
        let Some(p) = p else { return st };
        let mut f = self.read(&st, p);
        match &mut f.kind {
            Kind::Date(d) => d.leap = Some(leap),
            Kind::Top => {
                f.kind = Kind::Date(DateVal {
                    leap: Some(leap),
                    ..DateVal::any()
                });
                f.prov = f.prov | Prov::CALENDAR;
            }
            _ => return st,
        }
        if !leap {
            if let Kind::Date(d) = &mut f.kind {
                // A common year has no Feb 29 and no day 366.
                if d.m.single() == Some(2) {
                    d.d = d.d.meet(&IntSet::range(1, 28));
                }
                d.ord = d.ord.meet(&IntSet::range(1, 365));
            }
        }
        st.set(p, f);
        st
    }

    // ---------------------------------------------------------------- conditions

    /// A condition with the names its `let` patterns bind pushed into scope for the branch that
    /// runs when it holds (the caller truncates the scope after that branch).
    fn cond_bind(&mut self, e: &'ast Expr, st: State) -> (State, State) {
        let (t, f, binds) = self.cond_full(e, st);
        let t = self.bind_all(binds, t);
        (t, f)
    }

    /// A condition without `let`s as parts: the states where it holds, one per disjunct, and
    /// where it does not, one per conjunct. At most [`MAX_PARTS`] of each; beyond, joined.
    fn cond_parts(&mut self, e: &'ast Expr, st: State) -> (Vec<State>, Vec<State>) {
        if self.nesting >= MAX_NESTING {
            self.out.truncated = true;
            return (vec![st.clone()], vec![st]);
        }
        self.nesting += 1;
        let out = self.cond_parts_inner(e, st);
        self.nesting -= 1;
        out
    }

    fn cond_parts_inner(&mut self, e: &'ast Expr, st: State) -> (Vec<State>, Vec<State>) {
        let (t, f) = match strip(e) {
            Expr::Unary(u) if matches!(u.op, UnOp::Not(_)) => {
                let (t, f) = self.cond_parts(&u.expr, st);
                (f, t)
            }
            Expr::Binary(b) if matches!(b.op, BinOp::Or(_)) => {
                let (mut t, af) = self.cond_parts(&b.left, st);
                let rest = self.join_all(af);
                let (bt, bf) = self.cond_parts(&b.right, rest);
                t.extend(bt);
                (t, bf)
            }
            Expr::Binary(b) if matches!(b.op, BinOp::And(_)) => {
                let (at, mut f) = self.cond_parts(&b.left, st);
                let mut t = Vec::new();
                for part in at {
                    let (bt, bf) = self.cond_parts(&b.right, part);
                    t.extend(bt);
                    f.extend(bf);
                }
                (t, f)
            }
            _ => {
                let (t, f) = self.cond(e, st);
                (vec![t], vec![f])
            }
        };
        (self.capped(t), self.capped(f))
    }

    fn join_all(&self, parts: Vec<State>) -> State {
        parts.iter().fold(State::Dead, |acc, s| self.join(&acc, s))
    }

    fn capped(&self, parts: Vec<State>) -> Vec<State> {
        let live: Vec<State> = parts.into_iter().filter(|s| !s.is_dead()).collect();
        if live.len() > MAX_PARTS {
            vec![self.join_all(live)]
        } else if live.is_empty() {
            vec![State::Dead]
        } else {
            live
        }
    }

    fn cond(&mut self, e: &'ast Expr, st: State) -> (State, State) {
        let mark = self.env.len();
        let (t, f) = self.cond_bind(e, st);
        self.env.truncate(mark);
        (t, f)
    }

    /// The states where a condition holds and where it does not, and the bindings of its
    /// `let` patterns in the first.
    fn cond_full(&mut self, e: &'ast Expr, st: State) -> (State, State, Vec<(String, Fact)>) {
        if st.is_dead() {
            mark_dead(e, &mut self.out.dead, &self.out.values);
            return (State::Dead, State::Dead, Vec::new());
        }
        self.steps += 1;
        if self.nesting >= MAX_NESTING {
            self.out.truncated = true;
            return (st.clone(), st, Vec::new());
        }
        self.nesting += 1;
        let out = self.cond_inner(e, st);
        self.nesting -= 1;
        out
    }

    fn cond_inner(&mut self, e: &'ast Expr, st: State) -> (State, State, Vec<(String, Fact)>) {
        match e {
            Expr::Paren(p) => self.cond_full(&p.expr, st),
            Expr::Group(g) => self.cond_full(&g.expr, st),
            Expr::Unary(u) if matches!(u.op, UnOp::Not(_)) => {
                let (t, f, _) = self.cond_full(&u.expr, st);
                (f, t, Vec::new())
            }
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Bool(b),
                ..
            }) => {
                if b.value {
                    (st, State::Dead, Vec::new())
                } else {
                    (State::Dead, st, Vec::new())
                }
            }
            Expr::Binary(b) if matches!(b.op, BinOp::And(_)) => {
                let mark = self.env.len();
                let (lt, lf, lb) = self.cond_full(&b.left, st);
                let lt = self.bind_all(lb.clone(), lt);
                let (rt, rf, rb) = self.cond_full(&b.right, lt);
                self.env.truncate(mark);
                let mut binds = lb;
                binds.extend(rb);
                let f = self.join(&lf, &rf);
                (rt, f, binds)
            }
            Expr::Binary(b) if matches!(b.op, BinOp::Or(_)) => {
                let (lt, lf) = self.cond(&b.left, st);
                let (rt, rf) = self.cond(&b.right, lf);
                (self.join(&lt, &rt), rf, Vec::new())
            }
            Expr::Binary(b) if cmp_of(&b.op).is_some() => {
                let op = cmp_of(&b.op).expect("checked");
                let (l, st) = self.expr(&b.left, st);
                let (r, st) = self.expr(&b.right, st);
                self.record(e, Fact::top(Prov::NONE));
                match (l.as_int(), r.as_int()) {
                    (Some(li), Some(ri)) => {
                        // A copy of a date's field (`let n = d.month() + 1`) is refined too, not
                        // only the date it is tied to.
                        let own = |this: &mut Self, e: &Expr, rel: &Option<Rel>| {
                            this.place_of(e)
                                .filter(|p| rel.as_ref().is_some_and(|r| r.place != *p))
                                .map(|p| Rel {
                                    place: p,
                                    part: Part::Whole,
                                    offset: IntSet::exact(0),
                                })
                        };
                        let (lo, ro) = (own(self, &b.left, &li.rel), own(self, &b.right, &ri.rel));
                        let refine = |this: &Self, st: State, op: Cmp| {
                            let st = this.refine_rel(st, &li.rel, op, &ri.set);
                            let st = this.refine_rel(st, &lo, op, &ri.set);
                            let st = this.refine_rel(st, &ri.rel, op.flip(), &li.set);
                            this.refine_rel(st, &ro, op.flip(), &li.set)
                        };
                        let t = refine(self, st.clone(), op);
                        let f = refine(self, st, op.negate());
                        let t = self.bound_by_length(t, (&b.left, li), (&b.right, ri), op);
                        let f = self.bound_by_length(f, (&b.left, li), (&b.right, ri), op.negate());
                        let (mut t, mut f) = (t, f);
                        // A test against an unknown value about the failing case (`d.day() <
                        // days_in_month`) is one the facts cannot check: what it says of the
                        // places it reads is unknown, not absent.
                        let unknown = |i: &IntVal| {
                            i.set.single().is_none()
                                && i.rel.as_ref().is_none_or(|r| r.part == Part::Whole)
                        };
                        // So is a test of a date's own field against an unknown value
                        // (`d.day() < last`): the author bounds the very field that fails.
                        let field =
                            |i: &IntVal| i.rel.as_ref().is_some_and(|r| r.part != Part::Whole);
                        if mentions_failing_case(e)
                            || (unknown(ri) && field(li))
                            || (unknown(li) && field(ri))
                        {
                            let mut vague: Vec<&Rel> = Vec::new();
                            if unknown(ri) {
                                vague.extend([&li.rel, &lo].into_iter().flatten());
                            }
                            if unknown(li) {
                                vague.extend([&ri.rel, &ro].into_iter().flatten());
                            }
                            for rel in vague {
                                self.mark_approx(&mut t, rel.place);
                                self.mark_approx(&mut f, rel.place);
                            }
                        }
                        (t, f, Vec::new())
                    }
                    _ => (st.clone(), st, Vec::new()),
                }
            }
            Expr::Let(l) => {
                let (f, st) = self.expr(&l.expr, st);
                let (m, u, binds) = self.pattern(&l.pat, &f, st);
                (m, u, binds)
            }
            Expr::MethodCall(m) if m.args.is_empty() && is_opt_test(&m.method.to_string()) => {
                let (f, st) = self.expr(&m.receiver, st);
                self.record(e, Fact::top(Prov::NONE));
                let Kind::Opt(o) = &f.kind else {
                    return (st.clone(), st, Vec::new());
                };
                let ok = self.apply(st.clone(), &o.on_ok);
                let fail = if o.can_fail {
                    self.apply(st, &o.on_fail)
                } else {
                    State::Dead
                };
                if matches!(m.method.to_string().as_str(), "is_some" | "is_ok") {
                    (ok, fail, Vec::new())
                } else {
                    (fail, ok, Vec::new())
                }
            }
            Expr::MethodCall(m)
                if m.args.is_empty()
                    && matches!(
                        m.method.to_string().as_str(),
                        "leap_year" | "in_leap_year" | "is_leap_year"
                    ) =>
            {
                let (_, st) = self.expr(&m.receiver, st);
                self.record(e, Fact::top(Prov::NONE));
                let p = self.place_of(&m.receiver);
                // `y.is_leap_year()` on an integer, `d.leap_year()` on a date.
                let int_rel = self
                    .out
                    .values
                    .get(&(&*m.receiver as *const Expr))
                    .and_then(|f| f.as_int())
                    .and_then(|i| i.rel.clone());
                if int_rel.is_some() {
                    let t = self.set_leap(st.clone(), &int_rel, true);
                    let f = self.set_leap(st, &int_rel, false);
                    return (t, f, Vec::new());
                }
                (
                    self.set_date_leap(st.clone(), p, true),
                    self.set_date_leap(st, p, false),
                    Vec::new(),
                )
            }
            Expr::Call(c) if c.args.len() == 1 && self.is_leap_fn(&c.func) => {
                let (f, st) = self.expr(&c.args[0], st);
                self.record(e, Fact::top(Prov::NONE));
                // `is_leap(y)` on a variable: the variable's year; else the date's year.
                if let Some(p) = self.place_of(&c.args[0]) {
                    if self.read(&st, p).as_int().is_some() {
                        let mark = |leap: bool, mut st: State| {
                            let mut v = self.read(&st, p);
                            if let Kind::Int(i) = &mut v.kind {
                                i.leap = Some(leap);
                            }
                            st.set(p, v);
                            st
                        };
                        return (mark(true, st.clone()), mark(false, st), Vec::new());
                    }
                }
                let rel = f.as_int().and_then(|i| i.rel.clone());
                let t = self.set_leap(st.clone(), &rel, true);
                let f = self.set_leap(st, &rel, false);
                (t, f, Vec::new())
            }
            // `(a..=b).contains(&x)`
            Expr::MethodCall(m)
                if m.method == "contains"
                    && m.args.len() == 1
                    && matches!(strip(&m.receiver), Expr::Range(_)) =>
            {
                let (range, st) = self.expr(&m.receiver, st);
                let _ = range;
                let (x, st) = self.expr(&m.args[0], st);
                self.record(e, Fact::top(Prov::NONE));
                let Expr::Range(r) = strip(&m.receiver) else {
                    unreachable!("matched above")
                };
                let bound = |b: &Option<Box<Expr>>| {
                    b.as_deref()
                        .and_then(|e| self.out.values.get(&(e as *const Expr)))
                        .and_then(|f| f.set().cloned())
                };
                let (lo, hi) = (bound(&r.start), bound(&r.end));
                let closed = matches!(r.limits, syn::RangeLimits::Closed(_));
                let lo = lo.and_then(|s| s.lo()).unwrap_or(i64::MIN);
                let hi = hi
                    .and_then(|s| s.hi())
                    .map(|h| if closed { h } else { h - 1 })
                    .unwrap_or(i64::MAX);
                let Some(rel) = x.as_int().and_then(|i| i.rel.clone()) else {
                    return (st.clone(), st, Vec::new());
                };
                let inside = IntSet::range(lo, hi);
                let t = self.refine_rel(st.clone(), &Some(rel.clone()), Cmp::Eq, &inside);
                let cur = x.set().cloned().unwrap_or_else(IntSet::top);
                let outside = cur.minus(&inside);
                let f = self.refine_rel(st, &Some(rel), Cmp::Eq, &outside.sub(&IntSet::exact(0)));
                (t, f, Vec::new())
            }
            _ => {
                let (_, mut st) = self.expr(e, st);
                // A test the analysis cannot read, about the case that breaks dates: what it
                // says about the places it mentions is unknown, not absent.
                if mentions_failing_case(e) {
                    for name in idents(&e.to_token_stream()) {
                        if let Some(p) = self.lookup(&name) {
                            self.mark_approx(&mut st, p);
                        }
                    }
                }
                (st.clone(), st, Vec::new())
            }
        }
    }

    /// Where `l op r` holds and one side is bounded by a month's length (`day < days_in_month(y,
    /// m)`, `day != last` with `last` that length, `len >= day`), the other side fits that
    /// month too.
    fn bound_by_length(
        &mut self,
        st: State,
        (le, li): (&'ast Expr, &IntVal),
        (re, ri): (&'ast Expr, &IntVal),
        op: Cmp,
    ) -> State {
        let (small, big, strict) = match op {
            Cmp::Lt => ((le, li), ri, true),
            Cmp::Le => ((le, li), ri, false),
            Cmp::Gt => ((re, ri), li, true),
            Cmp::Ge => ((re, ri), li, false),
            Cmp::Ne => {
                // `x != len` with `x <= len`: below it.
                let below = |x: &IntVal, len: &IntVal| match (&x.fits, &len.fits) {
                    (Some(a), Some(b)) => {
                        b.exact && a.year == b.year && a.month == b.month && a.slack == b.slack
                    }
                    _ => false,
                };
                if below(li, ri) {
                    ((le, li), ri, true)
                } else if below(ri, li) {
                    ((re, ri), li, true)
                } else {
                    return st;
                }
            }
            _ => return st,
        };
        let Some(bound) = big.fits.as_ref().map(|f| f.bound(strict)) else {
            return st;
        };
        let (e, i) = small;
        // The place compared, or the place it is an offset of (`x + 1 < len`).
        let (place, bound) = match self.place_of(e) {
            Some(p) => (p, bound),
            None => match i.rel.as_ref().filter(|r| r.part == Part::Whole) {
                Some(r) => match r.offset.single() {
                    Some(k) => (r.place, bound.shifted(-k)),
                    None => return st,
                },
                None => return st,
            },
        };
        let mut st = st;
        let mut f = self.read(&st, place);
        if let Kind::Int(v) = &mut f.kind {
            let tighter = v.fits.as_ref().filter(|old| {
                old.year == bound.year && old.month == bound.month && old.slack > bound.slack
            });
            if tighter.is_none() {
                v.fits = Some(bound);
            }
            if !st.is_dead() {
                st.set(place, f);
            }
        }
        st
    }

    fn mark_approx(&self, st: &mut State, p: PlaceId) {
        if st.is_dead() {
            return;
        }
        let mut f = self.read(st, p);
        f.approx = true;
        st.set(p, f);
    }

    fn is_leap_fn(&mut self, func: &Expr) -> bool {
        let Expr::Path(p) = func else { return false };
        let Some(last) = p.path.segments.last() else {
            return false;
        };
        let name = last.ident.to_string();
        if p.path.segments.len() == 1 || p.path.segments[0].ident == "Self" {
            if let Some(s) = self.summary(&name) {
                return s.leap_predicate;
            }
        }
        name == "is_leap_year" || name == "is_leap"
    }

    // ---------------------------------------------------------------- patterns

    /// Matches a pattern against a value: the state where it matches (the scrutinee refined),
    /// where it does not, and the names it binds.
    fn pattern(&mut self, pat: &Pat, f: &Fact, st: State) -> (State, State, Vec<(String, Fact)>) {
        let rel = f.as_int().and_then(|i| i.rel.clone());
        match pat {
            Pat::Wild(_) | Pat::Rest(_) => (st, State::Dead, Vec::new()),
            Pat::Paren(p) => self.pattern(&p.pat, f, st),
            Pat::Reference(r) => self.pattern(&r.pat, f, st),
            Pat::Type(t) => {
                let f = narrow_to_type(f.clone(), &t.ty);
                self.pattern(&t.pat, &f, st)
            }
            Pat::Ident(p) => {
                let name = p.ident.to_string();
                if name == "None" {
                    return self.opt_pattern(f, false, st);
                }
                if let Some(v) = self.file.const_value(&name) {
                    return self.value_pattern(&rel, &IntSet::exact(v), st);
                }
                if name.starts_with(|c: char| c.is_ascii_uppercase()) && p.subpat.is_none() {
                    // An enum variant or a constant from elsewhere.
                    return (st.clone(), st, Vec::new());
                }
                match &p.subpat {
                    Some((_, sub)) => {
                        let (m, u, mut binds) = self.pattern(sub, f, st);
                        binds.push((name, self.refresh(&m, f)));
                        (m, u, binds)
                    }
                    None => {
                        let bound = self.refresh(&st, f);
                        (st, State::Dead, vec![(name, bound)])
                    }
                }
            }
            Pat::Lit(l) => match lit_fact(&l.lit).set() {
                Some(s) => self.value_pattern(&rel, s, st),
                None => (st.clone(), st, Vec::new()),
            },
            Pat::Range(r) => {
                let bound = |e: &Option<Box<Expr>>| e.as_deref().and_then(const_of);
                let lo = bound(&r.start).unwrap_or(i64::MIN);
                let hi = match (&r.limits, bound(&r.end)) {
                    (syn::RangeLimits::Closed(_), Some(h)) => h,
                    (syn::RangeLimits::HalfOpen(_), Some(h)) => h - 1,
                    (_, None) => i64::MAX,
                };
                self.value_pattern(&rel, &IntSet::range(lo, hi), st)
            }
            Pat::Or(o) => {
                let mut matched = State::Dead;
                let mut rest = st;
                let mut binds: Vec<(String, Fact)> = Vec::new();
                for case in &o.cases {
                    let (m, u, b) = self.pattern(case, f, rest.clone());
                    matched = self.join(&matched, &m);
                    rest = u;
                    for (n, bf) in b {
                        match binds.iter_mut().find(|(x, _)| *x == n) {
                            Some((_, old)) => *old = old.join(&bf),
                            None => binds.push((n, bf)),
                        }
                    }
                }
                (matched, rest, binds)
            }
            Pat::Path(p) => {
                let last = p
                    .path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                if last == "None" {
                    return self.opt_pattern(f, false, st);
                }
                if let Some(m) = month_enum(&p.path) {
                    return self.value_pattern(&rel, &IntSet::exact(m), st);
                }
                (st.clone(), st, Vec::new())
            }
            Pat::TupleStruct(ts) => {
                let last = ts
                    .path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                match (last.as_str(), &f.kind) {
                    ("Some" | "Ok" | "Single", Kind::Opt(o)) if ts.elems.len() == 1 => {
                        let ok_st = self.apply(st.clone(), &o.on_ok);
                        let fail_st = if o.can_fail {
                            self.apply(st, &o.on_fail)
                        } else {
                            State::Dead
                        };
                        let inner = o.ok.clone().with_approx(f.approx);
                        let (m, u, binds) = self.pattern(&ts.elems[0], &inner, ok_st);
                        (m, self.join(&u, &fail_st), binds)
                    }
                    ("Err", Kind::Opt(o)) => {
                        let ok_st = self.apply(st.clone(), &o.on_ok);
                        let fail_st = if o.can_fail {
                            self.apply(st, &o.on_fail)
                        } else {
                            State::Dead
                        };
                        let mut binds = Vec::new();
                        for el in &ts.elems {
                            binds.extend(
                                self.pattern(el, &Fact::top(f.prov.derived()), State::entry())
                                    .2,
                            );
                        }
                        (fail_st, ok_st, binds)
                    }
                    _ => {
                        let mut binds = Vec::new();
                        for el in &ts.elems {
                            binds.extend(
                                self.pattern(el, &Fact::top(f.prov.projected()), State::entry())
                                    .2,
                            );
                        }
                        (st.clone(), st, binds)
                    }
                }
            }
            Pat::Tuple(t) => {
                let parts: Vec<Fact> = match &f.kind {
                    Kind::Tuple(v) if v.len() == t.elems.len() => v.clone(),
                    _ => vec![Fact::top(f.prov.projected()); t.elems.len()],
                };
                let mut matched = st.clone();
                let mut binds = Vec::new();
                let mut refutable = Vec::new();
                for (i, (p, pf)) in t.elems.iter().zip(&parts).enumerate() {
                    let (m, u, b) = self.pattern(p, pf, matched);
                    matched = m;
                    binds.extend(b);
                    if !u.is_dead() {
                        refutable.push(i);
                    }
                }
                // Not matching is a disjunction over the parts; exact only with one refutable part.
                let unmatched = match refutable.as_slice() {
                    [] => State::Dead,
                    [i] => self.pattern(&t.elems[*i], &parts[*i], st).1,
                    _ => self.not_feb29_after(&t.elems, &parts, st),
                };
                (matched, unmatched, binds)
            }
            _ => {
                let mut names = Idents(Vec::new());
                names.visit_pat(pat);
                let binds = names
                    .0
                    .into_iter()
                    .map(|n| (n, Fact::top(f.prov.projected())))
                    .collect();
                (st.clone(), st, binds)
            }
        }
    }

    fn value_pattern(
        &self,
        rel: &Option<Rel>,
        set: &IntSet,
        st: State,
    ) -> (State, State, Vec<(String, Fact)>) {
        let m = self.refine_rel(st.clone(), rel, Cmp::Eq, set);
        let u = match set.single() {
            Some(_) => self.refine_rel(st, rel, Cmp::Ne, set),
            None => {
                // Outside a range: the complement, as an equality with the rest.
                let cur = rel
                    .as_ref()
                    .and_then(|r| match r.part {
                        Part::Whole => self.read(&st, r.place).set().cloned(),
                        part => self
                            .read(&st, r.place)
                            .as_date()
                            .and_then(|d| d.part(part).cloned()),
                    })
                    .unwrap_or_else(IntSet::top);
                let off = rel.as_ref().and_then(|r| r.offset.single()).unwrap_or(0);
                let rest = cur.add(&IntSet::exact(off)).minus(set);
                self.refine_rel(st, rel, Cmp::Eq, &rest)
            }
        };
        (m, u, Vec::new())
    }

    fn opt_pattern(&self, f: &Fact, ok: bool, st: State) -> (State, State, Vec<(String, Fact)>) {
        match &f.kind {
            Kind::Opt(o) => {
                let ok_st = self.apply(st.clone(), &o.on_ok);
                let fail_st = if o.can_fail {
                    self.apply(st, &o.on_fail)
                } else {
                    State::Dead
                };
                if ok {
                    (ok_st, fail_st, Vec::new())
                } else {
                    (fail_st, ok_st, Vec::new())
                }
            }
            _ => (st.clone(), st, Vec::new()),
        }
    }

    // ---------------------------------------------------------------- writes

    /// Forgets the places a loop body or closure assigns (they change between iterations).
    /// The places a loop writes (its body, and a `while` condition), and whether its body may
    /// `continue` (whose paths the walk does not collect).
    fn loop_writes(
        &mut self,
        st: &State,
        body: &'ast syn::Block,
        cond: Option<&'ast Expr>,
    ) -> (Vec<PlaceId>, bool) {
        let mut w = Writes(Vec::new());
        w.visit_block(body);
        if let Some(c) = cond {
            w.visit_expr(c);
        }
        let mut places: Vec<PlaceId> =
            w.0.iter()
                .filter_map(|&(t, receiver)| self.written(st, t, receiver))
                .collect();
        places.sort_unstable();
        places.dedup();
        let mut c = Continues(false);
        c.visit_block(body);
        (places, c.0)
    }

    /// Walks a loop body from its head. Each place the body writes keeps its value from before
    /// the loop when that value is an invariant (every iteration ends within it: `month` stays
    /// in 1..=12 when December wraps to January), and is forgotten otherwise. Tried with every
    /// entry value, then without those that escaped, at most three walks; a body that may
    /// `continue` gets one walk with everything written forgotten. Returns the head state and
    /// the loop's frame (its breaks).
    fn iterate(
        &mut self,
        entry: State,
        writes: &(Vec<PlaceId>, bool),
        label: Option<String>,
        mut walk: impl FnMut(&mut Self, State) -> State,
    ) -> (State, LoopFrame) {
        let (places, continues) = writes;
        let mut kept: Vec<PlaceId> = if *continues {
            Vec::new()
        } else {
            places.clone()
        };
        for attempt in 0..3 {
            let mut head = entry.clone();
            for &p in places {
                if kept.contains(&p) {
                    // The value, no longer tied to what it was computed from.
                    let mut f = self.read(&head, p);
                    if let Kind::Int(i) = &mut f.kind {
                        i.rel = None;
                    }
                    if !head.is_dead() {
                        head.set(p, f);
                    }
                } else {
                    self.havoc(&mut head, p);
                }
            }
            self.loops.push(LoopFrame {
                label: label.clone(),
                breaks: State::Dead,
                value: Fact::never(),
            });
            let end = walk(self, head.clone());
            let frame = self.loops.pop().expect("pushed above");
            let escaped: Vec<PlaceId> = match &end {
                State::Dead => Vec::new(),
                State::Live(_) => kept
                    .iter()
                    .copied()
                    .filter(|&p| !self.read(&end, p).within(&self.read(&head, p)))
                    .collect(),
            };
            if escaped.is_empty() || attempt == 2 && kept.is_empty() {
                return (head, frame);
            }
            kept.retain(|p| !escaped.contains(p));
            if attempt == 1 {
                kept.clear();
            }
        }
        unreachable!("the third walk keeps nothing and returns")
    }

    fn havoc_assigned_expr(&mut self, e: &'ast Expr, st: &mut State) {
        let mut w = Writes(Vec::new());
        w.visit_expr(e);
        for (target, receiver) in w.0 {
            if let Some(p) = self.written(st, target, receiver) {
                self.havoc(st, p);
            }
        }
    }

    /// The place a write changes. A method's receiver may be changed by the method, unless it
    /// holds a date or a number: the libraries' dates are `Copy` and their methods take `self`
    /// or `&self` (`b.ordinal()` changes nothing).
    fn written(&mut self, st: &State, target: &Expr, receiver: bool) -> Option<PlaceId> {
        let p = self.place_of(target)?;
        let value = self.read(st, p);
        let unchanged = receiver && matches!(value.kind, Kind::Date(_) | Kind::Int(_));
        (!unchanged).then_some(p)
    }

    /// A macro the engine does not expand may assign any local it names.
    fn havoc_mentioned(&mut self, ts: &proc_macro2::TokenStream, st: &mut State) {
        for name in idents(ts) {
            if let Some(p) = self.lookup(&name) {
                self.havoc(st, p);
            }
        }
    }

    // ---------------------------------------------------------------- summaries

    fn summary(&mut self, name: &str) -> Option<Summary> {
        if self.depth >= MAX_SUMMARY_DEPTH || self.lookup(name).is_some() {
            return None;
        }
        self.file.summary(name, self.depth + 1)
    }
}

/// The summary of a same-file function (see [`FileCx::summary`]).
/// The value of a `const` or `static` initializer, walked outside any function (its integer
/// facts tied to nothing).
pub fn static_value<'c>(file: &'c FileCx<'c>, init: &'c Expr) -> Fact {
    let mut f = Interp::new(file, 1).expr(init, State::entry()).0;
    if let Kind::Int(i) = &mut f.kind {
        i.rel = None;
    }
    f
}

pub fn summarize<'ast>(file: &FileCx<'_>, f: FnRef<'ast>, depth: usize) -> Summary {
    let ts = f.body.to_token_stream();
    let text = ts.to_string();
    let leap_predicate = returns_bool(f.sig)
        && ((text.contains("% 4") || text.contains("& 3"))
            && (text.contains("% 100") || text.contains("% 400"))
            || text.contains("is_leap_year")
            || text.contains("leap_year ()"));
    let name = f.sig.ident.to_string().to_ascii_lowercase();
    let (_, ret) = Interp::new(file, depth).run(f);
    // Named as a month's length (`days_in_month`, `month_days`, `last_day`, `last_day_of(d)`)
    // and returning a number, or returning only 28 to 31 from a year and a month.
    let named = is_length_fn(&name)
        || (name.contains("days") && name.contains("month"))
        || name.contains("last_day");
    let returns_int = match &f.sig.output {
        syn::ReturnType::Type(_, t) => IntSet::of_type(&t.to_token_stream().to_string()).is_some(),
        syn::ReturnType::Default => false,
    };
    let month_length = (named && returns_int && (1..=2).contains(&f.sig.inputs.len()))
        || ret
            .set()
            .is_some_and(|s| s.within(28, 31) && !s.is_empty() && f.sig.inputs.len() == 2);
    Summary {
        ret,
        leap_predicate,
        month_length,
    }
}

fn returns_bool(sig: &syn::Signature) -> bool {
    matches!(&sig.output, syn::ReturnType::Type(_, t) if t.to_token_stream().to_string() == "bool")
}

/// A function or method named like a month length (`days_in_month`, `month_len`).
fn is_length_fn(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    (n.contains("days_in") && n.contains("month"))
        || n.contains("month_len")
        || n.contains("days_of_month")
        || n.contains("last_day_of_month")
        || n == "days_in_year_month"
        || n == "num_days_in_month"
}

// ---------------------------------------------------------------- helpers

/// A same-file function's result at a call: the summary's [`Prov::PARAM`] stood for the
/// function's own parameters; here it is this caller's only if an argument is an integer of
/// this caller's parameters (not a real date's field: a value computed from a valid date and
/// `self`'s state is no input the caller chose).
fn summary_value(sum: &Summary, args: &[Fact]) -> Fact {
    fn retag(f: &mut Fact, keep: bool) {
        if !keep {
            f.prov = f.prov.without(Prov::PARAM);
        }
        match &mut f.kind {
            Kind::Opt(o) => retag(&mut o.ok, keep),
            Kind::Tuple(parts) => parts.iter_mut().for_each(|p| retag(p, keep)),
            _ => {}
        }
    }
    let keep = args
        .iter()
        .any(|a| a.prov.has(Prov::PARAM) && !a.prov.has(Prov::CALENDAR));
    let mut f = sum.ret.clone();
    retag(&mut f, keep);
    f
}

fn unit() -> Fact {
    Fact::top(Prov::NONE)
}

fn lit_fact(l: &syn::Lit) -> Fact {
    match l {
        syn::Lit::Int(i) => match i.base10_parse::<i64>() {
            Ok(v) => Fact::int(IntSet::exact(v), Prov::CONST),
            Err(_) => Fact::top(Prov::CONST),
        },
        _ => Fact::top(Prov::CONST),
    }
}

/// The success value of a fallible value (`and_then`'s closure returns an `Option`).
fn opt_ok(f: &Fact) -> Fact {
    match &f.kind {
        Kind::Opt(o) => o.ok.clone(),
        Kind::Never => Fact::never(),
        _ => Fact::top(f.prov),
    }
}

/// A number passed through a conversion keeps its value.
fn args_pass(f: &Fact) -> Fact {
    f.clone()
}

/// The provenance of a date: a value that is no constant is a real date.
fn date_prov(f: &Fact) -> Prov {
    match &f.kind {
        Kind::Date(_) => f.prov,
        Kind::Opt(o) => date_prov(&o.ok),
        _ if f.prov.is_const() => f.prov,
        _ => f.prov | Prov::CALENDAR,
    }
}

fn int_op(a: &Fact, b: &Fact, op: impl Fn(&IntSet, &IntSet) -> IntSet) -> Fact {
    match (a.as_int(), b.as_int()) {
        (Some(x), Some(y)) => {
            Fact::int(op(&x.set, &y.set), a.prov | b.prov).with_approx(a.approx || b.approx)
        }
        _ => Fact::top(a.prov | b.prov),
    }
}

/// `min(d, len(y, m))` fits the month like the length does (at most, no longer exactly).
fn min_of(a: &Fact, b: &Fact) -> Fact {
    let mut f = int_op(a, b, IntSet::min);
    let bound = |x: &Fact| {
        x.as_int()
            .and_then(|i| i.fits.as_ref())
            .map(|f| f.bound(false))
    };
    if let Kind::Int(i) = &mut f.kind {
        i.fits = match (bound(a), bound(b)) {
            (Some(x), Some(y)) if x.year == y.year && x.month == y.month => {
                Some(if x.slack >= y.slack { x } else { y })
            }
            (x, y) => x.or(y),
        };
    }
    f
}

fn arith(op: &BinOp, l: &Fact, r: &Fact) -> Fact {
    // `d.month() + self.interval`: the unknown operand has the field's type, unsigned for
    // chrono's and time's fields (u32, u8), so the sum is at least the field.
    if matches!(op, BinOp::Add(_) | BinOp::AddAssign(_)) {
        let field = |f: &Fact| {
            f.as_int()
                .filter(|i| i.rel.as_ref().is_some_and(|r| r.part != Part::Whole))
                .and_then(|i| i.set.lo())
                .filter(|lo| *lo >= 0)
        };
        let unknown = |f: &Fact| match &f.kind {
            Kind::Top => true,
            Kind::Int(i) => i.set.is_top(),
            _ => false,
        };
        let lo = match (unknown(l), unknown(r)) {
            (true, false) => field(r),
            (false, true) => field(l),
            _ => None,
        };
        if let Some(lo) = lo {
            return Fact::int(IntSet::range(lo, i64::MAX), l.prov | r.prov)
                .with_approx(l.approx || r.approx);
        }
    }
    let (Some(li), Some(ri)) = (l.as_int(), r.as_int()) else {
        // Date ± duration is another real date.
        if matches!(l.kind, Kind::Date(_)) && matches!(op, BinOp::Add(_) | BinOp::Sub(_)) {
            return Fact::date(DateVal::any(), date_prov(l));
        }
        return Fact::top(l.prov | r.prov);
    };
    let set = match op {
        BinOp::Add(_) | BinOp::AddAssign(_) => li.set.add(&ri.set),
        BinOp::Sub(_) | BinOp::SubAssign(_) => li.set.sub(&ri.set),
        BinOp::Mul(_) | BinOp::MulAssign(_) => li.set.mul(&ri.set),
        BinOp::Div(_) | BinOp::DivAssign(_) => li.set.div(&ri.set),
        BinOp::Rem(_) | BinOp::RemAssign(_) => li.set.rem(&ri.set),
        _ => IntSet::top(),
    };
    let mut f = Fact::int(set, l.prov | r.prov).with_approx(l.approx || r.approx);
    // `x + k` stays tied to x's place.
    let rel = match op {
        // With two tied operands, the tie to a date's field wins (`d.ordinal() + step`).
        BinOp::Add(_) | BinOp::AddAssign(_) => match (&li.rel, &ri.rel) {
            (Some(x), Some(y)) if x.part == Part::Whole && y.part != Part::Whole => Some(Rel {
                offset: y.offset.add(&li.set),
                ..y.clone()
            }),
            (Some(x), _) => Some(Rel {
                offset: x.offset.add(&ri.set),
                ..x.clone()
            }),
            (None, Some(y)) => Some(Rel {
                offset: y.offset.add(&li.set),
                ..y.clone()
            }),
            (None, None) => None,
        },
        BinOp::Sub(_) | BinOp::SubAssign(_) => li.rel.as_ref().map(|x| Rel {
            offset: x.offset.sub(&ri.set),
            ..x.clone()
        }),
        _ => None,
    };
    if let Kind::Int(i) = &mut f.kind {
        i.rel = rel;
        if matches!(op, BinOp::Add(_) | BinOp::Sub(_)) && ri.set.single() == Some(0) {
            i.leap = li.leap;
        }
        // `x + k` is k closer to the month's length than x (`d + 1` under `d < len` fits).
        let k = match op {
            BinOp::Add(_) | BinOp::AddAssign(_) => ri.set.single(),
            BinOp::Sub(_) | BinOp::SubAssign(_) => ri.set.single().map(|k| -k),
            _ => None,
        };
        i.fits = match (k, &li.fits, &ri.fits, li.set.single()) {
            (Some(k), Some(fits), _, _) => Some(fits.shifted(k)),
            (_, None, Some(fits), Some(k)) if matches!(op, BinOp::Add(_)) => Some(fits.shifted(k)),
            _ => None,
        };
    }
    f
}

/// A value converted by `as T`: kept when it fits the type, otherwise any value of the type.
fn narrow_to_type(f: Fact, ty: &syn::Type) -> Fact {
    let name = match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    };
    match name.as_deref().and_then(IntSet::of_type) {
        Some(range) => narrow(f, &range),
        None => f,
    }
}

fn narrow(f: Fact, range: &IntSet) -> Fact {
    match &f.kind {
        Kind::Int(i)
            if i.set.within(
                range.lo().unwrap_or(i64::MIN),
                range.hi().unwrap_or(i64::MAX),
            ) =>
        {
            f
        }
        Kind::Int(_) | Kind::Top => Fact::int(range.clone(), f.prov).with_approx(f.approx),
        _ => f,
    }
}

/// The facts a parameter's type gives.
fn type_fact(ty: &syn::Type, sig: &syn::Signature, imports: &crate::resolve::Imports) -> Fact {
    let mut ty = ty;
    while let syn::Type::Reference(r) = ty {
        ty = &r.elem;
    }
    match ty {
        syn::Type::Path(p) => {
            // Through the file's imports: `use chrono::DateTime as ChronoDateTime;`.
            let resolved = imports.resolve(&p.path);
            let name = match (resolved.krate, resolved.segments.last()) {
                (Some(_), Some(last)) => last.clone(),
                _ => match p.path.segments.last() {
                    Some(last) => last.ident.to_string(),
                    None => return Fact::top(Prov::INPUT),
                },
            };
            if DATE_TYPES.contains(&name.as_str()) {
                return Fact::date(DateVal::any(), Prov::CALENDAR);
            }
            if let Some(range) = IntSet::of_type(&name) {
                return Fact::int(range, Prov::INPUT);
            }
            if generic_date(&name, sig) {
                return Fact::date(DateVal::any(), Prov::CALENDAR);
            }
            Fact::top(Prov::INPUT)
        }
        syn::Type::ImplTrait(t) if t.to_token_stream().to_string().contains("Datelike") => {
            Fact::date(DateVal::any(), Prov::CALENDAR)
        }
        _ => Fact::top(Prov::INPUT),
    }
}

/// A type parameter bounded by chrono's `Datelike` (or `TimeZone`-generic dates).
fn generic_date(name: &str, sig: &syn::Signature) -> bool {
    let bounded = |bounds: &syn::punctuated::Punctuated<syn::TypeParamBound, syn::Token![+]>| {
        bounds
            .iter()
            .any(|b| b.to_token_stream().to_string().contains("Datelike"))
    };
    sig.generics.params.iter().any(|p| match p {
        syn::GenericParam::Type(t) => t.ident == name && bounded(&t.bounds),
        _ => false,
    }) || sig.generics.where_clause.as_ref().is_some_and(|w| {
        w.predicates.iter().any(|p| match p {
            syn::WherePredicate::Type(t) => {
                t.bounded_ty.to_token_stream().to_string() == name && bounded(&t.bounds)
            }
            _ => false,
        })
    })
}

/// `Month::March` (time, chrono) as 3.
fn month_enum(path: &syn::Path) -> Option<i64> {
    let n = path.segments.len();
    if n < 2 || path.segments[n - 2].ident != "Month" {
        return None;
    }
    let last = path.segments[n - 1].ident.to_string();
    crate::values::MONTH_NAMES
        .iter()
        .position(|m| *m == last)
        .map(|i| i as i64 + 1)
}

/// The date may be Feb 29 (which is always day 60 of its year).
/// `NaiveDate::MIN`, `Date::MAX`, `DateTime::<Utc>::MIN_UTC`...: the first and last
/// representable instants are Jan 1 00:00:00 and Dec 31 23:59:59 of the extreme years, in
/// every library.
fn date_bound(path: &syn::Path) -> Option<DateVal> {
    let mut segments = path.segments.iter().rev();
    let bound = segments.next()?.ident.to_string();
    let ty = segments.next()?.ident.to_string();
    if !DATE_TYPES.contains(&ty.as_str()) || ty == "SystemTime" {
        return None;
    }
    let mut d = DateVal::any();
    match bound.as_str() {
        "MIN" | "MIN_UTC" => {
            d.y = IntSet::exact(YEARS.0).join(&IntSet::exact(-9999));
            (d.m, d.d, d.ord) = (IntSet::exact(1), IntSet::exact(1), IntSet::exact(1));
            (d.h, d.min, d.sec) = (IntSet::exact(0), IntSet::exact(0), IntSet::exact(0));
        }
        "MAX" | "MAX_UTC" => {
            d.y = IntSet::exact(YEARS.1).join(&IntSet::exact(9999));
            (d.m, d.d, d.ord) = (
                IntSet::exact(12),
                IntSet::exact(31),
                IntSet::range(365, 366),
            );
            (d.h, d.min, d.sec) = (IntSet::exact(23), IntSet::exact(59), IntSet::exact(59));
        }
        _ => return None,
    }
    Some(d)
}

fn can_be_feb29(d: &DateVal) -> bool {
    !d.not_feb29
        && d.leap != Some(false)
        && d.m.contains(2)
        && d.d.contains(29)
        && d.ord.contains(60)
}

/// Every day in `days` exists in every month in `months` (of a leap year when `leap`).
fn day_fits_months(days: &IntSet, months: &IntSet, leap: Option<bool>) -> bool {
    if !days.within(1, 31) {
        return false;
    }
    let Some(max_day) = days.hi() else {
        return true;
    };
    if max_day <= 28 {
        return true;
    }
    for &(lo, hi) in months.parts() {
        for m in lo.max(1)..=hi.min(12) {
            let len = match m {
                2 if leap == Some(true) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if max_day > len {
                return false;
            }
        }
    }
    months.within(1, 12)
}

fn join_live(a: &Fact, sa: &State, b: &Fact, sb: &State) -> Fact {
    match (sa.is_dead(), sb.is_dead()) {
        (true, true) => Fact::never(),
        (true, false) => b.clone(),
        (false, true) => a.clone(),
        (false, false) => a.join(b),
    }
}

/// A condition that names the case that breaks dates: the leap day, a month's length, the
/// end of the year.
fn mentions_failing_case(e: &Expr) -> bool {
    use crate::guards::{mentions, Guard};
    let ts = e.to_token_stream();
    mentions(&ts, Guard::LeapDay)
        || mentions(&ts, Guard::MonthLength)
        || mentions(&ts, Guard::December)
}

/// The condition binds names (`if let`): walked as a whole. Deeply nested conditions count as
/// binding (they are walked whole, without recursing further here).
fn has_let(e: &Expr) -> bool {
    fn walk(e: &Expr, depth: usize) -> bool {
        if depth > MAX_NESTING {
            return true;
        }
        match strip(e) {
            Expr::Let(_) => true,
            Expr::Binary(b) => walk(&b.left, depth + 1) || walk(&b.right, depth + 1),
            Expr::Unary(u) => walk(&u.expr, depth + 1),
            _ => false,
        }
    }
    walk(e, 0)
}

fn is_opt_test(name: &str) -> bool {
    matches!(name, "is_some" | "is_ok" | "is_none" | "is_err")
}

fn cmp_of(op: &BinOp) -> Option<Cmp> {
    Some(match op {
        BinOp::Lt(_) => Cmp::Lt,
        BinOp::Le(_) => Cmp::Le,
        BinOp::Gt(_) => Cmp::Gt,
        BinOp::Ge(_) => Cmp::Ge,
        BinOp::Eq(_) => Cmp::Eq,
        BinOp::Ne(_) => Cmp::Ne,
        _ => return None,
    })
}

fn strip(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => strip(&p.expr),
        Expr::Group(g) => strip(&g.expr),
        _ => e,
    }
}

fn path_name(e: &Expr) -> Option<String> {
    match strip(e) {
        Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
        _ => None,
    }
}

fn const_of(e: &Expr) -> Option<i64> {
    crate::values::const_int(strip(e)).and_then(|v| i64::try_from(v).ok())
}

/// Token text with spaces removed, for comparing the arguments of a clamp and a constructor.
fn norm_tokens(e: &Expr) -> String {
    e.to_token_stream().to_string().replace(' ', "")
}

fn idents(ts: &proc_macro2::TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    for tt in ts.clone() {
        match tt {
            proc_macro2::TokenTree::Ident(i) => out.push(i.to_string()),
            proc_macro2::TokenTree::Group(g) => out.extend(idents(&g.stream())),
            _ => {}
        }
    }
    out
}

/// Marks the calls under `e` dead, unless another walk of the same code reached them.
fn mark_dead(e: &Expr, dead: &mut HashSet<*const Expr>, live: &HashMap<*const Expr, Fact>) {
    struct Marker<'a> {
        dead: &'a mut HashSet<*const Expr>,
        live: &'a HashMap<*const Expr, Fact>,
    }
    impl<'ast> Visit<'ast> for Marker<'_> {
        fn visit_expr(&mut self, e: &'ast Expr) {
            let key = e as *const Expr;
            if matches!(e, Expr::Call(_) | Expr::MethodCall(_)) && !self.live.contains_key(&key) {
                self.dead.insert(key);
            }
            syn::visit::visit_expr(self, e);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    Marker { dead, live }.visit_expr(e);
}

/// The direct sub-expressions of an expression (the visitor does not descend further).
/// The name a `let` binds when its pattern is a plain name (`let f`, `let f: T`).
fn binding_name(pat: &Pat) -> Option<String> {
    match pat {
        Pat::Ident(p) if p.subpat.is_none() => Some(p.ident.to_string()),
        Pat::Type(t) => binding_name(&t.pat),
        _ => None,
    }
}

/// What a closure bound to `name` receives when every use of `name` in `body` is a call whose
/// arguments are literals (`d("2024-01-01")`): per parameter, the join of those literals.
/// `None` when `name` is bound more than once, used other than by a call (passed on, in a
/// macro the engine does not read), or never called.
fn literal_calls(body: &syn::Block, name: &str, arity: usize) -> Option<Vec<Fact>> {
    struct Uses<'n> {
        name: &'n str,
        bindings: usize,
        other: bool,
        calls: Vec<Vec<Option<Fact>>>,
    }
    fn literal(e: &Expr) -> Option<Fact> {
        match e {
            Expr::Lit(l) => Some(lit_fact(&l.lit)),
            Expr::Paren(p) => literal(&p.expr),
            Expr::Group(g) => literal(&g.expr),
            Expr::Reference(r) => literal(&r.expr),
            Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => {
                let f = literal(&u.expr)?;
                Some(match f.set() {
                    Some(s) => Fact::int(s.neg(), Prov::CONST),
                    None => f,
                })
            }
            _ => None,
        }
    }
    impl<'ast> Visit<'ast> for Uses<'_> {
        fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
            if matches!(&*c.func, Expr::Path(p) if p.qself.is_none() && p.path.is_ident(self.name))
            {
                self.calls.push(c.args.iter().map(literal).collect());
                for a in &c.args {
                    self.visit_expr(a);
                }
                return;
            }
            syn::visit::visit_expr_call(self, c);
        }
        fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
            self.other |= p.path.is_ident(self.name);
        }
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            self.bindings += usize::from(p.ident == self.name);
            syn::visit::visit_pat_ident(self, p);
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            self.macro_tokens(&m.tokens);
        }
    }
    impl Uses<'_> {
        /// The uses of the name in the tokens of a macro the engine does not read (a test's
        /// `select!(..; 1 ts("2009-01-01T00:00:00"))`): `name(args)` whose arguments parse as
        /// literals is a call like any other; any other use is not.
        fn macro_tokens(&mut self, ts: &proc_macro2::TokenStream) {
            use proc_macro2::{Delimiter, TokenTree};
            let tokens: Vec<TokenTree> = ts.clone().into_iter().collect();
            for (i, tt) in tokens.iter().enumerate() {
                match tt {
                    TokenTree::Ident(id) if id == self.name => {
                        // `x.name(..)`, `a::name(..)`: another item of that name.
                        let after_path = i.checked_sub(1).is_some_and(|j| {
                            matches!(&tokens[j], TokenTree::Punct(p) if ".:".contains(p.as_char()))
                        });
                        let args = match tokens.get(i + 1) {
                            Some(TokenTree::Group(g))
                                if g.delimiter() == Delimiter::Parenthesis && !after_path =>
                            {
                                syn::parse::Parser::parse2(
                                    Punctuated::<Expr, Token![,]>::parse_terminated,
                                    g.stream(),
                                )
                                .ok()
                            }
                            _ => None,
                        };
                        match args {
                            Some(args) => self.calls.push(args.iter().map(literal).collect()),
                            None => self.other = true,
                        }
                    }
                    TokenTree::Group(g) => self.macro_tokens(&g.stream()),
                    _ => {}
                }
            }
        }
    }
    let mut uses = Uses {
        name,
        bindings: 0,
        other: false,
        calls: Vec::new(),
    };
    uses.visit_block(body);
    if uses.bindings != 1 || uses.other || uses.calls.is_empty() {
        return None;
    }
    let mut joined: Option<Vec<Fact>> = None;
    for call in uses.calls {
        if call.len() != arity {
            return None;
        }
        let call: Vec<Fact> = call.into_iter().collect::<Option<_>>()?;
        joined = Some(match joined {
            None => call,
            Some(prev) => prev.iter().zip(&call).map(|(a, b)| a.join(b)).collect(),
        });
    }
    joined
}

struct Children<'ast>(Vec<&'ast Expr>);

impl<'ast> Visit<'ast> for Children<'ast> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        self.0.push(e);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// A `continue` somewhere in a loop body.
struct Continues(bool);

impl<'ast> Visit<'ast> for Continues {
    fn visit_expr_continue(&mut self, _: &'ast syn::ExprContinue) {
        self.0 = true;
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Targets of assignments and `&mut` borrows, and receivers of method calls (`true`).
struct Writes<'ast>(Vec<(&'ast Expr, bool)>);

impl<'ast> Visit<'ast> for Writes<'ast> {
    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        self.0.push((&a.left, false));
        syn::visit::visit_expr_assign(self, a);
    }
    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        if matches!(
            b.op,
            BinOp::AddAssign(_)
                | BinOp::SubAssign(_)
                | BinOp::MulAssign(_)
                | BinOp::DivAssign(_)
                | BinOp::RemAssign(_)
                | BinOp::BitAndAssign(_)
                | BinOp::BitOrAssign(_)
                | BinOp::BitXorAssign(_)
                | BinOp::ShlAssign(_)
                | BinOp::ShrAssign(_)
        ) {
            self.0.push((&b.left, false));
        }
        syn::visit::visit_expr_binary(self, b);
    }
    fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
        if r.mutability.is_some() {
            self.0.push((&r.expr, false));
        }
        syn::visit::visit_expr_reference(self, r);
    }
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        // `self.advance()`, `it.push(..)`: the receiver may change.
        if !matches!(
            strip(&m.receiver),
            Expr::MethodCall(_) | Expr::Call(_) | Expr::Lit(_)
        ) {
            self.0.push((&m.receiver, true));
        }
        syn::visit::visit_expr_method_call(self, m);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// The steps of a counter in a loop body: `x += k` / `x -= k` with constant k; anything else
/// that writes it sets `other`.
struct Steps<'a> {
    var: &'a str,
    steps: Vec<i64>,
    other: bool,
}

impl<'ast> Visit<'ast> for Steps<'_> {
    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        if path_name(&a.left).as_deref() == Some(self.var) {
            self.other = true;
        }
        syn::visit::visit_expr_assign(self, a);
    }
    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        if path_name(&b.left).as_deref() == Some(self.var) {
            match (&b.op, const_of(&b.right)) {
                (BinOp::AddAssign(_), Some(k)) if k != 0 => self.steps.push(k),
                (BinOp::SubAssign(_), Some(k)) if k != 0 => self.steps.push(-k),
                (op, _) if is_assign_op(op) => self.other = true,
                _ => {}
            }
        }
        syn::visit::visit_expr_binary(self, b);
    }
    fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
        if r.mutability.is_some() && path_name(&r.expr).as_deref() == Some(self.var) {
            self.other = true;
        }
        syn::visit::visit_expr_reference(self, r);
    }
}

fn is_assign_op(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}

struct Idents(Vec<String>);

impl<'ast> Visit<'ast> for Idents {
    fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
        self.0.push(p.ident.to_string());
        syn::visit::visit_pat_ident(self, p);
    }
}
