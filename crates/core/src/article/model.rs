//! The validated article: typed dates, resolved slug, normalised lists.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::date::DateOrDateTime;
use crate::diagnostic::Span;
use crate::toml_doc::SpanMap;

/// Where an article is in its workflow.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Status {
    /// Being written; not exported, `published` not required.
    #[default]
    Draft,
    /// Ready for the copy desk.
    Review,
    /// Goes live at `published`, once `copydesk due --apply` (or an export after that time)
    /// sees it.
    Scheduled,
    /// Live.
    Published,
    /// Withdrawn after publication; kept for the record.
    Retracted,
}

impl Status {
    /// The lower-case name used in front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Scheduled => "scheduled",
            Status::Published => "published",
            Status::Retracted => "retracted",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of entry an update is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum UpdateKind {
    /// New information added.
    #[default]
    Update,
    /// An error corrected.
    Correction,
    /// Wording made clearer without changing facts.
    Clarification,
}

impl UpdateKind {
    /// The lower-case name used in front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            UpdateKind::Update => "update",
            UpdateKind::Correction => "correction",
            UpdateKind::Clarification => "clarification",
        }
    }
}

/// The lead image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Path or absolute URL.
    pub src: String,
    /// Alternative text; empty when missing (reported by MD005).
    pub alt: String,
    /// Credit line.
    pub credit: Option<String>,
}

/// A cited source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Id cited as `source:<id>`.
    pub id: String,
    /// Title of the document.
    pub title: String,
    /// Absolute URL, when the source is online.
    pub url: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date.
    pub published: Option<DateOrDateTime>,
    /// Span of this `[[sources]]` entry in the file.
    pub span: Span,
}

/// Why and when a published article was withdrawn (`[retraction]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retraction {
    /// When it was retracted.
    pub at: DateTime<FixedOffset>,
    /// The notice readers see, in Markdown.
    pub reason: String,
}

/// A dated entry in the update timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// When it happened.
    pub at: DateTime<FixedOffset>,
    /// Update, correction or clarification.
    pub kind: UpdateKind,
    /// Markdown text.
    pub text: String,
    /// Id of a listed source backing it.
    pub source: Option<String>,
    /// Span of this `[[updates]]` entry in the file.
    pub span: Span,
}

/// Byte layout of an article file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// Length of a leading UTF-8 byte order mark (0 or 3).
    pub bom: usize,
    /// The opening `+++` line.
    pub open_delimiter: Span,
    /// The TOML between the delimiters.
    pub front_matter: Span,
    /// The closing `+++` line.
    pub close_delimiter: Span,
    /// Everything after the closing delimiter line.
    pub body: Span,
}

/// A parsed, validated article. Fields that failed validation hold neutral values
/// (empty strings, empty lists) and the problem is in the parse diagnostics.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Article {
    /// The file it came from.
    pub path: Arc<Path>,
    /// The whole file text, BOM included, exactly as read.
    pub source: Arc<str>,
    /// Where the parts of the file are.
    pub layout: Layout,
    /// Spans of every front matter key and value, by dotted path, in file coordinates.
    pub spans: SpanMap,
    /// Headline.
    pub title: String,
    /// The slug: as written, or derived from the title.
    pub slug: String,
    /// Whether `slug` was written in the front matter.
    pub has_explicit_slug: bool,
    /// Standfirst.
    pub dek: Option<String>,
    /// Author ids.
    pub authors: Vec<String>,
    /// Desk id.
    pub desk: Option<String>,
    /// Tags, trimmed.
    pub tags: Vec<String>,
    /// Workflow status (draft when missing or invalid; that is reported).
    pub status: Status,
    /// Whether `status` was written (and valid).
    pub has_status: bool,
    /// First publication.
    pub published: Option<DateTime<FixedOffset>>,
    /// Last update.
    pub updated: Option<DateTime<FixedOffset>>,
    /// Related article slugs.
    pub related: Vec<String>,
    /// Former slugs of this article (after `copydesk rename`), kept as redirects.
    pub aliases: Vec<String>,
    /// The retraction notice, when the article was retracted.
    pub retraction: Option<Retraction>,
    /// Language override.
    pub language: Option<String>,
    /// Manual read time in minutes.
    pub read_time: Option<u32>,
    /// Lead image.
    pub image: Option<Image>,
    /// Sources, in the order listed.
    pub sources: Vec<Source>,
    /// Update timeline, in the order listed.
    pub updates: Vec<Update>,
    /// Codes and families this article's `[lint] ignore` turns off, as written (the linter
    /// reports those that name no rule).
    pub lint_ignore: Vec<String>,
    /// Free-form fields for templates. Kept inside as TOML; renderers read them, as JSON, from
    /// the export model's [`ExportArticle::extra`](crate::export::ExportArticle::extra).
    pub(crate) extra: toml::Table,
    /// Front matter paths whose values were invalid and dropped (already reported).
    pub(crate) invalid_fields: Vec<String>,
}

impl Article {
    /// The Markdown body (everything after the closing `+++` line).
    pub fn body(&self) -> &str {
        self.source
            .get(self.layout.body.start..self.layout.body.end)
            .unwrap_or("")
    }

    /// The span of the front matter value at `path` (`title`, `sources[1].url`), or of the
    /// whole front matter when the key is absent.
    pub fn value_span(&self, path: &str) -> Span {
        self.spans.value(path).unwrap_or(self.layout.open_delimiter)
    }

    /// The source with `id`, if listed.
    pub fn source_by_id(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|source| source.id == id)
    }

    /// Whether the article is live or was (published or retracted).
    pub fn is_public(&self) -> bool {
        matches!(self.status, Status::Published | Status::Retracted)
    }

    /// The file stem, which the slug must equal.
    pub fn file_stem(&self) -> Option<&str> {
        self.path.file_stem().and_then(|stem| stem.to_str())
    }
}
