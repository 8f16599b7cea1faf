//! What a word is, for every part of copydesk that reads prose: read times, word counts, the
//! editorial and Markdown rules that compare or match text.
//!
//! - **Segmentation** ([`words`]): a word is a segment between UAX #29 word boundaries that
//!   holds a letter or a digit. Apostrophes join letters ("it’s", "O’Brien"), full stops and
//!   commas join digits ("4.2", "3,000"), underscores join anything; hyphens, dashes, slashes
//!   and white space separate words. Scripts without spaces (Han, Kana) come out a character
//!   at a time; read times count those characters at their own rate.
//! - **Folding** ([`fold_char`], [`key`]): case, apostrophe style and double-quote style never
//!   make two words differ; diacritics do. A word's key also leaves its apostrophes out.
//! - **Word hashes** ([`hashes`], [`hash`]): the hash of each word's key, stable across runs.
//! - **Shingles** ([`shingles`]): hashes of overlapping three-word runs, for similarity.
//! - **Phrases** ([`Folded`], [`PhraseSet`]): whole-word matching over folded text, mapped back
//!   to the original offsets.
//!
//! It lives beside `read_time` rather than under `lint`, because read times count words too
//! and are not a lint.

mod fold;
mod phrase;
mod segment;
mod shingle;

pub(crate) use fold::{fold_char, hash, is_apostrophe, key};
pub(crate) use phrase::{Folded, PhraseSet};
pub(crate) use segment::{WordHashes, count, hashes, words};
pub(crate) use shingle::{jaccard, mix, shingle_hashes, shingles};

/// `text` normalised for comparison: the [`key`]s of its [`words`] joined by single spaces,
/// so case, spacing, punctuation and apostrophe or quote style never make two texts differ.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in words(text).into_iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.extend(word.chars().filter(|c| !is_apostrophe(*c)).map(fold_char));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_hashes(text: &str) -> Vec<u64> {
        hashes(text).words
    }

    #[test]
    fn word_hashes_ignore_case_space_punctuation_and_quote_style() {
        assert_eq!(
            word_hashes("OpenAI’s  “big” deal!"),
            word_hashes("openai's \"big\" deal")
        );
        assert_ne!(word_hashes("big deal"), word_hashes("deal big"));
    }

    #[test]
    fn normalising_ignores_case_space_punctuation_and_quote_style() {
        assert_eq!(
            normalise("OpenAI’s  “big” deal!"),
            normalise("openai's \"big\" deal")
        );
        assert_eq!(normalise("Click-HERE!!!"), "click here");
        assert_eq!(
            normalise("It grew 4.2% in the U.S."),
            "it grew 4.2 in the u.s"
        );
    }

    /// The examples of `docs/text.md`.
    #[test]
    fn words_are_as_documented() {
        for (text, expected) in [
            ("It’s O'Brien's", &["It’s", "O'Brien's"][..]),
            ("4.2 billion, 3,000%", &["4.2", "billion", "3,000"]),
            ("U.S. e.g.", &["U.S", "e.g"]),
            ("snake_case", &["snake_case"]),
            (
                "state-owned — fast/slow",
                &["state", "owned", "fast", "slow"],
            ),
            ("Zoë café", &["Zoë", "café"]),
            ("東京 2026年", &["東", "京", "2026", "年"]),
            ("👍 — …", &[]),
        ] {
            assert_eq!(words(text), expected, "{text}");
        }
        assert_eq!(key("it’s"), key("itʼs"));
        assert_eq!(key("it's"), "its");
        assert_ne!(key("resume"), key("résumé"));
        assert_eq!(normalise("OpenAI’s  “big” deal!"), "openais big deal");
    }

    #[test]
    fn jaccard_looks_a_small_set_up_in_a_large_one() {
        let large: Vec<u64> = (0..1000).collect();
        let small = [5, 500, 2000];
        let expected = 2.0 / 1001.0;
        assert!((jaccard(&small, &large) - expected).abs() < 1e-12);
        assert!((jaccard(&large, &small) - expected).abs() < 1e-12);
    }

    #[test]
    fn jaccard_of_identical_and_disjoint_sets() {
        let a = shingles(&word_hashes("one two three four"));
        let b = shingles(&word_hashes("five six seven eight"));
        assert!((jaccard(&a, &a) - 1.0).abs() < f64::EPSILON);
        assert!(jaccard(&a, &b).abs() < f64::EPSILON);
    }

    proptest::proptest! {
        /// The three readings of a text agree: the normalised text's words are the keys of the
        /// text's words, and hash as the text's words do.
        #[test]
        fn normalise_hashes_and_words_agree(text in super::segment::tests::any_text()) {
            let keys: Vec<String> = words(&text).into_iter().map(key).collect();
            proptest::prop_assert_eq!(normalise(&text), keys.join(" "));
            let key_hashes: Vec<u64> = words(&text).into_iter().map(hash).collect();
            proptest::prop_assert_eq!(word_hashes(&text), key_hashes);
            proptest::prop_assert_eq!(count(&text), keys.len());
        }
    }
}
