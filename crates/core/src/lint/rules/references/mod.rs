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

pub(crate) use alias_conflicts::check_alias_conflicts;
pub(crate) use broken_article_link::{BrokenArticleLink, check_broken_article_link};
pub(crate) use duplicate_slug::{DuplicateSlug, check_duplicate_slug};
pub(crate) use duplicate_source::{DuplicateSource, check_duplicate_source};
pub(crate) use links::cross_references;
pub(crate) use uncited_source::{UncitedSource, check_uncited_source};
pub(crate) use unknown_author::{UnknownAuthor, check_unknown_author, unknown_authors};
pub(crate) use unknown_desk::{UnknownDesk, check_unknown_desk, unknown_desk};
pub(crate) use unknown_related::{UnknownRelated, check_unknown_related};
pub(crate) use unknown_source::{UnknownSource, check_unknown_source};
pub(crate) use unpublished_reference::{UnpublishedReference, check_unpublished_reference};
