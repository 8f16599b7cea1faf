//! Runs the per-article rules on one article, gathers the facts the corpus rules declared,
//! and applies the configuration to what they find. Nothing here names a rule: checks,
//! facts and options come from the rule declarations in the registry.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::context::{LintContext, LintEnv};
use super::registry;
use super::rule::{AnyFacts, FactsSpec, RuleFacts};
use super::suppression::Suppressions;
use crate::article::{Article, Status};
use crate::diagnostic::{Diagnostic, LineColumn, Span};

/// The compact facts about an article that corpus-wide rules need, kept after its tree is dropped.
///
/// Every corpus rule gets the article's slug, status and where the slug is written; what a
/// rule needs beyond that it declares (`facts:` in its `declare_rule!`), and the per-article
/// pass gathers it for the enabled rules only. They are also what the lint index
/// ([`index`](super::index)) stores between runs, hence the serde derives; the path is not
/// stored (the index keys entries by relative path and sets it back when an entry is used).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ArticleFacts {
    /// The file.
    #[serde(skip, default = "no_path")]
    pub path: Arc<Path>,
    /// Its slug.
    pub slug: String,
    /// Its status.
    pub status: Status,
    /// Its desk, which `[[lint.overrides]] desks` match corpus findings by.
    pub(crate) desk: Option<String>,
    /// Span of the slug value (or of the title when the slug is derived).
    pub slug_span: Span,
    /// Line and column of `slug_span`, for notes in other files' diagnostics.
    pub slug_position: LineColumn,
    /// What the enabled corpus rules declared they need.
    pub(crate) rule_facts: FactSlots,
    // Suppressions. What the article's suppression comments and `[lint] ignore` cover, as
    // byte ranges with their codes, and which of them already silenced a per-article
    // diagnostic. `lint_corpus` applies them to corpus diagnostics of this file and only then
    // reports the ones that stayed unused (MD000), so a comment that silences a corpus rule
    // is not reported as unused by the per-article pass.
    pub(crate) suppressions: Suppressions,
}

impl ArticleFacts {
    /// The facts of type `T` a corpus rule declared; `None` when no enabled rule asked for
    /// them.
    pub(crate) fn get<T: RuleFacts>(&self) -> Option<&T> {
        self.rule_facts.get::<T>()
    }
}

/// The rule-declared facts of one article, one slot per facts type (by its index key).
#[derive(Clone, Default)]
pub(crate) struct FactSlots(Vec<(FactsSpec, AnyFacts)>);

impl FactSlots {
    /// Gathers the facts every enabled corpus rule declared, each type once.
    fn collect(ctx: &LintContext<'_>) -> FactSlots {
        let mut slots: Vec<(FactsSpec, AnyFacts)> = Vec::new();
        for rule in registry::DECLARED {
            let Some(spec) = rule.hooks.facts else {
                continue;
            };
            if ctx.env.config.lint.is_enabled(&rule.meta)
                && !slots.iter().any(|(s, _)| s.key == spec.key)
            {
                slots.push((spec, (spec.collect)(ctx)));
            }
        }
        FactSlots(slots)
    }

    fn get<T: RuleFacts>(&self) -> Option<&T> {
        self.0
            .iter()
            .find(|(spec, _)| spec.key == T::KEY)
            .and_then(|(_, facts)| facts.downcast_ref::<T>())
    }
}

impl std::fmt::Debug for FactSlots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(
                self.0
                    .iter()
                    .map(|(spec, facts)| (spec.key, (spec.debug)(facts))),
            )
            .finish()
    }
}

// Stored as (key, bytes) pairs, each value encoded by its own type: the index needs no list
// of the facts types, and a key no rule declares any more fails to read, which discards the
// index like any other change of format.
impl Serialize for FactSlots {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut encoded = Vec::with_capacity(self.0.len());
        for (spec, facts) in &self.0 {
            let bytes = (spec.encode)(facts)
                .ok_or_else(|| serde::ser::Error::custom("facts of the wrong type"))?;
            encoded.push((spec.key, bytes));
        }
        encoded.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for FactSlots {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let encoded = Vec::<(String, Vec<u8>)>::deserialize(deserializer)?;
        encoded
            .into_iter()
            .map(|(key, bytes)| {
                let spec = registry::facts_spec(&key)
                    .ok_or_else(|| serde::de::Error::custom("facts no rule declares"))?;
                let facts = (spec.decode)(&bytes)
                    .ok_or_else(|| serde::de::Error::custom("unreadable facts"))?;
                Ok((spec, facts))
            })
            .collect::<Result<_, _>>()
            .map(FactSlots)
    }
}

/// The placeholder path of facts read from the lint index until the index sets the real one.
fn no_path() -> Arc<Path> {
    Arc::from(Path::new(""))
}

/// What linting one article produced.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LintOutcome {
    /// Diagnostics after selection and severity overrides, unsorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Facts for the corpus rules.
    pub facts: ArticleFacts,
}

/// Lints one parsed article: parses its body once, runs every enabled per-article rule on the
/// tree, and applies configuration and the article's suppressions. `parse_diagnostics` are the
/// parser's findings for the file. Unused suppressions are reported by
/// [`lint_corpus`](super::lint_corpus), once corpus diagnostics had their chance to use them.
pub fn lint_article(
    article: &Article,
    parse_diagnostics: Vec<Diagnostic>,
    env: LintEnv<'_>,
) -> LintOutcome {
    let arena = comrak::Arena::new();
    let root = crate::markdown::parse(&arena, article.body());
    let ctx = LintContext::new(article, root, env);
    for (rule, check) in registry::article_checks() {
        if env.config.lint.is_enabled(rule) {
            check(&ctx, article);
        }
    }
    let rule_facts = FactSlots::collect(&ctx);
    let (mut suppressions, suppression_problems) =
        Suppressions::collect(article, root, &ctx.positions);
    let slug_span = article
        .spans
        .value("slug")
        .unwrap_or_else(|| article.value_span("title"));
    let slug_position = ctx.position(slug_span.start);
    let mut diagnostics = parse_diagnostics;
    diagnostics.extend(ctx.into_diagnostics());
    diagnostics.extend(suppression_problems);
    let diagnostics = suppressions.apply(apply_settings(diagnostics, env));
    LintOutcome {
        diagnostics,
        facts: ArticleFacts {
            path: article.path.clone(),
            slug: article.slug.clone(),
            status: article.status,
            desk: article.desk.clone(),
            slug_span,
            slug_position,
            rule_facts,
            suppressions,
        },
    }
}

/// Applies the newsroom's lint configuration to diagnostics of a file that has no article
/// (one whose front matter could not be read).
pub fn apply_config(diagnostics: Vec<Diagnostic>, env: LintEnv<'_>) -> Vec<Diagnostic> {
    apply_settings(diagnostics, env)
}

/// Drops diagnostics of disabled or ignored rules and applies severity overrides.
/// Suppressions are applied afterwards, by [`Suppressions::apply`].
pub(crate) fn apply_settings(diagnostics: Vec<Diagnostic>, env: LintEnv<'_>) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter_map(|mut diagnostic| {
            diagnostic.severity = env
                .config
                .lint
                .severity_of_code(diagnostic.code, diagnostic.severity)?;
            Some(diagnostic)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use super::*;
    use crate::config::Config;
    use crate::lint::rules::editorial::NearDuplicateFacts;
    use crate::lint::rules::references::CrossReferences;

    fn facts(config: &Config) -> ArticleFacts {
        let body = "word ".repeat(80);
        let text = format!(
            "+++\ntitle = \"Port strike ends\"\nrelated = [\"other\"]\naliases = [\"old\"]\n+++\n{body}\n"
        );
        let parsed = Article::parse(Path::new("a.md"), &text);
        let article = parsed.article.expect("parses");
        let authors = BTreeMap::new();
        let env = LintEnv {
            config,
            authors: &authors,
            now: chrono::DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").expect("time"),
        };
        lint_article(&article, Vec::new(), env).facts
    }

    #[test]
    fn facts_are_gathered_for_the_enabled_rules_that_declare_them() {
        let all = facts(&Config::default());
        let references = all.get::<CrossReferences>().expect("RF rules are on");
        assert_eq!(references.related[0].slug, "other");
        assert_eq!(references.aliases[0].slug, "old");
        assert!(all.get::<NearDuplicateFacts>().is_some());

        let mut config = Config::default();
        config.lint.extend_ignore(["RF".to_string()]);
        let fewer = facts(&config);
        assert!(fewer.get::<CrossReferences>().is_none());
        assert!(fewer.get::<NearDuplicateFacts>().is_some());
    }

    #[test]
    fn rule_facts_survive_the_index_encoding() {
        let before = facts(&Config::default());
        let bytes = postcard::to_stdvec(&before).expect("encodes");
        let after: ArticleFacts = postcard::from_bytes(&bytes).expect("decodes");
        assert_eq!(
            format!("{:?}", after.rule_facts),
            format!("{:?}", before.rule_facts)
        );
        assert!(format!("{:?}", after.rule_facts).contains("cross-references"));
    }
}
