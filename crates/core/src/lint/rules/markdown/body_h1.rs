use comrak::nodes::NodeValue;

use crate::article::Article;
use crate::diagnostic::Span;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::prose::{self, BlockKind};

use super::heading;

declare_rule! {
    /// ## What it does
    /// Reports a level-1 heading (`# …`) in the body, and any heading whose text repeats the
    /// article's title (compared without case, punctuation or quote style).
    ///
    /// ## Why is this bad?
    /// Every page already shows the title as its one H1. A second H1 breaks the outline
    /// that screen readers and search engines follow, and a heading that repeats the title
    /// prints the headline twice.
    ///
    /// ## Example
    /// ```markdown
    /// +++
    /// title = "OpenAI Breaks Microsoft’s Hold"
    /// +++
    ///
    /// # OpenAI Breaks Microsoft’s Hold
    ///
    /// OpenAI has renegotiated its deal with Microsoft.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// +++
    /// title = "OpenAI Breaks Microsoft’s Hold"
    /// +++
    ///
    /// OpenAI has renegotiated its deal with Microsoft.
    ///
    /// ## A Shift in Cloud Strategy
    /// ```
    pub(crate) struct BodyH1 {
        code: "MD001",
        name: "body-h1",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "an H1 in the body, or a heading that repeats the title",
        check: check_body_h1,
    }
}

pub(crate) fn check_body_h1(ctx: &LintContext<'_>, article: &Article) {
    let title = crate::text::normalise(&article.title);
    // The shared prose blocks list every heading without another walk of the tree.
    for block in prose::blocks(ctx, &[BlockKind::Heading]) {
        let node = block.node;
        let level = match node.data.borrow().value {
            NodeValue::Heading(h) => h.level,
            _ => continue,
        };
        let span = block.span;
        // The heading as a reader sees it, as MD003 and the export's anchors read it.
        let text = crate::text::normalise(&heading::reader_text(node));
        if !title.is_empty() && text == title {
            report(
                ctx,
                span,
                "heading repeats the title",
                "remove it: the page shows the title already",
            );
        } else if level == 1 {
            report(
                ctx,
                span,
                "level-1 heading in the body",
                "use `##`: the title is the page's only level-1 heading",
            );
        }
    }
}

fn report(ctx: &LintContext<'_>, span: Span, message: &str, help: &str) {
    ctx.push(ctx.diagnostic(&BodyH1::META, span, message).with_help(help));
}
