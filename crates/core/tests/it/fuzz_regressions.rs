//! Inputs the fuzz targets (`fuzz/`) once crashed on, kept in `tests/fixtures/fuzz/` and
//! named after their target. Each is checked with that target's assertions.

use std::path::Path;

use copydesk::{Article, Diagnostic};

fn assert_spans_inside(text: &str, diagnostics: &[Diagnostic], name: &str) {
    for diagnostic in diagnostics {
        let span = diagnostic.span;
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "{name}: {diagnostic:?}"
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{name}: {diagnostic:?}"
        );
    }
}

#[test]
fn fuzz_crash_inputs_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(&path).expect("fixture reads");
        if name.starts_with("parse-article-") {
            let (parsed, text) = Article::parse_bytes("articles/fuzz.md", &bytes);
            assert_spans_inside(&text, &parsed.diagnostics, &name);
            checked += 1;
        }
    }
    assert!(checked > 0, "no fuzz fixtures found in {}", dir.display());
}
