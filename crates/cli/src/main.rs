//! The `copydesk` command: a thin front end over the `copydesk` library.

mod args;
mod commands;
mod lsp;
mod preview;
mod progress;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use copydesk::diagnostic::render::escape_controls;

use args::{Cli, Command};

/// Exit codes are part of the interface: CI scripts depend on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Nothing reached `--fail-on`.
    Clean = 0,
    /// A finding reached `--fail-on`.
    Findings = 1,
    /// Usage, configuration or I/O error.
    Failure = 2,
}

// Linting allocates many small, short-lived buffers per article on every worker thread;
// mimalloc serves those faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version to stdout with exit 0, usage errors to stderr with 2.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                Status::Failure as u8
            } else {
                0
            });
        }
    };
    let result = match cli.command {
        Command::Lint(args) => commands::lint::run(&args),
        Command::Rule(args) => commands::rule::run(&args),
        Command::Init(args) => commands::init::run(&args),
        Command::NewArticle(args) => commands::new_article::run(&args),
        Command::NewAuthor(args) => commands::new_author::run(&args),
        Command::NewDesk(args) => commands::new_desk::run(&args),
        Command::Export(args) => commands::export::run(&args),
        Command::Publish(args) => commands::workflow::publish(&args),
        Command::Due(args) => commands::workflow::due(&args),
        Command::Update(args) => commands::workflow::update(&args),
        Command::Correct(args) => commands::workflow::correct(&args),
        Command::Retract(args) => commands::workflow::retract(&args),
        Command::AddSource(args) => commands::workflow::add_source(&args),
        Command::Rename(args) => commands::workflow::rename(&args),
        Command::List(args) => commands::workflow::list(&args),
        Command::Preview(args) => preview::run(&args),
        Command::Completions(args) => commands::completions::completions(&args),
        Command::Man(args) => commands::completions::man(&args),
        Command::Lsp(args) => Ok(commands::lsp::run(&args)),
        Command::Config(args) => commands::config::run(&args),
        Command::Style(args::StyleCommand::Import(args)) => commands::style::import(&args),
    };
    match result {
        Ok(status) => ExitCode::from(status as u8),
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            // Errors quote paths and values from the newsroom: escape their control
            // characters like the diagnostics do, so a file name cannot drive the terminal.
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "error: {}", escape_controls(&error.to_string()));
            for cause in error.chain().skip(1) {
                let _ = writeln!(
                    stderr,
                    "  caused by: {}",
                    escape_controls(&cause.to_string())
                );
            }
            ExitCode::from(Status::Failure as u8)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
