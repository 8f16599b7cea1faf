//! `copydesk lint`: load, lint (and fix), render, and map the result to an exit status.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;
use copydesk::diagnostic::render::{Statistics, escape_controls};
use copydesk::fs::ReplaceError;
use copydesk::lint::fix::{MAX_ROUNDS, unified_diff};
use copydesk::lint::{
    Baseline, BaselineOutcome, Files, Keep, LintRequest, LintRun, LiveNewsroom, Overlay, Report,
};
use copydesk::{Config, DiagnosticFormat, FileFix, LintReport, Linter, RenderOptions, Severity};

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
    let now = args
        .now
        .unwrap_or_else(|| chrono::Utc::now().fixed_offset());
    // Read before linting, so a missing or invalid baseline fails at once, not after a long run.
    let baseline = match args.baseline.clone().or_else(|| config.baseline.clone()) {
        Some(path) if args.write_baseline.is_none() => {
            let baseline = Baseline::load(&path).map_err(|error| {
                let set_by = if args.baseline.is_some() {
                    ""
                } else {
                    " (set by `lint.baseline` in copydesk.toml)"
                };
                let missing = matches!(&error, copydesk::lint::BaselineError::Io(io)
                    if io.source.kind() == std::io::ErrorKind::NotFound);
                let help = if missing {
                    format!(
                        "\n  help: write it with `copydesk lint --write-baseline {}`",
                        path.display()
                    )
                } else {
                    String::new()
                };
                anyhow::Error::new(error).context(format!(
                    "cannot use the baseline `{}`{set_by}{help}",
                    path.display()
                ))
            })?;
            Some((path, baseline))
        }
        _ => None,
    };
    let linter = Linter::new(root.clone(), config, now)?.with_index(args.index.to_options());
    let files = if args.paths.is_empty() {
        Files::Newsroom
    } else {
        Files::Paths(args.paths.clone())
    };
    let report = match &args.changed_since {
        Some(rev) => Report::ChangedSince(rev.clone()),
        None => Report::Every,
    };
    let request = LintRequest::newsroom().files(files).report(report);

    let base = std::env::current_dir().ok().or(Some(root.clone()));
    let stdout = std::io::stdout();
    let options = RenderOptions {
        base,
        color: args.output_file.is_none()
            && stdout.is_terminal()
            && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = std::io::BufWriter::new(stdout.lock());

    let mut fixed = 0;
    let run = if args.fix || args.diff {
        if args.fix {
            remove_leftovers(&root, linter.config(), &options);
        }
        // What the final run reads instead of the disk: the fixed texts that were written
        // (or, with --diff, would be), so a file changed on disk meanwhile is reported as
        // it is there.
        let mut fixed_texts = Overlay::new();
        for file in &linter.fix(&request, MAX_ROUNDS).map_err(with_help)? {
            let shown = options.display_path(&file.path);
            if args.diff {
                write!(out, "{}", unified_diff(&shown, &file.original, &file.fixed))?;
            } else if !write_fix(&root, file, &shown)? {
                continue;
            }
            fixed_texts.insert(file.path.to_path_buf(), file.fixed.clone());
            fixed += file.codes.values().sum::<usize>();
            report_fix(file, &shown, args.diff);
        }
        linter
            .lint(&request.clone().overlay(&fixed_texts))
            .map_err(with_help)?
    } else {
        let bar = crate::progress::FileBar::new(args.quiet);
        let progress = |event| bar.update(event);
        let run = linter
            .lint(&request.clone().progress(&progress))
            .map_err(with_help)?;
        bar.finish();
        run
    };
    if args.verbose {
        explain_index(&run);
    }
    if let Some(path) = &args.write_baseline {
        return write_baseline(path, &root, &run, args.quiet);
    }
    let mut run = run;
    let accepted = baseline.map(|(path, baseline)| {
        let outcome = baseline.apply(&root, &mut run);
        if !args.quiet {
            report_stale(&path, &outcome, &options, args.verbose);
        }
        outcome.matched
    });
    let index_note = args.changed_since.is_some().then(|| {
        format!(
            " ({} linted, {} from the lint index)",
            run.linted, run.cached
        )
    });
    let report = run.report;
    if !args.diff {
        write_report(&report, args, &options, &mut out)?;
    }
    out.flush()?;

    // With --output-file the terminal holds no report, so every format gets the summary.
    if !args.quiet && (args.format == DiagnosticFormat::Full || args.output_file.is_some()) {
        let errors = report.count(Severity::Error);
        let warnings = report.count(Severity::Warning);
        let infos = report.count(Severity::Info);
        let fixes = match (args.fix || args.diff, args.diff) {
            (false, _) => String::new(),
            (true, false) => format!(" ({fixed} fixed)"),
            (true, true) => format!(" after {fixed} fix{}", if fixed == 1 { "" } else { "es" }),
        };
        let accepted = accepted
            .map(|n| format!(" ({n} in the baseline)"))
            .unwrap_or_default();
        eprintln!(
            "checked {} file{}{} in {:.2?}: {errors} error{}, {warnings} warning{}, {infos} info{fixes}{accepted}",
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
    // A buffer from elsewhere would be linted as no file of the newsroom, finding nothing.
    if !absolute.starts_with(&root) {
        let error = copydesk::LoadError::OutsideRoot {
            path: absolute,
            root,
        };
        anyhow::bail!(
            "{error}\n  help: `--stdin-filename` names the newsroom file the text on stdin stands for; pass a path inside the newsroom, or the newsroom of that file with `--root`"
        );
    }
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
    // The editor's session, for one buffer: the other articles' facts come from the index.
    let linter = Linter::new(root.clone(), config, now)?.with_index(args.index.to_options());
    let mut live = LiveNewsroom::load(linter, Keep::Counts)?;
    let mut overlay = Overlay::new();
    overlay.insert(absolute, text);
    let report = live.lint_buffers(&overlay);
    let stdout = std::io::stdout();
    let options = RenderOptions {
        base: std::env::current_dir().ok().or(Some(root)),
        color: stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    copydesk::render(&report, args.format, &options, &mut out)?;
    out.flush()?;
    Ok(status_of(&report, args.fail_on))
}

/// A run's error with what to do about it, where the command line knows better than the
/// library: `--changed-since` needs git history.
fn with_help(error: copydesk::Error) -> anyhow::Error {
    use copydesk::{Error, GitError};
    let help = match &error {
        Error::Git(GitError::UnknownRevision { rev }) => format!(
            "`--changed-since {rev}` needs that commit in this clone: fetch it (`git fetch origin`; in CI, check out with full history, such as `fetch-depth: 0`), or lint without `--changed-since`"
        ),
        Error::Git(GitError::NotARepository { .. }) => {
            "`--changed-since` compares with git history: run it in a clone of the newsroom, or lint without it".to_string()
        }
        _ => return error.into(),
    };
    anyhow::anyhow!("{error}\n  help: {help}")
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

/// The report in `--format`, to `--output-file` (replaced atomically: a CI job never uploads
/// half a report) or to `out`, and the `--statistics` table, which takes the report's place
/// on `out`.
fn write_report(
    report: &LintReport,
    args: &LintArgs,
    options: &RenderOptions,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    let render = |out: &mut dyn std::io::Write| copydesk::render(report, args.format, options, out);
    if let Some(path) = &args.output_file {
        let mut bytes = Vec::new();
        render(&mut bytes)?;
        copydesk::fs::replace_file(path, &bytes)?;
    } else if !args.statistics {
        render(out)?;
    }
    if args.statistics {
        let statistics = Statistics::new(report);
        if args.format == DiagnosticFormat::Json {
            statistics.render_json(out)?;
        } else {
            statistics.render_text(out)?;
        }
    }
    Ok(())
}

/// `--write-baseline FILE`: the run's findings, with the existing file's entries of files the
/// run did not check, written atomically.
fn write_baseline(path: &Path, root: &Path, run: &LintRun, quiet: bool) -> anyhow::Result<Status> {
    let existing = if path.exists() {
        Baseline::load(path)
            .with_context(|| format!("cannot update the baseline `{}`", path.display()))?
    } else {
        Baseline::default()
    };
    let next = existing.updated(root, run, &run.report);
    next.write(path)?;
    if !quiet {
        let n = next.len();
        eprintln!(
            "wrote {n} finding{} to the baseline {}",
            plural(n),
            escape_controls(&path.display().to_string())
        );
    }
    Ok(Status::Clean)
}

/// One info line when baseline entries matched nothing any more (each listed with --verbose).
fn report_stale(path: &Path, outcome: &BaselineOutcome, options: &RenderOptions, verbose: bool) {
    let n = outcome.stale.len();
    if n == 0 {
        return;
    }
    let shown = options.display_path(path);
    let shown = escape_controls(&shown);
    eprintln!(
        "info: {n} entr{} of the baseline {shown} no longer match{} a finding; `copydesk lint --write-baseline {shown}` drops {}",
        if n == 1 { "y" } else { "ies" },
        if n == 1 { "es" } else { "" },
        if n == 1 { "it" } else { "them" },
    );
    if verbose {
        for entry in &outcome.stale {
            eprintln!(
                "  {}: {} {}",
                escape_controls(&entry.path),
                entry.code,
                escape_controls(&entry.message)
            );
        }
    }
}

/// What the lint index did, for `--verbose`.
fn explain_index(run: &LintRun) {
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
