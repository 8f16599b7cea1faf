//! The code table: every rule copydesk knows, in code order, and the per-article checks.
//!
//! Codes are permanent. A retired rule stays here with status `Deprecated`; its code is never
//! given to another rule.

use super::context::LintContext;
use super::corpus::CorpusContext;
use super::rule::RuleMeta;
use super::rules::front_matter as fm;
use super::rules::markdown as md;
use super::settings::parse_options;
use crate::article::Article;

/// A per-article check.
pub(crate) type ArticleCheck = fn(&LintContext<'_>, &Article);

/// A corpus-wide check, run on every article's facts.
pub(crate) type CorpusCheck = fn(&CorpusContext<'_>);

/// Every rule, in code order.
pub static RULES: &[RuleMeta] = &[
    fm::InvalidFrontMatter::META,
    fm::MissingField::META,
    fm::UnknownField::META,
    fm::InvalidValue::META,
    fm::InvalidSlug::META,
    fm::SlugFilenameMismatch::META,
    fm::TitleLength::META,
    fm::MissingDek::META,
    fm::EmptyBody::META,
    md::InvalidSuppression::META,
];

/// The per-article checks, each with the rule it reports.
pub(crate) static ARTICLE_CHECKS: &[(&RuleMeta, ArticleCheck)] = &[
    (&fm::MissingField::META, fm::check_missing_field),
    (&fm::InvalidSlug::META, fm::check_invalid_slug),
    (
        &fm::SlugFilenameMismatch::META,
        fm::check_slug_filename_mismatch,
    ),
    (&fm::TitleLength::META, fm::check_title_length),
    (&fm::MissingDek::META, fm::check_missing_dek),
    (&fm::EmptyBody::META, fm::check_empty_body),
];

/// The corpus-wide checks, each with the rule it reports.
pub(crate) static CORPUS_CHECKS: &[(&RuleMeta, CorpusCheck)] = &[];

/// Looks a rule up by code (`FM003`, any case) or name (`invalid-value`).
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    RULES.iter().find(|rule| {
        rule.code.as_str().eq_ignore_ascii_case(code_or_name) || rule.name == code_or_name
    })
}

/// Checks `[lint.options.<CODE>]` against the rule's option type.
pub(crate) fn validate_options(rule: &RuleMeta, table: &toml::Table) -> Result<(), String> {
    match rule.code.as_str() {
        "FM006" => parse_options::<fm::TitleLengthOptions>(table).map(drop),
        "FM007" => parse_options::<fm::MissingDekOptions>(table).map(drop),
        _ => Err(format!("{} takes no options", rule.code)),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::lint::Scope;

    #[test]
    fn codes_are_unique_well_formed_and_sorted() {
        let mut seen = BTreeSet::new();
        for rule in RULES {
            let code = rule.code.as_str();
            assert!(seen.insert(code), "duplicate code {code}");
            let (family, digits) = code.split_at(code.len() - 3);
            assert!(["FM", "RF", "TL", "MD", "ED"].contains(&family), "{code}");
            assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{code}");
        }
        let codes: Vec<_> = RULES.iter().map(|r| r.code.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted, "RULES must stay in code order");
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
    fn every_article_rule_has_a_check_and_no_check_is_orphaned() {
        for rule in RULES.iter().filter(|r| r.scope == Scope::Article) {
            assert!(
                ARTICLE_CHECKS
                    .iter()
                    .any(|(meta, _)| meta.code == rule.code),
                "{} has no check",
                rule.code
            );
        }
        for (meta, _) in ARTICLE_CHECKS {
            assert!(
                find(meta.code.as_str()).is_some(),
                "{} is not registered",
                meta.code
            );
        }
    }
}
