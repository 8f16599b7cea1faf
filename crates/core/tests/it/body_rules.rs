//! Markdown and editorial rules beyond their fixtures: fixes that converge, rule options, and
//! spans that always fall on character boundaries.

use crate::common::{fixtures, now};
use std::path::{Path, PathBuf};

use copydesk::diagnostic::Applicability;
use copydesk::{Config, Diagnostic, Newsroom};

const FRONT: &str = r#"authors = ["ryan-tanaka"]
desk = "ai"
status = "published"
published = 2026-05-06T14:25:00Z
"#;

/// A one-article newsroom in a temporary directory, with `options` appended to the config.
struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new(options: &str) -> Desk {
        let dir = tempfile::tempdir().expect("temporary directory");
        let config = std::fs::read_to_string(fixtures().join("copydesk.toml")).expect("config");
        std::fs::write(
            dir.path().join("copydesk.toml"),
            format!("{config}\n{options}"),
        )
        .expect("write config");
        std::fs::create_dir(dir.path().join("authors")).expect("authors directory");
        std::fs::copy(
            fixtures().join("authors/ryan-tanaka.toml"),
            dir.path().join("authors/ryan-tanaka.toml"),
        )
        .expect("copy author");
        Desk { dir }
    }

    fn write(&self, slug: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(format!("{slug}.md"));
        std::fs::write(&path, text).expect("write article");
        path
    }

    fn lint(&self) -> Vec<Diagnostic> {
        let config = Config::load(&self.dir.path().join("copydesk.toml")).expect("valid config");
        assert!(
            config
                .lint
                .is_enabled(copydesk::lint::find("ED005").expect("rule"))
        );
        Newsroom::load(self.dir.path())
            .expect("newsroom loads")
            .lint(now())
            .diagnostics
    }
}

fn article(slug: &str, title: &str, dek: &str, body: &str) -> String {
    format!("+++\ntitle = {title}\nslug = \"{slug}\"\ndek = {dek}\n{FRONT}+++\n\n{body}\n")
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&str> {
    diagnostics.iter().map(|d| d.code.as_str()).collect()
}

/// Applies every safe fix of `code` once; returns how many edits were made.
fn fix(path: &Path, diagnostics: &[Diagnostic], code: &str) -> usize {
    let mut text = std::fs::read_to_string(path).expect("read article");
    let mut edits: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code.as_str() == code)
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability == Applicability::Safe)
        .flat_map(|f| f.edits.iter())
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    for pair in edits.windows(2) {
        assert!(pair[1].span.end <= pair[0].span.start, "edits overlap");
    }
    for edit in &edits {
        text.replace_range(edit.span.start..edit.span.end, &edit.replacement);
    }
    std::fs::write(path, text).expect("write fixed article");
    edits.len()
}

/// Fixes `code` until it stops firing (at most five rounds) and returns the final text.
fn fix_until_clean(desk: &Desk, path: &Path, code: &str) -> String {
    for _ in 0..5 {
        let diagnostics = desk.lint();
        if !codes(&diagnostics).contains(&code) {
            return std::fs::read_to_string(path).expect("read article");
        }
        assert!(
            fix(path, &diagnostics, code) > 0,
            "{code} fired without a fix"
        );
    }
    panic!("{code} fixes did not converge");
}

const LEDE: &str = "OpenAI has renegotiated its deal with Microsoft, ending the exclusivity that tied its products to Azure.";

#[test]
fn heading_skip_fixes_converge_to_one_level_steps() {
    let desk = Desk::new("");
    let body = format!(
        "{LEDE}\n\n## The Road Here\n\nThe partnership began with a supercomputer.\n\n#### The First Investment\n\nMicrosoft invested $1 billion.\n\n###### The Second Investment\n\nMore money followed."
    );
    let path = desk.write(
        "skips",
        &article("skips", "\"Skips\"", "\"Two skipped levels.\"", &body),
    );
    let text = fix_until_clean(&desk, &path, "MD002");
    assert!(text.contains("\n### The First Investment\n"), "{text}");
    assert!(text.contains("\n#### The Second Investment\n"), "{text}");
    assert!(desk.lint().is_empty(), "{:?}", codes(&desk.lint()));
}

#[test]
fn mixed_quote_fixes_make_title_dek_and_body_typographic() {
    let desk = Desk::new("");
    let body = "Microsoft will remain OpenAI’s primary cloud partner, and “nothing changes,” it said; Azure’s role and Microsoft’s revenue share stay. \"It's done,\" said Satya Nadella, Microsoft’s chief executive. Code like `print('x')` keeps its quotes.";
    let path = desk.write(
        "quotes",
        &article(
            "quotes",
            r#""OpenAI Breaks Microsoft's Hold""#,
            r#""The \"exclusive\" era ends.""#,
            body,
        ),
    );
    let text = fix_until_clean(&desk, &path, "ED005");
    assert!(
        text.contains("title = \"OpenAI Breaks Microsoft’s Hold\""),
        "{text}"
    );
    assert!(
        text.contains("dek = \"The “exclusive” era ends.\""),
        "{text}"
    );
    assert!(text.contains("“It’s done,” said"), "{text}");
    assert!(text.contains("`print('x')`"), "{text}");
    assert!(desk.lint().is_empty(), "{:?}", codes(&desk.lint()));
}

#[test]
fn mixed_quote_fixes_respect_toml_string_kinds() {
    // Straight majority; the literal-string title cannot hold `'`, so its apostrophe has no
    // fix, but its typographic double quotes can become `"`.
    let desk = Desk::new("");
    let body = "It's OpenAI's deal now, and Microsoft's \"preferred\" status is what's left. Satya Nadella said it's fine.";
    let path = desk.write(
        "literal",
        &article(
            "literal",
            "'The “Deal” Isn’t Done'",
            "\"Microsoft's grip loosens.\"",
            body,
        ),
    );
    let diagnostics = desk.lint();
    let ed005: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "ED005")
        .collect();
    // One finding for the habit; its fix converts the marks a TOML string can hold.
    assert_eq!(ed005.len(), 1, "{ed005:#?}");
    assert_eq!(ed005[0].related.len(), 2, "{ed005:#?}");
    assert_eq!(ed005[0].fix.as_ref().map(|f| f.edits.len()), Some(2));
    fix(&path, &diagnostics, "ED005");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("title = 'The \"Deal\" Isn’t Done'"), "{text}");
    let after = desk.lint();
    assert_eq!(
        codes(&after),
        ["ED005"],
        "only the unfixable apostrophe remains"
    );
}

#[test]
fn options_change_what_fires() {
    let body = format!(
        "{LEDE} Microsoft [described the terms here](https://example.com/terms) and [here](https://example.com/faq). It is worth noting that Azure stays first."
    );
    let text = article("options", "\"Options\"", "\"The options work.\"", &body);

    let desk = Desk::new("");
    desk.write("options", &text);
    assert_eq!(codes(&desk.lint()), ["MD006", "ED006"]);

    let desk = Desk::new(
        "[lint.options]\nMD006 = { phrases = [\"described the terms here\"] }\nED006 = { phrases = [\"azure stays\"] }\nED005 = { style = \"straight\" }\n",
    );
    desk.write("options", &text);
    let diagnostics = desk.lint();
    let found: Vec<_> = diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("MD006", "vague link text `described the terms here`"),
            ("ED006", "filler phrase `Azure stays`"),
        ]
    );
}

#[test]
fn quote_style_option_reports_an_article_all_in_the_other_style() {
    let desk = Desk::new("[lint.options]\nED005 = { style = \"straight\" }\n");
    desk.write(
        "curly",
        &article(
            "curly",
            "\"Curly\"",
            "\"All typographic.\"",
            "OpenAI’s deal is “done.”",
        ),
    );
    let diagnostics = desk.lint();
    assert_eq!(codes(&diagnostics), ["ED005"]);
    assert!(
        diagnostics[0]
            .message
            .starts_with("3 typographic quotes or apostrophes")
    );
    assert!(diagnostics[0].message.contains("is set to straight"));
}

#[test]
fn thresholds_are_options() {
    let root = fixtures();
    for (code, case, option) in [
        (
            "ED002",
            "fail-restated-paragraph.md",
            "ED002 = { threshold = 0.9 }",
        ),
        (
            "ED008",
            "fail-copied-article",
            "ED008 = { threshold = 0.99 }",
        ),
    ] {
        let desk = Desk::new(&format!("[lint.options]\n{option}\n"));
        let source = root.join(code).join(case);
        let files: Vec<PathBuf> = if source.is_dir() {
            std::fs::read_dir(&source)
                .expect("case directory")
                .map(|e| e.expect("entry").path())
                .collect()
        } else {
            vec![source]
        };
        for file in files {
            let name = file.file_name().expect("file name");
            std::fs::copy(&file, desk.dir.path().join(name)).expect("copy fixture");
        }
        assert!(!codes(&desk.lint()).contains(&code), "{code} still fires");
    }
}

#[test]
fn spans_fall_on_character_boundaries() {
    let desk = Desk::new("");
    let body = "# Ünïcödé “Héadîng”\n\nAccording to a report by Société Générale, the ©2025 market &amp; its “share” is expected to reach €21 billion by 2025 — naïve. Gartner estimates it’s fine.\n\nAccording to a report by Société Générale, the ©2025 market &amp; its “share” is expected to reach €21 billion by 2025 — naïve. Gartner estimates it’s fine.\n\n<span>日本語</span> In conclusion, \"quotes\" here ![](a.png) [here](https://example.com).";
    let path = desk.write(
        "unicode",
        &article(
            "unicode",
            "\"Ünïcödé\"",
            "\"Dek with ‘quotes’ and 'quotes'.\"",
            body,
        ),
    );
    let text = std::fs::read_to_string(&path).expect("read");
    let diagnostics = desk.lint();
    assert!(diagnostics.len() > 8, "{:?}", codes(&diagnostics));
    for diagnostic in &diagnostics {
        let span = diagnostic.span;
        assert!(
            text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end)
                && span.end <= text.len(),
            "{} at {span:?}",
            diagnostic.code
        );
        for edit in diagnostic.fix.iter().flat_map(|f| &f.edits) {
            assert!(text.is_char_boundary(edit.span.start) && text.is_char_boundary(edit.span.end));
        }
    }
}

#[test]
fn mixed_quotes_are_one_finding_with_a_count() {
    let desk = Desk::new("");
    let straight = "It's here. ".repeat(25);
    let typographic = "It’s there. ".repeat(30);
    desk.write(
        "many",
        &article(
            "many",
            "\"Many\"",
            "\"Many quotes.\"",
            &format!("{typographic}\n\n{straight}"),
        ),
    );
    let diagnostics = desk.lint();
    assert_eq!(codes(&diagnostics), ["ED005"]);
    assert!(
        diagnostics[0]
            .message
            .starts_with("25 straight quotes or apostrophes"),
        "{}",
        diagnostics[0].message
    );
    let last = diagnostics[0].related.last().expect("notes");
    assert_eq!(diagnostics[0].related.len(), 9);
    assert_eq!(last.message, "and 16 more from here on");
}

#[test]
fn filler_patterns_have_slots_and_lists_per_language() {
    let desk = Desk::new(
        "[lint.options]\nED006 = { phrases = [\"going {forward|ahead}\"], languages = { de = [\"{im|am} Endeffekt\"] } }\n",
    );
    let english = format!("{LEDE} Going ahead, Azure stays first.");
    desk.write(
        "english",
        &article("english", "\"English\"", "\"In English.\"", &english),
    );
    let german = article(
        "german",
        "\"Deutsch\"",
        "\"Auf Deutsch.\"",
        "Im Endeffekt bleibt Azure vorn. Going forward is English and not checked here.",
    )
    .replacen("+++\n\n", "language = \"de\"\n+++\n\n", 1);
    desk.write("german", &german);
    let diagnostics = desk.lint();
    let found: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "ED006")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        found,
        [
            "filler phrase `Going ahead`",
            "filler phrase `Im Endeffekt`"
        ]
    );
}

#[test]
fn vague_link_phrases_are_english_unless_a_language_has_its_own_list() {
    let desk = Desk::new("[lint.options]\nMD006 = { languages = { de = [\"hier\", \"mehr\"] } }\n");
    let english = format!("{LEDE} The terms are [here](https://example.com/terms).");
    desk.write(
        "english",
        &article("english", "\"English\"", "\"In English.\"", &english),
    );
    let in_language = |slug: &str, language: &str, body: &str| {
        article(slug, "\"Titel\"", "\"Ein Dek.\"", body).replacen(
            "+++\n\n",
            &format!("language = \"{language}\"\n+++\n\n"),
            1,
        )
    };
    // German has a list: its phrases count, the English ones do not.
    desk.write(
        "german",
        &in_language(
            "german",
            "de",
            "Die neuen Bedingungen stehen [hier](https://example.com/a), und [more](https://example.com/b) ist kein deutsches Wort.",
        ),
    );
    // French has none: the article is skipped, English words included.
    desk.write(
        "french",
        &in_language(
            "french",
            "fr",
            "Les nouvelles conditions sont [here](https://example.com/c) et [ici](https://example.com/d).",
        ),
    );
    let diagnostics = desk.lint();
    let found: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "MD006")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(found, ["vague link text `here`", "vague link text `hier`"]);
}

#[test]
fn a_vague_link_list_that_is_not_a_list_is_a_configuration_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("copydesk.toml");
    std::fs::write(
        &path,
        "[site]\ntitle = \"T\"\nbase_url = \"https://example.com\"\n[lint.options]\nMD006 = { languages = { de = \"hier\" } }\n",
    )
    .expect("write config");
    let error = copydesk::Config::load(&path).expect_err("a string is not a list of phrases");
    let chain = format!("{error:#}");
    assert!(
        chain.contains("MD006") && chain.contains("expected a sequence"),
        "{chain}"
    );
}

#[test]
fn a_broken_filler_pattern_is_a_configuration_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("copydesk.toml");
    std::fs::write(
        &path,
        "[site]\ntitle = \"T\"\nbase_url = \"https://example.com\"\n[lint.options]\nED006 = { phrases = [\"it {is\"] }\n",
    )
    .expect("write config");
    let error = copydesk::Config::load(&path).expect_err("unbalanced slot is refused");
    let chain = format!("{error:#}");
    assert!(chain.contains("ED006"), "{chain}");
}

#[test]
fn briefs_under_min_words_need_no_dek() {
    let config = "[lint.options]\nFM007 = { min_words = 40 }\n";
    let brief = "+++\ntitle = \"Bridge Reopens\"\nslug = \"brief\"\nauthors = [\"ryan-tanaka\"]\ndesk = \"ai\"\nstatus = \"published\"\npublished = 2026-05-06T14:25:00Z\n+++\n\nThe Harbor Bridge reopened to traffic on Monday, two weeks early.\n";
    let desk = Desk::new(config);
    desk.write("brief", brief);
    assert!(
        !codes(&desk.lint()).contains(&"FM007"),
        "a brief needs no dek"
    );

    let long = brief.replace("brief", "story").replace(
        "two weeks early.\n",
        &"two weeks early, and commuters who had spent a month on the ferry said they were glad the repairs were over. ".repeat(3),
    );
    let desk = Desk::new(config);
    desk.write("story", &long);
    assert!(
        codes(&desk.lint()).contains(&"FM007"),
        "a full story needs one"
    );

    let desk = Desk::new("");
    desk.write("brief", brief);
    assert!(codes(&desk.lint()).contains(&"FM007"), "off by default");
}
