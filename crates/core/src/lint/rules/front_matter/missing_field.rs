use crate::article::{Article, Status};
use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a required field that is absent or empty: `title`, `authors`, `desk`, `status`,
    /// and `published` unless the article is a draft. Inside tables it also reports a source
    /// without `id` or `title`, an update without `at` or `text`, an image without `src`, and
    /// a retracted article without a complete `[retraction]` (`at` and `reason`).
    ///
    /// ## Why is this bad?
    /// Bylines, desk pages, feeds and the update timeline are drawn from these fields; an
    /// article without them cannot be rendered the way readers expect.
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
    /// authors = ["ryan-tanaka"]
    /// desk = "consumer-tech"
    /// status = "published"
    /// published = 2026-05-06T14:25:00Z
    /// ```
    pub(crate) struct MissingField {
        code: "FM001",
        name: "missing-field",
        severity: Error,
        fix: None,
        scope: Article,
        summary: "a required field absent or empty (`title`, `authors`, `desk`, `status`, `published` unless draft)",
        check: check_missing_field,
    }
}

pub(crate) fn check_missing_field(ctx: &LintContext<'_>, article: &Article) {
    let mut missing = Vec::new();
    if article.title.is_empty() {
        missing.push("title");
    }
    if article.authors.is_empty() {
        missing.push("authors");
    }
    if article.desk.as_deref().is_none_or(str::is_empty) {
        missing.push("desk");
    }
    if !article.has_status {
        missing.push("status");
    }
    if article.published.is_none() && article.has_status && article.status != Status::Draft {
        missing.push("published");
    }
    // A `[retraction]` that is present but incomplete is already reported by the parser.
    if article.status == Status::Retracted
        && article.retraction.is_none()
        && article.spans.value("retraction").is_none()
    {
        ctx.push(
            ctx.diagnostic(
                &MissingField::META,
                article.value_span("status"),
                "a retracted article needs `[retraction]` with `at` and `reason`",
            )
            .with_help("run `copydesk retract ARTICLE --reason \"…\"`, which sets both"),
        );
    }
    for field in missing {
        // A field that was present but invalid is already reported as FM003.
        if article.invalid_fields.iter().any(|f| f == field)
            || article
                .spans
                .value(field)
                .is_some_and(|_| field == "published")
        {
            continue;
        }
        let span = article
            .spans
            .value(field)
            .unwrap_or(article.layout.open_delimiter);
        if field == "published" {
            ctx.push(missing_published(article));
        } else {
            ctx.report(
                &MissingField::META,
                span,
                format!("missing required field `{field}`"),
            );
        }
    }
}

/// The FM001 finding for an article that is past draft but has no `published` date; export
/// skips such an article with the same finding.
pub(crate) fn missing_published(article: &Article) -> Diagnostic {
    Diagnostic::new(
        &MissingField::META,
        article.path.clone(),
        article.value_span("published"),
        format!("a {} article needs `published`", article.status),
    )
}
