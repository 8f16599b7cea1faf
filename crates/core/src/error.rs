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
    #[error("invalid configuration `{path}`:{}", list_problems(.problems))]
    Invalid {
        /// The configuration file.
        path: PathBuf,
        /// Every problem found, in file order.
        problems: Vec<ConfigProblem>,
    },
}

fn list_problems(problems: &[ConfigProblem]) -> String {
    use std::fmt::Write as _;
    let mut text = String::new();
    for problem in problems {
        let _ = write!(
            text,
            "\n  {}:{}: {}",
            problem.position.line, problem.position.column, problem.message
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
}
