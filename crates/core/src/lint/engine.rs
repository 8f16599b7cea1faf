//! Runs the per-article rules on one article and applies the configuration to what they find.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::context::{LintContext, LintEnv};
use super::registry::{self, ARTICLE_CHECKS};
use super::rules::editorial::{Signature, near_duplicate_facts, title_key};
use super::rules::references as rf;
use super::suppression::Suppressions;
use crate::article::{Article, Status};
use crate::diagnostic::{Diagnostic, LineColumn, Span};

/// The compact facts about an article that corpus-wide rules need, kept after its tree is dropped.
///
/// They are also what the lint index ([`cache`](super::cache)) stores between runs, hence the
/// serde derives; the path is not stored (the index keys entries by relative path and sets
/// it back when an entry is used).
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
    /// Span of the slug value (or of the title when the slug is derived).
    pub slug_span: Span,
    /// Line and column of `slug_span`, for notes in other files' diagnostics.
    pub slug_position: LineColumn,
    // Cross-references, for the corpus rules RF004, RF008 and RF009.
    /// The slugs in `related`, in order.
    pub related: Vec<SlugReference>,
    /// The targets of `article:<slug>` links in the body, in document order.
    pub article_links: Vec<SlugReference>,
    /// The article's former slugs (`aliases`), for RF003.
    #[serde(default)]
    pub aliases: Vec<SlugReference>,
    // For near-duplicate-article (ED008): a MinHash of the body's word shingles (`None` for
    // short bodies or when the rule is off), and the first line of the body to point at.
    #[serde(with = "signature_serde")]
    pub(crate) body_minhash: Option<Signature>,
    pub(crate) body_span: Span,
    pub(crate) body_position: LineColumn,
    /// The title's words, normalised, hashed (ED008 compares same-titled bodies further).
    #[serde(default)]
    pub(crate) title_key: u64,
    // Suppressions. What the article's suppression comments and `[lint] ignore` cover, as
    // byte ranges with their codes, and which of them already silenced a per-article
    // diagnostic. `lint_corpus` applies them to corpus diagnostics of this file and only then
    // reports the ones that stayed unused (MD000), so a comment that silences a corpus rule
    // is not reported as unused by the per-article pass.
    pub(crate) suppressions: Suppressions,
}

/// A reference by slug from one article to another (`related` entry or `article:` link).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SlugReference {
    /// The slug referred to (without any `#fragment`).
    pub slug: String,
    /// Where the reference is written.
    pub span: Span,
    /// Line and column of `span`.
    pub position: LineColumn,
}

/// The placeholder path of facts read from the lint index until the index sets the real one.
fn no_path() -> Arc<Path> {
    Arc::from(Path::new(""))
}

/// serde for the near-duplicate signature: a fixed array longer than serde's built-in array
/// support, stored as a sequence of its values. Written against the slice and `TryFrom<Vec>`
/// forms so a change of the array's length needs no change here; a stored signature of
/// another length fails to read, which discards the index.
mod signature_serde {
    use std::ops::Deref;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[allow(clippy::ref_option, reason = "the signature serde's `with` calls")]
    pub(super) fn serialize<S, T, A>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        T: Deref<Target = A>,
        A: AsRef<[u64]> + ?Sized,
    {
        value.as_deref().map(AsRef::as_ref).serialize(serializer)
    }

    pub(super) fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: TryFrom<Vec<u64>>,
    {
        Option::<Vec<u64>>::deserialize(deserializer)?
            .map(|values| {
                T::try_from(values)
                    .map_err(|_| serde::de::Error::custom("signature of the wrong length"))
            })
            .transpose()
    }
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
    let (body_minhash, body_span) = near_duplicate_facts(&ctx);
    for (rule, check) in ARTICLE_CHECKS {
        if env.config.lint.is_enabled(rule) {
            check(&ctx, article);
        }
    }
    let (related, article_links) = rf::cross_references(&ctx);
    let aliases = super::rules::entries::list_item_spans(article, "aliases", &article.aliases)
        .into_iter()
        .zip(&article.aliases)
        .map(|(span, slug)| SlugReference {
            slug: slug.clone(),
            span,
            position: ctx.position(span.start),
        })
        .collect();
    let (mut suppressions, suppression_problems) =
        Suppressions::collect(article, root, &ctx.positions);
    let slug_span = article
        .spans
        .value("slug")
        .unwrap_or_else(|| article.value_span("title"));
    let slug_position = ctx.position(slug_span.start);
    let body_position = ctx.position(body_span.start);
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
            slug_span,
            slug_position,
            related,
            article_links,
            aliases,
            body_minhash,
            body_span,
            body_position,
            title_key: title_key(&article.title),
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
            let rule = registry::find(diagnostic.code.as_str())?;
            diagnostic.severity = env.config.lint.severity_for(rule, diagnostic.severity)?;
            Some(diagnostic)
        })
        .collect()
}
