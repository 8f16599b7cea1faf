//! Which files a newsroom has: article and author files under their directories, honouring
//! `.gitignore` and `.copydeskignore`, never following links out of the newsroom, and the
//! article files a command line names. Reading them is [`crate::lint::source`]'s business.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{IoError, LoadError};

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
