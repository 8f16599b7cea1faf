//! Putting an export in place: everything is written into a fresh temporary directory beside
//! the target, which then replaces the target by renames, so readers see the old export or the
//! new one and never a mix.

use std::path::{Path, PathBuf};

use super::exporter::Output;
use crate::error::{ExportError, IoError};

/// A file every export directory contains, so a later export knows it may replace the
/// directory. A non-empty directory without it is never replaced.
pub const EXPORT_MARKER: &str = ".copydesk-export";

/// Writes `output` to `dir`, replacing a previous export there.
///
/// The files go into a temporary directory created beside `dir` (same file system, so the
/// final rename is atomic); then the old `dir` is renamed aside, the new one renamed into
/// place and the old one removed. On any failure the temporary directory is removed and the
/// previous export is left as it was.
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
    check_replaceable(&dir)?;
    std::fs::create_dir_all(&parent)
        .map_err(|e| IoError::new("cannot create directory", &parent, e))?;

    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(|e| IoError::new("cannot create a temporary directory in", &parent, e))?;
    for (path, contents) in output.files() {
        let target = staging.path().join(path);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| IoError::new("cannot create directory", folder, e))?;
        }
        std::fs::write(&target, contents)
            .map_err(|e| IoError::new("cannot write", dir.join(path), e))?;
    }
    let marker = staging.path().join(EXPORT_MARKER);
    std::fs::write(
        &marker,
        "written by copydesk export; this directory is replaced on each export\n",
    )
    .map_err(|e| IoError::new("cannot write", dir.join(EXPORT_MARKER), e))?;

    if std::fs::symlink_metadata(&dir).is_err() {
        std::fs::rename(staging.path(), &dir)
            .map_err(|e| IoError::new("cannot move the export into", &dir, e))?;
        let _ = staging.keep();
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
