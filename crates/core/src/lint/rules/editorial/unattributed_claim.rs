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
    ///   Adverbs and auxiliaries ("the report also warned", "the BBC has reported"), one
    ///   clause set off by commas or dashes ("The study, published in the journal X,
    ///   revealed") and a short phrase after the noun ("a survey of nurses' hours found")
    ///   may sit between subject and verb;
    /// - a document with a verb of speech or expectation: "Reports say", "the document
    ///   notes", "forecasts anticipate", "polls are showing";
    /// - a claim with no source at all: "reportedly", "are reported to", "is thought to",
    ///   "is believed to", "is said (not) to", "confirmed dead";
    /// - a source named otherwise: in lower case or by its address after "according to"
    ///   ("according to the company website", "according to weather.gov"); an outlet a
    ///   quotation was given to ("told the Harbour Herald", "spoke to the BBC"; only a name
    ///   with a media word or a wire service's initials, so "told reporters" and "told the
    ///   Senate" pass); an organisation as a passive's agent ("were documented by the
    ///   Heritage Trust"); a journal that printed the paper ("published in the journal
    ///   Cell"); a source named after the figure ("that number is from the Harbour
    ///   Authority", "the findings of this year's Coastal Survey"); research by a named
    ///   organisation ("scientists from Lund University found"); and the verb first inside a
    ///   sentence (", reported Coastline Radio,", "…,” states the ministry's report").
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
    /// ("Goldman Sachs estimated") are missed, unless researchers work at them ("economists
    /// at Goldman Sachs estimated"). Neither a court's finding ("the High Court found"), a
    /// conjunction ("If found liable"), a person named after the outlet they work for
    /// ("Radio Nord's Ana Ruiz reports"), a date ("compiled by Friday") nor a method ("used
    /// data from three satellites") is read as a source.
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
    "asserted",
    "asserts",
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
    "states",
    "stated",
    "writes",
    "wrote",
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
    "has",
    "have",
    "had",
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
    "document",
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
    "polls",
    "audit",
    "review",
    "index",
];

/// Places a claim is read from that are not documents doing the claiming ("the site shows"
/// is as often a building site): they count only after "according to" ("according to the
/// company website", "according to a local newspaper").
const SOURCE_NOUNS: &[&str] = &[
    "website",
    "websites",
    "site",
    "blog",
    "newspaper",
    "newspapers",
    "magazine",
    "database",
    "register",
    "records",
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
    "mail",
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

/// Claims put in no one's mouth: the words themselves are the fault ("reportedly", "are
/// reported to have been killed", "is thought to be recovering", "is said not to have been
/// armed").
const UNSOURCED_PHRASES: &[&str] = &[
    "reportedly",
    "is reported to",
    "are reported to",
    "was reported to",
    "were reported to",
    "it is reported",
    "it was reported",
    "it has been reported",
    "is thought to",
    "are thought to",
    "was thought to",
    "were thought to",
    "is believed to",
    "are believed to",
    "was believed to",
    "were believed to",
    "is said to",
    "are said to",
    "was said to",
    "were said to",
    "is said not to",
    "are said not to",
    "is reported not to",
    "confirmed dead",
];

/// Verbs of speech and expectation that, after a document noun, put a claim in the
/// document's mouth ("Reports say", "reports anticipate", "polls are showing"). A match
/// counts only when the word before it (or before "also") is a document noun, which
/// [`is_worth_reading`] checks on the text, so the many paragraphs with a bare "said" are
/// never tokenised for them.
const DOCUMENT_SPEECH_VERBS: &[&str] = &[
    "say",
    "says",
    "said",
    "state",
    "anticipate",
    "anticipates",
    "anticipated",
    "claim",
    "claims",
    "claimed",
    "note",
    "notes",
    "noted",
    "are showing",
    "is showing",
    "were showing",
    "was showing",
];

/// "told the BBC", "spoke to Daily Mail": a quotation taken from another outlet's report.
const TOLD_PHRASES: &[&str] = &["told", "spoke to", "speaking to", "talking to"];

/// A passive whose agent is the source: "were documented by Fight for the Future".
const BY_AGENT_PHRASES: &[&str] = &[
    "documented by",
    "compiled by",
    "reported by",
    "estimated by",
    "conducted by",
    "collected by",
];

/// A figure's or a finding's source named after it: "That number is from the Institute of
/// International Education", "one of the findings in this year's World Health Report".
const NAMED_AFTER_PHRASES: &[&str] = &[
    "number is from",
    "numbers are from",
    "figure is from",
    "figures are from",
    "figure comes from",
    "figures come from",
    "number comes from",
    "numbers come from",
    "data come from",
    "data comes from",
    "estimate comes from",
    "report comes from",
    "findings in",
    "findings of",
    "finding in",
    "finding of",
];

/// A paper named by the journal that printed it: "published on Wednesday in scientific
/// journal Nature", "appeared in the journal Nature".
const PUBLISHED_PHRASES: &[&str] = &["published", "appeared"];

/// Verbs of discovery that count only with a research group of a named organisation as
/// their subject ("researchers from the University of Florida spotted a planet"); with
/// "found", "reported", "estimated" and "concluded" (already claim or evidence verbs).
const RESEARCH_VERBS: &[&str] = &["discovered", "spotted"];

/// People who speak for an organisation's research: "researchers at Stanford found".
const RESEARCH_GROUPS: &[&str] = &[
    "researchers",
    "scientists",
    "astronomers",
    "economists",
    "analysts",
    "engineers",
    "doctors",
    "experts",
];

/// What a phrase of [`PHRASES`] starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// One of [`DOCUMENT_PHRASES`], by index.
    Document(usize),
    AccordingTo,
    /// A claim or evidence verb, its subject before it (or after it, verb first).
    Verb,
    Unsourced,
    /// "<document noun> <verb of speech>".
    DocumentSpeech,
    Told,
    ByAgent,
    Published,
    /// One of [`NAMED_AFTER_PHRASES`].
    NamedAfter,
    /// One of [`RESEARCH_VERBS`].
    ResearchVerb,
}

/// Every phrase the rule starts from, in one set, with what each starts.
static PHRASES: LazyLock<(PhraseSet, Vec<Start>)> = LazyLock::new(|| {
    let mut phrases: Vec<(String, Start)> = DOCUMENT_PHRASES
        .iter()
        .enumerate()
        .map(|(i, p)| ((*p).to_string(), Start::Document(i)))
        .collect();
    phrases.push(("according to".to_string(), Start::AccordingTo));
    let verbs = CLAIM_VERBS.iter().chain(
        EVIDENCE_VERBS
            .iter()
            .filter(|verb| !CLAIM_VERBS.contains(verb)),
    );
    phrases.extend(verbs.map(|v| ((*v).to_string(), Start::Verb)));
    phrases.extend(
        UNSOURCED_PHRASES
            .iter()
            .map(|p| ((*p).to_string(), Start::Unsourced)),
    );
    phrases.extend(
        DOCUMENT_SPEECH_VERBS
            .iter()
            .map(|p| ((*p).to_string(), Start::DocumentSpeech)),
    );
    phrases.extend(TOLD_PHRASES.iter().map(|p| ((*p).to_string(), Start::Told)));
    phrases.extend(
        BY_AGENT_PHRASES
            .iter()
            .map(|p| ((*p).to_string(), Start::ByAgent)),
    );
    phrases.extend(
        PUBLISHED_PHRASES
            .iter()
            .map(|p| ((*p).to_string(), Start::Published)),
    );
    phrases.extend(
        NAMED_AFTER_PHRASES
            .iter()
            .map(|p| ((*p).to_string(), Start::NamedAfter)),
    );
    phrases.extend(
        RESEARCH_VERBS
            .iter()
            .map(|p| ((*p).to_string(), Start::ResearchVerb)),
    );
    let set = PhraseSet::new(&phrases.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>());
    (set, phrases.into_iter().map(|(_, start)| start).collect())
});

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
        if !paragraph.may_match(&PHRASES.0) {
            continue;
        }
        let mut matches = paragraph.folded().find_any(&PHRASES.0);
        matches.retain(|(id, range)| is_worth_reading(&paragraph.text, PHRASES.1[*id], range));
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

/// Whether a match can start an attribution, judged on the text alone, before the paragraph
/// and the article's names are tokenised: a verb of speech needs a document noun before it
/// ("reports say", "the report also notes"), "told" a capital or "the" after it. Every other
/// match is worth reading.
fn is_worth_reading(text: &str, start: Start, range: &Range<usize>) -> bool {
    match start {
        Start::DocumentSpeech => {
            let mut before = words_before(&text[..range.start]);
            let mut word = before.next();
            if word.is_some_and(|w| w.eq_ignore_ascii_case("also")) {
                word = before.next();
            }
            word.is_some_and(|w| DOCUMENT_NOUNS.iter().any(|n| w.eq_ignore_ascii_case(n)))
        }
        Start::Told => {
            let after = text[range.end..].trim_start();
            let after = after.strip_prefix("the ").unwrap_or(after);
            after.chars().next().is_some_and(char::is_uppercase)
        }
        _ => true,
    }
}

/// The words of `text` from its end backwards, stopping at the first character that is
/// neither a letter, a digit nor white space.
fn words_before(text: &str) -> impl Iterator<Item = &str> {
    let stop = text
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || c.is_whitespace()))
        .map_or(0, |(i, c)| i + c.len_utf8());
    text[stop..].split_whitespace().rev()
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

    /// Starts with a capital, or with digits and then one ("9News", "3M"); not "2024".
    fn is_capitalised(&self) -> bool {
        self.text
            .chars()
            .find(|c| !c.is_ascii_digit())
            .is_some_and(char::is_uppercase)
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

/// The run of capitalised words starting at token `at` (with "of", "and", "&", "for", "of
/// the" and "for the" inside a name), as a token index range.
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
        } else if end > at
            && matches!(tokens[end].text, "of" | "for")
            && tokens.get(end + 1).is_some_and(|t| t.text == "the")
            && tokens.get(end + 2).is_some_and(Token::is_capitalised)
        {
            // "Fight for the Future", "Ministry of the Interior".
            end += 3;
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
        match PHRASES.1[id] {
            Start::Document(index) => {
                if is_source_noun_phrase(text, &range, DOCUMENT_PHRASES[index]) {
                    found.push(range.start..run_end(range.end, range.end));
                }
            }
            Start::AccordingTo => {
                if let Some(claim) = according_to(&tokens, range, names) {
                    found.push(claim);
                }
            }
            Start::Verb => {
                let claim = claim_by_subject(&tokens, range.clone(), names)
                    .or_else(|| verb_first(&tokens, range.clone(), names))
                    .or_else(|| research_group(&tokens, range, names));
                found.extend(claim);
            }
            Start::ResearchVerb => found.extend(research_group(&tokens, range, names)),
            Start::Unsourced => found.push(range),
            Start::DocumentSpeech => {
                // The document noun before the verb (or before "also") is its subject.
                if let Some(verb) = tokens.iter().position(|t| t.range.0 == range.start) {
                    let mut noun = verb.checked_sub(1);
                    if noun.is_some_and(|n| tokens[n].is_one_of(&["also"])) {
                        noun = noun.and_then(|n| n.checked_sub(1));
                    }
                    if let Some(noun) = noun.filter(|&n| tokens[n].is_one_of(DOCUMENT_NOUNS)) {
                        found
                            .push(tokens[document_subject_start(&tokens, noun)].range.0..range.end);
                    }
                }
            }
            Start::Told => found.extend(told_outlet(&tokens, range)),
            Start::ByAgent => found.extend(by_agent(&tokens, range, names)),
            Start::Published => found.extend(published_in(&tokens, range)),
            Start::NamedAfter => found.extend(named_after(&tokens, range, names)),
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

/// "according to" at `range` followed by an organisation, a document or a web site: the
/// attribution's range.
fn according_to(tokens: &[Token<'_>], range: Range<usize>, names: &Names) -> Option<Range<usize>> {
    let next = tokens.iter().position(|t| t.range.0 >= range.end)?;
    if is_titled_name(tokens, next) {
        return None;
    }
    let run = capitalised_run(tokens, next);
    if !run.is_empty() {
        return (!is_person(&tokens[run.clone()], names))
            .then(|| range.start..tokens[run.end - 1].range.1);
    }
    // "according to the Associated Press", "according to the Fed's Summary of Economic
    // Conditions": people take no article, so a capitalised name or title after "the" is an
    // organisation or a document.
    if tokens[next].text == "the" {
        let run = capitalised_run(tokens, next + 1);
        if !run.is_empty() {
            return Some(range.start..tokens[run.end - 1].range.1);
        }
    }
    // "according to timeanddate.com": a web site's address.
    if let Some(end) = domain_end(tokens, next) {
        return Some(range.start..end);
    }
    // "according to (a|an|the|new|recent|its|company|…) report|website": a document or a
    // place it is read from, within three words.
    let document = tokens[next..]
        .iter()
        .take(3)
        .take_while(|t| t.is_word())
        .position(|t| t.is_one_of(DOCUMENT_NOUNS) || t.is_one_of(SOURCE_NOUNS))?;
    let noun = next + document;
    let after = tokens
        .get(noun + 1)
        .map_or(tokens[noun].range.1, |t| t.range.0);
    let run = capitalised_run(tokens, noun + 1);
    let end = if run.is_empty() || after != tokens[noun].range.1 + 1 {
        tokens[noun].range.1
    } else {
        tokens[run.end - 1].range.1
    };
    Some(range.start..end)
}

/// Top-level domains an address in running text ends with.
const DOMAINS: &[&str] = &[
    "com", "org", "net", "gov", "edu", "int", "io", "info", "news", "uk", "us", "eu", "de", "fr",
    "ca", "au", "in",
];

/// The end of a web address starting at token `at` ("timeanddate.com", "bbc.co.uk"), if one
/// does: words joined by full stops with no space, the last a known top-level domain.
fn domain_end(tokens: &[Token<'_>], at: usize) -> Option<usize> {
    let mut i = at;
    let mut end = None;
    while tokens.get(i).is_some_and(Token::is_word)
        && tokens
            .get(i + 1)
            .is_some_and(|t| t.text == "." && t.range.0 == tokens[i].range.1)
        && tokens
            .get(i + 2)
            .is_some_and(|t| t.is_word() && t.range.0 == tokens[i + 1].range.1)
    {
        if tokens[i + 2].is_one_of(DOMAINS) {
            end = Some(tokens[i + 2].range.1);
        }
        i += 2;
    }
    end
}

/// Words that make a capitalised name a news outlet's: "Daily Mail", "the New York Times".
const MEDIA_WORDS: &[&str] = &[
    "news",
    "times",
    "post",
    "journal",
    "press",
    "mail",
    "herald",
    "tribune",
    "telegraph",
    "gazette",
    "guardian",
    "chronicle",
    "radio",
    "television",
    "tv",
    "broadcasting",
    "magazine",
    "daily",
    "wire",
    "newspaper",
];

/// Wire services and broadcasters known by their initials.
const OUTLET_INITIALS: &[&str] = &[
    "AP", "AFP", "BBC", "CNN", "NPR", "ABC", "CBS", "NBC", "RAI", "DPA", "UPI", "PTI", "ANI",
    "CBC", "SBS", "RTE", "ZDF", "ARD", "TASS", "CCTV",
];

/// Whether a capitalised run names an organisation: after "the" (people take no article),
/// an outlet ("Coastline Radio" is shaped like a person's name), or anything not a person.
fn is_organisation(run: &[Token<'_>], names: &Names, after_the: bool) -> bool {
    // "reported by Friday", "findings in March": a date is no one.
    if let [single] = run
        && single.is_one_of(MONTHS_AND_DAYS)
    {
        return false;
    }
    after_the || is_outlet(run) || !is_person(run, names)
}

const MONTHS_AND_DAYS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a capitalised run names a news outlet.
fn is_outlet(run: &[Token<'_>]) -> bool {
    run.iter().any(|t| t.is_one_of(MEDIA_WORDS))
        || matches!(run, [single] if OUTLET_INITIALS.contains(&single.text))
}

/// "told Daily Mail", "spoke to the BBC": the quotation that follows comes from that
/// outlet's report. Telling anyone else (reporters, Congress, the FBI) is not a source.
fn told_outlet(tokens: &[Token<'_>], range: Range<usize>) -> Option<Range<usize>> {
    let mut next = tokens.iter().position(|t| t.range.0 >= range.end)?;
    if tokens[next].text == "the" {
        next += 1;
    }
    let run = capitalised_run(tokens, next);
    (!run.is_empty() && is_outlet(&tokens[run.clone()]))
        .then(|| range.start..tokens[run.end - 1].range.1)
}

/// "were documented by Fight for the Future": a passive whose agent, an organisation, is
/// the claim's source.
fn by_agent(tokens: &[Token<'_>], range: Range<usize>, names: &Names) -> Option<Range<usize>> {
    let mut next = tokens.iter().position(|t| t.range.0 >= range.end)?;
    let has_article = tokens[next].text == "the";
    if has_article {
        next += 1;
    }
    if is_titled_name(tokens, next) {
        return None;
    }
    let run = capitalised_run(tokens, next);
    (!run.is_empty() && is_organisation(&tokens[run.clone()], names, has_article))
        .then(|| range.start..tokens[run.end - 1].range.1)
}

/// "That number is from the Institute of International Education", "the findings of this
/// year's World Health Report": the source, an organisation or a document's title, follows
/// within three lower-case words ("the", "this year's").
fn named_after(tokens: &[Token<'_>], range: Range<usize>, names: &Names) -> Option<Range<usize>> {
    let next = tokens.iter().position(|t| t.range.0 >= range.end)?;
    let name = (next..tokens.len().min(next + 4))
        .take_while(|&i| tokens[i].is_word())
        .find(|&i| tokens[i].is_capitalised())?;
    if is_titled_name(tokens, name) {
        return None;
    }
    let after_the = name > 0 && tokens[name - 1].text == "the";
    let run = capitalised_run(tokens, name);
    is_organisation(&tokens[run.clone()], names, after_the || name > next)
        .then(|| range.start..tokens[run.end - 1].range.1)
}

/// "researchers from the University of Florida spotted a planet", "scientists at the
/// Harbour Institute found": research by a named organisation, whose paper is the source.
/// The verb is one of [`RESEARCH_VERBS`] or a claim or evidence verb of discovery.
fn research_group(tokens: &[Token<'_>], verb: Range<usize>, names: &Names) -> Option<Range<usize>> {
    let v = tokens.iter().position(|t| t.range.0 == verb.start)?;
    if !(tokens[v].is_one_of(RESEARCH_VERBS)
        || tokens[v].is_one_of(&["found", "reported", "estimated", "concluded"]))
    {
        return None;
    }
    let end = subject_end(tokens, v)?;
    if !tokens[end].is_capitalised() {
        return None;
    }
    // Back over the organisation's name, with "of", "for", "and", "the" inside it.
    let mut start = end;
    while start > 0 && end - start < 8 {
        let previous = &tokens[start - 1];
        if previous.is_capitalised()
            || previous.is_one_of(&["of", "for", "and", "&"])
                && start > 1
                && tokens[start - 2].is_capitalised()
            || previous.text == "the" && start > 1 && tokens[start - 2].is_one_of(&["of", "for"])
        {
            start -= 1;
        } else {
            break;
        }
    }
    let after_the = start > 0 && tokens[start - 1].text == "the";
    let preposition = if after_the {
        start - 2
    } else {
        start.checked_sub(1)?
    };
    let group = preposition.checked_sub(1)?;
    // Researchers are "at" or "from" a place of work, never a person: "economists at
    // Goldman Sachs" is a firm although shaped like a name. "with" and "of" may name people.
    let preposition = tokens.get(preposition)?;
    let run = &tokens[start..=end];
    let organisation = if preposition.is_one_of(&["at", "from"]) {
        !matches!(run, [single] if single.is_one_of(MONTHS_AND_DAYS))
    } else {
        preposition.is_one_of(&["with", "of"]) && is_organisation(run, names, after_the)
    };
    (organisation && tokens[group].is_one_of(RESEARCH_GROUPS))
        .then(|| tokens[group].range.0..verb.end)
}

/// Words naming what printed a paper.
const JOURNAL_WORDS: &[&str] = &["journal", "magazine", "newspaper", "proceedings"];

/// "published on Wednesday in scientific journal Nature", "appeared in the journal
/// Nature": a paper named by its journal, which the claim comes from.
fn published_in(tokens: &[Token<'_>], range: Range<usize>) -> Option<Range<usize>> {
    let verb = tokens.iter().position(|t| t.range.0 >= range.start)?;
    // "in" within four words of the verb, in the same clause.
    let mut i = (verb + 1..tokens.len().min(verb + 6))
        .take_while(|&i| tokens[i].is_word())
        .find(|&i| tokens[i].text == "in")?
        + 1;
    // The journal word, after an article and up to two adjectives: "in the official
    // scientific journal of the American Academy".
    let journal = (i..tokens.len().min(i + 4))
        .take_while(|&j| tokens[j].is_word() && !tokens[j].is_capitalised())
        .find(|&j| tokens[j].is_one_of(JOURNAL_WORDS));
    let named = if let Some(journal) = journal {
        i = journal + 1;
        if tokens.get(i).is_some_and(|t| t.text == "of") {
            i += 1;
        }
        if tokens.get(i).is_some_and(|t| t.text == "the") {
            i += 1;
        }
        // Whatever follows "the journal" names it: "the journal Coastal Geology" is no person.
        let run = capitalised_run(tokens, i);
        (!run.is_empty()).then_some(run)
    } else {
        if tokens.get(i).is_some_and(|t| t.text == "the") {
            i += 1;
        }
        let run = capitalised_run(tokens, i);
        (!run.is_empty() && is_outlet(&tokens[run.clone()])).then_some(run)
    }?;
    Some(range.start..tokens[named.end - 1].range.1)
}

/// Verbs that, first after a comma or a closing quotation mark, are followed by their
/// subject: "coming this week, reported 9News, closer to Earth", "…,” states a portion of
/// the paper."
const VERB_FIRST_VERBS: &[&str] = &[
    "reported",
    "reports",
    "estimated",
    "estimates",
    "found",
    "finds",
    "states",
    "stated",
    "writes",
    "wrote",
    "asserted",
    "asserts",
];

/// The verb at `verb` with its subject after it, an organisation or a document: the
/// inversion inside a sentence, which [`claim_by_subject`] cannot see.
fn verb_first(tokens: &[Token<'_>], verb: Range<usize>, names: &Names) -> Option<Range<usize>> {
    let v = tokens.iter().position(|t| t.range.0 == verb.start)?;
    if !tokens[v].is_one_of(VERB_FIRST_VERBS) {
        return None;
    }
    let previous = v.checked_sub(1).map(|i| tokens[i].text)?;
    if !matches!(previous, "," | "—" | "–" | "”" | "\"" | "’") {
        return None;
    }
    let mut next = v + 1;
    let has_article = tokens
        .get(next)
        .is_some_and(|t| t.is_one_of(&["the", "a", "an"]));
    if has_article {
        next += 1;
    }
    if is_titled_name(tokens, next) {
        return None;
    }
    let run = capitalised_run(tokens, next);
    if !run.is_empty() {
        let the = has_article && tokens[next - 1].text == "the";
        return is_organisation(&tokens[run.clone()], names, the)
            .then(|| verb.start..tokens[run.end - 1].range.1);
    }
    // "states a portion of the paper": a document noun within six words.
    let noun = (next..tokens.len().min(next + 6))
        .take_while(|&i| tokens[i].is_word())
        .find(|&i| tokens[i].is_one_of(DOCUMENT_NOUNS))?;
    Some(verb.start..tokens[noun].range.1)
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

/// Words after which "data from …" cites evidence. Verbs of method ("used data from the
/// first photograph", "analysed figures from") are left out: they tell how a finding was
/// made, not where a claim was read.
const EVIDENCE_WORDS: &[&str] = &[
    "to",
    "on",
    "citing",
    "cites",
    "cited",
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
    if let Some(noun) = document_before_phrase(tokens, end) {
        if noun_like {
            return None;
        }
        return Some(tokens[document_subject_start(tokens, noun)].range.0..verb.end);
    }
    if DOCUMENT_NOUNS.contains(&before.lower().as_str()) {
        if noun_like {
            return None;
        }
        // Back to the determiner: "the study found", "Gartner’s latest survey found".
        return Some(tokens[document_subject_start(tokens, end)].range.0..verb.end);
    }
    if !CLAIM_VERBS.contains(&verb_word.as_str()) || !before.is_capitalised() {
        return None;
    }
    // The capitalised run ending at the subject's end.
    // "of", "for", "and" and "&" join capitalised words inside a name ("the Department of
    // Agriculture reports", "the Bank of England estimated").
    let mut start = end;
    while start > 0 && end - start < 6 {
        if tokens[start - 1].is_capitalised()
            && !CLAUSE_OPENERS.contains(&tokens[start - 1].lower().as_str())
        {
            start -= 1;
        } else if start > 1
            && tokens[start - 1].is_one_of(&["of", "for", "and", "&"])
            && tokens[start - 2].is_capitalised()
            && !tokens[start - 2].is_one_of(CLAUSE_OPENERS)
        {
            start -= 2;
        } else {
            break;
        }
    }
    // "Prof. Chen found": a title before the name makes the subject a person.
    if start >= 2 && is_titled_name(tokens, start - 2) {
        return None;
    }
    let run = &tokens[start..=end];
    // "If found in contempt": a conjunction opening a clause is no subject.
    if let [single] = run
        && single.is_one_of(CLAUSE_OPENERS)
    {
        return None;
    }
    // "the Supreme Court found that …": a court's finding is its ruling, the news itself,
    // not a claim read from somewhere.
    if (verb_word.starts_with("found") || verb_word == "finds")
        && run
            .iter()
            .any(|t| t.is_one_of(&["court", "tribunal", "jury"]))
    {
        return None;
    }
    // "VOA's Dan Robinson reports": a person, named after the outlet they work for.
    if let Some(owner) = run
        .iter()
        .position(|t| t.text.ends_with("'s") || t.text.ends_with("’s"))
        && is_person(&run[owner + 1..], names)
    {
        return None;
    }
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

/// "A new study of Americans’ overall health shows": the document noun before a short
/// phrase ("of …", "on …", "among …") that ends at `end`, the word before the verb. The
/// noun must follow a determiner, and the phrase may hold no clause ("that", "which") or
/// punctuation, so "the number of studies shows" and "a report that officials …" stay out.
fn document_before_phrase(tokens: &[Token<'_>], end: usize) -> Option<usize> {
    let preposition = (end.saturating_sub(6)..end)
        .rev()
        .take_while(|&i| {
            // A possessive's apostrophe is a token of its own: "Americans’ overall health".
            (tokens[i].is_word() || matches!(tokens[i].text, "’" | "'"))
                && !tokens[i].is_one_of(&["that", "which", "who"])
        })
        .find(|&i| tokens[i].is_one_of(&["of", "on", "among", "into"]))?;
    let noun = preposition.checked_sub(1)?;
    let determiner = (noun.saturating_sub(2)..noun)
        .any(|i| tokens[i].is_one_of(&["a", "an", "the", "this", "its", "their"]));
    (tokens[noun].is_one_of(DOCUMENT_NOUNS)
        && !tokens[noun].is_one_of(&["data", "figures", "numbers", "results"])
        && determiner)
        .then_some(noun)
}

/// Where the subject ending in the document noun at `noun` starts: back to its determiner
/// ("the study", "Gartner’s latest survey"), at most three words, and not past a clause's
/// opening word or a verb of speech ("… and reports anticipate", "the team says budget
/// estimates show").
fn document_subject_start(tokens: &[Token<'_>], noun: usize) -> usize {
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "its", "their", "this", "that", "these", "those",
    ];
    let mut start = noun;
    while start > 0 && tokens[start - 1].is_word() && noun - start < 3 {
        let previous = &tokens[start - 1];
        if previous.is_one_of(DETERMINERS) {
            return start - 1;
        }
        if previous.is_one_of(CLAUSE_OPENERS) || previous.is_one_of(SPEECH_VERBS) {
            break;
        }
        start -= 1;
    }
    start
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
        let mut matches = crate::text::Folded::new(text).find_any(&PHRASES.0);
        matches.retain(|(id, range)| is_worth_reading(text, PHRASES.1[*id], range));
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
    #[test]
    fn claims_with_no_source_at_all() {
        assert_eq!(
            phrases("The minister reportedly resigned on Friday."),
            ["reportedly"]
        );
        assert_eq!(
            phrases("Two ferries are reported to have sunk near the harbour."),
            ["are reported to"]
        );
        assert_eq!(
            phrases("Surveys say most renters expect to move within a year."),
            ["Surveys say"]
        );
        assert_eq!(
            phrases("Turnout fell, and exit polls were showing a narrow lead."),
            ["exit polls were showing"]
        );
        assert_eq!(
            phrases("Growers hope for rain, and forecasts anticipate a dry spring."),
            ["forecasts anticipate"]
        );
        assert_eq!(
            phrases("The driver is believed to have fled on foot."),
            ["is believed to"]
        );
        assert_eq!(
            phrases("Nine climbers were confirmed dead on Sunday."),
            ["confirmed dead"]
        );
        assert_eq!(
            phrases("The filing says the plant will shut, and the document notes rising costs."),
            ["The filing says", "the document notes"]
        );
    }

    #[test]
    fn named_sources_in_lower_case_or_after_their_verb() {
        assert_eq!(
            phrases("The line closes in May, according to the operator’s website."),
            ["according to the operator’s website"]
        );
        assert_eq!(
            phrases("Frost is likely, according to weather.gov, until Sunday."),
            ["according to weather.gov"]
        );
        assert_eq!(
            phrases("A clerk told the Evening Gazette the ballots were lost."),
            ["told the Evening Gazette"]
        );
        assert_eq!(
            phrases("Ninety closures were compiled by the Rural Schools Trust last year."),
            ["compiled by the Rural Schools Trust"]
        );
        assert_eq!(
            phrases("The fund lost money that year, reported Bloomberg News, after the sale."),
            ["reported Bloomberg News"]
        );
        assert_eq!(
            phrases("“Yields will fall,” states the ministry’s annual report."),
            ["states the ministry’s annual report"]
        );
        assert_eq!(
            phrases("The results, published last week in the journal Cell, point to a cause."),
            ["published last week in the journal Cell"]
        );
        assert_eq!(
            phrases("The Gazette has reported that the mill will close."),
            ["The Gazette has reported"]
        );
        assert_eq!(
            phrases("The Bank of Lisbon estimated that lending fell."),
            ["The Bank of Lisbon estimated"]
        );
        assert_eq!(
            phrases("That figure is from the Harbour Authority, which counts every berth."),
            ["figure is from the Harbour Authority"]
        );
        assert_eq!(
            phrases("It is among the findings of this year's Coastal Survey."),
            ["findings of this year's Coastal Survey"]
        );
        assert_eq!(
            phrases("Last year engineers at the Port of Tallinn spotted the leak."),
            ["engineers at the Port of Tallinn spotted"]
        );
        assert_eq!(
            phrases("Scientists from Lund University found the seeds had survived."),
            ["Scientists from Lund University found"]
        );
        assert_eq!(
            phrases("Analysts at Morgan Stanley estimated that fares would rise."),
            ["Analysts at Morgan Stanley estimated"]
        );
        assert_eq!(
            phrases("A survey of nurses’ working hours found most skipped breaks."),
            ["A survey of nurses’ working hours found"]
        );
        assert_eq!(
            phrases("The ministry asserted that the fees were lawful."),
            Vec::<&str>::new()
        );
        assert_eq!(
            phrases("The Mill Owners Association asserted that the fees were lawful."),
            ["The Mill Owners Association asserted"]
        );
    }

    #[test]
    fn methods_rulings_bylines_and_audiences_are_not_sources() {
        assert!(phrases("The team used data from three weather satellites.").is_empty());
        assert!(phrases("If found liable, the firm would pay the costs.").is_empty());
        assert!(phrases("The High Court found that the lease was void.").is_empty());
        assert!(phrases("Radio Nord's Ana Ruiz reports from the border town.").is_empty());
        assert!(phrases("The mayor told reporters the bridge would reopen.").is_empty());
        assert!(phrases("She told the Senate Finance Committee the plan was sound.").is_empty());
        assert!(phrases("The novel was published in March by a small press.").is_empty());
        assert!(phrases("He appeared in court on Monday.").is_empty());
        assert!(phrases("Hostages were released by the army at dawn.").is_empty());
        assert!(phrases("The claims were compiled by Friday and sent on.").is_empty());
        assert!(phrases("Doctors at the hospital found no injuries.").is_empty());
        assert!(phrases("The survey was conducted by Dr. Ines Albrecht in May.").is_empty());
        assert!(phrases("Among the findings of Prof. Haddad was a rise in silt.").is_empty());
        assert!(phrases("Tides rose, reported Dr. Haddad, after the storm.").is_empty());
        assert!(phrases("Scientists with Maria Chen discovered a new moth.").is_empty());
        assert!(phrases("The findings of Maria Chen surprised the panel.").is_empty());
        assert!(phrases("Her findings in March were never published.").is_empty());
        assert!(phrases("A report that officials of the agency wrote shows gaps.").is_empty());
    }

    proptest::proptest! {
        /// Whatever the text, the rule reads it without panicking and reports ranges that
        /// are slices of it (the words and marks of real copy, multi-byte ones included).
        #[test]
        fn any_text_gives_ranges_inside_it(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "reports", "say", "also", "the", "The", "report", "told", "BBC", "Herald",
                    "according", "to", "weather", ".", "gov", ",", "”", "“", "’", "'s",
                    "reported", "Coastline", "Radio", "published", "in", "journal", "Nature",
                    "researchers", "from", "University", "of", "found", "is", "thought",
                    "documented", "by", "Trust", "findings", "number", "from", "If", "é",
                    "states", "a", "paper", "—", "confirmed", "dead", "9News", "\u{a0}",
                ]),
                0..24,
            ),
            glue in proptest::collection::vec(proptest::sample::select(vec![" ", "", "  "]), 24),
        ) {
            let mut text = String::new();
            for (word, glue) in words.iter().zip(glue.iter().cycle()) {
                text.push_str(word);
                text.push_str(glue);
            }
            for found in phrases(&text) {
                proptest::prop_assert!(text.contains(found));
            }
        }
    }
}
