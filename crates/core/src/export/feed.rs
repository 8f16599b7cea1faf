//! Feeds: `jsonfeed` (JSON Feed 1.1), `rss` (RSS 2.0 with `dc:creator`) and `atom`
//! (RFC 4287). Each lists the newest `[export] feed_items` dated articles with absolute URLs.
//! XML is written with quick-xml, which escapes every text and attribute.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use serde::Serialize;

use super::exporter::{ExportContext, Exporter, Output, to_json};
use super::model::{ExportArticle, Timestamp};
use crate::error::ExportError;

fn items<'a>(ctx: &ExportContext<'a>) -> impl Iterator<Item = &'a ExportArticle> {
    ctx.model
        .dated_articles()
        .take(ctx.config.export.feed_items)
}

/// The newest modification among the feed's items: the feed's own "updated", so the feed
/// only changes when its content does.
fn feed_updated(ctx: &ExportContext<'_>) -> Option<Timestamp> {
    items(ctx).filter_map(|a| a.modified).max()
}

/// Drops characters XML 1.0 cannot carry even escaped (most C0 controls).
fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|c| matches!(c, '\t' | '\n' | '\r') || !c.is_control() || (*c as u32) >= 0x7f)
        .filter(|c| !matches!(*c as u32, 0xFFFE | 0xFFFF))
        .collect()
}

fn xml_error(path: &str) -> impl Fn(io::Error) -> ExportError + '_ {
    move |e| ExportError::Serialize {
        path: path.to_string(),
        message: e.to_string(),
    }
}

fn text_element<W: io::Write>(writer: &mut Writer<W>, name: &str, text: &str) -> io::Result<()> {
    writer
        .create_element(name)
        .write_text_content(BytesText::new(&xml_safe(text)))?;
    Ok(())
}

/// JSON Feed 1.1, <https://www.jsonfeed.org/version/1.1/>.
#[derive(Debug, Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    language: &'a str,
    items: Vec<JsonFeedItem<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonFeedItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<Timestamp>,
    authors: Vec<JsonFeedAuthor<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    language: &'a str,
}

#[derive(Debug, Serialize)]
struct JsonFeedAuthor<'a> {
    name: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    avatar: Option<&'a str>,
}

/// Writes `feed.json`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct JsonFeedExporter;

impl Exporter for JsonFeedExporter {
    fn name(&self) -> &'static str {
        "jsonfeed"
    }

    fn export(&self, ctx: &ExportContext<'_>, out: &mut Output) -> Result<(), ExportError> {
        let site = &ctx.model.site;
        let feed = JsonFeed {
            version: "https://jsonfeed.org/version/1.1",
            title: &site.title,
            home_page_url: &site.home_url,
            feed_url: &site.feeds.json,
            description: site.description.as_deref(),
            language: &site.language,
            items: items(ctx)
                .map(|article| JsonFeedItem {
                    id: &article.url,
                    url: &article.url,
                    title: &article.title,
                    content_html: &article.body_html,
                    summary: article.dek.as_deref(),
                    image: article.image.as_ref().map(|i| i.url.as_str()),
                    date_published: article.published,
                    date_modified: article.modified,
                    authors: article
                        .authors
                        .iter()
                        .map(|a| JsonFeedAuthor {
                            name: &a.name,
                            url: &a.url,
                            avatar: a.avatar.as_deref(),
                        })
                        .collect(),
                    tags: &article.tags,
                    language: &article.language,
                })
                .collect(),
        };
        let path = std::path::Path::new("feed.json");
        let bytes = to_json(path, &feed)?;
        out.add(path, bytes)
    }
}

/// Writes `rss.xml`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RssExporter;

impl Exporter for RssExporter {
    fn name(&self) -> &'static str {
        "rss"
    }

    fn export(&self, ctx: &ExportContext<'_>, out: &mut Output) -> Result<(), ExportError> {
        let bytes = rss(ctx).map_err(xml_error("rss.xml"))?;
        out.add("rss.xml", bytes)
    }
}

fn rfc2822(time: Timestamp) -> String {
    time.0.to_rfc2822()
}

fn rss(ctx: &ExportContext<'_>) -> io::Result<Vec<u8>> {
    let site = &ctx.model.site;
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    writer
        .create_element("rss")
        .with_attribute(("version", "2.0"))
        .with_attribute(("xmlns:dc", "http://purl.org/dc/elements/1.1/"))
        .with_attribute(("xmlns:content", "http://purl.org/rss/1.0/modules/content/"))
        .with_attribute(("xmlns:atom", "http://www.w3.org/2005/Atom"))
        .write_inner_content(|w| {
            w.create_element("channel").write_inner_content(|w| {
                text_element(w, "title", &site.title)?;
                text_element(w, "link", &site.home_url)?;
                text_element(
                    w,
                    "description",
                    site.description.as_deref().unwrap_or(&site.title),
                )?;
                text_element(w, "language", &site.language)?;
                if let Some(updated) = feed_updated(ctx) {
                    text_element(w, "lastBuildDate", &rfc2822(updated))?;
                }
                w.create_element("atom:link")
                    .with_attribute(("href", site.feeds.rss.as_str()))
                    .with_attribute(("rel", "self"))
                    .with_attribute(("type", "application/rss+xml"))
                    .write_empty()?;
                for article in items(ctx) {
                    w.create_element("item").write_inner_content(|w| {
                        text_element(w, "title", &article.title)?;
                        text_element(w, "link", &article.url)?;
                        w.create_element("guid")
                            .with_attribute(("isPermaLink", "true"))
                            .write_text_content(BytesText::new(&article.url))?;
                        if let Some(published) = article.published {
                            text_element(w, "pubDate", &rfc2822(published))?;
                        }
                        for author in &article.authors {
                            text_element(w, "dc:creator", &author.name)?;
                        }
                        if let Some(desk) = &article.desk {
                            text_element(w, "category", &desk.name)?;
                        }
                        for tag in &article.tags {
                            text_element(w, "category", tag)?;
                        }
                        text_element(
                            w,
                            "description",
                            article.dek.as_deref().unwrap_or(&article.title),
                        )?;
                        text_element(w, "content:encoded", &article.body_html)?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// Writes `atom.xml`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AtomExporter;

impl Exporter for AtomExporter {
    fn name(&self) -> &'static str {
        "atom"
    }

    fn export(&self, ctx: &ExportContext<'_>, out: &mut Output) -> Result<(), ExportError> {
        let bytes = atom(ctx).map_err(xml_error("atom.xml"))?;
        out.add("atom.xml", bytes)
    }
}

fn atom(ctx: &ExportContext<'_>) -> io::Result<Vec<u8>> {
    let site = &ctx.model.site;
    // An empty feed still needs an `updated`; the Unix epoch keeps it deterministic.
    let updated =
        feed_updated(ctx).map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |t| t.to_rfc3339());
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    writer
        .create_element("feed")
        .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
        .with_attribute(("xml:lang", site.language.as_str()))
        .write_inner_content(|w| {
            text_element(w, "id", &site.home_url)?;
            text_element(w, "title", &site.title)?;
            if let Some(description) = &site.description {
                text_element(w, "subtitle", description)?;
            }
            text_element(w, "updated", &updated)?;
            w.create_element("link")
                .with_attribute(("rel", "alternate"))
                .with_attribute(("type", "text/html"))
                .with_attribute(("href", site.home_url.as_str()))
                .write_empty()?;
            w.create_element("link")
                .with_attribute(("rel", "self"))
                .with_attribute(("type", "application/atom+xml"))
                .with_attribute(("href", site.feeds.atom.as_str()))
                .write_empty()?;
            for article in items(ctx) {
                w.create_element("entry").write_inner_content(|w| {
                    text_element(w, "id", &article.url)?;
                    text_element(w, "title", &article.title)?;
                    if let Some(modified) = article.modified {
                        text_element(w, "updated", &modified.to_rfc3339())?;
                    }
                    if let Some(published) = article.published {
                        text_element(w, "published", &published.to_rfc3339())?;
                    }
                    w.create_element("link")
                        .with_attribute(("rel", "alternate"))
                        .with_attribute(("type", "text/html"))
                        .with_attribute(("href", article.url.as_str()))
                        .write_empty()?;
                    for author in &article.authors {
                        w.create_element("author").write_inner_content(|w| {
                            text_element(w, "name", &author.name)?;
                            text_element(w, "uri", &author.url)
                        })?;
                    }
                    if let Some(desk) = &article.desk {
                        w.create_element("category")
                            .with_attribute(("term", desk.id.as_str()))
                            .with_attribute(("label", desk.name.as_str()))
                            .write_empty()?;
                    }
                    for tag in &article.tags {
                        w.create_element("category")
                            .with_attribute(("term", tag.as_str()))
                            .write_empty()?;
                    }
                    if let Some(dek) = &article.dek {
                        text_element(w, "summary", dek)?;
                    }
                    w.create_element("content")
                        .with_attribute(("type", "html"))
                        .write_text_content(BytesText::new(&xml_safe(&article.body_html)))?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_safe_drops_controls_only() {
        assert_eq!(xml_safe("a\u{1}b\tc <&> é"), "ab\tc <&> é");
    }
}
