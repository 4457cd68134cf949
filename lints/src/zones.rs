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
                    if let Some(known) = cx.func.and_then(|f| {
                        f.sig.inputs.iter().find_map(|arg| match arg {
                            syn::FnArg::Typed(pt) if matches!(&*pt.pat, syn::Pat::Ident(p) if p.ident == name) => {
                                use quote::ToTokens;
                                classify_type(&pt.ty.to_token_stream().to_string())
                            }
                            _ => None,
                        })
                    }) {
                        return Some(known);
                    }
                }
            }
        }
    }
    // `tz.unwrap_or(Utc.fix())`: the zone is one of the two.
    if let Expr::MethodCall(m) = zone {
        let method = m.method.to_string();
        if matches!(
            method.as_str(),
            "unwrap_or" | "unwrap" | "expect" | "unwrap_or_default"
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
