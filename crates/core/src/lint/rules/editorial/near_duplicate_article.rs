use std::hash::{DefaultHasher, Hash, Hasher};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{LineColumn, Span};
use crate::lint::rule::{RuleFacts, declare_rule};
use crate::lint::{CorpusContext, LintContext};

declare_rule! {
    /// ## What it does
    /// Reports two articles whose bodies are nearly the same. Each body's prose (paragraphs,
    /// headings, table cells; not code) is cut into overlapping three-word runs
    /// ("shingles", after normalising case, punctuation and quote style) and summarised as
    /// a 64-value `MinHash` signature (one-permutation hashing with densification). Signatures that agree in every row of one of 16 bands
    /// of 4 rows are candidates (locality-sensitive hashing, so the corpus is never compared
    /// pair by pair); a candidate pair whose estimated Jaccard similarity is at or over
    /// `threshold` (default 0.7) is reported on the later file, with a note at the earlier
    /// one. Bodies under 50 words are skipped.
    ///
    /// Two articles with the same title (the same words after normalising case,
    /// punctuation, quote style and word order, leaving out words under three letters and a
    /// plural "s") are always compared, and reported from `same_title_threshold` (default
    /// 0.3): the same wire story published twice under two slugs keeps its headline, but
    /// different trims can leave the bodies only about 40% alike. Different stories under
    /// one generic headline ("Letters to the editor") need a body that overlaps that much
    /// too, which they rarely do; raise the option if they do in your newsroom.
    ///
    /// ## Why is this bad?
    /// Two copies of one story split readers, links and search ranking, and one copy is
    /// usually stale: a draft saved under a new slug, or a rewrite that was meant to replace
    /// the original.
    ///
    /// ## Example
    /// ```markdown
    /// +++
    /// slug = "openai-breaks-microsofts-hold"
    /// +++
    ///
    /// OpenAI has renegotiated its deal with Microsoft, ending Azure exclusivity. …
    /// ```
    /// and, in another file:
    /// ```markdown
    /// +++
    /// slug = "openai-ends-azure-exclusivity"
    /// +++
    ///
    /// OpenAI has renegotiated its deal with Microsoft, ending Azure exclusivity. …
    /// ```
    ///
    /// Use instead: one article, and `related` or an `article:` link from the other story
    /// when there really are two:
    /// ```markdown
    /// +++
    /// slug = "openai-breaks-microsofts-hold"
    /// +++
    ///
    /// OpenAI has renegotiated its deal with Microsoft, ending Azure exclusivity. …
    /// ```
    ///
    /// ## Options
    /// `threshold` (number from 0 to 1, default 0.7) and `same_title_threshold` (default
    /// 0.3): `[lint.options] ED008 = { threshold = 0.9, same_title_threshold = 0.5 }`.
    pub(crate) struct NearDuplicateArticle {
        code: "ED008",
        name: "near-duplicate-article",
        severity: Warning,
        fix: None,
        scope: Corpus,
        summary: "two articles in the corpus whose bodies are nearly the same",
        check: check_near_duplicate_article,
        options: NearDuplicateArticleOptions,
        facts: NearDuplicateFacts,
    }
}

/// Options of ED008.
#[derive(Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct NearDuplicateArticleOptions {
    pub(crate) threshold: f64,
    /// The threshold for two articles with the same title.
    pub(crate) same_title_threshold: f64,
}

impl Default for NearDuplicateArticleOptions {
    fn default() -> Self {
        NearDuplicateArticleOptions {
            threshold: 0.7,
            same_title_threshold: 0.3,
        }
    }
}

/// Title words shorter than this are left out of [`title_key`].
const TITLE_WORD_MIN: usize = 3;

/// A key equal for titles with the same words after normalising case, punctuation, quote
/// style and order, leaving out words under three letters and a plural "s": "Port strike
/// ends after nine days" and "Port Strikes End After Nine Days" share a key. 0 for a title
/// with no such word.
pub(crate) fn title_key(title: &str) -> u64 {
    let keys: Vec<String> = crate::text::words(title)
        .into_iter()
        .map(crate::text::key)
        .collect();
    let mut kept: Vec<&str> = keys
        .iter()
        .filter(|word| word.chars().count() >= TITLE_WORD_MIN)
        .map(|word| {
            word.strip_suffix('s')
                .filter(|w| w.len() >= TITLE_WORD_MIN)
                .unwrap_or(word)
        })
        .collect();
    kept.sort_unstable();
    kept.dedup();
    if kept.is_empty() {
        return 0;
    }
    kept.iter().fold(0x51_7C_C1_B7_27_22_0A_95, |hash, word| {
        crate::text::mix(hash.rotate_left(17) ^ crate::text::hash(word))
    })
}

/// Values in a signature.
pub(crate) const SIGNATURE_SIZE: usize = BANDS * ROWS;
const BANDS: usize = 16;
const ROWS: usize = 4;
/// Bodies shorter than this are not compared.
const MIN_WORDS: usize = 50;
/// Articles compared with each new member of an LSH bucket, so a corpus of many copies
/// stays linear.
const MAX_BUCKET_COMPARISONS: usize = 16;

/// A `MinHash` signature of a body's word shingles: each bin's smallest shingle hash, cut to
/// its low 32 bits. Two different minima agree once in 2^32 comparisons, far below the
/// estimate's own error, and the signatures of a large newsroom take half the memory.
pub(crate) type Signature = Box<[u32; SIGNATURE_SIZE]>;

/// What the rule keeps of an article: a `MinHash` of the body's word shingles (`None` for a
/// short body), the body's first line to point at, and the title key same-headline articles
/// are paired by.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct NearDuplicateFacts {
    #[serde(with = "signature_serde")]
    minhash: Option<Signature>,
    body_span: Span,
    body_position: LineColumn,
    /// The title's words, normalised, hashed ([`title_key`]).
    title_key: u64,
}

impl RuleFacts for NearDuplicateFacts {
    // Bump the index format when the signature is computed differently.
    const KEY: &'static str = "near-duplicate-article";

    fn collect(ctx: &LintContext<'_>) -> Self {
        let body_span = first_line(ctx);
        NearDuplicateFacts {
            minhash: signature(ctx),
            body_span,
            body_position: ctx.position(body_span.start),
            title_key: title_key(&ctx.article.title),
        }
    }
}

/// serde for the signature: a fixed array longer than serde's built-in array support, stored
/// as a sequence of its values. Written against the slice and `TryFrom<Vec>` forms so a
/// change of the array's length needs no change here; a stored signature of another length
/// fails to read, which discards the index.
mod signature_serde {
    use std::ops::Deref;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[allow(clippy::ref_option, reason = "the signature serde's `with` calls")]
    pub(super) fn serialize<S, T, A>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        T: Deref<Target = A>,
        A: AsRef<[u32]> + ?Sized,
    {
        value.as_deref().map(AsRef::as_ref).serialize(serializer)
    }

    pub(super) fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: TryFrom<Vec<u32>>,
    {
        Option::<Vec<u32>>::deserialize(deserializer)?
            .map(|values| {
                T::try_from(values)
                    .map_err(|_| serde::de::Error::custom("signature of the wrong length"))
            })
            .transpose()
    }
}

/// The first line of the body's first block (the body's end when it has none).
fn first_line(ctx: &LintContext<'_>) -> Span {
    let Some(first) = ctx.root.first_child() else {
        return Span::at(ctx.article.layout.body.end);
    };
    let span = ctx.span_of(first.data.borrow().sourcepos);
    let line_end = ctx
        .article
        .source
        .get(span.start..span.end)
        .and_then(|text| text.find('\n'));
    line_end.map_or(span, |end| Span::new(span.start, span.start + end))
}

/// The `MinHash` signature of an article body, or `None` for a body under 50 words.
///
/// One-permutation hashing: each shingle hash lands in one of the signature's bins and each
/// bin keeps its smallest hash, so a body costs one hash per shingle rather than one per
/// shingle and bin. Bins no shingle reached borrow the value of a filled bin chosen by a
/// fixed pseudo-random sequence of their own (optimal densification, Shrivastava 2017), which
/// keeps two signatures' agreement an unbiased estimate of their Jaccard similarity.
fn signature(ctx: &LintContext<'_>) -> Option<Signature> {
    let words: Vec<u64> = ctx
        .prose_blocks()
        .iter()
        .flat_map(|block| block.words().iter().copied())
        .collect();
    if words.len() < MIN_WORDS {
        return None;
    }
    let mut bins = [None::<u64>; SIGNATURE_SIZE];
    for shingle in crate::text::shingle_hashes(&words) {
        let bin = &mut bins[bin_of(shingle)];
        *bin = Some(bin.map_or(shingle, |kept| kept.min(shingle)));
    }
    let mut signature = Box::new([0; SIGNATURE_SIZE]);
    for (i, slot) in signature.iter_mut().enumerate() {
        let hash = match bins[i] {
            Some(hash) => hash,
            None => borrowed(&bins, i)?,
        };
        *slot = hash as u32;
    }
    Some(signature)
}

/// The bin of a shingle hash (the hash's high bits scaled to the signature's size).
fn bin_of(hash: u64) -> usize {
    ((u128::from(hash) * SIGNATURE_SIZE as u128) >> 64) as usize
}

/// The value an empty bin `i` borrows: the first filled bin of its own probe sequence, or,
/// in the unlikely case the sequence keeps missing, the next filled bin after it.
fn borrowed(bins: &[Option<u64>; SIGNATURE_SIZE], i: usize) -> Option<u64> {
    const PROBES: u64 = 256;
    (0..PROBES)
        .find_map(|attempt| bins[bin_of(crate::text::mix((i as u64) << 32 | attempt))])
        .or_else(|| (1..SIGNATURE_SIZE).find_map(|step| bins[(i + step) % SIGNATURE_SIZE]))
}

/// An article with a signature: its facts, its ED008 facts and the signature.
type Signed<'a> = (
    (&'a crate::lint::ArticleFacts, &'a NearDuplicateFacts),
    &'a [u32; SIGNATURE_SIZE],
);

/// What pairing looks at: an article's title key and its signature.
type Keys<'a> = (u64, &'a [u32; SIGNATURE_SIZE]);

/// The hash of band `band` of a signature, which buckets articles in that band.
fn band_hash(signature: &[u32; SIGNATURE_SIZE], band: usize) -> u64 {
    let mut hasher = DefaultHasher::new();
    signature[band * ROWS..(band + 1) * ROWS].hash(&mut hasher);
    hasher.finish()
}

/// For each article, the earlier articles it is compared with: those sharing its title key
/// or one of its bands (locality-sensitive hashing), at most [`MAX_BUCKET_COMPARISONS`] from
/// each title or bucket, the first ones in path order.
fn candidates_in_buckets(signed: &[Keys<'_>]) -> Vec<(usize, Vec<usize>)> {
    let mut candidates: Vec<Vec<usize>> = vec![Vec::new(); signed.len()];
    // The same wire story run twice under two slugs keeps its headline but is trimmed
    // differently, so its bodies can share too little to meet in a band: same-titled
    // articles are candidates anyway, and a lower threshold applies to them.
    let mut titles: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (j, &(title_key, _)) in signed.iter().enumerate() {
        if title_key == 0 {
            continue;
        }
        let same = titles.entry(title_key).or_default();
        candidates[j].extend(same.iter().take(MAX_BUCKET_COMPARISONS).copied());
        same.push(j);
    }
    // One band at a time, so only one band's buckets are held at once; the order in which
    // a article's candidates are found does not change which one is chosen.
    let mut buckets: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for band in 0..BANDS {
        buckets.clear();
        for (j, (_, signature)) in signed.iter().enumerate() {
            let bucket = buckets.entry(band_hash(signature, band)).or_default();
            candidates[j].extend(bucket.iter().take(MAX_BUCKET_COMPARISONS).copied());
            bucket.push(j);
        }
    }
    candidates.into_iter().enumerate().collect()
}

/// [`candidates_in_buckets`] for article `j` alone, without bucketing the others: what an
/// editor's lint of one open article needs. Scans the earlier articles in path order, so it
/// picks the same ones (comparing a band's first value before its hash, so two different bands
/// that merely hash alike, a one in 2^64 chance, are not paired here).
fn earlier_candidates(signed: &[Keys<'_>], j: usize) -> Vec<usize> {
    let (title_key, signature) = signed[j];
    let earlier = &signed[..j];
    let mut found = Vec::new();
    if title_key != 0 {
        found.extend(
            earlier
                .iter()
                .enumerate()
                .filter(|(_, (other, _))| *other == title_key)
                .map(|(i, _)| i)
                .take(MAX_BUCKET_COMPARISONS),
        );
    }
    for band in 0..BANDS {
        let hash = band_hash(signature, band);
        found.extend(
            earlier
                .iter()
                .enumerate()
                .filter(|(_, (_, other))| {
                    other[band * ROWS] == signature[band * ROWS] && band_hash(other, band) == hash
                })
                .map(|(i, _)| i)
                .take(MAX_BUCKET_COMPARISONS),
        );
    }
    found
}

pub(crate) fn check_near_duplicate_article(ctx: &CorpusContext<'_>) {
    let options = ctx.options::<NearDuplicateArticleOptions>();
    let signed: Vec<Signed<'_>> = ctx
        .facts
        .iter()
        .filter_map(|article| {
            let facts = article.get::<NearDuplicateFacts>()?;
            Some(((article, facts), facts.minhash.as_deref()?))
        })
        .collect();
    let keys: Vec<Keys<'_>> = signed
        .iter()
        .map(|&((_, facts), signature)| (facts.title_key, signature))
        .collect();
    let candidates = if ctx.reports_every_article() {
        candidates_in_buckets(&keys)
    } else {
        signed
            .iter()
            .enumerate()
            .filter(|(_, ((article, _), _))| ctx.reports_on(article))
            .map(|(j, _)| (j, earlier_candidates(&keys, j)))
            .collect()
    };
    for (j, earlier) in candidates {
        let ((later, later_facts), later_signature) = signed[j];
        let same_title = |i: usize| {
            later_facts.title_key != 0 && signed[i].0.1.title_key == later_facts.title_key
        };
        let best = earlier
            .into_iter()
            .map(|i| {
                let agreeing = signed[i]
                    .1
                    .iter()
                    .zip(later_signature.iter())
                    .filter(|(a, b)| a == b)
                    .count();
                (i, agreeing as f64 / SIGNATURE_SIZE as f64)
            })
            .filter(|&(i, similarity)| {
                similarity >= options.threshold
                    || same_title(i) && similarity >= options.same_title_threshold
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let Some((i, similarity)) = best else {
            continue;
        };
        let ((first, first_facts), _) = signed[i];
        let percent = (similarity * 100.0).round();
        let message = if similarity < options.threshold {
            format!(
                "same headline as article `{}`, and the body overlaps it (about {percent}% similar): the same story twice",
                first.slug
            )
        } else {
            format!(
                "body is nearly the same as article `{}` (about {percent}% similar)",
                first.slug
            )
        };
        ctx.push(
            ctx.diagnostic(
                &NearDuplicateArticle::META,
                later,
                later_facts.body_span,
                message,
            )
            .with_help("keep one article; link or relate the other story instead")
            .with_related(CorpusContext::related(
                first,
                first_facts.body_position,
                "the earlier, similar article",
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{SIGNATURE_SIZE, candidates_in_buckets, earlier_candidates};

    proptest! {
        /// One open article's candidates, found by scanning, are the ones bucketing every
        /// article gives it: signatures drawn from a few values so bands often agree, and
        /// title keys from a few so titles often repeat.
        #[test]
        fn scanning_for_one_article_finds_what_buckets_find(
            articles in proptest::collection::vec(
                (0u64..4, proptest::collection::vec(0u32..3, SIGNATURE_SIZE)),
                1..60,
            ),
        ) {
            let signatures: Vec<[u32; SIGNATURE_SIZE]> = articles
                .iter()
                .map(|(_, values)| values.as_slice().try_into().expect("signature length"))
                .collect();
            let keys: Vec<_> = articles
                .iter()
                .zip(&signatures)
                .map(|((title, _), signature)| (*title, signature))
                .collect();
            for (j, mut bucketed) in candidates_in_buckets(&keys) {
                let mut scanned = earlier_candidates(&keys, j);
                bucketed.sort_unstable();
                scanned.sort_unstable();
                prop_assert_eq!(scanned, bucketed, "article {}", j);
            }
        }
    }
}
