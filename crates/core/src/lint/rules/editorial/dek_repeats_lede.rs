use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::prose;

declare_rule! {
    /// ## What it does
    /// Reports a dek that repeats the first paragraph of the body: the same words (after
    /// normalising case, punctuation and quote style), or nearly so: a Jaccard similarity of
    /// 0.6 or more between the two texts' sets of three-word runs. A dek that restates only
    /// the first sentence of a longer first paragraph is a summary, not a repeat, and is
    /// not reported.
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
    }
}

/// Jaccard similarity from which dek and lede count as the same text.
const SIMILARITY: f64 = 0.6;

pub(crate) fn check_dek_repeats_lede(ctx: &LintContext<'_>, article: &Article) {
    let Some(dek) = article.dek.as_deref() else {
        return;
    };
    let dek_words = prose::word_hashes(dek);
    if dek_words.is_empty() {
        return;
    }
    let Some(lede) = prose::paragraphs(ctx).find(|p| !p.words().is_empty()) else {
        return;
    };
    let dek_shingles = prose::shingles(&dek_words);
    let lede_shingles = lede.shingles();
    let same = dek_words == lede.words();
    if same || prose::jaccard(&dek_shingles, lede_shingles) >= SIMILARITY {
        let message = if same {
            "the dek is the first paragraph word for word"
        } else {
            "the dek nearly repeats the first paragraph"
        };
        ctx.push(
            ctx.diagnostic(&DekRepeatsLede::META, article.value_span("dek"), message)
                .with_help("make the dek add something the first paragraph does not say")
                .with_related(ctx.note(lede.span.start, "the first paragraph")),
        );
    }
}
