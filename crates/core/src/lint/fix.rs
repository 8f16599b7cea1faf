//! Applying fixes: the safe edits of diagnostics to a text, and a unified diff of the result.
//!
//! Only [`Applicability::Safe`] fixes are applied, each one whole or not at all, in file order;
//! a fix that overlaps one already taken waits for the next round, where it is recomputed on
//! the new text. Everything outside the replaced byte ranges is kept byte for byte. Writing
//! files is the caller's business (see [`crate::fs::write_atomically`]); the newsroom-wide
//! loop is [`Linter::fix`](super::Linter::fix).
//!
//! ```
//! use copydesk::lint::fix::unified_diff;
//!
//! let diff = unified_diff("a.md", "one\ntwo\n", "one\n2\n");
//! assert!(diff.contains("-two\n+2\n"));
//! ```

use crate::diagnostic::{Applicability, Diagnostic, Edit, RuleCode};

/// How many lint-and-fix rounds a file gets before giving up on reaching a fixed point.
pub const MAX_ROUNDS: usize = 10;

/// The result of applying one round of fixes to a text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AppliedFixes {
    /// The new text.
    pub text: String,
    /// The code of every fix applied, in file order.
    pub fixed: Vec<RuleCode>,
}

/// Applies the safe fixes of `diagnostics` to `text`. A fix is skipped when any of its edits
/// overlaps an edit already taken (two insertions at one offset overlap too), lies outside the
/// text or splits a UTF-8 character.
pub fn apply_safe_fixes(text: &str, diagnostics: &[Diagnostic]) -> AppliedFixes {
    let mut fixes: Vec<(RuleCode, Vec<&Edit>)> = diagnostics
        .iter()
        .filter_map(|diagnostic| {
            let fix = diagnostic.fix.as_ref()?;
            if fix.applicability != Applicability::Safe || fix.edits.is_empty() {
                return None;
            }
            let mut edits: Vec<&Edit> = fix.edits.iter().collect();
            edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
            Some((diagnostic.code, edits))
        })
        .collect();
    fixes.sort_by_key(|(_, edits)| edits.first().map(|e| (e.span.start, e.span.end)));

    let mut taken: Vec<&Edit> = Vec::new();
    let mut fixed = Vec::new();
    for (code, edits) in fixes {
        let valid = edits.iter().all(|edit| {
            edit.span.start <= edit.span.end
                && text.is_char_boundary(edit.span.start)
                && text.is_char_boundary(edit.span.end)
        });
        let self_overlapping = edits.windows(2).any(|pair| overlaps(pair[0], pair[1]));
        let clashes = edits
            .iter()
            .any(|edit| taken.iter().any(|other| overlaps(edit, other)));
        if valid && !self_overlapping && !clashes {
            taken.extend(edits);
            fixed.push(code);
        }
    }
    taken.sort_by_key(|edit| (edit.span.start, edit.span.end));

    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in taken {
        out.push_str(&text[cursor..edit.span.start]);
        out.push_str(&edit.replacement);
        cursor = edit.span.end;
    }
    out.push_str(&text[cursor..]);
    AppliedFixes { text: out, fixed }
}

/// Whether two edits touch the same bytes; insertions at one offset count as overlapping,
/// since their order would be a guess.
fn overlaps(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (a.span, b.span);
    (a.start < b.end && b.start < a.end) || (a.start == b.start && (a.is_empty() || b.is_empty()))
}

/// A unified diff of `before` and `after`, with `path` in the `---`/`+++` headers.
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::{Fix, Span};
    use crate::lint::RULES;

    fn diagnostic(edits: &[(usize, usize, &str)], applicability: Applicability) -> Diagnostic {
        Diagnostic::new(&RULES[0], Arc::from(Path::new("a.md")), Span::at(0), "x").with_fix(Fix {
            title: "fix".into(),
            applicability,
            edits: edits
                .iter()
                .map(|&(start, end, replacement)| Edit {
                    span: Span::new(start, end),
                    replacement: replacement.into(),
                })
                .collect(),
        })
    }

    #[test]
    fn safe_edits_apply_and_everything_else_is_kept() {
        let text = "it's a \"test\" — ok";
        let applied = apply_safe_fixes(
            text,
            &[
                diagnostic(&[(7, 8, "“"), (12, 13, "”")], Applicability::Safe),
                diagnostic(&[(2, 3, "’")], Applicability::Safe),
                diagnostic(&[(0, 2, "IT")], Applicability::Unsafe),
            ],
        );
        assert_eq!(applied.text, "it’s a “test” — ok");
        assert_eq!(applied.fixed.len(), 2);
    }

    #[test]
    fn overlapping_and_invalid_fixes_wait() {
        let text = "abcdef";
        let applied = apply_safe_fixes(
            text,
            &[
                diagnostic(&[(1, 3, "X")], Applicability::Safe),
                diagnostic(&[(2, 4, "Y")], Applicability::Safe),
                diagnostic(&[(5, 5, "<")], Applicability::Safe),
                diagnostic(&[(5, 5, ">")], Applicability::Safe),
                diagnostic(&[(9, 12, "out of range")], Applicability::Safe),
            ],
        );
        assert_eq!(applied.text, "aXde<f");
        assert_eq!(applied.fixed.len(), 2);
    }

    #[test]
    fn a_fix_splitting_a_character_is_refused() {
        let applied = apply_safe_fixes("é", &[diagnostic(&[(1, 2, "e")], Applicability::Safe)]);
        assert_eq!(applied.text, "é");
        assert!(applied.fixed.is_empty());
    }

    #[test]
    fn diffs_are_unified_with_paths() {
        let diff = unified_diff("x.md", "a\nb\n", "a\nc\n");
        assert!(diff.starts_with("--- a/x.md\n+++ b/x.md\n@@"), "{diff}");
        assert!(diff.contains("-b\n+c\n"), "{diff}");
    }
}
