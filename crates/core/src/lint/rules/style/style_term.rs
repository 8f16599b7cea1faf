use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::style::StyleFindingKind;

declare_rule! {
    /// ## What it does
    /// Reports a form the house style avoids: an `avoid` entry of a `[[style.terms]]` in
    /// `copydesk.toml` or in a style file it includes (`[style] include`). Forms match as
    /// whole words with the case as written, and also with a capital first letter at the
    /// start of a sentence. Quotations (in quotation marks or block quotes), code, URLs,
    /// e-mail addresses and link targets are not checked: a quote is what the person said.
    ///
    /// ## Why is this bad?
    /// A style guide nobody enforces is a suggestion. Readers notice "e-mail" in one story
    /// and "email" in the next; the desk should not have to.
    ///
    /// ## Example
    /// With `[[style.terms]]` `use = "email"`, `avoid = ["e-mail"]`:
    /// ```markdown
    /// E-mail the desk, or send an e-mail to the editor.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Email the desk, or send an email to the editor.
    /// ```
    ///
    /// ## Fix safety
    /// When the term has exactly one `use`, the fix puts it in place of the avoided form,
    /// with a capital first letter at the start of a sentence ("E-mail" becomes "Email").
    /// It is safe: the house chose the replacement. A term with several `use` forms, or
    /// none, has no fix.
    ///
    /// ## Options
    /// Configured in `[style]`, not `[lint.options]`:
    /// `[[style.terms]]` with `use` (a form or a list of forms), `avoid` (forms) and an
    /// optional `message`. See `docs/style.md`.
    pub(crate) struct AvoidedTerm {
        code: "ST001",
        name: "style-term",
        severity: Warning,
        fix: Sometimes,
        scope: Article,
        summary: "a form the house style avoids (\"e-mail\" for \"email\")",
        check: check_style_term,
    }
}

pub(crate) fn check_style_term(ctx: &LintContext<'_>, _article: &Article) {
    let terms = &ctx.env.config.style.terms;
    super::findings::report(
        ctx,
        &AvoidedTerm::META,
        |kind| matches!(kind, StyleFindingKind::Avoid { .. }),
        |finding, matched| {
            let StyleFindingKind::Avoid { term } = finding.kind else {
                return (String::new(), None);
            };
            let term = &terms[term];
            let message = term
                .message
                .clone()
                .unwrap_or_else(|| format!("house style avoids `{matched}`"));
            let help = match term.uses.as_slice() {
                [] => Some("rephrase: the house style has no replacement for it".to_string()),
                [_] => finding.replacement.as_ref().map(|r| format!("use `{r}`")),
                many => Some(format!(
                    "use one of {}",
                    many.iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
            (message, help)
        },
    );
}
