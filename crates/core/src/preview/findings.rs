//! The one call `preview` makes into the lint engine, and the findings of one file as the
//! pages show them.
//!
//! Everything the preview knows about lint goes through [`session`] and [`findings`]: a
//! [`LiveNewsroom`] kept with the preview, told of each save, so a save re-lints the file
//! saved (and the corpus rules over the facts held), not the newsroom.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::diagnostic::LintReport;
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::error::LoadError;
use crate::lint::{Keep, LiveNewsroom};
use crate::newsroom::Newsroom;

/// The lint session of a loaded newsroom, keeping every file's findings for the pages.
///
/// # Errors
/// [`LoadError`] when the articles directory cannot be listed.
pub(crate) fn session(
    newsroom: &Newsroom,
    now: DateTime<FixedOffset>,
) -> Result<LiveNewsroom, LoadError> {
    LiveNewsroom::load(newsroom.linter(now), Keep::Findings)
}

/// Every finding of every file, sorted, as `copydesk lint` reports it.
pub(crate) fn findings(live: &mut LiveNewsroom) -> LintReport {
    live.report()
}

/// Where on the page a finding is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Section {
    /// The headline (`title`).
    Headline,
    /// The dek.
    Dek,
    /// The byline (`authors`, `desk`).
    Byline,
    /// The updated line (`published`, `updated`, `status`, `read_time`).
    Dateline,
    /// The body text.
    Body,
    /// The `[[updates]]` list.
    Updates,
    /// The `[[sources]]` list.
    Sources,
    /// The related articles.
    Related,
    /// Any other front matter field.
    FrontMatter,
}

/// One finding of a file, numbered in page order.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// 1-based number on the page; `anchor` is built from it.
    pub n: usize,
    /// The id of the finding's entry in the panel (`finding-N`).
    pub anchor: String,
    /// Rule code, e.g. `FM003`.
    pub code: &'static str,
    /// Rule name, e.g. `missing-dek`.
    pub name: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// What is wrong.
    pub message: String,
    /// The fix or a hint, when the rule gives one.
    pub help: Option<String>,
    /// Whether `copydesk lint --fix` can apply a fix.
    pub fixable: bool,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column (characters) in the file.
    pub column: usize,
    /// The front matter key the finding is on (`dek`, `sources`), if it is in the front matter.
    pub field: Option<String>,
    /// Where the page shows it.
    pub section: Section,
    /// Whether the body text carries a highlight for it (set when the body is marked).
    pub marked: bool,
    /// Byte range in the file.
    #[serde(skip)]
    pub(crate) span: (usize, usize),
}

/// The findings of `path` in `report`, numbered in file order, each placed in a page section.
pub(crate) fn for_file(
    report: &LintReport,
    path: &Path,
    text: &str,
    front_matter_end: usize,
) -> Vec<Finding> {
    let index = LineIndex::new(text);
    report
        .diagnostics
        .iter()
        .filter(|diagnostic| &*diagnostic.path == path)
        .enumerate()
        .map(|(i, diagnostic)| finding(i + 1, diagnostic, text, &index, front_matter_end))
        .collect()
}

fn finding(
    n: usize,
    diagnostic: &Diagnostic,
    text: &str,
    index: &LineIndex,
    front_matter_end: usize,
) -> Finding {
    let position = index.position(text, diagnostic.span.start);
    let field = (diagnostic.span.start < front_matter_end)
        .then(|| front_matter_key(text, index, diagnostic.span.start))
        .flatten();
    let section = match field.as_deref() {
        None if diagnostic.span.start >= front_matter_end => Section::Body,
        Some("title") => Section::Headline,
        Some("dek") => Section::Dek,
        Some("authors" | "author" | "desk") => Section::Byline,
        Some("published" | "updated" | "status" | "read_time" | "read-time") => Section::Dateline,
        Some("updates") => Section::Updates,
        Some("sources") => Section::Sources,
        Some("related") => Section::Related,
        _ => Section::FrontMatter,
    };
    Finding {
        n,
        anchor: format!("finding-{n}"),
        code: diagnostic.code.as_str(),
        name: diagnostic.name,
        severity: diagnostic.severity.as_str(),
        message: diagnostic.message.clone(),
        help: diagnostic.help.clone(),
        fixable: diagnostic.fix.is_some(),
        line: position.line,
        column: position.column,
        field,
        section,
        marked: false,
        span: (diagnostic.span.start, diagnostic.span.end),
    }
}

/// The top-level front matter key whose line holds `offset`: the key of a `key = value` line,
/// or the table of the nearest `[table]`/`[[array]]` header above it. A key inside a table
/// (`url` in `[[sources]]`) belongs to the table, which is what the page shows.
fn front_matter_key(text: &str, index: &LineIndex, offset: usize) -> Option<String> {
    let line = index.line_of(offset);
    let mut table = None;
    for header_line in (0..=line).rev() {
        let start = index.line_start(header_line);
        let end = index.line_start(header_line + 1).min(text.len());
        let content = text.get(start..end).unwrap_or_default().trim();
        if let Some(header) = content.strip_prefix('[') {
            let name = header.trim_start_matches('[');
            let name = name.split([']', '.']).next().unwrap_or_default().trim();
            table = Some(name.trim_matches('"').to_string());
            break;
        }
    }
    if table.is_some() {
        return table;
    }
    let start = index.line_start(line);
    let end = index.line_start(line + 1).min(text.len());
    let content = text.get(start..end).unwrap_or_default();
    let key = content.split('=').next()?.trim();
    let key = key
        .split('.')
        .next()
        .unwrap_or(key)
        .trim()
        .trim_matches('"');
    (!key.is_empty() && !key.starts_with("+++") && !key.starts_with('#')).then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_at(text: &str, needle: &str) -> Option<String> {
        let index = LineIndex::new(text);
        front_matter_key(
            text,
            &index,
            text.find(needle)
                .expect("the test text contains the needle"),
        )
    }

    #[test]
    fn key_of_a_plain_line_and_of_a_table_entry() {
        let text = "+++\ntitle = \"T\"\ndek = \"D\"\n\n[[sources]]\nid = \"a\"\nurl = \"x\"\n+++\n";
        assert_eq!(key_at(text, "\"D\"").as_deref(), Some("dek"));
        assert_eq!(key_at(text, "\"T\"").as_deref(), Some("title"));
        assert_eq!(key_at(text, "\"x\"").as_deref(), Some("sources"));
        assert_eq!(key_at(text, "+++").as_deref(), None);
    }
}
