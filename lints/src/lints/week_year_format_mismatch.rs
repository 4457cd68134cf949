//! `week_year_format_mismatch`: a format string mixing the ISO week-based year with calendar
//! month and day, or the calendar year with ISO weeks. Page:
//! `lints/docs/week_year_format_mismatch.md`.

use syn::Expr;

use crate::calendar::{self, CivilDate};
use crate::context::ExprCx;
use crate::diagnostic::{Applicability, Certainty, Diagnostic, Fix, Help};
use crate::formats::{looks_like_date_format, strftime_specs};
use crate::registry::{
    Check, Fixable, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};

pub static WEEK_YEAR_FORMAT_MISMATCH: Lint = Lint {
    fix: Fixable::Sometimes(Applicability::Safe),
    needles: Needles::AllOf(&[NeedleGroup::Words(&["%G", "%g", "%V", "iso_week", "week_number"])]),
    checks: &[Check::Expr(&[Syntax::Lit], check_expr)],
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::WEEK_YEAR_FORMAT_MISMATCH,
        Group::Correctness,
        Precision::VeryHigh,
        "a date format mixing the ISO week-based year with calendar month/day, or the calendar year with ISO weeks",
    )
};

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let Some(value) = crate::formats::string_literal(e) else {
        return;
    };
    // Cheap test first: almost no string literal contains either marker.
    if !(value.contains('%') || value.contains("iso")) {
        return;
    }
    let Some(Mismatch {
        what,
        help,
        rewrite,
    }) = mismatch(&value)
    else {
        return;
    };
    // Only a string that reaches a date formatter or parser is a date format; where the file
    // does not show where it goes, only one that reads as a date format throughout.
    let is_format =
        crate::calls::reaches_date_format(cx, e).unwrap_or_else(|| looks_like_date_format(&value));
    if !is_format {
        return;
    }
    let (from, printed) = first_mismatch(cx.today());
    let iso = calendar::iso_year(from);
    let note = if what.starts_with("the calendar year") {
        format!(
            "{from} is in the last ISO week of {iso}, but its calendar year is {}",
            from.year
        )
    } else if value.contains("%G-%m-%d") {
        format!("{from} is formatted as {printed}")
    } else {
        format!(
            "on {from} the week-based year is {iso}, the calendar year {}",
            from.year
        )
    };
    cx.emit(
        Diagnostic {
            lint: &WEEK_YEAR_FORMAT_MISMATCH,
            certainty: Certainty::Certain,
            message: format!("date format mixes {what}"),
            span: cx.span(e),
            label: "prints the wrong year for a few days around New Year".to_string(),
            notes: vec![note],
            help: Some(Help {
                message: help.to_string(),
                fix: rewrite.apply(&value, cx.text(e)).map(|code| {
                    // Only the year conversion changes, and only the days it printed wrong
                    // change output: safe.
                    Fix::replace(cx.span(e), code, Applicability::Safe)
                }),
            }),
        },
        None,
    );
}

/// What a format mixes, how to fix it, and the rewrite of its text that does.
pub struct Mismatch {
    pub what: &'static str,
    pub help: &'static str,
    pub rewrite: Rewrite,
}

/// The edit of a format string that makes its year agree with its other fields.
pub enum Rewrite {
    /// strftime conversions to swap (`%G` → `%Y`, `%g` → `%y`), flags kept.
    Specs(&'static [(char, char)]),
    /// time's format description: text to replace (every occurrence).
    Text(&'static str, &'static str),
    /// No mechanical rewrite (the format also has ISO week fields, or both systems).
    None,
}

impl Rewrite {
    /// The literal's source text rewritten, or `None` when it cannot be done on the source as
    /// written (the value and the source disagree, e.g. a `%` written as an escape).
    fn apply(&self, value: &str, source: &str) -> Option<String> {
        match self {
            Rewrite::Specs(swaps) => {
                let (new_value, n) = swap_specs(value, swaps);
                let (new_source, m) = swap_specs(source, swaps);
                (n > 0 && n == m && new_value != value).then_some(new_source)
            }
            Rewrite::Text(from, to) => {
                let n = value.matches(from).count();
                (n > 0 && source.matches(from).count() == n).then(|| source.replace(from, to))
            }
            Rewrite::None => None,
        }
    }
}

/// `fmt` with the strftime conversions `swaps` replaced (flags such as `%-` kept, `%%` left
/// alone), and how many were.
fn swap_specs(fmt: &str, swaps: &[(char, char)]) -> (String, usize) {
    let mut out = String::with_capacity(fmt.len());
    let mut n = 0;
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '%' {
            continue;
        }
        while let Some(&f) = chars.peek() {
            if matches!(f, '-' | '_' | '0' | '^' | '#' | ':' | '.' | '3' | '6' | '9') {
                out.push(f);
                chars.next();
            } else {
                break;
            }
        }
        if let Some(spec) = chars.next() {
            match swaps.iter().find(|(from, _)| *from == spec) {
                Some((_, to)) => {
                    out.push(*to);
                    n += 1;
                }
                None => out.push(spec),
            }
        }
    }
    (out, n)
}

/// What the format mixes, and how to fix it; None when it is consistent.
pub fn mismatch(fmt: &str) -> Option<Mismatch> {
    let specs = strftime_specs(fmt);
    let has = |c: char| specs.contains(&c);
    // A format that prints both systems in full (`%G-W%V-%u = %Y-%j`) does so on purpose.
    let calendar_year = has('Y') || has('y') || has('C');
    let week_year = has('G') || has('g');
    if week_year && !calendar_year && ['m', 'd', 'b', 'B', 'e', 'j', 'h'].iter().any(|c| has(*c)) {
        // With week fields too, which year was meant is not clear.
        let weeks = ['V', 'W', 'U'].iter().any(|c| has(*c));
        return Some(Mismatch {
            what: "the ISO week-based year (`%G`) with the calendar month or day",
            help: "use `%Y` with `%m`/`%d`, or `%G` with `%V` (ISO week) and `%u` (weekday)",
            rewrite: if weeks {
                Rewrite::None
            } else {
                Rewrite::Specs(&[('G', 'Y'), ('g', 'y')])
            },
        });
    }
    // `%Y-%m-%d (week %V)`: a full calendar date with the week number beside it is right on
    // every day; only `%Y` + `%V` naming a week (no month or day) is the mismatch.
    let calendar_date = ['m', 'd', 'b', 'B', 'e', 'j', 'h'].iter().any(|c| has(*c));
    if calendar_year && !week_year && has('V') && !calendar_date {
        return Some(Mismatch {
            what: "the calendar year (`%Y`) with the ISO week number (`%V`)",
            help: "use `%G` (ISO week-based year) with `%V`",
            rewrite: if has('C') || has('W') || has('U') {
                Rewrite::None
            } else {
                Rewrite::Specs(&[('Y', 'G'), ('y', 'g')])
            },
        });
    }
    // time's format descriptions.
    let lower = fmt.to_ascii_lowercase();
    if lower.contains("[year") {
        let iso_year = lower.contains("base:iso_week");
        let calendar_year = lower.split("[year").skip(1).any(|rest| {
            !rest
                .split(']')
                .next()
                .unwrap_or("")
                .contains("base:iso_week")
        });
        let month_day =
            lower.contains("[month") || lower.contains("[day") || lower.contains("[ordinal");
        let iso_week = lower.contains("[week_number") && lower.contains("repr:iso");
        if iso_year && month_day {
            return Some(Mismatch {
                what: "the ISO week-based year (`[year base:iso_week]`) with the calendar month or day",
                help: "use `[year]` with `[month]`/`[day]`, or the ISO year with `[week_number repr:iso]`",
                rewrite: if lower.contains("[week_number") {
                    Rewrite::None
                } else {
                    Rewrite::Text(" base:iso_week", "")
                },
            });
        }
        if calendar_year && iso_week && !iso_year && !month_day {
            return Some(Mismatch {
                what: "the calendar year (`[year]`) with the ISO week number",
                help: "use `[year base:iso_week]` with `[week_number repr:iso]`",
                rewrite: Rewrite::Text("[year", "[year base:iso_week"),
            });
        }
    }
    None
}

/// The first day on or after `today` whose ISO week-based year is not its calendar year, and
/// how `%G-%m-%d` prints it.
fn first_mismatch(today: CivilDate) -> (CivilDate, String) {
    let d = today
        .find_from(800, |d| calendar::iso_year(*d) != d.year)
        .unwrap_or(today);
    (
        d,
        format!("{:04}-{:02}-{:02}", calendar::iso_year(d), d.month, d.day),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(mismatch("%G-%m-%d").is_some());
        assert!(mismatch("%Y-W%V").is_some());
        assert!(mismatch("%G-W%V-%u").is_none());
        assert!(mismatch("%Y-%m-%d %H:%M").is_none());
        assert!(mismatch("100%% %G").is_none());
        assert!(mismatch("%G-W%V-%u = %Y-%j").is_none());
        assert!(mismatch("%Y-%m-%d (week %V)").is_none());
        assert!(mismatch("[year base:iso_week]-[month]-[day]").is_some());
        assert!(mismatch("[year base:iso_week]-W[week_number repr:iso]").is_none());
        assert!(mismatch("[year]-[month]-[day]").is_none());
        assert!(mismatch("[year]-W[week_number repr:iso]").is_some());
    }
}
