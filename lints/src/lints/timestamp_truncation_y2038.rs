//! `timestamp_truncation_y2038`: Unix seconds narrowed to 32 bits. Page:
//! `lints/docs/timestamp_truncation_y2038.md`.

use syn::Expr;

use crate::context::ExprCx;
use crate::diagnostic::{Applicability, Certainty, Diagnostic, Edit, Fix, Help};
use crate::registry::{
    Check, Fixable, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::values;

pub static TIMESTAMP_TRUNCATION_Y2038: Lint = Lint {
    fix: Fixable::Sometimes(Applicability::Unsafe),
    // rustfmt writes casts as `x as i32`.
    needles: Needles::AllOf(&[
        // The methods as called (`now.timestamp()`): the bare word is in every binding of a
        // C struct with a `timestamp` field, and those are large generated files.
        NeedleGroup::Words(&["timestamp(", "as_secs(", "as_second("]),
        NeedleGroup::Words(&["as i32", "as u32", "i32::try_from", "u32::try_from"]),
    ]),
    checks: &[Check::Expr(&[Syntax::Cast, Syntax::MethodCall], check_expr)],
    test_code: TestCode::ClockDependent,
    ..Lint::new(
        LintId::TIMESTAMP_TRUNCATION_Y2038,
        Group::Suspicious,
        Precision::High,
        "Unix seconds narrowed to 32 bits: wraps on 2038-01-19 (i32) or 2106-02-07 (u32)",
    )
};

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let panics = !matches!(e, Expr::Cast(_));
    let (value, ty) = match e {
        Expr::Cast(c) => (&*c.expr, values::tokens(&c.ty)),
        // `i32::try_from(ts).unwrap()` / `.expect(..)`; a handled `try_from` is fine.
        Expr::MethodCall(m) if m.method == "unwrap" || m.method == "expect" => {
            let Expr::Call(call) = values::peel_parens(&m.receiver) else {
                return;
            };
            let Expr::Path(p) = &*call.func else { return };
            let segs: Vec<String> = crate::values::segment_names(&p.path);
            match (segs.as_slice(), call.args.first()) {
                ([ty, f], Some(arg)) if f == "try_from" => (arg, ty.clone()),
                _ => return,
            }
        }
        _ => return,
    };
    if ty != "i32" && ty != "u32" {
        return;
    }
    let Some(source) = unix_seconds(cx, value, 0) else {
        return;
    };
    let (end, wraps) = if ty == "i32" {
        ("2038-01-19T03:14:07Z", "wraps to 1901-12-13")
    } else {
        ("2106-02-07T06:28:15Z", "wraps to 1970-01-01")
    };
    // In a test, only a timestamp of the running clock breaks on the day (fixtures are
    // literal instants).
    let clock = values::tokens(value).contains("now");
    cx.emit_from(
        Diagnostic {
            lint: &TIMESTAMP_TRUNCATION_Y2038,
            certainty: Certainty::Certain,
            message: format!("Unix seconds (`{source}`) narrowed to `{ty}`"),
            span: cx.span(e),
            label: if panics {
                format!("the last second that fits is {end}; from the next one this panics")
            } else {
                format!("the last second that fits is {end}; the next one {wraps}")
            },
            notes: Vec::new(),
            help: Some(Help {
                message: "keep timestamps in `i64` (or `u64`)".to_string(),
                fix: widen_local(cx, e),
            }),
        },
        None,
        clock,
    );
}

/// The expression is (or is bound to) a count of Unix seconds; returns how it reads.
fn unix_seconds(cx: &ExprCx<'_, '_>, e: &Expr, depth: u32) -> Option<String> {
    let e = values::peel_parens(e);
    match e {
        Expr::MethodCall(m) if m.args.is_empty() => {
            let name = m.method.to_string();
            match name.as_str() {
                "timestamp" | "unix_timestamp" | "as_second" => Some(cx.text(e).to_string()),
                // `SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs()`
                "as_secs" if since_epoch(cx, &m.receiver) => Some(cx.text(e).to_string()),
                "unwrap" | "expect" => unix_seconds(cx, &m.receiver, depth),
                _ => None,
            }
        }
        Expr::Try(t) => unix_seconds(cx, &t.expr, depth),
        Expr::Path(p) if depth < 4 => {
            let ident = p.path.get_ident()?;
            match cx.binding(&ident.to_string(), ident.span().start())? {
                crate::bindings::BoundTo::Expr(init) => {
                    unix_seconds(cx, init, depth + 1).map(|_| ident.to_string())
                }
                crate::bindings::BoundTo::Opaque => None,
            }
        }
        _ => None,
    }
}

/// A duration measured from `UNIX_EPOCH`, directly or through a `let`.
fn since_epoch(cx: &ExprCx<'_, '_>, e: &Expr) -> bool {
    if values::tokens(e).contains("UNIX_EPOCH") {
        return true;
    }
    let Expr::Path(p) = values::peel(e) else {
        return false;
    };
    let Some(ident) = p.path.get_ident() else {
        return false;
    };
    matches!(
        cx.binding(&ident.to_string(), ident.span().start()),
        Some(crate::bindings::BoundTo::Expr(init)) if values::tokens(init).contains("UNIX_EPOCH")
    )
}

/// `let t = ts as i32;` (or `let t: i32 = ts as i32;`) becomes `let t = ts as i64;` (no cast
/// when the value already is an `i64`, `let t: i64 = now.timestamp();`): the
/// binding keeps every second. Only where the cast is a `let`'s whole value; unsafe, since
/// code that uses `t` as an `i32` (a field, an argument) then needs a change too.
fn widen_local(cx: &ExprCx<'_, '_>, e: &Expr) -> Option<Fix> {
    use syn::visit::Visit;
    struct FindLet<'a, 'ast> {
        init: &'a Expr,
        found: Option<&'ast syn::Local>,
    }
    impl<'ast> Visit<'ast> for FindLet<'_, 'ast> {
        fn visit_local(&mut self, l: &'ast syn::Local) {
            if l.init
                .as_ref()
                .is_some_and(|i| std::ptr::eq(&*i.expr, self.init))
            {
                self.found = Some(l);
            }
            syn::visit::visit_local(self, l);
        }
    }
    let Expr::Cast(cast) = e else { return None };
    let wide = match values::tokens(&cast.ty).as_str() {
        "i32" => "i64",
        "u32" => "u64",
        _ => return None,
    };
    let mut finder = FindLet {
        init: e,
        found: None,
    };
    finder.visit_block(cx.func?.body);
    let local = finder.found?;
    let annotation = match &local.pat {
        syn::Pat::Type(t) => match values::tokens(&t.ty).as_str() {
            "i32" | "u32" => Some(Edit {
                span: cx.span(&*t.ty),
                code: wide.to_string(),
            }),
            _ => return None,
        },
        syn::Pat::Ident(_) => None,
        _ => return None,
    };
    // A value that already has the wide type needs no cast at all (clippy's
    // `unnecessary_cast`): `now.timestamp()` is an `i64`, `as_secs()` a `u64`.
    let natural = match values::peel_parens(&cast.expr) {
        Expr::MethodCall(m) => match m.method.to_string().as_str() {
            "timestamp" | "unix_timestamp" | "as_second" => Some("i64"),
            "as_secs" => Some("u64"),
            _ => None,
        },
        _ => None,
    };
    let fix = if natural == Some(wide) {
        Fix::replace(cx.span(e), cx.text(&*cast.expr), Applicability::Unsafe)
    } else {
        Fix::replace(cx.span(&*cast.ty), wide, Applicability::Unsafe)
    };
    Some(fix.with(annotation))
}
