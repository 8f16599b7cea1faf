//! Shingles: the overlapping runs of words the similarity rules compare texts by.

/// splitmix64's finaliser: spreads every input bit over the whole output.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Words per shingle in every similarity measure.
pub(crate) const SHINGLE_WORDS: usize = 3;

/// The distinct hashes, sorted, of the overlapping [`SHINGLE_WORDS`]-word runs of `words`
/// (word hashes; one shingle of all the words when there are fewer).
pub(crate) fn shingles(words: &[u64]) -> Vec<u64> {
    let mut out: Vec<u64> = shingle_hashes(words).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The hashes of the shingles of `words` in text order, repeats included.
pub(crate) fn shingle_hashes(words: &[u64]) -> impl Iterator<Item = u64> + '_ {
    words
        .windows(SHINGLE_WORDS.min(words.len()).max(1))
        .map(|window| {
            window
                .iter()
                .fold(0x9E37_79B9_7F4A_7C15, |hash: u64, word| {
                    mix(hash.rotate_left(23) ^ word)
                })
        })
}

/// Jaccard similarity of two sorted shingle sets (0 when both are empty).
///
/// When one set is much larger, the smaller one is looked up in it, so comparing a short
/// paragraph with a huge one costs the short one's size, not the huge one's.
pub(crate) fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let shared = if large.len() / 16 > small.len() {
        small
            .iter()
            .filter(|hash| large.binary_search(hash).is_ok())
            .count()
    } else {
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        shared
    };
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}
