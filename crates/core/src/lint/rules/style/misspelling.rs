use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::FxHashSet;

use crate::article::Article;
use crate::diagnostic::{Severity, Span};
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::style::{
    Speller, SpellerLookup, continues_a_name, is_in_foreign_phrase, is_near_a_suggestion,
    speller_for,
};

declare_rule! {
    /// ## What it does
    /// Reports a word of the body's prose that no configured Hunspell dictionary knows,
    /// with the dictionary's suggestions in the help line. The article's `language` (else
    /// `site.language`) picks the dictionary from `[spelling] dictionaries` (default
    /// `["en_US"]`, built in); an article in a language with no dictionary is not checked,
    /// and, when `copydesk.toml` has a `[spelling]` section, one info finding says so.
    ///
    /// Spelling accepts without being told: the newsroom's author names, desk ids and
    /// names, the article's tags, source titles and publishers, house terms, the words of
    /// `[spelling] accept` and `styles/accept.txt`; words with digits, ALL-CAPS
    /// abbreviations, abbreviations with dots, URLs, e-mail addresses, domain names, code
    /// and link targets; words in letters the dictionary never uses; words without a vowel
    /// and hyphenated identifiers ("gpt-oss"). Capitalised words inside a sentence are names
    /// and are not checked unless `check_proper_nouns = true`; a capitalised word at the
    /// start of a sentence is a name too when the article writes it capitalised inside a
    /// sentence, when the next word is capitalised, or when no suggestion is within two
    /// edits of it. Closed compounds the dictionary splits first ("chatbot"), a prefix before
    /// a known word ("uncited"), derived endings ("uploader"), British spellings in an
    /// article whose `language` names no region ("colour"), foreign phrases and the parts
    /// of names ("Leila de Lima", "Tyrannosaurus rex") are accepted; `docs/style.md` and
    /// `docs/accuracy.md` list these readings and what they cost. Possessives are checked by
    /// their stem ("Altman's" as "Altman") and hyphenated compounds by their parts.
    /// Quotations are checked.
    ///
    /// ## Why is this bad?
    /// A misspelling in a published story costs credibility out of proportion to its size,
    /// and it is the error readers write in about.
    ///
    /// ## Example
    /// ```markdown
    /// The council will recieve the report on Tuesday.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// The council will receive the report on Tuesday.
    /// ```
    ///
    /// ## Options
    /// Configured in `[spelling]`, not `[lint.options]`: `dictionaries` (names, looked for
    /// as `<name>.aff`/`<name>.dic` in the newsroom's `dictionaries/`, then built in for
    /// `en_US`, then in `/usr/share/hunspell`), `accept` (words) and `check_proper_nouns`
    /// (default false). See `docs/style.md`.
    pub(crate) struct Misspelling {
        code: "SP001",
        name: "misspelling",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "a word no configured dictionary knows, with suggestions",
        check: check_misspelling,
    }
}

pub(crate) fn check_misspelling(ctx: &LintContext<'_>, article: &Article) {
    let settings = &ctx.env.config.style.spelling;
    let language = article
        .language
        .as_deref()
        .unwrap_or(&ctx.env.config.site.language);
    let speller = match speller_for(settings, language) {
        SpellerLookup::Found(speller) => speller,
        SpellerLookup::Missing(missing) => {
            if settings.configured && !ctx.prose_blocks().is_empty() {
                let mut diagnostic = ctx.diagnostic(
                    &Misspelling::META,
                    Span::at(article.layout.body.start),
                    format!("spelling not checked: {}", missing.reason),
                );
                diagnostic.severity = Severity::Info;
                ctx.push(diagnostic.with_help(missing.help));
            }
            return;
        }
    };
    // An article in English with no region ("en"), or with one the dictionary is not for,
    // may spell "colour" or "color": both standards are right.
    let either_standard = is_other_region(language, &speller.name);
    // Unknown words are rare, so the newsroom's own words are looked at only for them.
    let mut names = Vec::new();
    let mut unknown = Vec::new();
    // The newsroom's own words, gathered for the first unknown word only.
    let mut own: Option<FxHashSet<String>> = None;
    let mut wide: Option<Arc<FxHashSet<String>>> = None;
    // Regular variants of known words are accepted wherever they stand, so they are never
    // candidates: no context and no suggestions are worked out for them.
    let is_known = |word: &str, hash: u64| {
        !speller.covers(word)
            || speller.check_hashed(word, hash)
            || speller.is_variant(word, hash, either_standard)
    };
    for block in ctx.prose_blocks() {
        for candidate in crate::style::candidates(
            &block.text,
            block.word_spans(),
            block.words(),
            settings.check_proper_nouns,
            &mut names,
            |word, hash| speller.remembers_as_known(word, hash, either_standard),
            is_known,
        ) {
            {
                let own = own.get_or_insert_with(|| newsroom_words(article));
                let word = candidate.word.to_lowercase();
                if !own.contains(&word)
                    && !crate::style::is_newsroom_jargon(&word)
                    && !wide
                        .get_or_insert_with(|| newsroom_wide_words(ctx))
                        .contains(&word)
                {
                    unknown.push((block, candidate));
                }
            }
        }
    }
    let names: FxHashSet<&str> = names.into_iter().collect();
    for (block, candidate) in unknown {
        if candidate.at_sentence_start && names.contains(candidate.word) {
            continue;
        }
        if is_in_foreign_phrase(&speller, &candidate.neighbours) {
            continue;
        }
        let suggestions = speller.suggest(candidate.word);
        let capitalised = candidate
            .word
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if Speller::is_closed_compound(candidate.word, &suggestions)
            || continues_a_name(&speller, &candidate, &suggestions)
            || (candidate.at_sentence_start
                && capitalised
                && !is_near_a_suggestion(candidate.word, &suggestions))
        {
            continue;
        }
        let help = match suggestions.as_slice() {
            [] => format!(
                "no suggestion in `{}`; if the word is right, add it to `[spelling] accept` or `styles/accept.txt`",
                speller.name
            ),
            list => format!(
                "did you mean {}?",
                list.iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        ctx.push(
            ctx.diagnostic(
                &Misspelling::META,
                block.span_of(candidate.range.clone()),
                format!("unknown word `{}`", candidate.word),
            )
            .with_help(help),
        );
    }
}

/// The article's own words, lower case: its tags, authors and sources' titles and
/// publishers, each also cut into its words. The newsroom-wide ones are in
/// [`newsroom_wide_words`].
fn newsroom_words(article: &Article) -> FxHashSet<String> {
    let mut texts: Vec<&str> = Vec::new();
    texts.extend(article.tags.iter().map(String::as_str));
    texts.extend(article.authors.iter().map(String::as_str));
    for source in &article.sources {
        texts.push(&source.title);
        texts.extend(source.publisher.as_deref());
    }
    let mut words = FxHashSet::default();
    for text in texts {
        words.insert(text.to_lowercase());
        words.extend(words_of(text));
    }
    words
}

/// The words of a name or title, lower case, possessives dropped.
fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|part| part.trim_end_matches("'s").trim_end_matches("’s"))
        .filter(|part| !part.is_empty())
        .map(str::to_lowercase)
}

/// The newsroom's own words beyond the article (lower case): accepted words, house terms,
/// authors' and desks' names and ids, gathered once for every article of a run:
/// kept with a hash of what they were gathered from, and gathered again when that changes
/// (a live session's accept list or authors).
fn newsroom_wide_words(ctx: &LintContext<'_>) -> Arc<FxHashSet<String>> {
    static LAST: Mutex<Option<(u64, Arc<FxHashSet<String>>)>> = Mutex::new(None);
    let config = ctx.env.config;
    let mut texts: Vec<&str> = Vec::new();
    texts.extend(config.style.spelling.accept.iter().map(String::as_str));
    texts.extend(
        config
            .style
            .terms
            .iter()
            .flat_map(|t| &t.uses)
            .map(String::as_str),
    );
    for desk in config.desks.values() {
        texts.extend([desk.id.as_str(), desk.name.as_str()]);
    }
    for author in ctx.env.authors.values() {
        texts.extend([author.name.as_str(), author.id.as_str()]);
    }
    let key = {
        let mut hasher = rustc_hash::FxHasher::default();
        texts.hash(&mut hasher);
        hasher.finish()
    };
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((held, words)) = &*last
        && *held == key
    {
        return Arc::clone(words);
    }
    let mut words = FxHashSet::default();
    for text in texts {
        words.insert(text.to_lowercase());
        words.extend(words_of(text));
    }
    let words = Arc::new(words);
    *last = Some((key, Arc::clone(&words)));
    words
}

/// Whether the article's `language` tag names no region, or another region than the
/// dictionary `name` (`en_US`) is for.
fn is_other_region(language: &str, name: &str) -> bool {
    let region = |tag: &str| tag.split(['-', '_']).nth(1).map(str::to_ascii_uppercase);
    match (region(language), region(name)) {
        (Some(article), Some(dictionary)) => article != dictionary,
        _ => true,
    }
}
