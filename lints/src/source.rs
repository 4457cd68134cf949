//! Turning source text into a syntax tree, and positions back into byte offsets.

use crate::diagnostic::ParseError;

/// Refuses input whose bracket nesting exceeds `max` before syn sees it: syn's parser and the
/// tree's destructor recurse once per level, so absurd nesting would exhaust any stack.
/// String literals and comments are not skipped; they only make the check more conservative
/// for brackets inside them, which no real file has thousands deep.
///
/// Operator chains nest too: `!!!!x` and `a + b + c ..` become trees as deep as the chain is
/// long. Runs of operator characters on one line (between `;`, `,`, braces) beyond
/// [`MAX_OPERATORS_PER_LINE`] are refused the same way; a real line never has thousands.
pub fn check_nesting(src: &str, max: usize) -> Result<(), ParseError> {
    let brackets = check_brackets(src, max);
    // A run of operators is no longer than its line: most files need only the brackets.
    let longest_line = memchr::memchr_iter(b'\n', src.as_bytes())
        .chain([src.len()])
        .scan(0, |start, end| {
            Some(end - std::mem::replace(start, end + 1))
        })
        .max()
        .unwrap_or(0);
    if longest_line <= MAX_OPERATORS_PER_LINE {
        return brackets;
    }
    // Both, the first in the text reported.
    match (brackets, check_operator_runs(src)) {
        (Err(a), Err(b)) => Err(if a.offset <= b.offset { a } else { b }),
        (Err(e), Ok(())) | (Ok(()), Err(e)) => Err(e),
        (Ok(()), Ok(())) => Ok(()),
    }
}

/// The operator half of [`check_nesting`]: runs of operator characters between `;`, `,`,
/// braces and line ends.
fn check_operator_runs(src: &str) -> Result<(), ParseError> {
    let mut operators = 0usize;
    for (i, b) in src.bytes().enumerate() {
        match b {
            b'{' | b'}' | b';' | b',' | b'\n' => operators = 0,
            b'+' | b'-' | b'*' | b'/' | b'%' | b'^' | b'&' | b'|' | b'!' | b'<' | b'>' | b'='
            | b'.' => {
                operators += 1;
                if operators > MAX_OPERATORS_PER_LINE {
                    return Err(ParseError {
                        message: format!(
                            "more than {MAX_OPERATORS_PER_LINE} operators in one expression line; not analysed"
                        ),
                        offset: i,
                    });
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The bracket half of [`check_nesting`], one table lookup per byte (a closing bracket at
/// depth 0 counts for nothing).
fn check_brackets(src: &str, max: usize) -> Result<(), ParseError> {
    const STEP: [i8; 256] = {
        let mut t = [0i8; 256];
        (t[b'(' as usize], t[b'[' as usize], t[b'{' as usize]) = (1, 1, 1);
        (t[b')' as usize], t[b']' as usize], t[b'}' as usize]) = (-1, -1, -1);
        t
    };
    let mut depth = 0isize;
    for (i, &b) in src.as_bytes().iter().enumerate() {
        depth = (depth + STEP[b as usize] as isize).max(0);
        if depth as usize > max {
            return Err(ParseError {
                message: format!("brackets nested more than {max} deep; not analysed"),
                offset: i,
            });
        }
    }
    Ok(())
}

/// See [`check_nesting`]: 100,000 chained operators still fit the checking threads' stack.
pub const MAX_OPERATORS_PER_LINE: usize = 100_000;

/// Parses a whole file. A leading byte-order mark and a shebang line are blanked (not removed)
/// so that every span still points at the right byte of `src`.
///
/// `text` must come from [`prepare`]: columns are counted on it, and its byte offsets are those
/// of the original source.
pub fn parse(text: &str) -> Result<syn::File, ParseError> {
    syn::parse_str::<syn::File>(text).map_err(|e| {
        let lc = e.span().start();
        ParseError {
            message: e.to_string(),
            offset: LineIndex::new(text).offset(lc.line, lc.column),
        }
    })
}

/// The source with a BOM and a shebang line blanked, byte for byte.
pub fn prepare(src: &str) -> std::borrow::Cow<'_, str> {
    match blank_prelude(src) {
        Some(s) => std::borrow::Cow::Owned(s),
        None => std::borrow::Cow::Borrowed(src),
    }
}

/// Replaces a BOM and a shebang line with spaces of the same byte length, or returns None when
/// there is neither.
fn blank_prelude(src: &str) -> Option<String> {
    let bom = src.starts_with('\u{feff}');
    let rest = if bom { &src[3..] } else { src };
    let shebang = rest.starts_with("#!") && !rest[2..].trim_start().starts_with('[');
    if !bom && !shebang {
        return None;
    }
    let mut out = String::with_capacity(src.len());
    if bom {
        out.push_str("   ");
    }
    if shebang {
        let end = rest.find('\n').unwrap_or(rest.len());
        out.push_str(&" ".repeat(end));
        out.push_str(&rest[end..]);
    } else {
        out.push_str(rest);
    }
    Some(out)
}

/// Maps proc-macro2 positions (1-based line, 0-based column in chars) to byte offsets.
pub struct LineIndex<'a> {
    src: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(src: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(memchr_iter_newlines(src));
        LineIndex { src, starts }
    }

    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.src.len();
        };
        let rest = &self.src[start..];
        match rest.char_indices().nth(column) {
            Some((i, _)) => start + i,
            None => self.src.len(),
        }
    }

    pub fn span(&self, span: proc_macro2::Span) -> crate::Span {
        let (s, e) = (span.start(), span.end());
        crate::Span::new(self.offset(s.line, s.column), self.offset(e.line, e.column))
    }
}

fn memchr_iter_newlines(src: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_columns_in_chars() {
        let src = "fn a() {}\nlet é = x;\r\nz";
        let idx = LineIndex::new(src);
        assert_eq!(idx.offset(1, 3), 3);
        // 'x' is column 8 in chars, byte 9 on its line because 'é' is two bytes.
        assert_eq!(&src[idx.offset(2, 8)..idx.offset(2, 9)], "x");
        assert_eq!(&src[idx.offset(3, 0)..], "z");
    }

    #[test]
    fn bom_and_shebang_keep_offsets() {
        let src = "\u{feff}#!/usr/bin/env run\nfn main() { x }";
        let file = parse(&prepare(src)).unwrap();
        assert_eq!(file.items.len(), 1);
        let bad = "\u{feff}fn main() { let }";
        let err = parse(&prepare(bad)).unwrap_err();
        assert_eq!(&bad[err.offset..err.offset + 1], "}");
    }

    #[test]
    fn operator_chain_limit() {
        let long = "1+".repeat(MAX_OPERATORS_PER_LINE + 1);
        assert!(check_nesting(&long, 10).is_err());
        let lines = "1+1;\n".repeat(MAX_OPERATORS_PER_LINE + 1);
        assert!(check_nesting(&lines, 10).is_ok());
        // Both limits broken: the first in the text is the one reported.
        let deep = "(".repeat(11);
        let message = |text: String| check_nesting(&text, 10).unwrap_err().message;
        assert!(message(format!("{deep}{long}")).contains("nested"));
        assert!(message(format!("{long}{deep}")).contains("operators"));
    }

    #[test]
    fn nesting_limit() {
        let deep = "(".repeat(10);
        assert!(check_nesting(&deep, 9).is_err());
        assert!(check_nesting(&deep, 10).is_ok());
        // Closing brackets before any opening one count for nothing, in short texts (brackets
        // only) as in long ones (operators too): the same offset either way.
        let short = "))]}({[(a)]((";
        let offset = |text: &str| check_nesting(text, 3).unwrap_err().offset;
        let pad = " ".repeat(MAX_OPERATORS_PER_LINE);
        assert_eq!(offset(short), 7);
        assert_eq!(offset(&format!("{pad}{short}")), pad.len() + 7);
        assert_eq!(offset(&format!("{pad}\n{short}")), pad.len() + 8);
    }
}
