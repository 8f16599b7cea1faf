//! The editorial rules against labelled copy: `tests/corpus/wire` (written in-house in the
//! forms real wire copy uses) and `tests/corpus/real` (real published articles, see its
//! `SOURCES.md`). Every finding is labelled a true or a false positive in the corpus's
//! `labels.tsv`, next to the faults a copy editor marks that the rules miss, so precision
//! and recall cannot change without the labels changing with them. docs/accuracy.md reports
//! the figures this test computes (`cargo test -p copydesk --test it accuracy -- --nocapture`
//! prints them).

use crate::common::now;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use copydesk::{LineIndex, Newsroom};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(name)
}

/// (file name, line, code)
type Finding = (String, usize, String);

fn findings(name: &str) -> BTreeSet<Finding> {
    let newsroom = Newsroom::load(corpus(name)).expect("the corpus loads");
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

/// The labels of a corpus: every `tp` or `fp` row names one finding, at most once; `fn`
/// rows are misses and may share their line with a finding of the same rule (a second
/// fault on a line the rule reports for another reason).
struct Labels {
    /// (file, line, code) -> `tp` or `fp`
    verdicts: BTreeMap<Finding, String>,
    misses: Vec<Finding>,
}

fn labels(name: &str) -> Labels {
    let path = corpus(name).join("labels.tsv");
    let text = std::fs::read_to_string(&path).expect("labels.tsv reads");
    let mut labels = Labels {
        verdicts: BTreeMap::new(),
        misses: Vec::new(),
    };
    for line in text.lines().skip(1).filter(|line| !line.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert!(fields.len() >= 4, "{name}/labels.tsv: short row `{line}`");
        let line_no = fields[1].parse().expect("labels.tsv: line is a number");
        let key = (fields[0].to_string(), line_no, fields[2].to_string());
        assert!(
            corpus(name).join("articles").join(&key.0).is_file(),
            "{name}/labels.tsv: no article `{}`",
            key.0
        );
        match fields[3] {
            "fn" => labels.misses.push(key),
            verdict @ ("tp" | "fp") => {
                let previous = labels.verdicts.insert(key.clone(), verdict.to_string());
                assert!(
                    previous.is_none(),
                    "{name}/labels.tsv: {key:?} is labelled twice"
                );
            }
            verdict => panic!("{name}/labels.tsv: verdict `{verdict}` is not tp, fp or fn"),
        }
    }
    labels
}

fn check_findings_match_labels(name: &str) {
    let found = findings(name);
    let labels = labels(name);
    let mut problems = Vec::new();
    for finding in &found {
        if !labels.verdicts.contains_key(finding) {
            if labels.misses.contains(finding) {
                problems.push(format!(
                    "{name}: {finding:?} is labelled a miss but is now found: relabel it"
                ));
            } else {
                problems.push(format!("{name}: {finding:?} is found but has no label"));
            }
        }
    }
    for (label, verdict) in &labels.verdicts {
        if !found.contains(label) {
            problems.push(format!(
                "{name}: {label:?} is labelled {verdict} but is no longer found"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Per rule: (true positives, false positives, misses).
fn counts(name: &str) -> BTreeMap<String, [usize; 3]> {
    let labels = labels(name);
    let mut per_rule: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for ((_, _, code), verdict) in &labels.verdicts {
        let counts = per_rule.entry(code.clone()).or_default();
        match verdict.as_str() {
            "tp" => counts[0] += 1,
            _ => counts[1] += 1,
        }
    }
    for (_, _, code) in &labels.misses {
        per_rule.entry(code.clone()).or_default()[2] += 1;
    }
    per_rule
}

fn ratio(numerator: usize, denominator: usize) -> Option<f64> {
    (denominator > 0).then(|| numerator as f64 / denominator as f64)
}

/// Checks every rule's precision and recall on a corpus against floors, printing the table
/// docs/accuracy.md reports.
#[allow(
    clippy::print_stderr,
    reason = "the table is the test's report, shown with --nocapture"
)]
fn check_floors(
    name: &str,
    precision_floor: &dyn Fn(&str) -> f64,
    recall_floor: &dyn Fn(&str) -> f64,
) {
    let mut problems = Vec::new();
    eprintln!("{name}: rule, true, false, missed, precision, recall");
    for (code, [tp, fp, missed]) in counts(name) {
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + missed);
        eprintln!(
            "{name}: {code}, {tp}, {fp}, {missed}, {}, {}",
            precision.map_or("-".into(), |p| format!("{:.0}%", p * 100.0)),
            recall.map_or("-".into(), |r| format!("{:.0}%", r * 100.0)),
        );
        if let Some(precision) = precision {
            let floor = precision_floor(&code);
            if precision < floor {
                problems.push(format!(
                    "{name}: {code} precision {precision:.2} under {floor:.2}"
                ));
            }
        }
        if let Some(recall) = recall {
            let floor = recall_floor(&code);
            if recall < floor {
                problems.push(format!(
                    "{name}: {code} recall {recall:.2} under {floor:.2}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn wire_findings_match_their_labels() {
    check_findings_match_labels("wire");
}

#[test]
fn real_findings_match_their_labels() {
    check_findings_match_labels("real");
}

/// The targets: every rule at 90% precision, ED003 at 85% recall.
#[test]
fn wire_precision_and_recall_reach_the_targets() {
    check_floors("wire", &|_| 0.9, &|code| {
        if code == "ED003" { 0.85 } else { 0.0 }
    });
}

/// On published copy the targets of issue 15 hold too: every rule at 90% precision, ED003
/// at 85% recall (49 of 57 claims a copy editor marks; docs/accuracy.md lists the misses).
/// Rules whose recall is below 100% keep the measured figure as a floor, so a change to a
/// rule or a label that lowers it fails here; one that raises it should raise the floor.
#[test]
fn real_precision_and_recall_hold_their_floors() {
    check_floors("real", &|_| 0.9, &|code| match code {
        "ED003" => 0.85,
        // 7 of 8: a wrong-way apostrophe is not a mix of styles.
        "ED005" => 0.87,
        _ => 0.0,
    });
}
