//! The code table: every rule copydesk knows, in code order, and the per-article checks.
//!
//! Codes are permanent. A retired rule stays here with status `Deprecated`; its code is never
//! given to another rule.

use super::context::LintContext;
use super::corpus::CorpusContext;
use super::rule::RuleMeta;
use super::rules::editorial as ed;
use super::rules::front_matter as fm;
use super::rules::markdown as md;
use super::rules::references as rf;
use super::rules::timeline as tl;
use super::settings::parse_options;
use crate::article::Article;

/// A per-article check.
pub(crate) type ArticleCheck = fn(&LintContext<'_>, &Article);

/// A corpus-wide check, run on every article's facts.
pub(crate) type CorpusCheck = fn(&CorpusContext<'_>);

/// Every rule, by family in the order of the documentation (FM, RF, TL, MD, ED), then by code.
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
    rf::UnknownAuthor::META,
    rf::UnknownDesk::META,
    rf::DuplicateSlug::META,
    rf::UnknownRelated::META,
    rf::UnknownSource::META,
    rf::UncitedSource::META,
    rf::DuplicateSource::META,
    rf::BrokenArticleLink::META,
    rf::UnpublishedReference::META,
    tl::UpdatedBeforePublished::META,
    tl::FutureTimestamp::META,
    tl::UpdatesOutOfOrder::META,
    tl::UpdateBeforePublished::META,
    tl::StaleUpdated::META,
    tl::ScheduledInPast::META,
    tl::UpdateNoteInBody::META,
    md::InvalidSuppression::META,
    md::BodyH1::META,
    md::HeadingSkip::META,
    md::DuplicateHeading::META,
    md::EmptySection::META,
    md::ImageMissingAlt::META,
    md::VagueLinkText::META,
    md::RawHtml::META,
    ed::DuplicateParagraph::META,
    ed::NearDuplicateParagraph::META,
    ed::UnattributedClaim::META,
    ed::StaleForecast::META,
    ed::MixedQuotes::META,
    ed::FillerPhrase::META,
    ed::DekRepeatsLede::META,
    ed::NearDuplicateArticle::META,
    ed::PlaceholderText::META,
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
    (&rf::UnknownAuthor::META, rf::check_unknown_author),
    (&rf::UnknownDesk::META, rf::check_unknown_desk),
    (&rf::UnknownSource::META, rf::check_unknown_source),
    (&rf::UncitedSource::META, rf::check_uncited_source),
    (&rf::DuplicateSource::META, rf::check_duplicate_source),
    (
        &tl::UpdatedBeforePublished::META,
        tl::check_updated_before_published,
    ),
    (&tl::FutureTimestamp::META, tl::check_future_timestamp),
    (&tl::UpdatesOutOfOrder::META, tl::check_updates_out_of_order),
    (
        &tl::UpdateBeforePublished::META,
        tl::check_update_before_published,
    ),
    (&tl::StaleUpdated::META, tl::check_stale_updated),
    (&tl::ScheduledInPast::META, tl::check_scheduled_in_past),
    (&tl::UpdateNoteInBody::META, tl::check_update_note_in_body),
    (&md::BodyH1::META, md::check_body_h1),
    (&md::HeadingSkip::META, md::check_heading_skip),
    (&md::DuplicateHeading::META, md::check_duplicate_heading),
    (&md::EmptySection::META, md::check_empty_section),
    (&md::ImageMissingAlt::META, md::check_image_missing_alt),
    (&md::VagueLinkText::META, md::check_vague_link_text),
    (&md::RawHtml::META, md::check_raw_html),
    (&ed::DuplicateParagraph::META, ed::check_duplicate_paragraph),
    (
        &ed::NearDuplicateParagraph::META,
        ed::check_near_duplicate_paragraph,
    ),
    (&ed::UnattributedClaim::META, ed::check_unattributed_claim),
    (&ed::StaleForecast::META, ed::check_stale_forecast),
    (&ed::MixedQuotes::META, ed::check_mixed_quotes),
    (&ed::FillerPhrase::META, ed::check_filler_phrase),
    (&ed::DekRepeatsLede::META, ed::check_dek_repeats_lede),
    (&ed::PlaceholderText::META, ed::check_placeholder_text),
];

/// The corpus-wide checks, each with the rule it reports.
pub(crate) static CORPUS_CHECKS: &[(&RuleMeta, CorpusCheck)] = &[
    (&rf::DuplicateSlug::META, rf::check_duplicate_slug),
    // RF003 over `aliases`: a helper of its own beside the duplicate-slug rule's file.
    (&rf::DuplicateSlug::META, rf::check_alias_conflicts),
    (&rf::UnknownRelated::META, rf::check_unknown_related),
    (&rf::BrokenArticleLink::META, rf::check_broken_article_link),
    (
        &rf::UnpublishedReference::META,
        rf::check_unpublished_reference,
    ),
    (
        &ed::NearDuplicateArticle::META,
        ed::check_near_duplicate_article,
    ),
];

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

/// Checks `[lint.options.<CODE>]` against the rule's option type.
pub(crate) fn validate_options(rule: &RuleMeta, table: &toml::Table) -> Result<(), String> {
    match rule.code.as_str() {
        "FM006" => parse_options::<fm::TitleLengthOptions>(table).map(drop),
        "FM007" => parse_options::<fm::MissingDekOptions>(table).map(drop),
        "MD006" => parse_options::<md::VagueLinkTextOptions>(table).map(drop),
        "ED002" => parse_options::<ed::NearDuplicateParagraphOptions>(table).map(drop),
        "ED005" => parse_options::<ed::MixedQuotesOptions>(table).map(drop),
        "ED006" => parse_options::<ed::FillerPhraseOptions>(table).map(drop),
        "ED008" => parse_options::<ed::NearDuplicateArticleOptions>(table).map(drop),
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
        let families = ["FM", "RF", "TL", "MD", "ED"];
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
