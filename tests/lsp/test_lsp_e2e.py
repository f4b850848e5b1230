"""End to end over stdio: a real server process, driven by pytest-lsp's client."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as t
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from conftest import SERVER

HUMAN = "".join(f"def handler_{i}(request):\n    return respond(request, code={i})\n\n" for i in range(20))
AI_ANSWER = '''def retry(func, attempts: int = 3, delay: float = 0.5):
    """Call func, retrying on any exception with exponential backoff."""
    import time

    for attempt in range(attempts):
        try:
            return func()
        except Exception:
            if attempt == attempts - 1:
                raise
            time.sleep(delay * 2**attempt)


# Example usage:
# result = retry(lambda: fetch("https://example.com"))
'''

WS_HOLDER: dict[str, Path] = {}


@pytest.fixture(autouse=True)
def _ws(workspace: Path):
    (workspace / "app.py").write_text(HUMAN)
    (workspace / "lib.py").write_text(
        "".join(f"def compute_{i}(values):\n    return sum(v * {i} for v in values)\n\n" for i in range(10))
    )
    WS_HOLDER["ws"] = workspace
    yield


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    @lsp_client.feature(t.CLIENT_REGISTER_CAPABILITY)
    def _register(params):
        return None

    lsp_client.set_configuration({"burstWindowMs": 30}, section="provmark")

    ws = WS_HOLDER["ws"]
    await lsp_client.initialize_session(
        t.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=ws.as_uri(),
            workspace_folders=[t.WorkspaceFolder(uri=ws.as_uri(), name="ws")],
        )
    )
    yield
    await lsp_client.shutdown_session()


def open_doc(client: LanguageClient, path: Path) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        t.DidOpenTextDocumentParams(t.TextDocumentItem(uri=uri, language_id="python", version=1, text=path.read_text()))
    )
    return uri


def insert(client: LanguageClient, uri: str, version: int, line: int, text: str, character: int = 0) -> None:
    """textDocument/didChange: `text` typed or pasted at (line, character)."""
    at = t.Position(line, character)
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[t.TextDocumentContentChangePartial(range=t.Range(at, at), text=text)],
        )
    )


async def wait_for(client: LanguageClient, uri: str, pred, timeout: float = 5.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        diags = client.diagnostics.get(uri, ())
        if pred(diags):
            return diags
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"diagnostics never matched: {diags}")
        await asyncio.sleep(0.02)


def paste_answer(client: LanguageClient, uri: str) -> None:
    """AI_ANSWER pasted at line 20 (version 2), with the client's hint that it came from outside."""
    insert(client, uri, 2, 20, AI_ANSWER)
    client.protocol.notify(
        "provmark/didPaste",
        {
            "textDocument": {"uri": uri, "version": 2},
            "source": "external",
            "range": {"start": {"line": 20, "character": 0}, "end": {"line": 35, "character": 0}},
        },
    )


def warnings(diags) -> list[t.Diagnostic]:
    return [d for d in diags if d.source == "provmark" and d.severity == t.DiagnosticSeverity.Warning]


async def test_paste_warns_tag_writes_sidecar_and_reopen_shows_hint(client: LanguageClient) -> None:
    ws = WS_HOLDER["ws"]
    uri = open_doc(client, ws / "app.py")
    paste_answer(client, uri)
    diags = await wait_for(client, uri, lambda d: warnings(d))
    [w] = warnings(diags)
    assert w.range.start.line == 20 and w.range.end.line == 34
    assert w.data["score"] >= 0.5 and "tool" in w.data
    assert any(e["signal"] == "paste-hint" for e in w.data["evidence"])

    actions = await client.text_document_code_action_async(
        t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri=uri),
            range=w.range,
            context=t.CodeActionContext(diagnostics=[w]),
        )
    )
    titles = [a.title for a in actions]
    assert titles[0].startswith("Tag as AI-generated") and titles[1].startswith("Tag as written by me")

    rid = await client.workspace_execute_command_async(
        t.ExecuteCommandParams(
            command="provmark.tag",
            arguments=[
                {
                    "uri": uri,
                    "range": {"start": {"line": 20, "character": 0}, "end": {"line": 34, "character": 54}},
                    "origin": {"kind": "ai", "tool": None},
                    "training": "exclude",
                }
            ],
        )
    )
    car = json.loads((ws / ".provmark" / "app.py.json").read_text())
    assert car["schema"] == "provmark/2" and car["path"] == "app.py"
    [rec] = car["records"]
    assert rec["id"] == rid and (rec["start_line"], rec["end_line"]) == (21, 35)
    assert "retry" not in json.dumps(car)  # hashes only, never the text
    diags = await wait_for(client, uri, lambda d: not warnings(d) and d)
    [h] = diags
    assert h.severity == t.DiagnosticSeverity.Hint and "excluded from training" in h.message

    # The file changes on disk while closed; reopening finds the record by its hashes.
    head, tail = HUMAN.split("\n")[:6], HUMAN.split("\n")[6:]
    text = "import os\nimport sys\n" + "\n".join(head) + "\n" + AI_ANSWER + "\n".join(tail)
    client.text_document_did_close(t.DidCloseTextDocumentParams(t.TextDocumentIdentifier(uri=uri)))
    (ws / "app.py").write_text(text)
    uri = open_doc(client, ws / "app.py")
    start = text.split("\n").index("def retry(func, attempts: int = 3, delay: float = 0.5):")
    diags = await wait_for(client, uri, lambda d: [x.range.start.line for x in d] == [start])
    assert diags[0].severity == t.DiagnosticSeverity.Hint

    await client.workspace_execute_command_async(
        t.ExecuteCommandParams(command="provmark.untag", arguments=[{"uri": uri, "id": rid}])
    )
    assert not (ws / ".provmark" / "app.py.json").exists()


async def test_typing_and_copies_inside_the_project_are_not_flagged(client: LanguageClient) -> None:
    ws = WS_HOLDER["ws"]
    uri = open_doc(client, ws / "app.py")
    version = 1
    for i, ch in enumerate("x = compute(a, b)\n"):
        version += 1
        insert(client, uri, version, 3, ch, character=i)
        await asyncio.sleep(0.05)
    copied = "".join("    " + ln + "\n" for ln in (ws / "lib.py").read_text().splitlines()[3:21])
    version += 1
    insert(client, uri, version, 10, copied)
    await asyncio.sleep(0.6)
    assert warnings(client.diagnostics.get(uri, ())) == []


async def test_bad_messages_are_survived(client: LanguageClient) -> None:
    ws = WS_HOLDER["ws"]
    uri = open_doc(client, ws / "app.py")
    client.protocol.notify("provmark/didPaste", {"nonsense": True})
    client.protocol.notify("custom/unknownNotification", {"x": 1})
    insert(client, uri, 2, 500, AI_ANSWER)  # past the end: clamped
    with pytest.raises(JsonRpcException, match="not an open document"):
        await client.workspace_execute_command_async(
            t.ExecuteCommandParams(command="provmark.tag", arguments=[{"uri": "file:///nowhere.py"}])
        )
    diags = await wait_for(client, uri, lambda d: warnings(d))
    lines = len((HUMAN + AI_ANSWER).split("\n"))
    assert all(d.range.end.line < lines for d in diags)


async def test_settings_problems_are_reported_not_fatal(client: LanguageClient) -> None:
    client.workspace_did_change_configuration(
        t.DidChangeConfigurationParams(settings={"provmark": {"warnThreshold": "high"}})
    )
    deadline = asyncio.get_running_loop().time() + 5
    while not any("warnThreshold" in m.message for m in client.messages):
        assert asyncio.get_running_loop().time() < deadline, client.messages
        await asyncio.sleep(0.05)
    ws = WS_HOLDER["ws"]
    uri = open_doc(client, ws / "app.py")
    insert(client, uri, 2, 20, AI_ANSWER)
    await wait_for(client, uri, lambda d: warnings(d))


def test_server_writes_nothing_but_lsp_to_stdout(tmp_path: Path) -> None:
    import subprocess

    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}},
        }
    )
    exit_ = json.dumps({"jsonrpc": "2.0", "method": "exit"})
    data = "".join(f"Content-Length: {len(m)}\r\n\r\n{m}" for m in (body, exit_)).encode()
    r = subprocess.run(SERVER, input=data, capture_output=True, timeout=30, env={**os.environ, "PROVMARK_LOG": "DEBUG"})
    out = r.stdout.decode()
    assert out.startswith("Content-Length:") and '"capabilities"' in out
    assert out.count("Content-Length:") == 1


def test_malformed_request_gets_an_error_answer_not_silence(tmp_path: Path) -> None:
    from support.lsp_client import StdioClient

    c = StdioClient(SERVER, cwd=str(tmp_path))
    try:
        c.initialize(tmp_path.as_uri())
        with pytest.raises(RuntimeError, match="invalid params"):
            c.request("textDocument/codeAction", {"bogus": 1}, timeout=10)
        c.notify("textDocument/didChange", {"textDocument": {"uri": 5}})  # garbage notification
        with pytest.raises(RuntimeError, match="not an open document"):
            c.request("workspace/executeCommand", {"command": "provmark.tag", "arguments": [{"uri": "file:///x"}]})
    finally:
        assert c.close() == 0


def test_utf8_position_encoding_is_negotiated_and_used(tmp_path: Path) -> None:
    from support.lsp_client import StdioClient

    c = StdioClient(SERVER, cwd=str(tmp_path))
    try:
        result = c.request(
            "initialize",
            {
                "processId": None,
                "rootUri": tmp_path.as_uri(),
                "capabilities": {"general": {"positionEncodings": ["utf-8"]}},
            },
        )
        assert result["capabilities"]["positionEncoding"] == "utf-8"
        c.notify("initialized", {})
        uri = (tmp_path / "a.py").as_uri()
        text = "s = 'é😀'\n"
        c.open(uri, text)
        # In UTF-8 the line is 13 bytes long: insert after its end, at (0, 13).
        c.insert(uri, 2, 0, 13, "\n" + AI_ANSWER + "# fin é😀")
        assert c.wait(lambda: any(d["severity"] == 2 for d in c.diagnostics.get(uri, [])))
        [d] = [d for d in c.diagnostics[uri] if d["severity"] == 2]
        assert d["range"]["start"]["line"] == 1
        assert d["range"]["end"]["character"] == len("# fin é😀".encode())  # bytes, not UTF-16 units
    finally:
        c.close()


async def test_code_actions_come_from_what_the_server_knows(client: LanguageClient) -> None:
    """Clients send nothing, only some diagnostics, or copies stripped of source and
    severity (lsp-mode, ALE): the actions are the same; a source action tags them all."""
    ws = WS_HOLDER["ws"]
    uri = open_doc(client, ws / "app.py")
    paste_answer(client, uri)
    [w] = warnings(await wait_for(client, uri, lambda d: warnings(d)))

    async def titles(rng: t.Range, diags: list[t.Diagnostic], only: list[str] | None = None) -> list[str]:
        actions = await client.text_document_code_action_async(
            t.CodeActionParams(
                text_document=t.TextDocumentIdentifier(uri=uri),
                range=rng,
                context=t.CodeActionContext(diagnostics=diags, only=only),
            )
        )
        return [a.title for a in actions or []]

    cursor = t.Range(t.Position(27, 4), t.Position(27, 4))  # inside the block, not its first line
    stripped = t.Diagnostic(range=w.range, message=w.message, code=w.code)
    for diags in ([], [stripped]):
        got = await titles(cursor, diags)
        assert got[0].startswith("Tag as AI-generated") and got[1] == "Tag as written by me", got
        assert got[2].startswith("Tag all 1 untagged"), got
    assert await titles(t.Range(t.Position(2, 0), t.Position(2, 0)), []) == [
        "Tag all 1 untagged likely-AI block in this file as AI-generated"
    ]
    assert await titles(cursor, [], only=["source"]) == [
        "Tag all 1 untagged likely-AI block in this file as AI-generated"
    ]
    [rid] = await client.workspace_execute_command_async(
        t.ExecuteCommandParams(command="provmark.tagAll", arguments=[{"uri": uri}])
    )
    [rec] = json.loads((ws / ".provmark" / "app.py.json").read_text())["records"]
    assert rec["id"] == rid and (rec["start_line"], rec["end_line"]) == (21, 35)
    await wait_for(client, uri, lambda d: d and not warnings(d))
    assert await titles(cursor, []) == ["Remove this Provmark tag"]


async def test_a_buffer_that_differs_from_the_disk_at_open_is_judged(client: LanguageClient) -> None:
    """Edits made before the server started (or before a restart) are not lost."""
    ws = WS_HOLDER["ws"]
    lines = HUMAN.splitlines(True)
    uri = (ws / "app.py").as_uri()
    buffer = "".join(lines[:20]) + AI_ANSWER + "".join(lines[20:])
    client.text_document_did_open(
        t.DidOpenTextDocumentParams(t.TextDocumentItem(uri=uri, language_id="python", version=7, text=buffer))
    )
    [w] = warnings(await wait_for(client, uri, lambda d: warnings(d)))
    assert (w.range.start.line, w.range.end.line) == (20, 34)
    assert "arrived at once" in w.message


def test_a_client_that_declares_paste_hints_is_waited_for_from_the_first_paste(tmp_path: Path) -> None:
    """The VS Code extension declares experimental.provmarkPasteHints at initialize."""
    from support.lsp_client import StdioClient

    for declared in (True, False):
        c = StdioClient(SERVER, cwd=str(tmp_path))
        try:
            caps = {"experimental": {"provmarkPasteHints": True}} if declared else {}
            c.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": caps})
            c.notify("initialized", {})
            assert c.request("provmark/status", {})["paste_hints"] is declared
        finally:
            c.close()
