//! Writing scaffolded files: create-new, whole-or-nothing, never through a link out of the root.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use super::error::ScaffoldError;
use crate::error::IoError;

/// Writes `contents` to `root/relative`, creating parent directories, and returns the path
/// written.
///
/// The file is written in full to a temporary file in the target directory and then linked
/// into place only if no file of that name exists, so an existing file is never overwritten
/// (even one created a moment earlier by someone else) and a failed write leaves nothing
/// behind. Directories on the way that are symbolic links must resolve inside the root.
///
/// # Errors
/// [`ScaffoldError::Exists`] when the target exists, [`ScaffoldError::OutsideRoot`] when
/// `relative` or a linked directory leads out of the root, [`ScaffoldError::Io`] otherwise.
pub fn write_new_file(
    root: &Path,
    relative: &Path,
    contents: &str,
) -> Result<PathBuf, ScaffoldError> {
    let outside = || ScaffoldError::OutsideRoot {
        path: relative.to_path_buf(),
        root: root.to_path_buf(),
    };
    let is_plain = relative
        .components()
        .all(|component| matches!(component, Component::Normal(_)));
    if !is_plain || !crate::fs::is_safe_relative(relative) {
        return Err(outside());
    }
    let target = root.join(relative);
    let Some(parent) = target.parent() else {
        return Err(outside());
    };
    let real_root = root
        .canonicalize()
        .map_err(|e| IoError::new("cannot resolve", root, e))?;
    create_dirs_inside(root, &real_root, parent).map_err(|error| match error {
        DirError::Outside => outside(),
        DirError::Io(error) => ScaffoldError::Io(error),
    })?;
    if std::fs::symlink_metadata(&target).is_ok() {
        return Err(ScaffoldError::Exists { path: target });
    }
    // Created with mode 0666 minus the umask, the permissions an editor gives a new file
    // (a plain temporary file would be 0600 whatever the umask).
    let mut temp = crate::fs::temp_file_in(parent, "new-")
        .map_err(|e| IoError::new("cannot create a file in", parent, e))?;
    temp.write_all(contents.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| IoError::new("cannot write", &target, e))?;
    match temp.persist_noclobber(&target) {
        Ok(_) => Ok(target),
        Err(error) if error.error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(ScaffoldError::Exists { path: target })
        }
        Err(error) => Err(IoError::new("cannot write", &target, error.error).into()),
    }
}

enum DirError {
    Outside,
    Io(IoError),
}

/// Creates `dir` (under `root`) one component at a time, refusing any existing component that
/// is a link resolving outside `real_root`, so nothing is ever created out there.
fn create_dirs_inside(root: &Path, real_root: &Path, dir: &Path) -> Result<(), DirError> {
    let relative = dir.strip_prefix(root).map_err(|_| DirError::Outside)?;
    let mut current = root.to_path_buf();
    for component in relative.components() {
        current.push(component);
        match std::fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let real = current
                    .canonicalize()
                    .map_err(|e| DirError::Io(IoError::new("cannot resolve", &current, e)))?;
                if !real.starts_with(real_root) {
                    return Err(DirError::Outside);
                }
                if !real.is_dir() {
                    return Err(DirError::Io(not_a_directory(&current)));
                }
            }
            Ok(metadata) if metadata.is_dir() => {}
            Ok(_) => return Err(DirError::Io(not_a_directory(&current))),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                match std::fs::create_dir(&current) {
                    Ok(()) => {}
                    // Another process made it between the check and here: fine if it is a dir.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && current.is_dir() => {
                    }
                    Err(e) => {
                        return Err(DirError::Io(IoError::new(
                            "cannot create directory",
                            &current,
                            e,
                        )));
                    }
                }
            }
            Err(error) => {
                return Err(DirError::Io(IoError::new("cannot read", &current, error)));
            }
        }
    }
    Ok(())
}

fn not_a_directory(path: &Path) -> IoError {
    IoError::new(
        "cannot create directory",
        path,
        std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a directory"),
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::write_new_file;
    use crate::scaffold::ScaffoldError;

    #[test]
    fn writes_once_and_never_overwrites() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = write_new_file(dir.path(), Path::new("a/b/c.md"), "one").expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "one");
        let again = write_new_file(dir.path(), Path::new("a/b/c.md"), "two");
        assert!(matches!(again, Err(ScaffoldError::Exists { .. })));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "one");
        let leftovers = std::fs::read_dir(dir.path().join("a/b"))
            .expect("list")
            .count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn refuses_paths_out_of_the_root() {
        let dir = tempfile::tempdir().expect("temp dir");
        for bad in ["../x.md", "/abs.md", "a/../../x.md", ""] {
            let result = write_new_file(dir.path(), Path::new(bad), "x");
            assert!(
                matches!(result, Err(ScaffoldError::OutsideRoot { .. })),
                "{bad}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_out_of_the_root() {
        let outside = tempfile::tempdir().expect("temp dir");
        let dir = tempfile::tempdir().expect("temp dir");
        std::os::unix::fs::symlink(outside.path(), dir.path().join("articles")).expect("link");
        let result = write_new_file(dir.path(), Path::new("articles/2026/x.md"), "x");
        assert!(matches!(result, Err(ScaffoldError::OutsideRoot { .. })));
        assert_eq!(std::fs::read_dir(outside.path()).expect("list").count(), 0);
    }
}
