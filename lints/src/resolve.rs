//! Per-file `use` resolution: which crate a name in this file comes from.
//!
//! Syntactic only. Every `use` in the file (at any depth) is read into one table, which is
//! imprecise for a name imported differently in two modules of one file but right for the
//! overwhelming majority of real files. Names the file defines itself (a user's own
//! `struct Duration`) shadow imports from the date crates.

use std::collections::{HashMap, HashSet};
use syn::visit::Visit;

/// The crates whose date APIs the lints know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Crate {
    Chrono,
    ChronoTz,
    Time,
    Jiff,
    Std,
    Rcgen,
    Openssl,
    Tokio,
}

/// The crates by the names their paths start with.
const ROOTS: &[(&str, Crate)] = &[
    ("chrono", Crate::Chrono),
    ("chrono_tz", Crate::ChronoTz),
    ("time", Crate::Time),
    ("jiff", Crate::Jiff),
    ("std", Crate::Std),
    ("core", Crate::Std),
    ("alloc", Crate::Std),
    ("rcgen", Crate::Rcgen),
    ("openssl", Crate::Openssl),
    ("tokio", Crate::Tokio),
];

impl Crate {
    pub fn from_root(name: &str) -> Option<Crate> {
        ROOTS
            .iter()
            .find(|(root, _)| *root == name)
            .map(|&(_, k)| k)
    }

    /// The names a path into this crate starts with: one of them is in any file that uses
    /// it (in a `use`, or at the start of a path).
    pub fn roots(self) -> impl Iterator<Item = &'static str> {
        ROOTS
            .iter()
            .filter(move |(_, k)| *k == self)
            .map(|(root, _)| *root)
    }
}

/// Where a path written in the file leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The date crate it comes from, if any.
    pub krate: Option<Crate>,
    /// The full path, crate first, with renames undone (`ND` → `chrono::NaiveDate`).
    pub segments: Vec<String>,
    /// The first segment is a name this file defines, or a `crate`/`self`/`super` path.
    pub local: bool,
}

impl Resolved {
    /// The segment before the last one: the type of an associated function.
    pub fn owner(&self) -> Option<&str> {
        let n = self.segments.len();
        (n >= 2).then(|| self.segments[n - 2].as_str())
    }

    pub fn last(&self) -> &str {
        self.segments.last().map(String::as_str).unwrap_or("")
    }

    /// Not imported, not defined here, and no glob from a date crate could have brought it.
    pub fn is_unknown(&self) -> bool {
        self.krate.is_none() && !self.local
    }
}

#[derive(Debug, Default)]
pub struct Imports {
    /// Local name → full path.
    names: HashMap<String, Vec<String>>,
    /// Date crates glob-imported (`use chrono::prelude::*`), each with the glob's path (crate
    /// first): any unknown name may come from them.
    globs: Vec<(Crate, Vec<String>)>,
    /// Any glob from elsewhere (`use super::*`), which may shadow a date crate's name.
    foreign_globs: bool,
    /// Types, functions and modules this file defines.
    defined: HashSet<String>,
    /// Methods this file defines in its `impl` and `trait` blocks.
    methods: HashSet<String>,
}

impl Imports {
    pub fn collect(file: &syn::File) -> Imports {
        let mut c = Collector {
            imports: Imports::default(),
            in_date_trait_impl: false,
        };
        c.visit_file(file);
        c.imports
    }

    /// Resolves a path as written (`NaiveDate::from_ymd_opt`, `chrono::Utc`, `ND::MIN`).
    pub fn resolve(&self, path: &syn::Path) -> Resolved {
        let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.resolve_segments(&segs, path.leading_colon.is_some())
    }

    pub fn resolve_segments(&self, segs: &[String], absolute: bool) -> Resolved {
        let Some(first) = segs.first() else {
            return Resolved {
                krate: None,
                segments: Vec::new(),
                local: false,
            };
        };
        if !absolute {
            if matches!(first.as_str(), "crate" | "self" | "super" | "Self") {
                return Resolved {
                    krate: None,
                    segments: segs.to_vec(),
                    local: true,
                };
            }
            if let Some(full) = self.names.get(first) {
                let mut segments = full.clone();
                segments.extend_from_slice(&segs[1..]);
                let root = segments.first().map(String::as_str).unwrap_or("");
                let local = matches!(root, "crate" | "self" | "super");
                return Resolved {
                    krate: Crate::from_root(root),
                    segments,
                    local,
                };
            }
            if self.defined.contains(first) {
                return Resolved {
                    krate: None,
                    segments: segs.to_vec(),
                    local: true,
                };
            }
        }
        if let Some(k) = Crate::from_root(first) {
            return Resolved {
                krate: Some(k),
                segments: segs.to_vec(),
                local: false,
            };
        }
        // A name no `use` mentions: a date-crate glob is the likely source when it is the
        // only glob, and the path is then the glob's (`use jiff::civil::*`: `date` is
        // `jiff::civil::date`). Several of one crate: the crate, not the path.
        let (krate, segments) = match self.globs.as_slice() {
            [(k, prefix)] if !self.foreign_globs => {
                (Some(*k), prefix.iter().chain(segs).cloned().collect())
            }
            [(k, _), rest @ ..] if !self.foreign_globs && rest.iter().all(|(r, _)| r == k) => {
                (Some(*k), segs.to_vec())
            }
            _ => (None, segs.to_vec()),
        };
        Resolved {
            krate,
            segments,
            local: false,
        }
    }

    /// True when `name` (a single identifier) is imported from `krate`, or globbed from it.
    pub fn ident_is_from(&self, name: &str, krate: Crate) -> bool {
        self.resolve_segments(&[name.to_string()], false).krate == Some(krate)
    }

    /// The file defines a method of this name itself.
    pub fn defines_method(&self, name: &str) -> bool {
        self.methods.contains(name)
    }

    /// The file mentions this crate in any `use`.
    pub fn uses_crate(&self, krate: Crate) -> bool {
        self.globs.iter().any(|(k, _)| *k == krate)
            || self
                .names
                .values()
                .any(|p| p.first().and_then(|r| Crate::from_root(r)) == Some(krate))
    }
}

struct Collector {
    imports: Imports,
    /// Inside `impl Datelike for ..`: methods there implement chrono's own API.
    in_date_trait_impl: bool,
}

impl Collector {
    fn add_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.add_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let name = n.ident.to_string();
                if name == "self" {
                    if let Some(last) = prefix.last().cloned() {
                        self.imports.names.insert(last, prefix.clone());
                    }
                } else {
                    let mut full = prefix.clone();
                    full.push(name.clone());
                    self.imports.names.insert(name, full);
                }
            }
            syn::UseTree::Rename(r) => {
                let mut full = prefix.clone();
                if r.ident != "self" {
                    full.push(r.ident.to_string());
                }
                if r.rename != "_" {
                    self.imports.names.insert(r.rename.to_string(), full);
                }
            }
            syn::UseTree::Glob(_) => {
                // Resolve the glob's own first segment through earlier imports (`use super::*`
                // stays foreign; `use chrono::prelude::*` is chrono).
                let resolved = self.imports.resolve_segments(prefix, false);
                match resolved.krate {
                    Some(k) if !resolved.local => {
                        let glob = (k, resolved.segments);
                        if !self.imports.globs.contains(&glob) {
                            self.imports.globs.push(glob);
                        }
                    }
                    _ => self.imports.foreign_globs = true,
                }
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.add_tree(prefix, t);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let mut prefix = Vec::new();
        self.add_tree(&mut prefix, &u.tree);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        // Implementing a date crate's own trait (`impl Datelike for MyDate`) does not make the
        // name this file's own: calls may still be on chrono's types.
        if !self.in_date_trait_impl {
            self.imports.methods.insert(f.sig.ident.to_string());
        }
        syn::visit::visit_impl_item_fn(self, f);
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let date_trait = i.trait_.as_ref().is_some_and(|(_, path, _)| {
            path.segments
                .last()
                .is_some_and(|s| s.ident == "Datelike" || s.ident == "Timelike")
        });
        let saved = std::mem::replace(&mut self.in_date_trait_impl, date_trait);
        syn::visit::visit_item_impl(self, i);
        self.in_date_trait_impl = saved;
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        self.imports.methods.insert(f.sig.ident.to_string());
        syn::visit::visit_trait_item_fn(self, f);
    }

    fn visit_item_extern_crate(&mut self, e: &'ast syn::ItemExternCrate) {
        if let Some((_, rename)) = &e.rename {
            self.imports
                .names
                .insert(rename.to_string(), vec![e.ident.to_string()]);
        }
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        let ident = match item {
            syn::Item::Struct(i) => Some(&i.ident),
            syn::Item::Enum(i) => Some(&i.ident),
            syn::Item::Type(i) => Some(&i.ident),
            syn::Item::Trait(i) => Some(&i.ident),
            syn::Item::Union(i) => Some(&i.ident),
            syn::Item::Fn(i) => Some(&i.sig.ident),
            syn::Item::Mod(i) => Some(&i.ident),
            _ => None,
        };
        if let Some(ident) = ident {
            self.imports.defined.insert(ident.to_string());
        }
        syn::visit::visit_item(self, item);
    }

    // Expressions cannot hold `use` items except inside blocks, which visit_item reaches; skip
    // macro bodies and the like.
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imports(src: &str) -> Imports {
        Imports::collect(&syn::parse_str(src).unwrap())
    }

    fn path(s: &str) -> syn::Path {
        syn::parse_str(s).unwrap()
    }

    #[test]
    fn renames_groups_and_globs() {
        let i = imports(
            "use chrono::{NaiveDate as ND, Datelike, naive::{self, NaiveTime}};
             use time::Date;
             use jiff::civil;",
        );
        let r = i.resolve(&path("ND::from_ymd_opt"));
        assert_eq!(r.krate, Some(Crate::Chrono));
        assert_eq!(r.owner(), Some("NaiveDate"));
        assert_eq!(
            i.resolve(&path("naive::NaiveDate")).krate,
            Some(Crate::Chrono)
        );
        assert_eq!(
            i.resolve(&path("Date::from_calendar_date")).krate,
            Some(Crate::Time)
        );
        assert_eq!(
            i.resolve(&path("civil::date")).segments,
            ["jiff", "civil", "date"]
        );
        assert_eq!(i.resolve(&path("Unknown::x")).krate, None);
    }

    #[test]
    fn prelude_glob_and_local_shadowing() {
        let i = imports("use chrono::prelude::*; struct Duration;");
        assert_eq!(
            i.resolve(&path("NaiveDate::from_ymd_opt")).krate,
            Some(Crate::Chrono)
        );
        let d = i.resolve(&path("Duration::days"));
        assert!(d.local);
        assert_eq!(d.krate, None);
    }

    #[test]
    fn a_name_from_a_glob_has_the_glob_path() {
        let i = imports("use jiff::civil::*;");
        let r = i.resolve(&path("date"));
        assert_eq!(r.krate, Some(Crate::Jiff));
        assert_eq!(r.segments, ["jiff", "civil", "date"]);
        let call: syn::Expr = syn::parse_str("date(2024, 2, 29)").unwrap();
        let syn::Expr::Call(call) = call else {
            unreachable!()
        };
        assert!(crate::api::lookup_call(&i, &call.func).is_some());
        // Two globs of one crate: the crate is known, the path is not.
        let i = imports("use jiff::civil::*; use jiff::*;");
        let r = i.resolve(&path("date"));
        assert_eq!(
            (r.krate, r.segments),
            (Some(Crate::Jiff), vec!["date".to_string()])
        );
    }

    #[test]
    fn foreign_glob_makes_unknown_names_ambiguous() {
        let i = imports("use chrono::prelude::*; use super::*;");
        assert_eq!(i.resolve(&path("Foo::bar")).krate, None);
        let i = imports("use crate::chrono_shim::NaiveDate;");
        assert!(i.resolve(&path("NaiveDate::from_ymd_opt")).local);
    }
}
