use std::collections::BTreeMap;

use comrak::nodes::NodeValue;

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::prose::{self, BlockKind};

use super::heading;

declare_rule! {
    /// ## What it does
    /// Reports a heading whose text repeats an earlier heading's. The text compared is what a
    /// reader sees, the same text the HTML export builds anchor ids from: code spans and link
    /// text count (``## Using `grep` `` and ``## Using `sed` `` differ), images, inline HTML and
    /// footnote marks do not, and entities count as the character they stand for (`&copy;` is
    /// `©`). Words are compared without case, punctuation or quote style, in any script; a
    /// heading with no words (only emoji or symbols, `## 🚀`) is compared by its characters.
    /// Empty headings are left to MD004. The later heading is reported, quoted as written,
    /// with a note at the first.
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
        check: check_duplicate_heading,
    }
}

pub(crate) fn check_duplicate_heading(ctx: &LintContext<'_>, article: &Article) {
    let mut first_at = BTreeMap::new();
    // The shared prose blocks list every heading without another walk of the tree.
    for block in prose::blocks(ctx, &[BlockKind::Heading]) {
        let node = block.node;
        let setext = match node.data.borrow().value {
            NodeValue::Heading(h) => h.setext,
            _ => continue,
        };
        let Some(key) = comparison_key(&heading::reader_text(node)) else {
            continue;
        };
        let span = block.span;
        match first_at.get(&key) {
            None => {
                first_at.insert(key, span);
            }
            Some(first) => ctx.push(
                ctx.diagnostic(
                    &DuplicateHeading::META,
                    span,
                    format!(
                        "heading {} repeats an earlier heading",
                        quoted(&heading::as_written(&article.source, span, setext))
                    ),
                )
                .with_help("rename one of the sections, or merge them")
                .with_related(ctx.note(first.start, "the first heading with this text")),
            ),
        }
    }
}

/// `text` in backticks, doubled (with spaces) when it has a backtick of its own, as Markdown
/// quotes code that contains code.
fn quoted(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// What two headings must share to read alike: their words without case, punctuation or
/// quote style; for a heading with no words (only emoji or symbols), its characters without
/// white space. `None` for an empty heading, which says nothing to repeat.
fn comparison_key(reader_text: &str) -> Option<String> {
    let words = crate::text::normalise(reader_text);
    if !words.is_empty() {
        return Some(words);
    }
    let symbols: String = reader_text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    // The NUL prefix keeps a key of symbols apart from every key of words.
    (!symbols.is_empty()).then(|| format!("\u{0}{symbols}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_of_symbols_compare_by_their_characters() {
        assert_eq!(comparison_key("🚀"), comparison_key(" 🚀 "));
        assert_ne!(comparison_key("🚀"), comparison_key("✨"));
        assert_eq!(comparison_key(""), None);
        assert_eq!(comparison_key("What’s next?"), comparison_key("whats NEXT"));
        assert_ne!(comparison_key("Using grep"), comparison_key("Using sed"));
    }
}
