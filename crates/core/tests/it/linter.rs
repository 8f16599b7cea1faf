//! The one lint entry point, `Linter::lint`: texts from an overlay over the disk, an editor's
//! buffer linted next to the newsroom with the lint index, and the same count of files checked
//! on every path.

use crate::common::{example_copy, now};
use std::path::{Path, PathBuf};

use copydesk::lint::{Files, IndexOptions, LintRequest, Linter, Overlay, Report};
use copydesk::{Config, Newsroom};

const MUSK: &str = "articles/2026/05/musk-v-altman.md";
const EXODUS: &str = "articles/2026/05/ai-staff-exodus.md";

fn linter(root: &Path) -> Linter {
    let config = Config::load(&root.join("copydesk.toml")).expect("valid config");
    Linter::new(root, config, now()).expect("authors load")
}

/// `path`'s text with its slug set to the slug of the Musk article.
fn with_musk_slug(root: &Path, path: &str) -> String {
    let text = std::fs::read_to_string(root.join(path)).expect("read");
    text.replacen("+++\n", "+++\nslug = \"musk-v-altman\"\n", 1)
}

fn codes(run: &copydesk::lint::LintRun) -> Vec<(String, String)> {
    run.report
        .diagnostics
        .iter()
        .map(|d| {
            let name = d.path.file_name().expect("file").to_string_lossy();
            (name.into_owned(), d.code.to_string())
        })
        .collect()
}

#[test]
fn an_unsaved_buffer_is_linted_next_to_the_newsroom_from_the_index() {
    let dir = example_copy();
    let root = dir.path();
    let linter = linter(root).with_index(IndexOptions::default());
    let full = linter.lint(&LintRequest::newsroom()).expect("lints");
    assert!(full.report.diagnostics.is_empty(), "{:?}", codes(&full));
    assert!(
        root.join(".copydesk-cache/lint-index").is_file(),
        "a full run writes the index"
    );

    // A copy of the exodus article under a new name, not saved, taking the Musk article's slug.
    let draft = root.join("articles/2026/05/draft.md");
    let text = with_musk_slug(root, EXODUS);
    let run = linter.lint_buffer(&draft, &text).expect("lints");
    assert!(!draft.exists());
    // The duplicate slug is a corpus finding: the buffer was compared with every article.
    assert!(
        codes(&run).contains(&("draft.md".into(), "RF003".into())),
        "{:?}",
        codes(&run)
    );
    assert!(
        run.report.diagnostics.iter().all(|d| *d.path == *draft),
        "only the buffer's findings: {:?}",
        codes(&run)
    );
    assert_eq!(&*run.report.sources[draft.as_path()], text.as_str());
    // Only the buffer was linted; the four articles on disk came from the index.
    assert_eq!((run.linted, run.cached), (1, 4));
    assert_eq!(run.report.files_checked, 5);

    // Without the index the answer is the same, only slower.
    let cold = linter_without_index(root)
        .lint_buffer(&draft, &text)
        .expect("lints");
    assert_eq!(codes(&cold), codes(&run));
    assert_eq!((cold.linted, cold.cached), (5, 0));
}

fn linter_without_index(root: &Path) -> Linter {
    linter(root)
}

#[test]
fn an_overlay_stands_in_for_the_file_on_disk_and_shows_its_text() {
    let dir = example_copy();
    let root = dir.path();
    let mut overlay = Overlay::new();
    let text = with_musk_slug(root, EXODUS);
    overlay.insert(root.join(EXODUS), text.as_str());
    let run = linter(root)
        .lint(&LintRequest::newsroom().overlay(&overlay))
        .expect("lints");
    let found = codes(&run);
    assert!(
        found.contains(&("ai-staff-exodus.md".into(), "RF003".into())),
        "{found:?}"
    );
    // The text shown is the overlay's, for the file that has it; the disk's for the other.
    assert_eq!(
        &*run.report.sources[root.join(EXODUS).as_path()],
        text.as_str()
    );
    for (path, source) in &run.report.sources {
        if **path != *root.join(EXODUS) {
            let disk = std::fs::read_to_string(path).expect("read");
            assert_eq!(&**source, disk.as_str(), "{}", path.display());
        }
    }
    // The disk is untouched, and linting it finds nothing.
    let disk = linter(root).lint(&LintRequest::newsroom()).expect("lints");
    assert!(disk.report.diagnostics.is_empty(), "{:?}", codes(&disk));
}

#[test]
fn every_way_to_lint_checks_the_same_files_and_finds_the_same() {
    let dir = example_copy();
    let root = dir.path();
    // One finding per kind of file: a broken front matter, an unreadable file, a fine one.
    std::fs::write(root.join("articles/2026/05/broken.md"), "+++\ntitle = \n").expect("write");
    std::fs::write(
        root.join("articles/2026/05/binary.md"),
        b"+++\n\xff\xfe\n+++\n",
    )
    .expect("write");
    std::fs::write(root.join(EXODUS), with_musk_slug(root, EXODUS)).expect("write");
    let files: Vec<PathBuf> = copydesk::article_files(
        root,
        &Config::load(&root.join("copydesk.toml")).expect("config"),
        &[],
    )
    .expect("files");
    assert_eq!(files.len(), 6);

    let plain = linter(root).lint(&LintRequest::newsroom()).expect("lints");
    let indexed = linter(root)
        .with_index(IndexOptions::default())
        .lint(&LintRequest::newsroom())
        .expect("lints");
    let exactly = linter(root)
        .lint(&LintRequest::newsroom().files(Files::Exactly(files.clone())))
        .expect("lints");
    let paths = linter(root)
        .lint(&LintRequest::newsroom().files(Files::Paths(vec![root.join("articles")])))
        .expect("lints");
    let loaded = Newsroom::load(root).expect("loads").lint(now());
    for report in [&indexed.report, &exactly.report, &paths.report, &loaded] {
        assert_eq!(report.files_checked, 6);
        let found: Vec<_> = report
            .diagnostics
            .iter()
            .map(|d| (d.path.clone(), d.code, d.message.clone(), d.span))
            .collect();
        let expected: Vec<_> = plain
            .report
            .diagnostics
            .iter()
            .map(|d| (d.path.clone(), d.code, d.message.clone(), d.span))
            .collect();
        assert_eq!(found, expected);
        assert_eq!(report.sources, plain.report.sources);
    }
    assert_eq!(plain.report.files_checked, 6);
    assert!(
        codes(&plain).contains(&("broken.md".into(), "FM000".into())),
        "{:?}",
        codes(&plain)
    );

    // Counting reports nothing per article but counts what a full run reports.
    let counted = linter(root)
        .lint(&LintRequest::newsroom().report(Report::CountsOnly))
        .expect("lints");
    let total = |run: &copydesk::lint::LintRun| {
        run.counts
            .values()
            .map(|c| c.errors + c.warnings + c.infos)
            .sum::<usize>()
    };
    assert_eq!(total(&counted), plain.report.diagnostics.len());
    assert_eq!(total(&plain), plain.report.diagnostics.len());
    assert!(root.join(MUSK).is_file());
}

/// Codes of a baseline's entries.
fn entry_codes(baseline: &copydesk::lint::Baseline) -> Vec<String> {
    baseline.entries().iter().map(|e| e.code.clone()).collect()
}

#[test]
fn a_run_narrowed_by_select_leaves_the_baseline_entries_of_other_rules_alone() {
    use copydesk::lint::Baseline;
    let dir = example_copy();
    let root = dir.path();
    let path = root.join(EXODUS);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        format!("{text}\nRead the filing [here](https://example.com/filing).\n\nShe said \"yes\" and then “no”.\n"),
    )
    .expect("write");
    let full = linter(root).lint(&LintRequest::newsroom()).expect("lints");
    let baseline = Baseline::from_report(root, &full.report);
    assert!(entry_codes(&baseline).contains(&"MD006".to_string()));
    assert!(entry_codes(&baseline).contains(&"ED005".to_string()));

    // Only ED005 runs: the MD006 entry was not looked for, so it is neither stale nor lost.
    let mut config = Config::load(&root.join("copydesk.toml")).expect("valid config");
    config.lint.set_select(vec!["ED005".into()]);
    let narrowed = Linter::new(root, config, now()).expect("authors load");
    let mut run = narrowed.lint(&LintRequest::newsroom()).expect("lints");
    let outcome = baseline.apply(root, &mut run);
    assert!(outcome.stale.is_empty(), "{:?}", outcome.stale);
    assert!(run.report.diagnostics.is_empty());
    let run = narrowed.lint(&LintRequest::newsroom()).expect("lints");
    let rewritten = baseline.updated(root, &run, &run.report);
    assert_eq!(entry_codes(&rewritten), entry_codes(&baseline));

    // A full run after the vague link is gone does call its entry stale.
    std::fs::write(&path, format!("{text}\nShe said \"yes\" and then “no”.\n")).expect("write");
    let mut run = linter(root).lint(&LintRequest::newsroom()).expect("lints");
    let outcome = baseline.apply(root, &mut run);
    let stale: Vec<&str> = outcome.stale.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(stale, ["MD006"]);
}
