//! Feeds: `jsonfeed` (JSON Feed 1.1), `rss` (RSS 2.0 with `dc:creator`) and `atom`
//! (RFC 4287). Each lists the newest `[export] feed_items` dated articles with absolute URLs.
//! XML is written with quick-xml, which escapes every text and attribute; every element goes
//! through [`element`] and [`text_element`], which also drop the characters XML 1.0 cannot
//! carry at all, so no field reaches a feed uncleaned.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::writer::ElementWriter;
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

/// Drops characters XML 1.0 cannot carry even escaped: C0 controls other than tab, line feed
/// and carriage return, and the non-characters U+FFFE and U+FFFF. (Lone surrogates cannot
/// occur in a Rust string.)
fn xml_safe(text: &str) -> String {
    text.chars().filter(|c| is_xml_char(*c)).collect()
}

/// The `Char` production of XML 1.0, <https://www.w3.org/TR/xml/#charsets>.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Starts element `name` with `attributes`, their values cleaned by [`xml_safe`]. The only
/// way this module opens an element.
fn element<'w, W: io::Write>(
    writer: &'w mut Writer<W>,
    name: &'w str,
    attributes: &[(&str, &str)],
) -> ElementWriter<'w, W> {
    let mut element = writer.create_element(name);
    for (key, value) in attributes {
        element = element.with_attribute((*key, xml_safe(value).as_str()));
    }
    element
}

fn xml_error(path: &str) -> impl Fn(io::Error) -> ExportError + '_ {
    move |e| ExportError::Serialize {
        path: path.to_string(),
        message: e.to_string(),
    }
}

fn text_element<W: io::Write>(writer: &mut Writer<W>, name: &str, text: &str) -> io::Result<()> {
    text_element_with(writer, name, &[], text)
}

fn text_element_with<W: io::Write>(
    writer: &mut Writer<W>,
    name: &str,
    attributes: &[(&str, &str)],
    text: &str,
) -> io::Result<()> {
    element(writer, name, attributes).write_text_content(BytesText::new(&xml_safe(text)))?;
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
    element(
        &mut writer,
        "rss",
        &[
            ("version", "2.0"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:content", "http://purl.org/rss/1.0/modules/content/"),
            ("xmlns:atom", "http://www.w3.org/2005/Atom"),
        ],
    )
    .write_inner_content(|w| {
        element(w, "channel", &[]).write_inner_content(|w| {
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
            element(
                w,
                "atom:link",
                &[
                    ("href", &site.feeds.rss),
                    ("rel", "self"),
                    ("type", "application/rss+xml"),
                ],
            )
            .write_empty()?;
            for article in items(ctx) {
                element(w, "item", &[]).write_inner_content(|w| {
                    text_element(w, "title", &article.title)?;
                    text_element(w, "link", &article.url)?;
                    text_element_with(w, "guid", &[("isPermaLink", "true")], &article.url)?;
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
    element(
        &mut writer,
        "feed",
        &[
            ("xmlns", "http://www.w3.org/2005/Atom"),
            ("xml:lang", &site.language),
        ],
    )
    .write_inner_content(|w| {
        text_element(w, "id", &site.home_url)?;
        text_element(w, "title", &site.title)?;
        if let Some(description) = &site.description {
            text_element(w, "subtitle", description)?;
        }
        text_element(w, "updated", &updated)?;
        element(
            w,
            "link",
            &[
                ("rel", "alternate"),
                ("type", "text/html"),
                ("href", &site.home_url),
            ],
        )
        .write_empty()?;
        element(
            w,
            "link",
            &[
                ("rel", "self"),
                ("type", "application/atom+xml"),
                ("href", &site.feeds.atom),
            ],
        )
        .write_empty()?;
        for article in items(ctx) {
            element(w, "entry", &[]).write_inner_content(|w| {
                text_element(w, "id", &article.url)?;
                text_element(w, "title", &article.title)?;
                if let Some(modified) = article.modified {
                    text_element(w, "updated", &modified.to_rfc3339())?;
                }
                if let Some(published) = article.published {
                    text_element(w, "published", &published.to_rfc3339())?;
                }
                element(
                    w,
                    "link",
                    &[
                        ("rel", "alternate"),
                        ("type", "text/html"),
                        ("href", &article.url),
                    ],
                )
                .write_empty()?;
                for author in &article.authors {
                    element(w, "author", &[]).write_inner_content(|w| {
                        text_element(w, "name", &author.name)?;
                        text_element(w, "uri", &author.url)
                    })?;
                }
                if let Some(desk) = &article.desk {
                    element(w, "category", &[("term", &desk.id), ("label", &desk.name)])
                        .write_empty()?;
                }
                for tag in &article.tags {
                    element(w, "category", &[("term", tag)]).write_empty()?;
                }
                if let Some(dek) = &article.dek {
                    text_element(w, "summary", dek)?;
                }
                text_element_with(w, "content", &[("type", "html")], &article.body_html)?;
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
        assert_eq!(
            xml_safe("\u{7f}\u{85}\u{FFFE}\u{FFFF}\u{FFFD}"),
            "\u{7f}\u{85}\u{FFFD}"
        );
    }
}
