//! What an argument of a date constructor is: a literal, a calendar field read from some date
//! (possibly shifted, wrapped or clamped), or something unknown.

use proc_macro2::LineColumn;
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{BinOp, Expr, Lit, UnOp};

use crate::api::Role;
use crate::bindings::BoundTo;
use crate::context::ExprCx;

/// How a field was changed on its way into the argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// Copied unchanged.
    None,
    /// `+ n` (n known) or `+ something`.
    Add(Option<i128>),
    /// `- n`.
    Sub(Option<i128>),
    /// `% 12`, `% 12 + 1`: wrapped into range, but the year is not carried.
    Wrapped,
    /// time's `Month::next()`: wraps December to January without touching the year.
    Next,
    Previous,
}

impl Shift {
    pub fn is_arithmetic(self) -> bool {
        !matches!(self, Shift::None)
    }

    /// A subtraction, whether its amount is known or not (`- n`, `.previous()`).
    pub fn is_sub(self) -> bool {
        matches!(self, Shift::Sub(_) | Shift::Previous)
    }

    /// The direction: -1 for a subtraction, 1 otherwise (`year - n` is -1 even when `n` is
    /// not known).
    pub fn sign(self) -> i128 {
        if self.is_sub() {
            -1
        } else {
            1
        }
    }

    /// The signed amount when known: `+1` → 1, `- 2` → -2, `.next()` → 1.
    pub fn amount(self) -> Option<i128> {
        match self {
            Shift::Add(n) => n,
            Shift::Sub(n) => n.map(|n| -n),
            Shift::Next => Some(1),
            Shift::Previous => Some(-1),
            _ => None,
        }
    }
}

/// A calendar field of some date value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub role: Role,
    /// The date it was read from, as written (`start`, `self.created`), when known.
    pub source: Option<String>,
    pub shift: Shift,
    /// Passed through `.min(..)`: clamped into a range the lint cannot see but the author did.
    pub clamped: bool,
    /// `month0()`/`day0()`/`ordinal0()`, not yet brought back to 1-based.
    pub zero_based: bool,
    /// Read by an accessor of a date value (`d.year()`), so it was valid there. A plain field
    /// or variable named `year` is just an integer.
    pub accessor: bool,
    /// The amount as written when it is not a literal (`n` in `d.day() + n`).
    pub amount_text: Option<String>,
}

impl Field {
    /// The amount of the shift for help text: as written when it is not a literal (`n`),
    /// else its absolute value.
    pub fn amount_as_written(&self) -> String {
        match (&self.amount_text, self.shift.amount()) {
            (Some(t), None) => t.clone(),
            (_, n) => n.unwrap_or(1).unsigned_abs().to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Lit(i128),
    Field(Field),
    Unknown,
}

impl Value {
    pub fn lit(&self) -> Option<i128> {
        match self {
            Value::Lit(n) => Some(*n),
            _ => None,
        }
    }

    pub fn field(&self) -> Option<&Field> {
        match self {
            Value::Field(f) => Some(f),
            _ => None,
        }
    }

    /// A field of `role` changed by arithmetic.
    pub fn shifted(&self, role: Role) -> Option<&Field> {
        self.field()
            .filter(|f| f.role == role && f.shift.is_arithmetic() && !f.clamped)
    }

    /// A field of `role` changed by arithmetic, clamped or not (with value facts the clamp is
    /// judged by the values: `.min(31)` protects nothing).
    pub fn shifted_or_clamped(&self, role: Role) -> Option<&Field> {
        self.field()
            .filter(|f| f.role == role && f.shift.is_arithmetic())
    }

    /// A field of `role` copied unchanged from a date.
    pub fn copied(&self, role: Role) -> Option<&Field> {
        self.field()
            .filter(|f| f.role == role && f.shift == Shift::None)
    }
}

/// "e.g. with n = 1, on ..." when the amount is not a literal.
pub fn with_example_amount(field: &Field, note: String) -> String {
    match (&field.amount_text, field.shift.amount()) {
        (Some(t), None) => format!("e.g. with `{t}` = 1, {note}"),
        _ => note,
    }
}

/// English month names, January first: time's `Month` variants, and words in messages.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// How many `let`s deep a value is followed; bounds work on pathological chains.
const MAX_DEPTH: u32 = 8;

pub fn classify(cx: &ExprCx<'_, '_>, e: &Expr) -> Value {
    classify_at(cx, e, 0)
}

fn classify_at(cx: &ExprCx<'_, '_>, e: &Expr, depth: u32) -> Value {
    if depth > MAX_DEPTH {
        return Value::Unknown;
    }
    let e = peel(e);
    if let Some(n) = const_int(e) {
        return Value::Lit(n);
    }
    match e {
        Expr::Path(p) => {
            let segs: Vec<_> = segment_names(&p.path);
            if segs.len() >= 2 && segs[segs.len() - 2] == "Month" {
                if let Some(i) = MONTH_NAMES.iter().position(|m| *m == segs[segs.len() - 1]) {
                    return Value::Lit(i as i128 + 1);
                }
            }
            let Some(ident) = p.path.get_ident() else {
                return Value::Unknown;
            };
            let name = ident.to_string();
            match cx.binding(&name, ident.span().start()) {
                Some(BoundTo::Expr(init)) => classify_at(cx, init, depth + 1),
                Some(BoundTo::Opaque) => Value::Unknown,
                // A parameter or outer variable: its name is all we know.
                None => match name_role(&name) {
                    Some(role) => Value::Field(Field {
                        role,
                        source: None,
                        shift: Shift::None,
                        clamped: false,
                        zero_based: false,
                        accessor: false,
                        amount_text: None,
                    }),
                    None => Value::Unknown,
                },
            }
        }
        Expr::Field(f) => {
            let syn::Member::Named(member) = &f.member else {
                return Value::Unknown;
            };
            match name_role(&member.to_string()) {
                Some(role) => Value::Field(Field {
                    role,
                    source: Some(tokens(&f.base)),
                    shift: Shift::None,
                    clamped: false,
                    zero_based: false,
                    accessor: false,
                    amount_text: None,
                }),
                None => Value::Unknown,
            }
        }
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            if m.args.is_empty() {
                if let Some((role, zero_based)) = accessor_role(&name) {
                    return Value::Field(Field {
                        role,
                        source: Some(tokens(&m.receiver)),
                        shift: Shift::None,
                        clamped: false,
                        zero_based,
                        accessor: true,
                        amount_text: None,
                    });
                }
            }
            let inner = classify_at(cx, &m.receiver, depth + 1);
            let Value::Field(mut f) = inner else {
                return Value::Unknown;
            };
            match (name.as_str(), m.args.len()) {
                ("min" | "clamp", _) => f.clamped = true,
                ("next", 0) if f.role == Role::Month => f.shift = Shift::Next,
                ("previous", 0) if f.role == Role::Month => f.shift = Shift::Previous,
                ("checked_add" | "saturating_add" | "wrapping_add", 1) => {
                    let n = const_int(peel(&m.args[0]));
                    f.amount_text = amount_text(&f, Shift::Add(n), &m.args[0]);
                    f.shift = combine(f.shift, Shift::Add(n))
                }
                ("checked_sub" | "saturating_sub" | "wrapping_sub", 1) => {
                    let n = const_int(peel(&m.args[0]));
                    f.amount_text = amount_text(&f, Shift::Sub(n), &m.args[0]);
                    f.shift = combine(f.shift, Shift::Sub(n))
                }
                _ => return Value::Unknown,
            }
            Value::Field(f)
        }
        Expr::Call(c) => {
            // `min(day, 28)`, `std::cmp::min(..)`: a clamp of whichever argument is a field.
            if let Expr::Path(p) = &*c.func {
                if p.path.segments.last().is_some_and(|s| s.ident == "min") && c.args.len() == 2 {
                    for a in &c.args {
                        if let Value::Field(mut f) = classify_at(cx, a, depth + 1) {
                            f.clamped = true;
                            return Value::Field(f);
                        }
                    }
                }
            }
            Value::Unknown
        }
        Expr::Binary(b) => {
            let (l, r) = (
                classify_at(cx, &b.left, depth + 1),
                classify_at(cx, &b.right, depth + 1),
            );
            let other = if matches!(l, Value::Field(_)) {
                &*b.right
            } else {
                &*b.left
            };
            match (&b.op, l, r) {
                (BinOp::Add(_), Value::Field(mut f), r)
                | (BinOp::Add(_), r, Value::Field(mut f))
                    if !matches!(r, Value::Field(_)) =>
                {
                    let n = r.lit();
                    if f.zero_based && n == Some(1) {
                        f.zero_based = false;
                    } else {
                        f.amount_text = amount_text(&f, Shift::Add(n), other);
                        f.shift = combine(f.shift, Shift::Add(n));
                    }
                    Value::Field(f)
                }
                (BinOp::Sub(_), Value::Field(mut f), r) if !matches!(r, Value::Field(_)) => {
                    f.amount_text = amount_text(&f, Shift::Sub(r.lit()), &b.right);
                    f.shift = combine(f.shift, Shift::Sub(r.lit()));
                    Value::Field(f)
                }
                (BinOp::Rem(_), Value::Field(mut f), _) if f.role == Role::Month => {
                    f.shift = Shift::Wrapped;
                    f.zero_based = true;
                    Value::Field(f)
                }
                _ => Value::Unknown,
            }
        }
        _ => Value::Unknown,
    }
}

pub fn combine(a: Shift, b: Shift) -> Shift {
    match (a, b) {
        (Shift::None, b) => b,
        (Shift::Wrapped, _) => Shift::Wrapped,
        (a, b) => match (a.amount(), b.amount()) {
            (Some(x), Some(y)) if x + y >= 0 => Shift::Add(Some(x + y)),
            (Some(x), Some(y)) => Shift::Sub(Some(-(x + y))),
            // An unknown amount sets the direction (`year - n - 1` is still a subtraction);
            // of two, the first (`year - n + m` subtracts `n - m`).
            (Some(_), None) => b,
            _ => a,
        },
    }
}

/// The unknown amount of `shift` after `step` is applied to a field, as written (`n` in
/// `year - n`, `n + 1` in `year - n - 1`); `None` while every amount is a literal.
fn amount_text(field: &Field, step: Shift, step_expr: &Expr) -> Option<String> {
    let combined = combine(field.shift, step);
    // The unknown part, and the literal part (signed, before the direction is taken out).
    let (text, literal) = match (&field.amount_text, field.shift.amount(), step.amount()) {
        (None, _, Some(_)) => return None,
        (None, known, None) => (tokens(step_expr), known.unwrap_or(0)),
        (Some(t), None, Some(k)) => (t.clone(), k),
        (Some(t), _, None) => {
            let op = if step.is_sub() == field.shift.is_sub() {
                '+'
            } else {
                '-'
            };
            (format!("{t} {op} {}", tokens(step_expr)), 0)
        }
        (Some(t), Some(_), Some(_)) => return Some(t.clone()),
    };
    let literal = if combined.is_sub() { -literal } else { literal };
    Some(match literal {
        0 => text,
        k if k > 0 => format!("{text} + {k}"),
        k => format!("{text} - {}", -k),
    })
}

/// Accessor methods of chrono, time and jiff dates and their role.
fn accessor_role(name: &str) -> Option<(Role, bool)> {
    Some(match name {
        "year" => (Role::Year, false),
        "month" => (Role::Month, false),
        "month0" => (Role::Month, true),
        "number_from_month" => (Role::Month, false),
        "day" => (Role::Day, false),
        "day0" => (Role::Day, true),
        "ordinal" | "day_of_year" => (Role::Ordinal, false),
        "ordinal0" => (Role::Ordinal, true),
        "hour" => (Role::Hour, false),
        "minute" => (Role::Minute, false),
        "second" => (Role::Second, false),
        "nanosecond" => (Role::Nano, false),
        _ => return None,
    })
}

/// A variable or field whose name says which calendar field it holds.
fn name_role(name: &str) -> Option<Role> {
    Some(match name {
        "year" | "yr" | "yyyy" => Role::Year,
        "month" | "mon" => Role::Month,
        "day" | "dom" | "mday" => Role::Day,
        "ordinal" | "yday" | "doy" => Role::Ordinal,
        _ => return None,
    })
}

/// Strips what does not change a value: parentheses, casts, borrows, conversions.
pub fn peel(mut e: &Expr) -> &Expr {
    loop {
        e = match e {
            Expr::Paren(p) => &p.expr,
            Expr::Group(g) => &g.expr,
            Expr::Cast(c) => &c.expr,
            Expr::Reference(r) => &r.expr,
            Expr::Try(t) => &t.expr,
            Expr::MethodCall(m)
                if m.args.is_empty()
                    && matches!(
                        m.method.to_string().as_str(),
                        "into" | "try_into" | "unwrap" | "expect" | "clone" | "to_owned"
                    ) =>
            {
                &m.receiver
            }
            Expr::MethodCall(m) if m.args.len() == 1 && m.method == "expect" => &m.receiver,
            Expr::Call(c) if c.args.len() == 1 && is_conversion(&c.func) => &c.args[0],
            _ => return e,
        };
    }
}

/// `u32::from`, `i32::try_from`, `u8::try_from`, `Month::try_from`.
fn is_conversion(func: &Expr) -> bool {
    let Expr::Path(p) = func else { return false };
    p.path.segments.len() == 2
        && matches!(
            p.path.segments[1].ident.to_string().as_str(),
            "from" | "try_from"
        )
}

/// The names of a path's segments: `chrono::NaiveDate::from_ymd_opt` → `["chrono", "NaiveDate",
/// "from_ymd_opt"]`.
pub fn segment_names(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// Evaluates an integer constant expression made of literals and `+ - * /`.
pub fn const_int(e: &Expr) -> Option<i128> {
    const_int_with(e, &|_| None)
}

/// [`const_int`] with the names it meets valued by `path` (a `const`, a `let` of a constant).
pub fn const_int_with(e: &Expr, path: &dyn Fn(&syn::ExprPath) -> Option<i128>) -> Option<i128> {
    let const_int = |e: &Expr| const_int_with(e, path);
    match e {
        Expr::Lit(l) => match &l.lit {
            Lit::Int(i) => i.base10_parse::<i128>().ok(),
            Lit::Float(f) => {
                let v = f.base10_parse::<f64>().ok()?;
                (v.fract() == 0.0 && v.abs() < 1e30).then_some(v as i128)
            }
            _ => None,
        },
        Expr::Paren(p) => const_int(&p.expr),
        Expr::Group(g) => const_int(&g.expr),
        Expr::Cast(c) => const_int(&c.expr),
        Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => const_int(&u.expr).map(|v| -v),
        Expr::Binary(b) => {
            let (l, r) = (const_int(&b.left)?, const_int(&b.right)?);
            match b.op {
                BinOp::Add(_) => l.checked_add(r),
                BinOp::Sub(_) => l.checked_sub(r),
                BinOp::Mul(_) => l.checked_mul(r),
                BinOp::Div(_) if r != 0 => Some(l / r),
                _ => None,
            }
        }
        Expr::Path(p) => path(p),
        _ => None,
    }
}

/// The constant factor of a product (`365 * n` → 365, `n * 24 * 3600` → 86_400), when the
/// expression is a product with at least one non-constant factor.
pub fn const_factor(e: &Expr) -> Option<i128> {
    fn walk(e: &Expr, acc: &mut i128, vars: &mut bool) -> bool {
        match e {
            Expr::Paren(p) => walk(&p.expr, acc, vars),
            Expr::Group(g) => walk(&g.expr, acc, vars),
            Expr::Cast(c) => walk(&c.expr, acc, vars),
            Expr::Binary(b) if matches!(b.op, BinOp::Mul(_)) => {
                walk(&b.left, acc, vars) && walk(&b.right, acc, vars)
            }
            other => match const_int(other) {
                Some(v) => match acc.checked_mul(v) {
                    Some(n) => {
                        *acc = n;
                        true
                    }
                    None => false,
                },
                None => {
                    *vars = true;
                    true
                }
            },
        }
    }
    let (mut acc, mut vars) = (1i128, false);
    (walk(e, &mut acc, &mut vars) && vars).then_some(acc)
}

pub fn tokens(e: &impl ToTokens) -> String {
    // Token text with the spaces proc-macro2 puts between every token taken out where Rust
    // would not write them, so that `self . start` reads `self.start` in messages.
    let raw = e.to_token_stream().to_string();
    let mut out = String::with_capacity(raw.len());
    for part in raw.split(' ') {
        let glue = out.ends_with(['.', '(', '[', '&', '!', ':']) && !out.ends_with("..")
            || part.starts_with(['.', '(', ')', '[', ']', ',', '?', ':'])
            || out.is_empty();
        if !glue {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// Position of a node's start, for binding look-ups.
pub fn start_of(node: &impl Spanned) -> LineColumn {
    node.span().start()
}

/// Strips parentheses and invisible groups only.
pub fn peel_parens(mut e: &Expr) -> &Expr {
    loop {
        e = match e {
            Expr::Paren(p) => &p.expr,
            Expr::Group(g) => &g.expr,
            _ => return e,
        };
    }
}

/// The initializer of a file-level `const` or `static` (also inside modules and functions).
pub fn file_const<'f>(file: &'f syn::File, name: &str) -> Option<&'f Expr> {
    use syn::visit::Visit;
    struct Find<'f, 'n> {
        name: &'n str,
        found: Vec<&'f Expr>,
    }
    impl<'f> Visit<'f> for Find<'f, '_> {
        fn visit_item_const(&mut self, c: &'f syn::ItemConst) {
            if c.ident == self.name {
                self.found.push(&c.expr);
            }
        }
        fn visit_item_static(&mut self, s: &'f syn::ItemStatic) {
            if s.ident == self.name {
                self.found.push(&s.expr);
            }
        }
    }
    let mut f = Find {
        name,
        found: Vec::new(),
    };
    f.visit_file(file);
    match f.found.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn const_eval_and_factor() {
        let e: Expr = syn::parse_str("365 * 24 * 60 * 60").unwrap();
        assert_eq!(const_int(&e), Some(31_536_000));
        let e: Expr = syn::parse_str("365 * n").unwrap();
        assert_eq!(const_factor(&e), Some(365));
        let e: Expr = syn::parse_str("365").unwrap();
        assert_eq!(const_factor(&e), None);
    }

    #[test]
    fn an_unknown_amount_keeps_its_direction() {
        // `year - n - 1`, `year + 1 - n`: still subtractions; `year + n - 1` an addition.
        assert_eq!(
            combine(Shift::Sub(None), Shift::Sub(Some(1))),
            Shift::Sub(None)
        );
        assert_eq!(
            combine(Shift::Add(Some(1)), Shift::Sub(None)),
            Shift::Sub(None)
        );
        assert_eq!(
            combine(Shift::Add(None), Shift::Sub(Some(1))),
            Shift::Add(None)
        );
        assert_eq!(combine(Shift::None, Shift::Sub(None)).sign(), -1);
        assert_eq!(
            combine(Shift::Add(Some(2)), Shift::Sub(Some(3))),
            Shift::Sub(Some(1))
        );
    }

    #[test]
    fn token_text_reads_like_code() {
        let e: Expr = syn::parse_str("self . start . year ( ) + 1").unwrap();
        assert_eq!(tokens(&e), "self.start.year() + 1");
        let e: Expr = syn::parse_str("f(a, b)[0]").unwrap();
        assert_eq!(tokens(&e), "f(a, b)[0]");
    }
}
