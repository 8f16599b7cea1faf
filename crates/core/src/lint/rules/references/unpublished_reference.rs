use super::links::{CrossReferences, SlugReference};
use crate::article::Status;
use crate::lint::CorpusContext;
use crate::lint::engine::ArticleFacts;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a published article that links to (`article:<slug>`) or lists in `related`
    /// an article that is not published: a draft, one in review, or a retracted one.
    ///
    /// ## Why is this bad?
    /// Drafts and articles in review are not exported, so the link or teaser leads nowhere
    /// until they go live. A retracted article should not be recommended to readers
    /// without saying so.
    ///
    /// ## Example
    /// ```toml
    /// status = "published"
    /// related = ["openai-device-preview"]   # status = "draft"
    /// ```
    ///
    /// Use instead: publish the target first, or drop the reference until it is live.
    /// ```toml
    /// status = "published"
    /// related = ["ai-staff-exodus"]         # status = "published"
    /// ```
    pub(crate) struct UnpublishedReference {
        code: "RF009",
        name: "unpublished-reference",
        severity: Warning,
        fix: None,
        scope: Corpus,
        summary: "a published article links or relates to a draft or retracted one",
        check: check_unpublished_reference,
        facts: CrossReferences,
    }
}

pub(crate) fn check_unpublished_reference(ctx: &CorpusContext<'_>) {
    for article in ctx.reported().filter(|a| a.status == Status::Published) {
        for related in &CrossReferences::of(article).related {
            report(ctx, article, related, "related article");
        }
        for link in &CrossReferences::of(article).article_links {
            report(ctx, article, link, "linked article");
        }
    }
}

fn report(ctx: &CorpusContext<'_>, article: &ArticleFacts, reference: &SlugReference, what: &str) {
    // Missing targets are RF004 and RF008; a duplicated slug with one live copy is RF003's.
    let Some(targets) = ctx.by_slug.get(reference.slug.as_str()) else {
        return;
    };
    if targets.iter().any(|t| t.status == Status::Published) {
        return;
    }
    let Some(target) = targets.first() else {
        return;
    };
    let status = target.status;
    ctx.push(
        ctx.diagnostic(
            &UnpublishedReference::META,
            article,
            reference.span,
            format!("{what} `{}` is {}", reference.slug, describe(status)),
        )
        .with_help(match status {
            Status::Retracted => "remove the reference, or say in the text that it was retracted",
            _ => "publish the target first, or remove the reference until it is live",
        })
        .with_related(CorpusContext::related(
            target,
            target.slug_position,
            format!("`{}` is {}", reference.slug, describe(status)),
        )),
    );
}

fn describe(status: Status) -> &'static str {
    match status {
        Status::Draft => "a draft",
        Status::Review => "in review",
        Status::Scheduled => "scheduled, not yet live",
        Status::Retracted => "retracted",
        Status::Published => "published",
    }
}
