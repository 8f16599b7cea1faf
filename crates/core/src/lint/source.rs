//! Where a lint run reads its files: the disk, through one checked reader, or an in-memory
//! [`Overlay`] of texts over the disk (an editor's unsaved buffers, stdin, a `--fix` round).
//!
//! Every file a run reads, article or author, goes through [`read`]: a link out of the
//! newsroom, something that is not a regular file, a file over the size limit or an
//! unreadable one becomes an FM000 diagnostic (never a hang on a FIFO, never a read out of
//! the newsroom), and bytes that are not UTF-8 are reported where they go wrong. Listing the
//! files is [`crate::listing`]; linting them is [`super::linter`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::article::Article;
use crate::author::Author;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, SourceMap, Span};
use crate::error::LoadError;
use crate::lint::rules::front_matter::InvalidFrontMatter;

/// Texts that stand in for files, keyed by path: what a run reads instead of the disk.
///
/// A path in the overlay is never read from disk, so a buffer may name a file that does not
/// exist yet; every other path is read from disk with the usual checks. Paths are compared as
/// written, so key the overlay with the same (absolute) paths the run lints.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    texts: BTreeMap<PathBuf, Arc<str>>,
}

impl Overlay {
    /// An empty overlay: every file is read from disk.
    pub fn new() -> Overlay {
        Overlay::default()
    }

    /// Puts `text` in place of the file at `path`, replacing any text given before.
    pub fn insert(&mut self, path: impl Into<PathBuf>, text: impl Into<Arc<str>>) {
        self.texts.insert(path.into(), text.into());
    }

    /// Forgets the text of `path`, so it is read from disk again.
    pub fn remove(&mut self, path: &Path) {
        self.texts.remove(path);
    }

    /// The text standing in for `path`, if any.
    pub fn get(&self, path: &Path) -> Option<&Arc<str>> {
        self.texts.get(path)
    }

    /// Whether no file has a text.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The paths that have a text, in order.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.texts.keys().map(PathBuf::as_path)
    }
}

/// What reading one file gave: a text from the overlay, the bytes on disk, or why the file
/// was not read.
pub(crate) enum Read {
    Text(Arc<str>),
    Bytes(Vec<u8>),
    Refused(String),
}

impl Read {
    /// The bytes as read, for the lint index's content hash.
    pub(crate) fn bytes(&self) -> Option<&[u8]> {
        match self {
            Read::Text(text) => Some(text.as_bytes()),
            Read::Bytes(bytes) => Some(bytes),
            Read::Refused(_) => None,
        }
    }
}

/// Reads `path` of the newsroom at `root` from `overlay` or, when it has no text for it, from
/// disk through [`read_checked`].
pub(crate) fn read(root: &Path, path: &Path, max_bytes: u64, overlay: Option<&Overlay>) -> Read {
    if let Some(text) = overlay.and_then(|overlay| overlay.get(path)) {
        return Read::Text(Arc::clone(text));
    }
    match read_checked(root, path, max_bytes) {
        Ok(bytes) => Read::Bytes(bytes),
        Err(message) => Read::Refused(message),
    }
}

/// The bytes of a file to lint, or why it is not read: a link out of the root, not a regular
/// file, larger than `max_bytes`, or unreadable.
pub(crate) fn read_checked(root: &Path, path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    check_inside_root(root, path)?;
    crate::fs::read_regular(path, max_bytes).map_err(|refusal| refusal.to_string())
}

/// The text of `path` to show in a report: [`read`] without the refusals.
pub(crate) fn read_text(
    root: &Path,
    path: &Path,
    max_bytes: u64,
    overlay: Option<&Overlay>,
) -> Option<Arc<str>> {
    match read(root, path, max_bytes, overlay) {
        Read::Text(text) => Some(text),
        Read::Bytes(bytes) => Some(Article::parse_bytes(path, &bytes).1),
        Read::Refused(_) => None,
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

/// One file read and parsed.
pub(crate) struct Loaded<T> {
    pub(crate) path: Arc<Path>,
    pub(crate) text: Arc<str>,
    pub(crate) value: Option<T>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Whether `text` is the file's content exactly: not a refusal (no text) and not the
    /// lossy decoding of bytes that are not UTF-8.
    pub(crate) is_exact: bool,
}

/// Parses what [`read`] returned, turning a refusal into an FM000 diagnostic.
pub(crate) fn parse_read<T>(
    shared: Arc<Path>,
    read: Read,
    parse: impl FnOnce(&Path, &str) -> (Option<T>, Vec<Diagnostic>),
) -> Loaded<T> {
    let bytes = match read {
        Read::Text(text) => {
            let (value, diagnostics) = parse(&shared, &text);
            return Loaded {
                path: shared,
                text,
                value,
                diagnostics,
                is_exact: true,
            };
        }
        Read::Bytes(bytes) => bytes,
        Read::Refused(message) => {
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
                is_exact: false,
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
            is_exact: true,
        };
    }
    // Not UTF-8: the article parser reports where, for authors and articles alike.
    let (parsed, text) = Article::parse_bytes(&shared, &bytes);
    Loaded {
        path: shared,
        text,
        value: None,
        diagnostics: parsed.diagnostics,
        is_exact: false,
    }
}

/// Reads and parses the article at `path`.
pub(crate) fn load_article(
    root: &Path,
    path: &Path,
    max_bytes: u64,
    overlay: Option<&Overlay>,
) -> Loaded<Article> {
    parse_read(
        Arc::from(path),
        read(root, path, max_bytes, overlay),
        |path, text| {
            let parsed = Article::parse(path, text);
            (parsed.article, parsed.diagnostics)
        },
    )
}

/// Authors loaded from `paths.authors`, with the problems of their files.
#[derive(Debug, Clone, Default)]
pub(crate) struct LoadedAuthors {
    pub(crate) authors: BTreeMap<String, Author>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) sources: SourceMap,
}

/// Reads and parses every author file of the newsroom at `root`, in parallel.
pub(crate) fn load_authors(root: &Path, config: &Config) -> Result<LoadedAuthors, LoadError> {
    let authors_dir = root.join(&config.paths.authors);
    let author_files = if authors_dir.is_dir() {
        crate::listing::list_files(root, &authors_dir, "toml")?
    } else {
        Vec::new()
    };
    let loaded: Vec<Loaded<Author>> = author_files
        .par_iter()
        .map(|path| {
            let read = read(root, path, config.limits.max_file_bytes, None);
            parse_read(Arc::from(path.as_path()), read, |path, text| {
                let parsed = Author::parse(path, text);
                (parsed.author, parsed.diagnostics)
            })
        })
        .collect();
    let mut authors = LoadedAuthors::default();
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
