use crate::lint::CorpusContext;
use crate::lint::rule::declare_rule;

use super::links::CrossReferences;

declare_rule! {
    /// ## What it does
    /// Reports an `article:<slug>` link in the body whose slug names no article in the
    /// newsroom, suggesting the nearest existing slug. A `#fragment` after the slug is
    /// ignored.
    ///
    /// ## Why is this bad?
    /// Exports turn cross-references into the target article's URL. A link to a missing
    /// slug has no URL to become, so readers get a dead link.
    ///
    /// ## Example
    /// ```markdown
    /// See our [report on Musk v Altman](article:musk-vs-altman).
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// See our [report on Musk v Altman](article:musk-v-altman).
    /// ```
    pub(crate) struct BrokenArticleLink {
        code: "RF008",
        name: "broken-article-link",
        severity: Error,
        fix: None,
        scope: Corpus,
        summary: "`article:<slug>` names a missing article",
        check: check_broken_article_link,
        facts: CrossReferences,
    }
}

pub(crate) fn check_broken_article_link(ctx: &CorpusContext<'_>) {
    for article in ctx.reported() {
        for link in &CrossReferences::of(article).article_links {
            if link.slug.is_empty() {
                ctx.push(
                    ctx.diagnostic(
                        &BrokenArticleLink::META,
                        article,
                        link.span,
                        "cross-reference `article:` names no article",
                    )
                    .with_help("write the target's slug after `article:`"),
                );
                continue;
            }
            if ctx.by_slug.contains_key(link.slug.as_str()) {
                continue;
            }
            let mut diagnostic = ctx.diagnostic(
                &BrokenArticleLink::META,
                article,
                link.span,
                format!("link to missing article `{}`", link.slug),
            );
            if let Some(best) = ctx.nearest_slug(&link.slug, None) {
                diagnostic = diagnostic.with_help(crate::suggest::did_you_mean(best));
            }
            ctx.push(diagnostic);
        }
    }
}
