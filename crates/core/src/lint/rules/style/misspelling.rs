use rustc_hash::FxHashSet;

use crate::article::Article;
use crate::diagnostic::{Severity, Span};
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::style::{
    Speller, SpellerLookup, continues_a_name, is_in_foreign_phrase, is_near_a_suggestion,
    is_prefix_word, speller_for,
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
    /// and link targets. Capitalised words inside a sentence are names and are not checked
    /// unless `check_proper_nouns = true`; a capitalised word at the start of a sentence
    /// that the article also writes capitalised inside a sentence is a name too.
    /// Possessives are checked by their stem ("Altman's" as "Altman") and hyphenated
    /// compounds by their parts. Quotations are checked.
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
        SpellerLookup::Missing { reason } => {
            if settings.configured && !ctx.prose_blocks().is_empty() {
                let mut diagnostic = ctx.diagnostic(
                    &Misspelling::META,
                    Span::at(article.layout.body.start),
                    format!("spelling not checked: {reason}"),
                );
                diagnostic.severity = Severity::Info;
                ctx.push(diagnostic.with_help(format!(
                    "add `<name>.aff` and `<name>.dic` to `{}/` and list it in `[spelling] dictionaries`",
                    crate::style::NEWSROOM_DIR
                )));
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
    for block in ctx.prose_blocks() {
        for candidate in
            crate::style::candidates(&block.text, settings.check_proper_nouns, &mut names)
        {
            if speller.covers(candidate.word)
                && !speller.check(candidate.word)
                && !is_newsrooms_word(ctx, article, candidate.word)
            {
                unknown.push((block, candidate));
            }
        }
    }
    let names: FxHashSet<&str> = names.into_iter().collect();
    for (block, candidate) in unknown {
        if candidate.at_sentence_start && names.contains(candidate.word) {
            continue;
        }
        let suggestions = speller.suggest(candidate.word);
        let capitalised = candidate
            .word
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if Speller::is_closed_compound(candidate.word, &suggestions)
            || speller.is_prefixed_word(candidate.word)
            || speller.is_derived_word(candidate.word)
            || is_prefix_word(candidate.word)
            || is_in_foreign_phrase(&speller, &candidate.neighbours)
            || continues_a_name(&speller, &candidate, &suggestions)
            || (either_standard && speller.is_commonwealth_variant(candidate.word))
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

/// Whether `word` is one of the newsroom's own: accepted, a house term, an author's name, a
/// desk's id or name, or in the article's tags, authors or sources.
fn is_newsrooms_word(ctx: &LintContext<'_>, article: &Article, word: &str) -> bool {
    let config = ctx.env.config;
    let same = |other: &str| {
        other == word || other.eq_ignore_ascii_case(word) || {
            other.to_lowercase() == word.to_lowercase()
        }
    };
    let in_text = |text: &str| {
        text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .any(|part| same(part) || same(part.trim_end_matches("'s").trim_end_matches("’s")))
    };
    crate::style::is_newsroom_jargon(word)
        || config
            .style
            .spelling
            .accept
            .iter()
            .any(|w| same(w) || in_text(w))
        || config
            .style
            .terms
            .iter()
            .flat_map(|t| &t.uses)
            .any(|f| in_text(f))
        || article.tags.iter().any(|t| in_text(t))
        || article.authors.iter().any(|a| in_text(a))
        || article
            .sources
            .iter()
            .any(|s| in_text(&s.title) || s.publisher.as_deref().is_some_and(in_text))
        || config
            .desks
            .values()
            .any(|d| in_text(&d.id) || in_text(&d.name))
        || ctx
            .env
            .authors
            .values()
            .any(|a| in_text(&a.name) || in_text(&a.id))
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
