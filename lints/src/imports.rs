//! Names a fix writes, and the `use` line it adds for them.
//!
//! A fix that writes `Months::new(12)` needs `Months` in scope where it stands. [`name_for`]
//! says what to write there and which edit makes it valid, respecting what the module already
//! has:
//!
//! * the name already imported (`use chrono::Months;`, in a group, through `use super::*` from
//!   the parent, or a glob of the crate): the name, no edit;
//! * imported under an alias (`use chrono::Months as M;`): the alias;
//! * the name taken by something else in the module (a local `struct Months`, another crate's
//!   `Months`): the full path `chrono::Months`, no edit;
//! * a `use root::{..}` group in the module: the name joins the group;
//! * else a `use root::Name;` line after the module's `use` lines (or before its first item).
//!
//! Traits (`jiff::ToSpan`) are only needed in scope, not named: `use jiff::ToSpan as _;` counts.

use proc_macro2::LineColumn;
use syn::spanned::Spanned;
use syn::{Item, UseTree};

use crate::diagnostic::Edit;
use crate::source::LineIndex;
use crate::Span;

/// What a fix writes for a name, and the edit that brings it into scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameInScope {
    pub code: String,
    pub edit: Option<Edit>,
}

/// `name` of crate `root` as code written at `at` (see the module documentation).
pub fn name_for(
    file: &syn::File,
    lines: &LineIndex<'_>,
    src: &str,
    at: LineColumn,
    root: &str,
    name: &str,
) -> NameInScope {
    let scopes = scopes_at(&file.items, at);
    let full = || NameInScope {
        code: format!("{root}::{name}"),
        edit: None,
    };
    // Innermost module first; a parent's imports reach it only through `use super::*`.
    for (depth, items) in scopes.iter().enumerate().rev() {
        match lookup(items, root, name) {
            Lookup::Imported(code) => return NameInScope { code, edit: None },
            Lookup::Taken => return full(),
            Lookup::Absent => {}
        }
        if depth > 0 && !glob_of_super(items) {
            break;
        }
    }
    let items = scopes.last().copied().unwrap_or(&file.items[..]);
    match insertion(items, lines, src, root, name) {
        Some(edit) => NameInScope {
            code: name.to_string(),
            edit: Some(edit),
        },
        None => full(),
    }
}

/// A trait of crate `root` in scope at `at`: `Some(None)` when it already is, `Some(edit)`
/// with the `use` that imports it, `None` when it cannot be imported there (the caller writes
/// code that needs no trait).
pub fn trait_for(
    file: &syn::File,
    lines: &LineIndex<'_>,
    src: &str,
    at: LineColumn,
    root: &str,
    name: &str,
) -> Option<Option<Edit>> {
    let found = name_for(file, lines, src, at, root, name);
    if found.edit.is_some() || found.code != format!("{root}::{name}") {
        return Some(found.edit);
    }
    // The name means something else here: the trait comes in unnamed.
    let scopes = scopes_at(&file.items, at);
    let items = scopes.last().copied().unwrap_or(&file.items[..]);
    insertion(items, lines, src, root, &format!("{name} as _")).map(Some)
}

/// [`name_for`] at an expression of the file being checked.
pub fn name_at(
    cx: &crate::context::ExprCx<'_, '_>,
    node: &dyn Spanned,
    root: &str,
    name: &str,
) -> NameInScope {
    let f = cx.file;
    name_for(f.file, &f.lines, f.src, node.span().start(), root, name)
}

/// [`trait_for`] at an expression of the file being checked.
pub fn trait_at(
    cx: &crate::context::ExprCx<'_, '_>,
    node: &dyn Spanned,
    root: &str,
    name: &str,
) -> Option<Option<Edit>> {
    let f = cx.file;
    trait_for(f.file, &f.lines, f.src, node.span().start(), root, name)
}

/// The item lists of the modules around `at`, outermost (the file) first.
fn scopes_at(items: &[Item], at: LineColumn) -> Vec<&[Item]> {
    let mut scopes = vec![items];
    let mut current = items;
    'down: loop {
        for item in current {
            if let Item::Mod(m) = item {
                let (s, e) = (m.span().start(), m.span().end());
                let inside = (s.line, s.column) <= (at.line, at.column)
                    && (at.line, at.column) <= (e.line, e.column);
                if let (true, Some((_, inner))) = (inside, &m.content) {
                    scopes.push(inner);
                    current = inner;
                    continue 'down;
                }
            }
        }
        return scopes;
    }
}

enum Lookup {
    /// In scope, written as this.
    Imported(String),
    /// The name means something else here.
    Taken,
    Absent,
}

fn lookup(items: &[Item], root: &str, name: &str) -> Lookup {
    let mut found = Lookup::Absent;
    for item in items {
        match item {
            Item::Use(u) => {
                let mut path = Vec::new();
                walk_use(&u.tree, &mut path, &mut |path, leaf| match leaf {
                    Leaf::Name(n) if n == name => {
                        found = if path.first().is_some_and(|r| r == root) {
                            Lookup::Imported(name.to_string())
                        } else {
                            Lookup::Taken
                        };
                    }
                    Leaf::Rename(n, alias)
                        if n == name
                            && path.first().is_some_and(|r| r == root)
                            && !matches!(found, Lookup::Imported(_)) =>
                    {
                        found = Lookup::Imported(alias.to_string());
                    }
                    Leaf::Rename(_, alias) if alias == name => found = Lookup::Taken,
                    Leaf::Glob if path.len() == 1 && path[0] == root => {
                        if matches!(found, Lookup::Absent) {
                            found = Lookup::Imported(name.to_string());
                        }
                    }
                    _ => {}
                });
            }
            other => {
                if item_name(other).is_some_and(|n| n == name) {
                    return Lookup::Taken;
                }
            }
        }
        if let Lookup::Taken = found {
            return found;
        }
    }
    found
}

enum Leaf<'a> {
    Name(&'a syn::Ident),
    Rename(&'a syn::Ident, &'a syn::Ident),
    Glob,
}

fn walk_use<'a>(t: &'a UseTree, path: &mut Vec<String>, f: &mut dyn FnMut(&[String], Leaf<'a>)) {
    match t {
        UseTree::Path(p) => {
            path.push(p.ident.to_string());
            walk_use(&p.tree, path, f);
            path.pop();
        }
        UseTree::Name(n) => f(path, Leaf::Name(&n.ident)),
        UseTree::Rename(r) => f(path, Leaf::Rename(&r.ident, &r.rename)),
        UseTree::Glob(_) => f(path, Leaf::Glob),
        UseTree::Group(g) => g.items.iter().for_each(|t| walk_use(t, path, f)),
    }
}

fn item_name(item: &Item) -> Option<&syn::Ident> {
    match item {
        Item::Struct(i) => Some(&i.ident),
        Item::Enum(i) => Some(&i.ident),
        Item::Type(i) => Some(&i.ident),
        Item::Trait(i) => Some(&i.ident),
        Item::Union(i) => Some(&i.ident),
        Item::Fn(i) => Some(&i.sig.ident),
        Item::Const(i) => Some(&i.ident),
        Item::Static(i) => Some(&i.ident),
        Item::Mod(i) => Some(&i.ident),
        _ => None,
    }
}

fn glob_of_super(items: &[Item]) -> bool {
    items.iter().any(|i| {
        matches!(i, Item::Use(u) if matches!(&u.tree,
            UseTree::Path(p) if p.ident == "super" && matches!(&*p.tree, UseTree::Glob(_))))
    })
}

/// The edit that imports `root::name` into `items`' module.
fn insertion(
    items: &[Item],
    lines: &LineIndex<'_>,
    src: &str,
    root: &str,
    name: &str,
) -> Option<Edit> {
    let span_of = |node: &dyn Spanned| lines.span(node.span());
    // A group of the crate (`use chrono::{Datelike, NaiveDate};`): the name joins it, after
    // its last member.
    for item in items {
        let Item::Use(u) = item else { continue };
        if let UseTree::Path(p) = &u.tree {
            if p.ident == root {
                if let UseTree::Group(g) = &*p.tree {
                    let last = g.items.last()?;
                    let end = span_of(last).end;
                    return Some(Edit {
                        span: Span::new(end, end),
                        code: format!(", {name}"),
                    });
                }
            }
        }
    }
    let uses: Vec<&syn::ItemUse> = items
        .iter()
        .filter_map(|i| match i {
            Item::Use(u) => Some(u),
            _ => None,
        })
        .collect();
    // After the last `use` of the crate, else after the last `use`: a line of its own with
    // that line's indentation.
    let after = uses
        .iter()
        .rev()
        .find(|u| matches!(&u.tree, UseTree::Path(p) if p.ident == root))
        .or(uses.last());
    let line = format!("use {root}::{name};");
    if let Some(u) = after {
        let span = span_of(*u);
        let line_start = src[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let indent: String = src[line_start..span.start]
            .chars()
            .take_while(|c| c.is_whitespace())
            .collect();
        return Some(Edit {
            span: Span::new(span.end, span.end),
            code: format!("\n{indent}{line}"),
        });
    }
    // No `use` at all: before the first item, at its indentation, with a blank line.
    let first = items.first()?;
    let start = span_of(first).start;
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &src[line_start..start];
    if !indent.chars().all(char::is_whitespace) {
        return None;
    }
    Some(Edit {
        span: Span::new(line_start, line_start),
        code: format!("{indent}{line}\n\n"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(src: &str, needle: &str) -> LineColumn {
        let offset = src.find(needle).unwrap();
        let line = src[..offset].matches('\n').count() + 1;
        let column = src[..offset].rfind('\n').map_or(offset, |i| offset - i - 1);
        LineColumn { line, column }
    }

    fn fixed(src: &str, root: &str, name: &str) -> (String, String) {
        let file = syn::parse_file(src).unwrap();
        let lines = LineIndex::new(src);
        let found = name_for(&file, &lines, src, at(src, "HERE"), root, name);
        let mut out = src.to_string();
        if let Some(e) = &found.edit {
            out.replace_range(e.span.start..e.span.end, &e.code);
        }
        (found.code, out)
    }

    #[test]
    fn an_imported_name_or_its_alias_is_written_as_is() {
        let src = "use chrono::{Months, NaiveDate};\nfn f() { HERE(); }\n";
        assert_eq!(
            fixed(src, "chrono", "Months"),
            ("Months".into(), src.into())
        );
        let src = "use chrono::Months as M;\nfn f() { HERE(); }\n";
        assert_eq!(fixed(src, "chrono", "Months"), ("M".into(), src.into()));
        let src = "use chrono::*;\nfn f() { HERE(); }\n";
        assert_eq!(fixed(src, "chrono", "Months").0, "Months");
    }

    #[test]
    fn a_group_of_the_crate_gains_the_name() {
        let src = "use chrono::{Datelike, NaiveDate};\nuse std::fmt;\nfn f() { HERE(); }\n";
        assert_eq!(
            fixed(src, "chrono", "Months").1,
            "use chrono::{Datelike, NaiveDate, Months};\nuse std::fmt;\nfn f() { HERE(); }\n"
        );
    }

    #[test]
    fn a_line_after_the_crates_uses_or_before_the_first_item() {
        let src = "use chrono::NaiveDate;\nuse std::fmt;\n\nfn f() { HERE(); }\n";
        assert_eq!(
            fixed(src, "chrono", "Months").1,
            "use chrono::NaiveDate;\nuse chrono::Months;\nuse std::fmt;\n\nfn f() { HERE(); }\n"
        );
        let src = "//! Docs.\n\n/// f\nfn f() { HERE(); }\n";
        assert_eq!(
            fixed(src, "jiff", "ToSpan").1,
            "//! Docs.\n\nuse jiff::ToSpan;\n\n/// f\nfn f() { HERE(); }\n"
        );
    }

    #[test]
    fn a_taken_name_is_written_in_full() {
        let src = "struct Months;\nfn f() { HERE(); }\n";
        assert_eq!(
            fixed(src, "chrono", "Months"),
            ("chrono::Months".into(), src.into())
        );
        let src = "use other::Months;\nfn f() { HERE(); }\n";
        assert_eq!(fixed(src, "chrono", "Months").0, "chrono::Months");
    }

    #[test]
    fn nested_modules_see_their_parent_only_through_a_super_glob() {
        let src =
            "use chrono::Months;\nmod tests {\n    use super::*;\n    fn f() { HERE(); }\n}\n";
        assert_eq!(
            fixed(src, "chrono", "Months"),
            ("Months".into(), src.into())
        );
        let src = "use chrono::Months;\nmod m {\n    use std::fmt;\n    fn f() { HERE(); }\n}\n";
        assert_eq!(
            fixed(src, "chrono", "Months").1,
            "use chrono::Months;\nmod m {\n    use std::fmt;\n    use chrono::Months;\n    fn f() { HERE(); }\n}\n"
        );
    }
}
