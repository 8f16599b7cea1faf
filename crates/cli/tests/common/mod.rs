//! A throw-away newsroom on disk for CLI tests, and output normalisation.

#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

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
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
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

    /// `copydesk <args>` run in the newsroom root with a fixed `--now` for `lint`.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("copydesk").expect("binary built");
        cmd.current_dir(self.root()).env("NO_COLOR", "1").args(args);
        cmd
    }

    pub fn lint(&self, args: &[&str]) -> Command {
        let mut all = vec!["lint", "--now", NOW];
        all.extend_from_slice(args);
        self.cmd(&all)
    }
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

/// Starts `copydesk preview` on a free port for `newsroom` and returns the process and the
/// address it printed; the caller stops it.
pub fn start_preview(newsroom: &TempNewsroom) -> (std::process::Child, std::net::SocketAddr) {
    use std::io::BufRead as _;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("copydesk"))
        .args(["preview", "--port", "0", "--root"])
        .arg(newsroom.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("copydesk runs");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("piped"))
        .read_line(&mut line)
        .expect("the server prints its address");
    let address = line
        .trim()
        .strip_prefix("copydesk preview: http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .trim_end_matches('/')
        .parse()
        .expect("an address");
    (child, address)
}
