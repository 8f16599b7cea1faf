//! The live newsroom (`LiveNewsroom`): loaded once, told what changed, linting buffers next to
//! what it holds; and, after any sequence of changes, reporting exactly what `Linter::lint`
//! reports for the same files on disk.

use std::path::{Path, PathBuf};

use crate::common::{example_copy, now};
use copydesk::lint::{Changed, IndexOptions, Keep, LintRequest, Linter, LiveNewsroom, Overlay};
use copydesk::{Config, Diagnostic};
use proptest::prelude::*;

const MUSK: &str = "articles/2026/05/musk-v-altman.md";
const EXODUS: &str = "articles/2026/05/ai-staff-exodus.md";

fn linter_with(root: &Path, config: Config) -> Linter {
    Linter::new(root, config, now()).expect("authors load")
}

fn linter(root: &Path) -> Linter {
    let config = Config::load(&root.join("copydesk.toml")).expect("valid config");
    linter_with(root, config)
}

/// Diagnostics as comparable lines: path, span, code, severity, message, help and fix.
fn lines(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {:?} {} {:?} {} {:?} {:?} {:?}",
                d.path.display(),
                d.span,
                d.code,
                d.severity,
                d.message,
                d.help,
                d.fix,
                d.related
            )
        })
        .collect()
}

fn codes_of(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(|d| d.code.to_string()).collect()
}

#[test]
fn a_buffer_is_linted_against_the_held_facts_with_corpus_rules() {
    let dir = example_copy();
    let root = dir.path();
    let mut live = LiveNewsroom::load(linter(root), Keep::Counts).expect("loads");
    assert!(live.report().diagnostics.is_empty());

    // An unsaved copy of another article that takes the Musk article's slug.
    let draft = root.join("articles/2026/05/draft.md");
    let text = std::fs::read_to_string(root.join(EXODUS))
        .expect("read")
        .replacen("+++\n", "+++\nslug = \"musk-v-altman\"\n", 1);
    let mut buffers = Overlay::new();
    buffers.insert(draft.clone(), text.as_str());
    let report = live.lint_buffers(&buffers);
    assert!(codes_of(&report.diagnostics).contains(&"RF003".to_string()));
    assert!(report.diagnostics.iter().all(|d| *d.path == *draft));
    // Exactly what the linter reports for the same buffer.
    let expected = linter(root).lint_buffer(&draft, &text).expect("lints");
    assert_eq!(
        lines(&report.diagnostics),
        lines(&expected.report.diagnostics)
    );
    // The buffer was never saved: the newsroom on disk is still clean.
    assert!(live.report().diagnostics.is_empty());
}

#[test]
fn a_deleted_article_breaks_the_links_to_it_once_the_session_is_told() {
    let dir = example_copy();
    let root = dir.path();
    let mut live = LiveNewsroom::load(linter(root), Keep::Findings).expect("loads");
    let linking: Vec<PathBuf> = live
        .article_files()
        .filter(|path| {
            std::fs::read_to_string(path).is_ok_and(|text| text.contains("article:musk-v-altman"))
        })
        .map(Path::to_path_buf)
        .collect();
    assert!(!linking.is_empty(), "the example links to the Musk article");
    std::fs::remove_file(root.join(MUSK)).expect("remove");
    assert_eq!(
        live.changed(&root.join(MUSK)).expect("relists"),
        Changed::Listing
    );
    let report = live.report();
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code.as_str() == "RF008" && linking.contains(&d.path.to_path_buf())),
        "{:?}",
        lines(&report.diagnostics)
    );
    assert_eq!(report.files_checked, 3);
}

#[test]
fn a_config_that_stops_parsing_keeps_the_last_good_one() {
    let dir = example_copy();
    let root = dir.path();
    let config_path = root.join("copydesk.toml");
    let good = std::fs::read_to_string(&config_path).expect("read");
    let mut live = LiveNewsroom::load(linter(root), Keep::Counts).expect("loads");
    std::fs::write(&config_path, "[site\ntitle = ").expect("write");
    assert_eq!(
        live.changed(&config_path).expect("keeps"),
        Changed::ConfigKept
    );
    assert!(live.config_error().is_some());
    assert_eq!(live.config().desks.len(), 2, "the last good configuration");
    assert!(live.report().diagnostics.is_empty());

    // Fixed, with a rule turned off that a buffer then no longer reports.
    std::fs::write(
        &config_path,
        good.replace(
            "select = [\"ALL\"]",
            "select = [\"ALL\"]\nignore = [\"FM001\"]",
        ),
    )
    .expect("write");
    assert_eq!(
        live.changed(&config_path).expect("reloads"),
        Changed::Config
    );
    assert!(live.config_error().is_none());
    let mut buffers = Overlay::new();
    buffers.insert(
        root.join("articles/x.md"),
        "+++\ntitle = \"x\"\n+++\n\nBody.\n",
    );
    let report = live.lint_buffers(&buffers);
    assert!(!codes_of(&report.diagnostics).contains(&"FM001".to_string()));
}

#[test]
fn a_warm_index_gives_every_fact_and_the_same_report() {
    let dir = example_copy();
    let root = dir.path();
    let options = IndexOptions::default();
    let cold =
        LiveNewsroom::load(linter(root).with_index(options.clone()), Keep::Counts).expect("loads");
    assert_eq!(cold.load_stats().linted, 4);
    assert!(
        root.join(".copydesk-cache/lint-index").is_file(),
        "a cold start writes the index"
    );
    let mut warm =
        LiveNewsroom::load(linter(root).with_index(options), Keep::Counts).expect("loads");
    assert_eq!((warm.load_stats().linted, warm.load_stats().cached), (0, 4));
    let expected = linter(root).lint(&LintRequest::newsroom()).expect("lints");
    assert_eq!(
        lines(&warm.report().diagnostics),
        lines(&expected.report.diagnostics)
    );
    // Summaries for hover and completion are read on first use.
    let titles: Vec<String> = warm.summaries().iter().map(|s| s.title.clone()).collect();
    assert_eq!(titles.len(), 4);
    let musk = warm.article("musk-v-altman").expect("found by slug");
    assert!(musk.path.ends_with(MUSK));

    // One article added, claiming the slug of one whose facts are in the index: the start
    // lints it alone and rewrites the index with every other article's facts, taken from
    // the index it read, so the next start still sees both claims.
    std::fs::write(
        root.join("articles/2026/05/exodus-again.md"),
        "+++\ntitle = \"AI staff exodus\"\nslug = \"ai-staff-exodus\"\n+++\n\nA second take.\n",
    )
    .expect("write");
    let load_indexed = || {
        LiveNewsroom::load(
            linter(root).with_index(IndexOptions::default()),
            Keep::Counts,
        )
    };
    let partly = load_indexed().expect("loads");
    assert_eq!(
        (partly.load_stats().linted, partly.load_stats().cached),
        (1, 4)
    );
    let mut rewarmed = load_indexed().expect("loads");
    assert_eq!(
        (rewarmed.load_stats().linted, rewarmed.load_stats().cached),
        (0, 5)
    );
    let expected = linter(root).lint(&LintRequest::newsroom()).expect("lints");
    let found = lines(&rewarmed.report().diagnostics);
    assert!(
        found.iter().any(|line| line.contains("RF003")),
        "the duplicate slug is found: {found:?}"
    );
    assert_eq!(
        lines(&rewarmed.report().diagnostics),
        lines(&expected.report.diagnostics)
    );
}

#[test]
fn findings_on_some_files_are_the_reports_findings_on_them() {
    let dir = example_copy();
    let root = dir.path();
    // A second claim on a slug gives both files a corpus finding.
    std::fs::write(
        root.join("articles/2026/05/exodus-again.md"),
        "+++\ntitle = \"AI staff exodus\"\nslug = \"ai-staff-exodus\"\n+++\n\nA second take.\n",
    )
    .expect("write");
    let mut live = LiveNewsroom::load(linter(root), Keep::Findings).expect("loads");
    let whole = live.report();
    let files: Vec<std::path::PathBuf> = live.article_files().map(Path::to_path_buf).collect();
    for file in files {
        let expected: Vec<_> = whole
            .diagnostics
            .iter()
            .filter(|d| *d.path == *file)
            .cloned()
            .collect();
        let on = live.report_on(std::slice::from_ref(&file));
        assert_eq!(
            lines(&on.diagnostics),
            lines(&expected),
            "{}",
            file.display()
        );
        assert!(
            on.diagnostics
                .iter()
                .all(|d| on.sources.contains_key(&d.path))
        );
    }
}

#[test]
fn an_author_change_reaches_the_articles_that_name_the_author() {
    let dir = example_copy();
    let root = dir.path();
    let mut live = LiveNewsroom::load(linter(root), Keep::Counts).expect("loads");
    let author = root.join("authors/maya-okafor.toml");
    std::fs::remove_file(&author).expect("remove");
    assert_eq!(live.changed(&author).expect("reloads"), Changed::Authors);
    let expected = linter(root).lint(&LintRequest::newsroom()).expect("lints");
    assert!(
        !expected.report.diagnostics.is_empty(),
        "some article names Maya"
    );
    assert_eq!(
        lines(&live.report().diagnostics),
        lines(&expected.report.diagnostics)
    );
}

/// One change to the newsroom on disk.
#[derive(Debug, Clone)]
enum Op {
    /// Writes article `n` (of a few) in one of several shapes.
    Write(usize, usize),
    /// Removes article `n`.
    Remove(usize),
    /// Writes `copydesk.toml` in one of several shapes (one does not parse).
    Config(usize),
    /// Writes, breaks or removes an author file.
    Author(usize),
    /// Removes one of the example's own articles.
    RemoveExample(usize),
}

const EXAMPLES: [&str; 4] = [
    MUSK,
    EXODUS,
    "articles/2026/05/openai-breaks-microsofts-hold.md",
    "articles/2026/05/openai-phone-prototype.md",
];

fn article_path(n: usize) -> String {
    format!("articles/live/story-{n}.md")
}

/// Article `n` in shape `shape`: clean-ish, a duplicate slug, links to other articles, a
/// paragraph copied from the example, a front matter that does not parse, a suppression.
fn article_text(root: &Path, n: usize, shape: usize) -> String {
    let head = |slug: &str, extra: &str| {
        format!(
            "+++\ntitle = \"Story {n}\"\nslug = \"{slug}\"\ndek = \"A dek for story {n}.\"\nauthors = [\"maya-okafor\"]\ndesk = \"ai\"\nstatus = \"published\"\npublished = 2026-05-01T10:00:00Z\n{extra}+++\n\n"
        )
    };
    let own = format!("story-{n}");
    match shape {
        0 => format!("{}Plain words about story {n}.\n", head(&own, "")),
        1 => format!(
            "{}Takes a slug another file has.\n",
            head("musk-v-altman", "")
        ),
        2 => format!(
            "{}See [the other](article:story-{}) and [gone](article:nowhere).\n",
            head(&own, "related = [\"ai-staff-exodus\", \"story-0\"]\n"),
            (n + 1) % 3
        ),
        3 => {
            let example = std::fs::read_to_string(root.join(EXODUS)).unwrap_or_default();
            let body = example
                .split("\n+++\n")
                .nth(1)
                .unwrap_or_default()
                .to_string();
            format!("{}{body}", head(&own, ""))
        }
        4 => "+++\ntitle = \"unterminated\n".to_string(),
        _ => format!(
            "{}<!-- copydesk-disable-next-line RF002 -->\nSee [gone](article:nowhere).\n",
            head(&own, "")
        ),
    }
}

fn config_text(good: &str, shape: usize) -> String {
    match shape {
        0 => good.to_string(),
        1 => good.replace(
            "select = [\"ALL\"]",
            "select = [\"ALL\"]\nignore = [\"RF\"]",
        ),
        2 => good.replace(
            "select = [\"ALL\"]",
            "select = [\"ALL\"]\n[lint.severity]\nFM005 = \"info\"",
        ),
        3 => format!(
            "{good}\n[[lint.overrides]]\npaths = [\"articles/live/**\"]\nignore = [\"RF008\", \"ED008\"]\n[lint.overrides.severity]\nRF003 = \"info\"\nRF004 = \"off\"\n"
        ),
        _ => "[site\nbroken".to_string(),
    }
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..4usize, 0..6usize).prop_map(|(n, shape)| Op::Write(n, shape)),
        2 => (0..4usize).prop_map(Op::Remove),
        1 => (0..5usize).prop_map(Op::Config),
        1 => (0..3usize).prop_map(Op::Author),
        1 => (0..4usize).prop_map(Op::RemoveExample),
    ]
}

/// Applies `op` to the newsroom at `root`, returning the path it touched.
fn apply(root: &Path, good_config: &str, op: &Op) -> PathBuf {
    let write = |path: &Path, text: &str| {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    match op {
        Op::Write(n, shape) => {
            let path = root.join(article_path(*n));
            write(&path, &article_text(root, *n, *shape));
            path
        }
        Op::Remove(n) => {
            let path = root.join(article_path(*n));
            let _ = std::fs::remove_file(&path);
            path
        }
        Op::RemoveExample(n) => {
            let path = root.join(EXAMPLES[*n]);
            let _ = std::fs::remove_file(&path);
            path
        }
        Op::Config(shape) => {
            let path = root.join("copydesk.toml");
            write(&path, &config_text(good_config, *shape));
            path
        }
        Op::Author(shape) => {
            let path = root.join("authors/zoe-live.toml");
            match shape {
                0 => write(&path, "name = \"Zoe Live\"\n"),
                1 => write(&path, "name = \n"),
                _ => {
                    let _ = std::fs::remove_file(&path);
                }
            }
            path
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// After any sequence of changes, each told to the session, the session's report and its
    /// lint of a buffer equal what `Linter::lint` finds for the same files on disk (with the
    /// last configuration that loaded).
    #[test]
    fn the_session_reports_what_a_fresh_lint_of_the_disk_reports(
        ops in prop::collection::vec(op(), 1..10),
        keep_findings in any::<bool>(),
        with_index in any::<bool>(),
        buffer_shape in 0..6usize,
    ) {
        let dir = example_copy();
        let root = dir.path();
        let config_path = root.join("copydesk.toml");
        let good = std::fs::read_to_string(&config_path).expect("read");
        let keep = if keep_findings { Keep::Findings } else { Keep::Counts };
        let base = if with_index { linter(root).with_index(IndexOptions::default()) } else { linter(root) };
        let mut live = LiveNewsroom::load(base, keep).expect("loads");
        let mut last_good = Config::load(&config_path).expect("valid");
        for op in &ops {
            let path = apply(root, &good, op);
            live.changed(&path).expect("the session follows the change");
            if let Ok(config) = Config::load(&config_path) {
                last_good = config;
            }
        }
        let fresh = linter_with(root, last_good);
        let expected = fresh.lint(&LintRequest::newsroom()).expect("lints");
        let report = live.report();
        prop_assert_eq!(lines(&report.diagnostics), lines(&expected.report.diagnostics));
        prop_assert_eq!(report.files_checked, expected.report.files_checked);

        let buffer = root.join(article_path(1));
        let text = article_text(root, 1, buffer_shape);
        let mut buffers = Overlay::new();
        buffers.insert(buffer.clone(), text.as_str());
        let ours = live.lint_buffers(&buffers);
        let theirs = fresh.lint_buffer(&buffer, &text).expect("lints");
        prop_assert_eq!(lines(&ours.diagnostics), lines(&theirs.report.diagnostics));
    }
}

#[test]
fn the_preview_refreshes_from_the_session_after_a_save() {
    use copydesk::preview::Preview;
    let dir = example_copy();
    let root = dir.path();
    let mut preview = Preview::load(root, now()).expect("loads");
    assert!(preview.report().diagnostics.is_empty());

    // A saved article is linted again on its own: its new finding shows, and the corpus
    // rules see its new slug.
    let path = root.join(EXODUS);
    let text = std::fs::read_to_string(&path).expect("read").replacen(
        "+++\n",
        "+++\nslug = \"musk-v-altman\"\n",
        1,
    );
    std::fs::write(&path, text).expect("write");
    preview
        .refresh(std::slice::from_ref(&path), now())
        .expect("refreshes");
    let expected = linter(root).lint(&LintRequest::newsroom()).expect("lints");
    assert!(codes_of(&expected.report.diagnostics).contains(&"RF003".to_string()));
    // First the saved article's own findings, then, worked out, the other article's too.
    let on_saved = |diagnostics: &[Diagnostic]| -> Vec<Diagnostic> {
        diagnostics
            .iter()
            .filter(|d| *d.path == *path)
            .cloned()
            .collect()
    };
    assert_eq!(
        lines(&preview.report().diagnostics),
        lines(&on_saved(&expected.report.diagnostics))
    );
    let full = preview.full_report();
    assert!(
        preview.set_report(full),
        "the other claim on the slug is new"
    );
    assert_eq!(
        lines(&preview.report().diagnostics),
        lines(&expected.report.diagnostics)
    );
    assert!(
        !preview.set_report(preview.full_report()),
        "nothing more changed"
    );

    // A removed article loads the newsroom again.
    std::fs::remove_file(root.join(MUSK)).expect("remove");
    preview.refresh(&[root.join(MUSK)], now()).expect("reloads");
    let expected = linter(root).lint(&LintRequest::newsroom()).expect("lints");
    assert_eq!(
        lines(&preview.report().diagnostics),
        lines(&expected.report.diagnostics)
    );
    assert_eq!(preview.report().files_checked, 3);
}

/// A word added to the newsroom's dictionary reaches the session: the dictionary is read
/// again, not the one this process loaded first.
#[test]
fn a_changed_dictionary_is_read_again() {
    let dir = example_copy();
    let root = dir.path();
    let dictionaries = root.join("dictionaries");
    std::fs::create_dir_all(&dictionaries).expect("mkdir");
    let aff = "SET UTF-8\nTRY esianrtolcdugmphbyfvkwz\n";
    std::fs::write(dictionaries.join("en_US.aff"), aff).expect("aff");
    // Every letter, so that the dictionary judges "zorblax" (a word in letters it never uses
    // is not its to judge).
    let words = [
        "the", "a", "of", "quick", "brown", "fox", "jumps", "over", "lazy", "dog",
    ];
    let dic = |extra: &[&str]| {
        let all: Vec<&str> = words.iter().chain(extra).copied().collect();
        format!("{}\n{}\n", all.len(), all.join("\n"))
    };
    std::fs::write(dictionaries.join("en_US.dic"), dic(&[])).expect("dic");
    let article = root.join(MUSK);
    let text = std::fs::read_to_string(&article).expect("article");
    std::fs::write(&article, format!("{text}\nThe zorblax of the zorblax.\n")).expect("write");
    let zorblax = |live: &mut LiveNewsroom| {
        live.report()
            .diagnostics
            .iter()
            .filter(|d| d.code.as_str() == "SP001" && d.message.contains("zorblax"))
            .count()
    };
    let mut live = LiveNewsroom::load(linter(root), Keep::Counts).expect("loads");
    assert_eq!(zorblax(&mut live), 2);
    // A different length, whatever the clock's resolution.
    std::fs::write(dictionaries.join("en_US.dic"), dic(&["zorblax"])).expect("dic");
    let changed = live
        .changed(&dictionaries.join("en_US.dic"))
        .expect("reloads");
    assert!(matches!(changed, Changed::Config), "{changed:?}");
    assert_eq!(zorblax(&mut live), 0);
}
