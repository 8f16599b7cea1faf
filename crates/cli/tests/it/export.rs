//! `copydesk export` end to end: formats, exit codes, refusal to clobber.

use crate::common;

use std::path::Path;

use assert_cmd::Command;
use common::{example_newsroom as example, files_under};
use predicates::str::contains;

fn copydesk() -> Command {
    Command::cargo_bin("copydesk").expect("binary built")
}

/// `copydesk export --format FORMATS --out OUT --root ROOT`.
fn export(formats: &str, out: &Path, root: &Path) -> Command {
    let mut cmd = copydesk();
    cmd.args(["export", "--format", formats, "--out"])
        .arg(out)
        .arg("--root")
        .arg(root);
    cmd
}

#[test]
fn exports_several_formats_in_one_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    // `--format` again adds to the list.
    export("json,rss", &out, &example())
        .args(["--format", "jsonld"])
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
    export("atom", &out, &example()).assert().success();
    assert!(out.join("atom.xml").is_file());
    assert!(!out.join("rss.xml").exists());
}

#[test]
fn refuses_to_replace_a_directory_it_did_not_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("keep.txt"), "mine").expect("write");
    common::assert_refused(
        &mut export("html", dir.path(), &example()),
        "was not written by `copydesk export`",
    );
    assert!(dir.path().join("keep.txt").is_file());
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    copydesk()
        .args(["export", "--format", "pdf", "--out", "x"])
        .assert()
        .code(2);
}

#[test]
fn unsafe_urls_are_left_out_with_a_warning_naming_file_and_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("newsroom");
    common::copy_dir(&example(), &root);
    std::fs::write(
        root.join("authors/maya-okafor.toml"),
        "name = \"Maya Okafor\"\nurl = \"javascript:alert(1)\"\navatar = \"data:image/svg+xml;base64,PHN2Zz4=\"\n[links]\nsite = \"vbscript:msgbox(1)\"\n",
    )
    .expect("write author");
    let out = dir.path().join("out");
    export("json,jsonld,jsonfeed,atom,rss", &out, &root)
        .assert()
        .success()
        .stderr(contains(
            "warning: authors/maya-okafor.toml: `url`: `javascript:alert(1)` is not an absolute http(s) URL",
        ))
        .stderr(contains("warning: authors/maya-okafor.toml: `avatar`: `data:image/svg+xml"))
        .stderr(contains("warning: authors/maya-okafor.toml: `links.site`"));
    for entry in files_under(&out) {
        let text = std::fs::read_to_string(&entry)
            .expect("text")
            .to_lowercase();
        for scheme in ["javascript:", "data:", "vbscript:"] {
            assert!(!text.contains(scheme), "{scheme} in {}", entry.display());
        }
    }
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
    export("atom", &out, &example()).assert().success();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["site"]);
    assert!(out.join("atom.xml").is_file());
    assert!(!out.join("previous.txt").exists());
}
