//! The `json` format (the resolved model as files) and the `html` format (body fragments).

use std::path::PathBuf;

use serde::Serialize;

use super::exporter::{ExportContext, Exporter, Output, to_json};
use super::model::{AuthorInfo, DeskInfo, ExportArticle, SiteInfo, Teaser, Timestamp};
use crate::error::ExportError;

/// One file of the `json` format. The `kind` field tells them apart; every file carries the
/// `schema_version`. `schemas/export.schema.json` describes this type.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[schemars(title = "copydesk export")]
#[non_exhaustive]
// Documents are built one at a time and serialised at once; boxing the large variants would
// only add noise to every construction site.
#[allow(clippy::large_enum_variant)]
pub enum ExportDocument {
    /// `articles/<slug>.json`.
    Article {
        /// [`super::SCHEMA_VERSION`].
        schema_version: u32,
        /// The article.
        article: ExportArticle,
    },
    /// `index.json`: the site and every article as a teaser, newest first.
    Index {
        /// [`super::SCHEMA_VERSION`].
        schema_version: u32,
        /// When the export was made, only when a time was given.
        #[serde(skip_serializing_if = "Option::is_none")]
        generated: Option<Timestamp>,
        /// Site settings.
        site: SiteInfo,
        /// Teasers, newest first.
        articles: Vec<Teaser>,
    },
    /// `authors.json`.
    Authors {
        /// [`super::SCHEMA_VERSION`].
        schema_version: u32,
        /// Every author, by id.
        authors: Vec<AuthorInfo>,
    },
    /// `desks.json`.
    Desks {
        /// [`super::SCHEMA_VERSION`].
        schema_version: u32,
        /// Every desk, by id.
        desks: Vec<DeskInfo>,
    },
}

/// Writes the `json` format.
#[derive(Debug, Clone, Copy)]
pub(crate) struct JsonExporter;

impl Exporter for JsonExporter {
    fn name(&self) -> &'static str {
        "json"
    }

    fn export(&self, ctx: &ExportContext<'_>, out: &mut Output) -> Result<(), ExportError> {
        let model = ctx.model;
        let version = ctx.schema_version;
        let mut add = |path: PathBuf, document: &ExportDocument| {
            let bytes = to_json(&path, document)?;
            out.add(path, bytes)
        };
        for article in &model.articles {
            add(
                PathBuf::from(format!("articles/{}.json", article.slug)),
                &ExportDocument::Article {
                    schema_version: version,
                    article: article.clone(),
                },
            )?;
        }
        add(
            PathBuf::from("index.json"),
            &ExportDocument::Index {
                schema_version: version,
                generated: model.generated,
                site: model.site.clone(),
                articles: model.articles.iter().map(ExportArticle::teaser).collect(),
            },
        )?;
        add(
            PathBuf::from("authors.json"),
            &ExportDocument::Authors {
                schema_version: version,
                authors: model.authors.clone(),
            },
        )?;
        add(
            PathBuf::from("desks.json"),
            &ExportDocument::Desks {
                schema_version: version,
                desks: model.desks.clone(),
            },
        )
    }
}

/// Writes the `html` format: each article's body fragment as `<slug>.html`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HtmlExporter;

impl Exporter for HtmlExporter {
    fn name(&self) -> &'static str {
        "html"
    }

    fn export(&self, ctx: &ExportContext<'_>, out: &mut Output) -> Result<(), ExportError> {
        for article in &ctx.model.articles {
            out.add(
                format!("{}.html", article.slug),
                article.body_html.as_bytes(),
            )?;
        }
        Ok(())
    }
}
