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
        .stderr(contains("exported 4 articles"));
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

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("readable") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[test]
fn unsafe_urls_are_left_out_with_a_warning_naming_file_and_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("newsroom");
    copy_tree(&example(), &root);
    std::fs::write(
        root.join("authors/maya-okafor.toml"),
        "name = \"Maya Okafor\"\nurl = \"javascript:alert(1)\"\navatar = \"data:image/svg+xml;base64,PHN2Zz4=\"\n[links]\nsite = \"vbscript:msgbox(1)\"\n",
    )
    .expect("write author");
    let out = dir.path().join("out");
    copydesk()
        .args(["export", "--format", "json,jsonld,jsonfeed,atom,rss", "--out"])
        .arg(&out)
        .arg("--root")
        .arg(&root)
        .assert()
        .success()
        .stderr(contains(
            "warning: authors/maya-okafor.toml: `url`: `javascript:alert(1)` is not an absolute http(s) URL",
        ))
        .stderr(contains("warning: authors/maya-okafor.toml: `avatar`: `data:image/svg+xml"))
        .stderr(contains("warning: authors/maya-okafor.toml: `links.site`"));
    for entry in walk(&out) {
        let text = std::fs::read_to_string(&entry)
            .expect("text")
            .to_lowercase();
        for scheme in ["javascript:", "data:", "vbscript:"] {
            assert!(!text.contains(scheme), "{scheme} in {}", entry.display());
        }
    }
}

fn walk(root: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(root).expect("readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn a_killed_export_is_cleaned_up_by_the_next_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("site");
    // What a run killed between its two renames leaves: the previous export aside, the new
    // one complete but not in place, no `site`.
    for (name, file) in [
        (".site.old-abc123", "previous.txt"),
        (".site.new-def456", "rss.xml"),
    ] {
        let leftover = dir.path().join(name);
        std::fs::create_dir_all(&leftover).expect("mkdir");
        std::fs::write(
            leftover.join(".copydesk-export"),
            "written by copydesk export\n",
        )
        .expect("marker");
        std::fs::write(leftover.join(file), "x").expect("file");
    }
    copydesk()
        .args(["export", "--format", "atom", "--out"])
        .arg(&out)
        .arg("--root")
        .arg(example())
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["site"]);
    assert!(out.join("atom.xml").is_file());
    assert!(!out.join("previous.txt").exists());
}
