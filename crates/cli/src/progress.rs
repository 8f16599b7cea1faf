//! A progress bar on stderr for long runs, drawn only when a person is watching.

use std::io::IsTerminal as _;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Runs over fewer files finish before a bar would be worth drawing.
const MIN_FILES: usize = 500;

/// A bar counting `files`, hidden when quiet, for short runs, or when stderr is not a
/// terminal (CI logs and pipes get no control sequences).
pub(crate) fn for_files(files: usize, quiet: bool) -> ProgressBar {
    if quiet || files <= MIN_FILES || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files ({elapsed})") {
        bar.set_style(style);
    }
    bar
}
