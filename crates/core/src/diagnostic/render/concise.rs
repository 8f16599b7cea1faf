//! `path:line:col: CODE message`, one line each, for editors and grep.

use std::io::{self, Write};

use super::{LintReport, Positions, RenderOptions, escape_controls};

pub(super) fn render(
    report: &LintReport,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut positions = Positions::new(report);
    for diagnostic in &report.diagnostics {
        let start = positions.of(diagnostic).start;
        writeln!(
            out,
            "{}:{}:{}: {} {}",
            escape_controls(&options.display_path(&diagnostic.path)),
            start.line,
            start.column,
            diagnostic.code,
            escape_controls(&one_line(&diagnostic.message))
        )?;
    }
    Ok(())
}

/// Messages are single lines by convention; this keeps the format line-oriented regardless.
pub(crate) fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}
