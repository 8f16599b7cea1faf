use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::style::StyleFindingKind;

declare_rule! {
    /// ## What it does
    /// Reports text matching a `[[style.patterns]]` regular expression (Rust `regex`
    /// syntax, matched against each paragraph, heading and table cell of prose). All
    /// patterns are compiled once into one matcher. Quotations, code, URLs and link
    /// targets are not checked.
    ///
    /// ## Why is this bad?
    /// Some house rules are not single words: "% with figures", "no full stops in
    /// abbreviations", a date format. A pattern states the rule once for every desk.
    ///
    /// ## Example
    /// With `regex = '\b(\d+) per cent\b'`, `replace = '$1%'`:
    /// ```markdown
    /// Fares rose 5 per cent last year.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Fares rose 5% last year.
    /// ```
    ///
    /// ## Fix safety
    /// A pattern with `replace` has a fix: the match replaced by the template, `$1` and
    /// `${name}` standing for captured groups, with a capital first letter kept at the
    /// start of a sentence. It is safe because the house wrote the replacement; a pattern
    /// whose replacement matches the pattern again would be reported again, so write
    /// replacements the pattern does not match.
    ///
    /// ## Options
    /// Configured in `[style]` (`[[style.patterns]]` with `regex`, optional `replace` and
    /// `message`), not `[lint.options]`.
    pub(crate) struct StylePatternMatch {
        code: "ST003",
        name: "style-pattern",
        severity: Warning,
        fix: Sometimes,
        scope: Article,
        summary: "text matching a house style pattern (\"5 per cent\" for \"5%\")",
        check: check_style_pattern,
    }
}

pub(crate) fn check_style_pattern(ctx: &LintContext<'_>, _article: &Article) {
    let patterns = &ctx.env.config.style.patterns;
    super::findings::report(
        ctx,
        &StylePatternMatch::META,
        |kind| matches!(kind, StyleFindingKind::Pattern { .. }),
        |finding, matched| {
            let StyleFindingKind::Pattern { pattern } = finding.kind else {
                return (String::new(), None);
            };
            let pattern = &patterns[pattern];
            let message = pattern.message.clone().unwrap_or_else(|| {
                format!(
                    "`{matched}` matches house style pattern `{}`",
                    pattern.regex
                )
            });
            let help = finding.replacement.as_ref().map(|r| format!("write `{r}`"));
            (message, help)
        },
    );
}
