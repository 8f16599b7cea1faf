//! House style and spelling (SPEC section 8): the `[style]` and `[spelling]` settings, the
//! matcher they compile into once per run, the Hunspell dictionaries SP001 reads, and the
//! import of Vale styles.
//!
//! The rules themselves (ST001–ST003, SP001) live in `lint/rules/style/` and only report
//! what this module finds.

mod config;
mod matcher;
mod spelling;
mod starter;
mod text;
pub mod vale;

pub use config::ACCEPT_FILE;
pub use config::{
    RawPattern, RawSpelling, RawStyle, RawStyleBody, RawStyleFile, RawTerm, SpellingSettings,
    StylePattern, StyleSettings, StyleTerm, TermForms,
};
pub(crate) use matcher::{StyleFinding, StyleFindingKind};
pub(crate) use spelling::MAX_DICTIONARY_BYTES;
pub use spelling::NEWSROOM_DIR;
pub(crate) use spelling::{
    Speller, SpellerLookup, candidates, continues_a_name, is_in_foreign_phrase,
    is_near_a_suggestion, is_newsroom_jargon, preload, speller_for,
};
pub use starter::{STARTER_STYLE, STARTER_STYLE_PATH};
