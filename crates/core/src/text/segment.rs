//! Segmentation: Unicode words (UAX #29, as `unicode-segmentation` finds them) with a fast
//! path for the text most prose is made of.
//!
//! Word segmentation runs over every byte of every article, for read times and for the
//! editorial rules, and the general algorithm spends most of its time on table lookups that
//! plain English never needs. Text made only of ASCII and a handful of common typographic
//! characters (curly quotes, dashes, ellipsis, no-break space, currency signs) is segmented
//! here directly; anything else goes to `unicode-segmentation`. Property tests check that
//! both give the same words, and the same hashes, on any text.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::fold::{FNV_OFFSET, feed, hash};

/// Word-break classes of the characters the fast path accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Numeric,
    /// `_`: joins letters and digits on both sides.
    ExtendNumLet,
    /// `:`: joins letters only.
    MidLetter,
    /// `,` and `;`: join digits only.
    MidNum,
    /// `.`, `'`, `‘`, `’`: join letters with letters, digits with digits.
    MidNumLet,
    /// Everything else the fast path accepts: never part of a word.
    Other,
}

impl Class {
    fn is_alphanumeric(self) -> bool {
        matches!(self, Class::Letter | Class::Numeric)
    }
}

/// The class of `c`, or `None` when the fast path does not know its word-break property.
fn class(c: char) -> Option<Class> {
    Some(match c {
        'a'..='z' | 'A'..='Z' => Class::Letter,
        '0'..='9' => Class::Numeric,
        '_' => Class::ExtendNumLet,
        ':' => Class::MidLetter,
        ',' | ';' => Class::MidNum,
        '.' | '\'' | '‘' | '’' => Class::MidNumLet,
        // U+000B and U+000C are line breaks in UAX #29, but break like any other character
        // here too, since neither is ever part of a word.
        '\0'..='\x7f'
        | '\u{a0}'
        | '“'
        | '”'
        | '—'
        | '–'
        | '…'
        | '€'
        | '£'
        | '•'
        | '°'
        | '×'
        | '§'
        | '©'
        | '®'
        | '™' => Class::Other,
        _ => return None,
    })
}

/// The words of `text`, in order.
pub(crate) fn words(text: &str) -> Vec<&str> {
    let mut visitor = Words(Vec::new());
    if segment_fast(text, &mut visitor) {
        visitor.0
    } else {
        general_words(text).collect()
    }
}

/// The words of `text` by the general algorithm: the segments of UAX #29 word boundaries
/// that hold a letter or a digit.
fn general_words(text: &str) -> impl Iterator<Item = &str> {
    text.unicode_words()
}

/// The number of words in `text`: as many as [`words`] finds.
pub(crate) fn count(text: &str) -> usize {
    let mut visitor = Count(0);
    if segment_fast(text, &mut visitor) {
        visitor.0
    } else {
        general_words(text).count()
    }
}

/// The words of a text as hashes and byte ranges, and the hashes of its runs of ASCII letters
/// and digits: one reading of the text that every rule looking at its words shares.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordHashes {
    /// The [`hash`] of every word, in order.
    pub(crate) words: Vec<u64>,
    /// The byte range of every word in the text, in the same order.
    pub(crate) spans: Vec<Range<usize>>,
    /// The [`hash`] of each run of ASCII letters and digits inside the words that hold other
    /// characters too ("it’s": `it`, `s`). A word of letters and digits only is its own run,
    /// so these and `words` hash every such run of the text. `None` when the text took the
    /// general path, which does not collect them.
    pub(crate) inner_runs: Option<Vec<u64>>,
    /// The byte offset of each of `inner_runs`.
    inner_starts: Vec<usize>,
}

impl WordHashes {
    /// Calls `visit` with the [`hash`] and byte offset of every run of ASCII letters and
    /// digits of `text` (the text these hashes were read from), and of the words that hold
    /// other characters as well, which no run has.
    pub(crate) fn for_each_run(&self, text: &str, mut visit: impl FnMut(u64, usize)) {
        for (&hash, span) in self.words.iter().zip(&self.spans) {
            visit(hash, span.start);
        }
        match &self.inner_runs {
            Some(inner_runs) => {
                for (&hash, &at) in inner_runs.iter().zip(&self.inner_starts) {
                    visit(hash, at);
                }
            }
            // The general path read no runs: each word is cut into its own.
            None => {
                for span in &self.spans {
                    for (at, run) in ascii_runs(&text[span.clone()]) {
                        visit(hash(run), span.start + at);
                    }
                }
            }
        }
    }
}

/// The runs of ASCII letters and digits of `text`, with their byte offsets.
fn ascii_runs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let start = text.as_ptr() as usize;
    text.as_bytes()
        .split(|byte| !byte.is_ascii_alphanumeric())
        .filter(|run| !run.is_empty())
        // A run of ASCII bytes is whole characters.
        .map(move |run| {
            (
                run.as_ptr() as usize - start,
                std::str::from_utf8(run).unwrap_or_default(),
            )
        })
}

/// The [`WordHashes`] of `text`: the [`hash`] of each of its [`words`]. On the fast path each
/// word is hashed as it is read, instead of being read again afterwards.
pub(crate) fn hashes(text: &str) -> WordHashes {
    let mut visitor = Hashes {
        out: WordHashes {
            inner_runs: Some(Vec::new()),
            ..WordHashes::default()
        },
        text_start: text.as_ptr() as usize,
        hash: FNV_OFFSET,
        mixed: false,
    };
    if segment_fast(text, &mut visitor) {
        visitor.out
    } else {
        let (words, spans) = general_words(text)
            .map(|word| (hash(word), span_in(text.as_ptr() as usize, word)))
            .unzip();
        WordHashes {
            words,
            spans,
            inner_runs: None,
            inner_starts: Vec::new(),
        }
    }
}

/// The byte range of `word`, a slice of the text that starts at address `text_start`.
fn span_in(text_start: usize, word: &str) -> Range<usize> {
    let start = word.as_ptr() as usize - text_start;
    start..start + word.len()
}

/// What the fast path reports while it reads words.
trait Visitor<'t> {
    /// Forget everything reported: the text turned out to need the general path.
    fn reset(&mut self);
    /// An ASCII byte of the word being read. Curly apostrophes, the only other characters a
    /// fast-path word can hold, are not passed.
    fn byte(&mut self, _byte: u8) {}
    /// A curly apostrophe inside the word being read.
    fn curly_apostrophe(&mut self) {}
    /// The word, once read whole.
    fn word(&mut self, word: &'t str);
    /// The bytes since the last word were not a word after all (underscores only).
    fn discard(&mut self) {}
}

struct Count(usize);

/// Collects words as the fast path reads them.
struct Words<'t>(Vec<&'t str>);

impl<'t> Visitor<'t> for Words<'t> {
    fn reset(&mut self) {
        self.0.clear();
    }

    fn word(&mut self, word: &'t str) {
        self.0.push(word);
    }
}

impl Visitor<'_> for Count {
    fn reset(&mut self) {
        self.0 = 0;
    }

    fn word(&mut self, _word: &str) {
        self.0 += 1;
    }
}

/// Hashes words as [`hash`] does, from their bytes as they are read.
struct Hashes {
    out: WordHashes,
    /// The address of the text's first byte: words are slices of it.
    text_start: usize,
    hash: u64,
    /// Whether the word being read has a character other than ASCII letters and digits.
    mixed: bool,
}

impl Visitor<'_> for Hashes {
    fn reset(&mut self) {
        self.out = WordHashes::default();
        self.hash = FNV_OFFSET;
        self.mixed = false;
    }

    fn curly_apostrophe(&mut self) {
        self.mixed = true;
    }

    fn byte(&mut self, byte: u8) {
        self.mixed |= !byte.is_ascii_alphanumeric();
        if byte != b'\'' {
            self.hash = feed(self.hash, byte.to_ascii_lowercase());
        }
    }

    fn word(&mut self, word: &str) {
        self.out.words.push(self.hash);
        self.out.spans.push(span_in(self.text_start, word));
        self.hash = FNV_OFFSET;
        if std::mem::take(&mut self.mixed)
            && let Some(inner_runs) = &mut self.out.inner_runs
        {
            let word_start = span_in(self.text_start, word).start;
            for (at, run) in ascii_runs(word) {
                inner_runs.push(hash(run));
                self.out.inner_starts.push(word_start + at);
            }
        }
    }

    fn discard(&mut self) {
        self.hash = FNV_OFFSET;
        self.mixed = false;
    }
}

/// Segments `text` when every character is one the fast path knows; otherwise resets the
/// visitor and returns `false`.
fn segment_fast<'t>(text: &'t str, visitor: &mut impl Visitor<'t>) -> bool {
    // Unknown characters are rare: reading stops at the first, and the general path starts over.
    let Some(()) = segment_known(text, visitor) else {
        visitor.reset();
        return false;
    };
    true
}

/// The body of [`segment_fast`]: `None` at the first character the fast path does not know.
fn segment_known<'t>(text: &'t str, visitor: &mut impl Visitor<'t>) -> Option<()> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (first, width) = class_at(text, i)?;
        if !(first.is_alphanumeric() || first == Class::ExtendNumLet) {
            i += width;
            continue;
        }
        let start = i;
        visitor.byte(bytes[i]);
        let mut has_alphanumeric = first.is_alphanumeric();
        let mut last = first;
        let mut end = i + width;
        while end < bytes.len() {
            let (next, next_width) = class_at(text, end)?;
            let joins_alone = matches!(next, Class::Letter | Class::Numeric | Class::ExtendNumLet);
            if joins_alone {
                visitor.byte(bytes[end]);
                has_alphanumeric |= next.is_alphanumeric();
                last = next;
                end += next_width;
                continue;
            }
            // A middle character joins only when the same kind follows it ("it's", "4.2").
            if end + next_width >= bytes.len() {
                break;
            }
            let (after, after_width) = class_at(text, end + next_width)?;
            let joins_letters = matches!(next, Class::MidLetter | Class::MidNumLet)
                && last == Class::Letter
                && after == Class::Letter;
            let joins_digits = matches!(next, Class::MidNum | Class::MidNumLet)
                && last == Class::Numeric
                && after == Class::Numeric;
            if !(joins_letters || joins_digits) {
                break;
            }
            if next_width == 1 {
                visitor.byte(bytes[end]);
            } else {
                visitor.curly_apostrophe();
            }
            visitor.byte(bytes[end + next_width]);
            has_alphanumeric = true;
            last = after;
            end += next_width + after_width;
        }
        if has_alphanumeric {
            visitor.word(&text[start..end]);
        } else {
            visitor.discard();
        }
        i = end;
    }
    Some(())
}

/// Classes of the ASCII characters, by code.
const ASCII_CLASSES: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = match byte as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b'0'..=b'9' => Class::Numeric,
            b'_' => Class::ExtendNumLet,
            b':' => Class::MidLetter,
            b',' | b';' => Class::MidNum,
            b'.' | b'\'' => Class::MidNumLet,
            _ => Class::Other,
        };
        byte += 1;
    }
    table
};

/// The class and width of the character at byte `i` (a character boundary), or `None` when
/// the fast path does not know it.
#[inline]
fn class_at(text: &str, i: usize) -> Option<(Class, usize)> {
    let byte = text.as_bytes()[i];
    if byte.is_ascii() {
        Some((ASCII_CLASSES[usize::from(byte)], 1))
    } else {
        class_of_char_at(text, i)
    }
}

/// [`class_at`] for a character outside ASCII, kept out of line so the ASCII path stays small.
#[inline(never)]
fn class_of_char_at(text: &str, i: usize) -> Option<(Class, usize)> {
    let c = text[i..].chars().next()?;
    Some((class(c)?, c.len_utf8()))
}

#[cfg(test)]
pub(super) mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn counts_and_hashes_survive_a_late_unknown_character() {
        let text = "It’s 4.2 billion, up 3,000% — then 東京";
        assert_eq!(count(text), text.unicode_words().count());
        let expected: Vec<u64> = text.unicode_words().map(hash).collect();
        assert_eq!(hashes(text).words, expected);
        assert!(hashes(text).inner_runs.is_none());
    }

    #[test]
    fn common_prose_splits_like_uax29() {
        for text in [
            "It’s 4.2 billion, up 3,000% — said O’Brien at 10:30 a.m. (U.S.)",
            "snake_case _x x_ __ a:b 1:2 1.a a.1 'quoted' ‘it’ “so” ...",
            "rock 'n' roll, don't; 1,000,000.50 €4 £3 ×2 — fine…",
        ] {
            assert_eq!(
                words(text),
                text.unicode_words().collect::<Vec<_>>(),
                "{text}"
            );
        }
    }

    #[test]
    fn other_scripts_take_the_general_path() {
        let text = "Zoë’s café 東京 2026年";
        assert_eq!(words(text), text.unicode_words().collect::<Vec<_>>());
    }

    #[test]
    fn the_ascii_table_agrees_with_the_classes() {
        for byte in 0..128u8 {
            assert_eq!(
                Some(ASCII_CLASSES[usize::from(byte)]),
                class(char::from(byte)),
                "{byte}"
            );
        }
    }

    /// A character the fast path knows: letters and digits most often, then its joiners, then
    /// any ASCII (control characters included) and the typographic characters it accepts.
    fn known_char() -> impl Strategy<Value = char> {
        prop_oneof![
            6 => prop::char::range('a', 'z'),
            2 => prop::char::range('A', 'Z'),
            2 => prop::char::range('0', '9'),
            4 => prop::sample::select(vec![' ', '\'', '’', '‘', '.', ',', ';', ':', '_', '-']),
            1 => prop::char::range('\0', '\x7f'),
            1 => prop::sample::select(vec![
                '\u{a0}', '“', '”', '—', '–', '…', '€', '£', '•', '°', '×', '§', '©', '®', '™',
            ]),
        ]
    }

    /// A character the fast path leaves to the general one: letters of other scripts and
    /// with diacritics, combining marks, the other apostrophes and hyphens, digits of other
    /// scripts, emoji and their joiners and modifiers, control and format characters, and any
    /// character at all.
    fn other_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => prop::sample::select(vec![
                'é', 'ß', 'İ', 'ﬁ', 'Ω', 'ж', '東', '京', 'あ', 'カ', 'ー', '한', 'ا', 'ש', 'ק',
                '\u{301}', '\u{308}', '\u{64b}', 'ʼ', '＇', '′', '״', '׳', '‐', '‑', '‒', '−',
                '\u{ad}', '٣', '３', '²', '½', '👍', '🏽', '🇺', '🇸', '\u{200d}', '\u{200c}',
                '\u{200b}', '\u{fe0f}', '\u{feff}', '\u{85}', '\u{2028}', '\u{212a}',
                '\u{e000}', '\u{3000}',
            ]),
            1 => any::<char>(),
        ]
    }

    /// Text of the fast path's alphabet only.
    fn known_text() -> impl Strategy<Value = String> {
        prop::collection::vec(known_char(), 0..48).prop_map(|chars| chars.into_iter().collect())
    }

    /// Any text, mostly of the fast path's alphabet, so that a character it does not know
    /// turns up anywhere in it: first, last, inside a word, between words.
    pub(crate) fn any_text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop_oneof![6 => known_char(), 1 => other_char()], 0..48)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #[test]
        fn the_fast_path_reads_every_text_of_its_alphabet_as_unicode_segmentation_does(
            text in known_text()
        ) {
            let mut visitor = Words(Vec::new());
            prop_assert!(segment_fast(&text, &mut visitor));
            prop_assert_eq!(visitor.0, text.unicode_words().collect::<Vec<_>>());
        }

        #[test]
        fn fast_and_general_paths_give_the_same_words_on_any_text(text in any_text()) {
            let general: Vec<&str> = general_words(&text).collect();
            let mut visitor = Words(Vec::new());
            if segment_fast(&text, &mut visitor) {
                prop_assert_eq!(&visitor.0, &general);
            } else {
                // A text the fast path gave up on leaves nothing behind.
                prop_assert!(visitor.0.is_empty());
            }
            prop_assert_eq!(words(&text), general);
            prop_assert_eq!(count(&text), text.unicode_words().count());
        }

        #[test]
        fn hashes_read_on_the_fast_path_equal_hashes_of_the_words(
            text in any_text()
        ) {
            let expected: Vec<u64> = text.unicode_words().map(hash).collect();
            let found = hashes(&text);
            prop_assert_eq!(&found.words, &expected);
            let spelled: Vec<&str> = found.spans.iter().map(|span| &text[span.clone()]).collect();
            prop_assert_eq!(spelled, words(&text));
            // Every run of ASCII letters and digits is listed with its offset, on either path.
            let mut listed = Vec::new();
            found.for_each_run(&text, |hash, at| listed.push((hash, at)));
            for (at, run) in ascii_runs(&text) {
                prop_assert!(listed.contains(&(hash(run), at)), "{run} at {at}");
            }
            // On the fast path, words and inner runs hash exactly the text's runs of ASCII
            // letters and digits.
            if let Some(inner_runs) = found.inner_runs {
                let mut runs: Vec<u64> = text
                    .as_bytes()
                    .split(|byte| !byte.is_ascii_alphanumeric())
                    .filter(|run| !run.is_empty())
                    .map(|run| hash(std::str::from_utf8(run).unwrap_or_default()))
                    .collect();
                let mut seen: Vec<u64> = found
                    .words
                    .iter()
                    .zip(text.unicode_words())
                    .filter(|(_, word)| word.bytes().all(|b| b.is_ascii_alphanumeric()))
                    .map(|(hash, _)| *hash)
                    .chain(inner_runs)
                    .collect();
                runs.sort_unstable();
                seen.sort_unstable();
                prop_assert_eq!(seen, runs);
            }
        }
    }
}
