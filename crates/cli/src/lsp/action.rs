//! Code actions: each diagnostic's safe fix, "suppress on this line", "ignore in this
//! article", "add WORD to the newsroom's accepted words" (SP001), and
//! `source.fixAll.copydesk`.
//!
//! Every action is an edit for the editor to apply; the server never writes a file.

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use copydesk::{Applicability, Article, Diagnostic};
use lsp_types as lsp;

use super::position::{Encoding, Positions};

/// The kind of the action that applies every safe fix, as `copydesk lint --fix` does.
pub(crate) static FIX_ALL: LazyLock<lsp::CodeActionKind> =
    LazyLock::new(|| lsp::CodeActionKind::new("source.fixAll.copydesk"));

/// Whether the client asked for (or did not restrict away) the fix-all action.
pub(crate) fn wants_fix_all(only: Option<&[lsp::CodeActionKind]>) -> bool {
    only.is_none_or(|kinds| {
        kinds.iter().any(|kind| {
            let kind = kind.as_str();
            FIX_ALL.as_str().starts_with(kind)
        })
    })
}

fn wants(only: Option<&[lsp::CodeActionKind]>, kind: &lsp::CodeActionKind) -> bool {
    only.is_none_or(|kinds| kinds.iter().any(|k| kind.as_str().starts_with(k.as_str())))
}

/// The diagnostics a quick-fix request is about: those touching its range (overlapping it, or
/// the cursor on either end of a span); none when the client asked for other kinds of action.
fn touched_by_quick_fix<'d>(
    positions: &Positions<'_>,
    diagnostics: &'d [Diagnostic],
    params: &lsp::CodeActionParams,
) -> Vec<&'d Diagnostic> {
    if !wants(
        params.context.only.as_deref(),
        &lsp::CodeActionKind::QUICKFIX,
    ) {
        return Vec::new();
    }
    let start = positions.offset(params.range.start);
    let end = positions.offset(params.range.end);
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.span.start <= end && diagnostic.span.end >= start)
        .collect()
}

/// The quick fixes for the diagnostics that touch the requested range.
pub(crate) fn quick_fixes(
    uri: &lsp::Uri,
    path: &Path,
    text: &str,
    positions: &Positions<'_>,
    diagnostics: &[Diagnostic],
    params: &lsp::CodeActionParams,
    to_lsp: impl Fn(&Diagnostic, &Positions<'_>) -> lsp::Diagnostic,
) -> Vec<lsp::CodeActionOrCommand> {
    let touched = touched_by_quick_fix(positions, diagnostics, params);
    if touched.is_empty() {
        return Vec::new();
    }
    let article = Article::parse(path, text).article;
    let mut actions = Vec::new();
    for diagnostic in touched {
        let span = diagnostic.span;
        let shown = to_lsp(diagnostic, positions);
        let code = diagnostic.code.as_str();
        if let Some(fix) = &diagnostic.fix
            && fix.applicability == Applicability::Safe
        {
            let edits = fix
                .edits
                .iter()
                .map(|edit| {
                    lsp::TextEdit::new(positions.range(edit.span), edit.replacement.clone())
                })
                .collect();
            actions.push(action(
                format!("{} ({code})", fix.title),
                lsp::CodeActionKind::QUICKFIX,
                &shown,
                uri,
                edits,
                true,
            ));
        }
        let Some(article) = &article else {
            continue;
        };
        if span.start >= article.layout.body.start {
            let body_start = article.layout.body.start;
            let edit = suppress_on_line(text, body_start, positions, span.start, code);
            actions.push(action(
                format!("Suppress {code} on this line"),
                lsp::CodeActionKind::QUICKFIX,
                &shown,
                uri,
                vec![edit],
                false,
            ));
        }
        if let Some(edit) = ignore_in_article(article, text, positions, code) {
            actions.push(action(
                format!("Ignore {code} in this article"),
                lsp::CodeActionKind::QUICKFIX,
                &shown,
                uri,
                vec![edit],
                false,
            ));
        }
    }
    actions
}

/// "Add WORD to the newsroom's accepted words" for each misspelling (SP001) that touches the
/// requested range: an edit of `accept_file` (`styles/accept.txt`) appending the word, or,
/// when the file does not exist yet, creating it with the word. The file is read from disk:
/// the action is offered again only while the word is not listed there.
#[allow(
    clippy::too_many_arguments,
    reason = "the same inputs as the other quick fixes, plus the accept list"
)]
pub(crate) fn accept_words(
    accept_file: &Path,
    text: &str,
    positions: &Positions<'_>,
    encoding: Encoding,
    diagnostics: &[Diagnostic],
    params: &lsp::CodeActionParams,
    to_lsp: impl Fn(&Diagnostic, &Positions<'_>) -> lsp::Diagnostic,
) -> Vec<lsp::CodeActionOrCommand> {
    let touched: Vec<&Diagnostic> = touched_by_quick_fix(positions, diagnostics, params)
        .into_iter()
        .filter(|diagnostic| diagnostic.code.as_str() == "SP001")
        .collect();
    if touched.is_empty() {
        return Vec::new();
    }
    let Some(uri) = super::path_to_uri(accept_file) else {
        return Vec::new();
    };
    let listed = match std::fs::read_to_string(accept_file) {
        Ok(current) => Some(current),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        // Unreadable: an edit of it could not be placed.
        Err(_) => return Vec::new(),
    };
    let mut offered = Vec::new();
    let mut actions = Vec::new();
    for diagnostic in touched {
        let span = diagnostic.span;
        // The finding covers the unknown word (the one without a dictionary covers nothing).
        let Some(word) = text.get(span.start..span.end) else {
            continue;
        };
        let is_listed = |list: &str| list.lines().any(|line| line.trim() == word);
        if word.is_empty()
            || word.contains(char::is_whitespace)
            || offered.contains(&word)
            || listed.as_deref().is_some_and(is_listed)
        {
            continue;
        }
        offered.push(word);
        let edit = match &listed {
            Some(current) => {
                let at = Positions::new(current, encoding).position(current.len());
                let lead = if current.is_empty() || current.ends_with('\n') {
                    ""
                } else {
                    "\n"
                };
                lsp::WorkspaceEdit {
                    changes: Some(HashMap::from([(
                        uri.clone(),
                        vec![lsp::TextEdit::new(
                            lsp::Range::new(at, at),
                            format!("{lead}{word}\n"),
                        )],
                    )])),
                    ..lsp::WorkspaceEdit::default()
                }
            }
            None => new_accept_file(&uri, word),
        };
        actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title: format!("Add `{word}` to the newsroom's accepted words"),
            kind: Some(lsp::CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![to_lsp(diagnostic, positions)]),
            edit: Some(edit),
            ..lsp::CodeAction::default()
        }));
    }
    actions
}

/// The edit that creates the accept list at `uri` holding `word`.
fn new_accept_file(uri: &lsp::Uri, word: &str) -> lsp::WorkspaceEdit {
    let start = lsp::Position::new(0, 0);
    lsp::WorkspaceEdit {
        document_changes: Some(lsp::DocumentChanges::Operations(vec![
            lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(lsp::CreateFile {
                uri: uri.clone(),
                options: Some(lsp::CreateFileOptions {
                    overwrite: Some(false),
                    ignore_if_exists: Some(true),
                }),
                annotation_id: None,
            })),
            lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: None,
                },
                edits: vec![lsp::OneOf::Left(lsp::TextEdit::new(
                    lsp::Range::new(start, start),
                    format!("# Words spelling (SP001) accepts, one a line.\n{word}\n"),
                ))],
            }),
        ])),
        ..lsp::WorkspaceEdit::default()
    }
}

fn action(
    title: String,
    kind: lsp::CodeActionKind,
    diagnostic: &lsp::Diagnostic,
    uri: &lsp::Uri,
    edits: Vec<lsp::TextEdit>,
    preferred: bool,
) -> lsp::CodeActionOrCommand {
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title,
        kind: Some(kind),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..lsp::WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..lsp::CodeAction::default()
    })
}

/// The edit that suppresses `code` on the line at `offset` of the body (which starts at
/// `body_start`) with `<!-- copydesk-disable-next-line CODE -->`, placed so the Markdown keeps
/// its blocks: on a line of its own above the line, indented like it, when the line starts a
/// block; at the end of the line before it when the line continues a paragraph, where a
/// comment on a line of its own would end the paragraph there and split it in two (an HTML
/// comment starts a block that may interrupt a paragraph).
fn suppress_on_line(
    text: &str,
    body_start: usize,
    positions: &Positions<'_>,
    offset: usize,
    code: &str,
) -> lsp::TextEdit {
    let (line, start) = positions.line_of(offset);
    let comment = format!("<!-- copydesk-disable-next-line {code} -->");
    if continues_paragraph(text, body_start, line) {
        let (previous, previous_start) = positions.line_of(start - 1);
        let content = &text[previous_start..positions.line_end(previous)];
        // Before trailing spaces, so a hard line break (two spaces) stays one.
        let at = positions.position(previous_start + content.trim_end().len());
        return lsp::TextEdit::new(lsp::Range::new(at, at), format!(" {comment}"));
    }
    let content = &text[start..positions.line_end(line)];
    let indent: String = content
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let newline =
        if text[start..].contains("\r\n") && text[positions.line_end(line)..].starts_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
    let at = positions.position(start);
    lsp::TextEdit::new(
        lsp::Range::new(at, at),
        format!("{indent}{comment}{newline}"),
    )
}

/// Whether the file line `line` (0-based) is a paragraph's second line or later.
fn continues_paragraph(text: &str, body_start: usize, line: usize) -> bool {
    use comrak::nodes::NodeValue;
    let (Some(head), Some(body)) = (text.get(..body_start), text.get(body_start..)) else {
        return false;
    };
    let first_line = head.matches('\n').count();
    let Some(line) = (line + 1).checked_sub(first_line) else {
        return false;
    };
    let arena = comrak::Arena::new();
    let root = copydesk::markdown::parse(&arena, body);
    root.descendants().any(|node| {
        let data = node.data.borrow();
        matches!(data.value, NodeValue::Paragraph)
            && data.sourcepos.start.line < line
            && line <= data.sourcepos.end.line
    })
}

/// Adds `CODE` to the front matter's `[lint] ignore`, creating the list (or the table) when
/// the article has none. `None` when the code is already listed.
fn ignore_in_article(
    article: &Article,
    text: &str,
    positions: &Positions<'_>,
    code: &str,
) -> Option<lsp::TextEdit> {
    if article.lint_ignore.iter().any(|c| c == code) {
        return None;
    }
    let quoted = format!("\"{code}\"");
    if let Some(span) = article.spans.value("lint.ignore") {
        let written = text.get(span.start..span.end)?;
        let close = span.start + written.rfind(']')?;
        let inner = written[1..written.rfind(']')?].trim_end();
        let insert = if inner.trim().is_empty() {
            quoted
        } else if inner.ends_with(',') {
            format!(" {quoted}")
        } else {
            format!(", {quoted}")
        };
        // After the last item, before any trailing space or newline inside the brackets.
        let at = span.start + 1 + inner.len();
        let at = at.min(close);
        let position = positions.position(at);
        return Some(lsp::TextEdit::new(
            lsp::Range::new(position, position),
            insert,
        ));
    }
    let front = article.layout.front_matter;
    let toml = text.get(front.start..front.end)?;
    let newline = if toml.contains("\r\n") { "\r\n" } else { "\n" };
    // An existing `[lint]` table: add the key right under its header.
    let mut line_start = front.start;
    for line in toml.split_inclusive('\n') {
        if line.trim() == "[lint]" {
            let position = positions.position(line_start + line.len());
            return Some(lsp::TextEdit::new(
                lsp::Range::new(position, position),
                format!("ignore = [{quoted}]{newline}"),
            ));
        }
        line_start += line.len();
    }
    // Otherwise a new table at the end of the front matter, where it cannot capture keys.
    let end = article.layout.close_delimiter.start;
    let lead = if text[..end].ends_with('\n') {
        ""
    } else {
        newline
    };
    let position = positions.position(end);
    Some(lsp::TextEdit::new(
        lsp::Range::new(position, position),
        format!("{lead}[lint]{newline}ignore = [{quoted}]{newline}"),
    ))
}

/// The fix-all action: one edit replacing the document with the fixed text.
pub(crate) fn fix_all(
    uri: &lsp::Uri,
    positions: &Positions<'_>,
    text: &str,
    fixed: String,
) -> lsp::CodeActionOrCommand {
    let range = lsp::Range::new(lsp::Position::new(0, 0), positions.position(text.len()));
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: "Fix all safely fixable copydesk problems".into(),
        kind: Some(FIX_ALL.clone()),
        edit: Some(lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(
                uri.clone(),
                vec![lsp::TextEdit::new(range, fixed)],
            )])),
            ..lsp::WorkspaceEdit::default()
        }),
        ..lsp::CodeAction::default()
    })
}
