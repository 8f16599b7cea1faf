//! A minimal LSP client for the tests: spawns `copydesk lsp`, frames JSON-RPC over its
//! stdio, and keeps notifications until a test asks for them.

#![allow(dead_code, unreachable_pub)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use serde_json::{Value, json};

pub const NOW: &str = "2026-06-01T00:00:00Z";

/// How long to wait for one message before calling the server hung. Generous: the machines
/// running the tests are shared; this guards against a hang and asserts nothing about speed.
const PATIENCE: Duration = Duration::from_secs(120);

pub const CONFIG: &str = r#"[site]
title = "Test Desk"
base_url = "https://news.example.com"

[paths]
articles = "articles"
authors = "authors"

[desks.ai]
name = "AI"
"#;

/// The article the tests edit: an emoji and CJK before a link to a missing article (RF008),
/// a heading that skips a level (MD002, safely fixable) and an empty section (MD004).
pub const FIRST: &str = r#"+++
title = "First"
dek = "A first article for the language server tests."
authors = ["maya-okafor"]
desk = "ai"
tags = ["ai"]
status = "draft"

[[sources]]
id = "ms-2025"
title = "Microsoft and OpenAI evolve partnership"
url = "https://blogs.microsoft.com/blog/2025/01/21/microsoft-and-openai-evolve-partnership/"
publisher = "Microsoft"
published = 2025-01-21
+++

## Start

😀日本語 [Microsoft said](source:ms-2025) and [see](article:second) and [gone](article:third).

#### Deep
"#;

pub const SECOND: &str = "+++\ntitle = \"Second\"\ndek = \"The second article.\"\nauthors = [\"maya-okafor\"]\ndesk = \"ai\"\nstatus = \"draft\"\n+++\n\nBody of the second article.\n";

pub struct Newsroom {
    pub dir: tempfile::TempDir,
}

impl Newsroom {
    pub fn new() -> Self {
        let newsroom = Newsroom {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        newsroom.write("copydesk.toml", CONFIG);
        newsroom.write(
            "authors/maya-okafor.toml",
            "name = \"Maya Okafor\"\nbeat = \"AI\"\n",
        );
        newsroom.write("articles/2026/05/first.md", FIRST);
        newsroom.write("articles/2026/05/second.md", SECOND);
        newsroom
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().canonicalize().expect("root")
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    pub fn uri(&self, relative: &str) -> String {
        url::Url::from_file_path(self.path(relative))
            .expect("absolute")
            .to_string()
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).expect("read")
    }

    /// `copydesk` in the newsroom root.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
        command
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .args(args);
        command
    }
}

pub struct Client {
    pub child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    pending: VecDeque<Value>,
    next_id: i64,
    /// Whether positions are UTF-8 (else UTF-16).
    pub utf8: bool,
    pub initialize_result: Value,
}

impl Client {
    /// Starts `copydesk lsp` and initializes it for the newsroom at `root`.
    pub fn start(root: &Path, utf8: bool) -> Client {
        let mut client = Client::spawn();
        client.utf8 = utf8;
        let encodings = if utf8 {
            json!(["utf-8", "utf-16"])
        } else {
            json!(["utf-16"])
        };
        let root_uri = url::Url::from_file_path(root)
            .expect("absolute")
            .to_string();
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "capabilities": {
                    "general": { "positionEncodings": encodings },
                    "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
                }
            }),
        );
        client.initialize_result = result["result"].clone();
        client.notify("initialized", json!({}));
        client
    }

    /// Starts `copydesk lsp` without initializing it.
    pub fn spawn() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["lsp", "--now", NOW])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn copydesk lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            messages,
            pending: VecDeque::new(),
            next_id: 0,
            utf8: false,
            initialize_result: Value::Null,
        }
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to server");
        stdin.flush().expect("flush");
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).expect("json");
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.send_raw(framed.as_bytes());
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    #[allow(
        clippy::needless_pass_by_value,
        reason = "callers build the params inline"
    )]
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its whole response (`result` or `error`).
    #[allow(
        clippy::needless_pass_by_value,
        reason = "callers build the params inline"
    )]
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// The next message from the server matching `wanted`; others are kept for later.
    pub fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.pending.iter().position(&wanted) {
            return self.pending.remove(at).expect("present");
        }
        loop {
            match self.messages.recv_timeout(PATIENCE) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => self.pending.push_back(message),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("the server sent nothing expected; kept: {:?}", self.pending)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output; kept: {:?}", self.pending)
                }
            }
        }
    }

    /// The next diagnostics published for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        );
        self.diagnostics(uri)
    }

    /// Replaces the whole buffer and returns the diagnostics of the new text.
    pub fn replace(&mut self, uri: &str, version: i64, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
        self.diagnostics(uri)
    }

    /// Shuts the server down and returns its exit code.
    pub fn shutdown(mut self) -> Option<i32> {
        let response = self.request("shutdown", Value::Null);
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null);
        self.close_stdin();
        self.child.wait().expect("wait").code()
    }

    /// The LSP position of byte `offset` of `text` in this client's encoding.
    pub fn position(&self, text: &str, offset: usize) -> (u64, u64) {
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..offset].matches('\n').count();
        let prefix = &text[line_start..offset];
        let character = if self.utf8 {
            prefix.len()
        } else {
            prefix.encode_utf16().count()
        };
        (line as u64, character as u64)
    }

    /// The byte offset of an LSP position.
    pub fn offset(&self, text: &str, position: &Value) -> usize {
        let line = position["line"].as_u64().expect("line") as usize;
        let character = position["character"].as_u64().expect("character") as usize;
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (at, ch) in text[line_start..].char_indices() {
            if units >= character || ch == '\n' {
                return line_start + at;
            }
            units += if self.utf8 {
                ch.len_utf8()
            } else {
                ch.len_utf16()
            };
        }
        text.len()
    }

    /// Applies the edits a workspace edit makes to `uri` to `text`.
    pub fn apply(&self, text: &str, edit: &Value, uri: &str) -> String {
        let mut edits: Vec<(usize, usize, String)> = edit["changes"][uri]
            .as_array()
            .expect("edits for the document")
            .iter()
            .map(|e| {
                (
                    self.offset(text, &e["range"]["start"]),
                    self.offset(text, &e["range"]["end"]),
                    e["newText"].as_str().expect("newText").to_string(),
                )
            })
            .collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.0));
        let mut out = text.to_string();
        for (start, end, replacement) in edits {
            out.replace_range(start..end, &replacement);
        }
        out
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
