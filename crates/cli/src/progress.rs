//! A progress bar on stderr for long runs, drawn only when a person is watching.

use std::io::IsTerminal as _;

use copydesk::lint::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Runs over fewer files finish before a bar would be worth drawing.
const MIN_FILES: usize = 500;

/// A bar for a lint run, hidden until the run says how many files it lints, and for good when
/// quiet, for short runs, or when stderr is not a terminal (CI logs and pipes get no control
/// sequences).
pub(crate) struct FileBar {
    bar: ProgressBar,
    shown: bool,
}

impl FileBar {
    pub(crate) fn new(quiet: bool) -> FileBar {
        FileBar {
            bar: ProgressBar::hidden(),
            shown: !quiet && std::io::stderr().is_terminal(),
        }
    }

    /// What the linter reports, drawn.
    pub(crate) fn update(&self, progress: Progress) {
        match progress {
            Progress::Started { files } if self.shown && files > MIN_FILES => {
                self.bar.set_length(files as u64);
                if let Ok(style) =
                    ProgressStyle::with_template("{bar:40} {pos}/{len} files ({elapsed})")
                {
                    self.bar.set_style(style);
                }
                self.bar.set_draw_target(ProgressDrawTarget::stderr());
            }
            Progress::FileDone => self.bar.inc(1),
            _ => {}
        }
    }

    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
