use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a front matter key that the article schema does not define, with the nearest
    /// valid key when one is close ("unknown field `publshed`, did you mean `published`?").
    ///
    /// ## Why is this bad?
    /// A misspelt key is silently ignored by renderers: `publshed` leaves the article without
    /// a date. Custom data belongs in `[extra]`, which is never checked.
    ///
    /// ## Example
    /// ```toml
    /// publshed = 2026-05-06T14:25:00Z
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// published = 2026-05-06T14:25:00Z
    /// ```
    pub(crate) struct UnknownField {
        code: "FM002",
        name: "unknown-field",
        severity: Error,
        fix: None,
        scope: Parse,
        summary: "a key the schema does not define, with the nearest valid key suggested",
    }
}
