use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::prose::{self, PhraseSet, ProseBlock};

declare_rule! {
    /// ## What it does
    /// Reports a claim attributed to a document or an organisation in a paragraph that cites
    /// no source: the paragraph has no `source:<id>` link and no link to a listed source's
    /// URL. The attributions it looks for:
    ///
    /// - document phrases: "a report by", "a study by", "a survey by", "an analysis by"
    ///   (and "from" variants); "data from", "figures from", "research from" when they open
    ///   a clause or follow a word that introduces evidence ("citing data from", "based on
    ///   figures from"), not a transfer ("moves data from Azure");
    /// - "according to" followed by a document ("according to a report", "according to
    ///   data"), by an organisation's name ("according to Gartner") or by "the" and a
    ///   capitalised name or title ("according to the Associated Press", "according to the
    ///   Fed's Summary of Economic Conditions": people take no article);
    /// - an organisation or a document doing the claiming: "Gartner estimates", "IDC
    ///   projected", "Microsoft reported", "the study found", and the wire's inverted form
    ///   at the end of a sentence (", Reuters reported on Wednesday.", ", the New York
    ///   Times reports."); a capitalised name after "the" is never a person;
    /// - a document with an evidence verb: "the study revealed", "the report warned",
    ///   "final figures indicate", "the data showed", "results suggest". These verbs count
    ///   only after a document noun: "Microsoft warned" is a company speaking for itself.
    ///   Adverbs ("the report also warned") and one clause set off by commas or dashes
    ///   ("The study, published in the journal X, revealed") may sit between subject and
    ///   verb.
    ///
    /// People are first-hand sources, not documents, so a direct quote ("…,” said Maria
    /// Chen) is never reported, and neither is "according to Maria Chen" or "Maria Chen
    /// found". The heuristic: a name of two or three capitalised words (no all-capital
    /// words, no inner capitals, no word such as "Group", "Research", "Press" or "Inc")
    /// is a person; so is a single capitalised word that the article elsewhere uses as the
    /// last word of such a name ("according to Chen"), and any name after an abbreviated
    /// courtesy title ("according to Rev. Smith", "Dr. Chen found", "Gov. Lee"; not "St.",
    /// which opens organisations' names too). Anything else capitalised is an
    /// organisation, except a single word opening a sentence that the article also writes
    /// in lower case ("Tests found …" where "tests" appears elsewhere) or in a sentence
    /// attributed to people by a verb of speech ("Tests found lead, officials said").
    /// Lower-case attributions ("according to analysts", "the company reported") are not
    /// documents and are left to editors. Two-word firm names that look like a person
    /// ("Goldman Sachs") are missed.
    ///
    /// Cross-link lines are not claims and are skipped: a label of one to three words and
    /// a colon followed by a headline or a single link ("Read more: …", "SEE ALSO: …",
    /// "Related: …"). The rule runs on English articles only (the article's `language`,
    /// else `site.language`); its word lists are English.
    ///
    /// The span is the attribution phrase.
    ///
    /// ## Why is this bad?
    /// A figure "according to a report" that readers cannot open is unverifiable, and
    /// second-hand figures are where garbled numbers come from. Listing the document under
    /// `[[sources]]` and linking it lets readers and the copy desk check the claim.
    ///
    /// ## Example
    /// ```markdown
    /// According to a report by MarketsandMarkets, the cloud AI market is expected to grow
    /// to $21.1 billion.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// According to [a report by MarketsandMarkets](source:marketsandmarkets-cloud-ai), the
    /// cloud AI market is expected to grow to $21.1 billion.
    /// ```
    pub(crate) struct UnattributedClaim {
        code: "ED003",
        name: "unattributed-claim",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "a claim attributed to a document or organisation in a paragraph that cites no source",
        check: check_unattributed_claim,
    }
}

const DOCUMENT_PHRASES: &[&str] = &[
    "a report by",
    "a report from",
    "a new report by",
    "a new report from",
    "a study by",
    "a study from",
    "a new study by",
    "a new study from",
    "a survey by",
    "a survey from",
    "an analysis by",
    "an analysis from",
    "a forecast by",
    "a forecast from",
    "data from",
    "figures from",
    "research from",
    "research by",
    "estimates from",
    "statistics from",
];

const CLAIM_VERBS: &[&str] = &[
    "reported",
    "reports",
    "estimates",
    "estimated",
    "found",
    "finds",
    "projects",
    "projected",
    "predicts",
    "predicted",
    "forecasts",
    "forecast",
];

/// Verbs that put a claim in a document's mouth but not, on their own, in an
/// organisation's: "the study revealed", "final figures indicate", but "Microsoft warned"
/// is a company speaking for itself, like "said".
const EVIDENCE_VERBS: &[&str] = &[
    "revealed",
    "reveals",
    "reveal",
    "warned",
    "warns",
    "warn",
    "showed",
    "shows",
    "show",
    "shown",
    "indicate",
    "indicates",
    "indicated",
    "suggest",
    "suggests",
    "suggested",
    "concluded",
    "concludes",
    "found",
    "find",
    "estimate",
    "predict",
    "project",
];

/// Words between a subject and its verb that do not change who claims: "the report also
/// warned", "IDC previously estimated". Words ending in "-ly" count too.
const INSERTED_ADVERBS: &[&str] = &[
    "also",
    "further",
    "later",
    "then",
    "again",
    "now",
    "still",
    "already",
    "previously",
    "recently",
    "separately",
    "however",
    "meanwhile",
    "last",
    "this",
    "week",
    "month",
    "year",
];

/// Verbs of speech: a sentence with one has a human source ("…, officials said").
const SPEECH_VERBS: &[&str] = &["said", "says", "say", "told", "tells", "added", "stated"];

/// Abbreviated courtesy titles, civil, religious and military, that only ever precede a
/// person's name ("Dr. Chen", "Rev. Smith", "Gov. Lee"). "St." is left out: "St. Jude
/// Medical" is an organisation.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "rev", "fr", "gov", "sen", "rep", "gen", "col", "maj",
    "capt", "lt", "sgt", "det", "adm", "hon",
];

/// Verbs that are also plural nouns ("AI projects, including …"): a comma or stop after
/// them means they are nouns.
const NOUN_LIKE_VERBS: &[&str] = &[
    "reports",
    "estimates",
    "projects",
    "forecasts",
    "finds",
    "forecast",
    "shows",
    "show",
    "estimate",
    "project",
    "find",
    "warns",
];

const DOCUMENT_NOUNS: &[&str] = &[
    "report",
    "reports",
    "study",
    "studies",
    "survey",
    "surveys",
    "analysis",
    "research",
    "data",
    "figures",
    "numbers",
    "findings",
    "results",
    "documents",
    "records",
    "estimates",
    "statistics",
    "paper",
    "filing",
    "forecast",
    "forecasts",
    "projections",
    "poll",
    "audit",
    "review",
    "index",
];

/// Words that make a capitalised name an organisation rather than a person.
const ORGANISATION_WORDS: &[&str] = &[
    "inc",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "llc",
    "plc",
    "group",
    "holdings",
    "research",
    "institute",
    "university",
    "college",
    "school",
    "agency",
    "bureau",
    "association",
    "foundation",
    "council",
    "commission",
    "committee",
    "department",
    "ministry",
    "office",
    "bank",
    "fund",
    "partners",
    "capital",
    "analytics",
    "insights",
    "intelligence",
    "labs",
    "lab",
    "laboratory",
    "center",
    "centre",
    "consulting",
    "economics",
    "securities",
    "markets",
    "media",
    "news",
    "times",
    "post",
    "journal",
    "network",
    "systems",
    "technologies",
    "technology",
    "software",
    "services",
    "cloud",
    "federal",
    "national",
    "international",
    "global",
    "union",
    "reserve",
    "authority",
    "board",
    "court",
    "government",
    "administration",
    "society",
    "trust",
    "alliance",
    "forum",
    "statistics",
    "census",
    "survey",
    "ventures",
    "energy",
    "motors",
    "health",
    "world",
    "street",
    "press",
    "wire",
    "platforms",
    "ai",
    "web",
];

/// Capitalised words that start sentences without naming anyone.
const NOT_SUBJECTS: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "who",
    "this",
    "that",
    "these",
    "those",
    "researchers",
    "analysts",
    "officials",
    "police",
    "scientists",
    "experts",
    "investigators",
    "reporters",
    "critics",
    "engineers",
    "users",
    "customers",
    "some",
    "many",
    "others",
    "one",
    "everyone",
    "nobody",
    "someone",
    "most",
    "few",
    "both",
    "authorities",
    "executives",
    "sources",
    "staff",
    "employees",
    "insiders",
];

/// Words after which a capitalised run can be the subject of a clause.
const CLAUSE_OPENERS: &[&str] = &[
    "and",
    "but",
    "while",
    "as",
    "because",
    "since",
    "though",
    "although",
    "when",
    "after",
    "before",
    "that",
    "which",
    "where",
    "so",
    "yet",
    "meanwhile",
    "also",
    "whereas",
    "if",
    "in",
    "on",
    "at",
    "by",
    "for",
    "last",
    "this",
    "then",
    "now",
    "today",
    "yesterday",
    "earlier",
    "later",
    "separately",
    "still",
    "however",
];

/// Every phrase the rule starts from, in one set: [`DOCUMENT_PHRASES`], then "according to"
/// (at [`ACCORDING_TO`]), then [`CLAIM_VERBS`].
static PHRASES: LazyLock<PhraseSet> = LazyLock::new(|| {
    let all: Vec<&str> = DOCUMENT_PHRASES
        .iter()
        .copied()
        .chain(["according to"])
        .chain(CLAIM_VERBS.iter().copied())
        .chain(
            EVIDENCE_VERBS
                .iter()
                .copied()
                .filter(|verb| !CLAIM_VERBS.contains(verb)),
        )
        .collect();
    PhraseSet::new(&all)
});
const ACCORDING_TO: usize = DOCUMENT_PHRASES.len();

/// The languages whose word lists the rule has; articles in others are skipped.
const LANGUAGES: &[&str] = &["en"];

pub(crate) fn check_unattributed_claim(ctx: &LintContext<'_>, article: &Article) {
    if !prose::is_in_language(ctx, LANGUAGES) {
        return;
    }
    // Most paragraphs contain none of the phrases: they are skipped before any tokenising,
    // and the article's names are gathered only once a paragraph needs them.
    let names = OnceCell::new();
    for paragraph in prose::paragraphs(ctx) {
        if !paragraph.may_match(&PHRASES) {
            continue;
        }
        let matches = paragraph.folded().find_any(&PHRASES);
        if matches.is_empty() || paragraph.has_citation(article) || prose::is_cross_link(paragraph)
        {
            continue;
        }
        let names = names.get_or_init(|| {
            let texts: Vec<&str> = prose::paragraphs(ctx).map(|p| p.text.as_str()).collect();
            Names::of(&texts)
        });
        for range in attributions(&paragraph.text, &matches, names) {
            report(ctx, paragraph, range);
        }
    }
}

fn report(ctx: &LintContext<'_>, paragraph: &ProseBlock<'_>, range: Range<usize>) {
    let phrase = paragraph.text[range.clone()].trim();
    ctx.push(
        ctx.diagnostic(
            &UnattributedClaim::META,
            paragraph.span_of(range.clone()),
            format!("`{phrase}` attributes a claim, but the paragraph cites no source"),
        )
        .with_help("list the document under `[[sources]]` and link it: `[a report](source:<id>)`"),
    );
}

/// A word of the text with its byte range.
#[derive(Debug, Clone, Copy)]
struct Token<'t> {
    text: &'t str,
    range: (usize, usize),
}

impl Token<'_> {
    fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    /// Shaped like a personal name: "Maria", "O’Brien", "Smith-Jones"; not "IDC",
    /// `OpenAI` or `MarketsandMarkets`.
    fn is_name_like(&self) -> bool {
        let mut chars = self.text.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        let mut after_joiner = false;
        let mut rest_ok = true;
        let mut letters = 0;
        for c in chars {
            if matches!(c, '-' | '\'' | '’') {
                after_joiner = true;
                continue;
            }
            if !c.is_alphabetic() || (c.is_uppercase() && !after_joiner) {
                rest_ok = false;
            }
            after_joiner = false;
            letters += 1;
        }
        first_upper && rest_ok && letters > 0 && !self.is_organisation_word()
    }

    fn is_organisation_word(&self) -> bool {
        let word = self.text.trim_end_matches('.');
        ORGANISATION_WORDS
            .iter()
            .any(|organisation| word.eq_ignore_ascii_case(organisation))
    }

    fn is_title(&self) -> bool {
        self.is_one_of(TITLES)
    }

    /// Whether the word is one of `words` (lower case ASCII), in any case.
    fn is_one_of(&self, words: &[&str]) -> bool {
        words
            .iter()
            .any(|word| self.text.eq_ignore_ascii_case(word))
    }
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(i, next)) = chars.peek() {
                let joins = matches!(next, '-' | '\'' | '’' | '&')
                    && text[i + next.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if next.is_alphanumeric() || joins {
                    end = i + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
        }
        out.push(Token {
            text: &text[start..end],
            range: (start, end),
        });
    }
    out
}

/// Whether the tokens at `at` are an abbreviated title, its full stop and a name ("Dr.
/// Chen"): the title makes the name a person's, whatever its shape.
fn is_titled_name(tokens: &[Token<'_>], at: usize) -> bool {
    tokens.get(at).is_some_and(Token::is_title)
        && tokens.get(at + 1).is_some_and(|t| t.text == ".")
        && tokens.get(at + 2).is_some_and(Token::is_name_like)
}

/// What the article's own wording tells about its capitalised words.
#[derive(Debug, Default)]
struct Names {
    /// Last words of the two- and three-word personal names, so a later "according to
    /// Chen" reads as the person introduced as "Maria Chen".
    surnames: Vec<String>,
    /// Words the article writes in lower case somewhere, so "Tests" opening a sentence
    /// reads as the common noun "tests", not a firm called Tests.
    lower_case: FxHashSet<String>,
}

impl Names {
    fn of(texts: &[&str]) -> Self {
        let mut names = Names::default();
        for text in texts {
            let tokens = tokens(text);
            for pair in tokens.windows(2) {
                if pair[0].is_name_like()
                    && pair[1].is_name_like()
                    && !pair[0].is_one_of(NOT_SUBJECTS)
                    && !pair[0].is_one_of(CLAUSE_OPENERS)
                    && !pair[0].is_one_of(&["according", "the"])
                {
                    names.surnames.push(pair[1].text.to_string());
                }
            }
            // "Dr. Chen": the name after a title is a surname even on its own.
            for at in 0..tokens.len() {
                if is_titled_name(&tokens, at) {
                    let name = capitalised_run(&tokens, at + 2);
                    names.surnames.push(tokens[name.end - 1].text.to_string());
                }
            }
            for token in &tokens {
                if token.text.chars().next().is_some_and(char::is_lowercase) {
                    names.lower_case.insert(token.text.to_string());
                }
            }
        }
        names
    }

    fn is_surname(&self, word: &str) -> bool {
        self.surnames.iter().any(|s| s == word)
    }

    /// Whether a capitalised word is written in lower case elsewhere in the article.
    fn is_common_word(&self, word: &str) -> bool {
        self.lower_case.contains(&word.to_lowercase())
    }
}

/// The run of capitalised words starting at token `at` (with "of", "and", "&", "for" inside
/// a name), as a token index range.
fn capitalised_run(tokens: &[Token<'_>], at: usize) -> Range<usize> {
    let mut end = at;
    while end < tokens.len() && end - at < 6 {
        if tokens[end].is_capitalised() {
            end += 1;
        } else if end > at
            && matches!(tokens[end].text, "of" | "and" | "&" | "for")
            && tokens.get(end + 1).is_some_and(Token::is_capitalised)
        {
            end += 2;
        } else {
            break;
        }
    }
    at..end.min(tokens.len())
}

/// Whether the capitalised words are a person, not an organisation (see the rule's docs).
fn is_person(run: &[Token<'_>], names: &Names) -> bool {
    if run.first().is_some_and(|t| t.text == "The") {
        return false;
    }
    match run {
        [single] => names.is_surname(single.text),
        [_, _] | [_, _, _] => run.iter().all(Token::is_name_like),
        _ => false,
    }
}

/// Byte ranges of the attribution phrases in a paragraph's text, merged where they overlap,
/// given the [`PHRASES`] found in it.
fn attributions(text: &str, matches: &[(usize, Range<usize>)], names: &Names) -> Vec<Range<usize>> {
    let tokens = tokens(text);
    let token_at = |offset: usize| tokens.iter().position(|t| t.range.0 >= offset);
    let run_end = |after: usize, fallback: usize| {
        token_at(after).map_or(fallback, |i| {
            let run = capitalised_run(&tokens, i);
            if run.is_empty() {
                fallback
            } else {
                tokens[run.end - 1].range.1
            }
        })
    };
    let mut found: Vec<Range<usize>> = Vec::new();
    for (id, range) in matches.iter().cloned() {
        if let Some(phrase) = DOCUMENT_PHRASES.get(id) {
            if is_source_noun_phrase(text, &range, phrase) {
                found.push(range.start..run_end(range.end, range.end));
            }
        } else if id == ACCORDING_TO {
            let Some(next) = token_at(range.end) else {
                continue;
            };
            if is_titled_name(&tokens, next) {
                continue;
            }
            let run = capitalised_run(&tokens, next);
            if !run.is_empty() {
                if !is_person(&tokens[run.clone()], names) {
                    found.push(range.start..tokens[run.end - 1].range.1);
                }
                continue;
            }
            // "according to the Associated Press", "according to the Fed's Summary of
            // Economic Conditions": people take no article, so a capitalised name or title
            // after "the" is an organisation or a document.
            if tokens[next].text == "the" {
                let run = capitalised_run(&tokens, next + 1);
                if !run.is_empty() {
                    found.push(range.start..tokens[run.end - 1].range.1);
                    continue;
                }
            }
            // "according to (a|an|the|new|recent|its|…) report": a document within three words.
            let document = tokens[next..]
                .iter()
                .take(3)
                .take_while(|t| t.is_word())
                .position(|t| t.is_one_of(DOCUMENT_NOUNS));
            if let Some(offset) = document {
                let noun = next + offset;
                found.push(range.start..run_end(tokens[noun].range.1, tokens[noun].range.1));
            }
        } else if let Some(claim) = claim_by_subject(&tokens, range, names) {
            found.push(claim);
        }
    }
    found.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in found {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// Whether "data from", "figures from" and the like at `range` name a source ("Data from
/// IDC shows", "citing figures from IDC") rather than describe a transfer ("moves data from
/// Azure"): they must open a clause or follow a word that introduces evidence. Phrases
/// with an article ("a report by") always name a document.
fn is_source_noun_phrase(text: &str, range: &Range<usize>, phrase: &str) -> bool {
    if phrase.starts_with("a ") || phrase.starts_with("an ") {
        return true;
    }
    let before = text[..range.start].trim_end();
    let previous = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    before.is_empty()
        || before.ends_with([',', ';', ':', '(', '—', '–', '.'])
        || EVIDENCE_WORDS.contains(&previous.as_str())
}

/// Words after which "data from …" cites evidence.
const EVIDENCE_WORDS: &[&str] = &[
    "to",
    "on",
    "citing",
    "cites",
    "cited",
    "using",
    "uses",
    "used",
    "analysed",
    "analyzed",
    "and",
    "but",
    "while",
    "as",
    "new",
    "latest",
    "recent",
    "published",
    "released",
    "of",
];

/// "Gartner estimates", "the study found", ", the AP reported": the claim verb at `verb`
/// with an organisation or a document as its subject.
fn claim_by_subject(
    tokens: &[Token<'_>],
    verb: Range<usize>,
    names: &Names,
) -> Option<Range<usize>> {
    let v = tokens.iter().position(|t| t.range.0 == verb.start)?;
    let verb_word = tokens[v].lower();
    let next = tokens.get(v + 1);
    let noun_like =
        NOUN_LIKE_VERBS.contains(&verb_word.as_str()) && next.is_none_or(|t| !t.is_word());
    if next.is_some_and(|t| {
        matches!(
            t.lower().as_str(),
            "itself" | "themselves" | "himself" | "herself" | "a" | "an" | "the" | "it" | "them"
        )
    }) && verb_word.starts_with("found")
    {
        return None;
    }
    let end = subject_end(tokens, v)?;
    let before = &tokens[end];
    if DOCUMENT_NOUNS.contains(&before.lower().as_str()) {
        if noun_like {
            return None;
        }
        // Back to the determiner: "the study found", "Gartner’s latest survey found".
        let mut start = end;
        while start > 0 && tokens[start - 1].is_word() && end - start < 3 {
            start -= 1;
            if matches!(
                tokens[start].lower().as_str(),
                "the" | "a" | "an" | "its" | "their"
            ) {
                break;
            }
        }
        return Some(tokens[start].range.0..verb.end);
    }
    if !CLAIM_VERBS.contains(&verb_word.as_str()) || !before.is_capitalised() {
        return None;
    }
    // The capitalised run ending at the subject's end.
    let mut start = end;
    while start > 0
        && tokens[start - 1].is_capitalised()
        && !CLAUSE_OPENERS.contains(&tokens[start - 1].lower().as_str())
        && end - start < 4
    {
        start -= 1;
    }
    // "Prof. Chen found": a title before the name makes the subject a person.
    if start >= 2 && is_titled_name(tokens, start - 2) {
        return None;
    }
    let run = &tokens[start..=end];
    // "the AP", "the New York Times": people take no article.
    let has_article = start > 0 && tokens[start - 1].text == "the";
    let subject = if has_article { start - 1 } else { start };
    let previous = subject.checked_sub(1).map(|i| &tokens[i]);
    let opens_clause = previous.is_none_or(|previous| {
        !previous.is_word()
            || previous.text.chars().all(|c| c.is_ascii_digit())
            || CLAUSE_OPENERS.contains(&previous.lower().as_str())
    });
    // ", Reuters reported." and ", the New York Times reports": the wire's inverted
    // attribution closes the sentence, so a verb that could be a noun is a verb there.
    let inverted = previous.is_some_and(|p| matches!(p.text, "," | "—" | "–"));
    let sentence_start = previous.is_none_or(|p| matches!(p.text, "." | "!" | "?"));
    let single_common_word = run.len() == 1
        && (NOT_SUBJECTS.contains(&run[0].lower().as_str())
            || sentence_start
                && !has_article
                && (run[0].text == "The"
                    || names.is_common_word(run[0].text)
                    || has_speech_verb(tokens, v)));
    if !opens_clause
        || (noun_like && !inverted)
        || (!has_article && is_person(run, names))
        || single_common_word
    {
        return None;
    }
    Some(tokens[subject].range.0..verb.end)
}

/// The index of the last word of the subject of the verb at `v`, past adverbs ("the report
/// also warned") and one clause set off by commas or dashes ("The study, published in
/// Nature, found").
fn subject_end(tokens: &[Token<'_>], v: usize) -> Option<usize> {
    let mut end = v.checked_sub(1)?;
    while end > 0
        && (tokens[end].is_one_of(INSERTED_ADVERBS)
            || tokens[end].text.len() > 4
                && tokens[end].text.ends_with("ly")
                && !tokens[end].is_capitalised())
    {
        end -= 1;
    }
    if matches!(tokens[end].text, "," | "—" | "–") {
        let close = tokens[end].text;
        // The clause's opening mark, within a dozen tokens and the same sentence.
        let open = (end.saturating_sub(14)..end)
            .rev()
            .take_while(|&i| !matches!(tokens[i].text, "." | "!" | "?"))
            .find(|&i| tokens[i].text == close || close != "," && tokens[i].text == ",")?;
        // Only a document noun or a name before the clause makes it a subject ("IDC, the
        // research firm, estimated"), so the clause skipped is never the main sentence.
        let candidate = open.checked_sub(1)?;
        let word = &tokens[candidate];
        return (DOCUMENT_NOUNS.contains(&word.lower().as_str()) || word.is_capitalised())
            .then_some(candidate);
    }
    Some(end)
}

/// Whether the sentence holding the token at `at` attributes to people by a verb of
/// speech ("…, officials said").
fn has_speech_verb(tokens: &[Token<'_>], at: usize) -> bool {
    let is_stop = |t: &Token<'_>| matches!(t.text, "." | "!" | "?");
    let start = tokens[..at].iter().rposition(is_stop).map_or(0, |i| i + 1);
    let end = tokens[at..]
        .iter()
        .position(is_stop)
        .map_or(tokens.len(), |i| at + i);
    tokens[start..end].iter().any(|t| t.is_one_of(SPEECH_VERBS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(text: &str) -> Vec<&str> {
        let names = Names::of(&[text]);
        let matches = crate::text::Folded::new(text).find_any(&PHRASES);
        attributions(text, &matches, &names)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn documents_and_organisations_are_attributions() {
        assert_eq!(
            phrases("According to a report by MarketsandMarkets, the market grows."),
            ["According to a report by MarketsandMarkets"]
        );
        assert_eq!(
            phrases("It will grow, according to Gartner."),
            ["according to Gartner"]
        );
        assert_eq!(
            phrases("Gartner estimates that spending will rise."),
            ["Gartner estimates"]
        );
        assert_eq!(
            phrases("Spending rose, and IDC projected more."),
            ["IDC projected"]
        );
        assert_eq!(
            phrases("When Microsoft reported its results, shares fell."),
            ["Microsoft reported"]
        );
        assert_eq!(
            phrases("In 2024 Gartner estimated that few would."),
            ["Gartner estimated"]
        );
        assert_eq!(
            phrases("The study found that 80% agreed."),
            ["The study found"]
        );
        assert_eq!(phrases("It cites data from the World Bank."), ["data from"]);
        assert_eq!(phrases("Data from IDC shows a rise."), ["Data from IDC"]);
    }

    #[test]
    fn people_and_nouns_are_not() {
        assert!(phrases("“We are ready,” said Maria Chen.").is_empty());
        assert!(phrases("Maria Chen said the deal was done.").is_empty());
        assert!(phrases("The deal was done, according to Maria Chen.").is_empty());
        assert!(phrases("Maria Chen runs the lab. It is done, according to Chen.").is_empty());
        assert!(phrases("Maria Chen found that the deal was done.").is_empty());
        assert!(phrases("They have built AI projects, including Copilot.").is_empty());
        assert!(phrases("Researchers found that it works.").is_empty());
        assert!(phrases("It works, according to people familiar with the talks.").is_empty());
        assert!(phrases("OpenAI found a partner in Amazon.").is_empty());
        assert!(phrases("The tool moves data from Azure to AWS overnight.").is_empty());
        assert!(phrases("The shows were sold out, Reuters said.").is_empty());
        assert!(phrases("Microsoft warned that supply would tighten.").is_empty());
    }

    #[test]
    fn inverted_wire_attributions_are_attributions() {
        assert_eq!(
            phrases("The deal is worth $3 billion, the AP reported."),
            ["the AP reported"]
        );
        assert_eq!(
            phrases("Talks stalled, the New York Times reports."),
            ["the New York Times reports"]
        );
        assert_eq!(
            phrases("Prices rose 4%, Reuters reported on Wednesday."),
            ["Reuters reported"]
        );
        assert_eq!(
            phrases("Prices rose, the Associated Press reported, citing officials."),
            ["the Associated Press reported"]
        );
    }

    #[test]
    fn titles_inserted_clauses_adverbs_and_evidence_verbs() {
        assert_eq!(
            phrases("Growth slowed, according to the Fed's Summary of Economic Conditions."),
            ["according to the Fed's Summary of Economic Conditions"]
        );
        assert_eq!(
            phrases("The study, published in the journal Pediatrics, revealed that few slept."),
            ["The study, published in the journal Pediatrics, revealed"]
        );
        assert_eq!(
            phrases("The report also warned of shortages."),
            ["The report also warned"]
        );
        assert_eq!(
            phrases("Final figures indicate a 2% rise."),
            ["Final figures indicate"]
        );
        assert_eq!(
            phrases("IDC, the research firm, estimated that sales fell."),
            ["IDC, the research firm, estimated"]
        );
    }

    #[test]
    fn a_courtesy_title_before_a_name_marks_a_person() {
        assert!(phrases("The deal is off, according to Dr. Amal Haddad.").is_empty());
        assert!(phrases("According to Gov. Haddad, the bridge will reopen.").is_empty());
        assert!(phrases("Prof. Haddad found that the bridge was safe.").is_empty());
        assert!(phrases("Sen. Amal Haddad reported the vote to the chamber.").is_empty());
        // A later bare surname reads as the person the title introduced.
        assert!(phrases("Dr. Haddad runs the lab. It works, according to Haddad.").is_empty());
        // Only a title followed by a name: an organisation after it is still one.
        assert_eq!(
            phrases("Dr. Haddad agreed. According to the Ministry of Health, it works."),
            ["According to the Ministry of Health"]
        );
    }

    #[test]
    fn sentence_opening_common_nouns_are_not_organisations() {
        assert!(phrases("Tests found lead in the water, officials said.").is_empty());
        assert!(phrases("Inspectors ran more tests. Tests found lead in the pipes.").is_empty());
    }
}
