//! The language server's one door into the lint engine.
//!
//! Everything the server asks of linting goes through [`Engine`]: "given the newsroom on disk
//! and the open buffers (path -> text), what are the diagnostics of these paths?". It keeps
//! the newsroom loaded at start (config, authors, articles) and the compact
//! [`ArticleFacts`] of every article on disk, so a keystroke costs the per-article rules of
//! the changed buffer plus the corpus rules over cached facts, never a walk of the newsroom.
//!
//! Kept narrow on purpose: when the library grows a linter of in-memory buffers beside the
//! on-disk newsroom, only this module changes. The server's protocol code lives in
//! `lsp/mod.rs`; `copydesk lint --stdin-filename` uses this module too.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use copydesk::config::CONFIG_FILE;
use copydesk::lint::fix::{MAX_ROUNDS, apply_safe_fixes};
use copydesk::lint::{ArticleFacts, LintEnv, apply_config, lint_article, lint_corpus};
use copydesk::{Article, Author, Config, ConfigError, Diagnostic, LoadError, Newsroom};
use rayon::prelude::*;

/// Open buffers by absolute path: what the editor shows, which wins over the disk.
pub(crate) type Overlay = BTreeMap<PathBuf, Arc<str>>;

/// An open buffer's text, the time it was linted at and what that found.
type CachedBuffer = (Arc<str>, Option<DateTime<FixedOffset>>, BufferLint);

/// What linting one buffer on its own produced.
#[derive(Clone)]
struct BufferLint {
    /// Parse problems and per-article findings, after configuration and suppressions.
    diagnostics: Vec<Diagnostic>,
    /// Facts for the corpus rules, when the buffer is an article that parsed.
    facts: Option<ArticleFacts>,
}

/// The newsroom as the server sees it, and the lint runs it offers.
pub(crate) struct Engine {
    newsroom: Newsroom,
    /// Facts of every article on disk that parsed, in path order.
    facts: Vec<ArticleFacts>,
    /// The last lint of each buffer, reused while its text (the same `Arc`) is unchanged, so
    /// a keystroke in one buffer does not re-lint the others.
    buffers: HashMap<PathBuf, CachedBuffer>,
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
    /// Loads the newsroom at `root` with its validated `config`, and lints every article
    /// once for its facts.
    pub(crate) fn load_with(
        root: PathBuf,
        config: Config,
        now: DateTime<FixedOffset>,
    ) -> Result<Engine, LoadError> {
        let files = copydesk::list_article_files(&root, &root.join(&config.paths.articles))?;
        let newsroom = Newsroom::load_files(root, config, &files)?;
        Ok(Engine::from_newsroom(newsroom, now))
    }

    fn from_newsroom(newsroom: Newsroom, now: DateTime<FixedOffset>) -> Engine {
        let env = LintEnv {
            config: &newsroom.config,
            authors: &newsroom.authors,
            now,
        };
        let facts = newsroom
            .articles
            .par_iter()
            .map(|article| lint_article(article, Vec::new(), env).facts)
            .collect();
        Engine {
            newsroom,
            facts,
            buffers: HashMap::new(),
        }
    }

    /// The newsroom on disk (open buffers not applied).
    pub(crate) fn newsroom(&self) -> &Newsroom {
        &self.newsroom
    }

    pub(crate) fn root(&self) -> &Path {
        &self.newsroom.root
    }

    /// Whether `path` is an article file of this newsroom.
    pub(crate) fn is_article(&self, path: &Path) -> bool {
        copydesk::is_article_path(path)
            && path.starts_with(self.root().join(&self.newsroom.config.paths.articles))
    }

    /// Whether `path` is an author file of this newsroom.
    pub(crate) fn is_author(&self, path: &Path) -> bool {
        path.extension().is_some_and(|ext| ext == "toml")
            && path.starts_with(self.root().join(&self.newsroom.config.paths.authors))
    }

    /// The diagnostics of each of `paths`, linting the `overlay` buffers in place of their
    /// files on disk, sorted as `copydesk lint` sorts them. Corpus rules see the overlay too.
    pub(crate) fn diagnostics(
        &mut self,
        overlay: &Overlay,
        paths: &[&Path],
        now: DateTime<FixedOffset>,
    ) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
        let mut out: BTreeMap<PathBuf, Vec<Diagnostic>> = paths
            .iter()
            .map(|path| (path.to_path_buf(), Vec::new()))
            .collect();
        let mut replacements = Vec::new();
        for (path, text) in overlay {
            let lint = self.lint_buffer(path, text, now);
            if let Some(list) = out.get_mut(path) {
                list.extend(lint.diagnostics.iter().cloned());
            }
            if self.is_article(path) {
                replacements.push((Arc::<Path>::from(path.as_path()), lint.facts));
            }
        }
        let env = LintEnv {
            config: &self.newsroom.config,
            authors: &self.newsroom.authors,
            now,
        };
        let corpus = with_replaced(&mut self.facts, replacements, |facts| {
            lint_corpus(facts, env)
        });
        for diagnostic in corpus {
            if let Some(list) = out.get_mut(&*diagnostic.path) {
                list.push(diagnostic);
            }
        }
        for list in out.values_mut() {
            list.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
        out
    }

    /// Lints one buffer on its own (per-article rules, or the checks of an author file or
    /// `copydesk.toml`), reusing the last result while the text is the same.
    fn lint_buffer(
        &mut self,
        path: &Path,
        text: &Arc<str>,
        now: DateTime<FixedOffset>,
    ) -> BufferLint {
        if let Some((seen, at, lint)) = self.buffers.get(path)
            && Arc::ptr_eq(seen, text)
            && *at == Some(now)
        {
            return lint.clone();
        }
        let env = LintEnv {
            config: &self.newsroom.config,
            authors: &self.newsroom.authors,
            now,
        };
        let lint = if self.is_article(path) {
            let parsed = Article::parse(path, text);
            match parsed.article {
                Some(article) => {
                    let outcome = lint_article(&article, parsed.diagnostics, env);
                    BufferLint {
                        diagnostics: outcome.diagnostics,
                        facts: Some(outcome.facts),
                    }
                }
                None => BufferLint {
                    diagnostics: apply_config(parsed.diagnostics, env),
                    facts: None,
                },
            }
        } else if self.is_author(path) {
            BufferLint {
                diagnostics: apply_config(Author::parse(path, text).diagnostics, env),
                facts: None,
            }
        } else {
            BufferLint {
                diagnostics: Vec::new(),
                facts: None,
            }
        };
        self.buffers.insert(
            path.to_path_buf(),
            (Arc::clone(text), Some(now), lint.clone()),
        );
        lint
    }

    /// Forgets the cached lint of a closed buffer.
    pub(crate) fn close(&mut self, path: &Path) {
        self.buffers.remove(path);
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
        // The rounds `lint --fix` makes: lint, apply the safe fixes, until nothing changes.
        let mut current = text.to_string();
        for _ in 0..MAX_ROUNDS {
            overlay.insert(path.to_path_buf(), Arc::from(current.as_str()));
            let diagnostics = self
                .diagnostics(&overlay, &[path], now)
                .remove(path)
                .unwrap_or_default();
            let applied = apply_safe_fixes(&current, &diagnostics);
            if applied.fixed.is_empty() || applied.text == current {
                break;
            }
            current = applied.text;
        }
        self.buffers.remove(path);
        (current != *text).then_some(current)
    }

    /// Reads the article file at `path` again after it changed, appeared or disappeared on
    /// disk, updating the newsroom and its facts.
    pub(crate) fn reload_article(&mut self, path: &Path, now: DateTime<FixedOffset>) {
        self.newsroom.articles.retain(|a| &*a.path != path);
        if let Ok(at) = self.facts.binary_search_by(|f| (*f.path).cmp(path)) {
            self.facts.remove(at);
        }
        let max = self.newsroom.config.limits.max_file_bytes;
        let Ok(bytes) = copydesk::fs::read_regular(path, max) else {
            return;
        };
        let (parsed, _) = Article::parse_bytes(path, &bytes);
        let Some(article) = parsed.article else {
            return;
        };
        let env = LintEnv {
            config: &self.newsroom.config,
            authors: &self.newsroom.authors,
            now,
        };
        let facts = lint_article(&article, Vec::new(), env).facts;
        let at = self.facts.partition_point(|f| *f.path < *facts.path);
        self.facts.insert(at, facts);
        let at = self
            .newsroom
            .articles
            .partition_point(|a| *a.path < *article.path);
        self.newsroom.articles.insert(at, article);
    }

    /// Reads every author file again.
    pub(crate) fn reload_authors(&mut self) {
        let config = &self.newsroom.config;
        let dir = self.newsroom.root.join(&config.paths.authors);
        let Ok(files) = copydesk::list_files(&self.newsroom.root, &dir, "toml") else {
            return;
        };
        let mut authors = BTreeMap::new();
        for path in files {
            let Ok(bytes) = copydesk::fs::read_regular(&path, config.limits.max_file_bytes) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            if let Some(author) = Author::parse(&path, &text).author {
                authors.insert(author.id.clone(), author);
            }
        }
        self.newsroom.authors = authors;
        self.buffers.clear();
    }

    /// The path of the newsroom's `copydesk.toml`.
    pub(crate) fn config_path(&self) -> PathBuf {
        self.newsroom.root.join(CONFIG_FILE)
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
    let find =
        |facts: &[ArticleFacts], path: &Path| facts.binary_search_by(|x| (*x.path).cmp(path));
    let mut undo: Vec<(Arc<Path>, Option<ArticleFacts>)> = Vec::new();
    for (path, new) in replacements {
        match (find(facts, &path), new) {
            (Ok(at), Some(new)) => undo.push((path, Some(std::mem::replace(&mut facts[at], new)))),
            (Ok(at), None) => undo.push((path, Some(facts.remove(at)))),
            (Err(at), Some(new)) => {
                facts.insert(at, new);
                undo.push((path, None));
            }
            (Err(_), None) => {}
        }
    }
    let result = f(facts);
    for (path, old) in undo.into_iter().rev() {
        match (find(facts, &path), old) {
            (Ok(at), Some(old)) => facts[at] = old,
            (Ok(at), None) => {
                facts.remove(at);
            }
            (Err(at), Some(old)) => facts.insert(at, old),
            (Err(_), None) => {}
        }
    }
    result
}
