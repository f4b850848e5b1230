"""Answer `initialize` before pygls and lsprotocol are imported.

Importing lsprotocol creates some 570 attrs classes, each compiling its generated
methods: about 0.5 s of a 2-core machine's time before any server built on pygls can
read a message, and editors wait for the reply to `initialize` (eglot gives up after 3 s
by default). Editors send the same capabilities every time, so the reply pygls computes
is kept (`$XDG_CACHE_HOME/provmark/initialize/`, keyed by the client's capabilities and
the code that decides the server's), and the next start with the same key sends it as
soon as the request is read. pygls then reads that request again from a stream that
replays it, sets itself up exactly as it would have, and its own reply is dropped (the
protocol compares it with the one sent and refreshes the cache if they differ).

Imports nothing of pygls or lsprotocol; a cache that cannot be read or written only
means the slow path. Nothing in it but the server's capabilities.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

_LENGTH = re.compile(rb"^Content-Length: (\d+)\r\n$")
_MAX_HEADER_LINES = 32  # a stream that is not LSP: give up reading early
# What decides the capabilities besides the client's: the features this package
# registers, and the pygls and lsprotocol installed.
_OWN = ("server.py", "commands.py", "protocol.py", "fast_start.py")
_THEIRS = ("pygls", "lsprotocol", "cattrs", "attrs")


@dataclass
class First:
    """The first message as read: its bytes (headers and body) and, when it is a well
    formed `initialize` request, its id and params."""

    raw: bytes
    msg_id: Any = None
    params: dict[str, Any] | None = None


def read_first(stream: IO[bytes]) -> First:
    """Read one message (headers, then the body) as pygls would. Whatever happens, the
    bytes read are in the result, to be replayed."""
    raw = b""
    length = 0
    for _ in range(_MAX_HEADER_LINES):
        line = stream.readline()
        raw += line
        if not line:
            return First(raw)
        if not length and (m := _LENGTH.fullmatch(line)):
            length = int(m.group(1))
        if length and not line.strip():
            body = stream.read(length)
            raw += body
            try:
                msg = json.loads(body)
            except ValueError:
                return First(raw)
            if isinstance(msg, dict) and msg.get("method") == "initialize" and "id" in msg:
                params = msg.get("params")
                return First(raw, msg["id"], params if isinstance(params, dict) else {})
            return First(raw)
    return First(raw)


class Replay:
    """A binary stream that gives `head` first, then the rest of `rest`: readline and
    read as pygls's stdin reader uses them."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head, self._rest = head, rest

    def readline(self) -> bytes:
        if self._head:
            i = self._head.find(b"\n")
            if i >= 0:
                line, self._head = self._head[: i + 1], self._head[i + 1 :]
                return line
            line, self._head = self._head, b""
            return line + self._rest.readline()  # a header cut in two
        return self._rest.readline()

    def read(self, n: int = -1) -> bytes:
        if not self._head:
            return self._rest.read(n)
        if n < 0:
            out, self._head = self._head, b""
            return out + self._rest.read()
        out, self._head = self._head[:n], self._head[n:]
        if len(out) < n:
            out += self._rest.read(n - len(out))
        return out

    def close(self) -> None:
        self._rest.close()


def _fingerprint() -> str:
    """The code the capabilities come from: this package's LSP modules by content, the
    libraries by where they are and when they were installed."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _OWN:
        try:
            h.update((here / name).read_bytes())
        except OSError:
            h.update(b"?")
    for pkg in _THEIRS:
        spec = find_spec(pkg)
        origin = spec.origin if spec is not None else None
        try:
            st = os.stat(origin) if origin else None
        except OSError:
            st = None
        h.update(f"{pkg}:{origin}:{st.st_mtime_ns if st else 0}:{st.st_size if st else 0}".encode())
    return h.hexdigest()


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "provmark" / "initialize"


def key_of(params: dict[str, Any]) -> str:
    """The cache key: the client's capabilities (all that pygls reads of the request to
    build the reply) and the code that builds it."""
    caps = json.dumps(params.get("capabilities"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{_fingerprint()}\n{caps}".encode()).hexdigest()[:32]


def cached(key: str) -> dict[str, Any] | None:
    try:
        data = json.loads((cache_dir() / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("capabilities"), dict) else None


def remember(key: str, result: dict[str, Any]) -> None:
    """Keep pygls's reply for the next start (atomically: a reader never sees half)."""
    d = cache_dir()
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(result, f, sort_keys=True)
        os.replace(tmp, d / f"{key}.json")
    except OSError as e:
        log.info("could not keep the reply to initialize (%s): the next start computes it again", e)


def frame(msg_id: Any, result: dict[str, Any]) -> bytes:
    body = json.dumps({"jsonrpc": "2.0", "id": msg_id, "result": result}, separators=(",", ":")).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


@dataclass
class EarlyReply:
    """What the protocol needs to know about the first request: its id, the cache key,
    and the result already sent (None: pygls answers, and its reply is kept)."""

    msg_id: Any
    key: str
    sent: dict[str, Any] | None


def answer_early(stdin: IO[bytes], stdout: IO[bytes]) -> tuple[Replay, EarlyReply | None]:
    """Read the first message; answer it from the cache when it is `initialize` and its
    reply is known. Returns the stream pygls must read (the first message again, then the
    rest) and what was done."""
    first = read_first(stdin)
    replay = Replay(first.raw, stdin)
    if first.params is None or os.environ.get("PROVMARK_NO_FAST_START"):
        return replay, None
    try:
        key = key_of(first.params)
        result = cached(key)
        if result is not None:
            stdout.write(frame(first.msg_id, result))
            stdout.flush()
    except Exception:  # never worse than the slow path
        log.exception("answering initialize early failed")
        return replay, None
    return replay, EarlyReply(first.msg_id, key, result)
