//! Hover, go to definition, document symbols and completion.
//!
//! They read the buffer as the editor has it (parsed with the library's article parser where
//! the front matter reads, by lines where it does not) and the newsroom the engine keeps.
//! Front-matter keys, their documentation and their enum values come from the article's
//! JSON Schema, which the library derives from its own types: one source for both.

use std::fmt::Write as _;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use copydesk::{Article, Diagnostic, Span};
use lsp_types as lsp;
use serde_json::Value;

use super::engine::Engine;
use super::position::Positions;

/// Hover: the rule documentation of a diagnostic under the cursor, else what a link target,
/// author, desk or related slug under the cursor names.
pub(crate) fn hover(
    engine: Option<&mut Engine>,
    path: &Path,
    text: &str,
    positions: &Positions<'_>,
    offset: usize,
    diagnostics: &[Diagnostic],
) -> Option<lsp::Hover> {
    let markdown = |value: String, span: Span| lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value,
        }),
        range: Some(positions.range(span)),
    };
    let article = Article::parse(path, text).article;
    if let Some(reference) = reference_at(text, article.as_ref(), offset) {
        let value = describe(engine, article.as_ref(), &reference)?;
        return Some(markdown(value, reference.span));
    }
    let diagnostic = diagnostics
        .iter()
        .find(|d| d.span.contains(offset) || (d.span.start <= offset && offset <= d.span.end))?;
    let rule = copydesk::lint::find(diagnostic.code.as_str())?;
    let value = format!(
        "**{} {}** ({}, default {})\n\n{}",
        rule.code,
        rule.name,
        rule.summary,
        rule.severity,
        rule.documentation()
    );
    Some(markdown(value, diagnostic.span))
}

/// Something under the cursor that names a thing elsewhere.
struct Reference {
    kind: Kind,
    id: String,
    span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Source,
    Article,
    Author,
    Desk,
}

/// The reference at `offset`: a `source:`/`article:` link target anywhere, or an author,
/// desk or related value in the front matter.
fn reference_at(text: &str, article: Option<&Article>, offset: usize) -> Option<Reference> {
    if let Some(found) = link_target_at(text, offset) {
        return Some(found);
    }
    let article = article?;
    let string_at = |key: &str| -> Option<(String, Span)> {
        let span = article.spans.value(key)?;
        span.contains(offset).then(|| {
            let written = text.get(span.start..span.end).unwrap_or_default();
            (written.trim_matches(['"', '\'']).to_string(), span)
        })
    };
    if let Some((id, span)) = string_at("desk") {
        return Some(Reference {
            kind: Kind::Desk,
            id,
            span,
        });
    }
    for (list, kind) in [("authors", Kind::Author), ("related", Kind::Article)] {
        for i in 0.. {
            let key = format!("{list}[{i}]");
            if article.spans.value(&key).is_none() {
                break;
            }
            if let Some((id, span)) = string_at(&key) {
                return Some(Reference { kind, id, span });
            }
        }
    }
    None
}

/// `source:ID` or `article:SLUG` (without its `#fragment`) around `offset`, on its line.
fn link_target_at(text: &str, offset: usize) -> Option<Reference> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    for (prefix, kind) in [("source:", Kind::Source), ("article:", Kind::Article)] {
        let mut from = 0;
        while let Some(found) = line[from..].find(prefix) {
            let start = line_start + from + found;
            let id_start = start + prefix.len();
            let id_len = text[id_start..line_end]
                .find(|c: char| !is_id_char(c))
                .unwrap_or(line_end - id_start);
            let end = id_start + id_len;
            if id_len > 0 && start <= offset && offset <= end {
                return Some(Reference {
                    kind,
                    id: text[id_start..end].to_string(),
                    span: Span::new(start, end),
                });
            }
            from += found + prefix.len();
        }
    }
    None
}

fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// The hover text for a reference; `None` for an id nothing has.
fn describe(
    engine: Option<&mut Engine>,
    article: Option<&Article>,
    reference: &Reference,
) -> Option<String> {
    match reference.kind {
        Kind::Source => {
            let source = article?.source_by_id(&reference.id)?;
            let mut value = format!("**{}**", source.title);
            let byline: Vec<String> = [
                source.publisher.clone(),
                source.published.as_ref().map(ToString::to_string),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !byline.is_empty() {
                let _ = write!(value, "\n\n{}", byline.join(", "));
            }
            if let Some(url) = &source.url {
                let _ = write!(value, "\n\n<{url}>");
            }
            Some(value)
        }
        Kind::Article => {
            let target = engine?.article(&reference.id)?;
            let mut value = format!("**{}** ({})", target.title, target.status.as_str());
            if let Some(dek) = &target.dek {
                let _ = write!(value, "\n\n{dek}");
            }
            Some(value)
        }
        Kind::Author => {
            let author = engine?.authors().get(&reference.id)?;
            let mut value = format!("**{}**", author.name);
            if let Some(beat) = &author.beat {
                let _ = write!(value, " — {beat}");
            }
            Some(value)
        }
        Kind::Desk => {
            let desk = engine?.config().desks.get(&reference.id)?;
            let mut value = format!("**{}** (desk `{}`)", desk.name, desk.id);
            if let Some(description) = &desk.description {
                let _ = write!(value, "\n\n{description}");
            }
            Some(value)
        }
    }
}

/// Where a definition is.
pub(crate) struct Target {
    pub(crate) path: PathBuf,
    pub(crate) span: Span,
}

/// Go to definition: a source's `[[sources]]` entry, an article's file, an author's file, a
/// desk's table in `copydesk.toml`.
pub(crate) fn definition(
    engine: Option<&mut Engine>,
    path: &Path,
    text: &str,
    offset: usize,
) -> Option<Target> {
    let article = Article::parse(path, text).article;
    let reference = reference_at(text, article.as_ref(), offset)?;
    match reference.kind {
        Kind::Source => {
            let article = article?;
            let source = article.source_by_id(&reference.id)?;
            Some(Target {
                path: path.to_path_buf(),
                span: source.span,
            })
        }
        Kind::Article => {
            let target = engine?.article(&reference.id)?;
            Some(Target {
                path: target.path.to_path_buf(),
                span: Span::at(0),
            })
        }
        Kind::Author => {
            let engine = engine?;
            let author = engine.authors().get(&reference.id)?;
            let dir = engine.root().join(&engine.config().paths.authors);
            Some(Target {
                path: dir.join(format!("{}.toml", author.id)),
                span: Span::at(0),
            })
        }
        Kind::Desk => {
            let engine = engine?;
            engine.config().desks.get(&reference.id)?;
            let config = engine.config_path();
            let written = std::fs::read_to_string(&config).ok()?;
            let header = format!("[desks.{}]", reference.id);
            let at = written
                .find(&header)
                .or_else(|| written.find(&format!("[desks.\"{}\"]", reference.id)))
                .unwrap_or(0);
            Some(Target {
                path: config,
                span: Span::at(at),
            })
        }
    }
}

/// Byte ranges of the front matter's TOML and of the body, found by lines so they exist even
/// when the TOML does not parse: `(toml, body_start)`.
fn regions(text: &str) -> Option<(Span, usize)> {
    let start = usize::from(text.starts_with('\u{feff}')) * 3;
    let first = text[start..].split_inclusive('\n').next()?;
    if first.trim_end() != "+++" {
        return None;
    }
    let toml_start = start + first.len();
    let mut at = toml_start;
    for line in text[toml_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((Span::new(toml_start, at), at + line.len()));
        }
        at += line.len();
    }
    Some((Span::new(toml_start, text.len()), text.len()))
}

/// Document symbols: the front matter with its tables, then the body's headings, nested by
/// level.
#[allow(
    deprecated,
    reason = "`DocumentSymbol::deprecated` has to be written out"
)]
pub(crate) fn symbols(
    path: &Path,
    text: &str,
    positions: &Positions<'_>,
) -> Vec<lsp::DocumentSymbol> {
    let symbol =
        |name: String, detail: Option<String>, kind, span: Span, children| lsp::DocumentSymbol {
            name,
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: positions.range(span),
            selection_range: positions.range(span),
            children,
        };
    let mut out = Vec::new();
    let body_start = match regions(text) {
        Some((toml, body_start)) => {
            let mut children = Vec::new();
            if let Some(article) = Article::parse(path, text).article {
                if let Some(span) = article.spans.value("image") {
                    children.push(symbol(
                        "image".into(),
                        None,
                        lsp::SymbolKind::OBJECT,
                        span,
                        None,
                    ));
                }
                for source in &article.sources {
                    children.push(symbol(
                        format!("source {}", source.id),
                        Some(source.title.clone()),
                        lsp::SymbolKind::OBJECT,
                        source.span,
                        None,
                    ));
                }
                for update in &article.updates {
                    children.push(symbol(
                        format!("{} {}", update.kind.as_str(), update.at.format("%Y-%m-%d")),
                        None,
                        lsp::SymbolKind::EVENT,
                        update.span,
                        None,
                    ));
                }
            }
            out.push(symbol(
                "front matter".into(),
                None,
                lsp::SymbolKind::MODULE,
                Span::new(0, toml.end),
                Some(children),
            ));
            body_start
        }
        None => 0,
    };
    // ATX headings outside fenced code, nested under the nearest shallower heading.
    let mut headings: Vec<(usize, String, Span)> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut at = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if indent < 4 {
            if let Some(open) = fence {
                if trimmed.trim_end().starts_with(open) {
                    fence = None;
                }
            } else if trimmed.starts_with("```") {
                fence = Some("```");
            } else if trimmed.starts_with("~~~") {
                fence = Some("~~~");
            } else {
                let level = trimmed.chars().take_while(|c| *c == '#').count();
                let rest = &trimmed[level..];
                if (1..=6).contains(&level)
                    && (rest.starts_with([' ', '\t']) || rest.trim().is_empty())
                {
                    let title = rest.trim().trim_end_matches('#').trim().to_string();
                    let end = at + line.trim_end_matches(['\r', '\n']).len();
                    headings.push((level, title, Span::new(at, end)));
                }
            }
        }
        at += line.len();
    }
    out.extend(nest(&headings, &symbol));
    out
}

type SymbolMaker<'a> = dyn Fn(
        String,
        Option<String>,
        lsp::SymbolKind,
        Span,
        Option<Vec<lsp::DocumentSymbol>>,
    ) -> lsp::DocumentSymbol
    + 'a;

fn nest(headings: &[(usize, String, Span)], symbol: &SymbolMaker<'_>) -> Vec<lsp::DocumentSymbol> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < headings.len() {
        let (level, title, span) = &headings[i];
        let children_end = headings[i + 1..]
            .iter()
            .position(|(l, _, _)| l <= level)
            .map_or(headings.len(), |p| i + 1 + p);
        let children = nest(&headings[i + 1..children_end], symbol);
        let name = if title.is_empty() {
            "(empty heading)".into()
        } else {
            title.clone()
        };
        out.push(symbol(
            name,
            None,
            lsp::SymbolKind::STRING,
            *span,
            (!children.is_empty()).then_some(children),
        ));
        i = children_end;
    }
    out
}

/// The article front matter's JSON Schema.
static ARTICLE_SCHEMA: LazyLock<Value> = LazyLock::new(|| {
    copydesk::schema::all()
        .into_iter()
        .find(|named| named.file_name == "article.schema.json")
        .map_or(Value::Null, |named| named.schema)
});

/// Follows `$ref`, `anyOf` with `null`, and array `items` to the schema that describes a
/// value.
fn resolve(node: &Value) -> &Value {
    let mut node = node;
    for _ in 0..8 {
        if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            let name = reference.trim_start_matches("#/$defs/");
            match ARTICLE_SCHEMA.get("$defs").and_then(|defs| defs.get(name)) {
                Some(found) => node = found,
                None => break,
            }
        } else if let Some(options) = node.get("anyOf").and_then(Value::as_array) {
            match options
                .iter()
                .find(|o| o.get("type") != Some(&Value::from("null")))
            {
                Some(found) => node = found,
                None => break,
            }
        } else if let Some(items) = node.get("items") {
            node = items;
        } else {
            break;
        }
    }
    node
}

/// The properties of the table at `section` (`""` for the top level, `sources` for
/// `[[sources]]`), with their descriptions.
fn keys_of(section: &str) -> Vec<(String, String)> {
    let mut node: &Value = &ARTICLE_SCHEMA;
    for part in section.split('.').filter(|p| !p.is_empty()) {
        match node.get("properties").and_then(|p| p.get(part)) {
            Some(next) => node = resolve(next),
            None => return Vec::new(),
        }
    }
    node.get("properties")
        .and_then(Value::as_object)
        .map(|properties| {
            properties
                .iter()
                .map(|(key, value)| {
                    let doc = value
                        .get("description")
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    (key.clone(), doc.to_string())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The allowed values of `key` in `section` from the schema's `oneOf` of constants.
fn enum_values(section: &str, key: &str) -> Vec<(String, String)> {
    let mut node: &Value = &ARTICLE_SCHEMA;
    for part in section.split('.').filter(|p| !p.is_empty()).chain([key]) {
        match node.get("properties").and_then(|p| p.get(part)) {
            Some(next) => node = resolve(next),
            None => return Vec::new(),
        }
    }
    node.get("oneOf")
        .and_then(Value::as_array)
        .map(|options| {
            options
                .iter()
                .filter_map(|option| {
                    let value = option.get("const")?.as_str()?;
                    let doc = option
                        .get("description")
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    Some((value.to_string(), doc.to_string()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Completion at `offset`.
pub(crate) fn completion(
    engine: Option<&mut Engine>,
    path: &Path,
    text: &str,
    offset: usize,
) -> Vec<lsp::CompletionItem> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let item =
        |label: String, detail: Option<String>, doc: Option<String>, kind| lsp::CompletionItem {
            label,
            kind: Some(kind),
            detail,
            documentation: doc.filter(|d| !d.is_empty()).map(|value| {
                lsp::Documentation::MarkupContent(lsp::MarkupContent {
                    kind: lsp::MarkupKind::Markdown,
                    value,
                })
            }),
            ..lsp::CompletionItem::default()
        };
    let in_front_matter =
        regions(text).is_some_and(|(toml, _)| toml.start <= offset && offset <= toml.end);
    if in_front_matter {
        let section = current_section(&text[..line_start]);
        let Some((key, _)) = before.split_once('=') else {
            return keys_of(&section)
                .into_iter()
                .map(|(key, doc)| item(key, None, Some(doc), lsp::CompletionItemKind::FIELD))
                .collect();
        };
        let key = key.trim();
        let quoted = |value: &str| {
            if before.trim_end().ends_with('"') && before.matches('"').count() % 2 == 1 {
                value.to_string()
            } else {
                format!("\"{value}\"")
            }
        };
        let with_insert = |mut it: lsp::CompletionItem| {
            it.insert_text = Some(quoted(&it.label));
            it
        };
        let mut values: Vec<lsp::CompletionItem> = enum_values(&section, key)
            .into_iter()
            .map(|(value, doc)| item(value, None, Some(doc), lsp::CompletionItemKind::ENUM_MEMBER))
            .collect();
        if let Some(engine) = engine {
            match (section.as_str(), key) {
                ("", "authors") => values.extend(engine.authors().values().map(|a| {
                    item(
                        a.id.clone(),
                        Some(a.name.clone()),
                        a.beat.clone(),
                        lsp::CompletionItemKind::VALUE,
                    )
                })),
                ("", "desk") => values.extend(engine.config().desks.values().map(|d| {
                    item(
                        d.id.clone(),
                        Some(d.name.clone()),
                        d.description.clone(),
                        lsp::CompletionItemKind::VALUE,
                    )
                })),
                ("", "tags") => {
                    let mut counts: std::collections::BTreeMap<String, usize> =
                        std::collections::BTreeMap::new();
                    for tag in engine.articles().iter().flat_map(|a| &a.tags) {
                        *counts.entry(tag.clone()).or_default() += 1;
                    }
                    values.extend(counts.into_iter().map(|(tag, n)| {
                        item(
                            tag,
                            Some(format!("{n} article{}", if n == 1 { "" } else { "s" })),
                            None,
                            lsp::CompletionItemKind::VALUE,
                        )
                    }));
                }
                ("", "related") => values.extend(slug_items(engine, path, &item)),
                _ => {}
            }
        }
        if (section.as_str(), key) == ("updates", "source")
            && let Some(article) = Article::parse(path, text).article
        {
            values.extend(article.sources.iter().map(|s| {
                item(
                    s.id.clone(),
                    Some(s.title.clone()),
                    None,
                    lsp::CompletionItemKind::REFERENCE,
                )
            }));
        }
        return values.into_iter().map(with_insert).collect();
    }
    // In the body: link targets.
    if let Some(open) = before.rfind("](") {
        let target = &before[open + 2..];
        if target.starts_with("source:") && !target.contains([' ', ')']) {
            if let Some(article) = Article::parse(path, text).article {
                return article
                    .sources
                    .iter()
                    .map(|s| {
                        item(
                            s.id.clone(),
                            Some(s.title.clone()),
                            s.url.clone(),
                            lsp::CompletionItemKind::REFERENCE,
                        )
                    })
                    .collect();
            }
        } else if target.starts_with("article:")
            && !target.contains([' ', ')'])
            && let Some(engine) = engine
        {
            return slug_items(engine, path, &item);
        }
    }
    Vec::new()
}

type ItemMaker<'a> = dyn Fn(String, Option<String>, Option<String>, lsp::CompletionItemKind) -> lsp::CompletionItem
    + 'a;

/// Every other article's slug, its title as the detail and its dek as documentation.
fn slug_items(engine: &mut Engine, path: &Path, item: &ItemMaker<'_>) -> Vec<lsp::CompletionItem> {
    engine
        .articles()
        .into_iter()
        .filter(|a| &*a.path != path)
        .map(|a| {
            item(
                a.slug.clone(),
                Some(a.title.clone()),
                a.dek.clone(),
                lsp::CompletionItemKind::FILE,
            )
        })
        .collect()
}

/// The TOML table the last header before the cursor opened (`sources` for `[[sources]]`).
fn current_section(before: &str) -> String {
    before
        .lines()
        .rev()
        .find_map(|line| {
            let line = line.trim();
            let name = line
                .strip_prefix("[[")
                .and_then(|l| l.strip_suffix("]]"))
                .or_else(|| line.strip_prefix('[').and_then(|l| l.strip_suffix(']')))?;
            Some(name.trim().to_string())
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_targets_are_found_around_the_cursor() {
        let text = "See [x](source:ms-2025) and [y](article:other#part).";
        let at = text.find("ms-2025").unwrap() + 2;
        let found = link_target_at(text, at).unwrap();
        assert_eq!((found.kind, found.id.as_str()), (Kind::Source, "ms-2025"));
        let at = text.find("other").unwrap();
        let found = link_target_at(text, at).unwrap();
        assert_eq!((found.kind, found.id.as_str()), (Kind::Article, "other"));
        assert!(link_target_at(text, 0).is_none());
    }

    #[test]
    fn schema_gives_keys_and_enum_values() {
        let keys: Vec<String> = keys_of("").into_iter().map(|(k, _)| k).collect();
        assert!(keys.contains(&"status".to_string()));
        let values: Vec<String> = enum_values("", "status")
            .into_iter()
            .map(|(v, _)| v)
            .collect();
        assert!(values.contains(&"published".to_string()));
        let kinds: Vec<String> = enum_values("updates", "kind")
            .into_iter()
            .map(|(v, _)| v)
            .collect();
        assert!(kinds.contains(&"correction".to_string()));
    }

    #[test]
    fn headings_nest_by_level_and_skip_code() {
        let text = "+++\ntitle = \"x\"\n+++\n# A\n## B\n```\n# not\n```\n# C\n";
        let positions = Positions::new(text, super::super::position::Encoding::Utf16);
        let symbols = symbols(Path::new("a.md"), text, &positions);
        let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["front matter", "A", "C"]);
        assert_eq!(symbols[1].children.as_ref().unwrap()[0].name, "B");
    }
}
