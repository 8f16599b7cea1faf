//! `copydesk-bench`: generates benchmark newsrooms.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
}

fn main() -> anyhow::Result<()> {
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
    }
    Ok(())
}
