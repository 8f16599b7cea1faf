//! Where `rename` rewrites `article:OLD`: the link targets of an article's body, found from
//! comrak's tree, never from a scan of the text, so a code span, a code block, raw HTML or
//! prose that mentions `article:OLD` stays byte for byte. The `related` entries are edited in
//! the front matter by `rename` itself ([`super::edit`]).
//!
//! Two kinds of target are written in the body:
//! - a link's own destination (`[text](article:OLD)`, `<article:OLD>`, an image): inside the
//!   link node's source range, right after its text;
//! - a reference definition (`[label]: article:OLD`), which comrak consumes while parsing and
//!   leaves out of the tree: it is in no paragraph, heading, code block, HTML block or table,
//!   so it is looked for only outside those, and only after a `[label]:`.

use std::ops::Range;

use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};

use crate::diagnostic::Span;
use crate::markdown::BodyPositions;

/// Rewrites the `article:OLD` link targets (and `article:OLD#fragment`) in the body of the
/// article file `text` to `article:NEW`, returning the new text and how many targets changed.
/// The front matter is left alone (its length may differ from the parsed article's: the
/// body is found again in `text`).
pub(super) fn rewrite_article_links(text: &str, old: &str, new: &str) -> (String, usize) {
    let Ok(layout) = crate::article::split_layout(text) else {
        return (text.to_string(), 0);
    };
    let body_start = layout.body.start;
    let body = &text[body_start..];
    match rewrite_markdown_links(body, old, new) {
        Some((body, count)) => (format!("{}{body}", &text[..body_start]), count),
        None => (text.to_string(), 0),
    }
}

/// Rewrites the `article:OLD` link targets of a piece of Markdown (a body, or the text of an
/// `[[updates]]` entry) to `article:NEW`; `None` when it links nowhere to `OLD`.
pub(super) fn rewrite_markdown_links(
    markdown: &str,
    old: &str,
    new: &str,
) -> Option<(String, usize)> {
    let targets = article_link_targets(markdown, old);
    if targets.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(markdown.len() + targets.len() * new.len());
    let mut at = 0;
    for range in &targets {
        out.push_str(&markdown[at..range.start]);
        out.push_str("article:");
        out.push_str(new);
        at = range.end;
    }
    out.push_str(&markdown[at..]);
    Some((out, targets.len()))
}

/// The byte ranges in `body` of every `article:OLD` written as a link target, in order and
/// without overlaps.
fn article_link_targets(body: &str, old: &str) -> Vec<Range<usize>> {
    let needle = format!("article:{old}");
    let arena = Arena::new();
    let root = crate::markdown::parse(&arena, body);
    let positions = BodyPositions::new(body, 0);
    let mut targets = Vec::new();
    // Source ranges of the blocks whose text is content (never a reference definition).
    let mut content_blocks: Vec<Span> = Vec::new();
    for node in root.descendants() {
        let data = node.data.borrow();
        match &data.value {
            NodeValue::Link(link) | NodeValue::Image(link) if is_target(&link.url, old) => {
                let shift = inline_line_shift(node);
                let span_of = |node: &'_ AstNode<'_>| {
                    let mut pos = node.data.borrow().sourcepos;
                    pos.start.line += shift;
                    pos.end.line += shift;
                    positions.span(pos)
                };
                if let Some(range) = destination_in_link(body, node, &span_of, &needle) {
                    targets.push(range);
                }
                // Otherwise a reference link: its definition is rewritten below.
            }
            // comrak's range of a paragraph starts at the reference definitions it consumed
            // from the paragraph's start: its content starts at its first inline.
            NodeValue::Paragraph => {
                let mut pos = data.sourcepos;
                pos.start.line = (pos.start.line + paragraph_line_shift(node)).min(pos.end.line);
                content_blocks.push(positions.span(pos));
            }
            NodeValue::Heading(_)
            | NodeValue::CodeBlock(_)
            | NodeValue::HtmlBlock(_)
            | NodeValue::Table(_)
            | NodeValue::ThematicBreak => content_blocks.push(positions.span(data.sourcepos)),
            _ => {}
        }
    }
    let covered = |at: usize| content_blocks.iter().any(|s| s.start <= at && at < s.end);
    for (at, _) in body.match_indices(&needle) {
        let range = at..at + needle.len();
        if !covered(at) && ends_target(body, range.end) && follows_definition_label(&body[..at]) {
            targets.push(range);
        }
    }
    targets.sort_by_key(|range| range.start);
    targets.dedup_by(|later, earlier| later.start < earlier.end);
    targets
}

/// How many lines comrak's positions of the inlines under `node` are short of the truth.
///
/// comrak 0.59 gives a paragraph's inlines positions counted from the paragraph's content
/// after the reference definitions it consumed from its start, while the paragraph's own
/// range still starts at those definitions. Definitions take whole lines and the last inline
/// ends on the paragraph's last line, so the difference of the two last lines is the shift.
fn inline_line_shift<'a>(node: &'a AstNode<'a>) -> usize {
    node.ancestors()
        .find(|a| matches!(a.data.borrow().value, NodeValue::Paragraph))
        .map_or(0, paragraph_line_shift)
}

/// [`inline_line_shift`] of a paragraph's inlines.
fn paragraph_line_shift<'a>(paragraph: &'a AstNode<'a>) -> usize {
    let last = paragraph
        .descendants()
        .skip(1)
        .map(|inline| inline.data.borrow().sourcepos.end.line)
        .max();
    let end = paragraph.data.borrow().sourcepos.end.line;
    last.map_or(0, |last| end.saturating_sub(last))
}

/// Whether a link destination names the article `old` (a `#fragment` may follow).
fn is_target(url: &str, old: &str) -> bool {
    url.strip_prefix("article:")
        .and_then(|rest| rest.strip_prefix(old))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('#'))
}

/// Whether `article:OLD` ending at `end` ends there (not `article:OLD-2`).
fn ends_target(body: &str, end: usize) -> bool {
    body[end..]
        .chars()
        .next()
        .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
}

/// Whether the text before a destination ends a reference definition's label: `[label]:`,
/// then spaces or one line break, and an optional `<`.
fn follows_definition_label(before: &str) -> bool {
    let before = before.strip_suffix('<').unwrap_or(before);
    let trimmed = before.trim_end_matches([' ', '\t']);
    let trimmed = trimmed
        .strip_suffix('\n')
        .map_or(trimmed, |t| t.strip_suffix('\r').unwrap_or(t))
        .trim_end_matches([' ', '\t']);
    trimmed.ends_with("]:")
}

/// The destination of an inline link or autolink, written inside the link's own source: the
/// first `article:OLD` after the link's text (so one mentioned in the text is not taken), or,
/// for an autolink (`<article:OLD>`), the text itself. `None` for a reference link, whose
/// destination is written in its definition.
fn destination_in_link<'a>(
    body: &str,
    link: &'a AstNode<'a>,
    span_of: &dyn Fn(&'a AstNode<'a>) -> Span,
    needle: &str,
) -> Option<Range<usize>> {
    let span = span_of(link);
    let source = body.get(span.start..span.end)?;
    let search_from = if source.starts_with('<') {
        span.start
    } else {
        link.children()
            .map(|child| span_of(child).end)
            .max()
            .unwrap_or(span.start)
            .clamp(span.start, span.end)
    };
    let rest = body.get(search_from..span.end)?;
    // After the text comes `](`, spaces and maybe `<`: nothing else precedes the destination.
    let at = rest.find(needle)?;
    if !rest[..at]
        .chars()
        .all(|c| matches!(c, ']' | '(' | '<' | ' ' | '\t' | '\n' | '\r'))
    {
        return None;
    }
    let start = search_from + at;
    ends_target(body, start + needle.len()).then_some(start..start + needle.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRONT: &str = "+++\ntitle = \"T\"\n+++\n";

    fn rewrite(body: &str) -> (String, usize) {
        let (text, count) = rewrite_article_links(&format!("{FRONT}{body}"), "old", "new");
        (text[FRONT.len()..].to_string(), count)
    }

    #[test]
    fn rewrites_inline_autolink_image_and_reference_targets() {
        let body = "See [the story](article:old), [a part](article:old#timeline) and \
                    <article:old>.\n\n![chart](article:old)\n\nAlso [the piece][p] and [old].\n\n\
                    [p]: article:old \"The old piece\"\n[old]:\n  <article:old>\n";
        let (text, count) = rewrite(body);
        assert_eq!(count, 6, "{text}");
        assert_eq!(
            text,
            "See [the story](article:new), [a part](article:new#timeline) and \
             <article:new>.\n\n![chart](article:new)\n\nAlso [the piece][p] and [old].\n\n\
             [p]: article:new \"The old piece\"\n[old]:\n  <article:new>\n"
        );
    }

    #[test]
    fn leaves_code_html_prose_and_other_slugs_alone() {
        let body = "Write `[x](article:old)` or `article:old` to link.\n\n\
                    ```markdown\n[x](article:old)\n[p]: article:old\n```\n\n\
                    \x20   [y]: article:old\n\n\
                    <div>[z](article:old)</div>\n\n\
                    Prose mentions article:old and [article:old](article:old-2) and \
                    [see article:old](https://example.com/article:old).\n\n\
                    [q]: article:older\n";
        let (text, count) = rewrite(body);
        assert_eq!((text.as_str(), count), (body, 0));
    }

    #[test]
    fn link_text_naming_the_target_is_not_the_destination() {
        let (text, count) = rewrite("[article:old](article:old \"article:old\")\n");
        assert_eq!(count, 1);
        assert_eq!(text, "[article:old](article:new \"article:old\")\n");
    }

    #[test]
    fn definitions_inside_containers_are_rewritten() {
        let (text, count) =
            rewrite("> Quote [a][r].\n>\n> [r]: article:old\n\n- [b][s]\n\n  [s]: article:old\n");
        assert_eq!(count, 2, "{text}");
        assert!(!text.contains("article:old"), "{text}");
    }

    #[test]
    fn a_definition_before_a_paragraph_counts_and_one_inside_a_paragraph_does_not() {
        // A definition cannot interrupt a paragraph: the second line is prose.
        let (text, count) = rewrite(
            "[p]: article:old
The [piece][p] and more.
A line
[q]: article:old
",
        );
        assert_eq!(count, 1, "{text}");
        assert_eq!(
            text,
            "[p]: article:new\nThe [piece][p] and more.\nA line\n[q]: article:old\n"
        );
    }

    #[test]
    fn an_inline_link_after_definitions_in_one_paragraph_is_found() {
        let (text, count) =
            rewrite("[p]: article:old\n[q]: article:other\nSee\n[a](article:old) and [b][p].\n");
        assert_eq!(count, 2, "{text}");
        assert_eq!(
            text,
            "[p]: article:new\n[q]: article:other\nSee\n[a](article:new) and [b][p].\n"
        );
    }
}
