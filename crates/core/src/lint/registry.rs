//! The code table: every rule copydesk knows, in code order. Each entry is the rule's own
//! declaration (`declare_rule!` in its file), which carries its check, options and facts, so
//! this list is the only place besides the rule's file that adding a rule touches.
//!
//! Codes are permanent. A retired rule stays here with status `Deprecated`; its code is never
//! given to another rule.

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use rustc_hash::FxHashMap;

use super::rule::{ArticleCheck, Check, CorpusCheck, FactsSpec, OptionsSpec, Rule, RuleMeta};
use super::rules::editorial as ed;
use super::rules::front_matter as fm;
use super::rules::markdown as md;
use super::rules::references as rf;
use super::rules::style as st;
use super::rules::timeline as tl;
use crate::article::Article;
use crate::diagnostic::RuleCode;

/// Every rule as declared (metadata and how it runs), by family in the order of the
/// documentation (FM, RF, TL, MD, ED, ST, SP), then by code.
pub(crate) const DECLARED: &[Rule] = &[
    fm::InvalidFrontMatter::DECLARATION,
    fm::MissingField::DECLARATION,
    fm::UnknownField::DECLARATION,
    fm::InvalidValue::DECLARATION,
    fm::InvalidSlug::DECLARATION,
    fm::SlugFilenameMismatch::DECLARATION,
    fm::TitleLength::DECLARATION,
    fm::MissingDek::DECLARATION,
    fm::EmptyBody::DECLARATION,
    rf::UnknownAuthor::DECLARATION,
    rf::UnknownDesk::DECLARATION,
    rf::DuplicateSlug::DECLARATION,
    rf::UnknownRelated::DECLARATION,
    rf::UnknownSource::DECLARATION,
    rf::UncitedSource::DECLARATION,
    rf::DuplicateSource::DECLARATION,
    rf::BrokenArticleLink::DECLARATION,
    rf::UnpublishedReference::DECLARATION,
    tl::UpdatedBeforePublished::DECLARATION,
    tl::FutureTimestamp::DECLARATION,
    tl::UpdatesOutOfOrder::DECLARATION,
    tl::UpdateBeforePublished::DECLARATION,
    tl::StaleUpdated::DECLARATION,
    tl::ScheduledInPast::DECLARATION,
    tl::UpdateNoteInBody::DECLARATION,
    md::InvalidSuppression::DECLARATION,
    md::BodyH1::DECLARATION,
    md::HeadingSkip::DECLARATION,
    md::DuplicateHeading::DECLARATION,
    md::EmptySection::DECLARATION,
    md::ImageMissingAlt::DECLARATION,
    md::VagueLinkText::DECLARATION,
    md::RawHtml::DECLARATION,
    ed::DuplicateParagraph::DECLARATION,
    ed::NearDuplicateParagraph::DECLARATION,
    ed::UnattributedClaim::DECLARATION,
    ed::StaleForecast::DECLARATION,
    ed::MixedQuotes::DECLARATION,
    ed::FillerPhrase::DECLARATION,
    ed::DekRepeatsLede::DECLARATION,
    ed::NearDuplicateArticle::DECLARATION,
    ed::PlaceholderText::DECLARATION,
    st::AvoidedTerm::DECLARATION,
    st::TermCase::DECLARATION,
    st::StylePatternMatch::DECLARATION,
    st::Misspelling::DECLARATION,
];

/// Every rule's metadata, in the order of [`DECLARED`].
pub static RULES: &[RuleMeta] = &METAS;

static METAS: [RuleMeta; DECLARED.len()] = {
    let mut metas = [DECLARED[0].meta; DECLARED.len()];
    let mut i = 1;
    while i < DECLARED.len() {
        metas[i] = DECLARED[i].meta;
        i += 1;
    }
    metas
};

/// The position of the rule with `code` (exactly as registered) in [`RULES`], which settings
/// index their per-rule tables by.
pub(crate) fn index_of(code: RuleCode) -> Option<usize> {
    static POSITIONS: OnceLock<FxHashMap<&'static str, usize>> = OnceLock::new();
    POSITIONS
        .get_or_init(|| {
            RULES
                .iter()
                .enumerate()
                .map(|(i, rule)| (rule.code.as_str(), i))
                .collect()
        })
        .get(code.as_str())
        .copied()
}

/// The per-article checks, with the rules they report, in registry order.
pub(crate) fn article_checks() -> impl Iterator<Item = (&'static RuleMeta, ArticleCheck)> {
    DECLARED.iter().filter_map(|rule| match rule.hooks.check {
        Check::Article(check) => Some((&rule.meta, check)),
        _ => None,
    })
}

/// The corpus-wide checks, with the rules they report, in registry order.
pub(crate) fn corpus_checks() -> impl Iterator<Item = (&'static RuleMeta, CorpusCheck)> {
    DECLARED.iter().filter_map(|rule| match rule.hooks.check {
        Check::Corpus(check) => Some((&rule.meta, check)),
        _ => None,
    })
}

/// The facts type registered under `key`, for reading them back from the lint index.
pub(crate) fn facts_spec(key: &str) -> Option<FactsSpec> {
    DECLARED
        .iter()
        .filter_map(|rule| rule.hooks.facts)
        .find(|spec| spec.key == key)
}

/// The times of `article` that some rule compares with now.
pub(crate) fn time_sensitive_instants(article: &Article) -> Vec<DateTime<FixedOffset>> {
    let mut instants = Vec::new();
    for hook in DECLARED.iter().filter_map(|rule| rule.hooks.instants) {
        hook(article, &mut instants);
    }
    instants.sort_unstable();
    instants.dedup();
    instants
}

/// The typed options `rule` takes, if any.
pub(crate) fn options_spec(rule: &RuleMeta) -> Option<OptionsSpec> {
    index_of(rule.code).and_then(|i| DECLARED[i].hooks.options)
}

/// Looks a rule up by code (`FM003`, any case) or name (`invalid-value`).
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    RULES.iter().find(|rule| {
        rule.code.as_str().eq_ignore_ascii_case(code_or_name) || rule.name == code_or_name
    })
}

/// The rule a mistyped code or name most likely meant, for "did you mean" hints: a code with
/// the wrong number of digits (`FM02`, `fm0002`) gives that code (`FM002`) when it exists,
/// anything else the closest code or name (`dupe-slug` gives `duplicate-slug`).
pub fn nearest_rule(input: &str) -> Option<&'static RuleMeta> {
    let input = input.trim();
    let digits_at = input
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(input.len());
    let (letters, digits) = input.split_at(digits_at);
    let is_code_like = (2..=3).contains(&letters.len())
        && letters.bytes().all(|b| b.is_ascii_alphabetic())
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit());
    if is_code_like {
        let family = letters.to_ascii_uppercase();
        if let Ok(number) = digits.parse::<u32>()
            && let Some(rule) = find(&format!("{family}{number:03}"))
        {
            return Some(rule);
        }
        // A number the family does not have (`FM099`): any other code of the family is only
        // a guess, so none is offered.
        if RULES.iter().any(|rule| rule.code.family() == family) {
            return None;
        }
    }
    let candidates = RULES
        .iter()
        .flat_map(|rule| [rule.code.as_str(), rule.name]);
    crate::suggest::nearest(input, candidates).and_then(find)
}

/// What to add to "no rule `input`": "; did you mean `FM002` (unknown-field)?", or nothing
/// when no rule is close.
pub fn unknown_rule_hint(input: &str) -> String {
    nearest_rule(input).map_or_else(String::new, |rule| {
        format!("; {}", crate::suggest::did_you_mean_rule(rule))
    })
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use crate::lint::{LintSettings, Scope};

    /// How `rule` runs, from its declaration.
    fn hooks(rule: &RuleMeta) -> crate::lint::rule::RuleHooks {
        DECLARED[index_of(rule.code).expect("registered")].hooks
    }

    #[test]
    fn codes_are_unique_well_formed_and_sorted() {
        let mut seen = BTreeSet::new();
        for rule in RULES {
            let code = rule.code.as_str();
            assert!(seen.insert(code), "duplicate code {code}");
            let (family, digits) = code.split_at(code.len() - 3);
            assert!(
                ["FM", "RF", "TL", "MD", "ED", "ST", "SP"].contains(&family),
                "{code}"
            );
            assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{code}");
        }
        let families = ["FM", "RF", "TL", "MD", "ED", "ST", "SP"];
        let key = |code: &str| {
            let family = families.iter().position(|f| code.starts_with(f));
            (family, code.to_string())
        };
        let codes: Vec<_> = RULES.iter().map(|r| key(r.code.as_str())).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(
            codes, sorted,
            "RULES must stay in family order, then code order"
        );
    }

    #[test]
    fn names_are_unique_kebab_case() {
        let mut seen = BTreeSet::new();
        for rule in RULES {
            assert!(crate::id::is_kebab_case(rule.name), "{}", rule.name);
            assert!(seen.insert(rule.name), "duplicate name {}", rule.name);
        }
    }

    #[test]
    fn docs_have_the_required_sections_in_order() {
        for rule in RULES {
            let doc = rule.documentation();
            let positions: Vec<_> = [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "Use instead:",
            ]
            .iter()
            .map(|heading| {
                doc.find(heading)
                    .unwrap_or_else(|| panic!("{} lacks {heading}", rule.code))
            })
            .collect();
            assert!(
                positions.windows(2).all(|w| w[0] < w[1]),
                "{} sections out of order",
                rule.code
            );
        }
    }

    #[test]
    fn mistyped_codes_and_names_find_the_rule_meant() {
        let nearest = |input| nearest_rule(input).map(|rule| rule.code.as_str());
        assert_eq!(nearest("FM02"), Some("FM002"));
        assert_eq!(nearest("fm0002"), Some("FM002"));
        assert_eq!(nearest("ED3"), Some("ED003"));
        assert_eq!(nearest("dupe-slug"), Some("RF003"));
        assert_eq!(nearest("duplicate-slugs"), Some("RF003"));
        assert_eq!(nearest("missing-deck"), Some("FM007"));
        assert_eq!(nearest("zzzzzz"), None);
        assert_eq!(nearest("FM099"), None);
        assert_eq!(nearest("MF002"), Some("FM002"));
    }

    #[test]
    fn the_parsers_faults_are_the_parse_rules() {
        use crate::article::ParseFault;
        for fault in ParseFault::ALL {
            let rule = find(fault.code().as_str()).expect("a registered rule");
            assert_eq!(
                (rule.name, rule.severity),
                (fault.name(), fault.severity()),
                "{fault:?}"
            );
        }
        // Every front-matter rule that only the parser reports is one of its faults (MD000,
        // also of the parse scope, is reported by the engine from suppression comments).
        let parsed_only =
            |rule: &&RuleMeta| rule.scope == Scope::Parse && rule.code.family() == "FM";
        for rule in RULES.iter().filter(parsed_only) {
            assert!(
                ParseFault::ALL
                    .iter()
                    .any(|fault| fault.code() == rule.code),
                "{} has no parse fault",
                rule.code
            );
        }
    }

    #[test]
    fn every_rule_runs_as_its_scope_says() {
        for rule in RULES {
            let fits = matches!(
                (rule.scope, hooks(rule).check),
                (Scope::Parse, Check::None)
                    | (Scope::Article, Check::Article(_))
                    | (Scope::Corpus, Check::Corpus(_))
            );
            assert!(fits, "{} runs as {:?}", rule.code, hooks(rule).check);
            assert_eq!(index_of(rule.code).map(|i| RULES[i].code), Some(rule.code));
            // Facts are gathered for the corpus pass only.
            assert!(
                hooks(rule).facts.is_none() || rule.scope == Scope::Corpus,
                "{} declares facts",
                rule.code
            );
        }
    }

    #[test]
    fn facts_keys_name_one_type_each() {
        let mut keys: BTreeMap<&str, &str> = BTreeMap::new();
        for rule in RULES {
            if let Some(spec) = hooks(rule).facts {
                let previous = keys.insert(spec.key, rule.code.as_str());
                // Rules sharing facts declare the same type; the same key from two types
                // would fail to read back.
                if let Some(other) = previous {
                    let ours = (spec.collect as usize, spec.decode as usize);
                    let theirs =
                        facts_spec(spec.key).map(|s| (s.collect as usize, s.decode as usize));
                    assert_eq!(
                        Some(ours),
                        theirs,
                        "{other} and {} share `{}`",
                        rule.code,
                        spec.key
                    );
                }
            }
        }
    }

    #[test]
    fn every_options_type_round_trips_its_documented_defaults() {
        let with_options: Vec<_> = RULES
            .iter()
            .filter_map(|rule| Some((rule, hooks(rule).options?)))
            .collect();
        assert!(
            with_options.len() >= 7,
            "{} rules with options",
            with_options.len()
        );
        for (rule, spec) in with_options {
            let defaults = (spec.defaults_table)().expect("defaults serialise");
            assert_eq!((spec.round_trips)(), Ok(true), "{}", rule.code);
            let parsed = (spec.parse)(&defaults).expect("defaults parse");
            assert!(
                (spec.parse)(&toml::Table::new()).is_ok(),
                "{}: every option has a default",
                rule.code
            );
            drop(parsed);
            // Every option, and every scalar default, is in the rule's `## Options` section.
            let doc = rule.documentation();
            let options_doc = doc
                .split("## Options")
                .nth(1)
                .unwrap_or_else(|| panic!("{} has options but no `## Options`", rule.code));
            // Doc lines wrap anywhere, so words are compared with single spaces.
            let options_doc = options_doc
                .split("\n## ")
                .next()
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            for (key, value) in &defaults {
                assert!(
                    options_doc.contains(&format!("`{key}`")),
                    "{}: option `{key}` is not documented",
                    rule.code
                );
                let shown = match value {
                    toml::Value::Integer(n) => Some(n.to_string()),
                    toml::Value::Float(x) => Some(x.to_string()),
                    toml::Value::Boolean(b) => Some(b.to_string()),
                    toml::Value::String(s) => Some(s.clone()),
                    _ => None,
                };
                if let Some(shown) = shown {
                    assert!(
                        options_doc.contains(&format!("default {shown}"))
                            || options_doc.contains(&format!("default `{shown}`"))
                            || options_doc.contains(&format!("default \"{shown}\"")),
                        "{}: default {key} = {shown} is not documented",
                        rule.code
                    );
                }
            }
        }
    }

    #[test]
    fn unknown_option_keys_are_rejected_by_name() {
        for rule in RULES {
            let mut table = toml::Table::new();
            table.insert("no_such_option".into(), toml::Value::Integer(1));
            match hooks(rule).options {
                Some(spec) => {
                    let error = (spec.parse)(&table)
                        .err()
                        .unwrap_or_else(|| panic!("{} accepted an unknown key", rule.code));
                    assert!(error.contains("no_such_option"), "{}: {error}", rule.code);
                }
                None => {
                    let raw = crate::config::RawLint {
                        options: Some([(rule.code.as_str().to_string(), table)].into()),
                        ..Default::default()
                    };
                    let errors = LintSettings::from_raw(raw).expect_err("rejected");
                    assert_eq!(
                        errors,
                        [(
                            format!("lint.options.{}", rule.code),
                            format!("invalid options for {0}: {0} takes no options", rule.code)
                        )]
                    );
                }
            }
        }
    }

    #[test]
    fn the_generic_engine_names_no_rule() {
        for (file, text) in [
            ("engine.rs", include_str!("engine.rs")),
            ("corpus.rs", include_str!("corpus.rs")),
            ("index.rs", include_str!("index.rs")),
        ] {
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            assert!(!code.contains("rules::"), "{file} reaches into a rule");
        }
    }

    #[test]
    fn the_times_compared_with_now_come_from_the_rules() {
        let article = |status: &str| {
            let text = format!(
                "+++\ntitle = \"T\"\nstatus = \"{status}\"\npublished = 2026-01-01T00:00:00Z\nupdated = 2026-02-01T00:00:00Z\n[[updates]]\nat = 2026-03-01T00:00:00Z\ntext = \"U\"\n+++\nBody.\n"
            );
            Article::parse(std::path::Path::new("a.md"), &text)
                .article
                .expect("parses")
        };
        let days = |status: &str| -> Vec<String> {
            time_sensitive_instants(&article(status))
                .iter()
                .map(|t| t.format("%m-%d").to_string())
                .collect()
        };
        // TL002: every time of a published article; TL006: a scheduled one's `published`.
        assert_eq!(days("published"), ["01-01", "02-01", "03-01"]);
        assert_eq!(days("scheduled"), ["01-01"]);
        assert!(days("draft").is_empty());
    }
}
