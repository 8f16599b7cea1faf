//! One lint run with the lint index, as `copydesk lint` does it: decide what to lint in full
//! (the files changed since a git revision, or everything), read the index, lint, and write the
//! index back. The pass itself is [`lint_files_cached`](crate::lint_files_cached), the index
//! [`super::cache`], the changed files [`crate::git`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use super::index::{
    FindingCounts, IndexDirRefused, IndexKey, IndexMiss, LintIndex, check_index_dir,
    default_index_dir,
};
use crate::config::Config;
use crate::diagnostic::render::LintReport;
use crate::error::{Error, IoError};

/// How a run uses the index.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct IndexOptions {
    /// Lint in full only the files changed since this git revision.
    pub changed_since: Option<String>,
    /// Where the index lives; default: [`default_index_dir`].
    pub cache_dir: Option<PathBuf>,
    /// Neither read nor write the index.
    pub no_cache: bool,
}

impl IndexOptions {
    /// Options for a run that lints the files changed since `rev`, or everything without one.
    pub fn new(changed_since: Option<String>, cache_dir: Option<PathBuf>, no_cache: bool) -> Self {
        IndexOptions {
            changed_since,
            cache_dir,
            no_cache,
        }
    }
}

/// What an indexed run did, for the caller to report as it sees fit.
#[derive(Debug)]
#[non_exhaustive]
pub struct IndexedLint {
    /// The findings.
    pub report: LintReport,
    /// Files read, parsed and linted.
    pub linted: usize,
    /// Files whose facts came from the index.
    pub cached: usize,
    /// Whether only changed files were reported in full (`changed_since` was given and
    /// nothing forced a full lint).
    pub incremental: bool,
    /// The changed file that forced linting everything (`copydesk.toml` or an author file).
    pub everything_because: Option<PathBuf>,
    /// Why the stored index was not used, when it was read.
    pub miss: Option<IndexMiss>,
    /// Why the index could not be written; a run never fails for it.
    pub not_written: Option<IoError>,
    /// Why the index directory was neither read nor written (a link, not copydesk's); the
    /// run linted without the index.
    pub refused: Option<IndexDirRefused>,
}

/// Lints the article `files` (every article of the newsroom at `root`) with the lint index.
///
/// With `options.changed_since`, the files git lists as changed since that revision are
/// linted in full and reported, corpus rules run over every article's facts (from the index
/// where still valid), and all corpus findings are reported; when `copydesk.toml` or an author
/// file changed, every article's per-article findings may have changed, so everything is
/// linted and reported. Without it every file is linted and reported. Unless
/// `options.no_cache`, the index is then written for the next run.
///
/// # Errors
/// [`Error::Git`] when the changed files cannot be listed (no git, not a repository, unknown
/// revision) and [`Error::Load`] when the authors or a directory cannot be read. A missing,
/// stale or corrupt index is never an error.
pub fn lint_with_index(
    root: &Path,
    config: &Config,
    files: &[PathBuf],
    options: &IndexOptions,
    now: DateTime<FixedOffset>,
    progress: &(dyn Fn() + Sync),
) -> Result<IndexedLint, Error> {
    let changed = options
        .changed_since
        .as_deref()
        .map(|rev| crate::git::changed_since(root, rev))
        .transpose()?;
    let everything_because = changed
        .as_ref()
        .and_then(|changed| changed.affecting_every_article(config))
        .map(Path::to_path_buf);
    let scope = changed.as_ref().filter(|_| everything_because.is_none());
    let (dir, refused) = index_dir(root, options);
    // Without the index, nothing is keyed, hashed or written; a full run reports every file,
    // so it only builds the index, never reads it.
    let (index, miss) = match (options.no_cache || refused.is_some(), scope) {
        (true, _) => (None, None),
        (false, None) => (
            Some(LintIndex::new(IndexKey::for_newsroom(root, config))),
            None,
        ),
        (false, Some(_)) => {
            let (index, miss) = LintIndex::load(&dir, IndexKey::for_newsroom(root, config));
            (Some(index), miss)
        }
    };
    let run = crate::lint_files_cached(root, config, files, scope, index.as_ref(), now, progress)?;
    let not_written = run.index.and_then(|index| index.save(&dir).err());
    Ok(IndexedLint {
        report: run.report,
        linted: run.linted,
        cached: run.cached,
        incremental: scope.is_some(),
        everything_because,
        miss,
        not_written,
        refused,
    })
}

/// What [`count_with_index`] found.
#[derive(Debug)]
#[non_exhaustive]
pub struct IndexedCounts {
    /// The counts of every file's findings, per-article and corpus, as `copydesk lint`
    /// reports them; files without findings may be missing.
    pub counts: BTreeMap<Arc<Path>, FindingCounts>,
    /// Files read, parsed and linted.
    pub linted: usize,
    /// Files whose counts and facts came from the index.
    pub cached: usize,
    /// Why the stored index was not used, when it was read.
    pub miss: Option<IndexMiss>,
    /// Why the index could not be written; a run never fails for it.
    pub not_written: Option<IoError>,
    /// Why the index directory was neither read nor written.
    pub refused: Option<IndexDirRefused>,
}

/// Counts the findings of every article file in `files` (every article of the newsroom at
/// `root`) the way a full `copydesk lint` would report them, linting only the files the index
/// has no valid entry for: an unchanged file's per-article counts come from its entry, and the
/// corpus rules run over every file's facts, so a change in one article that affects another
/// (a link to a deleted article, a duplicate slug) is counted. Unless `options.no_cache`, the
/// index is read first and written back. `options.changed_since` is not used: the counts are
/// of every file.
///
/// # Errors
/// [`Error::Load`] when the authors or a directory cannot be read. A missing, stale or
/// corrupt index is never an error.
pub fn count_with_index(
    root: &Path,
    config: &Config,
    files: &[PathBuf],
    options: &IndexOptions,
    now: DateTime<FixedOffset>,
) -> Result<IndexedCounts, Error> {
    let (dir, refused) = index_dir(root, options);
    let (index, miss) = if options.no_cache || refused.is_some() {
        (None, None)
    } else {
        let (index, miss) = LintIndex::load(&dir, IndexKey::for_newsroom(root, config));
        (Some(index), miss)
    };
    // Nothing is "changed": no file's per-article findings are reported, each is counted, and
    // every corpus finding is reported.
    let nothing = crate::git::ChangedFiles::default();
    let run = crate::lint_files_cached(
        root,
        config,
        files,
        Some(&nothing),
        index.as_ref(),
        now,
        &|| {},
    )?;
    let not_written = run.index.and_then(|index| index.save(&dir).err());
    let mut counts = run.counts;
    for diagnostic in &run.report.diagnostics {
        counts
            .entry(diagnostic.path.clone())
            .or_default()
            .add(diagnostic.severity);
    }
    Ok(IndexedCounts {
        counts,
        linted: run.linted,
        cached: run.cached,
        miss,
        not_written,
        refused,
    })
}

/// The index directory of a run and, unless `--no-cache`, why it must not be used (a link,
/// a directory copydesk did not make): the one policy both indexed runs follow.
fn index_dir(root: &Path, options: &IndexOptions) -> (PathBuf, Option<IndexDirRefused>) {
    let dir = options
        .cache_dir
        .clone()
        .unwrap_or_else(|| default_index_dir(root));
    let refused = if options.no_cache {
        None
    } else {
        check_index_dir(root, &dir, options.cache_dir.is_none()).err()
    };
    (dir, refused)
}
