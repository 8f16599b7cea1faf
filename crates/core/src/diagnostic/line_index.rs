//! Byte offset to line and column conversion, built once per file.

use serde::{Deserialize, Serialize};

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LineColumn {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes `text`. A line ends at `\n`; a `\r` before it belongs to the line ending.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    /// Number of lines (a trailing newline starts an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where 0-based `line` starts, or the text length past the end.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(self.len)
    }

    /// 0-based line containing `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Line and column of `offset` in `text` (the text this index was built from).
    /// Offsets inside a multi-byte character count as that character.
    pub fn position(&self, text: &str, offset: usize) -> LineColumn {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = text.get(start..).map_or(0, |rest| {
            rest.char_indices()
                .take_while(|(i, _)| start + i < offset)
                .count()
        });
        LineColumn {
            line: line + 1,
            column: column + 1,
        }
    }

    /// Byte offset of a 1-based line and a 1-based *byte* column, as comrak reports them.
    pub fn offset_of_byte_column(&self, line: usize, column: usize) -> usize {
        let start = self.line_start(line.saturating_sub(1));
        (start + column.saturating_sub(1)).min(self.len)
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_lines() {
        let text = "ab\nçd\r\nef";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.position(text, 0), LineColumn { line: 1, column: 1 });
        assert_eq!(index.position(text, 3), LineColumn { line: 2, column: 1 });
        // 'd' is after the two-byte 'ç'.
        assert_eq!(index.position(text, 5), LineColumn { line: 2, column: 2 });
        assert_eq!(index.position(text, 8), LineColumn { line: 3, column: 1 });
        assert_eq!(index.position(text, 100), LineColumn { line: 3, column: 3 });
    }

    #[test]
    fn byte_columns_map_back_to_offsets() {
        let index = LineIndex::new("one\ntwo\n");
        assert_eq!(index.offset_of_byte_column(2, 2), 5);
        assert_eq!(index.offset_of_byte_column(99, 1), 8);
    }
}
