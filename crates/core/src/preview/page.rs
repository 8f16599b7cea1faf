//! The pages of the preview: the budget and each article, rendered with minijinja from the
//! export model and the lint findings.
//!
//! The HTTP server (in the CLI) only routes requests to [`Preview`]'s methods; everything a
//! page shows is decided here, so another front end (an editor plugin) gets the same pages.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, FixedOffset};
use minijinja::{Environment, context};
use serde::Serialize;

use super::findings::{self, Finding, Section};
use super::marks;
use crate::article::{Article, Status};
use crate::diagnostic::render::{DiagnosticFormat, RenderOptions};
use crate::diagnostic::{Diagnostic, LintReport};
use crate::error::LoadError;
use crate::export::{ExportArticle, ExportOptions, Model};
use crate::lint::{FileKind, LiveNewsroom};
use crate::newsroom::Newsroom;
use crate::render;

/// Where a newsroom keeps its own article template.
pub const ARTICLE_TEMPLATE: &str = "templates/preview/article.html";

/// The largest newsroom template read, in bytes.
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

const BASE: &str = include_str!("templates/base.html");
const BUDGET: &str = include_str!("templates/budget.html");
const ARTICLE: &str = include_str!("templates/article.html");
const ERROR: &str = include_str!("templates/error.html");

/// The stylesheet every page links to, served by the preview itself.
pub const STYLESHEET: &str = include_str!("templates/preview.css");
/// The script that reloads a page when the newsroom changes (server-sent events).
pub const SCRIPT: &str = include_str!("templates/preview.js");

/// A loaded newsroom with its findings, ready to render pages from.
#[derive(Debug)]
pub struct Preview {
    newsroom: Newsroom,
    /// The lint session, told of each save ([`Preview::refresh`]). Behind a lock so the
    /// whole newsroom's findings can be worked out ([`Preview::full_report`]) while pages
    /// are served from the report held.
    session: Mutex<LiveNewsroom>,
    report: LintReport,
    now: DateTime<FixedOffset>,
    /// The newsroom's own article template, or why it could not be read.
    custom_article: Option<Result<String, String>>,
    /// Whether pages include the live-reload script.
    pub live: bool,
}

/// How the budget is sorted and filtered: the query string of its URL.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct BudgetQuery {
    /// `title`, `status`, `desk`, `author`, `date`, `errors` or `warnings`.
    pub sort: Option<String>,
    /// `asc` or `desc`.
    pub order: Option<String>,
    /// Only articles with this status.
    pub status: Option<String>,
    /// Only articles of this desk id.
    pub desk: Option<String>,
    /// Only articles by this author id.
    pub author: Option<String>,
    /// Only articles whose title or path contains this text (case-insensitive).
    pub q: Option<String>,
}

impl BudgetQuery {
    /// Reads a URL query string (`sort=errors&order=desc&desk=tech`); unknown keys are ignored.
    pub fn from_query(query: &str) -> BudgetQuery {
        let mut parsed = BudgetQuery::default();
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let value = Some(value.into_owned());
            match &*key {
                "sort" => parsed.sort = value,
                "order" => parsed.order = value,
                "status" => parsed.status = value,
                "desk" => parsed.desk = value,
                "author" => parsed.author = value,
                "q" => parsed.q = value,
                _ => {}
            }
        }
        parsed
    }
}

/// One line of the budget.
#[derive(Debug, Clone, Serialize)]
struct BudgetRow {
    path: String,
    url: String,
    title: String,
    status: &'static str,
    desk: Option<String>,
    desk_id: Option<String>,
    authors: Vec<String>,
    author_ids: Vec<String>,
    date: Option<String>,
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Preview {
    /// Loads the newsroom at or above `root` and lints it.
    pub fn load(root: &Path, now: DateTime<FixedOffset>) -> Result<Preview, LoadError> {
        let newsroom = Newsroom::load(root)?;
        let mut session = findings::session(&newsroom, now)?;
        let report = findings::findings(&mut session);
        let template_path = newsroom.root.join(ARTICLE_TEMPLATE);
        let custom_article = template_path.is_file().then(|| {
            crate::fs::read_regular(&template_path, MAX_TEMPLATE_BYTES)
                .map_err(|error| error.to_string())
                .and_then(|bytes| String::from_utf8(bytes).map_err(|error| error.to_string()))
        });
        Ok(Preview {
            newsroom,
            session: Mutex::new(session),
            report,
            now,
            custom_article,
            live: true,
        })
    }

    /// The newsroom root.
    pub fn root(&self) -> &Path {
        &self.newsroom.root
    }

    /// Brings the pages up to date after the files at `changed` (absolute paths) were saved,
    /// created or removed: a saved or new article is read and linted again on its own, and
    /// its findings (per-article and corpus) replace its old ones in the report; anything else
    /// (a removed article, `copydesk.toml`, an author file, a template, a style file) loads
    /// the newsroom again. A save can change other articles' corpus findings too (a slug
    /// taken twice): [`Preview::full_report`] works them out, and [`Preview::set_report`]
    /// shows them.
    ///
    /// # Errors
    /// As [`Preview::load`], when the newsroom has to be loaded again and does not load.
    pub fn refresh(
        &mut self,
        changed: &[PathBuf],
        now: DateTime<FixedOffset>,
    ) -> Result<(), LoadError> {
        let session = self
            .session
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner);
        let only_articles = changed
            .iter()
            .all(|path| session.kind_of(path) == FileKind::Article && path.is_file());
        if !only_articles {
            let live = self.live;
            *self = Preview::load(&self.newsroom.root.clone(), now)?;
            self.live = live;
            return Ok(());
        }
        self.now = now;
        session.set_now(now);
        for path in changed {
            self.newsroom.reload(path);
            session.changed(path)?;
        }
        let saved = session.report_on(changed);
        let mut diagnostics: Vec<Diagnostic> = self
            .report
            .diagnostics
            .iter()
            .filter(|diagnostic| !changed.iter().any(|path| *path == *diagnostic.path))
            .cloned()
            .collect();
        diagnostics.extend(saved.diagnostics);
        let mut sources = self.report.sources.clone();
        sources.extend(saved.sources);
        self.report = LintReport::new(diagnostics, sources, self.report.files_checked);
        Ok(())
    }

    /// Every finding of the newsroom as it is now, worked out again. Takes the session's
    /// lock, not the preview: pages can be served meanwhile.
    pub fn full_report(&self) -> LintReport {
        findings::findings(&mut self.session.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Shows `report` (from [`Preview::full_report`]); whether any finding changed.
    pub fn set_report(&mut self, report: LintReport) -> bool {
        let changed = report.diagnostics != self.report.diagnostics;
        self.report = report;
        changed
    }

    /// The lint report the pages show.
    pub fn report(&self) -> &LintReport {
        &self.report
    }

    /// The page URL of the article `given` names, as the workflow commands take it: a slug,
    /// a file stem, or a file's path (relative to the current directory or the root). A file
    /// whose front matter does not parse has a page too (its error page). `None` when no
    /// article of the newsroom is meant.
    pub fn find_article(&self, given: &str) -> Option<String> {
        let path = match crate::workflow::resolve(&self.newsroom, given) {
            Ok(article) => article.path.to_path_buf(),
            Err(crate::workflow::WorkflowError::Unreadable { path }) => path,
            Err(_) => return None,
        };
        self.article_url(&path)
    }

    /// The URL of the article file at `path` (absolute, under the articles directory).
    pub fn article_url(&self, path: &Path) -> Option<String> {
        let relative = path.strip_prefix(&self.newsroom.root).ok()?;
        let parts: Vec<String> = relative
            .components()
            .map(|part| percent_encode(&part.as_os_str().to_string_lossy()))
            .collect();
        Some(format!("/article/{}", parts.join("/")))
    }

    /// The budget page.
    pub fn budget_page(&self, query: &BudgetQuery) -> String {
        let mut rows = self.budget_rows();
        rows.retain(|row| {
            query
                .status
                .as_deref()
                .is_none_or(|s| s.is_empty() || row.status == s)
                && query
                    .desk
                    .as_deref()
                    .is_none_or(|d| d.is_empty() || row.desk_id.as_deref() == Some(d))
                && query
                    .author
                    .as_deref()
                    .is_none_or(|a| a.is_empty() || row.author_ids.iter().any(|id| id == a))
                && query.q.as_deref().is_none_or(|q| {
                    let q = q.to_lowercase();
                    row.title.to_lowercase().contains(&q) || row.path.to_lowercase().contains(&q)
                })
        });
        let sort = query.sort.as_deref().unwrap_or("date");
        let descending = match query.order.as_deref() {
            Some("asc") => false,
            Some("desc") => true,
            _ => matches!(sort, "date" | "errors" | "warnings"),
        };
        rows.sort_by(|a, b| {
            let ordering = match sort {
                "title" => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
                "status" => a.status.cmp(b.status),
                "desk" => a.desk.cmp(&b.desk),
                "author" => a.authors.cmp(&b.authors),
                "errors" => a.errors.cmp(&b.errors),
                "warnings" => a.warnings.cmp(&b.warnings),
                _ => a.date.cmp(&b.date),
            };
            let ordering = ordering.then_with(|| a.path.cmp(&b.path));
            if descending {
                ordering.reverse()
            } else {
                ordering
            }
        });
        let config = &self.newsroom.config;
        let desks: Vec<_> = config
            .desks
            .values()
            .map(|desk| context! { id => desk.id, name => desk.name })
            .collect();
        let authors: Vec<_> = self
            .newsroom
            .authors
            .values()
            .map(|author| context! { id => author.id, name => author.name })
            .collect();
        let other = self.other_findings();
        let columns: Vec<_> = [
            ("title", "Headline"),
            ("status", "Status"),
            ("desk", "Desk"),
            ("author", "Byline"),
            ("date", "Date"),
            ("errors", "Errors"),
            ("warnings", "Warnings"),
        ]
        .into_iter()
        .map(|(key, label)| {
            let active = key == sort;
            let next = if active && !descending { "desc" } else { "asc" };
            context! {
                key, label,
                sort_url => budget_url(query, key, next),
                aria_sort => if active { if descending { "descending" } else { "ascending" } } else { "none" },
            }
        })
        .collect();
        let total = context! {
            errors => self.report.count(crate::Severity::Error),
            warnings => self.report.count(crate::Severity::Warning),
            articles => self.newsroom.articles.len(),
        };
        self.render_builtin(
            "budget.html",
            context! {
                title => format!("Budget: {}", config.site.title),
                site_title => config.site.title,
                rows, columns, desks, authors, other, total,
                statuses => ["draft", "scheduled", "published", "retracted", "unparsed"],
                query => context! {
                    status => query.status, desk => query.desk, author => query.author, q => query.q,
                    sort => sort, order => if descending { "desc" } else { "asc" },
                },
            },
        )
    }

    /// The page of the article file at `relative` (a path under the newsroom root, with `/`
    /// separators), or `None` when no article file is there. A file that does not parse gets
    /// its error page.
    pub fn article_page(&self, relative: &str) -> Option<String> {
        let path = self.newsroom.root.join(relative);
        if let Some(article) = self.newsroom.articles.iter().find(|a| *a.path == *path) {
            return Some(self.article_view(article));
        }
        let failed: Vec<_> = self
            .newsroom
            .diagnostics
            .iter()
            .filter(|d| *d.path == *path)
            .cloned()
            .collect();
        (!failed.is_empty()).then(|| {
            self.problem_page(
                &format!("{relative} does not parse"),
                "The file has problems that keep it from being read as an article; the page comes back when they are fixed.",
                &LintReport::new(failed, self.newsroom.sources.clone(), 1),
            )
        })
    }

    /// A page saying the newsroom could not be loaded (an invalid `copydesk.toml`, say).
    pub fn load_error_page(error: &dyn std::error::Error, live: bool) -> String {
        let mut message = error.to_string();
        let mut source = error.source();
        while let Some(cause) = source {
            message.push_str("\n  caused by: ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        render_error_page("The newsroom does not load", "", &message, live)
    }

    /// A page for a URL that names nothing.
    pub fn not_found_page(&self) -> String {
        render_error_page(
            "Not found",
            "No article or page is at this address.",
            "",
            self.live,
        )
    }

    fn problem_page(&self, title: &str, lead: &str, report: &LintReport) -> String {
        let options = RenderOptions {
            base: Some(self.newsroom.root.clone()),
            ..RenderOptions::default()
        };
        let mut text = Vec::new();
        let _ = render(report, DiagnosticFormat::Full, &options, &mut text);
        render_error_page(title, lead, &String::from_utf8_lossy(&text), self.live)
    }

    fn article_view(&self, article: &Article) -> String {
        let relative = article
            .path
            .strip_prefix(&self.newsroom.root)
            .unwrap_or(&article.path)
            .to_string_lossy()
            .into_owned();
        let mut findings = findings::for_file(
            &self.report,
            &article.path,
            &article.source,
            article.layout.body.start,
        );
        let marked = marks::insert(article, &mut findings);
        let mut exported = match self.export(article, None) {
            Ok(exported) => exported,
            Err(message) => {
                return render_error_page(
                    &format!("{relative} cannot be laid out"),
                    "The export model refuses this article; `copydesk export` would fail the same way.",
                    &message,
                    self.live,
                );
            }
        };
        if let Some((text, markers)) = marked {
            let parsed = Article::parse(&*article.path, &text);
            if let Some(marked_article) = parsed.article
                && let Ok(with_marks) = self.export(article, Some(marked_article))
            {
                exported.body_html = marks::render(&with_marks.body_html, markers, &findings);
            } else {
                for finding in &mut findings {
                    finding.marked = false;
                }
            }
        }
        for teaser in &mut exported.related {
            if let Some(other) = self.newsroom.article(&teaser.slug) {
                teaser.url = self.article_url(&other.path).unwrap_or_default();
            }
        }
        let by_section = group(&findings);
        let section_badges: BTreeMap<Section, String> = by_section
            .iter()
            .map(|(section, list)| {
                let mut html = String::new();
                for finding in list {
                    marks::badge(&mut html, finding);
                }
                (*section, html)
            })
            .collect();
        let status = article.status.as_str();
        let counts = context! {
            errors => findings.iter().filter(|f| f.severity == "error").count(),
            warnings => findings.iter().filter(|f| f.severity == "warning").count(),
        };
        let ctx = context! {
            lang => exported.language.clone(),
            article => exported,
            site => self.site_info(),
            status,
            path => relative,
            findings,
            section_badges,
            live => self.live,
            budget_url => "/",
            counts,
        };
        match &self.custom_article {
            None => self.render_builtin("article.html", ctx),
            Some(Err(error)) => render_error_page(
                &format!("{ARTICLE_TEMPLATE} cannot be read"),
                "",
                error,
                self.live,
            ),
            Some(Ok(source)) => {
                let env = environment();
                let rendered = env
                    .template_from_named_str(ARTICLE_TEMPLATE, source)
                    .and_then(|template| template.render(ctx));
                rendered.unwrap_or_else(|error| {
                    render_error_page(
                        &format!("{ARTICLE_TEMPLATE} does not render"),
                        "The newsroom's own article template has an error.",
                        &template_error(&error),
                        self.live,
                    )
                })
            }
        }
    }

    /// The export model of `article` alone (or of `replacement`, its marked text), with the
    /// articles it names (related, `article:` links) so links and teasers resolve.
    fn export(
        &self,
        article: &Article,
        replacement: Option<Article>,
    ) -> Result<ExportArticle, String> {
        // Read once: searching the text for each article of a large newsroom costs more than
        // the rest of the page.
        let named: HashSet<&str> = article
            .related
            .iter()
            .map(String::as_str)
            .chain(article_link_targets(&article.source))
            .collect();
        let mut articles: Vec<Article> = self
            .newsroom
            .articles
            .iter()
            .filter(|other| other.path != article.path && named.contains(other.slug.as_str()))
            .cloned()
            .collect();
        articles.push(replacement.unwrap_or_else(|| article.clone()));
        let subset = self.newsroom.with_articles(articles);
        let options = ExportOptions::new()
            .include_drafts(true)
            .now(Some(self.now));
        let model = Model::build(&subset, &options).map_err(|error| error.to_string())?;
        model
            .articles
            .into_iter()
            .find(|exported| exported.slug == article.slug)
            .ok_or_else(|| "the export model left the article out".to_string())
    }

    fn site_info(&self) -> minijinja::Value {
        let site = &self.newsroom.config.site;
        minijinja::Value::from_serialize(context! {
            title => site.title, base_url => site.base_url, language => site.language,
        })
    }

    fn budget_rows(&self) -> Vec<BudgetRow> {
        let mut counts: BTreeMap<&Path, [usize; 3]> = BTreeMap::new();
        for diagnostic in &self.report.diagnostics {
            let slot = counts.entry(&diagnostic.path).or_default();
            slot[diagnostic.severity as usize] += 1;
        }
        let config = &self.newsroom.config;
        let mut rows: Vec<BudgetRow> = self
            .newsroom
            .articles
            .iter()
            .map(|article| {
                let [infos, warnings, errors] =
                    counts.get(&*article.path).copied().unwrap_or_default();
                let desk = article.desk.as_deref();
                BudgetRow {
                    path: self.relative(&article.path),
                    url: self.article_url(&article.path).unwrap_or_default(),
                    title: article.title.clone(),
                    status: status_name(article.status),
                    desk: desk
                        .map(|id| config.desk(id).map_or(id, |d| d.name.as_str()).to_string()),
                    desk_id: desk.map(str::to_string),
                    authors: article
                        .authors
                        .iter()
                        .map(|id| {
                            self.newsroom
                                .authors
                                .get(id)
                                .map_or_else(|| id.clone(), |a| a.name.clone())
                        })
                        .collect(),
                    author_ids: article.authors.clone(),
                    date: article
                        .updated
                        .or(article.published)
                        .map(|t| t.format("%Y-%m-%d %H:%M").to_string()),
                    errors,
                    warnings,
                    infos,
                }
            })
            .collect();
        // Files that do not parse stay on the budget, marked, so they are not forgotten.
        let parsed: std::collections::BTreeSet<&Path> =
            self.newsroom.articles.iter().map(|a| &*a.path).collect();
        let articles_dir = self.newsroom.root.join(&config.paths.articles);
        for (path, [infos, warnings, errors]) in &counts {
            if parsed.contains(path)
                || !path.starts_with(&articles_dir)
                || !crate::is_article_path(path)
            {
                continue;
            }
            rows.push(BudgetRow {
                path: self.relative(path),
                url: self.article_url(path).unwrap_or_default(),
                title: self.relative(path),
                status: "unparsed",
                desk: None,
                desk_id: None,
                authors: Vec::new(),
                author_ids: Vec::new(),
                date: None,
                errors: *errors,
                warnings: *warnings,
                infos: *infos,
            });
        }
        rows
    }

    /// Findings in files that are not articles (authors, `copydesk.toml`).
    fn other_findings(&self) -> Vec<minijinja::Value> {
        let articles_dir = self
            .newsroom
            .root
            .join(&self.newsroom.config.paths.articles);
        self.report
            .diagnostics
            .iter()
            .filter(|d| !d.path.starts_with(&articles_dir))
            .map(|d| {
                context! {
                    path => self.relative(&d.path), code => d.code.as_str(),
                    severity => d.severity.as_str(), message => d.message,
                }
            })
            .collect()
    }

    fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.newsroom.root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned()
    }

    fn render_builtin(&self, name: &str, ctx: minijinja::Value) -> String {
        let ctx = context! { live => self.live, ..ctx };
        environment()
            .get_template(name)
            .and_then(|template| template.render(ctx))
            .unwrap_or_else(|error| {
                render_error_page("A built-in page failed", "", &template_error(&error), false)
            })
    }

    /// The files a change to which changes the pages: articles, authors, the configuration
    /// and the newsroom's template.
    pub fn watched_dirs(&self) -> Vec<PathBuf> {
        vec![self.newsroom.root.clone()]
    }
}

fn status_name(status: Status) -> &'static str {
    status.as_str()
}

fn group(findings: &[Finding]) -> BTreeMap<Section, Vec<&Finding>> {
    let mut by_section: BTreeMap<Section, Vec<&Finding>> = BTreeMap::new();
    for finding in findings {
        if finding.section == Section::Body && finding.marked {
            continue;
        }
        by_section.entry(finding.section).or_default().push(finding);
    }
    by_section
}

/// The template environment: the built-in templates, autoescaping every `.html` template.
fn environment<'source>() -> Environment<'source> {
    let mut env = Environment::new();
    for (name, source) in [
        ("base.html", BASE),
        ("budget.html", BUDGET),
        ("article.html", ARTICLE),
        ("error.html", ERROR),
    ] {
        env.add_template(name, source)
            .expect("built-in templates are checked by the tests");
    }
    env.set_formatter(format_value);
    env
}

/// Writes a template value: minijinja's own HTML escaping also writes `/` as `&#x2f;`, which
/// turns every link into noise for a reader of the page source; `&`, `<`, `>`, `"` and `'`
/// are all that text and quoted attributes need.
fn format_value(
    out: &mut minijinja::Output<'_>,
    state: &minijinja::State<'_, '_>,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(text)
            if !value.is_safe() && matches!(state.auto_escape(), minijinja::AutoEscape::Html) =>
        {
            let mut escaped = String::with_capacity(text.len());
            for c in text.chars() {
                match c {
                    '&' => escaped.push_str("&amp;"),
                    '<' => escaped.push_str("&lt;"),
                    '>' => escaped.push_str("&gt;"),
                    '"' => escaped.push_str("&quot;"),
                    '\'' => escaped.push_str("&#x27;"),
                    other => escaped.push(other),
                }
            }
            out.write_str(&escaped).map_err(|_| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write the page")
            })
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

fn template_error(error: &minijinja::Error) -> String {
    let mut text = error.to_string();
    let detail = error.display_debug_info().to_string();
    if !detail.trim().is_empty() {
        text.push('\n');
        text.push_str(&detail);
    }
    text
}

fn render_error_page(title: &str, lead: &str, detail: &str, live: bool) -> String {
    environment()
        .get_template("error.html")
        .and_then(|template| template.render(context! { title, lead, detail, live }))
        .unwrap_or_else(|_| {
            format!(
                "<!doctype html><title>{}</title><pre>{}</pre>",
                marks::escape(title),
                marks::escape(detail)
            )
        })
}

/// The budget URL with the same filters, sorted by `key` in `order`.
fn budget_url(query: &BudgetQuery, key: &str, order: &str) -> String {
    let mut parts = vec![format!("sort={key}"), format!("order={order}")];
    for (name, value) in [
        ("status", &query.status),
        ("desk", &query.desk),
        ("author", &query.author),
        ("q", &query.q),
    ] {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            parts.push(format!("{name}={}", percent_encode(value)));
        }
    }
    format!("/?{}", parts.join("&"))
}

fn percent_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// The slugs `article:` links in `text` name (what follows `article:` up to the end of the
/// link target or a `#fragment`). Text outside links that looks like one only adds an
/// article to resolve against.
fn article_link_targets(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("article:").filter_map(|(at, prefix)| {
        let rest = &text[at + prefix.len()..];
        let end = rest
            .find(|c: char| {
                c.is_whitespace() || matches!(c, ')' | '#' | '"' | '\'' | '>' | ']' | '<')
            })
            .unwrap_or(rest.len());
        (end > 0).then(|| &rest[..end])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_templates_parse() {
        let env = environment();
        for name in ["base.html", "budget.html", "article.html", "error.html"] {
            assert!(env.get_template(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn link_targets_are_the_slugs_alone() {
        let text = "See [one](article:port-strike#terms), [two](article:port-strike-ends), \
                    <article:third> and \"article:\".";
        assert_eq!(
            article_link_targets(text).collect::<Vec<_>>(),
            ["port-strike", "port-strike-ends", "third"]
        );
    }
}
