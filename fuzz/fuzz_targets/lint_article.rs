//! Any text as one article of a tiny fixed newsroom: parse and lint never panic, and every
//! diagnostic span and fix edit is on a character boundary inside the file.
#![no_main]

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use copydesk::lint::{LintEnv, lint_article};
use copydesk::{Article, Author, Config};
use libfuzzer_sys::fuzz_target;

const CONFIG: &str = "[desks.ai]\nname = \"AI\"\n[desks.consumer-tech]\nname = \"Consumer tech\"\n[lint]\nselect = [\"ALL\"]\n";

fn setup() -> &'static (Config, BTreeMap<String, Author>) {
    static SETUP: OnceLock<(Config, BTreeMap<String, Author>)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let config = Config::parse(Path::new("copydesk.toml"), CONFIG).expect("valid config");
        let mut authors = BTreeMap::new();
        for id in ["ryan-tanaka", "maya-okafor"] {
            let path = format!("authors/{id}.toml");
            let author = Author::parse(&path, "name = \"Fuzz Writer\"\n")
                .author
                .expect("valid author");
            authors.insert(author.id.clone(), author);
        }
        (config, authors)
    })
}

fuzz_target!(|text: &str| {
    let (config, authors) = setup();
    let parsed = Article::parse("articles/fuzz-article.md", text);
    let Some(article) = parsed.article else {
        return;
    };
    let env = LintEnv {
        config,
        authors,
        now: chrono::DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").expect("valid time"),
    };
    let outcome = lint_article(&article, parsed.diagnostics, env);
    for diagnostic in &outcome.diagnostics {
        let span = diagnostic.span;
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "{diagnostic:?}"
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{diagnostic:?}"
        );
        if let Some(fix) = &diagnostic.fix {
            for edit in &fix.edits {
                let range = edit.span;
                assert!(
                    range.start <= range.end && range.end <= text.len(),
                    "{diagnostic:?}"
                );
                assert!(
                    text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
                    "{diagnostic:?}"
                );
            }
        }
    }
});
