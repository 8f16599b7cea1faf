//! The pluggable boundary: the [`Exporter`] trait, the built-in [`ExportFormat`]s and the
//! in-memory [`Output`] they fill.
//!
//! Exporters write into an [`Output`] rather than a single `Write` stream because most formats
//! are trees of files. Keeping the files in memory until every format has succeeded is also
//! what lets [`super::write_atomically`] put a complete export in place or nothing at all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::model::{Model, SCHEMA_VERSION};
use crate::config::Config;
use crate::error::ExportError;

/// The built-in export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum ExportFormat {
    /// `articles/<slug>.json`, `index.json`, `authors.json`, `desks.json`: the resolved model.
    Json,
    /// `<slug>.html`: body fragments.
    Html,
    /// `feed.json`: JSON Feed 1.1.
    Jsonfeed,
    /// `rss.xml`: RSS 2.0.
    Rss,
    /// `atom.xml`: Atom (RFC 4287).
    Atom,
    /// `<slug>.jsonld`: schema.org `NewsArticle` structured data.
    Jsonld,
    /// `content/`: a Hugo content tree.
    Hugo,
    /// `content/`: a Zola content tree.
    Zola,
}

impl ExportFormat {
    /// Every built-in format, in a stable order.
    pub const ALL: [ExportFormat; 8] = [
        ExportFormat::Json,
        ExportFormat::Html,
        ExportFormat::Jsonfeed,
        ExportFormat::Rss,
        ExportFormat::Atom,
        ExportFormat::Jsonld,
        ExportFormat::Hugo,
        ExportFormat::Zola,
    ];

    /// The exporter that writes this format.
    pub fn exporter(self) -> &'static dyn Exporter {
        match self {
            ExportFormat::Json => &super::json::JsonExporter,
            ExportFormat::Html => &super::json::HtmlExporter,
            ExportFormat::Jsonfeed => &super::feed::JsonFeedExporter,
            ExportFormat::Rss => &super::feed::RssExporter,
            ExportFormat::Atom => &super::feed::AtomExporter,
            ExportFormat::Jsonld => &super::jsonld::JsonLdExporter,
            ExportFormat::Hugo => &super::site::HugoExporter,
            ExportFormat::Zola => &super::site::ZolaExporter,
        }
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        self.exporter().name()
    }
}

/// What an exporter gets: the resolved model and the settings it came from.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ExportContext<'a> {
    /// The resolved articles, authors and desks.
    pub model: &'a Model,
    /// The newsroom configuration (`[export] feed_items`, the site).
    pub config: &'a Config,
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
}

impl<'a> ExportContext<'a> {
    /// A context for `model`, built from `config`.
    pub fn new(model: &'a Model, config: &'a Config) -> Self {
        ExportContext {
            model,
            config,
            schema_version: SCHEMA_VERSION,
        }
    }
}

/// An export format. Built-ins are listed in [`ExportFormat`]; other crates implement this
/// trait to add their own and pass them to [`export`].
pub trait Exporter: Sync {
    /// The format's name, used in messages and on the command line.
    fn name(&self) -> &'static str;

    /// Adds this format's files to `out`.
    fn export(&self, ctx: &ExportContext<'_>, out: &mut Output) -> Result<(), ExportError>;
}

/// Files produced by exporters, by relative path, held in memory until written.
#[derive(Debug, Clone, Default)]
pub struct Output {
    files: BTreeMap<PathBuf, (&'static str, Vec<u8>)>,
    current: &'static str,
}

impl Output {
    /// An empty output.
    pub fn new() -> Self {
        Output::default()
    }

    /// Adds a file at `path`, relative to the output directory.
    ///
    /// # Errors
    /// When the path is absolute or leaves the directory, or another file was already added
    /// at the same path.
    pub fn add(
        &mut self,
        path: impl Into<PathBuf>,
        contents: impl Into<Vec<u8>>,
    ) -> Result<(), ExportError> {
        let path = path.into();
        let reserved = path == Path::new(super::write::EXPORT_MARKER);
        if reserved || !crate::fs::is_safe_relative(&path) || path.as_os_str().is_empty() {
            return Err(ExportError::UnsafePath {
                exporter: self.current,
                path,
            });
        }
        if let Some((first, _)) = self.files.get(&path) {
            return Err(ExportError::DuplicatePath {
                path,
                first,
                second: self.current,
            });
        }
        self.files.insert(path, (self.current, contents.into()));
        Ok(())
    }

    /// The files, in path order.
    pub fn files(&self) -> impl Iterator<Item = (&Path, &[u8])> {
        self.files
            .iter()
            .map(|(path, (_, contents))| (path.as_path(), contents.as_slice()))
    }

    /// The contents of the file at `path`.
    pub fn get(&self, path: impl AsRef<Path>) -> Option<&[u8]> {
        self.files
            .get(path.as_ref())
            .map(|(_, contents)| contents.as_slice())
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Runs `exporters` over `model`, collecting all their files.
///
/// # Errors
/// The first exporter failure, or two exporters writing the same path.
pub fn export(
    model: &Model,
    config: &Config,
    exporters: &[&dyn Exporter],
) -> Result<Output, ExportError> {
    let ctx = ExportContext::new(model, config);
    let mut out = Output::new();
    for exporter in exporters {
        out.current = exporter.name();
        exporter.export(&ctx, &mut out)?;
    }
    Ok(out)
}

/// Serialises `value` as pretty JSON with a final newline.
pub(crate) fn to_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<Vec<u8>, ExportError> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| ExportError::Serialize {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// What [`export_to_dir`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExportSummary {
    /// Articles exported.
    pub articles: usize,
    /// Files written.
    pub files: usize,
}

/// Builds the model once, runs every format in `formats` over it and puts the result in
/// `dir` atomically (see [`super::write_atomically`]).
///
/// # Errors
/// Model problems ([`Model::build`]), exporter failures and I/O failures; on any of them a
/// previous export in `dir` is left as it was.
pub fn export_to_dir(
    newsroom: &crate::Newsroom,
    formats: &[ExportFormat],
    options: &super::ExportOptions,
    dir: &Path,
) -> Result<ExportSummary, ExportError> {
    let model = Model::build(newsroom, options)?;
    let mut formats = formats.to_vec();
    formats.sort_unstable();
    formats.dedup();
    let exporters: Vec<&dyn Exporter> = formats.iter().map(|f| f.exporter()).collect();
    let output = export(&model, &newsroom.config, &exporters)?;
    super::write_atomically(&output, dir)?;
    Ok(ExportSummary {
        articles: model.articles.len(),
        files: output.len(),
    })
}
