//! An edit saved while fixes are computed is never overwritten: the fixed text is written with
//! `fs::replace_if_unchanged`, which compares the file with what was read, and the newsroom
//! then reports the file as it is on disk.

use crate::common::now;
use std::path::Path;

use copydesk::fs::{ReplaceError, replace_if_unchanged};
use copydesk::lint::fix::MAX_ROUNDS;
use copydesk::{Config, Newsroom};

const CONFIG: &str = "[desks.ai]\nname = \"AI\"\n";

/// An article whose only finding is fixable: an unused suppression comment (MD000).
fn fixable(slug: &str) -> String {
    format!(
        "+++\ntitle = \"A Story\"\nslug = \"{slug}\"\ndek = \"What happened and why it matters to readers.\"\nauthors = [\"ryan-tanaka\"]\ndesk = \"ai\"\nstatus = \"published\"\npublished = 2026-05-06T14:25:00Z\n+++\n\n<!-- copydesk-disable-next-line FM006 -->\nOpenAI can now sell its models through other cloud providers.\n"
    )
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn a_file_saved_between_reading_and_writing_keeps_the_save() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "copydesk.toml", CONFIG);
    write(root, "authors/ryan-tanaka.toml", "name = \"Ryan Tanaka\"\n");
    write(root, "articles/edited.md", &fixable("edited"));
    write(root, "articles/untouched.md", &fixable("untouched"));

    let mut newsroom = Newsroom::load(root).expect("loads");
    let fixes = newsroom.fix(now(), MAX_ROUNDS);
    assert_eq!(fixes.len(), 2, "both files have a fix");

    // The writer saves one file after it was read and before the fixes are written; the
    // save introduces a finding of its own (an unknown desk).
    let saved = fixable("edited").replace("desk = \"ai\"", "desk = \"sports\"");
    write(root, "articles/edited.md", &saved);

    let mut skipped = Vec::new();
    for fix in &fixes {
        match replace_if_unchanged(root, &fix.path, fix.original.as_bytes(), &fix.fixed) {
            Ok(()) => {}
            Err(ReplaceError::Changed { path }) => {
                newsroom.reload(&path);
                skipped.push(path);
            }
            Err(other) => panic!("{other}"),
        }
    }
    assert_eq!(skipped, [root.join("articles/edited.md")]);
    assert_eq!(
        std::fs::read_to_string(root.join("articles/edited.md")).expect("read"),
        saved,
        "the save is kept byte for byte"
    );
    let untouched = std::fs::read_to_string(root.join("articles/untouched.md")).expect("read");
    assert!(!untouched.contains("copydesk-disable"), "{untouched}");

    // What is reported is the file on disk: its unknown desk and its unfixed comment.
    let report = newsroom.lint(now());
    let codes: Vec<(String, &str)> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.path
                    .file_name()
                    .expect("a file")
                    .to_string_lossy()
                    .into_owned(),
                d.code.as_str(),
            )
        })
        .collect();
    assert!(codes.contains(&("edited.md".into(), "RF002")), "{codes:?}");
    assert!(codes.contains(&("edited.md".into(), "MD000")), "{codes:?}");
    assert!(
        codes.iter().all(|(file, _)| file == "edited.md"),
        "{codes:?}"
    );

    // The config loads through the same reader as ever.
    Config::load(&root.join("copydesk.toml")).expect("config");
}
