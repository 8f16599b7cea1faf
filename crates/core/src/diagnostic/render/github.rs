//! GitHub Actions workflow commands: one `::error …::message` line per diagnostic, which the
//! runner turns into annotations on the pull request's changed lines.
//!
//! The escaping is GitHub's, not URL encoding: `%`, CR and LF in the message; additionally
//! `:` and `,` in properties, whose values are separated by those characters. Before that,
//! every other control character is written visibly (`\u{1b}`), as in the other formats.

use std::io::{self, Write};

use super::{LintReport, Positions, RenderOptions, escape_controls, is_escaped_control};
use crate::diagnostic::Severity;

pub(super) fn render(
    report: &LintReport,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut positions = Positions::new(report);
    for diagnostic in &report.diagnostics {
        let located = positions.of(diagnostic);
        let (start, end) = (located.start, located.end);
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

/// Escapes a message (the part after `::`): GitHub's encoding of `%`, CR and LF, and every
/// other control character written visibly (`\u{1b}`) as in the other human-readable
/// formats, since GitHub leaves those raw and the runner prints the line to the job log.
fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if is_escaped_control(c) => {
                out.push_str(&escape_controls(c.encode_utf8(&mut [0; 4])));
            }
            c => out.push(c),
        }
    }
    out
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
        assert_eq!(
            escape_data("slug\u{1b}]52;c;eA==\u{7}\u{9b}\tend\n"),
            "slug\\u{1b}]52;c;eA==\\u{7}\\u{9b}\tend%0A"
        );
        assert_eq!(escape_property("a\u{1b}b\nc"), "a\\u{1b}b%0Ac");
    }
}
