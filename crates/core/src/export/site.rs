//! Static site generator trees: `hugo` and `zola` write a `content/` directory of pages with
//! the front matter each generator documents, the body as rendered HTML.
//!
//! Hugo pages are `content/articles/<slug>.html`: Hugo reads HTML content files with front
//! matter and, unlike Markdown, does not strip their HTML under its default (safe) Goldmark
//! settings. Custom data is top-level front matter (`.Params.dek`), which every Hugo version
//! reads the same way. Zola pages are `content/articles/<slug>.md` with Zola's documented page
//! keys and custom data under `[extra]`; Zola passes HTML in Markdown through. Both put
//! articles at `/articles/<slug>/`, matching the model's URLs.

use serde::Serialize;

use super::exporter::{ExportContext, Exporter, Output};
use super::model::{
    AuthorRef, DeskRef, ExportArticle, ImageInfo, ReadTimeInfo, SourceInfo, Teaser, Timestamp,
    TocEntry, UpdateInfo,
};
use crate::article::Status;
use crate::error::ExportError;

fn datetime(time: Option<Timestamp>) -> Option<toml::value::Datetime> {
    time.and_then(|t| t.to_rfc3339().parse().ok())
}

fn front_matter<T: Serialize>(path: &str, value: &T) -> Result<String, ExportError> {
    toml::to_string(value).map_err(|e| ExportError::Serialize {
        path: path.to_string(),
        message: e.to_string(),
    })
}

fn page(path: &str, front: &str, body: &str) -> (String, Vec<u8>) {
    (
        path.to_string(),
        format!("+++\n{front}+++\n\n{body}").into_bytes(),
    )
}

/// The data templates need beyond the generator's own keys. Scalars first: TOML requires
/// plain values before tables.
#[derive(Debug, Serialize)]
struct Params<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    dek: Option<&'a str>,
    status: Status,
    canonical_url: &'a str,
    source_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    published_display: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_display: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    desk: Option<&'a DeskRef>,
    read_time: ReadTimeInfo,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a ImageInfo>,
    byline: &'a [AuthorRef],
    sources: &'a [SourceInfo],
    updates: &'a [UpdateInfo],
    related: &'a [Teaser],
    toc: &'a [TocEntry],
}

impl<'a> Params<'a> {
    fn of(article: &'a ExportArticle) -> Self {
        Params {
            dek: article.dek.as_deref(),
            status: article.status,
            canonical_url: &article.url,
            source_count: article.source_count,
            published_display: article.published_display.as_deref(),
            updated_display: article.updated_display.as_deref(),
            desk: article.desk.as_ref(),
            read_time: article.read_time,
            image: article.image.as_ref(),
            byline: &article.authors,
            sources: &article.sources,
            updates: &article.updates,
            related: &article.related,
            toc: &article.toc,
        }
    }
}

fn author_names(article: &ExportArticle) -> Vec<&str> {
    article.authors.iter().map(|a| a.name.as_str()).collect()
}

/// Hugo page front matter: Hugo's own keys, then the params flattened to the top level.
#[derive(Debug, Serialize)]
struct HugoPage<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lastmod: Option<toml::value::Datetime>,
    slug: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    draft: bool,
    tags: &'a [String],
    categories: Vec<&'a str>,
    authors: Vec<&'a str>,
    #[serde(flatten)]
    params: Params<'a>,
}

/// Writes the `hugo` format.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HugoExporter;

impl Exporter for HugoExporter {
    fn name(&self) -> &'static str {
        "hugo"
    }

    fn export(&self, ctx: &ExportContext<'_>, out: &mut Output) -> Result<(), ExportError> {
        let section = "+++\ntitle = \"Articles\"\n+++\n";
        out.add("content/articles/_index.md", section)?;
        for article in &ctx.model.articles {
            let path = format!("content/articles/{}.html", article.slug);
            let front = front_matter(
                &path,
                &HugoPage {
                    title: &article.title,
                    date: datetime(article.published),
                    lastmod: datetime(article.modified),
                    slug: &article.slug,
                    description: article.dek.as_deref(),
                    draft: article.status != Status::Published,
                    tags: &article.tags,
                    categories: article.desk.iter().map(|d| d.id.as_str()).collect(),
                    authors: author_names(article),
                    params: Params::of(article),
                },
            )?;
            let (path, bytes) = page(&path, &front, &article.body_html);
            out.add(path, bytes)?;
        }
        Ok(())
    }
}

/// Zola page front matter, <https://www.getzola.org/documentation/content/page/>.
#[derive(Debug, Serialize)]
struct ZolaPage<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<toml::value::Datetime>,
    slug: &'a str,
    draft: bool,
    authors: Vec<&'a str>,
    taxonomies: ZolaTaxonomies<'a>,
    extra: Params<'a>,
}

#[derive(Debug, Serialize)]
struct ZolaTaxonomies<'a> {
    tags: &'a [String],
    categories: Vec<&'a str>,
}

/// Zola section front matter.
#[derive(Debug, Serialize)]
struct Section<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    sort_by: &'a str,
}

/// Writes the `zola` format.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ZolaExporter;

impl Exporter for ZolaExporter {
    fn name(&self) -> &'static str {
        "zola"
    }

    fn export(&self, ctx: &ExportContext<'_>, out: &mut Output) -> Result<(), ExportError> {
        let site = &ctx.model.site;
        let root = front_matter(
            "content/_index.md",
            &Section {
                title: &site.title,
                description: site.description.as_deref(),
                sort_by: "date",
            },
        )?;
        out.add("content/_index.md", format!("+++\n{root}+++\n"))?;
        let articles = front_matter(
            "content/articles/_index.md",
            &Section {
                title: "Articles",
                description: None,
                sort_by: "date",
            },
        )?;
        out.add(
            "content/articles/_index.md",
            format!("+++\n{articles}+++\n"),
        )?;
        for article in &ctx.model.articles {
            let path = format!("content/articles/{}.md", article.slug);
            let front = front_matter(
                &path,
                &ZolaPage {
                    title: &article.title,
                    description: article.dek.as_deref(),
                    date: datetime(article.published),
                    updated: datetime(article.modified),
                    slug: &article.slug,
                    draft: article.status != Status::Published,
                    authors: author_names(article),
                    taxonomies: ZolaTaxonomies {
                        tags: &article.tags,
                        categories: article.desk.iter().map(|d| d.id.as_str()).collect(),
                    },
                    extra: Params::of(article),
                },
            )?;
            let (path, bytes) = page(&path, &front, &markdown_safe_html(&article.body_html));
            out.add(path, bytes)?;
        }
        Ok(())
    }
}

/// HTML that a `CommonMark` parser passes through unchanged: an HTML block ends at a blank
/// line, so blank lines (only found inside `<pre>`) are written as a line starting with a
/// newline character reference, which renders the same.
fn markdown_safe_html(html: &str) -> String {
    let mut text = html.to_string();
    while text.contains("\n\n") {
        text = text.replace("\n\n", "\n&#10;");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_never_reach_the_markdown() {
        assert_eq!(
            markdown_safe_html("<pre><code>a\n\n\nb\n</code></pre>\n"),
            "<pre><code>a\n&#10;\nb\n</code></pre>\n"
        );
    }
}
