//! Year-length durations (`Duration::days(365)`, `from_secs(31_536_000)`, `365.days()`) and
//! what they are used for: a date computed from one is "a year later" written as a fixed
//! length (`hand_built_year_duration`), or a certificate's validity period
//! (`certificate_validity_in_days`); a duration used otherwise (a timeout, a cache TTL, an HTTP
//! `max-age`, a physical constant) computes no calendar date and is neither. Whether a date
//! computed so is meant as a calendar date ("same date next year", "last month") or as a point
//! a fixed length away (a token's expiry, a "last 30 days" window) is [`Intent`]'s.

use syn::spanned::Spanned;
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
        // Constants and `let`s: `Duration::from_secs(SECONDS_PER_YEAR)`,
        // `from_secs(years * SECS_PER_YEAR)`, `let secs = 365 * 86_400; from_secs(secs)`.
        let a = amount(cx, arg)?;
        year_like_value(ctor.unit, a.value).map(|w| (w, !a.counted))
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
    Text { date: String },
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

/// The date arithmetic `e` takes part in, and what the code says it means, when that is a
/// calendar `unit`: `e` is added to or subtracted from a date or the clock, not as the fallback
/// of failed calendar arithmetic, and one place where it is used has evidence of the unit
/// ([`Intent::calendar_evidence`]; a date read counts for a year added, see
/// `date_read_suffices`). `None`: the duration computes no date meant in that unit.
pub fn meant_as_calendar<'ast>(
    cx: &ExprCx<'_, 'ast>,
    e: &'ast Expr,
    unit: Calendar,
    date_read_suffices: impl Fn(&Intent) -> bool,
) -> Option<(DateOperand<'ast>, Intent)> {
    let operand = date_arithmetic(cx, e, true)?;
    if in_calendar_fallback(cx, e, &operand) {
        return None;
    }
    let intent = intents(cx, e, &operand, unit)
        .into_iter()
        .find(|i| i.calendar_evidence(date_read_suffices(i)).is_some())?;
    Some((operand, intent))
}

/// The duration arithmetic runs only where calendar-month arithmetic on the same date failed:
/// the `None` arm of `match now.checked_add_months(..)` (or of a `let` bound to it), the
/// closure of `.unwrap_or_else(|| ..)` on it, the `else` of `if let Some(v) = ..`. chrono fails
/// there only when the result is no local time (a DST gap), so the fixed length is a
/// deliberate fallback: a date that reaches it is not the month-end date a note would name.
fn in_calendar_fallback(cx: &ExprCx<'_, '_>, e: &Expr, operand: &DateOperand<'_>) -> bool {
    let DateOperand::Expr { date, .. } = operand else {
        return false;
    };
    let date = values::tokens(values::peel_parens(date));
    // `x.checked_add_months(..)` / `checked_sub_months` on the same date, through a `let`.
    let calendar_call = |scrutinee: &Expr| {
        let mut s = values::peel_parens(scrutinee);
        if let Expr::Path(p) = s {
            if let Some(ident) = p.path.get_ident() {
                if let Some(crate::bindings::BoundTo::Expr(init)) =
                    cx.binding(&ident.to_string(), ident.span().start())
                {
                    s = values::peel_parens(init);
                }
            }
        }
        matches!(s, Expr::MethodCall(m)
            if matches!(m.method.to_string().as_str(), "checked_add_months" | "checked_sub_months")
                && values::tokens(values::peel_parens(&m.receiver)) == date)
    };
    let at = cx.span(e);
    let inside = |x: &Expr| {
        let span = cx.span(x);
        span.start <= at.start && at.end <= span.end
    };
    cx.parents.iter().any(|p| match p {
        Expr::Match(m) => {
            calendar_call(&m.expr)
                && m.arms.iter().any(|arm| {
                    inside(&arm.body)
                        && (matches!(&arm.pat, syn::Pat::Ident(i) if i.ident == "None")
                            || matches!(&arm.pat, syn::Pat::Path(p) if p.path.is_ident("None")))
                })
        }
        Expr::MethodCall(m)
            if matches!(
                m.method.to_string().as_str(),
                "unwrap_or_else" | "unwrap_or"
            ) =>
        {
            calendar_call(&m.receiver) && m.args.iter().any(inside)
        }
        Expr::If(i) => {
            matches!(&*i.cond, Expr::Let(l) if calendar_call(&l.expr))
                && i.else_branch.as_ref().is_some_and(|(_, b)| inside(b))
        }
        _ => false,
    })
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
    name_added_to_date(cx, &name, &scope, subtraction).map(|(date, _)| DateOperand::Text { date })
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
        // A number the facts bound below what a Unix time in seconds reaches is no date; a
        // `u64` or `i64` of any value (a timestamp parameter) still may be.
        if f.set()
            .is_some_and(|s| s.hi().is_some_and(|hi| hi < i64::from(i32::MAX)))
        {
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

// ------------------------------------------------------------------ what the date is meant as

/// The calendar unit a fixed-length duration stands in for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendar {
    Year,
    Month,
}

impl Calendar {
    fn name(self) -> &'static str {
        match self {
            Calendar::Year => "year",
            Calendar::Month => "month",
        }
    }
}

/// What the code around one computation `date ± duration` says the result is meant as.
///
/// A fixed-length year or month is a bug only where the result is meant as a calendar date:
/// "same date next year", "last month". Most fixed lengths added to the clock are not: a JWT
/// `exp`, a refresh token's lifetime, a "past 30 days" report window, a default view range
/// are meant in days and compute no date anyone reads. The code usually says which: by the
/// names it gives (`last_month`, `renewal_date` against `ttl`, `thirty_days_ago`,
/// `date_range_start`), by comments (`// one year`), and by what it does with the result
/// (`.format("%Y-%m-01")`, `.with_day(1)`, `.year()` against `.timestamp()`).
#[derive(Debug, Clone, Default)]
pub struct Intent {
    /// The code names the calendar unit (`last_month`, `// one year`, `Period::Yearly =>`,
    /// calendar-month arithmetic on the same date in the same function): how.
    pub unit: Option<String>,
    /// The result is read at the unit's granularity: its month (`.month()`, `.with_day(1)`,
    /// a format with a month and no day: `%Y-%m-01`, `%B`), or for a year its year.
    pub unit_read: Option<String>,
    /// The result is read or shown as a calendar date (`.date_naive()`, `.day()`, a format
    /// with a day such as `%Y-%m-%d`, `println!`).
    pub date_read: Option<String>,
    /// The code says the length is fixed: a timestamp (`.timestamp()`), a lifetime (a TTL,
    /// max-age, cookie, token, cache, session, timeout) or a window named in days
    /// (`ThirtyDays`, `last_30_days`, `window`, `range`, `lookback`).
    pub fixed: Option<String>,
    /// The duration is subtracted from the date.
    pub subtracted: bool,
}

impl Intent {
    /// Why a finding takes the duration for a calendar `unit`: "meant as a calendar year here:
    /// named `next_renewal`".
    pub fn note(&self, unit: Calendar) -> Option<String> {
        if let Some(why) = self.unit_read.as_deref().or(self.unit.as_deref()) {
            Some(format!("meant as a calendar {} here: {why}", unit.name()))
        } else {
            self.date_read
                .as_deref()
                .map(|why| format!("meant as a calendar date here: {why}"))
        }
    }

    /// The evidence that the result is meant as a calendar date, strongest first, unless the
    /// code says the length is fixed. `date_read` alone counts only when `date_read_suffices`.
    pub fn calendar_evidence(&self, date_read_suffices: bool) -> Option<&str> {
        if self.fixed.is_some() {
            return None;
        }
        self.unit_read
            .as_deref()
            .or(self.unit.as_deref())
            .or(if date_read_suffices {
                self.date_read.as_deref()
            } else {
                None
            })
    }
}

/// What the code around each place where the duration at `e` reaches date arithmetic says
/// (one [`Intent`] per place: a `const` may be added to dates in several functions).
pub fn intents<'ast>(
    cx: &ExprCx<'_, 'ast>,
    e: &'ast Expr,
    operand: &DateOperand<'ast>,
    unit: Calendar,
) -> Vec<Intent> {
    let file: &syn::File = cx.file.file;
    let (scope, func) = match cx.func {
        Some(f) => (
            Scope::Block(f.body),
            Some(FnInfo {
                name: f.name.clone(),
                body: f.body,
            }),
        ),
        None => (Scope::File(file), None),
    };
    // The duration itself: the name it is bound to, and comments on its lines when it is
    // bound (otherwise they are the computation's lines, read with it).
    let mut base = Intent::default();
    // The names the duration is written with: `from_secs(SECONDS_PER_YEAR)`,
    // `days(365 * years)`, `from_secs(TOKEN_TTL)`, `months * 30 * 86_400`.
    let written = match crate::calls::duration_call(cx, e) {
        Some((_, arg)) => Some(arg),
        None => matches!(e, Expr::Binary(_)).then_some(e),
    };
    if let Some(arg) = written {
        for name in idents(arg) {
            note_words(
                &name,
                unit,
                &format!("the duration is written with `{name}`"),
                &mut base,
            );
        }
    }
    #[allow(clippy::type_complexity)]
    let sites: Vec<(Located<'_>, Option<(&Expr, bool)>)> = match operand {
        DateOperand::Now => locate(scope, func.clone(), |n, _| std::ptr::eq(n, e))
            .into_iter()
            .map(|l| (l, None))
            .collect(),
        DateOperand::Expr { date, subtracted } => {
            let Some(arith) = cx
                .parents
                .iter()
                .rev()
                .copied()
                .find(|p| is_arith_with(p, date))
            else {
                return Vec::new();
            };
            locate(scope, func.clone(), |n, _| std::ptr::eq(n, arith))
                .into_iter()
                .map(|l| (l, Some((*date, *subtracted))))
                .collect()
        }
        DateOperand::Text { .. } => {
            let Some(name) = cx
                .let_name
                .map(str::to_string)
                .or_else(|| const_name(cx, e))
            else {
                return Vec::new();
            };
            note_words(
                &name,
                unit,
                &format!("the duration is named `{name}`"),
                &mut base,
            );
            comments_near(cx, cx.span(e), unit, &mut base);
            let scope = match (cx.func, cx.let_name) {
                (Some(f), Some(_)) => Scope::Block(f.body),
                _ => Scope::File(file),
            };
            locate(scope, func.clone(), |n, _| {
                arith_with_name(n, &name).is_some_and(|(date, _)| {
                    let text = values::tokens(date);
                    date_like_text(&text) && !text.contains("Instant")
                })
            })
            .into_iter()
            .map(|l| {
                let date = arith_with_name(l.node, &name);
                (l, date)
            })
            .collect()
        }
    };
    sites
        .iter()
        .map(|(site, date)| {
            let mut intent = base.clone();
            site_intent(cx, site, *date, unit, &mut intent);
            intent
        })
        .collect()
}

/// The evidence at one `date ± duration`.
fn site_intent<'x>(
    cx: &ExprCx<'_, '_>,
    site: &Located<'x>,
    date: Option<(&Expr, bool)>,
    unit: Calendar,
    intent: &mut Intent,
) {
    comments_near(cx, cx.span(site.node), unit, intent);
    // The date's own name: `birthday + 365 days`, `cache_time + ..`.
    if let Some((date, subtracted)) = date {
        intent.subtracted = subtracted;
        if let Some(name) = plain_name(date) {
            note_words(&name, unit, &format!("added to `{name}`"), intent);
        }
    }
    let mut names = Vec::new();
    if let Some((date, _)) = date {
        names.extend(plain_name(date));
    }
    follow(cx, site, unit, 0, intent, &mut names);
    // Calendar arithmetic on the same date or on the result, in the same function.
    if intent.unit.is_none() {
        if let Some(f) = &site.func {
            if let Some(how) = calendar_arithmetic_on(f.body, &names, unit) {
                intent.unit = Some(how);
            }
        }
    }
}

/// `e` is `date ± x` or `date.checked_add(x)` and the like, with `date` one of its operands.
fn is_arith_with(e: &Expr, date: &Expr) -> bool {
    match e {
        Expr::Binary(b) => std::ptr::eq(&*b.left, date) || std::ptr::eq(&*b.right, date),
        Expr::MethodCall(m) => std::ptr::eq(&*m.receiver, date),
        _ => false,
    }
}

/// `x + name`, `x += name`, `x - name`, `x.checked_add(name)`: `x`.
fn arith_with_name<'ast>(e: &'ast Expr, name: &str) -> Option<(&'ast Expr, bool)> {
    let is_name = |e: &Expr| matches!(values::peel(e), Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == name));
    match e {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_) | syn::BinOp::AddAssign(_)) => {
            if is_name(&b.right) {
                Some((&b.left, false))
            } else if is_name(&b.left) {
                Some((&b.right, false))
            } else {
                None
            }
        }
        Expr::Binary(b)
            if matches!(b.op, syn::BinOp::Sub(_) | syn::BinOp::SubAssign(_))
                && is_name(&b.right) =>
        {
            Some((&b.left, true))
        }
        Expr::MethodCall(m) if m.args.iter().any(is_name) => {
            let method = m.method.to_string();
            if ADD_METHODS.contains(&method.as_str()) {
                Some((&m.receiver, false))
            } else if SUB_METHODS.contains(&method.as_str()) {
                Some((&m.receiver, true))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A variable or field as written (`now`, `self.renewal`), for its words.
fn plain_name(e: &Expr) -> Option<String> {
    match values::peel(e) {
        Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Expr::Field(f) => match &f.member {
            syn::Member::Named(n) => Some(n.to_string()),
            syn::Member::Unnamed(_) => None,
        },
        Expr::Unary(u) => plain_name(&u.expr),
        _ => None,
    }
}

/// Follows the value of `site.node` outwards: through parentheses, unwraps, blocks and match
/// arms, into a `let` (and that variable's uses), a struct field, an assignment, a call or a
/// method call, recording what each says. `names`: variables that hold the result.
fn follow<'x>(
    cx: &ExprCx<'_, '_>,
    site: &Located<'x>,
    unit: Calendar,
    depth: u32,
    intent: &mut Intent,
    names: &mut Vec<String>,
) {
    let mut child: &'x Expr = site.node;
    let mut frames = site.frames.iter().rev();
    while let Some(frame) = frames.next() {
        match *frame {
            Frame::Arm(arm) => {
                if !std::ptr::eq(&*arm.body, child) {
                    return;
                }
                for name in pattern_variants(&arm.pat) {
                    note_words(&name, unit, &format!("in the match arm `{name}`"), intent);
                }
                continue;
            }
            Frame::Field(fv) => {
                if let syn::Member::Named(n) = &fv.member {
                    let n = n.to_string();
                    note_words(&n, unit, &format!("stored in `{n}`"), intent);
                }
                // The struct's own name: `jwt_refresh_storage::Model { .. }`, `Claims { .. }`.
                if let Some(Frame::Expr(Expr::Struct(s))) = frames.next() {
                    for seg in &s.path.segments {
                        let n = seg.ident.to_string();
                        note_words(&n, unit, &format!("stored in a `{n}`"), intent);
                    }
                }
                return;
            }
            Frame::Let(l) => {
                let is_init = l
                    .init
                    .as_ref()
                    .is_some_and(|i| std::ptr::eq(&*i.expr, child));
                let Some(name) = pat_name(&l.pat).filter(|_| is_init) else {
                    return;
                };
                note_words(&name, unit, &format!("named `{name}`"), intent);
                names.push(name.clone());
                if depth < 2 {
                    if let Some(f) = &site.func {
                        let after = l.span().end();
                        let uses = locate(Scope::Block(f.body), Some(f.clone()), |n, _| {
                            matches!(n, Expr::Path(p) if p.path.is_ident(&name))
                                && crate::bindings::before(after, n.span().start())
                        });
                        for u in &uses {
                            follow(cx, u, unit, depth + 1, intent, names);
                        }
                    }
                }
                return;
            }
            Frame::Expr(parent) => {
                match parent {
                    Expr::Paren(_)
                    | Expr::Group(_)
                    | Expr::Reference(_)
                    | Expr::Cast(_)
                    | Expr::Try(_)
                    | Expr::Await(_)
                    | Expr::Tuple(_)
                    | Expr::Array(_) => {}
                    Expr::Block(b) if is_tail(&b.block, child) => {}
                    Expr::If(i)
                        if is_tail(&i.then_branch, child)
                            || i.else_branch
                                .as_ref()
                                .is_some_and(|(_, e)| std::ptr::eq(&**e, child)) => {}
                    Expr::Match(m) if m.arms.iter().any(|a| std::ptr::eq(&*a.body, child)) => {}
                    Expr::MethodCall(m) if std::ptr::eq(&*m.receiver, child) => {
                        if !read_of_result(cx, m, unit, intent) {
                            return;
                        }
                    }
                    Expr::MethodCall(m) => {
                        let method = m.method.to_string();
                        note_words(&method, unit, &format!("passed to `{method}`"), intent);
                        if let Some(r) = plain_name(&m.receiver) {
                            note_words(&r, unit, &format!("passed to `{r}.{method}`"), intent);
                        }
                        return;
                    }
                    Expr::Call(c) => {
                        if let Some(mac) = crate::macros::macro_name(parent) {
                            if SHOWING_MACROS.contains(&mac) {
                                intent
                                    .date_read
                                    .get_or_insert_with(|| format!("shown by `{mac}!`"));
                            }
                            return;
                        }
                        let Expr::Path(p) = &*c.func else { return };
                        let Some(last) = p.path.segments.last() else {
                            return;
                        };
                        let callee = last.ident.to_string();
                        let wrapper = matches!(callee.as_str(), "Some" | "Ok")
                            || callee == "new"
                                && p.path.segments.len() == 2
                                && matches!(
                                    p.path.segments[0].ident.to_string().as_str(),
                                    "Box" | "Rc" | "Arc"
                                );
                        if !wrapper {
                            note_words(&callee, unit, &format!("passed to `{callee}`"), intent);
                            return;
                        }
                    }
                    Expr::Binary(b) => {
                        use syn::BinOp::*;
                        match b.op {
                            Lt(_) | Le(_) | Gt(_) | Ge(_) | Eq(_) | Ne(_) => {
                                let other = if std::ptr::eq(&*b.left, child) {
                                    &b.right
                                } else {
                                    &b.left
                                };
                                if let Some(n) = plain_name(other) {
                                    note_words(&n, unit, &format!("compared with `{n}`"), intent);
                                }
                                return;
                            }
                            // `now + year + Duration::hours(1)`: still the date.
                            Add(_) | Sub(_) if std::ptr::eq(&*b.left, child) => {}
                            _ => return,
                        }
                    }
                    Expr::Assign(a) if std::ptr::eq(&*a.right, child) => {
                        let target = values::tokens(&a.left);
                        note_words(&target, unit, &format!("stored in `{target}`"), intent);
                        return;
                    }
                    Expr::Return(_) => {
                        if let Some(f) = &site.func {
                            note_words(&f.name, unit, &format!("returned by `{}`", f.name), intent);
                        }
                        return;
                    }
                    _ => return,
                }
                child = parent;
            }
        }
    }
    // The top of the function: its value is what the function returns, or, for
    // `*date -= d` as its last statement, what the function does to the date it is given.
    if let Some(f) = &site.func {
        if is_tail(f.body, child) {
            note_words(&f.name, unit, &format!("returned by `{}`", f.name), intent);
        } else if is_last_assignment(f.body, child) {
            note_words(&f.name, unit, &format!("written by `{}`", f.name), intent);
        }
    }
}

/// `e` is an assignment (`x = ..`, `x += ..`, `*date -= ..`) and `block`'s last statement.
fn is_last_assignment(block: &syn::Block, e: &Expr) -> bool {
    use syn::BinOp::*;
    let assignment = match e {
        Expr::Assign(_) => true,
        Expr::Binary(b) => matches!(b.op, AddAssign(_) | SubAssign(_)),
        _ => false,
    };
    assignment && matches!(block.stmts.last(), Some(syn::Stmt::Expr(t, _)) if std::ptr::eq(t, e))
}

/// The variables and constants named in `e` (the last segment of each path).
fn idents(e: &Expr) -> Vec<String> {
    use syn::visit::Visit;
    struct V(Vec<String>);
    impl<'ast> Visit<'ast> for V {
        fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
            if let Some(s) = p.path.segments.last() {
                self.0.push(s.ident.to_string());
            }
        }
    }
    let mut v = V(Vec::new());
    v.visit_expr(e);
    v.0
}

/// Macros that show a value to a person.
const SHOWING_MACROS: &[&str] = &[
    "format", "print", "println", "eprint", "eprintln", "write", "writeln",
];

/// What a method called on the result says; true when the value goes on as the same date
/// (`.unwrap()`, `.date_naive()`), false when it is used up here.
fn read_of_result(
    cx: &ExprCx<'_, '_>,
    m: &syn::ExprMethodCall,
    unit: Calendar,
    intent: &mut Intent,
) -> bool {
    let method = m.method.to_string();
    let call = || format!("`{}`", short(cx.text(m)));
    match method.as_str() {
        "unwrap" | "expect" | "unwrap_or" | "unwrap_or_else" | "unwrap_or_default" | "into"
        | "try_into" | "clone" | "to_owned" | "ok" | "naive_utc" | "naive_local"
        | "with_timezone" | "and_utc" | "to_offset" | "to_timezone" | "in_tz" | "to_zoned"
        | "fixed_offset" | "and_local_timezone" | "single" | "earliest" | "latest" => true,
        "date_naive" | "date" | "to_date" | "naive_date" => {
            intent
                .date_read
                .get_or_insert_with(|| format!("read as a date by {}", call()));
            true
        }
        "timestamp"
        | "timestamp_millis"
        | "timestamp_micros"
        | "timestamp_nanos"
        | "timestamp_nanos_opt"
        | "timestamp_subsec_millis"
        | "unix_timestamp"
        | "unix_timestamp_nanos"
        | "as_second"
        | "as_millisecond"
        | "as_microsecond"
        | "as_nanosecond"
        | "duration_since"
        | "signed_duration_since"
        | "elapsed"
        | "as_secs" => {
            intent
                .fixed
                .get_or_insert_with(|| format!("read as a timestamp by {}", call()));
            false
        }
        "format" | "strftime" => {
            let fmt = m.args.first().map(format_text).unwrap_or_default();
            if format_granularity(&fmt) == Some(unit) {
                intent
                    .unit_read
                    .get_or_insert_with(|| format!("read as a {} by {}", unit.name(), call()));
            } else if fmt.is_empty() || format_has_date(&fmt) {
                // A full date, or a format we cannot read: the date is shown.
                intent
                    .date_read
                    .get_or_insert_with(|| format!("shown as a date by {}", call()));
            }
            false
        }
        _ => {
            if let Some(g) = field_granularity(&method) {
                if g == Some(unit) {
                    intent
                        .unit_read
                        .get_or_insert_with(|| format!("read as a {} by {}", unit.name(), call()));
                } else {
                    intent
                        .date_read
                        .get_or_insert_with(|| format!("read as a date by {}", call()));
                }
            }
            false
        }
    }
}

/// A calendar field read or set on a date, and the unit it reads the date at: `.month()` and
/// `.with_day(1)` read the date's month, `.year()` its year, `.day()` the date itself (as
/// neither unit).
fn field_granularity(method: &str) -> Option<Option<Calendar>> {
    match method {
        "month" | "month0" | "with_day" | "with_day0" | "first_of_month" | "last_of_month" => {
            Some(Some(Calendar::Month))
        }
        "year" | "year_ce" | "with_month" | "with_month0" | "with_ordinal" | "first_of_year"
        | "last_of_year" => Some(Some(Calendar::Year)),
        "day" | "day0" | "ordinal" | "ordinal0" | "weekday" | "iso_week" => Some(None),
        _ => None,
    }
}

/// The text of a format argument: a string literal, or the value of a same-file string
/// constant is not followed (returns "").
fn format_text(e: &Expr) -> String {
    match values::peel(e) {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => s.value(),
        _ => String::new(),
    }
}

/// The conversion letters of a strftime format (`%-m` → `m`) and the components of a `time`
/// format description (`[month]` → `month`).
fn format_specs(fmt: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            while chars
                .peek()
                .is_some_and(|c| matches!(c, '-' | '_' | '0' | '^' | '#' | ':'))
            {
                chars.next();
            }
            if let Some(l) = chars.next() {
                out.push(l.to_string());
            }
        } else if c == '[' {
            let word: String = chars
                .by_ref()
                .take_while(|c| *c != ']')
                .collect::<String>()
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
            out.push(format!("[{word}"));
        }
    }
    out
}

/// The unit a format shows a date at: a month with no day (`%Y-%m-01`, `%B %Y`) is a month,
/// a year alone a year; `None` for a full date (or no date).
fn format_granularity(fmt: &str) -> Option<Calendar> {
    let specs = format_specs(fmt);
    let has = |set: &[&str]| specs.iter().any(|s| set.contains(&s.as_str()));
    let day = has(&[
        "d", "e", "j", "F", "D", "x", "c", "+", "v", "[day", "[ordinal",
    ]);
    let month = has(&["m", "b", "B", "h", "[month"]);
    let year = has(&["Y", "y", "G", "g", "C", "[year"]);
    match (year, month, day) {
        (_, true, false) => Some(Calendar::Month),
        (true, false, false) => Some(Calendar::Year),
        _ => None,
    }
}

fn format_has_date(fmt: &str) -> bool {
    let specs = format_specs(fmt);
    specs.iter().any(|s| {
        [
            "d", "e", "j", "F", "D", "x", "c", "+", "v", "m", "b", "B", "h", "Y", "y", "G", "g",
            "C", "[day", "[ordinal", "[month", "[year",
        ]
        .contains(&s.as_str())
    })
}

/// The variant names a match arm's pattern tests (`Range::ThirtyDays` → `ThirtyDays`).
fn pattern_variants(pat: &syn::Pat) -> Vec<String> {
    use syn::visit::Visit;
    struct V(Vec<String>);
    impl<'ast> Visit<'ast> for V {
        fn visit_path(&mut self, p: &'ast syn::Path) {
            if let Some(s) = p.segments.last() {
                self.0.push(s.ident.to_string());
            }
        }
    }
    let mut v = V(Vec::new());
    v.visit_pat(pat);
    v.0
}

fn pat_name(p: &syn::Pat) -> Option<String> {
    match p {
        syn::Pat::Ident(i) => Some(i.ident.to_string()),
        syn::Pat::Type(t) => pat_name(&t.pat),
        _ => None,
    }
}

/// `block`'s value is `e` (its last statement, without a semicolon).
fn is_tail(block: &syn::Block, e: &Expr) -> bool {
    matches!(block.stmts.last(), Some(syn::Stmt::Expr(t, None)) if std::ptr::eq(t, e))
}

/// The same function also does calendar arithmetic of `unit` on one of `names` (the date the
/// duration is added to, or a variable holding the result): `now.checked_add_months(..)` next
/// to `now + 30 days` says the code means months.
fn calendar_arithmetic_on(body: &syn::Block, names: &[String], unit: Calendar) -> Option<String> {
    use syn::visit::Visit;
    struct V<'n> {
        names: &'n [String],
        unit: Calendar,
        found: Option<String>,
    }
    impl V<'_> {
        fn is_name(&self, e: &Expr) -> Option<String> {
            match values::peel(e) {
                Expr::Path(p) => p
                    .path
                    .get_ident()
                    .map(|i| i.to_string())
                    .filter(|n| self.names.contains(n)),
                _ => None,
            }
        }
        fn is_calendar(&self, method: &str, args: &str) -> bool {
            let months = || {
                ["Months", ".month", ".months", "months("]
                    .iter()
                    .any(|w| args.contains(w))
            };
            match self.unit {
                Calendar::Month => {
                    matches!(
                        method,
                        "checked_add_months" | "checked_sub_months" | "with_month" | "with_month0"
                    ) || ADD_METHODS.contains(&method) && months()
                        || SUB_METHODS.contains(&method) && months()
                }
                Calendar::Year => {
                    method == "with_year"
                        || (matches!(method, "checked_add_months" | "checked_sub_months")
                            && args.contains("12"))
                        || (ADD_METHODS.contains(&method) || SUB_METHODS.contains(&method))
                            && [".year", ".years", "years("]
                                .iter()
                                .any(|w| args.contains(w))
                }
            }
        }
    }
    impl<'ast> Visit<'ast> for V<'_> {
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if self.found.is_none() {
                if let Some(n) = self.is_name(&m.receiver) {
                    let method = m.method.to_string();
                    let args = values::tokens(&m.args);
                    if self.is_calendar(&method, &args) {
                        self.found = Some(format!(
                            "`{n}` also gets calendar-{} arithmetic: `{}`",
                            self.unit.name(),
                            short(&values::tokens(m))
                        ));
                    }
                }
            }
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
            if self.found.is_none() && matches!(b.op, syn::BinOp::Add(_) | syn::BinOp::Sub(_)) {
                if let Some(n) = self.is_name(&b.left) {
                    let right = values::tokens(&b.right);
                    let months = right.contains("Months::new");
                    let twelve = right.contains("12");
                    if months && (self.unit == Calendar::Month || twelve) {
                        self.found = Some(format!(
                            "`{n}` also gets calendar-{} arithmetic: `{}`",
                            self.unit.name(),
                            short(&values::tokens(b))
                        ));
                    }
                }
            }
            syn::visit::visit_expr_binary(self, b);
        }
    }
    if names.is_empty() {
        return None;
    }
    let mut v = V {
        names,
        unit,
        found: None,
    };
    v.visit_block(body);
    v.found
}

/// Comments on the lines of `span` and the comment lines right above it: `// one year` says a
/// calendar year, `// look ahead 30 days` a window.
fn comments_near(cx: &ExprCx<'_, '_>, span: crate::Span, unit: Calendar, intent: &mut Intent) {
    let src = cx.file.src;
    let Some(before) = src.get(..span.start) else {
        return;
    };
    // The lines the node is on, from the start of its first line to the end of its last.
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[span.end..]
        .find('\n')
        .map_or(src.len(), |i| span.end + i);
    let mut texts: Vec<&str> = src[line_start..line_end]
        .lines()
        .filter_map(line_comment)
        .collect();
    // Up to two comment-only lines directly above.
    for l in src[..line_start].lines().rev().take(2) {
        match l.trim_start().strip_prefix("//") {
            Some(c) if !c.starts_with('/') && !c.starts_with('!') => texts.push(c.trim()),
            _ => break,
        }
    }
    for t in texts.into_iter().filter(|t| !tool_comment(t)) {
        note_words(t, unit, &format!("commented `// {}`", short(t)), intent);
    }
}

/// A comment written for a tool, not a reader: a suppression (`leapcheck:allow(..)`) or a UI
/// test marker (`//~ WARN hand_built_year_duration`). The lint names in them say nothing about
/// what the code means.
fn tool_comment(text: &str) -> bool {
    text.starts_with('~') || text.contains("leapcheck:") || text.contains("leapcheck::")
}

/// The `//` comment of a line of code, outside string literals.
fn line_comment(line: &str) -> Option<&str> {
    let mut in_str = false;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '"' if prev != '\\' => in_str = !in_str,
            '/' if !in_str && prev == '/' => {
                let rest = &line[i + 1..];
                return (!rest.starts_with('/') && !rest.starts_with('!')).then(|| rest.trim());
            }
            _ => {}
        }
        prev = c;
    }
    None
}

/// Records what the words of an identifier or comment say.
fn note_words(text: &str, unit: Calendar, how: &str, intent: &mut Intent) {
    let w = words(text);
    let fixed = fixed_word(&w);
    if (fixed.is_none() || fixed.as_deref() == Some("days")) && per_unit(&w, unit) {
        // `DAYS_PER_YEAR`, `SECS_IN_A_MONTH`: the length of the unit, meant as the unit.
        intent.unit.get_or_insert_with(|| how.to_string());
    } else if let Some(word) = fixed {
        intent
            .fixed
            .get_or_insert_with(|| format!("{how} ({word})"));
    } else if unit_word(&w, unit) {
        intent.unit.get_or_insert_with(|| how.to_string());
    }
}

/// Lower-case words of an identifier or a comment: `lastMonth`, `last_month` → last, month;
/// `ThirtyDays` → thirty, days; `last30days` → last, 30, days.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev = None;
            continue;
        }
        let boundary = match prev {
            Some(p) => {
                (p.is_lowercase() && c.is_uppercase()) || (p.is_ascii_digit() != c.is_ascii_digit())
            }
            None => false,
        };
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.extend(c.to_lowercase());
        prev = Some(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// "per year", "in a month": words that give the length of one `unit` (`DAYS_PER_YEAR`).
fn per_unit(words: &[String], unit: Calendar) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        let rest = match words.get(i + 1).map(String::as_str) {
            Some("a" | "one") => &words[(i + 2).min(words.len())..],
            _ => &words[(i + 1).min(words.len())..],
        };
        matches!(w.as_str(), "per" | "in")
            && rest
                .first()
                .is_some_and(|next| unit_word(std::slice::from_ref(next), unit))
    })
}

/// A word that names the calendar unit: year, yearly, annual, anniversary, birthday, renewal
/// for a year; month, monthly, renewal for a month.
fn unit_word(words: &[String], unit: Calendar) -> bool {
    words.iter().any(|w| {
        let w = w.as_str();
        w.starts_with("renew")
            || match unit {
                Calendar::Year => {
                    matches!(w, "year" | "years" | "yearly" | "yr" | "yrs" | "annum")
                        || w.starts_with("annual")
                        || w.starts_with("anniversar")
                        || w.starts_with("birthday")
                }
                Calendar::Month => matches!(w, "month" | "months" | "monthly"),
            }
    })
}

/// A word that says the length is fixed: a lifetime (TTL, max-age, cookie, token, cache,
/// session, timeout) or a window named in days (`days`, window, range, lookback, look ahead).
fn fixed_word(words: &[String]) -> Option<String> {
    const LIFETIME: &[&str] = &[
        "ttl", "maxage", "cookie", "cookies", "token", "tokens", "jwt", "session", "sessions",
        "cache", "cached", "caching", "timeout", "timeouts", "exp", "nbf", "iat", "lease",
        "leases", "lifetime",
    ];
    const WINDOW: &[&str] = &[
        "days",
        "window",
        "windows",
        "range",
        "ranges",
        "lookback",
        "lookahead",
        "rolling",
        "trailing",
    ];
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).map(String::as_str);
        if LIFETIME.contains(&w.as_str()) || WINDOW.contains(&w.as_str()) {
            return Some(w.clone());
        }
        match (w.as_str(), next) {
            ("max", Some("age")) => return Some("max-age".to_string()),
            ("look", Some(n @ ("ahead" | "back" | "forward"))) => return Some(format!("look {n}")),
            _ => {}
        }
    }
    None
}

/// At most 60 characters of code, for messages.
fn short(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 60 {
        one_line
    } else {
        format!("{}..", one_line.chars().take(58).collect::<String>())
    }
}

// ------------------------------------------------------------------ locating code with context

/// A function, for its name and body.
#[derive(Clone)]
struct FnInfo<'ast> {
    name: String,
    body: &'ast syn::Block,
}

/// What encloses a node: expressions, and the syntax that is not one but says what the value is
/// for (a `let`, a struct field, a match arm).
#[derive(Clone, Copy)]
enum Frame<'ast> {
    Expr(&'ast Expr),
    Let(&'ast syn::Local),
    Field(&'ast syn::FieldValue),
    Arm(&'ast syn::Arm),
}

/// A node with everything enclosing it (outermost first) up to its function.
struct Located<'ast> {
    node: &'ast Expr,
    frames: Vec<Frame<'ast>>,
    func: Option<FnInfo<'ast>>,
}

#[derive(Clone, Copy)]
enum Scope<'ast> {
    Block(&'ast syn::Block),
    File(&'ast syn::File),
}

fn locate<'ast>(
    scope: Scope<'ast>,
    func: Option<FnInfo<'ast>>,
    pred: impl Fn(&'ast Expr, &[Frame<'ast>]) -> bool,
) -> Vec<Located<'ast>> {
    use syn::visit::Visit;
    struct L<'ast, P> {
        pred: P,
        frames: Vec<Frame<'ast>>,
        fns: Vec<FnInfo<'ast>>,
        out: Vec<Located<'ast>>,
    }
    impl<'ast, P: Fn(&'ast Expr, &[Frame<'ast>]) -> bool> L<'ast, P> {
        fn with_fn(&mut self, name: String, body: &'ast syn::Block, f: impl FnOnce(&mut Self)) {
            self.fns.push(FnInfo { name, body });
            let saved = std::mem::take(&mut self.frames);
            f(self);
            self.frames = saved;
            self.fns.pop();
        }
    }
    impl<'ast, P: Fn(&'ast Expr, &[Frame<'ast>]) -> bool> Visit<'ast> for L<'ast, P> {
        fn visit_expr(&mut self, e: &'ast Expr) {
            if (self.pred)(e, &self.frames) {
                self.out.push(Located {
                    node: e,
                    frames: self.frames.clone(),
                    func: self.fns.last().cloned(),
                });
            }
            self.frames.push(Frame::Expr(e));
            syn::visit::visit_expr(self, e);
            self.frames.pop();
        }
        fn visit_local(&mut self, l: &'ast syn::Local) {
            self.frames.push(Frame::Let(l));
            syn::visit::visit_local(self, l);
            self.frames.pop();
        }
        fn visit_field_value(&mut self, f: &'ast syn::FieldValue) {
            self.frames.push(Frame::Field(f));
            syn::visit::visit_field_value(self, f);
            self.frames.pop();
        }
        fn visit_arm(&mut self, a: &'ast syn::Arm) {
            self.frames.push(Frame::Arm(a));
            syn::visit::visit_arm(self, a);
            self.frames.pop();
        }
        fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}
        fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
            self.with_fn(f.sig.ident.to_string(), &f.block, |s| {
                syn::visit::visit_item_fn(s, f)
            });
        }
        fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
            self.with_fn(f.sig.ident.to_string(), &f.block, |s| {
                syn::visit::visit_impl_item_fn(s, f)
            });
        }
        fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
            match &f.default {
                Some(b) => self.with_fn(f.sig.ident.to_string(), b, |s| {
                    syn::visit::visit_trait_item_fn(s, f)
                }),
                None => syn::visit::visit_trait_item_fn(self, f),
            }
        }
    }
    let mut l = L {
        pred,
        frames: Vec::new(),
        fns: func.into_iter().collect(),
        out: Vec::new(),
    };
    match scope {
        Scope::Block(b) => l.visit_block(b),
        Scope::File(f) => l.visit_file(f),
    }
    l.out
}

/// `n` days before `d`.
pub fn sub_days(mut d: crate::calendar::CivilDate, n: u32) -> crate::calendar::CivilDate {
    use crate::calendar::{days_in_month, CivilDate};
    for _ in 0..n {
        d = if d.day > 1 {
            CivilDate::new(d.year, d.month, d.day - 1)
        } else if d.month > 1 {
            CivilDate::new(d.year, d.month - 1, days_in_month(d.year, d.month - 1))
        } else {
            CivilDate::new(d.year - 1, 12, 31)
        };
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::CivilDate;
    use crate::{check_source, Options};

    /// What the words of `text` say about `unit`: "unit", "fixed" or "".
    fn says(text: &str, unit: Calendar) -> &'static str {
        let mut intent = Intent::default();
        note_words(text, unit, "how", &mut intent);
        match (intent.unit.is_some(), intent.fixed.is_some()) {
            (true, false) => "unit",
            (false, true) => "fixed",
            (false, false) => "",
            (true, true) => unreachable!("one text gives one kind of evidence"),
        }
    }

    /// The intent note ("meant as a calendar ... here: ...") of each finding of `lint` in
    /// `body` (a function's statements; `today`, `now` and `start` are dates), in source
    /// order; "" for a finding without one.
    fn notes(lint: &str, src: &str) -> Vec<String> {
        let src = format!(
            "use chrono::{{Datelike, DateTime, Months, NaiveDate, TimeDelta, Utc}};\n\
             use std::time::{{Duration, SystemTime}};\n{src}"
        );
        let opts = Options {
            today: CivilDate::new(2026, 11, 24),
            ..Options::default()
        };
        check_source(&src, &opts)
            .expect("parses")
            .into_iter()
            .filter(|d| d.lint.name == lint)
            .map(|d| {
                d.notes
                    .iter()
                    .find(|n| n.starts_with("meant as"))
                    .cloned()
                    .unwrap_or_default()
            })
            .collect()
    }

    const YEAR: &str = "hand_built_year_duration";
    const MONTH: &str = "hand_built_month_duration";

    #[test]
    fn words_split_identifiers_and_comments() {
        assert_eq!(words("lastMonth"), ["last", "month"]);
        assert_eq!(words("LAST_30_DAYS"), ["last", "30", "days"]);
        assert_eq!(words("ThirtyDays"), ["thirty", "days"]);
        assert_eq!(words("last30days"), ["last", "30", "days"]);
        assert_eq!(words("one year, later"), ["one", "year", "later"]);
    }

    #[test]
    fn names_and_comments_say_the_unit_or_a_fixed_length() {
        use Calendar::*;
        for (text, unit, want) in [
            ("next_year", Year, "unit"),
            ("renews_on", Year, "unit"),
            ("birthday", Year, "unit"),
            ("SECONDS_PER_YEAR", Year, "unit"),
            ("DAYS_PER_YEAR", Year, "unit"),
            ("days in a month", Month, "unit"),
            ("Monthly", Month, "unit"),
            ("last_month", Month, "unit"),
            // A month word is not a year word, and the reverse.
            ("last_month", Year, ""),
            ("yearly", Month, ""),
            // Lifetimes and windows counted in days.
            ("ttl", Month, "fixed"),
            ("refresh_token_expiry", Month, "fixed"),
            ("max_age", Year, "fixed"),
            ("maxAge", Year, "fixed"),
            ("ThirtyDays", Month, "fixed"),
            ("last_365_days", Year, "fixed"),
            ("365 days, not a year", Year, "fixed"),
            ("look ahead 1 year", Year, "fixed"),
            ("cache entries expire in a year", Year, "fixed"),
            ("date_range_start", Month, "fixed"),
            // Neither.
            ("expiry", Year, ""),
            ("next_charge", Month, ""),
        ] {
            assert_eq!(says(text, unit), want, "{text:?} for a {}", unit.name());
        }
    }

    #[test]
    fn formats_are_read_at_their_unit() {
        assert_eq!(format_granularity("%Y-%m-01"), Some(Calendar::Month));
        assert_eq!(format_granularity("%B %Y"), Some(Calendar::Month));
        assert_eq!(format_granularity("%Y"), Some(Calendar::Year));
        assert_eq!(format_granularity("[year]-[month]"), Some(Calendar::Month));
        assert_eq!(format_granularity("%Y-%m-%d"), None);
        assert_eq!(format_granularity("%H:%M"), None);
        assert!(format_has_date("%Y-%m-%d"));
        assert!(format_has_date("%-d %b"));
        assert!(!format_has_date("%H:%M:%S"));
    }

    #[test]
    fn comments_for_tools_are_not_read() {
        assert_eq!(
            line_comment("a + b // one year later"),
            Some("one year later")
        );
        assert_eq!(
            line_comment(r#"f("http://x") // one year"#),
            Some("one year")
        );
        assert_eq!(line_comment("a + b /// doc"), None);
        assert!(tool_comment("~ WARN hand_built_year_duration"));
        assert!(tool_comment(
            "leapcheck:allow(hand_built_year_duration) a year"
        ));
        assert!(!tool_comment("one year later"));
    }

    #[test]
    fn evidence_for_a_year() {
        let found = notes(
            YEAR,
            "fn a(today: NaiveDate) -> NaiveDate {
                let next_year = today + TimeDelta::days(365);
                next_year
            }
            fn b(today: NaiveDate) -> NaiveDate {
                // one year later
                today + TimeDelta::days(365)
            }
            fn c(today: NaiveDate) -> i32 {
                (today + TimeDelta::days(365)).year()
            }
            fn d(today: NaiveDate) {
                println!(\"{}\", today + TimeDelta::days(365));
            }
            fn e(today: NaiveDate) -> (NaiveDate, Option<NaiveDate>) {
                let x = today + TimeDelta::days(365);
                (x, today.checked_add_months(Months::new(12)))
            }",
        );
        assert_eq!(
            found,
            [
                "meant as a calendar year here: named `next_year`",
                "meant as a calendar year here: commented `// one year later`",
                "meant as a calendar year here: read as a year by `(today + TimeDelta::days(365)).year()`",
                "meant as a calendar date here: shown by `println!`",
                "meant as a calendar year here: `today` also gets calendar-year arithmetic: \
                 `today.checked_add_months(Months::new(12))`",
            ]
        );
    }

    #[test]
    fn a_fixed_length_or_no_evidence_is_silent() {
        let found = notes(
            YEAR,
            "fn exp() -> i64 {
                (Utc::now() + TimeDelta::days(5 * 365)).timestamp()
            }
            fn refresh() -> DateTime<Utc> {
                let ttl = TimeDelta::days(365);
                Utc::now() + ttl
            }
            fn later(start: NaiveDate) -> NaiveDate {
                start + TimeDelta::days(365)
            }
            fn since(today: NaiveDate) {
                println!(\"{}\", today - TimeDelta::days(365));
            }
            fn next_year_window(today: NaiveDate) -> NaiveDate {
                let window_end = today + TimeDelta::days(365);
                window_end
            }",
        );
        // The last one has both: a window named in days wins over the function's name.
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn evidence_for_a_month() {
        let found = notes(
            MONTH,
            "fn a(now: NaiveDate) -> String {
                (now - TimeDelta::days(30)).format(\"%Y-%m-01\").to_string()
            }
            fn b(now: NaiveDate) -> Option<NaiveDate> {
                (now + TimeDelta::days(30)).with_day(1)
            }
            fn back_a_month(date: &mut NaiveDate) {
                *date -= TimeDelta::days(31);
            }
            // A date only shown is not enough for a month: a 30-day term.
            fn due(issued: NaiveDate) {
                println!(\"{}\", issued + TimeDelta::days(30));
            }",
        );
        assert_eq!(
            found,
            [
                "meant as a calendar month here: read as a month by \
                 `(now - TimeDelta::days(30)).format(\"%Y-%m-01\")`",
                "meant as a calendar month here: read as a month by \
                 `(now + TimeDelta::days(30)).with_day(1)`",
                "meant as a calendar month here: written by `back_a_month`",
            ]
        );
    }

    #[test]
    fn subtraction_notes_go_back_to_a_day_that_fails() {
        let opts = Options {
            today: CivilDate::new(2026, 11, 24),
            ..Options::default()
        };
        let src = "use chrono::{Datelike, NaiveDate, TimeDelta};
            fn a(now: NaiveDate) -> String {
                (now - TimeDelta::days(30)).format(\"%Y-%m-01\").to_string()
            }
            fn b(today: NaiveDate) -> i32 {
                (today - TimeDelta::days(365)).year()
            }
            fn c(today: NaiveDate) -> NaiveDate {
                let last_year = today - TimeDelta::days(365);
                last_year
            }";
        let first_notes: Vec<String> = check_source(src, &opts)
            .unwrap()
            .into_iter()
            .map(|d| d.notes[0].clone())
            .collect();
        assert_eq!(
            first_notes,
            [
                // Dec 31 - 30 days = Dec 1: the same month.
                "from 2026-12-31, one month earlier is in November 2026, but 30 days earlier is \
                 2026-12-01, in December 2026",
                // 2028 has 366 days: Dec 31 is day 366, and 365 days earlier is day 1.
                "from 2028-12-31, one year earlier is in 2027, but 365 days earlier is \
                 2028-01-01, in 2028",
                // 2028-03-01 - 366 days = 2027-03-01 (Feb 29 in between), so - 365 = Mar 2.
                "from 2028-03-01, one year earlier is 2027-03-01, but 365 days earlier is \
                 2027-03-02",
            ]
        );
    }
}

/// The fix of a fixed-length year or month added to a chrono date: calendar months instead.
/// `d + Duration::days(365)` becomes `d + Months::new(12)` and
/// `d.checked_add_signed(Duration::days(30))` becomes `d.checked_add_months(Months::new(1))`;
/// `months_in` says how many months a number of whole days stands for. Unsafe: the result
/// changes on purpose (a year later from Feb 29 is Feb 28; a month later from Jan 31 is the end
/// of February). Offered only for chrono's durations, and for `+`/`-` only on a value with no
/// DST gap (naive, UTC, a fixed offset): adding months to a local time panics in a gap, where
/// adding a duration does not.
pub fn calendar_months_fix(
    cx: &ExprCx<'_, '_>,
    e: &Expr,
    months_in: impl Fn(u128) -> Option<u128>,
) -> Option<crate::Fix> {
    use crate::diagnostic::{Applicability, Edit, Fix};
    use crate::resolve::Crate;
    let (ctor, arg) = duration_call(cx, e)?;
    if ctor.krates != [Crate::Chrono] {
        return None;
    }
    let n = values::const_int(values::peel_parens(arg)).or_else(|| {
        let Expr::Path(p) = values::peel_parens(arg) else {
            return None;
        };
        cx.file
            .const_value(&p.path.get_ident()?.to_string())
            .map(i128::from)
    })?;
    let (num, den) = ctor.unit.per_day();
    let n = u128::try_from(n).ok()?;
    if n == 0 || (n * den) % num != 0 {
        return None;
    }
    let months = months_in(n * den / num)?;
    let name = crate::imports::name_at(cx, e, "chrono", "Months");
    let arg = format!("{}::new({months})", name.code);
    let fix = match cx.parents.last()? {
        Expr::Binary(b)
            if matches!(b.op, syn::BinOp::Add(_) | syn::BinOp::Sub(_))
                && std::ptr::eq(&*b.right, e)
                && duration_call(cx, values::peel_parens(&b.left)).is_none() =>
        {
            let left = values::tokens(&b.left);
            let no_gap = ["Utc", "Naive", "naive", "FixedOffset"]
                .iter()
                .any(|w| left.contains(w))
                || match values::peel_parens(&b.left) {
                    Expr::Path(p) => p
                        .path
                        .get_ident()
                        .and_then(|i| cx.func.and_then(|f| f.param_type(&i.to_string())))
                        .is_some_and(|t| {
                            ["Naive", "Utc", "FixedOffset"]
                                .iter()
                                .any(|w| t.contains(w))
                        }),
                    _ => false,
                };
            let applicability = if no_gap {
                Applicability::Unsafe
            } else {
                Applicability::DisplayOnly
            };
            Fix::replace(cx.span(e), arg, applicability)
        }
        Expr::MethodCall(m) if m.args.len() == 1 && std::ptr::eq(&m.args[0], e) => {
            let method = match m.method.to_string().as_str() {
                "checked_add_signed" => "checked_add_months",
                "checked_sub_signed" => "checked_sub_months",
                _ => return None,
            };
            Fix::replace(cx.span(&m.method), method, Applicability::Unsafe).with(Some(Edit {
                span: cx.span(e),
                code: arg,
            }))
        }
        _ => return None,
    };
    Some(fix.with(name.edit))
}

/// How to get a date from a number of seconds or milliseconds, for the help of a fixed length
/// in integer arithmetic.
pub const INTEGER_HELP: &str =
    "chrono `DateTime::from_timestamp(secs, 0)`, jiff `Timestamp::from_second(secs)`";

/// An integer amount of time as written, with the file's constants and the function's `let`s
/// followed: `months * SECS_PER_MONTH`, `let secs = n * 30 * 86_400`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    /// The product of its constant factors.
    pub value: i128,
    /// A factor is no constant: it counts the units (`months * 2_592_000`).
    pub counted: bool,
}

/// The [`Amount`] of `e`: a literal, a constant, a `let`, or a product of them. `None` for
/// other arithmetic, and for a constant named as an approximation (`AVG_MONTH_SECS`,
/// `MEAN_YEAR_SECONDS`, `APPROX_MONTH`): a mean length written down as such is no calendar
/// month or year.
pub fn amount(cx: &ExprCx<'_, '_>, e: &Expr) -> Option<Amount> {
    fn walk(cx: &ExprCx<'_, '_>, e: &Expr, depth: u32, acc: &mut Amount) -> Option<()> {
        if depth > 6 {
            return None;
        }
        let e = values::peel_parens(e);
        if let Some(v) = values::const_int(e) {
            acc.value = acc.value.checked_mul(v)?;
            return Some(());
        }
        match e {
            Expr::Cast(c) => walk(cx, &c.expr, depth + 1, acc),
            Expr::Binary(b) if matches!(b.op, syn::BinOp::Mul(_)) => {
                walk(cx, &b.left, depth + 1, acc)?;
                walk(cx, &b.right, depth + 1, acc)
            }
            Expr::Path(p) => {
                let Some(ident) = p.path.get_ident() else {
                    // `Self::MONTH`, `consts::MONTH`: a constant this walk does not read.
                    acc.counted = true;
                    return Some(());
                };
                let name = ident.to_string();
                if let Some(crate::bindings::BoundTo::Expr(init)) =
                    cx.binding(&name, ident.span().start())
                {
                    return walk(cx, init, depth + 1, acc);
                }
                if let Some(init) = cx.file.const_init(&name) {
                    if approximation(&name) {
                        return None;
                    }
                    return walk(cx, init, depth + 1, acc);
                }
                acc.counted = true;
                Some(())
            }
            // A fraction is no count of whole units.
            Expr::Lit(_) => None,
            // Any other value (a field, a call, a sum) counts the units.
            _ => {
                acc.counted = true;
                Some(())
            }
        }
    }
    let mut acc = Amount {
        value: 1,
        counted: false,
    };
    walk(cx, e, 0, &mut acc)?;
    Some(acc)
}

/// A name that says its value is a mean or approximate length.
fn approximation(name: &str) -> bool {
    words(name).iter().any(|w| {
        matches!(
            w.as_str(),
            "avg"
                | "average"
                | "mean"
                | "approx"
                | "approximate"
                | "approximately"
                | "nominal"
                | "rough"
                | "roughly"
                | "typical"
                | "julian"
                | "tropical"
                | "gregorian"
        )
    })
}

/// A product of integers that is an amount of seconds or milliseconds in arithmetic of its
/// own (`now_secs + months * 30 * 86_400`, `const MONTH_MS: u64 = 30 * 24 * 3600 * 1000`),
/// not the argument of a duration constructor (which the constructor's check reads): its
/// amount, in whichever of the two units `length` recognises, with what it is a length of.
pub fn integer_span(
    cx: &ExprCx<'_, '_>,
    e: &Expr,
    length: impl Fn(Unit, i128) -> Option<&'static str>,
) -> Option<(Amount, &'static str)> {
    let Expr::Binary(b) = e else { return None };
    if !matches!(b.op, syn::BinOp::Mul(_)) {
        return None;
    }
    // The whole product, once: not a factor of a larger one.
    let outer = cx
        .parents
        .iter()
        .rev()
        .find(|p| !matches!(p, Expr::Paren(_) | Expr::Group(_)));
    if matches!(outer, Some(Expr::Binary(o)) if matches!(o.op, syn::BinOp::Mul(_))) {
        return None;
    }
    let a = amount(cx, e)?;
    // Seconds or milliseconds: a month or a year is a number of days (30, 365) too, but so is
    // every count of days.
    let what = [Unit::Seconds, Unit::Millis]
        .into_iter()
        .find_map(|u| length(u, a.value))?;
    if cx
        .parents
        .iter()
        .any(|p| duration_call(cx, p).is_some_and(|(_, arg)| contains(arg, e)))
    {
        return None;
    }
    Some((a, what))
}
