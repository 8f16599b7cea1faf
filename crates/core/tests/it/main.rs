//! The core crate's integration tests, in one binary.

#[path = "../common/mod.rs"]
mod common;

mod accuracy;
mod as_published;
mod body_rules;
mod config_docs;
mod edit_during_fix;
mod examples;
mod export;
mod export_hostile;
mod fixes;
mod fuzz_regressions;
mod layering;
mod linter;
mod live;
mod loader;
mod parse;
mod properties;
mod public_api;
mod rules;
mod rules_doc;
mod schemas;
mod spelling_accuracy;
mod workflow;
