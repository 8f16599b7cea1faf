use std::collections::BTreeMap;

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a `[[sources]]` entry that repeats the `id` or the `url` of an earlier entry.
    /// The later entry is reported, with a note pointing at the earlier one.
    ///
    /// ## Why is this bad?
    /// A repeated id makes citations ambiguous: exports resolve `source:<id>` to the first
    /// entry, so the second is dead weight or, worse, the one the writer meant. A repeated
    /// URL counts one document twice in the article's sources count.
    ///
    /// ## Example
    /// ```toml
    /// [[sources]]
    /// id = "ms-partnership-2025"
    /// url = "https://blogs.microsoft.com/blog/2025/01/21/microsoft-and-openai-evolve-partnership/"
    ///
    /// [[sources]]
    /// id = "ms-blog-2025"
    /// url = "https://blogs.microsoft.com/blog/2025/01/21/microsoft-and-openai-evolve-partnership/"
    /// ```
    ///
    /// Use instead: keep one entry and cite it everywhere.
    /// ```toml
    /// [[sources]]
    /// id = "ms-partnership-2025"
    /// url = "https://blogs.microsoft.com/blog/2025/01/21/microsoft-and-openai-evolve-partnership/"
    /// ```
    pub(crate) struct DuplicateSource {
        code: "RF007",
        name: "duplicate-source",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "two sources share an id or a URL",
        check: check_duplicate_source,
    }
}

pub(crate) fn check_duplicate_source(ctx: &LintContext<'_>, article: &Article) {
    let mut ids = BTreeMap::new();
    let mut urls = BTreeMap::new();
    let related = |first: crate::diagnostic::Span, message: String| ctx.note(first.start, message);
    for source in &article.sources {
        let id_span = ctx.sources().field_span(article, source.span, "id");
        if let Some(&first) = ids.get(source.id.as_str()) {
            let note = related(first, format!("`{}` is first listed here", source.id));
            ctx.push(
                ctx.diagnostic(
                    &DuplicateSource::META,
                    id_span,
                    format!("source id `{}` is listed twice", source.id),
                )
                .with_help("give each source its own id, or remove the repeated entry")
                .with_related(note),
            );
        } else {
            ids.insert(source.id.as_str(), id_span);
        }
        let Some(url) = source.url.as_deref() else {
            continue;
        };
        let url_span = ctx.sources().field_span(article, source.span, "url");
        match urls.get(url) {
            Some(&(first_id, first_span)) if first_id != source.id.as_str() => {
                let note = related(first_span, format!("source `{first_id}` has this URL"));
                ctx.push(
                    ctx.diagnostic(
                        &DuplicateSource::META,
                        url_span,
                        format!("source `{}` repeats the URL of `{first_id}`", source.id),
                    )
                    .with_help(format!(
                        "remove this entry and cite `source:{first_id}` instead"
                    ))
                    .with_related(note),
                );
            }
            Some(_) => {}
            None => {
                urls.insert(url, (source.id.as_str(), url_span));
            }
        }
    }
}
