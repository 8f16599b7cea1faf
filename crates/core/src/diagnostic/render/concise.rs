//! `path:line:col: CODE message`, one line each, for editors and grep.

use std::io::{self, Write};

use super::{LintReport, Positions, RenderOptions};

pub(super) fn render(
    report: &LintReport,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut positions = Positions::new(report);
    for diagnostic in &report.diagnostics {
        let (_, start, _) = positions.of(diagnostic);
        writeln!(
            out,
            "{}:{}:{}: {} {}",
            options.display_path(&diagnostic.path),
            start.line,
            start.column,
            diagnostic.code,
            one_line(&diagnostic.message)
        )?;
    }
    Ok(())
}

/// Messages are single lines by convention; this keeps the format line-oriented regardless.
pub(crate) fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}
