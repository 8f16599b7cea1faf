//! Renders diagnostics for people and machines. Every format prints diagnostics in the order
//! given; [`LintReport`] keeps them sorted by path, position and code. The printers take the
//! rule table as an argument (SARIF describes every rule), so they depend on rule metadata, not
//! on the lint engine; [`crate::render`] passes them the engine's table.
//!
//! ```
//! use copydesk::chrono::Utc;
//! use copydesk::lint::LintRequest;
//! use copydesk::render;
//! use copydesk::{DiagnosticFormat, Linter, RenderOptions};
//!
//! let dir = tempfile::tempdir()?;
//! let now = Utc::now().fixed_offset();
//! copydesk::scaffold::init(dir.path(), now)?;
//! let linter = Linter::load(dir.path(), now)?;
//! let run = linter.lint(&LintRequest::newsroom())?;
//!
//! let mut out = Vec::new();
//! render(&run.report, DiagnosticFormat::Json, &RenderOptions::default(), &mut out)?;
//! let json: serde_json::Value = serde_json::from_slice(&out)?;
//! assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::diagnostic::rule::RuleMeta;

mod checkstyle;
mod concise;
mod escape;
mod full;
mod github;
mod gitlab;
mod json;
mod junit;
mod sarif;
mod statistics;
mod xml;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

// Shared with the command line (file names in its own messages) and with `schema`
// (schemas/diagnostics.schema.json); not part of the API.
#[doc(hidden)]
pub use escape::{escape_controls, is_escaped_control};
#[doc(hidden)]
pub use json::{
    DIAGNOSTICS_SCHEMA_VERSION, JsonDiagnostic, JsonEdit, JsonFix, JsonPosition, JsonRelated,
    JsonReport,
};
pub use statistics::{Statistics, StatisticsRow};

use super::report::LintReport;
use super::{Diagnostic, LineColumn, LineIndex};

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
    /// A GitLab Code Quality report (JSON), for merge request widgets.
    Gitlab,
    /// `JUnit` XML: one test suite per file, one failed test case per finding.
    Junit,
    /// Checkstyle XML (the 4.3 format), for Jenkins and other dashboards.
    Checkstyle,
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

/// Line and column of the start and end of each diagnostic, from one [`LineIndex`] per file
/// that every renderer shares (the excerpt and fix positions come from it too).
pub(crate) struct Positions<'r> {
    report: &'r LintReport,
    cached: Option<(Arc<Path>, Arc<str>, LineIndex)>,
}

/// Where a diagnostic is, with its file's text and line index.
pub(crate) struct Located<'p> {
    pub(crate) text: &'p str,
    pub(crate) index: &'p LineIndex,
    pub(crate) start: LineColumn,
    pub(crate) end: LineColumn,
}

impl<'r> Positions<'r> {
    pub(crate) fn new(report: &'r LintReport) -> Self {
        Positions {
            report,
            cached: None,
        }
    }

    /// The file text, its index and the start and end positions of `diagnostic`. The index
    /// is rebuilt only when the file changes, which the sorted order makes once per file.
    pub(crate) fn of(&mut self, diagnostic: &Diagnostic) -> Located<'_> {
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
        Located {
            text,
            index,
            start: index.position(text, diagnostic.span.start),
            end: index.position(text, diagnostic.span.end),
        }
    }
}

/// Writes `report` to `out` in `format`; `rules` is every rule there is, for formats that
/// describe them.
pub(crate) fn write_report(
    report: &LintReport,
    format: DiagnosticFormat,
    options: &RenderOptions,
    rules: &[RuleMeta],
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        DiagnosticFormat::Full => full::render(report, options, out),
        DiagnosticFormat::Concise => concise::render(report, options, out),
        DiagnosticFormat::Json => json::render(report, options, out),
        DiagnosticFormat::Github => github::render(report, options, out),
        DiagnosticFormat::Sarif => sarif::render(report, options, rules, out),
        DiagnosticFormat::Gitlab => gitlab::render(report, options, out),
        DiagnosticFormat::Junit => junit::render(report, options, out),
        DiagnosticFormat::Checkstyle => checkstyle::render(report, options, out),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::{Span, line_index};
    use crate::lint::RULES;

    /// A report of `count` diagnostics spread over one long line and many short ones of
    /// `a.md`, and one in `b.md`.
    fn report(count: usize) -> LintReport {
        let long_line = "word ".repeat(count);
        let text: Arc<str> = Arc::from(format!("+++\n{long_line}\n{}", "line\n".repeat(count)));
        let a: Arc<Path> = Arc::from(Path::new("a.md"));
        let b: Arc<Path> = Arc::from(Path::new("b.md"));
        let mut diagnostics: Vec<Diagnostic> = (0..count)
            .flat_map(|i| {
                let on_long_line = 4 + 5 * i;
                let on_own_line = 5 + long_line.len() + 5 * i;
                [on_long_line, on_own_line]
            })
            .map(|at| Diagnostic::new(&RULES[0], a.clone(), Span::new(at, at + 4), "found"))
            .collect();
        diagnostics.push(Diagnostic::new(&RULES[0], b.clone(), Span::at(0), "other"));
        let mut sources = crate::SourceMap::new();
        sources.insert(a, text);
        sources.insert(b, Arc::from("+++\n"));
        LintReport::new(diagnostics, sources, 2)
    }

    #[test]
    fn every_format_builds_one_line_index_per_file() {
        let report = report(300);
        for format in [
            DiagnosticFormat::Full,
            DiagnosticFormat::Concise,
            DiagnosticFormat::Json,
            DiagnosticFormat::Github,
            DiagnosticFormat::Sarif,
            DiagnosticFormat::Gitlab,
            DiagnosticFormat::Junit,
            DiagnosticFormat::Checkstyle,
        ] {
            let before = line_index::tests::built();
            let mut out = Vec::new();
            crate::render(&report, format, &RenderOptions::default(), &mut out).expect("renders");
            assert_eq!(
                line_index::tests::built() - before,
                2,
                "{format:?} built more than one index per file"
            );
        }
    }
}
