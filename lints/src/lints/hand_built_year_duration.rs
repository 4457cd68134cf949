//! `hand_built_year_duration`: a year (or N years) written as a fixed length in a duration
//! constructor, and `const`s named like a year holding one in seconds. Page:
//! `lints/docs/hand_built_year_duration.md`.

use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::Expr;

use crate::api::Unit;
use crate::calendar::{self, CivilDate};
use crate::context::{ExprCx, FileCx};
use crate::diagnostic::{Diagnostic, Help};
use crate::registry::{Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode};
use crate::values;

pub static HAND_BUILT_YEAR_DURATION: Lint = Lint {
    needles: Needles::AllOf(&[NeedleGroup::Words(YEAR_NUMBERS), NeedleGroup::Words(crate::api::DURATION_NEEDLES)]),
    checks: &[
        Check::Expr(&[Syntax::Call, Syntax::MethodCall], check_expr),
        Check::File(check_consts),
    ],
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::HAND_BUILT_YEAR_DURATION,
        Group::Suspicious,
        Precision::High,
        "a year written as a fixed length (365 days, 31_536_000 seconds) instead of calendar arithmetic",
    )
};

/// Spellings of a year as a number of days, hours, minutes, seconds or milliseconds.
const YEAR_NUMBERS: &[&str] = &[
    "365", "366", "8760", "8_760", "8784", "8_784", "525600", "525_600", "527040", "527_040",
    "31536*", "31_536*", "31622*", "31_622*", "31557*", "31_557*", "31556*", "31_556*", "weeks",
];

/// Lengths of a "year" in days that people hard-code, as exact fractions of a day:
/// (numerator, denominator, how to say it).
const YEAR_LENGTHS: &[(u128, u128, &str)] = &[
    (365, 1, "365 days"),
    (366, 1, "366 days"),
    (1_461, 4, "365.25 days (a Julian year)"),
    (146_097, 400, "365.2425 days (an average Gregorian year)"),
];

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let Some((ctor, arg)) = crate::calls::duration_call(cx, e) else {
        return;
    };
    let Some((what, exact)) = year_like(ctor.unit, arg) else {
        return;
    };
    // `now - Duration::days(365)`: "about a year ago", a cutoff or an already-expired stamp;
    // the day lost in a leap year changes nothing there. Adding is what builds an expiry.
    if let Some(Expr::Binary(b)) = cx.parent(0) {
        if matches!(b.op, syn::BinOp::Sub(_) | syn::BinOp::SubAssign(_))
            && std::ptr::eq(&*b.right, e)
        {
            return;
        }
    }
    let span = cx.span(e);
    cx.emit(diagnostic(cx.today(), span, what, exact), None);
}

/// Is `arg`, in `unit`s, a year? Returns how it reads and whether it is exactly one (not N) year.
fn year_like(unit: Unit, arg: &Expr) -> Option<(&'static str, bool)> {
    if let Some(v) = values::const_int(values::peel_parens(arg)) {
        if let Some(what) = year_like_value(unit, v) {
            return Some((what, true));
        }
        // `365 * 20`, `10 * 365 * 24 * 3600`: N years, the count being one of the factors.
        let mut leaves = Vec::new();
        product_leaves(arg, &mut leaves);
        if leaves.len() >= 2 {
            for (i, count) in leaves.iter().enumerate() {
                // Past a handful of years the number is a far-future sentinel ("roughly 30
                // years", "100 years"): nobody means a calendar date by it.
                if (2..=MAX_YEARS).contains(count) {
                    let rest: i128 = leaves
                        .iter()
                        .enumerate()
                        .filter(|(j, _)| *j != i)
                        .map(|(_, v)| *v)
                        .product();
                    if let Some(what) = year_like_value(unit, rest) {
                        return Some((what, false));
                    }
                }
            }
        }
        return None;
    }
    // `days(365 * n)`
    year_like_value(unit, values::const_factor(arg)?).map(|w| (w, false))
}

/// The largest "N years" written as N × 365 days that is still read as a period rather than a
/// far-future sentinel.
/// Ten years still counts: it is a common certificate validity, where the drift is 2–3 days.
const MAX_YEARS: i128 = 10;

/// The constant factors of a product of literals.
fn product_leaves(e: &Expr, out: &mut Vec<i128>) {
    match values::peel_parens(e) {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::Mul(_)) => {
            product_leaves(&b.left, out);
            product_leaves(&b.right, out);
        }
        other => out.extend(values::const_int(other)),
    }
}

fn year_like_value(unit: Unit, value: i128) -> Option<&'static str> {
    if value <= 0 {
        return None;
    }
    let value = value as u128;
    if unit == Unit::Weeks && value == 52 {
        return Some("52 weeks");
    }
    let (per_day_num, per_day_den) = unit.per_day();
    // value / (per_day_num / per_day_den) days == num / den days
    YEAR_LENGTHS
        .iter()
        .find(|(num, den, _)| value * per_day_den * den == num * per_day_num)
        .map(|(_, _, what)| *what)
}

/// Whole days of a hard-coded length, and the fraction left over, if any.
fn whole_days(what: &str) -> (u32, Option<&'static str>) {
    match what {
        "366 days" => (366, None),
        "52 weeks" => (364, None),
        w if w.starts_with("365.25") => (365, Some("6 hours")),
        w if w.starts_with("365.2425") => (365, Some("5 h 49 min 12 s")),
        _ => (365, None),
    }
}

fn diagnostic(today: CivilDate, span: crate::Span, what: &str, exact: bool) -> Diagnostic {
    let (days, fraction) = whole_days(what);
    // The first day from which this many days and one calendar year differ.
    let from = today
        .find_from(1_500, |d| {
            calendar::add_days(*d, days) != calendar::add_years_clamped(*d, 1)
        })
        .unwrap_or(today);
    let year_later = calendar::add_years_clamped(from, 1);
    let days_later = calendar::add_days(from, days);
    let length = match fraction {
        Some(f) => format!("{days} days and {f}"),
        None => format!("{days} days"),
    };
    Diagnostic {
        lint: &HAND_BUILT_YEAR_DURATION,
        message: format!("a year written as a fixed length: {what}{}", if exact { "" } else { " per year" }),
        span,
        label: "a calendar year is 365 or 366 days".to_string(),
        notes: vec![format!("from {from}, one year later is {year_later}, but {length} later is {days_later}")],
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
        test_depth: usize,
    }
    impl<'ast> Visit<'ast> for Consts<'_, '_> {
        fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
            let test = crate::context::is_test_attrs(&m.attrs);
            self.test_depth += usize::from(test);
            syn::visit::visit_item_mod(self, m);
            self.test_depth -= usize::from(test);
        }
        fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
            let test = crate::context::is_test_attrs(&f.attrs);
            self.test_depth += usize::from(test);
            syn::visit::visit_item_fn(self, f);
            self.test_depth -= usize::from(test);
        }
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
            if self.test_depth > 0 && !self.cx.opts.check_tests {
                return;
            }
            // Constants are UPPER_CASE (rustc warns otherwise); the prefilter looks for these
            // upper-case words, so the two must agree.
            let name = ident.to_string();
            let yearish = name.contains("YEAR")
                || name.contains("ANNUAL")
                || name.split('_').any(|w| w == "YR" || w == "YRS");
            if !yearish {
                return;
            }
            let Some(v) = values::const_int(values::peel_parens(expr)) else {
                return;
            };
            // Only a year spelled in hours, minutes, seconds or milliseconds is a duration in
            // disguise. `DAYS_IN_YEAR = 365` is how calendar code counts the days of a common
            // year (with its leap rule beside it), and `WEEKS_PER_YEAR = 52` is a count too.
            let units = [Unit::Hours, Unit::Minutes, Unit::Seconds, Unit::Millis];
            let Some(what) = units
                .iter()
                .find_map(|u| year_like(*u, &syn::parse_quote!(#v)).map(|(w, _)| w))
            else {
                return;
            };
            let span = self.cx.lines.span(
                ident
                    .span()
                    .join(expr.span())
                    .unwrap_or_else(|| ident.span()),
            );
            let d = diagnostic(self.cx.opts.today, span, what, true);
            self.cx_emit(d);
        }
        fn cx_emit(&self, d: Diagnostic) {
            self.cx.emit_item(d);
        }
    }
    Consts {
        cx,
        test_depth: usize::from(cx.opts.test_file),
    }
    .visit_file(file);
}
