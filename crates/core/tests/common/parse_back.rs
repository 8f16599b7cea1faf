//! Reads every exported file back with the parser its consumers use: JSON (`.json`,
//! `.jsonld`, `feed.json`) with `serde_json`, XML (`rss.xml`, `atom.xml`) with roxmltree, which
//! rejects characters XML 1.0 forbids, and the TOML front matter of the Hugo and Zola trees
//! with the `toml` crate after splitting the page where Zola's own pattern would (the first
//! `+++` followed only by spaces up to the end of its line).
//!
//! Shared by `tests/it/export_hostile.rs` and the `export_hostile` fuzz target (through
//! `#[path]`), so both check the same properties.

use copydesk::export::{Model, Output};

/// Checks every file of `output` (exported from `model`); panics naming the file and the
/// problem.
pub(crate) fn parse_back(output: &Output, model: &Model) {
    for (path, bytes) in output.files() {
        let name = path.to_string_lossy().into_owned();
        let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name}: not UTF-8: {e}"));
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if matches!(extension, "json" | "jsonld") {
            assert!(
                !text.contains(['<', '>', '&']),
                "{name}: raw `<`, `>` or `&` in JSON a page may embed:\n{text}"
            );
            serde_json::from_str::<serde_json::Value>(text)
                .unwrap_or_else(|e| panic!("{name}: invalid JSON: {e}\n{text}"));
        } else if extension == "xml" {
            roxmltree::Document::parse(text)
                .unwrap_or_else(|e| panic!("{name}: not well-formed XML: {e}\n{text:?}"));
        } else if extension == "toml" {
            text.parse::<toml::Table>()
                .unwrap_or_else(|e| panic!("{name}: invalid TOML: {e}\n{text}"));
        } else if name.starts_with("content/") {
            check_page(&name, text, model);
        }
    }
}

fn check_page(name: &str, text: &str, model: &Model) {
    let (front, body) = split_front_matter(text)
        .unwrap_or_else(|| panic!("{name}: no `+++` front matter block:\n{text}"));
    let table: toml::Table = front
        .parse()
        .unwrap_or_else(|e| panic!("{name}: front matter is not TOML: {e}\n{front}"));
    let Some(slug) = name
        .strip_prefix("content/articles/")
        .and_then(|file| {
            file.strip_suffix(".html")
                .or_else(|| file.strip_suffix(".md"))
        })
        .filter(|slug| *slug != "_index")
    else {
        return;
    };
    let article = model
        .article(slug)
        .unwrap_or_else(|| panic!("{name}: no article `{slug}` in the model"));
    assert_eq!(
        table.get("title").and_then(toml::Value::as_str),
        Some(article.title.as_str()),
        "{name}: title does not survive:\n{front}"
    );
    if article.published.is_some() {
        assert!(
            table.get("date").is_some_and(toml::Value::is_datetime),
            "{name}: `date` is not a TOML datetime:\n{front}"
        );
    }
    let params = table
        .get("extra")
        .and_then(toml::Value::as_table)
        .unwrap_or(&table);
    assert_eq!(
        params.get("dek").and_then(toml::Value::as_str),
        article.dek.as_deref(),
        "{name}: dek does not survive:\n{front}"
    );
    assert!(
        !body.contains("{{") && !body.contains("{%"),
        "{name}: a template delimiter reaches the content:\n{body}"
    );
}

/// The front matter and the body of a page, split where a generator would: after the
/// opening `+++` line, at the first `+++` that only spaces follow to the end of its line.
pub(crate) fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("+++\n")?;
    let mut from = 0;
    while let Some(at) = rest[from..].find("+++") {
        let start = from + at;
        let after = &rest[start + 3..];
        let line_end = after.find('\n').unwrap_or(after.len());
        if after[..line_end].trim().is_empty() {
            let body = after.get(line_end + 1..).unwrap_or("");
            return Some((&rest[..start], body));
        }
        from = start + 3;
    }
    None
}
