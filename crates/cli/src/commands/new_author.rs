//! `copydesk new-author`: add `authors/<id>.toml` without overwriting anyone.

use copydesk::Config;
use copydesk::scaffold::{NewAuthor, plan_new_author};

use super::{locate_root, prompt, write_planned};
use crate::Status;
use crate::args::NewAuthorArgs;

pub(crate) fn run(args: &NewAuthorArgs) -> anyhow::Result<Status> {
    let root = locate_root(args.root.root.as_deref(), None)?;
    let config = Config::load(&root.join(copydesk::config::CONFIG_FILE))?;
    let name = match &args.name {
        Some(name) => name.clone(),
        None if prompt::is_interactive() => prompt::text("Name")?,
        None => {
            anyhow::bail!("missing --name: pass the author's display name with --name \"NAME\"")
        }
    };
    let mut new = NewAuthor::new(args.id.clone(), name);
    new.beat.clone_from(&args.beat);
    new.bio.clone_from(&args.bio);
    let planned = plan_new_author(&config, &root, &new)?;
    write_planned(&root, &planned, args.dry_run)?;
    Ok(Status::Clean)
}
