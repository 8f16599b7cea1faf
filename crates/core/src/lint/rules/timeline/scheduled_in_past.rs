use chrono::{DateTime, FixedOffset, SecondsFormat};

use crate::article::{Article, Status};
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::entries;

declare_rule! {
    /// ## What it does
    /// Reports a `scheduled` article whose `published` time is not in the future. The time
    /// compared against is the time of the run, or `--now`.
    ///
    /// ## Why is this bad?
    /// A scheduled article goes live when `copydesk due --apply` runs after its `published`
    /// time (and an export made after that time already includes it). A scheduled time that
    /// has passed means the job that publishes due articles has not run since, or the time was
    /// mistyped: either way the article is not live although the newsroom expects it to be.
    ///
    /// ## Example
    /// ```toml
    /// status = "scheduled"
    /// published = 2026-05-01T06:00:00Z   # today is 2026-05-06
    /// ```
    ///
    /// Use instead: publish it now with `copydesk due --apply`, or set a future time:
    /// ```toml
    /// status = "scheduled"
    /// published = 2026-05-08T06:00:00Z
    /// ```
    pub(crate) struct ScheduledInPast {
        code: "TL006",
        name: "scheduled-in-past",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "a scheduled article whose `published` time has already passed",
        check: check_scheduled_in_past,
        instants: compared_with_now,
    }
}

/// The time the rule compares with now: a scheduled article's `published`.
fn compared_with_now(article: &Article, instants: &mut Vec<DateTime<FixedOffset>>) {
    if article.status == Status::Scheduled {
        instants.extend(article.published);
    }
}

pub(crate) fn check_scheduled_in_past(ctx: &LintContext<'_>, article: &Article) {
    if article.status != Status::Scheduled {
        return;
    }
    // A missing `published` is FM001's finding.
    let Some(published) = article.published else {
        return;
    };
    let now = ctx.env.now;
    if published > now {
        return;
    }
    let span = article.value_span("published");
    let now_text = now.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    ctx.push(
        ctx.diagnostic(
            &ScheduledInPast::META,
            span,
            format!(
                "scheduled article's `published` `{}` has already passed",
                entries::written(article, span)
            ),
        )
        .with_help(format!(
            "now is `{now_text}`; run `copydesk due --apply` to publish it, or schedule a later time with `copydesk publish ARTICLE --at …`"
        )),
    );
}
