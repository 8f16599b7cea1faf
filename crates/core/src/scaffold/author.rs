//! New authors: `authors/<id>.toml` with the name, beat and bio, other fields as hints.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::article::PlannedFile;
use super::error::ScaffoldError;
use crate::config::Config;

/// What is known about a new author.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewAuthor {
    /// Id: the file stem, lowercase kebab-case.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Beat shown under the byline.
    pub beat: Option<String>,
    /// Short biography.
    pub bio: Option<String>,
}

impl NewAuthor {
    /// A new author with `id` and `name`, no beat and no bio.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> NewAuthor {
        NewAuthor {
            id: id.into(),
            name: name.into(),
            beat: None,
            bio: None,
        }
    }
}

/// The command that creates author `id`, for messages about an unknown author:
/// `` `copydesk new-author maya-okafor --name "…"` `` (with `ID` when `id` could not be one).
pub fn new_author_command(id: &str) -> String {
    let id = if crate::id::is_kebab_case(id) {
        id
    } else {
        "ID"
    };
    format!("`copydesk new-author {id} --name \"…\"`")
}

fn check(new: &NewAuthor) -> Result<(), ScaffoldError> {
    if !crate::id::is_kebab_case(&new.id) {
        return Err(ScaffoldError::InvalidId {
            kind: "author",
            id: new.id.clone(),
        });
    }
    if new.name.trim().is_empty() {
        return Err(ScaffoldError::Missing {
            what: "the author's name",
        });
    }
    Ok(())
}

/// The path of the author file: `<paths.authors>/<id>.toml` under `root`.
///
/// # Errors
/// [`ScaffoldError::InvalidId`] unless `id` is lowercase kebab-case, which also keeps the path
/// inside the root.
pub fn new_author_path(config: &Config, root: &Path, id: &str) -> Result<PathBuf, ScaffoldError> {
    Ok(root.join(relative_path(config, id)?))
}

fn relative_path(config: &Config, id: &str) -> Result<PathBuf, ScaffoldError> {
    if !crate::id::is_kebab_case(id) {
        return Err(ScaffoldError::InvalidId {
            kind: "author",
            id: id.to_string(),
        });
    }
    Ok(config.paths.authors.join(format!("{id}.toml")))
}

/// The text of the author file, every value TOML-encoded, unset fields as commented hints.
///
/// # Errors
/// An invalid id or an empty name.
pub fn render_new_author(new: &NewAuthor) -> Result<String, ScaffoldError> {
    check(new)?;
    let id = &new.id;
    let value = |text: &str| toml::Value::from(text.trim()).to_string();
    let mut text = format!(
        "# The author `{id}`: put them on a byline with authors = [\"{id}\"].\nname = {}\n",
        value(&new.name)
    );
    match &new.beat {
        Some(beat) => {
            let _ = writeln!(text, "beat = {}", value(beat));
        }
        None => text.push_str("# beat = \"What they cover, shown under the byline\"\n"),
    }
    match &new.bio {
        Some(bio) => {
            let _ = writeln!(text, "bio = {}", value(bio));
        }
        None => text.push_str("# bio = \"One or two sentences about them, in Markdown\"\n"),
    }
    let _ = write!(
        text,
        "# avatar = \"images/authors/{id}.jpg\"\n\
         # url = \"https://example.com/authors/{id}\"\n\
         # email = \"{id}@example.com\"\n\
         # active = true\n\
         # [links]\n\
         # website = \"https://example.com\"\n"
    );
    Ok(text)
}

/// Everything `copydesk new-author` does short of writing: checks, path and text.
///
/// # Errors
/// The errors of [`render_new_author`].
pub fn plan_new_author(
    config: &Config,
    root: &Path,
    new: &NewAuthor,
) -> Result<PlannedFile, ScaffoldError> {
    let contents = render_new_author(new)?;
    let relative = relative_path(config, &new.id)?;
    Ok(PlannedFile {
        path: root.join(&relative),
        relative,
        contents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Author;

    #[test]
    fn rendered_author_parses_clean() {
        let mut new = NewAuthor::new("maya-okafor", "Maya \"M\" Okafor");
        new.bio = Some("Covers AI.\nAnd chips.".into());
        let text = render_new_author(&new).expect("renders");
        let parsed = Author::parse(Path::new("authors/maya-okafor.toml"), &text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        assert_eq!(parsed.author.expect("author").name, "Maya \"M\" Okafor");
    }

    #[test]
    fn ids_are_checked() {
        for bad in ["../x", "Maya", "", "a/b", ".."] {
            assert!(
                new_author_path(&Config::default(), Path::new("/r"), bad).is_err(),
                "{bad}"
            );
        }
        assert!(render_new_author(&NewAuthor::new("ok", " ")).is_err());
    }
}
