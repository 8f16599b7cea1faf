//! `copydesk lsp`: the language server (SPEC section 7).
//!
//! A synchronous loop in the shape rust-analyzer and ruff use: one thread reads messages, one
//! writes them, and this loop handles them in order. Debouncing falls out of the shape: the
//! loop takes every message that is waiting before it lints, so a burst of `didChange`s is
//! linted once, on the latest text, and a request cancelled while it waited is answered
//! `RequestCancelled` without running.
//!
//! The server lives in the CLI crate, not in `copydesk`: the protocol crates are then only a
//! dependency of the binary, and library users never compile them. Linting goes through
//! `engine.rs` only; conversions between spans and LSP positions are in `position.rs`; code
//! actions in `action.rs`; hover, definition, symbols and completion in `navigate.rs`.

mod action;
mod engine;
mod navigate;
mod position;
mod transport;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use copydesk::config::{CONFIG_FILE, Config};
use copydesk::{Diagnostic, Severity};
use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::Value;

use copydesk::lint::{FileKind, Overlay};
use engine::{ConfigProblems, Engine};
use position::{Encoding, Positions};
use transport::Outgoing;

/// Where a diagnostic's code links to: the rule's section of the rule reference.
pub(crate) const RULE_DOCS_URL: &str =
    concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md#");

/// How the server ended.
pub(crate) enum Ending {
    /// `exit` after `shutdown`, or stdin closed after `shutdown`.
    Clean,
    /// `exit` without `shutdown`, or stdin closed without either (LSP: exit code 1).
    Abrupt,
}

/// Runs the server on stdin and stdout until `exit` or the end of stdin.
pub(crate) fn run(now: Option<DateTime<FixedOffset>>) -> Ending {
    let transport = transport::Transport::stdio();
    let mut server = Server::new(transport.sender.clone(), now);
    let loads = server.loads.1.clone();
    let ending = loop {
        // A newsroom loaded on the worker thread is taken between batches of messages, so
        // the loop keeps answering while one loads.
        crossbeam_channel::select! {
            recv(transport.receiver) -> first => {
                let Ok(first) = first else {
                    break server.ending();
                };
                let mut batch = vec![first];
                batch.extend(transport.receiver.try_iter());
                if let Some(ending) = server.handle_batch(batch) {
                    break ending;
                }
            }
            recv(loads) -> loaded => {
                if let Ok(loaded) = loaded {
                    server.loaded(loaded);
                }
            }
        }
        server.publish();
    };
    drop(server);
    transport.finish();
    ending
}

/// An open document.
struct Document {
    path: PathBuf,
    text: Arc<str>,
}

/// What was last published for a document, for code actions and hover.
struct Published {
    text: Arc<str>,
    diagnostics: Vec<Diagnostic>,
}

/// A newsroom loaded (or refused) on the worker thread, for the load numbered `generation`.
struct Loaded {
    generation: u64,
    result: Result<Engine, LoadFailure>,
}

enum LoadFailure {
    /// `copydesk.toml` does not load.
    Config(ConfigProblems),
    /// Anything else (a directory that cannot be listed), for the log.
    Other(String),
}

enum State {
    Uninitialized,
    Running,
    ShutDown,
}

struct Server {
    sender: Sender<Outgoing>,
    state: State,
    encoding: Encoding,
    /// A fixed clock for the timeline rules (`--now`), else the system clock.
    now: Option<DateTime<FixedOffset>>,
    /// Where to look for the newsroom before a document is opened (the workspace folder).
    start: Option<PathBuf>,
    engine: Option<Engine>,
    /// Why `copydesk.toml` does not load, while it does not.
    config_problems: Option<ConfigProblems>,
    config_published: bool,
    docs: BTreeMap<String, Document>,
    published: BTreeMap<String, Published>,
    dirty: bool,
    watch_registration: bool,
    next_id: i32,
    /// Where the worker thread posts the newsrooms it loads.
    loads: (Sender<Loaded>, Receiver<Loaded>),
    /// The number of the latest load asked for; results of older ones are dropped.
    generation: u64,
    /// Whether a load is under way.
    loading: bool,
    /// Article files that changed while a load was under way: applied to its result, which
    /// may have read them before they changed.
    pending: Vec<PathBuf>,
}

impl Server {
    fn new(sender: Sender<Outgoing>, now: Option<DateTime<FixedOffset>>) -> Self {
        Server {
            sender,
            state: State::Uninitialized,
            encoding: Encoding::Utf16,
            now,
            start: None,
            engine: None,
            config_problems: None,
            config_published: false,
            docs: BTreeMap::new(),
            published: BTreeMap::new(),
            dirty: false,
            watch_registration: false,
            next_id: 0,
            loads: crossbeam_channel::unbounded(),
            generation: 0,
            loading: false,
            pending: Vec::new(),
        }
    }

    /// The clock of the timeline rules: `--now`, else the system clock to the minute (a
    /// keystroke a second later lints with the same clock, so other buffers' lints are
    /// reused).
    fn now(&self) -> DateTime<FixedOffset> {
        self.now.unwrap_or_else(|| {
            let now = chrono::Utc::now();
            let minute = now.timestamp() - now.timestamp().rem_euclid(60);
            chrono::DateTime::from_timestamp(minute, 0)
                .unwrap_or(now)
                .fixed_offset()
        })
    }

    fn ending(&self) -> Ending {
        match self.state {
            State::ShutDown => Ending::Clean,
            _ => Ending::Abrupt,
        }
    }

    fn send(&self, message: impl Into<Message>) {
        // The writer thread only goes away when stdout is closed; then nobody is listening.
        let _ = self.sender.send(Outgoing::Message(message.into()));
    }

    fn notify<N: lsp::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    /// Handles a batch of messages that arrived together; `Some` when the server must stop.
    fn handle_batch(&mut self, batch: Vec<Message>) -> Option<Ending> {
        let cancelled: HashSet<RequestId> = batch
            .iter()
            .filter_map(|message| match message {
                Message::Notification(n) if n.method == "$/cancelRequest" => {
                    let id = n.params.get("id")?.clone();
                    serde_json::from_value::<RequestId>(id).ok()
                }
                _ => None,
            })
            .collect();
        for message in batch {
            match message {
                Message::Request(request) if cancelled.contains(&request.id) => {
                    self.send(Response::new_err(
                        request.id,
                        ErrorCode::RequestCanceled as i32,
                        "cancelled".into(),
                    ));
                }
                Message::Request(request) => self.handle_request(request),
                Message::Notification(notification) => {
                    if notification.method == "exit" {
                        return Some(self.ending());
                    }
                    self.handle_notification(notification);
                }
                // Answers to our own requests (the watcher registration): nothing to do.
                Message::Response(_) => {}
            }
        }
        None
    }

    fn handle_request(&mut self, request: Request) {
        let id = request.id.clone();
        match self.state {
            State::Uninitialized if request.method != "initialize" => {
                return self.send(Response::new_err(
                    id,
                    ErrorCode::ServerNotInitialized as i32,
                    "the server is not initialized yet".into(),
                ));
            }
            State::ShutDown => {
                return self.send(Response::new_err(
                    id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is shutting down".into(),
                ));
            }
            _ => {}
        }
        let result = match request.method.as_str() {
            "initialize" => self.initialize(request.params),
            "shutdown" => {
                self.state = State::ShutDown;
                Ok(Value::Null)
            }
            "textDocument/codeAction" => self.with_params(request.params, Self::code_action),
            "textDocument/hover" => self.with_params(request.params, Self::hover),
            "textDocument/definition" => self.with_params(request.params, Self::definition),
            "textDocument/documentSymbol" => self.with_params(request.params, Self::symbols),
            "textDocument/completion" => self.with_params(request.params, Self::completion),
            method => Err((
                ErrorCode::MethodNotFound,
                format!("copydesk does not handle `{method}`"),
            )),
        };
        self.send(match result {
            Ok(value) => Response {
                id,
                result: Some(value),
                error: None,
            },
            Err((code, message)) => Response::new_err(id, code as i32, message),
        });
    }

    /// Decodes a request's parameters and runs `handler`, turning bad parameters into an
    /// `InvalidParams` error.
    fn with_params<P: serde::de::DeserializeOwned, R: serde::Serialize>(
        &mut self,
        params: Value,
        handler: fn(&mut Self, P) -> Result<R, RequestError>,
    ) -> Result<Value, RequestError> {
        let params = serde_json::from_value(params)
            .map_err(|error| (ErrorCode::InvalidParams, error.to_string()))?;
        let result = handler(self, params)?;
        serde_json::to_value(result).map_err(|error| (ErrorCode::InternalError, error.to_string()))
    }

    fn initialize(&mut self, params: Value) -> Result<Value, RequestError> {
        let params: lsp::InitializeParams = serde_json::from_value(params)
            .map_err(|error| (ErrorCode::InvalidParams, error.to_string()))?;
        self.encoding = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|general| general.position_encodings.as_deref()),
        );
        self.watch_registration = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        #[allow(
            deprecated,
            reason = "clients without workspace folders still send rootUri"
        )]
        let root_uri = params
            .workspace_folders
            .as_ref()
            .and_then(|folders| folders.first())
            .map(|folder| folder.uri.clone())
            .or(params.root_uri);
        self.start = root_uri.and_then(|uri| uri_to_path(&uri));
        self.state = State::Running;
        let result = lsp::InitializeResult {
            capabilities: capabilities(self.encoding),
            server_info: Some(lsp::ServerInfo {
                name: "copydesk".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        serde_json::to_value(result).map_err(|error| (ErrorCode::InternalError, error.to_string()))
    }

    fn handle_notification(&mut self, notification: Notification) {
        if !matches!(self.state, State::Running) {
            return;
        }
        let params = notification.params;
        match notification.method.as_str() {
            "initialized" => {
                if let Some(start) = self.start.clone() {
                    self.ensure_engine(&start);
                }
                self.register_watchers();
            }
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(params) {
                    self.open(&p.text_document.uri, p.text_document.text);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(params) {
                    self.change(&p.text_document.uri, p.content_changes);
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(params) {
                    self.close(&p.text_document.uri);
                }
            }
            "workspace/didChangeWatchedFiles" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeWatchedFilesParams>(params) {
                    self.files_changed(&p.changes);
                }
            }
            // didSave, $/cancelRequest (handled per batch), $/setTrace and the rest: nothing
            // to do. Unknown notifications are ignored, as the protocol asks.
            _ => {}
        }
    }

    /// Starts loading the newsroom around `start` unless one is loaded or loading.
    fn ensure_engine(&mut self, start: &Path) {
        if self.engine.is_some() || self.loading {
            return;
        }
        let Ok(root) = copydesk::find_root(start) else {
            return;
        };
        if self
            .config_problems
            .as_ref()
            .is_some_and(|problems| problems.path != root.join(CONFIG_FILE))
        {
            return;
        }
        self.start_load(root);
    }

    /// Loads the newsroom at `root` afresh on a worker thread (the configuration and the
    /// authors read again, every article's facts from the index or linted): the loop goes
    /// on answering with the newsroom it has until [`Server::loaded`] takes the result. A
    /// load asked for later makes this one's result stale.
    fn start_load(&mut self, root: PathBuf) {
        self.generation += 1;
        self.loading = true;
        let generation = self.generation;
        let now = self.now();
        let sender = self.loads.0.clone();
        std::thread::spawn(move || {
            let config_path = root.join(CONFIG_FILE);
            let result = match Config::load(&config_path) {
                Ok(config) => Engine::load_with(root, config, now).map_err(|error| {
                    LoadFailure::Other(format!("cannot load the newsroom: {error}"))
                }),
                Err(error) => Err(LoadFailure::Config(ConfigProblems::from_error(
                    config_path,
                    &error,
                ))),
            };
            // The loop has gone when this fails: nobody needs the result.
            let _ = sender.send(Loaded { generation, result });
        });
    }

    /// Takes a newsroom the worker loaded, unless a later load was asked for since.
    fn loaded(&mut self, loaded: Loaded) {
        if loaded.generation != self.generation {
            return;
        }
        self.loading = false;
        match loaded.result {
            Ok(mut engine) => {
                for path in std::mem::take(&mut self.pending) {
                    if let Err(error) = engine.article_changed(&path) {
                        self.log(&format!("cannot read the articles again: {error}"));
                    }
                }
                self.engine = Some(engine);
                self.config_problems = None;
            }
            // The last good newsroom stays in use.
            Err(LoadFailure::Config(problems)) => self.config_problems = Some(problems),
            Err(LoadFailure::Other(message)) => self.log(&message),
        }
        self.pending.clear();
        self.dirty = true;
    }

    fn log(&self, message: &str) {
        self.notify::<lsp::notification::LogMessage>(lsp::LogMessageParams {
            typ: lsp::MessageType::WARNING,
            message: message.to_string(),
        });
    }

    /// Asks the client to tell us about changes to the newsroom's files.
    fn register_watchers(&mut self) {
        if !self.watch_registration {
            return;
        }
        let globs = match &self.engine {
            Some(engine) => {
                let config = engine.config();
                vec![
                    format!(
                        "**/{}/**/*.{{md,markdown}}",
                        config.paths.articles.display()
                    ),
                    format!("**/{}/*.toml", config.paths.authors.display()),
                    // The accept list, style files and dictionaries are part of the
                    // configuration.
                    format!("**/{}", copydesk::style::ACCEPT_FILE),
                    "**/styles/*.toml".into(),
                    format!("**/{}/*.{{aff,dic}}", copydesk::style::NEWSROOM_DIR),
                ]
            }
            None => vec!["**/*.{md,markdown}".into(), "**/*.toml".into()],
        };
        let mut watchers: Vec<lsp::FileSystemWatcher> = globs
            .into_iter()
            .map(|glob| lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(glob),
                kind: None,
            })
            .collect();
        watchers.push(lsp::FileSystemWatcher {
            glob_pattern: lsp::GlobPattern::String(format!("**/{CONFIG_FILE}")),
            kind: None,
        });
        let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = lsp::Registration {
            id: "copydesk-newsroom-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        };
        self.next_id += 1;
        self.send(Request::new(
            RequestId::from(format!("copydesk-{}", self.next_id)),
            "client/registerCapability".into(),
            lsp::RegistrationParams {
                registrations: vec![registration],
            },
        ));
    }

    fn open(&mut self, uri: &lsp::Uri, text: String) {
        let Some(path) = uri_to_path(uri) else {
            return;
        };
        self.ensure_engine(&path);
        self.docs.insert(
            uri.as_str().to_string(),
            Document {
                path,
                text: Arc::from(text),
            },
        );
        self.dirty = true;
    }

    fn change(&mut self, uri: &lsp::Uri, changes: Vec<lsp::TextDocumentContentChangeEvent>) {
        let encoding = self.encoding;
        let Some(doc) = self.docs.get_mut(uri.as_str()) else {
            return;
        };
        let mut text = doc.text.to_string();
        for change in changes {
            match change.range {
                Some(range) => {
                    let positions = Positions::new(&text, encoding);
                    let start = positions.offset(range.start);
                    let end = positions.offset(range.end).max(start);
                    text.replace_range(start..end, &change.text);
                }
                None => text = change.text,
            }
        }
        doc.text = Arc::from(text);
        self.dirty = true;
    }

    fn close(&mut self, uri: &lsp::Uri) {
        if let Some(doc) = self.docs.remove(uri.as_str()) {
            if let Some(engine) = &mut self.engine {
                engine.close(&doc.path);
            }
            self.published.remove(uri.as_str());
            self.notify::<lsp::notification::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics: Vec::new(),
                version: None,
            });
            // Other buffers' corpus findings may have depended on this one's unsaved text.
            self.dirty = true;
        }
    }

    /// Brings the newsroom up to date with files changed on disk: an article is read again
    /// on the loop (one file), while an author file or `copydesk.toml` loads the newsroom
    /// again on the worker thread.
    fn files_changed(&mut self, changes: &[lsp::FileEvent]) {
        let mut reload = false;
        for change in changes {
            let Some(path) = uri_to_path(&change.uri) else {
                continue;
            };
            let Some(engine) = &mut self.engine else {
                // No newsroom yet: a `copydesk.toml` appearing or fixed may make one.
                reload |= path.file_name().is_some_and(|name| name == CONFIG_FILE);
                continue;
            };
            match engine.kind_of(&path) {
                FileKind::Config | FileKind::Author => reload = true,
                FileKind::Article | FileKind::ArticlesTree => {
                    if let Err(error) = engine.article_changed(&path) {
                        self.log(&format!("cannot read the articles again: {error}"));
                    }
                    if self.loading {
                        self.pending.push(path);
                    }
                }
                _ => {}
            }
        }
        if reload {
            let root = match (&self.engine, &self.config_problems, &self.start) {
                (Some(engine), _, _) => Some(engine.root().to_path_buf()),
                (None, Some(problems), _) => problems.path.parent().map(Path::to_path_buf),
                (None, None, Some(start)) => copydesk::find_root(start).ok(),
                (None, None, None) => None,
            };
            if let Some(root) = root {
                // The new newsroom publishes when it arrives: publishing now would show
                // findings of the settings being replaced.
                self.start_load(root);
                return;
            }
        }
        self.dirty = true;
    }

    /// The open buffers, by path.
    fn overlay(&self) -> Overlay {
        let mut overlay = Overlay::new();
        for doc in self.docs.values() {
            overlay.insert(doc.path.clone(), Arc::clone(&doc.text));
        }
        overlay
    }

    /// The copydesk diagnostics of every open document, linted together.
    fn lint_open(&mut self) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
        let now = self.now();
        let overlay = self.overlay();
        match &mut self.engine {
            Some(engine) => engine.diagnostics(&overlay, now),
            None => BTreeMap::new(),
        }
    }

    /// Publishes the diagnostics of every open document if anything changed since the last
    /// time.
    fn publish(&mut self) {
        if !self.dirty || !matches!(self.state, State::Running) {
            return;
        }
        // Nothing to lint with until the first newsroom arrives; then everything is.
        if self.engine.is_none() && self.loading {
            return;
        }
        self.dirty = false;
        let mut by_path = self.lint_open();
        let config_path = self.config_path();
        let uris: Vec<(String, PathBuf, Arc<str>)> = self
            .docs
            .iter()
            .map(|(uri, doc)| (uri.clone(), doc.path.clone(), Arc::clone(&doc.text)))
            .collect();
        let mut config_done = false;
        for (uri, path, text) in uris {
            let diagnostics = by_path.remove(&path).unwrap_or_default();
            let positions = Positions::new(&text, self.encoding);
            let mut lsp_diagnostics: Vec<lsp::Diagnostic> = diagnostics
                .iter()
                .map(|d| self.to_lsp(d, &positions))
                .collect();
            if config_path.as_deref() == Some(path.as_path()) {
                // The buffer, not the file on disk: problems show while typing.
                let problems = match Config::parse(&path, &text) {
                    Ok(_) => None,
                    Err(error) => Some(ConfigProblems::from_error(path.clone(), &error)),
                };
                if let Some(problems) = problems {
                    lsp_diagnostics.extend(config_diagnostics(&problems, &positions));
                }
                config_done = true;
            }
            self.published.insert(
                uri.clone(),
                Published {
                    text: Arc::clone(&text),
                    diagnostics,
                },
            );
            let Ok(uri) = uri.parse::<lsp::Uri>() else {
                continue;
            };
            self.notify::<lsp::notification::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
                uri,
                diagnostics: lsp_diagnostics,
                version: None,
            });
        }
        if !config_done {
            self.publish_config_problems();
        }
    }

    /// Shows why `copydesk.toml` does not load, on that file, when it is not open (an open
    /// one is linted as a buffer); clears that once it loads again.
    fn publish_config_problems(&mut self) {
        let (path, diagnostics) = match &self.config_problems {
            Some(problems) => {
                let text = std::fs::read(&problems.path)
                    .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                    .unwrap_or_default();
                let positions = Positions::new(&text, self.encoding);
                (
                    problems.path.clone(),
                    config_diagnostics(problems, &positions),
                )
            }
            None if self.config_published => match self.config_path() {
                Some(path) => (path, Vec::new()),
                None => return,
            },
            None => return,
        };
        self.config_published = !diagnostics.is_empty();
        if let Some(uri) = path_to_uri(&path) {
            self.notify::<lsp::notification::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: None,
            });
        }
    }

    fn config_path(&self) -> Option<PathBuf> {
        match (&self.engine, &self.config_problems) {
            (_, Some(problems)) => Some(problems.path.clone()),
            (Some(engine), None) => Some(engine.config_path()),
            (None, None) => None,
        }
    }

    /// The text of `path` as the editor or the disk has it.
    fn text_of(&self, path: &Path) -> Option<Arc<str>> {
        if let Some(doc) = self.docs.values().find(|doc| doc.path == path) {
            return Some(Arc::clone(&doc.text));
        }
        let bytes = std::fs::read(path).ok()?;
        Some(Arc::from(String::from_utf8_lossy(&bytes).as_ref()))
    }

    fn to_lsp(&self, diagnostic: &Diagnostic, positions: &Positions<'_>) -> lsp::Diagnostic {
        let related: Vec<lsp::DiagnosticRelatedInformation> = diagnostic
            .related
            .iter()
            .filter_map(|related| {
                let uri = path_to_uri(&related.path)?;
                let position = match self.text_of(&related.path) {
                    Some(text) => {
                        Positions::new(&text, self.encoding).position_of(related.position)
                    }
                    None => lsp::Position::new(
                        related.position.line.saturating_sub(1) as u32,
                        related.position.column.saturating_sub(1) as u32,
                    ),
                };
                Some(lsp::DiagnosticRelatedInformation {
                    location: lsp::Location::new(uri, lsp::Range::new(position, position)),
                    message: related.message.clone(),
                })
            })
            .collect();
        let code = diagnostic.code.as_str();
        lsp::Diagnostic {
            range: positions.range(diagnostic.span),
            severity: Some(match diagnostic.severity {
                Severity::Error => lsp::DiagnosticSeverity::ERROR,
                Severity::Warning => lsp::DiagnosticSeverity::WARNING,
                Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
            }),
            code: Some(lsp::NumberOrString::String(code.to_string())),
            code_description: format!("{RULE_DOCS_URL}{}", code.to_ascii_lowercase())
                .parse()
                .ok()
                .map(|href| lsp::CodeDescription { href }),
            source: Some("copydesk".into()),
            message: match &diagnostic.help {
                Some(help) => format!("{} ({})\nhelp: {help}", diagnostic.message, diagnostic.name),
                None => format!("{} ({})", diagnostic.message, diagnostic.name),
            },
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        }
    }

    /// The document at `uri`, or an error response for one never opened.
    fn document(&self, uri: &lsp::Uri) -> Result<&Document, RequestError> {
        self.docs.get(uri.as_str()).ok_or_else(|| {
            (
                ErrorCode::InvalidParams,
                format!("`{}` is not open", uri.as_str()),
            )
        })
    }

    /// The copydesk diagnostics of the document at `uri` for its current text.
    fn current_diagnostics(&mut self, uri: &lsp::Uri) -> Vec<Diagnostic> {
        let Some(doc) = self.docs.get(uri.as_str()) else {
            return Vec::new();
        };
        if let Some(published) = self.published.get(uri.as_str())
            && Arc::ptr_eq(&published.text, &doc.text)
        {
            return published.diagnostics.clone();
        }
        let path = doc.path.clone();
        self.lint_open().remove(&path).unwrap_or_default()
    }

    #[allow(
        clippy::needless_pass_by_value,
        reason = "every handler takes its params by value through `with_params`"
    )]
    fn code_action(
        &mut self,
        params: lsp::CodeActionParams,
    ) -> Result<Vec<lsp::CodeActionOrCommand>, RequestError> {
        let uri = params.text_document.uri.clone();
        let doc = self.document(&uri)?;
        let (path, text) = (doc.path.clone(), Arc::clone(&doc.text));
        let diagnostics = self.current_diagnostics(&uri);
        let positions = Positions::new(&text, self.encoding);
        let mut actions = action::quick_fixes(
            &uri,
            &path,
            &text,
            &positions,
            &diagnostics,
            &params,
            |d, p| self.to_lsp(d, p),
        );
        if let Some(engine) = &self.engine {
            let accept_file = engine.root().join(copydesk::style::ACCEPT_FILE);
            actions.extend(action::accept_words(
                &accept_file,
                &text,
                &positions,
                self.encoding,
                &diagnostics,
                &params,
                |d, p| self.to_lsp(d, p),
            ));
        }
        if action::wants_fix_all(params.context.only.as_deref()) {
            let now = self.now();
            let overlay = self.overlay();
            if let Some(engine) = &mut self.engine
                && let Some(fixed) = engine.fix_all(&overlay, &path, now)
            {
                actions.push(action::fix_all(&uri, &positions, &text, fixed));
            }
        }
        Ok(actions)
    }

    fn hover(&mut self, params: lsp::HoverParams) -> Result<Option<lsp::Hover>, RequestError> {
        let at = params.text_document_position_params;
        let doc = self.document(&at.text_document.uri)?;
        let (path, text) = (doc.path.clone(), Arc::clone(&doc.text));
        let positions = Positions::new(&text, self.encoding);
        let offset = positions.offset(at.position);
        let diagnostics = self.current_diagnostics(&at.text_document.uri);
        Ok(navigate::hover(
            self.engine.as_mut(),
            &path,
            &text,
            &positions,
            offset,
            &diagnostics,
        ))
    }

    fn definition(
        &mut self,
        params: lsp::GotoDefinitionParams,
    ) -> Result<Option<lsp::GotoDefinitionResponse>, RequestError> {
        let at = params.text_document_position_params;
        let doc = self.document(&at.text_document.uri)?;
        let (path, text) = (doc.path.clone(), Arc::clone(&doc.text));
        let positions = Positions::new(&text, self.encoding);
        let offset = positions.offset(at.position);
        let target = navigate::definition(self.engine.as_mut(), &path, &text, offset);
        Ok(target.and_then(|target| {
            let target_text = self.text_of(&target.path).unwrap_or_default();
            let range = Positions::new(&target_text, self.encoding).range(target.span);
            let uri = path_to_uri(&target.path)?;
            Some(lsp::GotoDefinitionResponse::Scalar(lsp::Location::new(
                uri, range,
            )))
        }))
    }

    #[allow(
        clippy::needless_pass_by_value,
        reason = "every handler takes its params by value through `with_params`"
    )]
    fn symbols(
        &mut self,
        params: lsp::DocumentSymbolParams,
    ) -> Result<lsp::DocumentSymbolResponse, RequestError> {
        let doc = self.document(&params.text_document.uri)?;
        let positions = Positions::new(&doc.text, self.encoding);
        Ok(lsp::DocumentSymbolResponse::Nested(navigate::symbols(
            &doc.path, &doc.text, &positions,
        )))
    }

    fn completion(
        &mut self,
        params: lsp::CompletionParams,
    ) -> Result<Option<lsp::CompletionResponse>, RequestError> {
        let at = params.text_document_position;
        let doc = self.document(&at.text_document.uri)?;
        let (path, text) = (doc.path.clone(), Arc::clone(&doc.text));
        let positions = Positions::new(&text, self.encoding);
        let offset = positions.offset(at.position);
        let items = navigate::completion(self.engine.as_mut(), &path, &text, offset);
        Ok(Some(lsp::CompletionResponse::Array(items)))
    }
}

type RequestError = (ErrorCode, String);

/// What the server offers.
fn capabilities(encoding: Encoding) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
            lsp::TextDocumentSyncKind::INCREMENTAL,
        )),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    action::FIX_ALL.clone(),
                ]),
                ..lsp::CodeActionOptions::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![":".into(), "\"".into(), "=".into()]),
            ..lsp::CompletionOptions::default()
        }),
        ..lsp::ServerCapabilities::default()
    }
}

/// A `copydesk.toml` that does not load, as LSP diagnostics on it.
fn config_diagnostics(
    problems: &ConfigProblems,
    positions: &Positions<'_>,
) -> Vec<lsp::Diagnostic> {
    let mut out: Vec<lsp::Diagnostic> = problems
        .problems
        .iter()
        .map(|problem| lsp::Diagnostic {
            range: positions.range(problem.span),
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            source: Some("copydesk".into()),
            message: match &problem.help {
                Some(help) => format!("{}\nhelp: {help}", problem.message),
                None => problem.message.clone(),
            },
            ..lsp::Diagnostic::default()
        })
        .collect();
    if let Some(message) = &problems.message {
        out.push(lsp::Diagnostic {
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            source: Some("copydesk".into()),
            message: message.clone(),
            ..lsp::Diagnostic::default()
        });
    }
    if !out.is_empty() {
        // Say what the server does about it, once.
        out[0]
            .message
            .push_str("\n(copydesk keeps using the last valid configuration)");
    }
    out
}

/// The absolute, normalised path of a `file:` URI.
fn uri_to_path(uri: &lsp::Uri) -> Option<PathBuf> {
    let url = url::Url::parse(uri.as_str()).ok()?;
    let path = url.to_file_path().ok()?;
    Some(copydesk::fs::normalize(&path))
}

fn path_to_uri(path: &Path) -> Option<lsp::Uri> {
    let url = url::Url::from_file_path(path).ok()?;
    url.as_str().parse().ok()
}
