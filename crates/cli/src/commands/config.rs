//! `copydesk config [FILE]`: the lint settings in force for a file, with the configuration
//! file or `[[lint.overrides]]` table that set each one. The retracing is the library's
//! ([`copydesk::lint::EffectiveSettings`]); this prints it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use copydesk::lint::EffectiveSettings;
use copydesk::{Article, Config, Newsroom};

use super::{display_path, locate_root};
use crate::Status;
use crate::args::ConfigArgs;

pub(crate) fn run(args: &ConfigArgs) -> anyhow::Result<Status> {
    let root = locate_root(args.root.root.as_deref(), args.file.as_deref())?;
    let config = Config::load(&root.join(copydesk::config::CONFIG_FILE))?;
    let file = match &args.file {
        Some(file) if file.exists() => copydesk::fs::normalize(
            &std::path::absolute(file)
                .with_context(|| format!("cannot resolve `{}`", file.display()))?,
        ),
        // Not a file: an article's slug, as the workflow commands take it.
        Some(given) => {
            let newsroom = Newsroom::load(&root)?;
            match copydesk::workflow::resolve(&newsroom, &given.to_string_lossy()) {
                Ok(article) => article.path.to_path_buf(),
                Err(copydesk::workflow::WorkflowError::NotFound { .. }) => anyhow::bail!(
                    "no file or article `{}`\n  help: give a file's path or an article's slug (`copydesk list` shows them)",
                    given.display()
                ),
                Err(error) => return Err(error.into()),
            }
        }
        None => PathBuf::new(),
    };
    // The desk and status the overrides may match; a file that cannot be read or parsed
    // has none, and only `paths` can match it.
    let article = (!file.as_os_str().is_empty())
        .then(|| std::fs::read_to_string(&file).ok())
        .flatten()
        .and_then(|text| Article::parse(&file, &text).article);
    let settings = EffectiveSettings::for_file(&config, &root, &file, article.as_ref());

    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let shown = |path: &Path| display_path(path);
    for (i, path) in settings.files.iter().enumerate() {
        let label = if i == 0 { "configuration" } else { "  extends" };
        writeln!(out, "{label}: {}", shown(path))?;
    }
    if !file.as_os_str().is_empty() {
        writeln!(out, "file: {}", shown(&file))?;
        if let Some(article) = &article {
            writeln!(
                out,
                "  desk: {}, status: {}",
                article.desk.as_deref().unwrap_or("(none)"),
                article.status
            )?;
        }
        if settings.overrides.is_empty() {
            writeln!(out, "overrides: none match")?;
        }
        for label in &settings.overrides {
            writeln!(out, "override: {label}")?;
        }
    }
    if let Some((baseline, origin)) = &settings.baseline {
        writeln!(
            out,
            "baseline: {} (lint.baseline in {})",
            shown(baseline),
            shown(origin)
        )?;
    }
    writeln!(out, "\nrules:")?;
    for rule in &settings.rules {
        let severity = rule.severity.map_or("off", |s| s.as_str());
        writeln!(
            out,
            "  {:<6} {:<26} {:<8} {}",
            rule.code.as_str(),
            rule.name,
            severity,
            rule.origin
        )?;
    }
    if !settings.options.is_empty() {
        writeln!(out, "\noptions:")?;
        for (code, table, origin) in &settings.options {
            writeln!(out, "  {:<6} {table}  ({origin})", code.as_str())?;
        }
    }
    out.flush()?;
    Ok(Status::Clean)
}
