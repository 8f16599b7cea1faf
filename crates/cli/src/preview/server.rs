//! Routing and the security checks of the preview server.
//!
//! Every request is read-only: only `GET` and `HEAD` are answered, nothing in a request names a
//! file to write, and the only files served are the newsroom's own (under its real root, no
//! `..`, no hidden directories, symlinks resolved and checked). The `Host` header must name
//! this server (an IP address or `localhost` with the bound port), so a web page cannot reach
//! the preview through a DNS name that resolves to 127.0.0.1 (DNS rebinding).

use std::io::{Read as _, Write as _};
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Mutex, RwLock};
use std::time::Duration;

use copydesk::chrono::Utc;
use copydesk::preview::{BudgetQuery, Preview, SCRIPT, STYLESHEET};
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// The largest newsroom file served (images in the newsroom), in bytes.
const MAX_FILE_BYTES: u64 = 32 << 20;

/// How often an idle event stream sends a comment, which also finds closed connections.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// No request, script or style from anywhere but this server; no framing by other sites.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The newsroom being previewed: its current pages and the open event streams.
pub(crate) struct Site {
    root: PathBuf,
    bound: SocketAddr,
    /// The loaded preview, or the page saying why the newsroom does not load.
    current: RwLock<Result<Preview, String>>,
    listeners: Mutex<Vec<Sender<u64>>>,
    generation: Mutex<u64>,
}

impl Site {
    pub(crate) fn new(root: PathBuf, bound: SocketAddr) -> Site {
        Site {
            current: RwLock::new(load(&root)),
            root,
            bound,
            listeners: Mutex::new(Vec::new()),
            generation: Mutex::new(0),
        }
    }

    /// Brings the pages up to date after the files at `changed` changed and tells every open
    /// page to reload: first with the saved articles' own findings (see
    /// [`Preview::refresh`]), then, when the whole newsroom's findings differ from the ones
    /// shown (a save that makes another article's slug a duplicate), again with those.
    pub(crate) fn reload(&self, changed: &[PathBuf]) {
        {
            let mut current = self.write();
            let replacement = match &mut *current {
                Ok(preview) => preview
                    .refresh(changed, Utc::now().fixed_offset())
                    .err()
                    .map(|error| Err(Preview::load_error_page(&error, true))),
                // The newsroom did not load last time: try it whole.
                Err(_) => Some(load(&self.root)),
            };
            if let Some(replacement) = replacement {
                *current = replacement;
            }
        }
        self.announce();
        // Worked out under a read lock: the saved pages are served meanwhile.
        let full = self.read().as_ref().ok().map(Preview::full_report);
        if let Some(full) = full
            && let Ok(preview) = &mut *self.write()
            && preview.set_report(full)
        {
            self.announce();
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Result<Preview, String>> {
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Result<Preview, String>> {
        self.current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Tells every open page that the pages changed.
    fn announce(&self) {
        let generation = {
            let mut generation = self
                .generation
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *generation += 1;
            *generation
        };
        self.listeners
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .retain(|listener| listener.send(generation).is_ok());
    }

    /// How many times the pages were rebuilt since the server started.
    fn generation(&self) -> u64 {
        *self
            .generation
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The page URL of the article `given` names (a slug or a file's path).
    pub(crate) fn find_article(&self, given: &str) -> Option<String> {
        let current = self
            .current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        current.as_ref().ok()?.find_article(given)
    }
}

fn load(root: &Path) -> Result<Preview, String> {
    Preview::load(root, Utc::now().fixed_offset())
        .map_err(|error| Preview::load_error_page(&error, true))
}

/// Answers one request.
pub(crate) fn respond(site: &Site, request: Request) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response =
            text(405, "the preview only reads: use GET").with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(response);
        return;
    }
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    if !host
        .as_deref()
        .is_some_and(|host| is_own_host(host, site.bound))
    {
        let _ = request.respond(text(
            421,
            "this preview answers only requests addressed to it by IP address or localhost",
        ));
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let Some(segments) = segments(path) else {
        let _ = request.respond(text(400, "invalid path"));
        return;
    };
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let response = match segments.as_slice() {
        ["_preview", "events"] => return events(site, request, query),
        ["_preview", "preview.css"] => asset(STYLESHEET, "text/css; charset=utf-8"),
        ["_preview", "preview.js"] => asset(SCRIPT, "text/javascript; charset=utf-8"),
        [] => page(site, |preview| {
            Some(preview.budget_page(&BudgetQuery::from_query(query)))
        }),
        ["article", rest @ ..] if !rest.is_empty() => match under_root(&site.root, rest) {
            Some(path) => {
                let relative = path
                    .strip_prefix(&site.root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .into_owned();
                page(site, |preview| preview.article_page(&relative))
            }
            None => not_found(site),
        },
        ["files", rest @ ..] if !rest.is_empty() => match under_root(&site.root, rest) {
            Some(path) => file(&path).unwrap_or_else(|| not_found(site)),
            None => not_found(site),
        },
        _ => not_found(site),
    };
    let _ = request.respond(response);
}

/// Whether `host` (a `Host` header) names this server: an IP address or `localhost`, with the
/// bound port. A server bound to one address accepts only that address (and `localhost` when
/// it is a loopback one); one bound to all addresses accepts any IP address.
fn is_own_host(host: &str, bound: SocketAddr) -> bool {
    let Some((name, port)) = host.rsplit_once(':') else {
        return false;
    };
    if port.parse::<u16>() != Ok(bound.port()) {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return bound.ip().is_loopback() || bound.ip().is_unspecified();
    }
    let name = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    match name.parse::<std::net::IpAddr>() {
        Ok(ip) if bound.ip().is_unspecified() => !ip.is_unspecified(),
        Ok(ip) => ip == bound.ip() || (ip.is_loopback() && bound.ip().is_loopback()),
        Err(_) => false,
    }
}

/// The percent-decoded segments of a URL path; `None` for a path that tries to leave its
/// directory (`..`), names a hidden file (`.git`), or has a NUL, a backslash or invalid UTF-8.
fn segments(path: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for raw in path.split('/').filter(|s| !s.is_empty()) {
        let decoded = percent_decode(raw)?;
        if decoded.starts_with('.')
            || decoded.contains(['\0', '\\', '/'])
            || decoded.chars().any(char::is_control)
        {
            return None;
        }
        out.push(decoded);
    }
    Some(out)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The real path of `segments` under `root` when it exists and stays there once symlinks are
/// resolved.
fn under_root(root: &Path, segments: &[&str]) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    for segment in segments {
        let part = Path::new(segment);
        if part.components().count() != 1
            || !matches!(part.components().next(), Some(Component::Normal(_)))
        {
            return None;
        }
        path.push(part);
    }
    let real = path.canonicalize().ok()?;
    real.starts_with(root).then_some(real)
}

fn page(
    site: &Site,
    build: impl FnOnce(&Preview) -> Option<String>,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let current = site
        .current
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // Read while the pages cannot change: a reload bumps the generation only after it
    // replaced them, so a page never claims a newer generation than it shows.
    let generation = site.generation();
    let (status, html) = match &*current {
        Ok(preview) => match build(preview) {
            Some(html) => (200, html),
            None => (404, preview.not_found_page()),
        },
        // The newsroom does not load: every page says why until it does.
        Err(error_page) => (500, error_page.clone()),
    };
    html_response(status, with_generation(html, generation))
}

/// Marks `html` with the generation of the pages it was built from, in a `<meta>` right after
/// `<head>`: the page's script sends it back when it opens its event stream, and a page built
/// before a reload it missed (one that came while it was loading) is told to reload at once.
/// A replaced template without a `<head>` goes unmarked and only hears later changes.
fn with_generation(mut html: String, generation: u64) -> String {
    if let Some(at) = html.find("<head>") {
        let meta = format!("<meta name=\"copydesk-generation\" content=\"{generation}\">");
        html.insert_str(at + "<head>".len(), &meta);
    }
    html
}

fn not_found(site: &Site) -> Response<std::io::Cursor<Vec<u8>>> {
    page(site, |_| None)
}

fn html_response(status: u16, html: String) -> Response<std::io::Cursor<Vec<u8>>> {
    secured(Response::from_data(html.into_bytes()).with_status_code(StatusCode(status)))
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
}

fn asset(body: &'static str, content_type: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    secured(Response::from_data(body.as_bytes().to_vec()))
        .with_header(header("Content-Type", content_type))
}

fn text(status: u16, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    secured(
        Response::from_data(format!("{message}\n").into_bytes())
            .with_status_code(StatusCode(status)),
    )
    .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

/// A newsroom file (an image an article shows), with a type from its extension; files of
/// other kinds are sent as bytes to download, never as HTML the browser would run.
fn file(path: &Path) -> Option<Response<std::io::Cursor<Vec<u8>>>> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_FILE_BYTES {
        return None;
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .read_to_end(&mut bytes)
        .ok()?;
    let content_type = match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("md" | "markdown" | "toml" | "txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
    Some(secured(Response::from_data(bytes)).with_header(header("Content-Type", content_type)))
}

fn secured<R: std::io::Read>(response: Response<R>) -> Response<R> {
    response
        .with_header(header("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Referrer-Policy", "no-referrer"))
        .with_header(header("Cache-Control", "no-store"))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values here are ASCII without line breaks")
}

/// A server-sent event stream: one `change` event each time the newsroom is reloaded, and one
/// at once when the page that opens it was built before the latest reload (`since`, the
/// generation the page was built from). Written by hand on the raw connection because
/// `tiny_http` buffers a streamed body until a chunk fills.
fn events(site: &Site, request: Request, query: &str) {
    let (sender, receiver): (Sender<u64>, Receiver<u64>) = mpsc::channel();
    site.listeners
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(sender.clone());
    // Registered first, so a reload from here on is announced either way.
    let since = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|value| value.parse::<u64>().ok());
    let generation = site.generation();
    if since.is_some_and(|since| since < generation) {
        let _ = sender.send(generation);
    }
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match receiver.recv_timeout(KEEPALIVE) {
            Ok(generation) => format!("event: change\ndata: {generation}\n\n"),
            Err(RecvTimeoutError::Timeout) => ": keepalive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if writer
            .write_all(message.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_must_name_this_server() {
        let bound: SocketAddr = "127.0.0.1:4747".parse().unwrap();
        assert!(is_own_host("127.0.0.1:4747", bound));
        assert!(is_own_host("localhost:4747", bound));
        assert!(is_own_host("[::1]:4747", bound));
        assert!(!is_own_host("evil.example:4747", bound));
        assert!(!is_own_host("127.0.0.1:80", bound));
        assert!(!is_own_host("127.0.0.1", bound));
        assert!(!is_own_host("10.0.0.1:4747", bound));
        let all: SocketAddr = "0.0.0.0:4747".parse().unwrap();
        assert!(is_own_host("192.0.2.1:4747", all));
        assert!(!is_own_host("rebind.example:4747", all));
    }

    #[test]
    fn paths_cannot_leave_or_hide() {
        assert_eq!(
            segments("/article/a%20b.md"),
            Some(vec!["article".into(), "a b.md".into()])
        );
        assert_eq!(segments("/article/../copydesk.toml"), None);
        assert_eq!(segments("/article/%2e%2e/x"), None);
        assert_eq!(segments("/files/.git/config"), None);
        assert_eq!(segments("/files/a%2fb"), None);
        assert_eq!(segments("/files/a%5cb"), None);
        assert_eq!(segments("/files/%00"), None);
        assert_eq!(segments("/files/%zz"), None);
    }
}
