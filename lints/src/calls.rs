//! Recognising calls of the date APIs of the table in [`crate::api`] at a syntax node: date
//! constructors and setters ([`date_call`]), duration constructors ([`duration_call`]), and
//! what can be said of such a call from its arguments alone (it cannot fail, how it fails).

use syn::Expr;

use crate::api::{self, Callee, DateCtor, Role};
use crate::context::ExprCx;
use crate::values::{self, Value};
use crate::Span;

/// A call of a known date constructor or setter.
pub struct CtorCall<'ast> {
    pub row: &'static DateCtor,
    pub node: &'ast Expr,
    pub args: Vec<&'ast Expr>,
    pub receiver: Option<&'ast Expr>,
    /// What to underline: the whole call, or for a method the part from its name on.
    pub label_span: Span,
    /// A call of a same-file helper that builds the date (`ymd(y, m, d)`): its name. `args` are
    /// then the call's arguments in the constructor's order.
    pub helper: Option<String>,
    /// The call panics when the date does not exist: a panicking constructor, or a helper that
    /// unwraps it.
    pub panics: bool,
}

impl<'ast> CtorCall<'ast> {
    pub fn arg(&self, role: Role) -> Option<&'ast Expr> {
        self.row
            .index_of(role)
            .and_then(|i| self.args.get(i).copied())
    }

    pub fn value(&self, cx: &ExprCx<'_, 'ast>, role: Role) -> Option<Value> {
        let mut v = values::classify(cx, self.arg(role)?);
        // `with_month0(d.month())` and `with_month0(d.month0() + 1)` are a month later;
        // `with_month(d.month0())` one earlier. Normalise to the setter's own base.
        let zero_based_setter =
            matches!(self.row.callee, Callee::Method { name } if name.ends_with('0'));
        if let Value::Field(f) = &mut v {
            if f.role == role && !f.clamped && f.zero_based != zero_based_setter {
                let step = if zero_based_setter {
                    values::Shift::Add(Some(1))
                } else {
                    values::Shift::Sub(Some(1))
                };
                f.shift = values::combine(f.shift, step);
            }
        }
        Some(v)
    }

    /// The span of the whole call expression: the subject other lints deduplicate on.
    pub fn subject(&self, cx: &ExprCx<'_, 'ast>) -> Span {
        cx.span(self.node)
    }

    /// Every argument is a literal and together they form a value that exists whatever the
    /// receiver (for setters) is.
    pub fn literal_and_valid(&self) -> bool {
        let vals: Vec<Option<i128>> = self
            .args
            .iter()
            .map(|a| values::const_int(values::peel(a)))
            .collect();
        self.valid_values(&vals)
    }

    /// The arguments' values when every one is a constant: a literal (negated, cast, or
    /// combined with `+ - * /`), a file-level `const`, or a `let` bound to one.
    pub fn constant_args(&self, cx: &ExprCx<'_, 'ast>) -> Option<Vec<i128>> {
        self.args.iter().map(|a| const_arg(cx, a, 0)).collect()
    }

    /// [`literal_and_valid`](Self::literal_and_valid) for arguments that are constants
    /// ([`constant_args`](Self::constant_args)).
    pub fn constant_and_valid(&self, cx: &ExprCx<'_, 'ast>) -> bool {
        self.constant_args(cx).is_some_and(|vals| {
            let vals: Vec<Option<i128>> = vals.into_iter().map(Some).collect();
            self.valid_values(&vals)
        })
    }

    fn valid_values(&self, vals: &[Option<i128>]) -> bool {
        if vals.iter().any(Option::is_none) {
            return false;
        }
        if let Callee::Assoc {
            func: "from_timestamp",
            ..
        } = self.row.callee
        {
            // `from_timestamp(secs, nsecs)` (both `Other` in the table): seconds in chrono's
            // range, and a fraction under 1 s, or under 2 s on a second 59 (a leap second).
            return match vals {
                [Some(secs), Some(nanos)] => {
                    TIMESTAMP_SECS.contains(secs)
                        && ((0..1_000_000_000).contains(nanos)
                            || (0..2_000_000_000).contains(nanos) && secs.rem_euclid(60) == 59)
                }
                _ => false,
            };
        }
        let get = |r: Role| self.row.index_of(r).and_then(|i| vals[i]);
        let zero_based = matches!(self.row.callee, Callee::Method { name } if name.ends_with('0'));
        let one = |r: Role| get(r).map(|v| v + i128::from(zero_based));
        match self.row.sets {
            None => literal_fields_valid(self.row, &get),
            Some(Role::Day) => one(Role::Day).is_some_and(|d| (1..=28).contains(&d)),
            // Every day of any month fits in a 31-day month.
            Some(Role::Month) => {
                one(Role::Month).is_some_and(|m| matches!(m, 1 | 3 | 5 | 7 | 8 | 10 | 12))
            }
            Some(Role::Ordinal) => one(Role::Ordinal).is_some_and(|o| (1..=365).contains(&o)),
            _ => false,
        }
    }
}

/// The value of an integer constant expression: a literal, negated or cast, a file-level
/// `const`, a `let` bound to a constant, and `+ - * /` of those.
pub fn const_arg(cx: &ExprCx<'_, '_>, e: &Expr, depth: u32) -> Option<i128> {
    if depth > 8 {
        return None;
    }
    values::const_int_with(e, &|p: &syn::ExprPath| {
        let ident = p.path.get_ident()?;
        let name = ident.to_string();
        match cx.binding(&name, ident.span().start()) {
            // Only a `let` that keeps its value: the bindings do not see later writes.
            Some(crate::bindings::BoundTo::Expr(init))
                if !cx.func.is_some_and(|f| mutated(f.body, &name)) =>
            {
                const_arg(cx, init, depth + 1)
            }
            Some(_) => None,
            // Not a local: a file-level constant, if it is one.
            None => cx
                .file
                .const_value(&name)
                .map(i128::from)
                .filter(|_| !cx.func.is_some_and(|f| f.has_param(&name))),
        }
    })
}

/// What the local variable `path` names was bound to by its `let`, when the function never
/// assigns it again (so the value at any use is the initializer's).
pub fn unchanged_let<'ast>(cx: &ExprCx<'_, 'ast>, path: &syn::ExprPath) -> Option<&'ast Expr> {
    let ident = path.path.get_ident()?;
    let name = ident.to_string();
    match cx.binding(&name, ident.span().start())? {
        crate::bindings::BoundTo::Expr(init) if !mutated(cx.func?.body, &name) => Some(init),
        _ => None,
    }
}

/// `name` is written somewhere in `body`: assigned (`=`, `+=`, ...), borrowed as `&mut`, or
/// changed by a method.
pub fn mutated(body: &syn::Block, name: &str) -> bool {
    crate::writes::writes(
        body,
        &|e| matches!(values::peel_parens(e), Expr::Path(p) if p.path.is_ident(name)),
        None,
    )
}

/// The range of seconds of `NaiveDateTime::from_timestamp`: chrono's dates span the years
/// -262143 to 262142 (-262143-01-01 00:00:00 to 262142-12-31 23:59:59).
const TIMESTAMP_SECS: std::ops::RangeInclusive<i128> = -8_334_601_228_800..=8_210_266_876_799;

fn literal_fields_valid(row: &DateCtor, get: &dyn Fn(Role) -> Option<i128>) -> bool {
    let chrono = row.krate == crate::resolve::Crate::Chrono;
    let year = get(Role::Year).unwrap_or(2000) as i32;
    row.args.iter().all(|role| {
        let Some(v) = get(*role) else { return true };
        match role {
            Role::Year => (-9999..=9999).contains(&v),
            Role::Month => (1..=12).contains(&v),
            Role::Day => match get(Role::Month) {
                Some(m) if (1..=12).contains(&m) => {
                    v >= 1 && v <= i128::from(crate::calendar::days_in_month(year, m as u32))
                }
                _ => false,
            },
            Role::Ordinal => {
                v >= 1
                    && v <= if crate::calendar::is_leap_year(year) {
                        366
                    } else {
                        365
                    }
            }
            Role::IsoWeek => (1..=52).contains(&v),
            Role::Weekday => true,
            Role::Hour => (0..24).contains(&v),
            Role::Minute => (0..60).contains(&v),
            Role::Second => (0..60).contains(&v),
            // chrono's leap second: a fraction up to 2 s on second 59.
            Role::Milli => v >= 0 && v < if chrono { 2_000 } else { 1_000 },
            Role::Micro => v >= 0 && v < if chrono { 2_000_000 } else { 1_000_000 },
            Role::Nano => v >= 0 && v < if chrono { 2_000_000_000 } else { 1_000_000_000 },
            Role::Other => false,
        }
    })
}

/// Recognises a date constructor or setter call at `e`.
pub fn date_call<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) -> Option<CtorCall<'ast>> {
    match e {
        Expr::Call(c) if api::lookup_call(cx.imports(), &c.func).is_none() => helper_call(cx, e, c),
        Expr::Call(c) => {
            let row = api::lookup_call(cx.imports(), &c.func)?;
            // A call with another number of arguments is not this API (and would not compile);
            // every lint indexes the arguments by the row's roles.
            if c.args.len() != row.args.len() {
                return None;
            }
            Some(CtorCall {
                row,
                node: e,
                args: c.args.iter().collect(),
                receiver: None,
                label_span: cx.span(e),
                helper: None,
                panics: row.failure.panics(),
            })
        }
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            let row = match api::lookup_method(&name, m.args.len()) {
                // A method of the same name defined in this file (`impl Report { fn with_day }`)
                // makes the name ambiguous here: only a receiver typed as a date counts.
                Some(row)
                    if cx.imports().defines_method(&name) && receiver_is_date(cx, &m.receiver) =>
                {
                    row
                }
                Some(_) if cx.imports().defines_method(&name) => return None,
                Some(row) if row.distinctive || cx.imports().uses_crate(row.krate) => row,
                _ if starts_jiff_builder(&m.receiver) => {
                    api::lookup_jiff_builder(&name, m.args.len())?
                }
                _ => return None,
            };
            let label_span = Span::new(cx.span(&m.method).start, cx.span(e).end);
            Some(CtorCall {
                row,
                node: e,
                args: m.args.iter().collect(),
                receiver: Some(&m.receiver),
                label_span,
                helper: None,
                panics: row.failure.panics(),
            })
        }
        _ => None,
    }
}

/// The receiver is a parameter whose declared type is a date type of chrono, time or jiff.
fn receiver_is_date(cx: &ExprCx<'_, '_>, receiver: &Expr) -> bool {
    const DATE_TYPES: &[&str] = &[
        "NaiveDate",
        "NaiveDateTime",
        "DateTime",
        "Date",
        "OffsetDateTime",
        "PrimitiveDateTime",
        "Zoned",
    ];
    let Expr::Path(p) = values::peel(receiver) else {
        return false;
    };
    let Some(ident) = p.path.get_ident() else {
        return false;
    };
    let ty = cx.func.and_then(|f| f.param_type(&ident.to_string()));
    ty.is_some_and(|t| {
        DATE_TYPES.contains(&t) && !cx.imports().resolve_segments(&[t.to_string()], false).local
    })
}

/// `x.with()` or `x.with().year(..)`: a jiff builder chain.
fn starts_jiff_builder(mut e: &Expr) -> bool {
    loop {
        match e {
            Expr::MethodCall(m) if m.method == "with" && m.args.is_empty() => return true,
            Expr::MethodCall(m)
                if matches!(
                    m.method.to_string().as_str(),
                    "year" | "month" | "day" | "day_of_year" | "hour" | "minute" | "second"
                ) =>
            {
                e = &m.receiver
            }
            _ => return false,
        }
    }
}

/// The receiver chain of a setter (`d.with_day(1)?.with_month(3)?`): the literal values it
/// sets on the way, innermost last. Used to tell when a setter's kept fields are safe.
pub fn receiver_sets(receiver: Option<&Expr>) -> Vec<(Role, i128)> {
    let mut out = Vec::new();
    let mut e = receiver;
    while let Some(cur) = e {
        e = match cur {
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                let row = api::lookup_setter(&name, m.args.len());
                if let (Some(row), Some(arg)) = (row, m.args.first()) {
                    if let (Some(role), Some(v)) = (row.sets, values::const_int(values::peel(arg)))
                    {
                        let zero_based = name.ends_with('0');
                        out.push((role, v + i128::from(zero_based)));
                    }
                }
                Some(&*m.receiver)
            }
            Expr::Paren(p) => Some(&*p.expr),
            Expr::Try(t) => Some(&*t.expr),
            Expr::Reference(r) => Some(&*r.expr),
            _ => None,
        };
    }
    out
}

/// Setter calls made on the result further up (`.with_year(..).unwrap().with_day(1)` or jiff's
/// `.with().year(..).day(1).build()`): these run after the call at hand.
pub fn later_sets<'ast>(cx: &ExprCx<'_, 'ast>, node: &'ast Expr) -> Vec<(Role, Option<i128>)> {
    let mut out = Vec::new();
    let mut child = node;
    for &p in cx.parents.iter().rev() {
        match p {
            Expr::MethodCall(m) if std::ptr::eq(&*m.receiver, child) => {
                let name = m.method.to_string();
                let row = api::lookup_setter(&name, m.args.len());
                if let (Some(row), Some(arg)) = (row, m.args.first()) {
                    if let Some(role) = row.sets {
                        out.push((role, values::const_int(values::peel(arg))));
                    }
                }
            }
            Expr::Paren(_) | Expr::Try(_) => {}
            _ => break,
        }
        child = p;
    }
    out
}

/// Library-specific words for how a constructor fails.
pub fn failure_phrase(row: &DateCtor) -> &'static str {
    match row.failure {
        api::Failure::Option => "returns None",
        api::Failure::Result => "returns an error",
        api::Failure::LocalResult => "returns no date",
        api::Failure::Panics => "panics",
    }
}

/// The source text of the date the fields come from, if all given values name the same one.
pub fn common_source(vals: &[&Value]) -> Option<String> {
    let mut src: Option<&str> = None;
    for v in vals {
        let s = v.field()?.source.as_deref()?;
        match src {
            None => src = Some(s),
            Some(prev) if prev == s => {}
            _ => return None,
        }
    }
    src.map(str::to_string)
}

/// The call cannot fail on any real day: valid literals; calendar fields read unchanged by
/// accessors of one existing date (the value existed, so it exists again); or month and day
/// literals that exist in every year with any year. Time fields must each be a valid literal
/// or an unchanged accessor read. Plain fields or variables named `year`/`day` do not count:
/// they are arbitrary integers.
pub fn cannot_fail<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>) -> bool {
    if call.literal_and_valid() || call.constant_and_valid(cx) {
        return true;
    }
    if let Some(role) = call.row.sets {
        // `d.with_day(d.day())`: a no-op on the same date.
        let Some(v) = call.value(cx, role) else {
            return false;
        };
        let receiver = call.receiver.map(values::tokens);
        return v
            .copied(role)
            .is_some_and(|f| f.accessor && f.source.is_some() && f.source == receiver);
    }
    let vals: Vec<Value> = call.args.iter().map(|a| values::classify(cx, a)).collect();
    let get = |r: Role| call.row.index_of(r).map(|i| &vals[i]);
    let unchanged = |v: &Value, r: Role| v.copied(r).is_some_and(|f| f.accessor && !f.zero_based);
    // Time of day: each field valid on its own.
    for (i, role) in call.row.args.iter().enumerate() {
        let v = &vals[i];
        let ok = match role {
            Role::Hour | Role::Minute | Role::Second | Role::Milli | Role::Micro | Role::Nano => {
                match v {
                    Value::Lit(n) => *n >= 0 && *n < time_field_max(*role),
                    _ => unchanged(v, *role),
                }
            }
            Role::Other => false,
            _ => true,
        };
        if !ok {
            return false;
        }
    }
    let date_roles = [
        Role::Year,
        Role::Month,
        Role::Day,
        Role::Ordinal,
        Role::IsoWeek,
    ];
    let present: Vec<Role> = date_roles
        .into_iter()
        .filter(|r| call.row.index_of(*r).is_some())
        .collect();
    if present.is_empty() {
        return true;
    }
    // All calendar fields read from one date.
    if present
        .iter()
        .all(|r| get(*r).is_some_and(|v| unchanged(v, *r)))
    {
        let refs: Vec<&Value> = present.iter().filter_map(|r| get(*r)).collect();
        if common_source(&refs).is_some() {
            return true;
        }
    }
    // Any year with a month and day (or ordinal, or week) that every year has.
    let lit = |r: Role| get(r).and_then(Value::lit);
    // A day 1..=28 exists in every month of every year: year and month need only be valid on
    // their own (a literal in range, or read unchanged from a date).
    let valid_alone = |r: Role, range: std::ops::RangeInclusive<i128>| {
        get(r).is_some_and(|v| v.lit().is_some_and(|n| range.contains(&n)) || unchanged(v, r))
    };
    if lit(Role::Day).is_some_and(|d| (1..=28).contains(&d))
        && valid_alone(Role::Year, -9999..=9999)
        && valid_alone(Role::Month, 1..=12)
    {
        return true;
    }
    match (
        lit(Role::Month),
        lit(Role::Day),
        lit(Role::Ordinal),
        lit(Role::IsoWeek),
    ) {
        (Some(m), Some(d), _, _) => {
            (1..=12).contains(&m)
                && d >= 1
                && d <= i128::from(crate::calendar::days_in_month(2023, m as u32))
        }
        (None, None, Some(o), _) => (1..=365).contains(&o),
        (None, None, None, Some(w)) => (1..=52).contains(&w),
        _ => false,
    }
}

fn time_field_max(role: Role) -> i128 {
    match role {
        Role::Hour => 24,
        Role::Minute | Role::Second => 60,
        Role::Milli => 1_000,
        Role::Micro => 1_000_000,
        _ => 1_000_000_000,
    }
}

/// A real input on which this constructor call fails, for notes: by the shape of the
/// constructor, and by its literal arguments (with the day a literal 1..=28, only the month or
/// the year can be wrong).
pub fn failing_example(cx: &ExprCx<'_, '_>, call: &CtorCall<'_>) -> String {
    let row = call.row;
    let lit = |r: Role| call.value(cx, r).and_then(|v| v.lit());
    if row.index_of(Role::Day).is_some() {
        if let Some(day) = lit(Role::Day).filter(|d| (1..=28).contains(d)) {
            return if lit(Role::Month).is_some_and(|m| (1..=12).contains(&m)) {
                "fails only for a year out of the library's range".to_string()
            } else {
                format!("fails for a month outside 1..=12 (day {day} exists in every month)")
            };
        }
    }
    failing_shape(row).to_string()
}

/// A real input on which a constructor of this shape fails.
fn failing_shape(row: &DateCtor) -> &'static str {
    let has = |r: Role| row.index_of(r).is_some() || row.sets == Some(r);
    if has(Role::Ordinal) {
        "fails for day 366 in a common year"
    } else if has(Role::IsoWeek) {
        "fails for week 53 in a year with 52 ISO weeks"
    } else if has(Role::Day) || has(Role::Year) && has(Role::Month) {
        "fails for a day the month does not have, e.g. 2027-02-29 or 2027-04-31"
    } else if has(Role::Year) {
        "fails when the date is Feb 29 and the new year is not a leap year"
    } else if has(Role::Month) {
        "fails when the day does not exist in the new month, e.g. Jan 31 → Feb 31"
    } else if has(Role::Hour) {
        "fails for hour 24, minute 60 or second 60"
    } else if matches!(
        row.callee,
        Callee::Assoc {
            func: "from_timestamp",
            ..
        }
    ) {
        "fails for seconds out of range or nanoseconds ≥ 2 s"
    } else {
        "fails for inputs that do not form a valid date or time"
    }
}

/// An argument as the user wrote it, with the value of a plain variable spelled out:
/// `y` bound by `let y = start.year() + 1;` reads "y` = `start.year() + 1" inside backticks.
pub fn describe_arg(cx: &ExprCx<'_, '_>, arg: &Expr) -> String {
    let text = cx.text(arg).to_string();
    if let Expr::Path(p) = values::peel(arg) {
        if let Some(ident) = p.path.get_ident() {
            if let Some(crate::bindings::BoundTo::Expr(init)) =
                cx.binding(&ident.to_string(), ident.span().start())
            {
                return format!("{text}` = `{}", cx.text(init));
            }
        }
    }
    text
}

/// A duration constructor call and its one numeric argument: `Duration::from_secs(n)`,
/// `TimeDelta::days(n)`, jiff's `365.days()` and `Span::new().days(365)`.
pub fn duration_call<'ast>(
    cx: &ExprCx<'_, 'ast>,
    e: &'ast Expr,
) -> Option<(&'static api::DurationCtor, &'ast Expr)> {
    match e {
        Expr::Call(c) if c.args.len() == 1 => {
            api::lookup_duration_call(cx.imports(), &c.func).map(|row| (row, &c.args[0]))
        }
        Expr::MethodCall(m) => {
            let row = api::lookup_duration_method(cx.imports(), &m.method.to_string())?;
            match m.args.len() {
                0 if values::const_int(values::peel_parens(&m.receiver)).is_some() => {
                    Some((row, &*m.receiver))
                }
                1 if values::tokens(&m.receiver).contains("Span") => Some((row, &m.args[0])),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether a string literal reaches a date formatter or parser ([`api::DATE_FORMAT_APIS`]):
/// `Some(true)` as an argument of one, or through a `let` or `const` whose name is passed to
/// one; `Some(false)` when it is an argument of something else (a message, printf-style text);
/// `None` when the file does not show where it goes (a `pub const` used elsewhere).
pub fn reaches_date_format(cx: &ExprCx<'_, '_>, lit: &Expr) -> Option<bool> {
    let mut child = lit;
    for &parent in cx.parents.iter().rev() {
        match parent {
            Expr::Paren(_) | Expr::Group(_) | Expr::Reference(_) => {}
            Expr::MethodCall(m) if m.args.iter().any(|a| std::ptr::eq(a, child)) => {
                return Some(is_format_api(&m.method.to_string()));
            }
            // `"..".to_string()` passed on: follow the value.
            Expr::MethodCall(m) if std::ptr::eq(&*m.receiver, child) => {
                if !matches!(
                    m.method.to_string().as_str(),
                    "to_string" | "to_owned" | "as_str" | "into"
                ) {
                    return Some(false);
                }
            }
            Expr::Call(c) if c.args.iter().any(|a| std::ptr::eq(a, child)) => {
                if crate::macros::macro_name(parent) == Some("format_description") {
                    return Some(true);
                }
                return Some(match &*c.func {
                    Expr::Path(p) => p
                        .path
                        .segments
                        .iter()
                        .any(|s| is_format_api(&s.ident.to_string())),
                    _ => false,
                });
            }
            Expr::Struct(_)
            | Expr::Tuple(_)
            | Expr::Array(_)
            | Expr::Return(_)
            | Expr::Block(_) => return None,
            _ => return Some(false),
        }
        child = parent;
    }
    // Bound to a name: `let fmt = ".."` / `const FMT: &str = ".."`, then passed to a formatter.
    let name = match cx.let_name {
        Some(n) => Some(n.to_string()),
        None => const_name_of(cx.file.file, lit),
    };
    let n = name?;
    // Any call of the file may take the name: the whole file is read.
    match cx.file.whole_file() {
        Some(file) if name_reaches_format(file, &n) => Some(true),
        _ => None,
    }
}

fn is_format_api(name: &str) -> bool {
    api::DATE_FORMAT_APIS.contains(&name)
}

/// The name of the `const`/`static` item whose initializer is `lit`.
fn const_name_of(file: &syn::File, lit: &Expr) -> Option<String> {
    use syn::visit::Visit;
    struct Find<'l> {
        lit: &'l Expr,
        out: Option<String>,
    }
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_item_const(&mut self, c: &'ast syn::ItemConst) {
            if contains_ptr(&c.expr, self.lit) {
                self.out = Some(c.ident.to_string());
            }
        }
        fn visit_item_static(&mut self, s: &'ast syn::ItemStatic) {
            if contains_ptr(&s.expr, self.lit) {
                self.out = Some(s.ident.to_string());
            }
        }
        fn visit_impl_item_const(&mut self, c: &'ast syn::ImplItemConst) {
            if contains_ptr(&c.expr, self.lit) {
                self.out = Some(c.ident.to_string());
            }
        }
    }
    let mut f = Find { lit, out: None };
    f.visit_file(file);
    f.out
}

fn contains_ptr(root: &Expr, target: &Expr) -> bool {
    use syn::visit::Visit;
    struct Has<'t>(&'t Expr, bool);
    impl<'ast> Visit<'ast> for Has<'_> {
        fn visit_expr(&mut self, e: &'ast Expr) {
            if std::ptr::eq(e, self.0) {
                self.1 = true;
            }
            syn::visit::visit_expr(self, e);
        }
    }
    let mut h = Has(target, false);
    h.visit_expr(root);
    h.1
}

/// Some call of a date formatter in the file takes `name` as an argument.
fn name_reaches_format(file: &syn::File, name: &str) -> bool {
    use syn::visit::Visit;
    struct Find<'n> {
        name: &'n str,
        found: bool,
    }
    impl Find<'_> {
        fn names(&self, args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>) -> bool {
            args.iter().any(|a| {
                let a = values::peel(a);
                match a {
                    Expr::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == self.name),
                    _ => false,
                }
            })
        }
    }
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if is_format_api(&m.method.to_string()) && self.names(&m.args) {
                self.found = true;
            }
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
            let format_fn = match &*c.func {
                Expr::Path(p) => p.path.segments.iter().any(|s| {
                    let s = s.ident.to_string();
                    is_format_api(&s) || s == format!("{}format_description", crate::macros::PREFIX)
                }),
                _ => false,
            };
            if format_fn && self.names(&c.args) {
                self.found = true;
            }
            syn::visit::visit_expr_call(self, c);
        }
    }
    let mut f = Find { name, found: false };
    f.visit_file(file);
    f.found
}

/// A same-file function that builds a date from its own parameters with one constructor
/// (`fn ymd(y: i32, m: u32, d: u32) -> NaiveDate { NaiveDate::from_ymd_opt(y, m, d).unwrap() }`).
#[derive(Debug, Clone)]
pub struct Helper {
    pub row: &'static DateCtor,
    /// For each of the constructor's arguments, the helper parameter passed to it.
    pub args: Vec<usize>,
    pub params: usize,
    /// The helper unwraps the constructor's result (or the constructor panics).
    pub panics: bool,
}

/// The date helpers of a file, by name.
pub fn collect_helpers(
    file: &syn::File,
    imports: &crate::resolve::Imports,
) -> std::collections::HashMap<String, Helper> {
    use syn::visit::Visit;
    struct Calls<'ast> {
        found: Vec<(&'ast syn::ExprCall, bool)>,
        unwrapped: Vec<*const syn::ExprCall>,
    }
    impl<'ast> Visit<'ast> for Calls<'ast> {
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if matches!(m.method.to_string().as_str(), "unwrap" | "expect") {
                if let Expr::Call(c) = values::peel_parens(&m.receiver) {
                    self.unwrapped.push(c as *const syn::ExprCall);
                }
            }
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
            self.found.push((c, false));
            syn::visit::visit_expr_call(self, c);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut out = std::collections::HashMap::new();
    let mut consider = |sig: &syn::Signature, body: &syn::Block| {
        let params: Vec<String> = sig
            .inputs
            .iter()
            .filter_map(|a| match a {
                syn::FnArg::Typed(pt) => match &*pt.pat {
                    syn::Pat::Ident(p) => Some(p.ident.to_string()),
                    _ => None,
                },
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        if params.is_empty() || params.len() != sig.inputs.len() {
            return;
        }
        let mut calls = Calls {
            found: Vec::new(),
            unwrapped: Vec::new(),
        };
        calls.visit_block(body);
        let ctors: Vec<(&syn::ExprCall, &'static DateCtor)> = calls
            .found
            .iter()
            .filter_map(|(c, _)| api::lookup_call(imports, &c.func).map(|row| (*c, row)))
            .filter(|(c, row)| row.sets.is_none() && c.args.len() == row.args.len())
            .collect();
        let [(call, row)] = ctors.as_slice() else {
            return;
        };
        let mut args = Vec::new();
        for a in &call.args {
            let Expr::Path(p) = values::peel(a) else {
                return;
            };
            let Some(k) = p
                .path
                .get_ident()
                .and_then(|i| params.iter().position(|n| i == n))
            else {
                return;
            };
            args.push(k);
        }
        let panics = row.failure.panics()
            || calls
                .unwrapped
                .iter()
                .any(|u| std::ptr::eq(*u, *call as *const syn::ExprCall));
        out.insert(
            sig.ident.to_string(),
            Helper {
                row,
                args,
                params: params.len(),
                panics,
            },
        );
    };
    for item in &file.items {
        if let syn::Item::Fn(f) = item {
            consider(&f.sig, &f.block);
        }
    }
    out
}

/// A call of a same-file date helper, as a call of the constructor it wraps.
fn helper_call<'ast>(
    cx: &ExprCx<'_, 'ast>,
    e: &'ast Expr,
    c: &'ast syn::ExprCall,
) -> Option<CtorCall<'ast>> {
    let Expr::Path(p) = &*c.func else { return None };
    let name = p.path.get_ident()?.to_string();
    // A local closure or variable of that name is not the helper.
    if cx
        .func
        .is_some_and(|f| f.bindings.iter().any(|b| b.name == name))
    {
        return None;
    }
    let helper = cx.file.helper(&name)?;
    if c.args.len() != helper.params {
        return None;
    }
    let args = helper.args.iter().map(|k| &c.args[*k]).collect();
    Some(CtorCall {
        row: helper.row,
        node: e,
        args,
        receiver: None,
        label_span: cx.span(e),
        helper: Some(name),
        panics: helper.panics,
    })
}

/// A finding's headline, naming the same-file helper the call goes through, if any.
pub fn through_helper(call: &CtorCall<'_>, message: String) -> String {
    match &call.helper {
        Some(h) => format!("{message}, passed to `{h}`"),
        None => message,
    }
}
