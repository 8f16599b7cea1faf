//! `list`: the editor's budget, one row per article, newest first, as a table, JSON or CSV.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use serde::Serialize;

use crate::Newsroom;
use crate::article::{Article, Status};
use crate::config::Config;
use crate::error::Error;
use crate::lint::{FindingCounts, LintRequest, LintRun, Linter, Report};
use crate::read_time::ReadTime;
use crate::workflow::WorkflowError;

/// Which articles to list. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ListFilter {
    /// Any of these statuses.
    pub statuses: Vec<Status>,
    /// This desk id.
    pub desk: Option<String>,
    /// An author id, or an author's name (case-insensitive).
    pub author: Option<String>,
    /// Published (or, for undated articles, nothing) on or after this date.
    pub since: Option<NaiveDate>,
}

/// One article in the list; the JSON shape is `schemas/list.schema.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(title = "copydesk list row")]
#[non_exhaustive]
pub struct ListRow {
    /// The file, relative to the newsroom root, with `/` separators.
    pub path: String,
    /// The slug.
    pub slug: String,
    /// The headline.
    pub title: String,
    /// The workflow status.
    pub status: Status,
    /// First publication (or scheduled time), RFC 3339.
    pub published: Option<String>,
    /// Last update, RFC 3339.
    pub updated: Option<String>,
    /// Desk id.
    pub desk: Option<String>,
    /// Author ids.
    pub authors: Vec<String>,
    /// Prose words of the body.
    pub words: usize,
    /// Read time in minutes (the front matter's override when set).
    pub read_time: u32,
    /// Sources listed.
    pub sources: usize,
    /// Lint errors in the file.
    pub errors: usize,
    /// Lint warnings in the file.
    pub warnings: usize,
}

/// Output format of [`render_list`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum ListFormat {
    /// Aligned columns for a terminal.
    #[default]
    Table,
    /// A JSON array of rows (`schemas/list.schema.json`).
    Json,
    /// CSV with a header row.
    Csv,
}

/// The articles matching `filter`, newest first (by `published`; undated drafts first, as the
/// newest work), then by path. Lint counts are for `now`, from a full lint of the newsroom;
/// [`list_indexed`] takes them from the lint index instead.
pub fn list(newsroom: &Newsroom, filter: &ListFilter, now: DateTime<FixedOffset>) -> Vec<ListRow> {
    if select(newsroom, filter).is_empty() {
        return Vec::new();
    }
    let mut counts: BTreeMap<Arc<Path>, FindingCounts> = BTreeMap::new();
    for diagnostic in &newsroom.lint(now).diagnostics {
        counts
            .entry(diagnostic.path.clone())
            .or_default()
            .add(diagnostic.severity);
    }
    list_with_counts(newsroom, filter, &counts)
}

/// [`list`] for the newsroom of `linter`, streaming: each article file is read and parsed on a
/// worker thread and only its row is kept (never the newsroom's texts), and the lint counts
/// come from one [`Linter::lint`] run that reports nothing but counts; with the lint index
/// enabled ([`Linter::with_index`]) they come from it where it still holds: a warm run lints
/// only the articles changed since the index was written, and the corpus rules run on every
/// article's stored facts, so the counts are those of a full `copydesk lint`. The index is
/// written back. Files that are not articles (unreadable, no front
/// matter) have no row, as in [`list`].
///
/// # Errors
/// [`Error::Load`] when the article files or the authors cannot be listed or read.
pub fn list_indexed(
    linter: &Linter,
    filter: &ListFilter,
) -> Result<(Vec<ListRow>, LintRun), Error> {
    use rayon::prelude::*;
    let (root, config) = (linter.root(), linter.config());
    let authors = linter.authors();
    check_filter(filter, config, authors)?;
    let files = crate::list_article_files(root, &root.join(&config.paths.articles))?;
    let author_ids = filter
        .author
        .as_deref()
        .map(|wanted| resolve_author(authors, wanted));
    // Each row keeps its file's path to find its counts (the row's own path is for display).
    let rows: Vec<(&PathBuf, Option<DateTime<FixedOffset>>, ListRow)> = files
        .par_iter()
        .filter_map(|path| {
            let bytes =
                crate::lint::source::read_checked(root, path, config.limits.max_file_bytes).ok()?;
            let text = std::str::from_utf8(&bytes).ok()?;
            let article = Article::parse(path, text).article?;
            is_selected(&article, filter, author_ids.as_deref())
                .then(|| (path, article.published, row(root, config, &article)))
        })
        .collect();
    // Every file's counts, none of its findings: what a full `copydesk lint` would count.
    let counted = linter.lint(&LintRequest::newsroom().report(Report::CountsOnly))?;
    let rows = rows
        .into_iter()
        .map(|(path, published, mut row)| {
            let found = counted
                .counts
                .get(path.as_path())
                .copied()
                .unwrap_or_default();
            row.errors = found.errors;
            row.warnings = found.warnings;
            (published, row)
        })
        .collect();
    Ok((sorted(rows), counted))
}

fn is_selected(article: &Article, filter: &ListFilter, author_ids: Option<&[String]>) -> bool {
    (filter.statuses.is_empty() || filter.statuses.contains(&article.status))
        && (filter.desk.is_none() || article.desk == filter.desk)
        && author_ids.is_none_or(|ids| article.authors.iter().any(|id| ids.contains(id)))
        && filter
            .since
            .is_none_or(|since| article.published.is_some_and(|p| p.date_naive() >= since))
}

fn select<'a>(newsroom: &'a Newsroom, filter: &ListFilter) -> Vec<&'a Article> {
    let author_ids = filter
        .author
        .as_deref()
        .map(|wanted| resolve_author(&newsroom.authors, wanted));
    newsroom
        .articles
        .iter()
        .filter(|a| is_selected(a, filter, author_ids.as_deref()))
        .collect()
}

/// The rows of the articles matching `filter`, with the finding counts of each file.
fn list_with_counts(
    newsroom: &Newsroom,
    filter: &ListFilter,
    counts: &BTreeMap<Arc<Path>, FindingCounts>,
) -> Vec<ListRow> {
    let rows = select(newsroom, filter)
        .into_iter()
        .map(|article| {
            let mut row = row(&newsroom.root, &newsroom.config, article);
            let found = counts.get(&*article.path).copied().unwrap_or_default();
            row.errors = found.errors;
            row.warnings = found.warnings;
            (article.published, row)
        })
        .collect();
    sorted(rows)
}

/// The row of `article`, without lint counts.
fn row(root: &Path, config: &Config, article: &Article) -> ListRow {
    let time = ReadTime::estimate_markdown(article.body(), &config.read_time)
        .with_override(article.read_time);
    ListRow {
        path: article
            .path
            .strip_prefix(root)
            .unwrap_or(&article.path)
            .to_string_lossy()
            .replace('\\', "/"),
        slug: article.slug.clone(),
        title: article.title.clone(),
        status: article.status,
        published: article.published.map(rfc3339),
        updated: article.updated.map(rfc3339),
        desk: article.desk.clone(),
        authors: article.authors.clone(),
        words: time.words + time.cjk_characters,
        read_time: time.minutes,
        sources: article.sources.len(),
        errors: 0,
        warnings: 0,
    }
}

/// Newest first (by `published`; undated drafts first, as the newest work), then by path.
fn sorted(mut rows: Vec<(Option<DateTime<FixedOffset>>, ListRow)>) -> Vec<ListRow> {
    rows.sort_by(|(a_time, a), (b_time, b)| {
        let key = |t: &Option<DateTime<FixedOffset>>| t.map(|t| std::cmp::Reverse(t.to_utc()));
        // `None` sorts before `Some`: undated articles come first.
        key(a_time)
            .cmp(&key(b_time))
            .then_with(|| a.path.cmp(&b.path))
    });
    rows.into_iter().map(|(_, row)| row).collect()
}

/// Refuses a desk or author the newsroom does not have: a misspelt filter would list nothing
/// and look like an empty newsroom.
fn check_filter(
    filter: &ListFilter,
    config: &crate::Config,
    authors: &BTreeMap<String, crate::author::Author>,
) -> Result<(), WorkflowError> {
    let unknown = |what: &str, given: &str, known: Vec<&str>| {
        let hint = match crate::suggest::nearest(given, known.iter().copied()) {
            Some(best) => crate::suggest::did_you_mean(best),
            None if known.is_empty() => format!("the newsroom has no {what}s"),
            None => format!("the {what}s are {}", known.join(", ")),
        };
        WorkflowError::InvalidValue(format!("unknown {what} `{given}`; {hint}"))
    };
    if let Some(desk) = &filter.desk
        && !config.desks.contains_key(desk)
    {
        return Err(unknown(
            "desk",
            desk,
            config.desks.keys().map(String::as_str).collect(),
        ));
    }
    if let Some(wanted) = &filter.author
        && resolve_author(authors, wanted)
            .iter()
            .all(|id| !authors.contains_key(id))
    {
        return Err(unknown(
            "author",
            wanted,
            authors.keys().map(String::as_str).collect(),
        ));
    }
    Ok(())
}

/// The author ids `wanted` names: the id itself, or every author whose name matches it
/// case-insensitively.
fn resolve_author(authors: &BTreeMap<String, crate::author::Author>, wanted: &str) -> Vec<String> {
    let mut ids: Vec<String> = authors
        .values()
        .filter(|a| a.name.to_lowercase() == wanted.trim().to_lowercase())
        .map(|a| a.id.clone())
        .collect();
    ids.push(wanted.to_string());
    ids
}

fn rfc3339(at: DateTime<FixedOffset>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Renders `rows` in `format`.
///
/// # Panics
/// Never: rows are strings and numbers, written to memory.
pub fn render_list(rows: &[ListRow], format: ListFormat) -> String {
    match format {
        ListFormat::Json => {
            let mut text =
                serde_json::to_string_pretty(rows).expect("rows are strings and numbers");
            text.push('\n');
            text
        }
        ListFormat::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer
                .write_record([
                    "path",
                    "slug",
                    "title",
                    "status",
                    "published",
                    "updated",
                    "desk",
                    "authors",
                    "words",
                    "read_time",
                    "sources",
                    "errors",
                    "warnings",
                ])
                .expect("writing to memory does not fail");
            for row in rows {
                writer
                    .write_record(cells(row))
                    .expect("writing to memory does not fail");
            }
            let bytes = writer
                .into_inner()
                .expect("flushing to memory does not fail");
            String::from_utf8(bytes).expect("CSV of UTF-8 cells is UTF-8")
        }
        ListFormat::Table => table(rows),
    }
}

fn cells(row: &ListRow) -> [String; 13] {
    [
        row.path.clone(),
        row.slug.clone(),
        row.title.clone(),
        row.status.to_string(),
        row.published.clone().unwrap_or_default(),
        row.updated.clone().unwrap_or_default(),
        row.desk.clone().unwrap_or_default(),
        row.authors.join(" "),
        row.words.to_string(),
        row.read_time.to_string(),
        row.sources.to_string(),
        row.errors.to_string(),
        row.warnings.to_string(),
    ]
}

/// Columns an editor scans: the path and authors are in the JSON and CSV.
fn table(rows: &[ListRow]) -> String {
    use unicode_segmentation::UnicodeSegmentation as _;
    let header = [
        "STATUS",
        "PUBLISHED",
        "SLUG",
        "DESK",
        "WORDS",
        "MIN",
        "SRC",
        "ERR",
        "WARN",
        "TITLE",
    ];
    let lines: Vec<[String; 10]> = rows
        .iter()
        .map(|row| {
            [
                row.status.to_string(),
                row.published
                    .as_deref()
                    .map_or_else(|| "-".into(), |p| p.chars().take(16).collect()),
                row.slug.clone(),
                row.desk.clone().unwrap_or_else(|| "-".into()),
                row.words.to_string(),
                row.read_time.to_string(),
                row.sources.to_string(),
                row.errors.to_string(),
                row.warnings.to_string(),
                // One line per row: control characters in a title never reach the terminal.
                row.title
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect(),
            ]
        })
        .collect();
    let width = |i: usize| {
        lines
            .iter()
            .map(|l| l[i].graphemes(true).count())
            .chain([header[i].len()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(width).collect();
    let mut out = String::new();
    let mut push = |cells: &[&str]| {
        let mut line = String::new();
        for (i, cell) in cells.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < cells.len() {
                let pad = widths[i] - cell.graphemes(true).count() + 2;
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    push(&header);
    for line in &lines {
        let cells: Vec<&str> = line.iter().map(String::as_str).collect();
        push(&cells);
    }
    out
}
