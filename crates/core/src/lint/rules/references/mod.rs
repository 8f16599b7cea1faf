//! RF: references between an article and its authors, desk, sources and other articles.

mod alias_conflicts;
mod broken_article_link;
mod duplicate_slug;
mod duplicate_source;
mod links;
mod uncited_source;
mod unknown_author;
mod unknown_desk;
mod unknown_related;
mod unknown_source;
mod unpublished_reference;

pub(crate) use broken_article_link::BrokenArticleLink;
pub(crate) use duplicate_slug::DuplicateSlug;
pub(crate) use duplicate_source::DuplicateSource;
#[cfg(test)]
pub(crate) use links::CrossReferences;
pub(crate) use uncited_source::UncitedSource;
pub(crate) use unknown_author::{UnknownAuthor, unknown_authors};
pub(crate) use unknown_desk::{UnknownDesk, unknown_desk};
pub(crate) use unknown_related::UnknownRelated;
pub(crate) use unknown_source::UnknownSource;
pub(crate) use unpublished_reference::UnpublishedReference;
