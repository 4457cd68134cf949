//! `tm_field_offset`: the fields of C's `struct tm` (libc, nix, time 0.1's `Tm`) used as
//! calendar values without their offsets, or calendar values stored in them without: `tm_year`
//! counts years from 1900, `tm_mon` months from 0, `tm_yday` days of the year from 0. Read:
//! passed to a date constructor, compared with a calendar constant (`tm_year >= 2000`,
//! `tm_mon == 12`), or printed with other fields as a date. Written: `tm.tm_year = d.year()`,
//! `tm { tm_mon: d.month(), .. }`. A field is recognised by its name, which only `struct tm`
//! uses; an offset applied (`+ 1900`, `- 1`, `month0()`) silences it. Page:
//! `lints/docs/tm_field_offset.md`.

use syn::{BinOp, Expr};

use crate::api::{Callee, Role};
use crate::calls::CtorCall;
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::registry::{
    Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::values::{self, Shift, Value};

pub static TM_FIELD_OFFSET: Lint = Lint {
    needles: Needles::AllOf(&[NeedleGroup::Words(&["tm_year", "tm_mon", "tm_yday"])]),
    checks: &[
        Check::DateCall(check_call),
        Check::Expr(
            &[Syntax::Binary, Syntax::Call, Syntax::Assign, Syntax::Struct],
            check_expr,
        ),
    ],
    supersedes: &[
        LintId::UNWRAP_ON_DATE_CONSTRUCTION,
        LintId::PANICKING_DATE_CONSTRUCTOR,
        LintId::UNCHECKED_DATE_FIELDS,
    ],
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::TM_FIELD_OFFSET,
        Group::Correctness,
        Precision::High,
        "a field of C's `struct tm` used as a calendar value without its offset (`tm_year` + 1900, `tm_mon` + 1, `tm_yday` + 1), or the reverse",
    )
};

/// The fields with an offset: what they count, the offset to a calendar value, the role.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TmField {
    Year,
    Mon,
    Yday,
}

impl TmField {
    fn of(name: &str) -> Option<TmField> {
        Some(match name {
            "tm_year" => TmField::Year,
            "tm_mon" => TmField::Mon,
            "tm_yday" => TmField::Yday,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            TmField::Year => "tm_year",
            TmField::Mon => "tm_mon",
            TmField::Yday => "tm_yday",
        }
    }

    fn role(self) -> Role {
        match self {
            TmField::Year => Role::Year,
            TmField::Mon => Role::Month,
            TmField::Yday => Role::Ordinal,
        }
    }

    /// What the field counts.
    fn counts(self) -> &'static str {
        match self {
            TmField::Year => "years since 1900",
            TmField::Mon => "months from 0 for January to 11",
            TmField::Yday => "days of the year from 0 for Jan 1 to 365",
        }
    }

    /// Its value on `day`.
    fn value_on(self, day: crate::CivilDate) -> i64 {
        match self {
            TmField::Year => i64::from(day.year) - 1900,
            TmField::Mon => i64::from(day.month) - 1,
            TmField::Yday => i64::from(day.ordinal()) - 1,
        }
    }
}

/// The file declares a struct of its own with these field names (`struct Date { tm_year: u16,
/// .. }`) that is no `#[repr(C)]` copy of C's: what its fields count is the author's choice,
/// so none of the file's `tm_*` fields is known to be C's.
fn declares_own_tm_fields(cx: &ExprCx<'_, '_>) -> bool {
    fn in_items(items: &[syn::Item]) -> bool {
        items.iter().any(|item| match item {
            syn::Item::Struct(s) => {
                let repr_c = s
                    .attrs
                    .iter()
                    .any(|a| a.path().is_ident("repr") && values::tokens(&a.meta).contains('C'));
                !repr_c
                    && s.fields.iter().any(|f| {
                        f.ident
                            .as_ref()
                            .is_some_and(|i| TmField::of(&i.to_string()).is_some())
                    })
            }
            syn::Item::Mod(m) => m.content.as_ref().is_some_and(|(_, items)| in_items(items)),
            syn::Item::Fn(f) => f.block.stmts.iter().any(|s| match s {
                syn::Stmt::Item(i) => in_items(std::slice::from_ref(i)),
                _ => false,
            }),
            _ => false,
        })
    }
    in_items(&cx.file.file.items)
}

/// The `struct tm` field `e` reads with no arithmetic on it (through casts, conversions and
/// `let`s of names not assigned again): `tm.tm_year`, `let y = t.tm_year as i32`.
fn tm_read(cx: &ExprCx<'_, '_>, e: &Expr, depth: u32) -> Option<TmField> {
    match values::peel(e) {
        Expr::Field(f) => match &f.member {
            syn::Member::Named(n) => TmField::of(&n.to_string()),
            syn::Member::Unnamed(_) => None,
        },
        Expr::Path(p) if depth < 4 => tm_read(cx, crate::calls::unchanged_let(cx, p)?, depth + 1),
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn report(
    cx: &ExprCx<'_, '_>,
    node: &Expr,
    field: TmField,
    message: String,
    label: &str,
    subject: Option<crate::Span>,
    certainty: Certainty,
    more: Vec<String>,
) {
    // Asked only here, with a finding in hand: it reads every item of the file, and asked
    // for every call it made checking a large file quadratic.
    if declares_own_tm_fields(cx) {
        return;
    }
    let today = cx.today();
    let help = match field {
        TmField::Year => "add 1900 to read a year (`tm.tm_year + 1900`), subtract it to store one",
        TmField::Mon => "add 1 to read a month (`tm.tm_mon + 1`), subtract 1 to store one (chrono: `month0()`)",
        TmField::Yday => "add 1 to read a day of the year (`tm.tm_yday + 1`), subtract 1 to store one (chrono: `ordinal0()`)",
    };
    cx.emit(
        Diagnostic {
            lint: &TM_FIELD_OFFSET,
            certainty,
            message,
            span: cx.span(node),
            label: label.to_string(),
            notes: std::iter::once(format!(
                "`{}` counts {}: on {today} it is {}",
                field.name(),
                field.counts(),
                field.value_on(today)
            ))
            .chain(more)
            .collect(),
            help: Some(Help {
                message: help.to_string(),
                fix: None,
            }),
        },
        subject,
    );
}

/// `NaiveDate::from_ymd_opt(tm.tm_year, tm.tm_mon as u32, ..)`, `with_ordinal(t.tm_yday)`.
fn check_call<'ast>(cx: &ExprCx<'_, 'ast>, call: &CtorCall<'ast>) {
    let zero_setter = matches!(call.row.callee, Callee::Method { name } if name.ends_with('0'));
    let raw: Vec<(&Expr, TmField)> = call
        .row
        .args
        .iter()
        .zip(&call.args)
        .filter_map(|(role, arg)| {
            let field = tm_read(cx, arg, 0)?;
            // `with_month0(tm.tm_mon)` is right: both count from 0.
            (field.role() == *role && !(zero_setter && field != TmField::Year))
                .then_some((*arg, field))
        })
        .collect();
    if let Some(&(arg, field)) = raw.first() {
        let what = call.row.display_name();
        let label = match field {
            TmField::Year => format!("builds a date in the year {}", cx.today().year - 1900),
            TmField::Mon => "one month early, and no month at all in January".to_string(),
            TmField::Yday => "one day early, and no day at all on Jan 1".to_string(),
        };
        report(
            cx,
            call.node,
            field,
            format!(
                "`{}` ({}) passed to `{what}` as a calendar value",
                cx.text(arg),
                field.counts()
            ),
            &label,
            Some(call.subject(cx)),
            Certainty::Certain,
            raw[1..]
                .iter()
                .map(|(a, f)| {
                    format!(
                        "`{}` has no offset either: it counts {}",
                        cx.text(*a),
                        f.counts()
                    )
                })
                .collect(),
        );
    }
}

fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    if !matches!(
        e,
        Expr::Binary(_) | Expr::Call(_) | Expr::Assign(_) | Expr::Struct(_)
    ) {
        return;
    }
    match e {
        Expr::Binary(b) => check_comparison(cx, e, b),
        Expr::Call(c) => {
            check_conversion(cx, e, c);
            check_printed(cx, e, c);
        }
        Expr::Assign(a) => {
            if let Expr::Field(f) = values::peel_parens(&a.left) {
                if let syn::Member::Named(n) = &f.member {
                    check_write(cx, e, &n.to_string(), &a.right);
                }
            }
        }
        Expr::Struct(s) => {
            for fv in &s.fields {
                if let syn::Member::Named(n) = &fv.member {
                    check_write(cx, &fv.expr, &n.to_string(), &fv.expr);
                }
            }
        }
        _ => {}
    }
}

/// `tm.tm_year >= 2000`, `tm.tm_mon == 12`, `t.tm_yday == 365`: a calendar constant the field
/// never (or always) equals.
fn check_comparison(cx: &ExprCx<'_, '_>, e: &Expr, b: &syn::ExprBinary) {
    use BinOp::*;
    if !matches!(b.op, Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_)) {
        return;
    }
    let (field, lit) = match (tm_read(cx, &b.left, 0), tm_read(cx, &b.right, 0)) {
        (Some(f), None) => (f, crate::calls::const_arg(cx, values::peel(&b.right), 0)),
        (None, Some(f)) => (f, crate::calls::const_arg(cx, values::peel(&b.left), 0)),
        _ => return,
    };
    let Some(lit) = lit else { return };
    let equality = matches!(b.op, Eq(_) | Ne(_));
    let wrong = match field {
        // Years since 1900 are never a year of our era.
        TmField::Year => (1900..=9999).contains(&lit),
        // 12 and 366 are past the last value; `tm_mon < 12` is a correct bound.
        TmField::Mon => equality && lit == 12,
        TmField::Yday => equality && lit == 366,
    };
    if !wrong {
        return;
    }
    let label = match field {
        TmField::Year => format!(
            "compares years since 1900 with the year {lit}: {} for every date",
            if matches!(b.op, Lt(_) | Le(_) | Ne(_)) {
                "true"
            } else {
                "false"
            }
        ),
        TmField::Mon => format!("`{}` is never 12: December is 11", field.name()),
        TmField::Yday => format!(
            "`{}` is never 366: Dec 31 of a leap year is 365",
            field.name()
        ),
    };
    report(
        cx,
        e,
        field,
        format!(
            "`{}` ({}) compared with the calendar value {lit}",
            cx.text(if tm_read(cx, &b.left, 0).is_some() {
                &*b.left
            } else {
                &*b.right
            }),
            field.counts()
        ),
        &label,
        None,
        Certainty::Certain,
        Vec::new(),
    );
}

/// `Month::try_from(tm.tm_mon as u8)` (chrono and time count from 1 there).
fn check_conversion(cx: &ExprCx<'_, '_>, e: &Expr, c: &syn::ExprCall) {
    let Expr::Path(p) = &*c.func else { return };
    let segs = values::segment_names(&p.path);
    let args: Vec<&Expr> = c.args.iter().collect();
    let ([.., ty, func], [arg]) = (segs.as_slice(), args.as_slice()) else {
        return;
    };
    if ty != "Month" || !(func == "try_from" || func.starts_with("from_")) {
        return;
    }
    if tm_read(cx, arg, 0) != Some(TmField::Mon) {
        return;
    }
    report(
        cx,
        e,
        TmField::Mon,
        format!(
            "`{}` (months from 0) passed to `Month::{func}`, which counts from 1",
            cx.text(*arg)
        ),
        "the previous month, and an error in January",
        None,
        Certainty::Certain,
        Vec::new(),
    );
}

/// `format!("{}-{:02}-{:02}", t.tm_year, t.tm_mon, t.tm_mday)`: a date printed from the fields
/// (two or more of them), one without its offset.
fn check_printed(cx: &ExprCx<'_, '_>, e: &Expr, c: &syn::ExprCall) {
    if !crate::macros::macro_name(e).is_some_and(|m| {
        matches!(
            m,
            "format"
                | "print"
                | "println"
                | "eprint"
                | "eprintln"
                | "write"
                | "writeln"
                | "format_args"
        )
    }) {
        return;
    }
    let tm_args = c
        .args
        .iter()
        .filter(|a| {
            matches!(values::peel(a), Expr::Field(f)
                if matches!(&f.member, syn::Member::Named(n) if n.to_string().starts_with("tm_")))
                || tm_read(cx, a, 0).is_some()
        })
        .count();
    if tm_args < 2 {
        return;
    }
    let Some((arg, field)) = c
        .args
        .iter()
        .find_map(|a| tm_read(cx, a, 0).map(|f| (a, f)))
    else {
        return;
    };
    let today = cx.today();
    let label = match field {
        TmField::Year => format!("prints {} for {}", today.year - 1900, today.year),
        TmField::Mon => "prints January as 0 and December as 11".to_string(),
        TmField::Yday => "prints Jan 1 as day 0".to_string(),
    };
    report(
        cx,
        arg,
        field,
        format!(
            "`{}` ({}) printed as a calendar value",
            cx.text(arg),
            field.counts()
        ),
        &label,
        None,
        Certainty::Certain,
        Vec::new(),
    );
}

/// `tm.tm_year = d.year()`, `tm { tm_mon: d.month(), .. }`: a calendar value stored without its
/// offset (mktime then normalises month 12 into January of the next year).
fn check_write(cx: &ExprCx<'_, '_>, node: &Expr, name: &str, value: &Expr) {
    let Some(field) = TmField::of(name) else {
        return;
    };
    let (calendar, accessor) = match values::classify(cx, value) {
        Value::Field(f) => (
            f.role == field.role() && f.shift == Shift::None && !f.zero_based && !f.clamped,
            f.accessor,
        ),
        Value::Lit(n) => (field == TmField::Year && (1900..=9999).contains(&n), true),
        Value::Unknown => (false, false),
    };
    if !calendar {
        return;
    }
    let today = cx.today();
    let label = match field {
        TmField::Year => format!(
            "stores {} years after 1900: the year {}",
            today.year,
            today.year + 1900
        ),
        TmField::Mon => {
            "stores the next month, and month 12 in December (January of the next year to mktime)"
                .to_string()
        }
        TmField::Yday => "stores the next day of the year".to_string(),
    };
    report(
        cx,
        node,
        field,
        format!(
            "a calendar {} (`{}`) stored in `{name}`, which counts {}",
            match field {
                TmField::Year => "year",
                TmField::Mon => "month",
                TmField::Yday => "day of the year",
            },
            cx.text(value),
            field.counts()
        ),
        &label,
        None,
        if accessor {
            Certainty::Certain
        } else {
            Certainty::Possible
        },
        Vec::new(),
    );
}
