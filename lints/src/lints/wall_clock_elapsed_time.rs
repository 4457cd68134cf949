//! `wall_clock_elapsed_time`: an elapsed time, a timeout or a deadline measured between two
//! reads of the wall clock in one process (`SystemTime::now().duration_since(start)`,
//! `start.elapsed()` on a `SystemTime`, `(Utc::now() - start).num_seconds() > limit`,
//! `now > deadline` with `deadline = Utc::now() + timeout`). Both ends must be traced to clock
//! reads of this process ([`clock::read`]): a start that comes from a parameter, a stored
//! timestamp, a file's mtime or a request is not followed, and is silent. Page:
//! `lints/docs/wall_clock_elapsed_time.md`.

use syn::{BinOp, Expr};

use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::guards::{self, Consumption};
use crate::registry::{
    Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};

use self::clock::{Read, Shift};

pub static WALL_CLOCK_ELAPSED_TIME: Lint = Lint {
    // A clock read is written with its type (`Utc::now()`, `SystemTime::now()`); a same-file
    // helper that returns one contains it too.
    needles: Needles::AllOf(&[NeedleGroup::Words(clock::NEEDLES)]),
    checks: &[Check::Expr(&[Syntax::MethodCall, Syntax::Binary], check_expr)],
    // A test that times itself with the wall clock is flaky, not a product bug.
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::WALL_CLOCK_ELAPSED_TIME,
        Group::Suspicious,
        Precision::High,
        "an elapsed time, timeout or deadline measured with the wall clock, which steps: use `Instant`",
    )
};

/// What the measurement is, for the message and the label.
enum Shape {
    /// `end.duration_since(start)`, `start.elapsed()`: a `Result` that is `Err` when the clock
    /// went back (std), or a signed difference (chrono, time, jiff).
    Since { fallible: bool },
    /// `end - start`.
    Difference,
    /// `now > deadline`, with the deadline read from the clock plus a duration.
    Deadline,
}

fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let found = match e {
        Expr::MethodCall(m) => match (m.method.to_string().as_str(), m.args.len()) {
            // Only std's `SystemTime` has `elapsed()` among the wall-clock types.
            ("elapsed", 0) => clock::read(cx, &m.receiver)
                .filter(|r| r.system_time && r.shift == Shift::None)
                .map(|start| (start, None, Shape::Since { fallible: true })),
            (
                name @ ("duration_since"
                | "checked_duration_since"
                | "signed_duration_since"
                | "since"
                | "until"),
                1,
            ) => {
                let (end, start) = if name == "until" {
                    (&m.args[0], &*m.receiver)
                } else {
                    (&*m.receiver, &m.args[0])
                };
                measured(cx, end, start).map(|(end, start)| {
                    let fallible = end.system_time && name == "duration_since";
                    (start, Some(end), Shape::Since { fallible })
                })
            }
            _ => None,
        },
        Expr::Binary(b) if matches!(b.op, BinOp::Sub(_)) => measured(cx, &b.left, &b.right)
            .map(|(end, start)| (start, Some(end), Shape::Difference)),
        Expr::Binary(b)
            if matches!(
                b.op,
                BinOp::Lt(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ge(_)
            ) =>
        {
            deadline(cx, &b.left, &b.right)
                .map(|(now, deadline)| (deadline, Some(now), Shape::Deadline))
        }
        _ => None,
    };
    let Some((start, end, shape)) = found else {
        return;
    };
    // std says when the clock went back (`Err`); code that handles that case as it chooses
    // (`Err(_) => refresh`, `map_or(true, ..)`: expired) has thought about it.
    if matches!(shape, Shape::Since { fallible: true }) {
        match guards::consumption(cx, e) {
            Consumption::Handled => return,
            Consumption::Fallback(Some(value)) if !zero(value) => return,
            _ => {}
        }
    }
    // Only a measurement that decides something: a panic, an error for the caller, a limit it
    // is compared with, a deadline. One that is shown, logged or kept as a metric is wrong
    // once after a step, which is a glitch, not a failure (departure from the issue, which
    // names every use as an elapsed time: those findings were right but harmless).
    let usage = match shape {
        Shape::Deadline => Use::Limit,
        _ => use_of(cx, e),
    };
    if usage == Use::Other {
        return;
    }
    report(cx, e, &start, end.as_ref(), &shape, usage);
}

/// What the measured value decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    /// Unwrapped: std's `Err`, or chrono's negative `to_std()`.
    Panics,
    /// `?`: the caller gets an error for a clock step.
    Propagated,
    /// Compared with a limit or a deadline.
    Limit,
    /// Shown, stored, logged, returned.
    Other,
}

/// std's `Duration` in units: a measurement converted, or a time since the epoch as a count.
const STD_UNITS: &[&str] = &[
    "as_secs",
    "as_millis",
    "as_micros",
    "as_nanos",
    "as_secs_f64",
    "as_secs_f32",
];

/// Methods that convert a measured duration without deciding anything: units (also
/// [`STD_UNITS`]), the std type, fallbacks.
const CONVERSIONS: &[&str] = &[
    "num_seconds",
    "num_milliseconds",
    "num_microseconds",
    "num_nanoseconds",
    "num_minutes",
    "num_hours",
    "num_days",
    "as_millis_f64",
    "whole_seconds",
    "whole_milliseconds",
    "whole_minutes",
    "whole_hours",
    "to_std",
    "unsigned_abs",
    "unwrap_or",
    "unwrap_or_default",
    "unwrap_or_else",
    "ok",
    "clone",
    "into",
];

/// What the value of `e` decides, following it up its parents and, when it is bound by `let`,
/// through the uses of that name.
fn use_of<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) -> Use {
    let (usage, reached) = climb(cx.parents, e);
    if usage != Use::Other {
        return usage;
    }
    let Some(f) = cx.func else { return Use::Other };
    let Some(binding) = f.bindings.iter().find(
        |b| matches!(b.value, crate::bindings::BoundTo::Expr(init) if std::ptr::eq(init, reached)),
    ) else {
        return Use::Other;
    };
    let mut after = binding.at;
    // The first few uses of the name: `let took = ..; log(took); if took > limit { .. }`.
    for _ in 0..8 {
        let Some((chain, node)) = guards::first_use(f.body, &binding.name, after) else {
            break;
        };
        let usage = climb(&chain, node).0;
        if usage != Use::Other {
            return usage;
        }
        after = crate::values::start_of(node);
    }
    Use::Other
}

/// Follows a value up a chain of parents (outermost first) through conversions and
/// arithmetic; returns what decides it and the last expression it reached.
fn climb<'ast>(parents: &[&'ast Expr], node: &'ast Expr) -> (Use, &'ast Expr) {
    let mut child = node;
    for &parent in parents.iter().rev() {
        match parent {
            Expr::Paren(_) | Expr::Group(_) | Expr::Reference(_) | Expr::Cast(_) => {}
            Expr::Try(_) => return (Use::Propagated, parent),
            Expr::MethodCall(m) if std::ptr::eq(&*m.receiver, child) => {
                let name = m.method.to_string();
                if name == "unwrap" || name == "expect" {
                    return (Use::Panics, parent);
                }
                if !CONVERSIONS.contains(&name.as_str()) && !STD_UNITS.contains(&name.as_str()) {
                    return (Use::Other, child);
                }
            }
            Expr::Binary(b) => match b.op {
                BinOp::Lt(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ge(_) => {
                    return (Use::Limit, parent)
                }
                BinOp::Add(_) | BinOp::Sub(_) | BinOp::Mul(_) | BinOp::Div(_) => {}
                _ => return (Use::Other, child),
            },
            _ => return (Use::Other, child),
        }
        child = parent;
    }
    (Use::Other, child)
}

/// A fallback that reads a step back as no time elapsed: `0`, `Duration::ZERO`,
/// `Duration::default()`, `Duration::from_secs(0)`.
fn zero(e: &Expr) -> bool {
    let text = crate::values::tokens(e).replace(' ', "");
    text == "0" || text.ends_with("::ZERO") || text.ends_with("default()") || text.ends_with("(0)")
}

/// `end - start` (or `end.duration_since(start)`) between two clock reads of this process: the
/// start a read that is not moved back by a duration (`now - 7 days` is a window, not a
/// start), the end a read at another place; a deadline (`now + timeout`) may be the end,
/// for the time that remains.
fn measured(cx: &ExprCx<'_, '_>, end: &Expr, start: &Expr) -> Option<(Read, Read)> {
    let start = clock::read(cx, start).filter(|r| r.shift == Shift::None)?;
    let end = clock::read(cx, end).filter(|r| r.shift != Shift::Back)?;
    (end.site != start.site).then_some((end, start))
}

/// `now > deadline` in either order: one side a clock read, the other a read of another place
/// moved forward by a duration.
fn deadline(cx: &ExprCx<'_, '_>, left: &Expr, right: &Expr) -> Option<(Read, Read)> {
    let l = clock::read(cx, left)?;
    let r = clock::read(cx, right)?;
    let (now, deadline) = match (l.shift, r.shift) {
        (Shift::None, Shift::Forward) => (l, r),
        (Shift::Forward, Shift::None) => (r, l),
        _ => return None,
    };
    (now.site != deadline.site).then_some((now, deadline))
}

fn report(
    cx: &ExprCx<'_, '_>,
    e: &Expr,
    start: &Read,
    end: Option<&Read>,
    shape: &Shape,
    usage: Use,
) {
    let what = match shape {
        Shape::Deadline => "a deadline",
        _ => "an elapsed time",
    };
    let label = match (shape, usage) {
        (Shape::Deadline, _) => {
            "passes early, or late by as much as the clock is set back, when the system clock is changed before it"
        }
        (_, Use::Panics) => "panics when the system clock is set back between the two reads",
        (_, Use::Propagated) => {
            "an error for the caller when the system clock is set back between the two reads"
        }
        _ => {
            "the limit passes early when the system clock is set forward between the two reads, and late by as much as it is set back"
        }
    };
    let mut notes = vec![format!(
        "`{}` is read from the wall clock in this process ({}){}",
        start.described,
        start.origin(),
        end.filter(|r| !r.direct)
            .map(|r| format!(", and so is `{}` ({})", r.described, r.origin()))
            .unwrap_or_default()
    )];
    if start.naive_local || end.is_some_and(|r| r.naive_local) {
        let spring = crate::calendar::next_eu_spring_forward(cx.today());
        notes.push(format!(
            "a naive local time also jumps at every DST change: on {spring} in Europe/Berlin the \
             clocks go from 02:00 to 03:00, and an hour that never passed is counted"
        ));
    }
    notes.push(
        "the wall clock steps: NTP corrections, a manual change, a VM resumed from suspend, a leap \
         second (at 2016-12-31T23:59:60Z Unix time went back one second, and Cloudflare's DNS, \
         timing requests with the wall clock, took a negative duration and failed)"
            .to_string(),
    );
    cx.emit(
        Diagnostic {
            lint: &WALL_CLOCK_ELAPSED_TIME,
            certainty: Certainty::Certain,
            message: format!("{what} measured with the wall clock: `{}`", cx.text(e)),
            span: cx.span(e),
            label: label.to_string(),
            notes,
            help: Some(Help {
                message: format!(
                    "measure it with `std::time::Instant` (`let start = Instant::now(); .. \
                     start.elapsed()`{}), which never goes back; keep the wall clock for \
                     timestamps that are shown or stored",
                    if matches!(shape, Shape::Deadline) {
                        ", or `Instant::now() + timeout` for a deadline"
                    } else {
                        ""
                    }
                ),
                fix: None,
            }),
        },
        None,
    );
}

/// Following a value back to a read of the wall clock.
mod clock {
    use syn::{BinOp, Expr};

    use crate::bindings::{Bindings, BoundTo};
    use crate::context::ExprCx;
    use crate::values;
    use crate::Span;

    /// The wall-clock types and their clock reads: `Type::func()`.
    const READS: &[(&str, &str)] = &[
        ("SystemTime", "now"),
        ("Utc", "now"),
        ("Local", "now"),
        ("OffsetDateTime", "now_utc"),
        ("OffsetDateTime", "now_local"),
        ("UtcDateTime", "now"),
        ("Timestamp", "now"),
        ("Zoned", "now"),
    ];

    /// The reads as written (`std::time::SystemTime::now()` contains `SystemTime::now` too);
    /// the type's name alone (`SystemTime` in a signature) is in many files that read no clock.
    pub const NEEDLES: &[&str] = &[
        "SystemTime::now",
        "Utc::now",
        "Local::now",
        "now_utc",
        "now_local",
        "UtcDateTime::now",
        "Timestamp::now",
        "Zoned::now",
    ];

    /// Methods that keep the instant a value stands for: conversions between wall-clock
    /// types, to a count of units since the epoch (also `super::STD_UNITS`), and the unwrapping of their results. (A
    /// date or a time of day read from it is a calendar value, not an instant:
    /// `date_naive()` is not here.)
    const SAME_INSTANT: &[&str] = &[
        "timestamp",
        "timestamp_millis",
        "timestamp_micros",
        "timestamp_nanos",
        "timestamp_nanos_opt",
        "unix_timestamp",
        "unix_timestamp_nanos",
        "as_second",
        "as_millisecond",
        "as_microsecond",
        "as_nanosecond",
        "naive_utc",
        "naive_local",
        "fixed_offset",
        "to_utc",
        "timestamp_subsec_millis",
        "unwrap",
        "expect",
        "unwrap_or_default",
        "ok",
        "clone",
        "into",
        "to_owned",
    ];

    /// How a read is moved by a duration.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Shift {
        None,
        /// `now + timeout`: a deadline.
        Forward,
        /// `now - window`: the start of a window, not of a measurement.
        Back,
    }

    /// A value traced to one clock read.
    #[derive(Debug, Clone)]
    pub struct Read {
        /// Where the read is written: two values with the same site are one read.
        pub site: Span,
        /// The value as written where it is used (`start`, `self.started`).
        pub described: String,
        /// The read itself: `SystemTime::now()`.
        pub read_text: String,
        pub line: usize,
        /// What leads to the read: "`now_ms()`, which returns", "`started` is only ever set
        /// to".
        pub via: Option<String>,
        /// A `SystemTime` (whose `elapsed()` and `duration_since` return a `Result`).
        pub system_time: bool,
        pub shift: Shift,
        /// The expression is the read itself (`Utc::now()`, `SystemTime::now().duration_since(UNIX_EPOCH)`),
        /// not a name or a field holding it.
        pub direct: bool,
        /// Read as a naive local time (`Local::now().naive_local()`), which also jumps at DST
        /// changes.
        pub naive_local: bool,
    }

    impl Read {
        /// How it was read: "`SystemTime::now()` at line 12".
        pub fn origin(&self) -> String {
            let read = format!("`{}` at line {}", self.read_text, self.line);
            match &self.via {
                Some(via) => format!("{via} {read}"),
                None => read,
            }
        }
    }

    /// The clock read `e` stands for, through parentheses, conversions, `let`s of the current
    /// function (also reassigned, when every assignment is a read), fields of this file's
    /// types that are only ever set to a read, and same-file functions without parameters
    /// that return one.
    pub fn read(cx: &ExprCx<'_, '_>, e: &Expr) -> Option<Read> {
        let func = cx.func?;
        let scope = Scope {
            cx,
            bindings: &func.bindings,
            body: func.body,
        };
        let mut r = scope.trace(e, 0)?;
        let span = cx.span(e);
        r.direct = span.start <= r.site.start && r.site.end <= span.end;
        r.described = cx.text(e).to_string();
        Some(r)
    }

    struct Scope<'a, 'c, 'ast> {
        cx: &'a ExprCx<'c, 'ast>,
        bindings: &'a Bindings<'ast>,
        body: &'ast syn::Block,
    }

    impl<'ast> Scope<'_, '_, 'ast> {
        fn trace(&self, e: &Expr, depth: u32) -> Option<Read> {
            if depth > 6 {
                return None;
            }
            let cx = self.cx;
            match e {
                Expr::Paren(p) => self.trace(&p.expr, depth),
                Expr::Group(g) => self.trace(&g.expr, depth),
                Expr::Reference(r) => self.trace(&r.expr, depth),
                Expr::Cast(c) => self.trace(&c.expr, depth),
                Expr::Try(t) => self.trace(&t.expr, depth),
                Expr::Call(c) => self.call(c, depth),
                Expr::MethodCall(m) => {
                    let name = m.method.to_string();
                    let keeps = SAME_INSTANT.contains(&name.as_str())
                        || super::STD_UNITS.contains(&name.as_str())
                        || (m.args.len() == 1
                            && matches!(name.as_str(), "expect" | "unwrap_or" | "with_timezone" | "to_offset" | "to_zone" | "in_tz"))
                        // Since the epoch: the same instant as a count.
                        || (m.args.len() == 1
                            && name == "duration_since"
                            && values::tokens(&m.args[0]).contains("UNIX_EPOCH"));
                    if keeps {
                        let r = self.trace(&m.receiver, depth + 1)?;
                        return Some(Read {
                            naive_local: r.naive_local || name == "naive_local",
                            ..r
                        });
                    }
                    let moves = match name.as_str() {
                        "checked_add" | "saturating_add" | "checked_add_signed" => Shift::Forward,
                        "checked_sub" | "saturating_sub" | "checked_sub_signed" => Shift::Back,
                        _ => return None,
                    };
                    self.moved(&m.receiver, &m.args[0], moves, depth)
                }
                Expr::Binary(b) => {
                    let moves = match b.op {
                        BinOp::Add(_) => Shift::Forward,
                        BinOp::Sub(_) => Shift::Back,
                        _ => return None,
                    };
                    self.moved(&b.left, &b.right, moves, depth)
                        .or_else(|| match moves {
                            Shift::Forward => self.moved(&b.right, &b.left, moves, depth),
                            _ => None,
                        })
                }
                Expr::Path(p) => {
                    let ident = p.path.get_ident()?;
                    let name = ident.to_string();
                    let BoundTo::Expr(init) =
                        self.bindings.lookup(&name, ident.span().start())?.value
                    else {
                        return None;
                    };
                    let mut r = self.trace(init, depth + 1)?;
                    if !self.reassigned_only_to_reads(&name, depth) {
                        return None;
                    }
                    r.described = name;
                    Some(r)
                }
                Expr::Field(f) => {
                    let syn::Member::Named(field) = &f.member else {
                        return None;
                    };
                    let origin = field_read(cx, &field.to_string(), depth)?;
                    Some(Read {
                        site: cx.span(e),
                        ..origin
                    })
                }
                _ => None,
            }
        }

        /// `base ± duration`: a read moved by something that is not itself a read.
        fn moved(&self, base: &Expr, by: &Expr, shift: Shift, depth: u32) -> Option<Read> {
            let r = self.trace(base, depth + 1)?;
            if r.shift != Shift::None || self.trace(by, depth + 1).is_some() {
                return None;
            }
            Some(Read { shift, ..r })
        }

        fn call(&self, c: &syn::ExprCall, depth: u32) -> Option<Read> {
            let Expr::Path(p) = &*c.func else { return None };
            let segs = values::segment_names(&p.path);
            let cx = self.cx;
            if let [.., ty, func] = segs.as_slice() {
                if c.args.is_empty()
                    && READS.iter().any(|(t, f)| t == ty && f == func)
                    && !cx.imports().resolve(&p.path).local
                {
                    return Some(Read {
                        site: cx.span(c),
                        described: String::new(),
                        read_text: format!("{ty}::{func}()"),
                        line: values::start_of(c).line,
                        via: None,
                        system_time: ty == "SystemTime",
                        shift: Shift::None,
                        direct: true,
                        naive_local: false,
                    });
                }
            }
            // `fn now_ms() -> u64 { SystemTime::now()..as_millis() as u64 }`: each call reads.
            let [name] = segs.as_slice() else { return None };
            let f = cx.file.unique_fn(name)?;
            if !c.args.is_empty() || !f.sig.inputs.is_empty() || depth > 3 {
                return None;
            }
            let tail = tail_expr(f.body)?;
            let bindings = Bindings::collect(f.body);
            let inner = Scope {
                cx,
                bindings: &bindings,
                body: f.body,
            };
            let r = inner.trace(tail, depth + 1)?;
            Some(Read {
                site: cx.span(c),
                via: Some(format!("`{name}()`, which returns")),
                ..r
            })
        }

        /// Every assignment to `name` in the body is a clock read: `last = SystemTime::now()`
        /// restarts a measurement; anything else (a `+=`, a `&mut` borrow, a stored value)
        /// makes it no longer a read of this process.
        fn reassigned_only_to_reads(&self, name: &str, depth: u32) -> bool {
            let is_name =
                |e: &Expr| matches!(values::peel_parens(e), Expr::Path(p) if p.path.is_ident(name));
            if !crate::writes::writes(self.body, &is_name, None) {
                return true;
            }
            let mut ok = true;
            for_each_assignment(self.body, &is_name, &mut |rhs| {
                ok &= rhs.is_some_and(|rhs| {
                    self.trace(rhs, depth + 1)
                        .is_some_and(|r| r.shift == Shift::None)
                });
            });
            ok
        }
    }

    /// The value a block ends with: its tail expression, or a final `return e;`.
    fn tail_expr(body: &syn::Block) -> Option<&Expr> {
        match body.stmts.last()? {
            syn::Stmt::Expr(e, None) => Some(e),
            syn::Stmt::Expr(Expr::Return(r), Some(_)) => r.expr.as_deref(),
            _ => None,
        }
    }

    /// Calls `f` with the right-hand side of each write of a place `is_target` accepts:
    /// `Some(rhs)` for `x = rhs`, `None` for any other write (`x += d`, `&mut x`).
    fn for_each_assignment<'ast>(
        body: &'ast syn::Block,
        is_target: &dyn Fn(&Expr) -> bool,
        f: &mut dyn FnMut(Option<&'ast Expr>),
    ) {
        use syn::visit::Visit;
        struct Assigns<'t, 'f, 'ast> {
            is_target: &'t dyn Fn(&Expr) -> bool,
            f: &'f mut dyn FnMut(Option<&'ast Expr>),
        }
        impl<'ast> Visit<'ast> for Assigns<'_, '_, 'ast> {
            fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
                if (self.is_target)(&a.left) {
                    (self.f)(Some(&a.right));
                }
                syn::visit::visit_expr_assign(self, a);
            }
            fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
                use syn::BinOp::*;
                let compound = matches!(
                    b.op,
                    AddAssign(_) | SubAssign(_) | MulAssign(_) | DivAssign(_) | RemAssign(_)
                );
                if compound && (self.is_target)(&b.left) {
                    (self.f)(None);
                }
                syn::visit::visit_expr_binary(self, b);
            }
            fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
                if r.mutability.is_some() && (self.is_target)(&r.expr) {
                    (self.f)(None);
                }
                syn::visit::visit_expr_reference(self, r);
            }
        }
        Assigns { is_target, f }.visit_block(body);
    }

    /// The epoch or the earliest instant as a constant: `UNIX_EPOCH`, `DateTime::MIN_UTC`,
    /// `Utc.timestamp_nanos(0)`, `DateTime::from_timestamp(0, 0).unwrap()`.
    fn is_epoch(e: &Expr) -> bool {
        const NAMES: &[&str] = &["UNIX_EPOCH", "MIN_UTC", "MIN"];
        const FROM_ZERO: &[&str] = &[
            "timestamp_nanos",
            "timestamp_millis",
            "timestamp_opt",
            "timestamp",
            "from_timestamp",
            "from_timestamp_millis",
            "from_unix_timestamp",
            "from_second",
        ];
        let zero_args = |args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>| {
            !args.is_empty() && args.iter().all(|a| values::const_int(a) == Some(0))
        };
        match values::peel(e) {
            Expr::Path(p) => p
                .path
                .segments
                .last()
                .is_some_and(|s| NAMES.iter().any(|n| s.ident == n)),
            Expr::MethodCall(m)
                if matches!(
                    m.method.to_string().as_str(),
                    "unwrap" | "expect" | "single" | "earliest"
                ) =>
            {
                is_epoch(&m.receiver)
            }
            Expr::MethodCall(m) => FROM_ZERO.iter().any(|f| m.method == f) && zero_args(&m.args),
            Expr::Call(c) => {
                matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| FROM_ZERO.iter().any(|f| s.ident == f)))
                    && zero_args(&c.args)
            }
            _ => false,
        }
    }

    /// A field that every write in this file sets to a clock read (`started: SystemTime::now()`
    /// in a struct literal, `self.started = SystemTime::now()`), of a type defined in this file
    /// that is not deserialized (a timestamp read back from storage comes from outside).
    fn field_read(cx: &ExprCx<'_, '_>, field: &str, depth: u32) -> Option<Read> {
        use syn::visit::Visit;
        if depth > 3 {
            return None;
        }
        let file = cx.file.file;
        // The types that declare the field, and whether any is deserialized.
        struct Decls<'f> {
            field: &'f str,
            declared: bool,
            deserialized: bool,
        }
        impl<'ast> Visit<'ast> for Decls<'_> {
            fn visit_item_struct(&mut self, s: &'ast syn::ItemStruct) {
                let has = s
                    .fields
                    .iter()
                    .any(|f| f.ident.as_ref().is_some_and(|i| i == self.field));
                if has {
                    self.declared = true;
                    self.deserialized |= s.attrs.iter().any(|a| {
                        a.path().is_ident("derive")
                            && values::tokens(&a.meta).contains("Deserialize")
                    });
                }
            }
        }
        let mut decls = Decls {
            field,
            declared: false,
            deserialized: false,
        };
        decls.visit_file(file);
        if !decls.declared || decls.deserialized {
            return None;
        }
        // Every write of the field, in struct literals and assignments, with its function.
        struct Writes<'f, 'ast> {
            field: &'f str,
            func: Option<&'ast syn::Block>,
            found: Vec<(Option<&'ast syn::Block>, Option<&'ast Expr>)>,
        }
        impl<'ast> Writes<'_, 'ast> {
            fn is_field(&self, e: &Expr) -> bool {
                matches!(values::peel_parens(e), Expr::Field(f)
                    if matches!(&f.member, syn::Member::Named(n) if n == self.field))
            }
        }
        impl<'ast> Visit<'ast> for Writes<'_, 'ast> {
            fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
                let saved = self.func.replace(&f.block);
                syn::visit::visit_item_fn(self, f);
                self.func = saved;
            }
            fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
                let saved = self.func.replace(&f.block);
                syn::visit::visit_impl_item_fn(self, f);
                self.func = saved;
            }
            fn visit_field_value(&mut self, fv: &'ast syn::FieldValue) {
                if matches!(&fv.member, syn::Member::Named(n) if n == self.field) {
                    // Shorthand `Timer { started }` too: the local's value, in its function.
                    self.found.push((self.func, Some(&fv.expr)));
                }
                syn::visit::visit_field_value(self, fv);
            }
            fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
                if self.is_field(&a.left) {
                    self.found.push((self.func, Some(&a.right)));
                }
                syn::visit::visit_expr_assign(self, a);
            }
            fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
                use syn::BinOp::*;
                if matches!(
                    b.op,
                    AddAssign(_) | SubAssign(_) | MulAssign(_) | DivAssign(_) | RemAssign(_)
                ) && self.is_field(&b.left)
                {
                    self.found.push((self.func, None));
                }
                syn::visit::visit_expr_binary(self, b);
            }
            fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
                if r.mutability.is_some() && self.is_field(&r.expr) {
                    self.found.push((self.func, None));
                }
                syn::visit::visit_expr_reference(self, r);
            }
        }
        let mut writes = Writes {
            field,
            func: None,
            found: Vec::new(),
        };
        writes.visit_file(file);
        let mut first: Option<Read> = None;
        let mut epoch = false;
        for (func, value) in writes.found {
            let (Some(body), Some(value)) = (func, value) else {
                return None;
            };
            // A start at the epoch means "long ago" (the first check passes at once); the
            // clock reads written later are what the measurement compares with.
            if is_epoch(value) {
                epoch = true;
                continue;
            }
            let bindings = Bindings::collect(body);
            let scope = Scope {
                cx,
                bindings: &bindings,
                body,
            };
            let r = scope.trace(value, depth + 1)?;
            if r.shift != Shift::None {
                return None;
            }
            first.get_or_insert(r);
        }
        let r = first?;
        let via = if epoch {
            format!("`{field}` starts at the epoch and is otherwise only set to")
        } else {
            format!("`{field}` is only ever set to")
        };
        Some(Read {
            via: Some(via),
            ..r
        })
    }
}
