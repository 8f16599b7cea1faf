//! ED: editorial rules (repetition, sourcing, stale forecasts, quote style, filler,
//! placeholder text).

mod dek_repeats_lede;
mod duplicate_paragraph;
mod filler_phrase;
mod mixed_quotes;
mod near_duplicate_article;
mod near_duplicate_paragraph;
mod placeholder_text;
mod stale_forecast;
mod unattributed_claim;

pub(crate) use dek_repeats_lede::DekRepeatsLede;
pub(crate) use duplicate_paragraph::DuplicateParagraph;
pub(crate) use filler_phrase::FillerPhrase;
pub(crate) use mixed_quotes::MixedQuotes;
pub(crate) use near_duplicate_article::NearDuplicateArticle;
#[cfg(test)]
pub(crate) use near_duplicate_article::NearDuplicateFacts;
pub(crate) use near_duplicate_paragraph::NearDuplicateParagraph;
pub(crate) use placeholder_text::{MARKER as PLACEHOLDER_MARKER, PlaceholderText, is_placeholder};
pub(crate) use stale_forecast::StaleForecast;
pub(crate) use unattributed_claim::UnattributedClaim;
