//! Which articles an export leaves out, and why.
//!
//! [`Model::build`](super::Model::build) refuses a newsroom with an article it cannot resolve
//! (an unknown author or desk, a published article without a date, two articles with one slug).
//! One broken story should not hold back every other one, so a front end first takes those
//! articles out with [`remove_unexportable`] and reports each with the same finding
//! `copydesk lint` gives (code, file, line and column), or with `--strict` refuses the whole
//! export on that report. Files that did not parse at all are listed too: they are never
//! exported either. The per-article findings come from the lint rules themselves, so both
//! commands say the same thing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use super::ExportOptions;
use crate::Newsroom;
use crate::article::{Article, Status};
use crate::diagnostic::LintReport;
use crate::diagnostic::{Diagnostic, Related, Severity};
use crate::lint::rules::{front_matter as fm, references as rf};

/// What [`remove_unexportable`] left out.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Skipped {
    /// Every file left out, in path order.
    pub files: Vec<Arc<Path>>,
    /// Why: the findings that keep each file out, with the files' texts for rendering.
    pub report: LintReport,
}

impl Skipped {
    /// Whether nothing was left out.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Takes out of `newsroom` every article the export would select but cannot resolve, and
/// returns what it took out and why.
///
/// The report holds, per skipped file, the findings that keep it out: RF001 unknown author,
/// RF002 unknown desk, FM001 a published article without `published` (with the FM003
/// finding when the date was there but invalid), RF003 two exported articles with one slug
/// (both are left out: which one is right is the writer's call), and the parse errors of
/// files that did not load as articles.
/// Articles the export would not select (drafts without `include_drafts`) are kept and not
/// reported. Links from exported articles to a skipped one are reduced to their text, as
/// links to any missing article are.
pub fn remove_unexportable(newsroom: &mut Newsroom, options: &ExportOptions) -> Skipped {
    // The same selection as `Model::build`: what it would not export cannot fail it.
    let now = super::model::export_time(options);
    let selected =
        |article: &Article| super::model::exported_status(article, options, now).is_some();
    let mut parse_errors: BTreeMap<&Path, Vec<&Diagnostic>> = BTreeMap::new();
    for diagnostic in &newsroom.diagnostics {
        if diagnostic.severity == Severity::Error {
            parse_errors
                .entry(&diagnostic.path)
                .or_default()
                .push(diagnostic);
        }
    }

    let mut found: Vec<Diagnostic> = Vec::new();
    let mut by_slug: BTreeMap<&str, Vec<&Article>> = BTreeMap::new();
    for article in newsroom.articles.iter().filter(|a| selected(a)) {
        by_slug.entry(&article.slug).or_default().push(article);
        if let Some(diagnostic) = rf::unknown_desk(&newsroom.config, article) {
            found.push(diagnostic);
        }
        found.extend(rf::unknown_authors(&newsroom.authors, article));
        if article.status == Status::Published && article.published.is_none() {
            match parse_errors.get(&*article.path) {
                // The date was written but is invalid: that finding says why.
                Some(errors) if article.spans.value("published").is_some() => {
                    found.extend(errors.iter().map(|d| (*d).clone()));
                }
                _ => found.push(fm::missing_published(article)),
            }
        }
    }
    for (slug, articles) in &by_slug {
        if articles.len() < 2 {
            continue;
        }
        for article in articles {
            let mut diagnostic = Diagnostic::new(
                &rf::DuplicateSlug::META,
                article.path.clone(),
                article.value_span("slug"),
                format!(
                    "slug `{slug}` is shared by {} exported articles",
                    articles.len()
                ),
            )
            .with_help("give each article its own `slug` and file name");
            for other in articles.iter().filter(|o| o.path != article.path) {
                let span = other.value_span("slug");
                diagnostic = diagnostic.with_related(Related {
                    path: other.path.clone(),
                    position: crate::diagnostic::LineIndex::new(&other.source)
                        .position(&other.source, span.start),
                    message: format!("`{slug}` is also the slug here"),
                });
            }
            found.push(diagnostic);
        }
    }

    let skipped: BTreeSet<Arc<Path>> = found.iter().map(|d| d.path.clone()).collect();
    let mut sources = crate::diagnostic::SourceMap::new();
    for article in &newsroom.articles {
        if skipped.contains(&article.path) {
            sources.insert(article.path.clone(), article.source.clone());
        }
    }
    // Files that did not load as articles; author files are reported through the articles
    // that name their author.
    let authors_dir = newsroom.root.join(&newsroom.config.paths.authors);
    let loaded: BTreeSet<&Path> = newsroom.articles.iter().map(|a| &*a.path).collect();
    for (path, errors) in &parse_errors {
        if loaded.contains(path) || path.starts_with(&authors_dir) {
            continue;
        }
        found.extend(errors.iter().map(|d| (*d).clone()));
        if let Some(text) = newsroom.sources.get(*path) {
            sources.insert(Arc::from(*path), text.clone());
        }
    }
    let files: Vec<Arc<Path>> = found
        .iter()
        .map(|d| d.path.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    newsroom
        .articles
        .retain(|article| !skipped.contains(&article.path));
    let checked = files.len();
    Skipped {
        files,
        report: LintReport::new(found, sources, checked),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Model;

    fn article(slug: &str, front: &str) -> String {
        format!(
            "+++\ntitle = \"{slug}\"\nslug = \"{slug}\"\nauthors = [\"ann\"]\ndesk = \"news\"\nstatus = \"published\"\n{front}+++\n\nSome prose about {slug}.\n"
        )
    }

    #[test]
    fn what_is_removed_is_exactly_what_would_fail_the_model() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        };
        let date = "published = 2026-05-06T14:25:00Z\n";
        write("copydesk.toml", "[desks.news]\nname = \"News\"\n");
        write("authors/ann.toml", "name = \"Ann\"\n");
        write("articles/good.md", &article("good", date));
        write("articles/undated.md", &article("undated", ""));
        write(
            "articles/bad-date.md",
            &article("bad-date", "published = \"yesterday\"\n"),
        );
        write(
            "articles/stranger.md",
            &article("stranger", date).replace("[\"ann\"]", "[\"bob\"]"),
        );
        write(
            "articles/elsewhere.md",
            &article("elsewhere", date).replace("\"news\"", "\"sport\""),
        );
        write("articles/a/twin.md", &article("twin", date));
        write("articles/b/twin.md", &article("twin", date));
        write("articles/broken.md", "+++\ntitle = \n+++\n");
        // A draft with every problem is not exported, so not reported.
        write(
            "articles/draft.md",
            &article("draft", "")
                .replace("published\"", "draft\"")
                .replace("\"news\"", "\"x\""),
        );

        let mut newsroom = Newsroom::load(dir.path()).expect("loads");
        let options = ExportOptions::new();
        assert!(Model::build(&newsroom, &options).is_err());
        let skipped = remove_unexportable(&mut newsroom, &options);
        let names: Vec<String> = skipped
            .files
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path().join("articles"))
                    .expect("inside")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(
            names,
            [
                "a/twin.md",
                "b/twin.md",
                "bad-date.md",
                "broken.md",
                "elsewhere.md",
                "stranger.md",
                "undated.md"
            ]
        );
        let codes: BTreeSet<(&str, &str)> = skipped
            .report
            .diagnostics
            .iter()
            .map(|d| {
                let name = d.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                (name, d.code.as_str())
            })
            .collect();
        for expected in [
            ("twin.md", "RF003"),
            ("bad-date.md", "FM003"),
            ("broken.md", "FM000"),
            ("elsewhere.md", "RF002"),
            ("stranger.md", "RF001"),
            ("undated.md", "FM001"),
        ] {
            assert!(codes.contains(&expected), "{expected:?} in {codes:?}");
        }
        for path in &skipped.files {
            assert!(skipped.report.sources.contains_key(path), "{path:?}");
        }
        let model = Model::build(&newsroom, &options).expect("the rest exports");
        assert_eq!(model.articles.len(), 1);
        assert_eq!(model.articles[0].slug, "good");
    }
}
