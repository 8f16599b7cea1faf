//! Why a scaffold could not be planned or written.

use std::path::PathBuf;

use crate::error::{ConfigError, IoError};

/// Why a new article, author or newsroom could not be scaffolded.
///
/// Every variant is a refusal that leaves the disk untouched; messages name the offending
/// value and, for unknown ids, list the known ones.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScaffoldError {
    /// The title is empty or only white space.
    #[error("the title is empty")]
    EmptyTitle,
    /// The title spans several lines or holds control characters.
    #[error("the title must be a single line of text without control characters")]
    MultilineTitle,
    /// The title holds letters outside the Latin script (CJK, Cyrillic, Arabic, Greek…) and
    /// no slug was given: a transliterated slug would be unreadable.
    #[error(
        "cannot make a readable slug from the title `{title}`: it is written in {script} script; give a slug of lowercase ASCII words joined by hyphens"
    )]
    NonLatinTitle {
        /// The title.
        title: String,
        /// The script of its first non-Latin letter, e.g. `Cyrillic` or `Han`.
        script: &'static str,
    },
    /// Nothing readable is left of the title once slugified (emoji, punctuation).
    #[error(
        "cannot make a slug from the title `{title}`: it has no letters or digits; give a slug of lowercase ASCII words joined by hyphens"
    )]
    UnsluggableTitle {
        /// The title.
        title: String,
    },
    /// A slug given explicitly is not lowercase ASCII words joined by single hyphens.
    #[error("slug `{slug}` must be lowercase ASCII letters and digits joined by single hyphens{}", use_instead(.slug))]
    InvalidSlug {
        /// The slug given.
        slug: String,
    },
    /// An author, desk or other id is not lowercase kebab-case.
    #[error("{kind} id `{id}` must be lowercase ASCII letters and digits joined by single hyphens{}", use_instead(.id))]
    InvalidId {
        /// What the id names ("author", "desk").
        kind: &'static str,
        /// The id given.
        id: String,
    },
    /// A required value is missing.
    #[error("missing {what}")]
    Missing {
        /// What is missing ("an author", "a desk", "the author's name").
        what: &'static str,
    },
    /// The author id has no file under the authors directory.
    #[error("unknown author `{id}`{}; known authors: {}; to add it: {}", did_you_mean(.nearest.as_deref()), list(.known), crate::scaffold::new_author_command(.id))]
    UnknownAuthor {
        /// The id given.
        id: String,
        /// Every known author id, sorted.
        known: Vec<String>,
        /// The closest known id, when one is a plausible typo.
        nearest: Option<String>,
    },
    /// The author's file says `active = false`: they take no new articles.
    #[error(
        "author `{id}` is inactive (`active = false` in their file) and takes no new articles; pick another author, or set `active = true` if they are back"
    )]
    InactiveAuthor {
        /// The id given.
        id: String,
    },
    /// The desk is not declared in `copydesk.toml`.
    #[error("unknown desk `{id}`{}; known desks: {}; to add it: {}", did_you_mean(.nearest.as_deref()), list(.known), crate::scaffold::new_desk_command(.id))]
    UnknownDesk {
        /// The id given.
        id: String,
        /// Every declared desk id, sorted.
        known: Vec<String>,
        /// The closest known id, when one is a plausible typo.
        nearest: Option<String>,
    },
    /// Another article already has the slug.
    #[error("slug `{slug}` is already used by `{}`; choose another slug", .existing.display())]
    SlugCollision {
        /// The slug.
        slug: String,
        /// The article that has it, relative to the newsroom root.
        existing: PathBuf,
    },
    /// The target file already exists; nothing was written.
    #[error("`{}` already exists; not overwriting it", .path.display())]
    Exists {
        /// The existing file.
        path: PathBuf,
    },
    /// A desk with this id is already declared in `copydesk.toml`.
    #[error("desk `{id}` already exists (named `{name}`); choose another id")]
    DeskExists {
        /// The id given.
        id: String,
        /// The existing desk's display name.
        name: String,
    },
    /// `copydesk.toml` could not be edited in place.
    #[error("cannot add the desk to `{}`: {reason}", .path.display())]
    ConfigEdit {
        /// The configuration file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// `copydesk.toml` is missing or invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The directory already holds a newsroom.
    #[error("`{}` already exists; this directory is already a newsroom", .path.display())]
    AlreadyInitialised {
        /// The existing `copydesk.toml`.
        path: PathBuf,
    },
    /// An expanded path would leave the newsroom (through `..`, an absolute path or a link).
    #[error("`{}` is outside the newsroom at `{}`; not writing there", .path.display(), .root.display())]
    OutsideRoot {
        /// The path that would be written.
        path: PathBuf,
        /// The newsroom root.
        root: PathBuf,
    },
    /// A path pattern expanded to something that is not a safe relative file path.
    #[error("invalid path `{path}`: {reason}")]
    InvalidPath {
        /// The expanded path or pattern.
        path: String,
        /// Why it is refused.
        reason: String,
    },
    /// The body template names a placeholder that is never filled in.
    #[error(
        "unknown placeholder `{{{name}}}` in the new-article template `{}` (line {line}); known placeholders: {}",
        .path.display(),
        .known.iter().map(|p| format!("`{{{p}}}`")).collect::<Vec<_>>().join(", ")
    )]
    UnknownPlaceholder {
        /// The placeholder's name, without braces.
        name: String,
        /// The template file, relative to the newsroom root (`[new_article] template`).
        path: PathBuf,
        /// 1-based line of the placeholder in the template.
        line: usize,
        /// The placeholders a template may use.
        known: &'static [&'static str],
    },
    /// A file to be edited in place was saved by someone else while copydesk worked on it;
    /// it was left as they saved it.
    #[error("`{}` changed on disk while copydesk was editing it; nothing was written, run the command again", .path.display())]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// Reading a template or writing a file failed.
    #[error(transparent)]
    Io(#[from] IoError),
}

impl From<crate::fs::ReplaceError> for ScaffoldError {
    fn from(error: crate::fs::ReplaceError) -> ScaffoldError {
        match error {
            crate::fs::ReplaceError::Changed { path } => ScaffoldError::ChangedOnDisk { path },
            crate::fs::ReplaceError::Io(io) => ScaffoldError::Io(io),
        }
    }
}

/// "; use `bob-smith`" for `bob_smith`: the kebab-case form of a malformed id, when it has one.
fn use_instead(id: &str) -> String {
    let kebab = crate::id::slugify(id);
    if kebab.is_empty() || kebab == id {
        String::new()
    } else {
        format!("; use `{kebab}`")
    }
}

fn did_you_mean(nearest: Option<&str>) -> String {
    nearest.map_or_else(String::new, |id| {
        format!(" ({})", crate::suggest::did_you_mean(id))
    })
}

fn list(known: &[String]) -> String {
    if known.is_empty() {
        "none".into()
    } else {
        known
            .iter()
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
