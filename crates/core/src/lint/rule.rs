//! Rule metadata and the `declare_rule!` macro that ties a rule's documentation to its code.

use serde::Serialize;

use crate::diagnostic::{RuleCode, Severity};

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

/// Everything known about a rule except how it checks.
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

/// Declares a rule's type and its [`RuleMeta`] from its doc comment.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            name: $kebab:literal,
            severity: $severity:ident,
            fix: $fix:ident,
            scope: $scope:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis struct $name;

        impl $name {
            /// The rule's metadata, registered in `lint::registry`.
            pub(crate) const META: $crate::lint::RuleMeta = $crate::lint::RuleMeta {
                code: $crate::diagnostic::RuleCode::new($code),
                name: $kebab,
                severity: $crate::diagnostic::Severity::$severity,
                fix: $crate::lint::FixAvailability::$fix,
                scope: $crate::lint::Scope::$scope,
                status: $crate::lint::RuleStatus::Stable,
                since: "0.1.0",
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}

pub(crate) use declare_rule;
