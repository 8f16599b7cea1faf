//! Folding: which differences between two spellings of a word do not count.
//!
//! Case, apostrophe style (straight, curly, modifier letter) and double-quote style never make
//! two texts differ. Diacritics do: "resume" and "résumé" are different words. One character
//! folds to one character, so a folded text maps back to the original offset by offset (see
//! [`crate::text::Folded`]); the one character whose lower case is two (`İ`, U+0130) keeps
//! its case rather than grow.

/// Whether `c` is an apostrophe: straight, curly (either way round, as typed quotes often
/// come out) or the modifier letter.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

/// `c` folded: lower case, every apostrophe `'`, both curly double quotes `"`, every white
/// space a space.
pub(crate) fn fold_char(c: char) -> char {
    // Prose is mostly ASCII: skip the Unicode case tables for it.
    if c.is_ascii() {
        return if c.is_whitespace() {
            ' '
        } else {
            c.to_ascii_lowercase()
        };
    }
    match c {
        '’' | '‘' | 'ʼ' => '\'',
        '“' | '”' => '"',
        c if c.is_whitespace() => ' ',
        c => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// The key a word is compared by: folded, apostrophes left out ("It’s" and "its" are one
/// word). Empty only for a word made of apostrophes alone.
pub(crate) fn key(word: &str) -> String {
    word.chars()
        .filter(|c| !is_apostrophe(*c))
        .map(fold_char)
        .collect()
}

pub(super) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// One step of FNV-1a.
#[inline]
pub(super) fn feed(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
}

/// The hash of a word's [`key`] (FNV-1a over its UTF-8), without building the key. The same in
/// every run of the program: the lint index stores these.
pub(crate) fn hash(word: &str) -> u64 {
    let mut hash = FNV_OFFSET;
    for c in word.chars() {
        if c.is_ascii() {
            if c != '\'' {
                hash = feed(hash, c.to_ascii_lowercase() as u8);
            }
        } else if !is_apostrophe(c) {
            let mut buffer = [0; 4];
            for &byte in fold_char(c).encode_utf8(&mut buffer).as_bytes() {
                hash = feed(hash, byte);
            }
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_apostrophe_style_fold_away_diacritics_do_not() {
        assert_eq!(key("It’s"), "its");
        assert_eq!(key("ITʼS"), key("it's"));
        assert_ne!(key("résumé"), key("resume"));
        assert_eq!(key("Élan"), "élan");
        // The one capital whose lower case is two characters keeps its case.
        assert_eq!(fold_char('İ'), 'İ');
    }

    #[test]
    fn a_hash_is_the_hash_of_the_key() {
        for word in ["It’s", "ÉLAN", "İstanbul", "x_1", "ʼ", "", "東京", "Ωmega"] {
            let mut expected = FNV_OFFSET;
            for byte in key(word).bytes() {
                expected = feed(expected, byte);
            }
            assert_eq!(hash(word), expected, "{word}");
        }
    }
}
