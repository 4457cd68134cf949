//! `unchecked_local_time`: a local date-time in a zone with DST, unwrapped although it may fall
//! in a gap or an overlap. Page: `lints/docs/unchecked_local_time.md`.

use syn::Expr;

use crate::api::{Failure, Role};
use crate::bindings::BoundTo;
use crate::calendar::{self, CivilDate, Transition};
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::facts::{Fact, IntSet, Prov};
use crate::registry::{
    Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::resolve::Crate;
use crate::values;
use syn::spanned::Spanned;

use crate::calls::{date_call, CtorCall};

pub static UNCHECKED_LOCAL_TIME: Lint = Lint {
    needles: Needles::AllOf(&[NeedleGroup::DateApi(&["unambiguous"])]),
    checks: &[Check::Expr(&[Syntax::MethodCall], check_expr)],
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::UNCHECKED_LOCAL_TIME,
        Group::Suspicious,
        Precision::High,
        "a local date-time is unwrapped although it does not exist in a DST gap or is ambiguous in an overlap",
    )
};

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    if cx.in_documented_panic() {
        return;
    }
    let Expr::MethodCall(m) = e else { return };
    let name = m.method.to_string();
    // chrono's deprecated `Date<Tz>::and_hms(..)` and `TimeZone::ymd(..)` panic by themselves.
    if !matches!(name.as_str(), "unwrap" | "expect") {
        if let Some(call) = date_call(cx, e).filter(|c| c.row.failure.panics()) {
            if let Some(site) = Site::of(cx, e, call, false) {
                judge(cx, site);
            }
        }
        return;
    }
    // Inside a `match` arm on `LocalResult::Single`/`Ambiguous` the code has already seen that
    // the local time exists.
    if in_classified_arm(cx, e) {
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
        if u.method == "unambiguous" && u.args.is_empty() && !resolved_with_offset(cx, &u.receiver)
        {
            let spring = calendar::next_eu_spring_forward(cx.today());
            cx.emit(
                Diagnostic {
                    lint: &UNCHECKED_LOCAL_TIME,
                    certainty: Certainty::Certain,
                    message: format!("`{}` on `unambiguous()`: a local time in a DST gap or overlap is an error", method(e)),
                    span: cx.span(e),
                    label: "panics in a DST gap and in a DST overlap".to_string(),
                    notes: vec![format!("e.g. in Europe/Berlin 02:30 on {spring} does not exist")],
                    help: Some(Help {
                        message: "use `.compatible()` (or `.earlier()`/`.later()`), or `civil_dt.to_zoned(tz)`, which \
                                  resolves gaps and overlaps"
                            .to_string(),
                        fix: None,
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
    if call.row.failure.panics() {
        return;
    }
    if let Some(site) = Site::of(cx, e, call, gap_only) {
        judge(cx, site);
    }
}

/// Which results of the local-time lookup make the code fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fails {
    /// A gap (no such local time) and an overlap (two instants): `unwrap`, `single()`.
    Both,
    /// Only a gap: `.earliest()`/`.latest()` settle the overlap.
    Gap,
    /// Only an overlap: the local time was read from a real instant of the same zone.
    Overlap,
}

impl Fails {
    fn admits(self, t: &Transition) -> bool {
        match self {
            Fails::Both => true,
            Fails::Gap => t.gap,
            Fails::Overlap => !t.gap,
        }
    }
}

/// One place where a local time is looked up in a zone and the code panics if that fails.
struct Site<'ast> {
    /// What panics: the unwrap, or the deprecated call that panics itself.
    at: &'ast Expr,
    /// The lookup: `from_local_datetime`, `with_ymd_and_hms`, `and_local_timezone`, `ymd`, or
    /// `Date<Tz>::and_hms*`.
    call: CtorCall<'ast>,
    zone: &'ast Expr,
    /// The calendar fields, when the lookup takes them as integers (`with_ymd_and_hms`, the
    /// `ymd` a `Date<Tz>` was made with).
    year: Option<&'ast Expr>,
    month: Option<&'ast Expr>,
    day: Option<&'ast Expr>,
    hour: Option<&'ast Expr>,
    minute: Option<&'ast Expr>,
    /// The naive local date-time, when the lookup takes one (`from_local_datetime`).
    naive: Option<&'ast Expr>,
    /// A date without a time of day (`ymd`): chrono's `Local` resolves it at midnight.
    date_only: bool,
    fails: Fails,
}

impl<'ast> Site<'ast> {
    fn of(
        cx: &ExprCx<'_, 'ast>,
        at: &'ast Expr,
        call: CtorCall<'ast>,
        gap_only: bool,
    ) -> Option<Site<'ast>> {
        let fails = if gap_only { Fails::Gap } else { Fails::Both };
        if call.row.zoned {
            let zone = zone_of(&call)?;
            let date_only =
                !call.row.args.contains(&Role::Hour) && !call.row.args.contains(&Role::Other);
            let naive = if call.row.args.iter().all(|r| *r == Role::Other) {
                if call.row.display_name() == "and_local_timezone" {
                    call.receiver
                } else {
                    call.args.first().copied()
                }
            } else {
                None
            };
            return Some(Site {
                at,
                zone,
                year: call.arg(Role::Year),
                month: call.arg(Role::Month),
                day: call.arg(Role::Day),
                hour: call.arg(Role::Hour),
                minute: call.arg(Role::Minute),
                naive,
                date_only,
                fails,
                call,
            });
        }
        // `date.and_hms_opt(h, m, s)` on a chrono `Date<Tz>`: the date's zone resolves the time
        // with `.single()` (None in a gap and in an overlap); `and_hms` panics on it.
        if !call.row.is_method() || call.row.args.first() != Some(&Role::Hour) {
            return None;
        }
        let date = zoned_date(cx, call.receiver?, 0)?;
        Some(Site {
            at,
            zone: date.zone,
            year: date.fields.map(|f| f[0]),
            month: date.fields.map(|f| f[1]),
            day: date.fields.map(|f| f[2]),
            hour: call.arg(Role::Hour),
            minute: call.arg(Role::Minute),
            naive: None,
            date_only: false,
            fails: Fails::Both,
            call,
        })
    }

    /// The arguments that decide the local time, besides the zone.
    fn fields(&self) -> Vec<&'ast Expr> {
        let mut out: Vec<&Expr> = [self.year, self.month, self.day, self.hour, self.minute]
            .into_iter()
            .flatten()
            .collect();
        out.extend(self.naive);
        out
    }
}

/// A chrono `Date<Tz>`: the zone it was made in, and the `ymd` fields when they are visible.
struct ZonedDate<'ast> {
    zone: &'ast Expr,
    fields: Option<[&'ast Expr; 3]>,
}

/// The receiver is a chrono `Date<Tz>`: made by `tz.ymd(..)` (or `ymd_opt(..).unwrap()`),
/// `Local::today()`, or bound to one by a `let`.
fn zoned_date<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr, depth: usize) -> Option<ZonedDate<'ast>> {
    if depth > 4 {
        return None;
    }
    let e = values::peel(e);
    match e {
        Expr::MethodCall(m) => {
            let call = date_call(cx, e)?;
            // A zoned constructor of a date alone: `ymd`, `ymd_opt`, `yo`.
            if !call.row.zoned
                || call.row.args.contains(&Role::Hour)
                || call.row.args.contains(&Role::Other)
            {
                return None;
            }
            let fields = match (
                call.arg(Role::Year),
                call.arg(Role::Month),
                call.arg(Role::Day),
            ) {
                (Some(y), Some(mo), Some(d)) => Some([y, mo, d]),
                _ => None,
            };
            Some(ZonedDate {
                zone: &m.receiver,
                fields,
            })
        }
        // `Local::today()`
        Expr::Call(c) if c.args.is_empty() => {
            let Expr::Path(p) = &*c.func else { return None };
            let r = cx.imports().resolve(&p.path);
            (r.last() == "today"
                && r.owner() == Some("Local")
                && matches!(r.krate, Some(Crate::Chrono) | None))
            .then_some(ZonedDate {
                zone: &c.func,
                fields: None,
            })
        }
        Expr::Path(p) => {
            let ident = p.path.get_ident()?;
            match bound(cx, ident)? {
                BoundTo::Expr(init) => zoned_date(cx, init, depth + 1),
                BoundTo::Opaque => None,
            }
        }
        _ => None,
    }
}

fn judge<'ast>(cx: &ExprCx<'_, 'ast>, mut site: Site<'ast>) {
    let zone = zone_id(cx, site.zone, 0);
    // `Local::today()` names its zone in the function's path.
    if zone != Some(ZoneId::Local) && crate::zones::classify_zone(cx, site.zone) != Some(true) {
        return;
    }
    // Only `Local` resolves a date at midnight: chrono-tz gives a date any offset of that day,
    // so it fails only where a whole day was skipped (Pacific/Apia 2011-12-30), which the
    // checker cannot judge without the tz database.
    if site.date_only && zone != Some(ZoneId::Local) {
        return;
    }
    // The naive local time of a `DateTime` of the same zone: it exists (it was read from a real
    // instant), and if a lookup that insisted on one result made it, it is not repeated either.
    if let (Some(naive), Some(zone)) = (site.naive, zone.as_ref()) {
        if let Some(origin) = naive_local_of(cx, naive, 0).and_then(|d| datetime_origin(cx, d, 0)) {
            if &origin.zone == zone {
                if origin.single {
                    return;
                }
                site.fails = match site.fails {
                    Fails::Gap => return,
                    _ => Fails::Overlap,
                };
            }
        }
    }
    let facts = cx.facts();
    let naive_date = site
        .naive
        .and_then(|n| fact_of(facts, n))
        .filter(|f| f.as_date().is_some());
    // The time of day: a literal, the facts of the hour argument or of the naive date-time,
    // midnight for a date alone.
    let hours: Option<IntSet> = if site.date_only {
        Some(IntSet::exact(0))
    } else if let Some(h) = site.hour {
        values::const_int(values::peel(h))
            .and_then(|h| i64::try_from(h).ok())
            .map(IntSet::exact)
            .or_else(|| fact_of(facts, h).and_then(|f| f.set().cloned()))
    } else {
        naive_date.and_then(|f| f.as_date()).map(|d| d.h.clone())
    }
    // A set that holds every hour of the day tells nothing.
    .map(|h| h.meet(&IntSet::range(0, 23)))
    .filter(|h| !h.is_empty() && *h != IntSet::range(0, 23));
    // No zone has a DST transition between 05:00 and 21:00 local time: such a time exists and
    // is unambiguous everywhere (transitions happen from 00:00 to 04:00, and at 22:00-24:00 in
    // a few zones such as America/Nuuk and Pacific/Easter).
    if hours.as_ref().is_some_and(|h| h.within(5, 20)) {
        return;
    }
    // The fields as literals or named constants of the file, or exact constants the facts know
    // of the naive date-time.
    let lit = |e: Option<&Expr>| -> Option<u32> {
        let a = values::peel(e?);
        let v = values::const_int(a).or_else(|| match a {
            Expr::Path(p) => cx
                .file
                .const_value(&p.path.get_ident()?.to_string())
                .map(i128::from),
            _ => None,
        })?;
        u32::try_from(v).ok()
    };
    let const_naive = naive_date.filter(|f| f.prov.is_const()).and_then(|f| {
        let d = f.as_date()?;
        Some(Instant {
            year: d.y.single()? as i32,
            month: d.m.single()? as u32,
            day: d.d.single()? as u32,
            hour: d.h.single()? as u32,
            minute: d.min.single().map(|m| m as u32),
        })
    });
    let (y, m, d, h) = match &const_naive {
        Some(i) => (
            Some(i.year as u32),
            Some(i.month),
            Some(i.day),
            Some(i.hour),
        ),
        None => (
            lit(site.year),
            lit(site.month),
            lit(site.day),
            lit(site.hour),
        ),
    };
    let minute = const_naive
        .as_ref()
        .and_then(|i| i.minute)
        .or_else(|| lit(site.minute))
        .or_else(|| {
            naive_date
                .and_then(|f| f.as_date())
                .and_then(|d| d.min.single())
                .and_then(|m| u32::try_from(m).ok())
        });
    let hours = h.map(|h| IntSet::exact(i64::from(h))).or(hours);
    // The whole local time is a constant: the date, and the hour unless it is a date alone.
    let all_const = const_naive.is_some()
        || (y.is_some() && m.is_some() && d.is_some() && (site.date_only || h.is_some()));
    let named = match &zone {
        Some(ZoneId::Named(n)) => Some(n.as_str()),
        _ => None,
    };
    // Literal fields in a named zone give the same answer on every run: a test catches a gap,
    // unless the checker knows that local time is a transition of that very zone. `Local` is
    // different: the zone is the machine's.
    if all_const && zone != Some(ZoneId::Local) {
        let known = named.is_some_and(|n| {
            y.is_some_and(|y| {
                calendar::dst_transitions(y as i32).iter().any(|t| {
                    t.zone == n
                        && site.fails.admits(t)
                        && Some(t.date.month) == m
                        && Some(t.date.day) == d
                        && hours
                            .as_ref()
                            .is_some_and(|h| h.contains(i64::from(t.hour)))
                })
            })
        });
        if !known {
            return;
        }
    }
    // Literal fields fail only where that local time is skipped (or repeated, unless the call
    // takes the earliest/latest): on a transition day of a zone people test with, at its hour.
    if m.is_some() || d.is_some() || hours.is_some() {
        let years = match y {
            Some(y) => y as i32..=y as i32,
            None => 1970..=2100,
        };
        let possible = years.flat_map(calendar::dst_transitions).any(|t| {
            site.fails.admits(&t)
                && m.is_none_or(|m| t.date.month == m)
                && d.is_none_or(|d| t.date.day == d)
                && hours.as_ref().is_none_or(|h| h.contains(i64::from(t.hour)))
        });
        if !possible {
            return;
        }
    }
    let mut notes = Vec::new();
    // The fields are the rows of a constant table the function loops over: every instant that
    // reaches the call is in view, and judged like literal fields.
    if let Some((table, rows)) = table_rows(cx, &site) {
        let hit = rows
            .iter()
            .find_map(|i| transition_at(i, zone.as_ref(), site.fails).map(|t| (i, t)));
        match hit {
            None => return,
            Some((i, t)) => notes.push(format!(
                "`{table}` holds {} {:02}:{:02}, which {} in {}",
                t.date,
                i.hour,
                i.minute.unwrap_or(0),
                if t.gap {
                    "does not exist"
                } else {
                    "happens twice"
                },
                t.zone
            )),
        }
    }
    // A helper of a named zone called with its own parameters: the caller picks the instant
    // (the machine's `Local` zone is different: nobody picks it).
    if zone != Some(ZoneId::Local) && callers_pick(cx, &site) {
        return;
    }
    // A private function of the file whose zone and local time are its parameters: the calls
    // in view decide. Every call passes a constant instant that is no known transition: silent.
    match judged_at_calls(cx, &site) {
        Some(CallsVerdict::Safe) => return,
        Some(CallsVerdict::Transition(note)) => notes.push(note),
        None => {}
    }
    let pick = Pick {
        year: y.map(|y| y as i32),
        month: m,
        day: d,
        hours: hours.as_ref(),
        minute,
        zone: named,
        fails: site.fails,
    };
    // A call that passes a known transition is the example.
    if notes.is_empty() {
        notes.push(example_note(cx.today(), &pick, site.date_only));
    }
    if site.fails == Fails::Overlap {
        notes.push(
            "the local time is read from a real instant of the same zone, so it always exists; \
             only an hour that the clocks repeat makes the lookup ambiguous"
                .to_string(),
        );
    }
    let what = method(site.at);
    let (message, label) = if site.date_only {
        (
            format!("`{what}` on a local date whose midnight may not exist or may be ambiguous"),
            "panics where local midnight is skipped or repeated".to_string(),
        )
    } else if site.fails == Fails::Overlap {
        (
            format!("`{what}` on a local time that may be ambiguous"),
            "panics in a DST overlap".to_string(),
        )
    } else {
        (
            format!("`{what}` on a local time that may not exist or may be ambiguous"),
            match site.fails {
                Fails::Gap => "panics in a DST gap",
                _ => "panics in a DST gap and in a DST overlap",
            }
            .to_string(),
        )
    };
    let help = if site.fails == Fails::Overlap {
        "pick one of the two instants of a repeated hour with `.earliest()` or `.latest()`, or keep \
         the `DateTime` itself instead of looking its local time up again"
    } else if site.date_only || !site.call.row.zoned {
        "use `with_ymd_and_hms(..)` (or `from_local_datetime`) and choose what a gap and an overlap \
         mean: `.earliest()`/`.latest()` (None in a gap) with a fallback"
    } else {
        "choose what a gap and an overlap mean: `.earliest()`/`.latest()` (None in a gap) with a \
         fallback, or jiff's `to_zoned` with an explicit `Disambiguation`"
    };
    cx.emit(
        Diagnostic {
            lint: &UNCHECKED_LOCAL_TIME,
            certainty: Certainty::Certain,
            message,
            span: cx.span(site.at),
            label,
            notes,
            help: Some(Help {
                message: help.to_string(),
                fix: None,
            }),
        },
        Some(site.call.subject(cx)),
    );
}

/// What a variable read at `ident` holds: the `let` before it, skipping a `let` whose own
/// initializer reads it (`let t = tz.from_local_datetime(&t)` reads the earlier `t`).
fn bound<'ast>(cx: &ExprCx<'_, 'ast>, ident: &syn::Ident) -> Option<BoundTo<'ast>> {
    let name = ident.to_string();
    let at = ident.span().start();
    let mut b = cx.func?.bindings.lookup(&name, at)?;
    loop {
        let inside = match b.value {
            BoundTo::Expr(init) => {
                let (s, e) = (init.span().start(), init.span().end());
                crate::bindings::before(s, at) && crate::bindings::before(at, e)
            }
            BoundTo::Opaque => false,
        };
        if !inside {
            return Some(b.value);
        }
        b = cx.func?.bindings.lookup(&name, b.at)?;
    }
}

/// The facts of an expression, or of what it borrows.
fn fact_of<'f>(facts: Option<&'f crate::facts::FnFacts>, e: &Expr) -> Option<&'f Fact> {
    let facts = facts?;
    facts.value(e).or_else(|| facts.value(values::peel(e)))
}

/// Every input of the lookup that varies is computed from the function's own parameters only,
/// and none is a real date's: the caller picks the instant. (Values from loops, fields of
/// `self` or the function's own computations are not the caller's choice.)
fn callers_pick(cx: &ExprCx<'_, '_>, site: &Site<'_>) -> bool {
    let facts = cx.facts();
    let mut varying = false;
    for a in site.fields() {
        let Some(f) = fact_of(facts, a) else {
            return false;
        };
        if f.prov.is_const() {
            continue;
        }
        if f.prov.has(Prov::CALENDAR) || !from_params_only(cx, a) {
            return false;
        }
        varying = true;
    }
    varying
}

/// Every variable the expression reads is a parameter of the enclosing function (not shadowed
/// by a `let`) or a constant of the file.
fn from_params_only(cx: &ExprCx<'_, '_>, e: &Expr) -> bool {
    use syn::visit::Visit;
    struct Names<'c, 'x, 'ast> {
        cx: &'x ExprCx<'c, 'ast>,
        ok: bool,
        any: bool,
    }
    impl<'ast> Visit<'ast> for Names<'_, '_, '_> {
        fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
            let Some(ident) = p.path.get_ident() else {
                return;
            };
            let name = ident.to_string();
            let param =
                self.cx.func.is_some_and(|f| f.has_param(&name)) && bound(self.cx, ident).is_none();
            if param {
                self.any = true;
            } else if self.cx.file.const_value(&name).is_none() {
                self.ok = false;
            }
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {
            self.ok = false;
        }
    }
    let mut n = Names {
        cx,
        ok: true,
        any: false,
    };
    n.visit_expr(e);
    n.ok && n.any
}

/// A local date and time known exactly.
#[derive(Debug, Clone, Copy)]
struct Instant {
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: Option<u32>,
}

/// How a zone is named in the code, to tell whether two values are in the same zone.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ZoneId {
    Local,
    Utc,
    /// A chrono-tz zone: its tz database name (`Europe/Berlin`).
    Named(String),
    /// A parameter or variable holding a zone, by name.
    Var(String),
}

fn zone_id(cx: &ExprCx<'_, '_>, e: &Expr, depth: usize) -> Option<ZoneId> {
    if depth > 8 {
        return None;
    }
    match values::peel(e) {
        Expr::Path(p) => {
            let r = cx.imports().resolve(&p.path);
            if r.krate == Some(Crate::ChronoTz) {
                return tz_name(&r.segments).map(ZoneId::Named);
            }
            if r.owner() == Some("Local") && r.last() == "today" {
                return Some(ZoneId::Local);
            }
            match r.last() {
                "Local" => return Some(ZoneId::Local),
                "Utc" | "UTC" => return Some(ZoneId::Utc),
                _ => {}
            }
            // A constant path (`Tz::Europe__Berlin` inside chrono-tz itself).
            let Some(ident) = p.path.get_ident() else {
                return tz_name(&r.segments).map(ZoneId::Named);
            };
            let name = ident.to_string();
            match bound(cx, ident) {
                Some(BoundTo::Expr(init)) => zone_id(cx, init, depth + 1),
                Some(BoundTo::Opaque) => None,
                None => Some(ZoneId::Var(name)),
            }
        }
        // `dt.timezone()`: the zone of a date-time.
        Expr::MethodCall(m) if m.method == "timezone" && m.args.is_empty() => {
            datetime_origin(cx, &m.receiver, depth + 1).map(|o| o.zone)
        }
        _ => None,
    }
}

/// `chrono_tz::Europe::Berlin`, `Tz::Europe__Berlin` → `Europe/Berlin` (also inside chrono-tz,
/// where `Tz` is the crate's own).
fn tz_name(segments: &[String]) -> Option<String> {
    let rest: Vec<&str> = segments
        .iter()
        .map(String::as_str)
        .skip_while(|s| matches!(*s, "chrono_tz" | "crate" | "self" | "super" | "Tz"))
        .collect();
    (!rest.is_empty()).then(|| rest.join("/").replace("__", "/"))
}

/// Where a chrono `DateTime<Tz>` comes from: its zone, and whether a lookup that insisted on a
/// single result produced its local time.
struct Origin {
    zone: ZoneId,
    single: bool,
}

/// `x.naive_local()` (directly or through a `let`): the date-time `x`.
fn naive_local_of<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr, depth: usize) -> Option<&'ast Expr> {
    if depth > 4 {
        return None;
    }
    match values::peel(e) {
        Expr::MethodCall(m) if m.method == "naive_local" && m.args.is_empty() => Some(&m.receiver),
        Expr::Path(p) => {
            let ident = p.path.get_ident()?;
            match bound(cx, ident)? {
                BoundTo::Expr(init) => naive_local_of(cx, init, depth + 1),
                BoundTo::Opaque => None,
            }
        }
        _ => None,
    }
}

/// chrono resolves the local time of these with `from_local_datetime(..).single()` (chrono
/// 0.4.45: `map_local` for `DateTime`'s `Datelike`/`Timelike` setters, `checked_add_months`/
/// `checked_sub_months`/`checked_sub_days` and `checked_add_days` but for zero days, and the
/// `Add`/`Sub` impls for `Days` and `Months` that `expect` them).
const SINGLE_SETTERS: &[&str] = &[
    "with_year",
    "with_month",
    "with_month0",
    "with_day",
    "with_day0",
    "with_ordinal",
    "with_ordinal0",
    "with_hour",
    "with_minute",
    "with_second",
    "with_nanosecond",
];

fn datetime_origin(cx: &ExprCx<'_, '_>, e: &Expr, depth: usize) -> Option<Origin> {
    if depth > 8 {
        return None;
    }
    let e = values::peel_parens(e);
    match e {
        Expr::Reference(r) => datetime_origin(cx, &r.expr, depth + 1),
        Expr::Try(t) => success_origin(cx, &t.expr, depth + 1),
        Expr::MethodCall(m) => match m.method.to_string().as_str() {
            "unwrap" | "expect" => success_origin(cx, &m.receiver, depth + 1),
            "clone" | "to_owned" if m.args.is_empty() => {
                datetime_origin(cx, &m.receiver, depth + 1)
            }
            "with_timezone" if m.args.len() == 1 => Some(Origin {
                zone: zone_id(cx, &m.args[0], depth + 1)?,
                single: false,
            }),
            // `date.and_hms(..)` on a `Date<Tz>`: resolved with `.single()`, or a panic.
            _ => {
                let call = date_call(cx, e)?;
                (call.row.failure.panics() && call.row.args.first() == Some(&Role::Hour))
                    .then_some(())?;
                let date = zoned_date(cx, call.receiver?, 0)?;
                Some(Origin {
                    zone: zone_id(cx, date.zone, depth + 1)?,
                    single: true,
                })
            }
        },
        Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_) | syn::BinOp::Sub(_)) => {
            let lhs = datetime_origin(cx, &b.left, depth + 1)?;
            let sub = matches!(b.op, syn::BinOp::Sub(_));
            let single = match calendar_step(cx, &b.right) {
                Some(Step::Months) => true,
                Some(Step::Days(n)) => sub || n.is_some_and(|n| n != 0),
                None => false,
            };
            Some(Origin {
                zone: lhs.zone,
                single,
            })
        }
        // `Local::now()`, `Utc::now()`
        Expr::Call(c) if c.args.is_empty() => {
            let Expr::Path(p) = &*c.func else { return None };
            let r = cx.imports().resolve(&p.path);
            if r.last() != "now" {
                return None;
            }
            let zone = match r.owner()? {
                "Local" => ZoneId::Local,
                "Utc" => ZoneId::Utc,
                _ => return None,
            };
            Some(Origin {
                zone,
                single: false,
            })
        }
        Expr::Path(p) => {
            let ident = p.path.get_ident()?;
            let name = ident.to_string();
            match bound(cx, ident) {
                Some(BoundTo::Expr(init)) => datetime_origin(cx, init, depth + 1),
                Some(BoundTo::Opaque) => None,
                // A parameter `DateTime<Local>` / `DateTime<Utc>`.
                None => {
                    let zone = param_datetime_zone(cx, &name)?;
                    Some(Origin {
                        zone,
                        single: false,
                    })
                }
            }
        }
        _ => None,
    }
}

/// The value of `e.unwrap()` or `e?` for a fallible date-time `e`.
fn success_origin(cx: &ExprCx<'_, '_>, e: &Expr, depth: usize) -> Option<Origin> {
    let e = values::peel_parens(e);
    let Expr::MethodCall(m) = e else { return None };
    let name = m.method.to_string();
    match name.as_str() {
        "checked_add_days" | "checked_sub_days" | "checked_add_months" | "checked_sub_months"
            if m.args.len() == 1 =>
        {
            let base = datetime_origin(cx, &m.receiver, depth + 1)?;
            // `checked_add_days(Days::new(0))` returns the date-time unchanged.
            let single = name != "checked_add_days"
                || matches!(calendar_step(cx, &m.args[0]), Some(Step::Days(Some(n))) if n != 0);
            Some(Origin {
                zone: base.zone,
                single,
            })
        }
        "checked_add_signed" | "checked_sub_signed" => Some(Origin {
            zone: datetime_origin(cx, &m.receiver, depth + 1)?.zone,
            single: false,
        }),
        n if SINGLE_SETTERS.contains(&n) && m.args.len() == 1 => Some(Origin {
            zone: datetime_origin(cx, &m.receiver, depth + 1)?.zone,
            single: true,
        }),
        "single" if m.args.is_empty() => Some(Origin {
            zone: lookup_zone(cx, &m.receiver, depth)?,
            single: true,
        }),
        "earliest" | "latest" if m.args.is_empty() => Some(Origin {
            zone: lookup_zone(cx, &m.receiver, depth)?,
            single: false,
        }),
        // `date.and_hms_opt(..)`, `date.and_time(..)` on a `Date<Tz>`: `.single()` inside.
        _ if name.starts_with("and_hms") || name == "and_time" => {
            let date = zoned_date(cx, &m.receiver, 0)?;
            Some(Origin {
                zone: zone_id(cx, date.zone, depth + 1)?,
                single: true,
            })
        }
        // `MappedLocalTime::unwrap` panics on an ambiguous result too.
        _ => Some(Origin {
            zone: lookup_zone(cx, e, depth)?,
            single: true,
        }),
    }
}

/// The zone of a lookup of a local date-time that returns chrono's `LocalResult`
/// (`from_local_datetime`, `with_ymd_and_hms`, `and_local_timezone`, `DateTime::with_time`).
fn lookup_zone(cx: &ExprCx<'_, '_>, e: &Expr, depth: usize) -> Option<ZoneId> {
    let e = values::peel_parens(e);
    if let Expr::MethodCall(m) = e {
        if m.method == "with_time" && m.args.len() == 1 {
            return datetime_origin(cx, &m.receiver, depth + 1).map(|o| o.zone);
        }
    }
    let call = date_call(cx, e)?;
    if !call.row.zoned
        || call.row.failure != Failure::LocalResult
        || !(call.row.args.contains(&Role::Hour) || call.row.args.contains(&Role::Other))
    {
        return None;
    }
    zone_id(cx, zone_of(&call)?, depth + 1)
}

enum Step {
    /// `Days::new(n)`, with `n` when it is a constant.
    Days(Option<i128>),
    Months,
}

/// `Days::new(n)` or `Months::new(n)` (directly or through a `let`).
fn calendar_step(cx: &ExprCx<'_, '_>, e: &Expr) -> Option<Step> {
    match values::peel(e) {
        Expr::Call(c) if c.args.len() == 1 => {
            let Expr::Path(p) = &*c.func else { return None };
            let r = cx.imports().resolve(&p.path);
            if r.last() != "new" || !matches!(r.krate, Some(Crate::Chrono) | None) {
                return None;
            }
            match r.owner()? {
                "Days" => Some(Step::Days(values::const_int(values::peel(&c.args[0])))),
                "Months" => Some(Step::Months),
                _ => None,
            }
        }
        Expr::Path(p) => {
            let ident = p.path.get_ident()?;
            match bound(cx, ident)? {
                BoundTo::Expr(init) => match values::peel(init) {
                    Expr::Path(_) => None,
                    _ => calendar_step(cx, init),
                },
                BoundTo::Opaque => None,
            }
        }
        _ => None,
    }
}

/// The zone of a parameter declared `DateTime<Local>` or `DateTime<Utc>`.
fn param_datetime_zone(cx: &ExprCx<'_, '_>, name: &str) -> Option<ZoneId> {
    let sig = cx.func?.sig;
    let ty = sig.inputs.iter().find_map(|a| match a {
        syn::FnArg::Typed(pt) => match &*pt.pat {
            syn::Pat::Ident(p) if p.ident == name => Some(&*pt.ty),
            _ => None,
        },
        syn::FnArg::Receiver(_) => None,
    })?;
    let mut ty = ty;
    while let syn::Type::Reference(r) = ty {
        ty = &r.elem;
    }
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "DateTime" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let Some(syn::GenericArgument::Type(syn::Type::Path(arg))) = args.args.first() else {
        return None;
    };
    let r = cx.imports().resolve(&arg.path);
    match r.last() {
        "Local" => Some(ZoneId::Local),
        "Utc" => Some(ZoneId::Utc),
        _ => None,
    }
}

/// The zone of a zoned call: the argument of `naive.and_local_timezone(tz)`, else the receiver.
fn zone_of<'a>(call: &CtorCall<'a>) -> Option<&'a Expr> {
    if call.row.display_name() == "and_local_timezone" {
        call.args.first().copied()
    } else {
        call.receiver
    }
}

fn method(e: &Expr) -> String {
    match e {
        Expr::MethodCall(m) => m.method.to_string(),
        _ => "unwrap".into(),
    }
}

/// What the calls of a private helper pass to its lookup.
enum CallsVerdict {
    /// Every call passes a constant instant that is no transition the checker knows.
    Safe,
    /// A call passes a known transition: a note naming it.
    Transition(String),
}

/// What an input of the lookup is, inside the helper.
#[derive(Clone, PartialEq)]
enum Input {
    /// The helper's parameter at this position.
    Param(usize),
    /// An integer constant of the helper itself.
    Int(u32),
    /// A zone named in the helper itself.
    Zone(ZoneId),
}

/// A private function of the file whose lookup takes its zone and local time from its own
/// parameters (or constants) is judged at its calls: the values are in view. `None` when the
/// rule does not apply (a public function, an input computed in the helper, a call or a use
/// of the function that is not in view, an argument that is not a constant).
fn judged_at_calls<'ast>(cx: &ExprCx<'_, 'ast>, site: &Site<'ast>) -> Option<CallsVerdict> {
    let func = cx.func?;
    let item = crate::zones::find_fn(cx.file.file, func.sig).item_fn?;
    if !matches!(item.vis, syn::Visibility::Inherited) {
        return None;
    }
    let params: Vec<String> = item
        .sig
        .inputs
        .iter()
        .map(|a| match a {
            syn::FnArg::Typed(pt) => match &*pt.pat {
                syn::Pat::Ident(p) => Some(p.ident.to_string()),
                _ => None,
            },
            syn::FnArg::Receiver(_) => None,
        })
        .collect::<Option<Vec<_>>>()?;
    let input = |e: &'ast Expr| -> Option<Input> {
        let peeled = values::peel(e);
        if let Expr::Path(p) = peeled {
            if let Some(ident) = p.path.get_ident() {
                let name = ident.to_string();
                if let Some(k) = params.iter().position(|n| *n == name) {
                    // A `let` of the same name before the use shadows the parameter.
                    return bound(cx, ident).is_none().then_some(Input::Param(k));
                }
            }
        }
        if let Some(v) = values::const_int(peeled) {
            return u32::try_from(v).ok().map(Input::Int);
        }
        match zone_id(cx, peeled, 0)? {
            z @ (ZoneId::Local | ZoneId::Utc | ZoneId::Named(_)) => Some(Input::Zone(z)),
            ZoneId::Var(_) => None,
        }
    };
    let zone = input(site.zone)?;
    // A naive date-time must come from the caller: a constant one in the helper is judged
    // where it is written.
    let naive = match site.naive {
        Some(n) => match input(n)? {
            Input::Param(k) => Some(k),
            _ => return None,
        },
        None => None,
    };
    let fields: Vec<(Role, Input)> = [
        (Role::Year, site.year),
        (Role::Month, site.month),
        (Role::Day, site.day),
        (Role::Hour, site.hour),
        (Role::Minute, site.minute),
    ]
    .into_iter()
    .filter_map(|(r, e)| e.map(|e| input(e).map(|i| (r, i))))
    .collect::<Option<Vec<_>>>()?;
    let any_param = matches!(zone, Input::Param(_))
        || naive.is_some()
        || fields.iter().any(|(_, i)| matches!(i, Input::Param(_)));
    if !any_param {
        return None;
    }
    let calls = calls_of(cx.file.file, &item.sig.ident.to_string(), params.len())?;
    if calls.is_empty() {
        return None;
    }
    let mut facts_cache: Vec<(*const syn::Signature, crate::facts::FnFacts)> = Vec::new();
    for (caller, call) in calls {
        let caller = caller?;
        let key = caller.sig as *const syn::Signature;
        if !facts_cache.iter().any(|(k, _)| *k == key) {
            let facts = crate::facts::Interp::new(cx.file, 0).run(caller).0;
            facts_cache.push((key, facts));
        }
        let facts = &facts_cache.iter().find(|(k, _)| *k == key)?.1;
        let int = |i: &Input| -> Option<u32> {
            let e = match i {
                Input::Param(k) => call.args.iter().nth(*k)?,
                Input::Int(v) => return Some(*v),
                Input::Zone(_) => return None,
            };
            if let Some(v) = values::const_int(values::peel(e)) {
                return u32::try_from(v).ok();
            }
            let f = facts.value(e)?;
            (f.prov.is_const())
                .then(|| f.set()?.single())
                .flatten()
                .and_then(|v| u32::try_from(v).ok())
        };
        // The zone: a constant of the helper, or written as one at the call.
        let zone = match &zone {
            Input::Zone(z) => z.clone(),
            Input::Int(_) => return None,
            Input::Param(k) => match values::peel(call.args.iter().nth(*k)?) {
                Expr::Path(p) => {
                    let r = cx.imports().resolve(&p.path);
                    if r.last() == "Local" {
                        ZoneId::Local
                    } else if matches!(r.last(), "Utc" | "UTC") {
                        ZoneId::Utc
                    } else if r.krate == Some(Crate::ChronoTz) || p.path.segments.len() > 1 {
                        // A zone constant: the same on every run.
                        ZoneId::Named(tz_name(&r.segments)?)
                    } else {
                        return None;
                    }
                }
                _ => return None,
            },
        };
        let instant = match naive {
            Some(k) => {
                let e = call.args.iter().nth(k)?;
                let f = facts.value(e).or_else(|| facts.value(values::peel(e)))?;
                if !f.prov.is_const() {
                    return None;
                }
                let d = f.as_date()?;
                Instant {
                    year: d.y.single()? as i32,
                    month: d.m.single()? as u32,
                    day: d.d.single()? as u32,
                    hour: d.h.single()? as u32,
                    minute: d.min.single().map(|m| m as u32),
                }
            }
            None => {
                let get = |r: Role| fields.iter().find(|(role, _)| *role == r).map(|(_, i)| i);
                Instant {
                    year: int(get(Role::Year)?)? as i32,
                    month: int(get(Role::Month)?)?,
                    day: int(get(Role::Day)?)?,
                    hour: if site.date_only {
                        0
                    } else {
                        int(get(Role::Hour)?)?
                    },
                    minute: get(Role::Minute).and_then(int),
                }
            }
        };
        if let Some(t) = transition_at(&instant, Some(&zone), site.fails) {
            let line = syn::spanned::Spanned::span(call).start().line;
            return Some(CallsVerdict::Transition(format!(
                "`{}` is called on line {line} with {} {:02}:{:02}, which {} in {}",
                item.sig.ident,
                t.date,
                instant.hour,
                instant.minute.unwrap_or(0),
                if t.gap {
                    "does not exist"
                } else {
                    "happens twice"
                },
                t.zone
            )));
        }
    }
    Some(CallsVerdict::Safe)
}

/// The transition of a well-known zone at this constant local time, in this zone: any zone of
/// the table for `Local` (the machine's zone), that zone for a chrono-tz zone of the table;
/// none for other zones, whose constant fields give the same answer on every run.
fn transition_at(i: &Instant, zone: Option<&ZoneId>, fails: Fails) -> Option<Transition> {
    calendar::dst_transitions(i.year).into_iter().find(|t| {
        fails.admits(t)
            && t.date == CivilDate::new(i.year, i.month, i.day)
            && t.hour == i.hour
            && match zone {
                Some(ZoneId::Local) => true,
                Some(ZoneId::Named(n)) => t.zone == n,
                _ => false,
            }
    })
}

/// `for (y, m, d, h, mi, s) in TABLE` around the call, with the lookup's fields read from the
/// loop's pattern and `TABLE` a constant array of integer tuples (a `const`/`static` of the file
/// or written in place): its name and the instants of its rows.
fn table_rows(cx: &ExprCx<'_, '_>, site: &Site<'_>) -> Option<(String, Vec<Instant>)> {
    let ident_of = |e: Option<&Expr>| -> Option<String> {
        let mut e = values::peel(e?);
        while let Expr::Unary(u) = e {
            if !matches!(u.op, syn::UnOp::Deref(_)) {
                return None;
            }
            e = values::peel(&u.expr);
        }
        match e {
            Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
            _ => None,
        }
    };
    let names: Vec<Option<String>> = [site.year, site.month, site.day, site.hour, site.minute]
        .into_iter()
        .map(ident_of)
        .collect();
    let first = names.iter().flatten().next()?.clone();
    // The innermost `for` whose tuple pattern binds the first field.
    let (pat, iter) = cx.parents.iter().rev().find_map(|p| match p {
        Expr::ForLoop(f) => {
            let mut pat = &*f.pat;
            if let syn::Pat::Reference(r) = pat {
                pat = &r.pat;
            }
            let syn::Pat::Tuple(t) = pat else { return None };
            let idents: Vec<Option<String>> = t
                .elems
                .iter()
                .map(|p| match p {
                    syn::Pat::Ident(i) => Some(i.ident.to_string()),
                    _ => None,
                })
                .collect();
            idents
                .contains(&Some(first.clone()))
                .then_some((idents, &*f.expr))
        }
        _ => None,
    })?;
    // Each field: a column of the table, or a literal.
    let fields = [site.year, site.month, site.day, site.hour, site.minute];
    let mut cols: Vec<Option<Result<usize, i128>>> = Vec::new();
    for (name, e) in names.iter().zip(fields) {
        cols.push(match (name, e) {
            (Some(n), _) => Some(Ok(pat.iter().position(|p| p.as_deref() == Some(n))?)),
            (None, Some(e)) => Some(Err(values::const_int(values::peel(e))?)),
            (None, None) => None,
        });
    }
    // The table: `TABLE`, `&TABLE`, `TABLE.iter()`, `[..]`.
    let mut iter = values::peel(iter);
    while let Expr::MethodCall(m) = iter {
        if !matches!(
            m.method.to_string().as_str(),
            "iter" | "into_iter" | "copied" | "cloned"
        ) {
            return None;
        }
        iter = values::peel(&m.receiver);
    }
    let (name, table) = match iter {
        Expr::Path(p) => {
            let name = p.path.get_ident()?.to_string();
            (name.clone(), values::file_const(cx.file.file, &name)?)
        }
        Expr::Array(_) => ("the array".to_string(), iter),
        _ => return None,
    };
    let Expr::Array(rows) = values::peel(table) else {
        return None;
    };
    let mut out = Vec::new();
    for row in &rows.elems {
        let Expr::Tuple(t) = values::peel(row) else {
            return None;
        };
        let cell = |c: &Option<Result<usize, i128>>| -> Option<Option<u32>> {
            match c {
                None => Some(None),
                Some(Ok(k)) => {
                    let v = values::const_int(values::peel(t.elems.iter().nth(*k)?))?;
                    Some(Some(u32::try_from(v).ok()?))
                }
                Some(Err(v)) => Some(Some(u32::try_from(*v).ok()?)),
            }
        };
        out.push(Instant {
            year: cell(&cols[0])?? as i32,
            month: cell(&cols[1])??,
            day: cell(&cols[2])??,
            hour: if site.date_only { 0 } else { cell(&cols[3])?? },
            minute: cell(&cols[4])?,
        });
    }
    Some((name, out))
}

/// Every call of the free function `name` in the file, with the function it is in (`None` at
/// file level). `None` when the name is defined more than once, used other than in a call (a
/// function pointer), or called with another number of arguments.
#[allow(clippy::type_complexity)]
fn calls_of<'f>(
    file: &'f syn::File,
    name: &str,
    arity: usize,
) -> Option<Vec<(Option<crate::facts::FnRef<'f>>, &'f syn::ExprCall)>> {
    use syn::visit::Visit;
    struct Calls<'f, 'n> {
        name: &'n str,
        defs: usize,
        escapes: bool,
        stack: Vec<crate::facts::FnRef<'f>>,
        out: Vec<(Option<crate::facts::FnRef<'f>>, &'f syn::ExprCall)>,
    }
    impl<'f> Calls<'f, '_> {
        fn names(&self, e: &Expr) -> bool {
            matches!(e, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == self.name))
        }
        fn enter(&mut self, sig: &'f syn::Signature, body: &'f syn::Block) {
            if sig.ident == self.name {
                self.defs += 1;
            }
            self.stack.push(crate::facts::FnRef { sig, body });
        }
    }
    impl<'f> Visit<'f> for Calls<'f, '_> {
        fn visit_item_fn(&mut self, f: &'f syn::ItemFn) {
            self.enter(&f.sig, &f.block);
            syn::visit::visit_item_fn(self, f);
            self.stack.pop();
        }
        fn visit_impl_item_fn(&mut self, f: &'f syn::ImplItemFn) {
            self.enter(&f.sig, &f.block);
            syn::visit::visit_impl_item_fn(self, f);
            self.stack.pop();
        }
        fn visit_expr(&mut self, e: &'f Expr) {
            match e {
                Expr::Call(c) if self.names(&c.func) => {
                    self.out.push((self.stack.last().copied(), c));
                    for a in &c.args {
                        self.visit_expr(a);
                    }
                    return;
                }
                e if self.names(e) => self.escapes = true,
                _ => {}
            }
            syn::visit::visit_expr(self, e);
        }
    }
    let mut c = Calls {
        name,
        defs: 0,
        escapes: false,
        stack: Vec::new(),
        out: Vec::new(),
    };
    c.visit_file(file);
    if c.defs != 1 || c.escapes || c.out.iter().any(|(_, call)| call.args.len() != arity) {
        return None;
    }
    Some(c.out)
}

/// The unwrap sits in a `match` arm whose pattern is `Single(..)` or `Ambiguous(..)`.
fn in_classified_arm(cx: &ExprCx<'_, '_>, e: &Expr) -> bool {
    let mut child: Option<&Expr> = Some(e);
    for &p in cx.parents.iter().rev() {
        if let (Expr::Match(m), Some(c)) = (p, child) {
            let arm = m.arms.iter().find(|a| std::ptr::eq(&*a.body, c));
            if arm.is_some_and(|a| {
                let pat = values::tokens(&a.pat);
                pat.contains("Ambiguous") || pat.contains("Single")
            }) {
                return true;
            }
        }
        child = Some(p);
    }
    false
}

/// The ambiguous value was resolved with an explicit UTC offset (jiff's `OffsetConflict`), which
/// leaves nothing ambiguous: directly, or through the `let` it is bound to.
fn resolved_with_offset(cx: &ExprCx<'_, '_>, e: &Expr) -> bool {
    let mentions = |e: &Expr| values::tokens(e).contains("OffsetConflict");
    if mentions(e) {
        return true;
    }
    if let Expr::Path(p) = values::peel(e) {
        if let Some(ident) = p.path.get_ident() {
            if let Some(BoundTo::Expr(init)) = bound(cx, ident) {
                return mentions(init);
            }
        }
    }
    false
}

/// What the code tells about the failing local time, to pick a real transition for the note.
struct Pick<'a> {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    /// The hours that reach the call, when known.
    hours: Option<&'a IntSet>,
    minute: Option<u32>,
    /// The chrono-tz zone of the call, preferred when the table has it.
    zone: Option<&'a str>,
    fails: Fails,
}

/// A real instant where such a local time breaks: a transition of a well-known zone that
/// agrees with what the code tells (its hour, its literal date, its zone, whether a gap or only
/// an overlap fails), the next one from today when the year is not known; else Berlin's spring
/// gap and autumn overlap.
fn example_note(today: CivilDate, pick: &Pick<'_>, date_only: bool) -> String {
    let years = match pick.year {
        Some(y) => y..y + 1,
        None => today.year..today.year + 3,
    };
    let mut found: Vec<Transition> = years
        .flat_map(calendar::dst_transitions)
        .filter(|t| {
            (pick.year.is_some() || t.date >= today)
                && pick.fails.admits(t)
                && pick.month.is_none_or(|m| t.date.month == m)
                && pick.day.is_none_or(|d| t.date.day == d)
                && pick.hours.is_none_or(|h| h.contains(i64::from(t.hour)))
        })
        .collect();
    let specific = pick.hours.is_some() || pick.month.is_some() || pick.day.is_some();
    // The code's own zone first (Europe/Berlin when the code tells nothing), then the earliest.
    let preferred = pick.zone.or((!specific).then_some("Europe/Berlin"));
    found.sort_by_key(|t| (Some(t.zone) != preferred, t.date));
    if let Some(t) = found
        .first()
        .filter(|_| specific || pick.fails != Fails::Both)
    {
        if date_only {
            return format!(
                "e.g. with the machine's zone set to {}, midnight on {} {}, so that date has no single offset",
                t.zone,
                t.date,
                if t.gap {
                    "does not exist"
                } else {
                    "happens twice"
                }
            );
        }
        let minute = pick.minute.filter(|m| *m < 60).unwrap_or(30);
        return format!(
            "e.g. in {} {:02}:{minute:02} on {} {}",
            t.zone,
            t.hour,
            t.date,
            if t.gap {
                "does not exist"
            } else {
                "happens twice"
            }
        );
    }
    // Nothing narrows it down: the next gap and overlap of the code's zone (when the table has
    // it) or of Europe/Berlin.
    let zone = pick
        .zone
        .filter(|z| {
            calendar::dst_transitions(today.year)
                .iter()
                .any(|t| t.zone == *z)
        })
        .unwrap_or("Europe/Berlin");
    let next = |gap: bool| {
        (today.year..today.year + 2)
            .flat_map(calendar::dst_transitions)
            .filter(|t| t.zone == zone && t.gap == gap && t.date >= today)
            .min_by_key(|t| t.date)
    };
    match (next(true), next(false)) {
        (Some(g), Some(o)) => format!(
            "e.g. in {zone} {:02}:30 on {} does not exist, and {:02}:30 on {} happens twice",
            g.hour, g.date, o.hour, o.date
        ),
        _ => "e.g. in Europe/Berlin 02:30 does not exist on the last Sunday of March, and happens \
              twice on the last Sunday of October"
            .to_string(),
    }
}
