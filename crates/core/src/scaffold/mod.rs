//! Scaffolding: the files `copydesk init`, `copydesk new-article` and `copydesk new-author`
//! write, as library functions an editor plugin or a web form can reuse.
//!
//! Rendering is pure (text in, text out); [`write_new_file`] is the one place that touches the
//! disk, with create-new semantics so no scaffold ever overwrites a writer's work. Path patterns
//! are checked here and read by [`crate::config`]; the linter that judges the result is in
//! [`crate::lint`].

mod article;
mod author;
mod error;
mod index;
mod init;
mod pattern;
mod write;

pub use article::{
    DEFAULT_BODY, MAX_SLUG_CHARS, NewArticle, PlannedFile, article_slug, check_new_article,
    load_template, new_article_path, plan_new_article, render_new_article,
};
pub use author::{NewAuthor, new_author_path, plan_new_author, render_new_author};
pub use error::ScaffoldError;
pub use index::NewsroomIndex;
pub use init::{InitFile, init, render_init};
pub use pattern::{
    PATH_PLACEHOLDERS, check_pattern, check_pattern_in, default_pattern_for, expand_pattern,
};
pub use write::write_new_file;
