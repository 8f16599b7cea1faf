//! TOML front matter for the `hugo` and `zola` trees, written so that no value can end the
//! `+++` block early.
//!
//! The `toml` crate's serialiser writes a string that contains a line break as a multi-line
//! `"""` string, so a dek holding a line `+++` put a bare `+++` line inside the front matter:
//! Hugo and Zola took it for the closing delimiter and the build failed (and teasers copy a
//! dek into other pages' front matter). Here the value is still turned into TOML data by the
//! `toml` crate's serialiser (and read back as a table), but each string is written with
//! `toml_writer` as an escaped single-line basic string (`"a\n+++\nb"`), so every line of the
//! block starts with a key or a table header and `+++` can only ever appear inside quotes,
//! followed by more of the string.

use std::fmt::Write as _;

use serde::Serialize;
use toml::{Table, Value};
use toml_writer::{TomlKeyBuilder, TomlStringBuilder, TomlWrite as _};

use crate::error::ExportError;

/// `value` as the TOML between two `+++` lines, each string on one line.
///
/// # Errors
/// When `value` is not a table of TOML values (a bug in the caller's types).
pub(crate) fn to_front_matter<T: Serialize>(path: &str, value: &T) -> Result<String, ExportError> {
    let error = |message: String| ExportError::Serialize {
        path: path.to_string(),
        message,
    };
    // Through the serialiser's own text and back: `Table::try_from` turns a
    // `toml::value::Datetime` into a table holding a private key, the text keeps it a datetime.
    let table: Table = toml::to_string(value)
        .map_err(|e| error(e.to_string()))?
        .parse()
        .map_err(|e: toml::de::Error| error(e.to_string()))?;
    // `toml::Table` sorts its keys; the same value as JSON (whose maps keep insertion order
    // in this workspace) gives the field order of the Rust types back, so pages read
    // title-first like the types declare them.
    let order = serde_json::to_value(value).map_err(|e| error(e.to_string()))?;
    let mut out = String::new();
    write_table(&mut out, &[], &table, order.as_object())
        .map_err(|_| error("cannot format the front matter".into()))?;
    Ok(out)
}

/// The entries of `table` in the order of `order`'s keys, then any others in sorted order.
fn ordered<'t>(
    table: &'t Table,
    order: Option<&serde_json::Map<String, serde_json::Value>>,
) -> Vec<(&'t String, &'t Value)> {
    let mut entries: Vec<(&String, &Value)> = Vec::with_capacity(table.len());
    if let Some(order) = order {
        entries.extend(order.keys().filter_map(|key| table.get_key_value(key)));
    }
    for (key, value) in table {
        if !order.is_some_and(|o| o.contains_key(key)) {
            entries.push((key, value));
        }
    }
    entries
}

/// A whole page: the front matter between `+++` lines, then the body.
pub(crate) fn page(front: &str, body: &str) -> String {
    format!("+++\n{front}+++\n\n{body}")
}

fn is_array_of_tables(value: &Value) -> bool {
    matches!(value, Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_table))
}

/// Plain keys first, then sub-tables, then arrays of tables: TOML needs the plain keys of a
/// table before any header that opens another.
fn write_table(
    out: &mut String,
    path: &[&str],
    table: &Table,
    order: Option<&serde_json::Map<String, serde_json::Value>>,
) -> std::fmt::Result {
    let entries = ordered(table, order);
    let order_of = |key: &str| order.and_then(|o| o.get(key));
    for &(key, value) in &entries {
        if value.is_table() || is_array_of_tables(value) {
            continue;
        }
        out.key(TomlKeyBuilder::new(key).as_default())?;
        out.write_str(" = ")?;
        write_inline(out, value)?;
        out.write_char('\n')?;
    }
    for &(key, value) in &entries {
        if let Value::Table(inner) = value {
            let path = [path, &[key.as_str()]].concat();
            out.write_char('\n')?;
            out.open_table_header()?;
            write_key_path(out, &path)?;
            out.close_table_header()?;
            out.write_char('\n')?;
            write_table(out, &path, inner, order_of(key).and_then(|o| o.as_object()))?;
        }
    }
    for &(key, value) in &entries {
        if let (true, Value::Array(items)) = (is_array_of_tables(value), value) {
            let path = [path, &[key.as_str()]].concat();
            let item_orders = order_of(key).and_then(|o| o.as_array());
            for (i, item) in items.iter().filter_map(Value::as_table).enumerate() {
                let item_order = item_orders
                    .and_then(|orders| orders.get(i))
                    .and_then(|o| o.as_object());
                out.write_char('\n')?;
                out.open_array_of_tables_header()?;
                write_key_path(out, &path)?;
                out.close_array_of_tables_header()?;
                out.write_char('\n')?;
                write_table(out, &path, item, item_order)?;
            }
        }
    }
    Ok(())
}

fn write_key_path(out: &mut String, path: &[&str]) -> std::fmt::Result {
    for (i, key) in path.iter().enumerate() {
        if i > 0 {
            out.key_sep()?;
        }
        out.key(TomlKeyBuilder::new(key).as_default())?;
    }
    Ok(())
}

fn write_inline(out: &mut String, value: &Value) -> std::fmt::Result {
    match value {
        // Never a multi-line string: see the module documentation.
        Value::String(text) => out.value(TomlStringBuilder::new(text).as_basic()),
        Value::Integer(n) => out.value(*n),
        Value::Float(x) => out.value(*x),
        Value::Boolean(b) => out.value(*b),
        Value::Datetime(datetime) => write!(out, "{datetime}"),
        Value::Array(items) => {
            out.open_array()?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.write_str(", ")?;
                }
                write_inline(out, item)?;
            }
            out.close_array()
        }
        Value::Table(table) => {
            out.open_inline_table()?;
            for (i, (key, item)) in table.iter().enumerate() {
                out.write_str(if i > 0 { ", " } else { " " })?;
                out.key(TomlKeyBuilder::new(key).as_default())?;
                out.write_str(" = ")?;
                write_inline(out, item)?;
            }
            if !table.is_empty() {
                out.write_char(' ')?;
            }
            out.close_inline_table()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Page<'a> {
        title: &'a str,
        date: toml::value::Datetime,
        tags: Vec<&'a str>,
        nested: Nested<'a>,
        list: Vec<Nested<'a>>,
    }

    #[derive(Serialize)]
    struct Nested<'a> {
        dek: &'a str,
        n: i64,
    }

    #[test]
    fn strings_stay_on_one_line_and_parse_back() {
        let hostile = "first\n+++\n\"\"\"\n'''\r\n\u{1}\u{7f} +++ \\";
        let page = Page {
            title: hostile,
            date: "2026-05-06T14:25:00Z".parse().expect("datetime"),
            tags: vec![hostile, "plain"],
            nested: Nested { dek: hostile, n: 1 },
            list: vec![Nested { dek: hostile, n: 2 }, Nested { dek: "x", n: 3 }],
        };
        let text = to_front_matter("p", &page).expect("serialises");
        assert!(
            text.lines().all(|line| line.trim() != "+++"),
            "a bare +++ line in:\n{text}"
        );
        assert!(!text.contains("\"\"\""), "{text}");
        let parsed: Table = text.parse().expect("parses back");
        assert_eq!(parsed["title"].as_str(), Some(hostile));
        assert!(parsed["date"].is_datetime(), "{text}");
        assert_eq!(parsed["tags"][0].as_str(), Some(hostile));
        assert_eq!(parsed["nested"]["dek"].as_str(), Some(hostile));
        assert_eq!(parsed["list"][0]["dek"].as_str(), Some(hostile));
        assert_eq!(parsed["list"][1]["n"].as_integer(), Some(3));
    }
}
