//! `--format gitlab`, `junit` and `checkstyle`, `--output-file` and `--statistics`, run
//! through the real binary. The GitLab report is validated against GitLab's documented format
//! (`tests/data/gitlab-codequality.schema.json`); the XML reports are parsed back with a
//! strict parser here and checked by xmllint in `formats_consumers.rs`.

use crate::common;

use std::path::Path;

use common::{PROSE, TempNewsroom, normalise};

/// Three findings in three files (a warning, an info with a safe fix, an error), one of them
/// in a file with characters XML and JSON must escape in its message.
fn newsroom() -> TempNewsroom {
    common::newsroom_with_three_findings("\"co<l>&or\\u001b\"")
}

fn stdout_of(newsroom: &TempNewsroom, args: &[&str]) -> String {
    let output = newsroom.lint(args).output().expect("runs");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    String::from_utf8(output.stdout).expect("utf-8")
}

fn gitlab(newsroom: &TempNewsroom) -> serde_json::Value {
    serde_json::from_str(&stdout_of(newsroom, &["--format", "gitlab"])).expect("JSON")
}

#[test]
fn gitlab_report_validates_against_the_documented_format() {
    let report = gitlab(&newsroom());
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/gitlab-codequality.schema.json"),
        )
        .expect("schema readable"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let issues = report.as_array().expect("an array");
    assert_eq!(issues.len(), 3);
    let severities: Vec<&str> = issues
        .iter()
        .filter_map(|i| i["severity"].as_str())
        .collect();
    assert!(severities.contains(&"major"), "{severities:?}");
    assert!(issues.iter().all(|i| {
        i["location"]["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("articles/2026/05/"))
    }));
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .filter_map(|i| i["fingerprint"].as_str())
        .collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), 3, "fingerprints are unique");
}

#[test]
fn gitlab_fingerprints_survive_edits_above_a_finding_and_not_on_it() {
    let newsroom = newsroom();
    let before = gitlab(&newsroom);
    let bad = newsroom.read("articles/2026/05/bad.md");
    let fingerprint_of_bad = |report: &serde_json::Value| {
        report
            .as_array()
            .expect("an array")
            .iter()
            .find(|i| i["location"]["path"] == "articles/2026/05/bad.md")
            .map(|i| {
                (
                    i["fingerprint"].clone(),
                    i["location"]["lines"]["begin"].clone(),
                )
            })
            .expect("bad.md has a finding")
    };
    let (fingerprint, line) = fingerprint_of_bad(&before);
    // Two lines added above the unknown key move it down but keep its fingerprint.
    newsroom.write(
        "articles/2026/05/bad.md",
        &bad.replacen("+++\n", "+++\n# a comment\n# another\n", 1),
    );
    let (moved, moved_line) = fingerprint_of_bad(&gitlab(&newsroom));
    assert_eq!(moved, fingerprint);
    assert_eq!(moved_line.as_u64(), line.as_u64().map(|l| l + 2));
    // Changing the flagged line itself makes it a new finding.
    newsroom.write(
        "articles/2026/05/bad.md",
        &bad.replace("\"red\"", "\"blue\""),
    );
    assert_ne!(fingerprint_of_bad(&gitlab(&newsroom)).0, fingerprint);
}

/// The child elements of `node`, without the text between them.
fn elements_of<'a, 'input>(node: roxmltree::Node<'a, 'input>) -> Vec<roxmltree::Node<'a, 'input>> {
    node.children()
        .filter(roxmltree::Node::is_element)
        .collect()
}

#[test]
fn junit_report_reads_back_as_one_suite_per_file() {
    let text = stdout_of(&newsroom(), &["--format", "junit"]);
    let document = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("failures"), Some("3"));
    let suites = elements_of(root);
    assert_eq!(suites.len(), 3);
    for suite in &suites {
        assert_eq!(suite.tag_name().name(), "testsuite");
        let cases = elements_of(*suite);
        assert_eq!(
            suite.attribute("tests"),
            Some(cases.len().to_string().as_str())
        );
        for case in cases {
            let failure = case.first_element_child().expect("a failure");
            assert_eq!(failure.tag_name().name(), "failure");
            assert!(failure.attribute("type").is_some_and(|t| t.len() >= 5));
        }
    }
    // The unknown key's message keeps its markup characters and shows the escape visibly.
    assert!(text.contains("co&lt;l&gt;&amp;or\\u{1b}"), "{text}");
}

#[test]
fn junit_report_of_a_clean_run_has_one_passing_case() {
    let newsroom = TempNewsroom::new();
    newsroom.article("clean", "Microsoft Keeps Its Stake", PROSE);
    let output = newsroom
        .lint(&["--format", "junit"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let document = roxmltree::Document::parse(&text).expect("well-formed XML");
    let cases: Vec<_> = document
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 1);
    assert!(cases[0].first_element_child().is_none(), "it passed");
}

#[test]
fn checkstyle_report_reads_back_with_one_file_element_per_file() {
    let text = stdout_of(&newsroom(), &["--format", "checkstyle"]);
    let document = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "checkstyle");
    assert_eq!(root.attribute("version"), Some("4.3"));
    let files = elements_of(root);
    assert_eq!(files.len(), 3);
    for file in files {
        assert_eq!(file.tag_name().name(), "file");
        for error in elements_of(file) {
            assert_eq!(error.tag_name().name(), "error");
            for attribute in ["line", "column", "severity", "message", "source"] {
                assert!(error.attribute(attribute).is_some(), "{attribute} missing");
            }
            assert!(
                error
                    .attribute("line")
                    .is_some_and(|l| l.parse::<u32>().is_ok())
            );
            assert!(
                error
                    .attribute("source")
                    .is_some_and(|s| s.starts_with("copydesk."))
            );
        }
    }
}

#[test]
fn new_formats_snapshot() {
    let newsroom = newsroom();
    for format in ["gitlab", "junit", "checkstyle"] {
        let text = stdout_of(&newsroom, &["--format", format]);
        insta::assert_snapshot!(format!("formats_{format}"), text);
    }
}

#[test]
fn statistics_table_and_json() {
    let newsroom = newsroom();
    let text = stdout_of(&newsroom, &["--statistics", "--quiet"]);
    insta::assert_snapshot!("statistics_text", text);
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&newsroom, &["--statistics", "--format", "json"]))
            .expect("JSON");
    let rows = json.as_array().expect("an array");
    assert_eq!(rows.len(), 3);
    let total: u64 = rows.iter().filter_map(|r| r["count"].as_u64()).sum();
    assert_eq!(total, 3);
    let fixable: u64 = rows.iter().filter_map(|r| r["fixable"].as_u64()).sum();
    assert_eq!(fixable, 1, "the stale suppression comment has a safe fix");
    assert!(
        rows.iter()
            .all(|r| r["code"].is_string() && r["name"].is_string())
    );
}

#[test]
fn output_file_gets_the_report_and_stdout_only_the_statistics() {
    let newsroom = newsroom();
    let expected = stdout_of(&newsroom, &["--format", "checkstyle"]);
    let output = newsroom
        .lint(&["--format", "checkstyle", "--output-file", "reports/cs.xml"])
        .output();
    // The directory must exist: a report is not written into a place that is not there.
    let output = output.expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("reports/cs.xml"), "{stderr}");

    std::fs::create_dir(newsroom.path("reports")).expect("mkdir");
    std::fs::write(newsroom.path("reports/cs.xml"), "old report").expect("write");
    let output = newsroom
        .lint(&["--format", "checkstyle", "--output-file", "reports/cs.xml"])
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit code as without the flag"
    );
    assert!(output.stdout.is_empty());
    assert_eq!(newsroom.read("reports/cs.xml"), expected);
    insta::assert_snapshot!("output_file_summary", normalise(&newsroom, &output.stderr));
    let leftovers: Vec<_> = std::fs::read_dir(newsroom.path("reports"))
        .expect("readable")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");

    let output = newsroom
        .lint(&[
            "--format",
            "gitlab",
            "--output-file",
            "reports/gl.json",
            "--statistics",
            "--quiet",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stderr.is_empty(), "--quiet keeps the summary back");
    let table = String::from_utf8(output.stdout).expect("utf-8");
    assert!(table.starts_with("code "), "{table}");
    let report: serde_json::Value =
        serde_json::from_str(&newsroom.read("reports/gl.json")).expect("JSON");
    assert_eq!(report.as_array().map(Vec::len), Some(3));
}

#[test]
fn output_file_keeps_a_clean_exit_code() {
    let newsroom = TempNewsroom::new();
    newsroom.article("clean", "Microsoft Keeps Its Stake", PROSE);
    let output = newsroom
        .lint(&["--format", "junit", "--output-file", "junit.xml", "--quiet"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty() && output.stderr.is_empty());
    assert!(newsroom.read("junit.xml").contains("<testsuites"));
}
