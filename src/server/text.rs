//! Positions in an editor's buffer: LSP lines and columns to byte offsets and back, and the
//! buffer's text kept in step with the editor's edits.
//!
//! LSP columns count UTF-16 code units unless client and server agree on another encoding
//! (LSP 3.17 `positionEncoding`): the server takes UTF-8 when the client offers it (no
//! conversion at all), else UTF-16, the default every client supports. A position past the
//! end of its line means the end of the line, one past the last line the end of the text, and
//! one inside a character (between the halves of a surrogate pair) the start of that
//! character: no position a client sends can make the server fail. Lines end at `\n` (a `\r`
//! before it belongs to the line ending), as the reports count them.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::report::LineIndex;
use leapcheck_lints::Span;

/// What an LSP column counts.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// LSP's default.
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding to use given the client's preferences (in its order of preference);
    /// UTF-16 when it states none.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.first() == Some(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }

    /// The column of the end of `text` (a line's prefix).
    fn column(self, text: &str) -> u32 {
        let n = match self {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.chars().map(char::len_utf16).sum(),
            Encoding::Utf32 => text.chars().count(),
        };
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}

/// One buffer's line starts, for converting positions both ways.
pub struct Lines<'a> {
    index: LineIndex<'a>,
    encoding: Encoding,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Lines<'a> {
        Lines {
            index: LineIndex::new(text),
            encoding,
        }
    }

    pub fn text(&self) -> &'a str {
        self.index.source()
    }

    /// The LSP position of byte `offset` (clamped to the text and to a char boundary).
    pub fn position(&self, offset: usize) -> Position {
        let text = self.text();
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line(offset);
        let start = self.index.line_range(line).map_or(offset, |r| r.start);
        Position::new(
            u32::try_from(line - 1).unwrap_or(u32::MAX),
            self.encoding.column(&text[start..offset]),
        )
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of an LSP position, clamped as the module documentation says.
    pub fn offset(&self, pos: Position) -> usize {
        let text = self.text();
        let Some(range) = self.index.line_range(pos.line as usize + 1) else {
            return text.len();
        };
        let line = self.index.line_text(pos.line as usize + 1);
        let mut col = 0usize;
        for (i, c) in line.char_indices() {
            let next = col + self.encoding.width(c);
            if next > pos.character as usize {
                return range.start + i;
            }
            col = next;
        }
        range.start + line.len()
    }

    pub fn span(&self, range: Range) -> Span {
        let start = self.offset(range.start);
        Span::new(start, self.offset(range.end).max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_each_encoding() {
        // `é` is 2 UTF-8 bytes and 1 UTF-16 unit, `😀` 4 bytes and 2 units (a surrogate pair).
        let text = "ab\r\né😀x\n";
        let x = text.find('x').unwrap();
        for (encoding, col) in [
            (Encoding::Utf8, 6),
            (Encoding::Utf16, 3),
            (Encoding::Utf32, 2),
        ] {
            let lines = Lines::new(text, encoding);
            assert_eq!(lines.position(x), Position::new(1, col), "{encoding:?}");
            assert_eq!(lines.offset(Position::new(1, col)), x, "{encoding:?}");
        }
    }

    #[test]
    fn positions_out_of_range_are_clamped() {
        let text = "ab\r\né😀x\nlast";
        let lines = Lines::new(text, Encoding::Utf16);
        // Past the end of a line: the end of the line, before its `\r\n`.
        assert_eq!(lines.offset(Position::new(0, 99)), 2);
        // Between the halves of the surrogate pair: the start of the emoji.
        assert_eq!(lines.offset(Position::new(1, 2)), text.find('😀').unwrap());
        // Past the last line: the end of the text.
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
        assert_eq!(lines.offset(Position::new(u32::MAX, u32::MAX)), text.len());
        // A byte offset inside a character or past the end.
        assert_eq!(
            lines.position(text.find('😀').unwrap() + 1),
            Position::new(1, 1)
        );
        assert_eq!(lines.position(usize::MAX), Position::new(2, 4));
        assert_eq!(
            lines.span(Range::new(Position::new(2, 3), Position::new(0, 0))),
            Span::new(text.len() - 1, text.len() - 1)
        );
    }

    #[test]
    fn utf8_is_chosen_when_offered() {
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf32
        );
    }
}
