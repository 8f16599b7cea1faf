//! Export: the resolved model renderers consume, and the formats written from it.
//!
//! [`Model::build`] turns a loaded [`crate::Newsroom`] into typed, serialisable structs
//! ([`model`]); each [`ExportFormat`] is an [`Exporter`] that turns the model into files
//! ([`Output`]); [`write_atomically`] puts them in place so a failed export never leaves a
//! half-written directory. Body HTML is rendered in `html`.

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
pub use json::ExportDocument;
pub use model::{ExportArticle, ExportOptions, Model, RetractionInfo, SCHEMA_VERSION, Timestamp};
pub use skip::{Skipped, remove_unexportable};
pub use warning::ExportWarning;
pub use write::{EXPORT_MARKER, write_atomically};
