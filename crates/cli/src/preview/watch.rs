//! Reloads the preview when a file of the newsroom changes: articles, authors,
//! `copydesk.toml` and the newsroom's own template.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::server::Site;

/// How long the watcher waits for a burst of writes (an editor's save is often a write, a
/// rename and a chmod, a few milliseconds apart) to end before reloading once. Short: it is
/// most of the time from a save to the page.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// Watches `root`; the returned watcher stops when dropped.
pub(crate) fn start(
    root: &Path,
    site: Arc<Site>,
) -> anyhow::Result<Debouncer<RecommendedWatcher, RecommendedCache>> {
    let watched_root = root.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let mut changed: Vec<PathBuf> = events
            .into_iter()
            // Opening and reading a file are events too, and the reload reads the files it
            // was told of: reacting to reads would reload forever.
            .filter(|event| !matches!(event.kind, EventKind::Access(_)))
            .flat_map(|event| event.event.paths)
            .filter(|path| is_content(&watched_root, path))
            .collect();
        changed.sort();
        changed.dedup();
        if !changed.is_empty() {
            site.reload(&changed);
        }
    })
    .context("cannot start watching the newsroom for changes")?;
    debouncer
        .watch(root, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch `{}` for changes", root.display()))?;
    Ok(debouncer)
}

/// Whether a change at `path` can change a page: not inside hidden directories (`.git`) or
/// build output, and a Markdown, TOML or HTML file (editors' swap files are neither).
fn is_content(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let hidden = relative.components().any(|part| {
        let part = part.as_os_str().to_string_lossy();
        part.starts_with('.') || part == "target" || part == "node_modules"
    });
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    !hidden && matches!(extension, "md" | "markdown" | "toml" | "html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_files_only() {
        let root = Path::new("/n");
        assert!(is_content(root, Path::new("/n/articles/a.md")));
        assert!(is_content(root, Path::new("/n/copydesk.toml")));
        assert!(is_content(
            root,
            Path::new("/n/templates/preview/article.html")
        ));
        assert!(!is_content(root, Path::new("/n/.git/index")));
        assert!(!is_content(root, Path::new("/n/articles/.a.md.swp")));
        assert!(!is_content(root, Path::new("/n/articles/a.md~")));
        assert!(!is_content(root, Path::new("/elsewhere/a.md")));
    }
}
