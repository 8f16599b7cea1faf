//! The CLI's integration tests, in one binary: each module runs the real `copydesk`.

#[path = "../common/mod.rs"]
mod common;

mod bad_input;
mod baseline;
mod changed_since;
mod export;
mod export_skipped;
mod filesystem;
mod formats;
mod formats_reports;
mod hostile_inputs;
mod lint;
mod lint_basics;
mod lsp;
mod markdown_rules;
mod messages;
mod misuse;
mod new_desk;
mod overrides;
mod preview;
mod rule;
mod scaffold;
mod style;
mod terminal_escapes;
mod walkthrough;
mod workflow;
mod workflow_export;
