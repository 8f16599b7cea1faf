//! A throw-away newsroom on disk for CLI tests, running the binary and collecting what it
//! printed, files and git repositories for tests to work in, and output normalisation.

#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;

pub const NOW: &str = "2026-06-01T00:00:00Z";

/// A newsroom in a temporary directory: config, two authors, desks `ai` and `consumer-tech`.
pub struct TempNewsroom {
    pub dir: tempfile::TempDir,
}

pub const CONFIG: &str = r#"[site]
title = "Test Desk"
base_url = "https://news.example.com"

[paths]
articles = "articles"
authors = "authors"

[desks.ai]
name = "AI"
[desks.consumer-tech]
name = "Consumer Tech & Mobile"
"#;

impl TempNewsroom {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let newsroom = TempNewsroom { dir };
        newsroom.write("copydesk.toml", CONFIG);
        newsroom.write(
            "authors/ryan-tanaka.toml",
            "name = \"Ryan Tanaka\"\nbeat = \"Consumer Tech & Mobile\"\n",
        );
        newsroom.write("authors/maya-okafor.toml", "name = \"Maya Okafor\"\n");
        newsroom
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, text: &str) {
        write(&self.path(relative), text);
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).expect("read")
    }

    /// Writes `articles/2026/05/<slug>.md` with a clean published front matter and `body`.
    pub fn article(&self, slug: &str, title: &str, body: &str) -> String {
        let relative = format!("articles/2026/05/{slug}.md");
        self.write(&relative, &article_text(slug, title, "", body));
        relative
    }

    /// Writes `articles/2026/05/<slug>.md` as [`Self::article`] does, with each `(from, to)` of
    /// `changes` applied to the text: to drop a key or change a status, a desk or a date.
    pub fn article_changed(
        &self,
        slug: &str,
        title: &str,
        body: &str,
        changes: &[(&str, &str)],
    ) -> String {
        let relative = format!("articles/2026/05/{slug}.md");
        let text = changes
            .iter()
            .fold(article_text(slug, title, "", body), |text, (from, to)| {
                text.replace(from, to)
            });
        self.write(&relative, &text);
        relative
    }

    /// Writes `articles/2026/05/<slug>.md` scheduled to be published at `at`.
    pub fn scheduled_article(&self, slug: &str, title: &str, at: &str) -> String {
        self.article_changed(
            slug,
            title,
            PROSE,
            &[
                ("status = \"published\"", "status = \"scheduled\""),
                ("2026-05-06T14:25:00Z", at),
            ],
        )
    }

    /// `copydesk <args>` run in the newsroom root with a fixed `--now` for `lint`.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = copydesk_in(self.root());
        cmd.args(args);
        cmd
    }

    pub fn lint(&self, args: &[&str]) -> Command {
        let mut all = vec!["lint", "--now", NOW];
        all.extend_from_slice(args);
        self.cmd(&all)
    }

    /// `copydesk new-article TITLE --author ryan-tanaka --desk ai`, then `more`.
    pub fn new_article(&self, title: &str, more: &[&str]) -> Command {
        let mut cmd = self.cmd(&[
            "new-article",
            title,
            "--author",
            "ryan-tanaka",
            "--desk",
            "ai",
        ]);
        cmd.args(more);
        cmd
    }

    /// Asserts that `copydesk <args>` succeeds and prints `part` on stdout.
    pub fn assert_prints(&self, args: &[&str], part: &str) {
        assert_prints(&mut self.cmd(args), part);
    }

    /// Asserts that `copydesk <args>` is refused (exit 2) with `message` on stderr.
    pub fn assert_refused(&self, args: &[&str], message: &str) {
        assert_refused(&mut self.cmd(args), message);
    }

    /// Asserts that `copydesk lint --now NOW` passes with no errors and no warnings.
    pub fn assert_lints_clean(&self, now: &str) {
        self.cmd(&["lint", "--now", now])
            .assert()
            .success()
            .stderr(contains("0 errors, 0 warnings"));
    }
}

/// A newsroom with three findings in three files: an overlong title (a warning), a
/// suppression that silences nothing (an info with a safe fix) and, in
/// `articles/2026/05/bad.md`, the unknown front matter key `unknown_key` (an error).
pub fn newsroom_with_three_findings(unknown_key: &str) -> TempNewsroom {
    let newsroom = TempNewsroom::new();
    newsroom.article("long-title", LONG_TITLE, PROSE);
    newsroom.article(
        "stale-comment",
        "Microsoft Keeps Its Stake",
        &format!("<!-- copydesk-disable-next-line FM006 -->\n{PROSE}"),
    );
    newsroom.write(
        "articles/2026/05/bad.md",
        &article_text(
            "bad",
            "Microsoft Loosens Its Grip",
            &format!("{unknown_key} = \"red\"\n"),
            PROSE,
        ),
    );
    newsroom
}

/// The `copydesk` binary to run in `dir`, without colours.
pub fn copydesk_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("copydesk").expect("binary built");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// What a finished run of the binary left: its exit code and its output as text.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts exit 0 with nothing on stdout.
    pub fn assert_silent_success(&self) {
        assert_eq!(
            (self.code, self.stdout.as_str()),
            (0, ""),
            "stderr:\n{}",
            self.stderr
        );
    }

    /// Asserts that stdout holds `part`.
    pub fn assert_stdout_has(&self, part: &str) {
        assert!(
            self.stdout.contains(part),
            "{part:?} not in stdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
    }

    /// Asserts that stderr holds `part`.
    pub fn assert_stderr_has(&self, part: &str) {
        assert!(
            self.stderr.contains(part),
            "{part:?} not in stderr:\n{}",
            self.stderr
        );
    }

    /// Asserts that stderr does not hold `part`.
    pub fn assert_stderr_lacks(&self, part: &str) {
        assert!(
            !self.stderr.contains(part),
            "{part:?} in stderr:\n{}",
            self.stderr
        );
    }
}

/// Runs `cmd` to the end and collects its exit code, stdout and stderr.
pub fn run(cmd: &mut Command) -> Run {
    let output = cmd.output().expect("runs");
    Run {
        code: output.status.code().expect("exit code"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Asserts that `cmd` succeeds and prints `part` on stdout.
pub fn assert_prints(cmd: &mut Command, part: &str) {
    cmd.assert().success().stdout(contains(part));
}

/// Asserts that `cmd` is refused (exit 2) with `message` on stderr.
pub fn assert_refused(cmd: &mut Command, message: &str) {
    cmd.assert().code(2).stderr(contains(message));
}

/// Writes `text` to `path`, creating its directories.
pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// Replaces the first `from` in `dir/relative` with `to`; the file must hold `from`.
pub fn edit(dir: &Path, relative: &str, from: &str, to: &str) {
    let path = dir.join(relative);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{relative} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

/// Every file below `dir`, at any depth, in no particular order.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

/// Copies the tree `from` into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The repository's `examples/newsroom`.
pub fn example_newsroom() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom")
}

/// Runs `git -C dir <args>`, which must succeed.
pub fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

/// Makes `dir` a git repository whose one commit holds everything in it.
pub fn git_commit_everything(dir: &Path) {
    git(dir, &["init", "--quiet"]);
    git(dir, &["config", "user.name", "Test Desk"]);
    git(dir, &["config", "user.email", "desk@example.com"]);
    git(dir, &["config", "commit.gpgsign", "false"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "--quiet", "-m", "newsroom"]);
}

/// An article's text: clean front matter (plus `extra` lines before the closing `+++`).
pub fn article_text(slug: &str, title: &str, extra: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nslug = \"{slug}\"\ndek = \"The cloud deal changes how OpenAI sells its models.\"\nauthors = [\"ryan-tanaka\"]\ndesk = \"ai\"\nstatus = \"published\"\npublished = 2026-05-06T14:25:00Z\n{extra}+++\n\n{body}"
    )
}

pub const PROSE: &str = "OpenAI can now sell its models through other cloud providers, the companies said on Tuesday.\n";

pub const LONG_TITLE: &str = "OpenAI Breaks Microsoft’s Hold on Its Cloud Business in a Renegotiated Deal That Ends Azure Exclusivity After Six Years";

/// Output as text, with the newsroom's path replaced and the timing of the summary line
/// (`checked 2 files in 3.21ms:`) replaced by `[TIME]`.
pub fn normalise(newsroom: &TempNewsroom, bytes: &[u8]) -> String {
    let text =
        String::from_utf8_lossy(bytes).replace(&newsroom.root().display().to_string(), "[ROOT]");
    text.lines()
        .map(|line| match (line.find(" in "), line.find(": ")) {
            (Some(start), Some(end)) if line.starts_with("checked ") && start < end => {
                format!("{} in [TIME]{}", &line[..start], &line[end..])
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// For the `harness = false` test files: the trial for a consumer that is not installed,
/// ignored, or failed when consumers are required (`COPYDESK_REQUIRE_CONSUMERS`).
pub fn missing_consumer(name: &str, install: &'static str) -> libtest_mimic::Trial {
    let name = format!("{name} (not installed: {install})");
    if std::env::var_os("COPYDESK_REQUIRE_CONSUMERS").is_some() {
        libtest_mimic::Trial::test(name, move || {
            Err(
                format!("required by COPYDESK_REQUIRE_CONSUMERS but not installed ({install})")
                    .into(),
            )
        })
    } else {
        libtest_mimic::Trial::test(name, || Ok(())).with_ignored_flag(true)
    }
}

/// Starts `copydesk preview` on a free port for `newsroom` and returns the process and the
/// address it printed; the caller stops it.
pub fn start_preview(newsroom: &TempNewsroom) -> (std::process::Child, std::net::SocketAddr) {
    let (child, line) = spawn_preview(newsroom, &[]);
    let address = line
        .trim()
        .strip_prefix("copydesk preview: http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .trim_end_matches('/')
        .parse()
        .expect("an address");
    (child, address)
}

/// Starts `copydesk preview --port 0 --root ROOT ARGS…` and returns it with the first line it
/// printed (the address it serves).
pub fn spawn_preview(newsroom: &TempNewsroom, args: &[&str]) -> (std::process::Child, String) {
    use std::io::BufRead as _;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("copydesk"))
        .args(["preview", "--port", "0", "--root"])
        .arg(newsroom.root())
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("copydesk runs");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("piped"))
        .read_line(&mut line)
        .expect("the server prints its address");
    (child, line)
}
