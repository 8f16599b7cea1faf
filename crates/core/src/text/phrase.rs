//! Phrase matching over folded text: whole words, any case, any apostrophe or double-quote
//! style, any run of white space for a space, with matches mapped back to the original text.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use rustc_hash::FxHashSet;

use super::fold::{fold_char, hash};
use super::segment::WordHashes;

/// A text folded for phrase matching (lower case, one apostrophe, one double quote, each run
/// of white space one space), with a map back to the text's byte offsets.
#[derive(Debug)]
pub(crate) struct Folded {
    folded: String,
    /// Where offsets stop mapping one to one: (offset in `folded`, offset in the original)
    /// at every character from which the two advance in step again, in order. Most prose
    /// needs none, or one per curly quote or run of spaces.
    shifts: Vec<(usize, usize)>,
}

impl Folded {
    pub(crate) fn new(text: &str) -> Self {
        let mut folded = Vec::with_capacity(text.len());
        let mut shifts = Vec::new();
        // The last shift: offsets map as `last_at + (folded_at - last_folded)` since.
        let (mut last_folded, mut last_at) = (0, 0);
        let mut previous_space = false;
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Runs of printable ASCII, most of prose, fold in bulk; anything else char by char.
            let run = bytes[at..]
                .iter()
                .position(|byte| !byte.is_ascii_graphic())
                .unwrap_or(bytes.len() - at);
            if run > 0 {
                if last_at + (folded.len() - last_folded) != at {
                    shifts.push((folded.len(), at));
                    (last_folded, last_at) = (folded.len(), at);
                }
                folded.extend(bytes[at..at + run].iter().map(u8::to_ascii_lowercase));
                previous_space = false;
                at += run;
                continue;
            }
            let (c, width) = if bytes[at].is_ascii() {
                (char::from(bytes[at]), 1)
            } else {
                let c = text[at..]
                    .chars()
                    .next()
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                (c, c.len_utf8())
            };
            let c = fold_char(c);
            if c == ' ' && previous_space {
                at += width;
                continue;
            }
            previous_space = c == ' ';
            if last_at + (folded.len() - last_folded) != at {
                shifts.push((folded.len(), at));
                (last_folded, last_at) = (folded.len(), at);
            }
            if c.is_ascii() {
                folded.push(c as u8);
            } else {
                folded.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
            at += width;
        }
        if last_at + (folded.len() - last_folded) != text.len() {
            shifts.push((folded.len(), text.len()));
        }
        // Whole characters were pushed, so the bytes are UTF-8.
        let folded = String::from_utf8(folded).unwrap_or_default();
        Folded { folded, shifts }
    }

    /// The offset in the original text of the character at `at` in the folded one (or of
    /// the end).
    fn origin(&self, at: usize) -> usize {
        match self
            .shifts
            .partition_point(|(folded_at, _)| *folded_at <= at)
        {
            0 => at,
            i => {
                let (folded_at, original_at) = self.shifts[i - 1];
                original_at + (at - folded_at)
            }
        }
    }

    /// Every match of `phrase` as byte ranges of the original text: case-insensitive,
    /// straight and typographic quotes alike, any run of spaces for a space, whole words only.
    pub(crate) fn find(&self, phrase: &str) -> Vec<Range<usize>> {
        let needle = Folded::new(phrase.trim()).folded;
        if needle.is_empty() {
            return Vec::new();
        }
        let mut found = Vec::new();
        let mut from = 0;
        for start in memchr::memmem::find_iter(self.folded.as_bytes(), needle.as_bytes()) {
            if start < from {
                continue;
            }
            let end = start + needle.len();
            if self.is_whole_word(start, end, &needle) {
                found.push(self.origin(start)..self.origin(end));
                from = end;
            }
        }
        found
    }

    /// Every whole-word match of any phrase of `set`, as (index of the phrase in the set,
    /// byte range of the original text), in order of where they end.
    pub(crate) fn find_any(&self, set: &PhraseSet) -> Vec<(usize, Range<usize>)> {
        let Some(automaton) = &set.automaton else {
            let mut found: Vec<_> = set
                .needles
                .iter()
                .flat_map(|(id, needle)| self.find(needle).into_iter().map(move |r| (*id, r)))
                .collect();
            found.sort_by_key(|(_, range)| (range.end, range.start));
            return found;
        };
        let mut found = Vec::new();
        // Matches of one phrase never overlap each other, as in [`Folded::find`].
        let mut free_from = vec![0; set.needles.len()];
        for m in automaton.find_overlapping_iter(self.folded.as_str()) {
            let pattern = m.pattern().as_usize();
            let (id, needle) = &set.needles[pattern];
            if m.start() >= free_from[pattern] && self.is_whole_word(m.start(), m.end(), needle) {
                free_from[pattern] = m.end();
                found.push((*id, self.origin(m.start())..self.origin(m.end())));
            }
        }
        found
    }

    /// Whether `start..end` of the folded text, a match of `needle`, neither starts nor ends
    /// inside a word.
    fn is_whole_word(&self, start: usize, end: usize, needle: &str) -> bool {
        let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let before = self.folded[..start].chars().next_back();
        let after = self.folded[end..].chars().next();
        let cuts_in_before = alphanumeric(before) && alphanumeric(needle.chars().next());
        let cuts_in_after = alphanumeric(after) && alphanumeric(needle.chars().next_back());
        !(cuts_in_before || cuts_in_after)
    }
}

/// Phrases folded and compiled once, to find them all in one pass over a text.
#[derive(Debug)]
pub(crate) struct PhraseSet {
    /// The folded phrases with their index in the list given to [`PhraseSet::new`]; empty
    /// phrases are left out.
    needles: Vec<(usize, String)>,
    /// `None` only if the automaton could not be built (a list far beyond any real one);
    /// the phrases are then searched one by one.
    automaton: Option<AhoCorasick>,
    /// Finds, in a text not yet folded, the longest run of ASCII letters and digits of each
    /// phrase (its anchor): a text without any of them cannot match (see
    /// [`PhraseSet::may_match`]). `None` when some phrase has no such run.
    anchors: Option<AhoCorasick>,
    /// The anchors' [`hash`]es, to look them up among a text's word hashes.
    anchor_hashes: FxHashSet<u64>,
}

impl PhraseSet {
    pub(crate) fn new<S: AsRef<str>>(phrases: &[S]) -> Self {
        let needles: Vec<(usize, String)> = phrases
            .iter()
            .enumerate()
            .map(|(id, phrase)| (id, Folded::new(phrase.as_ref().trim()).folded))
            .filter(|(_, needle)| !needle.is_empty())
            .collect();
        // A DFA searches fastest, and the lists are small enough that its size never matters.
        // Prose is dense with the phrases' letters, so a byte prefilter only adds restarts.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .prefilter(false)
            .build(needles.iter().map(|(_, needle)| needle))
            .ok();
        let anchors: Option<Vec<&str>> = needles
            .iter()
            .map(|(_, needle)| {
                needle
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .max_by_key(|run| run.len())
                    .filter(|run| !run.is_empty())
            })
            .collect();
        let anchor_hashes = anchors
            .iter()
            .flatten()
            .map(|anchor| hash(anchor))
            .collect();
        let anchors = anchors.and_then(|anchors| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(anchors)
                .ok()
        });
        PhraseSet {
            needles,
            automaton,
            anchors,
            anchor_hashes,
        }
    }

    /// Whether `text`, whose [`super::hashes`] are `hashes`, may contain a phrase of the set;
    /// `false` only when it cannot. Folding makes a character an ASCII letter or digit only by
    /// lower-casing an ASCII capital or the Kelvin sign (K), and never splits or joins runs of
    /// letters and digits otherwise, so a text that matches holds each phrase's anchor as a
    /// whole run, in some ASCII case. The word hashes usually list those runs already (the
    /// Kelvin sign is not among the characters that allows); otherwise the text is searched.
    pub(crate) fn may_match(&self, text: &str, hashes: &WordHashes) -> bool {
        let Some(anchors) = &self.anchors else {
            return !self.needles.is_empty();
        };
        match &hashes.inner_runs {
            Some(inner_runs) => hashes
                .words
                .iter()
                .chain(inner_runs)
                .any(|run| self.anchor_hashes.contains(run)),
            None => text.contains('\u{212A}') || anchors.is_match(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_phrase(text: &str, phrase: &str) -> Vec<Range<usize>> {
        Folded::new(text).find(phrase)
    }

    proptest::proptest! {
        #[test]
        fn a_text_the_anchors_rule_out_has_no_match(
            text in "[a-dA-D’' \u{a0}\u{212A}kK.]{0,24}"
        ) {
            let set = PhraseSet::new(&["a b", "bad", "it's ok", "ka", "c.d", "’d"]);
            let found = Folded::new(&text).find_any(&set);
            let may = set.may_match(&text, &super::super::hashes(&text));
            proptest::prop_assert!(may || found.is_empty(), "{:?}", found);
        }
    }

    #[test]
    fn a_phrase_set_finds_what_each_phrase_finds() {
        let text = "According  to IDC, data from Gartner; according to a report, it’s data.";
        let phrases = ["according to", "data from", "it's", "data", "", "to"];
        let folded = Folded::new(text);
        let mut one_by_one: Vec<_> = phrases
            .iter()
            .enumerate()
            .flat_map(|(i, p)| folded.find(p).into_iter().map(move |r| (i, r)))
            .collect();
        let mut together = folded.find_any(&PhraseSet::new(&phrases));
        one_by_one.sort_by_key(|(i, r)| (r.start, *i));
        together.sort_by_key(|(i, r)| (r.start, *i));
        assert_eq!(together, one_by_one);
        assert_eq!(&text[together[0].1.clone()], "According  to");
    }

    #[test]
    fn phrases_match_whole_words_any_case_and_apostrophe() {
        let text = "Needless to say, it’s today’s news. In Today's Fast-Paced world";
        assert_eq!(find_phrase(text, "needless to say"), vec![0..15]);
        assert_eq!(find_phrase(text, "it's").len(), 1);
        assert_eq!(find_phrase(text, "in today's fast-paced world").len(), 1);
        assert!(find_phrase("Sayings", "say").is_empty());
        assert!(find_phrase("this", "his").is_empty());
    }
}
