//! `copydesk new-article`: gather the values (flags, else prompts on a terminal), let the
//! library check and render the draft, write it create-new, and optionally open an editor.

use std::path::Path;
use std::process::Command;

use anyhow::Context as _;
use copydesk::scaffold::{
    NewArticle, NewsroomIndex, ScaffoldError, article_slug, plan_new_article,
};

use super::{locate_root, prompt, write_planned};
use crate::Status;
use crate::args::NewArticleArgs;

pub(crate) fn run(args: &NewArticleArgs) -> anyhow::Result<Status> {
    let root = locate_root(args.root.root.as_deref(), None)?;
    // Only the config, the author ids and the article file names: parsing every article
    // would make the command as slow as a lint of the whole newsroom.
    let index = NewsroomIndex::load(&root)?;
    let now = chrono::Utc::now();
    let zone = index.config.site.timezone;
    let date = args
        .date
        .map_or_else(|| zone.localize(&now), |date| date.resolve(now, zone));
    let title = match &args.title {
        Some(title) => title.clone(),
        None if prompt::is_interactive() => prompt::text("Title")?,
        None => anyhow::bail!(
            "missing the title: pass it as the first argument, e.g. copydesk new-article \"Your headline\""
        ),
    };
    let mut new = NewArticle::new(title, date);
    new.authors = if args.authors.is_empty() {
        vec![prompt::choose("author", "--author", &index.authors)?]
    } else {
        args.authors.clone()
    };
    new.desk = if let Some(desk) = &args.desk {
        desk.clone()
    } else {
        let known: Vec<String> = index.config.desks.keys().cloned().collect();
        prompt::choose("desk", "--desk", &known)?
    };
    new.tags.clone_from(&args.tags);
    new.slug.clone_from(&args.slug);
    if new.slug.is_none() && prompt::is_interactive() {
        // A non-Latin or emoji-only title cannot give a slug: ask rather than fail at a terminal.
        if let Err(ScaffoldError::NonLatinTitle { .. } | ScaffoldError::UnsluggableTitle { .. }) =
            article_slug(&new)
        {
            new.slug = Some(prompt::text(
                "Slug (lowercase ASCII words joined by hyphens)",
            )?);
        }
    }
    let planned = plan_new_article(&index, &new).map_err(with_hint)?;
    let path = write_planned(&index.root, &planned, args.dry_run)?;
    if args.edit {
        // The draft is on disk whatever the editor does: say so, so nobody runs the command
        // again into "already exists".
        open_editor(&path).with_context(|| {
            format!(
                "wrote `{}`, but could not open it in an editor; open it yourself, or fix $VISUAL or $EDITOR",
                super::display_path(&path)
            )
        })?;
    }
    Ok(Status::Clean)
}

/// Adds the flag that resolves the refusal, which the library cannot know about.
fn with_hint(error: ScaffoldError) -> anyhow::Error {
    let hint = match &error {
        ScaffoldError::NonLatinTitle { .. } | ScaffoldError::UnsluggableTitle { .. } => {
            Some("pass one with --slug SLUG")
        }
        ScaffoldError::SlugCollision { .. } => Some("pass another with --slug SLUG"),
        _ => None,
    };
    match hint {
        Some(hint) => anyhow::anyhow!("{error}\n  help: {hint}"),
        None => error.into(),
    }
}

/// Opens `path` in `$VISUAL`, else `$EDITOR`, split like a shell would ("code --wait").
fn open_editor(path: &Path) -> anyhow::Result<()> {
    let (variable, command) = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok().map(|value| (*name, value)))
        .find(|(_, value)| !value.trim().is_empty())
        .context("--edit needs an editor and neither $VISUAL nor $EDITOR is set")?;
    let words = shell_words::split(&command)
        .with_context(|| format!("cannot split the editor command `{command}` of ${variable}"))?;
    let Some((program, rest)) = words.split_first() else {
        anyhow::bail!("the editor command `{command}` of ${variable} is empty");
    };
    let status = Command::new(program)
        .args(rest)
        .arg(path)
        .status()
        .with_context(|| format!("cannot start the editor `{program}` (from ${variable})"))?;
    if !status.success() {
        anyhow::bail!("the editor `{command}` (from ${variable}) exited with {status}");
    }
    Ok(())
}
