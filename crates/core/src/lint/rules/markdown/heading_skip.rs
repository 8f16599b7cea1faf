use comrak::nodes::NodeValue;

use crate::article::Article;
use crate::diagnostic::{Applicability, Edit, Fix, Span};
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;

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
    /// rewriting its `#` marks; it changes no text and is safe. Setext headings (underlined
    /// with `=` or `-`) have no fix. Fixing one heading can reveal the next skip, which the
    /// next `--fix` run repairs.
    pub(crate) struct HeadingSkip {
        code: "MD002",
        name: "heading-skip",
        severity: Warning,
        fix: Sometimes,
        scope: Article,
        summary: "heading levels jump (## then ####)",
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
            match marks_of(&article.source, span).filter(|_| !heading.setext) {
                Some(marks) => {
                    diagnostic = diagnostic.with_help(title.clone()).with_fix(Fix {
                        title,
                        applicability: Applicability::Safe,
                        edits: vec![Edit {
                            span: marks,
                            replacement: "#".repeat(usize::from(wanted)),
                        }],
                    });
                }
                None => diagnostic = diagnostic.with_help(title),
            }
            ctx.push(diagnostic);
        }
        previous = level;
    }
}

/// The span of an ATX heading's opening `#` run (after up to three spaces of indent).
fn marks_of(source: &str, heading: Span) -> Option<Span> {
    let line = source.get(heading.start..heading.end)?;
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let marks = line[indent..].len() - line[indent..].trim_start_matches('#').len();
    (1..=6)
        .contains(&marks)
        .then(|| Span::new(heading.start + indent, heading.start + indent + marks))
}
