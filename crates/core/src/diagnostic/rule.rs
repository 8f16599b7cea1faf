//! What a rule is, as users see it: code, name, default severity, fixability and
//! documentation. Diagnostics and their printers read it; the lint engine declares each rule's
//! metadata together with how it runs.

use serde::Serialize;

use super::{RuleCode, Severity};

/// Whether a rule can offer a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    /// Never.
    None,
    /// For some findings.
    Sometimes,
    /// For every finding.
    Always,
}

/// Where a rule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// While reading a file (syntax, unknown keys, wrong types).
    Parse,
    /// On one article at a time.
    Article,
    /// On facts gathered from the whole newsroom.
    Corpus,
}

/// How settled a rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleStatus {
    /// May change in behaviour; still on by default.
    Preview,
    /// Settled.
    Stable,
    /// Scheduled for removal; its code is never reused.
    Deprecated,
}

/// What users see of a rule: its code, name, default severity and documentation. How the
/// engine runs it is declared with it, in the lint engine's rule table.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleMeta {
    /// Permanent code, e.g. `FM003`.
    pub code: RuleCode,
    /// Kebab-case name, e.g. `invalid-value`.
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub severity: Severity,
    /// Whether findings can be fixed automatically.
    pub fix: FixAvailability,
    /// Where the rule runs.
    pub scope: Scope,
    /// Maturity.
    pub status: RuleStatus,
    /// The version that introduced the rule.
    pub since: &'static str,
    /// One line saying what the rule catches.
    pub summary: &'static str,
    /// The Markdown documentation, from the rule's doc comment.
    #[serde(skip)]
    pub doc: &'static str,
}

impl RuleMeta {
    /// The documentation as Markdown, with the one-space indent of doc comments removed.
    pub fn documentation(&self) -> String {
        let mut text = String::with_capacity(self.doc.len());
        for line in self.doc.lines() {
            text.push_str(line.strip_prefix(' ').unwrap_or(line));
            text.push('\n');
        }
        text
    }
}
