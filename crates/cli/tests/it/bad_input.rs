//! The bad-input matrix: odd files a writer's editor or a broken checkout can produce. Each
//! row asserts a one-line finding that names the file (and line:column where there is one),
//! the exit code (1 for content findings, 2 for tool errors) and that nothing panics.
//! `docs/reliability.md` lists the rows with the behaviour observed.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;

const NOW: &str = "2026-06-01T00:00:00Z";

/// A clean draft; tests add faults around it.
const CLEAN: &str = "+++\ntitle = \"Hello\"\ndek = \"A greeting.\"\nauthors = [\"ryan\"]\ndesk = \"ai\"\nstatus = \"draft\"\n+++\n\nSome prose here.\n";

fn newsroom(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("copydesk.toml"),
        format!("[desks.ai]\nname = \"AI\"\n{config}"),
    )
    .expect("write config");
    fs::create_dir_all(dir.path().join("authors")).expect("authors dir");
    fs::create_dir_all(dir.path().join("articles")).expect("articles dir");
    fs::write(dir.path().join("authors/ryan.toml"), "name = \"Ryan\"\n").expect("write author");
    dir
}

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Lints `dir` (or the `paths` given) in the one-line `concise` format.
fn lint(dir: &Path, paths: &[&str]) -> Outcome {
    let started = Instant::now();
    let output = Command::cargo_bin("copydesk")
        .expect("the binary is built")
        .current_dir(dir)
        .args(["lint", "--format", "concise", "--now", NOW])
        .args(paths)
        .timeout(Duration::from_secs(120))
        .output()
        .expect("runs");
    let outcome = Outcome {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        elapsed: started.elapsed(),
    };
    assert!(
        !outcome.stderr.contains("panicked"),
        "panic: {}",
        outcome.stderr
    );
    outcome
}

/// A fresh newsroom holding `bytes` as `articles/<name>`.
fn newsroom_with_article(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = newsroom("");
    fs::write(dir.path().join("articles").join(name), bytes).expect("write article");
    dir
}

/// Writes `bytes` as `articles/<name>` in a fresh newsroom and lints it.
fn lint_article(name: &str, bytes: &[u8]) -> Outcome {
    lint(newsroom_with_article(name, bytes).path(), &[])
}

/// What `lint` prints on stdout in the full format, which carries the hints.
fn full_format_stdout(dir: &Path) -> String {
    let output = Command::cargo_bin("copydesk")
        .expect("built")
        .current_dir(dir)
        .args(["lint", "--now", NOW])
        .output()
        .expect("runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Asserts exit 0 or 1: findings or none, but no tool error.
fn assert_linted(outcome: &Outcome) {
    assert!(matches!(outcome.code, Some(0 | 1)), "{}", outcome.stderr);
}

/// Asserts exit 1 and a finding line starting `articles/<prefix>` and containing `needle`.
fn assert_finding(outcome: &Outcome, prefix: &str, needle: &str) {
    assert_eq!(
        outcome.code,
        Some(1),
        "{}\n{}",
        outcome.stdout,
        outcome.stderr
    );
    let line = outcome
        .stdout
        .lines()
        .find(|line| line.starts_with(&format!("articles/{prefix}")) && line.contains(needle));
    assert!(
        line.is_some(),
        "no `articles/{prefix}… {needle}` in:\n{}",
        outcome.stdout
    );
}

fn assert_clean(outcome: &Outcome) {
    assert_eq!(
        outcome.code,
        Some(0),
        "{}\n{}",
        outcome.stdout,
        outcome.stderr
    );
    assert_eq!(outcome.stdout, "");
}

#[test]
fn empty_file() {
    let outcome = lint_article("hello.md", b"");
    assert_finding(
        &outcome,
        "hello.md:1:1: FM000",
        "no `+++` front matter block",
    );
}

#[test]
fn only_the_opening_delimiter() {
    let outcome = lint_article("hello.md", b"+++");
    assert_finding(&outcome, "hello.md:1:1: FM000", "never closed");
}

#[test]
fn unterminated_front_matter() {
    let outcome = lint_article("hello.md", b"+++\ntitle = \"Hello\"\n\nSome prose here.\n");
    assert_finding(&outcome, "hello.md:1:1: FM000", "never closed");
}

#[test]
fn yaml_front_matter_gets_a_hint() {
    let dir = newsroom_with_article("hello.md", b"---\ntitle: Hello\n---\n\nSome prose here.\n");
    let outcome = lint(dir.path(), &[]);
    assert_finding(&outcome, "hello.md:1:1: FM000", "not YAML");
    // The full format carries the hint.
    assert!(full_format_stdout(dir.path()).contains("replace the `---` lines with `+++`"));
}

#[test]
fn invalid_utf8() {
    let outcome = lint_article("hello.md", b"+++\ntitle = \"\xff\xfe\"\n+++\n");
    assert_finding(&outcome, "hello.md:2:10: FM000", "not valid UTF-8");
}

#[test]
fn utf16_with_bom() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in CLEAN.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let outcome = lint_article("hello.md", &bytes);
    assert_finding(&outcome, "hello.md:1:1: FM000", "not valid UTF-8");
    let dir = newsroom_with_article("hello.md", &bytes);
    assert!(full_format_stdout(dir.path()).contains("looks like UTF-16"));
}

#[test]
fn utf8_bom_is_accepted_and_positions_ignore_it() {
    assert_clean(&lint_article(
        "hello.md",
        format!("\u{feff}{CLEAN}").as_bytes(),
    ));
    let faulty = format!("\u{feff}{}", CLEAN.replace("draft", "drafty"));
    let outcome = lint_article("hello.md", faulty.as_bytes());
    assert_finding(&outcome, "hello.md:6:10: FM003", "drafty");
}

#[test]
fn crlf_and_mixed_line_endings() {
    assert_clean(&lint_article(
        "hello.md",
        CLEAN.replace('\n', "\r\n").as_bytes(),
    ));
    let mixed: String = CLEAN
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, line)| {
            if i % 2 == 0 {
                line.replace('\n', "\r\n")
            } else {
                line.to_string()
            }
        })
        .collect();
    assert_clean(&lint_article("hello.md", mixed.as_bytes()));
    // Positions count CRLF as one line break.
    let faulty = CLEAN.replace("draft", "drafty").replace('\n', "\r\n");
    let outcome = lint_article("hello.md", faulty.as_bytes());
    assert_finding(&outcome, "hello.md:6:10: FM003", "drafty");
}

#[test]
fn nul_bytes() {
    let outcome = lint_article("hello.md", b"+++\ntitle = \"He\0llo\"\n+++\n\nbody\n");
    assert_finding(&outcome, "hello.md:2:12: FM000", "invalid TOML");
    // A NUL in the body is odd but not fatal.
    let body = CLEAN.replace("Some prose", "Some\0prose");
    let outcome = lint_article("hello.md", body.as_bytes());
    assert_linted(&outcome);
}

#[test]
fn fifty_megabyte_article_is_reported_not_parsed() {
    let dir = newsroom("");
    let path = dir.path().join("articles/hello.md");
    let mut text = String::with_capacity(50 * 1024 * 1024 + CLEAN.len());
    text.push_str(CLEAN);
    let line = "The council voted on the budget late on Tuesday night.\n\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(line);
    }
    fs::write(&path, text).expect("write");
    let outcome = lint(dir.path(), &[]);
    assert_finding(
        &outcome,
        "hello.md:1:1: FM000",
        "larger than the limit of 10485760 bytes",
    );
    assert!(
        outcome.elapsed < Duration::from_secs(30),
        "{:?}",
        outcome.elapsed
    );
}

#[test]
fn the_size_limit_is_configurable() {
    let dir = newsroom("[limits]\nmax_file_bytes = 100\n");
    fs::write(dir.path().join("articles/hello.md"), CLEAN).expect("write");
    let outcome = lint(dir.path(), &[]);
    assert_finding(
        &outcome,
        "hello.md:1:1: FM000",
        "larger than the limit of 100 bytes",
    );
}

#[test]
fn ten_thousand_nested_block_quotes_and_list_levels() {
    let quotes = format!("{CLEAN}\n{}deep\n", "> ".repeat(10_000));
    let outcome = lint_article("hello.md", quotes.as_bytes());
    assert_linted(&outcome);
    let lists = format!("{CLEAN}\n{}deep\n", "- ".repeat(10_000));
    let outcome = lint_article("hello.md", lists.as_bytes());
    assert_linted(&outcome);
    let mut indented = format!("{CLEAN}\n");
    for level in 0..10_000 {
        let _ = writeln!(indented, "{}1. item", "   ".repeat(level % 300));
    }
    let outcome = lint_article("hello.md", indented.as_bytes());
    assert_linted(&outcome);
}

#[test]
fn one_megabyte_single_line() {
    let line = "word ".repeat(1024 * 1024 / 5);
    let outcome = lint_article("hello.md", format!("{CLEAN}\n{line}\n").as_bytes());
    assert_linted(&outcome);
    assert!(
        outcome.elapsed < Duration::from_secs(90),
        "{:?}",
        outcome.elapsed
    );
}

#[test]
fn toml_duplicate_keys() {
    let text = CLEAN.replace("dek =", "title = \"Again\"\ndek =");
    let outcome = lint_article("hello.md", text.as_bytes());
    assert_finding(&outcome, "hello.md:3:1: FM000", "key `title` is set twice");
}

#[test]
fn prose_dates() {
    let text = CLEAN.replace(
        "status = \"draft\"",
        "status = \"draft\"\npublished = \"May 6, 2026\"",
    );
    let outcome = lint_article("hello.md", text.as_bytes());
    assert_finding(&outcome, "hello.md:7:13: FM003", "May 6, 2026");
}

#[cfg(unix)]
#[test]
fn symlink_loop_and_symlink_out_of_the_newsroom() {
    let dir = newsroom("");
    let articles = dir.path().join("articles");
    std::os::unix::fs::symlink("loop.md", articles.join("loop.md")).expect("symlink");
    let outside = tempfile::tempdir().expect("temp dir");
    fs::write(outside.path().join("secret.md"), CLEAN).expect("write");
    std::os::unix::fs::symlink(outside.path().join("secret.md"), articles.join("hello.md"))
        .expect("symlink");
    let outcome = lint(dir.path(), &[]);
    assert_finding(
        &outcome,
        "loop.md:1:1: FM000",
        "cannot follow symbolic link",
    );
    assert_finding(
        &outcome,
        "hello.md:1:1: FM000",
        "symbolic link points outside the newsroom",
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = newsroom("");
    let path = dir.path().join("articles/hello.md");
    fs::write(&path, CLEAN).expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    // Root (as in CI containers) reads it anyway: then only "no panic" can be checked.
    let enforced = fs::File::open(&path).is_err();
    let outcome = lint(dir.path(), &[]);
    if enforced {
        assert_finding(&outcome, "hello.md:1:1: FM000", "cannot read file");
    } else {
        assert_linted(&outcome);
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod back");
}

#[test]
fn directory_named_like_an_article() {
    let dir = newsroom("");
    fs::create_dir_all(dir.path().join("articles/x.md")).expect("dir");
    fs::write(dir.path().join("articles/hello.md"), CLEAN).expect("write");
    assert_clean(&lint(dir.path(), &[]));
    assert_clean(&lint(dir.path(), &["articles/x.md"]));
}

#[cfg(unix)]
#[test]
fn fifo_named_like_an_article() {
    let dir = newsroom("");
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("articles/pipe.md"))
        .status();
    if !status.is_ok_and(|s| s.success()) {
        return;
    }
    // Walking skips it; naming it reports it instead of blocking on the read.
    assert_clean(&lint(dir.path(), &[]));
    let outcome = lint(dir.path(), &["articles/pipe.md"]);
    assert_finding(&outcome, "pipe.md:1:1: FM000", "not a regular file");
}

#[test]
fn config_that_is_not_toml() {
    let dir = newsroom("");
    fs::write(dir.path().join("copydesk.toml"), "this is { not toml\n").expect("write");
    let outcome = lint(dir.path(), &[]);
    assert_eq!(outcome.code, Some(2), "{}", outcome.stderr);
    let first = outcome.stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("error: invalid configuration ") && first.contains("copydesk.toml:1:"),
        "{}",
        outcome.stderr
    );

    fs::write(dir.path().join("copydesk.toml"), "---\nsite: x\n---\n").expect("write");
    let outcome = lint(dir.path(), &[]);
    assert_eq!(outcome.code, Some(2), "{}", outcome.stderr);
    let first = outcome.stderr.lines().next().unwrap_or_default();
    assert!(
        first.contains("copydesk.toml:1:") && first.contains("not YAML"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn missing_config() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outcome = lint(dir.path(), &[]);
    assert_eq!(outcome.code, Some(2), "{}", outcome.stderr);
    assert!(
        outcome
            .stderr
            .starts_with("error: no `copydesk.toml` found in "),
        "{}",
        outcome.stderr
    );
}
