//! The house-style findings of an article's prose, turned into diagnostics by ST001–ST003.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::lint::LintContext;
use crate::lint::rule::RuleMeta;
use crate::style::{StyleFinding, StyleFindingKind};

/// The house-style findings of each prose block of an article, in block order.
struct ArticleFindings(Vec<Vec<StyleFinding>>);

/// Reports, for `rule`, each finding of the kinds `wanted` picks in the article's prose
/// outside block quotes (a quote is what the person said). `describe` gives the message and
/// help of a finding from its matched text.
pub(super) fn report(
    ctx: &LintContext<'_>,
    rule: &RuleMeta,
    wanted: impl Fn(StyleFindingKind) -> bool,
    describe: impl Fn(&StyleFinding, &str) -> (String, Option<String>),
) {
    let style = &ctx.env.config.style;
    if !style.has_style() {
        return;
    }
    // One search of the article's prose for the three rules.
    let found = ctx.shared(|| {
        ArticleFindings(
            ctx.prose_blocks()
                .iter()
                .map(|block| {
                    if block.in_quote {
                        Vec::new()
                    } else {
                        style.compiled.find(
                            &block.text,
                            block.word_hashes(),
                            &style.terms,
                            &style.patterns,
                        )
                    }
                })
                .collect(),
        )
    });
    for (block, findings) in ctx.prose_blocks().iter().zip(&found.0) {
        for finding in findings.iter().cloned() {
            if !wanted(finding.kind) {
                continue;
            }
            let matched = &block.text[finding.range.clone()];
            let (message, help) = describe(&finding, matched);
            let mut diagnostic: Diagnostic =
                ctx.diagnostic(rule, block.span_of(finding.range.clone()), message);
            if let Some(help) = &help {
                diagnostic = diagnostic.with_help(help.clone());
            }
            // Only text that maps byte for byte to the file is edited.
            if let (Some(replacement), Some(span)) = (
                finding.replacement.clone(),
                block.exact_span_of(finding.range.clone()),
            ) && replacement != matched
            {
                diagnostic = diagnostic.with_fix(Fix {
                    title: format!("replace `{matched}` with `{replacement}`"),
                    applicability: Applicability::Safe,
                    edits: vec![Edit { span, replacement }],
                });
            }
            ctx.push(diagnostic);
        }
    }
}
