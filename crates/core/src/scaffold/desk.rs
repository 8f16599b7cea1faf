//! New desks: a `[desks.<id>]` table added to `copydesk.toml` in place.
//!
//! Unlike articles and authors, a desk is not a file of its own, so this is the one scaffold
//! that edits an existing file. The edit goes through `toml_edit`, which keeps every comment,
//! blank line, key order and quoting of the rest of the file; the result is validated as a
//! configuration before it replaces the file, so a desk can never leave `copydesk.toml`
//! broken. Writing reuses [`crate::fs::write_atomically`] (whole file or nothing, permissions
//! kept).

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, InlineTable, Item, Table};

use super::error::ScaffoldError;
use crate::config::{CONFIG_FILE, Config};

/// What is known about a new desk.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewDesk {
    /// Id: what an article's `desk` field names, lowercase kebab-case.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the desk covers.
    pub description: Option<String>,
}

impl NewDesk {
    /// A new desk with `id` and `name`, no description.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> NewDesk {
        NewDesk {
            id: id.into(),
            name: name.into(),
            description: None,
        }
    }
}

/// The command that declares desk `id`, for messages about an unknown desk:
/// `` `copydesk new-desk ai --name "…"` `` (with `ID` when `id` could not be one).
pub fn new_desk_command(id: &str) -> String {
    let id = if crate::id::is_kebab_case(id) {
        id
    } else {
        "ID"
    };
    format!("`copydesk new-desk {id} --name \"…\"`")
}

fn check(new: &NewDesk) -> Result<(), ScaffoldError> {
    if !crate::id::is_kebab_case(&new.id) {
        return Err(ScaffoldError::InvalidId {
            kind: "desk",
            id: new.id.clone(),
        });
    }
    if new.name.trim().is_empty() {
        return Err(ScaffoldError::Missing {
            what: "the desk's name",
        });
    }
    Ok(())
}

/// The text of `copydesk.toml` with the desk added: `config_text` unchanged but for a
/// `[desks.<id>]` table after the last declared desk (or at the end when there is none).
///
/// `path` is only used in errors.
///
/// # Errors
/// [`ScaffoldError::InvalidId`] unless the id is lowercase kebab-case,
/// [`ScaffoldError::Missing`] for an empty name, [`ScaffoldError::Config`] when
/// `config_text` is not a valid configuration, [`ScaffoldError::DeskExists`] when the id is
/// already declared.
pub fn render_new_desk(
    path: &Path,
    config_text: &str,
    new: &NewDesk,
) -> Result<String, ScaffoldError> {
    check(new)?;
    // Validate first with the same reader every command uses, so a broken file is reported
    // with its usual line-and-column messages rather than as a failed edit.
    let config = Config::parse(path, config_text)?;
    if let Some(existing) = config.desk(&new.id) {
        return Err(ScaffoldError::DeskExists {
            id: new.id.clone(),
            name: existing.name.clone(),
        });
    }
    let bom = config_text.starts_with('\u{feff}');
    let text = config_text.strip_prefix('\u{feff}').unwrap_or(config_text);
    let mut doc: DocumentMut =
        text.parse()
            .map_err(|e: toml_edit::TomlError| ScaffoldError::ConfigEdit {
                path: path.to_path_buf(),
                reason: e.message().to_string(),
            })?;
    let name = new.name.trim();
    let description = new.description.as_deref().map(str::trim);
    let desks = doc.entry("desks").or_insert_with(|| {
        // No `[desks]` header of its own: only `[desks.<id>]` is written.
        let mut table = Table::new();
        table.set_implicit(true);
        Item::Table(table)
    });
    if let Some(desks) = desks.as_table_mut() {
        let mut desk = Table::new();
        desk.insert("name", toml_edit::value(name));
        if let Some(description) = description {
            desk.insert("description", toml_edit::value(description));
        }
        // A table without a position is written right after the table visited before it,
        // which is the last declared desk: the new desk joins the others.
        desks.insert(&new.id, Item::Table(desk));
    } else if let Some(desks) = desks.as_inline_table_mut() {
        // `desks = { ai = { name = "AI" } }`: keep that style rather than mixing in a header.
        let mut desk = InlineTable::new();
        desk.insert("name", name.into());
        if let Some(description) = description {
            desk.insert("description", description.into());
        }
        desks.insert(&new.id, desk.into());
    } else {
        return Err(ScaffoldError::ConfigEdit {
            path: path.to_path_buf(),
            reason: "`desks` is not a table".into(),
        });
    }
    let mut edited = doc.to_string();
    if bom {
        edited.insert(0, '\u{feff}');
    }
    // The edit must read back as a valid configuration that declares this desk; anything
    // else would be a bug here, and is refused rather than written.
    match Config::parse(path, &edited) {
        Ok(after) if after.desk(&new.id).is_some_and(|d| d.name == name) => Ok(edited),
        Ok(_) => Err(ScaffoldError::ConfigEdit {
            path: path.to_path_buf(),
            reason: "the edited file does not declare the desk".into(),
        }),
        Err(error) => Err(ScaffoldError::ConfigEdit {
            path: path.to_path_buf(),
            reason: error.to_string(),
        }),
    }
}

/// Adds the desk to `<root>/copydesk.toml` in place and returns the path of the file.
///
/// The file is replaced atomically (readers see the old or the new file, never half of one),
/// keeps its permissions, and is only replaced if nobody saved it meanwhile.
///
/// # Errors
/// The errors of [`render_new_desk`]; [`ScaffoldError::Io`] when the file cannot be read or
/// written; [`ScaffoldError::ChangedOnDisk`] when it was saved by someone else meanwhile.
pub fn add_desk(root: &Path, new: &NewDesk) -> Result<PathBuf, ScaffoldError> {
    let path = root.join(CONFIG_FILE);
    let text = crate::fs::read_text(&path, crate::config::DEFAULT_MAX_FILE_BYTES)?;
    let edited = render_new_desk(&path, &text, new)?;
    crate::fs::replace_if_unchanged(root, &path, text.as_bytes(), &edited)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "# Settings.\n\n[site]\ntitle = 'Tech'   # the name\n\n# Desks below.\n[desks.news]\nname = \"News\"  # display name\n\n# Reading.\n[read_time]\nwords_per_minute = 180\n";

    fn add(text: &str, id: &str, name: &str) -> Result<String, ScaffoldError> {
        render_new_desk(Path::new("copydesk.toml"), text, &NewDesk::new(id, name))
    }

    #[test]
    fn adds_after_the_last_desk_and_keeps_everything_else() {
        let edited = add(CONFIG, "ai", "AI & \"Robots\"").expect("added");
        assert_eq!(
            edited,
            "# Settings.\n\n[site]\ntitle = 'Tech'   # the name\n\n# Desks below.\n[desks.news]\nname = \"News\"  # display name\n\n[desks.ai]\nname = 'AI & \"Robots\"'\n\n# Reading.\n[read_time]\nwords_per_minute = 180\n"
        );
        let config = Config::parse(Path::new("copydesk.toml"), &edited).expect("valid");
        assert_eq!(config.desks["ai"].name, "AI & \"Robots\"");
        assert_eq!(config.read_time.words_per_minute, 180);
    }

    #[test]
    fn adds_to_a_config_without_desks_and_to_inline_tables() {
        let edited = add("[site]\ntitle = \"T\"\n", "ai", "AI").expect("added");
        assert_eq!(
            edited,
            "[site]\ntitle = \"T\"\n\n[desks.ai]\nname = \"AI\"\n"
        );
        let edited = add("desks = { news = { name = \"News\" } }\n", "ai", "AI").expect("added");
        let config = Config::parse(Path::new("copydesk.toml"), &edited).expect("valid");
        assert_eq!(config.desks.len(), 2);
        assert!(edited.starts_with("desks = {"), "{edited}");
    }

    #[test]
    fn refuses_existing_and_invalid_ids_and_broken_files() {
        assert!(matches!(
            add(CONFIG, "news", "Other"),
            Err(ScaffoldError::DeskExists { id, name }) if id == "news" && name == "News"
        ));
        for bad in ["AI", "a_i", "", "-ai", "ai--ml", "a.b"] {
            assert!(
                matches!(add(CONFIG, bad, "X"), Err(ScaffoldError::InvalidId { .. })),
                "{bad}"
            );
        }
        assert!(matches!(
            add(CONFIG, "ai", " "),
            Err(ScaffoldError::Missing { .. })
        ));
        assert!(matches!(
            add("[site\n", "ai", "AI"),
            Err(ScaffoldError::Config(_))
        ));
    }

    #[test]
    fn writes_the_file_in_place() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, CONFIG).expect("write");
        let written = add_desk(dir.path(), &NewDesk::new("ai", "AI")).expect("added");
        assert_eq!(written, path);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.starts_with(CONFIG.split("\n# Reading.").next().expect("head")));
        assert!(text.contains("[desks.ai]\nname = \"AI\"\n"), "{text}");
        let leftovers = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
