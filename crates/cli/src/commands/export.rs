//! `copydesk export`: load the newsroom once, leave out what cannot be exported, write every
//! requested format, report.

use std::io::{IsTerminal as _, Write as _};

use copydesk::export::{ExportOptions, export_to_dir, remove_unexportable};
use copydesk::{DiagnosticFormat, ExportError, Newsroom, RenderOptions};

use super::{display_path, locate_root};
use crate::Status;
use crate::args::ExportArgs;

pub(crate) fn run(args: &ExportArgs) -> anyhow::Result<Status> {
    let root = locate_root(args.root.root.as_deref(), None)?;
    let mut newsroom = Newsroom::load(&root)?;
    let options = ExportOptions::new()
        .include_drafts(args.include_drafts)
        .now(args.now);
    let skipped = remove_unexportable(&mut newsroom, &options);
    if !skipped.is_empty() {
        let count = skipped.files.len();
        let files = if count == 1 { "file" } else { "files" };
        let mut stderr = std::io::stderr().lock();
        if args.strict {
            writeln!(stderr, "error: {count} article {files} cannot be exported:")?;
        } else {
            writeln!(
                stderr,
                "warning: skipping {count} article {files} that cannot be exported:"
            )?;
        }
        let render_options = RenderOptions {
            base: std::env::current_dir().ok().or(Some(root.clone())),
            color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        copydesk::render(
            &skipped.report,
            DiagnosticFormat::Full,
            &render_options,
            &mut stderr,
        )?;
        if args.strict {
            writeln!(
                stderr,
                "nothing was written to `{}` (--strict); fix the {files} above, or drop --strict to export the rest",
                display_path(&args.out)
            )?;
            return Ok(Status::Findings);
        }
        writeln!(
            stderr,
            "skipped: {}; pass --strict to refuse the export instead",
            skipped
                .files
                .iter()
                .map(|path| display_path(path))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    let summary = export_to_dir(&newsroom, &args.format, &options, &args.out).map_err(|error| {
        // Only a failure to write is about `--out`; a content problem names its article.
        let writing = matches!(error, ExportError::Io(_) | ExportError::NotAnExport { .. });
        let error = anyhow::Error::new(error);
        if writing {
            error.context(format!("cannot export to `{}`", args.out.display()))
        } else {
            error.context("cannot export")
        }
    })?;
    for warning in &summary.warnings {
        eprintln!("warning: {warning}");
    }
    let names: Vec<&str> = args.format.iter().map(|f| f.name()).collect();
    eprintln!(
        "exported {} article{} as {} to {} ({} files)",
        summary.articles,
        if summary.articles == 1 { "" } else { "s" },
        names.join(", "),
        args.out.display(),
        summary.files
    );
    Ok(Status::Clean)
}
