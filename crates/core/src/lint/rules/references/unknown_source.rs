use rustc_hash::{FxHashMap, FxHashSet};

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
        check: check_unknown_source,
    }
}

pub(crate) fn check_unknown_source(ctx: &LintContext<'_>, article: &Article) {
    let body = links::body_links(ctx);
    let updates = links::update_links(ctx);
    let mut listed = Listed::new(article);
    for (link, place) in body
        .iter()
        .map(|l| (l, Place::Body))
        .chain(updates.iter().map(|l| (l, Place::UpdateText)))
    {
        if let Some(id) = link.source_id() {
            report(ctx, &mut listed, id, link.span, place);
        }
    }
    for update in &article.updates {
        if let Some(id) = update.source.as_deref() {
            let span = ctx.updates().field_span(article, update.span, "source");
            report(ctx, &mut listed, id, span, Place::UpdateField);
        }
    }
}

/// Unlisted ids that get a did-you-mean. Each search compares the id with every listed
/// source, so without a bound an article citing thousands of unlisted ids among thousands of
/// sources would be quadratic; later ones get the plain help.
const MAX_SUGGESTED: usize = 20;

/// The listed source ids, looked up and suggested from once per article.
struct Listed<'a> {
    ids: FxHashSet<&'a str>,
    in_order: Vec<&'a str>,
    /// `listed sources: …`, the same for every finding.
    list: String,
    suggested: FxHashMap<String, Option<&'a str>>,
}

impl<'a> Listed<'a> {
    fn new(article: &'a Article) -> Self {
        let in_order: Vec<&str> = article.sources.iter().map(|s| s.id.as_str()).collect();
        Listed {
            ids: in_order.iter().copied().collect(),
            list: entries::id_list(in_order.iter().copied()),
            in_order,
            suggested: FxHashMap::default(),
        }
    }

    /// The listed id `id` is probably a typo of, while the search budget lasts.
    fn nearest(&mut self, id: &str) -> Option<&'a str> {
        if let Some(&best) = self.suggested.get(id) {
            return best;
        }
        if self.suggested.len() >= MAX_SUGGESTED {
            return None;
        }
        let best = crate::suggest::nearest(id, self.in_order.iter().copied());
        self.suggested.insert(id.to_string(), best);
        best
    }
}

/// Where a citation is written.
#[derive(Clone, Copy)]
enum Place {
    Body,
    UpdateText,
    UpdateField,
}

fn report(ctx: &LintContext<'_>, listed: &mut Listed<'_>, id: &str, span: Span, place: Place) {
    if id.is_empty() {
        let message = match place {
            Place::UpdateField => "update `source` is empty",
            Place::Body | Place::UpdateText => "citation `source:` names no source",
        };
        ctx.report(&UnknownSource::META, span, message);
        return;
    }
    if listed.ids.contains(id) {
        return;
    }
    let help = match listed.nearest(id) {
        Some(best) => format!(
            "{} listed sources: {}",
            crate::suggest::did_you_mean(best),
            listed.list
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
