//! The real `copydesk` binary: version, help, human output with carets, and exit codes.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn copydesk() -> Command {
    Command::cargo_bin("copydesk").expect("the binary is built")
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("has a parent")).expect("create dirs");
    fs::write(path, text).expect("write file");
}

fn newsroom() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        &dir.path().join("copydesk.toml"),
        "[desks.ai]\nname = \"AI\"\n",
    );
    write(&dir.path().join("authors/ryan.toml"), "name = \"Ryan\"\n");
    write(
        &dir.path().join("articles/hello.md"),
        "+++\ntitle = \"Hello\"\ndek = \"A greeting.\"\nauthors = [\"ryan\"]\ndesk = \"ai\"\nstatus = \"published\"\npublshed = 2026-05-06T14:25:00Z\n+++\n\nSome prose here.\n",
    );
    dir
}

#[test]
fn version_and_help() {
    let output = copydesk().arg("--version").output().expect("runs");
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("copydesk {}", env!("CARGO_PKG_VERSION"))
    );
    let output = copydesk().arg("--help").output().expect("runs");
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(
        help.contains("Examples:") && help.contains("copydesk lint"),
        "{help}"
    );
}

#[test]
fn the_example_newsroom_is_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom");
    copydesk()
        .args(["lint", "--now", "2026-06-01T00:00:00Z"])
        .arg(&root)
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn findings_are_shown_with_location_and_caret_and_exit_1() {
    let dir = newsroom();
    let output = copydesk()
        .current_dir(dir.path())
        .args(["lint", "--now", "2026-06-01T00:00:00Z"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    insta::assert_snapshot!(stdout, @r"
    error[FM001]: a published article needs `published`
     --> articles/hello.md:1:1
      |
    1 | +++
      | ^^^

    error[FM002]: unknown field `publshed`, did you mean `published`?
     --> articles/hello.md:7:1
      |
    7 | publshed = 2026-05-06T14:25:00Z
      | ^^^^^^^^
      |
      = help: valid keys here: title, slug, dek, authors, desk, tags, status, published, updated, related, aliases, retraction, language, read_time, image, sources, updates, lint, extra
    ");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("checked 1 file in") && stderr.contains("2 errors, 0 warnings"),
        "{stderr}"
    );
}

#[test]
fn usage_config_and_io_errors_exit_2() {
    let empty = tempfile::tempdir().expect("temp dir");
    copydesk()
        .current_dir(empty.path())
        .arg("lint")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no `copydesk.toml` found"));

    let dir = newsroom();
    write(&dir.path().join("copydesk.toml"), "[site]\ntitel = \"x\"\n");
    copydesk()
        .current_dir(dir.path())
        .arg("lint")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "2:1: unknown field `site.titel`, did you mean `title`?",
        ));

    copydesk()
        .args(["lint", "--now", "yesterday"])
        .assert()
        .code(2);
    copydesk().args(["lint", "--no-such-flag"]).assert().code(2);

    let dir = newsroom();
    let outside = tempfile::tempdir().expect("temp dir");
    copydesk()
        .current_dir(dir.path())
        .arg("lint")
        .arg(outside.path())
        .args(["--root", "."])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("outside the newsroom"));
}
