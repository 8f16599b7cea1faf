//! The faults the article and author parsers report, each under the code of its rule.
//!
//! The rules themselves (documentation, scope, fixability) are declared in the lint engine's
//! rule table, which sits above the data model; the parsers only need the code, name and
//! severity a diagnostic carries. A test of the table checks that each fault here names a rule
//! with the same code, name and default severity.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, RuleCode, Severity, Span};

/// A problem found while reading a file, by the rule it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParseFault {
    /// FM000: the file or its front matter cannot be read (syntax, encoding, delimiters).
    Unreadable,
    /// FM001: a required field is absent.
    MissingField,
    /// FM002: a key the schema does not know.
    UnknownField,
    /// FM003: a value of the wrong type or form.
    InvalidValue,
}

impl ParseFault {
    /// Every fault, for the test that ties them to the rule table.
    #[cfg_attr(not(test), allow(dead_code, reason = "read by the rule table's tests"))]
    pub(crate) const ALL: [ParseFault; 4] = [
        ParseFault::Unreadable,
        ParseFault::MissingField,
        ParseFault::UnknownField,
        ParseFault::InvalidValue,
    ];

    /// The code of the rule the fault is reported under.
    pub(crate) const fn code(self) -> RuleCode {
        RuleCode::new(match self {
            ParseFault::Unreadable => "FM000",
            ParseFault::MissingField => "FM001",
            ParseFault::UnknownField => "FM002",
            ParseFault::InvalidValue => "FM003",
        })
    }

    /// The name of that rule.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            ParseFault::Unreadable => "invalid-front-matter",
            ParseFault::MissingField => "missing-field",
            ParseFault::UnknownField => "unknown-field",
            ParseFault::InvalidValue => "invalid-value",
        }
    }

    /// The rule's default severity.
    pub(crate) const fn severity(self) -> Severity {
        match self {
            // A file that does not read, or reads wrong, is an error under each of these rules.
            ParseFault::Unreadable
            | ParseFault::MissingField
            | ParseFault::UnknownField
            | ParseFault::InvalidValue => Severity::Error,
        }
    }

    /// A diagnostic of this fault at `span` of `path`.
    pub(crate) fn diagnostic(
        self,
        path: Arc<Path>,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::for_rule(
            self.code(),
            self.name(),
            self.severity(),
            path,
            span,
            message,
        )
    }
}
