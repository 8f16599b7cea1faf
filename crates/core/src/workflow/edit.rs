//! Format-preserving edits of an article's front matter.
//!
//! The TOML between the `+++` lines goes through `toml_edit`, which keeps comments, key order,
//! quoting and blank lines of everything it is not asked to change; the BOM, the delimiter
//! lines and the body are copied byte for byte around it. A changed value keeps the spacing
//! and trailing comment of the value it replaces.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use crate::article::Article;

use super::WorkflowError;

/// An article's text with its front matter open for editing.
#[derive(Debug, Clone)]
pub struct FrontMatterEdit {
    /// BOM and opening delimiter line, as read.
    head: String,
    doc: DocumentMut,
    /// Closing delimiter and body, as read.
    tail: String,
    crlf: bool,
}

impl FrontMatterEdit {
    /// Opens the front matter of `article` (parsed from `article.source`).
    ///
    /// # Errors
    /// [`WorkflowError::Unreadable`] when the TOML does not parse.
    pub fn new(article: &Article) -> Result<FrontMatterEdit, WorkflowError> {
        let text = &*article.source;
        let fm = article.layout.front_matter;
        let toml = text.get(fm.start..fm.end).unwrap_or("");
        let doc = toml
            .parse::<DocumentMut>()
            .map_err(|_| WorkflowError::Unreadable {
                path: article.path.to_path_buf(),
            })?;
        Ok(FrontMatterEdit {
            head: text[..fm.start].to_string(),
            doc,
            tail: text[fm.end..].to_string(),
            crlf: toml.contains("\r\n"),
        })
    }

    /// The whole file text after the edits.
    pub fn finish(&self) -> String {
        let mut toml = self.doc.to_string();
        if self.crlf {
            // toml_edit writes new lines as `\n`; a CRLF file keeps its line endings.
            toml = toml.replace("\r\n", "\n").replace('\n', "\r\n");
        }
        format!("{}{}{}", self.head, toml, self.tail)
    }

    /// Sets the top-level `key` to `value`, keeping the old value's spacing and comment.
    pub fn set(&mut self, key: &str, value: impl Into<Value>) {
        set_in(self.doc.as_table_mut(), key, value.into());
    }

    /// Sets the top-level `key` to the datetime `at`.
    pub fn set_datetime(&mut self, key: &str, at: DateTime<FixedOffset>) {
        self.set(key, datetime(at));
    }

    /// Removes the string `item` from the top-level array `key`, if there.
    pub fn remove_from_array(&mut self, key: &str, item: &str) {
        if let Some(array) = self.doc.get_mut(key).and_then(Item::as_array_mut) {
            array.retain(|v| v.as_str() != Some(item));
        }
    }

    /// Appends the string `item` to the top-level array `key`, creating it when absent.
    pub fn push_to_array(&mut self, key: &str, item: &str) {
        match self.doc.get_mut(key).and_then(Item::as_array_mut) {
            Some(array) => array.push(item),
            None => {
                let mut array = toml_edit::Array::new();
                array.push(item);
                self.set(key, array);
            }
        }
    }

    /// Replaces every string of the top-level array `key` equal to `from` with `to`.
    pub fn replace_in_array(&mut self, key: &str, from: &str, to: &str) -> bool {
        let Some(array) = self.doc.get_mut(key).and_then(Item::as_array_mut) else {
            return false;
        };
        let mut changed = false;
        for value in array.iter_mut() {
            if value.as_str() == Some(from) {
                let decor = value.decor().clone();
                *value = Value::from(to);
                *value.decor_mut() = decor;
                changed = true;
            }
        }
        changed
    }

    /// Appends an entry to the array of tables `key` (`[[updates]]`), creating it when absent.
    pub fn push_table(&mut self, key: &str, entries: &[(&str, Value)]) {
        let mut table = Table::new();
        for (name, value) in entries {
            table.insert(name, Item::Value(value.clone()));
        }
        match self.doc.get_mut(key) {
            Some(Item::ArrayOfTables(array)) => array.push(table),
            _ => {
                let mut array = ArrayOfTables::new();
                array.push(table);
                self.doc.insert(key, Item::ArrayOfTables(array));
            }
        }
    }

    /// Replaces the `text` of each `[[updates]]` entry (array of tables or inline array) for
    /// which `rewrite` returns a new text, keeping the value's spacing and comment; returns
    /// how many entries changed.
    pub fn rewrite_update_texts(&mut self, rewrite: impl Fn(&str) -> Option<String>) -> usize {
        let mut changed = 0;
        let mut apply = |value: &mut Value| {
            if let Some(new_text) = value.as_str().and_then(&rewrite) {
                let decor = value.decor().clone();
                *value = Value::from(new_text);
                *value.decor_mut() = decor;
                changed += 1;
            }
        };
        match self.doc.get_mut("updates") {
            Some(Item::ArrayOfTables(array)) => {
                for table in array.iter_mut() {
                    if let Some(Item::Value(value)) = table.get_mut("text") {
                        apply(value);
                    }
                }
            }
            Some(Item::Value(Value::Array(array))) => {
                for entry in array.iter_mut() {
                    if let Some(value) = entry.as_inline_table_mut().and_then(|t| t.get_mut("text"))
                    {
                        apply(value);
                    }
                }
            }
            _ => {}
        }
        changed
    }

    /// Sets `key` of the table `[table]`, creating the table when absent.
    pub fn set_in_table(&mut self, table: &str, key: &str, value: impl Into<Value>) {
        if !self.doc.get(table).is_some_and(Item::is_table_like) {
            self.doc.insert(table, Item::Table(Table::new()));
        }
        match self.doc.get_mut(table) {
            Some(Item::Table(t)) => set_in(t, key, value.into()),
            Some(Item::Value(Value::InlineTable(t))) => {
                t.insert(key, value.into());
            }
            _ => {}
        }
    }
}

/// A TOML datetime for `at`, in the form users write (`2026-05-06T14:25:00Z`).
pub(crate) fn datetime(at: DateTime<FixedOffset>) -> Value {
    let text = if at.offset().local_minus_utc() == 0 {
        at.to_rfc3339_opts(SecondsFormat::Secs, true)
    } else {
        at.to_rfc3339_opts(SecondsFormat::Secs, false)
    };
    let parsed: toml_edit::Datetime = text
        .parse()
        .expect("an RFC 3339 datetime from chrono is a TOML datetime");
    Value::from(parsed)
}

fn set_in(table: &mut Table, key: &str, value: Value) {
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            let decor = old.decor().clone();
            *old = value;
            *old.decor_mut() = decor;
        }
        _ => {
            table.insert(key, Item::Value(value));
        }
    }
}
