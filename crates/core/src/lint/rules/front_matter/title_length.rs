use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a title longer than `max_chars` characters (default 110).
    ///
    /// ## Why is this bad?
    /// Search results, social cards and feed readers cut long headlines mid-word; the point
    /// of the story should survive the cut.
    ///
    /// ## Example
    /// ```toml
    /// title = "OpenAI Breaks Microsoft's Hold on Its Cloud Business in a Renegotiated Deal That Ends Azure Exclusivity After Six Years"
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// title = "OpenAI Breaks Microsoft's Hold"
    /// dek = "OpenAI has renegotiated its deal with Microsoft, ending Azure exclusivity."
    /// ```
    ///
    /// ## Options
    /// `max_chars` (integer, default 110): `[lint.options] FM006 = { max_chars = 90 }`.
    pub(crate) struct TitleLength {
        code: "FM006",
        name: "title-length",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "title longer than `max_chars` (default 110)",
        check: check_title_length,
        options: TitleLengthOptions,
    }
}

/// Options of FM006.
#[derive(Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct TitleLengthOptions {
    pub(crate) max_chars: usize,
}

impl Default for TitleLengthOptions {
    fn default() -> Self {
        TitleLengthOptions { max_chars: 110 }
    }
}

pub(crate) fn check_title_length(ctx: &LintContext<'_>, article: &Article) {
    let options = ctx.options::<TitleLengthOptions>();
    let length = article.title.chars().count();
    if length > options.max_chars {
        ctx.report(
            &TitleLength::META,
            article.value_span("title"),
            format!(
                "title is {length} characters, over the limit of {}",
                options.max_chars
            ),
        );
    }
}
