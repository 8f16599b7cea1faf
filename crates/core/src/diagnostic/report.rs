//! What a lint run produces: the sorted diagnostics, the texts of the files they point into,
//! and how many files were checked. The engine ([`crate::lint`]) builds reports; the printers
//! ([`super::render`]) read them, so a report never depends on how it is shown.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::{Diagnostic, Severity};

/// The text of every file that has diagnostics, so renderers can show excerpts.
pub type SourceMap = BTreeMap<Arc<Path>, Arc<str>>;

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
