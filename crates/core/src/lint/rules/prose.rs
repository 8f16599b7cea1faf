//! The prose of a Markdown block as the MD and ED rules read it, with a map back to file spans,
//! plus the text normalisation and similarity measures those rules share.
//!
//! Code spans, code blocks, raw HTML, image alt text and autolinked URLs are not prose. Byte
//! offsets in a block's text map back to the file exactly inside a text node whose source
//! bytes equal its text (most of them); elsewhere (entities, escapes, line breaks) they fall
//! back to the edges of the node that holds them.

use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};
use unicode_segmentation::UnicodeSegmentation;

use crate::article::Article;
use crate::diagnostic::{LineIndex, Related, Span};
use crate::lint::LintContext;

/// One stretch of a block's text and where it came from.
#[derive(Debug, Clone, Copy)]
struct Segment {
    text: (usize, usize),
    file: Span,
    /// The file bytes at `file` are exactly the text, so offsets map one to one.
    exact: bool,
}

/// The prose text of one block (paragraph, heading, table cell) and its source map.
#[derive(Debug)]
pub(crate) struct ProseBlock<'a> {
    /// The block node.
    pub(crate) node: &'a AstNode<'a>,
    /// The text a reader reads, line breaks as spaces.
    pub(crate) text: String,
    /// The whole block in the file.
    pub(crate) span: Span,
    segments: Vec<Segment>,
}

impl<'a> ProseBlock<'a> {
    /// Reads the prose of `node`.
    pub(crate) fn new(ctx: &LintContext<'a>, node: &'a AstNode<'a>) -> Self {
        let span = ctx.span_of(node.data.borrow().sourcepos);
        let mut block = ProseBlock {
            node,
            text: String::new(),
            span,
            segments: Vec::new(),
        };
        block.collect(ctx, node);
        block
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

/// The prose blocks of the body whose node matches `wanted`, in document order.
pub(crate) fn blocks<'a>(
    ctx: &LintContext<'a>,
    wanted: impl Fn(&NodeValue) -> bool,
) -> Vec<ProseBlock<'a>> {
    ctx.root
        .descendants()
        .filter(|node| wanted(&node.data.borrow().value))
        .map(|node| ProseBlock::new(ctx, node))
        .collect()
}

/// The paragraphs of the body (in lists and quotes too), in document order.
pub(crate) fn paragraphs<'c, 'a>(ctx: &'c LintContext<'a>) -> &'c [ProseBlock<'a>] {
    ctx.paragraphs()
}

/// Builds notes pointing into one article, indexing its lines once, on first use.
pub(crate) struct Notes<'a> {
    article: &'a Article,
    index: OnceCell<LineIndex>,
}

impl<'a> Notes<'a> {
    pub(crate) fn new(article: &'a Article) -> Self {
        Notes {
            article,
            index: OnceCell::new(),
        }
    }

    /// A note at `offset` of the article's file.
    pub(crate) fn at(&self, offset: usize, message: impl Into<String>) -> Related {
        let index = self
            .index
            .get_or_init(|| LineIndex::new(&self.article.source));
        Related {
            path: self.article.path.clone(),
            position: index.position(&self.article.source, offset),
            message: message.into(),
        }
    }
}

/// Lower-cased words with apostrophes dropped, so case, spacing, punctuation and straight
/// versus typographic quotes never make two texts differ.
pub(crate) fn words(text: &str) -> Vec<String> {
    let folded: String = text
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | 'ʼ'))
        .flat_map(char::to_lowercase)
        .collect();
    folded.unicode_words().map(str::to_owned).collect()
}

/// `text` normalised for comparison: its [`words`] joined by single spaces.
pub(crate) fn normalise(text: &str) -> String {
    words(text).join(" ")
}

/// Words per shingle in every similarity measure.
pub(crate) const SHINGLE_WORDS: usize = 3;

/// Hashes of the overlapping [`SHINGLE_WORDS`]-word runs of `words` (one shingle of all the
/// words when there are fewer). The hash only has to agree within one run of the program.
pub(crate) fn shingles(words: &[String]) -> BTreeSet<u64> {
    if words.is_empty() {
        return BTreeSet::new();
    }
    words
        .windows(SHINGLE_WORDS.min(words.len()))
        .map(|window| {
            let mut hasher = DefaultHasher::new();
            window.hash(&mut hasher);
            hasher.finish()
        })
        .collect()
}

/// Jaccard similarity of two shingle sets (0 when both are empty).
pub(crate) fn jaccard(a: &BTreeSet<u64>, b: &BTreeSet<u64>) -> f64 {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// A character folded for phrase matching: lower case, one apostrophe, one double quote.
fn fold(c: char) -> char {
    // Prose is mostly ASCII: skip the Unicode case tables for it.
    if c.is_ascii() {
        return if c.is_whitespace() {
            ' '
        } else {
            c.to_ascii_lowercase()
        };
    }
    match c {
        '’' | '‘' | 'ʼ' => '\'',
        '“' | '”' => '"',
        c if c.is_whitespace() => ' ',
        c => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// A text folded once, for searching many phrases in it without folding it again.
pub(crate) struct Folded<'t> {
    text: &'t str,
    hay: Vec<(usize, char)>,
}

impl<'t> Folded<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Folded {
            text,
            hay: text.char_indices().map(|(i, c)| (i, fold(c))).collect(),
        }
    }

    /// Every match of `phrase` as byte ranges: case-insensitive, straight and typographic
    /// quotes alike, any run of spaces for a space, whole words only.
    pub(crate) fn find(&self, phrase: &str) -> Vec<Range<usize>> {
        let needle: Vec<char> = phrase
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .map(fold)
            .collect();
        let hay = &self.hay;
        let mut found = Vec::new();
        let Some(&first) = needle.first() else {
            return found;
        };
        let mut start = 0;
        while start < hay.len() {
            if hay[start].1 != first {
                start += 1;
                continue;
            }
            if let Some(end) = match_at(hay, start, &needle) {
                let before_ok =
                    start == 0 || !(hay[start - 1].1.is_alphanumeric() && first.is_alphanumeric());
                let after_ok = end == hay.len()
                    || !(hay[end].1.is_alphanumeric()
                        && needle.last().is_some_and(|c| c.is_alphanumeric()));
                if before_ok && after_ok {
                    let byte_end = hay.get(end).map_or(self.text.len(), |(i, _)| *i);
                    found.push(hay[start].0..byte_end);
                    start = end;
                    continue;
                }
            }
            start += 1;
        }
        found
    }
}

/// The end (in chars) of a match of `needle` at `start`, spaces matching runs of spaces.
fn match_at(hay: &[(usize, char)], start: usize, needle: &[char]) -> Option<usize> {
    let mut at = start;
    for &want in needle {
        let &(_, got) = hay.get(at)?;
        if want == ' ' {
            if got != ' ' {
                return None;
            }
            while hay.get(at).is_some_and(|(_, c)| *c == ' ') {
                at += 1;
            }
        } else if got == want {
            at += 1;
        } else {
            return None;
        }
    }
    Some(at)
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
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::config::Config;
    use crate::lint::LintEnv;

    fn find_phrase(text: &str, phrase: &str) -> Vec<Range<usize>> {
        Folded::new(text).find(phrase)
    }

    /// Runs `check` on the paragraphs of `body`, with the article's source.
    fn with_paragraphs(body: &str, check: impl Fn(&str, &[ProseBlock<'_>])) {
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
        check(&text, paragraphs(&ctx));
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
    fn phrases_match_whole_words_any_case_and_apostrophe() {
        let text = "Needless to say, it’s today’s news. In Today's Fast-Paced world";
        assert_eq!(find_phrase(text, "needless to say"), vec![0..15]);
        assert_eq!(find_phrase(text, "it's").len(), 1);
        assert_eq!(find_phrase(text, "in today's fast-paced world").len(), 1);
        assert!(find_phrase("Sayings", "say").is_empty());
        assert!(find_phrase("this", "his").is_empty());
    }

    #[test]
    fn normalising_ignores_case_space_punctuation_and_quote_style() {
        assert_eq!(
            normalise("OpenAI’s  “big” deal!"),
            normalise("openai's \"big\" deal")
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

    #[test]
    fn jaccard_of_identical_and_disjoint_sets() {
        let a = shingles(&words("one two three four"));
        let b = shingles(&words("five six seven eight"));
        assert!((jaccard(&a, &a) - 1.0).abs() < f64::EPSILON);
        assert!(jaccard(&a, &b).abs() < f64::EPSILON);
    }
}
