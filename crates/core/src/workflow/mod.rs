//! The editorial workflow: the commands that move an article through its life (`publish`,
//! `due`, `update`, `correct`, `retract`, `add-source`, `rename`) and the editor's `list`.
//!
//! Every command is a function from a loaded [`Newsroom`](crate::Newsroom) to a [`Plan`]: the
//! new text of each file it would change, computed by format-preserving edits of the front
//! matter only (see `edit`), the body kept byte for byte. Nothing is written until the
//! caller applies the plan, which writes every file with
//! [`replace_if_unchanged`](crate::fs::replace_if_unchanged) (refusing a file saved meanwhile)
//! and takes back what it wrote when a later file fails, so a plan changes all its files or
//! none. A front end shows [`Plan::unified_diff`] for `--dry-run`.
//!
//! Linting lives in `lint`; this module only asks it for the findings that gate `publish`
//! and for the counts `list` shows.
//!
//! ```
//! use copydesk::chrono::Utc;
//! use copydesk::workflow::{self, UpdateOptions};
//! use copydesk::{Newsroom, UpdateKind};
//!
//! let dir = tempfile::tempdir()?;
//! let now = Utc::now().fixed_offset();
//! copydesk::scaffold::init(dir.path(), now)?;
//! let newsroom = Newsroom::load(dir.path())?;
//!
//! let note = UpdateOptions::new("Added the vote count.", UpdateKind::Update, now);
//! let plan = workflow::update(&newsroom, "how-this-newsroom-keeps-its-stories", &note)?;
//! assert!(plan.unified_diff(dir.path()).contains("Added the vote count."));
//! plan.apply(dir.path())?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod commands;
mod edit;
mod error;
mod links;
mod list;
mod plan;

pub use commands::{
    AddedSource, NewSource, PublishOptions, UpdateOptions, add_source, due, due_apply, publish,
    rename, resolve, retract, update,
};
// Its methods take `toml_edit` values; the commands below are the API.
#[doc(hidden)]
pub use edit::FrontMatterEdit;
pub use error::WorkflowError;
pub use list::{ListFilter, ListFormat, ListRow, list, list_indexed, render_list};
pub use plan::{FileChange, Plan};
