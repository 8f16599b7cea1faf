use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::entries;

declare_rule! {
    /// ## What it does
    /// Reports an `[[updates]]` entry whose `at` time is earlier than the article's
    /// `published` time.
    ///
    /// ## Why is this bad?
    /// An update records a change made after publication. One dated before the article
    /// existed is a typo, and the timeline shown to readers would make no sense.
    ///
    /// ## Example
    /// ```toml
    /// published = 2026-05-06T14:25:00Z
    ///
    /// [[updates]]
    /// at = 2026-04-06T16:00:00Z
    /// text = "Adds Microsoft’s comment."
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// published = 2026-05-06T14:25:00Z
    ///
    /// [[updates]]
    /// at = 2026-05-06T16:00:00Z
    /// text = "Adds Microsoft’s comment."
    /// ```
    pub(crate) struct UpdateBeforePublished {
        code: "TL004",
        name: "update-before-published",
        severity: Error,
        fix: None,
        scope: Article,
        summary: "an update dated before `published`",
        check: check_update_before_published,
    }
}

pub(crate) fn check_update_before_published(ctx: &LintContext<'_>, article: &Article) {
    let Some(published) = article.published else {
        return;
    };
    let published_text = entries::written(article, article.value_span("published"));
    for update in article.updates.iter().filter(|u| u.at < published) {
        let span = ctx.updates().field_span(article, update.span, "at");
        ctx.push(
            ctx.diagnostic(
                &UpdateBeforePublished::META,
                span,
                format!(
                    "update at `{}` is before `published` `{published_text}`",
                    entries::written(article, span)
                ),
            )
            .with_help(
                "correct the update’s `at`, or `published` if the article went live earlier",
            ),
        );
    }
}
