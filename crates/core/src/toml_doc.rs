//! Spanned TOML documents: syntax errors, unknown keys and typed values, every one with a span.
//!
//! The front matter, `copydesk.toml` and author files all go through here. Unknown keys are
//! found by walking the document against the JSON Schema that `schemars` derives from the raw
//! serde types, so the list of valid keys has one source: the types themselves. Unknown keys are
//! pruned before the typed deserialization, and a value of the wrong type is pruned and the
//! deserialization retried, so one bad value never hides the rest of the file.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Span;
pub(crate) use crate::toml_explain::TomlFix;
use crate::toml_explain::{curly_quoted_values, explain_invalid_value, explain_value_error};

/// A problem found in a TOML document, in the document's own byte coordinates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TomlProblem {
    pub(crate) kind: TomlProblemKind,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    pub(crate) span: Span,
    /// A safe replacement of `span` that fixes the problem.
    pub(crate) fix: Option<TomlFix>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TomlProblemKind {
    /// Not TOML at all.
    Syntax,
    /// Not TOML because a value is in curly quotes; the message says so in full.
    CurlyQuotes,
    /// A key the schema does not define.
    UnknownKey,
    /// A value of the wrong type or shape.
    InvalidValue,
}

#[cfg(test)]
thread_local! {
    /// Value lookups on this thread, for tests that bound how often rules search the map.
    pub(crate) static LOOKUPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Where each key and value of a document sits, by dotted path (`sources[2].url`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanMap {
    entries: BTreeMap<String, (Span, Span)>,
}

impl SpanMap {
    /// The span of the value at `path`, if present.
    pub fn value(&self, path: &str) -> Option<Span> {
        #[cfg(test)]
        LOOKUPS.with(|lookups| lookups.set(lookups.get() + 1));
        self.entries.get(path).map(|(_, value)| *value)
    }

    /// The span of the key at `path`, if present.
    pub fn key(&self, path: &str) -> Option<Span> {
        self.entries.get(path).map(|(key, _)| *key)
    }

    /// Moves every span right by `offset`.
    pub(crate) fn shift(&mut self, offset: usize) {
        for (key, value) in self.entries.values_mut() {
            *key = key.shifted(offset);
            *value = value.shifted(offset);
        }
    }

    fn record(&mut self, path: String, key: Span, value: Span) {
        self.entries.insert(path, (key, value));
    }

    /// The most specific path whose value is exactly `span` (`authors[1]` rather than
    /// `authors` when both could be meant).
    fn path_of_value(&self, span: Span) -> Option<&str> {
        self.entries
            .iter()
            .filter(|(_, (_, value))| *value == span)
            .map(|(path, _)| path.as_str())
            .max_by_key(|path| path.len())
    }
}

/// The outcome of reading one TOML document into `T`.
pub(crate) struct Parsed<T> {
    /// The typed value; `None` only when the text is not TOML or the root has the wrong shape.
    pub(crate) value: Option<T>,
    pub(crate) problems: Vec<TomlProblem>,
    pub(crate) spans: SpanMap,
    /// Top-level paths (`title`, `sources[3]`) dropped because their value was invalid.
    pub(crate) pruned: Vec<String>,
}

/// Parses `text` and reads it into `T`, reporting every problem it can find.
pub(crate) fn parse<T>(text: &str) -> Parsed<T>
where
    T: DeserializeOwned + schemars::JsonSchema,
{
    let (mut root, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        let mut problems: Vec<TomlProblem> = Vec::new();
        // Curly quotes around a value cause most syntax errors writers meet: report each one
        // with its fix, in place of the parser's errors on the same line.
        let curly = curly_quoted_values(text);
        // Counted on bytes: a parser's offset is not trusted to fall on a character boundary.
        let line_of = |offset: usize| {
            let end = offset.min(text.len());
            memchr::memchr_iter(b'\n', &text.as_bytes()[..end]).count()
        };
        let curly_lines: Vec<usize> = curly
            .iter()
            .map(|value| line_of(value.span.start))
            .collect();
        for value in &curly {
            let explained = value.explain();
            problems.push(TomlProblem {
                kind: TomlProblemKind::CurlyQuotes,
                message: explained.message,
                help: explained.help,
                span: value.span,
                fix: explained.fix,
            });
        }
        let syntax_errors = syntax_errors.into_iter().filter(|error| {
            let start = error.span().map_or(0, |span| span.start);
            !curly_lines.contains(&line_of(start))
        });
        for error in syntax_errors {
            let span = error.span().map_or(Span::at(0), Span::from);
            // The recovering parser often reports a cascade on one line; the first is the cause.
            let same_line = problems.last().is_some_and(|last| {
                let (from, to) = (
                    last.span.start.min(span.start),
                    last.span.start.max(span.start),
                );
                !text.get(from..to).unwrap_or("\n").contains('\n')
            });
            if !same_line {
                let message = first_line(error.message());
                let (message, help) = if message == "duplicate key" {
                    explain_duplicate(text, span)
                } else {
                    (message, None)
                };
                problems.push(TomlProblem {
                    kind: TomlProblemKind::Syntax,
                    message,
                    help,
                    span,
                    fix: None,
                });
            }
        }
        problems.sort_by_key(|p| (p.span.start, p.span.end));
        return Parsed {
            value: None,
            problems,
            spans: SpanMap::default(),
            pruned: Vec::new(),
        };
    }

    let schema = schema_of::<T>();
    let mut problems = Vec::new();
    let mut spans = SpanMap::default();
    let root_span = Span::from(root.span());
    check_table(
        root.get_mut(),
        &SchemaNode::new(schema, schema),
        "",
        &mut spans,
        &mut problems,
    );

    let mut pruned = Vec::new();
    let finish = |mut problems: Vec<TomlProblem>| {
        problems.sort_by_key(|p| (p.span.start, p.span.end));
        problems
    };
    // Each failed attempt prunes one entry, so this ends; the bound is a guard.
    for _ in 0..=root.get_ref().len() + 64 {
        let attempt = Spanned::new(root.span(), root.get_ref().clone());
        match T::deserialize(toml::de::Deserializer::from(attempt)) {
            Ok(value) => {
                return Parsed {
                    value: Some(value),
                    problems: finish(problems),
                    spans,
                    pruned,
                };
            }
            Err(error) => {
                let span = error.span().map_or(root_span, Span::from);
                let message = first_line(error.message());
                let written = text.get(span.start..span.end).unwrap_or_default();
                let explained = spans.path_of_value(span).and_then(|path| {
                    explain_value_error(&message, path, written)
                        .or_else(|| explain_invalid_value(&message, path))
                });
                problems.push(match explained {
                    Some(explained) => TomlProblem {
                        kind: TomlProblemKind::InvalidValue,
                        message: explained.message,
                        help: explained.help,
                        span,
                        fix: explained.fix,
                    },
                    None => TomlProblem {
                        kind: TomlProblemKind::InvalidValue,
                        message,
                        help: None,
                        span,
                        fix: None,
                    },
                });
                match prune_at(root.get_mut(), span) {
                    Some(path) => pruned.push(path),
                    None => break,
                }
            }
        }
    }
    Parsed {
        value: None,
        problems: finish(problems),
        spans,
        pruned,
    }
}

/// The parser's bare "duplicate key", said with the key and, for a table written twice, where
/// it was first: the usual cause is a snippet pasted under a second `[lint]` header.
fn explain_duplicate(text: &str, span: Span) -> (String, Option<String>) {
    let line_start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |at| at + 1);
    let line = text[line_start..].lines().next().unwrap_or("").trim();
    if line.starts_with('[') {
        let first = text[..line_start]
            .lines()
            .position(|earlier| earlier.trim() == line)
            .map(|index| format!(" (first at line {})", index + 1))
            .unwrap_or_default();
        return (
            format!("table `{line}` is written twice{first}"),
            Some(format!(
                "write a table once: move these keys into the first `{line}`"
            )),
        );
    }
    let key = text.get(span.start..span.end).unwrap_or("").trim();
    (
        format!("key `{key}` is set twice in the same table"),
        Some("keep one of them".to_string()),
    )
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

/// Removes the top-level entry (or the array element of one) that contains `span`.
fn prune_at(table: &mut DeTable<'_>, span: Span) -> Option<String> {
    // A table's span may cover only its header line, so pick the entry or array element
    // that starts closest before the error: in TOML a value always follows its key or header.
    let mut found: Option<(usize, String, Option<usize>)> = None;
    let mut consider = |start: usize, key: &str, element: Option<usize>| {
        if start <= span.start && found.as_ref().is_none_or(|(best, _, _)| start >= *best) {
            found = Some((start, key.to_string(), element));
        }
    };
    for (key, value) in table.iter() {
        consider(key.span().start, key.get_ref(), None);
        if let DeValue::Array(items) = value.get_ref() {
            for (index, item) in items.iter().enumerate() {
                consider(item.span().start, key.get_ref(), Some(index));
            }
        }
    }
    let found = found.map(|(_, key, element)| (key, element));
    let (key, element) = found?;
    if let Some(index) = element {
        if let Some(DeValue::Array(items)) = table.get_mut(key.as_str()).map(Spanned::get_mut) {
            let kept: toml::de::DeArray<'_> = items
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != index)
                .map(|(_, item)| item.clone())
                .collect();
            *items = kept;
        }
        return Some(format!("{key}[{index}]"));
    }
    table.remove(key.as_str());
    Some(key)
}

/// The JSON Schema of a type, generated once per type and kept for the process.
fn schema_of<T: schemars::JsonSchema>() -> &'static Json {
    static CACHE: OnceLock<std::sync::Mutex<BTreeMap<String, &'static Json>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let name = T::schema_id().into_owned();
    let mut cache = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    cache.entry(name).or_insert_with(|| {
        let schema = schemars::generate::SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<T>();
        Box::leak(Box::new(schema.to_value()))
    })
}

/// A position in the schema: the node and the root it resolves `$ref`s against.
struct SchemaNode<'s> {
    root: &'s Json,
    node: &'s Json,
}

impl<'s> SchemaNode<'s> {
    fn new(root: &'s Json, node: &'s Json) -> Self {
        let mut this = SchemaNode { root, node };
        this.resolve();
        this
    }

    /// Follows `$ref` and picks the object-like branch of `anyOf`/`oneOf` (how `Option<T>` appears).
    fn resolve(&mut self) {
        for _ in 0..16 {
            if let Some(reference) = self.node.get("$ref").and_then(Json::as_str) {
                let pointer = reference.trim_start_matches('#');
                match self.root.pointer(pointer) {
                    Some(target) => self.node = target,
                    None => return,
                }
                continue;
            }
            let branches = self
                .node
                .get("anyOf")
                .or_else(|| self.node.get("oneOf"))
                .and_then(Json::as_array);
            if let Some(branches) = branches {
                let structured = branches.iter().find(|b| {
                    b.get("$ref").is_some()
                        || b.get("properties").is_some()
                        || b.get("items").is_some()
                });
                if let Some(branch) = structured {
                    self.node = branch;
                    continue;
                }
            }
            return;
        }
    }

    fn child(&self, node: &'s Json) -> SchemaNode<'s> {
        SchemaNode::new(self.root, node)
    }

    fn property_names(&self) -> Vec<&'s str> {
        self.node
            .get("properties")
            .and_then(Json::as_object)
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Records spans, reports unknown keys with a suggestion and prunes them.
fn check_table(
    table: &mut DeTable<'_>,
    schema: &SchemaNode<'_>,
    prefix: &str,
    spans: &mut SpanMap,
    problems: &mut Vec<TomlProblem>,
) {
    let properties = schema.node.get("properties").and_then(Json::as_object);
    let additional = schema.node.get("additionalProperties");
    let closed = matches!(additional, Some(Json::Bool(false)));
    let mut unknown = Vec::new();
    for (key, value) in table.iter_mut() {
        let name = key.get_ref().as_ref();
        let path = join(prefix, name);
        spans.record(
            path.clone(),
            Span::from(key.span()),
            Span::from(value.span()),
        );
        let child = match properties.and_then(|p| p.get(name)) {
            Some(node) => Some(schema.child(node)),
            None => match additional {
                Some(node @ Json::Object(_)) => Some(schema.child(node)),
                _ if closed => {
                    unknown.push(name.to_string());
                    let valid = schema.property_names();
                    problems.push(unknown_key(name, &path, Span::from(key.span()), &valid));
                    None
                }
                _ => None,
            },
        };
        if let Some(child) = child {
            check_value(value.get_mut(), &child, &path, spans, problems);
        }
    }
    if !unknown.is_empty() {
        for key in &unknown {
            table.remove(key.as_str());
        }
    }
}

fn check_value(
    value: &mut DeValue<'_>,
    schema: &SchemaNode<'_>,
    path: &str,
    spans: &mut SpanMap,
    problems: &mut Vec<TomlProblem>,
) {
    match value {
        DeValue::Table(table) => check_table(table, schema, path, spans, problems),
        DeValue::Array(items) => {
            let Some(item_schema) = schema.node.get("items") else {
                return;
            };
            let item_schema = schema.child(item_schema);
            for (index, item) in items.iter_mut().enumerate() {
                let item_path = format!("{path}[{index}]");
                let item_span = Span::from(item.span());
                spans.record(item_path.clone(), item_span, item_span);
                check_value(item.get_mut(), &item_schema, &item_path, spans, problems);
            }
        }
        _ => {}
    }
}

fn unknown_key(name: &str, path: &str, span: Span, valid: &[&str]) -> TomlProblem {
    let suggestion = crate::suggest::nearest(name, valid.iter().copied());
    let message = match suggestion {
        Some(best) => format!(
            "unknown field `{path}`, {}",
            crate::suggest::did_you_mean(best)
        ),
        None => format!("unknown field `{path}`"),
    };
    let help = if valid.is_empty() {
        None
    } else {
        Some(format!("valid keys here: {}", valid.join(", ")))
    };
    TomlProblem {
        kind: TomlProblemKind::UnknownKey,
        message,
        help,
        span,
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, schemars::JsonSchema, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        title: Option<String>,
        count: Option<u32>,
        #[serde(default)]
        items: Vec<Item>,
        inner: Option<Item>,
    }

    #[derive(Debug, Deserialize, schemars::JsonSchema, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: Option<String>,
    }

    #[test]
    fn unknown_keys_are_all_reported_with_suggestions_and_pruned() {
        let text =
            "titel = \"x\"\ncount = 3\n[[items]]\nid = \"a\"\nidd = \"b\"\n[inner]\nid = \"c\"\n";
        let parsed = parse::<Doc>(text);
        let messages: Vec<_> = parsed.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown field `titel`, did you mean `title`?",
                "unknown field `items[0].idd`, did you mean `id`?"
            ]
        );
        assert_eq!(
            &text[parsed.problems[0].span.start..parsed.problems[0].span.end],
            "titel"
        );
        let value = parsed.value.expect("typed value despite unknown keys");
        assert_eq!(value.count, Some(3));
        assert_eq!(value.items.len(), 1);
        assert_eq!(
            parsed
                .spans
                .value("inner.id")
                .map(|s| &text[s.start..s.end]),
            Some("\"c\"")
        );
    }

    #[test]
    fn a_bad_value_is_pruned_and_the_rest_kept() {
        let text = "title = 5\ncount = \"many\"\n[[items]]\nid = \"a\"\n[[items]]\nid = 7\n";
        let parsed = parse::<Doc>(text);
        assert_eq!(parsed.problems.len(), 3, "{:?}", parsed.problems);
        assert!(
            parsed
                .problems
                .iter()
                .all(|p| p.kind == TomlProblemKind::InvalidValue)
        );
        let first = &parsed.problems[0];
        assert_eq!(&text[first.span.start..first.span.end], "5");
        let value = parsed.value.expect("value after pruning");
        assert_eq!(
            value.items,
            vec![Item {
                id: Some("a".into())
            }]
        );
        let mut pruned = parsed.pruned.clone();
        pruned.sort();
        assert_eq!(pruned, ["count", "items[1]", "title"]);
    }

    #[test]
    fn a_duplicate_names_the_key_and_where_a_table_was_first_written() {
        let parsed = parse::<Doc>("title = \"x\"\ntitle = \"y\"\n");
        assert_eq!(
            parsed.problems[0].message,
            "key `title` is set twice in the same table"
        );
        let text = "title = \"x\"\n[inner]\nid = \"a\"\n\n[inner]\nid = \"b\"\n";
        let parsed = parse::<Doc>(text);
        let problem = &parsed.problems[0];
        assert_eq!(
            problem.message,
            "table `[inner]` is written twice (first at line 2)"
        );
        assert_eq!(
            problem.help.as_deref(),
            Some("write a table once: move these keys into the first `[inner]`")
        );
    }

    #[test]
    fn syntax_errors_have_spans() {
        let parsed = parse::<Doc>("title = \"x\"\ncount = = 3\n");
        assert!(parsed.value.is_none());
        assert_eq!(parsed.problems[0].kind, TomlProblemKind::Syntax);
        assert!(
            parsed.problems[0].span.start >= 12,
            "{:?}",
            parsed.problems[0]
        );
    }
}
