//! The prose of a Markdown block as the MD and ED rules read it, with a map back to file spans
//! and the readings of it (words, folded text, shingles) that [`crate::text`] makes.
//!
//! Code spans, code blocks, raw HTML, image alt text and autolinked URLs are not prose. Byte
//! offsets in a block's text map back to the file exactly inside a text node whose source
//! bytes equal its text (most of them); elsewhere (entities, escapes, line breaks) they fall
//! back to the edges of the node that holds them.

use std::cell::OnceCell;
use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};

use crate::article::Article;
use crate::diagnostic::Span;
use crate::lint::LintContext;
use crate::text::{self, WordHashes};
pub(crate) use crate::text::{Folded, PhraseSet};

/// One stretch of a block's text and where it came from.
#[derive(Debug, Clone, Copy)]
struct Segment {
    text: (usize, usize),
    file: Span,
    /// The file bytes at `file` are exactly the text, so offsets map one to one.
    exact: bool,
}

/// The kinds of block whose text is prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Paragraph,
    Heading,
    TableCell,
}

impl BlockKind {
    fn of(value: &NodeValue) -> Option<BlockKind> {
        match value {
            NodeValue::Paragraph => Some(BlockKind::Paragraph),
            NodeValue::Heading(_) => Some(BlockKind::Heading),
            NodeValue::TableCell => Some(BlockKind::TableCell),
            _ => None,
        }
    }
}

/// The prose text of one block (paragraph, heading, table cell) and its source map, with the
/// readings of it the rules share (folded text, word hashes, shingles), each made on first use.
#[derive(Debug)]
pub(crate) struct ProseBlock<'a> {
    /// The block node.
    pub(crate) node: &'a AstNode<'a>,
    /// What kind of block it is.
    pub(crate) kind: BlockKind,
    /// The text a reader reads, line breaks as spaces.
    pub(crate) text: String,
    /// The whole block in the file.
    pub(crate) span: Span,
    /// The block sits inside a block quote: someone else's words (an embedded post, a
    /// quoted statement), not the writer's prose.
    pub(crate) in_quote: bool,
    segments: Vec<Segment>,
    folded: OnceCell<Folded>,
    words: OnceCell<WordHashes>,
    shingles: OnceCell<Vec<u64>>,
}

impl<'a> ProseBlock<'a> {
    /// Reads the prose of `node`, a block of `kind`.
    fn new(ctx: &LintContext<'a>, node: &'a AstNode<'a>, kind: BlockKind) -> Self {
        let span = ctx.span_of(node.data.borrow().sourcepos);
        let in_quote = node.ancestors().skip(1).any(|ancestor| {
            matches!(
                ancestor.data.borrow().value,
                NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_)
            )
        });
        let mut block = ProseBlock {
            node,
            kind,
            text: String::new(),
            span,
            in_quote,
            segments: Vec::new(),
            folded: OnceCell::new(),
            words: OnceCell::new(),
            shingles: OnceCell::new(),
        };
        block.collect(ctx, node);
        block
    }

    /// The text folded for phrase matching.
    pub(crate) fn folded(&self) -> &Folded {
        self.folded.get_or_init(|| Folded::new(&self.text))
    }

    /// The [`text::hash`] of each of the text's words.
    pub(crate) fn words(&self) -> &[u64] {
        &self.word_hashes().words
    }

    /// The byte range in [`ProseBlock::text`] of each word [`ProseBlock::words`] hashes.
    pub(crate) fn word_spans(&self) -> &[std::ops::Range<usize>] {
        &self.word_hashes().spans
    }

    /// The shared word reading of the text: hashes, spans and inner runs.
    pub(crate) fn word_hashes(&self) -> &WordHashes {
        self.words.get_or_init(|| text::hashes(&self.text))
    }

    /// The text's word [`text::shingles`].
    pub(crate) fn shingles(&self) -> &[u64] {
        self.shingles.get_or_init(|| text::shingles(self.words()))
    }

    /// Whether the text may contain a phrase of `set` (see [`PhraseSet::may_match`]).
    pub(crate) fn may_match(&self, set: &PhraseSet) -> bool {
        set.may_match(&self.text, self.word_hashes())
    }

    fn collect(&mut self, ctx: &LintContext<'a>, node: &'a AstNode<'a>) {
        for child in node.children() {
            let data = child.data.borrow();
            match &data.value {
                NodeValue::Text(text) => {
                    let file = ctx.span_of(data.sourcepos);
                    let exact = ctx.article.source.get(file.start..file.end) == Some(&**text);
                    self.push(text, file, exact);
                }
                NodeValue::SoftBreak | NodeValue::LineBreak | NodeValue::Code(_) => {
                    // Keeps the words on either side apart without claiming any of their bytes.
                    let at = self.segments.last().map_or(self.span.start, |s| s.file.end);
                    self.push(" ", Span::at(at), false);
                }
                NodeValue::Image(_)
                | NodeValue::FootnoteReference(_)
                | NodeValue::HtmlInline(_) => {}
                NodeValue::Link(link) if is_autolink(child, &link.url) => {}
                _ => {
                    drop(data);
                    self.collect(ctx, child);
                }
            }
        }
    }

    fn push(&mut self, text: &str, file: Span, exact: bool) {
        let start = self.text.len();
        self.text.push_str(text);
        self.segments.push(Segment {
            text: (start, self.text.len()),
            file,
            exact,
        });
    }

    /// The file span of `range` of [`Self::text`]: exact inside a verbatim text node, the
    /// enclosing node's edge otherwise.
    pub(crate) fn span_of(&self, range: Range<usize>) -> Span {
        let find = |offset: usize| {
            self.segments
                .iter()
                .rev()
                .find(|s| s.text.0 <= offset && offset < s.text.1.max(s.text.0 + 1))
                .or_else(|| self.segments.iter().rev().find(|s| s.text.0 <= offset))
        };
        let (Some(first), Some(last)) = (find(range.start), find(range.end.saturating_sub(1)))
        else {
            return self.span;
        };
        let start = if first.exact {
            first.file.start + (range.start - first.text.0)
        } else {
            first.file.start
        };
        let end = if last.exact {
            last.file.start + (range.end.max(last.text.0) - last.text.0)
        } else {
            last.file.end
        };
        Span::new(start, end.max(start))
    }

    /// The file span of `range` when it maps exactly (safe to edit), or `None`.
    pub(crate) fn exact_span_of(&self, range: Range<usize>) -> Option<Span> {
        let segment = self
            .segments
            .iter()
            .find(|s| s.text.0 <= range.start && range.end <= s.text.1)?;
        segment.exact.then(|| {
            Span::new(
                segment.file.start + (range.start - segment.text.0),
                segment.file.start + (range.end - segment.text.0),
            )
        })
    }

    /// Whether the block links to a listed source, by `source:<id>` or by the source's URL.
    pub(crate) fn has_citation(&self, article: &Article) -> bool {
        self.node
            .descendants()
            .any(|node| match &node.data.borrow().value {
                NodeValue::Link(link) => {
                    link.url.starts_with("source:")
                        || article
                            .sources
                            .iter()
                            .any(|s| s.url.as_deref() == Some(link.url.as_str()))
                }
                _ => false,
            })
    }
}

/// Whether `link` shows its own URL as its text (an autolink): that text is not prose.
fn is_autolink<'a>(link: &'a AstNode<'a>, url: &str) -> bool {
    let mut text = String::new();
    crate::read_time::collect_inline_text(link, &mut text);
    !text.is_empty() && (text == url || url.strip_prefix("mailto:") == Some(text.as_str()))
}

/// The prose blocks of the body (paragraphs, also in lists and quotes; headings; table cells),
/// in document order. Placeholder blocks (`TK: …`, ED009) are left out: they are not the
/// writer's prose, so no rule compares or judges them.
pub(crate) fn read_blocks<'a>(ctx: &LintContext<'a>) -> Vec<ProseBlock<'a>> {
    ctx.root
        .descendants()
        .filter_map(|node| {
            let kind = BlockKind::of(&node.data.borrow().value)?;
            Some(ProseBlock::new(ctx, node, kind))
        })
        .filter(|block| !crate::lint::rules::editorial::is_placeholder(&block.text))
        .collect()
}

/// The spans of the blocks [`read_blocks`] leaves out as placeholders (ED009), in document
/// order: the same text decides, so a block is either the writer's prose or a placeholder.
/// Only blocks whose source mentions `TK:` are read, which keeps the rule cheap.
pub(crate) fn placeholder_spans(ctx: &LintContext<'_>) -> Vec<Span> {
    use crate::lint::rules::editorial::{PLACEHOLDER_MARKER, is_placeholder};
    ctx.root
        .descendants()
        .filter_map(|node| {
            let kind = BlockKind::of(&node.data.borrow().value)?;
            let span = ctx.span_of(node.data.borrow().sourcepos);
            let source = ctx.article.source.get(span.start..span.end)?;
            if !source.contains(PLACEHOLDER_MARKER) {
                return None;
            }
            let block = ProseBlock::new(ctx, node, kind);
            is_placeholder(&block.text).then_some(block.span)
        })
        .collect()
}

/// The body's prose blocks of the `kinds` wanted, in document order.
pub(crate) fn blocks<'c, 'a>(
    ctx: &'c LintContext<'a>,
    kinds: &'c [BlockKind],
) -> impl Iterator<Item = &'c ProseBlock<'a>> {
    ctx.prose_blocks()
        .iter()
        .filter(|block| kinds.contains(&block.kind))
}

/// The paragraphs of the body (in lists and quotes too), in document order.
pub(crate) fn paragraphs<'c, 'a>(
    ctx: &'c LintContext<'a>,
) -> impl Iterator<Item = &'c ProseBlock<'a>> {
    blocks(ctx, &[BlockKind::Paragraph])
}

/// The primary language subtag of the article being linted ("en" for "en-GB"), lower case:
/// the article's `language`, else the site's. Rules built on English word lists run only
/// where this is a language they support.
pub(crate) fn language(ctx: &LintContext<'_>) -> String {
    let tag = ctx
        .article
        .language
        .as_deref()
        .unwrap_or(&ctx.env.config.site.language);
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Whether the article is in one of `languages` (primary subtags, lower case).
pub(crate) fn is_in_language(ctx: &LintContext<'_>, languages: &[&str]) -> bool {
    let language = language(ctx);
    languages.contains(&language.as_str())
}

/// Whether a paragraph is a cross-link line ("Read more: …", "SEE ALSO: …", "Related: …"):
/// a label of one to three words and a colon, then a headline (no closing full stop or
/// exclamation mark) or nothing but a link. Such a line points at another story; it makes
/// no claim of its own, so the claim rules skip it. Structure decides, not a list of
/// labels, so "Watch:" or "MORE COVERAGE:" are read the same way.
pub(crate) fn is_cross_link(block: &ProseBlock<'_>) -> bool {
    let text = block.text.trim();
    let Some((label, rest)) = text.split_once(':') else {
        return false;
    };
    let words = label.split_whitespace().count();
    let label_is_words = label
        .chars()
        .all(|c| c.is_alphabetic() || c.is_whitespace() || c == '-');
    let rest = rest.trim();
    if !(1..=3).contains(&words) || !label_is_words || rest.is_empty() {
        return false;
    }
    let headline = !rest.ends_with(['.', '!']) && sentences(rest).len() == 1;
    let only_a_link = block.node.children().any(|child| {
        let mut link_text = String::new();
        matches!(child.data.borrow().value, NodeValue::Link(_)) && {
            crate::read_time::collect_inline_text(child, &mut link_text);
            text::normalise(&link_text) == text::normalise(rest)
        }
    });
    headline || only_a_link
}

/// Byte ranges of the sentences of `text`: a sentence ends at `.`, `!` or `?` (and any
/// closing quotes or brackets) followed by a space.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, next)) = chars.peek() {
                if matches!(next, '"' | '\'' | '”' | '’' | ')' | ']' | '.' | '!' | '?') {
                    end = j + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if chars.peek().is_none_or(|(_, next)| next.is_whitespace()) {
                out.push(start..end);
                start = end;
            }
        }
    }
    if text[start..].trim().is_empty() {
        if out.is_empty() && !text.is_empty() {
            out.push(0..text.len());
        }
    } else {
        out.push(start..text.len());
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::config::Config;
    use crate::lint::LintEnv;

    /// Runs `check` on the paragraphs of an article with `body`.
    pub(crate) fn with_paragraphs(body: &str, check: impl Fn(&str, &[&ProseBlock<'_>])) {
        let text = format!("+++\ntitle = \"T\"\n+++\n\n{body}");
        let article = Article::parse("a.md", &text)
            .article
            .expect("article parses");
        let config = Config::default();
        let authors = BTreeMap::new();
        let env = LintEnv {
            config: &config,
            authors: &authors,
            now: chrono::DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").expect("time"),
        };
        let arena = comrak::Arena::new();
        let root = crate::markdown::parse(&arena, article.body());
        let ctx = LintContext::new(&article, root, env);
        let blocks: Vec<&ProseBlock<'_>> = paragraphs(&ctx).collect();
        check(&text, &blocks);
    }

    #[test]
    fn offsets_map_exactly_inside_verbatim_text() {
        with_paragraphs(
            "Intro *with “emphasis”* and `code`\nover two lines.",
            |source, blocks| {
                let block = &blocks[0];
                assert_eq!(block.text, "Intro with “emphasis” and   over two lines.");
                let at = block.text.find("“emphasis”").expect("found");
                let range = at..at + "“emphasis”".len();
                let span = block.exact_span_of(range.clone()).expect("verbatim");
                assert_eq!(&source[span.start..span.end], "“emphasis”");
                assert_eq!(block.span_of(range), span);
                let over = block.text.find("over").expect("found");
                let span = block.span_of(over..over + 4);
                assert_eq!(&source[span.start..span.end], "over");
            },
        );
    }

    #[test]
    fn offsets_in_rewritten_text_fall_back_to_the_node() {
        with_paragraphs("AT&amp;T and Verizon said so.", |source, blocks| {
            let block = &blocks[0];
            assert_eq!(block.text, "AT&T and Verizon said so.");
            assert!(block.exact_span_of(0..4).is_none());
            let span = block.span_of(3..4);
            assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
            assert!(span.start >= block.span.start && span.end <= block.span.end);
        });
    }

    #[test]
    fn autolinks_and_code_are_not_prose() {
        with_paragraphs(
            "See <https://example.com/it's> and `don't` here.",
            |_, blocks| {
                assert_eq!(blocks[0].text, "See  and   here.");
            },
        );
    }

    #[test]
    fn blocks_know_whether_they_are_quoted_at_any_depth() {
        with_paragraphs(
            "Prose.\n\n> Quoted.\n>\n> - a list item in the quote\n\n- a list item\n\n> > Nested.",
            |_, blocks| {
                let quoted: Vec<_> = blocks
                    .iter()
                    .map(|b| (b.text.as_str(), b.in_quote))
                    .collect();
                assert_eq!(
                    quoted,
                    [
                        ("Prose.", false),
                        ("Quoted.", true),
                        ("a list item in the quote", true),
                        ("a list item", false),
                        ("Nested.", true),
                    ]
                );
            },
        );
    }

    #[test]
    fn sentences_split_after_terminal_punctuation_only() {
        let text = "It grew to $4.2 billion. Will it last? “Yes.” Then";
        let parts: Vec<_> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            parts,
            [
                "It grew to $4.2 billion.",
                " Will it last?",
                " “Yes.”",
                " Then"
            ]
        );
    }
}
