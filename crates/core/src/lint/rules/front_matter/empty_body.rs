use comrak::nodes::NodeValue;

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports an article whose body has no prose: nothing, only whitespace, only headings,
    /// only comments, or only images.
    ///
    /// ## Why is this bad?
    /// An empty body publishes as a blank page with a headline, and feeds carry nothing.
    ///
    /// ## Example
    /// ```markdown
    /// +++
    /// title = "OpenAI Breaks Microsoft's Hold"
    /// +++
    ///
    /// ## A Shift in Cloud Strategy
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// +++
    /// title = "OpenAI Breaks Microsoft's Hold"
    /// +++
    ///
    /// OpenAI has renegotiated its deal with Microsoft, ending Azure exclusivity.
    /// ```
    pub(crate) struct EmptyBody {
        code: "FM008",
        name: "empty-body",
        severity: Error,
        fix: None,
        scope: Article,
        summary: "body has no prose",
        check: check_empty_body,
    }
}

pub(crate) fn check_empty_body(ctx: &LintContext<'_>, article: &Article) {
    let has_prose = ctx.root.descendants().any(|node| {
        let data = node.data.borrow();
        let inside_prose_block = node.parent().is_some_and(|parent| {
            !matches!(
                parent.data.borrow().value,
                NodeValue::Heading(_) | NodeValue::Image(_)
            )
        });
        match &data.value {
            NodeValue::Text(text) => inside_prose_block && !text.trim().is_empty(),
            NodeValue::CodeBlock(code) => !code.literal.trim().is_empty(),
            _ => false,
        }
    });
    if !has_prose {
        let span = if article.layout.body.is_empty() {
            article.layout.close_delimiter
        } else {
            article.layout.body
        };
        ctx.report(&EmptyBody::META, span, "the body has no prose");
    }
}
