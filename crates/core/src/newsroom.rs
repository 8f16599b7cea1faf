//! A newsroom on disk: the config, authors and articles, loaded in parallel in a
//! deterministic order, with every file's diagnostics and no file stopping the rest.
//!
//! Reading files is [`crate::lint::source`], listing them [`crate::listing`]; linting a loaded
//! newsroom goes through the one [`Linter`] like every other run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::article::Article;
use crate::author::Author;
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, LintReport, SourceMap};
use crate::error::{ConfigError, LoadError};
use crate::lint::source::{Loaded, LoadedAuthors, load_article, load_authors};
use crate::lint::{FileFix, Files, LintRequest, Linter, Overlay};
use crate::listing::list_article_files;

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
    /// The article files loaded, in path order.
    files: Vec<PathBuf>,
    /// The text of every article file that was read: what [`Newsroom::lint`] lints, so it
    /// reports the newsroom as loaded (and as edited in memory), not the disk as it is now.
    texts: Overlay,
    /// The author files' problems and texts, for the linter.
    author_problems: (Vec<Diagnostic>, SourceMap),
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
            .map(|path| load_article(&root, path, config.limits.max_file_bytes, None))
            .collect();
        let mut newsroom = Newsroom {
            root,
            config,
            authors: authors.authors,
            articles: Vec::new(),
            diagnostics: authors.diagnostics.clone(),
            sources: authors.sources.clone(),
            files: {
                let mut files = files.to_vec();
                files.sort();
                files
            },
            texts: Overlay::new(),
            author_problems: (authors.diagnostics, authors.sources),
        };
        for loaded in loaded_articles {
            if let Some(article) = newsroom.absorb(loaded) {
                newsroom.articles.push(article);
            }
        }
        Ok(newsroom)
    }

    fn absorb(&mut self, loaded: Loaded<Article>) -> Option<Article> {
        if loaded.is_exact {
            self.texts
                .insert(loaded.path.to_path_buf(), loaded.text.clone());
        }
        if !loaded.diagnostics.is_empty() {
            self.sources.insert(loaded.path.clone(), loaded.text);
            self.diagnostics.extend(loaded.diagnostics);
        }
        loaded.value
    }

    /// A [`Linter`] with this newsroom's settings and authors, linting at `now`.
    pub fn linter(&self, now: DateTime<FixedOffset>) -> Linter {
        let (diagnostics, sources) = self.author_problems.clone();
        let authors = LoadedAuthors {
            authors: self.authors.clone(),
            diagnostics,
            sources,
        };
        Linter::from_parts(self.root.clone(), self.config.clone(), authors, now)
    }

    /// Lints every article: parse problems, per-article rules and corpus rules, sorted, with
    /// the text of every file that has a finding. The texts are those loaded (or set since),
    /// so a file changed on disk after loading is linted as it was.
    pub fn lint(&self, now: DateTime<FixedOffset>) -> LintReport {
        self.linter(now)
            .lint_exactly(&self.files, &self.texts)
            .report
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

    /// Applies the safe fixes of every article to a fixed point, in memory (see
    /// [`Linter::fix`]). The newsroom is left holding the fixed texts, so a following
    /// [`Newsroom::lint`] reports what remains. Nothing is written to disk.
    pub fn fix(&mut self, now: DateTime<FixedOffset>, max_rounds: usize) -> Vec<FileFix> {
        let request = LintRequest::newsroom()
            .files(Files::Exactly(self.files.clone()))
            .overlay(&self.texts);
        let fixes = self
            .linter(now)
            .fix_files(&request, &self.files, max_rounds);
        for file in &fixes {
            self.set_article_text(&file.path, &file.fixed);
        }
        fixes
    }

    /// Replaces the text of the article file at `path` (as if it had been read from disk).
    pub(crate) fn set_article_text(&mut self, path: &Path, text: &str) {
        let mut overlay = Overlay::new();
        overlay.insert(path, text);
        let loaded = load_article(
            &self.root,
            path,
            self.config.limits.max_file_bytes,
            Some(&overlay),
        );
        self.replace(path, loaded);
    }

    /// Reads the article file at `path` again, as [`Newsroom::load`] would, replacing what the
    /// newsroom holds for it: after a fix was not written because the file changed on disk,
    /// the next [`Newsroom::lint`] then reports the file as it now is.
    pub fn reload(&mut self, path: &Path) {
        let loaded = load_article(&self.root, path, self.config.limits.max_file_bytes, None);
        self.replace(path, loaded);
    }

    fn replace(&mut self, path: &Path, loaded: Loaded<Article>) {
        self.articles.retain(|article| &*article.path != path);
        self.diagnostics
            .retain(|diagnostic| &*diagnostic.path != path);
        self.sources.remove(path);
        self.texts.remove(path);
        if let Err(at) = self.files.binary_search_by(|file| file.as_path().cmp(path)) {
            self.files.insert(at, path.to_path_buf());
        }
        if let Some(article) = self.absorb(loaded) {
            let at = self
                .articles
                .partition_point(|other| *other.path < *article.path);
            self.articles.insert(at, article);
        }
    }

    /// A newsroom with this one's settings and authors and only `articles`: what an export
    /// of a few articles is built from, without copying every other article.
    pub(crate) fn with_articles(&self, articles: Vec<Article>) -> Newsroom {
        let files = articles.iter().map(|a| a.path.to_path_buf()).collect();
        Newsroom {
            root: self.root.clone(),
            config: self.config.clone(),
            authors: self.authors.clone(),
            articles,
            diagnostics: Vec::new(),
            sources: SourceMap::new(),
            files,
            texts: Overlay::new(),
            author_problems: (Vec::new(), SourceMap::new()),
        }
    }

    /// The article with `slug`.
    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.articles.iter().find(|article| article.slug == slug)
    }
}
