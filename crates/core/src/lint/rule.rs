//! Rule metadata and the `declare_rule!` macro: one declaration per rule registers its code,
//! name, default severity, fixability, docs, check function, typed options, the facts it needs
//! from each article and the article times it compares with now.
//!
//! The registry (`registry.rs`) lists the declared rules; the engine (`engine.rs`,
//! `corpus.rs`), the settings (`settings.rs`) and the lint index (`index.rs`) read everything
//! rule-specific from the declarations, so adding a rule touches its own file and that list.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::context::LintContext;
use super::corpus::CorpusContext;
use crate::article::Article;
pub use crate::diagnostic::rule::{FixAvailability, RuleMeta, RuleStatus, Scope};

/// A per-article check.
pub(crate) type ArticleCheck = fn(&LintContext<'_>, &Article);

/// A corpus-wide check, run on every article's facts.
pub(crate) type CorpusCheck = fn(&CorpusContext<'_>);

/// What runs for a rule.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Check {
    /// Nothing: the parser reports the rule's findings (the `Parse` scope), or the engine
    /// does (unused suppressions).
    None,
    /// Once per article, on its tree.
    Article(ArticleCheck),
    /// Once per run, on every article's facts.
    Corpus(CorpusCheck),
}

/// A rule as the engine knows it: what users see, and how it runs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub(crate) meta: RuleMeta,
    pub(crate) hooks: RuleHooks,
}

/// The engine's side of a rule declaration.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RuleHooks {
    pub(crate) check: Check,
    /// The typed options, for rules that take `[lint.options.<CODE>]`.
    pub(crate) options: Option<OptionsSpec>,
    /// The facts a corpus rule needs from each article.
    pub(crate) facts: Option<FactsSpec>,
    /// The article's times the rule compares with now: a lint result that used them is only
    /// reused while each stays on the same side of the time of the run.
    pub(crate) instants: Option<InstantsHook>,
}

/// Collects the times of an article that a rule compares with now.
pub(crate) type InstantsHook = fn(&Article, &mut Vec<DateTime<FixedOffset>>);

/// Parsed options of one rule, type-erased so one settings object holds every rule's.
pub(crate) type AnyOptions = Arc<dyn Any + Send + Sync>;

/// A rule's typed options, as the declaration names them.
#[derive(Clone, Copy)]
pub(crate) struct OptionsSpec {
    /// Parses `[lint.options.<CODE>]` (absent keys keep their defaults).
    pub(crate) parse: fn(&toml::Table) -> Result<AnyOptions, String>,
    /// The options when none are configured.
    pub(crate) defaults: fn() -> AnyOptions,
    /// The defaults as a TOML table, for documentation checks.
    #[cfg_attr(not(test), allow(dead_code, reason = "read by the registry tests"))]
    pub(crate) defaults_table: fn() -> Result<toml::Table, String>,
    /// Whether parsing `defaults_table` gives the defaults back.
    #[cfg_attr(not(test), allow(dead_code, reason = "read by the registry tests"))]
    pub(crate) round_trips: fn() -> Result<bool, String>,
}

impl fmt::Debug for OptionsSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OptionsSpec")
    }
}

/// The options type of a rule: `ctx.options::<T>()` finds the rule's parsed value by it.
pub(crate) trait RuleOptions:
    DeserializeOwned + Serialize + Default + PartialEq + Send + Sync + 'static
{
    /// The rule the options belong to.
    const RULE: &'static RuleMeta;
}

impl OptionsSpec {
    /// The spec of options type `T`.
    pub(crate) const fn of<T: RuleOptions>() -> OptionsSpec {
        OptionsSpec {
            parse: parse_any::<T>,
            defaults: defaults_any::<T>,
            defaults_table: defaults_table::<T>,
            round_trips: round_trips::<T>,
        }
    }
}

/// Parses a rule's options table into its typed options (defaults for absent keys).
pub(crate) fn parse_options<T: DeserializeOwned>(table: &toml::Table) -> Result<T, String> {
    toml::Value::Table(table.clone())
        .try_into::<T>()
        .map_err(|error| error.message().to_string())
}

fn parse_any<T: RuleOptions>(table: &toml::Table) -> Result<AnyOptions, String> {
    parse_options::<T>(table).map(|options| Arc::new(options) as AnyOptions)
}

fn defaults_any<T: RuleOptions>() -> AnyOptions {
    Arc::new(T::default())
}

fn defaults_table<T: RuleOptions>() -> Result<toml::Table, String> {
    toml::Table::try_from(T::default()).map_err(|error| error.to_string())
}

fn round_trips<T: RuleOptions>() -> Result<bool, String> {
    Ok(parse_options::<T>(&defaults_table::<T>()?)? == T::default())
}

/// What a corpus rule keeps of each article, beyond the facts every corpus rule gets (slug,
/// status, where the slug is written, suppressions). The lint index stores it between runs
/// under [`RuleFacts::KEY`]; rules that need the same facts declare the same type, and it is
/// gathered once per article.
pub(crate) trait RuleFacts:
    Serialize + DeserializeOwned + fmt::Debug + Send + Sync + 'static
{
    /// The facts' name in the lint index; changing what they hold bumps the index format.
    const KEY: &'static str;

    /// Reads the facts off an article being linted.
    fn collect(ctx: &LintContext<'_>) -> Self;
}

/// Gathered facts of one kind, type-erased so an article's facts hold every rule's.
pub(crate) type AnyFacts = Arc<dyn Any + Send + Sync>;

/// A facts type, as a rule declaration names it.
#[derive(Clone, Copy)]
pub(crate) struct FactsSpec {
    pub(crate) key: &'static str,
    pub(crate) collect: fn(&LintContext<'_>) -> AnyFacts,
    pub(crate) encode: fn(&AnyFacts) -> Option<Vec<u8>>,
    pub(crate) decode: fn(&[u8]) -> Option<AnyFacts>,
    pub(crate) debug: fn(&AnyFacts) -> String,
}

impl fmt::Debug for FactsSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FactsSpec({})", self.key)
    }
}

impl FactsSpec {
    /// The spec of facts type `T`.
    pub(crate) const fn of<T: RuleFacts>() -> FactsSpec {
        FactsSpec {
            key: T::KEY,
            collect: collect_any::<T>,
            encode: encode_any::<T>,
            decode: decode_any::<T>,
            debug: debug_any::<T>,
        }
    }
}

fn collect_any<T: RuleFacts>(ctx: &LintContext<'_>) -> AnyFacts {
    Arc::new(T::collect(ctx))
}

fn encode_any<T: RuleFacts>(facts: &AnyFacts) -> Option<Vec<u8>> {
    postcard::to_stdvec(facts.downcast_ref::<T>()?).ok()
}

fn decode_any<T: RuleFacts>(bytes: &[u8]) -> Option<AnyFacts> {
    postcard::from_bytes::<T>(bytes)
        .ok()
        .map(|facts| Arc::new(facts) as AnyFacts)
}

fn debug_any<T: RuleFacts>(facts: &AnyFacts) -> String {
    format!("{:?}", facts.downcast_ref::<T>())
}

/// Declares a rule's type, its [`RuleMeta`] and its [`Rule`] from its doc comment and fields:
/// `check` (the function that runs it, by scope), `options` (its typed options), `facts`
/// (what a corpus rule needs of each article) and `instants` (the article times it compares
/// with now), each optional.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            name: $kebab:literal,
            severity: $severity:ident,
            fix: $fix:ident,
            scope: $scope:ident,
            summary: $summary:literal
            $(, check: $check:path)?
            $(, options: $options:ty)?
            $(, facts: $facts:ty)?
            $(, instants: $instants:path)?
            $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis struct $name;

        impl $name {
            /// The rule's metadata.
            pub(crate) const META: $crate::lint::RuleMeta = $crate::lint::RuleMeta {
                code: $crate::diagnostic::RuleCode::new($code),
                name: $kebab,
                severity: $crate::diagnostic::Severity::$severity,
                fix: $crate::lint::FixAvailability::$fix,
                scope: $crate::lint::Scope::$scope,
                status: $crate::lint::RuleStatus::Stable,
                since: "0.1.0",
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
            };

            /// The rule as registered in `lint::registry`: its metadata and how it runs.
            pub(crate) const DECLARATION: $crate::lint::rule::Rule = $crate::lint::rule::Rule {
                meta: $name::META,
                hooks: $crate::lint::rule::RuleHooks {
                    check: $crate::lint::rule::declare_rule!(@check $scope $($check)?),
                    options: $crate::lint::rule::declare_rule!(@options $($options)?),
                    facts: $crate::lint::rule::declare_rule!(@facts $($facts)?),
                    instants: $crate::lint::rule::declare_rule!(@instants $($instants)?),
                },
            };
        }

        $(
            impl $crate::lint::rule::RuleOptions for $options {
                const RULE: &'static $crate::lint::RuleMeta = &$name::META;
            }
        )?
    };
    (@check $scope:ident) => { $crate::lint::rule::Check::None };
    (@check $scope:ident $check:path) => { $crate::lint::rule::Check::$scope($check) };
    (@options) => { None };
    (@options $options:ty) => { Some($crate::lint::rule::OptionsSpec::of::<$options>()) };
    (@facts) => { None };
    (@facts $facts:ty) => { Some($crate::lint::rule::FactsSpec::of::<$facts>()) };
    (@instants) => { None };
    (@instants $instants:path) => { Some($instants) };
}

pub(crate) use declare_rule;
