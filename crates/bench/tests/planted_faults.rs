//! A generated corpus lints to exactly its planted faults: nothing missed, nothing extra.

use std::path::Path;

use copydesk_bench::{
    Comparison, Options, Tally, generate, lint_findings, read_planted, tally_planted, verify,
};

fn generated(dir: &Path, articles: usize, fault_rate: f64) -> copydesk_bench::Manifest {
    generate(&Options {
        articles,
        seed: 7,
        fault_rate,
        cjk_rate: 0.05,
        out: dir.to_path_buf(),
    })
    .expect("generator writes the corpus")
}

/// Lints the corpus at `dir` and asserts that it finds exactly `planted`.
fn assert_exactly(dir: &Path, planted: &Tally) {
    let found = lint_findings(dir).expect("lint runs");
    let comparison = Comparison::new(planted, &found);
    assert!(comparison.is_exact(), "{comparison}");
}

#[test]
fn findings_are_exactly_the_planted_faults() {
    let dir = tempfile::tempdir().expect("temp dir");
    let manifest = generated(dir.path(), 150, 0.3);
    assert!(!manifest.faults.is_empty(), "some faults are planted");
    let planted = tally_planted(&manifest.faults);
    assert_eq!(
        read_planted(dir.path()).expect("faults.json reads back"),
        planted
    );
    assert_exactly(dir.path(), &planted);
    let comparison = verify(dir.path()).expect("verifies");
    assert!(comparison.is_exact(), "{comparison}");
    assert_eq!(comparison.planted, manifest.faults.len());
    assert_eq!(comparison.found, manifest.faults.len());
}

#[test]
fn a_clean_corpus_lints_clean() {
    let dir = tempfile::tempdir().expect("temp dir");
    let manifest = generated(dir.path(), 120, 0.0);
    assert!(manifest.faults.is_empty());
    assert_exactly(dir.path(), &Tally::new());
}

#[test]
fn differences_are_reported_both_ways() {
    let dir = tempfile::tempdir().expect("temp dir");
    let manifest = generated(dir.path(), 60, 0.5);
    let mut planted = tally_planted(&manifest.faults);
    let (first, _) = planted.pop_first().expect("some faults are planted");
    planted.insert(("articles/nowhere.md".into(), "ED001".into()), 1);
    let comparison = Comparison::new(&planted, &lint_findings(dir.path()).expect("lint runs"));
    assert!(!comparison.is_exact());
    assert_eq!(comparison.missing.len(), 1);
    assert_eq!(comparison.missing[0].path, "articles/nowhere.md");
    assert_eq!(comparison.extra.len(), 1);
    assert_eq!(
        (
            comparison.extra[0].path.clone(),
            comparison.extra[0].code.clone()
        ),
        first
    );
    assert_eq!(comparison.extra[0].messages.len(), 1);
    let text = comparison.to_string();
    assert!(text.contains("1 missing, 1 extra"), "{text}");
    assert!(
        text.contains("\nmissing ED001 articles/nowhere.md: planted 1, found 0"),
        "{text}"
    );
}

#[test]
fn articles_average_about_eight_kilobytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let manifest = generated(dir.path(), 60, 0.0);
    let average = manifest.bytes / manifest.articles as u64;
    assert!(
        (7_000..=9_000).contains(&average),
        "average article is {average} bytes"
    );
}
