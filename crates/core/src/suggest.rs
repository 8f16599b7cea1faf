//! "Did you mean" suggestions for misspelt keys, codes and ids: which candidate is close
//! ([`nearest`]) and how a suggestion is worded ([`did_you_mean`]), for every message that
//! makes one.

use std::collections::HashMap;

/// The candidate closest to `input`, if any is close enough to be a plausible typo.
pub(crate) fn nearest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::jaro_winkler(&input_lower, &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

/// Below this many candidates [`NearestIndex`] compares the input with every candidate.
const SCAN_ALL_BELOW: usize = 256;

/// How many of the candidates sharing most three-letter pieces with the input are scored.
const SHORTLIST: usize = 64;

/// A piece of three characters of a lowercased name, padded at both ends so that the
/// first and last letters count as much as the middle ones.
type Trigram = [char; 3];

/// [`nearest`] over a large, fixed set of candidates (every slug of an archive), without
/// comparing the input with each of them.
///
/// The candidates that share most three-letter pieces with the input are scored with the
/// same measure and threshold as [`nearest`]. A typo of one or two letters keeps most of
/// the pieces, so its intended name is always on that shortlist; a candidate that shares
/// almost nothing with the input could only win on a fluke of the measure. Sets smaller
/// than a few hundred are compared in full, so small newsrooms get exactly [`nearest`].
pub(crate) struct NearestIndex<'a> {
    candidates: Vec<&'a str>,
    postings: HashMap<Trigram, Vec<u32>>,
}

impl<'a> NearestIndex<'a> {
    /// Indexes `candidates` (duplicates are kept once).
    pub(crate) fn new(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let mut candidates: Vec<&'a str> = candidates.into_iter().collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut postings: HashMap<Trigram, Vec<u32>> = HashMap::new();
        if candidates.len() >= SCAN_ALL_BELOW {
            for (position, candidate) in candidates.iter().enumerate() {
                let position = u32::try_from(position).unwrap_or(u32::MAX);
                for trigram in trigrams(candidate) {
                    postings.entry(trigram).or_default().push(position);
                }
            }
        }
        NearestIndex {
            candidates,
            postings,
        }
    }

    /// The candidate closest to `input`, other than those `skip` refuses, as [`nearest`]
    /// would choose it.
    pub(crate) fn nearest(&self, input: &str, skip: impl Fn(&str) -> bool) -> Option<&'a str> {
        if self.candidates.len() < SCAN_ALL_BELOW {
            return nearest(input, self.candidates.iter().copied().filter(|c| !skip(c)));
        }
        let mut shared: HashMap<u32, u16> = HashMap::new();
        for trigram in trigrams(input) {
            for &position in self.postings.get(&trigram).map_or(&[][..], Vec::as_slice) {
                let count = shared.entry(position).or_insert(0);
                *count = count.saturating_add(1);
            }
        }
        let mut shortlist: Vec<(u16, u32)> = shared
            .into_iter()
            .map(|(position, count)| (count, position))
            .collect();
        // Most pieces in common first; the position breaks ties so the choice is stable.
        // A few spares stand in for the candidates `skip` refuses.
        let most_shared = |a: &(u16, u32), b: &(u16, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        let keep = SHORTLIST + 8;
        if shortlist.len() > keep {
            shortlist.select_nth_unstable_by(keep, most_shared);
            shortlist.truncate(keep);
        }
        shortlist.sort_unstable_by(most_shared);
        let candidates = shortlist
            .into_iter()
            .filter_map(|(_, position)| self.candidates.get(position as usize).copied())
            .filter(|candidate| !skip(candidate))
            .take(SHORTLIST);
        nearest(input, candidates)
    }
}

/// The distinct three-character pieces of `name`, lowercased and padded at both ends.
fn trigrams(name: &str) -> Vec<Trigram> {
    const PAD: char = '\u{0}';
    let chars: Vec<char> = std::iter::once(PAD)
        .chain(name.chars().flat_map(char::to_lowercase))
        .chain(std::iter::once(PAD))
        .collect();
    let mut pieces: Vec<Trigram> = chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    pieces.sort_unstable();
    pieces.dedup();
    pieces
}

/// The wording of every suggestion: "did you mean `best`?". Callers put it after their own
/// message with their own separator.
pub(crate) fn did_you_mean(best: &str) -> String {
    format!("did you mean `{best}`?")
}

/// [`did_you_mean`] for a rule, which also names what the code stands for:
/// "did you mean `FM002` (unknown-field)?".
pub(crate) fn did_you_mean_rule(rule: &crate::lint::RuleMeta) -> String {
    format!("did you mean `{}` ({})?", rule.code, rule.name)
}

#[cfg(test)]
mod tests {
    use super::{NearestIndex, did_you_mean, nearest};

    #[test]
    fn one_wording() {
        assert_eq!(did_you_mean("title"), "did you mean `title`?");
        let rule = crate::lint::find("FM002").expect("FM002 exists");
        assert_eq!(
            super::did_you_mean_rule(rule),
            "did you mean `FM002` (unknown-field)?"
        );
    }

    /// A typo of `slug`: one letter dropped, doubled, replaced or swapped with the next.
    fn typo(slug: &str, edit: usize, at: usize) -> String {
        let mut chars: Vec<char> = slug.chars().collect();
        let len = chars.len();
        let at = at % len;
        match edit % 4 {
            0 => {
                chars.remove(at);
            }
            1 => chars.insert(at, chars[at]),
            2 => chars[at] = if chars[at] == 'x' { 'q' } else { 'x' },
            _ => chars.swap(at, (at + 1) % len),
        }
        chars.into_iter().collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// At archive scale the index chooses what comparing with every slug chooses.
        #[test]
        fn index_agrees_with_a_full_comparison(
            slugs in proptest::collection::vec("[a-z]{3,9}(-[a-z]{2,8}){1,4}", 300..600),
            pick in 0usize..1000,
            edit in 0usize..4,
            at in 0usize..40,
        ) {
            let index = NearestIndex::new(slugs.iter().map(String::as_str));
            let input = typo(&slugs[pick % slugs.len()], edit, at);
            let everyone = nearest(&input, slugs.iter().map(String::as_str));
            proptest::prop_assert_eq!(index.nearest(&input, |_| false), everyone);
        }
    }

    #[test]
    fn index_leaves_out_what_it_is_told_to_skip() {
        let slugs: Vec<String> = (0..400).map(|n| format!("council-budget-{n}")).collect();
        let index = NearestIndex::new(slugs.iter().map(String::as_str));
        assert_eq!(
            index.nearest("council-budget-17x", |_| false),
            Some("council-budget-17")
        );
        let best = index.nearest("council-budget-17x", |slug| slug == "council-budget-17");
        assert!(best.is_some_and(|slug| slug != "council-budget-17"));
        assert_eq!(index.nearest("zzzz", |_| false), None);
    }

    #[test]
    fn finds_plausible_typos_only() {
        let keys = ["published", "updated", "title"];
        assert_eq!(nearest("publshed", keys), Some("published"));
        assert_eq!(nearest("Titel", keys), Some("title"));
        assert_eq!(nearest("zzz", keys), None);
    }
}
