//! What the callers of a private function pass it. A function that is not `pub` can only be
//! called from its own module; when every call in the file is in view (the name is never used
//! as a value, the function does not call itself), its parameters hold the join of what those
//! calls pass, not every value of their types: a helper that is only ever given the first of
//! a month has a day of 1.
//!
//! Only the lints' own walk (depth 0) asks. Callers are read two levels up: a caller's own
//! parameters hold what its callers pass (`main` → `print_year(date)` → `print_months(date
//! .with_month(i))`), and theirs take every value of their types. Each caller is walked once
//! per level.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use syn::visit::Visit;
use syn::Expr;

use super::domain::Fact;
use super::interp::{FnFacts, FnRef, Interp};
use crate::context::FileCx;

/// The calls of every function name in one file. (Names and addresses rather than references,
/// so that the file's context stays covariant in its lifetime.)
#[derive(Default)]
pub struct CallSites {
    /// Name → (the function the call is in, by name; the call's arguments, receiver excluded).
    calls: HashMap<String, Vec<(String, Vec<*const Expr>)>>,
    /// Names also used as values (`map(helper)`), or called from outside any function.
    escaped: HashSet<String>,
    /// Functions and methods declared without `pub` (not in trait impls).
    private: HashSet<String>,
}

impl CallSites {
    pub fn collect(file: &syn::File) -> CallSites {
        let mut v = Visitor {
            out: CallSites::default(),
            current: Vec::new(),
            trait_impl: 0,
        };
        v.visit_file(file);
        v.out
    }
}

struct Visitor {
    out: CallSites,
    /// The enclosing functions' names.
    current: Vec<String>,
    /// Inside `impl Trait for T`: its methods are callable through the trait.
    trait_impl: usize,
}

impl Visitor {
    fn call(&mut self, name: String, args: Vec<*const Expr>) {
        match self.current.last() {
            Some(f) => self
                .out
                .calls
                .entry(name)
                .or_default()
                .push((f.clone(), args)),
            None => {
                self.out.escaped.insert(name);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Visitor {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if matches!(f.vis, syn::Visibility::Inherited) {
            self.out.private.insert(f.sig.ident.to_string());
        }
        self.current.push(f.sig.ident.to_string());
        syn::visit::visit_item_fn(self, f);
        self.current.pop();
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let is_trait = usize::from(i.trait_.is_some());
        self.trait_impl += is_trait;
        syn::visit::visit_item_impl(self, i);
        self.trait_impl -= is_trait;
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if self.trait_impl == 0 && matches!(f.vis, syn::Visibility::Inherited) {
            self.out.private.insert(f.sig.ident.to_string());
        }
        self.current.push(f.sig.ident.to_string());
        syn::visit::visit_impl_item_fn(self, f);
        self.current.pop();
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let Expr::Path(p) = &*c.func {
            let segs: Vec<String> = crate::values::segment_names(&p.path);
            if let [.., last] = segs.as_slice() {
                if segs.len() == 1 || segs.len() == 2 && segs[0] == "Self" {
                    self.call(
                        last.clone(),
                        c.args.iter().map(|a| a as *const Expr).collect(),
                    );
                }
            }
            for a in &c.args {
                self.visit_expr(a);
            }
            return;
        }
        syn::visit::visit_expr_call(self, c);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        self.call(
            m.method.to_string(),
            m.args.iter().map(|a| a as *const Expr).collect(),
        );
        syn::visit::visit_expr_method_call(self, m);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // Calls in a macro the engine does not read are out of view.
        for tt in m.tokens.clone() {
            if let proc_macro2::TokenTree::Ident(i) = tt {
                self.out.escaped.insert(i.to_string());
            }
        }
        syn::visit::visit_macro(self, m);
    }

    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        // Not in call position: the function is passed or stored as a value.
        if let Some(last) = p.path.segments.last() {
            self.out.escaped.insert(last.ident.to_string());
        }
    }
}

/// The facts of `f`'s parameters, from the calls of `f` in the file, in parameter order
/// (receiver excluded); `None` when any call may be out of view.
pub fn param_facts(file: &FileCx<'_>, f: FnRef<'_>, levels: usize) -> Option<Vec<Fact>> {
    let name = f.sig.ident.to_string();
    let sites = file.call_sites();
    // A date helper's calls are judged where they are made (`ymd(d.year() + 1, ..)`), with
    // the helper named: its own body keeps its parameters unknown.
    if !sites.private.contains(&name)
        || sites.escaped.contains(&name)
        || !file.has_unique_fn(&name)
        || file.helper(&name).is_some()
    {
        return None;
    }
    let calls = sites.calls.get(&name)?;
    let arity = f
        .sig
        .inputs
        .iter()
        .filter(|a| matches!(a, syn::FnArg::Typed(_)))
        .count();
    let mut joined: Option<Vec<Fact>> = None;
    for (caller, args) in calls {
        // Recursion passes values derived from the parameters themselves; a caller whose name
        // is not unique cannot be walked.
        let caller = file.unique_fn(caller)?;
        if std::ptr::eq(caller.body, f.body) || args.len() != arity {
            return None;
        }
        let facts = caller_facts(file, caller, levels - 1);
        if facts.truncated {
            return None;
        }
        // A call in code that cannot run passes nothing.
        let Some(values) = args
            .iter()
            .map(|a| facts.value_at(*a).cloned())
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        joined = Some(match joined {
            None => values,
            Some(prev) => prev.iter().zip(&values).map(|(a, b)| a.join(b)).collect(),
        });
    }
    joined
}

/// `caller` walked with `levels` levels of its own callers read.
fn caller_facts(file: &FileCx<'_>, caller: FnRef<'_>, levels: usize) -> Rc<FnFacts> {
    let key = (caller.body as *const syn::Block, levels);
    if let Some(known) = file.caller_facts.borrow().get(&key) {
        return known.clone();
    }
    let (facts, _) = Interp::new(file, 1).reading_callers(levels).run(caller);
    let facts = Rc::new(facts);
    file.caller_facts.borrow_mut().insert(key, facts.clone());
    facts
}
