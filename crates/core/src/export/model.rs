//! The export model: what every export format is made from, and what renderers consume.
//!
//! These are data transfer objects, deliberately separate from the input types in
//! [`crate::article`] so that refactoring the parser cannot change public output. Everything a
//! page needs is resolved here: authors expanded, desks named, sources numbered in order of
//! first citation, related articles as teasers, read time, a table of contents and the body as
//! HTML. Body rendering lives in the private `html` module; the formats in the sibling modules.
//!
//! ```
//! use copydesk::chrono::Utc;
//! use copydesk::export::{ExportOptions, Model};
//! use copydesk::Newsroom;
//!
//! let dir = tempfile::tempdir()?;
//! copydesk::scaffold::init(dir.path(), Utc::now().fixed_offset())?;
//! let model = Model::build(&Newsroom::load(dir.path())?, &ExportOptions::new())?;
//!
//! let article = model.article("how-this-newsroom-keeps-its-stories").expect("the sample");
//! assert!(article.authors.iter().any(|author| author.name == "Alex Rivera"));
//! assert!(article.body_html.contains("<p>"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # URLs
//! Articles live at `{base_url}/articles/{slug}/`, desks at `{base_url}/desks/{id}/` and
//! authors at their `url` or `{base_url}/authors/{id}/`. The scheme does not contain dates so
//! that correcting a `published` date never moves a page. Relative image and avatar paths are
//! made absolute against `base_url`. Every URL from front matter and author files is checked
//! here, whatever lint said (see the `warning` module): one that is neither `http(s)` nor a
//! relative path is left out and recorded in [`Model::warnings`].

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use rayon::prelude::*;
use serde::Serialize;

use super::html::{self, ArticleUrls};
use super::warning::{ExportWarning, checked_url};
use crate::article::{Article, Status, UpdateKind};
use crate::author::Author;
use crate::config::Config;
use crate::error::ExportError;
use crate::newsroom::Newsroom;
use crate::read_time::ReadTime;

/// The version of the export model and of `schemas/export.schema.json`. It changes only when
/// a field is removed or changes meaning; new optional fields keep it.
pub const SCHEMA_VERSION: u32 = 1;

/// What to export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExportOptions {
    /// Export drafts, articles in review and retracted ones too (default: published only).
    pub include_drafts: bool,
    /// A generation time to record in the output. Without it the output has no clock in it,
    /// so two exports of the same content are byte-identical.
    pub now: Option<DateTime<FixedOffset>>,
}

impl ExportOptions {
    /// Published articles only, no generation time.
    pub fn new() -> Self {
        ExportOptions::default()
    }

    /// Sets whether unpublished articles are exported.
    #[must_use]
    pub fn include_drafts(mut self, include: bool) -> Self {
        self.include_drafts = include;
        self
    }

    /// Records `now` as the generation time.
    #[must_use]
    pub fn now(mut self, now: Option<DateTime<FixedOffset>>) -> Self {
        self.now = now;
        self
    }
}

/// An RFC 3339 timestamp, written with `Z` when its offset is zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<FixedOffset>);

impl Timestamp {
    /// The RFC 3339 text (`2026-05-06T14:25:00Z`).
    pub fn to_rfc3339(&self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An RFC 3339 datetime with an offset, `Z` for UTC.",
            "type": "string",
            "format": "date-time"
        })
    }
}

/// The whole export: the site, its desks and authors, and the articles newest first.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct Model {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// When the export was made, only when a time was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generated: Option<Timestamp>,
    /// Site settings.
    pub site: SiteInfo,
    /// Every declared desk, by id.
    pub desks: Vec<DeskInfo>,
    /// Every author, by id.
    pub authors: Vec<AuthorInfo>,
    /// Exported articles, newest first (by `published`, then slug); undated drafts last.
    pub articles: Vec<ExportArticle>,
    /// What was left out of the model and why (unsafe URLs, raw HTML too deeply nested), in
    /// file order. Not part of any output file.
    #[serde(skip)]
    #[schemars(skip)]
    pub warnings: Vec<ExportWarning>,
}

/// Site settings with the feed URLs.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct SiteInfo {
    /// Site name.
    pub title: String,
    /// Absolute base URL without a trailing slash.
    pub base_url: String,
    /// The home page: `base_url` with a trailing slash.
    pub home_url: String,
    /// Default BCP 47 language.
    pub language: String,
    /// IANA time zone of the display strings.
    pub timezone: String,
    /// One-line description.
    pub description: Option<String>,
    /// Where the feeds are published.
    pub feeds: FeedLinks,
}

/// Absolute URLs of the feeds, as written by the `jsonfeed`, `rss` and `atom` formats at the
/// site root.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct FeedLinks {
    /// JSON Feed 1.1.
    pub json: String,
    /// RSS 2.0.
    pub rss: String,
    /// Atom.
    pub atom: String,
}

/// A desk with its page and how many exported articles it has.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct DeskInfo {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it covers.
    pub description: Option<String>,
    /// Desk page.
    pub url: String,
    /// Exported articles on this desk.
    pub article_count: usize,
}

/// An author with their profile and how many exported articles they wrote.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct AuthorInfo {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Beat.
    pub beat: Option<String>,
    /// Biography (Markdown as written).
    pub bio: Option<String>,
    /// Absolute avatar URL.
    pub avatar: Option<String>,
    /// Author page.
    pub url: String,
    /// Other profiles, label to URL.
    pub links: BTreeMap<String, String>,
    /// Still writing for the newsroom.
    pub active: bool,
    /// Exported articles by this author.
    pub article_count: usize,
}

/// A desk as an article shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct DeskRef {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Desk page.
    pub url: String,
}

/// An author as a byline shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct AuthorRef {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Beat, shown under the name.
    pub beat: Option<String>,
    /// Absolute avatar URL.
    pub avatar: Option<String>,
    /// Author page.
    pub url: String,
}

/// How long an article takes to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct ReadTimeInfo {
    /// Minutes, rounded up, at least 1 (or the front matter override).
    pub minutes: u32,
    /// Prose words.
    pub words: usize,
    /// Han, Hiragana, Katakana and Hangul characters.
    pub cjk_characters: usize,
    /// Images in the body.
    pub images: usize,
}

impl From<ReadTime> for ReadTimeInfo {
    fn from(time: ReadTime) -> Self {
        ReadTimeInfo {
            minutes: time.minutes,
            words: time.words,
            cjk_characters: time.cjk_characters,
            images: time.images,
        }
    }
}

/// A listed source with its citation number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct SourceInfo {
    /// Number, from 1, in order of first citation in the body and then the updates; sources
    /// never cited come after the cited ones, in the order listed.
    pub n: usize,
    /// Id.
    pub id: String,
    /// Title of the document.
    pub title: String,
    /// URL, when online.
    pub url: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date (`2025-01-21`) or datetime, as written.
    pub published: Option<String>,
    /// Whether the body or an update cites it.
    pub cited: bool,
}

/// The source an update rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct SourceRef {
    /// Citation number (see [`SourceInfo::n`]).
    pub n: usize,
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// URL, when online.
    pub url: Option<String>,
}

/// An entry of the update timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct UpdateInfo {
    /// When.
    pub at: Timestamp,
    /// The date in the site's time zone (`2026-05-06`).
    pub date: String,
    /// Update, correction or clarification.
    pub kind: UpdateKind,
    /// The text as inline HTML (no wrapping paragraph), links resolved like the body's.
    pub text_html: String,
    /// The text without markup.
    pub text: String,
    /// The source backing it.
    pub source: Option<SourceRef>,
}

/// The lead image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct ImageInfo {
    /// Absolute URL.
    pub url: String,
    /// Alternative text.
    pub alt: String,
    /// Credit line.
    pub credit: Option<String>,
}

/// A heading of the body, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct TocEntry {
    /// 1 to 6.
    pub level: u8,
    /// Plain text.
    pub text: String,
    /// The `id` of the heading in `body_html`: lower-case words joined by hyphens,
    /// made unique with `-1`, `-2` suffixes.
    pub anchor: String,
}

/// A short card linking to an article: related articles and the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct Teaser {
    /// Slug.
    pub slug: String,
    /// Absolute URL.
    pub url: String,
    /// Headline.
    pub title: String,
    /// Standfirst.
    pub dek: Option<String>,
    /// Desk.
    pub desk: Option<DeskRef>,
    /// Byline.
    pub authors: Vec<AuthorRef>,
    /// Workflow status.
    pub status: Status,
    /// First publication.
    pub published: Option<Timestamp>,
    /// Read time in minutes.
    pub read_time_minutes: u32,
    /// Lead image.
    pub image: Option<ImageInfo>,
}

/// One article, fully resolved.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct ExportArticle {
    /// Slug.
    pub slug: String,
    /// Absolute URL: `{base_url}/articles/{slug}/`.
    pub url: String,
    /// Headline.
    pub title: String,
    /// Standfirst.
    pub dek: Option<String>,
    /// Desk.
    pub desk: Option<DeskRef>,
    /// Tags.
    pub tags: Vec<String>,
    /// Workflow status.
    pub status: Status,
    /// BCP 47 language (the article's or the site's).
    pub language: String,
    /// First publication.
    pub published: Option<Timestamp>,
    /// Last update, as written.
    pub updated: Option<Timestamp>,
    /// `updated`, else `published`: the "last modified" of feeds and structured data.
    pub modified: Option<Timestamp>,
    /// `published` for people, in the site's time zone: `April 28, 2026 · 9:00 AM UTC`.
    pub published_display: Option<String>,
    /// `modified` for people, in the site's time zone: `May 6, 2026 · 2:25 PM UTC`.
    pub updated_display: Option<String>,
    /// Byline, in front matter order.
    pub authors: Vec<AuthorRef>,
    /// Read time.
    pub read_time: ReadTimeInfo,
    /// Sources, by citation number.
    pub sources: Vec<SourceInfo>,
    /// Number of distinct listed sources ("8 sources").
    pub source_count: usize,
    /// Update timeline, in the order written.
    pub updates: Vec<UpdateInfo>,
    /// Related articles that are part of the export, in front matter order.
    pub related: Vec<Teaser>,
    /// Lead image.
    pub image: Option<ImageInfo>,
    /// Headings of the body.
    pub toc: Vec<TocEntry>,
    /// The body as an HTML fragment. A citation is
    /// `<a href="URL" class="citation" data-source="ID">text</a><sup class="citation-number">[N]</sup>`;
    /// `article:` links point at the article's URL; links to articles outside the export and
    /// to unlisted sources are reduced to their text.
    pub body_html: String,
    /// Free-form `[extra]` fields, as JSON.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Former slugs whose URLs redirect here (after a rename); left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub aliases: Vec<String>,
    /// The retraction notice of a retracted article; left out otherwise. The notice is also
    /// at the start of `body_html`, so every format that carries the body carries it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub retraction: Option<RetractionInfo>,
}

/// Why and when an article was retracted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct RetractionInfo {
    /// When.
    pub at: Timestamp,
    /// `at` for people, in the site's time zone.
    pub at_display: String,
    /// The reason, as written.
    pub reason: String,
}

/// The status an article is exported with, or `None` when it is not exported: published and
/// retracted articles always are (a retraction keeps its page, with the notice), a scheduled
/// one once its `published` time is at or before `now` (as published: `due --apply` only
/// catches the file up), the rest only with `include_drafts`.
pub(crate) fn exported_status(
    article: &Article,
    options: &ExportOptions,
    now: DateTime<FixedOffset>,
) -> Option<Status> {
    match article.status {
        Status::Published | Status::Retracted => Some(article.status),
        Status::Scheduled if article.published.is_some_and(|p| p <= now) => Some(Status::Published),
        other => options.include_drafts.then_some(other),
    }
}

/// The time scheduled articles are compared with: the export's `now`, else the clock.
pub(crate) fn export_time(options: &ExportOptions) -> DateTime<FixedOffset> {
    options
        .now
        .unwrap_or_else(|| chrono::Utc::now().fixed_offset())
}

impl ExportArticle {
    /// This article as a teaser.
    pub fn teaser(&self) -> Teaser {
        Teaser {
            slug: self.slug.clone(),
            url: self.url.clone(),
            title: self.title.clone(),
            dek: self.dek.clone(),
            desk: self.desk.clone(),
            authors: self.authors.clone(),
            status: self.status,
            published: self.published,
            read_time_minutes: self.read_time.minutes,
            image: self.image.clone(),
        }
    }

    /// The updates of kind correction.
    pub fn corrections(&self) -> impl Iterator<Item = &UpdateInfo> {
        self.updates
            .iter()
            .filter(|update| update.kind == UpdateKind::Correction)
    }
}

/// Formats `time` for readers in `zone`: `May 6, 2026 · 2:25 PM UTC`.
pub(crate) fn display_time(time: DateTime<FixedOffset>, zone: chrono_tz::Tz) -> String {
    time.with_timezone(&zone)
        .format("%B %-d, %Y · %-I:%M %p %Z")
        .to_string()
}

/// Makes a path absolute against the site; absolute URLs are kept.
pub(crate) fn absolute_url(base_url: &str, target: &str) -> String {
    if target.contains("://") {
        target.to_string()
    } else {
        format!("{base_url}/{}", target.trim_start_matches('/'))
    }
}

/// The URL of the article with `slug`.
pub fn article_url(base_url: &str, slug: &str) -> String {
    format!("{base_url}/articles/{slug}/")
}

impl Model {
    /// Resolves every article to export from a loaded newsroom.
    ///
    /// Content problems a lint run reports as errors and that leave nothing sensible to
    /// export (an unknown author or desk, two articles with one slug, a published article
    /// without a date) fail the export; links to unknown sources or articles are reduced to
    /// their text. What is left out instead (unsafe URLs, raw HTML nested too deeply to
    /// sanitise) is listed in [`Model::warnings`].
    pub fn build(newsroom: &Newsroom, options: &ExportOptions) -> Result<Model, ExportError> {
        let config = &newsroom.config;
        let base = config.site.base_url.as_str();
        let now = export_time(options);
        let mut selected: Vec<&Article> = newsroom
            .articles
            .iter()
            .filter(|article| exported_status(article, options, now).is_some())
            .collect();
        selected.sort_by(|a, b| newest_first(a, b));

        let mut paths: HashMap<&str, &Article> = HashMap::new();
        for article in &selected {
            if let Some(first) = paths.insert(&article.slug, article) {
                let (first, second) = ordered_paths(first, article);
                return Err(ExportError::DuplicateSlug {
                    slug: article.slug.clone(),
                    first,
                    second,
                });
            }
            if article.status == Status::Published && article.published.is_none() {
                return Err(ExportError::MissingPublished {
                    slug: article.slug.clone(),
                });
            }
        }
        let mut warnings = Vec::new();
        let checked_authors: BTreeMap<&str, CheckedAuthor> = newsroom
            .authors
            .values()
            .map(|author| {
                let path = config.paths.authors.join(format!("{}.toml", author.id));
                (
                    author.id.as_str(),
                    check_author(author, base, &path, &mut warnings),
                )
            })
            .collect();
        let article_urls: ArticleUrls = std::sync::Arc::new(
            selected
                .iter()
                .map(|article| (article.slug.clone(), article_url(base, &article.slug)))
                .collect(),
        );

        // Rendering is independent per article; rayon keeps the collected order, and the
        // first error in that order is the one reported, so failures are deterministic too.
        let results: Vec<Result<(ExportArticle, Vec<ExportWarning>), ExportError>> = selected
            .par_iter()
            .map(|article| {
                let status = exported_status(article, options, now).unwrap_or(article.status);
                build_article(article, status, newsroom, &checked_authors, &article_urls)
            })
            .collect();
        let mut articles = Vec::with_capacity(results.len());
        for result in results {
            let (article, article_warnings) = result?;
            articles.push(article);
            warnings.extend(article_warnings);
        }
        // Named as lint names files: relative to the newsroom.
        for warning in &mut warnings {
            if let Ok(relative) = warning.path.strip_prefix(&newsroom.root) {
                warning.path = relative.to_path_buf();
            }
        }
        warnings.sort();

        let teasers: HashMap<String, Teaser> = articles
            .iter()
            .map(|article| (article.slug.clone(), article.teaser()))
            .collect();
        for (article, source) in articles.iter_mut().zip(&selected) {
            article.related = source
                .related
                .iter()
                .filter(|slug| **slug != article.slug)
                .filter_map(|slug| teasers.get(slug).cloned())
                .collect();
        }

        let desks = config
            .desks
            .values()
            .map(|desk| DeskInfo {
                id: desk.id.clone(),
                name: desk.name.clone(),
                description: desk.description.clone(),
                url: desk_url(base, &desk.id),
                article_count: articles
                    .iter()
                    .filter(|a| a.desk.as_ref().is_some_and(|d| d.id == desk.id))
                    .count(),
            })
            .collect();
        let authors = newsroom
            .authors
            .values()
            .map(|author| {
                let checked = &checked_authors[author.id.as_str()];
                let by = checked.by.clone();
                AuthorInfo {
                    id: by.id,
                    name: by.name,
                    beat: by.beat,
                    bio: author.bio.clone(),
                    avatar: by.avatar,
                    url: by.url,
                    links: checked.links.clone(),
                    active: author.active,
                    article_count: articles
                        .iter()
                        .filter(|a| a.authors.iter().any(|x| x.id == author.id))
                        .count(),
                }
            })
            .collect();

        Ok(Model {
            schema_version: SCHEMA_VERSION,
            generated: options.now.map(Timestamp),
            site: site_info(config),
            desks,
            authors,
            articles,
            warnings,
        })
    }

    /// The article with `slug`.
    pub fn article(&self, slug: &str) -> Option<&ExportArticle> {
        self.articles.iter().find(|article| article.slug == slug)
    }

    /// Articles with a publication date, newest first: what feeds list.
    pub fn dated_articles(&self) -> impl Iterator<Item = &ExportArticle> {
        self.articles.iter().filter(|a| a.published.is_some())
    }

    /// The latest modification time of any article, used as the feeds' "updated".
    pub fn last_modified(&self) -> Option<Timestamp> {
        self.articles.iter().filter_map(|a| a.modified).max()
    }
}

fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    // Undated drafts sort last; equal dates fall back to the slug so order never depends on
    // the file system.
    match (a.published, b.published) {
        (Some(x), Some(y)) => y.cmp(&x).then_with(|| a.slug.cmp(&b.slug)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.slug.cmp(&b.slug),
    }
    .then_with(|| a.path.cmp(&b.path))
}

fn ordered_paths(a: &Article, b: &Article) -> (PathBuf, PathBuf) {
    let (x, y) = (a.path.to_path_buf(), b.path.to_path_buf());
    if x <= y { (x, y) } else { (y, x) }
}

fn site_info(config: &Config) -> SiteInfo {
    let base = &config.site.base_url;
    SiteInfo {
        title: config.site.title.clone(),
        base_url: base.clone(),
        home_url: format!("{base}/"),
        language: config.site.language.clone(),
        timezone: config.site.timezone.name().to_string(),
        description: config.site.description.clone(),
        feeds: FeedLinks {
            json: format!("{base}/feed.json"),
            rss: format!("{base}/rss.xml"),
            atom: format!("{base}/atom.xml"),
        },
    }
}

fn desk_url(base: &str, id: &str) -> String {
    format!("{base}/desks/{id}/")
}

/// An author with every URL checked: what bylines and `authors.json` show.
struct CheckedAuthor {
    by: AuthorRef,
    links: BTreeMap<String, String>,
}

/// The author's links, each one checked; an author page that is not a web URL falls back to
/// the site's own page for the author.
fn check_author(
    author: &Author,
    base: &str,
    path: &std::path::Path,
    warnings: &mut Vec<ExportWarning>,
) -> CheckedAuthor {
    let avatar = author
        .avatar
        .as_deref()
        .and_then(|a| checked_url(base, a, path, "avatar", warnings));
    let url = match author.url.as_deref() {
        Some(url) if crate::id::is_web_url(url) && crate::id::is_safe_link(url) => url.to_string(),
        other => {
            if let Some(url) = other {
                warnings.push(ExportWarning::new(
                    path,
                    "url",
                    format!(
                        "`{}` is not an absolute http(s) URL; the author page on the site is used instead",
                        url.escape_debug()
                    ),
                ));
            }
            format!("{base}/authors/{}/", author.id)
        }
    };
    let links = author
        .links
        .iter()
        .filter(|(label, url)| {
            let keep = crate::id::is_web_url(url) && crate::id::is_safe_link(url);
            if !keep {
                warnings.push(ExportWarning::new(
                    path,
                    format!("links.{label}"),
                    format!(
                        "`{}` is not an absolute http(s) URL; left out",
                        url.escape_debug()
                    ),
                ));
            }
            keep
        })
        .map(|(label, url)| (label.clone(), url.clone()))
        .collect();
    CheckedAuthor {
        by: AuthorRef {
            id: author.id.clone(),
            name: author.name.clone(),
            beat: author.beat.clone(),
            avatar,
            url,
        },
        links,
    }
}

fn build_article(
    article: &Article,
    status: Status,
    newsroom: &Newsroom,
    checked_authors: &BTreeMap<&str, CheckedAuthor>,
    article_urls: &ArticleUrls,
) -> Result<(ExportArticle, Vec<ExportWarning>), ExportError> {
    let mut warnings = Vec::new();
    let path: &std::path::Path = &article.path;
    let config = &newsroom.config;
    let base = config.site.base_url.as_str();
    let zone = config.site.timezone.0;
    let desk = match &article.desk {
        Some(id) => {
            let desk = config.desk(id).ok_or_else(|| ExportError::UnknownDesk {
                slug: article.slug.clone(),
                desk: id.clone(),
            })?;
            Some(DeskRef {
                id: desk.id.clone(),
                name: desk.name.clone(),
                url: desk_url(base, &desk.id),
            })
        }
        None => None,
    };
    let authors = article
        .authors
        .iter()
        .map(|id| {
            checked_authors
                .get(id.as_str())
                .map(|author| author.by.clone())
                .ok_or_else(|| ExportError::UnknownAuthor {
                    slug: article.slug.clone(),
                    author: id.clone(),
                })
        })
        .collect::<Result<Vec<_>, _>>()?;

    let body = html::render_article(article, article_urls, config)?;
    warnings.extend(body.warnings);
    let sources: Vec<SourceInfo> = body
        .source_order
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let (index, source) = article
                .sources
                .iter()
                .enumerate()
                .find(|(_, source)| source.id == *id)?;
            let url = source.url.as_deref().and_then(|url| {
                checked_url(
                    base,
                    url,
                    path,
                    &format!("sources[{index}].url"),
                    &mut warnings,
                )
            });
            Some(SourceInfo {
                n: i + 1,
                id: source.id.clone(),
                title: source.title.clone(),
                url,
                publisher: source.publisher.clone(),
                published: source.published.as_ref().map(ToString::to_string),
                cited: i < body.cited,
            })
        })
        .collect();
    let source_ref = |id: &str| {
        sources.iter().find(|s| s.id == id).map(|s| SourceRef {
            n: s.n,
            id: s.id.clone(),
            title: s.title.clone(),
            url: s.url.clone(),
        })
    };
    let updates = article
        .updates
        .iter()
        .zip(body.updates_html.into_iter().zip(body.updates_text))
        .map(|(update, (text_html, text))| UpdateInfo {
            at: Timestamp(update.at),
            date: update
                .at
                .with_timezone(&zone)
                .format("%Y-%m-%d")
                .to_string(),
            kind: update.kind,
            text_html,
            text,
            source: update.source.as_deref().and_then(source_ref),
        })
        .collect();
    // A retraction is the article's last change: feeds and structured data show it as such.
    let modified = article
        .updated
        .or(article.published)
        .max(article.retraction.as_ref().map(|r| r.at));
    let retraction = article.retraction.as_ref().map(|r| RetractionInfo {
        at: Timestamp(r.at),
        at_display: display_time(r.at, zone),
        reason: r.reason.clone(),
    });
    let body_html = match &retraction {
        Some(notice) => format!(
            "<aside class=\"retraction-notice\" role=\"note\"><p><strong>Retracted</strong> <time datetime=\"{}\">{}</time>: {}</p></aside>\n{}",
            notice.at.to_rfc3339(),
            escape_text(&notice.at_display),
            escape_text(&notice.reason),
            body.html
        ),
        None => body.html,
    };
    let image = article.image.as_ref().and_then(|image| {
        Some(ImageInfo {
            url: checked_url(base, &image.src, path, "image.src", &mut warnings)?,
            alt: image.alt.clone(),
            credit: image.credit.clone(),
        })
    });
    let exported = ExportArticle {
        slug: article.slug.clone(),
        url: article_url(base, &article.slug),
        title: article.title.clone(),
        dek: article.dek.clone(),
        desk,
        tags: article.tags.clone(),
        status,
        language: article
            .language
            .clone()
            .unwrap_or_else(|| config.site.language.clone()),
        published: article.published.map(Timestamp),
        updated: article.updated.map(Timestamp),
        modified: modified.map(Timestamp),
        published_display: article.published.map(|t| display_time(t, zone)),
        updated_display: modified.map(|t| display_time(t, zone)),
        authors,
        read_time: body.read_time.with_override(article.read_time).into(),
        source_count: sources.len(),
        sources,
        updates,
        related: Vec::new(),
        image,
        toc: body.toc,
        body_html,
        extra: toml_table_to_json(&article.extra),
        aliases: article.aliases.clone(),
        retraction,
    };
    Ok((exported, warnings))
}

/// `text` safe inside HTML element content and attribute values.
fn escape_text(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

fn toml_table_to_json(table: &toml::Table) -> serde_json::Map<String, serde_json::Value> {
    table
        .iter()
        .map(|(key, value)| (key.clone(), toml_to_json(value)))
        .collect()
}

fn toml_to_json(value: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => J::Object(toml_table_to_json(table)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_time_matches_the_page() {
        let time = DateTime::parse_from_rfc3339("2026-05-06T14:25:00Z").expect("valid");
        assert_eq!(
            display_time(time, chrono_tz::UTC),
            "May 6, 2026 · 2:25 PM UTC"
        );
        assert_eq!(
            display_time(time, chrono_tz::Europe::Berlin),
            "May 6, 2026 · 4:25 PM CEST"
        );
    }

    #[test]
    fn timestamps_use_z_for_utc() {
        let time = DateTime::parse_from_rfc3339("2026-05-06T14:25:00+00:00").expect("valid");
        assert_eq!(Timestamp(time).to_rfc3339(), "2026-05-06T14:25:00Z");
    }

    #[test]
    fn relative_paths_become_absolute() {
        assert_eq!(
            absolute_url("https://n.example", "/images/a.jpg"),
            "https://n.example/images/a.jpg"
        );
        assert_eq!(
            absolute_url("https://n.example", "https://cdn.example/a.jpg"),
            "https://cdn.example/a.jpg"
        );
    }
}
