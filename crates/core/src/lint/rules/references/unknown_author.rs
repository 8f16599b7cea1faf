use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::entries;

declare_rule! {
    /// ## What it does
    /// Reports an author id in `authors` that has no `authors/<id>.toml` file, suggesting the
    /// nearest known id.
    ///
    /// ## Why is this bad?
    /// Bylines, author pages and structured data are built from the author file. An id
    /// without one renders as a bare id or drops the byline, and a typo credits nobody.
    ///
    /// ## Example
    /// ```toml
    /// authors = ["ryan-tanka"]
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// authors = ["ryan-tanaka"]
    /// ```
    /// or add `authors/ryan-tanka.toml` if it is a new author (`copydesk new-author`).
    pub(crate) struct UnknownAuthor {
        code: "RF001",
        name: "unknown-author",
        severity: Error,
        fix: None,
        scope: Article,
        summary: "author id with no authors/<id>.toml",
    }
}

pub(crate) fn check_unknown_author(ctx: &LintContext<'_>, article: &Article) {
    let known = ctx.env.authors;
    let spans = entries::list_item_spans(article, "authors", &article.authors);
    for (author, span) in article.authors.iter().zip(spans) {
        if known.contains_key(author) {
            continue;
        }
        let ids = known.keys().map(String::as_str);
        let mut help = match crate::suggest::nearest(author, ids.clone()) {
            Some(best) => format!("did you mean `{best}`? "),
            None => String::new(),
        };
        help.push_str("known authors: ");
        help.push_str(&entries::id_list(ids));
        ctx.push(
            ctx.diagnostic(
                &UnknownAuthor::META,
                span,
                format!("unknown author `{author}`"),
            )
            .with_help(help),
        );
    }
}
