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
    let zone = values::peel(zone);
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
