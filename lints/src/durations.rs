//! Year-length durations (`Duration::days(365)`, `from_secs(31_536_000)`, `365.days()`) and
//! what they are used for: a date computed from one is "a year later" written as a fixed
//! length (`hand_built_year_duration`), or a certificate's validity period
//! (`certificate_validity_in_days`); a duration used otherwise (a timeout, a cache TTL, an HTTP
//! `max-age`, a physical constant) computes no calendar date and is neither.

use syn::Expr;

use crate::api::Unit;
use crate::calls::duration_call;
use crate::context::ExprCx;
use crate::values;

/// Prefilter needles: spellings of a year as a number of days, hours, minutes, seconds or milliseconds.
pub const YEAR_NEEDLES: &[&str] = &[
    "365", "366", "8760", "8_760", "8784", "8_784", "525600", "525_600", "527040", "527_040",
    "31536*", "31_536*", "31622*", "31_622*", "31557*", "31_557*", "31556*", "31_556*", "weeks",
];

/// Lengths of a "year" in days that people hard-code, as exact fractions of a day:
/// (numerator, denominator, how to say it).
pub const YEAR_LENGTHS: &[(u128, u128, &str)] = &[
    (365, 1, "365 days"),
    (366, 1, "366 days"),
    (1_461, 4, "365.25 days (a Julian year)"),
    (146_097, 400, "365.2425 days (an average Gregorian year)"),
];

/// A year-length duration at `e`: how it reads ("365 days") and whether it is exactly one year.
pub fn year_duration(cx: &ExprCx<'_, '_>, e: &Expr) -> Option<(&'static str, bool)> {
    let (ctor, arg) = duration_call(cx, e)?;
    year_like(ctor.unit, arg).or_else(|| {
        // A file-level constant: `Duration::from_secs(SECONDS_PER_YEAR)`.
        let Expr::Path(p) = values::peel_parens(arg) else {
            return None;
        };
        let v = cx.file.const_value(&p.path.get_ident()?.to_string())?;
        year_like_value(ctor.unit, i128::from(v)).map(|w| (w, true))
    })
}

/// What a year-length duration is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Added to a date or time: the result is meant as "one year later".
    DateLater,
    /// The validity of a certificate (`Asn1Time::days_from_now`, a `not_after` built from it).
    Certificate,
    /// Anything else: a timeout, a TTL, a constant, a cutoff in the past.
    Other,
}

/// Where the duration at `e` goes.
pub fn duration_use(cx: &ExprCx<'_, '_>, e: &Expr) -> Use {
    if is_certificate_api(cx, e) {
        return Use::Certificate;
    }
    if !added_to_date(cx, e) {
        return Use::Other;
    }
    if crate::guards::flows_into_expiry(cx) && mentions_certificate(cx) {
        Use::Certificate
    } else {
        Use::DateLater
    }
}

/// openssl's `Asn1Time::days_from_now(n)`: a certificate time by construction.
fn is_certificate_api(cx: &ExprCx<'_, '_>, e: &Expr) -> bool {
    matches!(duration_call(cx, e), Some((ctor, _)) if ctor.func == "days_from_now")
}

/// The file builds certificates (rcgen, openssl, x509 crates), or the code around names one.
fn mentions_certificate(cx: &ExprCx<'_, '_>) -> bool {
    use crate::resolve::Crate;
    let imports = cx.imports();
    imports.uses_crate(Crate::Rcgen)
        || imports.uses_crate(Crate::Openssl)
        || cx.file.src.contains("x509")
        || cx.func.is_some_and(|f| f.name.contains("cert"))
        || cx
            .let_name
            .is_some_and(|n| n.to_ascii_lowercase().contains("cert"))
}

/// The duration is added to a date or time (`start + d`, `now.checked_add(d)`), directly or
/// through the `let` or `const` it is bound to.
fn added_to_date(cx: &ExprCx<'_, '_>, e: &Expr) -> bool {
    date_operand(cx, e, false).is_some()
}

/// The date or time a duration is used with in date arithmetic.
#[derive(Debug)]
pub enum DateOperand<'ast> {
    /// The other side of `+`/`+=` (or `-`/`-=`, the duration on the right), or the receiver of
    /// `checked_add` and the like; `subtracted`: the duration is taken away from it.
    Expr { date: &'ast Expr, subtracted: bool },
    /// Found where the `let` or `const` holding the duration is used: that date as written.
    Text { date: String, subtracted: bool },
    /// openssl's `Asn1Time::days_from_now(n)`: the clock plus the duration.
    Now,
}

/// The date or time the duration at `e` is added to, or with `subtraction` also subtracted
/// from (`start - d`, `now.checked_sub(d)`), directly or through the `let` or `const` it is
/// bound to; `None` when it reaches no date arithmetic (a timeout, a TTL, a formatter's input,
/// a comparison).
pub fn date_arithmetic<'ast>(
    cx: &ExprCx<'_, 'ast>,
    e: &'ast Expr,
    subtraction: bool,
) -> Option<DateOperand<'ast>> {
    if is_certificate_api(cx, e) {
        return Some(DateOperand::Now);
    }
    date_operand(cx, e, subtraction)
}

fn date_operand<'ast>(
    cx: &ExprCx<'_, 'ast>,
    e: &'ast Expr,
    subtraction: bool,
) -> Option<DateOperand<'ast>> {
    let mut child = e;
    for &parent in cx.parents.iter().rev() {
        match parent {
            Expr::Paren(_) | Expr::Group(_) | Expr::Reference(_) | Expr::Try(_) => {}
            Expr::MethodCall(m)
                if std::ptr::eq(&*m.receiver, child)
                    && matches!(m.method.to_string().as_str(), "unwrap" | "expect" | "into") => {}
            Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_) | syn::BinOp::AddAssign(_)) => {
                let other = if std::ptr::eq(&*b.left, child) {
                    &b.right
                } else {
                    &b.left
                };
                return date_like(cx, other).then_some(DateOperand::Expr {
                    date: other,
                    subtracted: false,
                });
            }
            Expr::Binary(b)
                if subtraction
                    && matches!(b.op, syn::BinOp::Sub(_) | syn::BinOp::SubAssign(_))
                    && std::ptr::eq(&*b.right, child) =>
            {
                return date_like(cx, &b.left).then_some(DateOperand::Expr {
                    date: &b.left,
                    subtracted: true,
                });
            }
            Expr::MethodCall(m)
                if m.args.iter().any(|a| std::ptr::eq(a, child))
                    && (ADD_METHODS.contains(&m.method.to_string().as_str())
                        || subtraction && SUB_METHODS.contains(&m.method.to_string().as_str())) =>
            {
                return date_like(cx, &m.receiver).then_some(DateOperand::Expr {
                    date: &m.receiver,
                    subtracted: SUB_METHODS.contains(&m.method.to_string().as_str()),
                });
            }
            _ => break,
        }
        child = parent;
    }
    // Bound to a name, then added: `let year = Duration::days(365); .. start + year`.
    let name = cx
        .let_name
        .map(str::to_string)
        .or_else(|| const_name(cx, e))?;
    let scope: Vec<&syn::Block> = match cx.func {
        Some(f) if cx.let_name.is_some() => vec![f.body],
        _ => Vec::new(),
    };
    name_added_to_date(cx, &name, &scope, subtraction)
        .map(|(date, subtracted)| DateOperand::Text { date, subtracted })
}

/// Methods that add a duration to their receiver.
const ADD_METHODS: &[&str] = &[
    "checked_add",
    "checked_add_signed",
    "saturating_add",
    "add",
    "wrapping_add",
    "checked_add_days",
];

/// Methods that subtract a duration from their receiver.
const SUB_METHODS: &[&str] = &[
    "checked_sub",
    "checked_sub_signed",
    "saturating_sub",
    "sub",
    "wrapping_sub",
];

/// A date or time value: by the facts (a date, a clock read), or by its syntax when there are
/// none (`Utc::now()`, a name like `start_date`). `Instant` is no calendar time.
fn date_like(cx: &ExprCx<'_, '_>, e: &Expr) -> bool {
    use crate::facts::{Kind, Prov};
    let text = values::tokens(e);
    if text.contains("Instant") || text.contains("instant") {
        return false;
    }
    if let Some(f) = crate::verdict::fact(cx.facts(), e) {
        if matches!(f.kind, Kind::Date(_)) || f.prov.has(Prov::CALENDAR) || f.prov.has(Prov::CLOCK)
        {
            return true;
        }
        if f.set().is_some_and(|s| !s.is_top()) {
            return false;
        }
    }
    date_like_text(&text)
}

fn date_like_text(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    [
        "now", "today", "date", "time", "start", "issued", "created", "since", "begin",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// The `const`/`static` whose initializer holds `e`.
fn const_name(cx: &ExprCx<'_, '_>, e: &Expr) -> Option<String> {
    if cx.func.is_some() {
        return None;
    }
    cx.file.file.items.iter().find_map(|item| match item {
        syn::Item::Const(c) if contains(&c.expr, e) => Some(c.ident.to_string()),
        syn::Item::Static(s) if contains(&s.expr, e) => Some(s.ident.to_string()),
        _ => None,
    })
}

fn contains(root: &Expr, target: &Expr) -> bool {
    use syn::visit::Visit;
    struct Has<'t>(&'t Expr, bool);
    impl<'ast> Visit<'ast> for Has<'_> {
        fn visit_expr(&mut self, e: &'ast Expr) {
            self.1 |= std::ptr::eq(e, self.0);
            syn::visit::visit_expr(self, e);
        }
    }
    let mut h = Has(target, false);
    h.visit_expr(root);
    h.1
}

/// `x + name` (and with `subtraction` `x - name`) with `x` a date, in the given blocks (or the
/// whole file when none): `x` as written, and whether the duration is subtracted from it.
fn name_added_to_date(
    cx: &ExprCx<'_, '_>,
    name: &str,
    scope: &[&syn::Block],
    subtraction: bool,
) -> Option<(String, bool)> {
    use syn::visit::Visit;
    struct Find<'n> {
        name: &'n str,
        subtraction: bool,
        found: Option<(String, bool)>,
    }
    impl Find<'_> {
        fn is_name(&self, e: &Expr) -> bool {
            matches!(values::peel(e), Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == self.name))
        }
    }
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
            if matches!(b.op, syn::BinOp::Add(_) | syn::BinOp::AddAssign(_)) {
                let other = if self.is_name(&b.right) {
                    Some(&b.left)
                } else if self.is_name(&b.left) {
                    Some(&b.right)
                } else {
                    None
                };
                if let Some(o) = other {
                    self.date(o, false);
                }
            }
            if self.subtraction
                && matches!(b.op, syn::BinOp::Sub(_) | syn::BinOp::SubAssign(_))
                && self.is_name(&b.right)
            {
                self.date(&b.left, true);
            }
            syn::visit::visit_expr_binary(self, b);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            let method = m.method.to_string();
            if (matches!(
                method.as_str(),
                "checked_add" | "checked_add_signed" | "saturating_add"
            ) || self.subtraction
                && matches!(
                    method.as_str(),
                    "checked_sub" | "checked_sub_signed" | "saturating_sub"
                ))
                && m.args.iter().any(|a| self.is_name(a))
            {
                self.date(&m.receiver, method.contains("sub"));
            }
            syn::visit::visit_expr_method_call(self, m);
        }
    }
    impl Find<'_> {
        fn date(&mut self, e: &Expr, subtracted: bool) {
            let text = values::tokens(e);
            if self.found.is_none() && date_like_text(&text) && !text.contains("Instant") {
                self.found = Some((text, subtracted));
            }
        }
    }
    let mut f = Find {
        name,
        subtraction,
        found: None,
    };
    if scope.is_empty() {
        f.visit_file(cx.file.file);
    } else {
        for b in scope {
            f.visit_block(b);
        }
    }
    f.found
}

/// Is `arg`, in `unit`s, a year? Returns how it reads and whether it is exactly one (not N) year.
pub fn year_like(unit: Unit, arg: &Expr) -> Option<(&'static str, bool)> {
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

pub fn year_like_value(unit: Unit, value: i128) -> Option<&'static str> {
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
pub fn whole_days(what: &str) -> (u32, Option<&'static str>) {
    match what {
        "366 days" => (366, None),
        "52 weeks" => (364, None),
        w if w.starts_with("365.25") => (365, Some("6 hours")),
        w if w.starts_with("365.2425") => (365, Some("5 h 49 min 12 s")),
        _ => (365, None),
    }
}
