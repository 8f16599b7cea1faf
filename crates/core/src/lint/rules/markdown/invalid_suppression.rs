use crate::lint::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a suppression that cannot work or does nothing:
    ///
    /// - a `<!-- copydesk-… -->` comment whose directive is not `copydesk-disable-next-line`,
    ///   `copydesk-disable` or `copydesk-enable`;
    /// - a code in a suppression (or in the front matter's `[lint] ignore`) that names no rule;
    /// - a suppression that names no code at all;
    /// - a `copydesk-enable` with no open `copydesk-disable` for the same code;
    /// - a suppression that suppressed nothing, while the rules it names are enabled.
    ///
    /// Suppressions are written in the body as HTML comments:
    ///
    /// - `<!-- copydesk-disable-next-line ED003, ED005 -->` silences those codes on the next
    ///   non-blank line (other suppression comments in between are skipped);
    /// - `<!-- copydesk-disable ED005 -->` … `<!-- copydesk-enable ED005 -->` silences a range;
    ///   a `copydesk-disable` without its `copydesk-enable` runs to the end of the file, and
    ///   `copydesk-enable ALL` closes every open range;
    /// - `[lint] ignore = ["ED006"]` in the front matter silences codes in the whole file.
    ///
    /// A code may be a full code (`ED003`), a family or code prefix (`ED`), a rule name
    /// (`unattributed-claim`) or `ALL`. Comments inside code blocks are text, not suppressions.
    /// A diagnostic is suppressed when it starts inside the suppressed lines; this applies to
    /// corpus-wide rules too.
    ///
    /// ## Why is this bad?
    /// A misspelt code silences nothing and hides that the author meant to silence something.
    /// A suppression that no longer suppresses anything outlived the problem it was written
    /// for; left in place, it would hide the next real problem on that line.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- copydesk-disable-next-line ED030 -->
    /// According to the company’s filing, revenue doubled.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// <!-- copydesk-disable-next-line ED003 -->
    /// According to the company’s filing, revenue doubled.
    /// ```
    ///
    /// ## Fix safety
    /// An unused suppression comment, and a `copydesk-enable` comment that ends no range, is
    /// removed (with its line when the comment stands alone on it). Comments never reach
    /// readers, so the fix is safe. When only some codes of a comment are unused, and for
    /// unknown codes and unused front matter entries, the edit is left to the author.
    pub(crate) struct InvalidSuppression {
        code: "MD000",
        name: "invalid-suppression",
        severity: Warning,
        fix: Sometimes,
        scope: Parse,
        summary: "a suppression comment or `[lint] ignore` entry names an unknown code or suppresses nothing",
    }
}
