//! The editorial workflow commands (`publish`, `due`, `update`, `correct`, `retract`,
//! `add-source`, `rename`, `list`). One file for all eight: each only translates its flags
//! into a `copydesk::workflow` call, and they share loading the newsroom, showing a dry run,
//! applying the plan and reporting.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use copydesk::diagnostic::render::escape_controls;
use copydesk::workflow::{self, NewSource, Plan, PublishOptions, UpdateOptions, WorkflowError};
use copydesk::{DiagnosticFormat, LintReport, Newsroom, RenderOptions, UpdateKind};

use super::{display_path, locate_root};
use crate::Status;
use crate::args::{
    AddSourceArgs, CorrectArgs, DueArgs, EditArgs, ListArgs, PublishArgs, RenameArgs, RetractArgs,
    RootArgs, UpdateArgs,
};

type Now = chrono::DateTime<chrono::FixedOffset>;

fn load(root: &RootArgs) -> anyhow::Result<(PathBuf, Newsroom)> {
    let root = locate_root(root.root.as_deref(), None)?;
    let newsroom = Newsroom::load(&root)
        .with_context(|| format!("cannot load the newsroom at `{}`", root.display()))?;
    Ok((root, newsroom))
}

fn now_of(given: Option<Now>) -> Now {
    given.unwrap_or_else(|| chrono::Utc::now().fixed_offset())
}

/// Shows the plan as a diff (`--dry-run`) or applies it and prints its summary.
fn finish(root: &Path, plan: &Plan, edit: &EditArgs) -> anyhow::Result<Status> {
    let mut out = std::io::stdout().lock();
    if edit.dry_run {
        out.write_all(plan.unified_diff(root).as_bytes())?;
        return Ok(Status::Clean);
    }
    plan.apply(root).map_err(refusal)?;
    for line in &plan.summary {
        writeln!(out, "{line}")?;
    }
    Ok(Status::Clean)
}

/// A workflow error as the CLI reports it: paths shown relative to the current directory.
fn refusal(error: WorkflowError) -> anyhow::Error {
    match error {
        WorkflowError::Changed { path } => anyhow::anyhow!(
            "`{}` changed on disk since it was read; nothing was written, run the command again",
            display_path(&path)
        ),
        other => other.into(),
    }
}

pub(crate) fn publish(args: &PublishArgs) -> anyhow::Result<Status> {
    let (root, newsroom) = load(&args.edit.root)?;
    let mut options = PublishOptions::new(now_of(args.edit.now));
    options.at = args.at;
    options.force = args.force;
    match workflow::publish(&newsroom, &args.article, options) {
        Ok(plan) => finish(&root, &plan, &args.edit),
        Err(WorkflowError::LintErrors {
            path,
            diagnostics,
            text,
        }) => {
            let count = diagnostics.len();
            let mut sources = copydesk::SourceMap::new();
            sources.insert(std::sync::Arc::from(path.as_path()), text.into());
            let report = LintReport::new(diagnostics, sources, 1);
            let options = RenderOptions {
                base: std::env::current_dir().ok(),
                color: false,
            };
            let mut err = std::io::stderr().lock();
            copydesk::render(&report, DiagnosticFormat::Full, &options, &mut err)?;
            writeln!(
                err,
                "error: not publishing `{}`: {count} error(s) above; fix them, or publish anyway with --force",
                display_path(&path)
            )?;
            Ok(Status::Findings)
        }
        Err(other) => Err(refusal(other)),
    }
}

pub(crate) fn due(args: &DueArgs) -> anyhow::Result<Status> {
    let (root, newsroom) = load(&args.edit.root)?;
    let now = now_of(args.edit.now);
    // `--dry-run` means "show the diff of what would be written" for every editing command;
    // listing writes nothing, so a dry run of `due` previews `--apply` rather than being
    // silently ignored.
    if !args.apply && !args.edit.dry_run {
        let mut out = std::io::stdout().lock();
        for article in workflow::due(&newsroom, now) {
            let when = article
                .published
                .map(|p| p.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
                .unwrap_or_default();
            writeln!(
                out,
                "{when}  {}  {}",
                article.slug,
                display_path(&article.path)
            )?;
        }
        return Ok(Status::Clean);
    }
    let plan = workflow::due_apply(&newsroom, now).map_err(refusal)?;
    finish(&root, &plan, &args.edit)
}

fn timeline_entry(
    article: &str,
    text: &str,
    kind: UpdateKind,
    source: Option<&String>,
    at: Option<Now>,
    edit: &EditArgs,
) -> anyhow::Result<Status> {
    let (root, newsroom) = load(&edit.root)?;
    let mut options = UpdateOptions::new(text, kind, now_of(edit.now));
    options.source = source.cloned();
    options.at = at;
    let plan = workflow::update(&newsroom, article, &options).map_err(refusal)?;
    finish(&root, &plan, edit)
}

pub(crate) fn update(args: &UpdateArgs) -> anyhow::Result<Status> {
    timeline_entry(
        &args.article,
        &args.text,
        args.kind,
        args.source.as_ref(),
        args.at,
        &args.edit,
    )
}

pub(crate) fn correct(args: &CorrectArgs) -> anyhow::Result<Status> {
    timeline_entry(
        &args.article,
        &args.text,
        UpdateKind::Correction,
        args.source.as_ref(),
        args.at,
        &args.edit,
    )
}

pub(crate) fn retract(args: &RetractArgs) -> anyhow::Result<Status> {
    let (root, newsroom) = load(&args.edit.root)?;
    let plan = workflow::retract(
        &newsroom,
        &args.article,
        &args.reason,
        args.at,
        now_of(args.edit.now),
    )
    .map_err(refusal)?;
    finish(&root, &plan, &args.edit)
}

pub(crate) fn add_source(args: &AddSourceArgs) -> anyhow::Result<Status> {
    let (root, newsroom) = load(&args.edit.root)?;
    let mut source = NewSource::new(args.url.clone());
    source.title.clone_from(&args.title);
    source.publisher.clone_from(&args.publisher);
    source.published.clone_from(&args.published);
    source.id.clone_from(&args.id);
    let added = workflow::add_source(&newsroom, &args.article, &source, now_of(args.edit.now))
        .map_err(refusal)?;
    let status = finish(&root, &added.plan, &args.edit)?;
    if !args.edit.dry_run {
        writeln!(std::io::stdout().lock(), "cite it with: {}", added.citation)?;
    }
    Ok(status)
}

pub(crate) fn rename(args: &RenameArgs) -> anyhow::Result<Status> {
    let (root, newsroom) = load(&args.edit.root)?;
    let plan = workflow::rename(&newsroom, &args.article, &args.new_slug).map_err(refusal)?;
    finish(&root, &plan, &args.edit)
}

pub(crate) fn list(args: &ListArgs) -> anyhow::Result<Status> {
    // Not a loaded `Newsroom`: the listing streams the files and keeps only their rows.
    let root = locate_root(args.root.root.as_deref(), None)?;
    let config = copydesk::Config::load(&root.join(copydesk::config::CONFIG_FILE))
        .with_context(|| format!("cannot load the newsroom at `{}`", root.display()))?;
    let mut filter = workflow::ListFilter::default();
    filter.statuses.clone_from(&args.status);
    filter.desk.clone_from(&args.desk);
    filter.author.clone_from(&args.author);
    filter.since = args.since;
    let linter = copydesk::Linter::new(root, config, now_of(args.now))
        .context("cannot count the lint findings")?
        .with_index(args.index.to_options());
    let (rows, counted) =
        workflow::list_indexed(&linter, &filter).map_err(|error| match error {
            // A filter naming no desk or author: the message says so on its own.
            copydesk::Error::Workflow(error) => anyhow::Error::new(error),
            other => anyhow::Error::new(other).context("cannot count the lint findings"),
        })?;
    if args.verbose {
        let mut err = std::io::stderr().lock();
        writeln!(
            err,
            "note: {} article(s) linted, {} counted from the lint index",
            counted.linted, counted.cached
        )?;
        if let Some(refused) = &counted.refused {
            writeln!(
                err,
                "note: {}; counting without the index",
                escape_controls(&refused.to_string())
            )?;
        }
        if let Some(miss) = &counted.miss {
            writeln!(
                err,
                "note: {miss}; linting every article once to rebuild it"
            )?;
        }
        if let Some(error) = &counted.not_written {
            writeln!(
                err,
                "note: the lint index was not written: {error}: {}",
                error.source
            )?;
        }
    }
    std::io::stdout()
        .lock()
        .write_all(workflow::render_list(&rows, args.format).as_bytes())?;
    Ok(Status::Clean)
}
