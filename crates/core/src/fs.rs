//! File reading, writing and path safety shared by the loader, the fixer, scaffolding and the
//! lint index.
//!
//! Every file copydesk reads on a user's behalf (articles, author files, `copydesk.toml`, the
//! new-article template, the lint index) goes through `read_regular`: regular files only,
//! opened without blocking on a FIFO, with a size limit. Every existing file copydesk rewrites
//! goes through [`replace_if_unchanged`] (or `write_atomically` when there is nothing to
//! compare with): a temporary file beside the target, renamed over it, never through a link
//! out of the newsroom. Temporary files carry copydesk's own name (`is_temp_file_name`), so
//! `remove_stale_temp_files` can clean up after a run that was killed. New files are written
//! by [`crate::scaffold::write_new_file`]; exports by [`crate::export::write_atomically`].
//!
//! Of these, the API offers [`replace_if_unchanged`], which writes a fixed text back only if
//! the file still holds what was linted; the rest is shared with the command line.
//!
//! ```
//! use copydesk::fs::{ReplaceError, replace_if_unchanged};
//!
//! let root = tempfile::tempdir()?;
//! let path = root.path().join("draft.md");
//! std::fs::write(&path, "old text\n")?;
//! replace_if_unchanged(root.path(), &path, b"old text\n", "new text\n")?;
//! assert_eq!(std::fs::read_to_string(&path)?, "new text\n");
//!
//! // Changed on disk since it was read: refused, nothing written.
//! let refused = replace_if_unchanged(root.path(), &path, b"old text\n", "newer text\n");
//! assert!(matches!(refused, Err(ReplaceError::Changed { .. })));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{Read as _, Write as _};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use crate::error::IoError;

#[doc(hidden)]
/// The start of the name of every temporary file copydesk creates beside a file it writes.
pub const TEMP_PREFIX: &str = ".copydesk-";

#[doc(hidden)]
/// The end of the name of every temporary file copydesk creates beside a file it writes.
pub const TEMP_SUFFIX: &str = ".tmp";

#[doc(hidden)]
/// How old a temporary file must be before [`remove_stale_temp_files`] removes it. A live
/// writer also holds a lock on its temporary file, so the age only covers the instant between
/// creating the file and locking it; it is generous so a slow disk never loses a live write.
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(10);

#[doc(hidden)]
/// Why [`read_regular`] did not return a file's bytes. The messages are complete sentences
/// for an FM000 diagnostic.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// A directory, FIFO, socket or device: never opened for reading.
    #[error("not a regular file; not read")]
    NotRegular,
    /// Larger than the limit; not read.
    #[error("file is larger than the limit of {limit} bytes (`limits.max_file_bytes`); not parsed")]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The file could not be opened or read.
    #[error("cannot read file: {0}")]
    Io(std::io::Error),
}

impl ReadError {
    /// The refusal as an [`IoError`] naming `path`, for callers whose errors are I/O errors.
    pub fn into_io_error(self, path: &Path) -> IoError {
        let source = match self {
            ReadError::Io(error) => error,
            other => std::io::Error::new(std::io::ErrorKind::InvalidInput, other.to_string()),
        };
        IoError::new("cannot read", path, source)
    }
}

#[doc(hidden)]
/// Reads a regular file of at most `max_bytes`.
///
/// On Unix the file is opened with `O_NONBLOCK` and checked on the open handle, so a FIFO (or
/// a file swapped for one after a check) never blocks the read and a device is never read;
/// elsewhere the type is checked before opening. The size is checked before reading, so a huge
/// file costs nothing, and the read is capped in case the file grows meanwhile.
///
/// # Errors
/// [`ReadError::NotRegular`], [`ReadError::TooLarge`], or the I/O error.
pub fn read_regular(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular);
    }
    if metadata.len() > max_bytes {
        return Err(ReadError::TooLarge { limit: max_bytes });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(ReadError::TooLarge { limit: max_bytes });
    }
    Ok(bytes)
}

/// Opens a regular file for reading, as [`read_regular`] does, for a caller that streams it.
///
/// # Errors
/// [`ReadError::NotRegular`] or the I/O error.
pub(crate) fn open_regular_file(path: &Path) -> Result<std::fs::File, ReadError> {
    let file = open_regular(path)?;
    if !file.metadata().map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::NotRegular);
    }
    Ok(file)
}

#[cfg(unix)]
fn open_regular(path: &Path) -> Result<std::fs::File, ReadError> {
    use std::os::unix::fs::OpenOptionsExt as _;
    // Opening a FIFO for reading blocks until a writer appears, unless non-blocking; reads of
    // a regular file ignore the flag.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(ReadError::Io)
}

#[cfg(not(unix))]
fn open_regular(path: &Path) -> Result<std::fs::File, ReadError> {
    let metadata = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular);
    }
    std::fs::File::open(path).map_err(ReadError::Io)
}

/// Reads a UTF-8 text file of at most `max_bytes` through [`read_regular`] (a BOM is kept;
/// callers that care strip it).
pub(crate) fn read_text(path: &Path, max_bytes: u64) -> Result<String, IoError> {
    let bytes = read_regular(path, max_bytes).map_err(|e| e.into_io_error(path))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        IoError::new(
            "cannot read",
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("invalid UTF-8 at byte {offset}"),
            ),
        )
    })
}

#[doc(hidden)]
/// Removes `.` and `..` components without touching the disk, so two spellings of one
/// absolute path compare equal (`/a/b/../c` is `/a/c`).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[doc(hidden)]
/// Whether `path` is relative and never climbs above where it starts (`..`, root, prefix).
pub fn is_safe_relative(path: &Path) -> bool {
    !path.as_os_str().is_empty()
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// The first symbolic link on the way from `root` down to `path` (`path` included) whose real
/// location is outside `real_root` (the canonical `root`) or cannot be resolved; `None` when
/// every link on the way stays inside, or `path` is not under `root` at all.
///
/// Walking directories never follows links, so checking where a walk starts is enough for
/// everything the walk finds; a path named on the command line is checked the same way.
pub(crate) fn first_link_outside(root: &Path, real_root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    let mut current = root.to_path_buf();
    for component in relative.components() {
        current.push(component);
        match std::fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => match current.canonicalize() {
                Ok(real) if real.starts_with(real_root) => {}
                _ => return Some(current),
            },
            Ok(_) => {}
            // Nothing further down exists; whoever reads it reports that.
            Err(_) => return None,
        }
    }
    None
}

/// Why [`replace_if_unchanged`] did not replace a file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReplaceError {
    /// The file no longer holds the bytes the caller read (someone saved it meanwhile); it was
    /// left exactly as it is.
    #[error("`{}` changed on disk since it was read; not overwriting it", .path.display())]
    Changed {
        /// The file.
        path: PathBuf,
    },
    /// Resolving, reading or writing failed, or the file is a link out of the newsroom.
    #[error(transparent)]
    Io(#[from] IoError),
}

/// Replaces the file at `path` with `text`, but only if it still holds exactly `expected`,
/// the bytes the caller read and computed `text` from. This is the write every command that
/// rewrites an existing file uses (`lint --fix` today), so an edit saved while copydesk worked
/// is never overwritten.
///
/// The text goes to a temporary file in the same directory, which is synced, given the
/// file's permissions, and renamed over the target, so readers see the old file or the new
/// one, never half of it. The comparison with `expected` (a fresh read of the whole file) is
/// made after the temporary file is complete, immediately before the rename, so the window in
/// which a save can still be lost is one comparison and one rename long. A symbolic link is
/// written through to its target, and only when that target is inside `root`.
///
/// # Errors
/// [`ReplaceError::Changed`] when the file no longer holds `expected` (nothing is written and
/// the temporary file is removed); [`ReplaceError::Io`] when the file resolves outside `root`
/// or an I/O operation fails.
pub fn replace_if_unchanged(
    root: &Path,
    path: &Path,
    expected: &[u8],
    text: &str,
) -> Result<(), ReplaceError> {
    replace_existing(root, path, Some(expected), text)
}

#[doc(hidden)]
/// Replaces the file at `path` with `text` atomically, like [`replace_if_unchanged`] but
/// without comparing: for callers that did not read the file first.
pub fn write_atomically(root: &Path, path: &Path, text: &str) -> Result<(), IoError> {
    replace_existing(root, path, None, text).map_err(|error| match error {
        ReplaceError::Io(error) => error,
        ReplaceError::Changed { path } => IoError::new(
            "cannot write",
            path,
            std::io::Error::other("the file changed on disk"),
        ),
    })
}

fn replace_existing(
    root: &Path,
    path: &Path,
    expected: Option<&[u8]>,
    text: &str,
) -> Result<(), ReplaceError> {
    let fail = |e: std::io::Error| IoError::new("cannot write", path, e);
    let real_root = root.canonicalize().map_err(fail)?;
    let target = path.canonicalize().map_err(fail)?;
    if !target.starts_with(&real_root) {
        return Err(fail(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!(
                "it resolves to `{}`, outside the newsroom",
                target.display()
            ),
        ))
        .into());
    }
    let metadata = std::fs::metadata(&target).map_err(fail)?;
    let changed = || ReplaceError::Changed {
        path: path.to_path_buf(),
    };
    // A cheap early answer; the comparison that counts is the one right before the rename.
    if expected.is_some_and(|expected| metadata.len() != expected.len() as u64) {
        return Err(changed());
    }
    let dir = target.parent().unwrap_or(&real_root);
    let mut temp = temp_file_in(dir, "write-").map_err(fail)?;
    temp.write_all(text.as_bytes()).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    std::fs::set_permissions(temp.path(), metadata.permissions()).map_err(fail)?;
    if let Some(expected) = expected {
        // One byte over the expected length is enough to tell a longer file apart.
        let current = read_regular(&target, expected.len() as u64 + 1)
            .map_err(|e| ReplaceError::Io(e.into_io_error(path)))?;
        if current != expected {
            return Err(changed());
        }
    }
    temp.persist(&target).map_err(|e| fail(e.error))?;
    Ok(())
}

/// A temporary file named `.copydesk-<kind>XXXXXX.tmp` in `dir`, locked for as long as it is
/// open so [`remove_stale_temp_files`] in another process leaves it alone.
///
/// On Unix the file is created with mode 0666 minus the umask, as an editor creates a new
/// file; callers that replace a file set its permissions afterwards.
pub(crate) fn temp_file_in(dir: &Path, kind: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let prefix = format!("{TEMP_PREFIX}{kind}");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // The mode is passed to `open`, which applies the umask: no umask call, no race.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // tempfile's errors name the temporary file, which the user never asked for: say what
    // is wrong with the directory instead.
    let temp = builder.tempfile_in(dir).map_err(|error| {
        let kind = error.kind();
        if kind == std::io::ErrorKind::NotFound && !dir.is_dir() {
            std::io::Error::new(
                kind,
                format!("directory `{}` does not exist", dir.display()),
            )
        } else {
            std::io::Error::new(
                kind,
                format!(
                    "cannot create a file in `{}`: {}",
                    dir.display(),
                    std::io::Error::from(kind)
                ),
            )
        }
    })?;
    // Locking is advisory and may be unsupported (some network file systems): then only the
    // age protects the file, which is still far longer than any write takes.
    let _ = temp.as_file().try_lock();
    Ok(temp)
}

#[doc(hidden)]
/// Writes `bytes` to `path` atomically, creating or replacing it: the bytes go to a temporary
/// file in the same directory, which is then renamed over `path`, so a reader or a run
/// stopped halfway never sees half a file. For files copydesk owns (the lint index); article
/// files go through [`replace_if_unchanged`], which keeps permissions and checks links.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    replace_file_with(path, |file| file.write_all(bytes))
}

/// [`replace_file`] with the contents written by `write`, for a file too large to build in
/// memory first.
pub(crate) fn replace_file_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), IoError> {
    let fail = |e: std::io::Error| IoError::new("cannot write", path, e);
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = temp_file_in(dir, "write-").map_err(fail)?;
    write(temp.as_file_mut()).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[doc(hidden)]
/// Whether `name` is the name of a temporary file copydesk creates (`.copydesk-…XXXXXX.tmp`).
pub fn is_temp_file_name(name: &str) -> bool {
    name.len() > TEMP_PREFIX.len() + TEMP_SUFFIX.len()
        && name.starts_with(TEMP_PREFIX)
        && name.ends_with(TEMP_SUFFIX)
}

#[doc(hidden)]
/// Removes the temporary files a killed copydesk run left under `dir` and returns their
/// paths, sorted.
///
/// Only regular files named like copydesk's temporary files are touched, and only when they
/// are older than [`STALE_TEMP_AGE`] and no process holds their lock, so the temporary file of
/// a copydesk running at the same time is never removed. Links are not followed and hidden
/// directories (`.git`) are not entered. Removal is best effort: a file that cannot be removed
/// is left for the next run.
///
/// `dir` must be inside the newsroom at `root`; a `dir` reached through a link out of the
/// newsroom is not walked at all.
pub fn remove_stale_temp_files(root: &Path, dir: &Path) -> Vec<PathBuf> {
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if !dir.starts_with(root) || first_link_outside(root, &real_root, dir).is_some() {
        return Vec::new();
    }
    let now = std::time::SystemTime::now();
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .follow_links(false)
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_some_and(|t| t.is_dir())
                || !entry.file_name().to_string_lossy().starts_with('.')
        })
        .build();
    let mut removed = Vec::new();
    for entry in walker.flatten() {
        let is_candidate = entry.file_type().is_some_and(|t| t.is_file())
            && entry.file_name().to_str().is_some_and(is_temp_file_name);
        if !is_candidate {
            continue;
        }
        let path = entry.path();
        let old_enough = std::fs::symlink_metadata(path)
            .and_then(|m| m.modified())
            .is_ok_and(|modified| {
                now.duration_since(modified)
                    .is_ok_and(|age| age >= STALE_TEMP_AGE)
            });
        if !old_enough {
            continue;
        }
        let Ok(file) = std::fs::File::open(path) else {
            continue;
        };
        match file.try_lock() {
            Err(std::fs::TryLockError::WouldBlock) => continue,
            Ok(()) | Err(std::fs::TryLockError::Error(_)) => {}
        }
        if std::fs::remove_file(path).is_ok() {
            removed.push(path.to_path_buf());
        }
    }
    removed.sort();
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_replace_the_file_and_refuse_links_out_of_the_root() {
        let outside = tempfile::tempdir().expect("temp dir");
        let root = tempfile::tempdir().expect("temp dir");
        let file = root.path().join("a.md");
        std::fs::write(&file, "old").expect("write");
        write_atomically(root.path(), &file, "new").expect("inside the root");
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "new");

        #[cfg(unix)]
        {
            let target = outside.path().join("b.md");
            std::fs::write(&target, "theirs").expect("write");
            let link = root.path().join("b.md");
            std::os::unix::fs::symlink(&target, &link).expect("symlink");
            assert!(write_atomically(root.path(), &link, "mine").is_err());
            assert_eq!(std::fs::read_to_string(&target).expect("read"), "theirs");
        }
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_edit_saved_after_the_read_is_kept_and_reported() {
        let root = tempfile::tempdir().expect("temp dir");
        let file = root.path().join("a.md");
        std::fs::write(&file, "it's\n").expect("write");
        let read = std::fs::read(&file).expect("read");
        // The writer saves while the fix is computed: same length, different bytes, so only
        // the content comparison can tell.
        std::fs::write(&file, "its'\n").expect("save");
        let result = replace_if_unchanged(root.path(), &file, &read, "it’s\n");
        assert!(
            matches!(&result, Err(ReplaceError::Changed { path }) if *path == file),
            "{result:?}"
        );
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "its'\n");
        // An appended line changes the length.
        std::fs::write(&file, "it's\nmore\n").expect("save");
        assert!(matches!(
            replace_if_unchanged(root.path(), &file, &read, "it’s\n"),
            Err(ReplaceError::Changed { .. })
        ));
        assert_eq!(entries(root.path()), ["a.md"], "no temporary file is left");
        // Unchanged: replaced.
        std::fs::write(&file, "it's\n").expect("restore");
        replace_if_unchanged(root.path(), &file, &read, "it’s\n").expect("replaced");
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "it’s\n");
    }

    #[cfg(unix)]
    #[test]
    fn replacing_keeps_the_mode_of_the_file() {
        use std::os::unix::fs::PermissionsExt as _;
        let root = tempfile::tempdir().expect("temp dir");
        let file = root.path().join("a.md");
        std::fs::write(&file, "old").expect("write");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        replace_if_unchanged(root.path(), &file, b"old", "new").expect("replaced");
        let mode = std::fs::metadata(&file).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("pipe.md");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
        assert!(matches!(
            read_regular(&fifo, 1024),
            Err(ReadError::NotRegular)
        ));
        assert!(matches!(
            read_regular(dir.path(), 1024),
            Err(ReadError::NotRegular)
        ));
        let file = dir.path().join("a.md");
        std::fs::write(&file, "12345").expect("write");
        assert!(matches!(
            read_regular(&file, 4),
            Err(ReadError::TooLarge { limit: 4 })
        ));
        assert_eq!(read_regular(&file, 5).expect("read"), b"12345");
    }

    fn age(path: &Path, seconds: u64) {
        let file = std::fs::File::options()
            .write(true)
            .open(path)
            .expect("open");
        file.set_modified(std::time::SystemTime::now() - Duration::from_secs(seconds))
            .expect("set mtime");
    }

    #[test]
    fn only_stale_unlocked_temporary_files_of_copydesk_are_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sub = dir.path().join("2026/05");
        std::fs::create_dir_all(&sub).expect("mkdir");
        let stale = sub.join(".copydesk-write-a1B2c3.tmp");
        let stale_new = dir.path().join(".copydesk-new-x9Y8z7.tmp");
        let fresh = sub.join(".copydesk-write-zzzzzz.tmp");
        let foreign = sub.join(".other-tool.tmp");
        let article = sub.join("story.md");
        for path in [&stale, &stale_new, &fresh, &foreign, &article] {
            std::fs::write(path, "x").expect("write");
        }
        for path in [&stale, &stale_new, &foreign, &article] {
            age(path, 3600);
        }
        // A live writer: old (a slow write) but locked.
        let live = temp_file_in(&sub, "write-").expect("temp");
        age(live.path(), 3600);

        let removed = remove_stale_temp_files(dir.path(), dir.path());
        let mut expected = vec![stale_new.clone(), stale.clone()];
        expected.sort();
        assert_eq!(removed, expected);
        assert!(fresh.exists() && foreign.exists() && article.exists());
        assert!(live.path().exists(), "a locked temporary file is in use");
    }
}
