//! Why a workflow command refused or failed.

use std::path::PathBuf;

use crate::article::Status;
use crate::diagnostic::Diagnostic;
use crate::error::IoError;

/// A workflow command that could not be planned or applied. Refusals name the article or
/// file and say what to do instead.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WorkflowError {
    /// No article has that slug or path.
    #[error(
        "no article `{article}` in the newsroom; {}",
        .nearest.as_deref().map_or_else(
            || "give its slug or its file's path (`copydesk list` shows them)".to_string(),
            crate::suggest::did_you_mean,
        )
    )]
    NotFound {
        /// What was asked for.
        article: String,
        /// The slug closest to it, when one is close enough to be a typo.
        nearest: Option<String>,
    },
    /// The article's front matter does not parse, so it cannot be edited safely.
    #[error("`{}` has front matter copydesk cannot read; run `copydesk lint` on it and fix that first", .path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
    },
    /// The command does not apply to an article in this status.
    #[error("`{slug}` is {status}: {hint}")]
    WrongStatus {
        /// The article.
        slug: String,
        /// Its status.
        status: Status,
        /// What the user can do.
        hint: &'static str,
    },
    /// `publish` found errors in the article (its own or corpus findings about it).
    #[error("`{}` has {} error(s); fix them, or publish anyway with --force", .path.display(), .diagnostics.len())]
    LintErrors {
        /// The file.
        path: PathBuf,
        /// The errors, for rendering.
        diagnostics: Vec<Diagnostic>,
        /// The article's text the errors point into (as it would be published).
        text: String,
    },
    /// A time that would break the article's timeline (TL003, TL004).
    #[error("{0}")]
    Timeline(String),
    /// `--source` names a source the article does not list.
    #[error("`{slug}` lists no source `{id}`; add it first with `copydesk add-source`")]
    UnknownSource {
        /// The article.
        slug: String,
        /// The id asked for.
        id: String,
    },
    /// `add-source` with a URL the article already lists.
    #[error("`{url}` is already listed as source `{id}`; cite it as [text](source:{id})")]
    DuplicateUrl {
        /// The URL.
        url: String,
        /// The id it is listed under.
        id: String,
    },
    /// A value the command was given is not valid (an id, a slug, a URL, a text).
    #[error("{0}")]
    InvalidValue(String),
    /// `rename` to a slug or alias another article owns.
    #[error("slug `{slug}` is taken by `{}`", .owner.display())]
    SlugTaken {
        /// The slug.
        slug: String,
        /// The article that has it as slug or alias.
        owner: PathBuf,
    },
    /// The file was saved by someone else while the command worked; nothing was written.
    #[error("`{}` changed on disk since it was read; nothing was written, run the command again", .path.display())]
    Changed {
        /// The file.
        path: PathBuf,
    },
    /// A file could not be read or written (after taking back what was written).
    #[error(transparent)]
    Io(#[from] IoError),
}
