//! `copydesk new-desk`, and the errors about unknown desks and authors that point at it and at
//! `copydesk new-author`.

use crate::common;

use common::{PROSE, TempNewsroom, article_text};
use predicates::str::contains;

#[test]
fn adds_a_desk_in_place_keeping_comments() {
    let newsroom = TempNewsroom::new();
    newsroom.article("first", "First", PROSE);
    let config = "# Our settings.\n[site]\ntitle = \"Test Desk\"   # the name\n\n[desks.ai]\nname = \"AI\"  # short\n\n# Reading speed.\n[read_time]\nwords_per_minute = 180\n";
    newsroom.write("copydesk.toml", config);
    newsroom
        .cmd(&[
            "new-desk",
            "consumer-tech",
            "--name",
            "Consumer Tech & Mobile",
        ])
        .assert()
        .success()
        .stdout("added [desks.consumer-tech] to copydesk.toml\n");
    assert_eq!(
        newsroom.read("copydesk.toml"),
        "# Our settings.\n[site]\ntitle = \"Test Desk\"   # the name\n\n[desks.ai]\nname = \"AI\"  # short\n\n[desks.consumer-tech]\nname = \"Consumer Tech & Mobile\"\n\n# Reading speed.\n[read_time]\nwords_per_minute = 180\n"
    );
    // The new desk is usable at once.
    newsroom
        .cmd(&[
            "new-article",
            "Phones Get Thinner",
            "--author",
            "maya-okafor",
            "--desk",
            "consumer-tech",
        ])
        .assert()
        .success();
}

#[test]
fn refuses_existing_and_invalid_ids_without_touching_the_file() {
    let newsroom = TempNewsroom::new();
    let before = newsroom.read("copydesk.toml");
    newsroom.assert_refused(
        &["new-desk", "ai", "--name", "Artificial Intelligence"],
        "desk `ai` already exists (named `AI`)",
    );
    for bad in ["AI", "consumer_tech", "x-", "a b"] {
        newsroom
            .cmd(&["new-desk", bad, "--name", "X"])
            .assert()
            .code(2)
            .stderr(contains(format!("desk id `{bad}` must be lowercase")));
    }
    newsroom.assert_refused(&["new-desk", "science"], "missing --name");
    assert_eq!(newsroom.read("copydesk.toml"), before);
}

#[test]
fn refuses_an_invalid_config_naming_its_line() {
    let newsroom = TempNewsroom::new();
    newsroom.write("copydesk.toml", "[site]\ntitel = \"x\"\n");
    newsroom.assert_refused(
        &["new-desk", "ai", "--name", "AI"],
        "copydesk.toml:2:1: unknown field `site.titel`",
    );
    assert_eq!(newsroom.read("copydesk.toml"), "[site]\ntitel = \"x\"\n");
}

#[test]
fn unknown_ids_in_new_article_name_the_command_that_creates_them() {
    let newsroom = TempNewsroom::new();
    newsroom.article("first", "First", PROSE);
    newsroom.assert_refused(
        &["new-article", "A Story", "--author", "maya-okafor", "--desk", "science"],
        "unknown desk `science`; known desks: `ai`, `consumer-tech`; to add it: `copydesk new-desk science --name \"…\"`",
    );
    newsroom.assert_refused(
        &[
            "new-article",
            "A Story",
            "--author",
            "lena-berg",
            "--desk",
            "ai",
        ],
        "to add it: `copydesk new-author lena-berg --name \"…\"`",
    );
}

#[test]
fn lint_help_for_unknown_ids_names_the_command_even_with_no_desks() {
    let newsroom = TempNewsroom::new();
    newsroom.write("copydesk.toml", "[site]\ntitle = \"Test Desk\"\n");
    let text = article_text("a-story", "A Story", "", PROSE)
        .replace("authors = [\"ryan-tanaka\"]", "authors = [\"lena-berg\"]");
    newsroom.write("articles/2026/05/a-story.md", &text);
    let output = newsroom
        .lint(&[])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let output = String::from_utf8(output).expect("UTF-8");
    assert!(
        output.contains(
            "`copydesk.toml` declares no desks yet; declare this one with `copydesk new-desk ai --name \"…\"`"
        ),
        "{output}"
    );
    assert!(!output.contains("declared desks: none"), "{output}");
    assert!(
        output.contains("or add the author with `copydesk new-author lena-berg --name \"…\"`"),
        "{output}"
    );
}

#[test]
fn a_newsroom_made_by_hand_without_an_articles_directory_lints_and_takes_its_first_article() {
    // The config and an author, but no `articles/` yet: nothing to lint, not an I/O error.
    let newsroom = TempNewsroom::new();
    assert!(!newsroom.path("articles").exists());
    newsroom.lint(&[]).assert().code(0);
    newsroom
        .new_article("First Story", &["--date", "2026-05-06"])
        .assert()
        .code(0)
        .stdout(contains("articles/2026/05/first-story.md"));
    assert!(newsroom.path("articles/2026/05/first-story.md").is_file());
}
