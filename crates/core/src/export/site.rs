//! Static site generator trees: `hugo` and `zola` write a `content/` directory of pages with
//! the front matter each generator documents, the body as rendered HTML.
//!
//! Hugo pages are `content/articles/<slug>.html`: Hugo reads HTML content files with front
//! matter and, unlike Markdown, does not strip their HTML under its default (safe) Goldmark
//! settings. Since Hugo 0.144 HTML content files are refused unless the site's
//! `security.allowContent` admits `text/html`, so the tree also carries
//! `config/_default/security.toml`, which lifts only that refusal (the HTML was rendered and
//! sanitised by copydesk; older Hugo ignores the key). Custom data is top-level front matter
//! (`.Params.dek`), which every Hugo version reads the same way. Zola pages are
//! `content/articles/<slug>.md` with Zola's documented page keys and custom data under
//! `[extra]`; Zola passes HTML in Markdown through. Both put articles at `/articles/<slug>/`,
//! matching the model's URLs.
//!
//! Front matter is written by [`to_front_matter`], which never lets a value end the `+++`
//! block. Both generators expand shortcodes in content (`{{< x >}}`, `{{% x %}}` in Hugo,
//! `{{ x() }}`, `{% x() %}` in Zola), so text a writer typed could run one (Hugo's `readfile`
//! reads any file of the build machine): [`without_template_delimiters`] writes the second
//! character of every `{{` and `{%` as a character reference, which browsers show unchanged
//! and neither generator reads as a delimiter.

use serde::Serialize;

use super::exporter::{ExportContext, Exporter, Output};
use super::front_matter::{page, to_front_matter};
use super::model::{
    AuthorRef, DeskRef, ExportArticle, ImageInfo, ReadTimeInfo, SourceInfo, Teaser, Timestamp,
    TocEntry, UpdateInfo,
};
use crate::article::Status;
use crate::error::ExportError;

fn datetime(time: Option<Timestamp>) -> Option<toml::value::Datetime> {
    time.and_then(|t| t.to_rfc3339().parse().ok())
}

/// Hugo's default `security.allowContent` (0.144 and later) less its refusal of
/// `text/html`, so the HTML pages build; Markdown and everything else keep Hugo's defaults.
const HUGO_SECURITY: &str = "# Written by copydesk export: the article pages are HTML content files, which Hugo\n\
# 0.144 and later refuse by default. This keeps Hugo's default policy but admits HTML.\n\
allowContent = ['! ^text/org$']\n";

/// Every `{{` and `{%` with its second character as a character reference: see the module
/// documentation. Works on HTML, where the reference renders as the character itself, in
/// text, attributes and `<pre>` alike (the sanitised HTML has no raw-text elements).
pub(crate) fn without_template_delimiters(html: &str) -> String {
    html.replace("{{", "{&#123;").replace("{%", "{&#37;")
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
    /// Former URLs that redirect here (Hugo writes a redirect page at each).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
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
        out.add("config/_default/security.toml", HUGO_SECURITY)?;
        for article in &ctx.model.articles {
            let path = format!("content/articles/{}.html", article.slug);
            let front = to_front_matter(
                &path,
                &HugoPage {
                    title: &article.title,
                    date: datetime(article.published),
                    lastmod: datetime(article.modified),
                    slug: &article.slug,
                    description: article.dek.as_deref(),
                    draft: !is_live(article.status),
                    aliases: alias_paths(article),
                    tags: &article.tags,
                    categories: article.desk.iter().map(|d| d.id.as_str()).collect(),
                    authors: author_names(article),
                    params: Params::of(article),
                },
            )?;
            let body = without_template_delimiters(&article.body_html);
            out.add(path, page(&front, &body))?;
        }
        Ok(())
    }
}

/// Whether readers see the page: published, or retracted (the page stays, with its notice).
fn is_live(status: Status) -> bool {
    matches!(status, Status::Published | Status::Retracted)
}

/// The site paths of an article's former slugs, as the `aliases` of Hugo and Zola.
fn alias_paths(article: &ExportArticle) -> Vec<String> {
    article
        .aliases
        .iter()
        .map(|alias| format!("/articles/{alias}/"))
        .collect()
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
    /// Former URLs that redirect here (Zola writes a redirect page at each).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
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
        let root = to_front_matter(
            "content/_index.md",
            &Section {
                title: &site.title,
                description: site.description.as_deref(),
                sort_by: "date",
            },
        )?;
        out.add("content/_index.md", format!("+++\n{root}+++\n"))?;
        let articles = to_front_matter(
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
            let front = to_front_matter(
                &path,
                &ZolaPage {
                    title: &article.title,
                    description: article.dek.as_deref(),
                    date: datetime(article.published),
                    updated: datetime(article.modified),
                    slug: &article.slug,
                    draft: !is_live(article.status),
                    aliases: alias_paths(article),
                    authors: author_names(article),
                    taxonomies: ZolaTaxonomies {
                        tags: &article.tags,
                        categories: article.desk.iter().map(|d| d.id.as_str()).collect(),
                    },
                    extra: Params::of(article),
                },
            )?;
            let body = markdown_safe_html(&without_template_delimiters(&article.body_html));
            out.add(path, page(&front, &body))?;
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
    fn template_delimiters_never_reach_the_content() {
        let html = "<p>{{% readfile \"/etc/passwd\" %}} {{&lt; x &gt;}} {{{ y }}} {% z() %}</p>\n<pre><code>{{%\tdetails %}}</code></pre>";
        let out = without_template_delimiters(html);
        assert!(!out.contains("{{") && !out.contains("{%"), "{out}");
        assert_eq!(
            out,
            "<p>{&#123;% readfile \"/etc/passwd\" %}} {&#123;&lt; x &gt;}} {&#123;{ y }}} {&#37; z() %}</p>\n<pre><code>{&#123;%\tdetails %}}</code></pre>"
        );
    }

    #[test]
    fn blank_lines_never_reach_the_markdown() {
        assert_eq!(
            markdown_safe_html("<pre><code>a\n\n\nb\n</code></pre>\n"),
            "<pre><code>a\n&#10;\nb\n</code></pre>\n"
        );
    }
}
