//! One module per subcommand, plus the setup they share.

pub(crate) mod export;
pub(crate) mod lint;
pub(crate) mod rule;

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
                anyhow::bail!("no `copydesk.toml` in `{}`", root.display());
            }
            return std::path::absolute(root)
                .with_context(|| format!("cannot resolve `{}`", root.display()));
        }
        (None, Some(path)) => path.to_path_buf(),
        (None, None) => std::env::current_dir().context("cannot read the current directory")?,
    };
    Ok(copydesk::find_root(&start)?)
}
