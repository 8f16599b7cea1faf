//! Export: the resolved model renderers consume, and the formats written from it.
//!
//! [`Model::build`] turns a loaded [`crate::Newsroom`] into typed, serialisable structs
//! ([`model`]); each [`ExportFormat`] is an [`Exporter`] that turns the model into files
//! ([`Output`]); [`write_atomically`] puts them in place so a failed export never leaves a
//! half-written directory. Body HTML is rendered in `html`.
//!
//! ```
//! use copydesk::chrono::Utc;
//! use copydesk::export::{ExportFormat, ExportOptions, Model, export};
//! use copydesk::Newsroom;
//!
//! let dir = tempfile::tempdir()?;
//! copydesk::scaffold::init(dir.path(), Utc::now().fixed_offset())?;
//! let newsroom = Newsroom::load(dir.path())?;
//!
//! let model = Model::build(&newsroom, &ExportOptions::new())?;
//! assert_eq!(model.articles.len(), 1);
//! let output = export(&model, &newsroom.config, &[ExportFormat::Json.exporter()])?;
//! // The index, the authors, the desks and one file per article.
//! assert!(output.files().any(|(path, _)| path.ends_with("index.json")));
//! assert_eq!(output.len(), 4);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod exporter;
mod feed;
mod front_matter;
mod html;
mod json;
mod jsonld;
pub mod model;
mod site;
mod skip;
mod warning;
mod write;

pub use exporter::{
    ExportContext, ExportFormat, ExportSummary, Exporter, Output, export, export_to_dir,
};
// The JSON export's document type, read by `schema` for schemas/export.schema.json.
#[doc(hidden)]
pub use json::ExportDocument;
pub use model::{ExportArticle, ExportOptions, Model, RetractionInfo, SCHEMA_VERSION, Timestamp};
pub use skip::{Skipped, remove_unexportable};
pub use warning::ExportWarning;
pub use write::{EXPORT_MARKER, write_atomically};
