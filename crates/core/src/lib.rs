//! # copydesk
//!
//! The content model, linter and exporter for newsrooms that keep articles as Markdown files
//! with TOML front matter in a git repository.
//!
//! ```no_run
//! use copydesk::Newsroom;
//! use copydesk::chrono::Utc;
//!
//! let newsroom = Newsroom::load("examples/newsroom")?;
//! let report = newsroom.lint(Utc::now().fixed_offset());
//! for diagnostic in &report.diagnostics {
//!     println!("{}: {} {}", diagnostic.path.display(), diagnostic.code, diagnostic.message);
//! }
//! # Ok::<(), copydesk::LoadError>(())
//! ```
//!
//! [`export::Model::build`] resolves the newsroom into typed, serialisable structs for
//! renderers (authors expanded, citations numbered, bodies as safe HTML), from which
//! [`export::ExportFormat`]s write JSON, HTML, feeds, JSON-LD and Hugo or Zola trees.
//!
//! Parsing never panics and never prints: content problems come back as [`Diagnostic`]s,
//! tool failures (I/O, an invalid `copydesk.toml`) as typed errors.
//!
//! Times in the API are [`chrono`] types; the crate re-exports the `chrono` it is built
//! with, so `copydesk::chrono::Utc::now()` works without a dependency of your own.

pub mod article;
mod author;
pub mod config;
mod date;
pub mod diagnostic;
mod error;
pub mod export;
pub mod fs;
pub mod git;
pub mod id;
pub mod lint;
pub mod markdown;
mod newsroom;
pub mod read_time;
pub mod scaffold;
pub mod schema;
mod suggest;
mod text;
mod toml_doc;
mod toml_explain;
pub mod workflow;

/// The `chrono` crate this API's times are made of, for callers without their own dependency.
pub use chrono;

pub use article::{Article, Image, ParsedArticle, Retraction, Source, Status, Update, UpdateKind};
pub use author::{Author, ParsedAuthor, RawAuthor};
pub use config::{Config, Desk, Site};
pub use date::{DateArg, DateArgError, DateError, DateOrDateTime, RawDate};
pub use diagnostic::render::{DiagnosticFormat, LintReport, RenderOptions};
pub use diagnostic::{
    Applicability, Diagnostic, Edit, Fix, LineColumn, LineIndex, RuleCode, Severity, Span,
};
pub use error::{ConfigError, ConfigProblem, Error, ExportError, IoError, LoadError};
pub use git::{ChangedFiles, GitError};
pub use newsroom::{
    ARTICLE_EXTENSIONS, CachedLint, FileFix, Newsroom, SourceMap, article_files, find_root,
    is_article_path, lint_files, lint_files_cached, lint_files_with_progress, list_article_files,
    list_files,
};
pub use read_time::{ReadTime, ReadTimeSettings};
pub use scaffold::ScaffoldError;
pub use toml_doc::SpanMap;

// The README's Rust snippets are compiled as doctests, so the one a reader pastes builds.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
mod readme {}
