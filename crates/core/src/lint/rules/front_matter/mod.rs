//! FM: front matter rules. FM000, FM002 and FM003 are reported by the parser.

mod empty_body;
mod invalid_front_matter;
mod invalid_slug;
mod invalid_value;
mod missing_dek;
mod missing_field;
mod slug_filename_mismatch;
mod title_length;
mod unknown_field;

pub(crate) use empty_body::EmptyBody;
pub(crate) use invalid_front_matter::InvalidFrontMatter;
pub(crate) use invalid_slug::InvalidSlug;
pub(crate) use invalid_value::InvalidValue;
pub(crate) use missing_dek::MissingDek;
pub(crate) use missing_field::{MissingField, missing_published};
pub(crate) use slug_filename_mismatch::SlugFilenameMismatch;
pub(crate) use title_length::TitleLength;
pub(crate) use unknown_field::UnknownField;
