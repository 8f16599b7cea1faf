use crate::article::Article;
use crate::diagnostic::Span;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::entries;

use super::links;

declare_rule! {
    /// ## What it does
    /// Reports a citation of a source that is not listed in `[[sources]]`: a `source:<id>`
    /// link in the body or in an update's text, or an update's `source` field.
    ///
    /// ## Why is this bad?
    /// Exports turn citations into numbered links to the source's URL. A citation of an
    /// unlisted id has nowhere to point, so readers lose the evidence for a claim.
    ///
    /// ## Example
    /// ```markdown
    /// +++
    /// [[sources]]
    /// id = "ms-partnership-2025"
    /// title = "Microsoft and OpenAI evolve partnership"
    /// +++
    /// The deal changed, [Microsoft said](source:ms-partnership).
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// The deal changed, [Microsoft said](source:ms-partnership-2025).
    /// ```
    pub(crate) struct UnknownSource {
        code: "RF005",
        name: "unknown-source",
        severity: Error,
        fix: None,
        scope: Article,
        summary: "body or update cites `source:<id>` that is not listed",
    }
}

pub(crate) fn check_unknown_source(ctx: &LintContext<'_>, article: &Article) {
    let body = links::body_links(ctx);
    let updates = links::update_links(article);
    for (link, place) in body
        .iter()
        .map(|l| (l, Place::Body))
        .chain(updates.iter().map(|l| (l, Place::UpdateText)))
    {
        if let Some(id) = link.source_id() {
            report(ctx, article, id, link.span, place);
        }
    }
    for update in &article.updates {
        if let Some(id) = update.source.as_deref() {
            let span = entries::field_span(article, "updates", update.span, "source");
            report(ctx, article, id, span, Place::UpdateField);
        }
    }
}

/// Where a citation is written.
#[derive(Clone, Copy)]
enum Place {
    Body,
    UpdateText,
    UpdateField,
}

fn report(ctx: &LintContext<'_>, article: &Article, id: &str, span: Span, place: Place) {
    if id.is_empty() {
        let message = match place {
            Place::UpdateField => "update `source` is empty",
            Place::Body | Place::UpdateText => "citation `source:` names no source",
        };
        ctx.report(&UnknownSource::META, span, message);
        return;
    }
    if article.source_by_id(id).is_some() {
        return;
    }
    let ids = article.sources.iter().map(|s| s.id.as_str());
    let help = match crate::suggest::nearest(id, ids.clone()) {
        Some(best) => format!(
            "did you mean `{best}`? listed sources: {}",
            entries::id_list(ids)
        ),
        None => format!("add a `[[sources]]` entry with `id = \"{id}\"`"),
    };
    ctx.push(
        ctx.diagnostic(
            &UnknownSource::META,
            span,
            match place {
                Place::Body => format!("source `{id}` is not listed"),
                Place::UpdateText => {
                    format!("update text cites source `{id}`, which is not listed")
                }
                Place::UpdateField => format!("update `source` `{id}` is not listed"),
            },
        )
        .with_help(help),
    );
}
