//! Diagnostics: what a rule or the parser found, where, and how to fix it.
//!
//! Spans are byte offsets into the whole file; line and column are computed
//! only when rendering, from a [`LineIndex`]. Renderers live in [`render`].
//!
//! ```
//! use copydesk::{Article, LineIndex, Severity};
//!
//! let text = "+++\ntitle = \"A title\"\nstatus = \"Published\"\n+++\nBody.\n";
//! let parsed = Article::parse("a.md", text);
//! let diagnostic = &parsed.diagnostics[0];
//! assert_eq!(diagnostic.code.as_str(), "FM003");
//! assert_eq!(diagnostic.severity, Severity::Error);
//! // Spans are byte offsets into the whole file; lines and columns (1-based) are computed
//! // from them when needed.
//! assert_eq!(&text[diagnostic.span.start..diagnostic.span.end], "\"Published\"");
//! let at = LineIndex::new(text).position(text, diagnostic.span.start);
//! assert_eq!((at.line, at.column), (3, 10));
//! ```

mod line_index;
pub mod render;
mod report;
// Public as `copydesk::lint::RuleMeta`, beside the rule table.
pub(crate) mod rule;

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use line_index::{LineColumn, LineIndex};
pub use report::{LintReport, SourceMap};
use rule::RuleMeta;

/// How serious a diagnostic is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A suggestion; never fails a run unless `--fail-on info`.
    Info,
    /// Probably wrong; fails a run with `--fail-on warning`.
    Warning,
    /// Wrong; fails a run by default.
    Error,
}

impl Severity {
    /// The lower-case name used in configuration and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A byte range in a file, `start..end`, in whole-file coordinates.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; swapped if given backwards.
    pub fn new(start: usize, end: usize) -> Self {
        if end < start {
            Span {
                start: end,
                end: start,
            }
        } else {
            Span { start, end }
        }
    }

    /// An empty span at `offset`.
    pub fn at(offset: usize) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// This span moved right by `offset` bytes (a sub-parser's span into file coordinates).
    #[must_use]
    pub fn shifted(self, offset: usize) -> Self {
        Span {
            start: self.start + offset,
            end: self.end + offset,
        }
    }

    /// Whether `offset` lies inside the span (an empty span contains its own offset).
    pub fn contains(self, offset: usize) -> bool {
        (self.start <= offset && offset < self.end)
            || (self.start == self.end && offset == self.start)
    }

    /// Number of bytes covered.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(range: std::ops::Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

/// A rule code such as `FM003`: two or three upper-case letters and three digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct RuleCode(&'static str);

impl RuleCode {
    /// Wraps a code from the registry.
    pub(crate) const fn new(code: &'static str) -> Self {
        RuleCode(code)
    }

    /// The code as text.
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// The family prefix (`FM` for `FM003`).
    pub fn family(self) -> &'static str {
        let digits = self.0.len().saturating_sub(3);
        &self.0[..digits]
    }
}

impl fmt::Display for RuleCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.0)
    }
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning of the article; applied by `--fix`.
    Safe,
    /// May change meaning; shown, never applied automatically.
    Unsafe,
}

/// One replacement of a byte range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes replaced.
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// A machine-applicable fix: edits that never overlap, with an applicability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, as a short phrase.
    pub title: String,
    /// Whether `--fix` applies it.
    pub applicability: Applicability,
    /// The edits, in file order.
    pub edits: Vec<Edit>,
}

/// Another place a diagnostic refers to (the other copy of a duplicate slug, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// The file of the other place.
    pub path: Arc<Path>,
    /// Its 1-based line and column.
    pub position: LineColumn,
    /// What is there.
    pub message: String,
}

/// A problem found in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The rule code, e.g. `FM003`.
    pub code: RuleCode,
    /// The rule's kebab-case name, e.g. `invalid-value`.
    pub name: &'static str,
    /// Severity after configuration overrides.
    pub severity: Severity,
    /// A short lower-case phrase; names in backticks; no final period.
    pub message: String,
    /// The file the diagnostic is about.
    pub path: Arc<Path>,
    /// The smallest relevant byte range of that file.
    pub span: Span,
    /// A hint or the title of a fix.
    pub help: Option<String>,
    /// A fix, when one is known.
    pub fix: Option<Fix>,
    /// Other places involved.
    pub related: Vec<Related>,
}

impl Diagnostic {
    #[doc(hidden)]
    /// A diagnostic for `rule` at `span` of `path`, with the rule's default severity.
    pub fn new(rule: &RuleMeta, path: Arc<Path>, span: Span, message: impl Into<String>) -> Self {
        Self::for_rule(rule.code, rule.name, rule.severity, path, span, message)
    }

    /// A diagnostic of the rule with `code`, `name` and default `severity`.
    pub(crate) fn for_rule(
        code: RuleCode,
        name: &'static str,
        severity: Severity,
        path: Arc<Path>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            name,
            severity,
            message: message.into(),
            path,
            span,
            help: None,
            fix: None,
            related: Vec::new(),
        }
    }

    #[doc(hidden)]
    /// Adds a hint.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[doc(hidden)]
    /// Attaches a fix.
    #[must_use]
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    #[doc(hidden)]
    /// Adds a related location.
    #[must_use]
    pub fn with_related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }

    #[doc(hidden)]
    /// The ordering used for all output: path, position, code, message.
    pub fn sort_key(&self) -> (&Path, usize, usize, &'static str, &str) {
        (
            &self.path,
            self.span.start,
            self.span.end,
            self.code.as_str(),
            &self.message,
        )
    }
}

#[doc(hidden)]
/// Sorts diagnostics by path, position, code and message, the order of every output.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
