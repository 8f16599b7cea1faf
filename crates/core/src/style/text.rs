//! Reading prose the way a copy editor does: where sentences start, what is quoted, and how
//! a replacement keeps the capital of a sentence's first word.

use std::ops::Range;

/// Whether `at` (a byte offset of `text`) starts a sentence: nothing but opening quotes or
/// brackets before it in the block, or a sentence's closing mark (`.`, `!`, `?`, `…`, `:`)
/// then white space.
pub(crate) fn is_sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| {
        matches!(
            c,
            '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '„' | '*' | '_'
        )
    });
    if before.is_empty() {
        return true;
    }
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        // No space: inside a word or right after punctuation ("U.S.").
        return trimmed.is_empty();
    }
    let trimmed = trimmed.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '*' | '_')
    });
    if trimmed.is_empty() {
        return true;
    }
    if let Some(before_dot) = trimmed.strip_suffix('.') {
        // "Ms. Brown", "J. Smith", "e.g. Paris": a title, an initial or an abbreviation
        // before the full stop, not the end of a sentence.
        let last = before_dot
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or_default();
        let is_initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
        // "U.S.", "e.g.": short letters between dots. "example.com." ends a sentence.
        let is_dotted = last.contains('.')
            && last
                .split('.')
                .all(|part| part.chars().count() <= 2 && part.chars().all(char::is_alphabetic));
        return !(is_initial || is_dotted || ABBREVIATIONS.contains(&last));
    }
    trimmed.ends_with(['!', '?', '…', ':'])
}

/// Words a full stop follows without ending a sentence (titles and common abbreviations).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Mt", "Gov", "Sen", "Rep", "Gen", "Lt", "Col", "Capt",
    "Sgt", "Rev", "Hon", "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "No", "vs", "etc", "approx",
    "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Ave",
];

/// `replacement` with the capital of `matched` when `matched` starts with a capital and
/// `replacement` with a lower-case letter ("E-mail" → "Email"), else `replacement` as is.
pub(crate) fn sentence_case(replacement: &str, matched: &str) -> String {
    let starts_upper = matched.chars().next().is_some_and(char::is_uppercase);
    // A form with its own capitals ("iPhone", "eBay") is written as the house writes it.
    if replacement.chars().any(char::is_uppercase) {
        return replacement.to_string();
    }
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if starts_upper && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => replacement.to_string(),
    }
}

/// The byte ranges of `text` inside quotation marks (“…”, "…", „…“, «…»), marks included.
/// A quotation left open runs to the end of the block, as it does when a quoted paragraph
/// continues in the next one.
pub(crate) fn quoted_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (at, c) in text.char_indices() {
        match open {
            None => {
                if matches!(c, '“' | '"' | '„' | '«') {
                    open = Some((at, c));
                }
            }
            Some((start, opener)) => {
                let closes = match opener {
                    '“' => matches!(c, '”' | '"'),
                    '"' => matches!(c, '"' | '”'),
                    '„' => matches!(c, '“' | '”'),
                    '«' => c == '»',
                    _ => false,
                };
                if closes {
                    ranges.push(start..at + c.len_utf8());
                    open = None;
                }
            }
        }
    }
    if let Some((start, _)) = open {
        ranges.push(start..text.len());
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_starts() {
        let text = "E-mail us. Then “E-mail” me: Now, e.g. not. U.S. policy";
        let starts = |word: &str| is_sentence_start(text, text.find(word).expect("in the text"));
        assert!(is_sentence_start(text, 0));
        assert!(starts("Then"));
        assert!(!starts("E-mail”"));
        assert!(starts("Now"));
        assert!(!starts("us"));
        assert!(is_sentence_start("(“Email” first", "(“".len()));
    }

    #[test]
    fn replacements_keep_a_sentence_capital() {
        assert_eq!(sentence_case("email", "E-mail"), "Email");
        assert_eq!(sentence_case("email", "e-mail"), "email");
        assert_eq!(sentence_case("iPhone", "Iphone"), "iPhone");
    }

    #[test]
    fn quotations_are_found() {
        let text = "He said “e-mail me” and \"call\" and „ja“ then «oui» and “open";
        let quoted: Vec<&str> = quoted_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            quoted,
            ["“e-mail me”", "\"call\"", "„ja“", "«oui»", "“open"]
        );
    }
}

/// The byte ranges of `text` that are addresses, not words: URLs, e-mail addresses, domain
/// names and paths written out in prose without a link.
pub(crate) fn technical_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut at = 0;
    for chunk in text.split_inclusive(char::is_whitespace) {
        let word = chunk.trim_end();
        let trimmed = word
            .trim_start_matches(['(', '[', '"', '“', '‘', '\'', '<'])
            .trim_end_matches([
                ')', ']', '"', '”', '’', '\'', '>', ',', ';', '.', ':', '!', '?',
            ]);
        if is_address(trimmed) {
            ranges.push(at..at + word.len());
        }
        at += chunk.len();
    }
    ranges
}

/// Whether `word` is a URL, an e-mail address, a path or a domain name.
fn is_address(word: &str) -> bool {
    if word.contains("://") || word.starts_with("www.") || word.contains('@') {
        return true;
    }
    if word.contains('/')
        && !word.contains(' ')
        && word.split('/').filter(|p| !p.is_empty()).count() >= 2
    {
        // `and/or` is prose; `example.com/path` and `/usr/share` are not.
        return word.contains('.') || word.starts_with('/');
    }
    // A domain: labels joined by dots, the last a known-looking top-level domain of letters.
    let labels: Vec<&str> = word.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels.last().is_some_and(|tld| {
            (2..=6).contains(&tld.len()) && tld.bytes().all(|b| b.is_ascii_lowercase())
        })
        && labels[labels.len() - 2].len() > 1
}

/// Whether `range` overlaps any of `ranges`.
pub(crate) fn overlaps(ranges: &[Range<usize>], range: &Range<usize>) -> bool {
    ranges
        .iter()
        .any(|r| r.start < range.end && range.start < r.end)
}

#[cfg(test)]
mod address_tests {
    use super::*;

    #[test]
    fn addresses_are_not_prose() {
        let text = "Write to desk@example.com or see example.org/news, https://x.io/a and (github.com). Not and/or, U.S. or e.g. words.";
        let found: Vec<&str> = technical_ranges(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            found,
            [
                "desk@example.com",
                "example.org/news,",
                "https://x.io/a",
                "(github.com)."
            ]
        );
    }
}
