//! `copydesk lint --changed-since`: the real binary in a throw-away git repository holding the
//! example newsroom, with the lint index in `.copydesk-cache`.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::{copy_dir, copydesk_in, edit, example_newsroom, run};

const NOW: &str = "2026-06-01T00:00:00Z";
const OPENAI: &str = "articles/2026/05/openai-breaks-microsofts-hold.md";
const EXODUS: &str = "articles/2026/05/ai-staff-exodus.md";
const MUSK: &str = "articles/2026/05/musk-v-altman.md";

/// The example newsroom committed in a new repository.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&example_newsroom(), dir.path());
    common::git_commit_everything(dir.path());
    dir
}

/// The repository after one clean lint, which wrote the lint index.
fn indexed_repository() -> tempfile::TempDir {
    let repo = repository();
    assert_eq!(run(&mut lint(repo.path(), &[])).code, 0);
    repo
}

fn lint(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = copydesk_in(dir);
    cmd.args(["lint", "--now", NOW]).args(args);
    cmd
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn a_clean_tree_lints_nothing_and_the_index_is_written_ignored_and_tagged() {
    let repo = repository();
    let dir = repo.path();
    let warm = run(&mut lint(dir, &[]));
    warm.assert_silent_success();
    let cache = dir.join(".copydesk-cache");
    assert!(cache.join("lint-index").is_file());
    assert_eq!(
        fs::read_to_string(cache.join(".gitignore")).expect("gitignore"),
        "# Automatically created by copydesk.\n*\n"
    );
    assert!(
        fs::read_to_string(cache.join("CACHEDIR.TAG"))
            .expect("tag")
            .starts_with("Signature: 8a477f597d28d172789f06886806bc55")
    );
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["status", "--porcelain"])
        .output()
        .expect("git status");
    assert!(out.stdout.is_empty(), "the cache is ignored by git");

    let clean = run(&mut lint(dir, &["--changed-since", "HEAD"]));
    clean.assert_silent_success();
    clean.assert_stderr_has("0 linted, 4 from the lint index");
}

#[test]
fn changed_articles_are_linted_and_corpus_rules_see_every_article() {
    let repo = indexed_repository();
    let dir = repo.path();

    // A per-article fault in an edited file, a deleted article others relate to, and an
    // untracked article reusing a slug.
    edit(
        dir,
        OPENAI,
        "\n+++\n",
        "\n+++\n\nThis is a paragraph in which it is important to note that nothing is cited.\n",
    );
    fs::remove_file(dir.join(MUSK)).expect("delete");
    let copy = fs::read_to_string(dir.join(EXODUS)).expect("read");
    fs::write(dir.join("articles/2026/05/ai-staff-exodus-copy.md"), copy).expect("write");

    let full = run(&mut lint(dir, &["--no-cache", "--format", "concise"]));
    let changed = run(&mut lint(
        dir,
        &["--changed-since", "HEAD", "--format", "concise"],
    ));
    assert_eq!(full.code, 1, "{}", full.stdout);
    assert_eq!(changed.code, 1, "{}", changed.stdout);

    // Every finding of the incremental run is one of the full run's; the full run's findings
    // in unchanged files that are missing are per-article ones.
    let full_lines = lines(&full.stdout);
    let changed_lines = lines(&changed.stdout);
    for line in &changed_lines {
        assert!(full_lines.contains(line), "{line} not in the full lint");
    }
    for line in &full_lines {
        let in_changed_file = line.contains("openai-breaks") || line.contains("exodus-copy");
        let corpus = ["RF003", "RF004", "RF008", "RF009", "ED008"]
            .iter()
            .any(|code| line.contains(code))
            || line.contains("suppresses nothing");
        if in_changed_file || corpus {
            assert!(
                changed_lines.contains(line),
                "{line} missing from the incremental lint"
            );
        }
    }
    // The deletion is caught in a file that did not change.
    assert!(
        changed_lines
            .iter()
            .any(|line| line.contains("ai-staff-exodus.md") && line.contains("RF004")),
        "{}",
        changed.stdout
    );
    // The duplicated slug is reported on both files.
    changed.assert_stdout_has("RF003");
    let summary = run(&mut lint(dir, &["--changed-since", "HEAD"]));
    summary.assert_stderr_has("checked 4 files (2 linted, 2 from the lint index)");
}

#[test]
fn a_changed_configuration_lints_everything() {
    let repo = indexed_repository();
    let dir = repo.path();
    edit(
        dir,
        "copydesk.toml",
        "select = [\"ALL\"]",
        "select = [\"ALL\"]\nignore = [\"ED\"]",
    );
    let result = run(&mut lint(dir, &["--changed-since", "HEAD", "--verbose"]));
    assert_eq!(result.code, 0, "{}{}", result.stdout, result.stderr);
    result.assert_stderr_has("copydesk.toml changed");
    result.assert_stderr_has("4 linted, 0 from the lint index");
}

#[test]
fn a_corrupt_index_is_rebuilt_without_a_warning() {
    let repo = indexed_repository();
    let dir = repo.path();
    let index = dir.join(".copydesk-cache/lint-index");
    let bytes = fs::read(&index).expect("index");
    fs::write(&index, &bytes[..bytes.len() / 2]).expect("truncate");
    let result = run(&mut lint(dir, &["--changed-since", "HEAD"]));
    result.assert_silent_success();
    result.assert_stderr_lacks("warning:");
    result.assert_stderr_lacks("note:");
    result.assert_stderr_has("4 linted, 0 from the lint index");
    let verbose = run(&mut lint(dir, &["--changed-since", "HEAD", "--verbose"]));
    assert!(
        verbose.stderr.contains("4 from the lint index"),
        "rebuilt: {}",
        verbose.stderr
    );
    fs::write(&index, b"garbage").expect("write");
    let verbose = run(&mut lint(dir, &["--changed-since", "HEAD", "--verbose"]));
    assert_eq!(verbose.code, 0);
    verbose.assert_stderr_has("the lint index is corrupt");
}

/// Lints with the index in `index`, outside the newsroom (`dir_flag`), where a second run
/// finds what the first left (`reused` in its summary), then with no index (`off_flag`):
/// neither leaves a `.copydesk-cache` in the newsroom.
fn index_outside_then_none(dir: &Path, index: &Path, dir_flag: &str, off_flag: &str, reused: &str) {
    let index_arg = index.to_str().expect("utf-8 path");
    assert_eq!(run(&mut lint(dir, &[dir_flag, index_arg])).code, 0);
    assert!(index.join("lint-index").is_file());
    assert!(!dir.join(".copydesk-cache").exists());
    let result = run(&mut lint(
        dir,
        &["--changed-since", "HEAD", dir_flag, index_arg],
    ));
    result.assert_stderr_has(reused);
    let result = run(&mut lint(dir, &["--changed-since", "HEAD", off_flag]));
    assert_eq!(result.code, 0);
    result.assert_stderr_has("4 linted, 0 from the lint index");
    assert!(!dir.join(".copydesk-cache").exists());
}

#[test]
fn no_cache_and_cache_dir() {
    let repo = repository();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    index_outside_then_none(
        repo.path(),
        &elsewhere.path().join("index"),
        "--cache-dir",
        "--no-cache",
        "4 from the lint index",
    );
}

/// `--index-dir` and `--no-index` are the flags' names; `--cache-dir` and `--no-cache`
/// (tested above) still work and are not shown in `--help`.
#[test]
fn no_index_and_index_dir() {
    let repo = repository();
    let dir = repo.path();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let index: PathBuf = elsewhere.path().join("index");
    index_outside_then_none(
        dir,
        &index,
        "--index-dir",
        "--no-index",
        "0 linted, 4 from the lint index",
    );
    let index_arg = index.to_str().expect("utf-8 path");
    // Both spellings at once conflict, as the new names do.
    let result = run(&mut lint(dir, &["--no-cache", "--index-dir", index_arg]));
    assert_eq!(result.code, 2, "{}", result.stderr);

    let help = lint(dir, &["--help"]).output().expect("runs");
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.contains("--index-dir") && help.contains("--no-index"),
        "{help}"
    );
    assert!(
        !help.contains("cache-dir") && !help.contains("no-cache"),
        "{help}"
    );
}

#[test]
fn an_unknown_revision_or_no_repository_is_a_tool_error() {
    let repo = repository();
    let result = run(&mut lint(
        repo.path(),
        &["--changed-since", "no-such-branch"],
    ));
    assert_eq!(result.code, 2);
    result.assert_stderr_has("unknown git revision `no-such-branch`");
    let plain = tempfile::tempdir().expect("temp dir");
    copy_dir(&example_newsroom(), plain.path());
    let result = run(&mut lint(plain.path(), &["--changed-since", "HEAD"]));
    assert_eq!(result.code, 2);
    result.assert_stderr_has("not inside a git repository");
}
