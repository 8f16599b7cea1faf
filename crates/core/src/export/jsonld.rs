//! The `jsonld` format: schema.org `NewsArticle` structured data per article, with the
//! properties Google's Article structured data documents (headline, image, datePublished,
//! dateModified, author as Person with name and url, publisher), corrections as
//! `CorrectionComment`s and sources as `citation`s.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

use super::exporter::{ExportContext, Exporter, Output, to_json};
use super::model::{ExportArticle, SiteInfo};
use crate::error::ExportError;

/// Writes the `jsonld` format.
#[derive(Debug, Clone, Copy)]
pub(crate) struct JsonLdExporter;

impl Exporter for JsonLdExporter {
    fn name(&self) -> &'static str {
        "jsonld"
    }

    fn export(&self, ctx: &ExportContext<'_>, out: &mut Output) -> Result<(), ExportError> {
        for article in &ctx.model.articles {
            let path = PathBuf::from(format!("{}.jsonld", article.slug));
            let bytes = to_json(&path, &news_article(article, &ctx.model.site))?;
            out.add(path, bytes)?;
        }
        Ok(())
    }
}

/// The `NewsArticle` object of one article.
pub(crate) fn news_article(article: &ExportArticle, site: &SiteInfo) -> Value {
    let mut object = Map::new();
    let mut set = |key: &str, value: Value| {
        if !value.is_null() {
            object.insert(key.to_string(), value);
        }
    };
    set("@context", json!("https://schema.org"));
    set("@type", json!("NewsArticle"));
    set("@id", json!(article.url));
    set("url", json!(article.url));
    set(
        "mainEntityOfPage",
        json!({ "@type": "WebPage", "@id": article.url }),
    );
    set("headline", json!(article.title));
    set("description", json!(article.dek));
    set(
        "image",
        article
            .image
            .as_ref()
            .map_or(Value::Null, |image| json!([image.url])),
    );
    set("datePublished", json!(article.published));
    set("dateModified", json!(article.modified));
    set(
        "author",
        Value::Array(
            article
                .authors
                .iter()
                .map(|author| json!({ "@type": "Person", "name": author.name, "url": author.url }))
                .collect(),
        ),
    );
    set(
        "publisher",
        json!({ "@type": "Organization", "name": site.title, "url": site.home_url }),
    );
    set(
        "articleSection",
        article.desk.as_ref().map_or(Value::Null, |d| json!(d.name)),
    );
    if !article.tags.is_empty() {
        set("keywords", json!(article.tags));
    }
    set("inLanguage", json!(article.language));
    set("wordCount", json!(article.read_time.words));
    set(
        "timeRequired",
        json!(format!("PT{}M", article.read_time.minutes)),
    );
    let citations: Vec<Value> = article
        .sources
        .iter()
        .map(|source| {
            let mut work = Map::new();
            work.insert("@type".into(), json!("CreativeWork"));
            work.insert("name".into(), json!(source.title));
            if let Some(url) = &source.url {
                work.insert("url".into(), json!(url));
            }
            if let Some(publisher) = &source.publisher {
                work.insert(
                    "publisher".into(),
                    json!({ "@type": "Organization", "name": publisher }),
                );
            }
            if let Some(published) = &source.published {
                work.insert("datePublished".into(), json!(published));
            }
            Value::Object(work)
        })
        .collect();
    if !citations.is_empty() {
        set("citation", Value::Array(citations));
    }
    let mut corrections: Vec<Value> = article
        .corrections()
        .map(|update| {
            json!({
                "@type": "CorrectionComment",
                "text": update.text,
                "datePublished": update.at,
            })
        })
        .collect();
    // A retraction is the last correction of all: schema.org has no type of its own for it.
    if let Some(retraction) = &article.retraction {
        corrections.push(json!({
            "@type": "CorrectionComment",
            "text": format!("Retracted: {}", retraction.reason),
            "datePublished": retraction.at,
        }));
    }
    if !corrections.is_empty() {
        set("correction", Value::Array(corrections));
    }
    Value::Object(object)
}
