//! The front matter exactly as written: serde types with no derived fields.
//!
//! Every field is optional here so that a missing value is reported by validation (FM001)
//! rather than failing the whole file; the validated model is in `article::model`.

use serde::Deserialize;

use super::model::{Status, UpdateKind};
use crate::date::RawDate;

/// An article's `+++` front matter as written.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "copydesk article front matter")]
pub struct RawFrontMatter {
    /// Headline.
    pub title: Option<String>,
    /// URL slug; defaults to the slugified title and must match the file stem.
    pub slug: Option<String>,
    /// Standfirst shown under the headline and in feeds.
    pub dek: Option<String>,
    /// Author ids (file stems under `authors/`).
    pub authors: Option<Vec<String>>,
    /// Desk id declared in `copydesk.toml`.
    pub desk: Option<String>,
    /// Free-form tags.
    pub tags: Option<Vec<String>>,
    /// Workflow status.
    pub status: Option<Status>,
    /// First publication, RFC 3339 with an offset; required unless draft.
    pub published: Option<RawDate>,
    /// Last substantive update, RFC 3339 with an offset.
    pub updated: Option<RawDate>,
    /// Slugs of related articles.
    pub related: Option<Vec<String>>,
    /// Former slugs of this article, kept as redirects (kebab-case).
    pub aliases: Option<Vec<String>>,
    /// Why and when the article was retracted; required when `status = "retracted"`.
    pub retraction: Option<RawRetraction>,
    /// BCP 47 language tag overriding `site.language`.
    pub language: Option<String>,
    /// Manual read time in minutes, overriding the estimate.
    pub read_time: Option<u32>,
    /// Lead image.
    pub image: Option<RawImage>,
    /// Sources the article cites.
    pub sources: Option<Vec<RawSource>>,
    /// Dated updates, corrections and clarifications.
    pub updates: Option<Vec<RawUpdate>>,
    /// Per-article lint settings.
    pub lint: Option<RawArticleLint>,
    /// Free-form fields for a site's own templates.
    #[schemars(with = "Option<std::collections::BTreeMap<String, serde_json::Value>>")]
    pub extra: Option<toml::Table>,
}

/// The `[image]` table.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawImage {
    /// Path or absolute URL.
    pub src: Option<String>,
    /// Alternative text describing the image.
    pub alt: Option<String>,
    /// Credit line.
    pub credit: Option<String>,
}

/// One `[[sources]]` entry.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Id cited as `source:<id>`.
    pub id: Option<String>,
    /// Title of the cited document.
    pub title: Option<String>,
    /// Absolute http(s) URL.
    pub url: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// When it was published: a date or an RFC 3339 datetime.
    pub published: Option<RawDate>,
}

/// The `[retraction]` table.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRetraction {
    /// When the article was retracted, RFC 3339 with an offset.
    pub at: Option<RawDate>,
    /// The notice readers see, in Markdown.
    pub reason: Option<String>,
}

/// One `[[updates]]` entry.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawUpdate {
    /// When the update was made, RFC 3339 with an offset.
    pub at: Option<RawDate>,
    /// `update` (default), `correction` or `clarification`.
    pub kind: Option<UpdateKind>,
    /// What changed, in Markdown.
    pub text: Option<String>,
    /// Optional id of a listed source backing the update.
    pub source: Option<String>,
}

/// The article's own `[lint]` table.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawArticleLint {
    /// Codes or families not to report for this article.
    pub ignore: Option<Vec<String>>,
}
