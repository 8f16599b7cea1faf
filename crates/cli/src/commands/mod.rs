//! One module per subcommand, plus the setup they share.

pub(crate) mod completions;
pub(crate) mod config;
pub(crate) mod export;
pub(crate) mod init;
pub(crate) mod lint;
pub(crate) mod lsp;
pub(crate) mod new_article;
pub(crate) mod new_author;
pub(crate) mod new_desk;
mod prompt;
pub(crate) mod rule;
pub(crate) mod style;
pub(crate) mod workflow;

use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// Finds and loads the newsroom configuration named by `--root`, or around the current directory.
pub(crate) fn locate_root(
    root: Option<&Path>,
    first_path: Option<&Path>,
) -> anyhow::Result<PathBuf> {
    let start = match (root, first_path) {
        (Some(root), _) => {
            if !root.join(copydesk::config::CONFIG_FILE).is_file() {
                anyhow::bail!(
                    "no `copydesk.toml` in `{}`\n  help: pass the directory that holds the newsroom's `copydesk.toml` to `--root`, or create a newsroom there with `copydesk init {}`",
                    root.display(),
                    root.display()
                );
            }
            return std::path::absolute(root)
                .map(|root| copydesk::fs::normalize(&root))
                .with_context(|| format!("cannot resolve `{}`", root.display()));
        }
        (None, Some(path)) => path.to_path_buf(),
        (None, None) => std::env::current_dir().context("cannot read the current directory")?,
    };
    copydesk::find_root(&start).map_err(|error| match error {
        copydesk::ConfigError::NotFound { .. } => anyhow::anyhow!(
            "{error}\n  help: run the command inside a newsroom, pass its directory with `--root DIR`, or create one here with `copydesk init`"
        ),
        other => other.into(),
    })
}

/// `path` relative to the current directory when it is under it, for messages and output.
pub(crate) fn display_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    relative
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// Writes a planned scaffold (create-new), or with `dry_run` prints what it would write.
/// Prints the path written on stdout.
pub(crate) fn write_planned(
    root: &Path,
    planned: &copydesk::scaffold::PlannedFile,
    dry_run: bool,
) -> anyhow::Result<PathBuf> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    if dry_run {
        // The path goes to stderr so stdout is exactly the file, ready to pipe.
        eprintln!("would write {}", display_path(&planned.path));
        out.write_all(planned.contents.as_bytes())?;
        return Ok(planned.path.clone());
    }
    let path = copydesk::scaffold::write_new_file(root, &planned.relative, &planned.contents)?;
    writeln!(out, "{}", display_path(&path))?;
    Ok(path)
}
