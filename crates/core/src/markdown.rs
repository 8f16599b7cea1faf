//! The one place comrak is configured: `CommonMark` with GitHub extensions, as SPEC section 1 says.
//!
//! Bodies are parsed on their own (not with comrak's front matter support) and comrak's
//! 1-based line and byte-column positions are mapped back to whole-file byte offsets with
//! [`BodyPositions`].

use comrak::nodes::{AstNode, Sourcepos};
use comrak::{Arena, Options};

use crate::diagnostic::{LineIndex, Span};

/// The parse options every part of copydesk shares.
pub fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options
}

/// Parses a Markdown body into `arena`.
pub fn parse<'a>(arena: &'a Arena<'a>, body: &str) -> &'a AstNode<'a> {
    comrak::parse_document(arena, body, &options())
}

/// Maps comrak source positions in a body to byte spans of the whole file.
#[derive(Debug, Clone)]
pub struct BodyPositions {
    index: LineIndex,
    body_start: usize,
    body_len: usize,
}

impl BodyPositions {
    /// Indexes `body`, which starts at `body_start` in its file.
    pub fn new(body: &str, body_start: usize) -> Self {
        BodyPositions {
            index: LineIndex::new(body),
            body_start,
            body_len: body.len(),
        }
    }

    /// The whole-file span of a node's source position (end inclusive in comrak, exclusive here).
    pub fn span(&self, pos: Sourcepos) -> Span {
        let start = self.offset(pos.start.line, pos.start.column);
        let end = if pos.end.line == 0 {
            start
        } else {
            (self.offset(pos.end.line, pos.end.column) + 1).min(self.body_start + self.body_len)
        };
        Span::new(start, end.max(start))
    }

    /// The whole-file offset of a 1-based line and byte column in the body.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        self.body_start
            + self
                .index
                .offset_of_byte_column(line, column)
                .min(self.body_len)
    }

    /// The whole-file offset of a byte offset within the body.
    pub fn body_offset(&self, offset: usize) -> usize {
        self.body_start + offset.min(self.body_len)
    }
}
