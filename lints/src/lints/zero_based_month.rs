//! `zero_based_month`: a calendar field counted from 0 where one counted from 1 is expected, or
//! the reverse: `from_ymd_opt(y, d.month0(), 1)`, `with_day(d.day0())`,
//! `with_month0(d.month())`, `Month::try_from(d.month0())`, `Weekday::try_from(wd.number_from_monday())`,
//! and a 1-based field used as an index into an array of exactly that many entries
//! (`MONTH_NAMES[d.month() as usize]` with 12 names). The field is read by the syntax
//! (`crate::values::classify`: an accessor, through `let`s, not shifted by `± 1`); the array's
//! length from its literal, its `let`, its `const`/`static` or its parameter type. Supersedes
//! the arithmetic lints on the same call, which would read `month0()` as "the month - 1".
//! Page: `lints/docs/zero_based_month.md`.

use syn::Expr;

use crate::api::{Callee, Role};
use crate::calendar::CivilDate;
use crate::calls::CtorCall;
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::registry::{
    Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::values;

pub static ZERO_BASED_MONTH: Lint = Lint {
    needles: Needles::AllOf(&[NeedleGroup::Words(&[
        "month0",
        "day0",
        "ordinal0",
        "month()",
        "day()",
        "ordinal()",
        "number_from_",
        "one_offset",
        "zero_offset",
        "num_days_from",
        "number_days_from",
    ])]),
    checks: &[
        Check::DateCall(check_call),
        Check::Expr(&[Syntax::Index, Syntax::Call], check_expr),
    ],
    supersedes: &[
        LintId::MONTH_ARITHMETIC_ON_DATE,
        LintId::DAY_ARITHMETIC_ON_DATE,
        LintId::UNWRAP_ON_DATE_CONSTRUCTION,
        LintId::PANICKING_DATE_CONSTRUCTOR,
        LintId::UNCHECKED_DATE_FIELDS,
    ],
    // A test that reads `month0()` of a fixed date computes one fixed (wrong) value, which
    // it asserts; one that reads the clock fails in January.
    test_code: TestCode::ClockDependent,
    ..Lint::new(
        LintId::ZERO_BASED_MONTH,
        Group::Correctness,
        Precision::High,
        "a month, day or weekday counted from 0 used where one counted from 1 is expected, or the reverse",
    )
};

/// The fields this lint knows, with the words for them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Month,
    Day,
    Ordinal,
    /// Counted from Monday.
    Weekday,
    /// Counted from Sunday (`number_from_sunday()`).
    SundayWeekday,
}

impl Field {
    fn of(role: Role) -> Option<Field> {
        Some(match role {
            Role::Month => Field::Month,
            Role::Day => Field::Day,
            Role::Ordinal => Field::Ordinal,
            _ => return None,
        })
    }

    fn noun(self) -> &'static str {
        match self {
            Field::Month => "month",
            Field::Day => "day of the month",
            Field::Ordinal => "day of the year",
            Field::Weekday | Field::SundayWeekday => "weekday",
        }
    }

    /// The 1-based range.
    fn max(self) -> i64 {
        match self {
            Field::Month => 12,
            Field::Day => 31,
            Field::Ordinal => 366,
            Field::Weekday | Field::SundayWeekday => 7,
        }
    }

    /// The first day from `today` on which the 1-based value is its first (`first`) or its
    /// last possible one: Jan 1, the 1st, a Monday; December, the 31st, Dec 31 of a leap year,
    /// a Sunday.
    fn example(self, today: CivilDate, first: bool) -> CivilDate {
        let hit = |d: &CivilDate| match (self, first) {
            (Field::Month, true) => d.month == 1,
            (Field::Month, false) => d.month == 12,
            (Field::Day, true) => d.day == 1,
            (Field::Day, false) => d.day == 31,
            (Field::Ordinal, true) => d.month == 1 && d.day == 1,
            (Field::Ordinal, false) => d.ordinal() == 366,
            // 0 = Sunday in `calendar::weekday`.
            (Field::Weekday, true) => crate::calendar::weekday(*d) == 1,
            (Field::Weekday, false) => crate::calendar::weekday(*d) == 0,
            (Field::SundayWeekday, true) => crate::calendar::weekday(*d) == 0,
            (Field::SundayWeekday, false) => crate::calendar::weekday(*d) == 6,
        };
        today.find_from(2_000, hit).unwrap_or(today)
    }
}

/// The accessor `e` is, through casts, conversions and `let`s of names not assigned again:
/// `d.month0()`, `let m = d.month() as usize`. Any arithmetic makes it another value
/// (`d.month0() + 1` is a 1-based month, or the next 0-based one: the arithmetic lints'). `Some`
/// with whether it counts from 0, when it reads `role`.
fn plain_field(cx: &ExprCx<'_, '_>, e: &Expr, role: Role) -> Option<bool> {
    plain_field_at(cx, e, role, 0)
}

fn plain_field_at(cx: &ExprCx<'_, '_>, e: &Expr, role: Role, depth: u32) -> Option<bool> {
    match values::peel(e) {
        Expr::MethodCall(m) if m.args.is_empty() => {
            let (read, zero) = match m.method.to_string().as_str() {
                "month" | "number_from_month" => (Role::Month, false),
                "month0" => (Role::Month, true),
                "day" => (Role::Day, false),
                "day0" => (Role::Day, true),
                "ordinal" | "day_of_year" => (Role::Ordinal, false),
                "ordinal0" => (Role::Ordinal, true),
                _ => return None,
            };
            (read == role).then_some(zero)
        }
        Expr::Path(p) if depth < 4 => {
            plain_field_at(cx, crate::calls::unchanged_let(cx, p)?, role, depth + 1)
        }
        _ => None,
    }
}

fn check_call<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>) {
    if cx.facts().is_some_and(|f| f.is_dead(call.node)) {
        return;
    }
    let zero_setter = matches!(call.row.callee, Callee::Method { name } if name.ends_with('0'));
    for (role, arg) in call.row.args.iter().zip(&call.args) {
        let Some(field) = Field::of(*role) else {
            continue;
        };
        let Some(zero_arg) = plain_field(cx, arg, *role) else {
            continue;
        };
        if zero_arg == zero_setter {
            continue;
        }
        let what = call.row.display_name();
        let arg_text = cx.text(*arg);
        let (message, label, fix) = if zero_arg {
            (
                format!(
                    "a {} counted from 0 (`{arg_text}`) passed to `{what}`, which counts from 1",
                    field.noun()
                ),
                match field {
                    Field::Month => "one month early, and no month at all in January",
                    Field::Day => "one day early, and no day at all on the 1st",
                    _ => "one day early, and no day at all on Jan 1",
                }
                .to_string(),
                format!("pass `{}` (or `{arg_text} + 1`)", one_based(arg_text)),
            )
        } else {
            (
                format!(
                    "a {} counted from 1 (`{arg_text}`) passed to `{what}`, which counts from 0",
                    field.noun()
                ),
                match field {
                    Field::Month => "one month late, and no month at all in December",
                    Field::Day => "one day late, and no day at all on the month's last day",
                    _ => "one day late, and no day at all on Dec 31",
                }
                .to_string(),
                format!(
                    "call `{}` with `{arg_text}`, or pass `{}`",
                    what.trim_end_matches('0'),
                    zero_based(arg_text)
                ),
            )
        };
        let notes = vec![note(cx, field, zero_arg, arg_text, false)];
        let certainty = crate::verdict::fact(cx.facts(), arg)
            .map_or(Certainty::Possible, |f| crate::facts::certainty([f]));
        let clock = crate::verdict::fact(cx.facts(), arg)
            .is_some_and(|f| f.prov.has(crate::facts::Prov::CLOCK));
        cx.emit_from(
            Diagnostic {
                lint: &ZERO_BASED_MONTH,
                certainty,
                message,
                span: call.label_span,
                label,
                notes,
                help: Some(Help {
                    message: fix,
                    fix: None,
                }),
            },
            Some(call.subject(cx)),
            clock,
        );
        return;
    }
}

/// The accessors of both bases, chrono's 1-based and 0-based pairs.
const PAIRS: [(&str, &str); 3] = [
    ("month()", "month0()"),
    ("day()", "day0()"),
    ("ordinal()", "ordinal0()"),
];

/// `d.month0()` → `d.month()` (also inside a cast: `d.month0() as u8`), else `x + 1`.
fn one_based(text: &str) -> String {
    match PAIRS.iter().find(|(_, zero)| text.contains(zero)) {
        Some((one, zero)) => text.replacen(zero, one, 1),
        None => format!("{text} + 1"),
    }
}

/// `d.month()` → `d.month0()`, else `x - 1`.
fn zero_based(text: &str) -> String {
    match PAIRS.iter().find(|(one, _)| text.contains(one)) {
        Some((one, zero)) => text.replacen(one, zero, 1),
        None => format!("{text} - 1"),
    }
}

/// The note naming the first day from today on which the value is out of the range the
/// receiver expects, and what it does on the other days.
fn note(cx: &ExprCx<'_, '_>, field: Field, zero_arg: bool, text: &str, index: bool) -> String {
    let day = field.example(cx.today(), zero_arg);
    let value = match (field, zero_arg) {
        (_, true) => 0,
        (Field::Ordinal, false) => i64::from(day.ordinal()),
        (f, false) => f.max(),
    };
    let weekday = match field {
        Field::Weekday | Field::SundayWeekday => {
            const NAMES: [&str; 7] = [
                "Sunday",
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
            ];
            format!(" (a {})", NAMES[crate::calendar::weekday(day) as usize])
        }
        _ => String::new(),
    };
    if index {
        format!("on {day}{weekday} `{text}` is {value}: past the end of the array, a panic")
    } else if zero_arg {
        format!(
            "on {day}{weekday} `{text}` is 0, which is no {}; on the other days it names the one before",
            field.noun()
        )
    } else {
        format!(
            "on {day}{weekday} `{text}` is {value}, one past the last {} counted from 0; on the other days it names the one after",
            field.noun()
        )
    }
}

fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    match e {
        Expr::Index(ix) => check_index(cx, e, ix),
        Expr::Call(c) => check_conversion(cx, e, c),
        _ => {}
    }
}

/// Weekday numbers and their base: chrono, time and jiff.
const WEEKDAY_NUMBERS: &[(&str, bool)] = &[
    ("num_days_from_monday", true),
    ("num_days_from_sunday", true),
    ("number_days_from_monday", true),
    ("number_days_from_sunday", true),
    ("to_monday_zero_offset", true),
    ("to_sunday_zero_offset", true),
    ("number_from_monday", false),
    ("number_from_sunday", false),
    ("to_monday_one_offset", false),
    ("to_sunday_one_offset", false),
];

/// The weekday number `e` is (through `let`s and conversions): whether it counts from 0, and
/// whether from Sunday.
fn weekday_number(cx: &ExprCx<'_, '_>, e: &Expr, depth: u32) -> Option<(bool, Field)> {
    match values::peel(e) {
        Expr::MethodCall(m) if m.args.is_empty() => {
            let name = m.method.to_string();
            let field = if name.contains("sunday") {
                Field::SundayWeekday
            } else {
                Field::Weekday
            };
            WEEKDAY_NUMBERS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, zero)| (*zero, field))
        }
        Expr::Path(p) if depth < 4 => {
            weekday_number(cx, crate::calls::unchanged_let(cx, p)?, depth + 1)
        }
        _ => None,
    }
}

/// Constructors of `Month` and `Weekday` from a number, and the base they expect: chrono's
/// `TryFrom<u8>` and `FromPrimitive` (months from 1, weekdays from 0 = Monday), time's
/// `Month::try_from` (from 1), jiff's `Weekday::from_*_offset`.
const FROM_NUMBER: &[(&str, &str, Field, bool)] = &[
    ("Month", "try_from", Field::Month, false),
    ("Month", "from_u8", Field::Month, false),
    ("Month", "from_u32", Field::Month, false),
    ("Month", "from_u64", Field::Month, false),
    ("Month", "from_i32", Field::Month, false),
    ("Month", "from_i64", Field::Month, false),
    ("Month", "from_usize", Field::Month, false),
    ("Weekday", "try_from", Field::Weekday, true),
    ("Weekday", "from_u8", Field::Weekday, true),
    ("Weekday", "from_u32", Field::Weekday, true),
    ("Weekday", "from_u64", Field::Weekday, true),
    ("Weekday", "from_i32", Field::Weekday, true),
    ("Weekday", "from_i64", Field::Weekday, true),
    ("Weekday", "from_usize", Field::Weekday, true),
    ("Weekday", "from_monday_zero_offset", Field::Weekday, true),
    ("Weekday", "from_sunday_zero_offset", Field::Weekday, true),
    ("Weekday", "from_monday_one_offset", Field::Weekday, false),
    ("Weekday", "from_sunday_one_offset", Field::Weekday, false),
];

/// `Month::try_from(d.month0())`, `Weekday::try_from(wd.number_from_monday())`.
fn check_conversion<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr, c: &'ast syn::ExprCall) {
    let Expr::Path(p) = &*c.func else { return };
    let [arg] = c.args.iter().collect::<Vec<_>>()[..] else {
        return;
    };
    let segs = values::segment_names(&p.path);
    let [.., ty, func] = segs.as_slice() else {
        return;
    };
    let Some(&(_, _, field, zero_wanted)) =
        FROM_NUMBER.iter().find(|(t, f, _, _)| t == ty && f == func)
    else {
        return;
    };
    if cx.imports().resolve(&p.path).local {
        return;
    }
    let (zero_arg, field) = match field {
        Field::Month => (plain_field(cx, arg, Role::Month), field),
        _ => match weekday_number(cx, arg, 0) {
            Some((zero, counted)) => (Some(zero), counted),
            None => return,
        },
    };
    let Some(zero_arg) = zero_arg.filter(|z| *z != zero_wanted) else {
        return;
    };
    let arg_text = cx.text(arg);
    let (counts, wants) = if zero_arg { ("0", "1") } else { ("1", "0") };
    cx.emit(
        Diagnostic {
            lint: &ZERO_BASED_MONTH,
            certainty: Certainty::Certain,
            message: format!(
                "a {} counted from {counts} (`{arg_text}`) passed to `{ty}::{func}`, which counts from {wants}",
                field.noun()
            ),
            span: cx.span(e),
            label: match (field, zero_arg) {
                (Field::Month, true) => "the previous month, and an error in January",
                (Field::Month, false) => "the next month, and an error in December",
                (_, true) => "the previous weekday, and an error on the first day of the week",
                (_, false) => "the next weekday, and an error on the last day of the week",
            }
            .to_string(),
            notes: vec![note(cx, field, zero_arg, arg_text, false)],
            help: Some(Help {
                message: match (field, zero_arg) {
                    (Field::Weekday | Field::SundayWeekday, true) => {
                        "use the weekday number counted from 1 (`number_from_monday()`, jiff `to_monday_one_offset()`)".to_string()
                    }
                    (Field::Weekday | Field::SundayWeekday, false) => {
                        "use the weekday number counted from 0 (chrono `num_days_from_monday()`, jiff `to_monday_zero_offset()`)".to_string()
                    }
                    _ => format!("pass `{}`", one_based(arg_text)),
                },
                fix: None,
            }),
        },
        None,
    );
}

/// `NAMES[d.month() as usize]` with 12 names: December is past the end.
fn check_index<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr, ix: &'ast syn::ExprIndex) {
    let (field, text) = if let Some((false, counted)) = weekday_number(cx, &ix.index, 0) {
        (counted, cx.text(&*ix.index))
    } else {
        let Some(role) = [Role::Month, Role::Day, Role::Ordinal]
            .into_iter()
            .find(|r| plain_field(cx, &ix.index, *r) == Some(false))
        else {
            return;
        };
        (Field::of(role).expect("a date field"), cx.text(&*ix.index))
    };
    let Some(len) = array_len(cx, &ix.expr) else {
        return;
    };
    // Ordinals: a table of 365 days is `day_of_year_array_365`'s when indexed from 0; from 1,
    // Dec 31 is past the end of either size.
    let fits = match field {
        Field::Ordinal => len == 365 || len == 366,
        f => len == f.max() as usize,
    };
    if !fits {
        return;
    }
    // A weekday number is any weekday; a month read from a date, by the facts.
    let certainty = match field {
        Field::Weekday | Field::SundayWeekday => Certainty::Certain,
        _ => crate::verdict::fact(cx.facts(), &ix.index)
            .map_or(Certainty::Certain, |f| crate::facts::certainty([f])),
    };
    let array = cx.text(&*ix.expr);
    let minus_one = format!("subtract 1: `{array}[{text} - 1]`");
    let (label, help) = match field {
        Field::Month => (
            "past the end in December, and the next month's entry in every other month",
            format!("{minus_one} (chrono: `month0()`)"),
        ),
        Field::Day => (
            "past the end on the 31st, and the next day's entry on every other day",
            format!("{minus_one} (chrono: `day0()`)"),
        ),
        Field::Ordinal => (
            "past the end on Dec 31, and the next day's entry on every other day",
            format!("{minus_one} (chrono: `ordinal0()`)"),
        ),
        Field::Weekday | Field::SundayWeekday => (
            "past the end on the last day of the week, and the next day's entry on every other day",
            "index with the weekday counted from 0 (chrono `num_days_from_monday()`, time \
             `number_days_from_monday()`, jiff `to_monday_zero_offset()`)"
                .to_string(),
        ),
    };
    let n = if field == Field::Ordinal && len == 365 {
        // Past the end already on Dec 31 of a common year.
        let day = cx
            .today()
            .find_from(800, |d| d.month == 12 && d.day == 31)
            .unwrap_or(cx.today());
        format!(
            "on {day} `{text}` is {}: past the end of the array, a panic",
            day.ordinal()
        )
    } else {
        note(cx, field, false, text, true)
    };
    cx.emit(
        Diagnostic {
            lint: &ZERO_BASED_MONTH,
            certainty,
            message: format!(
                "a {} counted from 1 (`{text}`) used as an index into `{array}`, which has {len} entries (0 to {})",
                field.noun(),
                len - 1
            ),
            span: cx.span(e),
            label: label.to_string(),
            notes: vec![n],
            help: Some(Help {
                message: help,
                fix: None,
            }),
        },
        None,
    );
}

/// The number of entries of an array: a literal, a `let` of one, a file's `const`/`static`
/// (by its type `[T; N]` or its literal), or a parameter typed `[T; N]` / `&[T; N]`.
fn array_len(cx: &ExprCx<'_, '_>, e: &Expr) -> Option<usize> {
    match values::peel(e) {
        Expr::Array(a) => Some(a.elems.len()),
        Expr::Repeat(r) => usize::try_from(values::const_int(&r.len)?).ok(),
        Expr::Path(p) => {
            let name = p.path.segments.last()?.ident.to_string();
            if let Some(ident) = p.path.get_ident() {
                match cx.binding(&name, ident.span().start()) {
                    Some(crate::bindings::BoundTo::Expr(init)) => return array_len(cx, init),
                    Some(crate::bindings::BoundTo::Opaque) => return None,
                    None => {}
                }
                if let Some(len) = param_array_len(cx, &name) {
                    return Some(len);
                }
            }
            item_array_len(cx, &name)
        }
        _ => None,
    }
}

fn type_array_len(cx: &ExprCx<'_, '_>, ty: &syn::Type) -> Option<usize> {
    match ty {
        syn::Type::Reference(r) => type_array_len(cx, &r.elem),
        syn::Type::Array(a) => usize::try_from(crate::calls::const_arg(cx, &a.len, 0)?).ok(),
        _ => None,
    }
}

fn param_array_len(cx: &ExprCx<'_, '_>, name: &str) -> Option<usize> {
    cx.func?.sig.inputs.iter().find_map(|arg| match arg {
        syn::FnArg::Typed(pt) => match &*pt.pat {
            syn::Pat::Ident(i) if i.ident == name => type_array_len(cx, &pt.ty),
            _ => None,
        },
        syn::FnArg::Receiver(_) => None,
    })
}

/// A `const` or `static` of the file (an associated `const` too) holding an array.
fn item_array_len(cx: &ExprCx<'_, '_>, name: &str) -> Option<usize> {
    use syn::visit::Visit;
    struct Find<'n, 'ast> {
        name: &'n str,
        found: Vec<(&'ast syn::Type, &'ast Expr)>,
    }
    impl<'ast> Visit<'ast> for Find<'_, 'ast> {
        fn visit_item_const(&mut self, c: &'ast syn::ItemConst) {
            if c.ident == self.name {
                self.found.push((&c.ty, &c.expr));
            }
        }
        fn visit_item_static(&mut self, s: &'ast syn::ItemStatic) {
            if s.ident == self.name {
                self.found.push((&s.ty, &s.expr));
            }
        }
        fn visit_impl_item_const(&mut self, c: &'ast syn::ImplItemConst) {
            if c.ident == self.name {
                self.found.push((&c.ty, &c.expr));
            }
        }
    }
    let mut f = Find {
        name,
        found: Vec::new(),
    };
    f.visit_file(cx.file.file);
    let [(ty, init)] = f.found[..] else {
        return None;
    };
    type_array_len(cx, ty).or(match values::peel(init) {
        Expr::Array(a) => Some(a.elems.len()),
        _ => None,
    })
}
