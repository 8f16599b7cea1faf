//! docs/configuration.md documents every key of `copydesk.toml`: the list of keys comes from
//! the JSON Schema the configuration types generate, so a new setting without documentation
//! fails here.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

/// Every leaf key of the schema as a dotted path; `*` stands for a map key (a desk id, a rule
/// code).
fn leaf_keys(schema: &Value, defs: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    let schema = resolve(schema, defs);
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        for (key, value) in properties {
            leaf_keys(value, defs, &join(prefix, key), out);
        }
        return;
    }
    if let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object()) {
        let values = resolve(values, defs);
        if values.get("properties").is_some() {
            leaf_keys(values, defs, &join(prefix, "*"), out);
        } else {
            out.insert(join(prefix, "*"));
        }
        return;
    }
    out.insert(prefix.to_string());
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Follows a `$ref` and picks the non-null branch of an `anyOf` (an optional value).
fn resolve<'a>(schema: &'a Value, defs: &'a Value) -> &'a Value {
    if let Some(name) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        return resolve(&defs[name], defs);
    }
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array)
        && let Some(branch) = branches
            .iter()
            .find(|b| b.get("type") != Some(&"null".into()))
    {
        return resolve(branch, defs);
    }
    schema
}

/// The backticked names of the page, with `<id>`-style placeholders written as `*`.
fn documented(page: &str) -> BTreeSet<String> {
    page.split('`')
        .skip(1)
        .step_by(2)
        .map(|code| {
            let mut out = String::new();
            let mut rest = code;
            while let Some(open) = rest.find('<') {
                out.push_str(&rest[..open]);
                match rest[open..].find('>') {
                    Some(close) => {
                        out.push('*');
                        rest = &rest[open + close + 1..];
                    }
                    None => {
                        rest = &rest[open..];
                        break;
                    }
                }
            }
            out.push_str(rest);
            out
        })
        .collect()
}

#[test]
fn every_config_key_is_documented() {
    let schema = copydesk::schema::all()
        .into_iter()
        .find(|s| s.file_name == "config.schema.json")
        .expect("config schema exists")
        .schema;
    let mut keys = BTreeSet::new();
    leaf_keys(&schema, &schema["$defs"], "", &mut keys);
    assert!(keys.len() >= 20, "{keys:?}");
    assert!(
        keys.contains("desks.*.name") && keys.contains("lint.severity.*"),
        "{keys:?}"
    );

    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/configuration.md"),
    )
    .expect("docs/configuration.md exists");
    let names = documented(&page);
    let missing: Vec<&String> = keys.iter().filter(|key| !names.contains(*key)).collect();
    assert!(
        missing.is_empty(),
        "docs/configuration.md does not document {missing:?} (write each key in backticks, e.g. `site.title`, `desks.<id>.name`)"
    );
}

#[test]
fn the_example_config_points_at_the_documentation() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let example =
        std::fs::read_to_string(root.join("examples/newsroom/copydesk.toml")).expect("example");
    assert!(example.contains("docs/configuration.md"), "{example}");
    assert!(!example.contains("SPEC.md"), "{example}");
    let now = copydesk::chrono::DateTime::parse_from_rfc3339("2026-05-06T14:25:00Z").expect("date");
    let init = copydesk::scaffold::render_init(now);
    let config = init
        .iter()
        .find(|file| file.relative == Path::new("copydesk.toml"))
        .expect("init writes a config");
    assert!(config.contents.contains("docs/configuration.md"));
}

#[test]
fn every_toml_block_of_the_page_is_a_valid_config() {
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/configuration.md"),
    )
    .expect("docs/configuration.md exists");
    let blocks: Vec<&str> = page
        .split("```toml\n")
        .skip(1)
        .map(|rest| rest.split("```").next().expect("closed"))
        .collect();
    assert!(blocks.len() >= 3);
    // The `extend` example names `../house.toml`: give it one to read.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("house.toml"), "").expect("write");
    let config_path = dir.path().join("newsroom/copydesk.toml");
    for block in blocks {
        if let Err(error) = copydesk::Config::parse(&config_path, block) {
            panic!("{error}\nin:\n{block}");
        }
    }
}
