//! Typed errors for tool failures. Content problems are diagnostics, not errors.

use std::path::PathBuf;

use crate::diagnostic::{LineColumn, Span};

/// An I/O failure with the path it happened on.
#[derive(Debug, thiserror::Error)]
#[error("{action} `{path}`")]
pub struct IoError {
    /// What was being done ("cannot read").
    pub action: &'static str,
    /// The path involved.
    pub path: PathBuf,
    /// The underlying error.
    #[source]
    pub source: std::io::Error,
}

impl IoError {
    /// Wraps `source` with what was being done to `path`.
    pub fn new(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        IoError {
            action,
            path: path.into(),
            source,
        }
    }
}

/// One problem in `copydesk.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// 1-based line and column.
    pub position: LineColumn,
    /// Byte range in the file.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// Why the configuration could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// No `copydesk.toml` in the directory or any parent.
    #[error("no `copydesk.toml` found in `{start}` or any parent directory")]
    NotFound {
        /// Where the search started.
        start: PathBuf,
    },
    /// The file could not be read.
    #[error(transparent)]
    Read(IoError),
    /// The file is not valid.
    #[error("invalid configuration {}", list_problems(.path, .problems))]
    Invalid {
        /// The configuration file.
        path: PathBuf,
        /// Every problem found, in file order.
        problems: Vec<ConfigProblem>,
    },
    /// Configuration files extend each other in a circle.
    #[error("`extend` forms a cycle: {}", cycle_text(.chain))]
    ExtendCycle {
        /// The files in the order they extend each other, ending with the first one again.
        chain: Vec<PathBuf>,
    },
}

/// The files of an `extend` cycle, each relative to the first one's directory when under it,
/// as they are written in the files.
fn cycle_text(chain: &[PathBuf]) -> String {
    let base = chain.first().and_then(|first| first.parent());
    chain
        .iter()
        .map(|path| {
            let shown = base
                .and_then(|base| path.strip_prefix(base).ok())
                .unwrap_or(path);
            format!("`{}`", shown.display())
        })
        .collect::<Vec<_>>()
        .join(" extends ")
}

/// Every problem as `path:line:column: message (help)`, the first on the error's own line so
/// a one-line reader (CI log, editor) sees the file and position.
fn list_problems(path: &std::path::Path, problems: &[ConfigProblem]) -> String {
    use std::fmt::Write as _;
    if problems.is_empty() {
        return format!("`{}`", path.display());
    }
    let mut text = String::new();
    for (i, problem) in problems.iter().enumerate() {
        if i > 0 {
            text.push_str("\n  ");
        }
        let _ = write!(
            text,
            "{}:{}:{}: {}",
            path.display(),
            problem.position.line,
            problem.position.column,
            problem.message
        );
        if let Some(help) = &problem.help {
            let _ = write!(text, " ({help})");
        }
    }
    text
}

/// Why a newsroom could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The configuration is missing or invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A directory could not be listed.
    #[error(transparent)]
    Io(#[from] IoError),
    /// A path given on the command line is not inside the newsroom.
    #[error("`{path}` is outside the newsroom at `{root}`")]
    OutsideRoot {
        /// The path given.
        path: PathBuf,
        /// The newsroom root.
        root: PathBuf,
    },
}

/// Any failure of the library, for callers that do not need to tell them apart.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Configuration.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Loading content.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Reading or writing a file.
    #[error(transparent)]
    Io(#[from] IoError),
    /// Scaffolding a newsroom, article or author.
    #[error(transparent)]
    Scaffold(#[from] crate::scaffold::ScaffoldError),
    /// Exporting.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// Asking git which files changed.
    #[error(transparent)]
    Git(#[from] crate::git::GitError),
    /// A workflow command (`publish`, `rename`, …).
    #[error(transparent)]
    Workflow(#[from] crate::workflow::WorkflowError),
    /// Reading or writing a lint baseline.
    #[error(transparent)]
    Baseline(#[from] crate::lint::BaselineError),
}

/// Why an export could not be produced or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// Two exported articles share a slug, so their files and URLs would collide.
    #[error("slug `{slug}` is used by both `{first}` and `{second}`")]
    DuplicateSlug {
        /// The shared slug.
        slug: String,
        /// The first article's file.
        first: PathBuf,
        /// The second article's file.
        second: PathBuf,
    },
    /// A published article has no `published` date.
    #[error("published article `{slug}` has no `published` date")]
    MissingPublished {
        /// The article.
        slug: String,
    },
    /// An article names an author with no author file.
    #[error("article `{slug}` names unknown author `{author}`; add it with {}", crate::scaffold::new_author_command(.author))]
    UnknownAuthor {
        /// The article.
        slug: String,
        /// The author id.
        author: String,
    },
    /// An article names a desk that `copydesk.toml` does not declare.
    #[error("article `{slug}` names unknown desk `{desk}`; declare it with {}", crate::scaffold::new_desk_command(.desk))]
    UnknownDesk {
        /// The article.
        slug: String,
        /// The desk id.
        desk: String,
    },
    /// A document could not be serialised.
    #[error("cannot write `{path}`: {message}")]
    Serialize {
        /// The output file.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// An exporter produced a path that is absolute or leaves the output directory.
    #[error("exporter `{exporter}` produced the unsafe path `{path}`")]
    UnsafePath {
        /// The exporter.
        exporter: &'static str,
        /// The path.
        path: PathBuf,
    },
    /// Two exporters (or one, twice) wrote the same file.
    #[error(
        "`{path}` is written by both `{first}` and `{second}`; export them to separate directories"
    )]
    DuplicatePath {
        /// The file.
        path: PathBuf,
        /// The exporter that wrote it first.
        first: &'static str,
        /// The exporter that wrote it again.
        second: &'static str,
    },
    /// The output directory exists, is not empty and was not written by an export.
    #[error("`{path}` exists and was not written by `copydesk export`; refusing to replace it")]
    NotAnExport {
        /// The output directory.
        path: PathBuf,
    },
    /// A third-party exporter failed.
    #[error("exporter `{exporter}` failed: {message}")]
    Exporter {
        /// The exporter.
        exporter: &'static str,
        /// What went wrong.
        message: String,
    },
    /// Reading or writing a file.
    #[error(transparent)]
    Io(#[from] IoError),
}
