//! `copydesk lint`: load, lint, render, and map the result to an exit status.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;
use copydesk::{Config, RenderOptions, Severity};

use super::locate_root;
use crate::Status;
use crate::args::{FailOn, LintArgs};

pub(crate) fn run(args: &LintArgs) -> anyhow::Result<Status> {
    let started = Instant::now();
    let root = locate_root(
        args.root.root.as_deref(),
        args.paths.first().map(PathBuf::as_path),
    )?;
    let config = Config::load(&root.join(copydesk::config::CONFIG_FILE))?;
    let files = article_files(&root, &config, &args.paths)?;
    let now = args
        .now
        .unwrap_or_else(|| chrono::Utc::now().fixed_offset());
    let bar = crate::progress::for_files(files.len(), args.quiet);
    let report = copydesk::lint_files_with_progress(&root, &config, &files, now, &|| bar.inc(1))?;
    bar.finish_and_clear();

    let base = std::env::current_dir().ok().or(Some(root));
    let stdout = std::io::stdout();
    let options = RenderOptions {
        base,
        color: stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    copydesk::diagnostic::render::render(&report, args.format, &options, &mut out)?;
    out.flush()?;

    if !args.quiet && args.format == copydesk::DiagnosticFormat::Full {
        let errors = report.count(Severity::Error);
        let warnings = report.count(Severity::Warning);
        let infos = report.count(Severity::Info);
        eprintln!(
            "checked {} file{} in {:.2?}: {errors} error{}, {warnings} warning{}, {infos} info",
            report.files_checked,
            plural(report.files_checked),
            started.elapsed(),
            plural(errors),
            plural(warnings),
        );
    }
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    Ok(if report.max_severity().is_some_and(|s| s >= threshold) {
        Status::Findings
    } else {
        Status::Clean
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The article files to lint: every article, or those under the paths given.
fn article_files(
    root: &std::path::Path,
    config: &Config,
    paths: &[PathBuf],
) -> anyhow::Result<Vec<PathBuf>> {
    let articles_dir = root.join(&config.paths.articles);
    if paths.is_empty() {
        return Ok(copydesk::list_files(root, &articles_dir, "md")?);
    }
    let mut files = Vec::new();
    for path in paths {
        let absolute = std::path::absolute(path)
            .with_context(|| format!("cannot resolve `{}`", path.display()))?;
        if !absolute.starts_with(root) {
            anyhow::bail!(
                "`{}` is outside the newsroom at `{}`",
                path.display(),
                root.display()
            );
        }
        let metadata = std::fs::metadata(&absolute)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        if metadata.is_dir() {
            files.extend(copydesk::list_files(root, &absolute, "md")?);
        } else {
            files.push(absolute);
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}
