//! `JUnit` XML, the test-report format Jenkins, GitLab (`artifacts:reports:junit`), Azure
//! Pipelines and most CI dashboards show.
//!
//! Each file with findings is a `<testsuite>` named by its path, and each finding a
//! `<testcase>` that failed: its `<failure>` carries the rule code as `type`, the message as
//! `message` and the `path:line:column: CODE message` line (and the hint) as text. A run
//! without findings is one passing test case, `copydesk lint`, since Jenkins' `junit` step
//! treats a report with no test cases at all as an error. Times are `0`: linting one file
//! is not timed, and a clock in the output would make it differ on every run.
//!
//! The document follows the `JUnit` schema Jenkins' xUnit plugin validates against
//! (`junit-10.xsd`), which a test checks with `xmllint --schema`.

use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::BytesText;

use super::xml::{attribute, visible, writer};
use super::{LintReport, Positions, RenderOptions};
use crate::Diagnostic;

pub(super) fn render(
    report: &LintReport,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut writer = writer(out)?;
    let diagnostics = &report.diagnostics;
    let failures = diagnostics.len().to_string();
    writer
        .create_element("testsuites")
        .with_attribute(("name", "copydesk"))
        .with_attribute(("tests", diagnostics.len().max(1).to_string().as_str()))
        .with_attribute(("failures", failures.as_str()))
        .with_attribute(("errors", "0"))
        .with_attribute(("time", "0"))
        .write_inner_content(|writer| {
            if diagnostics.is_empty() {
                return clean_suite(writer);
            }
            let mut positions = Positions::new(report);
            // The report is sorted by path, so each file's findings are one run.
            for run in diagnostics.chunk_by(|a, b| a.path == b.path) {
                let path = options.display_path(&run[0].path);
                let count = run.len().to_string();
                writer
                    .create_element("testsuite")
                    .with_attribute(attribute("name", &path))
                    .with_attribute(("tests", count.as_str()))
                    .with_attribute(("failures", count.as_str()))
                    .with_attribute(("errors", "0"))
                    .with_attribute(("time", "0"))
                    .write_inner_content(|writer| {
                        for diagnostic in run {
                            let start = positions.of(diagnostic).start;
                            let at = format!("{}:{}", start.line, start.column);
                            test_case(writer, diagnostic, &path, &at)?;
                        }
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    writeln!(writer.get_mut())
}

fn test_case(
    writer: &mut Writer<&mut dyn Write>,
    diagnostic: &Diagnostic,
    path: &str,
    at: &str,
) -> io::Result<()> {
    let mut text = format!("{path}:{at}: {} {}", diagnostic.code, diagnostic.message);
    if let Some(help) = &diagnostic.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    writer
        .create_element("testcase")
        .with_attribute(attribute(
            "name",
            &format!("{} {} at {at}", diagnostic.code, diagnostic.name),
        ))
        .with_attribute(attribute("classname", &class_name(path)))
        .with_attribute(("time", "0"))
        .write_inner_content(|writer| {
            writer
                .create_element("failure")
                .with_attribute(attribute("type", diagnostic.code.as_str()))
                .with_attribute(attribute("message", &diagnostic.message))
                .write_text_content(BytesText::new(&visible(&text)))?;
            Ok(())
        })?;
    Ok(())
}

/// The suite of a run without findings: one passing case, so consumers see a report. Its
/// name stays the same from run to run, so CI history tracks it as one test.
fn clean_suite(writer: &mut Writer<&mut dyn Write>) -> io::Result<()> {
    writer
        .create_element("testsuite")
        .with_attribute(("name", "copydesk"))
        .with_attribute(("tests", "1"))
        .with_attribute(("failures", "0"))
        .with_attribute(("errors", "0"))
        .with_attribute(("time", "0"))
        .write_inner_content(|writer| {
            writer
                .create_element("testcase")
                .with_attribute(("name", "copydesk lint"))
                .with_attribute(("classname", "copydesk"))
                .with_attribute(("time", "0"))
                .write_empty()?;
            Ok(())
        })?;
    Ok(())
}

/// The test class of a file's cases: its path without the extension. Jenkins splits a class
/// name at its last `.` into package and class, which would make `md` the class of every
/// article.
fn class_name(path: &str) -> String {
    let name_start = path.rfind('/').map_or(0, |slash| slash + 1);
    match path[name_start..].rfind('.') {
        Some(dot) if dot > 0 => path[..name_start + dot].to_string(),
        _ => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_drop_the_extension_only() {
        assert_eq!(class_name("articles/2026/a.md"), "articles/2026/a");
        assert_eq!(class_name("v1.2/notes"), "v1.2/notes");
        assert_eq!(class_name(".hidden"), ".hidden");
        assert_eq!(class_name("a.b.md"), "a.b");
    }
}
