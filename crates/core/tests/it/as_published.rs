//! The sample page's article as it was published (`tests/corpus/as-published`): the editorial
//! and Markdown rules must find the faults its README plants, at the lines it names.

use crate::common::now;
use std::path::{Path, PathBuf};

use copydesk::{DiagnosticFormat, LineIndex, Newsroom, RenderOptions};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/as-published")
}

const ARTICLE: &str = "articles/2026/05/openai-breaks-microsofts-hold.md";

/// Lint the corpus; returns the report and the 1-based lines each code fired on.
fn lint() -> (copydesk::LintReport, Vec<(String, usize)>) {
    let newsroom = Newsroom::load(corpus()).expect("the corpus loads");
    let report = newsroom.lint(now());
    let text = std::fs::read_to_string(corpus().join(ARTICLE)).expect("the article reads");
    let index = LineIndex::new(&text);
    let lines = report
        .diagnostics
        .iter()
        .filter(|d| d.path.ends_with(ARTICLE))
        .map(|d| {
            let line = index.position(&text, d.span.start).line;
            (d.code.as_str().to_string(), line)
        })
        .collect();
    (report, lines)
}

fn lines_of(found: &[(String, usize)], code: &str) -> Vec<usize> {
    found
        .iter()
        .filter(|(c, _)| c == code)
        .map(|(_, line)| *line)
        .collect()
}

#[test]
fn planted_faults_are_found_where_the_readme_says() {
    let (_, found) = lint();
    assert_eq!(
        lines_of(&found, "MD001"),
        [82],
        "title repeated as a heading"
    );
    assert_eq!(lines_of(&found, "ED001"), [134, 136], "the pasted section");
    assert_eq!(
        lines_of(&found, "ED003"),
        [92, 110, 136],
        "MarketsandMarkets and Gartner reports without a citation"
    );
    assert_eq!(
        lines_of(&found, "ED004"),
        [92, 110, 136],
        "forecasts for 2025"
    );
    assert_eq!(
        lines_of(&found, "ED005"),
        [2],
        "straight apostrophe in the title"
    );
    assert_eq!(lines_of(&found, "ED006"), [138], "\"In conclusion\"");
    assert_eq!(
        lines_of(&found, "ED002"),
        [128],
        "\"Downstream Implications\" restates line 98"
    );
    assert_eq!(
        lines_of(&found, "MD006"),
        [69, 74, 79],
        "\"source\" links in updates"
    );
}

#[test]
fn concise_report() {
    let (report, _) = lint();
    let options = RenderOptions {
        base: Some(corpus()),
        color: false,
    };
    let mut out = Vec::new();
    copydesk::render(&report, DiagnosticFormat::Concise, &options, &mut out)
        .expect("render to memory");
    insta::assert_snapshot!(String::from_utf8(out).expect("rendered output is UTF-8"));
}
