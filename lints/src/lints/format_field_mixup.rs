//! `format_field_mixup`: a conversion of a date format that prints another field than its
//! neighbours say (`%M`, the minute, between date fields: `"%Y-%M-%d"`; `%m`, the month,
//! after an hour: `"%H:%m"`; `%D`, a whole date, among date fields; `%j`, the day of the year,
//! with the month; `%s`, the Unix timestamp, after minutes; `%h`, the month's name, before
//! minutes), in strftime patterns (chrono, jiff) and time's format descriptions. A string
//! counts only when it reaches a date formatter or parser (`crate::calls::reaches_date_format`),
//! or reads as a date format throughout where the file does not show where it goes. Page:
//! `lints/docs/format_field_mixup.md`.

use syn::Expr;

use crate::calendar::CivilDate;
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::formats::{self, Piece};
use crate::registry::{
    Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax, TestCode,
};

pub static FORMAT_FIELD_MIXUP: Lint = Lint {
    // `%s` and `%h` are mix-ups only beside a colon (`%M:%s`, `%h:%M`); alone, `%s` is in every
    // printf-style string of C bindings.
    needles: Needles::AllOf(&[NeedleGroup::Words(&[
        "%M", "%-M", "%m", "%-m", "%_m", "%D", "%j", "%-j", ":%s", "%s:", ":%h", "%h:", "[minute",
        "[month", "[ordinal", "[unix_timestamp",
    ])]),
    checks: &[Check::Expr(&[Syntax::Lit], check_expr)],
    // Tests of a formatter exercise every conversion on purpose.
    test_code: TestCode::Skip,
    ..Lint::new(
        LintId::FORMAT_FIELD_MIXUP,
        Group::Correctness,
        Precision::High,
        "a date format with a conversion of the wrong field (`%M` minutes between date fields, `%m` month between time fields, `%D`, `%j`, `%s`)",
    )
};

/// What a conversion is: part of a date, or of a time of day.
fn is_date(c: char) -> bool {
    "YyCGgmbBdej".contains(c)
}

fn is_time(c: char) -> bool {
    "HIklMS".contains(c)
}

/// The conversions next to piece `i`: the previous and next conversion with the text between
/// (`None` when text other than a short separator stands between: `"m%m M%M"`, a catalog of
/// conversions with their letters, has no neighbours).
fn neighbours(pieces: &[Piece], i: usize) -> [Option<(char, &str)>; 2] {
    fn near<'p>(spec: Option<&Piece>, text: &'p str) -> Option<(char, &'p str)> {
        match spec {
            Some(Piece::Spec(c)) => Some((*c, text)),
            _ => None,
        }
    }
    let before = match i.checked_sub(1).map(|j| &pieces[j]) {
        Some(Piece::Spec(_)) => near(pieces.get(i - 1), ""),
        Some(Piece::Text(t)) if separator(t) => {
            i.checked_sub(2).and_then(|j| near(pieces.get(j), t))
        }
        _ => None,
    };
    let after = match pieces.get(i + 1) {
        Some(Piece::Spec(_)) => near(pieces.get(i + 1), ""),
        Some(Piece::Text(t)) if separator(t) => near(pieces.get(i + 2), t),
        _ => None,
    };
    [before, after]
}

/// Text that only separates two fields: one or two characters, no letter or digit.
fn separator(t: &str) -> bool {
    t.chars().count() <= 2 && !t.chars().any(char::is_alphanumeric)
}

/// A mixup found: the conversion, the one meant, and what they are.
struct Mixup {
    /// The piece at fault.
    at: usize,
    wrong: char,
    meant: char,
    what: &'static str,
    instead: &'static str,
}

fn find_mixup(pieces: &[Piece]) -> Option<Mixup> {
    let specs = formats::specs_of(pieces);
    let has = |c: char| specs.contains(&c);
    for (i, p) in pieces.iter().enumerate() {
        let Piece::Spec(c) = p else { continue };
        let near = neighbours(pieces, i);
        let date_sep = |n: &Option<(char, &str)>| {
            n.is_some_and(|(c, t)| is_date(c) && matches!(t, "-" | "/" | "." | "_"))
        };
        let time_colon = |n: &Option<(char, &str)>| n.is_some_and(|(c, t)| is_time(c) && t == ":");
        let both = |f: fn(char) -> bool| near.iter().all(|n| n.is_some_and(|(c, _)| f(c)));
        let any_time = near.iter().any(|n| n.is_some_and(|(c, _)| is_time(c)));
        // A mix-up stands where the field meant is missing: a format that also has it
        // (`%d` beside `%D`, a list of every conversion) uses the letter for what it is.
        let lacks = |meant: &[char]| !meant.iter().any(|&m| has(m));
        let found = match c {
            // `%Y-%M-%d`, `%d.%M.%Y`, `%Y%M%d`: the minute where the month belongs.
            'M' if !any_time
                && lacks(&['m', 'b', 'B', 'h'])
                && (near.iter().any(date_sep) || both(is_date)) =>
            {
                Some(('m', "the minute", "the month"))
            }
            // `%H:%m`, `%H%m%S`: the month where the minute belongs.
            'm' if lacks(&['M']) && (near.iter().any(time_colon) || both(is_time)) => {
                Some(('M', "the month", "the minute"))
            }
            // `%h` is `%b`, the month's abbreviated name: `%h:%M`.
            'h' if lacks(&['H', 'I', 'k', 'l']) && near.iter().any(time_colon) => {
                Some(('H', "the month's name", "the hour"))
            }
            // `%s` is the Unix timestamp: `%H:%M:%s`.
            's' if lacks(&['S']) && near.iter().any(time_colon) => {
                Some(('S', "the Unix timestamp", "the second"))
            }
            // `%D` is `%m/%d/%y`, a whole date, next to another date field: `%Y-%m-%D`.
            'D' if lacks(&['d', 'e'])
                && (near.iter().any(date_sep)
                    || near
                        .iter()
                        .any(|n| n.is_some_and(|(c, t)| is_date(c) && t.is_empty()))) =>
            {
                Some(('d', "a whole date (`%m/%d/%y`)", "the day of the month"))
            }
            // `%j` (001-366) next to the month, with no day of the month: `%Y-%m-%j`.
            'j' if near
                .iter()
                .any(|n| n.is_some_and(|(c, t)| c == 'm' && separator(t)))
                && !has('d')
                && !has('e') =>
            {
                Some(('d', "the day of the year", "the day of the month"))
            }
            _ => None,
        };
        if let Some((meant, what, instead)) = found {
            return Some(Mixup {
                at: i,
                wrong: *c,
                meant,
                what,
                instead,
            });
        }
    }
    None
}

fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let Some(value) = formats::string_literal(e) else {
        return;
    };
    // Cheap test first: most string literals hold neither syntax.
    if !value.contains('%') && !value.contains('[') {
        return;
    }
    let (pieces, description) = match formats::description_pieces(&value) {
        Some(p) if !value.contains('%') => (p, true),
        _ => (formats::strftime_pieces(&value), false),
    };
    let Some(mixup) = find_mixup(&pieces) else {
        return;
    };
    let is_format = crate::calls::reaches_date_format(cx, e)
        .unwrap_or_else(|| !description && formats::looks_like_date_format(&value));
    if !is_format {
        return;
    }
    let name = |c: char| {
        if description {
            description_name(c).to_string()
        } else {
            format!("%{c}")
        }
    };
    let (wrong, meant) = (name(mixup.wrong), name(mixup.meant));
    let today = cx.today();
    // A time whose minute differs from the month, so that the two print differently.
    let minute = if today.month == 5 { 7 } else { 5 };
    let at = Moment {
        date: today,
        hour: 10,
        minute,
        second: 30,
    };
    let printed = render(&pieces, &at, None);
    let right = render(&pieces, &at, Some((mixup.at, mixup.meant)));
    cx.emit(
        Diagnostic {
            lint: &FORMAT_FIELD_MIXUP,
            certainty: Certainty::Certain,
            message: format!(
                "`{wrong}` is {} in a date format, where {} belongs",
                mixup.what, mixup.instead
            ),
            span: cx.span(e),
            label: format!(
                "{} here, not {}, in printing and in parsing",
                mixup.what, mixup.instead
            ),
            notes: vec![format!(
                "on {today} at 10:{minute:02}:30 this prints `{printed}`, not `{right}`"
            )],
            help: Some(Help {
                message: format!("use `{meant}` for {}", mixup.instead),
                fix: None,
            }),
        },
        None,
    );
}

/// How a format description writes the component a strftime letter stands for.
fn description_name(c: char) -> &'static str {
    match c {
        'm' => "[month]",
        'M' => "[minute]",
        'd' => "[day]",
        'j' => "[ordinal]",
        'H' => "[hour]",
        'S' => "[second]",
        's' => "[unix_timestamp]",
        _ => "?",
    }
}

struct Moment {
    date: CivilDate,
    hour: u32,
    minute: u32,
    second: u32,
}

/// The text a format prints at `at`, with the conversion of one piece replaced by another
/// (`swap`: its index and the conversion); a conversion this renderer does not know is kept as
/// written.
fn render(pieces: &[Piece], at: &Moment, swap: Option<(usize, char)>) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let d = at.date;
    let mut out = String::new();
    for (i, p) in pieces.iter().enumerate() {
        let c = match p {
            Piece::Text(t) => {
                out.push_str(t);
                continue;
            }
            Piece::Spec(c) => match swap {
                Some((at, to)) if at == i => to,
                _ => *c,
            },
        };
        let text = match c {
            'Y' => format!("{:04}", d.year),
            'y' => format!("{:02}", d.year.rem_euclid(100)),
            'C' => format!("{:02}", d.year.div_euclid(100)),
            'm' => format!("{:02}", d.month),
            'd' => format!("{:02}", d.day),
            'e' => format!("{:2}", d.day),
            'j' => format!("{:03}", d.ordinal()),
            'b' | 'h' => MONTHS[d.month as usize - 1].to_string(),
            'D' => format!("{:02}/{:02}/{:02}", d.month, d.day, d.year.rem_euclid(100)),
            'H' => format!("{:02}", at.hour),
            'M' => format!("{:02}", at.minute),
            'S' => format!("{:02}", at.second),
            's' => {
                let secs = crate::calendar::days_from_epoch(d) * 86_400
                    + i64::from(at.hour * 3600 + at.minute * 60 + at.second);
                secs.to_string()
            }
            other => format!("%{other}"),
        };
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mixup(fmt: &str) -> Option<char> {
        find_mixup(&formats::strftime_pieces(fmt)).map(|m| m.wrong)
    }

    #[test]
    fn mixups_by_neighbours() {
        assert_eq!(mixup("%Y-%M-%d"), Some('M'));
        assert_eq!(mixup("%d.%M.%Y %H:%M"), Some('M'));
        assert_eq!(mixup("%Y%M%d"), Some('M'));
        assert_eq!(mixup("%H:%m"), Some('m'));
        assert_eq!(mixup("%Y-%m-%d %H:%m:%S"), Some('m'));
        assert_eq!(mixup("%Y-%m-%D"), Some('D'));
        assert_eq!(mixup("%Y-%m-%j"), Some('j'));
        assert_eq!(mixup("%H:%M:%s"), Some('s'));
        assert_eq!(mixup("%h:%M"), Some('h'));
        for fine in [
            "%Y-%m-%d %H:%M:%S",
            "%Y%m%d%H%M%S",
            "%d%m%H%M",
            "%Y-%m-%d-%H-%M",
            "%D %H:%M",
            "%Y-%m-%d (day %j)",
            "%Y-%j",
            "%s",
            "%b %e %H:%M",
            "%M minutes",
            "d%d D%D F%F H%H j%j m%m M%M S%S y%y Y%Y",
        ] {
            assert_eq!(mixup(fine), None, "{fine}");
        }
        let desc = |f: &str| find_mixup(&formats::description_pieces(f).unwrap()).map(|m| m.wrong);
        assert_eq!(desc("[year]-[minute]-[day]"), Some('M'));
        assert_eq!(desc("[hour]:[month]"), Some('m'));
        assert_eq!(desc("[year]-[month]-[day] [hour]:[minute]"), None);
    }
}
