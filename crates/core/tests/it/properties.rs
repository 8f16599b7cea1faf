//! Properties that must hold for any input: slugs are safe ASCII, scaffolded paths stay under
//! the root, diagnostic spans land on character boundaries inside the file, exported JSON
//! matches its schema, and safe fixes reach a fixed point.

use crate::common::{fixtures, now};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use copydesk::diagnostic::Applicability;
use copydesk::export::{ExportFormat, ExportOptions, Model};
use copydesk::lint::{LintEnv, lint_article};
use copydesk::scaffold::{NewArticle, new_article_path, new_author_path};
use copydesk::{Article, Author, Config, Diagnostic, Newsroom};
use proptest::prelude::*;

/// The fixture newsroom's configuration and authors.
fn fixture_env() -> &'static (Config, BTreeMap<String, Author>) {
    static ENV: OnceLock<(Config, BTreeMap<String, Author>)> = OnceLock::new();
    ENV.get_or_init(|| {
        let config = Config::load(&fixtures().join("copydesk.toml")).expect("fixture config");
        let mut authors = BTreeMap::new();
        for entry in std::fs::read_dir(fixtures().join("authors")).expect("fixture authors") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("author reads");
            if let Some(author) = Author::parse(&path, &text).author {
                authors.insert(author.id.clone(), author);
            }
        }
        (config, authors)
    })
}

/// Parses and lints `text` as one article of the fixture newsroom.
fn lint_text(text: &str) -> Vec<Diagnostic> {
    let (config, authors) = fixture_env();
    let parsed = Article::parse(fixtures().join("generated-article.md"), text);
    match parsed.article {
        Some(article) => {
            let env = LintEnv {
                config,
                authors,
                now: now(),
            };
            lint_article(&article, parsed.diagnostics, env).diagnostics
        }
        None => parsed.diagnostics,
    }
}

/// Pieces of articles: delimiters, fields, tables, Markdown and a little arbitrary text,
/// so generated files reach past the front-matter parser into the rules.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("+++\n".to_string()),
        Just("title = \"Microsoft’s “new” deal — ünïcode\"\n".to_string()),
        Just("title = \"It's \\\"quoted\\\"\"\n".to_string()),
        Just("dek = \"A dek.\"\n".to_string()),
        Just("authors = [\"ryan-tanaka\"]\n".to_string()),
        Just("desk = \"ai\"\n".to_string()),
        Just("status = \"published\"\n".to_string()),
        Just("published = 2026-05-06T14:25:00Z\n".to_string()),
        Just("updated = \"May 6, 2026\"\n".to_string()),
        Just("tags = [\"AI\", \"ai\", \"\"]\n".to_string()),
        Just("[[sources]]\nid = \"src\"\nurl = \"https://example.com/a\"\n".to_string()),
        Just("[[updates]]\nat = 2026-05-07T09:00:00Z\ntext = \"Adds “terms”.\"\n".to_string()),
        Just("[[updates]]\nat = 2026-05-06T16:00:00Z\nkind = \"correction\"\ntext = \"Fixes a \\\"quote\\\".\"\n".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("# Heading\n".to_string()),
        Just("#### Deep heading\n".to_string()),
        Just("> A \"quoted\" line — said ‘she’.\n".to_string()),
        Just("- item with [a link](https://example.com)\n".to_string()),
        Just("It's \"straight\" and 'single' quotes.\n".to_string()),
        Just("[source](source:src) and [other](article:missing-slug)\n".to_string()),
        Just("```\ncode \"kept\"\n```\n".to_string()),
        Just("<script>alert(1)</script>\n".to_string()),
        Just("日本語の文章です。\n".to_string()),
        Just("é".to_string()),
        "\\PC{0,24}",
        "[ -~]{0,24}",
    ]
}

/// Front-matter lines that are valid TOML on their own, so most blocks parse.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("title = \"Microsoft’s “new” deal — ünïcode\"\n".to_string()),
        Just("dek = \"It's a \\\"dek\\\".\"\n".to_string()),
        Just("authors = [\"ryan-tanaka\"]\n".to_string()),
        Just("desk = \"ai\"\n".to_string()),
        Just("status = \"published\"\n".to_string()),
        Just("published = 2026-05-06T14:25:00Z\n".to_string()),
        Just("updated = \"May 6, 2026\"\n".to_string()),
        Just("tags = [\"AI\", \"ai\", \"\"]\n".to_string()),
        "title = \"[a-zA-Z’é \"]{0,20}\"\n".prop_map(|s| s.replace("\"\"", "\"")),
    ]
}

fn tables() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[[sources]]\nid = \"src\"\nurl = \"https://example.com/a\"\n".to_string()),
        Just("[[updates]]\nat = 2026-05-07T09:00:00Z\ntext = \"Adds “terms”.\"\n".to_string()),
        Just("[[updates]]\nat = 2026-05-06T16:00:00Z\nkind = \"correction\"\ntext = \"Fixes a \\\"quote\\\".\"\n".to_string()),
    ]
}

/// Mostly a front-matter block of fragments then a body of fragments, sometimes any mix.
fn article_text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => prop::collection::vec(fragment(), 0..24).prop_map(|parts| parts.concat()),
        4 => (
            prop::sample::subsequence(
                vec!["title", "dek", "authors", "desk", "status", "published"],
                0..=6
            ),
            prop::collection::vec(field(), 0..4),
            prop::collection::vec(tables(), 0..4),
            prop::collection::vec(fragment(), 0..16),
        )
            .prop_map(|(keys, fields, tables, body)| {
                let mut front = String::new();
                for key in keys {
                    front.push_str(match key {
                        "title" => "title = \"Generated article\"\n",
                        "dek" => "dek = \"A dek.\"\n",
                        "authors" => "authors = [\"ryan-tanaka\"]\n",
                        "desk" => "desk = \"ai\"\n",
                        "status" => "status = \"published\"\n",
                        _ => "published = 2026-05-06T14:25:00Z\n",
                    });
                }
                front.extend(fields);
                front.extend(tables);
                format!("+++\n{front}+++\n\n{}", body.concat())
            }),
    ]
}

/// Applies the safe edits that do not overlap, last first, as `--fix` does in one round.
fn apply_safe_fixes(text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut edits: Vec<_> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|fix| fix.applicability == Applicability::Safe)
        .flat_map(|fix| &fix.edits)
        .collect();
    edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut fixed = text.to_string();
    let mut limit = text.len();
    for edit in edits.iter().rev() {
        if edit.span.end <= limit && edit.span.start <= edit.span.end {
            fixed.replace_range(edit.span.start..edit.span.end, &edit.replacement);
            limit = edit.span.start;
        }
    }
    fixed
}

fn assert_spans_inside(text: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    for diagnostic in diagnostics {
        let span = diagnostic.span;
        prop_assert!(
            span.start <= span.end && span.end <= text.len(),
            "{diagnostic:?}"
        );
        prop_assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{diagnostic:?}"
        );
        for edit in diagnostic.fix.iter().flat_map(|fix| &fix.edits) {
            prop_assert!(
                edit.span.start <= edit.span.end && edit.span.end <= text.len(),
                "{diagnostic:?}"
            );
            prop_assert!(
                text.is_char_boundary(edit.span.start) && text.is_char_boundary(edit.span.end),
                "{diagnostic:?}"
            );
        }
    }
    Ok(())
}

fn date() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-05-06T14:25:00Z").expect("valid time")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn slugs_are_ascii_kebab_case_or_empty(title in "\\PC{0,64}") {
        let slug = copydesk::id::slugify(&title);
        prop_assert!(slug.is_empty() || copydesk::id::is_kebab_case(&slug), "{title:?} -> {slug:?}");
        prop_assert!(slug.is_ascii());
    }

    #[test]
    fn article_paths_stay_under_the_root(
        title in "\\PC{0,48}",
        slug in proptest::option::of("\\PC{0,24}|\\.\\./[a-z]{1,8}|[a-z-]{1,16}"),
        desk in "\\PC{0,12}|ai|\\.\\.|[a-z/]{1,8}",
        pattern in prop_oneof![
            Just("articles/{year}/{month}/{slug}.md"),
            Just("articles/{desk}/{slug}.md"),
            Just("articles/{desk}/{year}/{month}/{day}/{slug}.md"),
        ],
    ) {
        let config = Config::parse(
            Path::new("copydesk.toml"),
            &format!("[paths]\nnew_article = \"{pattern}\"\n[desks.ai]\nname = \"AI\"\n"),
        )
        .expect("valid config");
        let root = Path::new("/newsroom");
        let mut new = NewArticle::new(title, date());
        new.slug = slug;
        new.desk = desk;
        if let Ok(path) = new_article_path(&config, root, &new) {
            let relative = path.strip_prefix(root).expect("under the root");
            prop_assert!(copydesk::fs::is_safe_relative(relative), "{path:?}");
            prop_assert!(path.extension().is_some_and(|e| e == "md"), "{path:?}");
        }
    }

    #[test]
    fn author_paths_stay_under_the_root(id in "\\PC{0,24}|\\.\\./[a-z]{1,8}|[a-z-]{1,16}") {
        let root = Path::new("/newsroom");
        if let Ok(path) = new_author_path(&Config::default(), root, &id) {
            let relative = path.strip_prefix(root).expect("under the root");
            prop_assert!(copydesk::fs::is_safe_relative(relative), "{path:?}");
            prop_assert_eq!(relative.components().count(), 2, "{:?}", path);
        }
    }

    #[test]
    fn spans_land_on_char_boundaries_inside_the_file(text in article_text()) {
        let diagnostics = lint_text(&text);
        assert_spans_inside(&text, &diagnostics)?;
    }

    #[test]
    fn safe_fixes_reach_a_fixed_point(text in article_text()) {
        let mut current = text;
        let mut rounds = 0;
        loop {
            let diagnostics = lint_text(&current);
            assert_spans_inside(&current, &diagnostics)?;
            let fixed = apply_safe_fixes(&current, &diagnostics);
            if fixed == current {
                break;
            }
            rounds += 1;
            prop_assert!(rounds <= 4, "no fixed point after 4 rounds:\n{current}");
            current = fixed;
        }
    }
}

/// The fixable rules' failing fixtures: one round of safe fixes, then a second changes nothing;
/// except where a fix reveals the next skip of a chain of heading levels (MD002's
/// `fail-skips-in-a-chain`), which takes one round per link, as `--fix` runs them.
#[test]
fn fixing_the_fixable_fixtures_twice_changes_nothing_the_second_time() {
    for code in ["MD002", "ED005", "TL003"] {
        for entry in std::fs::read_dir(fixtures().join(code)).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let mut text = std::fs::read_to_string(&path).expect("fixture reads");
            if path.ends_with("fail-skips-in-a-chain.md") {
                text = apply_safe_fixes(&text, &lint_text(&text));
            }
            let once = apply_safe_fixes(&text, &lint_text(&text));
            let twice = apply_safe_fixes(&once, &lint_text(&once));
            assert_eq!(once, twice, "{}", path.display());
        }
    }
}

fn export_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/export.schema.json");
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("schema committed"))
                .expect("schema is JSON");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("schema compiles")
    })
}

/// The fixture newsroom with no articles, to which each generated article is added.
fn base_newsroom() -> &'static Newsroom {
    static NEWSROOM: OnceLock<Newsroom> = OnceLock::new();
    NEWSROOM.get_or_init(|| {
        let config = Config::load(&fixtures().join("copydesk.toml")).expect("fixture config");
        Newsroom::load_files(fixtures(), config, &[]).expect("fixture newsroom loads")
    })
}

/// A valid published article with generated title, dek, tags and body.
fn exportable_article() -> impl Strategy<Value = String> {
    (
        "[A-Za-z][A-Za-z0-9 ’“”'\"<>&é—-]{0,40}",
        "[A-Za-z0-9 ’“”'\"<>&é.]{1,60}",
        prop::collection::vec("[a-z][a-z0-9 ]{0,12}", 0..4),
        prop::collection::vec(fragment(), 0..8),
    )
        .prop_map(|(title, dek, tags, body)| {
            let quote = |s: &str| toml_string(s);
            format!(
                "+++\ntitle = {}\nslug = \"generated-article\"\ndek = {}\nauthors = [\"ryan-tanaka\"]\ndesk = \"ai\"\nstatus = \"published\"\npublished = 2026-05-06T14:25:00Z\ntags = [{}]\n+++\n\n{}\n",
                quote(&title),
                quote(&dek),
                tags.iter().map(|t| quote(t)).collect::<Vec<_>>().join(", "),
                body.concat().replace("+++", "")
            )
        })
}

fn toml_string(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => {}
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn exported_json_validates_against_the_schema(text in exportable_article()) {
        let parsed = Article::parse(fixtures().join("generated-article.md"), &text);
        let Some(article) = parsed.article else {
            return Ok(());
        };
        let mut newsroom = base_newsroom().clone();
        newsroom.articles = vec![article];
        let Ok(model) = Model::build(&newsroom, &ExportOptions::new()) else {
            return Ok(());
        };
        let output = copydesk::export::export(&model, &newsroom.config, &[ExportFormat::Json.exporter()])
            .expect("exports");
        for (path, bytes) in output.files() {
            let value: serde_json::Value = serde_json::from_slice(bytes).expect("valid JSON");
            let errors: Vec<String> = export_validator()
                .iter_errors(&value)
                .map(|e| e.to_string())
                .collect();
            prop_assert!(errors.is_empty(), "{}: {errors:?}\n{text}", path.display());
        }
    }
}
