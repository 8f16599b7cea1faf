//! Finds where list items and `[[table]]` entries of an article's front matter are written.
//!
//! The parser drops invalid list items and incomplete entries (and reports them), so the
//! article's lists are not always indexed like the file. These functions map a kept value back
//! to its written position, falling back to the enclosing key when it cannot be found.

use std::fmt::Write as _;

use crate::article::Article;
use crate::diagnostic::Span;

/// The spans of the items of the string list at `key`, one per kept value in `kept` (the
/// values that survived validation, in order).
pub(crate) fn list_item_spans(article: &Article, key: &str, kept: &[String]) -> Vec<Span> {
    let mut spans = Vec::with_capacity(kept.len());
    let mut raw = 0;
    for value in kept {
        let mut found = None;
        while let Some(span) = article.spans.value(&format!("{key}[{raw}]")) {
            raw += 1;
            if unquoted(article, span) == Some(value.as_str()) {
                found = Some(span);
                break;
            }
        }
        spans.push(found.unwrap_or_else(|| article.value_span(key)));
    }
    spans
}

/// The written path (`sources[3]`) of the `key` entry whose span is `entry`.
pub(crate) fn entry_path(article: &Article, key: &str, entry: Span) -> Option<String> {
    (0..)
        .map(|i| format!("{key}[{i}]"))
        .map_while(|path| article.spans.value(&path).map(|span| (path, span)))
        .find(|(_, span)| *span == entry)
        .map(|(path, _)| path)
}

/// The span of `field` in the `key` entry whose span is `entry`, or the entry's span.
pub(crate) fn field_span(article: &Article, key: &str, entry: Span, field: &str) -> Span {
    entry_path(article, key, entry)
        .and_then(|path| article.spans.value(&format!("{path}.{field}")))
        .unwrap_or(entry)
}

/// How many `key` entries are written, valid or not.
pub(crate) fn written_count(article: &Article, key: &str) -> usize {
    (0..)
        .map_while(|i| article.spans.value(&format!("{key}[{i}]")))
        .count()
}

/// A short list of ids for help texts: at most ten, in backticks.
pub(crate) fn id_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    const SHOWN: usize = 10;
    let ids: Vec<&str> = ids.into_iter().collect();
    if ids.is_empty() {
        return "none".to_string();
    }
    let mut list = ids
        .iter()
        .take(SHOWN)
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        let _ = write!(list, " and {} more", ids.len() - SHOWN);
    }
    list
}

/// A value as written in the file, without the quotes of a simple string.
pub(crate) fn written(article: &Article, span: Span) -> &str {
    unquoted(article, span)
        .or_else(|| article.source.get(span.start..span.end))
        .unwrap_or("")
}

/// The text of a simple TOML string value (ids never need escapes).
fn unquoted(article: &Article, span: Span) -> Option<&str> {
    let text = article.source.get(span.start..span.end)?;
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn article(text: &str) -> Article {
        Article::parse(Path::new("a.md"), text)
            .article
            .expect("test article parses")
    }

    #[test]
    fn kept_items_map_to_their_written_spans() {
        let text = "+++\ntitle = \"T\"\nauthors = [\"Bad Id\", \"maya-okafor\", 'ryan-tanaka']\n+++\nBody.\n";
        let article = article(text);
        assert_eq!(article.authors, ["maya-okafor", "ryan-tanaka"]);
        let spans = list_item_spans(&article, "authors", &article.authors);
        let written: Vec<_> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(written, ["\"maya-okafor\"", "'ryan-tanaka'"]);
        assert_eq!(written_count(&article, "authors"), 3);
    }

    #[test]
    fn entries_are_found_after_dropped_ones() {
        let text = "+++\ntitle = \"T\"\n[[sources]]\ntitle = \"No id\"\n[[sources]]\nid = \"b\"\ntitle = \"B\"\n+++\nBody.\n";
        let article = article(text);
        let source = &article.sources[0];
        assert_eq!(
            entry_path(&article, "sources", source.span).as_deref(),
            Some("sources[1]")
        );
        let id = field_span(&article, "sources", source.span, "id");
        assert_eq!(&text[id.start..id.end], "\"b\"");
        assert_eq!(written(&article, id), "b");
    }

    #[test]
    fn long_id_lists_are_cut() {
        let ids: Vec<String> = (0..12).map(|i| format!("id-{i}")).collect();
        let list = id_list(ids.iter().map(String::as_str));
        assert!(list.starts_with("`id-0`, `id-1`"));
        assert!(list.ends_with("`id-9` and 2 more"));
        assert_eq!(id_list([]), "none");
    }
}
