//! Exporting the example newsroom: snapshots of every format, schema validation, feeds read
//! by a real parser, determinism and atomic replacement of the output directory. The real
//! consumers (Hugo, Python's feedparser) run in `tests/consumers.rs`; hostile content in
//! `tests/it/export_hostile.rs`.

use crate::common::example_root;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use copydesk::export::{
    self, ExportContext, ExportFormat, ExportOptions, Exporter, Model, Output, write_atomically,
};
use copydesk::{ExportError, Newsroom};

fn example() -> (Newsroom, Model) {
    let newsroom = Newsroom::load(example_root()).expect("example newsroom loads");
    let model = Model::build(&newsroom, &ExportOptions::new()).expect("model builds");
    (newsroom, model)
}

fn run(formats: &[ExportFormat]) -> Output {
    let (newsroom, model) = example();
    let exporters: Vec<&dyn Exporter> = formats.iter().map(|f| f.exporter()).collect();
    export::export(&model, &newsroom.config, &exporters).expect("export succeeds")
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("exports are UTF-8")
}

fn listing(output: &Output) -> String {
    let mut all = String::new();
    for (path, bytes) in output.files() {
        let _ = writeln!(all, "=== {} ===\n{}", path.display(), text(bytes));
    }
    all
}

#[test]
fn snapshots_of_every_format() {
    for format in ExportFormat::ALL {
        let output = run(&[format]);
        insta::assert_snapshot!(format!("format_{}", format.name()), listing(&output));
    }
}

#[test]
fn the_model_has_what_the_sample_page_shows() {
    let (_, model) = example();
    let article = model
        .article("openai-breaks-microsofts-hold")
        .expect("sample article exported");
    assert_eq!(
        article.updated_display.as_deref(),
        Some("May 6, 2026 · 2:25 PM UTC")
    );
    assert_eq!(article.source_count, 8);
    assert_eq!(article.authors[0].name, "Ryan Tanaka");
    assert_eq!(
        article.authors[0].beat.as_deref(),
        Some("Consumer Tech & Mobile")
    );
    assert_eq!(
        article.desk.as_ref().map(|d| d.name.as_str()),
        Some("Consumer Tech & Mobile")
    );
    let numbers: Vec<usize> = article.sources.iter().map(|s| s.n).collect();
    assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
    assert_eq!(article.sources[0].id, "ms-openai-2026", "first cited first");
    let related: Vec<&str> = article.related.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(related, ["ai-staff-exodus", "musk-v-altman"]);
    assert!(article.related.iter().all(|t| t.read_time_minutes >= 1));
    assert_eq!(article.updates.len(), 3);
    assert!(article.toc.iter().any(|t| t.anchor == "whats-next"));
    assert!(
        article
            .body_html
            .contains("href=\"https://news.example.com/articles/musk-v-altman/\"")
    );
    assert!(!article.body_html.contains("source:"));
    assert!(!article.body_html.contains("article:"));
}

#[test]
fn every_json_file_validates_against_the_committed_schema() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/export.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(schema_path).expect("schema committed"))
            .expect("schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    let output = run(&[ExportFormat::Json]);
    assert_eq!(output.len(), 4 + 3);
    for (path, bytes) in output.files() {
        let value: serde_json::Value = serde_json::from_slice(bytes).expect("valid JSON");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        assert_eq!(value["schema_version"], export::SCHEMA_VERSION);
    }
    let index: serde_json::Value =
        serde_json::from_slice(output.get("index.json").expect("index")).expect("JSON");
    let dates: Vec<&str> = index["articles"]
        .as_array()
        .expect("list")
        .iter()
        .map(|a| a["published"].as_str().expect("dated"))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "index is newest first");
}

#[test]
fn json_ld_carries_the_required_properties() {
    let output = run(&[ExportFormat::Jsonld]);
    let value: serde_json::Value = serde_json::from_slice(
        output
            .get("openai-breaks-microsofts-hold.jsonld")
            .expect("written"),
    )
    .expect("JSON");
    assert_eq!(value["@context"], "https://schema.org");
    assert_eq!(value["@type"], "NewsArticle");
    for key in [
        "headline",
        "image",
        "datePublished",
        "dateModified",
        "publisher",
    ] {
        assert!(!value[key].is_null(), "{key} missing");
    }
    assert_eq!(value["author"][0]["@type"], "Person");
    assert!(value["author"][0]["url"].as_str().is_some());
    assert_eq!(value["publisher"]["@type"], "Organization");
    assert_eq!(value["correction"][0]["@type"], "CorrectionComment");
    assert_eq!(value["citation"].as_array().map(Vec::len), Some(8));
}

#[test]
fn feeds_parse_with_feed_rs() {
    let (_, model) = example();
    let expected: Vec<&str> = model.articles.iter().map(|a| a.title.as_str()).collect();
    let output = run(&[
        ExportFormat::Jsonfeed,
        ExportFormat::Rss,
        ExportFormat::Atom,
    ]);
    for file in ["feed.json", "rss.xml", "atom.xml"] {
        let feed = feed_rs::parser::parse(output.get(file).expect("written"))
            .unwrap_or_else(|e| panic!("{file} does not parse: {e}"));
        let titles: Vec<String> = feed
            .entries
            .iter()
            .map(|e| {
                e.title
                    .as_ref()
                    .map(|t| t.content.clone())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(titles, expected, "{file}");
        for (entry, article) in feed.entries.iter().zip(&model.articles) {
            let published = article.published.expect("dated").0;
            assert_eq!(
                entry.published.map(|p| p.timestamp()),
                Some(published.timestamp()),
                "{file}"
            );
            assert_eq!(entry.links[0].href, article.url, "{file}");
        }
        if file == "rss.xml" {
            assert_eq!(
                feed.entries[0].authors[0].name.as_deref(),
                Some("Ryan Tanaka")
            );
        }
    }
}

#[test]
fn feeds_are_capped_and_escape_text() {
    let (mut newsroom, _) = example();
    newsroom.config.export.feed_items = 1;
    newsroom.articles[0].title = "Q&A: <b>“C++ & Rust”</b> ]]>".into();
    let model = Model::build(&newsroom, &ExportOptions::new()).expect("builds");
    let exporters: Vec<&dyn Exporter> = vec![
        ExportFormat::Rss.exporter(),
        ExportFormat::Atom.exporter(),
        ExportFormat::Jsonfeed.exporter(),
    ];
    let output = export::export(&model, &newsroom.config, &exporters).expect("exports");
    for file in ["feed.json", "rss.xml", "atom.xml"] {
        let feed = feed_rs::parser::parse(output.get(file).expect("written")).expect("parses");
        assert_eq!(feed.entries.len(), 1, "{file}");
    }
    let all = run(&[ExportFormat::Rss]);
    let xml = text(all.get("rss.xml").expect("rss"));
    assert!(!xml.contains("<b>"));
}

#[test]
fn two_exports_are_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = dir.path().join("first");
    let second = dir.path().join("second");
    write_atomically(&run(&ExportFormat::ALL[..7]), &first).expect("writes");
    write_atomically(&run(&ExportFormat::ALL[..7]), &second).expect("writes");
    let tree = |root: &Path| {
        let mut files = Vec::new();
        for entry in walk(root) {
            files.push((
                entry.strip_prefix(root).expect("inside").to_path_buf(),
                fs::read(&entry).expect("readable"),
            ));
        }
        files.sort();
        files
    };
    assert_eq!(tree(&first), tree(&second));
}

fn walk(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(root).expect("readable dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

struct Failing;

impl Exporter for Failing {
    fn name(&self) -> &'static str {
        "failing"
    }

    fn export(&self, _: &ExportContext<'_>, out: &mut Output) -> Result<(), ExportError> {
        // A file and a directory at the same path: writing fails half-way through.
        out.add("clash", "x")?;
        out.add("clash/inner.txt", "y")
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_export_leaves_the_previous_one_and_no_temporary_directory() {
    let parent = tempfile::tempdir().expect("temp dir");
    let out = parent.path().join("site");
    write_atomically(&run(&[ExportFormat::Html]), &out).expect("first export");
    let before = names(&out);

    let (newsroom, model) = example();
    let exporters: Vec<&dyn Exporter> = vec![ExportFormat::Json.exporter(), &Failing];
    let output = export::export(&model, &newsroom.config, &exporters).expect("collects");
    let error = write_atomically(&output, &out).expect_err("the clash fails the write");
    assert!(matches!(error, ExportError::Io(_)), "{error}");
    assert_eq!(names(&out), before, "previous export untouched");
    assert_eq!(
        names(parent.path()),
        ["site"],
        "no temporary directory left"
    );

    write_atomically(&run(&[ExportFormat::Rss]), &out).expect("a later export replaces it");
    assert_eq!(names(&out), [".copydesk-export", "rss.xml"]);
    assert_eq!(names(parent.path()), ["site"]);
}

#[test]
fn a_directory_not_written_by_an_export_is_never_replaced() {
    let parent = tempfile::tempdir().expect("temp dir");
    let out = parent.path().join("precious");
    fs::create_dir_all(&out).expect("create");
    fs::write(out.join("notes.txt"), "keep me").expect("write");
    let error = write_atomically(&run(&[ExportFormat::Html]), &out).expect_err("refused");
    assert!(matches!(error, ExportError::NotAnExport { .. }), "{error}");
    assert_eq!(names(&out), ["notes.txt"]);
}

#[test]
fn formats_that_share_a_path_are_refused() {
    let (newsroom, model) = example();
    let exporters: Vec<&dyn Exporter> =
        vec![ExportFormat::Hugo.exporter(), ExportFormat::Zola.exporter()];
    let error = export::export(&model, &newsroom.config, &exporters).expect_err("clash");
    assert!(
        matches!(error, ExportError::DuplicatePath { .. }),
        "{error}"
    );
}

#[test]
fn drafts_are_exported_only_when_asked() {
    let (mut newsroom, model) = example();
    let count = model.articles.len();
    newsroom.articles[0].status = copydesk::Status::Draft;
    let published = Model::build(&newsroom, &ExportOptions::new()).expect("builds");
    assert_eq!(published.articles.len(), count - 1);
    let all = Model::build(&newsroom, &ExportOptions::new().include_drafts(true)).expect("builds");
    assert_eq!(all.articles.len(), count);
}

#[test]
fn unresolvable_references_are_typed_errors() {
    let (newsroom, _) = example();
    let build = |edit: &dyn Fn(&mut Newsroom)| {
        let mut copy = newsroom.clone();
        edit(&mut copy);
        Model::build(&copy, &ExportOptions::new()).expect_err("fails")
    };
    let error = build(&|n| n.articles[0].authors = vec!["nobody".into()]);
    assert!(
        matches!(&error, ExportError::UnknownAuthor { author, .. } if author == "nobody"),
        "{error}"
    );
    let error = build(&|n| n.articles[0].desk = Some("sport".into()));
    assert!(matches!(error, ExportError::UnknownDesk { .. }), "{error}");
    let error = build(&|n| {
        let slug = n.articles[1].slug.clone();
        n.articles[0].slug = slug;
    });
    assert!(
        matches!(error, ExportError::DuplicateSlug { .. }),
        "{error}"
    );
    let error = build(&|n| n.articles[0].published = None);
    assert!(
        matches!(error, ExportError::MissingPublished { .. }),
        "{error}"
    );
}
