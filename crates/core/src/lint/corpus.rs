//! Corpus-wide rules: they run after every article is parsed, on the compact
//! [`ArticleFacts`] each article left behind, never on kept Markdown trees.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use rayon::prelude::*;

use super::context::LintEnv;
use super::engine::{ArticleFacts, apply_settings};
use super::registry;
use super::rule::{RuleMeta, RuleOptions};
use crate::diagnostic::{Diagnostic, LineColumn, Related, RuleCode, Span};
use crate::suggest::NearestIndex;

/// What a corpus rule sees: every article's facts, indexed by slug, and a diagnostic sink.
pub struct CorpusContext<'a> {
    /// Facts of every article, in path order.
    pub(crate) facts: &'a [ArticleFacts],
    /// Articles by slug (several when a slug is duplicated), in path order.
    pub(crate) by_slug: BTreeMap<&'a str, Vec<&'a ArticleFacts>>,
    /// Newsroom facts.
    pub(crate) env: LintEnv<'a>,
    /// What the rules found; they run in parallel, each pushing in its own order.
    diagnostics: Mutex<Vec<Diagnostic>>,
    /// Every slug, indexed for "did you mean" once a rule first needs it.
    slug_suggestions: OnceLock<NearestIndex<'a>>,
    /// The files whose findings are wanted (an editor's open buffers), or `None` for all.
    focus: Option<&'a [Arc<Path>]>,
}

#[allow(
    clippy::unused_self,
    reason = "`diagnostic` takes `self` to match `LintContext`"
)]
impl<'a> CorpusContext<'a> {
    fn new(facts: &'a [ArticleFacts], env: LintEnv<'a>, focus: Option<&'a [Arc<Path>]>) -> Self {
        let mut by_slug: BTreeMap<&str, Vec<&ArticleFacts>> = BTreeMap::new();
        for article in facts {
            by_slug
                .entry(article.slug.as_str())
                .or_default()
                .push(article);
        }
        CorpusContext {
            facts,
            by_slug,
            env,
            diagnostics: Mutex::new(Vec::new()),
            slug_suggestions: OnceLock::new(),
            focus,
        }
    }

    /// Whether findings of every article are wanted (not only of some open files).
    pub(crate) fn reports_every_article(&self) -> bool {
        self.focus.is_none()
    }

    /// Whether findings on `article` are wanted.
    pub(crate) fn reports_on(&self, article: &ArticleFacts) -> bool {
        self.wants(&article.path)
    }

    fn wants(&self, path: &Path) -> bool {
        self.focus
            .is_none_or(|focus| focus.iter().any(|wanted| **wanted == *path))
    }

    /// The articles whose findings are wanted, in path order: a rule that reports on the
    /// article it looks at walks these instead of every article.
    pub(crate) fn reported(&self) -> impl Iterator<Item = &'a ArticleFacts> + '_ {
        self.facts.iter().filter(|article| self.reports_on(article))
    }

    /// The existing slug nearest to a missing `slug`, other than `except`.
    pub(crate) fn nearest_slug(&self, slug: &str, except: Option<&str>) -> Option<&'a str> {
        self.slug_suggestions
            .get_or_init(|| NearestIndex::new(self.by_slug.keys().copied()))
            .nearest(slug, |candidate| Some(candidate) == except)
    }

    /// Starts a diagnostic for `rule` at `span` of `article`'s file.
    // A method, like `LintContext::diagnostic`, so rules of both scopes read alike.
    #[allow(clippy::unused_self)]
    pub(crate) fn diagnostic(
        &self,
        rule: &RuleMeta,
        article: &ArticleFacts,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(rule, article.path.clone(), span, message)
    }

    /// The rule's typed options (`T` names the rule): the configured ones or the defaults,
    /// parsed once when the settings were resolved.
    pub(crate) fn options<T: RuleOptions>(&self) -> &'a T {
        self.env.config.lint.options::<T>()
    }

    /// Records a finished diagnostic (dropped when its file's findings are not wanted).
    pub(crate) fn push(&self, diagnostic: Diagnostic) {
        if self.wants(&diagnostic.path) {
            self.diagnostics
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(diagnostic);
        }
    }

    /// A related location in `article` at `position` (facts keep positions, not file texts).
    pub(crate) fn related(
        article: &ArticleFacts,
        position: LineColumn,
        message: impl Into<String>,
    ) -> Related {
        Related {
            path: article.path.clone(),
            position,
            message: message.into(),
        }
    }
}

/// Runs every enabled corpus rule over `facts` and applies configuration and each article's
/// suppressions, then reports the suppressions that stayed unused (`MD000`).
pub fn lint_corpus(facts: &[ArticleFacts], env: LintEnv<'_>) -> Vec<Diagnostic> {
    run_corpus(facts, env, None)
}

/// [`lint_corpus`]'s findings on the files at `paths` only (an editor's open buffers): the
/// same findings for those files, without working out the others'.
pub(crate) fn lint_corpus_for(
    facts: &[ArticleFacts],
    env: LintEnv<'_>,
    paths: &[Arc<Path>],
) -> Vec<Diagnostic> {
    run_corpus(facts, env, Some(paths))
}

fn run_corpus(
    facts: &[ArticleFacts],
    env: LintEnv<'_>,
    focus: Option<&[Arc<Path>]>,
) -> Vec<Diagnostic> {
    let ctx = CorpusContext::new(facts, env, focus);
    let checks: Vec<_> = registry::corpus_checks()
        .filter(|(rule, _)| env.config.lint.is_enabled(rule))
        .collect();
    // The rules are independent: on two cores the slowest (ED008) runs beside the others.
    checks.par_iter().for_each(|(_, check)| check(&ctx));
    let mut found = std::mem::take(
        &mut *ctx
            .diagnostics
            .lock()
            .unwrap_or_else(PoisonError::into_inner),
    );
    // In registry order, each rule's findings in the order it pushed them: what running the
    // rules one after another gives.
    let order: BTreeMap<RuleCode, usize> = checks
        .iter()
        .enumerate()
        .map(|(at, (rule, _))| (rule.code, at))
        .collect();
    found.sort_by_key(|diagnostic| order.get(&diagnostic.code).copied().unwrap_or(usize::MAX));
    let mut grouped: BTreeMap<Arc<Path>, Vec<Diagnostic>> = BTreeMap::new();
    for diagnostic in found {
        grouped
            .entry(diagnostic.path.clone())
            .or_default()
            .push(diagnostic);
    }
    let mut out = Vec::new();
    for article in ctx.reported() {
        let list = grouped.remove(&article.path).unwrap_or_default();
        let mut suppressions = article.suppressions.clone();
        out.extend(suppressions.apply(apply_settings(list, env)));
        let unused = suppressions.unused(&article.path, env);
        out.extend(apply_settings(unused, env));
    }
    // Diagnostics about files that have no facts (none today) keep configuration only.
    for list in grouped.into_values() {
        out.extend(apply_settings(list, env));
    }
    out
}
