//! Command-line arguments (clap derive). Every flag has a one-line doc.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Lint, scaffold and export newsroom content kept as Markdown with TOML front matter.
#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about,
    after_help = "Examples:\n  copydesk init my-newsroom              create a newsroom that lints clean (desk news, author alex-rivera)\n  copydesk lint                          lint the newsroom around the current directory\n  copydesk lint articles                 lint only some articles\n  copydesk lint --format json > out.json machine-readable findings\n  copydesk rule ED003                    explain a rule\n  copydesk new-author maya-okafor --name \"Maya Okafor\"   add an author\n  copydesk new-desk ai --name \"AI\"       declare a desk\n  copydesk new-article \"Title\" --author maya-okafor --desk ai   start a draft"
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
    /// Create a newsroom: settings, a desk, an author and a sample article that lints clean.
    Init(InitArgs),
    /// Start a draft article at the configured path, front matter filled in.
    #[command(
        after_help = "Examples:\n  copydesk new-article \"OpenAI Breaks Microsoft’s Hold\" --author alex-rivera --desk news\n  copydesk new-article \"東京の新しいAI\" --slug tokyo-new-ai --author alex-rivera --desk news\n  copydesk new-article                   ask for the title, author and desk\n\nExit status: 0 when written, 2 when refused (existing file, unknown id, missing value)."
    )]
    NewArticle(NewArticleArgs),
    /// Add an author file under the authors directory.
    NewAuthor(NewAuthorArgs),
    /// Declare a desk in copydesk.toml, keeping the file's comments and layout.
    #[command(
        after_help = "Examples:\n  copydesk new-desk ai --name \"AI\"\n  copydesk new-desk consumer-tech --name \"Consumer Tech & Mobile\"\n\nExit status: 0 when added, 2 when refused (existing or invalid id, invalid copydesk.toml)."
    )]
    NewDesk(NewDeskArgs),
    /// Export articles as JSON, HTML, feeds, JSON-LD or a Hugo or Zola content tree.
    Export(ExportArgs),
    /// Publish an article now, or schedule it with a future --at; refused while it has lint errors.
    #[command(
        after_help = "Examples:\n  copydesk publish openai-cloud-deal\n  copydesk publish articles/2026/05/openai-cloud-deal.md --at 2026-05-08T06:00:00Z\n\nExit status: 0 when done, 1 when lint errors refuse it (print them; --force overrides), 2 when refused otherwise (already published, file changed on disk)."
    )]
    Publish(PublishArgs),
    /// List scheduled articles whose time has come; --apply publishes them.
    #[command(
        after_help = "Examples:\n  copydesk due\n  copydesk due --apply          for a cron job that then commits\n  copydesk due --dry-run        the diff --apply would write, writing nothing\n\nExit status: 0, or 2 when a file cannot be written."
    )]
    Due(DueArgs),
    /// Add an update to a published article's timeline and set `updated`.
    #[command(
        after_help = "Examples:\n  copydesk update openai-cloud-deal \"Adds Microsoft's comment on revenue sharing.\" --source ms-blog-2026"
    )]
    Update(UpdateArgs),
    /// Add a correction to a published article's timeline and set `updated`.
    #[command(
        after_help = "Examples:\n  copydesk correct openai-cloud-deal \"An earlier version misstated when the deal ends.\""
    )]
    Correct(CorrectArgs),
    /// Retract a published article: its page stays, with the reason as a notice.
    #[command(
        after_help = "Examples:\n  copydesk retract openai-cloud-deal --reason \"The agreement described was never signed.\""
    )]
    Retract(RetractArgs),
    /// Add a source to an article and print the Markdown that cites it.
    #[command(
        after_help = "Examples:\n  copydesk add-source openai-cloud-deal --url https://blogs.microsoft.com/… --title \"…\" --publisher Microsoft --published 2026-04-27\n\nExit status: 0 when added, 2 when refused (the URL is already listed, invalid URL or id)."
    )]
    AddSource(AddSourceArgs),
    /// Rename an article's slug: moves the file, rewrites links to it, keeps the old slug as an alias.
    #[command(
        after_help = "Examples:\n  copydesk rename openai-cloud-deal openai-azure-exclusivity-ends\n\nExit status: 0 when renamed, 2 when refused (slug taken, file changed on disk); all files change or none."
    )]
    Rename(RenameArgs),
    /// List articles newest first with status, dates, words, sources and lint counts.
    #[command(
        after_help = "Examples:\n  copydesk list --status scheduled --status review\n  copydesk list --author \"Ryan Tanaka\" --since 2026-05-01 --format csv"
    )]
    List(ListArgs),
    /// Serve a live local preview of the articles, with the copy desk's findings marked.
    #[command(
        after_help = "Examples:\n  copydesk preview\n  copydesk preview articles/2026/05/openai-cloud-deal.md --open\n  copydesk preview --port 0 --bind 127.0.0.1\n\nServes on 127.0.0.1 only unless --bind names another address. Runs until interrupted.\nExit status: 2 when the newsroom cannot be found or the address cannot be bound."
    )]
    Preview(PreviewArgs),
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish.
    #[command(
        after_help = "Examples:\n  copydesk completions bash > ~/.local/share/bash-completion/completions/copydesk\n  copydesk completions zsh > ~/.zfunc/_copydesk\n  copydesk completions fish > ~/.config/fish/completions/copydesk.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command into a directory.
    #[command(
        after_help = "Examples:\n  copydesk man | man -l -\n  copydesk man --dir share/man/man1"
    )]
    Man(ManArgs),
    /// Run the language server over stdio, for editors (see docs/editors.md).
    Lsp(LspArgs),
    /// Print the lint settings in force for a file and which file or override set each one.
    #[command(
        after_help = "Examples:\n  copydesk config\n  copydesk config articles/opinion/2026/05/why-we-vote.md\n\nExit status: 0, or 2 when the configuration is invalid."
    )]
    Config(ConfigArgs),
    /// Work with the house style: import another tool's rules.
    #[command(subcommand)]
    Style(StyleCommand),
}

/// `copydesk style` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum StyleCommand {
    /// Convert a Vale style's `substitution` and `existence` rules into a copydesk style file.
    #[command(
        after_help = "Examples:\n  copydesk style import vale/styles/House --out styles/vale.toml\n  copydesk style import vale/styles/House > styles/vale.toml\n\nThen add the file to `[style] include` in copydesk.toml.\n\nExit status: 0 when every rule converted, 1 when some could not be (listed on stderr), 2 on a read or write error."
    )]
    Import(StyleImportArgs),
}

#[derive(Debug, Args)]
pub(crate) struct StyleImportArgs {
    /// The Vale style directory (its `*.yml` rules).
    pub(crate) dir: PathBuf,
    /// Write the style file here (refused if it exists) instead of printing it.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ConfigArgs {
    /// The article (or other file) whose settings to print; default: the top-level settings.
    #[arg(value_name = "FILE")]
    pub(crate) file: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) root: RootArgs,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write copydesk.1 and a copydesk-<command>.1 page per command into DIR (created if
    /// missing) instead of printing copydesk.1.
    #[arg(long, value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct LspArgs {
    /// The current time for the timeline rules, RFC 3339 (default: the clock).
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub(crate) now: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// `copydesk preview`.
#[derive(Debug, Args)]
pub(crate) struct PreviewArgs {
    #[command(flatten)]
    pub(crate) root: RootArgs,
    /// The article file to open first; default: the budget.
    #[arg(value_name = "ARTICLE")]
    pub(crate) article: Option<PathBuf>,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 4747)]
    pub(crate) port: u16,
    /// Address to listen on; anything but a loopback address shares the preview with the network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub(crate) bind: std::net::IpAddr,
    /// Open the page in the system's browser.
    #[arg(long)]
    pub(crate) open: bool,
}

/// What every editing command takes.
#[derive(Debug, Args)]
pub(crate) struct EditArgs {
    #[command(flatten)]
    pub(crate) root: RootArgs,
    /// The current time, RFC 3339 (default: the clock).
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub(crate) now: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Print a unified diff of every file it would change, and write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

#[derive(Debug, Args)]
pub(crate) struct PublishArgs {
    /// The article: its slug or its file's path.
    pub(crate) article: String,
    /// Publication time, RFC 3339 (default: now); a future time schedules the article.
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub(crate) at: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Publish even if the article has lint errors.
    #[arg(long)]
    pub(crate) force: bool,
    #[command(flatten)]
    pub(crate) edit: EditArgs,
}

#[derive(Debug, Args)]
pub(crate) struct DueArgs {
    /// Publish the due articles. `--dry-run`, with or without `--apply`, prints the diff
    /// publishing them would write and writes nothing, as every editing command does.
    #[arg(long)]
    pub(crate) apply: bool,
    #[command(flatten)]
    pub(crate) edit: EditArgs,
}

#[derive(Debug, Args)]
pub(crate) struct UpdateArgs {
    /// The article: its slug or its file's path.
    pub(crate) article: String,
    /// What changed, in Markdown.
    pub(crate) text: String,
    /// Kind of entry.
    #[arg(long, value_enum, default_value = "update")]
    pub(crate) kind: copydesk::UpdateKind,
    /// Id of a listed source backing the update.
    #[arg(long, value_name = "ID")]
    pub(crate) source: Option<String>,
    /// Time of the update, RFC 3339 (default: now).
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub(crate) at: Option<chrono::DateTime<chrono::FixedOffset>>,
    #[command(flatten)]
    pub(crate) edit: EditArgs,
}

#[derive(Debug, Args)]
pub(crate) struct CorrectArgs {
    /// The article: its slug or its file's path.
    pub(crate) article: String,
    /// What was wrong and what is right, in Markdown.
    pub(crate) text: String,
    /// Id of a listed source backing the correction.
    #[arg(long, value_name = "ID")]
    pub(crate) source: Option<String>,
    /// Time of the correction, RFC 3339 (default: now).
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub(crate) at: Option<chrono::DateTime<chrono::FixedOffset>>,
    #[command(flatten)]
    pub(crate) edit: EditArgs,
}

#[derive(Debug, Args)]
pub(crate) struct RetractArgs {
    /// The article: its slug or its file's path.
    pub(crate) article: String,
    /// The notice readers see, in Markdown.
    #[arg(long, value_name = "TEXT")]
    pub(crate) reason: String,
    /// Time of the retraction, RFC 3339 (default: now).
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub(crate) at: Option<chrono::DateTime<chrono::FixedOffset>>,
    #[command(flatten)]
    pub(crate) edit: EditArgs,
}

#[derive(Debug, Args)]
pub(crate) struct AddSourceArgs {
    /// The article: its slug or its file's path.
    pub(crate) article: String,
    /// Absolute http(s) URL of the source.
    #[arg(long)]
    pub(crate) url: String,
    /// Title of the cited document (default: the URL).
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// Who published it.
    #[arg(long)]
    pub(crate) publisher: Option<String>,
    /// When it was published: 2025-01-21 or an RFC 3339 datetime.
    #[arg(long, value_name = "DATE", value_parser = parse_source_date)]
    pub(crate) published: Option<copydesk::DateOrDateTime>,
    /// Source id (default: from the publisher, or the URL's host, and the year).
    #[arg(long)]
    pub(crate) id: Option<String>,
    #[command(flatten)]
    pub(crate) edit: EditArgs,
}

#[derive(Debug, Args)]
pub(crate) struct RenameArgs {
    /// The article: its slug or its file's path.
    pub(crate) article: String,
    /// The new slug (lowercase kebab-case).
    pub(crate) new_slug: String,
    #[command(flatten)]
    pub(crate) edit: EditArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    #[command(flatten)]
    pub(crate) root: RootArgs,
    /// Only articles in this status (repeat for several).
    #[arg(long, value_enum)]
    pub(crate) status: Vec<copydesk::Status>,
    /// Only this desk's articles.
    #[arg(long, value_name = "ID")]
    pub(crate) desk: Option<String>,
    /// Only this author's articles: an id or a name.
    #[arg(long, value_name = "ID|NAME")]
    pub(crate) author: Option<String>,
    /// Only articles published on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub(crate) since: Option<chrono::NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: copydesk::workflow::ListFormat,
    /// The current time for the lint counts, RFC 3339 (default: the clock).
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub(crate) now: Option<chrono::DateTime<chrono::FixedOffset>>,
    #[command(flatten)]
    pub(crate) index: IndexArgs,
    /// Say how many articles were linted and why the lint index was not used or written.
    #[arg(long, short)]
    pub(crate) verbose: bool,
}

fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date; write it as YYYY-MM-DD, like 2026-05-01"))
}

fn parse_source_date(text: &str) -> Result<copydesk::DateOrDateTime, String> {
    if let Ok(date) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(copydesk::DateOrDateTime::Date(date));
    }
    chrono::DateTime::parse_from_rfc3339(text)
        .map(copydesk::DateOrDateTime::DateTime)
        .map_err(|_| format!("`{text}` is not a date (2025-01-21) or an RFC 3339 datetime"))
}

/// Where the newsroom is.
#[derive(Debug, Args)]
pub(crate) struct RootArgs {
    /// Newsroom root (the directory with copydesk.toml); default: search upwards from the current directory.
    #[arg(long, value_name = "DIR")]
    pub(crate) root: Option<PathBuf>,
}

/// Where the lint index lives, for `lint` and `list`. `--index-dir` and `--no-index` were
/// `--cache-dir` and `--no-cache`, kept as hidden aliases so existing scripts still work.
#[derive(Debug, Args)]
pub(crate) struct IndexArgs {
    /// Where the lint index is kept (default: .copydesk-cache in the newsroom root).
    #[arg(long, value_name = "DIR", alias = "cache-dir")]
    pub(crate) index_dir: Option<PathBuf>,
    /// Neither read nor write the lint index.
    #[arg(long, alias = "no-cache", conflicts_with = "index_dir")]
    pub(crate) no_index: bool,
}

impl IndexArgs {
    /// The library's options for the index.
    pub(crate) fn to_options(&self) -> copydesk::lint::IndexOptions {
        copydesk::lint::IndexOptions::new(self.index_dir.clone(), self.no_index)
    }
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
    after_help = "Examples:\n  copydesk lint --changed-since origin/main   lint what a branch changed, corpus rules over all\n\nExit status: 0 when nothing reaches --fail-on, 1 when something does, 2 on usage, configuration or I/O errors (an unknown --changed-since revision included)."
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
    /// Write the report to PATH (replaced atomically) instead of stdout.
    #[arg(long, value_name = "PATH", conflicts_with = "diff", long_help = OUTPUT_FILE_HELP)]
    pub(crate) output_file: Option<PathBuf>,
    /// Print how many findings each rule made (and how many --fix fixes) instead of them.
    #[arg(long, conflicts_with = "diff", long_help = STATISTICS_HELP)]
    pub(crate) statistics: bool,
    /// Apply the safe fixes, write the changed files, and report what changed on stderr.
    #[arg(long)]
    pub(crate) fix: bool,
    /// Print the safe fixes as a unified diff instead of the diagnostics; writes nothing.
    // A diff has one shape; `--format` chooses how diagnostics look, and `--diff` prints none,
    // so the combination is refused rather than silently ignored.
    #[arg(long, conflicts_with = "format")]
    pub(crate) diff: bool,
    /// Run only these rules: codes, families (ED) or ALL; replaces `[lint] select`.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    /// Also skip these rules: codes or families; added to `[lint] ignore`.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,
    /// Lint in full only the articles changed since a git revision; corpus rules still check all.
    #[arg(
        long,
        value_name = "REV",
        conflicts_with_all = ["paths", "fix", "diff"],
        long_help = CHANGED_SINCE_HELP
    )]
    pub(crate) changed_since: Option<String>,
    #[command(flatten)]
    pub(crate) index: IndexArgs,
    /// Report only findings not in this baseline file (default: `[lint] baseline`).
    #[arg(long, value_name = "FILE", long_help = BASELINE_HELP)]
    pub(crate) baseline: Option<PathBuf>,
    /// Record the findings in FILE as the baseline (keeping other files' entries) and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["diff", "statistics", "output_file"], long_help = WRITE_BASELINE_HELP)]
    pub(crate) write_baseline: Option<PathBuf>,
    /// Say why the lint index was not used or not written.
    #[arg(long, short)]
    pub(crate) verbose: bool,
    /// Lint the text read from stdin as if it were the file PATH of the newsroom.
    #[arg(
        long,
        value_name = "PATH",
        conflicts_with_all = ["paths", "fix", "diff", "changed_since"]
    )]
    pub(crate) stdin_filename: Option<PathBuf>,
}

const OUTPUT_FILE_HELP: &str = "\
Write the report, in --format, to PATH instead of stdout. The file is written to a temporary \
file beside it and renamed over PATH, so a CI job never uploads half a report. stdout then \
stays empty (or holds the --statistics table) and the summary line goes to stderr unless \
--quiet. Exit codes are unchanged; a report that cannot be written is an error (exit 2).";

const BASELINE_HELP: &str = "\
Report only the findings that the baseline FILE does not list; overrides `[lint] baseline` in \
copydesk.toml. Entries match by path, rule code and a fingerprint of the flagged text with its \
whole lines (never a line number), so edits elsewhere in a file keep them matched; each entry \
matches one finding, so the same fault written again is reported. Entries that match no \
finding of a file the run checked in full are stale: an info line on stderr names how many \
(--verbose lists them), and `--write-baseline FILE` drops them. A missing or invalid baseline \
is an error (exit 2).";

const WRITE_BASELINE_HELP: &str = "\
Write the run's findings to FILE as the baseline (pretty JSON, sorted, written atomically) \
instead of reporting them, and exit 0. Entries of files the run did not check in full (with \
PATHS or --changed-since) are kept from the existing FILE; stale entries are dropped. With \
--fix, the findings left after fixing are recorded.";

const STATISTICS_HELP: &str = "\
Print a table of the findings per rule code instead of the findings: code, name, how many, \
and how many have a safe fix that --fix applies, most frequent first. With --format json the \
table is a JSON array of {code, name, count, fixable}. With --output-file the report in \
--format still goes to the file and the table to stdout.";

const CHANGED_SINCE_HELP: &str = "\
Lint in full only the articles changed since the git revision REV: files that differ from REV \
in the working tree or the index, plus untracked files git does not ignore. Their per-article \
findings are reported; other articles' per-article findings are not. Corpus-wide rules (RF003, \
RF004, RF008, RF009, ED008, and MD000 for suppressions that silence nothing) run over every \
article and all their findings are reported, so deleting an article others relate to is caught.

The facts of unchanged articles come from the lint index (.copydesk-cache/, or --index-dir), \
used only for the same copydesk version, configuration and authors, and for files whose bytes \
hash as they did; anything else is linted again. A missing or corrupt index only makes the run \
slower. When copydesk.toml or an author file changed, every article is linted and reported, \
because per-article findings depend on them. An unknown revision, or a newsroom outside a git \
repository, is an error (exit 2).

Every lint of the whole newsroom (no PATHS, --fix, --diff or --no-index) writes the index, so a \
full lint in CI warms it.";

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

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Directory to create the newsroom in (created if missing); default: the current directory.
    #[arg(value_name = "DIR", default_value = ".")]
    pub(crate) dir: PathBuf,
    /// The sample article's publication time, RFC 3339 (default: the clock).
    #[arg(long, value_name = "RFC3339", value_parser = parse_now, hide = true)]
    pub(crate) now: Option<chrono::DateTime<chrono::FixedOffset>>,
}

#[derive(Debug, Args)]
pub(crate) struct NewArticleArgs {
    /// The headline; asked for when missing and stdin is a terminal.
    #[arg(value_name = "TITLE")]
    pub(crate) title: Option<String>,
    /// Author id (repeat for several); asked for when missing and the newsroom has several.
    #[arg(long = "author", value_name = "ID")]
    pub(crate) authors: Vec<String>,
    /// Desk id; asked for when missing and the newsroom has several.
    #[arg(long, value_name = "ID")]
    pub(crate) desk: Option<String>,
    /// Tag (repeat for several).
    #[arg(long = "tag", value_name = "TAG")]
    pub(crate) tags: Vec<String>,
    /// URL slug instead of the one made from the title (needed for titles not in Latin script).
    #[arg(long, value_name = "SLUG")]
    pub(crate) slug: Option<String>,
    /// The date for `{year}`, `{month}`, `{day}`: 2026-05-06, today, yesterday or an RFC 3339 datetime (default: now).
    #[arg(
        long,
        value_name = "DATE",
        value_parser = parse_date,
        long_help = "The date that fills `{year}`, `{month}` and `{day}` and the `published` hint: a date like 2026-05-06, `today`, `yesterday` or `tomorrow` (each the start of that day, 00:00, in the site's time zone), or an RFC 3339 datetime like 2026-05-06T14:25:00Z. Default: now in the site's time zone."
    )]
    pub(crate) date: Option<copydesk::DateArg>,
    /// Open the new file in $VISUAL or $EDITOR.
    #[arg(long, conflicts_with = "dry_run")]
    pub(crate) edit: bool,
    /// Print the text that would be written (its path on stderr); write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    #[command(flatten)]
    pub(crate) root: RootArgs,
}

#[derive(Debug, Args)]
pub(crate) struct NewAuthorArgs {
    /// The author id: lowercase ASCII words joined by hyphens, e.g. maya-okafor.
    #[arg(value_name = "ID")]
    pub(crate) id: String,
    /// Display name; asked for when missing and stdin is a terminal.
    #[arg(long, value_name = "NAME")]
    pub(crate) name: Option<String>,
    /// Beat shown under the byline.
    #[arg(long, value_name = "BEAT")]
    pub(crate) beat: Option<String>,
    /// Short biography.
    #[arg(long, value_name = "TEXT")]
    pub(crate) bio: Option<String>,
    /// Print the text that would be written (its path on stderr); write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    #[command(flatten)]
    pub(crate) root: RootArgs,
}

#[derive(Debug, Args)]
pub(crate) struct NewDeskArgs {
    /// The desk id articles use in `desk`: lowercase ASCII words joined by hyphens, e.g. consumer-tech.
    #[arg(value_name = "ID")]
    pub(crate) id: String,
    /// Display name; asked for when missing and stdin is a terminal.
    #[arg(long, value_name = "NAME")]
    pub(crate) name: Option<String>,
    /// What the desk covers.
    #[arg(long, value_name = "TEXT")]
    pub(crate) description: Option<String>,
    #[command(flatten)]
    pub(crate) root: RootArgs,
}

#[derive(Debug, Args)]
#[command(
    long_about = "Export articles for renderers. Every format is made from one parse of the newsroom and written into a temporary directory beside --out, which then replaces --out, so a failed export leaves the previous one intact. --out must be empty, absent or a previous export.\n\nAn article that cannot be exported (unknown author or desk, a published article without a date, a slug shared by two exported articles, front matter that does not parse) is skipped and reported with its file, line and column, as `copydesk lint` reports it; with --strict the export is refused instead and nothing is written.\n\nExit status: 0 when exported (even with skipped articles), 1 when --strict refused it, 2 on usage, configuration or I/O errors.",
    after_help = "Examples:\n  copydesk export --format json --out build/json\n  copydesk export --format rss --format atom --format jsonfeed --out public/feeds\n  copydesk export --format hugo --out site-content"
)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    pub(crate) root: RootArgs,
    /// Formats to write; repeat the flag or separate with commas.
    #[arg(long, short, value_enum, required = true, value_delimiter = ',')]
    pub(crate) format: Vec<copydesk::export::ExportFormat>,
    /// Output directory, replaced as a whole.
    #[arg(long, short, value_name = "DIR")]
    pub(crate) out: PathBuf,
    /// Export drafts, articles in review and retracted ones too.
    #[arg(long)]
    pub(crate) include_drafts: bool,
    /// Refuse the whole export (exit 1) when an article cannot be exported, instead of skipping it.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Record this generation time (RFC 3339) in the output; without it output has no clock in it.
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub(crate) now: Option<chrono::DateTime<chrono::FixedOffset>>,
}

fn parse_date(text: &str) -> Result<copydesk::DateArg, String> {
    text.parse()
        .map_err(|e: copydesk::DateArgError| e.to_string())
}

fn parse_now(text: &str) -> Result<chrono::DateTime<chrono::FixedOffset>, String> {
    chrono::DateTime::parse_from_rfc3339(text).map_err(|_| {
        format!(
            "`{text}` is not an RFC 3339 datetime; write a date, a time and an offset, like 2026-05-06T14:25:00Z"
        )
    })
}
