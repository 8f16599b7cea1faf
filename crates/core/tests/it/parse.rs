//! Parser cases: delimiters, encodings, TOML errors with their positions, dates.

use copydesk::{Article, LineIndex};

fn codes_and_positions(text: &str) -> Vec<(String, usize, usize, String)> {
    let parsed = Article::parse("articles/x.md", text);
    let index = LineIndex::new(text);
    parsed
        .diagnostics
        .iter()
        .map(|d| {
            let pos = index.position(text, d.span.start);
            (
                d.code.as_str().to_string(),
                pos.line,
                pos.column,
                d.message.clone(),
            )
        })
        .collect()
}

const VALID: &str = "+++\ntitle = \"Hello\"\nauthors = [\"ryan-tanaka\"]\ndesk = \"ai\"\nstatus = \"published\"\npublished = 2026-05-06T14:25:00Z\n+++\n\nBody text.\n";

#[test]
fn a_valid_article_parses_with_typed_fields() {
    let parsed = Article::parse("articles/hello.md", VALID);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let article = parsed.article.expect("article");
    assert_eq!(article.slug, "hello");
    assert_eq!(article.body(), "\nBody text.\n");
    assert_eq!(
        article.published.map(|d| d.to_rfc3339()),
        Some("2026-05-06T14:25:00+00:00".to_string())
    );
}

#[test]
fn bom_and_crlf_are_accepted_and_spans_stay_in_file_coordinates() {
    let text = format!("\u{feff}{}", VALID.replace('\n', "\r\n"))
        .replace("title = \"Hello\"", "titel = \"Hello\"");
    let found = codes_and_positions(&text);
    // The BOM is not a column: `titel` starts line 2 at column 1.
    assert_eq!(found[0].0, "FM002");
    assert_eq!((found[0].1, found[0].2), (2, 1));
    let parsed = Article::parse("articles/x.md", &text);
    let span = parsed.diagnostics[0].span;
    assert_eq!(&text[span.start..span.end], "titel");
    assert_eq!(
        parsed.article.expect("article").body(),
        "\r\nBody text.\r\n"
    );
}

#[test]
fn missing_and_unterminated_front_matter() {
    assert_eq!(codes_and_positions("Just text\n")[0].0, "FM000");
    let found = codes_and_positions("+++\ntitle = \"x\"\n\nBody\n");
    assert_eq!(
        found[0],
        (
            "FM000".into(),
            1,
            1,
            "front matter opened here is never closed".into()
        )
    );
    let yaml = codes_and_positions("---\ntitle: x\n---\n");
    assert!(yaml[0].3.contains("not YAML"), "{yaml:?}");
    assert_eq!(codes_and_positions("")[0].0, "FM000");
}

#[test]
fn toml_syntax_errors_point_at_the_right_line_and_column() {
    let text = "+++\ntitle = \"x\"\nauthors = [\"a\",\n+++\nBody\n";
    let found = codes_and_positions(text);
    assert_eq!(found[0].0, "FM000");
    // The unclosed array is reported on the line after `authors`, inside the front matter.
    assert!(found[0].1 >= 3 && found[0].1 <= 4, "{found:?}");
    let text = "+++\ntitle = \"x\"\nstatus == \"draft\"\n+++\nBody\n";
    let found = codes_and_positions(text);
    assert_eq!(
        (found[0].0.as_str(), found[0].1, found[0].2),
        ("FM000", 3, 9),
        "{found:?}"
    );
    assert_eq!(found.len(), 1, "one error per line: {found:?}");
}

#[test]
fn unknown_keys_get_the_nearest_valid_key() {
    let text = VALID.replace("published =", "publshed =");
    let found = codes_and_positions(&text);
    assert_eq!(
        found[0],
        (
            "FM002".into(),
            6,
            1,
            "unknown field `publshed`, did you mean `published`?".into()
        )
    );
}

#[test]
fn datetimes_need_an_offset() {
    let text = VALID.replace("2026-05-06T14:25:00Z", "2026-05-06T14:25:00");
    let found = codes_and_positions(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1, found[0].2),
        ("FM003", 6, 13)
    );
    assert!(found[0].3.contains("no offset"), "{found:?}");
}

#[test]
fn quoted_rfc3339_and_source_dates() {
    let text = VALID.replace("2026-05-06T14:25:00Z", "\"2026-05-06T16:25:00+02:00\"") + "";
    let text = text.replace(
        "+++\n\nBody",
        "[[sources]]\nid = \"ms\"\ntitle = \"Blog\"\npublished = 2025-01-21\n+++\n\nBody",
    );
    let parsed = Article::parse("articles/hello.md", &text);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let article = parsed.article.expect("article");
    assert_eq!(
        article.sources[0].published.map(|d| d.to_string()),
        Some("2025-01-21".into())
    );
}

#[test]
fn invalid_utf8_is_a_diagnostic_at_the_first_bad_byte() {
    let mut bytes = VALID.as_bytes().to_vec();
    bytes.insert(20, 0xFF);
    let (parsed, text) = Article::parse_bytes("articles/x.md", &bytes);
    assert!(parsed.article.is_none());
    assert_eq!(parsed.diagnostics[0].code.as_str(), "FM000");
    assert_eq!(parsed.diagnostics[0].span.start, 20);
    assert!(text.contains('\u{fffd}'));
}

#[test]
fn hostile_inputs_never_panic() {
    let inputs = [
        "+++",
        "+++\n+++",
        "+++\n\0\0\n+++\n",
        "+++\r\n+++\r\n\r\n",
        "+++\ntitle = \"\u{202e}evil\"\n+++\n",
        "+++\n[[sources]]\n[[sources]]\nid = 5\n+++\n",
        "+++\nupdates = [1, 2]\nimage = \"x\"\n+++\n",
        "+++\ntitle = \"a\"\ntitle = \"b\"\n+++\n",
    ];
    for input in inputs {
        let parsed = Article::parse("articles/x.md", input);
        for diagnostic in &parsed.diagnostics {
            assert!(
                diagnostic.span.end <= input.len(),
                "{input:?}: {diagnostic:?}"
            );
            assert!(input.is_char_boundary(diagnostic.span.start), "{input:?}");
        }
    }
}
