//! `copydesk init`: write a new newsroom and say what to do next.

use std::io::Write as _;

use super::display_path;
use crate::Status;
use crate::args::InitArgs;

pub(crate) fn run(args: &InitArgs) -> anyhow::Result<Status> {
    let now = args
        .now
        .unwrap_or_else(|| chrono::Utc::now().fixed_offset());
    let written = copydesk::scaffold::init(&args.dir, now)?;
    let mut out = std::io::stdout().lock();
    for path in &written {
        writeln!(out, "{}", display_path(path))?;
    }
    eprintln!(
        "created a newsroom in {}; next: `copydesk lint`, then `copydesk new-article \"Your headline\"`",
        display_path(&args.dir)
    );
    Ok(Status::Clean)
}
