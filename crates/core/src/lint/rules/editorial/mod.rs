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

pub(crate) use dek_repeats_lede::{DekRepeatsLede, check_dek_repeats_lede};
pub(crate) use duplicate_paragraph::{DuplicateParagraph, check_duplicate_paragraph};
pub(crate) use filler_phrase::{FillerPhrase, FillerPhraseOptions, check_filler_phrase};
pub(crate) use mixed_quotes::{MixedQuotes, MixedQuotesOptions, check_mixed_quotes};
pub(crate) use near_duplicate_article::{
    NearDuplicateArticle, NearDuplicateArticleOptions, Signature, check_near_duplicate_article,
    near_duplicate_facts, title_key,
};
pub(crate) use near_duplicate_paragraph::{
    NearDuplicateParagraph, NearDuplicateParagraphOptions, check_near_duplicate_paragraph,
};
pub(crate) use placeholder_text::{
    MARKER as PLACEHOLDER_MARKER, PlaceholderText, check_placeholder_text, is_placeholder,
};
pub(crate) use stale_forecast::{StaleForecast, check_stale_forecast};
pub(crate) use unattributed_claim::{UnattributedClaim, check_unattributed_claim};
