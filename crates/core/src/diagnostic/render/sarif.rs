//! SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps, IDE viewers) read.
//!
//! The document is built from the `serde-sarif` types, never by hand. Every rule of the
//! registry is listed under `tool.driver.rules` with its documentation, so a viewer can show
//! it next to a result; results point to their rule by id and index. Columns count Unicode
//! code points, as everywhere in copydesk, and the run says so (`columnKind`).

use std::io::{self, Write};

use serde_sarif::sarif;

use super::{LintReport, Positions, RenderOptions};
use crate::diagnostic::rule::RuleMeta;
use crate::diagnostic::{Applicability, Diagnostic, LineColumn, LineIndex, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> sarif::ResultLevel {
    match severity {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
        Severity::Info => sarif::ResultLevel::Note,
    }
}

fn text(text: impl Into<String>) -> sarif::MultiformatMessageString {
    sarif::MultiformatMessageString::builder()
        .text(text.into())
        .build()
}

fn rules(rules: &[RuleMeta]) -> Vec<sarif::ReportingDescriptor> {
    rules
        .iter()
        .map(|rule| {
            let documentation = rule.documentation();
            let help = sarif::MultiformatMessageString::builder()
                .text(documentation.clone())
                .markdown(documentation.clone())
                .build();
            sarif::ReportingDescriptor::builder()
                .id(rule.code.as_str())
                .name(rule.name)
                .short_description(text(rule.summary))
                .full_description(
                    sarif::MultiformatMessageString::builder()
                        .text(documentation.clone())
                        .markdown(documentation)
                        .build(),
                )
                .help(help)
                .default_configuration(
                    sarif::ReportingConfiguration::builder()
                        .level(serde_json::to_value(level(rule.severity)).unwrap_or_default())
                        .build(),
                )
                .build()
        })
        .collect()
}

fn region(start: LineColumn, end: LineColumn) -> sarif::Region {
    sarif::Region::builder()
        .start_line(to_i64(start.line))
        .start_column(to_i64(start.column))
        .end_line(to_i64(end.line))
        .end_column(to_i64(end.column))
        .build()
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A relative path as a URI reference (`/` separators, reserved characters percent-encoded);
/// an absolute path as a `file:` URI.
fn to_uri(shown: &str) -> String {
    let path = std::path::Path::new(shown);
    if let Some(url) = path
        .is_absolute()
        .then(|| url::Url::from_file_path(path).ok())
        .flatten()
    {
        return url.to_string();
    }
    // Joining onto a dummy base percent-encodes the path the way a URL parser expects;
    // the base is then cut off again.
    let base = url::Url::parse("file:///base/").expect("a fixed valid URL");
    match base.join(shown) {
        Ok(url) => url
            .as_str()
            .strip_prefix(base.as_str())
            .unwrap_or(shown)
            .to_string(),
        Err(_) => shown.to_string(),
    }
}

fn fix(diagnostic: &Diagnostic, text: &str, index: &LineIndex, uri: &str) -> Option<sarif::Fix> {
    let fix = diagnostic.fix.as_ref()?;
    let replacements = fix
        .edits
        .iter()
        .map(|edit| {
            let start = index.position(text, edit.span.start);
            let end = index.position(text, edit.span.end);
            sarif::Replacement::builder()
                .deleted_region(region(start, end))
                .inserted_content(
                    sarif::ArtifactContent::builder()
                        .text(edit.replacement.clone())
                        .build(),
                )
                .build()
        })
        .collect::<Vec<_>>();
    let safety = match fix.applicability {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
    };
    Some(
        sarif::Fix::builder()
            .description(
                sarif::Message::builder()
                    .text(format!("{} ({safety})", fix.title))
                    .build(),
            )
            .artifact_changes(vec![
                sarif::ArtifactChange::builder()
                    .artifact_location(sarif::ArtifactLocation::builder().uri(uri).build())
                    .replacements(replacements)
                    .build(),
            ])
            .build(),
    )
}

fn results(report: &LintReport, options: &RenderOptions, rules: &[RuleMeta]) -> Vec<sarif::Result> {
    let mut positions = Positions::new(report);
    report
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let located = positions.of(diagnostic);
            let (text, start, end) = (located.text, located.start, located.end);
            let uri = to_uri(&options.display_path(&diagnostic.path));
            let location = sarif::Location::builder()
                .physical_location(
                    sarif::PhysicalLocation::builder()
                        .artifact_location(
                            sarif::ArtifactLocation::builder().uri(uri.clone()).build(),
                        )
                        .region(region(start, end))
                        .build(),
                )
                .build();
            let mut message = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let rule_index = rules
                .iter()
                .position(|rule| rule.code == diagnostic.code)
                .map_or(-1, to_i64);
            let fixes: Vec<_> = fix(diagnostic, text, located.index, &uri)
                .into_iter()
                .collect();
            let related: Vec<sarif::Location> = diagnostic
                .related
                .iter()
                .map(|related| {
                    let at = sarif::Region::builder()
                        .start_line(to_i64(related.position.line))
                        .start_column(to_i64(related.position.column))
                        .build();
                    sarif::Location::builder()
                        .physical_location(
                            sarif::PhysicalLocation::builder()
                                .artifact_location(
                                    sarif::ArtifactLocation::builder()
                                        .uri(to_uri(&options.display_path(&related.path)))
                                        .build(),
                                )
                                .region(at)
                                .build(),
                        )
                        .message(
                            sarif::Message::builder()
                                .text(related.message.clone())
                                .build(),
                        )
                        .build()
                })
                .collect();
            let builder = sarif::Result::builder()
                .rule_id(diagnostic.code.as_str())
                .rule_index(rule_index)
                .level(level(diagnostic.severity))
                .message(sarif::Message::builder().text(message).build())
                .locations(vec![location]);
            // Empty lists are left out rather than written as `[]`.
            let mut result = builder.build();
            result.fixes = Some(fixes).filter(|list| !list.is_empty());
            result.related_locations = Some(related).filter(|list| !list.is_empty());
            result
        })
        .collect()
}

/// The SARIF log for `report`.
pub(crate) fn document(
    report: &LintReport,
    options: &RenderOptions,
    rules: &[RuleMeta],
) -> sarif::Sarif {
    let driver = sarif::ToolComponent::builder()
        .name("copydesk")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_REPOSITORY"))
        .rules(self::rules(rules))
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .column_kind(serde_json::Value::from("unicodeCodePoints"))
        .results(results(report, options, rules))
        .build();
    sarif::Sarif::builder()
        .schema(SCHEMA)
        .version(serde_json::Value::from("2.1.0"))
        .runs(vec![run])
        .build()
}

pub(super) fn render(
    report: &LintReport,
    options: &RenderOptions,
    rules: &[RuleMeta],
    out: &mut dyn Write,
) -> io::Result<()> {
    super::escape::write_json(out, &document(report, options, rules))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::RULES;

    #[test]
    fn related_places_become_related_locations() {
        use std::path::Path;
        use std::sync::Arc;

        use crate::diagnostic::{Diagnostic, Related, Span};

        let path: Arc<Path> = Arc::from(Path::new("a.md"));
        let diagnostic = Diagnostic::new(&RULES[0], path.clone(), Span::new(0, 3), "first")
            .with_related(Related {
                path: Arc::from(Path::new("b.md")),
                position: LineColumn { line: 2, column: 7 },
                message: "the other copy".into(),
            });
        let mut sources = crate::SourceMap::new();
        sources.insert(path, Arc::from("+++\n"));
        let report = LintReport::new(vec![diagnostic], sources, 1);
        let log = serde_json::to_value(document(&report, &RenderOptions::default(), RULES))
            .expect("serialises");
        let result = &log["runs"][0]["results"][0];
        assert_eq!(result["ruleId"], RULES[0].code.as_str());
        assert!(result.get("fixes").is_none());
        let related = &result["relatedLocations"][0];
        assert_eq!(related["message"]["text"], "the other copy");
        assert_eq!(
            related["physicalLocation"]["artifactLocation"]["uri"],
            "b.md"
        );
        assert_eq!(related["physicalLocation"]["region"]["startLine"], 2);
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(to_uri("articles/2026/a b.md"), "articles/2026/a%20b.md");
        assert_eq!(to_uri("/tmp/x.md"), "file:///tmp/x.md");
    }
}
