//! `copydesk lint --write-baseline`, `--baseline` and `[lint] baseline`: the real binary on a
//! throw-away newsroom whose articles carry known findings.

use crate::common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use common::{Run, copydesk_in, edit, run, write};

const NOW: &str = "2026-06-01T00:00:00Z";
const PORT: &str = "articles/port-strike.md";
const RAIL: &str = "articles/rail-deal.md";

fn article(title: &str, slug: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nslug = \"{slug}\"\ndek = \"What happened and why it matters.\"\nauthors = [\"ryan\"]\ndesk = \"news\"\nstatus = \"published\"\npublished = 2026-05-06T14:25:00Z\n+++\n\n{body}\n"
    )
}

/// A newsroom with two articles: the port story has a vague link and a filler phrase, the
/// rail story a vague link.
fn newsroom() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(
        &root.join("copydesk.toml"),
        "[desks.news]\nname = \"News\"\n",
    );
    write(&root.join("authors/ryan.toml"), "name = \"Ryan\"\n");
    write(
        &root.join(PORT),
        &article(
            "Port strike ends",
            "port-strike",
            "Dockworkers returned on Monday after a week off the job.\n\nThe union posted the terms, which you can read [here](https://example.com/terms).\n\nIn conclusion, the port reopened.",
        ),
    );
    write(
        &root.join(RAIL),
        &article(
            "Rail deal signed",
            "rail-deal",
            "The operators signed the deal on Tuesday.\n\nThe full text is [here](https://example.com/rail).",
        ),
    );
    dir
}

fn lint(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = copydesk_in(dir);
    cmd.args([
        "lint",
        "--now",
        NOW,
        "--format",
        "concise",
        "--fail-on",
        "info",
    ])
    .args(args);
    cmd
}

/// The codes of the reported findings, `path:CODE`, in report order.
fn codes(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|line| {
            let (path, rest) = line.split_once(':')?;
            let code = rest
                .split_whitespace()
                .find(|w| w.len() == 5 && w.chars().take(2).all(|c| c.is_ascii_uppercase()))?;
            Some(format!("{path}:{code}"))
        })
        .collect()
}

/// Asserts that `out` reports exactly the findings `expected` (`path:CODE`, in report order).
fn assert_codes(out: &Run, expected: &[&str]) {
    assert_eq!(codes(&out.stdout), expected, "{}{}", out.stdout, out.stderr);
}

/// `lint --baseline baseline.json`, then `more`.
fn lint_against_baseline(dir: &Path, more: &[&str]) -> Run {
    run(lint(dir, &["--baseline", "baseline.json"]).args(more))
}

/// The test newsroom with its findings written to `baseline.json`.
fn baselined() -> tempfile::TempDir {
    let repo = newsroom();
    write_baseline(repo.path());
    repo
}

fn write_baseline(dir: &Path) -> serde_json::Value {
    let written = run(&mut lint(dir, &["--write-baseline", "baseline.json"]));
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert!(written.stdout.is_empty(), "{}", written.stdout);
    written.assert_stderr_has("wrote 3 findings to the baseline baseline.json");
    let text = fs::read_to_string(dir.join("baseline.json")).expect("written");
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn the_newsroom_has_the_findings_the_tests_rely_on() {
    let repo = newsroom();
    let out = run(&mut lint(repo.path(), &[]));
    assert_codes(
        &out,
        &[
            "articles/port-strike.md:MD006",
            "articles/port-strike.md:ED006",
            "articles/rail-deal.md:MD006",
        ],
    );
    assert_eq!(out.code, 1);
}

#[test]
fn the_written_baseline_is_sorted_versioned_and_matches_its_schema() {
    let repo = newsroom();
    let baseline = write_baseline(repo.path());
    assert_eq!(baseline["version"], 1);
    let entries = baseline["entries"].as_array().expect("entries");
    let keys: Vec<(String, String)> = entries
        .iter()
        .map(|e| {
            (
                e["path"].as_str().expect("path").to_string(),
                e["code"].as_str().expect("code").to_string(),
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            (PORT.to_string(), "ED006".to_string()),
            (PORT.to_string(), "MD006".to_string()),
            (RAIL.to_string(), "MD006".to_string()),
        ]
    );
    assert!(
        entries
            .iter()
            .all(|e| e["fingerprint"].as_str().is_some_and(|f| f.len() == 16))
    );
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/baseline.schema.json"),
        )
        .expect("schema committed"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    assert!(validator.is_valid(&baseline));
    // Pretty, one key a line, so a review shows which entries changed.
    let text = fs::read_to_string(repo.path().join("baseline.json")).expect("written");
    assert!(
        text.contains("\n      \"path\": \"articles/port-strike.md\",\n"),
        "{text}"
    );
}

#[test]
fn a_baselined_newsroom_reports_nothing_even_after_edits_above_the_findings() {
    let repo = baselined();
    let dir = repo.path();
    let clean = lint_against_baseline(dir, &[]);
    clean.assert_silent_success();
    // Paragraphs added above every finding move them down the file; they stay matched.
    edit(
        dir,
        PORT,
        "Dockworkers returned",
        "A new lede paragraph.\n\nAnother one, for the web.\n\nDockworkers returned",
    );
    edit(
        dir,
        RAIL,
        "The operators",
        "Updated background.\n\nThe operators",
    );
    let moved = lint_against_baseline(dir, &[]);
    moved.assert_silent_success();
    moved.assert_stderr_lacks("no longer match");
}

#[test]
fn a_new_instance_of_a_baselined_fault_is_reported_and_counts_are_kept() {
    let repo = baselined();
    let dir = repo.path();
    // The same vague link in a new paragraph of the same file: new.
    edit(
        dir,
        RAIL,
        "The full text",
        "The annex is [here](https://example.com/annex).\n\nThe full text",
    );
    let out = lint_against_baseline(dir, &[]);
    assert_codes(&out, &["articles/rail-deal.md:MD006"]);
    // Column 14 is the new link ("The annex is [here]"); the baselined one is at column 18.
    assert!(
        out.stdout.contains(":13:14:"),
        "the new line is reported: {}",
        out.stdout
    );
    assert_eq!(out.code, 1);
    // An identical paragraph twice: one entry matches one finding, the copy is new.
    let repo = baselined();
    let dir = repo.path();
    edit(
        dir,
        RAIL,
        "The full text is [here](https://example.com/rail).",
        "The full text is [here](https://example.com/rail).\n\nThe full text is [here](https://example.com/rail).",
    );
    let out = lint_against_baseline(dir, &[]);
    assert_codes(&out, &["articles/rail-deal.md:MD006"]);
}

#[test]
fn stale_entries_are_reported_as_info_and_dropped_when_rewritten() {
    let repo = baselined();
    let dir = repo.path();
    edit(dir, PORT, "In conclusion, the", "The");
    let out = lint_against_baseline(dir, &["--verbose"]);
    out.assert_silent_success();
    out.assert_stderr_has("info: 1 entry of the baseline baseline.json no longer matches a finding; `copydesk lint --write-baseline baseline.json` drops it");
    out.assert_stderr_has("  articles/port-strike.md: ED006");
    let rewritten = run(&mut lint(dir, &["--write-baseline", "baseline.json"]));
    rewritten.assert_stderr_has("wrote 2 findings");
    let again = lint_against_baseline(dir, &[]);
    again.assert_stderr_lacks("no longer match");
    assert_eq!(again.code, 0);
}

#[test]
fn the_config_key_names_the_baseline_relative_to_copydesk_toml() {
    let repo = newsroom();
    let dir = repo.path();
    fs::create_dir_all(dir.join("ci")).expect("mkdir");
    let written = run(&mut lint(dir, &["--write-baseline", "ci/baseline.json"]));
    assert_eq!(written.code, 0, "{}", written.stderr);
    write(
        &dir.join("copydesk.toml"),
        "[desks.news]\nname = \"News\"\n[lint]\nbaseline = \"ci/baseline.json\"\n",
    );
    // Run from a subdirectory: the path is the config file's, not the working directory's.
    let mut cmd = lint(dir, &[]);
    cmd.current_dir(dir.join("articles"));
    let out = run(&mut cmd);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    // Every finding is in the baseline: nothing is reported (the concise format prints no
    // summary line).
    assert_eq!(out.stdout, "", "{}", out.stderr);
    // A missing baseline is an error, not an empty one.
    fs::remove_file(dir.join("ci/baseline.json")).expect("remove");
    let out = run(&mut lint(dir, &[]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    out.assert_stderr_has("ci/baseline.json");
}

#[test]
fn an_invalid_baseline_is_a_usage_error() {
    let repo = newsroom();
    let dir = repo.path();
    write(
        &dir.join("baseline.json"),
        "{\"version\": 7, \"entries\": []}",
    );
    let out = lint_against_baseline(dir, &[]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("has version 7");
}

#[test]
fn with_changed_since_only_changed_files_entries_can_be_stale() {
    let repo = baselined();
    let dir = repo.path();
    common::git_commit_everything(dir);
    // Fix the rail story's vague link and add a new one to it; the port story is unchanged.
    edit(
        dir,
        RAIL,
        "is [here](https://example.com/rail)",
        "is [on the ministry site](https://example.com/rail)",
    );
    edit(
        dir,
        RAIL,
        "The operators signed",
        "Read the memo [here](https://example.com/memo).\n\nThe operators signed",
    );
    let out = lint_against_baseline(dir, &["--changed-since", "HEAD", "--verbose"]);
    assert_codes(&out, &["articles/rail-deal.md:MD006"]);
    // The rail entry is stale; the port story's entries were not checked, so they are not.
    out.assert_stderr_has("info: 1 entry of the baseline");
    out.assert_stderr_has("  articles/rail-deal.md: MD006");
    // Re-writing from the partial run keeps the unchecked file's entries.
    let rewritten = run(&mut lint(
        dir,
        &[
            "--write-baseline",
            "baseline.json",
            "--changed-since",
            "HEAD",
        ],
    ));
    rewritten.assert_stderr_has("wrote 3 findings");
    let full = lint_against_baseline(dir, &[]);
    assert_eq!(full.stdout, "");
    full.assert_stderr_lacks("no longer match");
}

#[test]
fn with_fix_the_fixed_findings_entries_become_stale_and_the_rest_stay_matched() {
    let repo = newsroom();
    let dir = repo.path();
    // A fixable finding: straight and curly quotes mixed in one article (ED005).
    edit(
        dir,
        PORT,
        "Dockworkers returned",
        "“Back to work,” the union said. Dockworkers returned",
    );
    edit(
        dir,
        PORT,
        "In conclusion",
        "\"Finally,\" a clerk said.\n\nIn conclusion",
    );
    let before = run(&mut lint(dir, &[]));
    assert!(
        codes(&before.stdout).contains(&"articles/port-strike.md:ED005".to_string()),
        "{}",
        before.stdout
    );
    let written = run(&mut lint(dir, &["--write-baseline", "baseline.json"]));
    assert_eq!(written.code, 0, "{}", written.stderr);
    let out = lint_against_baseline(dir, &["--fix", "--verbose"]);
    out.assert_stderr_has("fixed articles/port-strike.md: ED005");
    assert_eq!(out.stdout, "", "{}", out.stderr);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stderr_has("  articles/port-strike.md: ED005");
}
