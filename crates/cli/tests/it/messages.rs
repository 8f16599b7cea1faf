//! Messages that leave a writer stuck, each checked through the real binary: placeholder
//! drafts, curly quotes, serde wording, `--date`, did-you-mean hints, `--edit`, template
//! placeholders, `--diff --format`, and titles in scripts other than Latin.

use crate::common;

use common::{Run, TempNewsroom, article_text, copydesk_in, run};
use predicates::prelude::*;

/// The shared test newsroom, with an empty articles directory.
fn newsroom() -> TempNewsroom {
    let newsroom = TempNewsroom::new();
    std::fs::create_dir_all(newsroom.path("articles")).expect("articles dir");
    newsroom
}

/// Whether any article file exists.
fn has_articles(newsroom: &TempNewsroom) -> bool {
    !common::files_under(&newsroom.path("articles")).is_empty()
}

/// The codes of a JSON lint report.
fn codes(newsroom: &TempNewsroom, args: &[&str]) -> Vec<(String, String, String)> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let output = newsroom.lint(&all).output().expect("runs");
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the report is JSON");
    let list = report
        .get("diagnostics")
        .and_then(serde_json::Value::as_array)
        .or_else(|| report.as_array())
        .expect("a list of diagnostics")
        .clone();
    list.iter()
        .map(|d| {
            let field = |name: &str| d[name].as_str().unwrap_or_default().to_string();
            (field("code"), field("severity"), field("message"))
        })
        .collect()
}

// 18.2: untouched drafts.

#[test]
fn two_untouched_drafts_report_only_their_placeholders() {
    let newsroom = newsroom();
    for title in ["First Story", "Second Story"] {
        newsroom
            .new_article(title, &["--date", "2026-05-06"])
            .assert()
            .success();
    }
    let found = codes(&newsroom, &[]);
    assert_eq!(found.len(), 2, "{found:?}");
    for (code, severity, message) in &found {
        assert_eq!(code, "ED009", "{found:?}");
        assert_eq!(severity, "info");
        assert_eq!(message, "draft still holds 4 placeholders marked `TK:`");
    }
    // CI with the recommended `--fail-on warning` passes on fresh drafts.
    newsroom.lint(&["--fail-on", "warning"]).assert().success();
}

#[test]
fn placeholders_left_in_a_published_article_are_an_error() {
    let newsroom = newsroom();
    newsroom.article(
        "half-done",
        "Half Done",
        "OpenAI can now sell its models through other cloud providers.\n\nTK: Close with the decisions still to come.\n",
    );
    let found = codes(&newsroom, &[]);
    assert_eq!(
        found,
        [(
            "ED009".to_string(),
            "error".to_string(),
            "published article still holds a placeholder marked `TK:`".to_string()
        )]
    );
}

// 18.6: curly quotes around a TOML value.

#[test]
fn curly_quotes_say_use_straight_quotes_and_fix() {
    let newsroom = newsroom();
    let relative = "articles/2026/05/smart-quotes.md";
    for (written, fixed) in [
        ("title = “Smart quotes”", "title = \"Smart quotes\""),
        ("title = ‘Smart quotes’", "title = \"Smart quotes\""),
        ("title = „Smart quotes“", "title = \"Smart quotes\""),
        (
            "title = “The \"Smart\" quotes”",
            "title = \"The \\\"Smart\\\" quotes\"",
        ),
    ] {
        let text = article_text("smart-quotes", "PLACEHOLDER", "", common::PROSE)
            .replace("title = \"PLACEHOLDER\"", written);
        newsroom.write(relative, &text);
        newsroom
            .lint(&["--format", "concise"])
            .assert()
            .code(1)
            .stdout(predicate::str::contains(
                "FM000 the value of `title` is in curly quotes; use straight quotes `\"`",
            ));
        newsroom
            .lint(&[])
            .assert()
            .code(1)
            .stdout(predicate::str::contains(format!("help: write `{fixed}`")));
        newsroom.lint(&["--fix"]).assert().success();
        let after = newsroom.read(relative);
        assert!(after.contains(&format!("{fixed}\n")), "{written}:\n{after}");
    }
}

// 18.7: serde wording and `--date`.

#[test]
fn a_string_for_a_list_and_a_capitalised_status_say_what_to_write() {
    let newsroom = newsroom();
    let relative = "articles/2026/05/wording.md";
    let text = article_text("wording", "Wording", "", common::PROSE)
        .replace(
            "authors = [\"ryan-tanaka\"]",
            "authors = \"maya-okafor\"\ntags = \"cloud\"\nrelated = \"other\"",
        )
        .replace("status = \"published\"", "status = \"Published\"");
    newsroom.write(relative, &text);
    newsroom
        .lint(&[])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "`authors` must be a list, not a string",
        ))
        .stdout(predicate::str::contains(
            "help: write a list in brackets: `authors = [\"maya-okafor\"]`",
        ))
        .stdout(predicate::str::contains(
            "help: write a list in brackets: `tags = [\"cloud\"]`",
        ))
        .stdout(predicate::str::contains(
            "help: write a list in brackets: `related = [\"other\"]`",
        ))
        .stdout(predicate::str::contains(
            "unknown `status` value `Published`; did you mean `published`?",
        ))
        .stdout(predicate::str::contains(
            "help: `status` is one of `draft`, `review`, `scheduled`, `published`, `retracted`, in lower case",
        ))
        .stdout(predicate::str::contains("expected a sequence").not())
        .stdout(predicate::str::contains("unknown variant").not());
    newsroom.lint(&["--fix"]).output().expect("runs");
    let fixed = newsroom.read(relative);
    assert!(fixed.contains("authors = [\"maya-okafor\"]\n"), "{fixed}");
    assert!(fixed.contains("status = \"published\"\n"), "{fixed}");
}

#[test]
fn an_unknown_update_kind_lists_the_kinds() {
    let newsroom = newsroom();
    newsroom.write(
        "articles/2026/05/kinds.md",
        &article_text(
            "kinds",
            "Kinds",
            "[[updates]]\nat = 2026-05-06T15:00:00Z\nkind = \"Correction\"\ntext = \"Fixed a name.\"\n",
            common::PROSE,
        ),
    );
    newsroom
        .lint(&[])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "unknown `kind` value `Correction`; did you mean `correction`?",
        ))
        .stdout(predicate::str::contains(
            "`kind` is one of `update`, `correction`, `clarification`",
        ));
}

#[test]
fn new_article_takes_a_date_alone_or_a_day_word() {
    let newsroom = newsroom();
    newsroom
        .new_article("Dated", &["--date", "2026-05-06"])
        .assert()
        .success()
        .stdout("articles/2026/05/dated.md\n");
    let text = newsroom.read("articles/2026/05/dated.md");
    assert!(
        text.contains("# published = 2026-05-06T00:00:00Z"),
        "a date alone is the start of the day in the site's zone (UTC here):\n{text}"
    );
    newsroom
        .new_article("Yesterday's Story", &["--date", "yesterday"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("articles/"));
    let Run { code, stderr, .. } = run(&mut newsroom.new_article("Undated", &["--date", "May 6"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`May 6` is not a date; use a date like 2026-05-06")
            && stderr.contains("`today`, `yesterday` or `tomorrow`")
            && !stderr.contains("premature end of input"),
        "{stderr}"
    );
}

// 18.8: did-you-mean wherever ids are typed.

#[test]
fn mistyped_rule_codes_and_names_get_a_suggestion() {
    let newsroom = newsroom();
    for (typed, meant) in [
        ("FM02", "did you mean `FM002` (unknown-field)?"),
        ("dupe-slug", "did you mean `RF003` (duplicate-slug)?"),
    ] {
        newsroom
            .cmd(&["rule", typed])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "no rule `{typed}`; {meant}"
            )));
    }
    for flag in ["--select", "--ignore"] {
        newsroom
            .lint(&[flag, "FM0002"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "{flag}: unknown rule code or family `FM0002`; did you mean `FM002`?"
            )));
    }
    newsroom.write(
        "copydesk.toml",
        &format!("{}\n[lint]\nselect = [\"ED03\"]\n", common::CONFIG),
    );
    newsroom
        .lint(&[])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule code or family `ED03`; did you mean `ED003`?",
        ));
}

#[test]
fn malformed_ids_suggest_their_kebab_case_form() {
    let newsroom = newsroom();
    newsroom.assert_refused(
        &["new-author", "bob_smith", "--name", "Bob Smith"],
        "author id `bob_smith` must be lowercase ASCII letters and digits joined by single hyphens; use `bob-smith`",
    );
    newsroom.article_changed(
        "byline",
        "Byline",
        common::PROSE,
        &[("[\"ryan-tanaka\"]", "[\"Maya_Okafor\"]")],
    );
    newsroom
        .lint(&[])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "author id `Maya_Okafor` must be lowercase kebab-case",
        ))
        .stdout(predicate::str::contains("help: use `maya-okafor`"));
    newsroom.assert_refused(
        &[
            "new-article",
            "Typo",
            "--author",
            "maya-okafro",
            "--desk",
            "ai",
        ],
        "unknown author `maya-okafro` (did you mean `maya-okafor`?)",
    );
}

#[test]
fn outside_a_newsroom_suggests_init_or_root() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command = copydesk_in(dir.path());
    command.args(["lint"]);
    let Run { code, stderr, .. } = run(&mut command);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("no `copydesk.toml` found in")
            && stderr.contains("`--root DIR`")
            && stderr.contains("`copydesk init`"),
        "{stderr}"
    );
    let mut command = copydesk_in(dir.path());
    command.args(["new-article", "Title", "--root", "elsewhere"]);
    let Run { code, stderr, .. } = run(&mut command);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("no `copydesk.toml` in `elsewhere`")
            && stderr.contains("`copydesk init elsewhere`"),
        "{stderr}"
    );
}

// 18.9: `--edit`, template placeholders, `--diff --format`.

#[test]
fn a_broken_editor_says_the_file_was_written() {
    let newsroom = newsroom();
    let Run { code, stderr, .. } = run(newsroom
        .new_article("Edited", &["--date", "2026-05-06", "--edit"])
        .env_remove("VISUAL")
        .env("EDITOR", "copydesk-test-no-such-editor --wait"));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("wrote `articles/2026/05/edited.md`, but could not open it in an editor")
            && stderr
                .contains("cannot start the editor `copydesk-test-no-such-editor` (from $EDITOR)"),
        "{stderr}"
    );
    assert!(newsroom.path("articles/2026/05/edited.md").is_file());
    let Run { code, stderr, .. } = run(newsroom
        .new_article("Edited Again", &["--date", "2026-05-06", "--edit"])
        .env("VISUAL", "false"));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("wrote `articles/2026/05/edited-again.md`")
            && stderr.contains("the editor `false` (from $VISUAL) exited with"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_template_placeholder_is_a_config_error() {
    let newsroom = newsroom();
    newsroom.write(
        "copydesk.toml",
        &format!(
            "{}\n[new_article]\ntemplate = \"templates/article.md\"\n",
            common::CONFIG
        ),
    );
    newsroom.write(
        "templates/article.md",
        "TK: Lede for {title}.\n\nBy {author}, {desk} desk.\n",
    );
    common::assert_refused(
        &mut newsroom.new_article("Templated", &[]),
        "unknown placeholder `{author}` in the new-article template `templates/article.md` (line 3); known placeholders: `{title}`, `{slug}`, `{desk}`, `{year}`, `{month}`, `{day}`",
    );
    assert!(!has_articles(&newsroom), "nothing was written");
    // In the path pattern, the same mistake is an error of `copydesk.toml` itself.
    newsroom.write(
        "copydesk.toml",
        &common::CONFIG.replace(
            "authors = \"authors\"\n",
            "authors = \"authors\"\nnew_article = \"articles/{author}/{slug}.md\"\n",
        ),
    );
    newsroom
        .new_article("Templated", &[])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "copydesk.toml:8:15: `paths.new_article`: unknown placeholder",
        ))
        .stderr(predicate::str::contains(
            "unknown placeholder `{author}` in `articles/{author}/{slug}.md`; use {year}, {month}, {day}, {slug}, {desk}",
        ));
}

#[test]
fn diff_refuses_a_format() {
    let newsroom = newsroom();
    newsroom
        .lint(&["--diff", "--format", "json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--diff").and(predicate::str::contains("--format")));
    newsroom.lint(&["--diff"]).assert().success();
}

// 18.12: titles a slug could only transliterate.

#[test]
fn non_latin_titles_need_a_slug() {
    let newsroom = newsroom();
    for (title, script) in [
        ("Новости дня", "Cyrillic"),
        ("أخبار اليوم", "Arabic"),
        ("חדשות היום", "Hebrew"),
        ("Ειδήσεις της ημέρας", "Greek"),
        ("ข่าววันนี้", "Thai"),
        ("東京の新しいAI", "Han"),
    ] {
        newsroom
            .new_article(title, &[])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "cannot make a readable slug from the title `{title}`: it is written in {script} script"
            )))
            .stderr(predicate::str::contains("help: pass one with --slug SLUG"));
    }
    assert!(!has_articles(&newsroom), "nothing was written");
    newsroom
        .new_article("Café déjà vu à Łódź", &["--date", "2026-05-06"])
        .assert()
        .success()
        .stdout("articles/2026/05/cafe-deja-vu-a-lodz.md\n");
    newsroom
        .cmd(&[
            "new-article",
            "Новости дня",
            "--slug",
            "news-of-the-day",
            "--author",
            "ryan-tanaka",
            "--desk",
            "ai",
            "--date",
            "2026-05-06",
        ])
        .assert()
        .success();
}
