//! `copydesk preview` in a real browser: headless Chromium (Debian's `chromium`) loads the
//! budget and an article, runs the pages' own script and lays them out.
//!
//! Two kinds of test. The first two load a page with `chromium --dump-dom`, read the DOM
//! Chromium ends with and save screenshots at desktop and phone widths under
//! `target/preview-screenshots/` (a CI artifact). The others drive Chromium through
//! chromedriver (the `WebDriver` protocol, Debian's `chromium-driver`) the way a writer uses
//! the page: a save on disk changes the open page with nobody reloading it, a file that stops
//! parsing shows its error page and comes back when fixed; the budget is sorted and filtered
//! with the keyboard alone; a finding's badge is reached with Tab and its popup shows on
//! focus; at a phone's width nothing scrolls sideways, even with a popup open. Waits on the
//! page poll the DOM with a bound and fail with what the page showed; nothing asserts how long
//! a step took.
//!
//! `sample_article_screenshot` also saves the picture the README shows; with
//! `COPYDESK_UPDATE_SCREENSHOT=1` it writes it to `docs/preview.png` (see docs/preview.md).
//!
//! Own harness (libtest-mimic), as `crates/core/tests/consumers.rs`: without Chromium or
//! chromedriver the tests are listed as ignored with the reason; under
//! `COPYDESK_REQUIRE_CONSUMERS` they fail.

mod common;

use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{TempNewsroom, article_text};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder};
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::{Value, json};

/// The browser programs a test may use.
#[derive(Clone)]
struct Browser {
    chromium: PathBuf,
    chromedriver: Option<PathBuf>,
}

/// One browser test: given the browsers, pass or fail with what the page showed.
type BrowserTest = fn(&Browser) -> Result<(), Failed>;

fn main() {
    let args = Arguments::from_args();
    // (name, test, whether it drives the browser through chromedriver)
    let tests: [(&str, BrowserTest, bool); 7] = [
        (
            "budget_lists_the_articles",
            budget_lists_the_articles,
            false,
        ),
        (
            "article_shows_story_and_findings",
            article_shows_story_and_findings,
            false,
        ),
        (
            "save_refreshes_the_open_page",
            save_refreshes_the_open_page,
            true,
        ),
        (
            "budget_sorts_and_filters_by_keyboard",
            budget_sorts_and_filters_by_keyboard,
            true,
        ),
        (
            "finding_popup_shows_on_keyboard_focus",
            finding_popup_shows_on_keyboard_focus,
            true,
        ),
        (
            "phone_width_has_no_horizontal_scroll",
            phone_width_has_no_horizontal_scroll,
            true,
        ),
        ("sample_article_screenshot", sample_article_screenshot, true),
    ];
    let browser =
        find_program(&["chromium", "chromium-browser", "google-chrome"]).map(|chromium| Browser {
            chromium,
            chromedriver: find_program(&["chromedriver"]),
        });
    let trials = tests
        .into_iter()
        .map(|(name, test, driven)| match &browser {
            Some(browser) if !driven || browser.chromedriver.is_some() => {
                let browser = browser.clone();
                Trial::test(name, move || test(&browser))
            }
            _ => common::missing_consumer(name, INSTALL),
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

const INSTALL: &str = "apt-get install -y chromium chromium-driver";

/// The first of `names` found on `PATH` that runs, as an absolute path (chromedriver needs
/// one for the browser binary).
fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|program| {
            program.is_file()
                && Command::new(program)
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

    fn article_url(&self, relative: &str) -> String {
        format!("{}article/{relative}", self.url)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Flags for headless Chromium on a machine without network beyond loopback: no background
/// connections (they are refused, many at a time), no first-run or sync work.
const CHROMIUM_FLAGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];

fn browser_command(browser: &Browser, width: u32, height: u32) -> Command {
    let profile = tempfile::tempdir().expect("profile dir").keep();
    let mut command = Command::new(&browser.chromium);
    command
        .args(CHROMIUM_FLAGS)
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// The DOM of `url` once loaded, as Chromium serialises it.
fn dom(browser: &Browser, url: &str) -> Result<String, Failed> {
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

fn screenshot_dir() -> Result<PathBuf, Failed> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/preview-screenshots");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    Ok(dir)
}

/// Saves screenshots of `url` at a desktop and a phone width.
fn screenshots(browser: &Browser, url: &str, name: &str) -> Result<(), Failed> {
    let dir = screenshot_dir()?;
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

const DEAL: &str = "articles/2026/05/deal.md";
const DEAL_TITLE: &str = "OpenAI Breaks Microsoft’s Hold";
const DEAL_FRONT_MATTER: &str = "updated = 2026-05-07T10:00:00Z\n\n[[sources]]\nid = \"blog\"\ntitle = \"The next chapter\"\nurl = \"https://blogs.example.com/next\"\n\n[[updates]]\nat = 2026-05-07T10:00:00Z\nkind = \"update\"\ntext = \"Adds Microsoft's comment.\"\nsource = \"blog\"\n";

/// The article body with a vague link (`here`), which the copy desk flags.
fn deal_body(link_text: &str) -> String {
    format!(
        "OpenAI can now sell its models through other cloud providers, the companies said on [Tuesday](source:blog). Read more [{link_text}](https://example.com/more).\n"
    )
}

fn newsroom() -> TempNewsroom {
    let newsroom = TempNewsroom::new();
    newsroom.write(
        DEAL,
        &article_text("deal", DEAL_TITLE, DEAL_FRONT_MATTER, &deal_body("here")),
    );
    newsroom
}

fn budget_lists_the_articles(browser: &Browser) -> Result<(), Failed> {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let dom = dom(browser, &server.url)?;
    check(
        dom.contains(DEAL_TITLE),
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

fn article_shows_story_and_findings(browser: &Browser) -> Result<(), Failed> {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let url = server.article_url(DEAL);
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

// --- Driven through chromedriver ------------------------------------------------------------

/// How long a wait on the page may last before the test fails. Generous: two cores are shared
/// with the rest of the test suite. A bound, not a measurement.
const PATIENCE: Duration = Duration::from_secs(30);

/// A free port on the loopback interface for chromedriver (which cannot be told to pick one).
fn free_port() -> Result<u16, Failed> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("bind: {e}"))?;
    Ok(listener
        .local_addr()
        .map_err(|e| format!("local address: {e}"))?
        .port())
}

/// A chromedriver process, stopped when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// How the driven Chromium sees pages.
#[derive(Clone, Copy)]
enum Screen {
    /// A desktop window of this size.
    Desktop(u32, u32),
    /// A phone (Chromium's mobile emulation: touch, the page's `viewport` meta honoured).
    Phone(u32, u32),
}

/// Starts chromedriver and a Chromium session, runs `test` with its client, and closes the
/// browser whatever the test's outcome.
fn with_browser<F, Fut>(browser: &Browser, screen: Screen, test: F) -> Result<(), Failed>
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = Result<(), Failed>>,
{
    let chromedriver = browser
        .chromedriver
        .as_ref()
        .ok_or("chromedriver is not installed")?;
    let port = free_port()?;
    let _driver = Driver(
        Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("chromedriver: {e}"))?,
    );
    let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(ToString::to_string).collect();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    let mut options = json!({ "binary": browser.chromium, "args": args });
    match screen {
        Screen::Desktop(width, height) => {
            args_push(&mut options, format!("--window-size={width},{height}"));
        }
        Screen::Phone(width, height) => {
            options["mobileEmulation"] = json!({
                "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0, "touch": true },
            });
        }
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), options);

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("tokio runtime: {e}"))?;
    runtime.block_on(async {
        let url = format!("http://127.0.0.1:{port}");
        let client = connect(&url, &capabilities).await?;
        let outcome = test(client.clone()).await;
        let _ = client.close().await;
        outcome
    })
}

fn args_push(options: &mut Value, arg: String) {
    if let Some(args) = options["args"].as_array_mut() {
        args.push(Value::String(arg));
    }
}

/// Opens a session, retrying while chromedriver is still starting.
async fn connect(
    url: &str,
    capabilities: &serde_json::Map<String, Value>,
) -> Result<Client, Failed> {
    let start = Instant::now();
    loop {
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(capabilities.clone());
        match builder.connect(url).await {
            Ok(client) => return Ok(client),
            Err(error) if start.elapsed() > PATIENCE => {
                return Err(format!("no WebDriver session at {url}: {error}").into());
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// Runs `script` in the page until it returns something other than `null`, `false` or `""`,
/// and returns that; fails after [`PATIENCE`] with `what` and the page's text. Script errors
/// while the page reloads count as "not yet".
async fn wait_for(client: &Client, what: &str, script: &str) -> Result<Value, Failed> {
    let start = Instant::now();
    loop {
        let last = client.execute(script, vec![]).await;
        match &last {
            Ok(value) if !matches!(value, Value::Null | Value::Bool(false)) && value != "" => {
                return Ok(value.clone());
            }
            _ if start.elapsed() > PATIENCE => {
                return Err(format!(
                    "{what}: not seen in {PATIENCE:?} (last answer {last:?}); the page said:\n{}",
                    page_text(client).await
                )
                .into());
            }
            _ => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

/// The visible text of the page, for failure messages.
async fn page_text(client: &Client) -> String {
    match client
        .execute(
            "return document.body ? document.body.innerText : ''",
            vec![],
        )
        .await
    {
        Ok(Value::String(text)) => text,
        other => format!("{other:?}"),
    }
}

/// Fails with `what` and the page's text unless `condition` holds.
async fn expect(client: &Client, condition: bool, what: &str) -> Result<(), Failed> {
    if condition {
        Ok(())
    } else {
        Err(format!("{what}; the page said:\n{}", page_text(client).await).into())
    }
}

async fn run(client: &Client, script: &str) -> Result<Value, Failed> {
    client
        .execute(script, vec![])
        .await
        .map_err(|e| format!("script {script:?}: {e}").into())
}

/// Presses and releases `key` on whatever has the focus, as a person at a keyboard does.
async fn press(client: &Client, key: Key) -> Result<(), Failed> {
    let key = char::from(key);
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    client
        .perform_actions(actions)
        .await
        .map_err(|e| format!("key press: {e}").into())
}

/// Presses Tab until `is_target` (a script expression on `el`, the focused element) holds, at
/// most 60 times; fails saying `what` was not reached.
async fn tab_to(client: &Client, what: &str, is_target: &str) -> Result<(), Failed> {
    let script = format!("const el = document.activeElement; return !!(el && ({is_target}));");
    for _ in 0..60 {
        press(client, Key::Tab).await?;
        if run(client, &script).await? == Value::Bool(true) {
            return Ok(());
        }
    }
    Err(format!(
        "{what}: not reached with Tab; the page said:\n{}",
        page_text(client).await
    )
    .into())
}

/// Waits until the page's live-refresh script is listening, so a save made next is seen.
async fn wait_until_live(client: &Client) -> Result<(), Failed> {
    wait_for(
        client,
        "the page listens for saves",
        "return document.documentElement.getAttribute('data-live') === 'connected'",
    )
    .await
    .map(drop)
}

const HEADLINE: &str =
    "const h = document.getElementById('headline'); return h ? h.textContent : null";

fn save_refreshes_the_open_page(browser: &Browser) -> Result<(), Failed> {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let url = server.article_url(DEAL);
    with_browser(browser, Screen::Desktop(1280, 900), |client| async move {
        client.goto(&url).await.map_err(|e| e.to_string())?;
        let headline = wait_for(&client, "the headline", HEADLINE).await?;
        expect(
            &client,
            headline.as_str().is_some_and(|h| h.contains(DEAL_TITLE)),
            "the headline before the save",
        )
        .await?;
        let marks = run(
            &client,
            "return document.querySelectorAll('mark.finding').length",
        )
        .await?;
        expect(
            &client,
            marks.as_u64() > Some(0),
            "the vague link is highlighted before the save",
        )
        .await?;

        // A save: new headline, and the vague link made specific. The page shows both without
        // anyone reloading it.
        wait_until_live(&client).await?;
        let new_title = "OpenAI Ends Azure Exclusivity";
        newsroom.write(
            DEAL,
            &article_text(
                "deal",
                new_title,
                DEAL_FRONT_MATTER,
                &deal_body("the companies' filing"),
            ),
        );
        wait_for(
            &client,
            "the saved headline",
            &format!("const h = document.getElementById('headline'); return !!h && h.textContent.includes({new_title:?})"),
        )
        .await?;
        wait_for(
            &client,
            "the fixed link loses its highlight",
            "return document.getElementById('headline') !== null && document.querySelectorAll('mark.finding').length === 0",
        )
        .await?;

        // The file stops parsing: its error page, not the stale article.
        wait_until_live(&client).await?;
        newsroom.write(
            DEAL,
            "+++\ntitle = \"An unterminated headline\n+++\n\nBody.\n",
        );
        let problem = wait_for(
            &client,
            "the error page of a file that does not parse",
            "const p = document.getElementById('problem-title'); return p ? p.textContent : null",
        )
        .await?;
        expect(
            &client,
            problem
                .as_str()
                .is_some_and(|p| p.contains("does not parse")),
            "the error page's title says the file does not parse",
        )
        .await?;
        let stale = run(
            &client,
            "return document.getElementById('headline') !== null",
        )
        .await?;
        expect(
            &client,
            stale == Value::Bool(false),
            "no stale article under the error page",
        )
        .await?;

        // Fixed: the article is back.
        wait_until_live(&client).await?;
        newsroom.write(
            DEAL,
            &article_text("deal", DEAL_TITLE, DEAL_FRONT_MATTER, &deal_body("here")),
        );
        wait_for(
            &client,
            "the article back after the fix",
            &format!("const h = document.getElementById('headline'); return !!h && h.textContent.includes({DEAL_TITLE:?})"),
        )
        .await?;
        let current = client.current_url().await.map_err(|e| e.to_string())?;
        expect(
            &client,
            current.as_str() == url,
            "the page stayed at the article's address",
        )
        .await
    })
}

/// The headlines in the budget's rows, top to bottom.
const ROW_TITLES: &str = "return Array.from(document.querySelectorAll('table.budget tbody tr td:first-child a')).map(a => a.textContent)";

async fn row_titles(client: &Client) -> Result<Vec<String>, Failed> {
    let value = run(client, ROW_TITLES).await?;
    serde_json::from_value(value).map_err(|e| format!("row titles: {e}").into())
}

fn budget_sorts_and_filters_by_keyboard(browser: &Browser) -> Result<(), Failed> {
    let newsroom = newsroom();
    newsroom.article("phone", "Apple Ships a Folding Phone", common::PROSE);
    newsroom.article("zebra", "Zebra Cloud Wins a Contract", common::PROSE);
    let server = Server::start(&newsroom);
    let url = server.url.clone();
    with_browser(browser, Screen::Desktop(1280, 900), |client| async move {
        client.goto(&url).await.map_err(|e| e.to_string())?;
        wait_for(
            &client,
            "the budget",
            "return document.querySelector('table.budget') !== null",
        )
        .await?;
        let mut expected = vec![
            DEAL_TITLE.to_string(),
            "Apple Ships a Folding Phone".to_string(),
            "Zebra Cloud Wins a Contract".to_string(),
        ];
        expected.sort_by_key(|t| t.to_lowercase());

        // Sort by headline: Tab to the column heading, Enter.
        let headline_heading = "el.closest('th') && el.textContent.trim().startsWith('Headline')";
        tab_to(&client, "the Headline column heading", headline_heading).await?;
        press(&client, Key::Enter).await?;
        wait_for(
            &client,
            "the budget sorted by headline",
            "const th = document.querySelector('th[aria-sort=ascending]'); return !!th && th.textContent.trim().startsWith('Headline')",
        )
        .await?;
        let titles = row_titles(&client).await?;
        expect(
            &client,
            titles == expected,
            &format!("rows sorted by headline: {titles:?}"),
        )
        .await?;

        // Again: reversed.
        tab_to(&client, "the Headline column heading", headline_heading).await?;
        press(&client, Key::Enter).await?;
        wait_for(
            &client,
            "the budget sorted by headline, reversed",
            "const th = document.querySelector('th[aria-sort=descending]'); return !!th && th.textContent.trim().startsWith('Headline')",
        )
        .await?;
        let titles = row_titles(&client).await?;
        expected.reverse();
        expect(
            &client,
            titles == expected,
            &format!("rows sorted by headline, reversed: {titles:?}"),
        )
        .await?;

        // Filter: Tab to the search field, type, Enter.
        tab_to(&client, "the headline or path filter", "el.name === 'q'").await?;
        let field = client.active_element().await.map_err(|e| e.to_string())?;
        field
            .send_keys("folding")
            .await
            .map_err(|e| e.to_string())?;
        press(&client, Key::Enter).await?;
        wait_for(
            &client,
            "the budget filtered",
            "return location.search.includes('q=folding') && document.querySelectorAll('table.budget tbody tr').length === 1",
        )
        .await?;
        let titles = row_titles(&client).await?;
        expect(
            &client,
            titles == ["Apple Ships a Folding Phone"],
            &format!("only the matching row: {titles:?}"),
        )
        .await?;
        // The sort chosen before survives the filter.
        let sorted = run(
            &client,
            "return !!document.querySelector('th[aria-sort=descending]')",
        )
        .await?;
        expect(
            &client,
            sorted == Value::Bool(true),
            "the sort kept while filtering",
        )
        .await
    })
}

/// Whether the popup of the focused badge is shown, and its text.
const FOCUSED_TIP: &str = "const el = document.activeElement; const tip = el && el.querySelector('.finding-tip'); if (!tip) return null; const r = tip.getBoundingClientRect(); return { shown: getComputedStyle(tip).display !== 'none' && r.width > 0 && r.height > 0, text: tip.innerText, describedby: el.getAttribute('aria-describedby'), tip: tip.id };";

fn finding_popup_shows_on_keyboard_focus(browser: &Browser) -> Result<(), Failed> {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let url = server.article_url(DEAL);
    with_browser(browser, Screen::Desktop(1280, 900), |client| async move {
        client.goto(&url).await.map_err(|e| e.to_string())?;
        wait_for(&client, "the article", HEADLINE).await?;
        let hidden = run(
            &client,
            "return Array.from(document.querySelectorAll('.finding-tip')).every(t => getComputedStyle(t).display === 'none')",
        )
        .await?;
        expect(
            &client,
            hidden == Value::Bool(true),
            "popups are hidden until a badge has focus",
        )
        .await?;

        // The badge inside the body's highlight of the vague link.
        tab_to(
            &client,
            "the badge of the vague link's finding",
            "el.classList.contains('finding-badge') && !!el.closest('.body')",
        )
        .await?;
        let tip = run(&client, FOCUSED_TIP).await?;
        expect(
            &client,
            tip["shown"] == Value::Bool(true),
            &format!("the focused badge's popup is shown: {tip}"),
        )
        .await?;
        expect(
            &client,
            tip["describedby"] == tip["tip"],
            &format!("the badge is described by its popup: {tip}"),
        )
        .await?;
        let text = tip["text"].as_str().unwrap_or_default();
        let code = run(
            &client,
            "return document.activeElement.getAttribute('data-target')",
        )
        .await?;
        let entry = run(
            &client,
            &format!("const li = document.getElementById({code}); return li ? li.querySelector('code').textContent : null"),
        )
        .await?;
        let entry = entry.as_str().unwrap_or_default();
        expect(
            &client,
            !entry.is_empty() && text.contains(entry) && text.to_lowercase().contains("link"),
            &format!("the popup names the rule ({entry}) and says what is wrong: {text:?}"),
        )
        .await?;

        // Tab moves on: the popup closes with the focus.
        press(&client, Key::Tab).await?;
        let closed = run(
            &client,
            "return Array.from(document.querySelectorAll('.finding-tip')).every(t => getComputedStyle(t).display === 'none' || t.parentElement === document.activeElement)",
        )
        .await?;
        expect(
            &client,
            closed == Value::Bool(true),
            "only the focused badge's popup is shown",
        )
        .await
    })
}

/// How far the page scrolls sideways (0 when it fits the screen).
const OVERFLOW: &str = "const d = document.documentElement; return { overflow: d.scrollWidth - d.clientWidth, width: d.clientWidth }";

fn phone_width_has_no_horizontal_scroll(browser: &Browser) -> Result<(), Failed> {
    let newsroom = newsroom();
    // A long unbroken word and a long URL, the usual causes of a page wider than a phone.
    newsroom.article(
        "long",
        common::LONG_TITLE,
        "The filing at https://www.sec.gov/Archives/edgar/data/0000000000/000000000000000000/a-very-long-document-name-without-breaks.htm says so, and a Donaudampfschifffahrtsgesellschaftskapitänsmütze is not a hat. Read more [here](https://example.com/more).\n",
    );
    let server = Server::start(&newsroom);
    let pages = [
        ("budget", server.url.clone()),
        ("article", server.article_url(DEAL)),
        (
            "long-article",
            server.article_url("articles/2026/05/long.md"),
        ),
    ];
    with_browser(browser, Screen::Phone(390, 844), |client| async move {
        let dir = screenshot_dir()?;
        for (name, url) in pages {
            client.goto(&url).await.map_err(|e| e.to_string())?;
            wait_for(&client, name, "return document.readyState === 'complete'").await?;
            let fit = run(&client, OVERFLOW).await?;
            expect(
                &client,
                fit["width"].as_i64().is_some_and(|w| w <= 400),
                &format!("{name}: the page is laid out at the phone's width: {fit}"),
            )
            .await?;
            expect(
                &client,
                fit["overflow"].as_i64() == Some(0),
                &format!("{name}: no horizontal scroll at a phone's width: {fit}"),
            )
            .await?;
            let png = client.screenshot().await.map_err(|e| e.to_string())?;
            std::fs::write(dir.join(format!("{name}-phone-driven.png")), png)
                .map_err(|e| e.to_string())?;
        }
        // A finding's popup, open on a phone, stays on the screen too.
        tab_to(
            &client,
            "a finding's badge",
            "el.classList.contains('finding-badge')",
        )
        .await?;
        let fit = run(&client, OVERFLOW).await?;
        expect(
            &client,
            fit["overflow"].as_i64() == Some(0),
            &format!("no horizontal scroll with a popup open: {fit}"),
        )
        .await
    })
}

/// The README's picture: the sample article of `examples/newsroom` in the preview, with one
/// vague link added so a finding shows. Saved under `target/preview-screenshots/`, and to
/// `docs/preview.png` when `COPYDESK_UPDATE_SCREENSHOT` is set.
fn sample_article_screenshot(browser: &Browser) -> Result<(), Failed> {
    const SAMPLE: &str = "articles/2026/05/openai-breaks-microsofts-hold.md";
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom");
    let newsroom = TempNewsroom::new();
    copy_tree(&examples, newsroom.root())?;
    let text = std::fs::read_to_string(examples.join(SAMPLE)).map_err(|e| e.to_string())?;
    // The body's first paragraph ends with a vague "Read more here" link.
    let closing = text[3..]
        .find("\n+++\n")
        .ok_or("the sample has front matter")?
        + 3
        + 5;
    let first = closing + text[closing..].len() - text[closing..].trim_start().len();
    let paragraph_end = text[first..]
        .find("\n\n")
        .map_or(text.len(), |end| first + end);
    let edited = format!(
        "{} Read more [here](https://example.com/more).{}",
        text[..paragraph_end].trim_end(),
        &text[paragraph_end..]
    );
    newsroom.write(SAMPLE, &edited);
    let server = Server::start(&newsroom);
    let url = server.article_url(SAMPLE);
    with_browser(browser, Screen::Desktop(1100, 760), |client| async move {
        client.goto(&url).await.map_err(|e| e.to_string())?;
        wait_for(&client, "the sample article", HEADLINE).await?;
        wait_for(
            &client,
            "the vague link's highlight",
            "return document.querySelector('.body mark.finding') !== null",
        )
        .await?;
        // The popup of the vague link's finding open, as a reader tabbing to it sees it.
        tab_to(
            &client,
            "the vague link's badge",
            "el.classList.contains('finding-badge') && !!el.closest('.body')",
        )
        .await?;
        let png = client.screenshot().await.map_err(|e| e.to_string())?;
        expect(
            &client,
            png.starts_with(b"\x89PNG") && png.len() > 10_000,
            "a PNG screenshot",
        )
        .await?;
        std::fs::write(screenshot_dir()?.join("sample-article.png"), &png)
            .map_err(|e| e.to_string())?;
        if std::env::var_os("COPYDESK_UPDATE_SCREENSHOT").is_some() {
            let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/preview.png");
            std::fs::write(docs, &png).map_err(|e| e.to_string())?;
        }
        Ok(())
    })
}

/// Copies the files under `from` into `to`, keeping their relative paths.
fn copy_tree(from: &Path, to: &Path) -> Result<(), Failed> {
    for entry in std::fs::read_dir(from).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| e.to_string())?;
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
