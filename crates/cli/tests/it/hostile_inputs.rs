//! The shape of reports on inputs built to blow up: what stays bounded per finding. The
//! resource figures at full size come from `bench/hostile.sh` (see docs/benchmarks.md).

use crate::common;

use common::{PROSE, TempNewsroom, article_text};

fn json_of(newsroom: &TempNewsroom, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let output = newsroom.lint(&all).output().expect("runs");
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

#[test]
fn a_shared_slug_is_reported_once_per_file_with_a_few_notes_and_a_count() {
    let newsroom = TempNewsroom::new();
    let copies = 9;
    for i in 0..copies {
        newsroom.write(
            &format!("articles/2026/{:02}/same-story.md", i + 1),
            &article_text("same-story", &format!("Story number {i}"), "", PROSE),
        );
    }
    let report = json_of(&newsroom, &["--select", "RF003"]);
    let findings = report["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(findings.len(), copies, "one finding per file");
    for finding in findings {
        assert_eq!(
            finding["message"],
            "slug `same-story` is shared by 9 articles: 3 noted and 5 other files"
        );
        let related = finding["related"].as_array().expect("related");
        assert_eq!(related.len(), 3, "{finding:#}");
        // Notes point at other files, never at the finding's own.
        assert!(related.iter().all(|r| r["path"] != finding["path"]));
    }
}

#[test]
fn a_small_shared_slug_group_notes_every_other_copy() {
    let newsroom = TempNewsroom::new();
    for month in ["04", "05", "06"] {
        newsroom.write(
            &format!("articles/2026/{month}/same-story.md"),
            &article_text("same-story", "Same Story", "", PROSE),
        );
    }
    let report = json_of(&newsroom, &["--select", "RF003"]);
    let findings = report["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(findings.len(), 3);
    for finding in findings {
        assert_eq!(
            finding["message"],
            "slug `same-story` is shared by 3 articles"
        );
        assert_eq!(finding["related"].as_array().map(Vec::len), Some(2));
    }
}

#[test]
fn columns_on_a_long_line_with_many_findings_are_exact() {
    // One line of vague links (MD006) after a multi-byte prefix: each column is counted in
    // characters from the line start, from one index of the file.
    let newsroom = TempNewsroom::new();
    let links = 2_000;
    let line = format!("Çà {}", "[here](https://example.com/) ".repeat(links));
    newsroom.article("long-line", "A Long Line", &format!("{PROSE}\n{line}\n"));
    let report = json_of(&newsroom, &["--select", "MD006"]);
    let findings = report["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(findings.len(), links);
    for (i, finding) in findings.iter().enumerate() {
        // "Çà " is 3 characters; each link is 29 characters; each finding starts at its `[`.
        assert_eq!(finding["start"]["column"], 3 + 29 * i + 1, "{finding:#}");
    }
    // The default format agrees on the first and last.
    let output = newsroom
        .lint(&["--select", "MD006", "--format", "concise"])
        .output()
        .expect("runs");
    let concise = String::from_utf8(output.stdout).expect("utf-8");
    let last = concise.lines().last().expect("findings");
    assert!(
        last.contains(&format!(":{}: MD006", 3 + 29 * (links - 1) + 1)),
        "{last}"
    );
}
