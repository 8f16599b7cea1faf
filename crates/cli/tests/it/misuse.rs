//! What a user who gets a command wrong is told: each case asserts the exit code (2, a usage
//! or I/O error) and that the message names what is wrong and how to put it right, with no
//! temporary file names or parser internals in it.

use crate::common::{PROSE, TempNewsroom, run};

/// Stderr of a run that must fail with exit 2, without a panic.
fn refused(newsroom: &TempNewsroom, args: &[&str], stdin: Option<&str>) -> String {
    let mut cmd = newsroom.cmd(args);
    if let Some(text) = stdin {
        cmd.write_stdin(text);
    }
    let done = run(&mut cmd);
    assert_eq!(done.code, 2, "{}", done.stderr);
    done.assert_stderr_lacks("panicked");
    done.stderr
}

#[test]
fn a_stdin_buffer_from_outside_the_newsroom_is_refused_not_passed() {
    let newsroom = TempNewsroom::new();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let outside = elsewhere.path().join("story.md");
    let outside = outside.to_str().expect("utf-8 path");
    let stderr = refused(
        &newsroom,
        &["lint", "--root", ".", "--stdin-filename", outside],
        Some("+++\ntitle = \"x\"\n+++\n\nText.\n"),
    );
    assert!(stderr.contains("is outside the newsroom"), "{stderr}");
    assert!(
        stderr.contains("help: `--stdin-filename` names"),
        "{stderr}"
    );
}

#[test]
fn a_report_into_a_missing_directory_names_the_directory() {
    let newsroom = TempNewsroom::new();
    newsroom.article("clean", "A Clean Story", PROSE);
    for args in [
        [
            "lint",
            "--format",
            "junit",
            "--output-file",
            "nodir/report.xml",
        ],
        ["lint", "--write-baseline", "nodir/baseline.json", "", ""],
    ] {
        let args: Vec<&str> = args.into_iter().filter(|a| !a.is_empty()).collect();
        let stderr = refused(&newsroom, &args, None);
        assert!(
            stderr.contains("directory `nodir` does not exist"),
            "{stderr}"
        );
        assert!(
            !stderr.contains(".tmp"),
            "no temporary file names: {stderr}"
        );
    }
}

#[test]
fn a_baseline_that_is_missing_or_not_one_says_what_to_do() {
    let newsroom = TempNewsroom::new();
    newsroom.article("clean", "A Clean Story", PROSE);

    let stderr = refused(&newsroom, &["lint", "--baseline", "nope.json"], None);
    assert!(
        stderr.contains("help: write it with `copydesk lint --write-baseline nope.json`"),
        "{stderr}"
    );

    newsroom.write("list.json", "[]\n");
    let stderr = refused(&newsroom, &["lint", "--baseline", "list.json"], None);
    assert!(stderr.contains("not a copydesk baseline"), "{stderr}");
    assert!(
        !stderr.contains("Versioned"),
        "no parser internals: {stderr}"
    );

    newsroom.write("notes.json", "not json\n");
    let stderr = refused(&newsroom, &["lint", "--baseline", "notes.json"], None);
    assert!(stderr.contains("not JSON"), "{stderr}");

    // Named by the configuration: the message says where it came from.
    let config = newsroom.read("copydesk.toml");
    let config = if config.contains("[lint]\n") {
        config.replacen("[lint]\n", "[lint]\nbaseline = \"gone.json\"\n", 1)
    } else {
        format!("{config}\n[lint]\nbaseline = \"gone.json\"\n")
    };
    newsroom.write("copydesk.toml", &config);
    let stderr = refused(&newsroom, &["lint"], None);
    assert!(
        stderr.contains("(set by `lint.baseline` in copydesk.toml)"),
        "{stderr}"
    );
}

#[test]
fn completions_written_to_a_closed_pipe_do_not_panic() {
    for shell in ["bash", "fish", "zsh"] {
        // A pipe whose reader is gone, as after `| head -1`: every write fails.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("copydesk"))
            .args(["completions", shell])
            .stdout(writer)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{shell}: {stderr}");
        assert_ne!(output.status.code(), Some(101), "{shell}: {stderr}");
    }
}

#[test]
fn config_takes_a_slug_and_refuses_a_file_that_is_not_there() {
    let newsroom = TempNewsroom::new();
    let relative = newsroom.article("clean", "A Clean Story", PROSE);
    let done = run(&mut newsroom.cmd(&["config", "clean"]));
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert!(
        done.stdout.contains(&format!("file: {relative}")),
        "{}",
        done.stdout
    );

    for missing in ["articles/2026/05/nope.md", "no-such-slug"] {
        let stderr = refused(&newsroom, &["config", missing], None);
        assert!(
            stderr.contains(&format!("no file or article `{missing}`")),
            "{stderr}"
        );
        assert!(stderr.contains("help: give a file's path or an article's slug"));
    }
}

#[test]
fn preview_opens_an_article_by_slug_and_refuses_one_that_is_not_there() {
    let newsroom = TempNewsroom::new();
    let relative = newsroom.article("clean", "A Clean Story", PROSE);

    let stderr = refused(
        &newsroom,
        &["preview", "--port", "0", "no-such-story"],
        None,
    );
    assert!(stderr.contains("no article `no-such-story`"), "{stderr}");
    assert!(stderr.contains("help: give an article's slug"), "{stderr}");

    let (mut child, line) = crate::common::spawn_preview(&newsroom, &["clean"]);
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        line.trim().ends_with(&format!("/article/{relative}")),
        "{line}"
    );
}

#[test]
fn changed_since_without_the_history_says_how_to_get_it() {
    let newsroom = TempNewsroom::new();
    newsroom.article("clean", "A Clean Story", PROSE);
    let stderr = refused(&newsroom, &["lint", "--changed-since", "HEAD"], None);
    assert!(
        stderr.contains("is not inside a git repository"),
        "{stderr}"
    );
    assert!(stderr.contains("help: `--changed-since` compares with git history"));

    crate::common::git_commit_everything(newsroom.root());
    let stderr = refused(&newsroom, &["lint", "--changed-since", "origin/main"], None);
    assert!(
        stderr.contains("unknown git revision `origin/main`"),
        "{stderr}"
    );
    assert!(stderr.contains("help: `--changed-since origin/main` needs that commit"));
}

#[test]
fn a_preview_port_in_use_says_how_to_pick_another() {
    let newsroom = TempNewsroom::new();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = taken.local_addr().expect("bound").port().to_string();
    let stderr = refused(&newsroom, &["preview", "--port", &port], None);
    assert!(stderr.contains("cannot listen on"), "{stderr}");
    assert!(stderr.contains("`--port 0` for any free one"), "{stderr}");
}

#[test]
fn list_refuses_a_desk_or_author_the_newsroom_does_not_have() {
    let newsroom = TempNewsroom::new();
    newsroom.article("clean", "A Clean Story", PROSE);
    let stderr = refused(&newsroom, &["list", "--desk", "aii"], None);
    assert!(
        stderr.contains("unknown desk `aii`; did you mean `ai`?"),
        "{stderr}"
    );
    let stderr = refused(&newsroom, &["list", "--author", "nobody"], None);
    assert!(
        stderr.contains("unknown author `nobody`; the authors are"),
        "{stderr}"
    );
    // An author's name names them too.
    let listed = run(&mut newsroom.cmd(&["list", "--author", "Ryan Tanaka"]));
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(listed.stdout.contains("clean"), "{}", listed.stdout);
}
