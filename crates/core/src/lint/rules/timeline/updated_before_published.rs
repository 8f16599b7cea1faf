use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::entries;

declare_rule! {
    /// ## What it does
    /// Reports an article whose `updated` time is earlier than its `published` time.
    ///
    /// ## Why is this bad?
    /// Readers, feeds and search engines read `updated` as the last change after first
    /// publication. An update before the article existed is a typo in one of the two dates,
    /// and feeds may sort the article in the wrong place.
    ///
    /// ## Example
    /// ```toml
    /// published = 2026-05-06T14:25:00Z
    /// updated = 2026-05-05T14:25:00Z
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// published = 2026-05-06T14:25:00Z
    /// updated = 2026-05-07T14:25:00Z
    /// ```
    pub(crate) struct UpdatedBeforePublished {
        code: "TL001",
        name: "updated-before-published",
        severity: Error,
        fix: None,
        scope: Article,
        summary: "`updated` earlier than `published`",
        check: check_updated_before_published,
    }
}

pub(crate) fn check_updated_before_published(ctx: &LintContext<'_>, article: &Article) {
    let (Some(published), Some(updated)) = (article.published, article.updated) else {
        return;
    };
    if updated >= published {
        return;
    }
    let span = article.value_span("updated");
    let published_text = entries::written(article, article.value_span("published"));
    ctx.push(
        ctx.diagnostic(
            &UpdatedBeforePublished::META,
            span,
            format!(
                "`updated` `{}` is earlier than `published` `{published_text}`",
                entries::written(article, span)
            ),
        )
        .with_help(
            "correct whichever date is wrong; `updated` is the last change after publication",
        ),
    );
}
