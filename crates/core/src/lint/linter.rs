//! The one way to lint: a [`Linter`] built once from a newsroom's settings, and
//! [`Linter::lint`], which lints a set of article files read from disk or from an in-memory
//! [`Overlay`], with or without the lint index, into one [`LintRun`].
//!
//! `copydesk lint` (plain, `--changed-since`, paths, `--fix`, `--diff`), `copydesk list`,
//! `publish`'s lint gate, `copydesk-bench verify` and [`Newsroom::lint`](crate::Newsroom::lint)
//! are all this call with another [`LintRequest`]. Which runs read and write the lint index is
//! decided in one place, [`IndexUse::of`]. Reading files is [`super::source`]; the rules run in
//! [`super::lint_article`] and [`super::lint_corpus`]; the index itself is [`super::index`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use super::corpus::lint_corpus_for;
use super::fix::apply_safe_fixes;
use super::incremental::{IndexOptions, IndexUse};
use super::index::{
    EntryMeta, FindingCounts, IndexDirRefused, IndexKey, IndexMiss, LintIndex, hash_content,
    relative_key,
};
use super::overrides::Variants;
use super::source::{LoadedAuthors, Overlay, load_authors, parse_read, read, read_text};
use super::{ArticleFacts, LintEnv, apply_config, lint_article, lint_corpus};
use crate::article::Article;
use crate::author::Author;
use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, LintReport, RuleCode, SourceMap};
use crate::error::{Error, IoError, LoadError};
use crate::git::ChangedFiles;
use crate::listing::{article_files, is_article_path, list_article_files};

/// Lints the articles of one newsroom with one set of settings, any number of times.
///
/// Built once from the root, the configuration (with any command-line overlays applied), the
/// authors (read when the linter is built) and the time the timeline rules compare with;
/// [`Linter::with_index`] lets runs use the lint index.
///
/// # Example
///
/// Lint an unsaved editor buffer next to the newsroom on disk: only the buffer's findings are
/// reported, and the corpus rules (duplicate slugs, links between articles) see every other
/// article, from the lint index where it is still valid.
///
/// ```
/// use copydesk::chrono::DateTime;
/// use copydesk::lint::{IndexOptions, Linter};
///
/// # let dir = tempfile::tempdir()?;
/// # let root = dir.path().to_path_buf();
/// # std::fs::write(root.join("copydesk.toml"), "[desks.news]\nname = \"News\"\n")?;
/// # std::fs::create_dir_all(root.join("articles"))?;
/// let now = DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z")?;
/// let linter = Linter::load(&root, now)?.with_index(IndexOptions::default());
/// let buffer = "+++\ntitle = \"A draft\"\n+++\n\nText not saved yet.\n";
/// let run = linter.lint_buffer(root.join("articles/draft.md"), buffer)?;
/// for diagnostic in &run.report.diagnostics {
///     println!("{} {}", diagnostic.code, diagnostic.message);
/// }
/// assert!(!run.report.diagnostics.is_empty());
/// assert!(run.report.diagnostics.iter().all(|d| d.path.ends_with("draft.md")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Linter {
    root: PathBuf,
    config: Config,
    authors: LoadedAuthors,
    now: DateTime<FixedOffset>,
    index: Option<IndexOptions>,
    /// The settings of each combination of `[[lint.overrides]]`, resolved once.
    variants: Arc<Variants>,
}

/// Which article files a run lints.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub enum Files {
    /// Every article of the newsroom, and any article file of the overlay not on disk yet.
    #[default]
    Newsroom,
    /// The article files that these paths (files and directories, as a command line gives
    /// them) name; see [`crate::article_files`].
    Paths(Vec<PathBuf>),
    /// Exactly these files, as given.
    Exactly(Vec<PathBuf>),
}

/// Whose per-article findings a run reports. Corpus findings are always reported, since an
/// edit to one article can break another.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub enum Report {
    /// Every file's, and the author files' too.
    #[default]
    Every,
    /// Those of the files git lists as changed since this revision; everything's when
    /// `copydesk.toml` or an author file changed.
    ChangedSince(String),
    /// Those of these files only.
    Only(Vec<PathBuf>),
    /// None: the run only counts (see [`LintRun::counts`]).
    CountsOnly,
}

/// What to lint and how: the files, whose findings to report, texts that stand in for files,
/// and a callback for progress.
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct LintRequest<'a> {
    /// The files to lint.
    pub files: Files,
    /// Whose per-article findings to report.
    pub report: Report,
    /// Texts read instead of the files on disk.
    pub overlay: Option<&'a Overlay>,
    /// Told how many files the run lints, then of each file as it finishes (from worker
    /// threads, in no particular order).
    pub progress: Option<&'a (dyn Fn(Progress) + Sync)>,
}

/// How far a run is, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Progress {
    /// The run lints this many article files.
    Started {
        /// How many.
        files: usize,
    },
    /// One more file is done.
    FileDone,
}

impl std::fmt::Debug for LintRequest<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LintRequest")
            .field("files", &self.files)
            .field("report", &self.report)
            .field("overlay", &self.overlay)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

impl<'a> LintRequest<'a> {
    /// Every article of the newsroom, every finding reported, read from disk.
    pub fn newsroom() -> LintRequest<'a> {
        LintRequest::default()
    }

    /// Lint these files instead.
    #[must_use]
    pub fn files(mut self, files: Files) -> LintRequest<'a> {
        self.files = files;
        self
    }

    /// Report these findings instead.
    #[must_use]
    pub fn report(mut self, report: Report) -> LintRequest<'a> {
        self.report = report;
        self
    }

    /// Read these texts instead of the files on disk.
    #[must_use]
    pub fn overlay(mut self, overlay: &'a Overlay) -> LintRequest<'a> {
        self.overlay = Some(overlay);
        self
    }

    /// Tell `progress` how the run goes.
    #[must_use]
    pub fn progress(mut self, progress: &'a (dyn Fn(Progress) + Sync)) -> LintRequest<'a> {
        self.progress = Some(progress);
        self
    }
}

/// What one run found and how it went.
#[derive(Debug)]
#[non_exhaustive]
pub struct LintRun {
    /// The reported findings, sorted, with the texts of their files.
    pub report: LintReport,
    /// How many findings of each severity every article file has, reported or not:
    /// per-article (linted or from the index) and corpus.
    pub counts: BTreeMap<Arc<Path>, FindingCounts>,
    /// Files read, parsed and linted.
    pub linted: usize,
    /// Files whose facts came from the lint index.
    pub cached: usize,
    /// The changed file that made a [`Report::ChangedSince`] run report everything
    /// (`copydesk.toml` or an author file).
    pub everything_because: Option<PathBuf>,
    /// Why the stored index was not used, when it was read.
    pub miss: Option<IndexMiss>,
    /// Why the index could not be written; a run never fails for it.
    pub not_written: Option<IoError>,
    /// Why the index directory was neither read nor written (a link, not copydesk's); the
    /// run linted without the index.
    pub refused: Option<IndexDirRefused>,
    /// Which files and rules had every finding reported (see [`LintRun::checked`]).
    pub(crate) checked: Checked,
}

/// Which files a run reported in full, for a baseline to tell stale entries from entries of
/// files the run did not look at.
#[derive(Debug, Clone, Default)]
pub(crate) struct Checked {
    /// The whole newsroom, every finding reported.
    everything: bool,
    /// The root, to compare with the relative paths of `reported`.
    root: PathBuf,
    /// The files whose per-article findings were reported; `None` for every linted file.
    reported: Option<ChangedFiles>,
    /// The codes of the rules the run's settings had on (`--select` and `--ignore` narrow
    /// them): an entry of a rule left out was not looked for.
    rules: BTreeSet<&'static str>,
}

impl LintRun {
    /// Whether the run reported every finding of rule `code` in `path` (a file under the
    /// newsroom root): the rule was on in the run's top-level settings (a rule that only an
    /// override turns on counts as not looked for), and the file was checked. A lint of the
    /// whole newsroom checked every file, including ones that no longer exist; a lint of some
    /// paths checked those, and the author files; a `--changed-since` lint checked the
    /// changed files.
    pub fn checked(&self, path: &Path, code: &str) -> bool {
        let checked = &self.checked;
        if !checked.rules.contains(code) {
            return false;
        }
        if checked.everything {
            return true;
        }
        match &checked.reported {
            Some(reported) => {
                self.counts.contains_key(path)
                    && path
                        .strip_prefix(&checked.root)
                        .is_ok_and(|relative| reported.contains(relative))
            }
            // Author files are reported whenever every linted file is.
            None => self.counts.contains_key(path) || !is_article_path(path),
        }
    }
}

/// A file whose safe fixes changed its text (see [`Linter::fix`]).
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

impl Linter {
    /// A linter for the newsroom at `root` with `config`, reading its authors now.
    ///
    /// # Errors
    /// [`LoadError`] when the authors directory cannot be listed.
    pub fn new(
        root: impl Into<PathBuf>,
        config: Config,
        now: DateTime<FixedOffset>,
    ) -> Result<Linter, LoadError> {
        let root = root.into();
        let authors = load_authors(&root, &config)?;
        Ok(Linter::from_parts(root, config, authors, now))
    }

    /// A linter for the newsroom whose root is `start` or the nearest parent with a
    /// `copydesk.toml`, with the configuration that file holds.
    ///
    /// # Errors
    /// [`LoadError`] when there is no newsroom, its configuration is invalid, or its authors
    /// cannot be listed.
    pub fn load(start: impl AsRef<Path>, now: DateTime<FixedOffset>) -> Result<Linter, LoadError> {
        let root = crate::find_root(start.as_ref())?;
        let config = Config::load(&root.join(crate::config::CONFIG_FILE))?;
        Linter::new(root, config, now)
    }

    /// A linter from authors already read (a loaded [`Newsroom`](crate::Newsroom)'s).
    pub(crate) fn from_parts(
        root: PathBuf,
        config: Config,
        authors: LoadedAuthors,
        now: DateTime<FixedOffset>,
    ) -> Linter {
        Linter {
            root,
            config,
            authors,
            now,
            index: None,
            variants: Arc::default(),
        }
    }

    /// Lets runs read and write the lint index as `options` say; without it no run touches
    /// the index. See [`IndexOptions`] for which runs use it.
    #[must_use]
    pub fn with_index(mut self, options: IndexOptions) -> Linter {
        self.index = Some(options);
        self
    }

    /// The newsroom root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The index options runs use, if any ([`Linter::with_index`]).
    pub(crate) fn index_options(&self) -> Option<&IndexOptions> {
        self.index.as_ref()
    }

    /// The authors with the problems of their files.
    pub(crate) fn loaded_authors(&self) -> &LoadedAuthors {
        &self.authors
    }

    /// Lints at `now` from here on.
    pub(crate) fn set_now(&mut self, now: DateTime<FixedOffset>) {
        self.now = now;
    }

    /// The configuration runs use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The authors by id.
    pub fn authors(&self) -> &BTreeMap<String, Author> {
        &self.authors.authors
    }

    /// What the rules see besides the article: built here and nowhere else.
    pub(crate) fn env(&self) -> LintEnv<'_> {
        LintEnv {
            config: &self.config,
            authors: &self.authors.authors,
            now: self.now,
        }
    }

    /// The corpus rules' findings over `facts` (every article's, or those of the files at
    /// `focus` only), each file's under its own settings (`[[lint.overrides]]` included): the
    /// one corpus pass every run and every live session makes.
    pub(crate) fn corpus_findings(
        &self,
        facts: &[ArticleFacts],
        focus: Option<&[Arc<Path>]>,
    ) -> Vec<Diagnostic> {
        let env = self.env();
        let corpus = match focus {
            Some(paths) => lint_corpus_for(facts, env, paths),
            None => lint_corpus(facts, env),
        };
        self.variants
            .settle_corpus(&self.config, &self.root, facts, corpus)
    }

    /// Lints the files of `request`: each file is read (from the overlay or, with every
    /// check, from disk), parsed and linted on a worker thread, keeping only its findings and
    /// the compact facts the corpus rules need (its text too when it has findings), so memory
    /// follows the findings, not the corpus; the corpus rules then run over every file's
    /// facts. `report.files_checked` is the number of article files linted.
    ///
    /// With the index enabled ([`Linter::with_index`]), a run over every article takes the
    /// facts of unreported, unchanged files from the index; see [`IndexOptions`] for which
    /// runs read and write it.
    ///
    /// # Errors
    /// [`Error::Git`] when [`Report::ChangedSince`] cannot list the changed files, and
    /// [`Error::Load`] when a path or directory cannot be read. A content problem is a
    /// diagnostic, and a missing, stale or corrupt index is never an error.
    pub fn lint(&self, request: &LintRequest<'_>) -> Result<LintRun, Error> {
        self.preload_dictionary();
        let files = self.resolve_files(request)?;
        let changed = match &request.report {
            Report::ChangedSince(rev) => Some(crate::git::changed_since(&self.root, rev)?),
            _ => None,
        };
        Ok(self.run(request, &files, changed))
    }

    /// [`Linter::lint`] once the files are listed and the changed ones known: everything
    /// from here on reports problems as diagnostics, never as errors.
    fn run(
        &self,
        request: &LintRequest<'_>,
        files: &[PathBuf],
        changed: Option<ChangedFiles>,
    ) -> LintRun {
        let everything_because = changed
            .as_ref()
            .and_then(|changed| changed.affecting_every_article(&self.config))
            .map(Path::to_path_buf);
        let reported: Option<ChangedFiles> = match &request.report {
            Report::Every => None,
            Report::ChangedSince(_) if everything_because.is_some() => None,
            Report::ChangedSince(_) => changed,
            Report::Only(paths) => Some(ChangedFiles {
                paths: paths
                    .iter()
                    .filter_map(|path| path.strip_prefix(&self.root).ok())
                    .map(Path::to_path_buf)
                    .collect(),
            }),
            Report::CountsOnly => Some(ChangedFiles::default()),
        };
        let index_use = IndexUse::of(
            self.index.as_ref(),
            &self.root,
            &request.files,
            reported.is_some(),
            request.overlay.is_some(),
        );
        let key = || IndexKey::for_newsroom(&self.root, &self.config);
        let (mut index, miss) = match &index_use {
            IndexUse::Off { .. } => (None, None),
            IndexUse::Build { .. } => (Some(LintIndex::new(key())), None),
            IndexUse::ReadWrite { dir } | IndexUse::Read { dir } => {
                let (index, miss) = LintIndex::load(dir, key());
                (Some(index), miss)
            }
        };
        let progress = request.progress.unwrap_or(&|_| {});
        progress(Progress::Started { files: files.len() });
        let pass = self.pass(
            files,
            reported.as_ref(),
            index.as_mut(),
            request.overlay,
            &|| progress(Progress::FileDone),
        );
        let not_written = match (&index_use, pass.index) {
            (IndexUse::Build { dir } | IndexUse::ReadWrite { dir }, Some(next)) => {
                next.save(dir).err()
            }
            // The entries of buffers are harmless (their hashes are of the buffers, so the
            // files on disk miss them); writing only when a file outside the overlay had to
            // be linted keeps an editor's warm runs from rewriting the index on every change.
            (IndexUse::Read { dir }, Some(next)) if pass.linted > pass.overlaid => {
                next.save(dir).err()
            }
            _ => None,
        };
        let mut counts = pass.counts;
        for diagnostic in &pass.corpus {
            counts
                .entry(diagnostic.path.clone())
                .or_default()
                .add(diagnostic.severity);
        }
        LintRun {
            report: pass.report,
            counts,
            linted: pass.linted,
            cached: pass.cached,
            everything_because,
            miss,
            not_written,
            refused: index_use.refused(),
            checked: Checked {
                everything: matches!(request.files, Files::Newsroom) && reported.is_none(),
                root: self.root.clone(),
                reported,
                rules: super::RULES
                    .iter()
                    .filter(|rule| self.config.lint.is_enabled(rule))
                    .map(|rule| rule.code.as_str())
                    .collect(),
            },
        }
    }

    /// Lints exactly `files` with the texts of `overlay`, reporting every finding: the run
    /// of a newsroom already loaded, which lists nothing and asks git nothing, so it cannot
    /// fail.
    pub(crate) fn lint_exactly(&self, files: &[PathBuf], overlay: &Overlay) -> LintRun {
        let request = LintRequest::newsroom()
            .files(Files::Exactly(files.to_vec()))
            .overlay(overlay);
        self.run(&request, files, None)
    }

    /// Lints `text` as the article at `path` (unsaved, or differing from disk) next to the
    /// newsroom on disk, reporting only that file's findings, per-article and corpus: the
    /// call an editor makes on every change. With the index enabled, the other articles'
    /// facts come from it, so a warm run parses and lints just the buffer.
    ///
    /// # Errors
    /// As [`Linter::lint`].
    pub fn lint_buffer(&self, path: impl Into<PathBuf>, text: &str) -> Result<LintRun, Error> {
        let path = path.into();
        let mut overlay = Overlay::new();
        overlay.insert(path.clone(), text);
        let request = LintRequest::newsroom()
            .report(Report::Only(vec![path.clone()]))
            .overlay(&overlay);
        let mut run = self.lint(&request)?;
        run.report.diagnostics.retain(|d| *d.path == *path);
        run.report.sources.retain(|source, _| **source == *path);
        Ok(run)
    }

    /// Applies the safe fixes of the files of `request` to a fixed point, in memory: each
    /// round lints them (every finding, so corpus rules see every change) and applies the
    /// safe fixes of every article file; rounds repeat until one fixes nothing, at most
    /// `max_rounds` times. Nothing is written: lint again with the fixed texts in an
    /// [`Overlay`] (or after writing them) to report what remains.
    ///
    /// # Errors
    /// As [`Linter::lint`].
    pub fn fix(&self, request: &LintRequest<'_>, max_rounds: usize) -> Result<Vec<FileFix>, Error> {
        let files = self.resolve_files(request)?;
        Ok(self.fix_files(request, &files, max_rounds))
    }

    /// [`Linter::fix`] over `files`, already listed.
    pub(crate) fn fix_files(
        &self,
        request: &LintRequest<'_>,
        files: &[PathBuf],
        max_rounds: usize,
    ) -> Vec<FileFix> {
        let mut overlay = request.overlay.cloned().unwrap_or_default();
        let mut changed: BTreeMap<Arc<Path>, FileFix> = BTreeMap::new();
        for round in 0..=max_rounds {
            let round_request = LintRequest {
                files: request.files.clone(),
                report: Report::Every,
                overlay: Some(&overlay),
                progress: None,
            };
            let run = self.run(&round_request, files, None);
            let mut fixable: BTreeMap<Arc<Path>, Vec<Diagnostic>> = BTreeMap::new();
            for diagnostic in run.report.diagnostics {
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
                let Some(text) = run.report.sources.get(&path).cloned() else {
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
                overlay.insert(path.to_path_buf(), Arc::clone(&entry.fixed));
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

    /// Starts loading the site language's dictionary while the files are listed, when SP001
    /// runs.
    fn preload_dictionary(&self) {
        if self
            .config
            .lint
            .is_enabled(&crate::lint::rules::style::Misspelling::META)
        {
            crate::style::preload(&self.config.style.spelling, &self.config.site.language);
        }
    }

    /// The article files of `request`, sorted.
    fn resolve_files(&self, request: &LintRequest<'_>) -> Result<Vec<PathBuf>, LoadError> {
        match &request.files {
            Files::Newsroom => {
                let articles_dir = self.root.join(&self.config.paths.articles);
                let mut files = list_article_files(&self.root, &articles_dir)?;
                // An unsaved article is part of the newsroom as the overlay has it.
                let unsaved: Vec<PathBuf> = request
                    .overlay
                    .into_iter()
                    .flat_map(Overlay::paths)
                    .filter(|path| is_article_path(path) && path.starts_with(&articles_dir))
                    .filter(|path| files.binary_search_by(|f| f.as_path().cmp(path)).is_err())
                    .map(Path::to_path_buf)
                    .collect();
                if !unsaved.is_empty() {
                    files.extend(unsaved);
                    files.sort();
                }
                Ok(files)
            }
            Files::Paths(paths) => article_files(&self.root, &self.config, paths),
            Files::Exactly(files) => Ok(files.clone()),
        }
    }

    /// The lint pass over `files`: the per-article rules on every file (or its facts from
    /// `index` when it is not `reported` and its entry holds), then the corpus rules.
    pub(crate) fn pass(
        &self,
        files: &[PathBuf],
        reported: Option<&ChangedFiles>,
        mut index: Option<&mut LintIndex>,
        overlay: Option<&Overlay>,
        progress: &(dyn Fn() + Sync),
    ) -> Pass {
        let env = self.env();
        let shared_index = index.as_deref();
        let mut outcomes: Vec<FileOutcome> = files
            .par_iter()
            .map(|path| {
                let is_reported = reported.is_none_or(|reported| {
                    path.strip_prefix(&self.root)
                        .is_ok_and(|relative| reported.contains(relative))
                });
                let outcome = self.lint_file(path, env, is_reported, shared_index, overlay);
                progress();
                outcome
            })
            .collect();
        if let Some(index) = index.as_deref_mut() {
            take_cached_facts(files, &mut outcomes, index);
        }
        // Author files are not articles: their findings are per-file, reported in full runs.
        let (mut diagnostics, mut sources) = if reported.is_none() {
            (
                apply_config(self.authors.diagnostics.clone(), env),
                self.authors.sources.clone(),
            )
        } else {
            (Vec::new(), SourceMap::new())
        };
        let mut facts = Vec::with_capacity(outcomes.len());
        let mut entries = Vec::with_capacity(outcomes.len());
        let mut counts = BTreeMap::new();
        let (mut linted, mut cached, mut overlaid) = (0, 0, 0);
        for (path, outcome) in files.iter().zip(outcomes) {
            counts.insert(Arc::from(path.as_path()), outcome.counts);
            if outcome.from_cache {
                cached += 1;
            } else {
                linted += 1;
            }
            if overlay.is_some_and(|overlay| overlay.get(path).is_some()) {
                overlaid += 1;
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
        let corpus = self.corpus_findings(&facts, None);
        let max_bytes = self.config.limits.max_file_bytes;
        for diagnostic in &corpus {
            // A corpus finding in a file with no other finding: its text, for display, read
            // through the same source and checks as the run.
            if sources.contains_key(&diagnostic.path) {
                continue;
            }
            if let Some(text) = read_text(&self.root, &diagnostic.path, max_bytes, overlay) {
                sources.insert(diagnostic.path.clone(), text);
            }
        }
        diagnostics.extend(corpus.iter().cloned());
        let next = index.map(|index| {
            let mut facts: Vec<Option<_>> = facts.into_iter().map(Some).collect();
            let mut next = LintIndex::new(index.key().clone());
            for (key, meta, at, counts) in entries {
                next.insert(key, meta, at.and_then(|at| facts[at].take()), counts);
            }
            next
        });
        Pass {
            report: LintReport::new(diagnostics, sources, files.len()),
            corpus,
            linted,
            cached,
            overlaid,
            index: next,
            counts,
        }
    }

    /// Reads one article file and takes its facts from `index` when it is not `reported` and
    /// its entry is still valid; otherwise lints it, keeping its diagnostics when `reported`.
    pub(crate) fn lint_file(
        &self,
        path: &Path,
        env: LintEnv<'_>,
        reported: bool,
        index: Option<&LintIndex>,
        overlay: Option<&Overlay>,
    ) -> FileOutcome {
        let shared: Arc<Path> = Arc::from(path);
        let read = read(&self.root, path, self.config.limits.max_file_bytes, overlay);
        // Without an index there is nothing to look up or to build: no key, no hash.
        let key = index.and_then(|_| relative_key(&self.root, path));
        let hash = key.as_ref().and_then(|_| read.bytes().map(hash_content));
        if !reported
            && let (Some(index), Some(key), Some(hash)) = (index, &key, hash)
            && let Some((meta, counts)) = index.lookup(key, &hash, env.now)
        {
            // The facts stay in the index: the caller moves them out with `take_cached_facts`.
            return FileOutcome {
                diagnostics: Vec::new(),
                facts: None,
                source: None,
                entry: Some((key.clone(), meta)),
                from_cache: true,
                counts,
            };
        }
        let loaded = parse_read(shared, read, |path, text| {
            let parsed = Article::parse(path, text);
            (parsed.article, parsed.diagnostics)
        });
        let entry = key
            .zip(hash)
            .map(|(key, hash)| (key, EntryMeta::fresh(hash, env.now, loaded.value.as_ref())));
        // The article's own settings when `[[lint.overrides]]` match it.
        let (desk, status) = loaded
            .value
            .as_ref()
            .map_or((None, None), |a| (a.desk.as_deref(), Some(a.status)));
        let which = Variants::matching(&self.config, &self.root, path, desk, status);
        let variant = self.variants.config_for(&self.config, which);
        let env = match &variant {
            Some(config) => LintEnv { config, ..env },
            None => env,
        };
        let (diagnostics, facts) = match &loaded.value {
            Some(article) => {
                let outcome = lint_article(article, loaded.diagnostics, env);
                (outcome.diagnostics, Some(outcome.facts))
            }
            None => (apply_config(loaded.diagnostics, env), None),
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
}

/// Moves the facts of the outcomes that `index` answered out of it, so the run holds one
/// copy of them. `outcomes` are those of `files`, in order.
pub(crate) fn take_cached_facts(
    files: &[PathBuf],
    outcomes: &mut [FileOutcome],
    index: &mut LintIndex,
) {
    for (path, outcome) in files.iter().zip(outcomes) {
        if let (true, Some((key, _))) = (outcome.from_cache, &outcome.entry) {
            outcome.facts = index.take_facts(key, &Arc::from(path.as_path()));
        }
    }
}

/// What the lint pass keeps of one file.
pub(crate) struct FileOutcome {
    /// Diagnostics to report (none for a file linted only for its facts).
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The facts; for a file `from_cache`, `None` until [`take_cached_facts`] moves them out
    /// of the index.
    pub(crate) facts: Option<super::ArticleFacts>,
    /// The file's text, kept only when it has reported findings.
    pub(crate) source: Option<(Arc<Path>, Arc<str>)>,
    /// The file's key and entry in the lint index (none for a file that could not be read).
    pub(crate) entry: Option<(String, EntryMeta)>,
    /// Whether the facts came from the index instead of linting the file.
    pub(crate) from_cache: bool,
    /// The counts of the file's per-article findings, reported or not.
    pub(crate) counts: FindingCounts,
}

/// What one lint pass did.
#[derive(Debug)]
pub(crate) struct Pass {
    /// The reported findings: per-article diagnostics of the reported files, and every
    /// corpus diagnostic.
    pub(crate) report: LintReport,
    /// The corpus diagnostics alone.
    pub(crate) corpus: Vec<Diagnostic>,
    /// Files read, parsed and linted.
    pub(crate) linted: usize,
    /// Files whose facts came from the index.
    pub(crate) cached: usize,
    /// Files read from the overlay.
    pub(crate) overlaid: usize,
    /// The index to store for the next run, when the run was given one: an entry for every
    /// readable file, so files no longer listed (deleted articles) drop out.
    pub(crate) index: Option<LintIndex>,
    /// The counts of every file's per-article findings, reported or not.
    pub(crate) counts: BTreeMap<Arc<Path>, FindingCounts>,
}

/// The lint pass with an index, under the name and shape the index's own tests use.
#[cfg(test)]
pub(crate) fn lint_files_indexed(
    root: &Path,
    config: &Config,
    files: &[PathBuf],
    changed: Option<&ChangedFiles>,
    index: Option<&mut LintIndex>,
    now: DateTime<FixedOffset>,
    progress: &(dyn Fn() + Sync),
) -> Result<Pass, LoadError> {
    let linter = Linter::new(root, config.clone(), now)?;
    Ok(linter.pass(files, changed, index, None, progress))
}

/// The result of [`lint_files_indexed`].
#[cfg(test)]
pub(crate) type IndexedPass = Pass;
