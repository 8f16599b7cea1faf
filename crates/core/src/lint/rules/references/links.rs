//! Finds citations (`source:<id>`), cross-references (`article:<slug>`) and plain links in an
//! article's body and update texts, for the RF rules and the corpus facts.

use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue, Sourcepos};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{LineColumn, Span};
use crate::lint::LintContext;
use crate::lint::engine::ArticleFacts;
use crate::lint::rule::RuleFacts;
use crate::lint::rules::entries;

/// The scheme of a citation.
pub(crate) const SOURCE_SCHEME: &str = "source:";
/// The scheme of a cross-reference.
pub(crate) const ARTICLE_SCHEME: &str = "article:";

/// A link destination and where it is written.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// The destination as written (after Markdown unescaping).
    pub(crate) url: String,
    /// The destination in the file when it can be found, else the whole link; for links in
    /// an update, the update's `text` value.
    pub(crate) span: Span,
}

impl Link {
    /// The cited source id, for a `source:<id>` link.
    pub(crate) fn source_id(&self) -> Option<&str> {
        self.url.strip_prefix(SOURCE_SCHEME)
    }

    /// The target slug, for an `article:<slug>` link (a `#fragment` is not part of it).
    pub(crate) fn article_slug(&self) -> Option<&str> {
        let target = self.url.strip_prefix(ARTICLE_SCHEME)?;
        Some(target.split_once('#').map_or(target, |(slug, _)| slug))
    }
}

/// Every link and image destination in the body, in document order.
pub(crate) fn body_links(ctx: &LintContext<'_>) -> Vec<Link> {
    let source = &ctx.article.source;
    destinations(ctx.root)
        .into_iter()
        .map(|(url, pos)| {
            let whole = ctx.span_of(pos);
            Link {
                span: narrow(source, whole, &url),
                url,
            }
        })
        .collect()
}

/// Every link and image destination in the updates' Markdown texts, each spanning its
/// update's `text` value.
pub(crate) fn update_links(ctx: &LintContext<'_>) -> Vec<Link> {
    let article = ctx.article;
    let arena = Arena::new();
    let mut links = Vec::new();
    for update in &article.updates {
        let root = crate::markdown::parse(&arena, &update.text);
        let span = ctx.updates().field_span(article, update.span, "text");
        links.extend(
            destinations(root)
                .into_iter()
                .map(|(url, _)| Link { url, span }),
        );
    }
    links
}

fn destinations<'a>(root: &'a AstNode<'a>) -> Vec<(String, Sourcepos)> {
    root.descendants()
        .filter_map(|node| {
            let data = node.data.borrow();
            match &data.value {
                NodeValue::Link(link) | NodeValue::Image(link) => {
                    Some((link.url.clone(), data.sourcepos))
                }
                _ => None,
            }
        })
        .collect()
}

/// The destination's own bytes inside the link, when written literally (not for reference
/// links or escaped destinations).
fn narrow(source: &str, whole: Span, url: &str) -> Span {
    if url.is_empty() {
        return whole;
    }
    source
        .get(whole.start..whole.end)
        .and_then(|text| text.rfind(url))
        .map_or(whole, |at| {
            Span::new(whole.start + at, whole.start + at + url.len())
        })
}

/// A reference by slug from one article to another (`related` entry, `article:` link or
/// alias).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SlugReference {
    /// The slug referred to (without any `#fragment`).
    pub(crate) slug: String,
    /// Where the reference is written.
    pub(crate) span: Span,
    /// Line and column of `span`.
    pub(crate) position: LineColumn,
}

/// What the corpus RF rules keep of each article: the slugs it refers to and claims.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct CrossReferences {
    /// The slugs in `related`, in order (RF004, RF009).
    pub(crate) related: Vec<SlugReference>,
    /// The targets of `article:` links in the body, in document order (RF008, RF009).
    pub(crate) article_links: Vec<SlugReference>,
    /// The article's former slugs, `aliases` (RF003).
    pub(crate) aliases: Vec<SlugReference>,
}

impl CrossReferences {
    /// The cross-references of `article`; none when no enabled rule gathered them.
    pub(crate) fn of(article: &ArticleFacts) -> &CrossReferences {
        static NONE: CrossReferences = CrossReferences {
            related: Vec::new(),
            article_links: Vec::new(),
            aliases: Vec::new(),
        };
        article.get::<CrossReferences>().unwrap_or(&NONE)
    }
}

impl RuleFacts for CrossReferences {
    const KEY: &'static str = "cross-references";

    fn collect(ctx: &LintContext<'_>) -> Self {
        let article = ctx.article;
        let reference = |slug: &str, span: Span| SlugReference {
            slug: slug.to_string(),
            span,
            position: ctx.position(span.start),
        };
        let related = article
            .related
            .iter()
            .zip(entries::list_item_spans(
                article,
                "related",
                &article.related,
            ))
            .map(|(slug, span)| reference(slug, span))
            .collect();
        let article_links = body_links(ctx)
            .iter()
            .filter_map(|link| Some(reference(link.article_slug()?, link.span)))
            .collect();
        let aliases = entries::list_item_spans(article, "aliases", &article.aliases)
            .into_iter()
            .zip(&article.aliases)
            .map(|(span, slug)| reference(slug, span))
            .collect();
        CrossReferences {
            related,
            article_links,
            aliases,
        }
    }
}
