//! Putting an export in place: everything is written into a fresh temporary directory beside
//! the target, which then replaces the target, so readers see the old export or the new one and
//! never a mix.
//!
//! Where the OS can swap two directories in one step (`renameat2(RENAME_EXCHANGE)` on Linux,
//! `renameatx_np(RENAME_SWAP)` on macOS) the replacement is that one step; elsewhere, or on a
//! file system that refuses it, the old export is renamed aside and the new one renamed into
//! place. A process killed part-way leaves `.NAME.new-*` / `.NAME.old-*` directories beside
//! the target, and in the two-rename case possibly no target at all; the next export removes
//! those directories (only ones carrying the export marker, or empty) and first puts a
//! complete old export back when the target is missing.

use std::path::{Path, PathBuf};

use super::exporter::Output;
use crate::error::{ExportError, IoError};

/// A file every export directory contains, so a later export knows it may replace the
/// directory. A non-empty directory without it is never replaced.
pub const EXPORT_MARKER: &str = ".copydesk-export";

/// Writes `output` to `dir`, replacing a previous export there.
///
/// Leftovers of a killed export beside `dir` are cleaned up first (see the module docs). The
/// files go into a temporary directory created beside `dir` (same file system, so the final
/// rename is atomic); then the new directory and the old `dir` are exchanged in one step where
/// the OS can, else the old `dir` is renamed aside and the new one renamed into place; the old
/// one is removed. On any failure the temporary directory is removed and the previous export
/// is left as it was.
///
/// # Errors
/// I/O failures, or `dir` being a non-empty directory that no export wrote.
pub fn write_atomically(output: &Output, dir: &Path) -> Result<(), ExportError> {
    let dir = std::path::absolute(dir).map_err(|e| IoError::new("cannot resolve", dir, e))?;
    let parent = dir
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
    let name = dir
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    recover_leftovers(&parent, &name, &dir)?;
    check_replaceable(&dir)?;
    std::fs::create_dir_all(&parent)
        .map_err(|e| IoError::new("cannot create directory", &parent, e))?;

    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(|e| IoError::new("cannot create a temporary directory in", &parent, e))?;
    // The marker goes in first, so that a run killed while writing leaves a directory the
    // next run recognises as its own and removes.
    let marker = staging.path().join(EXPORT_MARKER);
    std::fs::write(
        &marker,
        "written by copydesk export; this directory is replaced on each export\n",
    )
    .map_err(|e| IoError::new("cannot write", dir.join(EXPORT_MARKER), e))?;
    for (path, contents) in output.files() {
        let target = staging.path().join(path);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| IoError::new("cannot create directory", folder, e))?;
        }
        std::fs::write(&target, contents)
            .map_err(|e| IoError::new("cannot write", dir.join(path), e))?;
    }

    if std::fs::symlink_metadata(&dir).is_err() {
        std::fs::rename(staging.path(), &dir)
            .map_err(|e| IoError::new("cannot move the export into", &dir, e))?;
        let _ = staging.keep();
        return Ok(());
    }
    // One step where the OS has it: afterwards `staging` holds the old export, which is
    // removed when `staging` is dropped.
    if exchange(staging.path(), &dir)
        .map_err(|e| IoError::new("cannot move the export into", &dir, e))?
    {
        return Ok(());
    }
    // The old export is moved into an empty temporary directory's place (rename may replace an
    // empty directory), so its removal is guaranteed when `old` is dropped.
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.old-"))
        .tempdir_in(&parent)
        .map_err(|e| IoError::new("cannot create a temporary directory in", &parent, e))?;
    std::fs::rename(&dir, old.path())
        .map_err(|e| IoError::new("cannot move the previous export out of", &dir, e))?;
    if let Err(error) = std::fs::rename(staging.path(), &dir) {
        // Put the previous export back; if even that fails it is still in `old`, which is
        // kept so nothing is lost.
        if std::fs::rename(old.path(), &dir).is_err() {
            let _ = old.keep();
        }
        return Err(IoError::new("cannot move the export into", &dir, error).into());
    }
    let _ = staging.keep();
    drop(old);
    Ok(())
}

/// Swaps `a` and `b` in one step. `Ok(false)` when this OS or file system cannot, so the
/// caller falls back to two renames.
#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // Old kernels (ENOSYS) and file systems without the flag (EINVAL, EOPNOTSUPP).
        Err(Errno::NOSYS | Errno::INVAL | Errno::OPNOTSUPP) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "macos")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Cleans up after an export that was killed beside `dir`: when `dir` is missing and a
/// complete previous export waits in a `.NAME.old-*` directory (the newest, if several), it is
/// renamed back to `dir`; then every other `.NAME.new-*` and `.NAME.old-*` directory that
/// carries the export marker, or is empty, is removed. Anything else with such a name (a
/// symbolic link, a directory without the marker) is left alone.
fn recover_leftovers(parent: &Path, name: &str, dir: &Path) -> Result<(), ExportError> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let prefixes = [format!(".{name}.new-"), format!(".{name}.old-")];
    let mut leftovers = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let Some(kind) = prefixes
            .iter()
            .position(|p| file_name.starts_with(p.as_str()))
        else {
            continue;
        };
        let path = entry.path();
        let is_dir = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        if !is_dir {
            continue;
        }
        let marked = std::fs::symlink_metadata(path.join(EXPORT_MARKER)).is_ok_and(|m| m.is_file());
        let empty =
            !marked && std::fs::read_dir(&path).is_ok_and(|mut entries| entries.next().is_none());
        if marked || empty {
            let modified = std::fs::symlink_metadata(&path)
                .and_then(|m| m.modified())
                .ok();
            leftovers.push((kind == 1 && marked, modified, path));
        }
    }
    if std::fs::symlink_metadata(dir).is_err() {
        let newest_old = leftovers
            .iter()
            .enumerate()
            .filter(|(_, (complete_old, _, _))| *complete_old)
            .max_by(|(_, a), (_, b)| a.1.cmp(&b.1).then_with(|| a.2.cmp(&b.2)))
            .map(|(i, _)| i);
        if let Some(i) = newest_old {
            let (_, _, old) = leftovers.swap_remove(i);
            std::fs::rename(&old, dir).map_err(|e| {
                IoError::new(
                    "cannot restore the previous export (from an interrupted run) to",
                    dir,
                    e,
                )
            })?;
        }
    }
    for (_, _, path) in leftovers {
        // A leftover that cannot be removed must not stop this export; the next one retries.
        let _ = std::fs::remove_dir_all(&path);
    }
    Ok(())
}

fn check_replaceable(dir: &Path) -> Result<(), ExportError> {
    let Ok(metadata) = std::fs::symlink_metadata(dir) else {
        return Ok(());
    };
    let not_export = || ExportError::NotAnExport {
        path: dir.to_path_buf(),
    };
    if !metadata.is_dir() {
        return Err(not_export());
    }
    if dir.join(EXPORT_MARKER).is_file() {
        return Ok(());
    }
    let mut entries =
        std::fs::read_dir(dir).map_err(|e| IoError::new("cannot read directory", dir, e))?;
    if entries.next().is_some() {
        return Err(not_export());
    }
    Ok(())
}
