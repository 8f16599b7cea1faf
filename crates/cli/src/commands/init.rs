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
    // The next steps must work when pasted: from the new directory, with ids that exist.
    let shown = display_path(&args.dir);
    let cd = if args.dir == std::path::Path::new(".") {
        String::new()
    } else {
        format!("`cd {}`, then ", shell_words::quote(&shown))
    };
    eprintln!(
        "created a newsroom in {shown}; next: {cd}`copydesk lint`, `copydesk new-author ID --name \"NAME\"`, `copydesk new-desk ID --name \"NAME\"` and `copydesk new-article \"Your headline\"`"
    );
    Ok(Status::Clean)
}
