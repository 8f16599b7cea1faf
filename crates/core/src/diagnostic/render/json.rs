//! Machine-readable diagnostics, described by `schemas/diagnostics.schema.json`.
//!
//! The shape is a set of DTOs separate from [`Diagnostic`](crate::Diagnostic) so internal
//! refactors cannot change the published format.

use std::io::{self, Write};

use serde::Serialize;

use super::{LintReport, Positions, RenderOptions};
use crate::diagnostic::{Applicability, Severity};

/// The version of the JSON diagnostics format.
pub const DIAGNOSTICS_SCHEMA_VERSION: u32 = 1;

/// The whole JSON document.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(title = "copydesk lint diagnostics")]
pub struct JsonReport {
    /// Version of this format.
    pub schema_version: u32,
    /// Files checked.
    pub files_checked: usize,
    /// Diagnostics sorted by path, position and code.
    pub diagnostics: Vec<JsonDiagnostic>,
}

/// One diagnostic.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct JsonDiagnostic {
    /// Rule code, e.g. `FM003`.
    pub code: String,
    /// Rule name, e.g. `invalid-value`.
    pub name: String,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// File path as shown to the user.
    pub path: String,
    /// Start, 1-based line and column (characters).
    pub start: JsonPosition,
    /// End (exclusive), 1-based line and column.
    pub end: JsonPosition,
    /// Byte offsets in the file: `[start, end)`.
    pub byte_range: [usize; 2],
    /// Hint.
    pub help: Option<String>,
    /// Fix, when one is known.
    pub fix: Option<JsonFix>,
    /// Other places involved (the other copy of a duplicate, say).
    pub related: Vec<JsonRelated>,
}

/// Another place a diagnostic refers to.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct JsonRelated {
    /// File path as shown to the user.
    pub path: String,
    /// 1-based line and column (characters).
    pub position: JsonPosition,
    /// What is there.
    pub message: String,
}

/// A line and column.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct JsonPosition {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// A fix.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct JsonFix {
    /// What it does.
    pub title: String,
    /// `safe` or `unsafe`.
    pub applicability: String,
    /// Replacements.
    pub edits: Vec<JsonEdit>,
}

/// One replacement.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct JsonEdit {
    /// Byte offsets replaced: `[start, end)`.
    pub byte_range: [usize; 2],
    /// New text.
    pub replacement: String,
}

impl JsonReport {
    /// Builds the document for `report`.
    pub fn new(report: &LintReport, options: &RenderOptions) -> JsonReport {
        let mut positions = Positions::new(report);
        let diagnostics = report
            .diagnostics
            .iter()
            .map(|d| {
                let located = positions.of(d);
                let (start, end) = (located.start, located.end);
                JsonDiagnostic {
                    code: d.code.as_str().to_string(),
                    name: d.name.to_string(),
                    severity: d.severity,
                    message: d.message.clone(),
                    path: options.display_path(&d.path),
                    start: JsonPosition {
                        line: start.line,
                        column: start.column,
                    },
                    end: JsonPosition {
                        line: end.line,
                        column: end.column,
                    },
                    byte_range: [d.span.start, d.span.end],
                    help: d.help.clone(),
                    fix: d.fix.as_ref().map(|fix| JsonFix {
                        title: fix.title.clone(),
                        applicability: match fix.applicability {
                            Applicability::Safe => "safe".into(),
                            Applicability::Unsafe => "unsafe".into(),
                        },
                        edits: fix
                            .edits
                            .iter()
                            .map(|e| JsonEdit {
                                byte_range: [e.span.start, e.span.end],
                                replacement: e.replacement.clone(),
                            })
                            .collect(),
                    }),
                    related: d
                        .related
                        .iter()
                        .map(|r| JsonRelated {
                            path: options.display_path(&r.path),
                            position: JsonPosition {
                                line: r.position.line,
                                column: r.position.column,
                            },
                            message: r.message.clone(),
                        })
                        .collect(),
                }
            })
            .collect();
        JsonReport {
            schema_version: DIAGNOSTICS_SCHEMA_VERSION,
            files_checked: report.files_checked,
            diagnostics,
        }
    }
}

pub(super) fn render(
    report: &LintReport,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    super::escape::write_json(out, &JsonReport::new(report, options))?;
    writeln!(out)
}
