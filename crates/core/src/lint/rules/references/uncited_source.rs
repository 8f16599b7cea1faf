use std::collections::BTreeSet;

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

use super::links;

declare_rule! {
    /// ## What it does
    /// Reports a source listed in `[[sources]]` that nothing cites: no `source:<id>` link in
    /// the body or an update's text, no update with `source = "<id>"`, and no plain link to
    /// the source's `url`.
    ///
    /// ## Why is this bad?
    /// The page shows how many sources an article has. A listed source that backs no
    /// sentence inflates that count and leaves readers unable to tell what it supports;
    /// often the citation was lost in an edit.
    ///
    /// ## Example
    /// ```markdown
    /// +++
    /// [[sources]]
    /// id = "ms-partnership-2025"
    /// title = "Microsoft and OpenAI evolve partnership"
    /// +++
    /// The deal changed in January 2025.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// The deal [changed in January 2025](source:ms-partnership-2025).
    /// ```
    /// or remove the `[[sources]]` entry.
    pub(crate) struct UncitedSource {
        code: "RF006",
        name: "uncited-source",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "a listed source is never cited in the body or updates",
        check: check_uncited_source,
    }
}

pub(crate) fn check_uncited_source(ctx: &LintContext<'_>, article: &Article) {
    if article.sources.is_empty() {
        return;
    }
    let mut cited_ids = BTreeSet::new();
    let mut linked_urls = BTreeSet::new();
    for link in links::body_links(ctx)
        .into_iter()
        .chain(links::update_links(ctx))
    {
        match link.source_id() {
            Some(id) => cited_ids.insert(id.to_string()),
            None => linked_urls.insert(link.url),
        };
    }
    cited_ids.extend(article.updates.iter().filter_map(|u| u.source.clone()));
    // A source with an invalid id is already reported (FM003) and cannot be cited as written.
    for source in article
        .sources
        .iter()
        .filter(|s| crate::id::is_kebab_case(&s.id))
    {
        let cited = cited_ids.contains(&source.id)
            || source
                .url
                .as_ref()
                .is_some_and(|url| linked_urls.contains(url));
        if cited {
            continue;
        }
        let span = ctx.sources().field_span(article, source.span, "id");
        ctx.push(
            ctx.diagnostic(
                &UncitedSource::META,
                span,
                format!("source `{}` is never cited", source.id),
            )
            .with_help(format!(
                "cite it with `[text](source:{})` or remove the entry",
                source.id
            )),
        );
    }
}
