use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a front matter value of the wrong type or form: a string where a list belongs,
    /// an unknown `status` or update `kind`, a datetime without an offset, a prose date,
    /// a URL that is not absolute http(s), or an id that is not lowercase kebab-case.
    ///
    /// ## Why is this bad?
    /// A datetime without an offset means a different instant in every time zone; a malformed
    /// URL or id breaks links in every export. copydesk never guesses: it asks.
    ///
    /// ## Example
    /// ```toml
    /// published = 2026-05-06T14:25:00
    /// status = "live"
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// published = 2026-05-06T14:25:00Z
    /// status = "published"
    /// ```
    ///
    /// ## Fix safety
    /// Two fixes are safe and applied by `--fix`: a single string where a list belongs
    /// (`authors = "maya-okafor"`) becomes a list of that one string, and a `status` or update
    /// `kind` that differs from a valid value only in case (`"Published"`) is written in
    /// lower case. A misspelt value gets a "did you mean" and the list of valid values, but
    /// no fix: another word may have been meant.
    pub(crate) struct InvalidValue {
        code: "FM003",
        name: "invalid-value",
        severity: Error,
        fix: Sometimes,
        scope: Parse,
        summary: "wrong type, unknown enum value, datetime without offset, malformed URL or id",
    }
}
