//! GitHub Actions workflow commands: one `::error …::message` line per diagnostic, which the
//! runner turns into annotations on the pull request's changed lines.
//!
//! The escaping is GitHub's, not URL encoding: `%`, CR and LF in the message; additionally
//! `:` and `,` in properties, whose values are separated by those characters.

use std::io::{self, Write};

use super::{LintReport, Positions, RenderOptions};
use crate::diagnostic::Severity;

pub(super) fn render(
    report: &LintReport,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut positions = Positions::new(report);
    for diagnostic in &report.diagnostics {
        let (_, start, end) = positions.of(diagnostic);
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = diagnostic.message.clone();
        if let Some(help) = &diagnostic.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&options.display_path(&diagnostic.path)),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(diagnostic.code.as_str()),
            escape_data(&message),
        )?;
    }
    Ok(())
}

/// Escapes a message (the part after `::`).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=…`, `title=…`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_as_github_requires() {
        assert_eq!(
            escape_data("100% done\r\nnext: a, b"),
            "100%25 done%0D%0Anext: a, b"
        );
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
