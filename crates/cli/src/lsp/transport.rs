//! JSON-RPC over stdio: `Content-Length` framing on two threads, one reading stdin and one
//! writing stdout, talking to the main loop over channels.
//!
//! `lsp-server` has a stdio transport, but its reader thread stops at the first message that
//! is not valid JSON, which would end the server on one bad write from a client. This reader
//! answers such a message with a JSON-RPC parse error and reads on; only a broken header
//! (the stream can no longer be split into messages) or the end of stdin ends it.

use std::io::{self, BufRead, Write as _};
use std::thread;

use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{ErrorCode, Message};
use serde_json::Value;

/// What the writer thread writes.
pub(crate) enum Outgoing {
    Message(Message),
    /// An error response to a message that could not be read, whose `id` may be `null` (which
    /// `lsp_server::Response` cannot hold).
    Unreadable {
        id: Value,
        code: ErrorCode,
        message: String,
    },
}

impl From<Message> for Outgoing {
    fn from(message: Message) -> Self {
        Outgoing::Message(message)
    }
}

/// The two channels of a connection, and the threads behind them.
pub(crate) struct Transport {
    pub(crate) sender: Sender<Outgoing>,
    pub(crate) receiver: Receiver<Message>,
    writer: thread::JoinHandle<()>,
}

/// The largest message accepted: a 10 MB article with JSON escaping stays well under it.
const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;

impl Transport {
    pub(crate) fn stdio() -> Transport {
        let (to_writer, from_main) = unbounded::<Outgoing>();
        let (to_main, receiver) = unbounded::<Message>();
        let writer = thread::spawn(move || {
            let stdout = io::stdout();
            let mut out = stdout.lock();
            for outgoing in from_main {
                if write(&mut out, outgoing).is_err() {
                    // The client went away: nothing left to say to anyone.
                    break;
                }
            }
            let _ = out.flush();
        });
        let errors = to_writer.clone();
        thread::spawn(move || {
            let stdin = io::stdin();
            read_messages(&mut stdin.lock(), &to_main, &errors);
        });
        Transport {
            sender: to_writer,
            receiver,
            writer,
        }
    }

    /// Waits until every queued message was written.
    pub(crate) fn finish(self) {
        drop(self.sender);
        drop(self.receiver);
        let _ = self.writer.join();
    }
}

fn write(out: &mut impl io::Write, outgoing: Outgoing) -> io::Result<()> {
    match outgoing {
        Outgoing::Message(message) => message.write(out),
        Outgoing::Unreadable { id, code, message } => {
            let body = serde_json::json!({
                "jsonrpc": "2.0",
                "id": id,
                "error": { "code": code as i32, "message": message },
            })
            .to_string();
            write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
            out.flush()
        }
    }
}

/// Reads framed messages until stdin ends, the main loop hangs up, `exit` arrives or the
/// framing breaks. A body that is not a JSON-RPC message is answered with an error response.
fn read_messages(input: &mut impl BufRead, to_main: &Sender<Message>, errors: &Sender<Outgoing>) {
    loop {
        let Ok(Some(body)) = read_body(input) else {
            return;
        };
        let message = match serde_json::from_slice::<Value>(&body) {
            Err(error) => Err((ErrorCode::ParseError, error.to_string(), Value::Null)),
            Ok(value) => {
                let id = value.get("id").cloned().unwrap_or(Value::Null);
                // Without this check any object with an `id` would read as a response (its
                // `result` and `error` are optional) and be dropped unanswered.
                let is_message = value.get("method").is_some()
                    || value.get("result").is_some()
                    || value.get("error").is_some();
                if is_message {
                    serde_json::from_value::<Message>(value)
                        .map_err(|error| (ErrorCode::InvalidRequest, error.to_string(), id))
                } else {
                    Err((
                        ErrorCode::InvalidRequest,
                        "neither a request, a notification nor a response".into(),
                        id,
                    ))
                }
            }
        };
        match message {
            Ok(message) => {
                let is_exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if to_main.send(message).is_err() || is_exit {
                    return;
                }
            }
            Err((code, text, id)) => {
                // The id of a request we could not read is echoed when it had one (JSON-RPC
                // 2.0, section 5); `null` otherwise.
                let _ = errors.send(Outgoing::Unreadable {
                    id,
                    code,
                    message: format!("invalid message: {text}"),
                });
            }
        }
    }
}

/// One message body, or `None` at the end of input.
fn read_body(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            // Blank lines between messages are tolerated.
            continue;
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "malformed header",
            ));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value: usize = value
                .trim()
                .parse()
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad length"))?;
            if value > MAX_MESSAGE_BYTES {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "message too large",
                ));
            }
            length = Some(value);
        }
    }
    let mut body = vec![0; length.unwrap_or_default()];
    input.read_exact(&mut body)?;
    Ok(Some(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_json_gets_a_parse_error_and_reading_goes_on() {
        let input = format!(
            "{}{}",
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
        );
        let (to_main, from_reader) = unbounded();
        let (errors, from_errors) = unbounded();
        read_messages(&mut input.as_bytes(), &to_main, &errors);
        let Outgoing::Unreadable { id, code, .. } = from_errors.try_recv().unwrap() else {
            panic!("expected an error response");
        };
        assert_eq!(
            (id, code as i32),
            (Value::Null, ErrorCode::ParseError as i32)
        );
        assert!(matches!(
            from_reader.try_recv(),
            Ok(Message::Notification(_))
        ));
    }
}
