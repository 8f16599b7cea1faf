use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::prose;

declare_rule! {
    /// ## What it does
    /// Reports a dek that repeats the first paragraph of the body: the same words (after
    /// normalising case, punctuation and quote style), or nearly so: a Jaccard similarity of
    /// 0.6 or more between the two texts' sets of three-word runs. When the first paragraph
    /// goes on after its first sentence, a dek that is that sentence word for word or
    /// nearly so (at least 80% of the dek's three-word runs recur in the sentence, and the
    /// two are within a quarter of each other's length: a trim of a word or two) is also
    /// reported. A dek that restates the first sentence in other words is a summary, not a
    /// repeat, and is not reported.
    ///
    /// ## Why is this bad?
    /// Article pages, feeds and teasers show the dek right above the first paragraph;
    /// when both say the same thing the reader reads it twice and the dek adds nothing.
    ///
    /// ## Example
    /// ```markdown
    /// +++
    /// dek = "OpenAI has renegotiated its deal with Microsoft, ending Azure exclusivity."
    /// +++
    ///
    /// OpenAI has renegotiated its deal with Microsoft, ending Azure exclusivity.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// +++
    /// dek = "The end of Azure exclusivity lets OpenAI sell on AWS and Google Cloud."
    /// +++
    ///
    /// OpenAI has renegotiated its deal with Microsoft, ending Azure exclusivity.
    /// ```
    pub(crate) struct DekRepeatsLede {
        code: "ED007",
        name: "dek-repeats-lede",
        severity: Info,
        fix: None,
        scope: Article,
        summary: "the dek is (nearly) the first paragraph",
        check: check_dek_repeats_lede,
    }
}

/// Jaccard similarity from which dek and lede count as the same text.
const SIMILARITY: f64 = 0.6;

/// Share of the dek's three-word runs that must recur in the lede's first sentence, and the
/// least length of the dek against that sentence, for the dek to be that sentence nearly
/// word for word (a trim of a word or two), not a summary of it.
const SENTENCE_CONTAINMENT: f64 = 0.8;
const SENTENCE_LENGTH: f64 = 0.75;

pub(crate) fn check_dek_repeats_lede(ctx: &LintContext<'_>, article: &Article) {
    let Some(dek) = article.dek.as_deref() else {
        return;
    };
    let dek_words = crate::text::hashes(dek).words;
    if dek_words.is_empty() {
        return;
    }
    let Some(lede) = prose::paragraphs(ctx).find(|p| !p.words().is_empty()) else {
        return;
    };
    let dek_shingles = crate::text::shingles(&dek_words);
    let lede_shingles = lede.shingles();
    let same = dek_words == lede.words();
    let message = if same {
        "the dek is the first paragraph word for word"
    } else if crate::text::jaccard(&dek_shingles, lede_shingles) >= SIMILARITY {
        "the dek nearly repeats the first paragraph"
    } else if repeats_first_sentence(&dek_words, &dek_shingles, &lede.text) {
        "the dek repeats the first sentence of the first paragraph"
    } else {
        return;
    };
    ctx.push(
        ctx.diagnostic(&DekRepeatsLede::META, article.value_span("dek"), message)
            .with_help("make the dek add something the first paragraph does not say")
            .with_related(ctx.note(lede.span.start, "the first paragraph")),
    );
}

/// Whether the dek is the first sentence of a longer `lede` word for word or nearly so:
/// nearly all of its three-word runs recur in that sentence and it is nearly as long.
fn repeats_first_sentence(dek_words: &[u64], dek_shingles: &[u64], lede: &str) -> bool {
    let Some(first) = prose::sentences(lede).into_iter().next() else {
        return false;
    };
    let sentence_words = crate::text::hashes(&lede[first]).words;
    if sentence_words.is_empty() || sentence_words == dek_words {
        return !sentence_words.is_empty();
    }
    let sentence_shingles = crate::text::shingles(&sentence_words);
    let shared = dek_shingles
        .iter()
        .filter(|s| sentence_shingles.binary_search(s).is_ok())
        .count();
    #[allow(clippy::cast_precision_loss)] // word counts are far below 2^52
    let (contained, length) = (
        shared as f64 / dek_shingles.len() as f64,
        dek_words.len() as f64 / sentence_words.len() as f64,
    );
    contained >= SENTENCE_CONTAINMENT && (SENTENCE_LENGTH..=1.0 / SENTENCE_LENGTH).contains(&length)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeats(dek: &str, lede: &str) -> bool {
        let words = crate::text::hashes(dek).words;
        repeats_first_sentence(&words, &crate::text::shingles(&words), lede)
    }

    #[test]
    fn a_trimmed_first_sentence_repeats_and_a_summary_does_not() {
        let lede = "The city council voted 7-2 on Tuesday to delay the transit vote until June. The mayor objected.";
        assert!(repeats(
            "The city council voted 7-2 on Tuesday to delay the transit vote until June.",
            lede
        ));
        assert!(repeats(
            "The city council voted on Tuesday to delay the transit vote until June",
            lede
        ));
        assert!(!repeats(
            "The transit vote waits until June after a split council decision.",
            lede
        ));
        assert!(!repeats("The city council voted.", lede));
    }
}
