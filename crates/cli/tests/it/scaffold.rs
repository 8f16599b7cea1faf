//! `copydesk init`, `new-article` and `new-author` against temporary newsrooms.

use crate::common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const DATE: &str = "2026-05-06T14:25:00Z";

fn copydesk(dir: &Path) -> Command {
    let mut command = common::copydesk_in(dir);
    command.env_remove("VISUAL").env_remove("EDITOR");
    command
}

/// A newsroom in `<temp>/newsroom`, so tests can check nothing lands beside it.
struct Newsroom {
    outer: tempfile::TempDir,
}

impl Newsroom {
    fn new(authors: &[&str], desks: &[&str]) -> Newsroom {
        Newsroom::with_paths(authors, desks, "")
    }

    fn with_paths(authors: &[&str], desks: &[&str], paths: &str) -> Newsroom {
        let outer = tempfile::tempdir().expect("temp dir");
        let root = outer.path().join("newsroom");
        std::fs::create_dir_all(root.join("authors")).expect("authors dir");
        std::fs::create_dir_all(root.join("articles")).expect("articles dir");
        let mut config = format!("[site]\ntitle = \"Tech Desk\"\n{paths}\n");
        for desk in desks {
            let _ = write!(config, "[desks.{desk}]\nname = \"{desk}\"\n");
        }
        std::fs::write(root.join("copydesk.toml"), config).expect("config");
        for author in authors {
            std::fs::write(
                root.join("authors").join(format!("{author}.toml")),
                format!("name = \"{author}\"\n"),
            )
            .expect("author");
        }
        Newsroom { outer }
    }

    fn root(&self) -> PathBuf {
        self.outer.path().join("newsroom")
    }

    fn run(&self) -> Command {
        copydesk(&self.root())
    }

    fn write(&self, relative: &str, text: &str) {
        common::write(&self.root().join(relative), text);
    }

    /// Asserts that `copydesk <args>` succeeds and prints only `path`, the file it wrote.
    fn assert_writes(&self, args: &[&str], path: &str) {
        self.run()
            .args(args)
            .assert()
            .success()
            .stdout(format!("{path}\n"));
    }

    /// Asserts that `copydesk <args>` is refused (exit 2) with `message` on stderr.
    fn assert_refused(&self, args: &[&str], message: &str) {
        common::assert_refused(self.run().args(args), message);
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root().join(relative)).expect("file written")
    }

    /// Every file under the root, relative, sorted.
    fn files(&self) -> Vec<String> {
        let root = self.root();
        let mut files: Vec<String> = common::files_under(&root)
            .iter()
            .map(|path| {
                let relative = path.strip_prefix(&root).expect("under root");
                relative.display().to_string()
            })
            .collect();
        files.sort();
        files
    }

    /// Nothing was written next to the newsroom.
    fn assert_nothing_outside(&self) {
        let names: Vec<_> = std::fs::read_dir(self.outer.path())
            .expect("list")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["newsroom"]);
    }
}

fn single() -> Newsroom {
    Newsroom::new(&["ryan-tanaka"], &["ai"])
}

fn several() -> Newsroom {
    Newsroom::new(&["maya-okafor", "ryan-tanaka"], &["ai", "consumer-tech"])
}

#[test]
fn init_then_lint_clean() {
    let dir = tempfile::tempdir().expect("temp dir");
    copydesk(dir.path())
        .args(["init", "site"])
        .assert()
        .success()
        .stdout(predicate::str::contains("site/copydesk.toml"))
        .stdout(predicate::str::contains("site/authors/alex-rivera.toml"));
    let site = dir.path().join("site");
    assert!(site.join(".gitignore").is_file());
    copydesk(&site)
        .args(["lint", "--fail-on", "info"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("0 errors, 0 warnings, 0 info"));
    // A new article in the fresh newsroom needs no flags: one author, one desk.
    copydesk(&site)
        .args(["new-article", "First Story"])
        .write_stdin("")
        .assert()
        .success();
    copydesk(&site)
        .args(["lint", "--fail-on", "warning"])
        .assert()
        .success();
    copydesk(dir.path())
        .args(["init", "site"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("copydesk.toml` already exists"));
}

#[test]
fn new_article_happy_path() {
    let newsroom = single();
    newsroom.assert_writes(
        &[
            "new-article",
            "OpenAI Breaks Microsoft’s Hold",
            "--author",
            "ryan-tanaka",
            "--desk",
            "ai",
            "--tag",
            "openai",
            "--tag",
            "cloud",
            "--date",
            DATE,
        ],
        "articles/2026/05/openai-breaks-microsofts-hold.md",
    );
    insta::assert_snapshot!(newsroom.read("articles/2026/05/openai-breaks-microsofts-hold.md"));
    // As scaffolded, the draft's only finding is its placeholders, at info severity.
    newsroom
        .run()
        .args(["lint", "--fail-on", "warning", "--format", "concise"])
        .assert()
        .success()
        .stdout(
            "articles/2026/05/openai-breaks-microsofts-hold.md:21:1: ED009 draft still holds 4 placeholders marked `TK:`\n",
        );
}

#[test]
fn slug_from_curly_apostrophes_and_accents() {
    let newsroom = single();
    newsroom.assert_writes(
        &[
            "new-article",
            "L’été où Apple’s «Café» a fermé",
            "--date",
            DATE,
        ],
        "articles/2026/05/lete-ou-apples-cafe-a-ferme.md",
    );
    let text = newsroom.read("articles/2026/05/lete-ou-apples-cafe-a-ferme.md");
    assert!(
        text.contains("title = \"L’été où Apple’s «Café» a fermé\""),
        "{text}"
    );
}

#[test]
fn cjk_title_asks_for_a_slug() {
    let newsroom = single();
    newsroom
        .run()
        .args(["new-article", "東京の新しいAI", "--date", DATE])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Han script").and(predicate::str::contains("--slug")));
    newsroom.assert_writes(
        &[
            "new-article",
            "東京の新しいAI",
            "--slug",
            "tokyo-new-ai",
            "--date",
            DATE,
        ],
        "articles/2026/05/tokyo-new-ai.md",
    );
}

#[test]
fn slug_collision_is_refused_naming_the_other_file() {
    let newsroom = single();
    newsroom
        .run()
        .args([
            "new-article",
            "Same Story",
            "--date",
            "2026-04-01T09:00:00Z",
        ])
        .assert()
        .success();
    newsroom.assert_refused(
        &["new-article", "Same Story", "--date", DATE],
        "slug `same-story` is already used by `articles/2026/04/same-story.md`",
    );
    assert_eq!(newsroom.files().len(), 3, "{:?}", newsroom.files());
}

#[test]
fn slug_of_a_file_that_does_not_parse_is_still_taken() {
    let newsroom = single();
    let broken = newsroom.root().join("articles/2025/01/same-story.md");
    newsroom.write(
        "articles/2025/01/same-story.md",
        "+++\ntitle = \"unterminated\n",
    );
    newsroom.assert_refused(
        &["new-article", "Same Story", "--date", DATE],
        "slug `same-story` is already used by `articles/2025/01/same-story.md`",
    );
    assert_eq!(
        std::fs::read_to_string(&broken).expect("read"),
        "+++\ntitle = \"unterminated\n"
    );
    assert!(!newsroom.root().join("articles/2026").exists());
}

#[test]
fn existing_file_is_never_overwritten() {
    // A draft the listing ignores (`.copydeskignore`), so the slug check cannot see it: only
    // create-new stands in the way.
    let newsroom = Newsroom::with_paths(
        &["ryan-tanaka"],
        &["ai"],
        "[paths]\narticles = \"articles\"\nnew_article = \"articles/drafts/{slug}.md\"\n",
    );
    newsroom.write("articles/.copydeskignore", "drafts/\n");
    newsroom.write("articles/drafts/taken.md", "my unsaved work\n");
    newsroom.assert_refused(
        &["new-article", "Taken", "--date", DATE],
        "drafts/taken.md` already exists",
    );
    assert_eq!(
        newsroom.read("articles/drafts/taken.md"),
        "my unsaved work\n"
    );
    assert_eq!(
        std::fs::read_dir(newsroom.root().join("articles/drafts"))
            .expect("list")
            .count(),
        1,
        "no temporary file left behind"
    );
}

#[test]
fn desk_template_replaces_the_body() {
    let newsroom = Newsroom::with_paths(
        &["ryan-tanaka"],
        &["ai"],
        "[paths]\nnew_article = \"articles/{desk}/{year}/{month}/{day}/{slug}.md\"\n[new_article]\ntemplate = \"templates/article.md\"\n",
    );
    newsroom.write(
        "templates/article.md",
        "The {desk} desk on {title}, filed {year}-{month}-{day} as {slug}.\n\n## Background\n\nHow we got here.\n",
    );
    newsroom.assert_writes(
        &["new-article", "Chips Get Cheaper", "--date", DATE],
        "articles/ai/2026/05/06/chips-get-cheaper.md",
    );
    let text = newsroom.read("articles/ai/2026/05/06/chips-get-cheaper.md");
    assert!(
        text.ends_with("+++\n\nThe ai desk on Chips Get Cheaper, filed 2026-05-06 as chips-get-cheaper.\n\n## Background\n\nHow we got here.\n"),
        "{text}"
    );
}

#[test]
fn hostile_titles_stay_inside_the_root_or_are_refused() {
    let newsroom = single();
    let long = "Breaking ".repeat(120);
    let cases: &[(&str, Option<&str>)] = &[
        ("../../etc/passwd", Some("articles/2026/05/etc-passwd.md")),
        ("/abs", Some("articles/2026/05/abs.md")),
        (
            "C:\\Windows\\system32",
            Some("articles/2026/05/c-windows-system32.md"),
        ),
        ("..", None),
        ("🚀🔥", None),
        ("", None),
        ("   ", None),
        ("line\nbreak", None),
        (&long, Some("articles/2026/05/breaking-")),
    ];
    for (title, expected) in cases {
        let assert = newsroom
            .run()
            .args(["new-article", title, "--date", DATE])
            .assert();
        match expected {
            Some(path) => {
                let output = assert.success().get_output().stdout.clone();
                let written = String::from_utf8(output).expect("utf-8");
                assert!(written.starts_with(path), "{title}: {written}");
                let slug = Path::new(written.trim()).file_stem().expect("stem");
                assert!(slug.len() <= 80, "{title}: {written}");
            }
            None => {
                assert.code(2).stderr(predicate::str::contains("title"));
            }
        }
    }
    newsroom.assert_nothing_outside();
    assert!(
        newsroom.files().iter().all(|f| f == "copydesk.toml"
            || f.starts_with("authors/")
            || f.starts_with("articles/2026/05/")),
        "{:?}",
        newsroom.files()
    );
}

#[test]
fn hostile_slugs_and_desks_are_refused() {
    let newsroom = Newsroom::with_paths(
        &["ryan-tanaka"],
        &["ai"],
        "[paths]\nnew_article = \"articles/{desk}/{slug}.md\"\n",
    );
    for slug in ["../../x", "/abs", "a/b", "..", "Upper", "a b", ""] {
        newsroom.assert_refused(
            &["new-article", "Fine Title", "--slug", slug, "--date", DATE],
            "slug",
        );
    }
    for desk in ["../x", "/abs", "..", "a/b", "AI"] {
        newsroom.assert_refused(
            &["new-article", "Fine Title", "--desk", desk, "--date", DATE],
            "desk id",
        );
    }
    for author in ["../x", "/abs"] {
        newsroom.assert_refused(
            &["new-article", "Fine Title", "--author", author],
            "author id",
        );
    }
    newsroom.assert_nothing_outside();
    assert!(!newsroom.root().join("articles/ai").exists());
}

#[test]
fn unknown_author_and_desk_list_known_ids_and_nearest() {
    let newsroom = several();
    newsroom
        .run()
        .args(["new-article", "Title", "--author", "ryan-tanka", "--desk", "ai"])
        .assert()
        .code(2)
        .stderr(
            "error: unknown author `ryan-tanka` (did you mean `ryan-tanaka`?); known authors: `maya-okafor`, `ryan-tanaka`; to add it: `copydesk new-author ryan-tanka --name \"…\"`\n",
        );
    newsroom
        .run()
        .args(["new-article", "Title", "--author", "maya-okafor", "--desk", "consumer"])
        .assert()
        .code(2)
        .stderr(
            "error: unknown desk `consumer` (did you mean `consumer-tech`?); known desks: `ai`, `consumer-tech`; to add it: `copydesk new-desk consumer --name \"…\"`\n",
        );
}

#[test]
fn dry_run_writes_nothing() {
    let newsroom = single();
    let before = newsroom.files();
    let output = newsroom
        .run()
        .args(["new-article", "Dry Story", "--date", DATE, "--dry-run"])
        .assert()
        .success()
        .stderr("would write articles/2026/05/dry-story.md\n")
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).expect("utf-8");
    assert!(text.starts_with("+++\ntitle = \"Dry Story\"\n"), "{text}");
    assert_eq!(newsroom.files(), before);
    assert!(!newsroom.root().join("articles/2026").exists());
}

#[test]
fn non_terminal_never_prompts() {
    let newsroom = several();
    newsroom
        .run()
        .args(["new-article"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing the title"));
    newsroom
        .run()
        .args(["new-article", "Title", "--desk", "ai"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(
            "error: missing --author: the newsroom has several authors (maya-okafor, ryan-tanaka); pass one with --author ID\n",
        );
    newsroom
        .run()
        .args(["new-article", "Title", "--author", "ryan-tanaka"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing --desk"));
    newsroom
        .run()
        .args(["new-author", "jane-doe"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing --name"));
    assert_eq!(newsroom.files().len(), 3);
}

#[test]
fn edit_opens_the_editor_on_the_new_file() {
    let newsroom = single();
    newsroom
        .run()
        .args(["new-article", "Edited Story", "--date", DATE, "--edit"])
        .env("EDITOR", "sh -c 'printf \"edited\\n\" >> \"$0\"'")
        .assert()
        .success()
        .stdout("articles/2026/05/edited-story.md\n");
    assert!(
        newsroom
            .read("articles/2026/05/edited-story.md")
            .ends_with("\nedited\n")
    );
    newsroom.assert_refused(
        &["new-article", "No Editor", "--date", DATE, "--edit"],
        "$VISUAL or $EDITOR",
    );
}

#[test]
fn new_author_writes_once() {
    let newsroom = single();
    newsroom.assert_writes(
        &[
            "new-author",
            "maya-okafor",
            "--name",
            "Maya \"M\" Okafor",
            "--beat",
            "AI",
        ],
        "authors/maya-okafor.toml",
    );
    insta::assert_snapshot!(newsroom.read("authors/maya-okafor.toml"));
    newsroom.assert_refused(
        &["new-author", "maya-okafor", "--name", "Someone Else"],
        "maya-okafor.toml` already exists",
    );
    assert!(newsroom.read("authors/maya-okafor.toml").contains("Okafor"));
    for bad in ["../x", "Maya", "a/b"] {
        newsroom.assert_refused(&["new-author", bad, "--name", "X"], "author id");
    }
    // The new author is usable at once.
    newsroom
        .run()
        .args([
            "new-article",
            "By Maya",
            "--author",
            "maya-okafor",
            "--date",
            DATE,
        ])
        .assert()
        .success();
    newsroom.run().args(["lint"]).assert().success();
}

/// Runs the pseudo-terminal driver for `scenario`; `None` when no Python is available.
#[cfg(unix)]
fn drive_pty(newsroom: &Newsroom, scenario: &str) -> Option<String> {
    let python = ["python3", "python"].into_iter().find(|name| {
        std::process::Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(python) = python else {
        assert!(
            std::env::var_os("COPYDESK_REQUIRE_CONSUMERS").is_none(),
            "no python for the pseudo-terminal driver and COPYDESK_REQUIRE_CONSUMERS is set"
        );
        eprintln!("skipped: no python for the pseudo-terminal driver");
        return None;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pty_prompt.py");
    let output = std::process::Command::new(python)
        .arg(script)
        .arg(assert_cmd::cargo::cargo_bin("copydesk"))
        .arg(newsroom.root())
        .arg(scenario)
        .output()
        .expect("driver runs");
    let transcript = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{transcript}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(transcript)
}

/// Drives the prompts through a pseudo-terminal: title typed, second author picked with the
/// arrow key, first desk accepted.
#[cfg(unix)]
#[test]
fn prompts_on_a_terminal() {
    let newsroom = several();
    let Some(transcript) = drive_pty(&newsroom, "all") else {
        return;
    };
    let text = newsroom.read("articles/2026/05/prompted-story.md");
    assert!(text.contains("title = \"Prompted Story\"\n"), "{text}");
    assert!(text.contains("authors = [\"ryan-tanaka\"]\n"), "{text}");
    assert!(text.contains("desk = \"ai\"\n"), "{text}");
    assert!(
        transcript.contains("articles/2026/05/prompted-story.md"),
        "{transcript}"
    );
}

/// A CJK title at a terminal asks for the slug instead of failing.
#[cfg(unix)]
#[test]
fn prompts_for_a_slug_on_a_terminal() {
    let newsroom = several();
    if drive_pty(&newsroom, "slug").is_none() {
        return;
    }
    let text = newsroom.read("articles/2026/05/tokyo-new-ai.md");
    assert!(text.contains("title = \"東京の新しいAI\"\n"), "{text}");
}
