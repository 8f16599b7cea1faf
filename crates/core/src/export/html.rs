//! Article bodies and update texts as HTML fragments, rendered by comrak.
//!
//! Safe by default: comrak omits raw HTML and empties `javascript:`, `vbscript:`, `file:` and
//! non-image `data:` link targets. With `[export] allow_raw_html = true` raw HTML is kept but
//! the whole fragment goes through the `ammonia` sanitiser, so scripts, event handlers and
//! script URLs are removed either way.
//!
//! A custom comrak formatter resolves links while rendering: `source:<id>` (and a plain link to
//! a listed source's URL) becomes a numbered citation, `article:<slug>` the article's URL.
//! Headings get stable, unique `id`s that match the table of contents.

use std::collections::{BTreeSet, HashMap};
use std::fmt::{self, Write as _};
use std::sync::Arc;

use comrak::html::Context;
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options};

use super::model::TocEntry;
use super::warning::{ExportWarning, safe_url};
use crate::article::Article;
use crate::config::Config;
use crate::error::ExportError;
use crate::read_time::{ReadTime, collect_inline_text};

/// Article URLs by slug: the articles a body may link to.
pub(crate) type ArticleUrls = Arc<HashMap<String, String>>;

/// Everything the model needs from one parse of an article's body and updates.
#[derive(Debug, Clone)]
pub(crate) struct RenderedArticle {
    /// The body fragment.
    pub(crate) html: String,
    /// Headings.
    pub(crate) toc: Vec<TocEntry>,
    /// Source ids by number: cited ones first, in order of first citation, then the rest.
    pub(crate) source_order: Vec<String>,
    /// How many of `source_order` are cited.
    pub(crate) cited: usize,
    /// Each update's text as inline HTML.
    pub(crate) updates_html: Vec<String>,
    /// Each update's text without markup.
    pub(crate) updates_text: Vec<String>,
    /// Read time of the body (without the front matter override).
    pub(crate) read_time: ReadTime,
    /// Fragments that could not be sanitised and were rendered without raw HTML instead.
    pub(crate) warnings: Vec<ExportWarning>,
}

/// The deepest element nesting that raw HTML may reach and still be sanitised. html5ever,
/// which `ammonia` parses with, walks the stack of open elements for many start tags, so its
/// time grows with the square of the depth (100 KB of `>` took 51 s); no article needs more
/// than a few dozen levels.
pub(crate) const MAX_SANITISED_DEPTH: usize = 512;

/// Renders an article's body and update texts with links resolved.
pub(crate) fn render_article(
    article: &Article,
    article_urls: &ArticleUrls,
    config: &Config,
) -> Result<RenderedArticle, ExportError> {
    let allow_raw_html = config.export.allow_raw_html;
    let options = render_options(allow_raw_html);
    let base = config.site.base_url.as_str();
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, article.body(), &options);
    let update_roots: Vec<_> = article
        .updates
        .iter()
        .map(|update| comrak::parse_document(&arena, &update.text, &options))
        .collect();

    let mut cited: Vec<String> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut cite = |id: &str| {
        if article.source_by_id(id).is_some() && seen.insert(id.to_string()) {
            cited.push(id.to_string());
        }
    };
    for id in citations(root, article) {
        cite(&id);
    }
    for (update, update_root) in article.updates.iter().zip(&update_roots) {
        for id in citations(update_root, article) {
            cite(&id);
        }
        if let Some(id) = &update.source {
            cite(id);
        }
    }
    let cited_count = cited.len();
    let mut source_order = cited;
    for source in &article.sources {
        if !source_order.contains(&source.id) {
            source_order.push(source.id.clone());
        }
    }

    let toc = table_of_contents(root);
    let mut resolver = Resolver {
        sources: HashMap::new(),
        source_urls: HashMap::new(),
        articles: Arc::clone(article_urls),
        anchors: toc.iter().map(|entry| entry.anchor.clone()).collect(),
        next_heading: 0,
        open: Vec::new(),
    };
    for (i, id) in source_order.iter().enumerate() {
        if let Some(source) = article.source_by_id(id) {
            if let Some(url) = &source.url {
                resolver
                    .source_urls
                    .entry(url.clone())
                    .or_insert(id.clone());
            }
            resolver.sources.insert(
                id.clone(),
                Cited {
                    n: i + 1,
                    // The model reports a URL it leaves out; here it only must not be linked.
                    url: source.url.as_deref().and_then(|url| safe_url(base, url)),
                    title: source.title.clone(),
                },
            );
        }
    }

    let mut warnings = Vec::new();
    let (html, mut resolver) = render_checked(
        root,
        allow_raw_html,
        resolver,
        article,
        "body",
        &mut warnings,
    )?;
    let updates_text = update_roots
        .iter()
        .map(|update_root| {
            let mut text = String::new();
            for block in update_root.children() {
                if !text.is_empty() {
                    text.push(' ');
                }
                collect_inline_text(block, &mut text);
            }
            text
        })
        .collect();
    let mut updates_html = Vec::with_capacity(update_roots.len());
    for (i, update_root) in update_roots.into_iter().enumerate() {
        resolver.anchors.clear();
        let (html, back) = render_checked(
            update_root,
            allow_raw_html,
            resolver,
            article,
            &format!("updates[{i}].text"),
            &mut warnings,
        )?;
        resolver = back;
        updates_html.push(inline(&html));
    }
    Ok(RenderedArticle {
        html,
        toc,
        source_order,
        cited: cited_count,
        updates_html,
        updates_text,
        read_time: ReadTime::estimate(root, &config.read_time),
        warnings,
    })
}

/// Renders a tree; with raw HTML allowed, sanitises the result, unless it nests deeper than
/// [`MAX_SANITISED_DEPTH`]: then the tree is rendered again without raw HTML (which needs no
/// sanitiser) and a warning names the file and field.
fn render_checked<'a>(
    root: &'a AstNode<'a>,
    allow_raw_html: bool,
    mut resolver: Resolver,
    article: &Article,
    field: &str,
    warnings: &mut Vec<ExportWarning>,
) -> Result<(String, Resolver), ExportError> {
    resolver.next_heading = 0;
    let (html, mut resolver) = format(root, &render_options(allow_raw_html), resolver, article)?;
    if !allow_raw_html {
        return Ok((html, resolver));
    }
    if nesting_depth(&html, MAX_SANITISED_DEPTH) <= MAX_SANITISED_DEPTH {
        return Ok((sanitize(&html), resolver));
    }
    warnings.push(ExportWarning::new(
        &article.path,
        field,
        format!(
            "HTML nested more than {MAX_SANITISED_DEPTH} levels deep cannot be sanitised in reasonable time; exported without its raw HTML (as with `allow_raw_html = false`)"
        ),
    ));
    resolver.next_heading = 0;
    format(root, &render_options(false), resolver, article)
}

/// HTML void elements: never closed, so they never nest.
const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// How deeply the elements of `html` nest, counted up to `limit + 1` (then the scan stops, so
/// it is linear in the text whatever the input).
///
/// A start tag opens an element unless it is void or self-closing; an end tag closes back to
/// the matching open element and is ignored when none is open, as an HTML parser does with a
/// stray end tag. Implied end tags (`<p>` closing a `<p>`) are not modelled, so the count
/// errs high, never low.
pub(crate) fn nesting_depth(html: &str, limit: usize) -> usize {
    let mut open: Vec<&str> = Vec::new();
    let mut deepest = 0;
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let closing = rest.starts_with('/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - name_start);
        let name = &rest[name_start..name_start + name_len];
        let Some(end) = rest.find('>') else { break };
        let self_closing = rest[..end].ends_with('/');
        rest = &rest[end + 1..];
        if name.is_empty() {
            continue;
        }
        if closing {
            if let Some(at) = open.iter().rposition(|o| o.eq_ignore_ascii_case(name)) {
                open.truncate(at);
            }
        } else if !self_closing && !VOID_ELEMENTS.iter().any(|v| v.eq_ignore_ascii_case(name)) {
            open.push(name);
            deepest = deepest.max(open.len());
            if deepest > limit {
                break;
            }
        }
    }
    deepest
}

/// The rendering options: the shared parse options, raw HTML rendered only when it will be
/// sanitised afterwards.
fn render_options(allow_raw_html: bool) -> Options<'static> {
    let mut options = crate::markdown::options();
    options.render.r#unsafe = allow_raw_html;
    options
}

fn format<'a>(
    root: &'a AstNode<'a>,
    options: &Options<'_>,
    resolver: Resolver,
    article: &Article,
) -> Result<(String, Resolver), ExportError> {
    let mut html = String::new();
    let resolver = formatter::ExportFormatter::format_document(root, options, &mut html, resolver)
        .map_err(|_| ExportError::Serialize {
            path: article.path.display().to_string(),
            message: "cannot render the body as HTML".into(),
        })?;
    Ok((html, resolver))
}

/// The text of a one-paragraph fragment without its `<p>` wrapper.
fn inline(html: &str) -> String {
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

/// Cleans HTML that may contain the writer's raw HTML, keeping what copydesk itself emits
/// (heading ids, citation classes and data attributes).
pub(crate) fn sanitize(html: &str) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tag_attributes("a", ["class", "data-source"])
        .add_tag_attributes("span", ["class", "data-source"])
        .add_tag_attributes("sup", ["class"]);
    for heading in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        builder.add_tag_attributes(heading, ["id"]);
    }
    builder.clean(html).to_string()
}

/// Source ids cited in a tree, in document order, repeats included.
fn citations<'a>(root: &'a AstNode<'a>, article: &Article) -> Vec<String> {
    let mut ids = Vec::new();
    for node in root.descendants() {
        if let NodeValue::Link(link) = &node.data.borrow().value {
            if let Some(id) = link.url.strip_prefix("source:") {
                ids.push(id.to_string());
            } else if let Some(source) = article
                .sources
                .iter()
                .find(|s| s.url.as_deref() == Some(link.url.as_str()))
            {
                ids.push(source.id.clone());
            }
        }
    }
    ids
}

fn table_of_contents<'a>(root: &'a AstNode<'a>) -> Vec<TocEntry> {
    let mut used = BTreeSet::new();
    let mut toc = Vec::new();
    for node in root.descendants() {
        let level = match &node.data.borrow().value {
            NodeValue::Heading(heading) => heading.level,
            _ => continue,
        };
        let mut text = String::new();
        collect_inline_text(node, &mut text);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let anchor = unique_anchor(&anchor_base(&text), &mut used);
        toc.push(TocEntry {
            level,
            text,
            anchor,
        });
    }
    toc
}

/// Lower-case letters and digits of `text`, words joined by single hyphens; apostrophes and
/// other punctuation dropped (`What’s Next` gives `whats-next`).
pub(crate) fn anchor_base(text: &str) -> String {
    let mut anchor = String::new();
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if gap && !anchor.is_empty() {
                anchor.push('-');
            }
            gap = false;
            anchor.push(c);
        } else if c.is_whitespace() || c == '-' || c == '_' {
            gap = true;
        }
    }
    if anchor.is_empty() {
        "section".into()
    } else {
        anchor
    }
}

/// `base`, or `base-1`, `base-2`, … whichever is free first.
fn unique_anchor(base: &str, used: &mut BTreeSet<String>) -> String {
    let mut candidate = base.to_string();
    let mut n = 0;
    while used.contains(&candidate) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    used.insert(candidate.clone());
    candidate
}

/// A source as citations show it.
#[derive(Debug, Clone)]
struct Cited {
    n: usize,
    url: Option<String>,
    title: String,
}

/// How an opened link is closed.
#[derive(Debug, Clone, Copy)]
enum Opened {
    Anchor,
    Citation(usize),
    CitationSpan(usize),
    Text,
}

/// Link targets and heading anchors, carried through the formatter.
#[derive(Debug, Default)]
pub(crate) struct Resolver {
    sources: HashMap<String, Cited>,
    source_urls: HashMap<String, String>,
    articles: ArticleUrls,
    anchors: Vec<String>,
    next_heading: usize,
    open: Vec<Opened>,
}

fn open_link(context: &mut Context<'_, '_, Resolver>, url: &str, title: &str) -> fmt::Result {
    let source_id = url
        .strip_prefix("source:")
        .map(str::to_string)
        .or_else(|| context.user.source_urls.get(url).cloned());
    if let Some(id) = source_id {
        let Some(cited) = context.user.sources.get(&id).cloned() else {
            context.user.open.push(Opened::Text);
            return Ok(());
        };
        let tooltip = if title.is_empty() {
            &cited.title
        } else {
            title
        };
        if let Some(href) = &cited.url {
            context.write_str("<a href=\"")?;
            if context.options.render.r#unsafe || !comrak::html::dangerous_url(href) {
                context.escape_href(href)?;
            }
            context.write_str("\" class=\"citation\" data-source=\"")?;
            context.escape(&id)?;
            context.write_str("\" title=\"")?;
            context.escape(tooltip)?;
            context.write_str("\">")?;
            context.user.open.push(Opened::Citation(cited.n));
        } else {
            context.write_str("<span class=\"citation\" data-source=\"")?;
            context.escape(&id)?;
            context.write_str("\" title=\"")?;
            context.escape(tooltip)?;
            context.write_str("\">")?;
            context.user.open.push(Opened::CitationSpan(cited.n));
        }
        return Ok(());
    }
    let href = if let Some(slug) = url.strip_prefix("article:") {
        let Some(href) = context.user.articles.get(slug).cloned() else {
            context.user.open.push(Opened::Text);
            return Ok(());
        };
        href
    } else {
        url.to_string()
    };
    context.write_str("<a href=\"")?;
    if context.options.render.r#unsafe || !comrak::html::dangerous_url(&href) {
        context.escape_href(&href)?;
    }
    if !title.is_empty() {
        context.write_str("\" title=\"")?;
        context.escape(title)?;
    }
    context.write_str("\">")?;
    context.user.open.push(Opened::Anchor);
    Ok(())
}

fn close_link(context: &mut Context<'_, '_, Resolver>) -> fmt::Result {
    match context.user.open.pop() {
        Some(Opened::Anchor) => context.write_str("</a>"),
        Some(Opened::Citation(n)) => {
            write!(context, "</a><sup class=\"citation-number\">[{n}]</sup>")
        }
        Some(Opened::CitationSpan(n)) => {
            write!(context, "</span><sup class=\"citation-number\">[{n}]</sup>")
        }
        Some(Opened::Text) | None => Ok(()),
    }
}

fn heading(context: &mut Context<'_, '_, Resolver>, level: u8, entering: bool) -> fmt::Result {
    if entering {
        context.cr()?;
        let index = context.user.next_heading;
        context.user.next_heading += 1;
        match context.user.anchors.get(index).cloned() {
            Some(anchor) => {
                write!(context, "<h{level} id=\"")?;
                context.escape(&anchor)?;
                context.write_str("\">")
            }
            None => write!(context, "<h{level}>"),
        }
    } else {
        write!(context, "</h{level}>")?;
        context.lf()
    }
}

mod formatter {
    //! The comrak formatter with copydesk's link and heading rendering.
    #![allow(unreachable_pub, missing_docs, clippy::pedantic)]

    use comrak::nodes::NodeValue;

    comrak::create_formatter!(ExportFormatter<super::Resolver>, {
        NodeValue::Link(ref link) => |context, entering| {
            if entering {
                super::open_link(context, &link.url, &link.title)?;
            } else {
                super::close_link(context)?;
            }
        },
        NodeValue::Heading(ref heading) => |context, entering| {
            super::heading(context, heading.level, entering)?;
        },
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(body: &str, allow_raw_html: bool) -> RenderedArticle {
        let text = format!(
            "+++\ntitle = \"T\"\nauthors = [\"a\"]\ndesk = \"d\"\nstatus = \"published\"\npublished = 2026-05-06T14:25:00Z\n\n[[sources]]\nid = \"one\"\ntitle = \"One\"\nurl = \"https://one.example/\"\n\n[[sources]]\nid = \"two\"\ntitle = \"Two\"\nurl = \"https://two.example/\"\n\n[[sources]]\nid = \"three\"\ntitle = \"Three\"\n+++\n{body}"
        );
        let parsed = Article::parse("articles/t.md", &text);
        let article = parsed.article.expect("article parses");
        let mut config = Config::default();
        config.export.allow_raw_html = allow_raw_html;
        let urls: ArticleUrls = Arc::new(HashMap::from([(
            "other".to_string(),
            "https://example.com/articles/other/".to_string(),
        )]));
        render_article(&article, &urls, &config).expect("renders")
    }

    #[test]
    fn citations_are_numbered_in_order_of_first_citation() {
        let out = render(
            "[Two said](source:two), [one said](https://one.example/) and [two again](source:two).\n",
            false,
        );
        assert_eq!(out.source_order, ["two", "one", "three"]);
        assert_eq!(out.cited, 2);
        assert_eq!(
            out.html,
            "<p><a href=\"https://two.example/\" class=\"citation\" data-source=\"two\" title=\"Two\">Two said</a><sup class=\"citation-number\">[1]</sup>, <a href=\"https://one.example/\" class=\"citation\" data-source=\"one\" title=\"One\">one said</a><sup class=\"citation-number\">[2]</sup> and <a href=\"https://two.example/\" class=\"citation\" data-source=\"two\" title=\"Two\">two again</a><sup class=\"citation-number\">[1]</sup>.</p>\n"
        );
    }

    #[test]
    fn article_links_resolve_and_unknown_targets_become_text() {
        let out = render(
            "See [this](article:other), [that](article:missing) and [them](source:nope).\n",
            false,
        );
        assert_eq!(
            out.html,
            "<p>See <a href=\"https://example.com/articles/other/\">this</a>, that and them.</p>\n"
        );
    }

    #[test]
    fn headings_get_unique_anchors_matching_the_toc() {
        let out = render(
            "Intro.\n\n## What’s Next\n\nA.\n\n## What’s Next\n\nB.\n\n### ?!\n\nC.\n",
            false,
        );
        let anchors: Vec<_> = out.toc.iter().map(|t| t.anchor.as_str()).collect();
        assert_eq!(anchors, ["whats-next", "whats-next-1", "section"]);
        assert!(out.html.contains("<h2 id=\"whats-next\">What’s Next</h2>"));
        assert!(
            out.html
                .contains("<h2 id=\"whats-next-1\">What’s Next</h2>")
        );
        assert!(out.html.contains("<h3 id=\"section\">?!</h3>"));
    }

    const HOSTILE: &str = "Hi <script>alert(1)</script> there.\n\n<img src=x onerror=\"alert(2)\">\n\n[click](javascript:alert(3)) ![pic](javascript:alert(4)) <a href=\"javascript:alert(5)\">raw</a>\n";

    fn assert_harmless(html: &str) {
        let lower = html.to_lowercase();
        for bad in ["<script", "onerror", "javascript:"] {
            assert!(!lower.contains(bad), "{bad} survived in {html}");
        }
    }

    #[test]
    fn hostile_markup_is_dropped_by_default() {
        let out = render(HOSTILE, false);
        assert_harmless(&out.html);
        assert!(out.html.contains("<!-- raw HTML omitted -->"));
        assert!(out.html.contains("<a href=\"\">click</a>"));
    }

    #[test]
    fn hostile_markup_is_sanitised_when_raw_html_is_allowed() {
        let out = render(
            &format!(
                "{HOSTILE}\n<div class=\"box\"><em>kept</em></div>\n\n## Head\n\n[Two](source:two)\n"
            ),
            true,
        );
        assert_harmless(&out.html);
        assert!(out.html.contains("<em>kept</em>"), "{}", out.html);
        assert!(
            out.html.contains("<h2 id=\"head\">Head</h2>"),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("class=\"citation\" data-source=\"two\""),
            "{}",
            out.html
        );
    }

    #[test]
    fn nesting_depth_follows_open_elements_and_stops_past_the_limit() {
        assert_eq!(nesting_depth("<p>a <em>b</em></p>\n<p>c</p>", 10), 2);
        // Void and self-closing elements never nest; comments are skipped.
        assert_eq!(
            nesting_depth("<p><br><img src=x><hr/><x/><!-- <div> --></p>", 10),
            1
        );
        // A stray end tag closes nothing, as in an HTML parser.
        assert_eq!(nesting_depth(&"<div></span>".repeat(5), 10), 5);
        // An end tag closes back to its start tag.
        assert_eq!(nesting_depth("<div><b><i></div><p></p>", 10), 3);
        assert_eq!(nesting_depth(&"<blockquote>\n".repeat(100_000), 512), 513);
    }

    #[test]
    fn update_texts_are_inline() {
        assert_eq!(inline("<p>Adds <em>x</em>.</p>\n"), "Adds <em>x</em>.");
        assert_eq!(inline("<p>a</p>\n<p>b</p>\n"), "<p>a</p>\n<p>b</p>");
    }
}
