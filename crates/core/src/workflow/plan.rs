//! What a workflow command would change, shown as a diff or applied all or nothing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::IoError;
use crate::fs::{ReplaceError, replace_if_unchanged, write_atomically};

use super::WorkflowError;

/// One file a command changes: its text as read, its new text, and, for `rename`, where it
/// moves.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileChange {
    /// The file as it is.
    pub path: PathBuf,
    /// The text read from it (what the write checks the file still holds).
    pub original: String,
    /// The text to write.
    pub text: String,
    /// The new path when the file moves.
    pub moved_to: Option<PathBuf>,
}

/// The changes of one command, with a line per change for the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Plan {
    /// The files, in the order they are written.
    pub changes: Vec<FileChange>,
    /// What changed, one line each (`publish: status = "published", published = …`).
    pub summary: Vec<String>,
}

impl Plan {
    /// A unified diff of every file the plan changes, paths shown relative to `root`.
    pub fn unified_diff(&self, root: &Path) -> String {
        let mut out = String::new();
        for change in &self.changes {
            let old = relative(root, &change.path);
            let new = relative(root, change.moved_to.as_deref().unwrap_or(&change.path));
            let diff = similar::TextDiff::from_lines(&change.original, &change.text);
            let text = diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{old}"), &format!("b/{new}"))
                .to_string();
            if text.is_empty() && old != new {
                let _ = writeln!(out, "rename from {old}\nrename to {new}");
            }
            out.push_str(&text);
        }
        out
    }

    /// Writes every change, atomically per file, or none.
    ///
    /// Each file is replaced only if it still holds the text it was read with; a moved file is
    /// created at its new path (never over an existing file) and its old path removed last.
    /// When any step fails, the files already written get their old text back and a created
    /// file is removed, so the newsroom is as it was.
    ///
    /// # Errors
    /// [`WorkflowError::Changed`] naming the file that was saved meanwhile, or
    /// [`WorkflowError::Io`].
    pub fn apply(&self, root: &Path) -> Result<(), WorkflowError> {
        let mut done: Vec<&FileChange> = Vec::new();
        for change in &self.changes {
            if let Err(error) = write_change(root, change) {
                for written in done.iter().rev() {
                    undo(root, written);
                }
                return Err(error);
            }
            done.push(change);
        }
        // Old paths of moved files go last: until here every step could be taken back.
        for change in &self.changes {
            if change.moved_to.is_some() {
                std::fs::remove_file(&change.path)
                    .map_err(|e| IoError::new("cannot remove", &change.path, e))?;
            }
        }
        Ok(())
    }
}

fn write_change(root: &Path, change: &FileChange) -> Result<(), WorkflowError> {
    let changed = || WorkflowError::Changed {
        path: change.path.clone(),
    };
    match &change.moved_to {
        None => replace_if_unchanged(root, &change.path, change.original.as_bytes(), &change.text)
            .map_err(|error| match error {
                ReplaceError::Changed { .. } => changed(),
                ReplaceError::Io(io) => WorkflowError::Io(io),
            }),
        Some(to) => {
            let current = std::fs::read(&change.path)
                .map_err(|e| IoError::new("cannot read", &change.path, e))?;
            if current != change.original.as_bytes() {
                return Err(changed());
            }
            if let Some(dir) = to.parent() {
                std::fs::create_dir_all(dir).map_err(|e| IoError::new("cannot create", dir, e))?;
            }
            // `create_new`: a file that appeared at the new path meanwhile is never replaced.
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(to)
                .map_err(|e| IoError::new("cannot create", to, e))?;
            let written = std::io::Write::write_all(&mut file, change.text.as_bytes())
                .and_then(|()| file.sync_all());
            if let Err(e) = written {
                let _ = std::fs::remove_file(to);
                return Err(IoError::new("cannot write", to, e).into());
            }
            Ok(())
        }
    }
}

/// Takes one written change back (best effort: it runs only while reporting another failure).
fn undo(root: &Path, change: &FileChange) {
    match &change.moved_to {
        Some(to) => {
            let _ = std::fs::remove_file(to);
        }
        None => {
            let _ = write_atomically(root, &change.path, &change.original);
        }
    }
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}
