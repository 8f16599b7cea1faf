//! The prose of a Markdown block as the MD and ED rules read it, with a map back to file spans,
//! plus the text normalisation and similarity measures those rules share.
//!
//! Code spans, code blocks, raw HTML, image alt text and autolinked URLs are not prose. Byte
//! offsets in a block's text map back to the file exactly inside a text node whose source
//! bytes equal its text (most of them); elsewhere (entities, escapes, line breaks) they fall
//! back to the edges of the node that holds them.

use std::cell::OnceCell;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use comrak::nodes::{AstNode, NodeValue};
use rustc_hash::FxHashSet;
use unicode_segmentation::UnicodeSegmentation;

use crate::article::Article;
use crate::diagnostic::Span;
use crate::lint::LintContext;

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
    words: OnceCell<crate::words::WordHashes>,
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

    /// Hashes of the text's normalised [`word_hashes`].
    pub(crate) fn words(&self) -> &[u64] {
        &self.word_hashes().words
    }

    fn word_hashes(&self) -> &crate::words::WordHashes {
        self.words.get_or_init(|| crate::words::hashes(&self.text))
    }

    /// The text's word [`shingles`].
    pub(crate) fn shingles(&self) -> &[u64] {
        self.shingles.get_or_init(|| shingles(self.words()))
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

/// Lower-cased words with apostrophes dropped, so case, spacing, punctuation and straight
/// versus typographic quotes never make two texts differ.
fn words(text: &str) -> Vec<String> {
    let folded: String = text
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | 'ʼ'))
        .flat_map(char::to_lowercase)
        .collect();
    folded.unicode_words().map(str::to_owned).collect()
}

/// `text` normalised for comparison: its words, lower-cased without apostrophes, joined by
/// single spaces.
pub(crate) fn normalise(text: &str) -> String {
    words(text).join(" ")
}

/// A hash of each word of `text`, lower-cased and without apostrophes, so case, spacing,
/// punctuation and straight versus typographic quotes never make two texts differ. Equal
/// word lists hash equally in every run of the same program (a cached index relies on it).
pub(crate) fn word_hashes(text: &str) -> Vec<u64> {
    crate::words::hashes(text).words
}

/// splitmix64's finaliser: spreads every input bit over the whole output.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Words per shingle in every similarity measure.
pub(crate) const SHINGLE_WORDS: usize = 3;

/// The distinct hashes, sorted, of the overlapping [`SHINGLE_WORDS`]-word runs of `words`
/// (word hashes; one shingle of all the words when there are fewer).
pub(crate) fn shingles(words: &[u64]) -> Vec<u64> {
    let mut out: Vec<u64> = shingle_hashes(words).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The hashes of the shingles of `words` in text order, repeats included.
pub(crate) fn shingle_hashes(words: &[u64]) -> impl Iterator<Item = u64> + '_ {
    words
        .windows(SHINGLE_WORDS.min(words.len()).max(1))
        .map(|window| {
            window
                .iter()
                .fold(0x9E37_79B9_7F4A_7C15, |hash: u64, word| {
                    mix(hash.rotate_left(23) ^ word)
                })
        })
}

/// Jaccard similarity of two sorted shingle sets (0 when both are empty).
///
/// When one set is much larger, the smaller one is looked up in it, so comparing a short
/// paragraph with a huge one costs the short one's size, not the huge one's.
pub(crate) fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let shared = if large.len() / 16 > small.len() {
        small
            .iter()
            .filter(|hash| large.binary_search(hash).is_ok())
            .count()
    } else {
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        shared
    };
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

/// A text folded for phrase matching (lower case, one apostrophe, one double quote, each run
/// of white space one space), with a map back to the text's byte offsets.
#[derive(Debug)]
pub(crate) struct Folded {
    folded: String,
    /// Where offsets stop mapping one to one: (offset in `folded`, offset in the original)
    /// at every character from which the two advance in step again, in order. Most prose
    /// needs none, or one per curly quote or run of spaces.
    shifts: Vec<(usize, usize)>,
}

impl Folded {
    pub(crate) fn new(text: &str) -> Self {
        let mut folded = Vec::with_capacity(text.len());
        let mut shifts = Vec::new();
        // The last shift: offsets map as `last_at + (folded_at - last_folded)` since.
        let (mut last_folded, mut last_at) = (0, 0);
        let mut previous_space = false;
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Runs of printable ASCII, most of prose, fold in bulk; anything else char by char.
            let run = bytes[at..]
                .iter()
                .position(|byte| !byte.is_ascii_graphic())
                .unwrap_or(bytes.len() - at);
            if run > 0 {
                if last_at + (folded.len() - last_folded) != at {
                    shifts.push((folded.len(), at));
                    (last_folded, last_at) = (folded.len(), at);
                }
                folded.extend(bytes[at..at + run].iter().map(u8::to_ascii_lowercase));
                previous_space = false;
                at += run;
                continue;
            }
            let (c, width) = if bytes[at].is_ascii() {
                (char::from(bytes[at]), 1)
            } else {
                let c = text[at..]
                    .chars()
                    .next()
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                (c, c.len_utf8())
            };
            let c = fold(c);
            if c == ' ' && previous_space {
                at += width;
                continue;
            }
            previous_space = c == ' ';
            if last_at + (folded.len() - last_folded) != at {
                shifts.push((folded.len(), at));
                (last_folded, last_at) = (folded.len(), at);
            }
            if c.is_ascii() {
                folded.push(c as u8);
            } else {
                folded.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
            at += width;
        }
        if last_at + (folded.len() - last_folded) != text.len() {
            shifts.push((folded.len(), text.len()));
        }
        // Whole characters were pushed, so the bytes are UTF-8.
        let folded = String::from_utf8(folded).unwrap_or_default();
        Folded { folded, shifts }
    }

    /// The offset in the original text of the character at `at` in the folded one (or of
    /// the end).
    fn origin(&self, at: usize) -> usize {
        match self
            .shifts
            .partition_point(|(folded_at, _)| *folded_at <= at)
        {
            0 => at,
            i => {
                let (folded_at, original_at) = self.shifts[i - 1];
                original_at + (at - folded_at)
            }
        }
    }

    /// Every match of `phrase` as byte ranges of the original text: case-insensitive,
    /// straight and typographic quotes alike, any run of spaces for a space, whole words only.
    pub(crate) fn find(&self, phrase: &str) -> Vec<Range<usize>> {
        let needle = Folded::new(phrase.trim()).folded;
        if needle.is_empty() {
            return Vec::new();
        }
        let mut found = Vec::new();
        let mut from = 0;
        for start in memchr::memmem::find_iter(self.folded.as_bytes(), needle.as_bytes()) {
            if start < from {
                continue;
            }
            let end = start + needle.len();
            if self.is_whole_word(start, end, &needle) {
                found.push(self.origin(start)..self.origin(end));
                from = end;
            }
        }
        found
    }

    /// Every whole-word match of any phrase of `set`, as (index of the phrase in the set,
    /// byte range of the original text), in order of where they end.
    pub(crate) fn find_any(&self, set: &PhraseSet) -> Vec<(usize, Range<usize>)> {
        let Some(automaton) = &set.automaton else {
            let mut found: Vec<_> = set
                .needles
                .iter()
                .flat_map(|(id, needle)| self.find(needle).into_iter().map(move |r| (*id, r)))
                .collect();
            found.sort_by_key(|(_, range)| (range.end, range.start));
            return found;
        };
        let mut found = Vec::new();
        // Matches of one phrase never overlap each other, as in [`Folded::find`].
        let mut free_from = vec![0; set.needles.len()];
        for m in automaton.find_overlapping_iter(self.folded.as_str()) {
            let pattern = m.pattern().as_usize();
            let (id, needle) = &set.needles[pattern];
            if m.start() >= free_from[pattern] && self.is_whole_word(m.start(), m.end(), needle) {
                free_from[pattern] = m.end();
                found.push((*id, self.origin(m.start())..self.origin(m.end())));
            }
        }
        found
    }

    /// Whether `start..end` of the folded text, a match of `needle`, neither starts nor ends
    /// inside a word.
    fn is_whole_word(&self, start: usize, end: usize, needle: &str) -> bool {
        let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let before = self.folded[..start].chars().next_back();
        let after = self.folded[end..].chars().next();
        let cuts_in_before = alphanumeric(before) && alphanumeric(needle.chars().next());
        let cuts_in_after = alphanumeric(after) && alphanumeric(needle.chars().next_back());
        !(cuts_in_before || cuts_in_after)
    }
}

/// Phrases folded and compiled once, to find them all in one pass over a text.
#[derive(Debug)]
pub(crate) struct PhraseSet {
    /// The folded phrases with their index in the list given to [`PhraseSet::new`]; empty
    /// phrases are left out.
    needles: Vec<(usize, String)>,
    /// `None` only if the automaton could not be built (a list far beyond any real one);
    /// the phrases are then searched one by one.
    automaton: Option<AhoCorasick>,
    /// Finds, in a text not yet folded, the longest run of ASCII letters and digits of each
    /// phrase (its anchor): a text without any of them cannot match (see
    /// [`PhraseSet::may_match`]). `None` when some phrase has no such run.
    anchors: Option<AhoCorasick>,
    /// The anchors' [`crate::words::hash`]es, to look them up among a text's word hashes.
    anchor_hashes: FxHashSet<u64>,
}

impl PhraseSet {
    pub(crate) fn new<S: AsRef<str>>(phrases: &[S]) -> Self {
        let needles: Vec<(usize, String)> = phrases
            .iter()
            .enumerate()
            .map(|(id, phrase)| (id, Folded::new(phrase.as_ref().trim()).folded))
            .filter(|(_, needle)| !needle.is_empty())
            .collect();
        // A DFA searches fastest, and the lists are small enough that its size never matters.
        // Prose is dense with the phrases' letters, so a byte prefilter only adds restarts.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .prefilter(false)
            .build(needles.iter().map(|(_, needle)| needle))
            .ok();
        let anchors: Option<Vec<&str>> = needles
            .iter()
            .map(|(_, needle)| {
                needle
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .max_by_key(|run| run.len())
                    .filter(|run| !run.is_empty())
            })
            .collect();
        let anchor_hashes = anchors
            .iter()
            .flatten()
            .map(|anchor| crate::words::hash(anchor))
            .collect();
        let anchors = anchors.and_then(|anchors| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(anchors)
                .ok()
        });
        PhraseSet {
            needles,
            automaton,
            anchors,
            anchor_hashes,
        }
    }

    /// Whether `block` may contain a phrase of the set; `false` only when it cannot. Folding
    /// makes a character an ASCII letter or digit only by lower-casing an ASCII capital or
    /// the Kelvin sign (K), and never splits or joins runs of letters and digits otherwise,
    /// so a text that matches holds each phrase's anchor as a whole run, in some ASCII case.
    /// The block's word hashes usually list those runs already (the Kelvin sign is not among
    /// the characters that allows); otherwise the text is searched.
    pub(crate) fn may_match(&self, block: &ProseBlock<'_>) -> bool {
        self.may_match_text(&block.text, block.word_hashes())
    }

    /// [`PhraseSet::may_match`] for `text`, whose word hashes are `hashes`.
    fn may_match_text(&self, text: &str, hashes: &crate::words::WordHashes) -> bool {
        let Some(anchors) = &self.anchors else {
            return !self.needles.is_empty();
        };
        match &hashes.inner_runs {
            Some(inner_runs) => hashes
                .words
                .iter()
                .chain(inner_runs)
                .any(|run| self.anchor_hashes.contains(run)),
            None => text.contains('\u{212A}') || anchors.is_match(text),
        }
    }
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
            normalise(&link_text) == normalise(rest)
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

    fn find_phrase(text: &str, phrase: &str) -> Vec<Range<usize>> {
        Folded::new(text).find(phrase)
    }

    proptest::proptest! {
        #[test]
        fn a_text_the_anchors_rule_out_has_no_match(
            text in "[a-dA-D’' \u{a0}\u{212A}kK.]{0,24}"
        ) {
            let set = PhraseSet::new(&["a b", "bad", "it's ok", "ka", "c.d", "’d"]);
            let found = Folded::new(&text).find_any(&set);
            let may = set.may_match_text(&text, &crate::words::hashes(&text));
            proptest::prop_assert!(may || found.is_empty(), "{:?}", found);
        }
    }

    #[test]
    fn a_phrase_set_finds_what_each_phrase_finds() {
        let text = "According  to IDC, data from Gartner; according to a report, it’s data.";
        let phrases = ["according to", "data from", "it's", "data", "", "to"];
        let folded = Folded::new(text);
        let mut one_by_one: Vec<_> = phrases
            .iter()
            .enumerate()
            .flat_map(|(i, p)| folded.find(p).into_iter().map(move |r| (i, r)))
            .collect();
        let mut together = folded.find_any(&PhraseSet::new(&phrases));
        one_by_one.sort_by_key(|(i, r)| (r.start, *i));
        together.sort_by_key(|(i, r)| (r.start, *i));
        assert_eq!(together, one_by_one);
        assert_eq!(&text[together[0].1.clone()], "According  to");
    }

    /// Runs `check` on the paragraphs of `body`, with the article's source.
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
    fn phrases_match_whole_words_any_case_and_apostrophe() {
        let text = "Needless to say, it’s today’s news. In Today's Fast-Paced world";
        assert_eq!(find_phrase(text, "needless to say"), vec![0..15]);
        assert_eq!(find_phrase(text, "it's").len(), 1);
        assert_eq!(find_phrase(text, "in today's fast-paced world").len(), 1);
        assert!(find_phrase("Sayings", "say").is_empty());
        assert!(find_phrase("this", "his").is_empty());
    }

    #[test]
    fn word_hashes_ignore_case_space_punctuation_and_quote_style() {
        assert_eq!(
            word_hashes("OpenAI’s  “big” deal!"),
            word_hashes("openai's \"big\" deal")
        );
        assert_ne!(word_hashes("big deal"), word_hashes("deal big"));
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
    fn jaccard_looks_a_small_set_up_in_a_large_one() {
        let large: Vec<u64> = (0..1000).collect();
        let small = [5, 500, 2000];
        let expected = 2.0 / 1001.0;
        assert!((jaccard(&small, &large) - expected).abs() < 1e-12);
        assert!((jaccard(&large, &small) - expected).abs() < 1e-12);
    }

    #[test]
    fn jaccard_of_identical_and_disjoint_sets() {
        let a = shingles(&word_hashes("one two three four"));
        let b = shingles(&word_hashes("five six seven eight"));
        assert!((jaccard(&a, &a) - 1.0).abs() < f64::EPSILON);
        assert!(jaccard(&a, &b).abs() < f64::EPSILON);
    }
}
