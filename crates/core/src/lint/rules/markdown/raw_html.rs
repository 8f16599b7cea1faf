use comrak::nodes::NodeValue;

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports raw HTML in the body, block or inline (an inline element once, at its opening
    /// tag). HTML comments are allowed: they carry
    /// suppressions (`<!-- copydesk-disable-next-line ED003 -->`) and notes to editors.
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
    }
}

pub(crate) fn check_raw_html(ctx: &LintContext<'_>, _article: &Article) {
    for node in ctx.root.descendants() {
        let data = node.data.borrow();
        let html = match &data.value {
            NodeValue::HtmlBlock(block) => block.literal.as_str(),
            NodeValue::HtmlInline(inline) => inline.as_str(),
            _ => continue,
        };
        // A closing tag belongs to the opening tag already reported.
        if is_comment(html) || html.starts_with("</") {
            continue;
        }
        let mut span = ctx.span_of(data.sourcepos);
        // An HTML block's position runs to the end of its last line; point at the text only.
        let trimmed = ctx
            .article
            .source
            .get(span.start..span.end)
            .map_or(0, |s| s.len() - s.trim_end().len());
        span.end -= trimmed;
        ctx.push(
            ctx.diagnostic(
                &RawHtml::META,
                span,
                "raw HTML is dropped by the safe HTML export",
            )
            .with_help("use Markdown instead, or move the markup into the site's templates"),
        );
    }
}

/// Whether `html` is only HTML comments (allowed: suppressions live in them).
pub(crate) fn is_comment(html: &str) -> bool {
    let mut rest = html.trim();
    while let Some(after) = rest.strip_prefix("<!--") {
        let Some(end) = after.find("-->") else {
            return false;
        };
        rest = after[end + 3..].trim_start();
    }
    rest.is_empty() && !html.trim().is_empty()
}
