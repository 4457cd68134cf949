//! Date format strings as data: strftime patterns (chrono, jiff) and time's format descriptions,
//! cut into conversions and the text between them, for the lints that judge what a format
//! prints.

/// One piece of a format: a conversion (`%m`, or a description component mapped to its
/// strftime letter) or the literal text between two conversions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Spec(char),
    Text(String),
}

/// A strftime pattern in pieces (`%-d`, `%_m`, `%:z` flags skipped; `%%` is literal text).
pub fn strftime_pieces(fmt: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            text.push(c);
            continue;
        }
        while let Some(&f) = chars.peek() {
            if matches!(f, '-' | '_' | '0' | '^' | '#' | ':' | '.' | '3' | '6' | '9') {
                chars.next();
            } else {
                break;
            }
        }
        match chars.next() {
            Some('%') => text.push('%'),
            Some(spec) => {
                if !text.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut text)));
                }
                out.push(Piece::Spec(spec));
            }
            None => text.push('%'),
        }
    }
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    out
}

/// The conversion characters of a strftime string.
pub fn strftime_specs(fmt: &str) -> Vec<char> {
    specs_of(&strftime_pieces(fmt))
}

/// The conversions among pieces.
pub fn specs_of(pieces: &[Piece]) -> Vec<char> {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Spec(c) => Some(*c),
            Piece::Text(_) => None,
        })
        .collect()
}

/// The value of a string literal expression (a format string candidate).
pub fn string_literal(e: &syn::Expr) -> Option<String> {
    match e {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    }
}

/// A string made of strftime date and time conversions and separators, with at least three
/// conversions (`"%G-%m-%dT%H:%M:%S"`): printf-style text (`"%G and %d"`) is not one.
pub fn looks_like_date_format(fmt: &str) -> bool {
    let pieces = strftime_pieces(fmt);
    let date_time = |c: &char| "YyCGgmbBhdejVUWuwaAHIklMSpPfzZTDFRrcxX+s".contains(*c);
    let specs = specs_of(&pieces);
    // What is left without the conversions: separators, and the ISO letters `T` and `W`.
    let rest_ok = pieces.iter().all(|p| match p {
        Piece::Text(t) => !t.chars().any(|c| c.is_alphabetic() && c != 'T' && c != 'W'),
        Piece::Spec(_) => true,
    });
    specs.len() >= 3 && specs.iter().all(date_time) && rest_ok
}

/// time's format description (`"[year]-[month]-[day] [hour]:[minute]"`) in pieces, each
/// component as the strftime letter it prints (`[month repr:short]` is `b`, `[year
/// repr:last_two]` is `y`); `None` when the string holds no known component.
pub fn description_pieces(fmt: &str) -> Option<Vec<Piece>> {
    let mut out = Vec::new();
    let mut rest = fmt;
    let mut known = false;
    while let Some(open) = rest.find('[') {
        if open > 0 {
            out.push(Piece::Text(rest[..open].to_string()));
        }
        let close = rest[open..].find(']')? + open;
        let inner = rest[open + 1..close].to_ascii_lowercase();
        let mut words = inner.split_whitespace();
        let name = words.next().unwrap_or("");
        let modifiers: Vec<&str> = words.collect();
        let has = |m: &str| modifiers.contains(&m);
        let spec = match name {
            "year" if has("repr:last_two") => 'y',
            "year" => 'Y',
            "month" if has("repr:short") => 'b',
            "month" if has("repr:long") => 'B',
            "month" => 'm',
            "day" => 'd',
            "ordinal" => 'j',
            "hour" => 'H',
            "minute" => 'M',
            "second" => 'S',
            "subsecond" => 'f',
            "period" => 'p',
            "weekday" => 'a',
            "week_number" => 'V',
            "unix_timestamp" => 's',
            _ => '?',
        };
        known |= spec != '?';
        out.push(Piece::Spec(spec));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    known.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_of_both_syntaxes() {
        assert_eq!(
            strftime_pieces("%Y-%-m 100%%"),
            vec![
                Piece::Spec('Y'),
                Piece::Text("-".into()),
                Piece::Spec('m'),
                Piece::Text(" 100%".into())
            ]
        );
        assert_eq!(
            description_pieces("[year]-[month repr:short] [hour]"),
            Some(vec![
                Piece::Spec('Y'),
                Piece::Text("-".into()),
                Piece::Spec('b'),
                Piece::Text(" ".into()),
                Piece::Spec('H')
            ])
        );
        assert_eq!(description_pieces("[not a component]"), None);
        assert_eq!(strftime_specs("%G-W%V-%u"), vec!['G', 'V', 'u']);
    }

    #[test]
    fn date_formats_by_content() {
        assert!(looks_like_date_format("%G-%m-%dT%H:%M:%S"));
        assert!(looks_like_date_format("%Y-W%V-%u"));
        assert!(!looks_like_date_format("%G and %d"));
        assert!(!looks_like_date_format("%d%%"));
        assert!(!looks_like_date_format("%5.2G %d %s"));
    }
}
