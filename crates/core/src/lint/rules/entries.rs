//! Finds where list items and `[[table]]` entries of an article's front matter are written.
//!
//! The parser drops invalid list items and incomplete entries (and reports them), so the
//! article's lists are not always indexed like the file. These functions map a kept value back
//! to its written position, falling back to the enclosing key when it cannot be found.

use std::fmt::Write as _;

use rustc_hash::FxHashMap;

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

/// The written `[[key]]` entries of one article (`sources`, `updates`), indexed once.
///
/// Rules ask for the span of a field of each kept entry. Finding an entry's written index by
/// trying `key[0]`, `key[1]`, … for every entry made an article with thousands of sources
/// quadratic; the index maps each entry's span to its written index in one pass. The lint
/// context builds it once per article and key ([`LintContext::entries`]).
///
/// [`LintContext::entries`]: crate::lint::LintContext
#[derive(Debug)]
pub(crate) struct Entries {
    key: &'static str,
    /// Written index of each entry, by the entry's span.
    by_span: FxHashMap<Span, usize>,
    count: usize,
}

impl Entries {
    /// Indexes the `key` entries of `article`, valid or not.
    pub(crate) fn new(article: &Article, key: &'static str) -> Self {
        let mut by_span = FxHashMap::default();
        let mut path = String::new();
        let mut count = 0;
        loop {
            path.clear();
            let _ = write!(path, "{key}[{count}]");
            let Some(span) = article.spans.value(&path) else {
                break;
            };
            // The first of two entries with one span (impossible in TOML) keeps it.
            by_span.entry(span).or_insert(count);
            count += 1;
        }
        Entries {
            key,
            by_span,
            count,
        }
    }

    /// The written path (`sources[3]`) of the entry whose span is `entry`.
    pub(crate) fn path_of(&self, entry: Span) -> Option<String> {
        let index = self.by_span.get(&entry)?;
        Some(format!("{}[{index}]", self.key))
    }

    /// The span of `field` in the entry whose span is `entry`, or the entry's span.
    pub(crate) fn field_span(&self, article: &Article, entry: Span, field: &str) -> Span {
        self.path_of(entry)
            .and_then(|path| article.spans.value(&format!("{path}.{field}")))
            .unwrap_or(entry)
    }

    /// How many entries are written, valid or not.
    pub(crate) fn written_count(&self) -> usize {
        self.count
    }
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
        assert_eq!(Entries::new(&article, "authors").written_count(), 3);
    }

    #[test]
    fn entries_are_found_after_dropped_ones() {
        let text = "+++\ntitle = \"T\"\n[[sources]]\ntitle = \"No id\"\n[[sources]]\nid = \"b\"\ntitle = \"B\"\n+++\nBody.\n";
        let article = article(text);
        let source = &article.sources[0];
        let entries = Entries::new(&article, "sources");
        assert_eq!(entries.path_of(source.span).as_deref(), Some("sources[1]"));
        assert_eq!(entries.written_count(), 2);
        let id = entries.field_span(&article, source.span, "id");
        assert_eq!(&text[id.start..id.end], "\"b\"");
        assert_eq!(written(&article, id), "b");
    }

    #[test]
    fn rules_find_entry_fields_with_a_bounded_number_of_lookups() {
        use std::collections::BTreeMap;
        use std::fmt::Write as _;

        use crate::config::Config;
        use crate::lint::{LintEnv, lint_article};
        use crate::toml_doc::LOOKUPS;

        // Uncited (RF006), repeated (RF007), unknown in updates (RF005), future and out of
        // order (TL002, TL003) entries: every rule that maps an entry back to its field.
        let n = 2_000;
        let mut text = String::from(
            "+++\ntitle = \"T\"\nstatus = \"published\"\npublished = 2026-01-01T00:00:00Z\n",
        );
        for i in 0..n {
            let _ = write!(
                text,
                "[[sources]]\nid = \"s{}\"\ntitle = \"S\"\nurl = \"https://example.com/{}\"\n",
                i % (n - 10),
                i % (n - 20)
            );
        }
        for i in 0..n {
            let _ = write!(
                text,
                "[[updates]]\nat = 2026-0{}-01T00:00:00Z\ntext = \"U\"\nsource = \"x{i}\"\n",
                1 + (n - i) % 9
            );
        }
        text.push_str("+++\nBody.\n");
        let parsed = Article::parse(Path::new("a.md"), &text);
        let article = parsed.article.expect("parses");
        assert_eq!((article.sources.len(), article.updates.len()), (n, n));
        let config = Config::default();
        let authors = BTreeMap::new();
        let env = LintEnv {
            config: &config,
            authors: &authors,
            now: chrono::DateTime::parse_from_rfc3339("2026-03-01T00:00:00Z").expect("time"),
        };
        LOOKUPS.with(|lookups| lookups.set(0));
        let outcome = lint_article(&article, Vec::new(), env);
        let codes: std::collections::BTreeSet<_> = outcome
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        for code in ["RF005", "RF006", "RF007", "TL002", "TL003"] {
            assert!(codes.contains(code), "{code} missing from {codes:?}");
        }
        // Searching from the first entry for each one took about n²/2 = 2,000,000.
        let lookups = LOOKUPS.with(std::cell::Cell::get);
        assert!(lookups < 20 * n, "{lookups} span lookups");
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
