//! Scaffolding: the files `copydesk init`, `copydesk new-article` and `copydesk new-author`
//! write, and the desk `copydesk new-desk` adds to `copydesk.toml`, as library functions an
//! editor plugin or a web form can reuse.
//!
//! Rendering is pure (text in, text out); [`write_new_file`] is the one place that creates
//! files, with create-new semantics so no scaffold ever overwrites a writer's work, and
//! [`add_desk`] the one that edits an existing file (in place, comments kept). Path patterns
//! are checked here and read by [`crate::config`]; the linter that judges the result is in
//! [`crate::lint`].
//!
//! ```
//! use copydesk::chrono::Utc;
//! use copydesk::scaffold::{NewArticle, NewsroomIndex, init, plan_new_article};
//!
//! let dir = tempfile::tempdir()?;
//! let now = Utc::now().fixed_offset();
//! let written = init(dir.path(), now)?;
//! assert!(written.iter().any(|path| path.ends_with("copydesk.toml")));
//!
//! let index = NewsroomIndex::load(dir.path())?;
//! let mut new = NewArticle::new("Budget vote delayed", now);
//! new.authors = vec!["alex-rivera".into()];
//! new.desk = "news".into();
//! let planned = plan_new_article(&index, &new)?;
//! assert!(planned.contents.contains("title = \"Budget vote delayed\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod article;
mod author;
mod desk;
mod error;
mod index;
mod init;
mod pattern;
mod write;

pub use article::{
    NewArticle, PlannedFile, article_slug, check_new_article, new_article_path, plan_new_article,
    render_new_article,
};
pub use author::{NewAuthor, new_author_path, plan_new_author, render_new_author};
pub use desk::{NewDesk, add_desk, render_new_desk};
pub use error::ScaffoldError;
pub use index::NewsroomIndex;
pub use init::{InitFile, init, render_init};
// Shared with `config` (path patterns), the lint rules' hints and the command line; not part
// of the API.
#[doc(hidden)]
pub use article::{DEFAULT_BODY, MAX_SLUG_CHARS, TEMPLATE_PLACEHOLDERS, load_template};
#[doc(hidden)]
pub use author::new_author_command;
#[doc(hidden)]
pub use desk::new_desk_command;
#[doc(hidden)]
pub use pattern::{
    PATH_PLACEHOLDERS, check_pattern, check_pattern_in, default_pattern_for, expand_pattern,
};
pub use write::write_new_file;
