use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::prose::{self, BlockKind, PhraseSet};

declare_rule! {
    /// ## What it does
    /// Reports filler phrases in the body's paragraphs and headings. Phrases are patterns
    /// with slots: `{a|b}` matches any one of its choices, and an empty choice makes the
    /// slot optional. The default patterns (English) are "In conclusion", "It {is|was}
    /// {worth|important|interesting|pertinent|relevant|useful} {noting|mentioning|to
    /// note|to mention|to point out|to remember|to stress} that", "It should be
    /// {noted|remembered|mentioned|pointed out|stressed|emphasised|emphasized|borne in
    /// mind} that", "It {goes|went} without saying", "Needless to say", "At the end of the
    /// day" and "In today's {|ever-changing |rapidly changing |increasingly
    /// }{fast-paced|digital|modern|connected|competitive} world". Matching ignores case,
    /// runs of spaces and straight versus typographic apostrophes, and only matches whole
    /// words. Code is not prose and is not checked. English articles (the article's
    /// `language`, else `site.language`) use `phrases`; an article in another language uses
    /// that language's list under `languages`, and is skipped when there is none.
    ///
    /// ## Why is this bad?
    /// Filler delays the point and reads as padding; news copy says the thing. These
    /// phrases are also typical of machine-generated text, which readers have learnt to
    /// distrust.
    ///
    /// ## Example
    /// ```markdown
    /// In conclusion, the updated partnership marks a significant shift for the industry.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// The updated partnership frees OpenAI to sell through Amazon and Google.
    /// ```
    ///
    /// ## Options
    /// `phrases` (list of patterns) replaces the default English list;
    /// `languages` (table of language subtag to list of patterns) gives lists for other
    /// languages. A pattern expands to at most 512 phrases.
    /// `[lint.options] ED006 = { phrases = ["in conclusion", "going {forward|ahead}"], languages = { de = ["last but not least", "{im|am} Endeffekt"] } }`.
    pub(crate) struct FillerPhrase {
        code: "ED006",
        name: "filler-phrase",
        severity: Info,
        fix: None,
        scope: Article,
        summary: "configurable list of filler phrases (\"In conclusion\", \"It is worth noting that\")",
        check: check_filler_phrase,
        options: FillerPhraseOptions,
    }
}

/// Options of ED006.
#[derive(Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct FillerPhraseOptions {
    /// Patterns for English articles.
    pub(crate) phrases: Vec<PhrasePattern>,
    /// Patterns for articles in other languages, by primary language subtag.
    pub(crate) languages: BTreeMap<String, Vec<PhrasePattern>>,
}

impl Default for FillerPhraseOptions {
    fn default() -> Self {
        FillerPhraseOptions {
            phrases: DEFAULT_PATTERNS
                .iter()
                .map(|pattern| PhrasePattern::try_from((*pattern).to_string()))
                .collect::<Result<_, _>>()
                .expect("the default patterns are valid"),
            languages: BTreeMap::new(),
        }
    }
}

/// The default patterns (English).
const DEFAULT_PATTERNS: &[&str] = &[
    "In conclusion",
    "It {is|was} {worth|important|interesting|pertinent|relevant|useful} {noting|mentioning|to note|to mention|to point out|to remember|to stress} that",
    "It should be {noted|remembered|mentioned|pointed out|stressed|emphasised|emphasized|borne in mind} that",
    "It {goes|went} without saying",
    "Needless to say",
    "At the end of the day",
    "In today's {|ever-changing |rapidly changing |increasingly }{fast-paced|digital|modern|connected|competitive} world",
];

/// At most this many phrases come out of one pattern, so a pattern cannot make the matcher
/// huge by accident.
const MAX_EXPANSIONS: usize = 512;

/// A filler phrase with slots: `{a|b}` matches any one of its choices (an empty choice makes
/// the slot optional). Checked when read; expanded into the plain phrases it matches only
/// when the matcher is built, so all of them are still found in one pass of one automaton.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(try_from = "String", into = "String")]
pub(crate) struct PhrasePattern {
    source: String,
}

/// Why a filler pattern cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum PatternError {
    /// A `{` without its `}`, a `}` without its `{`, or a slot inside a slot.
    #[error("filler pattern `{0}` has unbalanced or nested `{{` `}}`")]
    Unbalanced(String),
    /// Too many phrases.
    #[error("filler pattern `{pattern}` expands to more than {MAX_EXPANSIONS} phrases")]
    TooLarge {
        /// The pattern.
        pattern: String,
    },
}

/// A pattern cut into its literal text and its slots' choices, in order.
enum Piece<'p> {
    Literal(&'p str),
    Slot(Vec<&'p str>),
}

fn pieces(pattern: &str) -> Result<Vec<Piece<'_>>, PatternError> {
    let mut pieces = Vec::new();
    let mut expansions: usize = 1;
    let mut rest = pattern;
    while !rest.is_empty() {
        let (literal, after) = rest.split_at(rest.find(['{', '}']).unwrap_or(rest.len()));
        pieces.push(Piece::Literal(literal));
        rest = after;
        if rest.is_empty() {
            break;
        }
        let slot = rest
            .strip_prefix('{')
            .ok_or_else(|| PatternError::Unbalanced(pattern.to_string()))?;
        let close = slot
            .find(['{', '}'])
            .filter(|&i| slot[i..].starts_with('}'))
            .ok_or_else(|| PatternError::Unbalanced(pattern.to_string()))?;
        let choices: Vec<&str> = slot[..close].split('|').collect();
        expansions = expansions.saturating_mul(choices.len());
        if expansions > MAX_EXPANSIONS {
            return Err(PatternError::TooLarge {
                pattern: pattern.to_string(),
            });
        }
        pieces.push(Piece::Slot(choices));
        rest = &slot[close + 1..];
    }
    Ok(pieces)
}

impl TryFrom<String> for PhrasePattern {
    type Error = PatternError;

    fn try_from(source: String) -> Result<Self, Self::Error> {
        pieces(&source)?;
        Ok(PhrasePattern { source })
    }
}

impl From<PhrasePattern> for String {
    fn from(pattern: PhrasePattern) -> String {
        pattern.source
    }
}

impl PhrasePattern {
    /// The plain phrases the pattern matches.
    fn expansions(&self) -> Vec<String> {
        let mut expansions = vec![String::new()];
        // Checked when the pattern was read.
        for piece in pieces(&self.source).unwrap_or_default() {
            match piece {
                Piece::Literal(text) => {
                    for expansion in &mut expansions {
                        expansion.push_str(text);
                    }
                }
                Piece::Slot(choices) => {
                    expansions = expansions
                        .iter()
                        .flat_map(|start| choices.iter().map(move |c| format!("{start}{c}")))
                        .collect();
                }
            }
        }
        // "{|ever-changing }" leaves double spaces where a choice is empty.
        expansions
            .into_iter()
            .map(|phrase| phrase.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }
}

/// The patterns that apply to the article's language, or `None` when the rule has none
/// for it.
fn patterns_for<'o>(
    options: &'o FillerPhraseOptions,
    language: &str,
) -> Option<&'o [PhrasePattern]> {
    if language == "en" {
        Some(&options.phrases)
    } else {
        options.languages.get(language).map(Vec::as_slice)
    }
}

pub(crate) fn check_filler_phrase(ctx: &LintContext<'_>, _article: &Article) {
    let options = ctx.options::<FillerPhraseOptions>();
    let Some(patterns) = patterns_for(options, &prose::language(ctx)) else {
        return;
    };
    let phrases = phrase_set(patterns);
    for block in prose::blocks(ctx, &[BlockKind::Paragraph, BlockKind::Heading]) {
        if !block.may_match(&phrases) {
            continue;
        }
        let mut found: Vec<_> = block
            .folded()
            .find_any(&phrases)
            .into_iter()
            .map(|(_, range)| range)
            .collect();
        found.sort_by_key(|range| (range.start, range.end));
        // Expansions of one pattern can overlap ("it is worth noting" and "it is worth
        // noting that"): report the longest match from each start, and nothing inside it.
        let mut kept: Vec<std::ops::Range<usize>> = Vec::new();
        for range in found {
            match kept.last_mut() {
                Some(last) if range.start < last.end => last.end = last.end.max(range.end),
                _ => kept.push(range),
            }
        }
        for range in kept {
            let phrase = &block.text[range.clone()];
            ctx.push(
                ctx.diagnostic(
                    &FillerPhrase::META,
                    block.span_of(range.clone()),
                    format!("filler phrase `{phrase}`"),
                )
                .with_help("cut it: the sentence says the same without it"),
            );
        }
    }
}

/// The configured patterns compiled for matching. Every article of a run has the same
/// list, so the last compiled set is kept and reused while the list stays the same: the
/// patterns are expanded only when it changes.
fn phrase_set(patterns: &[PhrasePattern]) -> Arc<PhraseSet> {
    static LAST: Mutex<Option<(Vec<PhrasePattern>, Arc<PhraseSet>)>> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((list, set)) = &*last
        && list == patterns
    {
        return Arc::clone(set);
    }
    let phrases: Vec<String> = patterns
        .iter()
        .flat_map(PhrasePattern::expansions)
        .collect();
    let set = Arc::new(PhraseSet::new(&phrases));
    *last = Some((patterns.to_vec(), Arc::clone(&set)));
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(pattern: &str) -> Result<Vec<String>, PatternError> {
        PhrasePattern::try_from(pattern.to_string()).map(|p| p.expansions())
    }

    #[test]
    fn slots_expand_to_every_choice() {
        assert_eq!(
            expand("it {is|was} {worth noting|pertinent to note} that").expect("valid"),
            [
                "it is worth noting that",
                "it is pertinent to note that",
                "it was worth noting that",
                "it was pertinent to note that"
            ]
        );
        assert_eq!(
            expand("in today's {|modern }world").expect("valid"),
            ["in today's world", "in today's modern world"]
        );
        assert_eq!(
            expand("needless to say").expect("valid"),
            ["needless to say"]
        );
    }

    #[test]
    fn broken_patterns_are_errors() {
        for pattern in ["it {is", "it is}", "it {is {a|b}}"] {
            assert!(
                matches!(expand(pattern), Err(PatternError::Unbalanced(_))),
                "{pattern}"
            );
        }
        let huge = "{a|b|c|d|e|f|g|h}".repeat(4);
        assert!(matches!(expand(&huge), Err(PatternError::TooLarge { .. })));
    }

    #[test]
    fn the_default_patterns_find_variants() {
        let options = FillerPhraseOptions::default();
        let list: Vec<String> = patterns_for(&options, "en")
            .expect("English list")
            .iter()
            .flat_map(PhrasePattern::expansions)
            .collect();
        let set = PhraseSet::new(&list);
        for text in [
            "It is pertinent to note that fares rose.",
            "It should be remembered that the bridge is old.",
            "It was important to point out that few rode.",
        ] {
            let found = crate::text::Folded::new(text).find_any(&set);
            assert!(!found.is_empty(), "{text}");
        }
        assert!(patterns_for(&options, "de").is_none());
    }
}
