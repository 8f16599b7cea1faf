use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a file whose front matter cannot be read: no `+++` block at the start, a block
    /// that is never closed, YAML (`---`) instead of TOML, a TOML syntax error, or a file that
    /// is not UTF-8.
    ///
    /// ## Why is this bad?
    /// Nothing else about the article can be checked or published until its front matter
    /// parses: the title, authors and dates all live there.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: OpenAI Breaks Microsoft's Hold
    /// ---
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// +++
    /// title = "OpenAI Breaks Microsoft's Hold"
    /// +++
    /// ```
    ///
    /// ## Fix safety
    /// A value between curly quotes (`title = “Smart quotes”`, also `‘…’`, `„…“` and `«…»`,
    /// what word processors and macOS type) is reported once per value, and the safe fix
    /// writes it between straight quotes, escaping any `"` or `\` inside, so the value reads
    /// exactly as the writer saw it. Curly quotes inside a straight-quoted string are text
    /// and are never touched.
    ///
    /// ## Notes
    /// Reported while parsing, so it cannot be suppressed with a comment in the body; a UTF-8
    /// byte order mark and CRLF line endings are accepted.
    pub(crate) struct InvalidFrontMatter {
        code: "FM000",
        name: "invalid-front-matter",
        severity: Error,
        fix: Sometimes,
        scope: Parse,
        summary: "no `+++` block, unterminated block, TOML syntax error, invalid UTF-8",
    }
}
