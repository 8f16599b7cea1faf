use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use serde::Deserialize;

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::prose::{self, ProseBlock};

use super::duplicate_paragraph::MIN_WORDS;

declare_rule! {
    /// ## What it does
    /// Reports a paragraph that says nearly the same thing as an earlier paragraph of the
    /// same article. Paragraphs are compared as sets of overlapping three-word runs
    /// ("shingles", after normalising case, punctuation and quote style); the similarity is
    /// the Jaccard index, shared shingles over all shingles of the two. A pair at or over
    /// `threshold` (default 0.3) is reported on the later paragraph, with a note at the
    /// earlier one and the most similar earlier paragraph only. Exact copies are
    /// `duplicate-paragraph` (ED001), and paragraphs under 8 words are ignored.
    ///
    /// The default is low on purpose: independently written paragraphs share almost no
    /// three-word runs (under 0.05), while a paragraph restated from another, a few words
    /// swapped in every sentence, scores around 0.3.
    ///
    /// ## Why is this bad?
    /// A restated paragraph pads the story and signals that sections were assembled from
    /// drafts without an edit; readers notice being told the same thing twice.
    ///
    /// ## Example
    /// ```markdown
    /// By dropping this clause, OpenAI gains more control over its product deployment
    /// strategy, as it seeks to balance its relationship with Microsoft.
    ///
    /// OpenAI gains more control over its product deployment strategy, as it seeks to
    /// balance its relationship with Microsoft and other cloud providers.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// By dropping this clause, OpenAI gains more control over its product deployment
    /// strategy, as it seeks to balance its relationship with Microsoft.
    /// ```
    ///
    /// ## Options
    /// `threshold` (number from 0 to 1, default 0.3): `[lint.options] ED002 = { threshold = 0.5 }`
    /// reports only closer copies.
    pub(crate) struct NearDuplicateParagraph {
        code: "ED002",
        name: "near-duplicate-paragraph",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "two paragraphs of one article that say nearly the same thing (word-shingle similarity over a documented threshold)",
    }
}

/// Options of ED002.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct NearDuplicateParagraphOptions {
    pub(crate) threshold: f64,
}

impl Default for NearDuplicateParagraphOptions {
    fn default() -> Self {
        NearDuplicateParagraphOptions { threshold: 0.3 }
    }
}

/// A shingle found in more paragraphs than this is boilerplate, not evidence; skipping it
/// keeps an article of thousands of similar paragraphs from comparing every pair.
const MAX_POSTINGS: usize = 64;

pub(crate) fn check_near_duplicate_paragraph(ctx: &LintContext<'_>, article: &Article) {
    let notes = prose::Notes::new(article);
    let options: NearDuplicateParagraphOptions = ctx.options(&NearDuplicateParagraph::META);
    // Exact copies are left to `duplicate-paragraph`: only a text's first copy takes part.
    let mut seen = FxHashSet::default();
    let paragraphs: Vec<_> = prose::paragraphs(ctx)
        .filter(|paragraph| {
            let words = paragraph.words();
            words.len() >= MIN_WORDS && seen.insert(words)
        })
        .collect();
    for (j, i, similarity) in similar_pairs(&paragraphs, options.threshold) {
        let percent = (similarity * 100.0).round();
        ctx.push(
            ctx.diagnostic(
                &NearDuplicateParagraph::META,
                paragraphs[j].span,
                format!("paragraph nearly repeats an earlier paragraph ({percent}% similar)"),
            )
            .with_help("keep one version, or make each paragraph say something new")
            .with_related(notes.at(paragraphs[i].span.start, "the earlier, similar paragraph")),
        );
    }
}

/// For each paragraph with an earlier one at least `threshold` similar: (its index, the most
/// similar earlier paragraph's index, their similarity), in paragraph order. Only paragraphs
/// that share a shingle are compared: each shingle maps to the first paragraph that has it,
/// and only the rare shingles found again keep a list of their paragraphs.
fn similar_pairs(paragraphs: &[&ProseBlock<'_>], threshold: f64) -> Vec<(usize, usize, f64)> {
    let total = paragraphs.iter().map(|p| p.shingles().len()).sum();
    let mut first: FxHashMap<u64, usize> =
        FxHashMap::with_capacity_and_hasher(total, FxBuildHasher);
    let mut repeated: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (later, paragraph) in paragraphs.iter().enumerate() {
        for &shingle in paragraph.shingles() {
            let earliest = *first.entry(shingle).or_insert(later);
            if earliest == later {
                continue;
            }
            let holders = repeated.entry(shingle).or_insert_with(|| vec![earliest]);
            // Each paragraph meets the earlier ones, within the first MAX_POSTINGS holders.
            if holders.len() < MAX_POSTINGS {
                candidates.extend(holders.iter().map(|&earlier| (later, earlier)));
                holders.push(later);
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut found = Vec::new();
    for pairs in candidates.chunk_by(|a, b| a.0 == b.0) {
        let later = pairs[0].0;
        let best = pairs
            .iter()
            .map(|&(_, earlier)| {
                let similarity =
                    prose::jaccard(paragraphs[earlier].shingles(), paragraphs[later].shingles());
                (earlier, similarity)
            })
            .filter(|(_, similarity)| *similarity >= threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((earlier, similarity)) = best {
            found.push((later, earlier, similarity));
        }
    }
    found
}
