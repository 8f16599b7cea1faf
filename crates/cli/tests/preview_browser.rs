//! `copydesk preview` in a real browser: headless Chromium (Debian's `chromium`) loads the
//! budget and an article, runs the pages' own script and lays them out; the test reads the DOM
//! Chromium ends with and saves screenshots at desktop and phone widths under
//! `target/preview-screenshots/` (a CI artifact). That a save refreshes an open page is checked
//! over HTTP, on the server-sent events the page's script listens to (`tests/preview.rs`).
//!
//! Own harness (libtest-mimic), as `crates/core/tests/consumers.rs`: without Chromium the
//! tests are listed as ignored with the reason; under `COPYDESK_REQUIRE_CONSUMERS` they fail.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use common::{TempNewsroom, article_text};
use libtest_mimic::{Arguments, Failed, Trial};

/// One browser test: given the browser binary, pass or fail with what the page showed.
type BrowserTest = fn(&Path) -> Result<(), Failed>;

fn main() {
    let args = Arguments::from_args();
    let tests: [(&str, BrowserTest); 2] = [
        ("budget_lists_the_articles", budget_lists_the_articles),
        (
            "article_shows_story_and_findings",
            article_shows_story_and_findings,
        ),
    ];
    let trials = match chromium() {
        Some(browser) => tests
            .into_iter()
            .map(|(name, test)| {
                let browser = browser.clone();
                Trial::test(name, move || test(&browser))
            })
            .collect(),
        None => tests.into_iter().map(|(name, _)| missing(name)).collect(),
    };
    libtest_mimic::run(&args, trials).exit();
}

const INSTALL: &str = "apt-get install -y chromium";

fn missing(name: &str) -> Trial {
    let name = format!("{name} (not installed: {INSTALL})");
    if std::env::var_os("COPYDESK_REQUIRE_CONSUMERS").is_some() {
        Trial::test(name, || {
            Err(
                format!("required by COPYDESK_REQUIRE_CONSUMERS but not installed ({INSTALL})")
                    .into(),
            )
        })
    } else {
        Trial::test(name, || Ok(())).with_ignored_flag(true)
    }
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .map(PathBuf::from)
        .find(|browser| {
            Command::new(browser)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// A running `copydesk preview`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(newsroom: &TempNewsroom) -> Server {
        let (child, address) = common::start_preview(newsroom);
        Server {
            child,
            url: format!("http://{address}/"),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn browser_command(browser: &Path, width: u32, height: u32) -> Command {
    let profile = tempfile::tempdir().expect("profile dir").keep();
    let mut command = Command::new(browser);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            &format!("--window-size={width},{height}"),
        ])
        .arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// The DOM of `url` once loaded, as Chromium serialises it.
fn dom(browser: &Path, url: &str) -> Result<String, Failed> {
    let output = browser_command(browser, 1280, 900)
        .args(["--dump-dom", url])
        .output()
        .map_err(|e| format!("chromium: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "chromium failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Saves screenshots of `url` at a desktop and a phone width.
fn screenshots(browser: &Path, url: &str, name: &str) -> Result<(), Failed> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/preview-screenshots");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    for (label, width, height) in [("desktop", 1280, 1600), ("phone", 390, 1600)] {
        let file = dir.join(format!("{name}-{label}.png"));
        let _ = std::fs::remove_file(&file);
        let output = browser_command(browser, width, height)
            .arg(format!("--screenshot={}", file.display()))
            .arg(url)
            .output()
            .map_err(|e| format!("chromium: {e}"))?;
        let size = std::fs::metadata(&file).map_or(0, |m| m.len());
        if size < 1000 {
            return Err(format!(
                "no screenshot at {}: {}",
                file.display(),
                String::from_utf8_lossy(&output.stderr)
            )
            .into());
        }
    }
    Ok(())
}

fn check(condition: bool, what: &str, dom: &str) -> Result<(), Failed> {
    if condition {
        Ok(())
    } else {
        Err(format!("{what}; the page was:\n{dom}").into())
    }
}

fn newsroom() -> TempNewsroom {
    let newsroom = TempNewsroom::new();
    newsroom.write(
        "articles/2026/05/deal.md",
        &article_text(
            "deal",
            "OpenAI Breaks Microsoft’s Hold",
            "updated = 2026-05-07T10:00:00Z\n\n[[sources]]\nid = \"blog\"\ntitle = \"The next chapter\"\nurl = \"https://blogs.example.com/next\"\n\n[[updates]]\nat = 2026-05-07T10:00:00Z\nkind = \"update\"\ntext = \"Adds Microsoft's comment.\"\nsource = \"blog\"\n",
            "OpenAI can now sell its models through other cloud providers, the companies said on [Tuesday](source:blog). Read more [here](https://example.com/more).\n",
        ),
    );
    newsroom
}

fn budget_lists_the_articles(browser: &Path) -> Result<(), Failed> {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let dom = dom(browser, &server.url)?;
    check(
        dom.contains("OpenAI Breaks Microsoft’s Hold"),
        "the budget lists the article",
        &dom,
    )?;
    check(
        dom.contains("has-warnings"),
        "the budget shows the warning count",
        &dom,
    )?;
    screenshots(browser, &server.url, "budget")
}

fn article_shows_story_and_findings(browser: &Path) -> Result<(), Failed> {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let url = format!("{}article/articles/2026/05/deal.md", server.url);
    let dom = dom(browser, &url)?;
    check(dom.contains("Ryan Tanaka"), "byline", &dom)?;
    check(dom.contains("Consumer Tech &amp; Mobile"), "beat", &dom)?;
    check(dom.contains("1 min read"), "read time", &dom)?;
    check(dom.contains("citation-number"), "numbered citation", &dom)?;
    check(
        dom.contains("id=\"updates-title\"") && dom.contains("Adds Microsoft"),
        "Updates list",
        &dom,
    )?;
    check(
        dom.contains(">here</mark>"),
        "the finding's highlight",
        &dom,
    )?;
    screenshots(browser, &url, "article")
}
