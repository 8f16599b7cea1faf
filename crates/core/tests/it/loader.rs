//! Loading a newsroom from disk: discovery, .gitignore, bad files among good ones, errors.

use crate::common::now;
use std::fs;
use std::path::Path;

use copydesk::{ConfigError, LoadError, Newsroom};

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("has a parent")).expect("create dirs");
    fs::write(path, text).expect("write file");
}

fn article(title: &str, slug: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nslug = \"{slug}\"\ndek = \"A dek.\"\nauthors = [\"ryan\"]\ndesk = \"ai\"\nstatus = \"published\"\npublished = 2026-05-06T14:25:00Z\n+++\n\nSome prose here.\n"
    )
}

fn newsroom() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        &dir.path().join("copydesk.toml"),
        "[desks.ai]\nname = \"AI\"\n",
    );
    write(&dir.path().join("authors/ryan.toml"), "name = \"Ryan\"\n");
    write(&dir.path().join("articles/2026/a.md"), &article("A", "a"));
    write(
        &dir.path().join("articles/2026/b.md"),
        "+++\ntitle = \"B\"\n",
    );
    write(&dir.path().join("articles/2026/c.md"), &article("C", "c"));
    dir
}

#[test]
fn a_bad_file_among_good_ones_is_reported_and_the_rest_load_in_order() {
    let dir = newsroom();
    let newsroom = Newsroom::load(dir.path()).expect("loads");
    let slugs: Vec<_> = newsroom.articles.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(slugs, ["a", "c"]);
    assert_eq!(newsroom.authors["ryan"].name, "Ryan");
    let report = newsroom.lint(now());
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default(),
                d.code.as_str(),
            )
        })
        .collect();
    assert_eq!(found, [("b.md", "FM000")]);
    assert_eq!(report.files_checked, 3);
}

#[test]
fn gitignored_and_hidden_files_are_skipped() {
    let dir = newsroom();
    write(
        &dir.path().join(".gitignore"),
        "articles/2026/b.md\nscratch/\n",
    );
    write(&dir.path().join("articles/scratch/d.md"), "not an article");
    write(&dir.path().join("articles/.draft.md"), "not an article");
    let newsroom = Newsroom::load(dir.path()).expect("loads");
    assert!(newsroom.lint(now()).diagnostics.is_empty());
}

#[test]
fn the_root_is_found_from_a_subdirectory() {
    let dir = newsroom();
    let newsroom =
        Newsroom::load(dir.path().join("articles/2026")).expect("loads from below the root");
    assert_eq!(
        newsroom.root.canonicalize().ok(),
        dir.path().canonicalize().ok()
    );
}

#[test]
fn a_missing_config_is_a_typed_error_and_a_missing_articles_directory_is_empty() {
    let empty = tempfile::tempdir().expect("temp dir");
    assert!(matches!(
        Newsroom::load(empty.path()),
        Err(LoadError::Config(ConfigError::NotFound { .. }))
    ));
    // A newsroom made by hand has no `articles/` until its first article.
    write(&empty.path().join("copydesk.toml"), "");
    let newsroom = Newsroom::load(empty.path()).expect("no articles directory is no articles");
    assert!(newsroom.articles.is_empty());
    assert!(newsroom.diagnostics.is_empty());
    write(&empty.path().join("copydesk.toml"), "[site\n");
    assert!(matches!(
        Newsroom::load(empty.path()),
        Err(LoadError::Config(ConfigError::Invalid { .. }))
    ));
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_newsroom_are_not_followed() {
    let dir = newsroom();
    let outside = tempfile::tempdir().expect("temp dir");
    write(
        &outside.path().join("secret.md"),
        &article("Secret", "secret"),
    );
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        dir.path().join("articles/secret.md"),
    )
    .expect("symlink");
    let newsroom = Newsroom::load(dir.path()).expect("loads");
    assert!(newsroom.articles.iter().all(|a| a.slug != "secret"));
    let report = newsroom.lint(now());
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("outside the newsroom")),
        "{:?}",
        report.diagnostics
    );
}
