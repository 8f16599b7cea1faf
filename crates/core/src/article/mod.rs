//! Articles: splitting the file, the raw front matter, the validated model and parsing.

mod model;
mod parse;
mod raw;
mod split;

pub use model::{Article, Image, Layout, Retraction, Source, Status, Update, UpdateKind};
pub use parse::ParsedArticle;
pub use raw::{RawArticleLint, RawFrontMatter, RawImage, RawRetraction, RawSource, RawUpdate};
pub(crate) use split::split as split_layout;
