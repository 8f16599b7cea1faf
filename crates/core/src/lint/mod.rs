//! The lint engine: rule metadata, the code table, settings, and running rules on articles.
//!
//! Rules live one per file under `rules/`; this module runs them and applies configuration
//! (selection, severity overrides) and suppressions (`suppression.rs`: comments in the body and
//! the front matter's `[lint] ignore`), centrally and after the rules ran. [`fix`] applies the
//! safe fixes rules offer. Rendering of diagnostics is in `diagnostic::render`.

mod context;
mod corpus;
mod engine;
pub mod fix;
mod incremental;
pub mod index;
pub mod registry;
mod rule;
pub(crate) mod rules;
mod settings;
mod suppression;

pub use context::{LintContext, LintEnv};
pub use corpus::{CorpusContext, lint_corpus};
pub use engine::{ArticleFacts, LintOutcome, apply_config, lint_article};
pub use incremental::{
    IndexOptions, IndexedCounts, IndexedLint, count_with_index, lint_with_index,
};
pub use index::{FindingCounts, IndexDirRefused, IndexKey, IndexMiss, LintIndex, check_index_dir};
pub use registry::{RULES, find, nearest_rule};
pub use rule::{FixAvailability, RuleMeta, RuleStatus, Scope};
pub use settings::{
    LintSettings, is_known_selector, nearest_selector, selector_matches, unknown_selector_hint,
    unknown_selector_message,
};
