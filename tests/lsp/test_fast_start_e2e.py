"""`initialize` answered before pygls is imported (lsp/fast_start): the second start with
the same client capabilities sends the reply the first start's pygls computed, the
server then works as ever, and the client never gets two replies."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import SERVER
from support.lsp_client import StdioClient
from support.samples import AI_BLOCK, handlers


def start(ws: Path, cache: Path, **env: str) -> tuple[StdioClient, dict]:
    c = StdioClient(SERVER, cwd=str(ws), env={**os.environ, "XDG_CACHE_HOME": str(cache), **env})
    return c, c.initialize(ws.as_uri())


def paste_warns(c: StdioClient, ws: Path) -> bool:
    uri = (ws / "app.py").as_uri()
    text = handlers(20)
    c.open(uri, text)
    c.insert(uri, 2, text.count("\n"), 0, AI_BLOCK)
    return c.wait(lambda: any(d["severity"] == 2 for d in c.diagnostics.get(uri, [])), timeout=20)


def test_the_second_start_answers_from_the_first_ones_reply(tmp_path: Path) -> None:
    ws, cache = tmp_path / "ws", tmp_path / "cache"
    ws.mkdir()
    first, reply = start(ws, cache)
    assert paste_warns(first, ws)
    first.close()
    kept = list((cache / "provmark" / "initialize").glob("*.json"))
    assert len(kept) == 1 and json.loads(kept[0].read_text()) == reply  # no source, only capabilities

    second, again = start(ws, cache)
    assert again == reply
    assert paste_warns(second, ws)  # pygls set itself up from the replayed request
    second.close()
    assert 1 not in second.responses  # pygls's own reply to initialize was dropped
    assert len(list((cache / "provmark" / "initialize").glob("*.json"))) == 1


def test_a_stale_reply_is_replaced_and_a_broken_one_ignored(tmp_path: Path) -> None:
    ws, cache = tmp_path / "ws", tmp_path / "cache"
    ws.mkdir()
    c, reply = start(ws, cache)
    c.close()
    [kept] = (cache / "provmark" / "initialize").glob("*.json")
    # A reply that no longer matches what pygls computes (as if the key had missed a
    # change): sent once, then replaced by pygls's for the next start.
    kept.write_text(json.dumps({**reply, "capabilities": {**reply["capabilities"], "hoverProvider": True}}))
    c, stale = start(ws, cache)
    assert stale["capabilities"].get("hoverProvider") is True
    assert c.wait(lambda: json.loads(kept.read_text()) == reply, timeout=10)
    c.close()
    kept.write_text("{not json")
    c, fresh = start(ws, cache)
    assert fresh == reply and paste_warns(c, ws)
    c.close()
    assert json.loads(kept.read_text()) == reply


def test_it_can_be_turned_off(tmp_path: Path) -> None:
    ws, cache = tmp_path / "ws", tmp_path / "cache"
    ws.mkdir()
    c, reply = start(ws, cache, PROVMARK_NO_FAST_START="1")
    c.close()
    assert reply["serverInfo"]["name"] == "provmark"
    assert not (cache / "provmark" / "initialize").exists()
