use std::collections::BTreeMap;

use crate::article::Article;
use crate::author::Author;
use crate::diagnostic::Diagnostic;
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
    /// or, if it is a new author, create `authors/ryan-tanka.toml` with
    /// `copydesk new-author ryan-tanka --name "Ryan Tanka"`.
    pub(crate) struct UnknownAuthor {
        code: "RF001",
        name: "unknown-author",
        severity: Error,
        fix: None,
        scope: Article,
        summary: "author id with no authors/<id>.toml",
        check: check_unknown_author,
    }
}

pub(crate) fn check_unknown_author(ctx: &LintContext<'_>, article: &Article) {
    for diagnostic in unknown_authors(ctx.env.authors, article) {
        ctx.push(diagnostic);
    }
}

/// The RF001 findings for `article`, one per author id without a file; export skips on the
/// same findings, so both say the same thing.
pub(crate) fn unknown_authors(
    known: &BTreeMap<String, Author>,
    article: &Article,
) -> Vec<Diagnostic> {
    let spans = entries::list_item_spans(article, "authors", &article.authors);
    let mut found = Vec::new();
    for (author, span) in article.authors.iter().zip(spans) {
        if known.contains_key(author) {
            continue;
        }
        let ids = known.keys().map(String::as_str);
        let command = crate::scaffold::new_author_command(author);
        let help = if known.is_empty() {
            format!("the newsroom has no authors yet; add this one with {command}")
        } else {
            let mut help = match crate::suggest::nearest(author, ids.clone()) {
                Some(best) => format!("{} ", crate::suggest::did_you_mean(best)),
                None => String::new(),
            };
            help.push_str("known authors: ");
            help.push_str(&entries::id_list(ids));
            help.push_str("; or add the author with ");
            help.push_str(&command);
            help
        };
        found.push(
            Diagnostic::new(
                &UnknownAuthor::META,
                article.path.clone(),
                span,
                format!("unknown author `{author}`"),
            )
            .with_help(help),
        );
    }
    found
}
