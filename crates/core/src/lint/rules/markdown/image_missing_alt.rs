use comrak::nodes::NodeValue;

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports an image without alternative text: a body image written `![](…)` (or with
    /// only spaces between the brackets), and a front matter `[image]` with no `alt`.
    ///
    /// ## Why is this bad?
    /// Screen readers announce an image without alt text as a file name or skip it, and
    /// feeds and social cards show nothing when the image fails to load.
    ///
    /// ## Example
    /// ```markdown
    /// +++
    /// [image]
    /// src = "images/openai-microsoft.jpg"
    /// +++
    ///
    /// ![](images/bedrock-console.png)
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// +++
    /// [image]
    /// src = "images/openai-microsoft.jpg"
    /// alt = "The OpenAI logo on a phone in front of a Microsoft sign"
    /// +++
    ///
    /// ![The Amazon Bedrock console listing OpenAI models](images/bedrock-console.png)
    /// ```
    pub(crate) struct ImageMissingAlt {
        code: "MD005",
        name: "image-missing-alt",
        severity: Error,
        fix: None,
        scope: Article,
        summary: "an image (body or front matter) without alt text",
    }
}

pub(crate) fn check_image_missing_alt(ctx: &LintContext<'_>, article: &Article) {
    if let Some(image) = &article.image
        && image.alt.trim().is_empty()
    {
        let span = article
            .spans
            .value("image.alt")
            .or_else(|| article.spans.key("image"))
            .unwrap_or_else(|| article.value_span("image.src"));
        ctx.push(
            ctx.diagnostic(
                &ImageMissingAlt::META,
                span,
                "front matter `[image]` has no `alt` text",
            )
            .with_help("add `alt`, a sentence describing what the image shows"),
        );
    }
    for node in ctx.root.descendants() {
        let data = node.data.borrow();
        let NodeValue::Image(image) = &data.value else {
            continue;
        };
        let mut alt = String::new();
        crate::read_time::collect_inline_text(node, &mut alt);
        if alt.trim().is_empty() {
            ctx.push(
                ctx.diagnostic(
                    &ImageMissingAlt::META,
                    ctx.span_of(data.sourcepos),
                    format!("image `{}` has no alt text", image.url),
                )
                .with_help("describe the image between the brackets: `![what it shows](…)`"),
            );
        }
    }
}
