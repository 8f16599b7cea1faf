//! The README's quickstart and writer walkthrough, and the examples of `--help`, run as
//! scripts with the real binary in an empty directory: a command a new user copies must work
//! as written, in the order it is shown.
//!
//! A README block takes part when the line before it is `<!-- readme-script: NAME -->`. Blocks
//! with the same name form one script, run in README order in one temporary directory; `cd`
//! moves the script's working directory. In `console` blocks the commands are the `$ ` lines
//! (the others are output); in `sh` blocks every line that is not a comment is a command.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

const README: &str = include_str!("../../../../README.md");

/// One command of a script and where it came from.
#[derive(Debug)]
struct Step {
    line: usize,
    words: Vec<String>,
    /// In a `console` block, the output shown under the command: what it prints on stdout.
    shown: Option<Vec<String>>,
}

/// The README's scripts by name, each in README order.
fn readme_scripts(readme: &str) -> BTreeMap<String, Vec<Step>> {
    let mut scripts: BTreeMap<String, Vec<Step>> = BTreeMap::new();
    let lines: Vec<&str> = readme.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let Some(name) = lines[i]
            .trim()
            .strip_prefix("<!-- readme-script:")
            .and_then(|rest| rest.strip_suffix("-->"))
            .map(str::trim)
        else {
            i += 1;
            continue;
        };
        let fence = lines.get(i + 1).map(|l| l.trim()).unwrap_or_default();
        let console = match fence {
            "```console" => true,
            "```sh" => false,
            other => panic!(
                "README line {}: `readme-script: {name}` must be followed by a ```console or ```sh block, not `{other}`",
                i + 2
            ),
        };
        let steps = scripts.entry(name.to_string()).or_default();
        i += 2;
        while i < lines.len() && lines[i].trim() != "```" {
            let line = lines[i].trim();
            let command = if console {
                line.strip_prefix("$ ")
            } else {
                Some(line).filter(|l| !l.is_empty() && !l.starts_with('#'))
            };
            if let Some(command) = command {
                let words = shell_words::split(command).unwrap_or_else(|e| {
                    panic!("README line {}: cannot split `{command}`: {e}", i + 1)
                });
                steps.push(Step {
                    line: i + 1,
                    words,
                    shown: console.then(Vec::new),
                });
            } else if console {
                let step = steps.last_mut().unwrap_or_else(|| {
                    panic!("README line {}: output before any `$ ` command", i + 1)
                });
                // Output keeps its indentation: the full format aligns its gutter with it.
                step.shown
                    .get_or_insert_with(Vec::new)
                    .push(lines[i].trim_end().to_string());
            }
            i += 1;
        }
        assert!(
            i < lines.len(),
            "README: unterminated block of script `{name}`"
        );
    }
    scripts
}

fn copydesk(args: &[String], cwd: &Path) -> Output {
    assert_cmd::Command::cargo_bin("copydesk")
        .expect("binary")
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .output()
        .expect("runs")
}

/// Runs `steps` from `start`, asserting that each succeeds; returns the final directory.
fn run_script(name: &str, steps: &[Step], start: &Path) -> PathBuf {
    let mut cwd = start.to_path_buf();
    for step in steps {
        let (program, args) = step.words.split_first().expect("a command has a word");
        match program.as_str() {
            "cd" => {
                let [dir] = args else {
                    panic!("README line {}: `cd` takes one directory", step.line)
                };
                cwd = cwd.join(dir);
                assert!(
                    cwd.is_dir(),
                    "README line {} ({name}): `cd {dir}`: no such directory",
                    step.line
                );
            }
            "copydesk" => {
                let output = copydesk(args, &cwd);
                assert!(
                    output.status.success(),
                    "README line {} ({name}): `{}` exited with {:?}\nstdout:\n{}\nstderr:\n{}",
                    step.line,
                    step.words.join(" "),
                    output.status.code(),
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                );
                if let Some(shown) = &step.shown {
                    let printed: Vec<String> = String::from_utf8_lossy(&output.stdout)
                        .lines()
                        .map(without_dates)
                        .collect();
                    let shown: Vec<String> = shown.iter().map(|l| without_dates(l)).collect();
                    assert_eq!(
                        printed,
                        shown,
                        "README line {} ({name}): `{}` prints something else than the README shows",
                        step.line,
                        step.words.join(" ")
                    );
                }
            }
            other => panic!(
                "README line {} ({name}): the script runs only `copydesk` and `cd`, not `{other}`",
                step.line
            ),
        }
    }
    cwd
}

/// `text` with every `/YYYY/MM/` directory pair written as such: scaffolds file new articles
/// under the current month, which the README cannot know.
fn without_dates(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < text.len() {
        let candidate = bytes.get(i..i + 9).is_some_and(|w| {
            w[0] == b'/'
                && w[1..5].iter().all(u8::is_ascii_digit)
                && w[5] == b'/'
                && w[6..8].iter().all(u8::is_ascii_digit)
                && w[8] == b'/'
        });
        if candidate {
            out.push_str("/YYYY/MM/");
            i += 9;
        } else {
            let ch = text[i..].chars().next().expect("in bounds");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

#[test]
fn readme_scripts_are_marked() {
    let scripts = readme_scripts(README);
    let names: Vec<&str> = scripts.keys().map(String::as_str).collect();
    assert_eq!(names, ["life", "quickstart", "walkthrough"]);
    let walkthrough: Vec<&str> = scripts["walkthrough"]
        .iter()
        .filter_map(|step| step.words.get(1).map(String::as_str))
        .collect();
    for verb in [
        "init",
        "new-author",
        "new-desk",
        "new-article",
        "lint",
        "export",
    ] {
        assert!(
            walkthrough.contains(&verb),
            "the walkthrough runs `copydesk {verb}`: {walkthrough:?}"
        );
    }
}

#[test]
fn readme_quickstart_runs_as_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    run_script(
        "quickstart",
        &readme_scripts(README)["quickstart"],
        dir.path(),
    );
}

#[test]
fn readme_walkthrough_runs_as_written_and_ends_clean() {
    let dir = tempfile::tempdir().expect("temp dir");
    let newsroom = run_script(
        "walkthrough",
        &readme_scripts(README)["walkthrough"],
        dir.path(),
    );
    // The draft the walkthrough started is there, under the desk and author it created.
    let output = copydesk(
        &["lint".into(), "--format".into(), "concise".into()],
        &newsroom,
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let config = std::fs::read_to_string(newsroom.join("copydesk.toml")).expect("config");
    assert!(config.contains("[desks.ai]\nname = \"AI\""), "{config}");
    assert!(newsroom.join("authors/maya-okafor.toml").is_file());
}

#[test]
fn readme_article_life_runs_as_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let newsroom = run_script("life", &readme_scripts(README)["life"], dir.path());
    let article = std::fs::read_dir(newsroom.join("articles"))
        .expect("articles")
        .flat_map(|year| std::fs::read_dir(year.expect("year").path()).expect("months"))
        .flat_map(|month| std::fs::read_dir(month.expect("month").path()).expect("files"))
        .map(|file| file.expect("file").path())
        .find(|path| path.ends_with("how-we-keep-stories.md"))
        .expect("the renamed article");
    let text = std::fs::read_to_string(article).expect("article");
    for expected in [
        "status = \"retracted\"",
        "aliases = [\"how-this-newsroom-keeps-its-stories\"]",
        "kind = \"correction\"",
        "id = \"markdown-guide-2024\"",
        "[retraction]",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
}

/// The command part of each `  copydesk …` line under "Examples:" in a help text (the
/// description after two or more spaces dropped).
fn help_examples(help: &str) -> Vec<Vec<String>> {
    help.lines()
        .skip_while(|line| !line.starts_with("Examples:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| {
            let command = line.trim().split("  ").next()?.trim();
            command
                .starts_with("copydesk ")
                .then(|| shell_words::split(command).unwrap_or_else(|e| panic!("`{command}`: {e}")))
        })
        .collect()
}

/// Every example of `copydesk --help` and of the scaffolding and export commands' help runs in a
/// newsroom fresh from `copydesk init`: the ids they use exist there or are created by an
/// earlier example of the same page.
#[test]
fn help_examples_work_after_init() {
    for page in [
        vec![],
        vec!["new-article"],
        vec!["new-author"],
        vec!["new-desk"],
        vec!["export"],
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let init = copydesk(&["init".into(), "nr".into()], dir.path());
        assert!(init.status.success());
        let newsroom = dir.path().join("nr");
        let mut args: Vec<String> = page.iter().map(ToString::to_string).collect();
        args.push("--help".into());
        let help = copydesk(&args, &newsroom);
        let help = String::from_utf8(help.stdout).expect("UTF-8");
        let examples = help_examples(&help);
        assert!(!page.is_empty() || examples.len() >= 5, "{help}");
        for words in examples {
            let shown = words.join(" ");
            // Redirections and git revisions need a shell or a repository, and a bare
            // `new-article` asks its questions on a terminal: neither is about ids.
            if words
                .iter()
                .any(|w| w.starts_with('>') || w == "--changed-since")
                || words.len() == 2 && words[1] == "new-article"
            {
                continue;
            }
            let output = copydesk(&words[1..], &newsroom);
            assert!(
                output.status.success(),
                "`{shown}` (from `copydesk {}`) exited with {:?}: {}",
                args.join(" "),
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}

/// The README's Rust snippets are compiled as doctests of the `copydesk` crate; what a reader
/// pastes must also be all there is: no rustdoc-hidden lines, and no crate the reader would
/// have to add (chrono comes re-exported as `copydesk::chrono`).
#[test]
fn readme_rust_snippets_are_complete_as_shown() {
    let mut in_rust = false;
    let mut snippets = 0;
    for (n, line) in README.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("```rust") {
            in_rust = true;
            snippets += 1;
            continue;
        }
        if trimmed == "```" {
            in_rust = false;
        }
        if !in_rust {
            continue;
        }
        assert!(
            !(trimmed == "#" || trimmed.starts_with("# ")),
            "README line {}: a rustdoc-hidden line shows in the README: `{trimmed}`",
            n + 1
        );
        let without_reexport = trimmed.replace("copydesk::chrono", "");
        assert!(
            trimmed.starts_with("//") || !without_reexport.contains("chrono"),
            "README line {}: use `copydesk::chrono`, not a chrono dependency of the reader's own",
            n + 1
        );
    }
    assert!(snippets >= 1, "the README shows the library in Rust");
}

/// What `init` suggests next starts from where the newsroom is.
#[test]
fn init_says_to_cd_into_the_new_newsroom_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = copydesk(&["init".into(), "my room".into()], dir.path());
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("next: `cd 'my room'`, then `copydesk lint`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`copydesk new-desk ID --name \"NAME\"`"),
        "{stderr}"
    );
}
