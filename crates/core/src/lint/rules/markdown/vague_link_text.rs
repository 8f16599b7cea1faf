use std::collections::BTreeMap;

use comrak::nodes::{AstNode, NodeValue};
use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::diagnostic::Span;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::prose;
use crate::text::normalise;

declare_rule! {
    /// ## What it does
    /// Reports a link whose whole text is a vague phrase such as "here", "click here",
    /// "source", "link", "this", "read more" or "more". Texts are compared by their words,
    /// without case, quotes, brackets, hyphens or other punctuation anywhere (`[click-here!]`
    /// and `["link"]` are vague too). A link whose text has a code span (``[`this`](…)``) is
    /// never vague: code names a literal thing, a command, file or identifier. Links in the
    /// body and in `[[updates]]` texts are checked.
    ///
    /// The phrases are words of one language. English articles (the article's `language`,
    /// else `site.language`; "en-GB" is English) use `phrases`; an article in another
    /// language uses that language's list under `languages`, and is skipped when there is
    /// none: an English word can be a precise link text in another language (Italian "more"
    /// are blackberries).
    ///
    /// ## Why is this bad?
    /// Screen-reader users often jump from link to link, hearing only the link text; "here"
    /// says nothing about where it leads. Search engines read link text the same way.
    ///
    /// ## Example
    /// ```markdown
    /// Microsoft described the new terms in a blog post ([source](source:ms-partnership-2025)).
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Microsoft described the new terms [in a blog post](source:ms-partnership-2025).
    /// ```
    ///
    /// ## Options
    /// `phrases` (list of strings) replaces the default English list;
    /// `languages` (table of language subtag to list of strings) gives lists for other
    /// languages:
    /// `[lint.options] MD006 = { phrases = ["here", "this article"], languages = { de = ["hier", "mehr"] } }`.
    pub(crate) struct VagueLinkText {
        code: "MD006",
        name: "vague-link-text",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "link text like \"here\", \"click here\", \"source\", \"link\"",
        check: check_vague_link_text,
        options: VagueLinkTextOptions,
    }
}

/// Options of MD006.
#[derive(Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct VagueLinkTextOptions {
    /// Phrases for English articles.
    pub(crate) phrases: Vec<String>,
    /// Phrases for articles in other languages, by primary language subtag.
    pub(crate) languages: BTreeMap<String, Vec<String>>,
}

impl Default for VagueLinkTextOptions {
    fn default() -> Self {
        VagueLinkTextOptions {
            phrases: [
                "here",
                "click here",
                "source",
                "link",
                "this",
                "read more",
                "more",
            ]
            .map(String::from)
            .to_vec(),
            languages: BTreeMap::new(),
        }
    }
}

/// The phrases that apply to an article in `language`, or `None` when the rule has none
/// for it.
fn phrases_for<'o>(options: &'o VagueLinkTextOptions, language: &str) -> Option<&'o [String]> {
    if language == "en" {
        Some(&options.phrases)
    } else {
        options.languages.get(language).map(Vec::as_slice)
    }
}

pub(crate) fn check_vague_link_text(ctx: &LintContext<'_>, article: &Article) {
    let options = ctx.options::<VagueLinkTextOptions>();
    let Some(phrases) = phrases_for(options, &prose::language(ctx)) else {
        return;
    };
    let phrases: Vec<String> = phrases.iter().map(|p| normalise(p)).collect();
    let is_vague = |text: &str| {
        let text = normalise(text);
        !text.is_empty() && phrases.contains(&text)
    };
    for (node, text) in links(ctx.root) {
        if is_vague(&text) {
            report(ctx, ctx.span_of(node.data.borrow().sourcepos), &text, "");
        }
    }
    for (i, update) in article.updates.iter().enumerate() {
        let arena = comrak::Arena::new();
        let root = crate::markdown::parse(&arena, &update.text);
        let value = article.value_span(&format!("updates[{i}].text"));
        for (node, text) in links(root) {
            if is_vague(&text) {
                let span = span_in_value(article, value, &update.text, node).unwrap_or(value);
                report(ctx, span, &text, " in an update");
            }
        }
    }
}

fn report(ctx: &LintContext<'_>, span: Span, text: &str, place: &str) {
    ctx.push(
        ctx.diagnostic(
            &VagueLinkText::META,
            span,
            format!("vague link text `{}`{place}", text.trim()),
        )
        .with_help("make the link text say where it leads (the document or publisher)"),
    );
}

/// The file span of `link` in an update's TOML string, when the string is on one line and
/// holds the text verbatim (no escapes), so positions in the text are positions in the file.
fn span_in_value<'a>(
    article: &Article,
    value: Span,
    text: &str,
    link: &'a AstNode<'a>,
) -> Option<Span> {
    let raw = article.source.get(value.start..value.end)?;
    let quote = raw.get(..1).filter(|q| *q == "\"" || *q == "'")?;
    let content = raw.strip_prefix(quote)?.strip_suffix(quote)?;
    if content != text || text.contains('\n') {
        return None;
    }
    let pos = link.data.borrow().sourcepos;
    let start = value.start + 1 + pos.start.column.checked_sub(1)?;
    let end = value.start + 1 + pos.end.column;
    (pos.start.line == 1 && pos.end.line == 1 && end < value.end).then(|| Span::new(start, end))
}

/// Every link of a tree with its text, except links whose text has a code span: code names a
/// literal thing (a command, file or identifier), which says what the link is about even when
/// it reads `this` or `here`.
fn links<'a>(root: &'a AstNode<'a>) -> Vec<(&'a AstNode<'a>, String)> {
    root.descendants()
        .filter(|node| matches!(node.data.borrow().value, NodeValue::Link(_)))
        .filter(|link| {
            !link
                .descendants()
                .any(|n| matches!(n.data.borrow().value, NodeValue::Code(_)))
        })
        .map(|node| {
            let mut text = String::new();
            crate::read_time::collect_inline_text(node, &mut text);
            (node, text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_quotes_and_hyphens_do_not_hide_a_phrase() {
        for text in [
            "click-here!!!!",
            " \"link\" ",
            "(source)",
            "Read   more…",
            "‘here’",
            "HERE.",
        ] {
            let n = normalise(text);
            assert!(
                ["click here", "link", "source", "read more", "here"].contains(&n.as_str()),
                "{text} → {n}"
            );
        }
        assert_eq!(normalise("the filing"), "the filing");
    }

    #[test]
    fn english_phrases_apply_to_english_only_and_other_languages_need_a_list() {
        let mut options = VagueLinkTextOptions::default();
        assert!(phrases_for(&options, "en").is_some_and(|p| p.contains(&"here".to_string())));
        assert!(phrases_for(&options, "it").is_none());
        options.languages.insert("de".into(), vec!["hier".into()]);
        assert_eq!(phrases_for(&options, "de"), Some(&["hier".to_string()][..]));
        assert!(phrases_for(&options, "fr").is_none());
    }

    #[test]
    fn links_whose_text_has_code_are_not_compared() {
        let arena = comrak::Arena::new();
        let root = crate::markdown::parse(&arena, "[`here`](a) [here](b) [run `this`](c)");
        let texts: Vec<_> = links(root).into_iter().map(|(_, t)| t).collect();
        assert_eq!(texts, ["here"]);
    }
}
