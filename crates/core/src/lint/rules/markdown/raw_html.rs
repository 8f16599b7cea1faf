use comrak::nodes::{AstNode, NodeValue};

use crate::article::Article;
use crate::diagnostic::Span;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports raw HTML in the body that the safe HTML export drops, as comrak's parse tree
    /// shows it: every HTML block (once, whatever its first tag, even a closing tag such as
    /// `</details>`), and every inline element once, at its opening tag. HTML comments are
    /// allowed: they carry suppressions (`<!-- copydesk-disable-next-line ED003 -->`) and
    /// notes to editors. Comments end as `CommonMark` 0.31.2 ends them (`<!-->` and `<!--->` are
    /// whole comments), so in a comment block such as `<!--> text -->` the text after the
    /// comment is reported: the export drops it with the comment.
    ///
    /// ## Why is this bad?
    /// The HTML export is safe by default and drops raw HTML, so the reader never sees it;
    /// feeds and other front ends may render it differently or not at all.
    ///
    /// ## Example
    /// ```markdown
    /// OpenAI can now serve its products on <span style="color:red">any cloud</span>.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// OpenAI can now serve its products on **any cloud**.
    /// ```
    pub(crate) struct RawHtml {
        code: "MD007",
        name: "raw-html",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "raw HTML in the body (dropped by the safe HTML export)",
        check: check_raw_html,
    }
}

pub(crate) fn check_raw_html(ctx: &LintContext<'_>, _article: &Article) {
    for node in ctx.root.descendants() {
        let data = node.data.borrow();
        let mut span = ctx.span_of(data.sourcepos);
        let (message, help) = match &data.value {
            // comrak has decided what is an HTML block and of which kind; the safe export
            // replaces every one with a comment, so all of it is lost, whatever its first tag.
            NodeValue::HtmlBlock(block) if block.block_type == COMMENT_BLOCK => {
                let Some(dropped) = text_outside_comments(&block.literal) else {
                    continue;
                };
                // Point at the lost text when the block stands verbatim in the file (not
                // inside a quote or list, whose markers comrak strips from the literal).
                let verbatim = ctx.article.source.get(span.start..span.end).and_then(|s| {
                    s.get(dropped.clone())
                        .filter(|d| *d == &block.literal[dropped.clone()])
                });
                if verbatim.is_some() {
                    span = Span::new(span.start + dropped.start, span.start + dropped.end);
                }
                (
                    format!(
                        "text `{}` after an HTML comment is dropped by the safe HTML export",
                        block.literal[dropped].trim()
                    ),
                    "move the text to a line of its own after the comment, or into the comment",
                )
            }
            // An inline node is one whole construct: a comment (allowed), a closing tag (its
            // element was reported at the opening tag) or an opening tag, declaration or
            // processing instruction.
            NodeValue::HtmlInline(inline) if inline.starts_with("<!--") => continue,
            NodeValue::HtmlInline(inline) if inline.starts_with("</") => continue,
            NodeValue::HtmlBlock(_) | NodeValue::HtmlInline(_) => {
                (DROPPED.to_string(), USE_MARKDOWN)
            }
            _ => continue,
        };
        // An HTML block's position runs to the end of its last line; point at the text only.
        let trimmed = ctx
            .article
            .source
            .get(span.start..span.end)
            .map_or(0, |s| s.len() - s.trim_end().len());
        span.end -= trimmed;
        ctx.push(
            ctx.diagnostic(&RawHtml::META, span, message)
                .with_help(help),
        );
    }
}

const DROPPED: &str = "raw HTML is dropped by the safe HTML export";
const USE_MARKDOWN: &str = "use Markdown instead, or move the markup into the site's templates";

/// comrak's (and `CommonMark`'s) HTML block type 2: a block that starts with `<!--`.
const COMMENT_BLOCK: u8 = 2;

/// Whether `node` is an HTML block of comments only, which no reader sees (suppressions and
/// notes to editors live in them).
pub(crate) fn is_comment_block<'a>(node: &'a AstNode<'a>) -> bool {
    matches!(&node.data.borrow().value, NodeValue::HtmlBlock(block)
        if block.block_type == COMMENT_BLOCK && text_outside_comments(&block.literal).is_none())
}

/// The byte range of a comment block's literal from the first text outside its comments to
/// the last, or `None` when it is only comments and white space. Comments end as `CommonMark`
/// 0.31.2 (and comrak) end them: `<!-->` and `<!--->` are whole comments, any other runs to
/// the first `-->`, and one never closed runs to the end of the block.
fn text_outside_comments(literal: &str) -> Option<std::ops::Range<usize>> {
    let mut outside: Option<std::ops::Range<usize>> = None;
    let mut at = 0;
    while at < literal.len() {
        let rest = &literal[at..];
        let (text_end, next) = match rest.find("<!--") {
            Some(open) => {
                let body = &rest[open + 4..];
                let close = if body.starts_with('>') {
                    1
                } else if body.starts_with("->") {
                    2
                } else {
                    body.find("-->").map_or(body.len(), |end| end + 3)
                };
                (at + open, at + open + 4 + close)
            }
            None => (literal.len(), literal.len()),
        };
        let text = &literal[at..text_end];
        if !text.trim().is_empty() {
            let start = at + (text.len() - text.trim_start().len());
            let end = at + text.trim_end().len();
            outside = Some(outside.map_or(start..end, |o| o.start..end));
        }
        at = next;
    }
    outside
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outside(literal: &str) -> Option<&str> {
        text_outside_comments(literal).map(|r| &literal[r])
    }

    #[test]
    fn comments_end_where_commonmark_ends_them() {
        assert_eq!(outside("<!-- note -->\n"), None);
        assert_eq!(outside("<!-->\n"), None);
        assert_eq!(outside("<!--->\n"), None);
        assert_eq!(outside("<!-- a --><!-- b -->"), None);
        assert_eq!(outside("<!-- never closed\nstill comment\n"), None);
        assert_eq!(outside("<!--> text -->\n"), Some("text -->"));
        assert_eq!(outside("<!---> lost -->"), Some("lost -->"));
        assert_eq!(
            outside("<!-- a --> b <!-- c --> d\n"),
            Some("b <!-- c --> d")
        );
        assert_eq!(outside("<!-- a --- b -->"), None);
    }

    proptest::proptest! {
        #[test]
        fn text_outside_comments_is_a_range_of_the_literal(literal in "[<!\\->a é\n]{0,24}") {
            if let Some(range) = text_outside_comments(&literal) {
                let text = literal.get(range);
                proptest::prop_assert!(text.is_some_and(|t| !t.trim().is_empty()));
            }
        }
    }
}
