//! Articles: splitting the file, the raw front matter, the validated model and parsing.
//!
//! [`Article::parse`] turns the text of an article file into the validated [`Article`] and
//! the problems found on the way, as [`Diagnostic`](crate::Diagnostic)s; it never fails and
//! never panics. A `None` article means the front matter could not be read at all.
//!
//! ```
//! use copydesk::{Article, Status};
//!
//! let text = "+++\n\
//!     title = \"Council approves the budget\"\n\
//!     slug = \"council-budget\"\n\
//!     status = \"draft\"\n\
//!     +++\n\
//!     \n\
//!     The council voted on Tuesday.\n";
//! let parsed = Article::parse("articles/council-budget.md", text);
//! let article = parsed.article.expect("the front matter reads");
//! assert_eq!(article.slug, "council-budget");
//! assert_eq!(article.status, Status::Draft);
//! assert_eq!(article.body().trim(), "The council voted on Tuesday.");
//!
//! // A misspelt key is a diagnostic, not an error.
//! let parsed = Article::parse("a.md", "+++\ntitel = \"Oops\"\n+++\n");
//! assert!(parsed.diagnostics.iter().any(|d| d.code.as_str() == "FM002"));
//! ```

mod fault;
mod model;
mod parse;
mod raw;
mod split;

pub(crate) use fault::ParseFault;
pub use model::{Article, Image, Layout, Retraction, Source, Status, Update, UpdateKind};
pub use parse::ParsedArticle;
#[doc(hidden)]
pub use raw::{RawArticleLint, RawFrontMatter, RawImage, RawRetraction, RawSource, RawUpdate};
pub(crate) use split::split as split_layout;
