//! `copydesk preview` over HTTP: the real binary on a free loopback port, spoken to with raw
//! HTTP/1.1 so a test can send any `Host` header and any path.

use crate::common;

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::process::Child;
use std::time::{Duration, Instant};

use common::{TempNewsroom, article_text};

/// A running `copydesk preview`, stopped when dropped.
struct Server {
    child: Child,
    address: SocketAddr,
}

impl Server {
    fn start(newsroom: &TempNewsroom) -> Server {
        let (child, address) = common::start_preview(newsroom);
        Server { child, address }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let host = self.address.to_string();
        self.request("GET", path, &host)
    }

    fn request(&self, method: &str, path: &str, host: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(self.address).expect("connects");
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
        )
        .expect("sends");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("reads");
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("no status in {response:?}"));
        (status, response)
    }

    /// Opens the event stream and returns it once its headers arrived.
    fn events(&self) -> BufReader<TcpStream> {
        self.events_since("")
    }

    /// Opens the event stream with `query` (`?since=N`, or nothing).
    fn events_since(&self, query: &str) -> BufReader<TcpStream> {
        let mut stream = TcpStream::connect(self.address).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout set");
        write!(
            stream,
            "GET /_preview/events{query} HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.address
        )
        .expect("sends");
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        while reader.read_line(&mut line).expect("reads") > 0 && line.trim() != "retry: 500" {
            assert!(!line.contains(" 4") || !line.starts_with("HTTP"), "{line}");
            line.clear();
        }
        reader
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// After a change event, the page at `path` once it shows what `wanted` looks for: a save
/// can reach the watcher as more than one event (truncate, then write), and the first reload
/// may see the file half-written; the next event's reload shows it whole. Gives up after ten
/// seconds and returns the last page.
fn page_once(server: &Server, path: &str, wanted: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (_, page) = server.get(path);
        if wanted(&page) || Instant::now() > deadline {
            return page;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Saves the deal article with its title changed to `OpenAI Leaves Azure`.
fn retitle_deal(newsroom: &TempNewsroom) {
    let text = newsroom.read("articles/2026/05/deal.md");
    newsroom.write(
        "articles/2026/05/deal.md",
        &text.replace("OpenAI Breaks Microsoft’s Hold", "OpenAI Leaves Azure"),
    );
}

/// After a change event, the page at `path` once it shows `text`, which it must.
fn page_showing(server: &Server, path: &str, text: &str) -> String {
    let page = page_once(server, path, |page| page.contains(text));
    assert!(page.contains(text), "{page}");
    page
}

/// Reads events until a `change` event arrives.
fn wait_for_change(events: &mut BufReader<TcpStream>) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut line = String::new();
    while Instant::now() < deadline {
        line.clear();
        let read = events.read_line(&mut line).expect("event stream open");
        assert!(read > 0, "event stream closed");
        if line.trim() == "event: change" {
            return;
        }
    }
    panic!("no change event");
}

const BODY: &str = "OpenAI can now sell its models through other cloud providers, the companies said on [Tuesday](source:blog). Read more [here](https://example.com/more).\n";

fn newsroom() -> TempNewsroom {
    let newsroom = TempNewsroom::new();
    newsroom.write(
        "articles/2026/05/deal.md",
        &article_text(
            "deal",
            "OpenAI Breaks Microsoft’s Hold",
            "updated = 2026-05-07T10:00:00Z\nrelated = [\"clean\"]\n\n[[sources]]\nid = \"blog\"\ntitle = \"The next chapter\"\nurl = \"https://blogs.example.com/next\"\npublisher = \"Microsoft\"\n\n[[updates]]\nat = 2026-05-07T10:00:00Z\nkind = \"update\"\ntext = \"Adds Microsoft's comment.\"\nsource = \"blog\"\n",
            BODY,
        ),
    );
    newsroom.write(
        "articles/2026/05/clean.md",
        &article_text(
            "clean",
            "A Clean Story",
            "",
            "OpenAI can now sell its models through other cloud providers, the companies said.\n",
        )
        .replace("status = \"published\"", "status = \"draft\""),
    );
    newsroom
}

#[test]
fn budget_lists_every_article_with_status_and_counts_sorted_and_filtered() {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let (status, page) = server.get("/");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("OpenAI Breaks Microsoft’s Hold"), "{page}");
    assert!(page.contains("A Clean Story"));
    assert!(
        page.contains("href=\"/article/articles/2026/05/deal.md\""),
        "{page}"
    );
    assert!(page.contains("<span class=\"status status-draft\">draft</span>"));
    assert!(
        page.contains("<td data-label=\"Warnings\" class=\"count has-warnings\">"),
        "{page}"
    );

    let (_, drafts) = server.get("/?status=draft");
    assert!(drafts.contains("A Clean Story"));
    assert!(!drafts.contains("OpenAI Breaks"));

    let (_, by_title) = server.get("/?sort=title&order=asc");
    let clean = by_title.find("A Clean Story").expect("listed");
    let deal = by_title.find("OpenAI Breaks").expect("listed");
    assert!(clean < deal, "sorted by title ascending");
    let (_, by_title_desc) = server.get("/?sort=title&order=desc");
    assert!(by_title_desc.find("A Clean Story") > by_title_desc.find("OpenAI Breaks"));
    assert!(by_title.contains("aria-sort=\"ascending\""));
}

#[test]
fn article_page_shows_the_story_and_marks_findings_in_place() {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let (status, page) = server.get("/article/articles/2026/05/deal.md");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<h1 id=\"headline\">OpenAI Breaks Microsoft’s Hold"));
    assert!(page.contains("Ryan Tanaka"));
    assert!(
        page.contains("Consumer Tech &amp; Mobile"),
        "beat in the byline"
    );
    assert!(page.contains("1 min read"));
    assert!(page.contains("1 source<"));
    assert!(page.contains("<sup class=\"citation-number\">"), "{page}");
    assert!(page.contains("Adds Microsoft"), "the Updates list");
    assert!(page.contains("Related Articles"));
    assert!(page.contains("A Clean Story"));
    // The draft in `related` is marked beside the related articles (a corpus finding), and
    // the vague link text is highlighted where it is, each with a focusable badge and tooltip.
    assert!(page.contains("RF009"), "{page}");
    assert!(
        page.contains("data-finding=\"2\">here</mark>"),
        "finding highlighted at its span: {page}"
    );
    assert!(
        page.contains("class=\"finding-badge finding-warning\" id=\"at-finding-2\" tabindex=\"0\"")
    );
    assert!(page.contains("role=\"tooltip\""));
    assert!(page.contains("<li id=\"finding-2\""), "the panel lists it");
    assert!(page.contains("MD006"));

    let (_, clean) = server.get("/article/articles/2026/05/clean.md");
    assert!(clean.contains("No findings"), "{clean}");
    assert!(
        clean.contains("status-banner status-draft"),
        "drafts are marked"
    );
}

#[test]
fn security_headers_keep_every_request_local() {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let (_, page) = server.get("/article/articles/2026/05/deal.md");
    assert!(
        page.contains("Content-Security-Policy: default-src 'none'"),
        "{page}"
    );
    assert!(!page.contains("<script src=\"http"), "no outside scripts");
    assert!(
        !page.contains("<link rel=\"stylesheet\" href=\"http"),
        "no outside styles"
    );
    let (status, css) = server.get("/_preview/preview.css");
    assert_eq!(status, 200);
    assert!(css.contains("text/css"));
}

#[test]
fn paths_that_leave_the_newsroom_are_refused() {
    let newsroom = newsroom();
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("secret.txt"), "secret").expect("write");
    let server = Server::start(&newsroom);
    for path in [
        "/files/../copydesk.toml",
        "/files/%2e%2e/%2e%2e/etc/passwd",
        "/files/..%2fcopydesk.toml",
        "/article/..%5c..%5cetc%5cpasswd",
        "/files/.git/config",
    ] {
        let (status, body) = server.get(path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(
            !body.contains("secret") && !body.contains("root:"),
            "{path}"
        );
    }
    // A file under the newsroom is served, as text, never as HTML.
    let (status, body) = server.get("/files/copydesk.toml");
    assert_eq!(status, 200);
    assert!(body.contains("Content-Type: text/plain"));
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_newsroom_is_not_followed() {
    let newsroom = newsroom();
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("secret.txt"), "top secret").expect("write");
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), newsroom.path("leak.txt"))
        .expect("symlink");
    std::os::unix::fs::symlink(outside.path(), newsroom.path("articles/outside")).expect("symlink");
    let server = Server::start(&newsroom);
    for path in [
        "/files/leak.txt",
        "/files/articles/outside/secret.txt",
        "/article/articles/outside/secret.txt",
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("top secret"), "{path}");
    }
}

#[test]
fn a_wrong_host_header_is_refused() {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let port = server.address.port();
    let (status, body) = server.request("GET", "/", &format!("rebind.example.com:{port}"));
    assert_eq!(status, 421);
    assert!(!body.contains("OpenAI"));
    let (status, _) = server.request("GET", "/", "127.0.0.1:1");
    assert_eq!(status, 421, "wrong port");
    let (status, _) = server.request("GET", "/", &format!("localhost:{port}"));
    assert_eq!(status, 200);
}

#[test]
fn unknown_pages_are_404_and_nothing_can_write() {
    let newsroom = newsroom();
    let before = newsroom.read("articles/2026/05/deal.md");
    let server = Server::start(&newsroom);
    assert_eq!(server.get("/nope").0, 404);
    assert_eq!(server.get("/article/articles/2026/05/missing.md").0, 404);
    let host = server.address.to_string();
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let (status, _) = server.request(method, "/article/articles/2026/05/deal.md", &host);
        assert_eq!(status, 405, "{method}");
    }
    assert_eq!(newsroom.read("articles/2026/05/deal.md"), before);
}

/// The change events that arrive on `events` in the next `window`.
fn changes_within(events: &mut BufReader<TcpStream>, window: Duration) -> usize {
    let deadline = Instant::now() + window;
    let mut changes = 0;
    let mut line = String::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return changes;
        }
        events
            .get_ref()
            .set_read_timeout(Some(left))
            .expect("timeout set");
        match events.read_line(&mut line) {
            Ok(0) | Err(_) => return changes,
            Ok(_) if line.trim() == "event: change" => changes += 1,
            Ok(_) => {}
        }
        line.clear();
    }
}

#[test]
fn a_save_reloads_and_then_the_pages_stay_quiet() {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let mut events = server.events();
    retitle_deal(&newsroom);
    wait_for_change(&mut events);
    // A save can reach the watcher as two events; let them settle.
    changes_within(&mut events, Duration::from_millis(500));
    // Serving pages reads the files, and so does each reload: reads are not changes.
    page_showing(
        &server,
        "/article/articles/2026/05/deal.md",
        "OpenAI Leaves Azure",
    );
    server.get("/");
    assert_eq!(changes_within(&mut events, Duration::from_secs(1)), 0);
}

#[test]
fn a_save_that_changes_another_articles_findings_shows_on_its_page() {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let (_, before) = server.get("/article/articles/2026/05/clean.md");
    assert!(!before.contains("RF003"), "{before}");
    let mut events = server.events();
    // The deal takes the clean story's slug: a finding on the clean story, not saved.
    let text = newsroom.read("articles/2026/05/deal.md");
    newsroom.write(
        "articles/2026/05/deal.md",
        &text.replace("slug = \"deal\"", "slug = \"clean\""),
    );
    wait_for_change(&mut events);
    page_showing(&server, "/article/articles/2026/05/clean.md", "RF003");
}

#[test]
fn saving_refreshes_and_a_file_that_stops_parsing_shows_its_error() {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let mut events = server.events();

    retitle_deal(&newsroom);
    wait_for_change(&mut events);
    page_showing(
        &server,
        "/article/articles/2026/05/deal.md",
        "OpenAI Leaves Azure",
    );

    newsroom.write(
        "articles/2026/05/deal.md",
        "+++\ntitle = \"unterminated\n+++\nBody\n",
    );
    wait_for_change(&mut events);
    let page = page_showing(
        &server,
        "/article/articles/2026/05/deal.md",
        "does not parse",
    );
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(!page.contains("OpenAI Leaves Azure"), "not a stale page");
    let (_, budget) = server.get("/");
    assert!(budget.contains("status-unparsed"), "{budget}");

    // An author file's change refreshes too.
    newsroom.write(
        "authors/ryan-tanaka.toml",
        "name = \"Ryan T. Tanaka\"\nbeat = \"Mobile\"\n",
    );
    wait_for_change(&mut events);
    page_showing(
        &server,
        "/article/articles/2026/05/clean.md",
        "Ryan T. Tanaka",
    );
}

/// The generation a page says it was built from.
fn generation_of(page: &str) -> u64 {
    let marker = "<meta name=\"copydesk-generation\" content=\"";
    let at = page
        .find(marker)
        .unwrap_or_else(|| panic!("no generation in {page}"))
        + marker.len();
    page[at..]
        .split('"')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number")
}

#[test]
fn a_page_that_missed_a_save_while_loading_is_told_at_once() {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let (_, before) = server.get("/article/articles/2026/05/deal.md");
    let built = generation_of(&before);
    let mut events = server.events();
    retitle_deal(&newsroom);
    wait_for_change(&mut events);

    // The page built before the save opens its stream only now: the change is announced to
    // it at once, not at the next save.
    let mut late = server.events_since(&format!("?since={built}"));
    wait_for_change(&mut late);
    let after = page_once(&server, "/article/articles/2026/05/deal.md", |page| {
        page.contains("OpenAI Leaves Azure")
    });
    assert!(generation_of(&after) > built, "{after}");
    let (_, budget) = server.get("/");
    assert!(generation_of(&budget) >= generation_of(&after));
}

#[test]
fn an_invalid_configuration_shows_its_error_on_every_page() {
    let newsroom = newsroom();
    let server = Server::start(&newsroom);
    let mut events = server.events();
    newsroom.write("copydesk.toml", "[site\n");
    wait_for_change(&mut events);
    let (status, page) = server.get("/");
    assert_eq!(status, 500);
    assert!(page.contains("The newsroom does not load"), "{page}");
}

#[test]
fn a_newsroom_template_replaces_the_article_page() {
    let newsroom = newsroom();
    newsroom.write(
        "templates/preview/article.html",
        "<h1>{{ article.title }}</h1><p>{{ article.read_time.minutes }} min · {{ findings | length }} findings</p>{{ article.body_html | safe }}",
    );
    let server = Server::start(&newsroom);
    let (_, page) = server.get("/article/articles/2026/05/deal.md");
    assert!(
        page.contains("<h1>OpenAI Breaks Microsoft’s Hold</h1><p>1 min · 2 findings</p>"),
        "{page}"
    );
    assert!(page.contains("</mark>"), "the body keeps its marks");

    newsroom.write("templates/preview/article.html", "{% if %}");
    let mut events = server.events();
    newsroom.write(
        "articles/2026/05/clean.md",
        &newsroom.read("articles/2026/05/clean.md"),
    );
    wait_for_change(&mut events);
    let (_, page) = server.get("/article/articles/2026/05/deal.md");
    assert!(page.contains("does not render"), "{page}");
}
