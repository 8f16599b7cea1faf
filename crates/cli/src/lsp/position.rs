//! Byte offsets (what copydesk's spans are) to LSP positions and back.
//!
//! LSP counts a position's character in UTF-16 code units unless client and server agree on
//! UTF-8 (`general.positionEncodings`, LSP 3.17). copydesk's own line/column pairs count
//! characters, so related locations in other files are converted here too.

use copydesk::{LineColumn, LineIndex};
use lsp_types::{Position, PositionEncodingKind, Range};

/// The unit of a position's `character`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8 bytes, when the client offers it.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it among the encodings it supports, UTF-16 otherwise.
    pub(crate) fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub(crate) fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, text: &str) -> usize {
        match self {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.encode_utf16().count(),
        }
    }
}

/// A text with its line index, converting in one encoding.
pub(crate) struct Positions<'a> {
    text: &'a str,
    index: LineIndex,
    encoding: Encoding,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(text: &'a str, encoding: Encoding) -> Self {
        Positions {
            text,
            index: LineIndex::new(text),
            encoding,
        }
    }

    /// The position of byte `offset` (clamped to the text, and back to a character start).
    pub(crate) fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line);
        Position::new(
            to_u32(line),
            to_u32(self.encoding.width(&self.text[start..offset])),
        )
    }

    pub(crate) fn range(&self, span: copydesk::Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of `position`; a character past the line's end means the line's end,
    /// a line past the text's end the text's end, and a position inside a character that
    /// character's start.
    pub(crate) fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.index.line_count() {
            return self.text.len();
        }
        let start = self.index.line_start(line);
        let end = self.line_end(line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (at, ch) in self.text[start..end].char_indices() {
            let width = match self.encoding {
                Encoding::Utf8 => ch.len_utf8(),
                Encoding::Utf16 => ch.len_utf16(),
            };
            if units + width > wanted {
                return start + at;
            }
            units += width;
        }
        end
    }

    /// The byte offset where 0-based `line`'s content ends (before `\r\n` or `\n`).
    pub(crate) fn line_end(&self, line: usize) -> usize {
        let next = if line + 1 < self.index.line_count() {
            self.index.line_start(line + 1)
        } else {
            self.text.len()
        };
        let content = &self.text[self.index.line_start(line)..next];
        let trimmed = content.trim_end_matches('\n').trim_end_matches('\r');
        self.index.line_start(line) + trimmed.len()
    }

    /// 0-based line of `offset`, and the byte offset where it starts.
    pub(crate) fn line_of(&self, offset: usize) -> (usize, usize) {
        let line = self.index.line_of(offset);
        (line, self.index.line_start(line))
    }

    /// The position of a 1-based line and character column, as copydesk reports them for
    /// related locations.
    pub(crate) fn position_of(&self, at: LineColumn) -> Position {
        let line = at.line.saturating_sub(1);
        if line >= self.index.line_count() {
            return self.position(self.text.len());
        }
        let start = self.index.line_start(line);
        let end = self.line_end(line);
        let offset = self.text[start..end]
            .char_indices()
            .nth(at.column.saturating_sub(1))
            .map_or(end, |(i, _)| start + i);
        self.position(offset)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_surrogate_pairs_and_cjk_as_units() {
        let text = "a\n😀日x\n";
        let positions = Positions::new(text, Encoding::Utf16);
        let x = text.find('x').unwrap();
        assert_eq!(positions.position(x), Position::new(1, 3));
        assert_eq!(positions.offset(Position::new(1, 3)), x);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(positions.offset(Position::new(1, 1)), 2);
    }

    #[test]
    fn utf8_counts_bytes() {
        let text = "😀日x";
        let positions = Positions::new(text, Encoding::Utf8);
        assert_eq!(positions.position(7), Position::new(0, 7));
        assert_eq!(positions.offset(Position::new(0, 7)), 7);
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\r\ncd";
        let positions = Positions::new(text, Encoding::Utf16);
        assert_eq!(positions.offset(Position::new(0, 99)), 2);
        assert_eq!(positions.offset(Position::new(9, 0)), text.len());
        assert_eq!(positions.position(999), Position::new(1, 2));
    }

    #[test]
    fn line_columns_are_characters() {
        let text = "😀ab";
        let positions = Positions::new(text, Encoding::Utf16);
        let at = LineColumn { line: 1, column: 2 };
        assert_eq!(positions.position_of(at), Position::new(0, 2));
    }
}
