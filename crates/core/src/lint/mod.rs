//! The lint engine: rule metadata, the code table, settings, and running rules on articles.
//!
//! Rules live one per file under `rules/`; this module runs them and applies configuration
//! (selection, severity overrides) and suppressions (`suppression.rs`: comments in the body and
//! the front matter's `[lint] ignore`), centrally and after the rules ran. [`Linter`] is the one
//! way to run them over files (`linter.rs`), read from disk or an [`Overlay`] (`source.rs`),
//! with the lint index where `incremental.rs` says so. [`fix`] applies the safe fixes rules
//! offer. The report is [`crate::diagnostic::LintReport`]; printing it is `diagnostic::render`.

mod baseline;
mod context;
mod corpus;
mod engine;
mod explain;
pub mod fix;
mod incremental;
pub mod index;
mod linter;
mod overrides;
pub mod registry;
mod rule;
pub(crate) mod rules;
mod settings;
pub(crate) mod source;
mod suppression;

pub(crate) use baseline::BaselineFile;
pub use baseline::{BASELINE_VERSION, Baseline, BaselineEntry, BaselineError, BaselineOutcome};
pub use context::{LintContext, LintEnv};
pub use corpus::{CorpusContext, lint_corpus};
pub use engine::{ArticleFacts, LintOutcome, apply_config, lint_article};
pub use explain::{EffectiveSettings, RuleSetting};
pub use incremental::IndexOptions;
pub use index::{FindingCounts, IndexDirRefused, IndexKey, IndexMiss, LintIndex, check_index_dir};
#[cfg(test)]
pub(crate) use linter::{CachedLint, lint_files_cached};
pub use linter::{FileFix, Files, LintRequest, LintRun, Linter, Progress, Report};
pub use registry::{RULES, find, nearest_rule};
pub use rule::{FixAvailability, RuleMeta, RuleStatus, Scope};
pub use settings::{
    LintSettings, is_known_selector, nearest_selector, selector_matches, unknown_selector_hint,
    unknown_selector_message,
};
pub use source::Overlay;
