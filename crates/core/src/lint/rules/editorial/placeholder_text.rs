use crate::article::{Article, Status};
use crate::diagnostic::{Severity, Span};
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::prose;

declare_rule! {
    /// ## What it does
    /// Reports an article whose body still holds placeholder text: paragraphs, headings or
    /// table cells that start with `TK:` ("to come", the newsroom mark for copy still to be written).
    /// `copydesk new-article` writes its body skeleton that way, and a
    /// `[new_article] template` can mark its own placeholders the same way. One finding per
    /// article, at the first placeholder, counts them all and points at the others.
    ///
    /// Placeholder blocks are not the writer's prose, so no other rule reads them: two
    /// untouched drafts are not near-duplicates (ED008), and a placeholder repeated in one
    /// draft is not a duplicate paragraph (ED001, ED002). Replacing a placeholder's text,
    /// `TK:` included, makes it prose like any other; a placeholder whose text was edited
    /// but still starts with `TK:` is still a placeholder.
    ///
    /// The severity follows the article's status: info for a draft (a fresh draft does not
    /// fail `--fail-on warning`), warning in review, and error once published or retracted.
    /// `[lint.severity] ED009 = "…"` sets one severity for all.
    ///
    /// ## Why is this bad?
    /// Placeholder text that reaches readers ("TK: Set out the facts…") is the most visible
    /// mistake a newsroom can publish, and a draft with placeholders left is not ready for
    /// the copy desk.
    ///
    /// ## Example
    /// ```markdown
    /// +++
    /// title = "OpenAI Breaks Microsoft's Hold"
    /// status = "review"
    /// +++
    ///
    /// TK: Write the lede here: what happened, who it affects and why it matters now.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// +++
    /// title = "OpenAI Breaks Microsoft's Hold"
    /// status = "review"
    /// +++
    ///
    /// OpenAI has renegotiated its deal with Microsoft, ending Azure exclusivity.
    /// ```
    pub(crate) struct PlaceholderText {
        code: "ED009",
        name: "placeholder-text",
        severity: Info,
        fix: None,
        scope: Article,
        summary: "placeholder text (`TK:`) left in the body; info in drafts, error once published",
        check: check_placeholder_text,
    }
}

/// What starts a placeholder paragraph, heading or table cell.
pub(crate) const MARKER: &str = "TK:";

/// Whether a block whose prose is `text` is a placeholder rather than the writer's prose.
pub(crate) fn is_placeholder(text: &str) -> bool {
    text.trim_start().starts_with(MARKER)
}

pub(crate) fn check_placeholder_text(ctx: &LintContext<'_>, article: &Article) {
    let placeholders: Vec<Span> = prose::placeholder_spans(ctx)
        .into_iter()
        .map(|span| first_line(ctx, span))
        .collect();
    let Some((first, others)) = placeholders.split_first() else {
        return;
    };
    let (who, severity) = match article.status {
        Status::Draft => ("draft".to_string(), Severity::Info),
        Status::Review => ("article in review".to_string(), Severity::Warning),
        // Published, retracted, and any later status: readers may see it.
        other => (format!("{other} article"), Severity::Error),
    };
    let count = placeholders.len();
    let what = if count == 1 {
        "a placeholder".to_string()
    } else {
        format!("{count} placeholders")
    };
    let mut diagnostic = ctx
        .diagnostic(
            &PlaceholderText::META,
            *first,
            format!("{who} still holds {what} marked `{MARKER}`"),
        )
        .with_help(format!(
            "replace each `{MARKER}` paragraph with the story's text, or delete it"
        ));
    diagnostic.severity = severity;
    for other in others {
        diagnostic = diagnostic.with_related(ctx.note(other.start, "another placeholder"));
    }
    ctx.push(diagnostic);
}

/// The first line of a block, so the caret sits on the marker rather than the paragraph.
fn first_line(ctx: &LintContext<'_>, span: Span) -> Span {
    let end = ctx
        .article
        .source
        .get(span.start..span.end)
        .and_then(|text| text.find('\n'))
        .map_or(span.end, |n| span.start + n);
    Span::new(span.start, end.max(span.start))
}
