use std::fmt::Write as _;

use crate::lint::CorpusContext;
use crate::lint::rule::declare_rule;

use super::links::CrossReferences;

declare_rule! {
    /// ## What it does
    /// Reports articles that share a slug, and `aliases` (an article's former slugs) that
    /// collide with a slug or with another alias. Every copy of a shared slug is reported,
    /// each with notes pointing at up to three of the others (the first in path order) and the
    /// number of copies; a larger group names the rest by count only (`shared by 5000
    /// articles: 3 noted and 4996 other files`), so the report grows with the number of
    /// copies, not with its square. An alias is reported where it is listed when it is
    /// another article's slug, the article's own slug, or listed more than once in the
    /// newsroom (by two articles, or twice in one list).
    ///
    /// ## Why is this bad?
    /// The slug is the article's URL and the key cross-references use. Two articles with one
    /// slug overwrite each other on export, and `article:<slug>` links reach only one of them.
    /// An alias keeps an old URL redirecting to the article (`copydesk rename` adds one), and
    /// `article:<alias>` links still resolve to it: an alias that is also a live slug, or that
    /// two articles claim, makes one URL mean two pages.
    ///
    /// ## Example
    /// `articles/2026/04/openai-deal.md` and `articles/2026/05/openai-deal.md`, both:
    /// ```toml
    /// slug = "openai-deal"
    /// ```
    ///
    /// Use instead: give the later article a slug of its own, and rename its file to match.
    /// ```toml
    /// slug = "openai-deal-amended"
    /// ```
    ///
    /// Likewise, `articles/2026/05/openai-deal-amended.md` keeping an alias that another
    /// article still uses as its slug:
    /// ```toml
    /// slug = "openai-deal-amended"
    /// aliases = ["openai-deal"]
    /// ```
    ///
    /// Use instead: drop the alias, so the URL belongs to the article whose slug it is.
    /// ```toml
    /// slug = "openai-deal-amended"
    /// ```
    pub(crate) struct DuplicateSlug {
        code: "RF003",
        name: "duplicate-slug",
        severity: Error,
        fix: None,
        scope: Corpus,
        summary: "two articles share a slug, or an alias is taken (both locations reported)",
        check: check_duplicate_slug,
        facts: CrossReferences,
    }
}

/// Other copies noted on each finding. Noting every other copy on every copy made a group of
/// `n` articles cost `n²` notes (5,000 copies: 25 million notes, gigabytes of output).
const MAX_NOTED: usize = 3;

/// Reports slugs shared by several articles, then aliases that clash with a slug or another
/// alias.
pub(crate) fn check_duplicate_slug(ctx: &CorpusContext<'_>) {
    check_shared_slugs(ctx);
    super::alias_conflicts::check_alias_conflicts(ctx);
}

fn check_shared_slugs(ctx: &CorpusContext<'_>) {
    for (slug, articles) in &ctx.by_slug {
        if slug.is_empty() || articles.len() < 2 {
            continue;
        }
        for article in articles {
            let others = articles.iter().filter(|o| o.path != article.path);
            let mut message = format!("slug `{slug}` is shared by {} articles", articles.len());
            let unnoted = (articles.len() - 1).saturating_sub(MAX_NOTED);
            if unnoted > 0 {
                let _ = write!(message, ": {MAX_NOTED} noted and {unnoted} other files");
            }
            let mut diagnostic = ctx
                .diagnostic(&DuplicateSlug::META, article, article.slug_span, message)
                .with_help("give each article its own `slug` and file name");
            for other in others.take(MAX_NOTED) {
                diagnostic = diagnostic.with_related(CorpusContext::related(
                    other,
                    other.slug_position,
                    format!("`{slug}` is also the slug here"),
                ));
            }
            ctx.push(diagnostic);
        }
    }
}
