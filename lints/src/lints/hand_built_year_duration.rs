//! ## What it does
//! Finds a year written as a fixed length: 365 or 366 days, 52 weeks, 8_760 hours,
//! 525_600 minutes, 31_536_000 / 31_622_400 / 31_557_600 / 31_556_952 seconds (and products
//! such as `365 * 24 * 60 * 60` or `days(365 * n)`) passed to a duration constructor of std,
//! chrono, time, jiff or openssl; and `const`/`static` items named like a year holding such a
//! number.
//!
//! ## Why is this bad
//! A calendar year is 365 or 366 days. "Valid for 365 days" from 2027-03-01 ends on
//! 2028-02-29, not on 2028-03-01; a certificate, subscription or retention period drifts a
//! day every leap year.

use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::Expr;

use crate::api::{self, Unit};
use crate::calendar::{self, CivilDate};
use crate::context::{ExprCx, FileCx};
use crate::diagnostic::{Diagnostic, Help};
use crate::registry::HAND_BUILT_YEAR_DURATION;
use crate::values;

/// Lengths of a "year" in days that people hard-code, as exact fractions of a day:
/// (numerator, denominator, how to say it).
const YEAR_LENGTHS: &[(u128, u128, &str)] = &[
    (365, 1, "365 days"),
    (366, 1, "366 days"),
    (1_461, 4, "365.25 days (a Julian year)"),
    (146_097, 400, "365.2425 days (an average Gregorian year)"),
];

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let (ctor, arg): (&api::DurationCtor, &Expr) = match e {
        Expr::Call(c) if c.args.len() == 1 => match api::lookup_duration_call(cx.imports(), &c.func) {
            Some(row) => (row, &c.args[0]),
            None => return,
        },
        // jiff: `365.days()` and `Span::new().days(365)`.
        Expr::MethodCall(m) => {
            let Some(row) = api::lookup_duration_method(cx.imports(), &m.method.to_string()) else { return };
            match m.args.len() {
                0 if values::const_int(values::peel_parens(&m.receiver)).is_some() => (row, &*m.receiver),
                1 if values::tokens(&m.receiver).contains("Span") => (row, &m.args[0]),
                _ => return,
            }
        }
        _ => return,
    };
    let Some((what, exact)) = year_like(ctor.unit, arg) else { return };
    let span = cx.span(e);
    cx.emit(diagnostic(cx.today(), span, what, exact), None);
}

/// Is `arg`, in `unit`s, a year? Returns how it reads and whether it is exactly one (not N) year.
fn year_like(unit: Unit, arg: &Expr) -> Option<(&'static str, bool)> {
    let (value, exact) = match values::const_int(values::peel_parens(arg)) {
        Some(v) => (v, true),
        None => (values::const_factor(arg)?, false),
    };
    if value <= 0 {
        return None;
    }
    let value = value as u128;
    if unit == Unit::Weeks && value == 52 {
        return Some(("52 weeks", exact));
    }
    let (per_day_num, per_day_den) = unit.per_day();
    // value / (per_day_num / per_day_den) days == num / den days
    YEAR_LENGTHS
        .iter()
        .find(|(num, den, _)| value * per_day_den * den == num * per_day_num)
        .map(|(_, _, what)| (*what, exact))
}

fn diagnostic(today: CivilDate, span: crate::Span, what: &str, exact: bool) -> Diagnostic {
    // The first day from which 365 days and one calendar year differ.
    let from = today
        .find_from(1_500, |d| calendar::add_days(*d, 365) != calendar::add_years_clamped(*d, 1))
        .unwrap_or(today);
    let year_later = calendar::add_years_clamped(from, 1);
    let days_later = calendar::add_days(from, 365);
    Diagnostic {
        lint: &HAND_BUILT_YEAR_DURATION,
        message: format!("a year written as a fixed length: {what}{}", if exact { "" } else { " per year" }),
        span,
        label: "a calendar year is 365 or 366 days".to_string(),
        notes: vec![format!("from {from}, one year later is {year_later}, but 365 days later is {days_later}")],
        help: Some(Help {
            message: "use calendar arithmetic (chrono `checked_add_months(Months::new(12))`, jiff `1.year()`); if a \
                      fixed length is really meant, name it so (`// 365 days, not a year`) and suppress with a reason"
                .to_string(),
            replacement: None,
        }),
    }
}

/// `const SECONDS_PER_YEAR: u64 = 31_536_000;`: the constant is reported where it is defined.
pub fn check_consts(cx: &FileCx<'_>, file: &syn::File) {
    struct Consts<'a, 'c> {
        cx: &'a FileCx<'c>,
    }
    impl<'ast> Visit<'ast> for Consts<'_, '_> {
        fn visit_item_const(&mut self, c: &'ast syn::ItemConst) {
            self.check(&c.ident, &c.expr);
        }
        fn visit_item_static(&mut self, s: &'ast syn::ItemStatic) {
            self.check(&s.ident, &s.expr);
        }
        fn visit_impl_item_const(&mut self, c: &'ast syn::ImplItemConst) {
            self.check(&c.ident, &c.expr);
        }
    }
    impl Consts<'_, '_> {
        fn check(&self, ident: &syn::Ident, expr: &Expr) {
            let name = ident.to_string().to_ascii_lowercase();
            let yearish = name.contains("year") || name.contains("annual") || name.split('_').any(|w| w == "yr" || w == "yrs");
            if !yearish {
                return;
            }
            let Some(v) = values::const_int(values::peel_parens(expr)) else { return };
            let units = [Unit::Days, Unit::Hours, Unit::Minutes, Unit::Seconds, Unit::Millis];
            // A count of days per year is only a duration in disguise when its name says so
            // by a unit; `DAYS_IN_YEAR = 365` is flagged, `WEEKS_PER_YEAR = 52` is not.
            let Some(what) = units.iter().find_map(|u| {
                year_like(*u, &syn::parse_quote!(#v)).filter(|_| v != 52).map(|(w, _)| w)
            }) else {
                return;
            };
            let span = self.cx.lines.span(ident.span().join(expr.span()).unwrap_or_else(|| ident.span()));
            let d = diagnostic(self.cx.opts.today, span, what, true);
            self.cx_emit(d);
        }
        fn cx_emit(&self, d: Diagnostic) {
            self.cx.emit_item(d);
        }
    }
    Consts { cx }.visit_file(file);
}
