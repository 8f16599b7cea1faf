//! `copydesk lint --changed-since`: the real binary in a throw-away git repository holding the
//! example newsroom, with the lint index in `.copydesk-cache`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

const NOW: &str = "2026-06-01T00:00:00Z";
const OPENAI: &str = "articles/2026/05/openai-breaks-microsofts-hold.md";
const EXODUS: &str = "articles/2026/05/ai-staff-exodus.md";
const MUSK: &str = "articles/2026/05/musk-v-altman.md";

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

/// The example newsroom committed in a new repository.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom");
    copy_dir(&example, dir.path());
    git(dir.path(), &["init", "--quiet"]);
    git(dir.path(), &["config", "user.name", "Test Desk"]);
    git(dir.path(), &["config", "user.email", "desk@example.com"]);
    git(dir.path(), &["config", "commit.gpgsign", "false"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "--quiet", "-m", "newsroom"]);
    dir
}

fn lint(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("copydesk").expect("binary built");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["lint", "--now", NOW])
        .args(args);
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(mut cmd: Command) -> Run {
    let output = cmd.output().expect("runs");
    Run {
        code: output.status.code().expect("exit code"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

fn edit(dir: &Path, relative: &str, from: &str, to: &str) {
    let path = dir.join(relative);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{relative} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn a_clean_tree_lints_nothing_and_the_index_is_written_ignored_and_tagged() {
    let repo = repository();
    let dir = repo.path();
    let warm = run(lint(dir, &[]));
    assert_eq!(
        (warm.code, warm.stdout.as_str()),
        (0, ""),
        "{}",
        warm.stderr
    );
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
    let out = Process::new("git")
        .arg("-C")
        .arg(dir)
        .args(["status", "--porcelain"])
        .output()
        .expect("git status");
    assert!(out.stdout.is_empty(), "the cache is ignored by git");

    let clean = run(lint(dir, &["--changed-since", "HEAD"]));
    assert_eq!(
        (clean.code, clean.stdout.as_str()),
        (0, ""),
        "{}",
        clean.stderr
    );
    assert!(
        clean.stderr.contains("0 linted, 4 from the lint index"),
        "{}",
        clean.stderr
    );
}

#[test]
fn changed_articles_are_linted_and_corpus_rules_see_every_article() {
    let repo = repository();
    let dir = repo.path();
    assert_eq!(run(lint(dir, &[])).code, 0);

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

    let full = run(lint(dir, &["--no-cache", "--format", "concise"]));
    let changed = run(lint(
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
    assert!(changed.stdout.contains("RF003"), "{}", changed.stdout);
    let summary = run(lint(dir, &["--changed-since", "HEAD"]));
    assert!(
        summary
            .stderr
            .contains("checked 4 files (2 linted, 2 from the lint index)"),
        "{}",
        summary.stderr
    );
}

#[test]
fn a_changed_configuration_lints_everything() {
    let repo = repository();
    let dir = repo.path();
    assert_eq!(run(lint(dir, &[])).code, 0);
    edit(
        dir,
        "copydesk.toml",
        "select = [\"ALL\"]",
        "select = [\"ALL\"]\nignore = [\"ED\"]",
    );
    let result = run(lint(dir, &["--changed-since", "HEAD", "--verbose"]));
    assert_eq!(result.code, 0, "{}{}", result.stdout, result.stderr);
    assert!(
        result.stderr.contains("copydesk.toml changed"),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("4 linted, 0 from the lint index"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_corrupt_index_is_rebuilt_without_a_warning() {
    let repo = repository();
    let dir = repo.path();
    assert_eq!(run(lint(dir, &[])).code, 0);
    let index = dir.join(".copydesk-cache/lint-index");
    let bytes = fs::read(&index).expect("index");
    fs::write(&index, &bytes[..bytes.len() / 2]).expect("truncate");
    let result = run(lint(dir, &["--changed-since", "HEAD"]));
    assert_eq!((result.code, result.stdout.as_str()), (0, ""));
    assert!(!result.stderr.contains("warning:"), "{}", result.stderr);
    assert!(!result.stderr.contains("note:"), "{}", result.stderr);
    assert!(
        result.stderr.contains("4 linted, 0 from the lint index"),
        "{}",
        result.stderr
    );
    let verbose = run(lint(dir, &["--changed-since", "HEAD", "--verbose"]));
    assert!(
        verbose.stderr.contains("4 from the lint index"),
        "rebuilt: {}",
        verbose.stderr
    );
    fs::write(&index, b"garbage").expect("write");
    let verbose = run(lint(dir, &["--changed-since", "HEAD", "--verbose"]));
    assert_eq!(verbose.code, 0);
    assert!(
        verbose.stderr.contains("the lint index is corrupt"),
        "{}",
        verbose.stderr
    );
}

#[test]
fn no_cache_and_cache_dir() {
    let repo = repository();
    let dir = repo.path();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let cache: PathBuf = elsewhere.path().join("index");
    let cache_arg = cache.to_str().expect("utf-8 path");
    assert_eq!(run(lint(dir, &["--cache-dir", cache_arg])).code, 0);
    assert!(cache.join("lint-index").is_file());
    assert!(!dir.join(".copydesk-cache").exists());
    let result = run(lint(
        dir,
        &["--changed-since", "HEAD", "--cache-dir", cache_arg],
    ));
    assert!(
        result.stderr.contains("4 from the lint index"),
        "{}",
        result.stderr
    );
    let result = run(lint(dir, &["--changed-since", "HEAD", "--no-cache"]));
    assert_eq!(result.code, 0);
    assert!(
        result.stderr.contains("4 linted, 0 from the lint index"),
        "{}",
        result.stderr
    );
    assert!(!dir.join(".copydesk-cache").exists());
}

/// `--index-dir` and `--no-index` are the flags' names; `--cache-dir` and `--no-cache`
/// (tested above) still work and are not shown in `--help`.
#[test]
fn no_index_and_index_dir() {
    let repo = repository();
    let dir = repo.path();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let index: PathBuf = elsewhere.path().join("index");
    let index_arg = index.to_str().expect("utf-8 path");
    assert_eq!(run(lint(dir, &["--index-dir", index_arg])).code, 0);
    assert!(index.join("lint-index").is_file());
    assert!(!dir.join(".copydesk-cache").exists());
    let result = run(lint(
        dir,
        &["--changed-since", "HEAD", "--index-dir", index_arg],
    ));
    assert!(
        result.stderr.contains("0 linted, 4 from the lint index"),
        "{}",
        result.stderr
    );
    let result = run(lint(dir, &["--changed-since", "HEAD", "--no-index"]));
    assert_eq!(result.code, 0);
    assert!(
        result.stderr.contains("4 linted, 0 from the lint index"),
        "{}",
        result.stderr
    );
    assert!(!dir.join(".copydesk-cache").exists());
    // Both spellings at once conflict, as the new names do.
    let result = run(lint(dir, &["--no-cache", "--index-dir", index_arg]));
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
    let result = run(lint(repo.path(), &["--changed-since", "no-such-branch"]));
    assert_eq!(result.code, 2);
    assert!(
        result
            .stderr
            .contains("unknown git revision `no-such-branch`"),
        "{}",
        result.stderr
    );
    let plain = tempfile::tempdir().expect("temp dir");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom"),
        plain.path(),
    );
    let result = run(lint(plain.path(), &["--changed-since", "HEAD"]));
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("not inside a git repository"),
        "{}",
        result.stderr
    );
}
