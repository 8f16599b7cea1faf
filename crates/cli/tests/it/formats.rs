//! Machine formats validated against their schemas: `--format json` against the committed
//! `schemas/diagnostics.schema.json`, `--format sarif` against the OASIS SARIF 2.1.0 schema
//! (see `tests/data/README.md`), both with format checks on.

use crate::common;

use std::path::Path;

use common::TempNewsroom;

fn newsroom() -> TempNewsroom {
    common::newsroom_with_three_findings("color")
}

fn output_of(format: &str) -> serde_json::Value {
    let newsroom = newsroom();
    let output = newsroom.lint(&["--format", format]).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    serde_json::from_slice(&output.stdout).expect("output is JSON")
}

fn validate(schema_path: &Path, instance: &serde_json::Value, adjust: fn(&mut serde_json::Value)) {
    let mut schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).expect("schema readable"))
            .expect("schema is JSON");
    adjust(&mut schema);
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn json_output_validates_against_the_committed_schema() {
    let report = output_of("json");
    assert_eq!(report["diagnostics"].as_array().map(Vec::len), Some(3));
    validate(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/diagnostics.schema.json"),
        &report,
        |_| {},
    );
}

#[test]
fn sarif_output_validates_against_the_sarif_schema() {
    let log = output_of("sarif");
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    assert!(
        results.iter().any(|r| r.get("fixes").is_some()),
        "the MD000 fix is carried"
    );
    validate(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
        &log,
        // The official schema's `language` patterns (of `run` and `toolComponent`) have a
        // stray `]` that the validator's meta-schema check (`"format": "regex"`) rejects, so
        // the schema would not compile with format checks on. Those patterns are dropped in
        // memory (copydesk never writes `language`); every other keyword and format (`uri`,
        // `uri-reference`) is checked.
        |schema| {
            if let Some(definitions) = schema["definitions"].as_object_mut() {
                for definition in definitions.values_mut() {
                    if let Some(language) = definition.pointer_mut("/properties/language") {
                        language.as_object_mut().map(|o| o.remove("pattern"));
                    }
                }
            }
        },
    );
}
