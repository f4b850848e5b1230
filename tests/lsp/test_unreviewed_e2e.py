"""Nothing the editor saw is lost on the way to training: a flag nobody clicks is
recorded in the sidecar as unreviewed at once, follows the text when it is saved, goes
when the text is edited away, and becomes a tag (same record, who and when) when
someone decides. An agent's write to a closed file is recorded too."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from provmark.pipeline.exclusion import excluded_ranges
from support.lsp_client import StdioClient
from support.samples import AI_BLOCK, handlers

SERVER = [sys.executable, "-m", "provmark", "serve"]
AGENT = "".join(f"def helper_{i}(value: str) -> str:\n    return normalise(value, mode='m{i}')\n\n" for i in range(8))


def records(ws: Path, rel: str) -> list[dict]:
    path = ws / ".provmark" / (rel + ".json")
    return json.loads(path.read_text())["records"] if path.exists() else []


def save(c: StdioClient, ws: Path, uri: str, text: str) -> None:
    (ws / "app.py").write_text(text)
    c.notify("textDocument/didSave", {"textDocument": {"uri": uri}})


def start(tmp_path: Path, options: dict | None = None) -> tuple[StdioClient, Path, str, str]:
    ws, home = tmp_path / "ws", tmp_path / "home"
    ws.mkdir()
    home.mkdir()
    text = handlers(30)
    (ws / "app.py").write_text(text)
    c = StdioClient(SERVER, cwd=str(ws), env={**os.environ, "HOME": str(home)})
    c.initialize(ws.as_uri(), options)
    deadline = time.monotonic() + 20
    while not c.request("provmark/status", {})["watching"]:
        assert time.monotonic() < deadline, "the server never started watching"
        time.sleep(0.05)
    uri = (ws / "app.py").as_uri()
    c.open(uri, text)
    return c, ws, uri, text


def warning(c: StdioClient, uri: str, line: int) -> dict | None:
    return next(
        (d for d in c.diagnostics.get(uri, []) if d["severity"] == 2 and d["range"]["start"]["line"] == line), None
    )


def test_flags_are_recorded_unreviewed_followed_resolved_and_dropped(tmp_path: Path) -> None:
    c, ws, uri, text = start(tmp_path)
    try:
        c.insert(uri, 2, 30, 0, AI_BLOCK)
        assert c.wait(lambda: warning(c, uri, 30) is not None, timeout=10)
        d = warning(c, uri, 30)
        assert d is not None and d["data"]["record"]
        assert c.wait(lambda: bool(records(ws, "app.py")), timeout=10), "no unreviewed record was written"
        [rec] = records(ws, "app.py")
        assert rec["id"] == d["data"]["record"] and rec["status"] == "unreviewed" and rec["tagged_by"] == "provmark"
        assert rec["score"] == d["data"]["score"] and rec["training"] == "exclude"
        lines = text.split("\n")
        lines[30:30] = [*AI_BLOCK.rstrip("\n").split("\n"), ""]
        now = "\n".join(lines)
        save(c, ws, uri, now)
        # Nobody clicked: the pipeline leaves the pasted lines out all the same.
        n = len(AI_BLOCK.rstrip("\n").split("\n"))
        assert excluded_ranges(ws, "app.py", now)[0] == [(31, 30 + n)]

        # A second paste, then undone by hand before saving: its record goes on save.
        c.insert(uri, 3, 0, 0, AI_BLOCK.replace("parse_duration", "parse_span"))
        assert c.wait(lambda: len(records(ws, "app.py")) == 2, timeout=10)
        c.replace(uri, 4, (0, 0), (n + 1, 0), "")
        save(c, ws, uri, now)
        assert c.wait(lambda: len(records(ws, "app.py")) == 1, timeout=10), records(ws, "app.py")

        # Someone decides: the unreviewed record becomes a tag, with who and when.
        arg = {"uri": uri, "range": d["range"], "origin": {"kind": "human"}, "insertion": d["data"]["insertion"]}
        rid = c.request("workspace/executeCommand", {"command": "provmark.tag", "arguments": [arg]})
        [done] = records(ws, "app.py")
        assert rid == rec["id"] == done["id"] and done["status"] == "tagged" and done["origin"]["kind"] == "human"
        assert done["reviewed_by"] and done["reviewed_at"] and done["training"] == "include"

        # An agent writes a file that is not open: recorded too.
        (ws / "helpers.py").write_text(AGENT)
        assert c.wait(lambda: bool(records(ws, "helpers.py")), timeout=10)
        [agent] = records(ws, "helpers.py")
        assert agent["status"] == "unreviewed" and agent["start_line"] == 1
    finally:
        assert c.close() == 0


def test_recording_can_be_turned_off(tmp_path: Path) -> None:
    c, ws, uri, _ = start(tmp_path, {"provmark": {"recordUnreviewed": False}})
    try:
        c.insert(uri, 2, 30, 0, AI_BLOCK)
        assert c.wait(lambda: warning(c, uri, 30) is not None, timeout=10)
        time.sleep(0.5)
        assert not (ws / ".provmark").exists()
    finally:
        assert c.close() == 0
