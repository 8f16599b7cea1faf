//! `[[lint.overrides]]`, `extend` and `copydesk config`: the real binary on throw-away
//! newsrooms.

use crate::common;

use std::fs;
use std::path::Path;

use common::{Run, write};

const NOW: &str = "2026-06-01T00:00:00Z";

/// An article with a vague link (MD006, warning) and a filler phrase (ED006, info).
fn article(slug: &str, desk: &str, status: &str) -> String {
    format!(
        "+++\ntitle = \"Story {slug}\"\nslug = \"{slug}\"\ndek = \"What happened and why it matters.\"\nauthors = [\"ryan\"]\ndesk = \"{desk}\"\nstatus = \"{status}\"\npublished = 2026-05-06T14:25:00Z\n+++\n\nThe council met on Monday and voted on the plan.\n\nThe minutes are [here](https://example.com/{slug}).\n\nIn conclusion, the plan passed.\n"
    )
}

const DESKS: &str = "[desks.news]\nname = \"News\"\n[desks.opinion]\nname = \"Opinion\"\n";

/// Three articles: news, an opinion piece in `articles/opinion/`, and a news draft.
fn newsroom(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    // The settings first, so a top-level key (`extend`) is not read as part of a desk table.
    write(&root.join("copydesk.toml"), &format!("{config}\n{DESKS}"));
    write(&root.join("authors/ryan.toml"), "name = \"Ryan\"\n");
    write(
        &root.join("articles/news/council.md"),
        &article("council", "news", "published"),
    );
    write(
        &root.join("articles/opinion/vote.md"),
        &article("vote", "opinion", "published"),
    );
    write(
        &root.join("articles/news/budget.md"),
        &article("budget", "news", "draft"),
    );
    dir
}

fn copydesk(dir: &Path, args: &[&str]) -> Run {
    common::run(common::copydesk_in(dir).args(args))
}

/// `path CODE severity` for each finding, from the JSON report.
fn findings(dir: &Path) -> Vec<String> {
    let out = copydesk(
        dir,
        &["lint", "--now", NOW, "--format", "json", "--no-index"],
    );
    assert!(out.code < 2, "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON report");
    let mut found: Vec<String> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            format!(
                "{} {} {}",
                d["path"].as_str().expect("path"),
                d["code"].as_str().expect("code"),
                d["severity"].as_str().expect("severity")
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn without_overrides_every_article_has_both_findings() {
    let repo = newsroom("");
    assert_eq!(
        findings(repo.path()),
        [
            "articles/news/budget.md ED006 info",
            "articles/news/budget.md MD006 warning",
            "articles/news/council.md ED006 info",
            "articles/news/council.md MD006 warning",
            "articles/opinion/vote.md ED006 info",
            "articles/opinion/vote.md MD006 warning",
        ]
    );
}

#[test]
fn overrides_match_by_path_desk_and_status_in_order() {
    let repo = newsroom(
        r#"
[lint]
ignore = ["ED006"]

[[lint.overrides]]
paths = ["articles/opinion/**"]
ignore = ["MD006"]

[[lint.overrides]]
status = ["draft"]
severity = { MD006 = "info" }

[[lint.overrides]]
desks = ["opinion"]
select = ["ED006"]
"#,
    );
    assert_eq!(
        findings(repo.path()),
        [
            // The draft: MD006 lowered by status.
            "articles/news/budget.md MD006 info",
            "articles/news/council.md MD006 warning",
            // The opinion piece: MD006 off by path, ED006 back on by desk.
            "articles/opinion/vote.md ED006 info",
        ]
    );
}

#[test]
fn a_later_override_wins_and_path_globs_do_not_cross_directories_with_one_star() {
    let repo = newsroom(
        r#"
[[lint.overrides]]
paths = ["articles/*.md", "articles/news/c*.md"]
ignore = ["MD006", "ED006"]

[[lint.overrides]]
paths = ["articles/news/**"]
select = ["ED006"]
"#,
    );
    assert_eq!(
        findings(repo.path()),
        [
            "articles/news/budget.md ED006 info",
            "articles/news/budget.md MD006 warning",
            "articles/news/council.md ED006 info",
            "articles/opinion/vote.md ED006 info",
            "articles/opinion/vote.md MD006 warning",
        ]
    );
}

#[test]
fn override_options_replace_the_top_level_ones_for_matching_articles() {
    let repo = newsroom(
        r#"
[lint.options]
FM006 = { max_chars = 5 }

[[lint.overrides]]
desks = ["opinion"]
options = { FM006 = { max_chars = 200 } }
"#,
    );
    let found = findings(repo.path());
    assert!(
        found.contains(&"articles/news/council.md FM006 warning".to_string()),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|f| f.starts_with("articles/opinion/vote.md FM006")),
        "{found:?}"
    );
}

#[test]
fn bad_overrides_are_configuration_errors_with_file_line_and_key() {
    let repo = newsroom(
        "[[lint.overrides]]\npaths = [\"articles/[\"]\nignore = [\"MD999\"]\nstatus = [\"live\"]\ncolour = 1\n",
    );
    let out = copydesk(repo.path(), &["lint", "--now", NOW]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    for expected in [
        "copydesk.toml:5:1: unknown field",
        "colour",
        "invalid glob `articles/[`",
        "unknown rule code or family `MD999`",
        "status `live` must be one of draft",
    ] {
        assert!(
            out.stderr.contains(expected),
            "{expected:?} in {}",
            out.stderr
        );
    }
    let repo = newsroom("[[lint.overrides]]\nignore = [\"MD006\"]\n");
    let out = copydesk(repo.path(), &["lint", "--now", NOW]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("an override needs `paths`, `desks` or `status`");

    // A misspelt desk would make the override match nothing, silently.
    let repo = newsroom("[[lint.overrides]]\ndesks = [\"nws\"]\nignore = [\"MD006\"]\n");
    let out = copydesk(repo.path(), &["lint", "--now", NOW]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    out.assert_stderr_has("unknown desk `nws`; did you mean `news`?");
}

#[test]
fn extend_inherits_through_a_chain_relative_to_each_file() {
    let repo = newsroom("extend = \"config/desk.toml\"\n[lint.severity]\nMD006 = \"error\"\n");
    let dir = repo.path();
    write(
        &dir.join("config/desk.toml"),
        "extend = \"../../house/house.toml\"\n[[lint.overrides]]\ndesks = [\"opinion\"]\nignore = [\"MD006\"]\n",
    );
    let house = dir.parent().expect("temp dir has a parent").join("house");
    let _cleanup = Remove(house.clone());
    write(
        &house.join("house.toml"),
        "[lint]\nignore = [\"ED006\"]\n[lint.severity]\nMD006 = \"info\"\n",
    );
    assert_eq!(
        findings(dir),
        [
            "articles/news/budget.md MD006 error",
            "articles/news/council.md MD006 error",
        ]
    );
}

/// Removes a directory outside the temporary newsroom when the test ends.
struct Remove(std::path::PathBuf);

impl Drop for Remove {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn an_extend_cycle_is_refused_naming_the_chain() {
    let repo = newsroom("extend = \"a.toml\"\n");
    let dir = repo.path();
    write(&dir.join("a.toml"), "extend = \"b.toml\"\n");
    write(&dir.join("b.toml"), "extend = \"copydesk.toml\"\n");
    let out = copydesk(dir, &["lint", "--now", NOW]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let line = out
        .stderr
        .lines()
        .find(|l| l.contains("cycle"))
        .unwrap_or_default();
    assert!(line.contains("`extend` forms a cycle:"), "{}", out.stderr);
    let order: Vec<usize> = [
        "copydesk.toml` extends",
        "a.toml` extends",
        "b.toml` extends",
    ]
    .iter()
    .map(|part| line.find(part).unwrap_or(usize::MAX))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{line}");
    // The chain closes on the file it started from.
    assert!(line.trim_end().ends_with("copydesk.toml`"), "{line}");
    // A file that does not exist is named at the `extend` key.
    let repo = newsroom("extend = \"missing.toml\"\n");
    let out = copydesk(repo.path(), &["lint", "--now", NOW]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("copydesk.toml:1:10: cannot read");
}

#[test]
fn copydesk_config_prints_the_settings_in_force_and_their_origins() {
    let repo = newsroom(
        "extend = \"house.toml\"\n[lint]\nbaseline = \"ci/baseline.json\"\n[lint.severity]\nED004 = \"error\"\n[[lint.overrides]]\npaths = [\"articles/opinion/**\"]\nignore = [\"MD006\"]\noptions = { FM006 = { max_chars = 90 } }\n",
    );
    let dir = repo.path();
    write(
        &dir.join("house.toml"),
        "[lint]\nignore = [\"ED006\"]\n[lint.options]\nFM006 = { max_chars = 120 }\n",
    );
    let out = copydesk(dir, &["config", "articles/opinion/vote.md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("config_for_an_opinion_article", out.stdout);
    let out = copydesk(dir, &["config"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stdout_has("  MD006  vague-link-text            warning  default");
    out.assert_stdout_has("FM006  { max_chars = 120 }  (lint.options.FM006 in house.toml)");
}
