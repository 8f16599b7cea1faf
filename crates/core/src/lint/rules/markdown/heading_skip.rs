use comrak::nodes::NodeValue;

use crate::article::Article;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

use super::heading;

declare_rule! {
    /// ## What it does
    /// Reports a heading more than one level deeper than the heading before it (`##` then
    /// `####`). The title counts as the level-1 heading above the body, so a body whose first
    /// heading is `###` skips a level too.
    ///
    /// ## Why is this bad?
    /// Screen readers and tables of contents navigate by heading level; a skipped level
    /// implies a missing section and nests the rest of the outline wrongly.
    ///
    /// ## Example
    /// ```markdown
    /// ## The Road to This Point
    ///
    /// #### Microsoft’s first investment
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## The Road to This Point
    ///
    /// ### Microsoft’s first investment
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets an ATX heading (`#`-style) to one level below the previous heading by
    /// rewriting its opening `#` marks, and its closing marks when they matched the opening
    /// ones (`### Three ###` becomes `## Three ##`); it changes no text and is safe. Setext
    /// headings (underlined with `=` or `-`) have no fix. Fixing one heading can reveal a skip
    /// at the next (`##`, `####`, `######`): `--fix` and `--diff` lint and fix again until
    /// nothing is left to fix, so one run repairs the whole chain.
    pub(crate) struct HeadingSkip {
        code: "MD002",
        name: "heading-skip",
        severity: Warning,
        fix: Sometimes,
        scope: Article,
        summary: "heading levels jump (## then ####)",
        check: check_heading_skip,
    }
}

pub(crate) fn check_heading_skip(ctx: &LintContext<'_>, article: &Article) {
    // The title is the page's level-1 heading.
    let mut previous = 1;
    for node in ctx.root.descendants() {
        let data = node.data.borrow();
        let NodeValue::Heading(heading) = data.value else {
            continue;
        };
        let level = heading.level;
        if level > previous + 1 {
            let span = ctx.span_of(data.sourcepos);
            let wanted = previous + 1;
            let mut diagnostic = ctx.diagnostic(
                &HeadingSkip::META,
                span,
                format!(
                    "heading level {level} follows level {previous}; expected at most {wanted}"
                ),
            );
            let title = format!("make it a level-{wanted} heading");
            match heading::atx_marks(&article.source, span).filter(|_| !heading.setext) {
                Some((open, close)) => {
                    let marks = "#".repeat(usize::from(wanted));
                    let mut edits = vec![Edit {
                        span: open,
                        replacement: marks.clone(),
                    }];
                    // A closing run that mirrored the opening one keeps mirroring it; one of
                    // another length was never balanced and is left as written.
                    if let Some(close) = close.filter(|c| c.end - c.start == open.end - open.start)
                    {
                        edits.push(Edit {
                            span: close,
                            replacement: marks,
                        });
                    }
                    diagnostic = diagnostic.with_help(title.clone()).with_fix(Fix {
                        title,
                        applicability: Applicability::Safe,
                        edits,
                    });
                }
                None => diagnostic = diagnostic.with_help(title),
            }
            ctx.push(diagnostic);
        }
        previous = level;
    }
}
