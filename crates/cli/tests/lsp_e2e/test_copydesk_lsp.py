"""End to end: pytest-lsp, an independent LSP client, drives the real `copydesk lsp`.

Run by crates/cli/tests/lsp_e2e.rs, which passes the binary in COPYDESK_BIN. The client opens
an article of a temporary newsroom, receives its diagnostics, applies a code action and
follows a definition.
"""

import os
import pathlib
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

COPYDESK = os.environ.get("COPYDESK_BIN", "copydesk")
ROOT = pathlib.Path(tempfile.mkdtemp(prefix="copydesk-lsp-e2e-")).resolve()

CONFIG = """[site]
title = "Test Desk"
base_url = "https://news.example.com"

[desks.ai]
name = "AI"
"""

ARTICLE = """+++
title = "First"
dek = "A first article."
authors = ["maya-okafor"]
desk = "ai"
status = "draft"
+++

## Start

Read [the second one](article:second).

#### Deep
"""

SECOND = """+++
title = "Second"
dek = "The second article."
authors = ["maya-okafor"]
desk = "ai"
status = "draft"
+++

Body.
"""


def write(relative, text):
    path = ROOT / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


write("copydesk.toml", CONFIG)
write("authors/maya-okafor.toml", 'name = "Maya Okafor"\n')
FIRST = write("articles/2026/05/first.md", ARTICLE)
SECOND_PATH = write("articles/2026/05/second.md", SECOND)


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[COPYDESK, "lsp", "--now", "2026-06-01T00:00:00Z"]),
)
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=ROOT.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_diagnostics_code_action_and_definition(client: LanguageClient):
    uri = FIRST.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=ARTICLE
            )
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    diagnostics = client.diagnostics[uri]
    codes = sorted(d.code for d in diagnostics)
    assert codes == ["MD002", "MD004"], codes
    heading = next(d for d in diagnostics if d.code == "MD002")
    assert heading.range.start.line == 12

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=heading.range,
            context=types.CodeActionContext(diagnostics=[heading]),
        )
    )
    fix = next(a for a in actions if a.title.startswith("make it a level-3 heading"))
    edit = fix.edit.changes[uri][0]
    lines = ARTICLE.split("\n")
    line = lines[edit.range.start.line]
    lines[edit.range.start.line] = (
        line[: edit.range.start.character] + edit.new_text + line[edit.range.end.character :]
    )
    fixed = "\n".join(lines)
    assert "\n### Deep\n" in fixed
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert sorted(d.code for d in client.diagnostics[uri]) == ["MD004"]

    line = next(i for i, text in enumerate(fixed.split("\n")) if "article:second" in text)
    character = fixed.split("\n")[line].index("article:second") + 9
    target = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )
    assert target.uri == SECOND_PATH.as_uri()
