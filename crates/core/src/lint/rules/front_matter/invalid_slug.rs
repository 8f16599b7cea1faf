use crate::article::Article;
use crate::id;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a slug that is not lowercase ASCII words joined by single hyphens, and a title
    /// that yields no usable slug when no `slug` is given: an emoji-only title, or a CJK one,
    /// whose transliteration nobody could read (the message names the script).
    ///
    /// ## Why is this bad?
    /// The slug is the article's URL and file name. Upper case, spaces, accents and repeated
    /// hyphens make URLs that differ by server, break when shared, or collide.
    ///
    /// ## Example
    /// ```toml
    /// slug = "OpenAI_Breaks--Microsoft"
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// slug = "openai-breaks-microsofts-hold"
    /// ```
    pub(crate) struct InvalidSlug {
        code: "FM004",
        name: "invalid-slug",
        severity: Error,
        fix: None,
        scope: Article,
        summary: "slug not lowercase ASCII words joined by single hyphens",
        check: check_invalid_slug,
    }
}

pub(crate) fn check_invalid_slug(ctx: &LintContext<'_>, article: &Article) {
    if id::is_kebab_case(&article.slug) {
        return;
    }
    if article.has_explicit_slug {
        let suggestion = id::slugify(&article.slug);
        let diagnostic = ctx.diagnostic(
            &InvalidSlug::META,
            article.value_span("slug"),
            format!(
                "slug `{}` is not lowercase words joined by hyphens",
                article.slug
            ),
        );
        let diagnostic = if suggestion.is_empty() {
            diagnostic
        } else {
            diagnostic.with_help(format!("use `{suggestion}`"))
        };
        ctx.push(diagnostic);
    } else if !article.title.is_empty() {
        let message = match id::transliterated_script(&article.title) {
            Some(script) => {
                format!("the title is written in {script} script and gives no readable slug")
            }
            None => "the title gives no usable slug".to_string(),
        };
        ctx.push(
            ctx.diagnostic(&InvalidSlug::META, article.value_span("title"), message)
                .with_help("add `slug = \"...\"` in lowercase ASCII words joined by hyphens"),
        );
    }
}
