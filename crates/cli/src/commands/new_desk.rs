//! `copydesk new-desk`: declare a desk in `copydesk.toml`, keeping the file's comments.

use std::io::Write as _;

use copydesk::scaffold::{NewDesk, add_desk};

use super::{display_path, locate_root, prompt};
use crate::Status;
use crate::args::NewDeskArgs;

pub(crate) fn run(args: &NewDeskArgs) -> anyhow::Result<Status> {
    let root = locate_root(args.root.root.as_deref(), None)?;
    let name = match &args.name {
        Some(name) => name.clone(),
        None if prompt::is_interactive() => prompt::text("Name")?,
        None => anyhow::bail!(
            "missing --name: pass the desk's display name with --name \"NAME\", e.g. `copydesk new-desk {} --name \"…\"`",
            args.id
        ),
    };
    let mut new = NewDesk::new(args.id.clone(), name);
    new.description.clone_from(&args.description);
    let path = add_desk(&root, &new)?;
    writeln!(
        std::io::stdout().lock(),
        "added [desks.{}] to {}",
        new.id,
        display_path(&path)
    )?;
    Ok(Status::Clean)
}
