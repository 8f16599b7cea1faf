//! Checkstyle XML, the shape of Checkstyle 4.3's `XMLLogger`, which Jenkins (Warnings Next
//! Generation), `SonarQube` importers, reviewdog and many CI dashboards read.
//!
//! ```xml
//! <checkstyle version="4.3">
//!   <file name="articles/a.md">
//!     <error line="3" column="1" severity="error" message="…" source="copydesk.FM003"/>
//!   </file>
//! </checkstyle>
//! ```
//!
//! One `<file>` per file with findings, in the report's order; `severity` is Checkstyle's
//! (`error`, `warning`, `info`); `source` names the rule as `copydesk.<CODE>`, which
//! consumers show as the finding's category. Files without findings are not listed: the
//! report does not know their names, only how many there were.

use std::io::{self, Write};

use super::xml::{attribute, writer};
use super::{LintReport, Positions, RenderOptions};

/// The Checkstyle format version the document follows.
const VERSION: &str = "4.3";

pub(super) fn render(
    report: &LintReport,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut writer = writer(out)?;
    let mut positions = Positions::new(report);
    let diagnostics = &report.diagnostics;
    let root = writer
        .create_element("checkstyle")
        .with_attribute(("version", VERSION));
    if diagnostics.is_empty() {
        root.write_empty()?;
    } else {
        root.write_inner_content(|writer| {
            // The report is sorted by path, so each file's findings are one run.
            for run in diagnostics.chunk_by(|a, b| a.path == b.path) {
                let name = options.display_path(&run[0].path);
                writer
                    .create_element("file")
                    .with_attribute(attribute("name", &name))
                    .write_inner_content(|writer| {
                        for diagnostic in run {
                            let start = positions.of(diagnostic).start;
                            writer
                                .create_element("error")
                                .with_attribute(("line", start.line.to_string().as_str()))
                                .with_attribute(("column", start.column.to_string().as_str()))
                                .with_attribute(("severity", diagnostic.severity.as_str()))
                                .with_attribute(attribute("message", &message(diagnostic)))
                                .with_attribute(attribute(
                                    "source",
                                    &format!("copydesk.{}", diagnostic.code),
                                ))
                                .write_empty()?;
                        }
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    }
    writeln!(writer.get_mut())
}

/// The message, with the hint after it: Checkstyle has no field of its own for one.
fn message(diagnostic: &crate::Diagnostic) -> String {
    match &diagnostic.help {
        Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
        None => diagnostic.message.clone(),
    }
}
