//! A generated corpus lints to exactly its planted faults: nothing missed, nothing extra.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::DateTime;
use copydesk::Config;
use copydesk_bench::{Options, generate};

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

fn findings(root: &Path) -> BTreeMap<(String, String), usize> {
    let config = Config::load(&root.join("copydesk.toml")).expect("generated config loads");
    let files = copydesk::list_files(root, &root.join(&config.paths.articles), "md")
        .expect("articles are listed");
    let now = DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").expect("valid date");
    let report = copydesk::lint_files(root, &config, &files, now).expect("lint runs");
    let mut found = BTreeMap::new();
    for diagnostic in &report.diagnostics {
        let path = diagnostic
            .path
            .strip_prefix(root)
            .unwrap_or(&diagnostic.path)
            .to_string_lossy()
            .replace('\\', "/");
        *found
            .entry((path, diagnostic.code.to_string()))
            .or_default() += 1;
    }
    found
}

#[test]
fn findings_are_exactly_the_planted_faults() {
    let dir = tempfile::tempdir().expect("temp dir");
    let manifest = generated(dir.path(), 150, 0.3);
    assert!(!manifest.faults.is_empty(), "some faults are planted");
    let mut planted = BTreeMap::new();
    for fault in &manifest.faults {
        *planted
            .entry((fault.path.clone(), fault.code.to_string()))
            .or_default() += 1;
    }
    assert_eq!(findings(dir.path()), planted);
}

#[test]
fn a_clean_corpus_lints_clean() {
    let dir = tempfile::tempdir().expect("temp dir");
    let manifest = generated(dir.path(), 120, 0.0);
    assert!(manifest.faults.is_empty());
    assert_eq!(findings(dir.path()), BTreeMap::new());
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
