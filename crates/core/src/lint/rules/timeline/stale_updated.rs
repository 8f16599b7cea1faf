use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::entries;

declare_rule! {
    /// ## What it does
    /// Reports an article whose latest `[[updates]]` entry is later than its `updated`
    /// time, or that has updates but no `updated` at all.
    ///
    /// ## Why is this bad?
    /// The page, feeds and structured data show `updated` as the time of the last change.
    /// When an update is added without moving `updated`, readers and search engines are
    /// told the article is older than it is.
    ///
    /// ## Example
    /// ```toml
    /// published = 2026-05-06T14:25:00Z
    /// updated = 2026-05-06T14:25:00Z
    ///
    /// [[updates]]
    /// at = 2026-05-07T09:00:00Z
    /// text = "Adds Microsoft’s comment."
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// published = 2026-05-06T14:25:00Z
    /// updated = 2026-05-07T09:00:00Z
    ///
    /// [[updates]]
    /// at = 2026-05-07T09:00:00Z
    /// text = "Adds Microsoft’s comment."
    /// ```
    pub(crate) struct StaleUpdated {
        code: "TL005",
        name: "stale-updated",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "the latest update is later than `updated`, or updates exist and `updated` is missing",
        check: check_stale_updated,
    }
}

pub(crate) fn check_stale_updated(ctx: &LintContext<'_>, article: &Article) {
    let Some(latest) = article.updates.iter().max_by_key(|u| u.at) else {
        return;
    };
    let latest_span = ctx.updates().field_span(article, latest.span, "at");
    let latest_text = entries::written(article, latest_span);
    match article.updated {
        Some(updated) if updated < latest.at => {
            let span = article.value_span("updated");
            ctx.push(
                ctx.diagnostic(
                    &StaleUpdated::META,
                    span,
                    format!(
                        "`updated` `{}` is earlier than the latest update at `{latest_text}`",
                        entries::written(article, span)
                    ),
                )
                .with_help(format!("set `updated = {latest_text}`")),
            );
        }
        Some(_) => {}
        // An `updated` that was written but invalid is already reported as FM003.
        None if article.spans.value("updated").is_some() => {}
        None => {
            let span = article.spans.value("published").unwrap_or(latest_span);
            ctx.push(
                ctx.diagnostic(
                    &StaleUpdated::META,
                    span,
                    "article has updates but no `updated`",
                )
                .with_help(format!("add `updated = {latest_text}` after `published`")),
            );
        }
    }
}
