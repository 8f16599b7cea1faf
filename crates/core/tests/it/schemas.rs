//! The committed JSON Schemas are exactly what the types generate.
//! Regenerate with `COPYDESK_WRITE_SCHEMAS=1 cargo test -p copydesk --test it schemas`.

use std::path::Path;

#[test]
fn committed_schemas_match_the_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
    let write = std::env::var_os("COPYDESK_WRITE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    for named in copydesk::schema::all() {
        let path = dir.join(named.file_name);
        let expected = copydesk::schema::to_file_text(&named.schema);
        if write {
            std::fs::write(&path, &expected).expect("schemas/ is writable");
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != expected {
            stale.push(named.file_name);
        }
    }
    assert!(
        stale.is_empty(),
        "out of date: {stale:?}; run COPYDESK_WRITE_SCHEMAS=1 cargo test -p copydesk --test it schemas"
    );
}

#[test]
fn the_example_front_matter_validates_against_the_article_schema() {
    let schema = copydesk::schema::all()
        .into_iter()
        .find(|s| s.file_name == "article.schema.json")
        .expect("article schema exists");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema.schema)
        .expect("schema compiles");
    let good = serde_json::json!({
        "title": "OpenAI Breaks Microsoft’s Hold",
        "authors": ["ryan-tanaka"],
        "status": "published",
        "published": "2026-05-06T14:25:00Z",
        "sources": [{ "id": "ms", "title": "Blog", "published": "2025-01-21" }],
        "extra": { "anything": [1, 2] }
    });
    assert!(
        validator.is_valid(&good),
        "{:?}",
        validator
            .iter_errors(&good)
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    );
    let bad = serde_json::json!({ "titel": "x", "status": "live" });
    assert!(!validator.is_valid(&bad));
}
