//! What a per-article rule sees: the article, its Markdown tree, the newsroom's known ids and
//! the settings, plus a sink for diagnostics.

use std::any::Any;
use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::{DateTime, FixedOffset};
use comrak::nodes::{AstNode, Sourcepos};

use super::rule::{RuleMeta, RuleOptions};
use super::rules::entries::Entries;
use super::rules::prose::{self, ProseBlock};
use crate::article::Article;
use crate::author::Author;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, LineColumn, LineIndex, Related, Span};
use crate::markdown::BodyPositions;

/// The newsroom-wide facts a per-article rule may consult.
#[derive(Debug, Clone, Copy)]
pub struct LintEnv<'a> {
    /// The configuration (desks, options, read-time rates).
    pub config: &'a Config,
    /// Authors by id.
    pub authors: &'a BTreeMap<String, Author>,
    /// The time the timeline rules compare against.
    pub now: DateTime<FixedOffset>,
}

/// Everything a per-article rule needs, and where it reports.
pub struct LintContext<'a> {
    /// The article under check.
    pub(crate) article: &'a Article,
    /// The body's Markdown tree.
    pub(crate) root: &'a AstNode<'a>,
    /// Maps tree positions to file spans.
    pub(crate) positions: BodyPositions,
    /// Newsroom facts.
    pub(crate) env: LintEnv<'a>,
    /// The body's prose blocks, read once and shared by the rules.
    prose_blocks: OnceCell<Vec<ProseBlock<'a>>>,
    // Built on first use and shared, so no rule rebuilds them per finding or per entry (a
    // file with many findings, or thousands of `[[sources]]`, would turn quadratic).
    line_index: OnceCell<LineIndex>,
    sources: OnceCell<Entries>,
    updates: OnceCell<Entries>,
    diagnostics: RefCell<Vec<Diagnostic>>,
    /// Readings of the article several rules report from, made once (by type; see
    /// [`Self::shared`]).
    shared: RefCell<Vec<Rc<dyn Any>>>,
}

impl<'a> LintContext<'a> {
    pub(crate) fn new(article: &'a Article, root: &'a AstNode<'a>, env: LintEnv<'a>) -> Self {
        LintContext {
            article,
            root,
            positions: BodyPositions::new(article.body(), article.layout.body.start),
            env,
            prose_blocks: OnceCell::new(),
            line_index: OnceCell::new(),
            sources: OnceCell::new(),
            updates: OnceCell::new(),
            diagnostics: RefCell::new(Vec::new()),
            shared: RefCell::new(Vec::new()),
        }
    }

    /// The article's value of type `T`, made by `init` for the first rule that asks and shared
    /// with the rules after it (the house-style findings ST001–ST003 each report a part of).
    pub(crate) fn shared<T: Any>(&self, init: impl FnOnce() -> T) -> Rc<T> {
        let found = self
            .shared
            .borrow()
            .iter()
            .find_map(|value| Rc::clone(value).downcast::<T>().ok());
        if let Some(found) = found {
            return found;
        }
        let value = Rc::new(init());
        self.shared
            .borrow_mut()
            .push(Rc::clone(&value) as Rc<dyn Any>);
        value
    }

    /// The body's prose blocks (paragraphs, in lists and quotes too; headings; table cells),
    /// in document order.
    pub(crate) fn prose_blocks(&self) -> &[ProseBlock<'a>] {
        self.prose_blocks.get_or_init(|| prose::read_blocks(self))
    }

    /// The article's `[[sources]]` entries, indexed once.
    pub(crate) fn sources(&self) -> &Entries {
        self.sources
            .get_or_init(|| Entries::new(self.article, "sources"))
    }

    /// The article's `[[updates]]` entries, indexed once.
    pub(crate) fn updates(&self) -> &Entries {
        self.updates
            .get_or_init(|| Entries::new(self.article, "updates"))
    }

    /// Line and column of `offset` in the article's file, from one index per article.
    pub(crate) fn position(&self, offset: usize) -> LineColumn {
        let index = self
            .line_index
            .get_or_init(|| LineIndex::new(&self.article.source));
        index.position(&self.article.source, offset)
    }

    /// A note at `offset` of the article's file, for a diagnostic's related places.
    pub(crate) fn note(&self, offset: usize, message: impl Into<String>) -> Related {
        Related {
            path: self.article.path.clone(),
            position: self.position(offset),
            message: message.into(),
        }
    }

    /// Starts a diagnostic for `rule` at `span` of the article's file.
    pub(crate) fn diagnostic(
        &self,
        rule: &RuleMeta,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(rule, self.article.path.clone(), span, message)
    }

    /// Records a finished diagnostic.
    pub(crate) fn push(&self, diagnostic: Diagnostic) {
        self.diagnostics.borrow_mut().push(diagnostic);
    }

    /// Reports `message` for `rule` at `span`.
    pub(crate) fn report(&self, rule: &RuleMeta, span: Span, message: impl Into<String>) {
        self.push(self.diagnostic(rule, span, message));
    }

    /// The file span of a tree node's source position.
    pub(crate) fn span_of(&self, pos: Sourcepos) -> Span {
        self.positions.span(pos)
    }

    /// The rule's typed options (`T` names the rule): the configured ones or the defaults,
    /// parsed once when the settings were resolved.
    pub(crate) fn options<T: RuleOptions>(&self) -> &'a T {
        self.env.config.lint.options::<T>()
    }

    pub(crate) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics.into_inner()
    }
}
