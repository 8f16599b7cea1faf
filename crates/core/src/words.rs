//! Unicode words (UAX #29, as `unicode-segmentation` finds them) with a fast path for the text
//! most prose is made of.
//!
//! Word segmentation runs over every byte of every article, for read times and for the
//! editorial rules, and the general algorithm spends most of its time on table lookups that
//! plain English never needs. Text made only of ASCII and a handful of common typographic
//! characters (curly quotes, dashes, ellipsis, no-break space, currency signs) is segmented
//! here directly; anything else goes to `unicode-segmentation`. A property test checks that
//! both give the same words on that alphabet.

use unicode_segmentation::UnicodeSegmentation;

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

/// Calls `each` with every word of `text`, in order: the same words as
/// [`UnicodeSegmentation::unicode_words`].
pub(crate) fn for_each_word<'t>(text: &'t str, mut each: impl FnMut(&'t str)) {
    if !segment_fast(text, &mut each) {
        text.unicode_words().for_each(each);
    }
}

/// The number of words in `text`.
pub(crate) fn count(text: &str) -> usize {
    let mut words = 0;
    for_each_word(text, |_| words += 1);
    words
}

/// Segments `text` when every character is one the fast path knows; returns `false` (having
/// called `each` for nothing) otherwise.
fn segment_fast<'t>(text: &'t str, each: &mut impl FnMut(&'t str)) -> bool {
    // Classify first, so an unknown character anywhere sends the whole text to the general
    // path before any word is reported.
    let mut classes = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        match class(c) {
            Some(class) => classes.push((at, class)),
            None => return false,
        }
    }
    let mut i = 0;
    while i < classes.len() {
        let (start, first) = classes[i];
        if !(first.is_alphanumeric() || first == Class::ExtendNumLet) {
            i += 1;
            continue;
        }
        let mut has_alphanumeric = first.is_alphanumeric();
        let mut last = first;
        let mut j = i + 1;
        while j < classes.len() {
            let next = classes[j].1;
            let after = classes.get(j + 1).map(|&(_, class)| class);
            let joined = match next {
                Class::Letter | Class::Numeric | Class::ExtendNumLet => 1,
                Class::MidLetter | Class::MidNumLet
                    if last == Class::Letter && after == Some(Class::Letter) =>
                {
                    2
                }
                Class::MidNum | Class::MidNumLet
                    if last == Class::Numeric && after == Some(Class::Numeric) =>
                {
                    2
                }
                _ => 0,
            };
            if joined == 0 {
                break;
            }
            has_alphanumeric |= classes[j + joined - 1].1.is_alphanumeric();
            last = classes[j + joined - 1].1;
            j += joined;
        }
        if has_alphanumeric {
            let end = classes.get(j).map_or(text.len(), |&(at, _)| at);
            each(&text[start..end]);
        }
        i = j;
    }
    true
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for_each_word(text, |word| out.push(word));
        out
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

    proptest! {
        #[test]
        fn fast_path_agrees_with_unicode_segmentation(
            text in "[a-zA-Z0-9 _:,;.'‘’“”—–…€£\u{a0}\t\n!?()\"-]{0,40}"
        ) {
            prop_assert_eq!(words(&text), text.unicode_words().collect::<Vec<_>>());
        }
    }
}
