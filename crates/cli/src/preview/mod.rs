//! `copydesk preview`: serves the library's preview pages over HTTP on a loopback address and
//! tells open pages to reload when the newsroom changes on disk.
//!
//! The pages themselves are built by `copydesk::preview`; this module only binds the socket,
//! routes requests ([`server`]) and watches files ([`watch`]).

mod server;
mod watch;

use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;

use crate::Status;
use crate::args::PreviewArgs;
use crate::commands::locate_root;

pub(crate) fn run(args: &PreviewArgs) -> anyhow::Result<Status> {
    let root = locate_root(args.root.root.as_deref(), args.article.as_deref())?;
    // Symlinks resolved once, so every served path is compared with the real root.
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot resolve `{}`", root.display()))?;
    let address = SocketAddr::new(args.bind, args.port);
    let http = tiny_http::Server::http(address)
        .map_err(|error| {
            let in_use = error
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::AddrInUse);
            let help = if in_use {
                "\n  help: another program (perhaps another preview) uses that port; pick another with `--port`, or `--port 0` for any free one"
            } else {
                ""
            };
            anyhow::anyhow!("cannot listen on {address}: {error}{help}")
        })?;
    let bound = http
        .server_addr()
        .to_ip()
        .context("the server is not listening on an IP address")?;
    let site = Arc::new(server::Site::new(root.clone(), bound));
    let _watcher = watch::start(&root, Arc::clone(&site))?;

    let mut url = format!("http://{}/", host_for_url(bound));
    if let Some(article) = &args.article {
        let Some(page) = site.find_article(&article.to_string_lossy()) else {
            anyhow::bail!(
                "no article `{}` in the newsroom at `{}`\n  help: give an article's slug or its file's path (`copydesk list` shows them)",
                article.display(),
                root.display()
            );
        };
        url = format!("http://{}{page}", host_for_url(bound));
    }
    {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "copydesk preview: {url}")?;
        stdout.flush()?;
        // A caller may read the address and close the pipe (a script, an editor plugin): the
        // lines after it are for a person at a terminal, and failing to write them must not
        // stop the server.
        if !bound.ip().is_loopback() {
            let _ = writeln!(
                stdout,
                "warning: listening on {bound}: anyone who can reach this address can read the newsroom"
            );
        }
        let _ = writeln!(stdout, "press Ctrl-C to stop");
        let _ = stdout.flush();
    }
    if args.open
        && let Err(error) = opener::open_browser(&url)
    {
        let _ = writeln!(std::io::stderr(), "warning: cannot open a browser: {error}");
    }
    for request in http.incoming_requests() {
        let site = Arc::clone(&site);
        std::thread::spawn(move || server::respond(&site, request));
    }
    Ok(Status::Clean)
}

/// `ip:port` as it is written in a URL (IPv6 in brackets; an unspecified address as loopback).
fn host_for_url(address: SocketAddr) -> String {
    let ip = if address.ip().is_unspecified() {
        match address {
            SocketAddr::V4(_) => std::net::IpAddr::from([127, 0, 0, 1]),
            SocketAddr::V6(_) => std::net::IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        }
    } else {
        address.ip()
    };
    SocketAddr::new(ip, address.port()).to_string()
}
