//! `copydesk preview`'s pages: the newsroom's budget and each article as readers will see it,
//! with the copy desk's findings marked where they are.
//!
//! [`Preview::load`] reads and lints a newsroom once; its methods render pages as HTML
//! strings. The article page is built from the export model ([`crate::export::Model`]), so
//! it shows what `copydesk export` would publish, escaped and sanitised the same way. The HTTP
//! server, file watching and the browser live in the CLI.
//!
//! ```
//! use copydesk::chrono::Utc;
//! use copydesk::preview::{BudgetQuery, Preview};
//!
//! let dir = tempfile::tempdir()?;
//! let now = Utc::now().fixed_offset();
//! copydesk::scaffold::init(dir.path(), now)?;
//! let preview = Preview::load(dir.path(), now)?;
//! let page = preview.budget_page(&BudgetQuery::default());
//! assert!(page.contains("How This Newsroom Keeps Its Stories"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod findings;
mod marks;
mod page;

pub use findings::{Finding, Section};
pub use page::{ARTICLE_TEMPLATE, BudgetQuery, Preview, SCRIPT, STYLESHEET};
