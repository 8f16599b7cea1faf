//! What an export leaves out and why: [`ExportWarning`]s, and the check every URL goes
//! through before it reaches an export.
//!
//! Lint reports the same problems (FM003), but an export may run on a newsroom that was never
//! linted, so the model checks again instead of trusting that it was: a URL that is neither
//! an absolute `http(s)` URL nor a relative path is left out with a warning, never written.

use std::fmt;
use std::path::{Path, PathBuf};

use super::model::absolute_url;

/// Something the export left out or changed, naming the file and field it came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub struct ExportWarning {
    /// The article or author file.
    pub path: PathBuf,
    /// The front matter field (`image.src`, `sources[2].url`, `links.mastodon`), or `body`.
    pub field: String,
    /// What was left out and why, lower case.
    pub message: String,
}

impl ExportWarning {
    pub(crate) fn new(path: &Path, field: impl Into<String>, message: impl Into<String>) -> Self {
        ExportWarning {
            path: path.to_path_buf(),
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ExportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: `{}`: {}",
            self.path.display(),
            self.field,
            self.message
        )
    }
}

/// `url` made absolute against `base_url` when it is safe to link to
/// ([`crate::id::is_safe_link`]); otherwise `None` and a warning in `warnings`.
pub(crate) fn checked_url(
    base_url: &str,
    url: &str,
    path: &Path,
    field: &str,
    warnings: &mut Vec<ExportWarning>,
) -> Option<String> {
    if crate::id::is_safe_link(url) {
        return Some(absolute_url(base_url, url));
    }
    warnings.push(ExportWarning::new(
        path,
        field,
        format!(
            "`{}` is not an http(s) URL or a relative path; left out",
            url.escape_debug()
        ),
    ));
    None
}

/// The same check without a report, for places that render what the model already checked.
pub(crate) fn safe_url(base_url: &str, url: &str) -> Option<String> {
    crate::id::is_safe_link(url).then(|| absolute_url(base_url, url))
}
