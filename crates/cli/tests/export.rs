//! `copydesk export` end to end: formats, exit codes, refusal to clobber.

use std::path::Path;

use assert_cmd::Command;
use predicates::str::contains;

fn example() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom")
}

fn copydesk() -> Command {
    Command::cargo_bin("copydesk").expect("binary built")
}

#[test]
fn exports_several_formats_in_one_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    copydesk()
        .args([
            "export", "--format", "json,rss", "--format", "jsonld", "--out",
        ])
        .arg(&out)
        .arg("--root")
        .arg(example())
        .assert()
        .success()
        .stderr(contains("exported 3 articles"));
    for file in [
        "index.json",
        "articles/openai-breaks-microsofts-hold.json",
        "rss.xml",
        "openai-breaks-microsofts-hold.jsonld",
    ] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    // A second run replaces the first.
    copydesk()
        .args(["export", "--format", "atom", "--out"])
        .arg(&out)
        .arg("--root")
        .arg(example())
        .assert()
        .success();
    assert!(out.join("atom.xml").is_file());
    assert!(!out.join("rss.xml").exists());
}

#[test]
fn refuses_to_replace_a_directory_it_did_not_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("keep.txt"), "mine").expect("write");
    copydesk()
        .args(["export", "--format", "html", "--out"])
        .arg(dir.path())
        .arg("--root")
        .arg(example())
        .assert()
        .code(2)
        .stderr(contains("was not written by `copydesk export`"));
    assert!(dir.path().join("keep.txt").is_file());
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    copydesk()
        .args(["export", "--format", "pdf", "--out", "x"])
        .assert()
        .code(2);
}
