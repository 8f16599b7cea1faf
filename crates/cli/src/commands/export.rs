//! `copydesk export`: load the newsroom once, write every requested format, report.

use anyhow::Context as _;
use copydesk::export::{ExportOptions, export_to_dir};
use copydesk::{Newsroom, Severity};

use super::locate_root;
use crate::Status;
use crate::args::ExportArgs;

pub(crate) fn run(args: &ExportArgs) -> anyhow::Result<Status> {
    let root = locate_root(args.root.root.as_deref(), None)?;
    let newsroom = Newsroom::load(&root)?;
    let unreadable = newsroom
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| &d.path)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    if unreadable > 0 {
        eprintln!(
            "warning: {unreadable} file{} with front matter errors; run `copydesk lint` (articles that did not parse are not exported)",
            if unreadable == 1 { "" } else { "s" }
        );
    }
    let options = ExportOptions::new()
        .include_drafts(args.include_drafts)
        .now(args.now);
    let summary = export_to_dir(&newsroom, &args.format, &options, &args.out)
        .with_context(|| format!("cannot export to `{}`", args.out.display()))?;
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
