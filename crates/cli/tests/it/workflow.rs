//! The editorial workflow commands run as the real binary: `publish` (lint gate, `--force`,
//! `--at` scheduling), `due`, `update`, `correct`, `retract`, `add-source`, `rename`, `list`,
//! `--dry-run`, and `new-article` refusing an inactive author.

use crate::common;

use common::{PROSE, TempNewsroom, article_text};
use predicates::prelude::PredicateBooleanExt as _;
use predicates::str::contains;

const DRAFT: &str = "+++\n# Filed by Ryan.\ntitle = \"OpenAI Signs a Chip Deal\"\nslug = \"chip-deal\"\ndek = \"OpenAI will buy chips from a second supplier.\"   # short\nauthors = [ 'ryan-tanaka' ]\ndesk = \"ai\"\nstatus = \"draft\"\n\n[[sources]]\nid = \"chip-filing\"\ntitle = \"Chip supply filing\"\nurl = \"https://www.example.com/filings/chip\"\npublisher = \"Example Filings\"\n+++\n\nOpenAI will buy chips from a second supplier, [a filing showed](source:chip-filing).\n";

fn body_of(text: &str) -> &str {
    let close = text[3..].find("\n+++").expect("closing delimiter") + 3;
    &text[close..]
}

#[test]
fn publish_refuses_lint_errors_until_forced() {
    let newsroom = TempNewsroom::new();
    let broken = DRAFT.replace("(source:chip-filing)", "(source:chip-filling)");
    newsroom.write("articles/2026/05/chip-deal.md", &broken);
    newsroom
        .cmd(&["publish", "chip-deal", "--now", "2026-06-01T09:00:00Z"])
        .assert()
        .code(1)
        .stderr(contains("RF005").and(contains("--force")));
    assert_eq!(newsroom.read("articles/2026/05/chip-deal.md"), broken);
    newsroom.assert_prints(
        &[
            "publish",
            "chip-deal",
            "--now",
            "2026-06-01T09:00:00Z",
            "--force",
        ],
        "published chip-deal",
    );
    let text = newsroom.read("articles/2026/05/chip-deal.md");
    assert!(text.contains("status = \"published\"\n"), "{text}");
    assert!(text.contains("published = 2026-06-01T09:00:00Z"), "{text}");
    // Comments, quoting and spacing of untouched keys stay as written.
    assert!(text.contains("# Filed by Ryan.\n"));
    assert!(text.contains("authors = [ 'ryan-tanaka' ]\n"));
    assert!(text.contains("\"OpenAI will buy chips from a second supplier.\"   # short\n"));
    assert_eq!(body_of(&text), body_of(&broken));
    // Publishing twice is an error.
    newsroom.assert_refused(
        &["publish", "chip-deal", "--now", "2026-06-01T10:00:00Z"],
        "already published",
    );
}

#[test]
fn a_future_at_schedules_and_due_apply_publishes_when_the_time_comes() {
    let newsroom = TempNewsroom::new();
    newsroom.write("articles/2026/05/chip-deal.md", DRAFT);
    newsroom.assert_prints(
        &[
            "publish",
            "articles/2026/05/chip-deal.md",
            "--at",
            "2026-06-05T06:00:00Z",
            "--now",
            "2026-06-01T09:00:00Z",
        ],
        "scheduled chip-deal",
    );
    let text = newsroom.read("articles/2026/05/chip-deal.md");
    assert!(text.contains("status = \"scheduled\""), "{text}");
    // Scheduled for later: lints clean (TL002 exempts it, TL006 does not fire yet).
    newsroom.assert_lints_clean("2026-06-02T00:00:00Z");
    newsroom
        .cmd(&["due", "--now", "2026-06-04T00:00:00Z"])
        .assert()
        .success()
        .stdout("");
    newsroom.assert_prints(&["due", "--now", "2026-06-05T07:00:00Z"], "chip-deal");
    // Past its time and not yet applied: TL006 says so.
    newsroom.assert_prints(&["lint", "--now", "2026-06-05T07:00:00Z"], "TL006");
    // A dry run, with or without `--apply`, shows the diff `--apply` would write and writes
    // nothing, like every other editing command.
    let before = newsroom.read("articles/2026/05/chip-deal.md");
    for args in [
        &["due", "--dry-run", "--now", "2026-06-05T07:00:00Z"][..],
        &[
            "due",
            "--apply",
            "--dry-run",
            "--now",
            "2026-06-05T07:00:00Z",
        ][..],
    ] {
        let output = newsroom.cmd(args).output().expect("runs");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
        let stdout = String::from_utf8(output.stdout).expect("UTF-8");
        assert!(
            stdout.contains("-status = \"scheduled\"")
                && stdout.contains("+status = \"published\"")
                && stdout.contains("chip-deal.md"),
            "{args:?}: {stdout}"
        );
        assert_eq!(newsroom.read("articles/2026/05/chip-deal.md"), before);
    }
    newsroom.assert_prints(
        &["due", "--apply", "--now", "2026-06-05T07:00:00Z"],
        "published chip-deal",
    );
    let text = newsroom.read("articles/2026/05/chip-deal.md");
    assert!(text.contains("status = \"published\""), "{text}");
    assert!(text.contains("published = 2026-06-05T06:00:00Z"), "{text}");
    newsroom.assert_lints_clean("2026-06-05T07:00:00Z");
}

#[test]
fn updates_and_corrections_keep_the_timeline_rules_clean() {
    let newsroom = TempNewsroom::new();
    let sourced = article_text(
        "chip-deal",
        "OpenAI Signs a Chip Deal",
        "\n[[sources]]\nid = \"chip-filing\"\ntitle = \"Chip supply filing\"\nurl = \"https://www.example.com/filings/chip\"\n",
        "OpenAI will buy chips from a second supplier, [a filing showed](source:chip-filing).\n",
    );
    newsroom.write("articles/2026/05/chip-deal.md", &sourced);
    newsroom.assert_prints(
        &[
            "update",
            "chip-deal",
            "Adds the supplier's name.",
            "--source",
            "chip-filing",
            "--now",
            "2026-05-07T10:00:00Z",
        ],
        "updated chip-deal",
    );
    newsroom.assert_prints(
        &[
            "correct",
            "chip-deal",
            "An earlier version misstated the volume.",
            "--now",
            "2026-05-08T10:00:00Z",
        ],
        "corrected chip-deal",
    );
    let text = newsroom.read("articles/2026/05/chip-deal.md");
    assert!(text.contains("updated = 2026-05-08T10:00:00Z"), "{text}");
    assert!(text.contains("kind = \"correction\""), "{text}");
    assert!(text.contains("source = \"chip-filing\""), "{text}");
    assert_eq!(body_of(&text), body_of(&sourced));
    newsroom.assert_lints_clean("2026-06-01T00:00:00Z");
    // An update dated before the latest one would break TL003: refused.
    newsroom.assert_refused(
        &[
            "update",
            "chip-deal",
            "Late note.",
            "--at",
            "2026-05-07T00:00:00Z",
            "--now",
            "2026-05-09T00:00:00Z",
        ],
        "before the latest update",
    );
    // A source the article does not list is refused.
    newsroom.assert_refused(
        &[
            "update",
            "chip-deal",
            "Note.",
            "--source",
            "nope",
            "--now",
            "2026-05-09T00:00:00Z",
        ],
        "add-source",
    );
}

#[test]
fn retract_sets_the_status_and_the_notice() {
    let newsroom = TempNewsroom::new();
    newsroom.article("chip-deal", "OpenAI Signs a Chip Deal", PROSE);
    newsroom.assert_prints(
        &[
            "retract",
            "chip-deal",
            "--reason",
            "The filing was not OpenAI's.",
            "--now",
            "2026-05-09T08:00:00Z",
        ],
        "retracted chip-deal",
    );
    let text = newsroom.read("articles/2026/05/chip-deal.md");
    assert!(
        text.contains(
            "[retraction]\nat = 2026-05-09T08:00:00Z\nreason = \"The filing was not OpenAI's.\"\n"
        ),
        "{text}"
    );
    assert!(text.contains("status = \"retracted\""));
    newsroom.assert_lints_clean(common::NOW);
    newsroom.assert_refused(&["retract", "chip-deal", "--reason", "Again."], "retracted");
}

#[test]
fn add_source_prints_the_citation_and_refuses_a_listed_url() {
    let newsroom = TempNewsroom::new();
    newsroom.article("chip-deal", "OpenAI Signs a Chip Deal", PROSE);
    newsroom.assert_prints(
        &[
            "add-source",
            "chip-deal",
            "--url",
            "https://www.example.com/filings/chip",
            "--title",
            "Chip supply filing",
            "--publisher",
            "Example Filings",
            "--published",
            "2026-04-27",
        ],
        "[Chip supply filing](source:example-filings-2026)",
    );
    let text = newsroom.read("articles/2026/05/chip-deal.md");
    assert!(text.contains("id = \"example-filings-2026\"\n"), "{text}");
    assert!(text.contains("published = 2026-04-27\n"), "{text}");
    // The same URL again (trailing slash and all) is refused, naming the listed id.
    newsroom.assert_refused(
        &[
            "add-source",
            "chip-deal",
            "--url",
            "https://www.example.com/filings/chip/",
        ],
        "already listed as source `example-filings-2026`",
    );
    // A second source of that publisher and year gets an id of its own.
    newsroom.assert_prints(
        &[
            "add-source",
            "chip-deal",
            "--url",
            "https://www.example.com/filings/chip-2",
            "--publisher",
            "Example Filings",
            "--published",
            "2026-05-01",
        ],
        "source:example-filings-2026-2",
    );
}

#[test]
fn rename_moves_the_file_rewrites_links_and_keeps_an_alias() {
    let newsroom = TempNewsroom::new();
    newsroom.article("chip-deal", "OpenAI Signs a Chip Deal", PROSE);
    let linking = article_text(
        "cloud-deal",
        "OpenAI Breaks Microsoft's Hold",
        "related = [\"chip-deal\"]\n",
        "OpenAI also [signed a chip deal](article:chip-deal#terms), and see <article:chip-deal>.\nNot [this one](article:chip-deal-2).\n",
    );
    newsroom.write("articles/2026/05/cloud-deal.md", &linking);
    newsroom.article("chip-deal-2", "OpenAI Signs Another Chip Deal", PROSE);
    // A slug another article owns is refused, and nothing changes.
    newsroom.assert_refused(&["rename", "chip-deal", "cloud-deal"], "taken");
    assert_eq!(newsroom.read("articles/2026/05/cloud-deal.md"), linking);
    // The dry run shows every file and writes nothing.
    newsroom
        .cmd(&["rename", "chip-deal", "openai-chip-deal", "--dry-run"])
        .assert()
        .success()
        .stdout(
            contains("b/articles/2026/05/openai-chip-deal.md")
                .and(contains("+related = [\"openai-chip-deal\"]")),
        );
    assert!(newsroom.path("articles/2026/05/chip-deal.md").exists());
    newsroom.assert_prints(
        &["rename", "chip-deal", "openai-chip-deal"],
        "renamed chip-deal to openai-chip-deal",
    );
    assert!(!newsroom.path("articles/2026/05/chip-deal.md").exists());
    let moved = newsroom.read("articles/2026/05/openai-chip-deal.md");
    assert!(moved.contains("slug = \"openai-chip-deal\""), "{moved}");
    assert!(moved.contains("aliases = [\"chip-deal\"]"), "{moved}");
    let other = newsroom.read("articles/2026/05/cloud-deal.md");
    assert!(
        other.contains("related = [\"openai-chip-deal\"]"),
        "{other}"
    );
    assert!(
        other.contains("(article:openai-chip-deal#terms)"),
        "{other}"
    );
    assert!(other.contains("<article:openai-chip-deal>"), "{other}");
    assert!(other.contains("(article:chip-deal-2)"), "{other}");
    newsroom.assert_lints_clean(common::NOW);
    // The old slug is now an alias: no other article may take it.
    newsroom.assert_refused(&["rename", "chip-deal-2", "chip-deal"], "taken");
}

/// `rename` rewrites link targets found in the Markdown tree, not every `article:OLD` in the
/// text: a code span or a fenced block that shows the syntax is prose about links and stays
/// byte for byte, while inline, autolink-style and reference-style links all follow.
#[test]
fn rename_rewrites_link_targets_but_not_code_that_mentions_them() {
    let newsroom = TempNewsroom::new();
    newsroom.article("chip-deal", "OpenAI Signs a Chip Deal", PROSE);
    let body = "OpenAI also [signed a chip deal](article:chip-deal), see <article:chip-deal> and \
                [the terms][terms].\n\n\
                To link it, write `[text](article:chip-deal)` in the body.\n\n\
                ```markdown\n[text](article:chip-deal)\n[terms]: article:chip-deal\n```\n\n\
                [terms]: article:chip-deal#terms\n";
    newsroom.write(
        "articles/2026/05/cloud-deal.md",
        &article_text(
            "cloud-deal",
            "OpenAI Breaks Microsoft's Hold",
            "related = [\"chip-deal\"]\n",
            body,
        ),
    );
    newsroom.assert_prints(
        &["rename", "chip-deal", "openai-chip-deal"],
        "links rewritten in 1 other article",
    );
    let other = newsroom.read("articles/2026/05/cloud-deal.md");
    assert_eq!(
        body_of(&other).trim_start_matches(['\n', '+']),
        "OpenAI also [signed a chip deal](article:openai-chip-deal), see \
         <article:openai-chip-deal> and [the terms][terms].\n\n\
         To link it, write `[text](article:chip-deal)` in the body.\n\n\
         ```markdown\n[text](article:chip-deal)\n[terms]: article:chip-deal\n```\n\n\
         [terms]: article:openai-chip-deal#terms\n"
    );
    assert!(
        other.contains("related = [\"openai-chip-deal\"]"),
        "{other}"
    );
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let newsroom = TempNewsroom::new();
    newsroom.write("articles/2026/05/chip-deal.md", DRAFT);
    newsroom
        .cmd(&[
            "publish",
            "chip-deal",
            "--now",
            "2026-06-01T09:00:00Z",
            "--dry-run",
        ])
        .assert()
        .success()
        .stdout(
            contains("--- a/articles/2026/05/chip-deal.md")
                .and(contains("-status = \"draft\""))
                .and(contains("+status = \"published\"")),
        );
    assert_eq!(newsroom.read("articles/2026/05/chip-deal.md"), DRAFT);
}

#[test]
fn list_filters_and_sorts_newest_first_in_every_format() {
    let newsroom = TempNewsroom::new();
    newsroom.article("older", "Older Story", PROSE);
    newsroom.article_changed(
        "newer",
        "Newer Story",
        PROSE,
        &[("2026-05-06T14:25:00Z", "2026-05-20T08:00:00Z")],
    );
    newsroom.write("articles/2026/05/chip-deal.md", DRAFT);
    let out = newsroom
        .cmd(&["list", "--format", "json", "--now", common::NOW])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    let slugs: Vec<&str> = rows
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["slug"].as_str().expect("slug"))
        .collect();
    assert_eq!(slugs, ["chip-deal", "newer", "older"]);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schemas/list.schema.json"
        ))
        .expect("schema"),
    )
    .expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    assert!(validator.is_valid(&rows));
    newsroom
        .cmd(&[
            "list",
            "--status",
            "published",
            "--author",
            "Ryan Tanaka",
            "--since",
            "2026-05-10",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .stdout(
            contains("path,slug,title")
                .and(contains("newer"))
                .and(contains("older").not()),
        );
    newsroom
        .cmd(&["list", "--status", "draft"])
        .assert()
        .success()
        .stdout(
            contains("STATUS")
                .and(contains("chip-deal"))
                .and(contains("newer").not()),
        );
}

#[test]
fn new_article_refuses_an_inactive_author() {
    let newsroom = TempNewsroom::new();
    newsroom.write(
        "authors/gone.toml",
        "name = \"Gone Writer\"\nactive = false\n",
    );
    newsroom.assert_refused(
        &["new-article", "A Story", "--author", "gone", "--desk", "ai"],
        "inactive",
    );
}

/// Errors and warnings per file as `copydesk lint --format json` reports them (paths as
/// `list` shows them: relative, `/`-separated).
fn lint_counts(
    newsroom: &TempNewsroom,
    now: &str,
) -> std::collections::BTreeMap<String, (u64, u64)> {
    let output = newsroom
        .cmd(&["lint", "--no-cache", "--format", "json", "--now", now])
        .output()
        .expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let mut counts = std::collections::BTreeMap::new();
    for diagnostic in report["diagnostics"].as_array().expect("diagnostics") {
        let path = diagnostic["path"]
            .as_str()
            .expect("path")
            .replace('\\', "/");
        let entry: &mut (u64, u64) = counts.entry(path).or_default();
        match diagnostic["severity"].as_str() {
            Some("error") => entry.0 += 1,
            Some("warning") => entry.1 += 1,
            _ => {}
        }
    }
    counts
}

/// Errors and warnings per file as `copydesk list --format json` shows them, and how many
/// articles it linted (from `--verbose`).
fn list_counts(
    newsroom: &TempNewsroom,
    now: &str,
) -> (std::collections::BTreeMap<String, (u64, u64)>, String) {
    let output = newsroom
        .cmd(&["list", "--format", "json", "--verbose", "--now", now])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let counts = rows
        .as_array()
        .expect("rows")
        .iter()
        .filter(|row| row["errors"] != 0 || row["warnings"] != 0)
        .map(|row| {
            (
                row["path"].as_str().expect("path").to_string(),
                (
                    row["errors"].as_u64().expect("errors"),
                    row["warnings"].as_u64().expect("warnings"),
                ),
            )
        })
        .collect();
    (counts, String::from_utf8(output.stderr).expect("UTF-8"))
}

/// `list` takes its counts from the lint index when warm; they must be `lint`'s counts, file
/// by file, cold or warm, after edits that change another article's corpus findings, and when
/// a time crosses now (TL002, TL006).
#[test]
fn list_counts_equal_lint_counts_cold_and_warm() {
    let newsroom = TempNewsroom::new();
    let now = common::NOW;
    newsroom.article("clean", "A Clean Story", PROSE);
    // Per-article findings: a missing dek (warning) and an image without alt text (error).
    newsroom.article_changed(
        "faulty",
        "A Faulty Story",
        &format!("{PROSE}\n![](chart.png)\n"),
        &[(
            "dek = \"The cloud deal changes how OpenAI sells its models.\"\n",
            "",
        )],
    );
    // Corpus findings: a link to a missing article, a related article that exists.
    newsroom.write(
        "articles/2026/05/linking.md",
        &article_text(
            "linking",
            "A Linking Story",
            "related = [\"clean\"]\n",
            &format!("{PROSE}\nSee [the missing piece](article:missing).\n"),
        ),
    );
    // Two articles sharing a slug, one with a suppression that silences nothing.
    newsroom.article("dup-one", "A Duplicate Story", PROSE);
    newsroom.write(
        "articles/2026/05/dup-two.md",
        &article_text(
            "dup-one",
            "Another Duplicate Story",
            "",
            &format!("<!-- copydesk-disable-next-line MD006 -->\n{PROSE}"),
        ),
    );
    // Scheduled for a time between two runs below: TL006 appears when it passes.
    newsroom.scheduled_article("later", "A Scheduled Story", "2026-06-03T00:00:00Z");
    let expected = lint_counts(&newsroom, now);
    assert!(
        expected.values().any(|c| c.0 > 0) && expected.values().any(|c| c.1 > 0),
        "the corpus has errors and warnings: {expected:?}"
    );
    let (cold, note) = list_counts(&newsroom, now);
    assert_eq!(cold, expected, "cold");
    assert!(note.contains("6 article(s) linted, 0 counted"), "{note}");
    let (warm, note) = list_counts(&newsroom, now);
    assert_eq!(warm, expected, "warm");
    assert!(note.contains("0 article(s) linted, 6 counted"), "{note}");

    // Deleting the linked article and fixing the missing link changes other files' counts.
    std::fs::remove_file(newsroom.path("articles/2026/05/clean.md")).expect("delete");
    let linking = newsroom.read("articles/2026/05/linking.md");
    newsroom.write(
        "articles/2026/05/linking.md",
        &linking.replace("article:missing", "article:faulty"),
    );
    let expected = lint_counts(&newsroom, now);
    let (warm, note) = list_counts(&newsroom, now);
    assert_eq!(warm, expected, "after edits");
    assert!(note.contains("1 article(s) linted, 4 counted"), "{note}");

    // Past the scheduled time: TL006 on `later`, found although its bytes did not change.
    let after = "2026-06-04T00:00:00Z";
    let expected = lint_counts(&newsroom, after);
    assert!(
        expected.contains_key("articles/2026/05/later.md"),
        "{expected:?}"
    );
    let (warm, _) = list_counts(&newsroom, after);
    assert_eq!(warm, expected, "after the scheduled time");
}
