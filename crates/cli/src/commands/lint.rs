//! `copydesk lint`: load, lint (and fix), render, and map the result to an exit status.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;

use copydesk::diagnostic::render::escape_controls;
use copydesk::fs::ReplaceError;
use copydesk::lint::IndexOptions;
use copydesk::lint::fix::{MAX_ROUNDS, unified_diff};
use copydesk::{Config, DiagnosticFormat, FileFix, LintReport, Newsroom, RenderOptions, Severity};

use super::locate_root;
use crate::Status;
use crate::args::{FailOn, LintArgs};

pub(crate) fn run(args: &LintArgs) -> anyhow::Result<Status> {
    if let Some(path) = &args.stdin_filename {
        return lint_stdin(args, path);
    }
    let started = Instant::now();
    let root = locate_root(
        args.root.root.as_deref(),
        args.paths.first().map(PathBuf::as_path),
    )?;
    let mut config = Config::load(&root.join(copydesk::config::CONFIG_FILE))?;
    apply_overlays(&mut config, args)?;
    let files = copydesk::article_files(&root, &config, &args.paths)?;
    let now = args
        .now
        .unwrap_or_else(|| chrono::Utc::now().fixed_offset());

    let base = std::env::current_dir().ok().or(Some(root.clone()));
    let stdout = std::io::stdout();
    let options = RenderOptions {
        base,
        color: stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = std::io::BufWriter::new(stdout.lock());

    let mut fixed = 0;
    let mut index_note = None;
    let report = if args.fix || args.diff {
        if args.fix {
            remove_leftovers(&root, &config, &options);
        }
        // Fixing needs every article's text at hand; plain linting streams instead.
        let mut newsroom = Newsroom::load_files(root.clone(), config, &files)?;
        let changed = newsroom.fix(now, MAX_ROUNDS);
        for file in &changed {
            let shown = options.display_path(&file.path);
            if args.diff {
                write!(out, "{}", unified_diff(&shown, &file.original, &file.fixed))?;
            } else if !write_fix(&root, file, &shown)? {
                // Report the file as it is on disk now, not as it would have been fixed.
                newsroom.reload(&file.path);
                continue;
            }
            fixed += file.codes.values().sum::<usize>();
            report_fix(file, &shown, args.diff);
        }
        newsroom.lint(now)
    } else {
        let bar = crate::progress::for_files(files.len(), args.quiet);
        let progress = || bar.inc(1);
        // The index describes the whole newsroom: a run over some paths neither uses nor
        // writes it.
        let report = if (args.no_cache && args.changed_since.is_none()) || !args.paths.is_empty() {
            copydesk::lint_files_with_progress(&root, &config, &files, now, &progress)?
        } else {
            let (report, note) = lint_indexed(&root, &config, &files, now, args, &progress)?;
            index_note = note;
            report
        };
        bar.finish_and_clear();
        report
    };
    if !args.diff {
        copydesk::diagnostic::render::render(&report, args.format, &options, &mut out)?;
    }
    out.flush()?;

    if !args.quiet && args.format == DiagnosticFormat::Full {
        let errors = report.count(Severity::Error);
        let warnings = report.count(Severity::Warning);
        let infos = report.count(Severity::Info);
        let fixes = match (args.fix || args.diff, args.diff) {
            (false, _) => String::new(),
            (true, false) => format!(" ({fixed} fixed)"),
            (true, true) => format!(" after {fixed} fix{}", if fixed == 1 { "" } else { "es" }),
        };
        eprintln!(
            "checked {} file{}{} in {:.2?}: {errors} error{}, {warnings} warning{}, {infos} info{fixes}",
            report.files_checked,
            plural(report.files_checked),
            index_note.as_deref().unwrap_or_default(),
            started.elapsed(),
            plural(errors),
            plural(warnings),
        );
    }
    Ok(status_of(&report, args.fail_on))
}

/// `--stdin-filename PATH`: lints the text on stdin as the file PATH of the newsroom around
/// it (which need not exist), next to the other files on disk, as the language server does.
fn lint_stdin(args: &LintArgs, path: &Path) -> anyhow::Result<Status> {
    use std::io::Read as _;
    let absolute = copydesk::fs::normalize(
        &std::path::absolute(path)
            .with_context(|| format!("cannot resolve `{}`", path.display()))?,
    );
    let start = absolute.parent().unwrap_or(&absolute);
    let root = locate_root(args.root.root.as_deref(), Some(start))?;
    let mut config = Config::load(&root.join(copydesk::config::CONFIG_FILE))?;
    apply_overlays(&mut config, args)?;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("cannot read stdin")?;
    let text: std::sync::Arc<str> = match String::from_utf8(bytes) {
        Ok(text) => std::sync::Arc::from(text),
        Err(_) => anyhow::bail!("stdin is not valid UTF-8"),
    };
    let now = args
        .now
        .unwrap_or_else(|| chrono::Utc::now().fixed_offset());
    let mut engine = crate::lsp::engine::Engine::load_with(root.clone(), config, now)?;
    let overlay = std::collections::BTreeMap::from([(absolute.clone(), text.clone())]);
    let diagnostics = engine
        .diagnostics(&overlay, &[absolute.as_path()], now)
        .remove(&absolute)
        .unwrap_or_default();
    let sources = copydesk::SourceMap::from([(std::sync::Arc::from(absolute.as_path()), text)]);
    let report = LintReport::new(diagnostics, sources, 1);
    let stdout = std::io::stdout();
    let options = RenderOptions {
        base: std::env::current_dir().ok().or(Some(root)),
        color: stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    copydesk::diagnostic::render::render(&report, args.format, &options, &mut out)?;
    out.flush()?;
    Ok(status_of(&report, args.fail_on))
}

/// `Findings` when a diagnostic reaches `--fail-on`.
fn status_of(report: &LintReport, fail_on: FailOn) -> Status {
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    if report.max_severity().is_some_and(|s| s >= threshold) {
        Status::Findings
    } else {
        Status::Clean
    }
}

/// The plain or `--changed-since` pass with the lint index; what the index did goes to
/// stderr with `--verbose` and into the summary line.
fn lint_indexed(
    root: &Path,
    config: &Config,
    files: &[PathBuf],
    now: chrono::DateTime<chrono::FixedOffset>,
    args: &LintArgs,
    progress: &(dyn Fn() + Sync),
) -> anyhow::Result<(LintReport, Option<String>)> {
    let options = IndexOptions::new(
        args.changed_since.clone(),
        args.cache_dir.clone(),
        args.no_cache,
    );
    let run = copydesk::lint::lint_with_index(root, config, files, &options, now, progress)?;
    if args.verbose {
        if let Some(refused) = &run.refused {
            eprintln!(
                "note: {}; linting without the index",
                escape_controls(&refused.to_string())
            );
        }
        if let Some(path) = &run.everything_because {
            eprintln!(
                "note: {} changed; linting every article",
                escape_controls(&path.display().to_string())
            );
        }
        if let Some(miss) = &run.miss {
            eprintln!("note: {miss}; linting every article once to rebuild it");
        }
        if let Some(error) = &run.not_written {
            eprintln!(
                "note: the lint index was not written: {error}: {}",
                error.source
            );
        }
    }
    let note = args.changed_since.is_some().then(|| {
        format!(
            " ({} linted, {} from the lint index)",
            run.linted, run.cached
        )
    });
    Ok((run.report, note))
}

/// `--select` and `--ignore`, merged into `[lint]` like a config file's lists.
fn apply_overlays(config: &mut Config, args: &LintArgs) -> anyhow::Result<()> {
    for (flag, selector) in args
        .select
        .iter()
        .map(|s| ("--select", s))
        .chain(args.ignore.iter().map(|s| ("--ignore", s)))
    {
        if !copydesk::lint::is_known_selector(selector) {
            anyhow::bail!(
                "{flag}: {}\n  help: `copydesk rule --all` lists every rule",
                copydesk::lint::unknown_selector_message(selector)
            );
        }
    }
    if !args.select.is_empty() {
        config.lint.set_select(args.select.clone());
    }
    config.lint.extend_ignore(args.ignore.iter().cloned());
    Ok(())
}

/// Writes one fixed file unless it changed on disk since it was read; `false` (with a
/// warning naming the file) when it did.
fn write_fix(root: &Path, file: &FileFix, shown: &str) -> anyhow::Result<bool> {
    match copydesk::fs::replace_if_unchanged(
        root,
        &file.path,
        file.original.as_bytes(),
        &file.fixed,
    ) {
        Ok(()) => Ok(true),
        Err(ReplaceError::Changed { .. }) => {
            eprintln!(
                "warning: skipped {}: it changed on disk while copydesk was fixing it; its fixes were not written (run `copydesk lint --fix` again)",
                escape_controls(shown)
            );
            Ok(false)
        }
        Err(error) => Err(error.into()),
    }
}

/// Removes the temporary files that a killed `--fix` (or scaffold) run left beside articles.
fn remove_leftovers(root: &Path, config: &Config, options: &RenderOptions) {
    for dir in [&config.paths.articles, &config.paths.authors] {
        for path in copydesk::fs::remove_stale_temp_files(root, &root.join(dir)) {
            eprintln!(
                "note: removed {}, a temporary file left by an interrupted run",
                escape_controls(&options.display_path(&path))
            );
        }
    }
}

/// One stderr line per changed file: `fixed path: CODE (n), …`.
fn report_fix(file: &FileFix, shown: &str, dry_run: bool) {
    let codes: Vec<String> = file
        .codes
        .iter()
        .map(|(code, n)| format!("{code} ({n})"))
        .collect();
    let verb = if dry_run { "would fix" } else { "fixed" };
    let shown = escape_controls(shown);
    eprintln!("{verb} {shown}: {}", codes.join(", "));
    if !file.converged {
        eprintln!(
            "warning: fixes to {shown} did not settle after {MAX_ROUNDS} rounds; run again or fix by hand"
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
