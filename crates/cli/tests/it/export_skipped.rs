//! `copydesk export` with articles that cannot be exported: skipped and named by default,
//! refused with `--strict`, and never blamed on `--out`.

use crate::common;

use common::{PROSE, TempNewsroom, article_text};
use predicates::prelude::PredicateBooleanExt as _;
use predicates::str::contains;

/// Two good articles and three that cannot be exported, each for another reason.
fn newsroom_with_broken_articles() -> TempNewsroom {
    let newsroom = TempNewsroom::new();
    newsroom.article("good-one", "Good One", PROSE);
    newsroom.article("good-two", "Good Two", PROSE);
    newsroom.article_changed(
        "faulty-story",
        "Faulty Story",
        PROSE,
        &[("published = 2026-05-06T14:25:00Z\n", "")],
    );
    newsroom.article_changed(
        "wrong-desk",
        "Wrong Desk",
        PROSE,
        &[("desk = \"ai\"", "desk = \"science\"")],
    );
    newsroom.write(
        "articles/2026/05/not-toml.md",
        "+++\ntitle = \n+++\n\nText.\n",
    );
    newsroom
}

#[test]
fn skips_articles_that_cannot_be_exported_and_names_each() {
    let newsroom = newsroom_with_broken_articles();
    let output = newsroom
        .cmd(&["export", "--format", "json", "--out", "public"])
        .assert()
        .success()
        .stderr(contains("warning: skipping 3 article files that cannot be exported:"))
        .stderr(contains("error[FM001]: a published article needs `published`"))
        .stderr(contains("--> articles/2026/05/faulty-story.md:1:1"))
        .stderr(contains("error[RF002]: unknown desk `science`"))
        .stderr(contains("--> articles/2026/05/wrong-desk.md:6:8"))
        .stderr(contains("copydesk new-desk science --name"))
        .stderr(contains("--> articles/2026/05/not-toml.md:2:"))
        .stderr(contains(
            "skipped: articles/2026/05/faulty-story.md, articles/2026/05/not-toml.md, articles/2026/05/wrong-desk.md; pass --strict",
        ))
        .stderr(contains("exported 2 articles as json to public"))
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(output).expect("UTF-8");
    assert!(!stderr.contains("cannot export to"), "{stderr}");
    assert!(newsroom.path("public/articles/good-one.json").is_file());
    assert!(newsroom.path("public/articles/good-two.json").is_file());
    assert!(!newsroom.path("public/articles/faulty-story.json").exists());
    assert!(!newsroom.path("public/articles/wrong-desk.json").exists());
}

#[test]
fn strict_refuses_the_export_and_writes_nothing() {
    let newsroom = newsroom_with_broken_articles();
    newsroom
        .cmd(&["export", "--format", "json", "--out", "public", "--strict"])
        .assert()
        .code(1)
        .stderr(contains("error: 3 article files cannot be exported:"))
        .stderr(contains("--> articles/2026/05/faulty-story.md:1:1"))
        .stderr(contains("nothing was written to `public` (--strict)"))
        .stderr(contains("cannot export to").not());
    assert!(!newsroom.path("public").exists());
}

#[test]
fn a_slug_shared_by_two_exported_articles_skips_both() {
    let newsroom = TempNewsroom::new();
    newsroom.article("good-one", "Good One", PROSE);
    newsroom.write(
        "articles/2026/04/twin.md",
        &article_text("twin", "Twin", "", PROSE),
    );
    newsroom.write(
        "articles/2026/05/twin.md",
        &article_text("twin", "Twin Again", "", PROSE),
    );
    newsroom
        .cmd(&["export", "--format", "json", "--out", "public"])
        .assert()
        .success()
        .stderr(contains(
            "error[RF003]: slug `twin` is shared by 2 exported articles",
        ))
        .stderr(contains("--> articles/2026/04/twin.md:3:8"))
        .stderr(contains("--> articles/2026/05/twin.md:3:8"))
        .stderr(contains("exported 1 article as json"));
}

#[test]
fn a_clean_newsroom_reports_nothing_skipped_and_strict_passes() {
    let newsroom = TempNewsroom::new();
    newsroom.article("good-one", "Good One", PROSE);
    // A draft with an unknown desk is not exported, so it is not checked either.
    newsroom.article_changed(
        "draft",
        "Draft",
        PROSE,
        &[
            ("status = \"published\"", "status = \"draft\""),
            ("desk = \"ai\"", "desk = \"science\""),
        ],
    );
    newsroom
        .cmd(&["export", "--format", "json", "--out", "public", "--strict"])
        .assert()
        .success()
        .stderr(contains("skipping").not())
        .stderr(contains("exported 1 article as json"));
}
