//! Byte offsets to the positions every format prints (see the module documentation of
//! [`super`] for the rules), through one index of line starts built once per file.

use std::ops::Range;

use leapcheck_lints::Span;

/// The line starts of one file's text.
pub struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset of the start of each line: line 1 at index 0, then one after every `\n`.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { source, starts }
    }

    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The 1-based line holding byte `offset` (a line break belongs to the line it ends).
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// 1-based line and column (in characters) of a byte offset, the way rustc and codespan
    /// count them. `offset` must be a char boundary within the text (the driver ensures it).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let col = self.source[self.starts[line - 1]..offset].chars().count() + 1;
        (line, col)
    }

    /// Where `span` starts and ends.
    pub fn region(&self, span: Span) -> Region {
        let (start_line, start_col) = self.line_col(span.start);
        let (end_line, end_col) = self.line_col(span.end.max(span.start));
        Region {
            start_line,
            start_col,
            end_line,
            end_col,
        }
    }

    /// How many lines the text has: one more than it has `\n`s (an empty one after a final
    /// line break).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The bytes of 1-based line `n` including its line ending, or `None` past the last line.
    pub fn line_range(&self, n: usize) -> Option<Range<usize>> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let end = self.starts.get(n).map_or(self.source.len(), |&next| next);
        Some(start..end)
    }

    /// The text of 1-based line `n` without its line ending (`\n` or `\r\n`); empty past the
    /// last line.
    pub fn line_text(&self, n: usize) -> &'a str {
        let Some(range) = self.line_range(n.max(1)) else {
            return "";
        };
        let line = &self.source[range];
        let line = line.strip_suffix('\n').unwrap_or(line);
        line.strip_suffix('\r').unwrap_or(line)
    }
}

/// Where a span starts and ends: 1-based lines, 1-based character columns, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub start_line: usize,
    pub start_col: usize,
    pub end_line: usize,
    pub end_col: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let src = "ab\nçd€x\n";
        let lines = LineIndex::new(src);
        assert_eq!(lines.line_col(0), (1, 1));
        assert_eq!(lines.line_col(2), (1, 3));
        assert_eq!(lines.line_col(3), (2, 1));
        assert_eq!(lines.line_col(src.find('x').unwrap()), (2, 4));
        assert_eq!(lines.line_col(src.len()), (3, 1));
        assert_eq!(LineIndex::new("").line_col(0), (1, 1));
    }

    #[test]
    fn crlf_does_not_shift_positions() {
        let lf = "ab\nlet é = 1; x\n";
        let crlf = "ab\r\nlet é = 1; x\r\n";
        let at = |s: &str| {
            let x = s.find('x').unwrap();
            LineIndex::new(s).region(Span::new(x, x + 1))
        };
        assert_eq!(at(lf), at(crlf));
        assert_eq!(
            at(crlf),
            Region {
                start_line: 2,
                start_col: 12,
                end_line: 2,
                end_col: 13
            }
        );
        let lines = LineIndex::new(crlf);
        assert_eq!(lines.line_text(2), "let é = 1; x");
        assert_eq!(lines.line_text(3), "");
        assert_eq!(lines.line_text(4), "");
        assert_eq!(lines.line_range(3), Some(crlf.len()..crlf.len()));
        assert_eq!(lines.line_range(4), None);
    }

    /// The index agrees with counting from the start of the text, which is what the
    /// positions are defined by.
    #[test]
    fn agrees_with_a_plain_count() {
        let src = "\u{feff}a\r\n\n€é\rb\n\nlast";
        let lines = LineIndex::new(src);
        for (offset, _) in src.char_indices().chain([(src.len(), ' ')]) {
            let before = &src[..offset];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let expected = (
                before.matches('\n').count() + 1,
                before[line_start..].chars().count() + 1,
            );
            assert_eq!(lines.line_col(offset), expected, "offset {offset}");
        }
        for n in 0..8 {
            let line = src.split('\n').nth(n.max(1) - 1).unwrap_or("");
            assert_eq!(lines.line_text(n), line.strip_suffix('\r').unwrap_or(line));
        }
    }
}
