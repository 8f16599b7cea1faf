//! Command-line arguments (clap derive). Every flag has a one-line doc.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Lint, scaffold and export newsroom content kept as Markdown with TOML front matter.
#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about,
    after_help = "Examples:\n  copydesk lint                          lint the newsroom around the current directory\n  copydesk lint articles/2026/05         lint only some articles\n  copydesk lint --format json > out.json machine-readable findings\n  copydesk rule ED003                    explain a rule"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check articles and authors for problems a copy editor would catch.
    Lint(LintArgs),
    /// Show the documentation of a lint rule, or list them all.
    Rule(RuleArgs),
}

/// Where the newsroom is.
#[derive(Debug, Args)]
pub(crate) struct RootArgs {
    /// Newsroom root (the directory with copydesk.toml); default: search upwards from the current directory.
    #[arg(long, value_name = "DIR")]
    pub(crate) root: Option<PathBuf>,
}

/// The severity that fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 when nothing reaches --fail-on, 1 when something does, 2 on usage, configuration or I/O errors."
)]
pub(crate) struct LintArgs {
    /// Article files or directories to lint; default: every article of the newsroom.
    #[arg(value_name = "PATHS")]
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) root: RootArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "full")]
    pub(crate) format: copydesk::DiagnosticFormat,
    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value = "error")]
    pub(crate) fail_on: FailOn,
    /// The current time for the timeline rules, RFC 3339 (default: the clock).
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub(crate) now: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Print nothing but the diagnostics (no summary line).
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// Apply the safe fixes, write the changed files, and report what changed on stderr.
    #[arg(long)]
    pub(crate) fix: bool,
    /// Print the safe fixes as a unified diff instead of the diagnostics; writes nothing.
    #[arg(long)]
    pub(crate) diff: bool,
    /// Run only these rules: codes, families (ED) or ALL; replaces `[lint] select`.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    /// Also skip these rules: codes or families; added to `[lint] ignore`.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RuleArgs {
    /// A rule code (ED003) or name (unattributed-claim).
    #[arg(required_unless_present = "all", value_name = "CODE|NAME")]
    pub(crate) rule: Option<String>,
    /// List every rule: code, name, default severity, whether fixable, summary.
    #[arg(long, conflicts_with = "rule")]
    pub(crate) all: bool,
    /// Output format of `--all`.
    #[arg(long, value_enum, default_value = "text", requires = "all")]
    pub(crate) format: RuleFormat,
}

/// How `copydesk rule --all` prints the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RuleFormat {
    /// An aligned table.
    Text,
    /// A JSON array of the rules' metadata.
    Json,
}

fn parse_now(text: &str) -> Result<chrono::DateTime<chrono::FixedOffset>, String> {
    chrono::DateTime::parse_from_rfc3339(text).map_err(|e| {
        format!("`{text}` is not an RFC 3339 datetime like 2026-05-06T14:25:00Z ({e})")
    })
}
