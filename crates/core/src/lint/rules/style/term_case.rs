use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::style::StyleFindingKind;

declare_rule! {
    /// ## What it does
    /// Reports a house term written in another casing: a `use` form of a `[[style.terms]]`
    /// that has a capital letter (a proper noun such as "GitHub" or "iPhone") found as a
    /// whole word with different capitals ("Github", "github"). A `use` form in lower case
    /// ("email") is not a proper noun, and its capitalised form at the start of a sentence
    /// or in a heading is fine. Quotations, code, URLs and link targets are not checked.
    ///
    /// ## Why is this bad?
    /// A company's or product's name is spelt the way its owner spells it; getting it wrong
    /// looks careless and makes the archive harder to search.
    ///
    /// ## Example
    /// With `[[style.terms]]` `use = "GitHub"`:
    /// ```markdown
    /// The code is on Github.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// The code is on GitHub.
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the house form in place of the other casing. It is safe: only the
    /// case changes, never the word.
    ///
    /// ## Options
    /// Configured in `[style]` (`[[style.terms]]` with `use`), not `[lint.options]`.
    pub(crate) struct TermCase {
        code: "ST002",
        name: "term-case",
        severity: Warning,
        fix: Always,
        scope: Article,
        summary: "a house term written in another casing (\"Github\" for \"GitHub\")",
        check: check_term_case,
    }
}

pub(crate) fn check_term_case(ctx: &LintContext<'_>, _article: &Article) {
    let terms = &ctx.env.config.style.terms;
    super::findings::report(
        ctx,
        &TermCase::META,
        |kind| matches!(kind, StyleFindingKind::Case { .. }),
        |finding, matched| {
            let StyleFindingKind::Case { term } = finding.kind else {
                return (String::new(), None);
            };
            let form = finding.replacement.clone().unwrap_or_default();
            let message = terms[term]
                .message
                .clone()
                .unwrap_or_else(|| format!("`{matched}` is written `{form}` in house style"));
            (message, Some(format!("write `{form}`")))
        },
    );
}
