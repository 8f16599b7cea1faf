//! The bundled example newsroom is the reference for good copy: it must lint clean.

use std::path::Path;

#[test]
fn the_example_newsroom_lints_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom");
    let newsroom = copydesk::Newsroom::load(&root).expect("the example newsroom loads");
    assert_eq!(newsroom.articles.len(), 4);
    // The life of an article after publication is shown too: a correction and a retraction.
    assert!(newsroom.articles.iter().any(|a| {
        a.updates
            .iter()
            .any(|u| u.kind == copydesk::UpdateKind::Correction)
    }));
    assert!(
        newsroom
            .articles
            .iter()
            .any(|a| a.status == copydesk::Status::Retracted && a.retraction.is_some())
    );
    let now = chrono::DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").expect("valid time");
    let report = newsroom.lint(now);
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| format!("{}: {} {}", d.path.display(), d.code, d.message))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_example_newsroom_lints_clean_with_the_starter_style() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom");
    let dir = tempfile::tempdir().expect("temp dir");
    crate::common::copy_dir(&example, dir.path());
    let config = dir.path().join("copydesk.toml");
    let text = std::fs::read_to_string(&config).expect("read config");
    std::fs::write(
        &config,
        format!(
            "{text}\n[style]\ninclude = [\"{}\"]\n",
            copydesk::style::STARTER_STYLE_PATH
        ),
    )
    .expect("write config");
    let style = dir.path().join(copydesk::style::STARTER_STYLE_PATH);
    std::fs::create_dir_all(style.parent().expect("a directory")).expect("styles dir");
    std::fs::write(&style, copydesk::style::STARTER_STYLE).expect("write style");
    let newsroom = copydesk::Newsroom::load(dir.path()).expect("the example newsroom loads");
    assert!(newsroom.config.style.terms.len() >= 12);
    let now = chrono::DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").expect("valid time");
    let found: Vec<String> = newsroom
        .lint(now)
        .diagnostics
        .iter()
        .map(|d| format!("{}: {} {}", d.path.display(), d.code, d.message))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_sample_article_reads_in_six_minutes_with_eight_sources() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom");
    let newsroom = copydesk::Newsroom::load(&root).expect("the example newsroom loads");
    let article = newsroom
        .article("openai-breaks-microsofts-hold")
        .expect("the sample article is there");
    let time = copydesk::ReadTime::estimate_markdown(article.body(), &newsroom.config.read_time);
    assert_eq!(time.minutes, 6, "{time:?}");
    assert_eq!(article.sources.len(), 8);
    assert_eq!(
        newsroom.authors["ryan-tanaka"].beat.as_deref(),
        Some("Consumer Tech & Mobile")
    );
}

#[test]
fn the_page_as_published_reads_in_six_minutes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/as-published");
    let newsroom = copydesk::Newsroom::load(&root).expect("the as-published newsroom loads");
    let article = newsroom
        .article("openai-breaks-microsofts-hold")
        .expect("the article is there");
    let time = copydesk::ReadTime::estimate_markdown(article.body(), &newsroom.config.read_time);
    // The page says "6 min read" for about 1,021 words of prose.
    assert!((1000..1100).contains(&time.words), "{time:?}");
    assert_eq!(time.minutes, 6);
}
