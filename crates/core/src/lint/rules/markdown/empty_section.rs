use comrak::nodes::{AstNode, NodeValue};

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a heading with nothing under it: one followed directly by a heading of the
    /// same or a higher level (`##` then `##`), or by the end of the body. A deeper heading
    /// (`##` then `###`) opens a subsection and is content. HTML comments, such as
    /// suppression comments, are not content.
    ///
    /// ## Why is this bad?
    /// An empty section is a placeholder that was never written, or a paragraph that was
    /// cut; readers see a heading announcing something that is not there.
    ///
    /// ## Example
    /// ```markdown
    /// ## What’s Next
    ///
    /// ## Downstream Implications
    ///
    /// The amended agreement has implications for both companies.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## What’s Next
    ///
    /// The next development to watch is how OpenAI’s products perform on AWS.
    ///
    /// ## Downstream Implications
    ///
    /// The amended agreement has implications for both companies.
    /// ```
    pub(crate) struct EmptySection {
        code: "MD004",
        name: "empty-section",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "a heading followed directly by another heading or the end",
        check: check_empty_section,
    }
}

pub(crate) fn check_empty_section(ctx: &LintContext<'_>, _article: &Article) {
    for node in ctx.root.children() {
        let Some(level) = heading_level(node) else {
            continue;
        };
        let next = node.following_siblings().skip(1).find(|n| !is_comment(n));
        let message = match next.map(heading_level) {
            None => "section is empty: the body ends after this heading",
            Some(Some(next_level)) if next_level <= level => {
                "section is empty: another heading follows directly"
            }
            Some(_) => continue,
        };
        ctx.push(
            ctx.diagnostic(
                &EmptySection::META,
                ctx.span_of(node.data.borrow().sourcepos),
                message,
            )
            .with_help("write the section or remove the heading"),
        );
    }
}

fn heading_level<'a>(node: &'a AstNode<'a>) -> Option<u8> {
    match node.data.borrow().value {
        NodeValue::Heading(heading) => Some(heading.level),
        _ => None,
    }
}

fn is_comment<'a>(node: &'a AstNode<'a>) -> bool {
    super::raw_html::is_comment_block(node)
}
