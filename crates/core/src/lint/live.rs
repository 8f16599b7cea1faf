//! A live newsroom: the newsroom held in memory between lint runs, for front ends that stay up
//! while files change (the language server, the preview, `lint --stdin-filename`).
//!
//! [`LiveNewsroom`] is loaded once through a [`Linter`] (taking the facts of unchanged
//! articles from the lint index when the linter has one), is then told which file changed
//! ([`LiveNewsroom::changed`]) and re-reads only that file, through the same checked reader
//! every run uses. It lints unsaved buffers next to what it holds
//! ([`LiveNewsroom::lint_buffers`]: the per-article rules on each buffer, the corpus rules over
//! the held facts, no walk of the newsroom), and gives the whole report
//! ([`LiveNewsroom::report`]). What it reports is what [`Linter::lint`] reports for the same
//! files on disk; the tests in `crates/core/tests/live.rs` hold it to that.
//!
//! Reading files is [`super::source`]; running the rules on one file, and the corpus rules
//! over every file's facts, is [`Linter`]'s.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use super::incremental::IndexUse;
use super::index::{FindingCounts, IndexKey, IndexMiss, LintIndex};
use super::linter::{FileOutcome, Files, Linter};
use super::source::{Overlay, load_article, read_text};
use super::{ArticleFacts, apply_config};
use crate::article::Status;
use crate::author::Author;
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, LintReport, SourceMap};
use crate::error::{ConfigError, LoadError};
use crate::listing::{is_article_path, list_article_files};

/// A newsroom kept in memory and kept current as its files change: lint an unsaved buffer next
/// to it on every keystroke, or ask for the whole report after a save, without reading the
/// newsroom again.
///
/// Built on a [`Linter`]: its configuration, authors, clock and index options are the
/// session's. Per-article findings of files on disk are kept as counts only (or in full with
/// [`Keep::Findings`]); [`LiveNewsroom::report`] lints the files whose findings it did not
/// keep when it is asked for them. Facts of files on disk are those of when the file was last
/// linted: a session that runs for days sees time-sensitive findings (TL rules) of files
/// nobody touched as of then, until [`LiveNewsroom::reload`].
///
/// # Example
///
/// ```
/// use copydesk::chrono::DateTime;
/// use copydesk::lint::{IndexOptions, Keep, Linter, LiveNewsroom, Overlay};
///
/// # let dir = tempfile::tempdir()?;
/// # let root = dir.path().to_path_buf();
/// # std::fs::write(root.join("copydesk.toml"), "[desks.news]\nname = \"News\"\n")?;
/// # std::fs::create_dir_all(root.join("articles"))?;
/// let now = DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z")?;
/// let linter = Linter::load(&root, now)?.with_index(IndexOptions::default());
/// let mut live = LiveNewsroom::load(linter, Keep::Counts)?;
///
/// // An unsaved buffer, linted next to the newsroom held in memory.
/// let path = root.join("articles/draft.md");
/// let mut buffers = Overlay::new();
/// buffers.insert(path.clone(), "+++\ntitle = \"A draft\"\n+++\n\nText not saved yet.\n");
/// let report = live.lint_buffers(&buffers);
/// assert!(report.diagnostics.iter().all(|d| d.path.ends_with("draft.md")));
///
/// // The file is saved: tell the session, which reads that file alone.
/// std::fs::write(&path, "+++\ntitle = \"A draft\"\n+++\n\nSaved.\n")?;
/// live.changed(&path)?;
/// assert_eq!(live.report().files_checked, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct LiveNewsroom {
    linter: Linter,
    keep: Keep,
    /// Every article file of the newsroom on disk, in path order.
    files: BTreeMap<Arc<Path>, FileState>,
    /// The facts of the files that parsed, in path order: what the corpus rules run over.
    facts: Vec<ArticleFacts>,
    /// The corpus findings over `facts` and the texts of their files, until a file changes.
    corpus: Option<(Vec<Diagnostic>, SourceMap)>,
    /// Why the last `copydesk.toml` read was refused, while the last good one is used.
    config_error: Option<ConfigError>,
    /// The last per-file lint of each buffer, reused while its text is the same `Arc`.
    buffers: HashMap<PathBuf, (Arc<str>, BufferLint)>,
    loaded: LoadStats,
}

/// How much of each file's per-article findings a [`LiveNewsroom`] keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Keep {
    /// Counts and corpus facts only: memory follows the newsroom's size, not its findings, and
    /// unchanged files' facts come from the lint index. What an editor needs.
    Counts,
    /// Every file's findings and the texts of the files that have some: what a page of every
    /// finding needs. The lint index is not read.
    Findings,
}

/// How loading went.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct LoadStats {
    /// Files read, parsed and linted.
    pub linted: usize,
    /// Files whose facts came from the lint index.
    pub cached: usize,
    /// Why the stored index was not used, when it was read.
    pub miss: Option<IndexMiss>,
}

/// What [`LiveNewsroom::changed`] did about a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Changed {
    /// An article file was read and linted again, or dropped because it is gone.
    Article,
    /// The set of article files changed (a file or directory appeared or went): the articles
    /// directory was listed again and the files that came or went linted or dropped.
    Listing,
    /// The author files were read again and every article linted again.
    Authors,
    /// `copydesk.toml` was read again and everything linted again with it.
    Config,
    /// `copydesk.toml` does not load: the last good configuration stays in use, and
    /// [`LiveNewsroom::config_error`] says why.
    ConfigKept,
    /// Not a file the lint reads.
    Nothing,
}

/// What a path is to the newsroom (see [`LiveNewsroom::kind_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileKind {
    /// `copydesk.toml` at the root, a style file it includes, or a spelling dictionary of
    /// the newsroom's `dictionaries/`.
    Config,
    /// A TOML file in the authors directory.
    Author,
    /// A Markdown file in the articles directory.
    Article,
    /// Anything under the articles directory that is not an article file (a directory).
    ArticlesTree,
    /// Anything else.
    Other,
}

/// The front matter of an article that editors show: for hover and completion.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ArticleSummary {
    /// The file.
    pub path: Arc<Path>,
    /// Its slug.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Its dek.
    pub dek: Option<String>,
    /// Its status.
    pub status: Status,
    /// Its tags.
    pub tags: Vec<String>,
}

#[derive(Debug, Default)]
struct FileState {
    /// Per-article findings, when kept or known to be none; `None` when only `counts` is.
    diagnostics: Option<Vec<Diagnostic>>,
    /// The text, kept with findings.
    text: Option<Arc<str>>,
    counts: FindingCounts,
    /// The front matter summary, read on first use.
    summary: Summary,
}

/// An article's front matter summary as held: read on first use.
#[derive(Debug, Clone, Default)]
enum Summary {
    #[default]
    Unread,
    /// `None` when the file does not parse. Boxed: most summaries are never read, and an
    /// unread one should cost a word, not the summary's size, in each of 100,000 files.
    Read(Option<Box<ArticleSummary>>),
}

/// Reads the summary of the article at `path`.
fn read_summary(root: &Path, path: &Arc<Path>, max_bytes: u64) -> Option<ArticleSummary> {
    load_article(root, path, max_bytes, None)
        .value
        .map(|article| ArticleSummary {
            path: Arc::clone(path),
            slug: article.slug,
            title: article.title,
            dek: article.dek,
            status: article.status,
            tags: article.tags,
        })
}

#[derive(Debug, Clone)]
struct BufferLint {
    diagnostics: Vec<Diagnostic>,
    facts: Option<ArticleFacts>,
}

impl LiveNewsroom {
    /// Loads the newsroom `linter` lints: lists its article files and lints each once for
    /// its facts (from the lint index where `linter` has one and the entry holds), keeping
    /// what `keep` says. When files had to be linted, the index is written back, so the next
    /// session starts warm.
    ///
    /// # Errors
    /// [`LoadError`] when the articles directory cannot be listed.
    pub fn load(linter: Linter, keep: Keep) -> Result<LiveNewsroom, LoadError> {
        let mut live = LiveNewsroom {
            linter,
            keep,
            files: BTreeMap::new(),
            facts: Vec::new(),
            corpus: None,
            config_error: None,
            buffers: HashMap::new(),
            loaded: LoadStats::default(),
        };
        let files = live.list()?;
        live.loaded = live.lint_all(&files);
        Ok(live)
    }

    /// The linter the session lints with: its root, configuration and authors.
    pub fn linter(&self) -> &Linter {
        &self.linter
    }

    /// The newsroom root.
    pub fn root(&self) -> &Path {
        self.linter.root()
    }

    /// The configuration in use (the last one that loaded).
    pub fn config(&self) -> &Config {
        self.linter.config()
    }

    /// Why the last read of `copydesk.toml` was refused, while the last good configuration
    /// is in use; `None` once it loads again.
    pub fn config_error(&self) -> Option<&ConfigError> {
        self.config_error.as_ref()
    }

    /// How loading went: how many files were linted and how many came from the index.
    pub fn load_stats(&self) -> &LoadStats {
        &self.loaded
    }

    /// The article files held, in path order.
    pub fn article_files(&self) -> impl Iterator<Item = &Path> {
        self.files.keys().map(|path| &**path)
    }

    /// Lints from now on at `now` (the timeline rules' clock). Files already linted keep
    /// their facts; buffers are linted again.
    pub fn set_now(&mut self, now: DateTime<FixedOffset>) {
        self.linter.set_now(now);
        self.buffers.clear();
    }

    /// What `path` is to this newsroom.
    pub fn kind_of(&self, path: &Path) -> FileKind {
        let root = self.root();
        let config = self.config();
        let is_dictionary = path.starts_with(root.join(crate::style::NEWSROOM_DIR))
            && path
                .extension()
                .is_some_and(|ext| ext == "aff" || ext == "dic");
        if path == root.join(CONFIG_FILE)
            || config.style.files.iter().any(|file| file == path)
            || is_dictionary
        {
            FileKind::Config
        } else if path.extension().is_some_and(|ext| ext == "toml")
            && path.starts_with(root.join(&config.paths.authors))
        {
            FileKind::Author
        } else if path.starts_with(root.join(&config.paths.articles)) {
            if is_article_path(path) {
                FileKind::Article
            } else {
                FileKind::ArticlesTree
            }
        } else {
            FileKind::Other
        }
    }

    /// Tells the session that the file at `path` (absolute) changed, appeared or went away,
    /// and brings it up to date: an article file is read and linted again (or dropped), a
    /// new one or a directory of the articles tree makes it list the articles again, an
    /// author file reloads the authors, and `copydesk.toml` the configuration (a file that
    /// does not load keeps the last good one: see [`Changed::ConfigKept`]). The last two lint
    /// every article again.
    ///
    /// # Errors
    /// [`LoadError`] when a directory the newsroom needs cannot be listed.
    pub fn changed(&mut self, path: &Path) -> Result<Changed, LoadError> {
        match self.kind_of(path) {
            FileKind::Config => self.reload_config(),
            FileKind::Author => {
                self.reload()?;
                Ok(Changed::Authors)
            }
            FileKind::Article if self.files.contains_key(path) && path.is_file() => {
                self.relint(path);
                Ok(Changed::Article)
            }
            FileKind::Article | FileKind::ArticlesTree => {
                self.relist()?;
                Ok(Changed::Listing)
            }
            FileKind::Other => Ok(Changed::Nothing),
        }
    }

    /// Reads the authors again and lints every article again, with the configuration in use.
    ///
    /// # Errors
    /// [`LoadError`] when the authors or articles directory cannot be listed.
    pub fn reload(&mut self) -> Result<(), LoadError> {
        let linter = Linter::new(
            self.root().to_path_buf(),
            self.config().clone(),
            self.linter.env().now,
        )?;
        self.replace_linter(linter)
    }

    fn replace_linter(&mut self, linter: Linter) -> Result<(), LoadError> {
        let linter = match self.linter.index_options() {
            Some(options) => linter.with_index(options.clone()),
            None => linter,
        };
        self.linter = linter;
        self.buffers.clear();
        let files = self.list()?;
        self.loaded = self.lint_all(&files);
        Ok(())
    }

    fn reload_config(&mut self) -> Result<Changed, LoadError> {
        let path = self.root().join(CONFIG_FILE);
        match Config::load(&path) {
            Ok(config) => {
                self.config_error = None;
                let linter = Linter::new(self.root().to_path_buf(), config, self.linter.env().now)?;
                self.replace_linter(linter)?;
                Ok(Changed::Config)
            }
            Err(error) => {
                self.config_error = Some(error);
                Ok(Changed::ConfigKept)
            }
        }
    }

    fn list(&self) -> Result<Vec<PathBuf>, LoadError> {
        let articles_dir = self.root().join(&self.config().paths.articles);
        list_article_files(self.root(), &articles_dir)
    }

    /// Lints every file of `files` afresh, replacing everything held.
    fn lint_all(&mut self, files: &[PathBuf]) -> LoadStats {
        let linter = &self.linter;
        let index_use = IndexUse::of(
            linter.index_options(),
            linter.root(),
            &Files::Newsroom,
            true,
            false,
        );
        let (mut index, miss) = match &index_use {
            IndexUse::ReadWrite { dir } if self.keep == Keep::Counts => {
                let key = IndexKey::for_newsroom(linter.root(), linter.config());
                let (index, miss) = LintIndex::load(dir, key);
                (Some(index), miss)
            }
            IndexUse::ReadWrite { .. } => (
                Some(LintIndex::new(IndexKey::for_newsroom(
                    linter.root(),
                    linter.config(),
                ))),
                None,
            ),
            _ => (None, None),
        };
        let env = linter.env();
        let reported = self.keep == Keep::Findings;
        let outcomes: Vec<FileOutcome> = files
            .par_iter()
            .map(|path| linter.lint_file(path, env, reported, index.as_ref(), None))
            .collect();
        let linted = outcomes.iter().filter(|o| !o.from_cache).count();
        let stats = LoadStats {
            miss,
            cached: outcomes.len() - linted,
            linted,
        };
        // Rewritten only when something had to be linted: a warm start copies no facts.
        let next_key = index
            .as_ref()
            .filter(|_| linted > 0)
            .map(|index| index.key().clone());
        let mut entries = Vec::new();
        self.files.clear();
        self.facts.clear();
        self.facts.reserve_exact(outcomes.len());
        self.corpus = None;
        for (path, mut outcome) in files.iter().zip(outcomes) {
            let path: Arc<Path> = Arc::from(path.as_path());
            // Moved out of the index, with the path shared with `files`.
            if outcome.from_cache
                && let (Some(index), Some((key, _))) = (&mut index, &outcome.entry)
            {
                outcome.facts = index.take_facts(key, &path);
            }
            if next_key.is_some()
                && let Some((key, meta)) = outcome.entry.take()
            {
                entries.push((key, meta, outcome.facts.clone(), outcome.counts));
            }
            let (state, facts) = state_of(outcome, reported);
            self.facts.extend(facts);
            self.files.insert(path, state);
        }
        drop(index);
        if let (IndexUse::ReadWrite { dir }, Some(key)) = (&index_use, next_key) {
            let mut next = LintIndex::new(key);
            for (key, meta, facts, counts) in entries {
                next.insert(key, meta, facts, counts);
            }
            // A session never fails for its index; the next start is merely cold.
            let _ = next.save(dir);
        }
        stats
    }

    /// Reads and lints the held article file at `path` again.
    fn relint(&mut self, path: &Path) {
        self.lint_again(path, self.keep == Keep::Findings);
    }

    /// Reads and lints the file at `path` again, keeping its findings when `reported`.
    fn lint_again(&mut self, path: &Path, reported: bool) {
        let env = self.linter.env();
        let outcome = self.linter.lint_file(path, env, reported, None, None);
        let (state, facts) = state_of(outcome, reported);
        let shared: Arc<Path> = Arc::from(path);
        self.files.insert(Arc::clone(&shared), state);
        put_facts(&mut self.facts, path, facts);
        self.corpus = None;
    }

    /// Lists the article files again: drops the ones gone and lints the ones new.
    fn relist(&mut self) -> Result<(), LoadError> {
        let listed = self.list()?;
        let gone: Vec<Arc<Path>> = self
            .files
            .keys()
            .filter(|path| listed.binary_search_by(|p| p.as_path().cmp(path)).is_err())
            .cloned()
            .collect();
        for path in gone {
            self.files.remove(&path);
            put_facts(&mut self.facts, &path, None);
        }
        for path in listed {
            if !self.files.contains_key(path.as_path()) {
                self.relint(&path);
            }
        }
        self.corpus = None;
        Ok(())
    }

    /// Lints the texts of `buffers` in place of their files (unsaved editor buffers), next to
    /// the newsroom held: the per-article rules on each buffer (article or author file), the
    /// corpus rules over the held facts with the buffers' in place of their files'. Reports
    /// the buffers' findings only, per-article and corpus, sorted; each buffer's text is in
    /// the report's sources. A buffer that is not a file the lint reads has no findings.
    pub fn lint_buffers(&mut self, buffers: &Overlay) -> LintReport {
        let env = self.linter.env();
        let mut diagnostics = Vec::new();
        let mut sources = SourceMap::new();
        let mut replacements = Vec::new();
        for path in buffers.paths() {
            let Some(text) = buffers.get(path) else {
                continue;
            };
            sources.insert(Arc::from(path), Arc::clone(text));
            let kind = self.kind_of(path);
            let lint = match self.buffers.get(path) {
                Some((seen, lint)) if Arc::ptr_eq(seen, text) => lint.clone(),
                _ => {
                    let lint = match kind {
                        FileKind::Article => {
                            let outcome =
                                self.linter.lint_file(path, env, true, None, Some(buffers));
                            BufferLint {
                                diagnostics: outcome.diagnostics,
                                facts: outcome.facts,
                            }
                        }
                        FileKind::Author => BufferLint {
                            diagnostics: apply_config(Author::parse(path, text).diagnostics, env),
                            facts: None,
                        },
                        _ => BufferLint {
                            diagnostics: Vec::new(),
                            facts: None,
                        },
                    };
                    self.buffers
                        .insert(path.to_path_buf(), (Arc::clone(text), lint.clone()));
                    lint
                }
            };
            diagnostics.extend(lint.diagnostics);
            if kind == FileKind::Article {
                replacements.push((Arc::<Path>::from(path), lint.facts));
            }
        }
        let open: Vec<Arc<Path>> = buffers.paths().map(Arc::from).collect();
        let linter = &self.linter;
        let corpus = with_replaced(&mut self.facts, replacements, |facts| {
            linter.corpus_findings(facts, Some(&open))
        });
        diagnostics.extend(corpus);
        LintReport::new(diagnostics, sources, buffers.paths().count())
    }

    /// Forgets the last lint of a buffer the editor closed.
    pub fn forget_buffer(&mut self, path: &Path) {
        self.buffers.remove(path);
    }

    /// The findings of the newsroom on disk as held: every article's and author file's, and
    /// the corpus rules', sorted, with the texts of the files that have some, as
    /// [`Linter::lint`] of every article reports them. Files whose findings were kept as
    /// counts only are linted now (and then kept).
    pub fn report(&mut self) -> LintReport {
        self.fill_findings();
        let env = self.linter.env();
        let authors = self.linter.loaded_authors();
        let mut diagnostics = apply_config(authors.diagnostics.clone(), env);
        let mut sources = authors.sources.clone();
        for (path, state) in &self.files {
            diagnostics.extend(state.diagnostics.iter().flatten().cloned());
            if let Some(text) = &state.text {
                sources.insert(Arc::clone(path), Arc::clone(text));
            }
        }
        let (corpus, texts) = self.corpus();
        diagnostics.extend(corpus.iter().cloned());
        for (path, text) in texts {
            sources
                .entry(Arc::clone(path))
                .or_insert_with(|| Arc::clone(text));
        }
        LintReport::new(diagnostics, sources, self.files.len())
    }

    /// [`LiveNewsroom::report`]'s findings on the held files at `paths` alone, per-article
    /// and corpus, with those files' texts: the corpus rules work out these files' findings
    /// only (as for an editor's buffers), so a save is shown before the whole newsroom's
    /// findings are worked out again.
    pub fn report_on(&mut self, paths: &[PathBuf]) -> LintReport {
        let focus: Vec<Arc<Path>> = paths.iter().map(|path| Arc::from(path.as_path())).collect();
        let missing: Vec<Arc<Path>> = focus
            .iter()
            .filter(|path| {
                self.files
                    .get(*path)
                    .is_some_and(|state| state.diagnostics.is_none())
            })
            .cloned()
            .collect();
        for path in missing {
            self.lint_again(&path, true);
        }
        let mut diagnostics = Vec::new();
        let mut sources = SourceMap::new();
        for path in &focus {
            if let Some(state) = self.files.get(path) {
                diagnostics.extend(state.diagnostics.iter().flatten().cloned());
                if let Some(text) = &state.text {
                    sources.insert(Arc::clone(path), Arc::clone(text));
                }
            }
        }
        let corpus = self.linter.corpus_findings(&self.facts, Some(&focus));
        for diagnostic in &corpus {
            if !sources.contains_key(&diagnostic.path)
                && let Some(text) = shown_text(&self.linter, &self.files, &diagnostic.path)
            {
                sources.insert(Arc::clone(&diagnostic.path), text);
            }
        }
        diagnostics.extend(corpus);
        LintReport::new(diagnostics, sources, focus.len())
    }

    /// How many findings of each severity every article file has (per-article and corpus),
    /// without linting anything for their details.
    pub fn counts(&mut self) -> BTreeMap<Arc<Path>, FindingCounts> {
        let mut counts: BTreeMap<Arc<Path>, FindingCounts> = self
            .files
            .iter()
            .map(|(path, state)| (Arc::clone(path), state.counts))
            .collect();
        let (corpus, _) = self.corpus();
        for diagnostic in corpus {
            counts
                .entry(Arc::clone(&diagnostic.path))
                .or_default()
                .add(diagnostic.severity);
        }
        counts
    }

    /// The corpus findings over the held facts, computed once per change.
    fn corpus(&mut self) -> &(Vec<Diagnostic>, SourceMap) {
        let linter = &self.linter;
        let files = &self.files;
        let facts = &self.facts;
        self.corpus.get_or_insert_with(|| {
            let corpus = linter.corpus_findings(facts, None);
            let mut texts = SourceMap::new();
            for diagnostic in &corpus {
                if !texts.contains_key(&diagnostic.path)
                    && let Some(text) = shown_text(linter, files, &diagnostic.path)
                {
                    texts.insert(Arc::clone(&diagnostic.path), text);
                }
            }
            (corpus, texts)
        })
    }

    /// Lints, keeping their findings, the files whose findings are known by count only.
    fn fill_findings(&mut self) {
        let missing: Vec<Arc<Path>> = self
            .files
            .iter()
            .filter(|(_, state)| state.diagnostics.is_none())
            .map(|(path, _)| Arc::clone(path))
            .collect();
        if missing.is_empty() {
            return;
        }
        let env = self.linter.env();
        let linter = &self.linter;
        let outcomes: Vec<FileOutcome> = missing
            .par_iter()
            .map(|path| linter.lint_file(path, env, true, None, None))
            .collect();
        for (path, outcome) in missing.into_iter().zip(outcomes) {
            let (state, facts) = state_of(outcome, true);
            // The file may have changed since its facts were taken: keep both in step.
            put_facts(&mut self.facts, &path, facts);
            self.files.insert(path, state);
        }
        self.corpus = None;
    }

    /// The front matter summaries of every article that parses, in path order. Files not
    /// read since they last changed are read now (in parallel), so the first call after a
    /// warm start reads the newsroom once.
    pub fn summaries(&mut self) -> Vec<&ArticleSummary> {
        let root = self.linter.root();
        let max_bytes = self.linter.config().limits.max_file_bytes;
        let missing: Vec<(&Arc<Path>, &mut FileState)> = self
            .files
            .iter_mut()
            .filter(|(_, state)| matches!(state.summary, Summary::Unread))
            .collect();
        missing.into_par_iter().for_each(|(path, state)| {
            state.summary = Summary::Read(read_summary(root, path, max_bytes).map(Box::new));
        });
        self.files
            .values()
            .filter_map(|state| match &state.summary {
                Summary::Read(summary) => summary.as_deref(),
                Summary::Unread => None,
            })
            .collect()
    }

    /// The summary of the article with `slug` (the first in path order when several share
    /// it), reading only that file when its summary is not held.
    pub fn article(&mut self, slug: &str) -> Option<ArticleSummary> {
        let path = self
            .facts
            .iter()
            .find(|facts| facts.slug == slug)
            .map(|facts| Arc::clone(&facts.path))?;
        let root = self.linter.root().to_path_buf();
        let max_bytes = self.linter.config().limits.max_file_bytes;
        let state = self.files.get_mut(&path)?;
        if matches!(state.summary, Summary::Unread) {
            state.summary = Summary::Read(read_summary(&root, &path, max_bytes).map(Box::new));
        }
        match &state.summary {
            Summary::Read(summary) => summary.as_deref().cloned(),
            Summary::Unread => None,
        }
    }
}

/// What the session keeps of one file's lint, and its facts.
fn state_of(outcome: FileOutcome, reported: bool) -> (FileState, Option<ArticleFacts>) {
    let none = outcome.counts == FindingCounts::default();
    let diagnostics = if reported && !outcome.from_cache {
        Some(outcome.diagnostics)
    } else if none {
        Some(Vec::new())
    } else {
        None
    };
    let state = FileState {
        diagnostics,
        text: outcome.source.map(|(_, text)| text),
        counts: outcome.counts,
        summary: Summary::Unread,
    };
    (state, outcome.facts)
}

/// The text of the file at `path`, to show a finding in: the one held with its findings, or
/// the file read now.
fn shown_text(
    linter: &Linter,
    files: &BTreeMap<Arc<Path>, FileState>,
    path: &Arc<Path>,
) -> Option<Arc<str>> {
    files
        .get(path)
        .and_then(|state| state.text.clone())
        .or_else(|| {
            let max_bytes = linter.config().limits.max_file_bytes;
            read_text(linter.root(), path, max_bytes, None)
        })
}

/// Sets the facts of the file at `path` in `facts` (kept in path order) to `new`, removing
/// them for `None`; returns what was there.
fn put_facts(
    facts: &mut Vec<ArticleFacts>,
    path: &Path,
    new: Option<ArticleFacts>,
) -> Option<ArticleFacts> {
    match (facts.binary_search_by(|x| (*x.path).cmp(path)), new) {
        (Ok(at), Some(new)) => Some(std::mem::replace(&mut facts[at], new)),
        (Ok(at), None) => Some(facts.remove(at)),
        (Err(at), Some(new)) => {
            facts.insert(at, new);
            None
        }
        (Err(_), None) => None,
    }
}

/// Runs `f` on `facts` with each `(path, facts)` replacement applied (`None` removes the
/// path's facts: a buffer whose front matter does not parse), then restores `facts`. Swapping
/// in place keeps a keystroke from copying the facts of the whole newsroom.
fn with_replaced<R>(
    facts: &mut Vec<ArticleFacts>,
    replacements: Vec<(Arc<Path>, Option<ArticleFacts>)>,
    f: impl FnOnce(&[ArticleFacts]) -> R,
) -> R {
    let undo: Vec<(Arc<Path>, Option<ArticleFacts>)> = replacements
        .into_iter()
        .map(|(path, new)| {
            let old = put_facts(facts, &path, new);
            (path, old)
        })
        .collect();
    let result = f(facts);
    for (path, old) in undo.into_iter().rev() {
        put_facts(facts, &path, old);
    }
    result
}
