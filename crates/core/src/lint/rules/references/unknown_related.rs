use crate::lint::CorpusContext;
use crate::lint::rule::declare_rule;

use super::links::CrossReferences;

declare_rule! {
    /// ## What it does
    /// Reports a slug in `related` that names no article in the newsroom, or names the
    /// article itself, suggesting the nearest existing slug.
    ///
    /// ## Why is this bad?
    /// Related articles become teasers under the story. A missing slug silently drops a
    /// teaser (often after a rename), and an article recommending itself wastes the slot.
    ///
    /// ## Example
    /// ```toml
    /// slug = "openai-breaks-microsofts-hold"
    /// related = ["ai-staff-exodos", "openai-breaks-microsofts-hold"]
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// slug = "openai-breaks-microsofts-hold"
    /// related = ["ai-staff-exodus"]
    /// ```
    pub(crate) struct UnknownRelated {
        code: "RF004",
        name: "unknown-related",
        severity: Error,
        fix: None,
        scope: Corpus,
        summary: "`related` names a missing article or the article itself",
        check: check_unknown_related,
        facts: CrossReferences,
    }
}

pub(crate) fn check_unknown_related(ctx: &CorpusContext<'_>) {
    for article in ctx.reported() {
        for related in &CrossReferences::of(article).related {
            if related.slug == article.slug {
                ctx.push(
                    ctx.diagnostic(
                        &UnknownRelated::META,
                        article,
                        related.span,
                        format!("article lists itself (`{}`) in `related`", related.slug),
                    )
                    .with_help("remove its own slug from `related`"),
                );
            } else if !ctx.by_slug.contains_key(related.slug.as_str()) {
                let mut diagnostic = ctx.diagnostic(
                    &UnknownRelated::META,
                    article,
                    related.span,
                    format!("related article `{}` does not exist", related.slug),
                );
                if let Some(best) = ctx.nearest_slug(&related.slug, Some(&article.slug)) {
                    diagnostic = diagnostic.with_help(crate::suggest::did_you_mean(best));
                }
                ctx.push(diagnostic);
            }
        }
    }
}
