"""lsp/fast_start's pure parts: the first message read as pygls reads it, replayed byte
for byte whatever it was, and the cache's key."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from provmark.lsp import fast_start


def framed(msg: dict) -> bytes:
    body = json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


INIT = {"jsonrpc": "2.0", "id": 7, "method": "initialize", "params": {"capabilities": {"general": {}}}}
NEXT = framed({"jsonrpc": "2.0", "method": "initialized", "params": {}})


def drain(stream: fast_start.Replay) -> bytes:
    """Read as pygls does: header lines, then the body by length."""
    out = b""
    while line := stream.readline():
        out += line
        if line.startswith(b"Content-Length:"):
            n = int(line.split(b":")[1])
            out += stream.readline()  # the blank line
            out += stream.read(n)
    return out


@pytest.mark.parametrize(
    "first",
    [
        framed(INIT),
        b"Content-Length: 20\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n"
        + b'{"not": "complete"}x',
        framed({"jsonrpc": "2.0", "method": "$/setTrace", "params": {"value": "off"}}),
        b"Content-Length: 5\r\n\r\nnope!",
        b"",
    ],
)
def test_whatever_comes_first_is_replayed_whole(first: bytes) -> None:
    stdin = io.BytesIO(first + NEXT)
    got = fast_start.read_first(stdin)
    assert got.raw == (first or NEXT)  # one message read, all of it
    assert drain(fast_start.Replay(got.raw, stdin)) == first + NEXT
    assert (got.params is not None) == (first == framed(INIT))


def test_an_initialize_request_is_recognised_with_its_id() -> None:
    got = fast_start.read_first(io.BytesIO(framed(INIT) + NEXT))
    assert got.msg_id == 7 and got.params == INIT["params"]


def test_a_stream_that_is_not_lsp_is_given_back_unread_past_the_headers() -> None:
    junk = b"hello\n" * 100
    stdin = io.BytesIO(junk)
    got = fast_start.read_first(stdin)
    assert fast_start.Replay(got.raw, stdin).read() == junk


def test_the_key_follows_the_client_capabilities(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = fast_start.key_of({"capabilities": {"general": {"positionEncodings": ["utf-8"]}}})
    b = fast_start.key_of({"capabilities": {"general": {"positionEncodings": ["utf-16"]}}})
    assert a != b
    assert a == fast_start.key_of({"capabilities": {"general": {"positionEncodings": ["utf-8"]}}, "rootUri": "x"})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert fast_start.cached(a) is None
    fast_start.remember(a, {"capabilities": {"hoverProvider": False}})
    assert fast_start.cached(a) == {"capabilities": {"hoverProvider": False}}
    (fast_start.cache_dir() / f"{a}.json").write_text("{broken")
    assert fast_start.cached(a) is None  # the slow path, never an error


def test_an_early_answer_is_framed_for_the_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    key = fast_start.key_of(INIT["params"])
    fast_start.remember(key, {"capabilities": {}, "serverInfo": {"name": "provmark"}})
    out = io.BytesIO()
    replay, early = fast_start.answer_early(io.BytesIO(framed(INIT) + NEXT), out)
    assert early is not None and early.msg_id == 7 and early.sent is not None
    header, body = out.getvalue().split(b"\r\n\r\n", 1)
    assert int(header.split(b":")[1]) == len(body)
    assert json.loads(body) == {"jsonrpc": "2.0", "id": 7, "result": early.sent}
    assert drain(replay) == framed(INIT) + NEXT  # pygls still reads it
