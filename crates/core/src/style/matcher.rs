//! Terms and patterns compiled once per run into one matcher: the terms' forms indexed by their
//! anchor words (see [`TermIndex`]), the patterns by the literals their matches hold (see
//! [`PatternSearch`]). The cost barely grows with the number of terms.

use std::ops::Range;

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexSet};

use rustc_hash::FxHashMap;

use super::config::{StylePattern, StyleTerm};
use super::text::{is_sentence_start, overlaps, quoted_ranges, sentence_case, technical_ranges};
use crate::text::WordHashes;

/// What a form in the automaton stands for.
#[derive(Debug, Clone)]
enum Entry {
    /// A form the house style avoids (ST001).
    Avoid { term: usize, form: String },
    /// A house form with a capital letter: other casings are reported (ST002).
    Use { term: usize, form: String },
}

/// The compiled matcher.
#[derive(Default)]
pub(crate) struct Compiled {
    /// Every form of every term.
    terms: Option<TermIndex>,
    /// For each form of `terms`, the entries it stands for.
    entries: Vec<Vec<Entry>>,
    patterns: Option<PatternSearch>,
    regexes: Vec<Regex>,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("forms", &self.entries.len())
            .field("patterns", &self.regexes.len())
            .finish_non_exhaustive()
    }
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StyleFindingKind {
    /// A form of `terms[term]` the house avoids.
    Avoid { term: usize },
    /// `terms[term]`'s house form in another casing.
    Case { term: usize },
    /// A match of `patterns[pattern]`.
    Pattern { pattern: usize },
}

/// One finding in a block of prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StyleFinding {
    pub(crate) kind: StyleFindingKind,
    /// The byte range of the block's text.
    pub(crate) range: Range<usize>,
    /// The text to put in its place, when there is one.
    pub(crate) replacement: Option<String>,
}

/// `form` with its first letter upper-cased, when that changes it.
fn capitalised(form: &str) -> Option<String> {
    let mut chars = form.chars();
    let first = chars.next()?;
    first
        .is_lowercase()
        .then(|| first.to_uppercase().chain(chars).collect())
}

impl Compiled {
    /// Compiles `terms` and `patterns`; `regexes` are the patterns, each already compiled
    /// when the configuration was validated.
    pub(crate) fn new(
        terms: &[StyleTerm],
        patterns: &[StylePattern],
        regexes: Vec<Regex>,
    ) -> Result<Self, String> {
        Self::build(terms, patterns, regexes, true)
    }

    /// [`Compiled::new`], with every form in the automaton unless `by_anchor`.
    fn build(
        terms: &[StyleTerm],
        patterns: &[StylePattern],
        regexes: Vec<Regex>,
        by_anchor: bool,
    ) -> Result<Self, String> {
        let mut keys: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        let mut index: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
        let mut add = |text: &str, entry: Entry| {
            let key = text.to_ascii_lowercase();
            let slot = *index.entry(key.clone()).or_insert_with(|| {
                keys.push(key);
                entries.push(Vec::new());
                entries.len() - 1
            });
            entries[slot].push(entry);
        };
        for (i, term) in terms.iter().enumerate() {
            for form in &term.avoid {
                add(
                    form,
                    Entry::Avoid {
                        term: i,
                        form: form.clone(),
                    },
                );
                // Found at a sentence's start too ("E-mail" for "e-mail").
                if let Some(capital) = capitalised(form) {
                    add(
                        &capital,
                        Entry::Avoid {
                            term: i,
                            form: form.clone(),
                        },
                    );
                }
            }
            for form in &term.uses {
                if form.chars().any(char::is_uppercase) {
                    add(
                        form,
                        Entry::Use {
                            term: i,
                            form: form.clone(),
                        },
                    );
                }
            }
        }
        let index = if keys.is_empty() {
            None
        } else {
            Some(
                TermIndex::new(keys, by_anchor)
                    .map_err(|error| format!("the style terms cannot be compiled: {error}"))?,
            )
        };
        let set = if regexes.is_empty() {
            None
        } else {
            Some(
                PatternSearch::new(patterns)
                    .map_err(|error| format!("the style patterns cannot be compiled: {error}"))?,
            )
        };
        Ok(Compiled {
            terms: index,
            entries,
            patterns: set,
            regexes,
        })
    }

    /// Whether there is anything to look for.
    pub(crate) fn is_empty(&self) -> bool {
        self.terms.is_none() && self.patterns.is_none()
    }

    /// Every finding in `text`, a block of prose whose words are `words` (as
    /// [`crate::text::hashes`] reads them), in text order. Quotations are what someone said
    /// and addresses are not prose: nothing in them is reported.
    pub(crate) fn find(
        &self,
        text: &str,
        words: &WordHashes,
        terms: &[StyleTerm],
        patterns: &[StylePattern],
    ) -> Vec<StyleFinding> {
        let mut findings = Vec::new();
        if self.is_empty() {
            return findings;
        }
        // Read only once something matched: most blocks have no match.
        let skip = std::cell::OnceCell::new();
        let skip_of = || {
            skip.get_or_init(|| {
                let mut ranges = quoted_ranges(text);
                ranges.extend(technical_ranges(text));
                ranges
            })
        };
        if let Some(index) = &self.terms {
            for (range, form) in index.matches(text, words) {
                let matched = &text[range.clone()];
                if overlaps(skip_of(), &range) {
                    continue;
                }
                if let Some(finding) = Self::judge(text, range, matched, &self.entries[form], terms)
                {
                    findings.push(finding);
                }
            }
        }
        if let Some(search) = &self.patterns {
            for i in search.may_match(text) {
                let regex = &self.regexes[i];
                for captures in regex.captures_iter(text) {
                    let Some(whole) = captures.get(0) else {
                        continue;
                    };
                    let range = whole.range();
                    if range.is_empty() || overlaps(skip_of(), &range) {
                        continue;
                    }
                    let replacement = patterns[i].replace.as_ref().map(|template| {
                        let mut out = String::new();
                        captures.expand(template, &mut out);
                        if is_sentence_start(text, range.start) {
                            sentence_case(&out, whole.as_str())
                        } else {
                            out
                        }
                    });
                    findings.push(StyleFinding {
                        kind: StyleFindingKind::Pattern { pattern: i },
                        range,
                        replacement,
                    });
                }
            }
        }
        findings.sort_by_key(|f| (f.range.start, f.range.end));
        findings
    }

    /// The finding, if any, for `matched` at `range`, a whole-word match of forms that stand
    /// for `entries`.
    fn judge(
        text: &str,
        range: Range<usize>,
        matched: &str,
        entries: &[Entry],
        terms: &[StyleTerm],
    ) -> Option<StyleFinding> {
        let at_start = is_sentence_start(text, range.start);
        // An avoided form as written, or capitalised at a sentence's start.
        for entry in entries {
            if let Entry::Avoid { term, form } = entry {
                let as_written = matched == form;
                let at_start_capital =
                    at_start && capitalised(form).is_some_and(|capital| capital == matched);
                if as_written || at_start_capital {
                    let replacement = match terms[*term].uses.as_slice() {
                        [one] if at_start => Some(sentence_case(one, matched)),
                        [one] => Some(one.clone()),
                        _ => None,
                    };
                    return Some(StyleFinding {
                        kind: StyleFindingKind::Avoid { term: *term },
                        range,
                        replacement,
                    });
                }
            }
        }
        // A house form in the wrong casing; any house form as written is right.
        let uses: Vec<(usize, &str)> = entries
            .iter()
            .filter_map(|entry| match entry {
                Entry::Use { term, form } => Some((*term, form.as_str())),
                Entry::Avoid { .. } => None,
            })
            .collect();
        if uses.is_empty() || uses.iter().any(|(_, form)| *form == matched) {
            return None;
        }
        let (term, form) = uses[0];
        Some(StyleFinding {
            kind: StyleFindingKind::Case { term },
            range,
            replacement: Some(form.to_string()),
        })
    }
}

/// The patterns, each looked for as cheaply as it allows. A pattern every match of which
/// holds one of a few literals ("per cent" in `\b(\d+) per cent\b`) is looked for only in
/// a block where one of them occurs, and one Aho–Corasick search finds all such literals; the
/// other patterns share one `RegexSet` search, which cannot skip text and reads every byte.
struct PatternSearch {
    /// Every literal that gates a pattern.
    literals: Option<AhoCorasick>,
    /// For each literal, the index of the pattern it gates.
    gated: Vec<usize>,
    /// The patterns without such literals.
    rest: Option<RegexSet>,
    /// For each pattern of `rest`, its index.
    rest_index: Vec<usize>,
}

/// A gate's literals must be at least this long (shorter ones occur everywhere) and at most
/// this many per pattern.
const MIN_GATE_LEN: usize = 3;
const MAX_GATE_LITERALS: usize = 64;

impl PatternSearch {
    fn new(patterns: &[StylePattern]) -> Result<PatternSearch, String> {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut gated = Vec::new();
        let mut rest = Vec::new();
        let mut rest_index = Vec::new();
        for (i, pattern) in patterns.iter().enumerate() {
            match gate_literals(&pattern.regex) {
                Some(gate) => {
                    gated.extend(std::iter::repeat_n(i, gate.len()));
                    literals.extend(gate);
                }
                None => {
                    rest.push(pattern.regex.as_str());
                    rest_index.push(i);
                }
            }
        }
        let literals = if literals.is_empty() {
            None
        } else {
            // Standard match semantics, for an overlapping search: no gate hides another.
            Some(AhoCorasick::new(&literals).map_err(|error| error.to_string())?)
        };
        let rest = if rest.is_empty() {
            None
        } else {
            Some(RegexSet::new(rest).map_err(|error| error.to_string())?)
        };
        Ok(PatternSearch {
            literals,
            gated,
            rest,
            rest_index,
        })
    }

    /// The indexes of the patterns that may match in `text`, ascending.
    fn may_match(&self, text: &str) -> Vec<usize> {
        let mut found = Vec::new();
        if let Some(literals) = &self.literals {
            found.extend(
                literals
                    .find_overlapping_iter(text)
                    .map(|m| self.gated[m.pattern().as_usize()]),
            );
        }
        // `is_match` stops at the first match and needs no overlapping search: most blocks
        // match no pattern, and this is the only search they get.
        if let Some(rest) = self.rest.as_ref().filter(|rest| rest.is_match(text)) {
            found.extend(rest.matches(text).iter().map(|i| self.rest_index[i]));
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Literals one of which every match of `regex` starts or ends with, when there are a few
/// and none is short: the pattern's prefixes or suffixes as `regex-syntax` extracts them,
/// whichever are longer.
fn gate_literals(regex: &str) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::Parser::new().parse(regex).ok()?;
    [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .filter_map(|kind| {
            let seq = Extractor::new().kind(kind).extract(&hir);
            let shortest = seq.min_literal_len()?;
            let literals = seq.literals()?;
            (shortest >= MIN_GATE_LEN && literals.len() <= MAX_GATE_LITERALS).then(|| {
                let literals: Vec<Vec<u8>> =
                    literals.iter().map(|l| l.as_bytes().to_vec()).collect();
                (shortest, literals)
            })
        })
        .max_by_key(|(shortest, _)| *shortest)
        .map(|(_, literals)| literals)
}

/// The forms of the terms (lower case), indexed by their anchors: a form's anchor is its
/// longest run of ASCII letters and digits. A form without one (rare: "—", a word in another
/// script) is found by an Aho–Corasick automaton instead.
///
/// A whole-word match (ASCII case aside) holds each byte of its form's anchor, and the bytes
/// next to the anchor are no ASCII letters or digits: the form's own, or the text's beside a
/// whole word. So the anchor is a whole run of letters and digits of the text, which the
/// shared word reading has hashed already, and the match starts at that run's offset less the
/// anchor's offset in the form. Finding the forms costs one hash lookup a run of the text,
/// and a comparison for each form whose anchor is there: the same for 10 terms or 1,000.
struct TermIndex {
    forms: Vec<String>,
    /// By anchor hash ([`crate::text::hash`]), the forms with that anchor.
    by_anchor: FxHashMap<u64, Vec<Anchored>>,
    /// The forms without an anchor, and for each pattern of the automaton, its form.
    unanchored: Option<(AhoCorasick, Vec<usize>)>,
}

/// A form, by where its anchor stands in it.
struct Anchored {
    form: usize,
    /// The anchor's byte offset in the form.
    offset: usize,
    /// The anchor's length in bytes.
    len: usize,
    /// The form's length in bytes.
    form_len: usize,
    /// Up to [`AROUND`] bytes of the form on each side of the anchor (nearest first, lower
    /// case), held in place: most forms that share an anchor differ there, so nearly every
    /// other form is told apart without reading its text.
    after: [u8; AROUND],
    before: [u8; AROUND],
}

/// The most forms one anchor stands for in the index; the forms of an anchor shared by more
/// are found by the automaton.
const MAX_FORMS_PER_ANCHOR: usize = 16;

/// How many bytes on each side of an anchor [`Anchored`] holds.
const AROUND: usize = 4;

impl Anchored {
    fn new(form: usize, text: &str, offset: usize, len: usize) -> Anchored {
        let bytes = text.as_bytes();
        let mut after = [0; AROUND];
        for (slot, byte) in after.iter_mut().zip(&bytes[offset + len..]) {
            *slot = byte.to_ascii_lowercase();
        }
        let mut before = [0; AROUND];
        for (slot, byte) in before.iter_mut().zip(bytes[..offset].iter().rev()) {
            *slot = byte.to_ascii_lowercase();
        }
        Anchored {
            form,
            offset,
            len,
            form_len: text.len(),
            after,
            before,
        }
    }

    /// Whether the bytes around the anchor at `at` in `text` may be the form's: `false` only
    /// when one of the bytes held differs.
    fn may_be_at(&self, text: &[u8], at: usize) -> bool {
        let after_start = at + self.len;
        let after_len = (self.form_len - self.offset - self.len).min(AROUND);
        let before_len = self.offset.min(AROUND);
        let same =
            |held: u8, found: Option<&u8>| found.is_some_and(|f| f.to_ascii_lowercase() == held);
        (0..after_len).all(|k| same(self.after[k], text.get(after_start + k)))
            && (0..before_len).all(|k| {
                same(
                    self.before[k],
                    at.checked_sub(k + 1).and_then(|i| text.get(i)),
                )
            })
    }

    /// The range of the form in `text` (ASCII case aside) when its anchor is the run that
    /// starts at `at`; the bytes held around the anchor rule most forms out first.
    fn at(&self, forms: &[String], text: &str, at: usize) -> Option<Range<usize>> {
        if !self.may_be_at(text.as_bytes(), at) {
            return None;
        }
        let start = at.checked_sub(self.offset)?;
        let range = start..start + self.form_len;
        text.as_bytes()
            .get(range.clone())?
            .eq_ignore_ascii_case(forms[self.form].as_bytes())
            .then_some(range)
    }
}

impl TermIndex {
    /// Indexes `forms` (lower case); with `by_anchor` false, every form goes to the automaton.
    fn new(forms: Vec<String>, by_anchor: bool) -> Result<TermIndex, String> {
        let mut by_anchor_hash: FxHashMap<u64, Vec<Anchored>> = FxHashMap::default();
        let mut unanchored = Vec::new();
        for (i, form) in forms.iter().enumerate() {
            let anchor = form
                .as_bytes()
                .split(|byte| !byte.is_ascii_alphanumeric())
                .max_by_key(|run| run.len())
                .filter(|run| !run.is_empty() && by_anchor);
            match anchor {
                Some(anchor) => {
                    let offset = anchor.as_ptr() as usize - form.as_ptr() as usize;
                    let anchor = &form[offset..offset + anchor.len()];
                    by_anchor_hash
                        .entry(crate::text::hash(anchor))
                        .or_default()
                        .push(Anchored::new(i, form, offset, anchor.len()));
                }
                None => unanchored.push(i),
            }
        }
        // An anchor shared by many forms ("the x1" … "the x900") would have each of its
        // occurrences compared with all of them: those forms go to the automaton, whose cost
        // does not grow with them.
        by_anchor_hash.retain(|_, shared| {
            let keep = shared.len() <= MAX_FORMS_PER_ANCHOR;
            if !keep {
                unanchored.extend(shared.iter().map(|anchored| anchored.form));
            }
            keep
        });
        unanchored.sort_unstable();
        let unanchored = if unanchored.is_empty() {
            None
        } else {
            // Standard semantics, searched overlapping: every occurrence of every form, as
            // the index finds them.
            let automaton = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(unanchored.iter().map(|&i| &forms[i]))
                .map_err(|error| error.to_string())?;
            Some((automaton, unanchored))
        };
        Ok(TermIndex {
            forms,
            by_anchor: by_anchor_hash,
            unanchored,
        })
    }

    /// The whole-word matches of the forms in `text`, whose words are `words`, with the form
    /// each is of, in text order; where two overlap, the one that starts first, and of those
    /// the longest.
    fn matches(&self, text: &str, words: &WordHashes) -> Vec<(Range<usize>, usize)> {
        let mut found = Vec::new();
        let mut consider = |range: Range<usize>, form: usize| {
            if text.is_char_boundary(range.start)
                && text.is_char_boundary(range.end)
                && is_whole_word(text, &range)
            {
                found.push((range, form));
            }
        };
        if !self.by_anchor.is_empty() {
            words.for_each_run(text, |hash, at| {
                for anchored in self.by_anchor.get(&hash).into_iter().flatten() {
                    if let Some(range) = anchored.at(&self.forms, text, at) {
                        consider(range, anchored.form);
                    }
                }
            });
        }
        if let Some((automaton, forms)) = &self.unanchored {
            for m in automaton.find_overlapping_iter(text) {
                consider(m.range(), forms[m.pattern().as_usize()]);
            }
        }
        found.sort_by_key(|(range, form)| (range.start, std::cmp::Reverse(range.end), *form));
        let mut free_from = 0;
        found.retain(|(range, _)| {
            let keep = range.start >= free_from;
            if keep {
                free_from = range.end;
            }
            keep
        });
        found
    }
}

/// Whether `range` of `text` neither starts nor ends inside a word. An apostrophe between
/// letters joins them ("don't", "O'Brien"), except before a possessive ending ("Github's" holds
/// the term "Github").
fn is_whole_word(text: &str, range: &Range<usize>) -> bool {
    let word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let inner_first = text[range.clone()].chars().next();
    let inner_last = text[range.clone()].chars().next_back();
    let mut before = text[..range.start].chars().rev();
    let mut after = text[range.end..].chars();
    let (first_before, second_before) = (before.next(), before.next());
    let (first_after, second_after, third_after) = (after.next(), after.next(), after.next());
    let apostrophe = |c: Option<char>| c.is_some_and(crate::text::is_apostrophe);
    let joined_before =
        word_char(first_before) || (apostrophe(first_before) && word_char(second_before));
    let possessive = matches!(second_after, Some('s' | 'S')) && !word_char(third_after);
    let joined_after = word_char(first_after)
        || (apostrophe(first_after) && word_char(second_after) && !possessive);
    !(joined_before && word_char(inner_first) || joined_after && word_char(inner_last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(uses: &[&str], avoid: &[&str]) -> StyleTerm {
        StyleTerm {
            uses: uses.iter().map(ToString::to_string).collect(),
            avoid: avoid.iter().map(ToString::to_string).collect(),
            message: None,
        }
    }

    fn found(
        terms: &[StyleTerm],
        patterns: &[StylePattern],
        text: &str,
    ) -> Vec<(String, Option<String>)> {
        let regexes = patterns
            .iter()
            .map(|p| Regex::new(&p.regex).expect("valid"))
            .collect();
        let compiled = Compiled::new(terms, patterns, regexes).expect("compiles");
        compiled
            .find(text, &crate::text::hashes(text), terms, patterns)
            .into_iter()
            .map(|f| (text[f.range].to_string(), f.replacement))
            .collect()
    }

    /// The text of each finding in `text`.
    fn matched(terms: &[StyleTerm], patterns: &[StylePattern], text: &str) -> Vec<String> {
        found(terms, patterns, text)
            .into_iter()
            .map(|(matched, _)| matched)
            .collect()
    }

    #[test]
    fn avoided_forms_are_found_as_written_and_at_a_sentence_start() {
        let terms = [term(&["email"], &["e-mail"]), term(&["GitHub"], &[])];
        assert_eq!(
            found(
                &terms,
                &[],
                "E-mail us. Send an e-mail, not an E-Mail, via Github or GitHub."
            ),
            [
                ("E-mail".to_string(), Some("Email".to_string())),
                ("e-mail".to_string(), Some("email".to_string())),
                ("Github".to_string(), Some("GitHub".to_string())),
            ]
        );
        // Inside words, quotations and addresses nothing is found.
        assert!(found(&terms, &[], "re-e-mailing “send an e-mail” github.com/x").is_empty());
    }

    #[test]
    fn patterns_replace_with_groups() {
        let patterns = [StylePattern {
            regex: r"\b(\d+) per cent\b".into(),
            replace: Some("$1%".into()),
            message: None,
        }];
        assert_eq!(
            found(&[], &patterns, "Up 5 per cent, then 12 per cent."),
            [
                ("5 per cent".to_string(), Some("5%".to_string())),
                ("12 per cent".to_string(), Some("12%".to_string())),
            ]
        );
    }

    proptest::proptest! {
        /// The index finds, by the forms' anchors, exactly what an automaton of every form
        /// finds searching the whole text.
        #[test]
        fn anchors_find_what_the_automaton_finds(
            fragments in proptest::collection::vec(
                proptest::sample::select(&[
                    "a", "b", "cd", "A B-CD", "a b-cd", "c’d", "dé", "D", "1", " ", " ", "-",
                    "'", "’", ".", "é", "_", "—",
                ][..]),
                0..16,
            )
        ) {
            let text = fragments.concat();
            let terms = [
                term(&["email"], &["a-b", "Cab", "a b-cd"]),
                term(&["ok"], &["b'c", "c.d", "dé", "b a", "c’d", "—"]),
                term(&["Ada1"], &["a"]),
            ];
            let anchored = Compiled::new(&terms, &[], Vec::new()).expect("compiles");
            let whole = Compiled::build(&terms, &[], Vec::new(), false).expect("compiles");
            let words = crate::text::hashes(&text);
            proptest::prop_assert_eq!(
                anchored.find(&text, &words, &terms, &[]),
                whole.find(&text, &words, &terms, &[])
            );
        }
    }

    #[test]
    fn forms_sharing_one_anchor_by_the_hundred_are_found_by_the_automaton() {
        let terms: Vec<StyleTerm> = (0..500)
            .map(|i| term(&[], &[&format!("newsroom x{i}")]))
            .collect();
        let compiled = Compiled::new(&terms, &[], Vec::new()).expect("compiles");
        let index = compiled.terms.as_ref().expect("terms");
        assert!(index.by_anchor.is_empty());
        assert_eq!(
            index.unanchored.as_ref().map(|(_, forms)| forms.len()),
            Some(500)
        );
        let text = "Read newsroom x7 and newsroom x499, not newsroom x500 or newsroomx7.";
        let found: Vec<&str> = compiled
            .find(text, &crate::text::hashes(text), &terms, &[])
            .into_iter()
            .map(|f| &text[f.range])
            .collect();
        assert_eq!(found, ["newsroom x7", "newsroom x499"]);
    }

    #[test]
    fn forms_are_found_by_their_anchors_in_any_case_and_beside_apostrophes() {
        let terms = [
            term(&["GitHub"], &["e-mail", "very unique"]),
            term(&[], &["don"]),
        ];
        let texts = [
            ("Nothing here is a house term.", vec![]),
            ("E-mail us, or send an e-mail.", vec!["E-mail", "e-mail"]),
            (
                "It’s very unique-ish, and very  unique.",
                vec!["very unique"],
            ),
            ("see github’s page", vec!["github"]),
            // A contraction is one word: "don" is not in "don't".
            ("We don't send e-mail's or e-mail’d notes.", vec!["e-mail"]),
        ];
        for (text, expected) in texts {
            assert_eq!(matched(&terms, &[], text), expected, "{text}");
        }
    }

    #[test]
    fn a_pattern_with_a_literal_every_match_holds_is_gated_by_it() {
        let gate = |regex: &str| {
            gate_literals(regex).map(|literals| {
                literals
                    .into_iter()
                    .map(|l| String::from_utf8(l).expect("UTF-8"))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(gate(r"\b(\d+) per cent\b"), Some(vec![" per cent".into()]));
        assert_eq!(
            gate(r"\b(utilise|utilize)\b"),
            Some(vec!["utilise".into(), "utilize".into()])
        );
        // No literal, or one too short to gate anything: read by the shared RegexSet.
        assert_eq!(gate(r"\s{2,}"), None);
        assert_eq!(gate(r"\b\w+ly\b"), None);
    }

    /// Gated and ungated patterns, case-insensitive ones and alternations, find what each
    /// regex finds on its own.
    #[test]
    fn every_pattern_finds_what_its_regex_finds() {
        let patterns: Vec<StylePattern> = [
            r"\b(\d+) per cent\b",
            r"(?i)\bin order to\b",
            r"\b(utilise|utilize)\b",
            r"\s{2,}",
            r"\b(\d+)\s?(am|pm)\b",
            r"!{2,}",
        ]
        .iter()
        .map(|regex| StylePattern {
            regex: (*regex).into(),
            replace: None,
            message: None,
        })
        .collect();
        let texts = [
            "Up 5 per cent,  then 12 PER CENT at 9am!!",
            "In Order To utilize it, we met at 10 pm.",
            "Nothing to see here.",
            "In order to",
        ];
        for text in texts {
            let expected: Vec<String> = {
                let mut all: Vec<(usize, usize, String)> = patterns
                    .iter()
                    .flat_map(|p| {
                        Regex::new(&p.regex)
                            .expect("valid")
                            .find_iter(text)
                            .map(|m| (m.start(), m.end(), m.as_str().to_string()))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                all.sort();
                all.into_iter().map(|(_, _, s)| s).collect()
            };
            assert_eq!(matched(&[], &patterns, text), expected, "{text}");
        }
    }

    #[test]
    fn a_thousand_terms_compile_into_one_automaton() {
        let terms: Vec<StyleTerm> = (0..1000)
            .map(|i| StyleTerm {
                uses: vec![format!("Term{i}x")],
                avoid: vec![format!("avoid{i}y")],
                message: None,
            })
            .collect();
        let compiled = Compiled::new(&terms, &[], Vec::new()).expect("compiles");
        let text = "We avoid999y here and write term5x there.";
        let kinds: Vec<_> = compiled
            .find(text, &crate::text::hashes(text), &terms, &[])
            .into_iter()
            .map(|f| f.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                StyleFindingKind::Avoid { term: 999 },
                StyleFindingKind::Case { term: 5 }
            ]
        );
    }
}
