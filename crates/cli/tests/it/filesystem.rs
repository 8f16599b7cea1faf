//! What copydesk does with the file system around the articles: links out of the newsroom,
//! the lint index directory, FIFOs, file modes, interrupted runs and article file names.

use crate::common;

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use common::{NOW, PROSE, Run, TempNewsroom, article_text, run};
use predicates::str::contains;

const SECRET: &str = "SECRET-OUTSIDE-CONTENT";

/// A directory outside the newsroom holding one article whose text must never be shown.
fn outside_articles() -> tempfile::TempDir {
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        outside.path().join("secret.md"),
        article_text("secret", SECRET, "", PROSE),
    )
    .expect("write");
    outside
}

#[cfg(unix)]
#[test]
fn a_directory_link_out_of_the_newsroom_named_on_the_command_line_is_refused() {
    let newsroom = TempNewsroom::new();
    newsroom.article("inside", "Inside Story", PROSE);
    let outside = outside_articles();
    std::os::unix::fs::symlink(outside.path(), newsroom.path("articles/2026/05/outdir"))
        .expect("symlink");
    for named in [
        "articles/2026/05/outdir",
        "articles/2026/05/outdir/",
        "articles/2026/05/outdir/secret.md",
    ] {
        let Run {
            stdout,
            stderr,
            code,
        } = run(&mut newsroom.lint(&["--format", "concise", named]));
        assert_eq!(code, 1, "{named}: {stdout}{stderr}");
        assert!(
            stdout.starts_with(
                "articles/2026/05/outdir:1:1: FM000 symbolic link points outside the newsroom (to `"
            ),
            "{named}: {stdout}"
        );
        assert!(
            !stdout.contains(SECRET) && !stderr.contains(SECRET),
            "{named}"
        );
        assert!(
            !stdout.contains("secret.md"),
            "{named}: nothing under it is listed"
        );
    }
    // Walking the articles directory does not follow the link (and says nothing about it).
    newsroom
        .lint(&["--format", "concise"])
        .assert()
        .code(0)
        .stdout("");
}

#[cfg(unix)]
#[test]
fn an_articles_directory_linked_out_of_the_newsroom_is_neither_linted_nor_exported() {
    let newsroom = TempNewsroom::new();
    let outside = outside_articles();
    std::os::unix::fs::symlink(outside.path(), newsroom.path("articles")).expect("symlink");

    let Run {
        stdout,
        stderr,
        code,
    } = run(&mut newsroom.lint(&["--format", "concise"]));
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.starts_with("articles:1:1: FM000 symbolic link points outside the newsroom (to `"),
        "{stdout}"
    );
    assert!(!stdout.contains(SECRET) && !stdout.contains("secret.md"));
    // `--fix` loads the same way.
    let Run { stdout, code, .. } = run(&mut newsroom.lint(&["--fix", "--format", "concise"]));
    assert_eq!(code, 1);
    assert!(stdout.starts_with("articles:1:1: FM000"), "{stdout}");

    let out = newsroom.path("public");
    let Run { stderr, .. } = run(&mut newsroom.cmd(&[
        "export",
        "--format",
        "json",
        "--out",
        out.to_str().expect("UTF-8 path"),
    ]));
    assert!(!stderr.contains(SECRET), "{stderr}");
    if out.exists() {
        for entry in common::files_under(&out) {
            let text = std::fs::read_to_string(&entry).unwrap_or_default();
            assert!(
                !text.contains(SECRET),
                "{} holds the outside article",
                entry.display()
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn a_lint_index_directory_that_is_a_link_is_not_used() {
    let newsroom = TempNewsroom::new();
    newsroom.article("inside", "Inside Story", PROSE);
    let elsewhere = tempfile::tempdir().expect("temp dir");
    std::fs::write(elsewhere.path().join("lint-index"), "someone else's file").expect("write");
    std::os::unix::fs::symlink(elsewhere.path(), newsroom.path(".copydesk-cache"))
        .expect("symlink");

    let Run { stderr, code, .. } = run(&mut newsroom.lint(&["-v"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("note: the lint index directory `")
            && stderr.contains(
                ".copydesk-cache` is a symbolic link; not using it; linting without the index"
            ),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(elsewhere.path().join("lint-index")).expect("read"),
        "someone else's file"
    );
    let names: Vec<_> = std::fs::read_dir(elsewhere.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["lint-index"], "nothing was added there");
    // Without `-v` the run is just as quiet as before.
    let Run { stderr, .. } = run(&mut newsroom.lint(&[]));
    assert!(!stderr.contains("symbolic link"), "{stderr}");
}

#[test]
fn a_lint_index_directory_copydesk_did_not_make_is_not_used() {
    let newsroom = TempNewsroom::new();
    newsroom.article("inside", "Inside Story", PROSE);
    newsroom.write(
        ".copydesk-cache/lint-index",
        "a file copydesk did not write",
    );
    let Run { stderr, code, .. } = run(&mut newsroom.lint(&["--verbose"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("has no `CACHEDIR.TAG` written by copydesk"),
        "{stderr}"
    );
    assert_eq!(
        newsroom.read(".copydesk-cache/lint-index"),
        "a file copydesk did not write"
    );
    // A directory copydesk made is used as before.
    std::fs::remove_dir_all(newsroom.path(".copydesk-cache")).expect("remove");
    newsroom.lint(&[]).assert().code(0);
    assert!(newsroom.path(".copydesk-cache/CACHEDIR.TAG").is_file());
    let Run { stderr, .. } = run(&mut newsroom.lint(&["-v"]));
    assert!(!stderr.contains("not using it"), "{stderr}");
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_template_that_is_a_fifo_is_refused_not_waited_on() {
    let newsroom = TempNewsroom::new();
    newsroom.write(
        "copydesk.toml",
        &format!(
            "{}\n[new_article]\ntemplate = \"templates/body.md\"\n",
            common::CONFIG
        ),
    );
    mkfifo(&newsroom.path("templates/body.md"));
    std::fs::create_dir_all(newsroom.path("articles")).expect("mkdir");
    let mut command = newsroom.new_article("A Story", &["--date", NOW]);
    // Only a guard against hanging the test suite; the assertion is on the message.
    command.timeout(Duration::from_secs(60));
    let Run { stderr, code, .. } = run(&mut command);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("templates/body.md") && stderr.contains("not a regular file"),
        "{stderr}"
    );
    assert!(!newsroom.path("articles/2026/06/a-story.md").exists());
}

#[cfg(unix)]
#[test]
fn an_author_file_or_config_that_is_a_fifo_is_refused_not_waited_on() {
    let newsroom = TempNewsroom::new();
    newsroom.article("inside", "Inside Story", PROSE);
    // Walks skip FIFOs, but not a link to one; the lint index keys on every author file.
    mkfifo(&newsroom.path("pipe"));
    std::os::unix::fs::symlink(newsroom.path("pipe"), newsroom.path("authors/pipe.toml"))
        .expect("symlink");
    let mut lint = newsroom.lint(&["--format", "concise"]);
    lint.timeout(Duration::from_secs(60));
    let Run { stdout, code, .. } = run(&mut lint);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("authors/pipe.toml:1:1: FM000 not a regular file; not read"),
        "{stdout}"
    );
    std::fs::remove_file(newsroom.path("authors/pipe.toml")).expect("remove");
    std::fs::remove_file(newsroom.path("copydesk.toml")).expect("remove");
    mkfifo(&newsroom.path("copydesk.toml"));
    let mut lint = newsroom.lint(&[]);
    lint.timeout(Duration::from_secs(60));
    let Run { stderr, code, .. } = run(&mut lint);
    // Not a regular file, so not a configuration: never opened.
    assert_eq!(code, 2);
    assert!(stderr.contains("copydesk.toml"), "{stderr}");
}

/// `copydesk <args>` in `dir` under `umask`, through `sh` so the umask applies to it alone.
#[cfg(unix)]
fn under_umask(dir: &Path, umask: &str, args: &[&str]) -> std::process::Output {
    let binary = assert_cmd::cargo::cargo_bin("copydesk");
    let mut script = format!("umask {umask}; exec '{}'", binary.display());
    for arg in args {
        script.push_str(" '");
        script.push_str(arg);
        script.push('\'');
    }
    std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .output()
        .expect("sh runs")
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).expect("stat").permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn scaffolded_files_get_the_mode_an_editor_would_give_them() {
    for (umask, expected) in [("022", 0o644), ("027", 0o640), ("002", 0o664)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let run = under_umask(dir.path(), umask, &["init", "nr", "--now", NOW]);
        assert!(run.status.success(), "{run:?}");
        let root = dir.path().join("nr");
        for file in common::files_under(&root) {
            assert_eq!(mode(&file), expected, "umask {umask}: {}", file.display());
        }
        let run = under_umask(
            &root,
            umask,
            &["new-author", "maya-okafor", "--name", "Maya Okafor"],
        );
        assert!(run.status.success(), "{run:?}");
        assert_eq!(mode(&root.join("authors/maya-okafor.toml")), expected);
        let run = under_umask(
            &root,
            umask,
            &[
                "new-article",
                "A Fresh Story",
                "--author",
                "maya-okafor",
                "--desk",
                "news",
                "--date",
                NOW,
            ],
        );
        assert!(run.status.success(), "{run:?}");
        assert_eq!(
            mode(&root.join("articles/2026/06/a-fresh-story.md")),
            expected,
            "umask {umask}"
        );
    }
}

#[test]
fn a_failed_init_leaves_nothing_behind_and_can_be_run_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("nr");
    std::fs::create_dir_all(&root).expect("mkdir");
    // Occupied: the articles directory cannot be created, after the author file was written.
    std::fs::write(root.join("articles"), "in the way").expect("write");
    let mut init = Command::cargo_bin("copydesk").expect("binary");
    init.current_dir(dir.path())
        .args(["init", "nr", "--now", NOW])
        .assert()
        .code(2)
        .stderr(contains("articles"));
    let left: Vec<_> = std::fs::read_dir(&root)
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["articles"], "only what was there before");

    std::fs::remove_file(root.join("articles")).expect("clear the way");
    let mut again = Command::cargo_bin("copydesk").expect("binary");
    again
        .current_dir(dir.path())
        .args(["init", "nr", "--now", NOW])
        .assert()
        .code(0);
    let mut lint = Command::cargo_bin("copydesk").expect("binary");
    lint.current_dir(&root)
        .args(["lint", "--now", NOW])
        .assert()
        .code(0);
}

#[test]
fn odd_new_article_patterns_are_config_errors_naming_the_key() {
    for (pattern, says) in [
        ("articles/{year}/{slug}.MD", "must end in `/{slug}.md`"),
        ("./articles/{slug}.md", "must not contain `./`"),
        ("articles/{slug}-draft.md", "must end in `/{slug}.md`"),
        ("articles/.drafts/{slug}.md", "hidden component `.drafts`"),
        (
            "content/{slug}.md",
            "under the articles directory `articles`",
        ),
        (
            "articles/{author}/{slug}.md",
            "unknown placeholder `{author}`",
        ),
        ("articles//{slug}.md", "empty path component"),
    ] {
        let newsroom = TempNewsroom::new();
        newsroom.write(
            "copydesk.toml",
            &common::CONFIG.replace(
                "[paths]\n",
                &format!("[paths]\nnew_article = \"{pattern}\"\n"),
            ),
        );
        let Run { stderr, code, .. } = run(&mut newsroom.new_article("A Story", &[]));
        assert_eq!(code, 2, "{pattern}: {stderr}");
        assert!(
            stderr.contains("copydesk.toml:")
                && stderr.contains("`paths.new_article`: ")
                && stderr.contains(says),
            "{pattern}: {stderr}"
        );
        assert!(
            !newsroom.path("articles").exists(),
            "{pattern}: nothing written"
        );
    }
}

#[test]
fn a_moved_articles_directory_moves_the_default_new_article_pattern() {
    let newsroom = TempNewsroom::new();
    newsroom.write(
        "copydesk.toml",
        &common::CONFIG.replace("articles = \"articles\"", "articles = \"content/stories\""),
    );
    std::fs::create_dir_all(newsroom.path("content/stories")).expect("mkdir");
    newsroom
        .new_article("A Story", &["--date", NOW])
        .assert()
        .code(0)
        .stdout("content/stories/2026/06/a-story.md\n");
    // And lint sees it.
    newsroom
        .lint(&[])
        .assert()
        .code(0)
        .stderr(contains("checked 1 file "));
}

#[test]
fn markdown_and_upper_case_extensions_are_articles_like_md() {
    let newsroom = TempNewsroom::new();
    newsroom.write(
        "articles/2026/05/long-form.markdown",
        &article_text("long-form", "Long Form", "", PROSE),
    );
    newsroom.write(
        "articles/2026/05/shouting.MD",
        &article_text("shouting", common::LONG_TITLE, "", PROSE),
    );
    newsroom.write("articles/2026/05/notes.txt", "not an article");
    let Run {
        stdout,
        stderr,
        code,
    } = run(&mut newsroom.lint(&["--format", "concise"]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("articles/2026/05/shouting.MD:2:9: FM006"),
        "{stdout}"
    );
    assert!(!stdout.contains("notes.txt"));
    assert!(
        stderr.is_empty() || stderr.contains("checked 2 files"),
        "{stderr}"
    );
    let Run { stderr, .. } = run(&mut newsroom.lint(&[]));
    assert!(stderr.contains("checked 2 files"), "{stderr}");

    let out = newsroom.path("public");
    newsroom
        .cmd(&[
            "export",
            "--format",
            "json",
            "--out",
            out.to_str().expect("UTF-8 path"),
        ])
        .assert()
        .code(0);
    assert!(out.join("articles/long-form.json").is_file());
    assert!(out.join("articles/shouting.json").is_file());
}

#[test]
fn fix_removes_temporary_files_a_killed_run_left_behind() {
    let newsroom = TempNewsroom::new();
    newsroom.article("inside", "Inside Story", PROSE);
    let stale = "articles/2026/05/.copydesk-write-Ab12Cd.tmp";
    let fresh = "articles/2026/05/.copydesk-write-Zz99Yy.tmp";
    let foreign = "articles/2026/05/.notes.tmp";
    for path in [stale, fresh, foreign] {
        newsroom.write(path, "half a file");
    }
    for path in [stale, foreign] {
        let file = std::fs::File::options()
            .write(true)
            .open(newsroom.path(path))
            .expect("open");
        file.set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
            .expect("age");
    }
    let Run { stderr, code, .. } = run(&mut newsroom.lint(&["--fix"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "note: removed {stale}, a temporary file left by an interrupted run"
        )),
        "{stderr}"
    );
    assert!(!newsroom.path(stale).exists());
    assert!(
        newsroom.path(fresh).exists(),
        "a fresh one may belong to a run in progress"
    );
    assert!(newsroom.path(foreign).exists(), "not copydesk's");
}
