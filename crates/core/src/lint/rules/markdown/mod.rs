//! MD: Markdown body rules (structure, images, links, raw HTML). MD000 is reported by the
//! suppression pass of the engine.

mod body_h1;
mod duplicate_heading;
mod empty_section;
mod heading;
mod heading_skip;
mod image_missing_alt;
mod invalid_suppression;
mod raw_html;
mod vague_link_text;

pub(crate) use body_h1::BodyH1;
pub(crate) use duplicate_heading::DuplicateHeading;
pub(crate) use empty_section::EmptySection;
pub(crate) use heading_skip::HeadingSkip;
pub(crate) use image_missing_alt::ImageMissingAlt;
pub(crate) use invalid_suppression::InvalidSuppression;
pub(crate) use raw_html::RawHtml;
pub(crate) use vague_link_text::VagueLinkText;
