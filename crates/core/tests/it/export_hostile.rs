//! Exports of hostile content: every format must stay well-formed and inert whatever the
//! front matter and body hold (script tags, `+++` lines, control characters, unsafe URLs,
//! template delimiters, deep nesting), and a killed export must be cleaned up by the next one.

use crate::common::example_root;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::parse_back::parse_back;
use copydesk::export::{self, ExportFormat, ExportOptions, Exporter, Model, Output};
use copydesk::{Article, Newsroom};
use proptest::prelude::*;

fn example() -> Newsroom {
    Newsroom::load(example_root()).expect("example newsroom loads")
}

/// `text` as a TOML basic string, every control character escaped, so any text can be put
/// into a test article's front matter.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What a hostile article is made of.
#[derive(Default)]
struct Fields<'a> {
    title: &'a str,
    slug: &'a str,
    dek: &'a str,
    tag: &'a str,
    source_title: &'a str,
    body: &'a str,
}

/// The example newsroom with one more published article made of `fields`.
fn with_article(mut newsroom: Newsroom, fields: &Fields<'_>) -> Newsroom {
    let text = format!(
        "+++\ntitle = {}\nslug = {}\ndek = {}\nauthors = [\"ryan-tanaka\"]\ndesk = \"ai\"\ntags = [{}, \"plain\"]\nstatus = \"published\"\npublished = 2026-05-07T10:00:00Z\n\n[[sources]]\nid = \"src\"\ntitle = {}\nurl = \"https://src.example/a?x=1&y=2\"\n+++\n{}\n\n[cited](source:src)\n",
        toml_string(fields.title),
        toml_string(if fields.slug.is_empty() {
            "hostile"
        } else {
            fields.slug
        }),
        toml_string(fields.dek),
        toml_string(fields.tag),
        toml_string(if fields.source_title.is_empty() {
            "Source"
        } else {
            fields.source_title
        }),
        fields.body,
    );
    let parsed = Article::parse(newsroom.root.join("articles/hostile.md"), &text);
    let article = parsed
        .article
        .unwrap_or_else(|| panic!("test article parses: {:?}", parsed.diagnostics));
    newsroom.articles.push(article);
    newsroom
}

fn export_all(newsroom: &Newsroom, model: &Model) -> Vec<Output> {
    // Hugo and Zola both write `content/`: two runs.
    let first: Vec<&dyn Exporter> = ExportFormat::ALL
        .iter()
        .filter(|f| **f != ExportFormat::Zola)
        .map(|f| f.exporter())
        .collect();
    vec![
        export::export(model, &newsroom.config, &first).expect("exports"),
        export::export(model, &newsroom.config, &[ExportFormat::Zola.exporter()]).expect("exports"),
    ]
}

fn build(newsroom: &Newsroom) -> Model {
    Model::build(newsroom, &ExportOptions::new()).expect("model builds")
}

const SCRIPT: &str = "</script><script>alert(1)</script>";

#[test]
fn script_tags_never_reach_json_raw_and_parse_back_unchanged() {
    let title = format!("Q&A {SCRIPT} <!-- x -->");
    let mut newsroom = with_article(
        example(),
        &Fields {
            title: &title,
            dek: SCRIPT,
            tag: SCRIPT,
            source_title: SCRIPT,
            body: SCRIPT,
            ..Fields::default()
        },
    );
    newsroom
        .authors
        .get_mut("ryan-tanaka")
        .expect("author")
        .name = SCRIPT.into();
    let model = build(&newsroom);
    let outputs = export_all(&newsroom, &model);
    for output in &outputs {
        // No raw `<`, `>` or `&` in any JSON file; every file parses.
        parse_back(output, &model);
    }
    let json = |path: &str| -> serde_json::Value {
        serde_json::from_slice(outputs[0].get(path).expect("written")).expect("JSON")
    };
    assert_eq!(json("articles/hostile.json")["article"]["title"], title);
    assert_eq!(json("articles/hostile.json")["article"]["dek"], SCRIPT);
    assert_eq!(json("hostile.jsonld")["headline"], title);
    assert_eq!(json("hostile.jsonld")["author"][0]["name"], SCRIPT);
    assert_eq!(json("hostile.jsonld")["citation"][0]["name"], SCRIPT);
    let feed = json("feed.json");
    let item = feed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|item| item["title"] == title.as_str())
        .expect("the article is in the feed");
    assert_eq!(item["summary"], SCRIPT);
    assert_eq!(
        json("articles/hostile.json")["article"]["sources"][0]["url"],
        "https://src.example/a?x=1&y=2"
    );
}

#[test]
fn unsafe_urls_are_left_out_with_a_warning_naming_file_and_field() {
    let mut newsroom = example();
    let root = newsroom.root.clone();
    {
        let author = newsroom.authors.get_mut("ryan-tanaka").expect("author");
        author.url = Some("javascript:alert(1)".into());
        author.avatar = Some("data:image/svg+xml;base64,PHN2Zz4=".into());
        author
            .links
            .insert("evil".into(), "vbscript:msgbox(1)".into());
        author
            .links
            .insert("files".into(), "file:///etc/passwd".into());
        author
            .links
            .insert("good".into(), "https://good.example/ryan".into());
    }
    let article = newsroom
        .articles
        .iter_mut()
        .find(|a| a.slug == "openai-breaks-microsofts-hold")
        .expect("sample article");
    article.image.as_mut().expect("has an image").src = " JavaScript:alert(2)".into();
    article.sources[0].url = Some("java\tscript:alert(3)".into());
    let article_path = article
        .path
        .strip_prefix(&root)
        .expect("inside the newsroom")
        .to_path_buf();
    let source_index = 0;

    let model = build(&newsroom);
    let outputs = export_all(&newsroom, &model);
    for output in &outputs {
        parse_back(output, &model);
        for (path, bytes) in output.files() {
            let text = String::from_utf8_lossy(bytes).to_lowercase();
            for scheme in [
                "javascript:",
                "vbscript:",
                "data:",
                "file:",
                "java\\tscript",
            ] {
                assert!(
                    !text.contains(scheme),
                    "{scheme} reached {}",
                    path.display()
                );
            }
        }
    }
    let author = &model
        .authors
        .iter()
        .find(|a| a.id == "ryan-tanaka")
        .expect("author exported");
    assert_eq!(author.url, "https://news.example.com/authors/ryan-tanaka/");
    assert_eq!(author.avatar, None);
    assert!(author.links.contains_key("good"));
    assert!(!author.links.contains_key("evil") && !author.links.contains_key("files"));
    let exported = model
        .article("openai-breaks-microsofts-hold")
        .expect("exported");
    assert!(exported.image.is_none());
    assert!(
        exported
            .sources
            .iter()
            .all(|s| s.url.as_deref() != Some("java\tscript:alert(3)"))
    );

    let warnings: Vec<(String, String)> = model
        .warnings
        .iter()
        .map(|w| (w.path.display().to_string(), w.field.clone()))
        .collect();
    let author_file = Path::new("authors/ryan-tanaka.toml").display().to_string();
    for field in ["url", "avatar", "links.evil", "links.files"] {
        assert!(
            warnings.contains(&(author_file.clone(), field.to_string())),
            "no warning for {field}: {warnings:?}"
        );
    }
    let article_file = article_path.display().to_string();
    for field in [
        "image.src".to_string(),
        format!("sources[{source_index}].url"),
    ] {
        assert!(
            warnings.contains(&(article_file.clone(), field.clone())),
            "no warning for {field}: {warnings:?}"
        );
    }
    // One warning per author file, not one per article that names the author.
    assert_eq!(
        warnings.iter().filter(|(_, f)| f == "url").count(),
        1,
        "{warnings:?}"
    );
}

/// Every C0 control, DEL, a C1 control and the two non-characters XML forbids.
fn controls() -> String {
    let mut text: String = (0u32..0x20).filter_map(char::from_u32).collect();
    text.push_str("\u{7f}\u{85}\u{FFFE}\u{FFFF}");
    text
}

#[test]
fn every_control_character_in_every_field_keeps_every_feed_well_formed() {
    let c = controls();
    let title = format!("Title{c}end");
    let dek = format!("Dek{c}end");
    let tag = format!("tag{c}");
    let source_title = format!("Source{c}");
    let slug = format!("hostile{c}");
    // The body gets the controls Markdown can carry raw (all but NUL, which comrak replaces).
    let body = format!("Body {} end.", &c[1..]);
    let mut newsroom = with_article(
        example(),
        &Fields {
            title: &title,
            slug: &slug,
            dek: &dek,
            tag: &tag,
            source_title: &source_title,
            body: &body,
        },
    );
    newsroom
        .authors
        .get_mut("ryan-tanaka")
        .expect("author")
        .name = format!("Ryan{c}");
    if let Some(desk) = newsroom.config.desks.get_mut("ai") {
        desk.name = format!("AI{c}");
    }
    newsroom.config.site.title = format!("Site{c}");
    let model = build(&newsroom);
    let feeds: Vec<&dyn Exporter> = vec![
        ExportFormat::Rss.exporter(),
        ExportFormat::Atom.exporter(),
        ExportFormat::Jsonfeed.exporter(),
    ];
    let output = export::export(&model, &newsroom.config, &feeds).expect("exports");
    parse_back(&output, &model);
    for file in ["rss.xml", "atom.xml"] {
        let text = std::str::from_utf8(output.get(file).expect("written")).expect("UTF-8");
        let document = roxmltree::Document::parse(text).expect("well-formed");
        let titles: Vec<&str> = document
            .descendants()
            .filter(|n| n.has_tag_name("title"))
            .filter_map(|n| n.text())
            .collect();
        assert!(
            titles.contains(&"Title\t\n\r\u{7f}\u{85}end"),
            "{file}: {titles:?}"
        );
        feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
}

#[test]
fn hostile_strings_cannot_end_the_hugo_or_zola_front_matter() {
    for dek in [
        "line one\n+++\nline two",
        "+++",
        "a\r\n+++\r\nb",
        "\"\"\"\n+++\n'''",
        "ends with +++\n",
        "   +++   \n[params]\nx = 1",
    ] {
        let newsroom = with_article(
            example(),
            &Fields {
                title: dek,
                dek,
                tag: dek,
                body: "Body.",
                ..Fields::default()
            },
        );
        let model = build(&newsroom);
        for output in export_all(&newsroom, &model) {
            parse_back(&output, &model);
        }
    }
}

#[test]
fn shortcodes_in_prose_and_code_are_neutralised() {
    let body = "Text {{% readfile \"/etc/passwd\" %}} and {{< readfile \"/etc/passwd\" >}} and {{%readfile \"/etc/passwd\"%}}.\n\nA span `{{% details %}}x{{% /details %}}` and {{ zola_shortcode() }} {% zola_body() %}\n\n```\n{{<  readfile \"/etc/passwd\"  >}}\n```\n";
    let newsroom = with_article(
        example(),
        &Fields {
            title: "Shortcodes",
            dek: "Dek {{% readfile \"/etc/passwd\" %}}",
            tag: "x",
            body,
            ..Fields::default()
        },
    );
    let model = build(&newsroom);
    for output in export_all(&newsroom, &model) {
        // parse_back asserts no `{{` or `{%` in any page body.
        parse_back(&output, &model);
    }
}

#[test]
fn deeply_nested_raw_html_is_exported_without_raw_html_and_a_warning() {
    for body in [">".repeat(100_000), "<div>".repeat(50_000)] {
        let mut newsroom = with_article(
            example(),
            &Fields {
                title: "Deep",
                dek: "Deep.",
                tag: "x",
                body: &body,
                ..Fields::default()
            },
        );
        newsroom.config.export.allow_raw_html = true;
        let model = build(&newsroom);
        let warning = model
            .warnings
            .iter()
            .find(|w| w.path.ends_with("hostile.md"))
            .expect("a warning names the file");
        assert_eq!(warning.field, "body");
        assert!(
            warning.to_string().contains("nested more than"),
            "{warning}"
        );
        let article = model.article("hostile").expect("still exported");
        assert!(!article.body_html.contains("<div>"), "raw HTML left out");
        // The other articles are still sanitised normally, without a warning.
        assert_eq!(model.warnings.len(), 1, "{:?}", model.warnings);
    }
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("+++".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("\"\"\"".to_string()),
            Just("'''".to_string()),
            Just("</script>".to_string()),
            Just("{{% readfile \"/etc/passwd\" %}}".to_string()),
            Just("{{<".to_string()),
            Just("&amp;".to_string()),
            any::<char>().prop_map(String::from),
            "\\PC{0,8}",
        ],
        0..12,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever the title, dek, tags and author name hold, every format parses back with its
    /// consumer's parser, the TOML front matter gives back the same strings, and no template
    /// delimiter reaches a page.
    #[test]
    fn hostile_front_matter_parses_back_in_every_format(
        title in hostile_text(),
        dek in hostile_text(),
        tag in hostile_text(),
        author in hostile_text(),
    ) {
        let mut newsroom = example();
        let article = &mut newsroom.articles[0];
        article.title = title;
        article.dek = Some(dek);
        article.tags = vec![tag];
        newsroom.authors.get_mut("ryan-tanaka").expect("author").name = author;
        let model = build(&newsroom);
        for output in export_all(&newsroom, &model) {
            parse_back(&output, &model);
        }
    }
}

// ---- leftovers of a killed export ----

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn small_output(file: &str) -> Output {
    let newsroom = example();
    let model = build(&newsroom);
    let mut output =
        export::export(&model, &newsroom.config, &[ExportFormat::Rss.exporter()]).expect("rss");
    output.add(file, "x").expect("adds");
    output
}

/// A directory as a killed export leaves it: the marker and one file.
fn leftover(parent: &Path, name: &str, file: &str) -> PathBuf {
    let dir = parent.join(name);
    fs::create_dir_all(&dir).expect("create");
    fs::write(
        dir.join(export::EXPORT_MARKER),
        "written by copydesk export\n",
    )
    .expect("marker");
    fs::write(dir.join(file), "x").expect("file");
    dir
}

#[test]
fn the_next_export_removes_what_a_killed_one_left() {
    let parent = tempfile::tempdir().expect("temp dir");
    let out = parent.path().join("site");
    export::write_atomically(&small_output("first.txt"), &out).expect("first export");
    leftover(parent.path(), ".site.new-killed1", "half.txt");
    leftover(parent.path(), ".site.old-killed2", "old.txt");
    fs::create_dir(parent.path().join(".site.old-emptyAB")).expect("empty leftover");
    // Not ours: no marker, or another export's name, or not a directory.
    let foreign = parent.path().join(".site.new-notours");
    fs::create_dir(&foreign).expect("create");
    fs::write(foreign.join("keep.txt"), "keep").expect("write");
    leftover(parent.path(), ".other.new-xyz", "y.txt");
    fs::write(parent.path().join(".site.old-file"), "a file").expect("write");

    export::write_atomically(&small_output("second.txt"), &out).expect("second export");
    assert_eq!(
        names(parent.path()),
        [
            ".other.new-xyz",
            ".site.new-notours",
            ".site.old-file",
            "site"
        ]
    );
    assert!(out.join("second.txt").is_file());
    assert!(foreign.join("keep.txt").is_file());
}

#[test]
fn a_missing_out_is_restored_from_the_complete_old_copy_before_replacing_it() {
    let parent = tempfile::tempdir().expect("temp dir");
    let out = parent.path().join("site");
    // Killed between the two renames: the previous export is only in `.old-*`, the new one
    // complete in `.new-*`, `site` missing.
    leftover(parent.path(), ".site.old-k1", "previous.txt");
    leftover(parent.path(), ".site.new-k2", "interrupted.txt");
    export::write_atomically(&small_output("next.txt"), &out).expect("export");
    assert_eq!(names(parent.path()), ["site"]);
    assert!(out.join("next.txt").is_file());

    // A failing export must still leave the restored previous export in place.
    leftover(parent.path(), ".site.old-k3", "previous.txt");
    fs::remove_dir_all(&out).expect("remove");
    let mut clash = Output::new();
    clash.add("clash", "x").expect("adds");
    clash.add("clash/inner.txt", "y").expect("adds");
    export::write_atomically(&clash, &out).expect_err("the clash fails the write");
    assert_eq!(names(parent.path()), ["site"]);
    assert!(out.join("previous.txt").is_file(), "{:?}", names(&out));
}

#[test]
fn replacing_an_export_leaves_only_the_new_one() {
    let parent = tempfile::tempdir().expect("temp dir");
    let out = parent.path().join("site");
    for round in 0..3 {
        let file = format!("round{round}.txt");
        export::write_atomically(&small_output(&file), &out).expect("export");
        assert_eq!(names(parent.path()), ["site"]);
        assert!(out.join(&file).is_file());
        assert_eq!(names(&out).len(), 3, "{:?}", names(&out));
    }
}
