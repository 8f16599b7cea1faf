//! # copydesk
//!
//! The content model, linter and exporter for newsrooms that keep articles as Markdown files
//! with TOML front matter in a git repository.
//!
//! ```no_run
//! use copydesk::Linter;
//! use copydesk::chrono::Utc;
//! use copydesk::lint::LintRequest;
//!
//! let linter = Linter::load("examples/newsroom", Utc::now().fixed_offset())?;
//! let run = linter.lint(&LintRequest::newsroom())?;
//! for diagnostic in &run.report.diagnostics {
//!     println!("{}: {} {}", diagnostic.path.display(), diagnostic.code, diagnostic.message);
//! }
//! # Ok::<(), copydesk::Error>(())
//! ```
//!
//! [`Linter`] is the one way to lint: every article or some paths, from disk or with unsaved
//! texts in an [`lint::Overlay`], with or without the lint index.
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
// The rest of the public modules are internals the command line, the benchmarks and the fuzz
// targets share with the library: reachable, but hidden from the documentation and from the
// API snapshot (tests/public-api.txt), so they may change in any release.
#[doc(hidden)]
pub mod git;
#[doc(hidden)]
pub mod id;
pub mod lint;
mod listing;
#[doc(hidden)]
pub mod markdown;
mod newsroom;
pub mod preview;
mod read_time;
pub mod scaffold;
#[doc(hidden)]
pub mod schema;
pub mod style;
mod suggest;
mod text;
mod toml_doc;
mod toml_explain;
pub mod workflow;

/// The `chrono` crate this API's times are made of, for callers without their own dependency.
pub use chrono;

pub use article::{Article, Image, ParsedArticle, Retraction, Source, Status, Update, UpdateKind};
pub use author::Author;
// Raw forms are the serde mirrors of the files, reached through the validated types.
#[doc(hidden)]
pub use author::{ParsedAuthor, RawAuthor};
pub use config::{Config, Desk, Site};
#[doc(hidden)]
pub use date::RawDate;
pub use date::{DateArg, DateArgError, DateError, DateOrDateTime, Timezone, UnknownTimezone};
pub use diagnostic::render::{DiagnosticFormat, RenderOptions};

pub use diagnostic::{
    Applicability, Diagnostic, Edit, Fix, LineColumn, LineIndex, LintReport, RuleCode, Severity,
    SourceMap, Span,
};
pub use error::{ConfigError, ConfigProblem, Error, ExportError, IoError, LoadError};
pub use git::GitError;
pub use lint::{FileFix, Linter, LiveNewsroom};
#[doc(hidden)]
pub use listing::{
    ARTICLE_EXTENSIONS, article_files, is_article_path, list_article_files, list_files,
};
pub use newsroom::{Newsroom, find_root};
pub use read_time::{ReadTime, ReadTimeSettings};
pub use scaffold::ScaffoldError;
#[doc(hidden)]
pub use toml_doc::SpanMap;

// The README's Rust snippets are compiled as doctests, so the one a reader pastes builds.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
mod readme {}

#[cfg(doctest)]
#[doc = include_str!("../../../docs/library.md")]
mod library_doc {}

/// Writes `report` to `out` in `format` (see [`diagnostic::render`]).
///
/// # Errors
/// When `out` fails.
pub fn render(
    report: &LintReport,
    format: DiagnosticFormat,
    options: &RenderOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    diagnostic::render::write_report(report, format, options, lint::RULES, out)
}
