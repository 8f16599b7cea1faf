//! Byte offset to line and column conversion, built once per file.
//!
//! Columns are counted in characters, so finding one means counting the characters between
//! the line's start and the offset. A file may be one long line (a minified paragraph, a
//! generated table) with thousands of findings on it, and counting from the line start for
//! each would be quadratic; the index therefore also keeps the number of characters before
//! every [`CHECKPOINT`]-th byte, and a column costs at most one checkpoint's worth of bytes.

use serde::{Deserialize, Serialize};

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LineColumn {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Bytes between two character-count checkpoints: the most a column lookup scans.
const CHECKPOINT: usize = 256;

/// Start offsets of every line of a text, and character counts to find columns quickly.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// `chars_before[k]`: characters that start before byte `k * CHECKPOINT`.
    chars_before: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes `text`. A line ends at `\n`; a `\r` before it belongs to the line ending.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        let mut chars_before = Vec::with_capacity(text.len() / CHECKPOINT + 1);
        let mut count = 0;
        chars_before.push(0);
        for chunk in text.as_bytes().chunks(CHECKPOINT) {
            count += char_starts(chunk);
            chars_before.push(count);
        }
        #[cfg(test)]
        tests::BUILT.with(|built| built.set(built.get() + 1));
        LineIndex {
            line_starts,
            chars_before,
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
        // Characters starting in `start..offset`: those before `offset` minus those before
        // `start`, each from the nearest checkpoint below.
        let column = self
            .chars_before_offset(text, offset)
            .saturating_sub(self.chars_before_offset(text, start));
        LineColumn {
            line: line + 1,
            column: column + 1,
        }
    }

    /// Characters of `text` that start before byte `offset`.
    fn chars_before_offset(&self, text: &str, offset: usize) -> usize {
        let checkpoint = (offset / CHECKPOINT).min(self.chars_before.len() - 1);
        let from = checkpoint * CHECKPOINT;
        let scanned = text.as_bytes().get(from..offset).unwrap_or_default();
        #[cfg(test)]
        tests::SCANNED.with(|most| most.set(most.get().max(scanned.len())));
        self.chars_before[checkpoint] + char_starts(scanned)
    }

    /// Byte offset of a 1-based line and a 1-based *byte* column, as comrak reports them.
    pub fn offset_of_byte_column(&self, line: usize, column: usize) -> usize {
        let start = self.line_start(line.saturating_sub(1));
        (start + column.saturating_sub(1)).min(self.len)
    }
}

/// Bytes that start a UTF-8 character (everything but continuation bytes `10xxxxxx`).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes)
}

#[cfg(test)]
pub(super) mod tests {
    use std::cell::Cell;

    use proptest::prelude::*;

    use super::*;

    thread_local! {
        /// How many indexes this thread built (renderers must build one per file).
        pub(crate) static BUILT: Cell<usize> = const { Cell::new(0) };
        /// The most bytes one column lookup scanned on this thread.
        pub(crate) static SCANNED: Cell<usize> = const { Cell::new(0) };
    }

    /// Indexes built on this thread so far.
    pub(crate) fn built() -> usize {
        BUILT.with(Cell::get)
    }

    /// The column as the naive definition counts it: characters from the line start.
    fn naive(text: &str, offset: usize) -> LineColumn {
        let offset = offset.min(text.len());
        let start = text[..floor(text, offset)].rfind('\n').map_or(0, |i| i + 1);
        let column = text[start..]
            .char_indices()
            .take_while(|(i, _)| start + i < offset)
            .count();
        let line = memchr::memchr_iter(b'\n', &text.as_bytes()[..offset]).count();
        LineColumn {
            line: line + 1,
            column: column + 1,
        }
    }

    fn floor(text: &str, mut at: usize) -> usize {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    proptest! {
        #[test]
        fn positions_match_counting_from_the_line_start(
            text in "[a-zé€😀\n\r]{0,40}|[ab€\n]{250,700}|[ab€]{250,700}",
            offsets in proptest::collection::vec(0usize..800, 1..20),
        ) {
            let index = LineIndex::new(&text);
            for offset in offsets {
                prop_assert_eq!(index.position(&text, offset), naive(&text, offset));
            }
        }
    }

    #[test]
    fn a_column_on_a_long_line_scans_at_most_one_checkpoint() {
        // One 850 KB line: counting from its start would scan up to the whole line.
        let text = "é word ".repeat(850_000 / 8);
        let index = LineIndex::new(&text);
        SCANNED.with(|most| most.set(0));
        for offset in (0..text.len()).step_by(9_973) {
            assert_eq!(index.position(&text, offset), naive(&text, offset));
        }
        assert!(SCANNED.with(Cell::get) < CHECKPOINT);
    }

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
