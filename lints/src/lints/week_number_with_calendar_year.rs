//! `week_number_with_calendar_year`: an ISO week number put together with the calendar year of
//! the same date (in a `format!`-like macro, or a tuple used as a key). Page:
//! `lints/docs/week_number_with_calendar_year.md`.
//!
//! The shapes, by library: chrono `d.year()` with `d.iso_week().week()`; time `d.year()` with
//! `d.iso_week()`; jiff `d.year()` with `d.iso_week_date().week()`. Both must be read from the
//! same value (the same tokens, or `let`s initialised from them); a composition that also holds
//! the ISO year (`d.iso_week().year()`) prints both on purpose, and one that also holds the
//! month or the day is a whole calendar date beside its week number, right on every day.

use syn::Expr;

use crate::calendar::{self, CivilDate};
use crate::context::ExprCx;
use crate::diagnostic::{Applicability, Certainty, Diagnostic, Fix, Help};
use crate::registry::{
    Check, Fixable, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};
use crate::values;

pub static WEEK_NUMBER_WITH_CALENDAR_YEAR: Lint = Lint {
    needles: Needles::AllOf(&[
        NeedleGroup::Words(&["iso_week"]),
        NeedleGroup::Words(&["year"]),
    ]),
    checks: &[Check::Expr(&[Syntax::Call, Syntax::Tuple], check_expr)],
    fix: Fixable::Sometimes(Applicability::Safe),
    // A test builds its label from a fixed date, usually mid-year, where both years agree.
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::WEEK_NUMBER_WITH_CALENDAR_YEAR,
        Group::Correctness,
        Precision::High,
        "an ISO week number combined with the calendar year instead of the ISO week-based year",
    )
};

/// The library a week read comes from, and how its ISO year is written.
#[derive(Clone, Copy)]
enum Library {
    Chrono,
    Time,
    Jiff,
}

impl Library {
    fn iso_year(self, date: &str) -> String {
        match self {
            Library::Chrono => format!("{date}.iso_week().year()"),
            Library::Time => format!("{date}.to_iso_week_date().0"),
            Library::Jiff => format!("{date}.iso_week_date().year()"),
        }
    }
}

/// What one part of the composition reads from a date.
enum Part<'ast> {
    /// `d.year()`: the calendar year; the expression as written (for the fix, when it is an
    /// argument itself and not behind a `let`).
    Year {
        date: String,
        direct: Option<&'ast Expr>,
    },
    /// The ISO week number.
    Week { date: String, library: Library },
    /// The ISO week-based year: the composition is deliberate.
    IsoYear { date: String },
    /// The month or the day: with the year, a whole calendar date, which is right beside its
    /// week number (`{day}-{month}-{year} [Week {week}]`).
    MonthOrDay { date: String },
}

fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let parts: Vec<(&'ast Expr, bool)> = match e {
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return };
            let is_format_macro = p
                .path
                .get_ident()
                .is_some_and(|i| i.to_string().starts_with(crate::macros::PREFIX));
            if !is_format_macro {
                return;
            }
            c.args.iter().map(|a| (a, true)).collect()
        }
        Expr::Tuple(t) => t.elems.iter().map(|a| (a, true)).collect(),
        _ => return,
    };
    let mut read: Vec<Part<'ast>> = Vec::new();
    for (arg, direct) in parts {
        collect(cx, arg, direct, &mut read, 0);
        // `format!("{y}-W{w:02}")`: the names captured by the format string.
        if let Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) = arg
        {
            for name in captured_names(&s.value()) {
                if let Some(crate::bindings::BoundTo::Expr(init)) =
                    cx.binding(&name, s.span().start())
                {
                    collect(cx, init, false, &mut read, 1);
                }
            }
        }
    }
    for part in &read {
        let Part::Week { date, library } = part else {
            continue;
        };
        let deliberate = read.iter().any(
            |p| matches!(p, Part::IsoYear { date: d } | Part::MonthOrDay { date: d } if d == date),
        );
        if deliberate {
            continue;
        }
        let Some((year_date, direct)) = read.iter().find_map(|p| match p {
            Part::Year { date: d, direct } if d == date => Some((d, *direct)),
            _ => None,
        }) else {
            continue;
        };
        report(cx, e, year_date, *library, direct);
        return;
    }
}

/// Records what `e` reads (through `&`, parentheses, casts and, once, a `let`).
fn collect<'ast>(
    cx: &ExprCx<'_, 'ast>,
    e: &'ast Expr,
    direct: bool,
    out: &mut Vec<Part<'ast>>,
    depth: u32,
) {
    let e = values::peel(e);
    match e {
        Expr::Path(p) if depth == 0 => {
            if let Some(ident) = p.path.get_ident() {
                if let Some(crate::bindings::BoundTo::Expr(init)) =
                    cx.binding(&ident.to_string(), ident.span().start())
                {
                    collect(cx, init, false, out, depth + 1);
                }
            }
        }
        Expr::MethodCall(m) if m.args.is_empty() => {
            let method = m.method.to_string();
            let inner = match values::peel(&m.receiver) {
                Expr::MethodCall(r) if r.args.is_empty() => Some(r),
                _ => None,
            };
            let inner_name = inner.map(|r| r.method.to_string());
            let date_of = |r: &syn::ExprMethodCall| values::tokens(&r.receiver);
            match (method.as_str(), inner_name.as_deref()) {
                ("week" | "week0", Some("iso_week")) => out.push(Part::Week {
                    date: date_of(inner.unwrap()),
                    library: Library::Chrono,
                }),
                ("week", Some("iso_week_date")) => out.push(Part::Week {
                    date: date_of(inner.unwrap()),
                    library: Library::Jiff,
                }),
                ("year", Some("iso_week" | "iso_week_date")) => out.push(Part::IsoYear {
                    date: date_of(inner.unwrap()),
                }),
                ("month" | "month0" | "day" | "day0" | "ordinal" | "ordinal0", _) => {
                    out.push(Part::MonthOrDay {
                        date: values::tokens(&m.receiver),
                    })
                }
                ("year", _) => out.push(Part::Year {
                    date: values::tokens(&m.receiver),
                    direct: direct.then_some(e),
                }),
                // time: `iso_week()` is the number itself (chrono's is a struct, read above).
                ("iso_week", _) => out.push(Part::Week {
                    date: values::tokens(&m.receiver),
                    library: Library::Time,
                }),
                _ => {}
            }
        }
        // time: `d.to_iso_week_date().0` is the ISO year.
        Expr::Field(f) if matches!(&f.member, syn::Member::Unnamed(i) if i.index == 0) => {
            if let Expr::MethodCall(m) = values::peel(&f.base) {
                if m.method == "to_iso_week_date" {
                    out.push(Part::IsoYear {
                        date: values::tokens(&m.receiver),
                    });
                }
            }
        }
        _ => {}
    }
}

/// The variables a format string captures: `{y}`, `{w:02}` (not `{}`, `{0}` or `{{`).
fn captured_names(fmt: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = fmt;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(after) = rest.strip_prefix('{') {
            rest = after;
            continue;
        }
        let end = rest.find(['}', ':']).unwrap_or(rest.len());
        let name = &rest[..end];
        if name
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        {
            names.push(name.to_string());
        }
    }
    names
}

fn report(cx: &ExprCx<'_, '_>, e: &Expr, date: &str, library: Library, direct: Option<&Expr>) {
    let (from, iso) = first_mismatch(cx.today());
    let week = iso_week_number(from);
    let iso_year = library.iso_year(date);
    cx.emit(
        Diagnostic {
            lint: &WEEK_NUMBER_WITH_CALENDAR_YEAR,
            certainty: Certainty::Certain,
            message: format!("ISO week number of `{date}` combined with its calendar year"),
            span: cx.span(e),
            label: "names the wrong week for a few days around New Year".to_string(),
            notes: vec![format!(
                "{from} is in week {week} of ISO year {iso}, but its calendar year is {}: this \
                 gives {}-W{week:02} instead of {iso}-W{week:02}",
                from.year, from.year
            )],
            help: Some(Help {
                message: format!("use the ISO week-based year with the ISO week: `{iso_year}`"),
                fix: direct.map(|year| Fix::replace(cx.span(year), iso_year, Applicability::Safe)),
            }),
        },
        None,
    );
}

/// The first day on or after `today` whose ISO week-based year is not its calendar year.
fn first_mismatch(today: CivilDate) -> (CivilDate, i32) {
    let d = today
        .find_from(800, |d| calendar::iso_year(*d) != d.year)
        .unwrap_or(today);
    (d, calendar::iso_year(d))
}

/// The ISO week number of a date (1 to 53).
fn iso_week_number(d: CivilDate) -> u32 {
    let wd = match calendar::weekday(d) {
        0 => 7,
        n => n,
    } as i32;
    let week = (d.ordinal() as i32 - wd + 10) / 7;
    if week < 1 {
        calendar::iso_weeks_in_year(d.year - 1)
    } else if week as u32 > calendar::iso_weeks_in_year(d.year) {
        1
    } else {
        week as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn week_numbers_and_captures() {
        assert_eq!(iso_week_number(CivilDate::new(2027, 1, 1)), 53);
        assert_eq!(iso_week_number(CivilDate::new(2024, 12, 30)), 1);
        assert_eq!(iso_week_number(CivilDate::new(2026, 6, 15)), 25);
        assert_eq!(captured_names("{y}-W{w:02} {} {{x}} {0}"), ["y", "w"]);
    }
}
