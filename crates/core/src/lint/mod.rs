//! The lint engine: rule metadata, the code table, settings, and running rules on articles.
//!
//! Rules live one per file under `rules/`; this module runs them and applies configuration
//! (selection, severity overrides) and suppressions (`suppression.rs`: comments in the body and
//! the front matter's `[lint] ignore`), centrally and after the rules ran. [`Linter`] is the one
//! way to run them over files (`linter.rs`), read from disk or an [`Overlay`] (`source.rs`),
//! with the lint index where `incremental.rs` says so. [`fix`] applies the safe fixes rules
//! offer. The report is [`crate::diagnostic::LintReport`]; printing it is `diagnostic::render`.
//!
//! ```
//! use copydesk::chrono::Utc;
//! use copydesk::lint::{LintRequest, Overlay};
//! use copydesk::Linter;
//!
//! let dir = tempfile::tempdir()?;
//! let now = Utc::now().fixed_offset();
//! copydesk::scaffold::init(dir.path(), now)?;
//! let linter = Linter::load(dir.path(), now)?;
//!
//! // The starter newsroom is clean.
//! let run = linter.lint(&LintRequest::newsroom())?;
//! assert!(run.report.diagnostics.is_empty());
//!
//! // An unsaved buffer stands in for a file: its slug duplicates the sample's.
//! let mut overlay = Overlay::new();
//! overlay.insert(
//!     linter.root().join("articles/copy.md"),
//!     "+++\ntitle = \"A copy\"\nslug = \"how-this-newsroom-keeps-its-stories\"\n+++\n\nText.\n",
//! );
//! let run = linter.lint(&LintRequest::newsroom().overlay(&overlay))?;
//! assert!(run.report.diagnostics.iter().any(|d| d.code.as_str() == "RF003"));
//!
//! // Every rule, with its code, name and documentation.
//! let rule = copydesk::lint::find("duplicate-slug").expect("a rule");
//! assert_eq!(rule.code.as_str(), "RF003");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod baseline;
mod context;
mod corpus;
mod engine;
mod explain;
pub mod fix;
mod incremental;
// The index's types are reached through `IndexOptions` and `LintRun`; its internals are shared
// with the command line only.
#[doc(hidden)]
pub mod index;
mod linter;
mod live;
mod overrides;
mod registry;
mod rule;
pub(crate) mod rules;
mod settings;
pub(crate) mod source;
mod suppression;

pub(crate) use baseline::BaselineFile;
pub use baseline::{BASELINE_VERSION, Baseline, BaselineEntry, BaselineError, BaselineOutcome};
// One article through the rules, without a `Linter`: what the language server, the benchmarks
// and the fuzz targets call. Not part of the API: use `Linter::lint_buffer`.
#[doc(hidden)]
pub use context::{LintContext, LintEnv};
#[doc(hidden)]
pub use corpus::{CorpusContext, lint_corpus};
#[doc(hidden)]
pub use engine::{ArticleFacts, LintOutcome, apply_config, lint_article};
pub use explain::{EffectiveSettings, RuleSetting};
pub use incremental::IndexOptions;
#[doc(hidden)]
pub use index::{FindingCounts, IndexDirRefused, IndexKey, IndexMiss, LintIndex, check_index_dir};
pub use linter::{FileFix, Files, LintRequest, LintRun, Linter, Progress, Report};
#[cfg(test)]
pub(crate) use linter::{IndexedPass, lint_files_indexed};
pub use live::{ArticleSummary, Changed, FileKind, Keep, LiveNewsroom, LoadStats};
pub use registry::{RULES, find};
#[doc(hidden)]
pub use registry::{nearest_rule, unknown_rule_hint};
pub use rule::{FixAvailability, RuleMeta, RuleStatus, Scope};
#[doc(hidden)]
pub use settings::{
    LintSettings, is_known_selector, nearest_selector, selector_matches, unknown_selector_hint,
    unknown_selector_message,
};
pub use source::Overlay;
