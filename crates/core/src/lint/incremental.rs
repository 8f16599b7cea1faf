//! Which lint runs read and write the lint index: the one policy every run follows, decided
//! by [`IndexUse::of`] from the [`IndexOptions`] a [`Linter`](super::Linter) was given and
//! what the run lints. The run itself is [`super::linter`], the index [`super::index`].

use std::path::{Path, PathBuf};

use super::index::{IndexDirRefused, check_index_dir, default_index_dir};
use super::linter::Files;

/// Where the lint index lives and whether runs may use it.
///
/// With a [`Linter`](super::Linter) given options (see [`Linter::with_index`](super::Linter::with_index)),
/// a run uses the index only when it lints every article of the newsroom (the index describes
/// the whole newsroom, so a run over some paths neither reads nor writes it):
/// - a run that reports every finding builds the index from scratch and writes it;
/// - a run that reports some files' findings (`--changed-since`, `copydesk list`) reads it,
///   takes the facts of unchanged files from it, and writes it back;
/// - a run given texts that are not on disk (an [`Overlay`](super::Overlay)) reads it for
///   the other files when it reports some files only (an editor's buffer), and writes it only
///   when it had to lint a file that is on disk; reporting every file (`--fix` rounds), it
///   neither reads nor writes it.
///
/// A directory that is a link, or one copydesk did not make, is never used (see
/// [`check_index_dir`]); the run then lints without the index and says why.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct IndexOptions {
    /// Where the index lives; default: [`default_index_dir`] (`.copydesk-cache` in the root).
    pub index_dir: Option<PathBuf>,
    /// Neither read nor write the index.
    pub no_index: bool,
}

impl IndexOptions {
    /// The index in `index_dir` (default: `.copydesk-cache` in the root), unless `no_index`.
    pub fn new(index_dir: Option<PathBuf>, no_index: bool) -> Self {
        IndexOptions {
            index_dir,
            no_index,
        }
    }
}

/// What one run does with the index.
#[derive(Debug)]
pub(crate) enum IndexUse {
    /// Neither read nor write it; with why the directory was refused, if it was.
    Off { refused: Option<IndexDirRefused> },
    /// Build a new index from every file linted, and write it.
    Build { dir: PathBuf },
    /// Read it for the facts of unreported files, and write it back.
    ReadWrite { dir: PathBuf },
    /// Read it; write it back only when files on disk had to be linted.
    Read { dir: PathBuf },
}

impl IndexUse {
    /// The policy: what a run over `files` of the newsroom at `root` does with the index,
    /// given `options` (none: the index is off), whether the run reports only some files'
    /// per-article findings, and whether it was given an overlay (even an empty one, as the
    /// first `--fix` round is).
    pub(crate) fn of(
        options: Option<&IndexOptions>,
        root: &Path,
        files: &Files,
        reports_some: bool,
        overlaid: bool,
    ) -> IndexUse {
        let off = IndexUse::Off { refused: None };
        let Some(options) = options.filter(|options| !options.no_index) else {
            return off;
        };
        if !matches!(files, Files::Newsroom) {
            return off;
        }
        let dir = options
            .index_dir
            .clone()
            .unwrap_or_else(|| default_index_dir(root));
        // Fix rounds lint every text anyway; the index would only be written from texts
        // that are not on disk.
        if overlaid && !reports_some {
            return off;
        }
        if let Err(refused) = check_index_dir(root, &dir, options.index_dir.is_none()) {
            return IndexUse::Off {
                refused: Some(refused),
            };
        }
        match (overlaid, reports_some) {
            // A full run reports every file, so it only builds the index, never reads it.
            (false, false) => IndexUse::Build { dir },
            (false, true) => IndexUse::ReadWrite { dir },
            (true, _) => IndexUse::Read { dir },
        }
    }

    /// Why the index directory was refused, if it was.
    pub(crate) fn refused(self) -> Option<IndexDirRefused> {
        match self {
            IndexUse::Off { refused } => refused,
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(
        options: Option<&IndexOptions>,
        files: &Files,
        some: bool,
        overlaid: bool,
    ) -> &'static str {
        let root = tempfile::tempdir().expect("temp dir");
        match IndexUse::of(options, root.path(), files, some, overlaid) {
            IndexUse::Off { .. } => "off",
            IndexUse::Build { .. } => "build",
            IndexUse::ReadWrite { .. } => "read-write",
            IndexUse::Read { .. } => "read",
        }
    }

    #[test]
    fn the_policy_of_every_kind_of_run() {
        let on = IndexOptions::default();
        let no_index = IndexOptions::new(None, true);
        let all = Files::Newsroom;
        let some = Files::Paths(vec![PathBuf::from("articles")]);
        assert_eq!(
            of(None, &all, false, false),
            "off",
            "a library run by default"
        );
        assert_eq!(of(Some(&no_index), &all, true, false), "off", "--no-index");
        assert_eq!(of(Some(&on), &some, false, false), "off", "explicit paths");
        assert_eq!(of(Some(&on), &all, false, false), "build", "a full run");
        assert_eq!(
            of(Some(&on), &all, true, false),
            "read-write",
            "--changed-since, list"
        );
        assert_eq!(
            of(Some(&on), &all, true, true),
            "read",
            "an editor's buffer"
        );
        assert_eq!(of(Some(&on), &all, false, true), "off", "--fix rounds");
    }
}
