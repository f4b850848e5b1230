"""Judging over LSP, burst after burst: every settled burst gets its diagnostics,
whether it was judged at once from memory (a copy of AI text keeps its flag) or after
its facts were gathered off the loop."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from support.lsp_client import StdioClient
from support.samples import AI_BLOCK, handlers

SERVER = [sys.executable, "-m", "provmark", "serve"]


def warned_at(c: StdioClient, uri: str, line: int) -> bool:
    return any(d["severity"] == 2 and d["range"]["start"]["line"] == line for d in c.diagnostics.get(uri, []))


def test_paste_then_copies_of_it_are_each_published() -> None:
    ws = Path(tempfile.mkdtemp(prefix="pm-judge-"))
    text = handlers(40)
    (ws / "app.py").write_text(text)
    c = StdioClient(SERVER, cwd=str(ws))
    try:
        c.initialize(ws.as_uri())
        uri = (ws / "app.py").as_uri()
        c.open(uri, text)
        c.insert(uri, 2, 30, 0, AI_BLOCK)
        assert c.wait(lambda: warned_at(c, uri, 30), timeout=10), "the paste was not flagged"
        # The same block copied twice more, lower down: each copy keeps the flag.
        c.insert(uri, 3, 80, 0, AI_BLOCK)
        assert c.wait(lambda: warned_at(c, uri, 80), timeout=10), "the first copy was not published"
        c.insert(uri, 4, 120, 0, AI_BLOCK.replace("parse_duration", "parse_span"))
        assert c.wait(lambda: warned_at(c, uri, 120), timeout=10), "the second copy was not published"
    finally:
        c.close()
