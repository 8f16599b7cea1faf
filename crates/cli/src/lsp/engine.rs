//! The language server's one door into the lint engine: a thin adapter over the library's
//! [`LiveNewsroom`], which holds the newsroom (the facts of every article, from the lint
//! index when it is warm), re-reads only the files that change, and lints open buffers next
//! to it. This module turns its answers into what the protocol code in `lsp/mod.rs` needs:
//! diagnostics by path, the text `lint --fix` would write, and the newsroom's ids and titles
//! for hover and completion.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use copydesk::config::CONFIG_FILE;
use copydesk::lint::fix::{MAX_ROUNDS, apply_safe_fixes};
use copydesk::lint::{ArticleSummary, FileKind, IndexOptions, Keep, Linter, LiveNewsroom, Overlay};
use copydesk::{Author, Config, ConfigError, Diagnostic, LoadError};

/// The newsroom as the server sees it, and the lint runs it offers.
pub(crate) struct Engine {
    live: LiveNewsroom,
}

/// Problems of a `copydesk.toml` that does not load, as diagnostics on that file.
pub(crate) struct ConfigProblems {
    pub(crate) path: PathBuf,
    pub(crate) problems: Vec<copydesk::ConfigProblem>,
    /// The error's text when it has no located problems (the file cannot be read).
    pub(crate) message: Option<String>,
}

impl ConfigProblems {
    pub(crate) fn from_error(path: PathBuf, error: &ConfigError) -> Self {
        match error {
            ConfigError::Invalid { problems, .. } => ConfigProblems {
                path,
                problems: problems.clone(),
                message: None,
            },
            other => ConfigProblems {
                path,
                problems: Vec::new(),
                message: Some(other.to_string()),
            },
        }
    }
}

impl Engine {
    /// Loads the newsroom at `root` with its validated `config`: the facts of every article,
    /// from the lint index where it holds (and the index written back when it did not).
    pub(crate) fn load_with(
        root: PathBuf,
        config: Config,
        now: DateTime<FixedOffset>,
    ) -> Result<Engine, LoadError> {
        let linter = Linter::new(root, config, now)?.with_index(IndexOptions::default());
        Ok(Engine {
            live: LiveNewsroom::load(linter, Keep::Counts)?,
        })
    }

    pub(crate) fn root(&self) -> &Path {
        self.live.root()
    }

    pub(crate) fn config(&self) -> &Config {
        self.live.config()
    }

    pub(crate) fn authors(&self) -> &BTreeMap<String, Author> {
        self.live.linter().authors()
    }

    /// What `path` is to the newsroom.
    pub(crate) fn kind_of(&self, path: &Path) -> FileKind {
        self.live.kind_of(path)
    }

    /// The diagnostics of each open buffer of `overlay`, linted in place of their files on
    /// disk, sorted as `copydesk lint` sorts them. Corpus rules see every buffer.
    pub(crate) fn diagnostics(
        &mut self,
        overlay: &Overlay,
        now: DateTime<FixedOffset>,
    ) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
        self.live.set_now(now);
        let mut out: BTreeMap<PathBuf, Vec<Diagnostic>> = overlay
            .paths()
            .map(|path| (path.to_path_buf(), Vec::new()))
            .collect();
        for diagnostic in self.live.lint_buffers(overlay).diagnostics {
            if let Some(list) = out.get_mut(&*diagnostic.path) {
                list.push(diagnostic);
            }
        }
        out
    }

    /// Forgets the cached lint of a closed buffer.
    pub(crate) fn close(&mut self, path: &Path) {
        self.live.forget_buffer(path);
    }

    /// The text `copydesk lint --fix` would write for the buffer at `path`: its safe fixes
    /// applied until nothing more changes, each round linted against the rest of the
    /// newsroom. `None` when nothing would change.
    pub(crate) fn fix_all(
        &mut self,
        overlay: &Overlay,
        path: &Path,
        now: DateTime<FixedOffset>,
    ) -> Option<String> {
        let text = overlay.get(path)?.clone();
        let mut overlay = overlay.clone();
        let mut current = text.to_string();
        for _ in 0..MAX_ROUNDS {
            overlay.insert(path.to_path_buf(), Arc::from(current.as_str()));
            let diagnostics = self
                .diagnostics(&overlay, now)
                .remove(path)
                .unwrap_or_default();
            let applied = apply_safe_fixes(&current, &diagnostics);
            if applied.fixed.is_empty() || applied.text == current {
                break;
            }
            current = applied.text;
        }
        self.live.forget_buffer(path);
        (current != *text).then_some(current)
    }

    /// Brings an article file (or a directory of the articles tree) that changed on disk up
    /// to date: only that file is read again.
    pub(crate) fn article_changed(&mut self, path: &Path) -> Result<(), LoadError> {
        self.live.changed(path).map(|_| ())
    }

    /// The article with `slug`.
    pub(crate) fn article(&mut self, slug: &str) -> Option<ArticleSummary> {
        self.live.article(slug)
    }

    /// Every article that parses, in path order.
    pub(crate) fn articles(&mut self) -> Vec<&ArticleSummary> {
        self.live.summaries()
    }

    /// The path of the newsroom's `copydesk.toml`.
    pub(crate) fn config_path(&self) -> PathBuf {
        self.root().join(CONFIG_FILE)
    }
}
