//! Renders diagnostics for people and machines. Every format prints diagnostics in the order
//! given; [`LintReport`] keeps them sorted by path, position and code.

mod concise;
mod full;
mod github;
mod json;
mod sarif;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use json::{
    DIAGNOSTICS_SCHEMA_VERSION, JsonDiagnostic, JsonEdit, JsonFix, JsonPosition, JsonRelated,
    JsonReport,
};

use super::{Diagnostic, LineColumn, LineIndex, Severity};
use crate::newsroom::SourceMap;

/// The output formats of `copydesk lint --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum DiagnosticFormat {
    /// Source excerpt with a caret under the problem, like rustc.
    Full,
    /// One line per diagnostic: `path:line:col: CODE message`.
    Concise,
    /// A JSON document described by `schemas/diagnostics.schema.json`.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`), shown as annotations.
    Github,
    /// A SARIF 2.1.0 log, for code-scanning services.
    Sarif,
}

/// Diagnostics with the texts of their files.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct LintReport {
    /// Sorted diagnostics.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file a diagnostic points into.
    pub sources: SourceMap,
    /// How many files were checked.
    pub files_checked: usize,
}

impl LintReport {
    /// A report of `diagnostics` (sorted here) over `files_checked` files.
    pub fn new(mut diagnostics: Vec<Diagnostic>, sources: SourceMap, files_checked: usize) -> Self {
        super::sort(&mut diagnostics);
        LintReport {
            diagnostics,
            sources,
            files_checked,
        }
    }

    /// Number of diagnostics at `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// The most severe diagnostic's severity.
    pub fn max_severity(&self) -> Option<Severity> {
        self.diagnostics.iter().map(|d| d.severity).max()
    }
}

/// How paths and colours are shown.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Paths are shown relative to this directory when inside it.
    pub base: Option<PathBuf>,
    /// Use ANSI colours (only `full` has any).
    pub color: bool,
}

impl RenderOptions {
    /// How `path` is shown: relative to `base` when inside it, with `/` separators.
    pub fn display_path(&self, path: &Path) -> String {
        let Some(base) = self.base.as_deref() else {
            return path.to_string_lossy().replace('\\', "/");
        };
        // Compare `..`-free spellings, so `a/b/../c` and `a/c` are the same place.
        let (base, path) = (crate::fs::normalize(base), crate::fs::normalize(path));
        let shown = path.strip_prefix(&base).unwrap_or(&path);
        shown.to_string_lossy().replace('\\', "/")
    }
}

/// Line and column of the start and end of each diagnostic, computed once per file.
pub(crate) struct Positions<'r> {
    report: &'r LintReport,
    cached: Option<(Arc<Path>, Arc<str>, LineIndex)>,
}

impl<'r> Positions<'r> {
    pub(crate) fn new(report: &'r LintReport) -> Self {
        Positions {
            report,
            cached: None,
        }
    }

    /// The file text and the start and end positions of `diagnostic`.
    pub(crate) fn of(&mut self, diagnostic: &Diagnostic) -> (Arc<str>, LineColumn, LineColumn) {
        let stale = self
            .cached
            .as_ref()
            .is_none_or(|(path, _, _)| *path != diagnostic.path);
        if stale {
            let text = self
                .report
                .sources
                .get(&diagnostic.path)
                .cloned()
                .unwrap_or_else(|| Arc::from(""));
            let index = LineIndex::new(&text);
            self.cached = Some((diagnostic.path.clone(), text, index));
        }
        let (_, text, index) = self.cached.as_ref().expect("filled above");
        let start = index.position(text, diagnostic.span.start);
        let end = index.position(text, diagnostic.span.end);
        (text.clone(), start, end)
    }
}

/// Writes `report` to `out` in `format`.
pub fn render(
    report: &LintReport,
    format: DiagnosticFormat,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        DiagnosticFormat::Full => full::render(report, options, out),
        DiagnosticFormat::Concise => concise::render(report, options, out),
        DiagnosticFormat::Json => json::render(report, options, out),
        DiagnosticFormat::Github => github::render(report, options, out),
        DiagnosticFormat::Sarif => sarif::render(report, options, out),
    }
}
