//! JSON Schemas of the files copydesk reads and writes, generated from the Rust types.
//!
//! The committed files under `schemas/` are these, pretty-printed; a test regenerates them
//! and fails on any difference.

use schemars::generate::SchemaSettings;

/// A published schema: its file name under `schemas/` and its JSON.
#[derive(Debug, Clone)]
pub struct NamedSchema {
    /// File name, e.g. `article.schema.json`.
    pub file_name: &'static str,
    /// The schema document.
    pub schema: serde_json::Value,
}

fn generate<T: schemars::JsonSchema>(id: &str) -> serde_json::Value {
    let mut schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert(
        "$id".into(),
        format!("https://copydesk.dev/schemas/{id}").into(),
    );
    schema.to_value()
}

/// Every schema copydesk publishes.
pub fn all() -> Vec<NamedSchema> {
    vec![
        NamedSchema {
            file_name: "article.schema.json",
            schema: generate::<crate::article::RawFrontMatter>("article.schema.json"),
        },
        NamedSchema {
            file_name: "author.schema.json",
            schema: generate::<crate::author::RawAuthor>("author.schema.json"),
        },
        NamedSchema {
            file_name: "baseline.schema.json",
            schema: generate::<crate::lint::BaselineFile>("baseline.schema.json"),
        },
        NamedSchema {
            file_name: "config.schema.json",
            schema: generate::<crate::config::RawConfig>("config.schema.json"),
        },
        NamedSchema {
            file_name: "diagnostics.schema.json",
            schema: generate::<crate::diagnostic::render::JsonReport>("diagnostics.schema.json"),
        },
        NamedSchema {
            file_name: "export.schema.json",
            schema: generate::<crate::export::ExportDocument>("export.schema.json"),
        },
        NamedSchema {
            file_name: "list.schema.json",
            schema: generate::<Vec<crate::workflow::ListRow>>("list.schema.json"),
        },
    ]
}

/// The text of a schema file as committed: pretty JSON with a final newline.
///
/// # Panics
/// Never: serialising a `serde_json::Value` to a string cannot fail.
pub fn to_file_text(schema: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).expect("a JSON value always serialises");
    text.push('\n');
    text
}
