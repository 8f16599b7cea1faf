//! The workflow commands: each plans its edits from the loaded newsroom and returns a
//! [`Plan`]; none writes.

use std::path::Path;

use chrono::{DateTime, Datelike, FixedOffset};
use toml_edit::Value;

use crate::Newsroom;
use crate::article::{Article, Status, UpdateKind};
use crate::diagnostic::Severity;
use crate::id;

use super::edit::{FrontMatterEdit, datetime};
use super::links::{rewrite_article_links, rewrite_markdown_links};
use super::{FileChange, Plan, WorkflowError};

/// Finds the article named by `article`: a slug, or the path of its file (relative to the
/// current directory or to the newsroom root).
///
/// # Errors
/// [`WorkflowError::NotFound`]; [`WorkflowError::Unreadable`] for a file whose front matter
/// does not parse.
pub fn resolve<'n>(newsroom: &'n Newsroom, article: &str) -> Result<&'n Article, WorkflowError> {
    if let Some(found) = newsroom.article(article) {
        return Ok(found);
    }
    // A slug derived from the title may differ from the file stem (FM005): the stem, which
    // the writer sees in the file list, names the article too.
    if let Some(found) = newsroom
        .articles
        .iter()
        .find(|a| a.file_stem() == Some(article))
    {
        return Ok(found);
    }
    let given = Path::new(article);
    let candidates = [
        std::path::absolute(given).ok(),
        Some(newsroom.root.join(given)),
    ];
    for candidate in candidates.into_iter().flatten() {
        let wanted = crate::fs::normalize(&candidate);
        let real = wanted.canonicalize().ok();
        for found in &newsroom.articles {
            let path = crate::fs::normalize(&found.path);
            if path == wanted || (real.is_some() && found.path.canonicalize().ok() == real) {
                return Ok(found);
            }
        }
        if wanted.is_file()
            && newsroom
                .diagnostics
                .iter()
                .any(|d| crate::fs::normalize(&d.path) == wanted)
        {
            return Err(WorkflowError::Unreadable { path: wanted });
        }
    }
    let slugs = newsroom.articles.iter().map(|a| a.slug.as_str());
    Err(WorkflowError::NotFound {
        article: article.to_string(),
        nearest: crate::suggest::nearest(article, slugs).map(str::to_string),
    })
}

fn change(article: &Article, edit: &FrontMatterEdit) -> FileChange {
    FileChange {
        path: article.path.to_path_buf(),
        original: article.source.to_string(),
        text: edit.finish(),
        moved_to: None,
    }
}

fn written(at: DateTime<FixedOffset>) -> String {
    datetime(at).to_string().trim().to_string()
}

/// How to publish.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct PublishOptions {
    /// The publication time; `now` when `None`. A time after `now` schedules the article.
    pub at: Option<DateTime<FixedOffset>>,
    /// The current time (the clock, or `--now`).
    pub now: DateTime<FixedOffset>,
    /// Publish despite lint errors.
    pub force: bool,
}

impl PublishOptions {
    /// Publish now, with the lint gate.
    pub fn new(now: DateTime<FixedOffset>) -> PublishOptions {
        PublishOptions {
            at: None,
            now,
            force: false,
        }
    }
}

/// `publish`: sets `status = "published"` and `published`, or `status = "scheduled"` for a
/// future `at`.
///
/// The lint gate lints the newsroom with the article as it would be written, and refuses
/// while the article has errors: its own findings and the corpus findings about it (a
/// duplicate slug, a broken cross-reference). `force` skips the gate.
///
/// # Errors
/// [`WorkflowError::WrongStatus`] for a published or retracted article,
/// [`WorkflowError::LintErrors`] from the gate.
pub fn publish(
    newsroom: &Newsroom,
    article: &str,
    options: PublishOptions,
) -> Result<Plan, WorkflowError> {
    let article = resolve(newsroom, article)?;
    match article.status {
        Status::Published => {
            return Err(WorkflowError::WrongStatus {
                slug: article.slug.clone(),
                status: article.status,
                hint: "an already published article is changed with `copydesk update` or `copydesk correct`",
            });
        }
        Status::Retracted => {
            return Err(WorkflowError::WrongStatus {
                slug: article.slug.clone(),
                status: article.status,
                hint: "a retracted article is not published again; write a new one",
            });
        }
        Status::Draft | Status::Review | Status::Scheduled => {}
    }
    let at = options.at.unwrap_or(options.now);
    let status = if at > options.now {
        Status::Scheduled
    } else {
        Status::Published
    };
    let mut edit = FrontMatterEdit::new(article)?;
    edit.set("status", status.as_str());
    edit.set_datetime("published", at);
    let change = change(article, &edit);
    if !options.force {
        let mut preview = newsroom.clone();
        preview.set_article_text(&article.path, &change.text);
        let errors: Vec<_> = preview
            .lint(options.now)
            .diagnostics
            .into_iter()
            .filter(|d| *d.path == *article.path && d.severity == Severity::Error)
            .collect();
        if !errors.is_empty() {
            return Err(WorkflowError::LintErrors {
                path: article.path.to_path_buf(),
                diagnostics: errors,
                text: change.text,
            });
        }
    }
    let verb = if status == Status::Scheduled {
        "scheduled"
    } else {
        "published"
    };
    Ok(Plan {
        summary: vec![format!(
            "{verb} {}: status = \"{status}\", published = {}",
            article.slug,
            written(at)
        )],
        changes: vec![change],
    })
}

/// The scheduled articles whose `published` time is at or before `now`, oldest first.
pub fn due(newsroom: &Newsroom, now: DateTime<FixedOffset>) -> Vec<&Article> {
    let mut due: Vec<&Article> = newsroom
        .articles
        .iter()
        .filter(|a| a.status == Status::Scheduled && a.published.is_some_and(|p| p <= now))
        .collect();
    due.sort_by_key(|a| (a.published, a.path.clone()));
    due
}

/// `due --apply`: publishes every due article (`status = "published"`, `published` kept).
/// The lint gate ran when the article was scheduled, so it does not run again here: a cron
/// job must not leave an article unpublished past its time.
///
/// # Errors
/// [`WorkflowError::Unreadable`] for a due article whose TOML `toml_edit` cannot read.
pub fn due_apply(newsroom: &Newsroom, now: DateTime<FixedOffset>) -> Result<Plan, WorkflowError> {
    let mut plan = Plan::default();
    for article in due(newsroom, now) {
        let mut edit = FrontMatterEdit::new(article)?;
        edit.set("status", Status::Published.as_str());
        plan.changes.push(change(article, &edit));
        plan.summary.push(format!(
            "published {} (scheduled for {})",
            article.slug,
            article.published.map(written).unwrap_or_default()
        ));
    }
    Ok(plan)
}

/// An entry to add to the update timeline.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct UpdateOptions {
    /// What changed, in Markdown.
    pub text: String,
    /// Update, correction or clarification.
    pub kind: UpdateKind,
    /// A listed source backing it.
    pub source: Option<String>,
    /// When; `now` when `None`.
    pub at: Option<DateTime<FixedOffset>>,
    /// The current time.
    pub now: DateTime<FixedOffset>,
}

impl UpdateOptions {
    /// An entry of `kind` with `text`, made now.
    pub fn new(text: impl Into<String>, kind: UpdateKind, now: DateTime<FixedOffset>) -> Self {
        UpdateOptions {
            text: text.into(),
            kind,
            source: None,
            at: None,
            now,
        }
    }
}

/// `update` and `correct`: appends an `[[updates]]` entry and sets `updated` to its time.
///
/// Refuses what would break the timeline rules: an article not yet public, a time before
/// `published` (TL004) or before the latest entry (TL003). Setting `updated` keeps TL005 clean.
///
/// # Errors
/// [`WorkflowError::WrongStatus`], [`WorkflowError::Timeline`],
/// [`WorkflowError::UnknownSource`], [`WorkflowError::InvalidValue`] for an empty text.
pub fn update(
    newsroom: &Newsroom,
    article: &str,
    options: &UpdateOptions,
) -> Result<Plan, WorkflowError> {
    let article = resolve(newsroom, article)?;
    if article.status != Status::Published {
        return Err(WorkflowError::WrongStatus {
            slug: article.slug.clone(),
            status: article.status,
            hint: "only a published article gets updates; edit a draft directly, or publish it first",
        });
    }
    let text = options.text.trim();
    if text.is_empty() {
        return Err(WorkflowError::InvalidValue(
            "the update text is empty; say what changed".into(),
        ));
    }
    let at = options.at.unwrap_or(options.now);
    if let Some(published) = article.published
        && at < published
    {
        return Err(WorkflowError::Timeline(format!(
            "the update time {} is before `published` {} of `{}`",
            written(at),
            written(published),
            article.slug
        )));
    }
    if let Some(latest) = article.updates.iter().map(|u| u.at).max()
        && at < latest
    {
        return Err(WorkflowError::Timeline(format!(
            "the update time {} is before the latest update ({}) of `{}`",
            written(at),
            written(latest),
            article.slug
        )));
    }
    if let Some(source) = &options.source
        && article.source_by_id(source).is_none()
    {
        return Err(WorkflowError::UnknownSource {
            slug: article.slug.clone(),
            id: source.clone(),
        });
    }
    let mut edit = FrontMatterEdit::new(article)?;
    let mut entry = vec![
        ("at", datetime(at)),
        ("kind", Value::from(options.kind.as_str())),
        ("text", Value::from(text)),
    ];
    if let Some(source) = &options.source {
        entry.push(("source", Value::from(source.as_str())));
    }
    edit.push_table("updates", &entry);
    // `updated` only moves forward: an older entry never hides a later `updated`.
    if article.updated.is_none_or(|u| u < at) {
        edit.set_datetime("updated", at);
    }
    Ok(Plan {
        summary: vec![format!(
            "{} {}: [[updates]] at {}, updated = {}",
            match options.kind {
                UpdateKind::Update => "updated",
                UpdateKind::Correction => "corrected",
                UpdateKind::Clarification => "clarified",
            },
            article.slug,
            written(at),
            written(article.updated.map_or(at, |u| u.max(at)))
        )],
        changes: vec![change(article, &edit)],
    })
}

/// `retract`: sets `status = "retracted"` and `[retraction] at, reason`.
///
/// # Errors
/// [`WorkflowError::WrongStatus`] unless the article is published,
/// [`WorkflowError::InvalidValue`] for an empty reason, [`WorkflowError::Timeline`] for a
/// time before `published`.
pub fn retract(
    newsroom: &Newsroom,
    article: &str,
    reason: &str,
    at: Option<DateTime<FixedOffset>>,
    now: DateTime<FixedOffset>,
) -> Result<Plan, WorkflowError> {
    let article = resolve(newsroom, article)?;
    if article.status != Status::Published {
        return Err(WorkflowError::WrongStatus {
            slug: article.slug.clone(),
            status: article.status,
            hint: "only a published article is retracted; an unpublished one can simply be deleted",
        });
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(WorkflowError::InvalidValue(
            "the retraction reason is empty; readers are owed one".into(),
        ));
    }
    let at = at.unwrap_or(now);
    if let Some(published) = article.published
        && at < published
    {
        return Err(WorkflowError::Timeline(format!(
            "the retraction time {} is before `published` {}",
            written(at),
            written(published)
        )));
    }
    let mut edit = FrontMatterEdit::new(article)?;
    edit.set("status", Status::Retracted.as_str());
    edit.set_in_table("retraction", "at", datetime(at));
    edit.set_in_table("retraction", "reason", reason);
    Ok(Plan {
        summary: vec![format!(
            "retracted {}: status = \"retracted\", [retraction] at = {}",
            article.slug,
            written(at)
        )],
        changes: vec![change(article, &edit)],
    })
}

/// A source to add with `add-source`.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct NewSource {
    /// Absolute http(s) URL.
    pub url: String,
    /// Title; the URL when not given.
    pub title: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date (`2025-01-21`) or datetime.
    pub published: Option<crate::date::DateOrDateTime>,
    /// Id; made from the publisher (or the URL's host) and the year when not given.
    pub id: Option<String>,
}

impl NewSource {
    /// A source at `url`, everything else defaulted.
    pub fn new(url: impl Into<String>) -> NewSource {
        NewSource {
            url: url.into(),
            ..NewSource::default()
        }
    }
}

/// What `add-source` planned: the edit, and the id and Markdown to cite the source with.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AddedSource {
    /// The edit.
    pub plan: Plan,
    /// The new source's id.
    pub id: String,
    /// `[…](source:ID)`, ready to paste.
    pub citation: String,
}

/// `add-source`: appends a `[[sources]]` entry with a unique id.
///
/// # Errors
/// [`WorkflowError::DuplicateUrl`] when the article already lists the URL;
/// [`WorkflowError::InvalidValue`] for a URL that is not absolute http(s) or an id that is not
/// kebab-case or already used.
pub fn add_source(
    newsroom: &Newsroom,
    article: &str,
    source: &NewSource,
    now: DateTime<FixedOffset>,
) -> Result<AddedSource, WorkflowError> {
    let article = resolve(newsroom, article)?;
    let url = source.url.trim();
    if !id::is_web_url(url) {
        return Err(WorkflowError::InvalidValue(format!(
            "`{url}` is not an absolute http(s) URL"
        )));
    }
    if let Some(listed) = article
        .sources
        .iter()
        .find(|s| s.url.as_deref().is_some_and(|u| same_url(u, url)))
    {
        return Err(WorkflowError::DuplicateUrl {
            url: url.to_string(),
            id: listed.id.clone(),
        });
    }
    let taken = |candidate: &str| article.sources.iter().any(|s| s.id == candidate);
    let source_id = match &source.id {
        Some(given) => {
            if !id::is_kebab_case(given) {
                return Err(WorkflowError::InvalidValue(format!(
                    "source id `{given}` must be lowercase kebab-case"
                )));
            }
            if taken(given) {
                return Err(WorkflowError::InvalidValue(format!(
                    "`{}` already lists a source `{given}`; pick another --id",
                    article.slug
                )));
            }
            given.clone()
        }
        None => {
            let year = source.published.as_ref().map_or(now.year(), year_of);
            let who = source
                .publisher
                .as_deref()
                .map(id::slugify)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| host_id(url));
            let base = format!("{who}-{year}");
            let mut candidate = base.clone();
            let mut n = 2;
            while taken(&candidate) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            candidate
        }
    };
    let title = source
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(url);
    let mut entry = vec![
        ("id", Value::from(source_id.as_str())),
        ("title", Value::from(title)),
        ("url", Value::from(url)),
    ];
    if let Some(publisher) = &source.publisher {
        entry.push(("publisher", Value::from(publisher.as_str())));
    }
    if let Some(published) = &source.published {
        entry.push(("published", date_value(published)));
    }
    let mut edit = FrontMatterEdit::new(article)?;
    edit.push_table("sources", &entry);
    let citation = format!("[{title}](source:{source_id})");
    Ok(AddedSource {
        plan: Plan {
            summary: vec![format!("added source `{source_id}` to {}", article.slug)],
            changes: vec![change(article, &edit)],
        },
        id: source_id,
        citation,
    })
}

fn year_of(date: &crate::date::DateOrDateTime) -> i32 {
    match date {
        crate::date::DateOrDateTime::Date(d) => d.year(),
        crate::date::DateOrDateTime::DateTime(t) => t.year(),
    }
}

fn date_value(date: &crate::date::DateOrDateTime) -> Value {
    match date {
        crate::date::DateOrDateTime::DateTime(t) => datetime(*t),
        crate::date::DateOrDateTime::Date(d) => {
            let parsed: toml_edit::Datetime = d
                .format("%Y-%m-%d")
                .to_string()
                .parse()
                .expect("a formatted date is a TOML date");
            Value::from(parsed)
        }
    }
}

/// The URL's host without `www.`, as an id (`blogs-microsoft-com`).
fn host_id(url: &str) -> String {
    let host = url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    let slug = id::slugify(host.strip_prefix("www.").unwrap_or(&host));
    if slug.is_empty() {
        "source".into()
    } else {
        slug
    }
}

/// Whether two URLs name one document: equal after parsing (case of scheme and host, default
/// port) and ignoring a trailing slash and a fragment.
fn same_url(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        url::Url::parse(s).map_or_else(
            |_| s.trim_end_matches('/').to_string(),
            |mut u| {
                u.set_fragment(None);
                u.as_str().trim_end_matches('/').to_string()
            },
        )
    };
    norm(a) == norm(b)
}

/// `rename`: moves the article's file to `NEW-SLUG` (same directory and extension), sets
/// `slug`, adds the old slug to `aliases`, and rewrites every `article:OLD` link (in bodies and
/// in `[[updates]]` texts) and `related` entry in the newsroom. The plan changes all these files or none.
///
/// # Errors
/// [`WorkflowError::InvalidValue`] for a slug that is not kebab-case or unchanged;
/// [`WorkflowError::SlugTaken`] when another article has it as slug or alias, or a file
/// already exists at the new path.
pub fn rename(newsroom: &Newsroom, article: &str, new_slug: &str) -> Result<Plan, WorkflowError> {
    let target = resolve(newsroom, article)?;
    let old = target.slug.clone();
    if !id::is_kebab_case(new_slug) {
        let hint = id::slugify(new_slug);
        return Err(WorkflowError::InvalidValue(format!(
            "slug `{new_slug}` must be lowercase kebab-case (letters, digits, single hyphens); try `{hint}`"
        )));
    }
    if new_slug == old {
        return Err(WorkflowError::InvalidValue(format!(
            "`{old}` already has that slug"
        )));
    }
    for other in &newsroom.articles {
        if other.path == target.path {
            continue;
        }
        if other.slug == new_slug || other.aliases.iter().any(|a| a == new_slug) {
            return Err(WorkflowError::SlugTaken {
                slug: new_slug.to_string(),
                owner: other.path.to_path_buf(),
            });
        }
    }
    let extension = target
        .path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("md");
    let new_path = target
        .path
        .with_file_name(format!("{new_slug}.{extension}"));
    if new_path.exists() {
        return Err(WorkflowError::SlugTaken {
            slug: new_slug.to_string(),
            owner: new_path,
        });
    }
    let mut plan = Plan::default();
    let mut others = 0;
    for article in &newsroom.articles {
        let is_target = article.path == target.path;
        let mut edit = FrontMatterEdit::new(article)?;
        let related = edit.replace_in_array("related", &old, new_slug);
        // Update notes are Markdown too, and the lint rules follow their links.
        let update_links = edit.rewrite_update_texts(|text| {
            rewrite_markdown_links(text, &old, new_slug).map(|(text, _)| text)
        });
        if is_target {
            edit.set("slug", new_slug);
            // Renaming back to a former slug takes it out of the aliases.
            edit.remove_from_array("aliases", new_slug);
            if !article.aliases.contains(&old) {
                edit.push_to_array("aliases", &old);
            }
        }
        let text = edit.finish();
        let (text, links) = rewrite_article_links(&text, &old, new_slug);
        if !is_target && !related && links == 0 && update_links == 0 {
            continue;
        }
        if !is_target {
            others += 1;
        }
        plan.changes.push(FileChange {
            path: article.path.to_path_buf(),
            original: article.source.to_string(),
            text,
            moved_to: is_target.then(|| new_path.clone()),
        });
    }
    // The moved file first: if its new path cannot be created, nothing else was touched.
    plan.changes.sort_by_key(|c| c.moved_to.is_none());
    plan.summary.push(format!(
        "renamed {old} to {new_slug}: {} -> {}; `{old}` kept as an alias; links rewritten in {others} other article(s)",
        target.path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
        new_path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
    ));
    Ok(plan)
}
