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

pub(crate) use body_h1::{BodyH1, check_body_h1};
pub(crate) use duplicate_heading::{DuplicateHeading, check_duplicate_heading};
pub(crate) use empty_section::{EmptySection, check_empty_section};
pub(crate) use heading_skip::{HeadingSkip, check_heading_skip};
pub(crate) use image_missing_alt::{ImageMissingAlt, check_image_missing_alt};
pub(crate) use invalid_suppression::InvalidSuppression;
pub(crate) use raw_html::{RawHtml, check_raw_html};
pub(crate) use vague_link_text::{VagueLinkText, VagueLinkTextOptions, check_vague_link_text};
