//! `copydesk-bench`: generates benchmark newsrooms and checks that they lint to their planted
//! faults.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use rayon::prelude::*;

/// Benchmark helpers for copydesk.
#[derive(Debug, Parser)]
#[command(name = "copydesk-bench", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a newsroom of N articles, deterministic from a seed, with planted faults listed in faults.json.
    Generate {
        /// Number of articles.
        #[arg(long, default_value_t = 2000)]
        articles: usize,
        /// Seed for the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Fraction of articles with one planted fault (0 to 1).
        #[arg(long, default_value_t = 0.0)]
        fault_rate: f64,
        /// Fraction of articles written in Japanese (0 to 1).
        #[arg(long, default_value_t = 0.03)]
        cjk_rate: f64,
        /// Output directory.
        #[arg(long)]
        out: PathBuf,
    },
    /// Read and parse every article of a newsroom in parallel, and nothing else: the floor
    /// a full lint is measured against.
    ParseOnly {
        /// Newsroom root (holding `copydesk.toml`).
        dir: PathBuf,
    },
    /// Lint a generated newsroom (as of 2026-06-01T00:00:00Z) and compare its findings, per
    /// file and rule code, with its faults.json; exit 1 on any missing or extra finding.
    Verify {
        /// Root of a newsroom written by `generate`.
        dir: PathBuf,
    },
}

// Linting allocates many small, short-lived buffers per article on every worker thread;
// mimalloc serves those faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<ExitCode> {
    match Cli::parse().command {
        Command::Generate {
            articles,
            seed,
            fault_rate,
            cjk_rate,
            out,
        } => {
            let manifest = copydesk_bench::generate(&copydesk_bench::Options {
                articles,
                seed,
                fault_rate,
                cjk_rate,
                out,
            })?;
            println!(
                "{} articles, {} authors, {} bytes, {} planted faults",
                manifest.articles,
                manifest.authors,
                manifest.bytes,
                manifest.faults.len()
            );
        }
        Command::ParseOnly { dir } => {
            let (files, bytes, parsed) = parse_only(&dir)?;
            println!("parsed {parsed} of {files} articles, {bytes} bytes");
        }
        Command::Verify { dir } => {
            let comparison = copydesk_bench::verify(&dir)?;
            println!("verify: {comparison}");
            if !comparison.is_exact() {
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads and parses each article (front matter and Markdown body) once, keeping nothing.
fn parse_only(root: &Path) -> anyhow::Result<(usize, usize, usize)> {
    let config = copydesk::Config::load(&root.join(copydesk::config::CONFIG_FILE))?;
    let files = copydesk::list_files(root, &root.join(&config.paths.articles), "md")?;
    let (bytes, parsed) = files
        .par_iter()
        .map(|path| {
            let Ok(text) = std::fs::read_to_string(path) else {
                return (0, 0);
            };
            let Some(article) = copydesk::Article::parse(path, &text).article else {
                return (text.len(), 0);
            };
            let arena = comrak::Arena::new();
            let tree = copydesk::markdown::parse(&arena, article.body());
            std::hint::black_box(tree);
            (text.len(), 1)
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    Ok((files.len(), bytes, parsed))
}
