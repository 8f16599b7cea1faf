use std::collections::BTreeMap;

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::prose::{self, BlockKind};

declare_rule! {
    /// ## What it does
    /// Reports a heading whose text repeats an earlier heading's, compared without case,
    /// punctuation or quote style. The later heading is reported, with a note at the first.
    ///
    /// ## Why is this bad?
    /// Two sections with one name make the table of contents ambiguous and give both the
    /// same anchor; it is often the trace of a section pasted twice.
    ///
    /// ## Example
    /// ```markdown
    /// ## What’s Next
    ///
    /// The next development to watch is how OpenAI’s products perform on AWS.
    ///
    /// ## What's next
    ///
    /// Microsoft has not said whether it will renegotiate other terms.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## What’s Next
    ///
    /// The next development to watch is how OpenAI’s products perform on AWS.
    ///
    /// ## Microsoft’s Response
    ///
    /// Microsoft has not said whether it will renegotiate other terms.
    /// ```
    pub(crate) struct DuplicateHeading {
        code: "MD003",
        name: "duplicate-heading",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "two headings with the same text",
    }
}

pub(crate) fn check_duplicate_heading(ctx: &LintContext<'_>, _article: &Article) {
    let mut first_at = BTreeMap::new();
    for heading in prose::blocks(ctx, &[BlockKind::Heading]) {
        let key = prose::normalise(&heading.text);
        if key.is_empty() {
            continue;
        }
        match first_at.get(&key) {
            None => {
                first_at.insert(key, heading.span);
            }
            Some(first) => ctx.push(
                ctx.diagnostic(
                    &DuplicateHeading::META,
                    heading.span,
                    format!(
                        "heading `{}` repeats an earlier heading",
                        heading.text.trim()
                    ),
                )
                .with_help("rename one of the sections, or merge them")
                .with_related(ctx.note(first.start, "the first heading with this text")),
            ),
        }
    }
}
