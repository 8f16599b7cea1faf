//! Any bytes as one article of a tiny fixed newsroom, fixed as `copydesk lint --fix` fixes it:
//! applying the safe fixes never panics, every edit lies on character boundaries inside the
//! text it applies to, every fixed text parses and lints again, and fixing reaches a fixed
//! point: once a round fixes nothing, another round changes nothing either.
#![no_main]

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use copydesk::lint::fix::{MAX_ROUNDS, apply_safe_fixes};
use copydesk::lint::{LintEnv, lint_article};
use copydesk::{Applicability, Article, Author, Config, Diagnostic};
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

/// Lints `text` as the article file, checking every safe edit on the way.
fn lint(text: &str) -> Vec<Diagnostic> {
    let (config, authors) = setup();
    let parsed = Article::parse("articles/fuzz-article.md", text);
    let Some(article) = parsed.article else {
        return parsed.diagnostics;
    };
    let env = LintEnv {
        config,
        authors,
        now: chrono::DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").expect("valid time"),
    };
    let diagnostics = lint_article(&article, parsed.diagnostics, env).diagnostics;
    for diagnostic in &diagnostics {
        let Some(fix) = &diagnostic.fix else { continue };
        if fix.applicability != Applicability::Safe {
            continue;
        }
        for edit in &fix.edits {
            let span = edit.span;
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{diagnostic:?}"
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{diagnostic:?}"
            );
        }
    }
    diagnostics
}

fuzz_target!(|bytes: &[u8]| {
    // Invalid UTF-8 is an FM000 finding without fixes; `--fix` works on the decoded text.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    // The rounds `lint --fix` makes: lint, apply the safe fixes, until a round changes nothing.
    let mut current = text.to_string();
    let mut converged = false;
    for round in 0..=MAX_ROUNDS {
        let applied = apply_safe_fixes(&current, &lint(&current));
        if applied.fixed.is_empty() || applied.text == current {
            converged = true;
            break;
        }
        if round == MAX_ROUNDS {
            break;
        }
        current = applied.text;
    }
    assert!(
        converged,
        "fixes did not settle in {MAX_ROUNDS} rounds: {current:?}"
    );
    // The settled text is a fixed point: one more round applies nothing or changes nothing.
    let again = apply_safe_fixes(&current, &lint(&current));
    assert!(
        again.fixed.is_empty() || again.text == current,
        "a settled text changed again: {current:?} -> {:?}",
        again.text
    );
});
