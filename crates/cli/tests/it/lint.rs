//! `copydesk lint` end to end: output formats, exit codes, suppressions, `--fix` and `--diff`,
//! on newsrooms built in temporary directories.

use crate::common;

use common::{LONG_TITLE, NOW, PROSE, TempNewsroom, article_text, normalise};

/// A newsroom with an error (FM001), a warning (FM006), an unused suppression with a safe fix
/// (MD000), and a README beside the articles that must not be linted.
fn with_findings() -> TempNewsroom {
    let newsroom = TempNewsroom::new();
    newsroom.article("long-title", LONG_TITLE, PROSE);
    newsroom.article_changed(
        "no-desk",
        "Microsoft Loosens Its Grip",
        PROSE,
        &[("desk = \"ai\"\n", "")],
    );
    newsroom.article(
        "stale-comment",
        "Microsoft Keeps Its Stake",
        &format!("<!-- copydesk-disable-next-line FM006 -->\n{PROSE}"),
    );
    newsroom.write("README.md", "# Not an article\n");
    newsroom
}

fn run(newsroom: &TempNewsroom, args: &[&str]) -> (String, String, i32) {
    let output = newsroom.lint(args).output().expect("runs");
    (
        normalise(newsroom, &output.stdout),
        normalise(newsroom, &output.stderr),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn full_format_with_summary() {
    let newsroom = with_findings();
    let (stdout, stderr, code) = run(&newsroom, &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("full_stdout", stdout);
    insta::assert_snapshot!("full_stderr", stderr);
}

#[test]
fn concise_format_is_path_line_col_code_message() {
    let newsroom = with_findings();
    let (stdout, stderr, code) = run(&newsroom, &["--format", "concise"]);
    assert_eq!(code, 1);
    assert_eq!(stderr, "", "only `full` prints a summary");
    insta::assert_snapshot!("concise", stdout);
}

/// GitHub annotations and JSON, each in the snapshot named after the format.
#[test]
fn github_and_json_formats() {
    let newsroom = with_findings();
    for format in ["github", "json"] {
        let (stdout, _, code) = run(&newsroom, &["--format", format]);
        assert_eq!(code, 1, "{format}");
        insta::assert_snapshot!(format, stdout);
    }
}

#[test]
fn sarif_format() {
    let newsroom = with_findings();
    let (stdout, _, code) = run(&newsroom, &["--format", "sarif"]);
    assert_eq!(code, 1);
    let mut sarif: serde_json::Value = serde_json::from_str(&stdout).expect("SARIF is JSON");
    let driver = &mut sarif["runs"][0]["tool"]["driver"];
    let rules = driver["rules"].as_array().expect("rules listed");
    assert_eq!(rules.len(), copydesk::lint::RULES.len());
    assert!(rules.iter().all(|r| {
        r["help"]["markdown"]
            .as_str()
            .is_some_and(|d| d.contains("## What it does"))
    }));
    // The rule list is the registry; the results are what this test is about.
    driver["rules"] = serde_json::json!("[every rule]");
    driver["version"] = serde_json::json!("[version]");
    driver["semanticVersion"] = serde_json::json!("[version]");
    insta::assert_json_snapshot!("sarif", sarif);
}

#[test]
fn exit_status_follows_fail_on() {
    let newsroom = TempNewsroom::new();
    newsroom.article("clean", "Microsoft Loosens Its Grip", PROSE);
    newsroom.lint(&[]).assert().code(0);
    newsroom.article("long-title", LONG_TITLE, PROSE);
    newsroom.lint(&[]).assert().code(0);
    newsroom.lint(&["--fail-on", "warning"]).assert().code(1);
    newsroom
        .lint(&["--fail-on", "warning", "--ignore", "FM006"])
        .assert()
        .code(0);
    newsroom
        .lint(&["--fail-on", "warning", "--select", "MD"])
        .assert()
        .code(0);
}

#[test]
fn usage_and_tool_errors_exit_2() {
    let empty = tempfile::tempdir().expect("temp dir");
    let out = common::run(common::copydesk_in(empty.path()).args(["lint", "--now", NOW]));
    assert_eq!(out.code, 2);
    out.assert_stderr_has("copydesk.toml");

    let newsroom = TempNewsroom::new();
    newsroom.write(
        "copydesk.toml",
        &format!("{}\n[lint]\nselct = [\"ALL\"]\n", common::CONFIG),
    );
    let out = common::run(&mut newsroom.lint(&[]));
    assert_eq!(out.code, 2);
    out.assert_stderr_has("selct");

    let newsroom = TempNewsroom::new();
    newsroom.article("clean", "Microsoft Loosens Its Grip", PROSE);
    newsroom
        .cmd(&["lint", "--now", "yesterday"])
        .assert()
        .code(2);
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("x.md"), "x").expect("write");
    let out = common::run(
        newsroom
            .cmd(&["lint", "--root", ".", "--now", NOW])
            .arg(outside.path().join("x.md")),
    );
    assert_eq!(out.code, 2);
    out.assert_stderr_has("outside the newsroom");
    newsroom.lint(&["--select", "XX9"]).assert().code(2);
}

#[test]
fn directories_lint_only_files_under_the_articles_directory() {
    let newsroom = with_findings();
    newsroom.write("notes/draft.md", "no front matter here\n");
    let (stdout, _, _) = run(&newsroom, &["--format", "concise", "."]);
    assert!(!stdout.contains("README"), "{stdout}");
    assert!(!stdout.contains("notes/"), "{stdout}");
    assert!(stdout.contains("long-title.md"), "{stdout}");
    // A directory outside the articles directory lints nothing; a file named is linted.
    let (stdout, _, code) = run(&newsroom, &["--format", "concise", "notes"]);
    assert_eq!((stdout.as_str(), code), ("", 0));
    let (stdout, _, _) = run(&newsroom, &["--format", "concise", "notes/draft.md"]);
    assert!(stdout.contains("notes/draft.md"), "{stdout}");
}

#[test]
fn suppressions_used_unused_and_unknown() {
    let newsroom = TempNewsroom::new();
    newsroom.write(
        "articles/2026/05/ignored.md",
        &article_text(
            "ignored",
            LONG_TITLE,
            "\n[lint]\nignore = [\"FM006\"]\n",
            PROSE,
        ),
    );
    newsroom.article(
        "unused",
        "Microsoft Keeps Its Stake",
        &format!(
            "<!-- copydesk-disable FM -->\n<!-- copydesk-disable-next-line FM008 -->\n{PROSE}"
        ),
    );
    newsroom.article(
        "unknown",
        "Microsoft Sells Its Stake",
        &format!("<!-- copydesk-disable-next-line FM099 -->\n{PROSE}\n```markdown\n<!-- copydesk-disable-next-line XX -->\n```\n"),
    );
    let (stdout, _, code) = run(&newsroom, &["--format", "concise"]);
    assert_eq!(code, 0, "MD000 is a warning");
    insta::assert_snapshot!("suppressions", stdout);
}

const FIXABLE_BODY: &str = "<!-- copydesk-disable-next-line FM006 -->\nOpenAI can now sell its models through other cloud providers.\n\n<!-- copydesk-disable FM008 -->\nMicrosoft keeps a large stake in the company.\n<!-- copydesk-enable FM008 -->\n";

#[test]
fn fix_applies_safe_fixes_until_stable_and_keeps_the_rest() {
    let newsroom = TempNewsroom::new();
    let path = newsroom.article("fixable", "Microsoft Keeps Its Stake", FIXABLE_BODY);
    let untouched = newsroom.article("long-title", LONG_TITLE, PROSE);
    let before_untouched = newsroom.read(&untouched);
    let (stdout, stderr, code) = run(&newsroom, &["--fix", "--format", "concise"]);
    assert_eq!(code, 0);
    // The disable comment goes in round one, the enable it leaves unmatched in round two.
    assert!(
        stderr.contains("fixed articles/2026/05/fixable.md: MD000 (3)"),
        "{stderr}"
    );
    assert_eq!(
        stdout,
        "articles/2026/05/long-title.md:2:9: FM006 title is 119 characters, over the limit of 110"
    );
    let expected = article_text(
        "fixable",
        "Microsoft Keeps Its Stake",
        "",
        "OpenAI can now sell its models through other cloud providers.\n\nMicrosoft keeps a large stake in the company.\n",
    );
    assert_eq!(newsroom.read(&path), expected);
    assert_eq!(newsroom.read(&untouched), before_untouched);
    // Fixed means stable: a second run changes nothing.
    let (_, stderr, _) = run(&newsroom, &["--fix", "--ignore", "FM006"]);
    assert!(
        !stderr.contains("fixed articles") && stderr.contains("(0 fixed)"),
        "{stderr}"
    );
}

#[test]
fn fix_on_a_file_without_fixable_findings_writes_nothing() {
    let newsroom = TempNewsroom::new();
    let path = newsroom.article("long-title", LONG_TITLE, PROSE);
    let modified = std::fs::metadata(newsroom.path(&path))
        .and_then(|m| m.modified())
        .expect("mtime");
    let (_, stderr, code) = run(&newsroom, &["--fix", "--fail-on", "warning"]);
    assert_eq!(code, 1);
    assert!(
        !stderr.contains("fixed articles") && stderr.contains("(0 fixed)"),
        "{stderr}"
    );
    let after = std::fs::metadata(newsroom.path(&path))
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(modified, after);
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let newsroom = TempNewsroom::new();
    let path = newsroom.article("fixable", "Microsoft Keeps Its Stake", FIXABLE_BODY);
    let before = newsroom.read(&path);
    let (stdout, stderr, code) = run(&newsroom, &["--diff", "--fail-on", "warning"]);
    assert_eq!(newsroom.read(&path), before);
    assert_eq!(code, 0, "no finding remains once the fixes are applied");
    assert!(
        stderr.contains("would fix articles/2026/05/fixable.md: MD000 (3)"),
        "{stderr}"
    );
    insta::assert_snapshot!("diff", stdout);
}

#[cfg(unix)]
#[test]
fn fix_never_writes_through_a_link_out_of_the_newsroom() {
    let newsroom = TempNewsroom::new();
    let outside = tempfile::tempdir().expect("temp dir");
    let target = outside.path().join("fixable.md");
    let text = article_text("fixable", "Microsoft Keeps Its Stake", "", FIXABLE_BODY);
    std::fs::write(&target, &text).expect("write");
    std::fs::create_dir_all(newsroom.path("articles")).expect("mkdir");
    std::os::unix::fs::symlink(&target, newsroom.path("articles/fixable.md")).expect("symlink");
    newsroom.lint(&["--fix"]).assert().code(1);
    assert_eq!(std::fs::read_to_string(&target).expect("read"), text);
}
