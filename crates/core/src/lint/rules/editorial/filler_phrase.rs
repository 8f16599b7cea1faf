use std::sync::{Arc, Mutex, PoisonError};

use serde::Deserialize;

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::prose::{self, BlockKind, PhraseSet};

declare_rule! {
    /// ## What it does
    /// Reports filler phrases in the body's paragraphs and headings: by default "In
    /// conclusion", "It is worth noting that", "It goes without saying", "Needless to say",
    /// "At the end of the day" and "In today's fast-paced world". Matching ignores case,
    /// runs of spaces and straight versus typographic apostrophes, and only matches whole
    /// words. Code is not prose and is not checked.
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
    /// `phrases` (list of strings) replaces the default list:
    /// `[lint.options] ED006 = { phrases = ["in conclusion", "going forward"] }`.
    pub(crate) struct FillerPhrase {
        code: "ED006",
        name: "filler-phrase",
        severity: Info,
        fix: None,
        scope: Article,
        summary: "configurable list of filler phrases (\"In conclusion\", \"It is worth noting that\")",
    }
}

/// Options of ED006.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct FillerPhraseOptions {
    pub(crate) phrases: Vec<String>,
}

impl Default for FillerPhraseOptions {
    fn default() -> Self {
        FillerPhraseOptions {
            phrases: [
                "In conclusion",
                "It is worth noting that",
                "It goes without saying",
                "Needless to say",
                "At the end of the day",
                "In today's fast-paced world",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

pub(crate) fn check_filler_phrase(ctx: &LintContext<'_>, _article: &Article) {
    let options: FillerPhraseOptions = ctx.options(&FillerPhrase::META);
    let phrases = phrase_set(&options.phrases);
    for block in prose::blocks(ctx, &[BlockKind::Paragraph, BlockKind::Heading]) {
        if !phrases.may_match(block) {
            continue;
        }
        let mut found: Vec<_> = block
            .folded()
            .find_any(&phrases)
            .into_iter()
            .map(|(_, range)| range)
            .collect();
        found.sort_by_key(|range| (range.start, range.end));
        found.dedup();
        for range in found {
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

/// The configured phrases compiled for matching. Every article of a run has the same list,
/// so the last compiled set is kept and reused while the list stays the same.
fn phrase_set(phrases: &[String]) -> Arc<PhraseSet> {
    static LAST: Mutex<Option<(Vec<String>, Arc<PhraseSet>)>> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((list, set)) = &*last
        && list == phrases
    {
        return Arc::clone(set);
    }
    let set = Arc::new(PhraseSet::new(phrases));
    *last = Some((phrases.to_vec(), Arc::clone(&set)));
    set
}
