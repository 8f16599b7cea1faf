use std::collections::BTreeMap;

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::prose;

declare_rule! {
    /// ## What it does
    /// Reports a paragraph that repeats an earlier paragraph of the same article, compared
    /// without case, spacing, punctuation or quote style. The later copy is reported, with a
    /// note at the first. Paragraphs under 8 words ("Read more below.") are ignored, and code
    /// is not prose.
    ///
    /// ## Why is this bad?
    /// A repeated paragraph is almost always a paste or merge accident, and it is the first
    /// thing readers notice.
    ///
    /// ## Example
    /// ```markdown
    /// ## Broader Industry Context
    ///
    /// The updated partnership has significant implications for the cloud industry.
    ///
    /// ## Stakes and Implications
    ///
    /// The updated partnership has significant implications for the cloud industry.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Broader Industry Context
    ///
    /// The updated partnership has significant implications for the cloud industry.
    /// ```
    pub(crate) struct DuplicateParagraph {
        code: "ED001",
        name: "duplicate-paragraph",
        severity: Error,
        fix: None,
        scope: Article,
        summary: "the same paragraph twice in an article (after normalising case, space, punctuation)",
        check: check_duplicate_paragraph,
    }
}

/// Paragraphs shorter than this many words are not compared.
pub(crate) const MIN_WORDS: usize = 8;

pub(crate) fn check_duplicate_paragraph(ctx: &LintContext<'_>, _article: &Article) {
    let mut first_at = BTreeMap::new();
    for paragraph in prose::paragraphs(ctx) {
        let words = paragraph.words();
        if words.len() < MIN_WORDS {
            continue;
        }
        match first_at.get(&words) {
            None => {
                first_at.insert(words, paragraph.span);
            }
            Some(first) => ctx.push(
                ctx.diagnostic(
                    &DuplicateParagraph::META,
                    paragraph.span,
                    "paragraph repeats an earlier paragraph",
                )
                .with_help("delete one of the copies")
                .with_related(ctx.note(first.start, "the first copy")),
            ),
        }
    }
}
