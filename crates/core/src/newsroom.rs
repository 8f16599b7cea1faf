//! A newsroom on disk: the config, authors and articles, loaded in parallel in a
//! deterministic order, with every file's diagnostics and no file stopping the rest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::article::Article;
use crate::author::Author;
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::render::LintReport;
use crate::diagnostic::{Applicability, Diagnostic, RuleCode, Span};
use crate::error::{ConfigError, IoError, LoadError};
use crate::git::ChangedFiles;
use crate::lint::fix::apply_safe_fixes;
use crate::lint::index::{EntryMeta, FindingCounts, LintIndex, hash_content, relative_key};
use crate::lint::rules::front_matter::InvalidFrontMatter;
use crate::lint::{LintEnv, lint_article, lint_corpus};

/// The text of every file that has diagnostics, so renderers can show excerpts.
pub type SourceMap = BTreeMap<Arc<Path>, Arc<str>>;

/// A loaded newsroom.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Newsroom {
    /// The directory holding `copydesk.toml`.
    pub root: PathBuf,
    /// The validated configuration.
    pub config: Config,
    /// Authors by id.
    pub authors: BTreeMap<String, Author>,
    /// Articles that parsed, in path order.
    pub articles: Vec<Article>,
    /// Problems found while reading and parsing files, in path order.
    pub diagnostics: Vec<Diagnostic>,
    /// Texts of files with problems, for rendering.
    pub sources: SourceMap,
}

/// Finds the newsroom root: `start` itself or the nearest parent with a `copydesk.toml`.
pub fn find_root(start: &Path) -> Result<PathBuf, ConfigError> {
    let start_dir = if start.is_file() {
        start.parent().unwrap_or(start)
    } else {
        start
    };
    let absolute = crate::fs::normalize(
        &std::path::absolute(start_dir).unwrap_or_else(|_| start_dir.to_path_buf()),
    );
    absolute
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| ConfigError::NotFound {
            start: start.to_path_buf(),
        })
}

/// One file read and parsed.
struct Loaded<T> {
    path: Arc<Path>,
    text: Arc<str>,
    value: Option<T>,
    diagnostics: Vec<Diagnostic>,
}

impl Newsroom {
    /// Loads the newsroom whose root is `start` or the nearest parent with a `copydesk.toml`.
    pub fn load(start: impl AsRef<Path>) -> Result<Newsroom, LoadError> {
        let root = find_root(start.as_ref())?;
        let config = Config::load(&root.join(CONFIG_FILE))?;
        let articles_dir = root.join(&config.paths.articles);
        let files = list_article_files(&root, &articles_dir)?;
        Newsroom::load_files(root, config, &files)
    }

    /// Loads the newsroom at `root` with `config`, reading only the article `files` given.
    pub fn load_files(
        root: PathBuf,
        config: Config,
        files: &[PathBuf],
    ) -> Result<Newsroom, LoadError> {
        let authors = load_authors(&root, &config)?;
        let loaded_articles: Vec<Loaded<Article>> = files
            .par_iter()
            .map(|path| {
                load_file(&root, path, config.limits.max_file_bytes, |path, text| {
                    let parsed = Article::parse(path, text);
                    (parsed.article, parsed.diagnostics)
                })
            })
            .collect();

        let mut newsroom = Newsroom {
            root,
            config,
            authors: BTreeMap::new(),
            articles: Vec::new(),
            diagnostics: Vec::new(),
            sources: SourceMap::new(),
        };
        newsroom.authors = authors.authors;
        newsroom.diagnostics.extend(authors.diagnostics);
        newsroom.sources.extend(authors.sources);
        for loaded in loaded_articles {
            if let Some(article) = newsroom.absorb(loaded) {
                newsroom.articles.push(article);
            }
        }
        Ok(newsroom)
    }

    fn absorb<T>(&mut self, loaded: Loaded<T>) -> Option<T> {
        if !loaded.diagnostics.is_empty() {
            self.sources.insert(loaded.path.clone(), loaded.text);
            self.diagnostics.extend(loaded.diagnostics);
        }
        loaded.value
    }

    /// Lints every article: parse problems, per-article rules and corpus rules, sorted, with
    /// the text of every file that has a finding.
    pub fn lint(&self, now: DateTime<FixedOffset>) -> LintReport {
        let env = LintEnv {
            config: &self.config,
            authors: &self.authors,
            now,
        };
        let mut by_path: BTreeMap<&Path, Vec<Diagnostic>> = BTreeMap::new();
        for diagnostic in &self.diagnostics {
            by_path
                .entry(&diagnostic.path)
                .or_default()
                .push(diagnostic.clone());
        }
        let outcomes: Vec<_> = self
            .articles
            .par_iter()
            .map(|article| {
                let parse = by_path.get(&*article.path).cloned().unwrap_or_default();
                lint_article(article, parse, env)
            })
            .collect();
        let mut diagnostics = Vec::new();
        let mut facts = Vec::with_capacity(outcomes.len());
        for outcome in outcomes {
            diagnostics.extend(outcome.diagnostics);
            facts.push(outcome.facts);
        }
        diagnostics.extend(lint_corpus(&facts, env));
        // Files that did not parse into an article still report their parse problems.
        let parsed: std::collections::BTreeSet<&Path> =
            self.articles.iter().map(|a| &*a.path).collect();
        for (path, list) in by_path {
            if !parsed.contains(path) {
                diagnostics.extend(crate::lint::apply_config(list, env));
            }
        }
        // One index of article texts, not a scan of every article per diagnostic.
        let article_sources: BTreeMap<&Path, &Arc<str>> = self
            .articles
            .iter()
            .map(|a| (&*a.path, &a.source))
            .collect();
        let mut sources = self.sources.clone();
        for diagnostic in &diagnostics {
            if sources.contains_key(&diagnostic.path) {
                continue;
            }
            if let Some(text) = article_sources.get(&*diagnostic.path) {
                sources.insert(diagnostic.path.clone(), Arc::clone(text));
            }
        }
        let files_checked = self.articles.len() + parsed_failures(&self.diagnostics, &parsed);
        LintReport::new(diagnostics, sources, files_checked)
    }

    /// The text of `path` for rendering: from a parsed article or the kept problem sources.
    pub fn source_of(&self, path: &Path) -> Option<Arc<str>> {
        self.sources.get(path).cloned().or_else(|| {
            self.articles
                .iter()
                .find(|article| &*article.path == path)
                .map(|article| article.source.clone())
        })
    }

    /// Applies the safe fixes of every article to a fixed point, in memory. Each round lints
    /// the whole newsroom once (so corpus rules see every change) and applies the safe fixes of
    /// every article file; rounds repeat until one fixes nothing, at most `max_rounds` times.
    /// The newsroom is left holding the fixed texts, so a following [`Newsroom::lint`] reports
    /// what remains. Nothing is written to disk.
    pub fn fix(&mut self, now: DateTime<FixedOffset>, max_rounds: usize) -> Vec<FileFix> {
        let mut changed: BTreeMap<Arc<Path>, FileFix> = BTreeMap::new();
        for round in 0..=max_rounds {
            let mut fixable: BTreeMap<Arc<Path>, Vec<Diagnostic>> = BTreeMap::new();
            for diagnostic in self.lint(now).diagnostics {
                let safe = diagnostic
                    .fix
                    .as_ref()
                    .is_some_and(|fix| fix.applicability == Applicability::Safe);
                if safe && is_article_path(&diagnostic.path) {
                    fixable
                        .entry(diagnostic.path.clone())
                        .or_default()
                        .push(diagnostic);
                }
            }
            let mut progressed = false;
            for (path, diagnostics) in fixable {
                let Some(text) = self.source_of(&path) else {
                    continue;
                };
                let applied = apply_safe_fixes(&text, &diagnostics);
                if applied.fixed.is_empty() || *applied.text == *text {
                    continue;
                }
                let entry = changed.entry(path.clone()).or_insert_with(|| FileFix {
                    path: path.clone(),
                    original: text.clone(),
                    fixed: text.clone(),
                    codes: BTreeMap::new(),
                    converged: true,
                });
                if round == max_rounds {
                    entry.converged = false;
                    continue;
                }
                for code in applied.fixed {
                    *entry.codes.entry(code).or_default() += 1;
                }
                entry.fixed = Arc::from(applied.text.as_str());
                self.set_article_text(&path, &applied.text);
                progressed = true;
            }
            if !progressed {
                break;
            }
        }
        changed
            .into_values()
            .filter(|file| file.fixed != file.original)
            .collect()
    }

    /// Replaces the text of the article file at `path` (as if it had been read from disk).
    pub(crate) fn set_article_text(&mut self, path: &Path, text: &str) {
        self.articles.retain(|article| &*article.path != path);
        self.diagnostics
            .retain(|diagnostic| &*diagnostic.path != path);
        self.sources.remove(path);
        let parsed = Article::parse(path, text);
        if !parsed.diagnostics.is_empty() {
            self.sources.insert(Arc::from(path), Arc::from(text));
            self.diagnostics.extend(parsed.diagnostics);
        }
        if let Some(article) = parsed.article {
            let at = self
                .articles
                .partition_point(|other| *other.path < *article.path);
            self.articles.insert(at, article);
        }
    }

    /// Reads the article file at `path` again, as [`Newsroom::load`] would, replacing what the
    /// newsroom holds for it: after a fix was not written because the file changed on disk,
    /// the next [`Newsroom::lint`] then reports the file as it now is.
    pub fn reload(&mut self, path: &Path) {
        let loaded = load_file(
            &self.root,
            path,
            self.config.limits.max_file_bytes,
            |path, text| {
                let parsed = Article::parse(path, text);
                (parsed.article, parsed.diagnostics)
            },
        );
        self.articles.retain(|article| &*article.path != path);
        self.diagnostics
            .retain(|diagnostic| &*diagnostic.path != path);
        self.sources.remove(path);
        if let Some(article) = self.absorb(loaded) {
            let at = self
                .articles
                .partition_point(|other| *other.path < *article.path);
            self.articles.insert(at, article);
        }
    }

    /// The article with `slug`.
    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.articles.iter().find(|article| article.slug == slug)
    }
}

/// Authors loaded from `paths.authors`, with the problems of their files.
pub(crate) struct LoadedAuthors {
    pub(crate) authors: BTreeMap<String, Author>,
    diagnostics: Vec<Diagnostic>,
    sources: SourceMap,
}

pub(crate) fn load_authors(root: &Path, config: &Config) -> Result<LoadedAuthors, LoadError> {
    let authors_dir = root.join(&config.paths.authors);
    let author_files = if authors_dir.is_dir() {
        list_files(root, &authors_dir, "toml")?
    } else {
        Vec::new()
    };
    let loaded: Vec<Loaded<Author>> = author_files
        .par_iter()
        .map(|path| {
            load_file(root, path, config.limits.max_file_bytes, |path, text| {
                let parsed = Author::parse(path, text);
                (parsed.author, parsed.diagnostics)
            })
        })
        .collect();
    let mut authors = LoadedAuthors {
        authors: BTreeMap::new(),
        diagnostics: Vec::new(),
        sources: SourceMap::new(),
    };
    for file in loaded {
        if !file.diagnostics.is_empty() {
            authors.sources.insert(file.path.clone(), file.text);
            authors.diagnostics.extend(file.diagnostics);
        }
        if let Some(author) = file.value {
            authors.authors.insert(author.id.clone(), author);
        }
    }
    Ok(authors)
}

/// What the lint pass keeps of one file.
struct FileOutcome {
    /// Diagnostics to report (none for a file linted only for its facts).
    diagnostics: Vec<Diagnostic>,
    facts: Option<crate::lint::ArticleFacts>,
    /// The file's text, kept only when it has reported findings.
    source: Option<(Arc<Path>, Arc<str>)>,
    /// The file's key and entry in the lint index (none for a file that could not be read).
    entry: Option<(String, EntryMeta)>,
    /// Whether the facts came from the index instead of linting the file.
    from_cache: bool,
    /// The counts of the file's per-article findings, reported or not.
    counts: FindingCounts,
}

/// Lints the article `files` of the newsroom at `root` in one streaming pass: each file is
/// read, parsed and linted on a worker thread, and only its diagnostics and compact facts are
/// kept (its text too when it has findings), so memory stays proportional to the findings,
/// not to the corpus. Corpus rules then run on the facts.
pub fn lint_files(
    root: &Path,
    config: &Config,
    files: &[PathBuf],
    now: DateTime<FixedOffset>,
) -> Result<LintReport, LoadError> {
    lint_files_with_progress(root, config, files, now, &|| {})
}

/// [`lint_files`], calling `progress` once per article file as it finishes (from worker
/// threads, in no particular order), so a caller can show a progress bar.
pub fn lint_files_with_progress(
    root: &Path,
    config: &Config,
    files: &[PathBuf],
    now: DateTime<FixedOffset>,
    progress: &(dyn Fn() + Sync),
) -> Result<LintReport, LoadError> {
    let run = lint_files_cached(root, config, files, None, None, now, progress)?;
    Ok(run.report)
}

/// What [`lint_files_cached`] did.
#[derive(Debug)]
#[non_exhaustive]
pub struct CachedLint {
    /// The findings: per-article diagnostics of the files linted in full, and every corpus
    /// diagnostic.
    pub report: LintReport,
    /// Files read, parsed and linted.
    pub linted: usize,
    /// Files whose facts came from the index.
    pub cached: usize,
    /// The index to store for the next run, when the run was given one: an entry for every
    /// readable file of `files`, so files no longer listed (deleted articles) drop out.
    pub index: Option<LintIndex>,
    /// The counts of every file's per-article findings (parse problems and per-article rules,
    /// after configuration and suppressions), whether reported or not, linted or from the
    /// index; corpus findings are in `report`.
    pub counts: BTreeMap<Arc<Path>, FindingCounts>,
}

/// Lints the article `files` (every article of the newsroom, for the corpus rules to be
/// right) with the help of a lint `index`.
///
/// With `changed` set, the files it names are linted in full and their per-article
/// diagnostics reported; the facts of every other file are taken from `index` when its entry
/// is still valid (see [`crate::lint::index`]) and otherwise recomputed by linting it, without
/// reporting its per-article diagnostics. Corpus rules run over the facts of all `files`, and
/// all their diagnostics are reported, so an edit that breaks another article is caught.
/// With `changed` unset every file is linted and reported, exactly like
/// [`lint_files_with_progress`], and `index` is not read.
///
/// Given an index, the result holds a fresh one for the next run; without one (`None`),
/// no file is hashed and no index is built.
pub fn lint_files_cached(
    root: &Path,
    config: &Config,
    files: &[PathBuf],
    changed: Option<&ChangedFiles>,
    index: Option<&LintIndex>,
    now: DateTime<FixedOffset>,
    progress: &(dyn Fn() + Sync),
) -> Result<CachedLint, LoadError> {
    let authors = load_authors(root, config)?;
    let env = LintEnv {
        config,
        authors: &authors.authors,
        now,
    };
    let outcomes: Vec<FileOutcome> = files
        .par_iter()
        .map(|path| {
            let reported = changed.is_none_or(|changed| {
                path.strip_prefix(root)
                    .is_ok_and(|relative| changed.contains(relative))
            });
            let outcome = lint_file(root, path, env, reported, index);
            progress();
            outcome
        })
        .collect();
    // Author files are not articles: their findings are per-file, reported in full runs.
    let (mut diagnostics, mut sources) = if changed.is_none() {
        (
            crate::lint::apply_config(authors.diagnostics, env),
            authors.sources,
        )
    } else {
        (Vec::new(), SourceMap::new())
    };
    let mut facts = Vec::with_capacity(outcomes.len());
    let mut entries = Vec::with_capacity(outcomes.len());
    let mut counts = BTreeMap::new();
    let (mut linted, mut cached) = (0, 0);
    for (path, outcome) in files.iter().zip(outcomes) {
        counts.insert(Arc::from(path.as_path()), outcome.counts);
        if outcome.from_cache {
            cached += 1;
        } else {
            linted += 1;
        }
        diagnostics.extend(outcome.diagnostics);
        if let Some((path, text)) = outcome.source {
            sources.insert(path, text);
        }
        let at = outcome.facts.is_some().then_some(facts.len());
        facts.extend(outcome.facts);
        if let Some((key, meta)) = outcome.entry {
            entries.push((key, meta, at, outcome.counts));
        }
    }
    let corpus = lint_corpus(&facts, env);
    for diagnostic in &corpus {
        // Corpus findings in files that had no other finding: read the text back for display.
        if sources.contains_key(&diagnostic.path) {
            continue;
        }
        if let Ok(text) = crate::fs::read_text(&diagnostic.path, config.limits.max_file_bytes) {
            sources.insert(diagnostic.path.clone(), Arc::from(text));
        }
    }
    diagnostics.extend(corpus);
    let next = index.map(|index| {
        let mut facts: Vec<Option<_>> = facts.into_iter().map(Some).collect();
        let mut next = LintIndex::new(index.key().clone());
        for (key, meta, at, counts) in entries {
            next.insert(key, meta, at.and_then(|at| facts[at].take()), counts);
        }
        next
    });
    Ok(CachedLint {
        report: LintReport::new(diagnostics, sources, files.len()),
        linted,
        cached,
        index: next,
        counts,
    })
}

/// Reads one article file and takes its facts from `index` when it is not `reported` and
/// its entry is still valid; otherwise lints it, keeping its diagnostics when `reported`.
fn lint_file(
    root: &Path,
    path: &Path,
    env: LintEnv<'_>,
    reported: bool,
    index: Option<&LintIndex>,
) -> FileOutcome {
    let shared: Arc<Path> = Arc::from(path);
    let bytes = read_checked(root, path, env.config.limits.max_file_bytes);
    // Without an index there is nothing to look up or to build: no key, no hash.
    let key = index.and_then(|_| relative_key(root, path));
    let hash = key
        .as_ref()
        .and_then(|_| bytes.as_deref().ok().map(hash_content));
    if !reported
        && let (Some(index), Some(key), Some(hash)) = (index, &key, hash)
        && let Some((meta, facts, counts)) = index.lookup(key, &shared, &hash, env.now)
    {
        return FileOutcome {
            diagnostics: Vec::new(),
            facts,
            source: None,
            entry: Some((key.clone(), meta)),
            from_cache: true,
            counts,
        };
    }
    let loaded = parse_read(shared, bytes, |path, text| {
        let parsed = Article::parse(path, text);
        (parsed.article, parsed.diagnostics)
    });
    let entry = key
        .zip(hash)
        .map(|(key, hash)| (key, EntryMeta::fresh(hash, env.now, loaded.value.as_ref())));
    let (diagnostics, facts) = match &loaded.value {
        Some(article) => {
            let outcome = lint_article(article, loaded.diagnostics, env);
            (outcome.diagnostics, Some(outcome.facts))
        }
        None => (crate::lint::apply_config(loaded.diagnostics, env), None),
    };
    let counts = FindingCounts::of(&diagnostics);
    let diagnostics = if reported { diagnostics } else { Vec::new() };
    let source = (!diagnostics.is_empty()).then(|| (loaded.path.clone(), loaded.text.clone()));
    FileOutcome {
        diagnostics,
        facts,
        source,
        entry,
        from_cache: false,
        counts,
    }
}

/// A file [`Newsroom::fix`] changed.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FileFix {
    /// The file.
    pub path: Arc<Path>,
    /// Its text before fixing.
    pub original: Arc<str>,
    /// Its text after fixing.
    pub fixed: Arc<str>,
    /// How many fixes of each code were applied.
    pub codes: BTreeMap<RuleCode, usize>,
    /// Whether fixing reached a fixed point within the rounds allowed.
    pub converged: bool,
}

/// Files that were read but did not become articles (their diagnostics still count).
fn parsed_failures(
    diagnostics: &[Diagnostic],
    parsed: &std::collections::BTreeSet<&Path>,
) -> usize {
    let failed: std::collections::BTreeSet<&Path> = diagnostics
        .iter()
        .map(|d| &*d.path)
        .filter(|p| !parsed.contains(p) && is_article_path(p))
        .collect();
    failed.len()
}

/// Reads one file, reporting unreadable files, invalid UTF-8 and links out of the root as
/// FM000 diagnostics so one bad file never stops the rest.
fn load_file<T>(
    root: &Path,
    path: &Path,
    max_bytes: u64,
    parse: impl FnOnce(&Path, &str) -> (Option<T>, Vec<Diagnostic>),
) -> Loaded<T> {
    parse_read(Arc::from(path), read_checked(root, path, max_bytes), parse)
}

/// The bytes of a file to lint, or why it is not read: a link out of the root, not a regular
/// file, larger than `max_bytes`, or unreadable.
pub(crate) fn read_checked(root: &Path, path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    check_inside_root(root, path)?;
    crate::fs::read_regular(path, max_bytes).map_err(|refusal| refusal.to_string())
}

/// Parses what [`read_checked`] returned, turning a refusal into an FM000 diagnostic.
fn parse_read<T>(
    shared: Arc<Path>,
    bytes: Result<Vec<u8>, String>,
    parse: impl FnOnce(&Path, &str) -> (Option<T>, Vec<Diagnostic>),
) -> Loaded<T> {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) => {
            return Loaded {
                path: shared.clone(),
                text: Arc::from(""),
                value: None,
                diagnostics: vec![Diagnostic::new(
                    &InvalidFrontMatter::META,
                    shared,
                    Span::at(0),
                    message,
                )],
            };
        }
    };
    if let Ok(text) = std::str::from_utf8(&bytes) {
        let (value, diagnostics) = parse(&shared, text);
        return Loaded {
            path: shared,
            text: Arc::from(text),
            value,
            diagnostics,
        };
    }
    // Not UTF-8: the article parser reports where, for authors and articles alike.
    let (parsed, text) = Article::parse_bytes(&shared, &bytes);
    Loaded {
        path: shared,
        text,
        value: None,
        diagnostics: parsed.diagnostics,
    }
}

/// Refuses files whose real location (after symlinks) is outside the newsroom.
fn check_inside_root(root: &Path, path: &Path) -> Result<(), String> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(());
    }
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    match path.canonicalize() {
        Ok(real) if real.starts_with(&real_root) => Ok(()),
        Ok(real) => Err(format!(
            "symbolic link points outside the newsroom (to `{}`); not read",
            real.display()
        )),
        Err(error) => Err(format!("cannot follow symbolic link: {error}")),
    }
}

/// The extensions of article files, compared without regard to case: `.md` as the SPEC
/// writes it, `.markdown` as markdownlint and Hugo also accept, and any upper-case spelling
/// (`.MD`), which editors on case-insensitive file systems produce.
pub const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown"];

/// Whether `path` names an article file by its extension (see [`ARTICLE_EXTENSIONS`]).
pub fn is_article_path(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| {
            ARTICLE_EXTENSIONS
                .iter()
                .any(|known| ext.eq_ignore_ascii_case(known))
        })
}

/// Lists the article files under `dir` (see [`is_article_path`]), like [`list_files`].
pub fn list_article_files(root: &Path, dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = walk_matching(root, dir, &is_article_path)?;
    files.sort();
    Ok(files)
}

/// Lists files with `extension` under `dir` (inside the newsroom at `root`), honouring
/// `.gitignore` and skipping hidden files, in sorted order. Directories named like files
/// (`x.md/`) are skipped; a `dir` that does not exist lists nothing.
///
/// Links are never followed during the walk. When `dir` itself, or a directory on the way to
/// it from `root`, is a symbolic link whose real location is outside the newsroom, nothing
/// under it is listed: the listing is that link alone, which the loader then reports as FM000
/// like a file link out of the newsroom.
pub fn list_files(root: &Path, dir: &Path, extension: &str) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = walk_matching(root, dir, &|path: &Path| {
        path.extension().is_some_and(|ext| ext == extension)
    })?;
    files.sort();
    Ok(files)
}

/// The article files under the articles directory of the newsroom at `root`, in the order the
/// directories list them, for callers that need no order (sorting thousands of paths costs
/// more than listing them).
pub(crate) fn walk_article_files(root: &Path, dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    walk_matching(root, dir, &is_article_path)
}

/// The article files that `paths` (files and directories, as given on a command line) name
/// in the newsroom at `root`, sorted and without repeats; every article when `paths` is empty.
///
/// A directory contributes only the article files inside the articles directory (a directory
/// containing the articles directory contributes the articles directory), so READMEs beside
/// the articles are not linted; a file named explicitly is always included. A path whose way
/// from the root passes through a symbolic link out of the newsroom contributes that link
/// instead, which the loader reports as FM000 and never reads through.
///
/// # Errors
/// [`LoadError::OutsideRoot`] for a path that is not under `root` as written, and an I/O error
/// for a path that does not exist or a directory that cannot be listed.
pub fn article_files(
    root: &Path,
    config: &Config,
    paths: &[PathBuf],
) -> Result<Vec<PathBuf>, LoadError> {
    let articles_dir = root.join(&config.paths.articles);
    if paths.is_empty() {
        return list_article_files(root, &articles_dir);
    }
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    for path in paths {
        let absolute =
            std::path::absolute(path).map_err(|e| IoError::new("cannot resolve", path, e))?;
        let absolute = crate::fs::normalize(&absolute);
        if !absolute.starts_with(root) {
            return Err(LoadError::OutsideRoot {
                path: path.clone(),
                root: root.to_path_buf(),
            });
        }
        if let Some(link) = crate::fs::first_link_outside(root, &real_root, &absolute) {
            files.push(link);
            continue;
        }
        let metadata =
            std::fs::metadata(&absolute).map_err(|e| IoError::new("cannot read", path, e))?;
        if !metadata.is_dir() {
            files.push(absolute);
        } else if absolute.starts_with(&articles_dir) {
            files.extend(walk_article_files(root, &absolute)?);
        } else if articles_dir.starts_with(&absolute) && articles_dir.is_dir() {
            files.extend(walk_article_files(root, &articles_dir)?);
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// Lists the files under `dir` whose path `matches`, in directory order; see [`list_files`]
/// for what is skipped and how links are treated.
fn walk_matching(
    root: &Path,
    dir: &Path,
    matches: &dyn Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, LoadError> {
    // Links inside the walk are not followed, so where the walk starts is all there is to
    // check: one `lstat` per component of `dir`, not one `realpath` per file.
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if let Some(link) = crate::fs::first_link_outside(root, &real_root, dir) {
        return Ok(vec![link]);
    }
    let metadata = match std::fs::metadata(dir) {
        Ok(metadata) => metadata,
        // A newsroom made by hand has no `articles/` (or `authors/`) until its first file:
        // that is an empty directory, not a failure (`new-article` creates it).
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(IoError::new("cannot read directory", dir, e).into()),
    };
    if !metadata.is_dir() {
        return Err(IoError::new(
            "cannot read directory",
            dir,
            std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a directory"),
        )
        .into());
    }
    let mut files = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .add_custom_ignore_filename(".copydeskignore")
        .parents(true)
        .follow_links(false)
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                // A directory that cannot be listed is a tool failure, not a content problem.
                let io = error.io_error().map_or_else(
                    || std::io::Error::other(error.to_string()),
                    |e| std::io::Error::new(e.kind(), e.to_string()),
                );
                return Err(IoError::new("cannot read directory", dir, io).into());
            }
        };
        let Some(file_type) = entry.file_type() else {
            continue;
        };
        if !matches(entry.path()) {
            continue;
        }
        // The listing already knows regular files; only a link needs a `stat` to skip one
        // pointing at a directory. One `stat` per article would dominate `new-article`.
        if file_type.is_file() || (file_type.is_symlink() && !entry.path().is_dir()) {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}
