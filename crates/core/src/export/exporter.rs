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

/// Serialises `value` as pretty JSON with a final newline, with `<`, `>` and `&` escaped
/// (see [`EmbeddableJson`]).
pub(crate) fn to_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<Vec<u8>, ExportError> {
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, EmbeddableJson::new());
    value
        .serialize(&mut serializer)
        .map_err(|e| ExportError::Serialize {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Pretty JSON that is safe to paste into an HTML page: every `<`, `>` and `&` in a string
/// is written as `\u003c`, `\u003e`, `\u0026` (and U+2028, U+2029 as `\u2028`, `\u2029`,
/// which old JavaScript engines took for line ends). Pages embed JSON-LD and the JSON model in
/// `<script>` elements, where a raw `</script>` in a title would close the element and let the
/// rest run as markup; escaped, the text parses back to the same string.
pub(crate) struct EmbeddableJson(serde_json::ser::PrettyFormatter<'static>);

impl EmbeddableJson {
    pub(crate) fn new() -> Self {
        EmbeddableJson(serde_json::ser::PrettyFormatter::new())
    }
}

impl serde_json::ser::Formatter for EmbeddableJson {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            let escaped = match c {
                '<' => "\\u003c",
                '>' => "\\u003e",
                '&' => "\\u0026",
                '\u{2028}' => "\\u2028",
                '\u{2029}' => "\\u2029",
                _ => continue,
            };
            writer.write_all(&fragment.as_bytes()[start..i])?;
            writer.write_all(escaped.as_bytes())?;
            start = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // The layout is the pretty formatter's.
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// What [`export_to_dir`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExportSummary {
    /// Articles exported.
    pub articles: usize,
    /// Files written.
    pub files: usize,
    /// What was left out and why ([`Model::warnings`]), for the caller to show.
    pub warnings: Vec<super::ExportWarning>,
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
        warnings: model.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_are_safe_to_embed_and_parse_back() {
        let text = "</script><!-- & \u{2028}\u{2029} é \"q\" \\ \u{1}";
        let bytes =
            to_json(Path::new("x.json"), &serde_json::json!({ "<k>": text })).expect("serialises");
        let json = std::str::from_utf8(&bytes).expect("UTF-8");
        assert!(
            !json.contains(['<', '>', '&', '\u{2028}', '\u{2029}']),
            "{json}"
        );
        assert!(json.contains("\\u003c/script\\u003e"), "{json}");
        let back: serde_json::Value = serde_json::from_str(json).expect("parses");
        assert_eq!(back["<k>"], text);
    }
}
