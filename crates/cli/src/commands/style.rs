//! `copydesk style import`: a Vale style converted into a copydesk style file.

use std::io::Write as _;

use anyhow::Context as _;

use crate::Status;
use crate::args::StyleImportArgs;

pub(crate) fn import(args: &StyleImportArgs) -> anyhow::Result<Status> {
    let imported = copydesk::style::vale::import_dir(&args.dir)
        .with_context(|| format!("cannot import the Vale style in `{}`", args.dir.display()))?;
    if imported.rule_files == 0 {
        // Likely Vale's `StylesPath`, which holds one folder per style.
        let styles = copydesk::style::vale::styles_under(&args.dir);
        let help = match styles.first() {
            Some(_) => format!(
                "give one style's folder: {}",
                styles
                    .iter()
                    .map(|style| format!("`{}`", style.display()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => "give the folder of a Vale style, the one holding its `.yml` rules (such as `styles/House`)".to_string(),
        };
        anyhow::bail!(
            "`{}` holds no Vale rules (`.yml` files)\n  help: {help}",
            args.dir.display()
        );
    }
    match &args.out {
        Some(path) => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .with_context(|| format!("cannot create `{}`", path.display()))?;
            file.write_all(imported.toml.as_bytes())
                .with_context(|| format!("cannot write `{}`", path.display()))?;
        }
        None => std::io::stdout()
            .lock()
            .write_all(imported.toml.as_bytes())?,
    }
    let mut err = std::io::stderr().lock();
    writeln!(
        err,
        "converted {} term(s) and pattern(s) from `{}`",
        imported.converted,
        args.dir.display()
    )?;
    for skipped in &imported.skipped {
        writeln!(
            err,
            "not converted: {}: {}",
            skipped.file.display(),
            skipped.reason
        )?;
    }
    Ok(if imported.skipped.is_empty() {
        Status::Clean
    } else {
        Status::Findings
    })
}
