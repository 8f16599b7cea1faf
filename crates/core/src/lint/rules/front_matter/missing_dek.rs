use serde::{Deserialize, Serialize};

use crate::article::{Article, Status};
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a published article without a `dek`, and a dek longer than `max_chars`
    /// characters (default 300). A body of fewer than `min_words` words of prose (default 0:
    /// every article) needs no dek: a wire brief of three paragraphs is its own summary.
    /// Words are counted in the body's paragraphs, headings and table cells (lists and
    /// quotes included, code not).
    ///
    /// ## Why is this bad?
    /// Feeds, link previews and related-article teasers show the dek. Without one they fall
    /// back to the first paragraph, often a dateline; a long one gets cut.
    ///
    /// ## Example
    /// ```toml
    /// title = "OpenAI Breaks Microsoft's Hold"
    /// status = "published"
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// title = "OpenAI Breaks Microsoft's Hold"
    /// dek = "OpenAI has renegotiated its deal with Microsoft, ending Azure exclusivity."
    /// status = "published"
    /// ```
    ///
    /// ## Options
    /// `max_chars` (integer, default 300); `min_words` (integer, default 0), the shortest
    /// body that needs a dek: `[lint.options] FM007 = { min_words = 150 }`.
    pub(crate) struct MissingDek {
        code: "FM007",
        name: "missing-dek",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "published article without a dek, or dek over `max_chars` (default 300)",
        check: check_missing_dek,
        options: MissingDekOptions,
    }
}

/// Options of FM007.
#[derive(Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct MissingDekOptions {
    pub(crate) max_chars: usize,
    pub(crate) min_words: usize,
}

impl Default for MissingDekOptions {
    fn default() -> Self {
        MissingDekOptions {
            max_chars: 300,
            min_words: 0,
        }
    }
}

pub(crate) fn check_missing_dek(ctx: &LintContext<'_>, article: &Article) {
    let options = ctx.options::<MissingDekOptions>();
    match article.dek.as_deref() {
        None | Some("")
            if article.status == Status::Published && !is_brief(ctx, options.min_words) =>
        {
            let span = article
                .spans
                .value("dek")
                .unwrap_or_else(|| article.value_span("title"));
            ctx.report(&MissingDek::META, span, "published article has no `dek`");
        }
        Some(dek) => {
            let length = dek.chars().count();
            if length > options.max_chars {
                ctx.report(
                    &MissingDek::META,
                    article.value_span("dek"),
                    format!(
                        "dek is {length} characters, over the limit of {}",
                        options.max_chars
                    ),
                );
            }
        }
        None => {}
    }
}

/// Whether the body has fewer than `min_words` words of prose (never when it is 0).
fn is_brief(ctx: &LintContext<'_>, min_words: usize) -> bool {
    if min_words == 0 {
        return false;
    }
    let mut words = 0;
    for block in ctx.prose_blocks() {
        words += block.words().len();
        if words >= min_words {
            return false;
        }
    }
    true
}
