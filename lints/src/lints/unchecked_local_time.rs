//! ## What it does
//! Finds local (time-zone) date-times that are unwrapped although they may not exist:
//! `Local.with_ymd_and_hms(..).unwrap()`, `tz.from_local_datetime(&naive).unwrap()`,
//! `.single().unwrap()`, `naive.and_local_timezone(tz).unwrap()`.
//!
//! ## Why is this bad
//! When clocks spring forward, an hour of local times does not exist (a DST gap); when they
//! fall back, an hour happens twice (an overlap). chrono returns `LocalResult::None` or
//! `Ambiguous` there, and the unwrap panics, on a real night every year.

use syn::Expr;

use crate::calendar;
use crate::context::ExprCx;
use crate::diagnostic::{Diagnostic, Help};
use crate::registry::UNCHECKED_LOCAL_TIME;
use crate::resolve::Crate;
use crate::values;

use super::{date_call, CtorCall};

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    if cx.skip_unwrap_lints() {
        return;
    }
    let Expr::MethodCall(m) = e else { return };
    if m.method != "unwrap" && m.method != "expect" {
        return;
    }
    let mut inner = values::peel_parens(&m.receiver);
    let mut gap_only = false;
    // `.single().unwrap()` is the same unwrap, spelled out; `.earliest()`/`.latest()` settle
    // an overlap but are still None in a gap.
    if let Expr::MethodCall(s) = inner {
        if matches!(
            s.method.to_string().as_str(),
            "single" | "earliest" | "latest"
        ) && s.args.is_empty()
        {
            gap_only = s.method != "single";
            inner = values::peel_parens(&s.receiver);
        }
    }
    // jiff: `tz.to_ambiguous_zoned(dt).unambiguous().unwrap()` is the same bet.
    if let Expr::MethodCall(u) = inner {
        if u.method == "unambiguous" && u.args.is_empty() {
            let spring = calendar::next_eu_spring_forward(cx.today());
            cx.emit(
                Diagnostic {
                    lint: &UNCHECKED_LOCAL_TIME,
                    message: format!("`{}` on `unambiguous()`: a local time in a DST gap or overlap is an error", method(e)),
                    span: cx.span(e),
                    label: "panics in a DST gap and in a DST overlap".to_string(),
                    notes: vec![format!("e.g. in Europe/Berlin 02:30 on {spring} does not exist")],
                    help: Some(Help {
                        message: "use `.compatible()` (or `.earlier()`/`.later()`), or `civil_dt.to_zoned(tz)`, which \
                                  resolves gaps and overlaps"
                            .to_string(),
                        replacement: None,
                    }),
                },
                None,
            );
            return;
        }
    }
    let Some(call) = date_call(cx, inner) else {
        return;
    };
    if !call.row.zoned || call.row.failure.panics() || zone_is_local(cx, &call) != Some(true) {
        return;
    }
    // Literal fields in a named zone give the same answer on every run: a test catches a gap.
    // `Local` is different: the zone is the machine's.
    let literal = !call.args.is_empty()
        && call
            .args
            .iter()
            .all(|a| values::const_int(values::peel(a)).is_some());
    if literal && !is_local_zone(call.receiver) {
        return;
    }
    let spring = calendar::next_eu_spring_forward(cx.today());
    cx.emit(
        Diagnostic {
            lint: &UNCHECKED_LOCAL_TIME,
            message: format!("`{}` on a local time that may not exist or may be ambiguous", method(e)),
            span: cx.span(e),
            label: if gap_only { "panics in a DST gap" } else { "panics in a DST gap and in a DST overlap" }
                .to_string(),
            notes: vec![format!(
                "e.g. in Europe/Berlin 02:30 on {spring} does not exist, and 02:30 on the last Sunday of October \
                 happens twice"
            )],
            help: Some(Help {
                message: "choose what a gap and an overlap mean: `.earliest()`/`.latest()` (None in a gap) with a \
                          fallback, or jiff's `to_zoned` with an explicit `Disambiguation`"
                    .to_string(),
                replacement: None,
            }),
        },
        Some(call.subject(cx)),
    );
}

fn is_local_zone(e: Option<&Expr>) -> bool {
    e.is_some_and(|e| values::tokens(e).ends_with("Local"))
}

fn method(e: &Expr) -> String {
    match e {
        Expr::MethodCall(m) => m.method.to_string(),
        _ => "unwrap".into(),
    }
}

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

fn classify_zone(cx: &ExprCx<'_, '_>, zone: &Expr) -> Option<bool> {
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
