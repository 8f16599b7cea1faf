//! The editorial rules against labelled copy (`tests/corpus/wire`): every finding is labelled
//! a true or a false positive in `labels.tsv`, next to the faults a copy editor marks that the
//! rules miss, so precision and recall cannot change without the labels changing with them.
//! docs/accuracy.md reports the figures this test computes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use copydesk::{LineIndex, Newsroom};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/wire")
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").expect("valid time")
}

/// (file name, line, code)
type Finding = (String, usize, String);

fn findings() -> BTreeSet<Finding> {
    let newsroom = Newsroom::load(corpus()).expect("the corpus loads");
    let report = newsroom.lint(now());
    report
        .diagnostics
        .iter()
        .map(|d| {
            let text = std::fs::read_to_string(&d.path).expect("the article reads");
            let line = LineIndex::new(&text).position(&text, d.span.start).line;
            let name = d
                .path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("UTF-8 file name")
                .to_string();
            (name, line, d.code.as_str().to_string())
        })
        .collect()
}

/// The labels: (file, line, code) -> verdict (`tp`, `fp` or `fn`).
fn labels() -> BTreeMap<Finding, String> {
    let text = std::fs::read_to_string(corpus().join("labels.tsv")).expect("labels.tsv reads");
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert!(fields.len() >= 4, "labels.tsv: short row `{line}`");
            let line_no = fields[1].parse().expect("labels.tsv: line is a number");
            let verdict = fields[3].to_string();
            assert!(
                matches!(verdict.as_str(), "tp" | "fp" | "fn"),
                "labels.tsv: verdict `{verdict}` is not tp, fp or fn"
            );
            (
                (fields[0].to_string(), line_no, fields[2].to_string()),
                verdict,
            )
        })
        .collect()
}

#[test]
fn findings_match_their_labels() {
    let found = findings();
    let labels = labels();
    let mut problems = Vec::new();
    for finding in &found {
        match labels.get(finding).map(String::as_str) {
            Some("tp" | "fp") => {}
            Some(_) => problems.push(format!(
                "{finding:?} is labelled a miss but is now found: relabel it"
            )),
            None => problems.push(format!("{finding:?} is found but has no label")),
        }
    }
    for (label, verdict) in &labels {
        if verdict != "fn" && !found.contains(label) {
            problems.push(format!(
                "{label:?} is labelled {verdict} but is no longer found"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn precision_and_recall_hold() {
    let labels = labels();
    let mut per_rule: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for ((_, _, code), verdict) in &labels {
        let counts = per_rule.entry(code.as_str()).or_default();
        match verdict.as_str() {
            "tp" => counts[0] += 1,
            "fp" => counts[1] += 1,
            _ => counts[2] += 1,
        }
    }
    for (code, [tp, fp, missed]) in &per_rule {
        if tp + fp > 0 {
            let precision = *tp as f64 / (tp + fp) as f64;
            assert!(
                precision >= 0.9,
                "{code}: precision {precision:.2} under 0.90"
            );
        }
        if *code == "ED003" {
            let recall = *tp as f64 / (tp + missed) as f64;
            assert!(recall >= 0.85, "ED003: recall {recall:.2} under 0.85");
        }
    }
}
