//! File reading and path safety shared by the loader, scaffolding and export.

use std::path::{Component, Path, PathBuf};

use crate::error::IoError;

/// Reads a UTF-8 text file (a BOM is kept; callers that care strip it).
pub(crate) fn read_text(path: &Path) -> Result<String, IoError> {
    let bytes = std::fs::read(path).map_err(|e| IoError::new("cannot read", path, e))?;
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

/// Whether `path` is relative and never climbs above where it starts (`..`, root, prefix).
pub fn is_safe_relative(path: &Path) -> bool {
    !path.as_os_str().is_empty()
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// Replaces the file at `path` with `text` atomically: the text goes to a temporary file in
/// the same directory, which is then renamed over the target, so readers see the old file or
/// the new one, never half of it. A symbolic link is written through to its target, and only
/// when that target is inside `root`; the file keeps its permissions.
pub fn write_atomically(root: &Path, path: &Path, text: &str) -> Result<(), IoError> {
    use std::io::Write as _;

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
        )));
    }
    let permissions = std::fs::metadata(&target).map_err(fail)?.permissions();
    let dir = target.parent().unwrap_or(&real_root);
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    temp.write_all(text.as_bytes()).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    std::fs::set_permissions(temp.path(), permissions).map_err(fail)?;
    temp.persist(&target).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Writes `bytes` to `path` atomically, creating or replacing it: the bytes go to a temporary
/// file in the same directory, which is then renamed over `path`, so a reader or a run
/// stopped halfway never sees half a file. For files copydesk owns (the lint index); article
/// files go through [`write_atomically`], which keeps permissions and checks links.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    use std::io::Write as _;

    let fail = |e: std::io::Error| IoError::new("cannot write", path, e);
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
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
}
