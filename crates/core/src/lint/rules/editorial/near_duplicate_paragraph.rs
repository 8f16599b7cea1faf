use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use serde::{Deserialize, Serialize};

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
    /// Only the writer's prose is compared: a paragraph inside a block quote (an embedded
    /// post, a quoted statement) is never paired with anything, neither with the prose
    /// around it nor with another quoted paragraph. Paraphrasing the post quoted just above
    /// is how a story explains it, and the desk cannot edit someone else's words; a story
    /// about coordinated posting quotes near-identical posts on purpose. A quotation copied
    /// word for word into the prose is still `duplicate-paragraph` (ED001)'s to find.
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
    /// Each paragraph is measured against at most the 8 earlier paragraphs that share the
    /// most three-word runs with it (and a shingle found in more than 64 paragraphs is not
    /// used to find candidates). This keeps the rule linear in the article's length however
    /// its paragraphs overlap; the trade is that in an article where one paragraph shares runs
    /// with more than 8 earlier ones, an earlier paragraph with fewer shared runs but a higher
    /// similarity (a short paragraph restated inside a long one) can be missed.
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
        check: check_near_duplicate_paragraph,
        options: NearDuplicateParagraphOptions,
    }
}

/// Options of ED002.
#[derive(Debug, PartialEq, Deserialize, Serialize)]
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

pub(crate) fn check_near_duplicate_paragraph(ctx: &LintContext<'_>, _article: &Article) {
    let options = ctx.options::<NearDuplicateParagraphOptions>();
    // Exact copies are left to `duplicate-paragraph`: only a text's first copy takes part.
    // Quoted paragraphs are left out before that, so a prose paragraph is never dropped as
    // the copy of a quotation.
    let mut seen = FxHashSet::default();
    let paragraphs: Vec<_> = prose::paragraphs(ctx)
        .filter(|paragraph| {
            if paragraph.in_quote {
                return false;
            }
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
            .with_related(ctx.note(paragraphs[i].span.start, "the earlier, similar paragraph")),
        );
    }
}

/// Earlier paragraphs measured against each paragraph: the ones sharing the most shingles
/// with it. Without a cap, an article whose paragraphs share word runs in a grid pattern
/// meets hundreds of earlier paragraphs per paragraph and measures each in full (a crafted
/// 9.5 MB article took 33 s and 381 MB and reported nothing).
const MAX_CANDIDATES: usize = 8;

/// For each paragraph with an earlier one at least `threshold` similar: (its index, the most
/// similar earlier paragraph's index, their similarity), in paragraph order. Only paragraphs
/// that share a shingle are compared: each shingle maps to the first paragraph that has it,
/// and only the rare shingles found again keep a list of their paragraphs. Of the earlier
/// paragraphs a paragraph shares shingles with, the [`MAX_CANDIDATES`] sharing the most are
/// measured, and only those whose sizes allow `threshold` (the Jaccard index of two sets is at
/// most the smaller size over the larger).
fn similar_pairs(paragraphs: &[&ProseBlock<'_>], threshold: f64) -> Vec<(usize, usize, f64)> {
    let total = paragraphs.iter().map(|p| p.shingles().len()).sum();
    let mut first: FxHashMap<u64, usize> =
        FxHashMap::with_capacity_and_hasher(total, FxBuildHasher);
    let mut repeated: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    // Shingles each earlier paragraph shares with the current one; reused across paragraphs.
    let mut shared: FxHashMap<usize, usize> = FxHashMap::default();
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    let mut found = Vec::new();
    for (later, paragraph) in paragraphs.iter().enumerate() {
        shared.clear();
        for &shingle in paragraph.shingles() {
            let earliest = *first.entry(shingle).or_insert(later);
            if earliest == later {
                continue;
            }
            let holders = repeated.entry(shingle).or_insert_with(|| vec![earliest]);
            // Each paragraph meets the earlier ones, within the first MAX_POSTINGS holders.
            if holders.len() < MAX_POSTINGS {
                for &earlier in holders.iter() {
                    *shared.entry(earlier).or_default() += 1;
                }
                holders.push(later);
            }
        }
        candidates.clear();
        candidates.extend(shared.iter().map(|(&earlier, &count)| (earlier, count)));
        // Most shared shingles first, then the earliest paragraph: a stable choice.
        let by_overlap = |a: &(usize, usize), b: &(usize, usize)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if candidates.len() > MAX_CANDIDATES {
            candidates.select_nth_unstable_by(MAX_CANDIDATES, by_overlap);
            candidates.truncate(MAX_CANDIDATES);
        }
        let size = paragraph.shingles().len();
        let best = candidates
            .iter()
            .map(|&(earlier, _)| earlier)
            .filter(|&earlier| {
                let other = paragraphs[earlier].shingles().len();
                size.min(other) as f64 >= threshold * size.max(other) as f64
            })
            .map(|earlier| {
                #[cfg(test)]
                tests::MEASURED.with(|measured| measured.set(measured.get() + 1));
                let similarity =
                    crate::text::jaccard(paragraphs[earlier].shingles(), paragraph.shingles());
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

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::fmt::Write as _;

    use super::*;
    use crate::lint::rules::prose::tests::with_paragraphs;

    thread_local! {
        /// Pairs of paragraphs measured on this thread.
        pub(super) static MEASURED: Cell<usize> = const { Cell::new(0) };
    }

    /// A grid of `n × n` paragraphs: paragraph (r, c) holds row r's word run and column c's,
    /// so it shares runs with the 2(n - 1) others of its row and column, none closely enough.
    fn grid(n: usize) -> String {
        let mut body = String::new();
        for r in 0..n {
            for c in 0..n {
                for k in 0..10 {
                    let _ = write!(body, "row{r}w{k} ");
                }
                for k in 0..10 {
                    let _ = write!(body, "col{c}w{k} ");
                }
                body.push_str("\n\n");
            }
        }
        body
    }

    #[test]
    fn a_grid_of_shared_runs_measures_a_bounded_number_of_pairs() {
        let n = 20;
        with_paragraphs(&grid(n), |_, paragraphs| {
            assert_eq!(paragraphs.len(), n * n);
            MEASURED.with(|measured| measured.set(0));
            assert_eq!(similar_pairs(paragraphs, 0.3), []);
            // Without the cap, paragraph (r, c) was measured against all r + c earlier
            // paragraphs of its row and column: 7,600 pairs here.
            let measured = MEASURED.with(Cell::get);
            assert!(
                measured <= MAX_CANDIDATES * n * n,
                "{measured} pairs measured"
            );
        });
    }

    #[test]
    fn the_most_similar_earlier_paragraph_is_still_found_among_many() {
        // Nine earlier paragraphs share one run with the last; the fifth is its near copy.
        let shared = "the board met on tuesday to discuss";
        let mut body = String::new();
        for i in 0..9 {
            let _ = write!(body, "{shared} topic{i}");
            for k in 0..12 {
                let _ = write!(body, " unique{i}w{k}");
            }
            if i == 4 {
                body.push_str(" and then voted to approve the new cloud contract with microsoft");
            }
            body.push_str("\n\n");
        }
        let _ = writeln!(
            body,
            "{shared} topic4 unique4w0 unique4w1 unique4w2 unique4w3 unique4w4 unique4w5 unique4w6 \
             unique4w7 unique4w8 unique4w9 unique4w10 unique4w11 and then voted to approve the \
             new cloud contract"
        );
        with_paragraphs(&body, |_, paragraphs| {
            let found = similar_pairs(paragraphs, 0.3);
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!((found[0].0, found[0].1), (9, 4));
        });
    }
}
