use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports an article whose slug (written, or derived from the title) differs from its
    /// file name without `.md`.
    ///
    /// ## Why is this bad?
    /// Editors find articles by file name and readers by URL; when the two disagree, links
    /// written against one break against the other, and renaming a title silently moves a URL.
    ///
    /// ## Example
    /// `articles/2026/05/openai-microsoft.md`:
    /// ```toml
    /// title = "OpenAI Breaks Microsoft's Hold"
    /// ```
    ///
    /// Use instead: rename the file to `openai-breaks-microsofts-hold.md`, or pin the URL:
    /// ```toml
    /// slug = "openai-microsoft"
    /// ```
    pub(crate) struct SlugFilenameMismatch {
        code: "FM005",
        name: "slug-filename-mismatch",
        severity: Error,
        fix: None,
        scope: Article,
        summary: "slug differs from the file stem",
        check: check_slug_filename_mismatch,
    }
}

pub(crate) fn check_slug_filename_mismatch(ctx: &LintContext<'_>, article: &Article) {
    let Some(stem) = article.file_stem() else {
        return;
    };
    if article.slug.is_empty() || article.slug == stem {
        return;
    }
    let (span, message) = if article.has_explicit_slug {
        (
            article.value_span("slug"),
            format!(
                "slug `{}` differs from the file name `{stem}`",
                article.slug
            ),
        )
    } else {
        (
            article.value_span("title"),
            format!(
                "the slug from the title, `{}`, differs from the file name `{stem}`",
                article.slug
            ),
        )
    };
    ctx.push(
        ctx.diagnostic(&SlugFilenameMismatch::META, span, message)
            .with_help(format!(
                "rename the file to `{}.md` or set `slug = \"{stem}\"`",
                article.slug
            )),
    );
}
