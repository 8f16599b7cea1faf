use chrono::{DateTime, FixedOffset, SecondsFormat};

use crate::article::{Article, Status};
use crate::diagnostic::Span;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::entries;

declare_rule! {
    /// ## What it does
    /// Reports a published article whose `published` time, `updated` time or an update's
    /// `at` time is later than now. The time compared against is the time of the run, or
    /// `--now`. A `scheduled` article is not reported: its future `published` is the point
    /// (TL006 reports one whose time has passed).
    ///
    /// ## Why is this bad?
    /// A published article is live: a date in the future is a typo (often the wrong month
    /// or year), or an article scheduled for later that was marked published too early.
    /// Feeds sort it above everything else until that date passes.
    ///
    /// ## Example
    /// ```toml
    /// status = "published"
    /// published = 2026-06-05T14:25:00Z   # today is 2026-05-06
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// status = "published"
    /// published = 2026-05-06T14:25:00Z
    /// ```
    /// or keep `status = "review"` until the article goes live.
    pub(crate) struct FutureTimestamp {
        code: "TL002",
        name: "future-timestamp",
        severity: Error,
        fix: None,
        scope: Article,
        summary: "a published article dated after now (`--now` overrides now)",
        check: check_future_timestamp,
        instants: compared_with_now,
    }
}

/// The times the rule compares with now: a published article's `published`, `updated` and
/// update times. A finding appears or vanishes when one of them crosses now.
fn compared_with_now(article: &Article, instants: &mut Vec<DateTime<FixedOffset>>) {
    if article.status != Status::Published {
        return;
    }
    instants.extend(article.published.iter().chain(&article.updated).copied());
    instants.extend(article.updates.iter().map(|update| update.at));
}

pub(crate) fn check_future_timestamp(ctx: &LintContext<'_>, article: &Article) {
    if article.status != Status::Published {
        return;
    }
    let now = ctx.env.now;
    let mut stamps: Vec<(&str, Span)> = Vec::new();
    if article.published.is_some_and(|t| t > now) {
        stamps.push(("`published`", article.value_span("published")));
    }
    if article.updated.is_some_and(|t| t > now) {
        stamps.push(("`updated`", article.value_span("updated")));
    }
    for update in article.updates.iter().filter(|u| u.at > now) {
        stamps.push((
            "update at",
            ctx.updates().field_span(article, update.span, "at"),
        ));
    }
    let now_text = now.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    for (what, span) in stamps {
        ctx.push(
            ctx.diagnostic(
                &FutureTimestamp::META,
                span,
                format!(
                    "{what} `{}` is in the future",
                    entries::written(article, span)
                ),
            )
            .with_help(format!(
                "now is `{now_text}`; fix the date, or keep the article in `review` until it goes live"
            )),
        );
    }
}
