//! RF003 (duplicate-slug) over `aliases`: a former slug of one article still answers at its
//! old URL, so it must not be another article's slug or alias. Kept apart from the rule's own
//! file, which checks slugs against slugs, and reported under the same code.

use std::collections::BTreeMap;

use super::DuplicateSlug;
use super::links::{CrossReferences, SlugReference};
use crate::lint::CorpusContext;
use crate::lint::engine::ArticleFacts;

pub(crate) fn check_alias_conflicts(ctx: &CorpusContext<'_>) {
    let mut by_alias: BTreeMap<&str, Vec<(&ArticleFacts, &SlugReference)>> = BTreeMap::new();
    for article in ctx.facts {
        for alias in &CrossReferences::of(article).aliases {
            by_alias
                .entry(&alias.slug)
                .or_default()
                .push((article, alias));
        }
    }
    for (alias, owners) in &by_alias {
        // An alias that is some article's slug: the redirect and the page share one URL.
        if let Some(slug_owners) = ctx.by_slug.get(alias) {
            for (article, reference) in owners {
                let others: Vec<_> = slug_owners
                    .iter()
                    .filter(|other| other.path != article.path)
                    .collect();
                let is_own = others.len() < slug_owners.len();
                let mut diagnostic = if is_own {
                    ctx.diagnostic(
                        &DuplicateSlug::META,
                        article,
                        reference.span,
                        format!("alias `{alias}` is the article's own slug"),
                    )
                    .with_help("remove it from `aliases`")
                } else {
                    ctx.diagnostic(
                        &DuplicateSlug::META,
                        article,
                        reference.span,
                        format!("alias `{alias}` is another article's slug"),
                    )
                    .with_help("an alias redirects its old URL here; remove it, or rename the other article")
                };
                for other in others {
                    diagnostic = diagnostic.with_related(CorpusContext::related(
                        other,
                        other.slug_position,
                        format!("`{alias}` is the slug here"),
                    ));
                }
                ctx.push(diagnostic);
            }
        }
        // One alias claimed twice (by two articles, or twice in one list).
        if owners.len() < 2 {
            continue;
        }
        for (article, reference) in owners {
            let mut diagnostic = ctx
                .diagnostic(
                    &DuplicateSlug::META,
                    article,
                    reference.span,
                    format!(
                        "alias `{alias}` is listed {} times in the newsroom",
                        owners.len()
                    ),
                )
                .with_help("an old URL can redirect to one article only; keep one `aliases` entry");
            for (other, other_ref) in owners
                .iter()
                .filter(|(other, r)| other.path != article.path || r.span != reference.span)
            {
                diagnostic = diagnostic.with_related(CorpusContext::related(
                    other,
                    other_ref.position,
                    format!("`{alias}` is also an alias here"),
                ));
            }
            ctx.push(diagnostic);
        }
    }
}
