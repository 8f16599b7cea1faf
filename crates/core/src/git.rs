//! Which files changed in a newsroom since a git revision, for `copydesk lint --changed-since`.
//!
//! Only asks `git` (run as a child process in the newsroom root); what is done with the answer
//! lives in [`crate::Linter`] and the index in [`crate::lint::index`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::config::{CONFIG_FILE, Config};

/// Why the changed files could not be listed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GitError {
    /// `git` could not be started (not installed, or not on `PATH`).
    #[error("cannot run `git`")]
    Unavailable(#[source] std::io::Error),
    /// The newsroom is not inside a git working tree.
    #[error("`{root}` is not inside a git repository")]
    NotARepository {
        /// The newsroom root.
        root: PathBuf,
    },
    /// The revision does not name a commit git knows.
    #[error("unknown git revision `{rev}`")]
    UnknownRevision {
        /// The revision as given.
        rev: String,
    },
    /// A git command failed for another reason.
    #[error("`git {command}` failed: {message}")]
    Failed {
        /// The git subcommand and its arguments.
        command: String,
        /// What git printed on stderr.
        message: String,
    },
}

/// The files of the newsroom that differ from `rev`: changed, added or deleted in the working
/// tree or the index since that commit (renames count as a deletion and an addition), plus
/// untracked files that are not ignored. Paths are relative to `root`; files outside `root`
/// are left out.
pub fn changed_since(root: &Path, rev: &str) -> Result<ChangedFiles, GitError> {
    let inside = git(root, &["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() || String::from_utf8_lossy(&inside.stdout).trim() != "true" {
        return Err(GitError::NotARepository {
            root: root.to_path_buf(),
        });
    }
    // A leading `-` would be read as an option; no revision starts with one.
    let commit = format!("{rev}^{{commit}}");
    let known = !rev.starts_with('-')
        && git(root, &["rev-parse", "--verify", "--quiet", &commit])?
            .status
            .success();
    if !known {
        return Err(GitError::UnknownRevision {
            rev: rev.to_owned(),
        });
    }
    // `--relative` makes paths relative to `root` and leaves out files outside it.
    let diff = run(
        root,
        &[
            "diff",
            "--name-only",
            "-z",
            "--no-renames",
            "--relative",
            rev,
            "--",
        ],
    )?;
    let untracked = run(root, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    let paths = diff
        .split(|&byte| byte == 0)
        .chain(untracked.split(|&byte| byte == 0))
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
        .collect();
    Ok(ChangedFiles { paths })
}

/// Files that changed, relative to the newsroom root.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ChangedFiles {
    /// The changed paths, relative to the root.
    pub paths: BTreeSet<PathBuf>,
}

impl ChangedFiles {
    /// The changed file that makes every article's per-article diagnostics suspect, if any:
    /// `copydesk.toml` (rules, severities, desks, read-time rates) or an author file (rules
    /// check bylines against them). Then only a full lint is right.
    pub fn affecting_every_article(&self, config: &Config) -> Option<&Path> {
        self.paths
            .iter()
            .find(|path| {
                path.as_path() == Path::new(CONFIG_FILE) || path.starts_with(&config.paths.authors)
            })
            .map(PathBuf::as_path)
    }

    /// Whether `relative` (a path relative to the root) changed.
    pub fn contains(&self, relative: &Path) -> bool {
        self.paths.contains(relative)
    }
}

fn git(root: &Path, args: &[&str]) -> Result<Output, GitError> {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(GitError::Unavailable)
}

fn run(root: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = git(root, args)?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(GitError::Failed {
            command: args.join(" "),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git_in(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    #[test]
    fn changes_are_listed_relative_to_a_newsroom_inside_a_repository() {
        let repo = tempfile::tempdir().expect("temp dir");
        let root = repo.path().join("site");
        write(&repo.path().join("README.md"), "readme\n");
        write(&root.join("copydesk.toml"), "\n");
        write(&root.join("articles/kept.md"), "kept\n");
        write(&root.join("articles/edited.md"), "old\n");
        write(&root.join("articles/deleted.md"), "gone\n");
        git_in(repo.path(), &["init", "--quiet"]);
        git_in(repo.path(), &["add", "."]);
        git_in(
            repo.path(),
            &[
                "-c",
                "user.name=Desk",
                "-c",
                "user.email=desk@example.com",
                "-c",
                "commit.gpgsign=false",
                "commit",
                "--quiet",
                "-m",
                "start",
            ],
        );
        write(
            &repo.path().join("README.md"),
            "edited outside the newsroom\n",
        );
        write(&root.join("articles/edited.md"), "new\n");
        std::fs::remove_file(root.join("articles/deleted.md")).expect("delete");
        write(&root.join("articles/new.md"), "untracked\n");
        write(&root.join("authors/maya.toml"), "name = \"Maya\"\n");

        let changed = changed_since(&root, "HEAD").expect("lists");
        let expected: BTreeSet<PathBuf> = [
            "articles/deleted.md",
            "articles/edited.md",
            "articles/new.md",
            "authors/maya.toml",
        ]
        .into_iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(changed.paths, expected);
        let config = Config::default();
        assert_eq!(
            changed.affecting_every_article(&config),
            Some(Path::new("authors/maya.toml"))
        );

        assert!(matches!(
            changed_since(&root, "no-such-rev"),
            Err(GitError::UnknownRevision { .. })
        ));
        assert!(matches!(
            changed_since(&root, "--output=x"),
            Err(GitError::UnknownRevision { .. })
        ));
        let outside = tempfile::tempdir().expect("temp dir");
        assert!(matches!(
            changed_since(outside.path(), "HEAD"),
            Err(GitError::NotARepository { .. })
        ));
    }
}
