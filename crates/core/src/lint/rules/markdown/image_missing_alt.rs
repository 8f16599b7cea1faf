use comrak::nodes::{AstNode, NodeValue};

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports an image without alternative text: a body image whose `alt`, as the HTML export
    /// writes it, is empty or only spaces (`![](…)`), and a front matter `[image]` with no
    /// `alt`. The alt text is the image description as plain text: its words, code spans and
    /// inline HTML, and the description of an image nested in it (`![![a chart](i.png)](o.png)`
    /// has the alt text "a chart").
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
        check: check_image_missing_alt,
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
        if alt_text(node).trim().is_empty() {
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

/// The `alt` text the HTML renderer writes for an image: its content as plain text, which
/// takes text, code spans and inline HTML literally, line breaks as spaces, and the content
/// of nested links, emphasis and images (`![![inner](i.png)](o.png)` has `alt="inner"`).
fn alt_text<'a>(image: &'a AstNode<'a>) -> String {
    let mut alt = String::new();
    for node in image.descendants().skip(1) {
        match &node.data.borrow().value {
            NodeValue::Text(text) => alt.push_str(text),
            NodeValue::Code(code) => alt.push_str(&code.literal),
            NodeValue::HtmlInline(html) => alt.push_str(html),
            NodeValue::SoftBreak | NodeValue::LineBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alt_of(markdown: &str) -> String {
        let arena = comrak::Arena::new();
        let root = crate::markdown::parse(&arena, markdown);
        let image = root
            .descendants()
            .find(|n| matches!(n.data.borrow().value, NodeValue::Image(_)))
            .expect("an image");
        alt_text(image)
    }

    #[test]
    fn alt_text_is_what_the_renderer_writes() {
        assert_eq!(alt_of("![![inner alt](i.png)](o.png)"), "inner alt");
        assert_eq!(alt_of("![a *b* `c`](x.png)"), "a b c");
        assert_eq!(alt_of("![<b>](x.png)"), "<b>");
        assert_eq!(alt_of("![[link](u)](x.png)"), "link");
        assert_eq!(alt_of("![](x.png)"), "");
    }

    #[test]
    fn alt_text_matches_comraks_own_rendering() {
        for markdown in [
            "![![inner alt](i.png)](o.png)",
            "![a *b* `c`](x.png)",
            "![[link](u) and ![x](y)](x.png)",
            "![line\nbreak](x.png)",
        ] {
            let html = comrak::markdown_to_html(markdown, &crate::markdown::options());
            let expected = format!("alt=\"{}\"", alt_of(markdown));
            assert!(
                html.contains(&expected),
                "{markdown}: {html} lacks {expected}"
            );
        }
    }
}
