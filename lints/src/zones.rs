//! Time zones at a call site: whether a zoned constructor's zone has DST transitions (gaps
//! and overlaps) as far as the syntax tells.

use syn::Expr;

use crate::calls::CtorCall;
use crate::context::ExprCx;
use crate::resolve::Crate;
use crate::values;

/// Whether the zone of a zoned constructor has DST: Some(true) for `Local` and chrono-tz
/// zones, Some(false) for `Utc` and fixed offsets, None when the syntax does not tell.
pub fn zone_is_local(cx: &ExprCx<'_, '_>, call: &CtorCall<'_>) -> Option<bool> {
    // `naive.and_local_timezone(tz)` names the zone in its argument, the others in the receiver.
    let zone = if call.row.display_name() == "and_local_timezone" {
        call.args.first().copied()?
    } else {
        call.receiver?
    };
    classify_zone(cx, zone)
}

/// Whether a zone expression has DST, as [`zone_is_local`] says for a call's zone.
pub fn classify_zone(cx: &ExprCx<'_, '_>, zone: &Expr) -> Option<bool> {
    classify_at(cx, zone, 0)
}

/// The type a zone parameter is declared with says it: `tz: Option<FixedOffset>`, `z: Tz`.
fn classify_type(ty: &str) -> Option<bool> {
    let ty = ty.replace(' ', "");
    if ty.contains("FixedOffset") || ty.contains("Utc") {
        Some(false)
    } else if ty.contains("Tz") || ty.contains("Local") {
        Some(true)
    } else {
        None
    }
}

fn classify_at(cx: &ExprCx<'_, '_>, zone: &Expr, depth: usize) -> Option<bool> {
    if depth > 4 {
        return None;
    }
    let zone = values::peel(zone);
    // What a local holds, or what its parameter's type is, before what its name suggests.
    if let Expr::Path(p) = zone {
        if let Some(ident) = p.path.get_ident() {
            let name = ident.to_string();
            let at = ident.span().start();
            // `let tz = tz.unwrap_or(..)`: the `tz` inside is the earlier one.
            let binding = cx.binding(&name, at).filter(|b| match b {
                crate::bindings::BoundTo::Expr(init) => {
                    use syn::spanned::Spanned;
                    let (from, to) = (init.span().start(), init.span().end());
                    !((from.line, from.column) <= (at.line, at.column)
                        && (at.line, at.column) <= (to.line, to.column))
                }
                crate::bindings::BoundTo::Opaque => true,
            });
            match binding {
                Some(crate::bindings::BoundTo::Expr(init)) => {
                    if let Some(known) = classify_at(cx, init, depth + 1) {
                        return Some(known);
                    }
                }
                Some(_) => {}
                None => {
                    if let Some(known) = param_type(cx, &name).and_then(|ty| type_has_dst(cx, ty)) {
                        return Some(known);
                    }
                }
            }
            // `let berlin: Tz = name.parse()?`: the declared type.
            if let Some(known) = let_type(cx, &name, at).and_then(|ty| type_has_dst(cx, ty)) {
                return Some(known);
            }
        }
    }
    // `self.zone`: the field's declared type.
    if let Expr::Field(f) = zone {
        if let Some(known) = field_type(cx, f).and_then(|(ty, generics)| {
            classify_ty(cx, ty, &[generics]).or_else(|| type_has_dst(cx, ty))
        }) {
            return Some(known);
        }
    }
    if let Expr::MethodCall(m) = zone {
        match m.method.to_string().as_str() {
            // `dt.timezone()` of a `DateTime<Tz>` parameter: the zone is its type argument.
            "timezone" if m.args.is_empty() => {
                if let Expr::Path(p) = values::peel(&m.receiver) {
                    let zone_arg = p
                        .path
                        .get_ident()
                        .and_then(|i| param_type(cx, &i.to_string()))
                        .and_then(datetime_zone_arg);
                    if let Some(known) = zone_arg.and_then(|ty| type_has_dst(cx, ty)) {
                        return Some(known);
                    }
                }
            }
            // `name.parse::<Tz>()`
            "parse" => {
                let ty = m.turbofish.as_ref().and_then(|t| match t.args.first() {
                    Some(syn::GenericArgument::Type(ty)) => Some(ty),
                    _ => None,
                });
                if let Some(known) = ty.and_then(|ty| type_has_dst(cx, ty)) {
                    return Some(known);
                }
            }
            _ => {}
        }
    }
    // `tz.unwrap_or(Utc.fix())`: the zone is one of the two; `parsed.ok().unwrap()`: the one.
    if let Expr::MethodCall(m) = zone {
        let method = m.method.to_string();
        if matches!(
            method.as_str(),
            "unwrap_or" | "unwrap" | "expect" | "unwrap_or_default" | "ok"
        ) {
            let recv = classify_at(cx, &m.receiver, depth + 1);
            let arg = m.args.first().map(|a| classify_at(cx, a, depth + 1));
            return match (recv, arg) {
                (Some(true), _) | (_, Some(Some(true))) => Some(true),
                (Some(false), None | Some(Some(false))) => Some(false),
                _ => None,
            };
        }
    }
    match zone {
        Expr::Path(p) => {
            let r = cx.imports().resolve(&p.path);
            let last = r.last();
            if last == "Utc" || last == "UTC" {
                return Some(false);
            }
            if last == "Local" && r.krate != Some(Crate::ChronoTz) {
                return Some(true);
            }
            if r.krate == Some(Crate::ChronoTz) {
                return Some(true);
            }
            if let Some(ident) = p.path.get_ident() {
                let name = ident.to_string().to_ascii_lowercase();
                if name.contains("utc") || name.contains("offset") || name.contains("fixed") {
                    return Some(false);
                }
                if name == "tz"
                    || name.contains("zone")
                    || name.contains("local")
                    || name.ends_with("_tz")
                {
                    return Some(true);
                }
            }
            None
        }
        Expr::Call(c) => {
            // `Tz::from_str(name)`, `chrono_tz::Tz::from_str_insensitive(name)`: a chrono-tz zone.
            if let Expr::Path(p) = &*c.func {
                let r = cx.imports().resolve(&p.path);
                if r.krate == Some(Crate::ChronoTz) && r.owner() == Some("Tz") {
                    return Some(true);
                }
            }
            // `FixedOffset::east_opt(..)`, `Utc::now().timezone()`.
            let text = values::tokens(&c.func);
            if text.contains("FixedOffset") || text.contains("Utc") {
                Some(false)
            } else {
                None
            }
        }
        Expr::MethodCall(m) => {
            let text = values::tokens(&m.receiver);
            if text.contains("Local") {
                Some(true)
            } else if text.contains("Utc") || text.contains("FixedOffset") {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// What a zone's declared type says, by the type itself ([`classify_ty`] with the generics of
/// the function and its `impl`) or else by its spelling (`Option<FixedOffset>`, `MyTz`).
fn type_has_dst(cx: &ExprCx<'_, '_>, ty: &syn::Type) -> Option<bool> {
    let mut generics: Vec<&syn::Generics> = Vec::new();
    if let Some(f) = cx.func {
        generics.push(&f.sig.generics);
        if let Some(imp) = find_fn(cx.file.file, f.sig).in_impl {
            generics.push(&imp.generics);
        }
    }
    classify_ty(cx, ty, &generics).or_else(|| {
        use quote::ToTokens;
        classify_type(&ty.to_token_stream().to_string())
    })
}

/// Whether a zone type has DST: `Utc` and `FixedOffset` do not; `Local`, chrono-tz's `Tz`,
/// `impl TimeZone` and a type parameter bound by `TimeZone` do (a generic zone is any zone, the
/// ones with gaps and overlaps included). Through references, `Option`, `Box`, `Arc` and `Rc`.
fn classify_ty(cx: &ExprCx<'_, '_>, ty: &syn::Type, generics: &[&syn::Generics]) -> Option<bool> {
    match ty {
        syn::Type::Reference(r) => classify_ty(cx, &r.elem, generics),
        syn::Type::Paren(p) => classify_ty(cx, &p.elem, generics),
        syn::Type::Group(g) => classify_ty(cx, &g.elem, generics),
        syn::Type::ImplTrait(t) => t.bounds.iter().any(is_timezone_bound).then_some(true),
        syn::Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            if matches!(
                last.ident.to_string().as_str(),
                "Option" | "Box" | "Arc" | "Rc"
            ) {
                let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
                    return None;
                };
                return match a.args.first() {
                    Some(syn::GenericArgument::Type(inner)) => classify_ty(cx, inner, generics),
                    _ => None,
                };
            }
            if let Some(ident) = p.path.get_ident() {
                if generics.iter().any(|g| bound_by_timezone(g, ident)) {
                    return Some(true);
                }
            }
            let r = cx.imports().resolve(&p.path);
            match r.last() {
                "Utc" | "FixedOffset" => Some(false),
                "Local" if r.krate != Some(Crate::ChronoTz) => Some(true),
                "Tz" if r.krate == Some(Crate::ChronoTz) => Some(true),
                _ => None,
            }
        }
        _ => None,
    }
}

fn is_timezone_bound(b: &syn::TypeParamBound) -> bool {
    matches!(b, syn::TypeParamBound::Trait(t)
        if t.path.segments.last().is_some_and(|s| s.ident == "TimeZone"))
}

/// The type parameter `ident` of these generics has a `TimeZone` bound, inline or in the
/// `where` clause.
fn bound_by_timezone(g: &syn::Generics, ident: &syn::Ident) -> bool {
    let inline = g
        .type_params()
        .any(|t| &t.ident == ident && t.bounds.iter().any(is_timezone_bound));
    let in_where = g.where_clause.iter().flat_map(|w| &w.predicates).any(|p| {
        matches!(p, syn::WherePredicate::Type(t)
            if matches!(&t.bounded_ty, syn::Type::Path(b) if b.path.is_ident(ident))
                && t.bounds.iter().any(is_timezone_bound))
    });
    inline || in_where
}

/// The declared type of the enclosing function's parameter `name`.
fn param_type<'ast>(cx: &ExprCx<'_, 'ast>, name: &str) -> Option<&'ast syn::Type> {
    cx.func?.sig.inputs.iter().find_map(|arg| match arg {
        syn::FnArg::Typed(pt) if matches!(&*pt.pat, syn::Pat::Ident(p) if p.ident == name) => {
            Some(&*pt.ty)
        }
        _ => None,
    })
}

/// `Tz` of `DateTime<Tz>` (through references).
fn datetime_zone_arg(ty: &syn::Type) -> Option<&syn::Type> {
    match ty {
        syn::Type::Reference(r) => datetime_zone_arg(&r.elem),
        syn::Type::Path(p) => {
            let last = p.path.segments.last()?;
            if last.ident != "DateTime" {
                return None;
            }
            let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
                return None;
            };
            match a.args.first() {
                Some(syn::GenericArgument::Type(t)) => Some(t),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The type written on the `let` that binds `name` where it is read at `at`
/// (`let berlin: Tz = ..`).
fn let_type<'ast>(
    cx: &ExprCx<'_, 'ast>,
    name: &str,
    at: proc_macro2::LineColumn,
) -> Option<&'ast syn::Type> {
    use syn::spanned::Spanned;
    use syn::visit::Visit;
    struct Find<'ast, 'n> {
        name: &'n str,
        end: proc_macro2::LineColumn,
        out: Option<&'ast syn::Type>,
    }
    impl<'ast> Visit<'ast> for Find<'ast, '_> {
        fn visit_local(&mut self, l: &'ast syn::Local) {
            if let syn::Pat::Type(t) = &l.pat {
                if matches!(&*t.pat, syn::Pat::Ident(p) if p.ident == self.name)
                    && l.semi_token.span().end() == self.end
                {
                    self.out = Some(&t.ty);
                }
            }
            syn::visit::visit_local(self, l);
        }
    }
    let f = cx.func?;
    let end = f.bindings.lookup(name, at)?.at;
    let mut find = Find {
        name,
        end,
        out: None,
    };
    find.visit_block(f.body);
    find.out
}

/// Where the function with this signature is declared: as a free `fn` item (at any depth), or
/// in the items of an `impl` block.
#[derive(Default)]
pub(crate) struct FnItem<'f> {
    pub item_fn: Option<&'f syn::ItemFn>,
    pub in_impl: Option<&'f syn::ItemImpl>,
}

pub(crate) fn find_fn<'f>(file: &'f syn::File, sig: &syn::Signature) -> FnItem<'f> {
    use syn::visit::Visit;
    struct Find<'f, 's> {
        sig: &'s syn::Signature,
        out: FnItem<'f>,
    }
    impl<'f> Visit<'f> for Find<'f, '_> {
        fn visit_item_fn(&mut self, f: &'f syn::ItemFn) {
            if std::ptr::eq(&f.sig, self.sig) {
                self.out.item_fn = Some(f);
            }
            syn::visit::visit_item_fn(self, f);
        }
        fn visit_item_impl(&mut self, i: &'f syn::ItemImpl) {
            let holds = i
                .items
                .iter()
                .any(|it| matches!(it, syn::ImplItem::Fn(f) if std::ptr::eq(&f.sig, self.sig)));
            if holds {
                self.out.in_impl = Some(i);
            }
            syn::visit::visit_item_impl(self, i);
        }
    }
    let mut find = Find {
        sig,
        out: FnItem::default(),
    };
    find.visit_file(file);
    find.out
}

/// `self.zone`: the declared type of that field of the `impl`'s struct (one struct of that name
/// in the file), with the struct's generics.
fn field_type<'c>(
    cx: &ExprCx<'c, '_>,
    f: &syn::ExprField,
) -> Option<(&'c syn::Type, &'c syn::Generics)> {
    let Expr::Path(base) = values::peel(&f.base) else {
        return None;
    };
    if !base.path.is_ident("self") {
        return None;
    }
    let syn::Member::Named(field) = &f.member else {
        return None;
    };
    let imp = find_fn(cx.file.file, cx.func?.sig).in_impl?;
    let syn::Type::Path(self_ty) = &*imp.self_ty else {
        return None;
    };
    let name = &self_ty.path.segments.last()?.ident;
    let structs: Vec<&syn::ItemStruct> = cx
        .file
        .file
        .items
        .iter()
        .filter_map(|i| match i {
            syn::Item::Struct(s) if &s.ident == name => Some(s),
            _ => None,
        })
        .collect();
    let [s] = structs.as_slice() else {
        return None;
    };
    let ty = s
        .fields
        .iter()
        .find(|fd| fd.ident.as_ref() == Some(field))
        .map(|fd| &fd.ty)?;
    Some((ty, &s.generics))
}
