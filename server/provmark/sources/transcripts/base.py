"""What every transcript reader shares: the write it reports, the incremental reading
of one log file, tolerant JSON, the workspace and age limits, and the reader interface
(see the package's docstring for how to add a reader)."""

from __future__ import annotations

import json
import logging
import re
import time
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from provmark.core.lines import is_solid, normalize

log = logging.getLogger("provmark.sources.transcripts")

MAX_AGE_S = 30 * 24 * 3600  # session logs older than this are not read
CHUNK = 4 << 20  # bytes of a log read at once
MAX_WHOLE = 256 << 20  # a log read whole (a JSON document, a compressed session): at most this
MAX_LINE = 64 << 20  # a longer line (no tool writes one) is skipped, so memory stays bounded


WRITE, ANSWER = "write", "answer"  # Write.kind


@dataclass(frozen=True)
class Write:
    tool: str
    session: str | None
    model: str | None
    path: str | None
    lines: array  # hashes of its normalised solid lines: no text is kept
    # "write": text the tool put in a file; "answer": code in its chat answer (no path),
    # which names the tool of a paste but never makes a file's edit look tool-written
    # unless the lines match the answer nearly whole (TranscriptIndex.match).
    kind: str = WRITE


def solid(lines: Iterable[str]) -> array:
    """Hashes of the normalised solid lines, the only thing kept of a log's text."""
    # Unsigned: rapidfuzz reads an array of hashes as a sequence of uint64 items.
    return array("Q", (hash(n) & 0xFFFF_FFFF_FFFF_FFFF for n in (normalize(x) for x in lines) if is_solid(n)))


def write_of(tool: str, session: str | None, model: str | None, path: str | None, text: Any) -> Iterator[Write]:
    """The write of `text` (a string; anything else or an empty one is no write)."""
    if isinstance(text, str) and text:
        yield Write(tool, session, model if isinstance(model, str) else None, path, solid(text.splitlines()))


_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def fenced(text: str) -> Iterator[str]:
    """The bodies of the closed fenced code blocks of a markdown answer (a block still
    being streamed, with no closing fence, is not one yet)."""
    if "```" not in text and "~~~" not in text:
        return
    body: list[str] | None = None
    fence = ""
    for line in text.splitlines():
        m = _FENCE.match(line)
        if body is None:
            if m:
                body, fence = [], m.group(1)
        elif m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip().strip(fence[0]):
            yield "\n".join(body)
            body = None
        else:
            body.append(line)


def answers_of(tool: str, session: str | None, model: str | None, text: Any) -> Iterator[Write]:
    """An answer's fenced code blocks, each a write of kind "answer" without a path."""
    if isinstance(text, str):
        for block in fenced(text):
            lines = solid(block.splitlines())
            if lines:
                yield Write(tool, session, model if isinstance(model, str) else None, None, lines, ANSWER)


def inside(path: str | None, root: Path) -> bool:
    """Whether `path` (as a tool logged it) is `root` or below it."""
    if not path or not isinstance(path, str):
        return False
    try:
        Path(path).resolve().relative_to(root)
        return True
    except (ValueError, OSError):
        return False


def recent(path: Path, max_age_s: float = MAX_AGE_S) -> bool:
    """Whether `path` changed within the age limit (older sessions are not read)."""
    try:
        return path.stat().st_mtime >= time.time() - max_age_s
    except OSError:
        return False


class Tail:
    """Incremental reading of one log file, and what its reader keeps about it."""

    def __init__(self, path: Path, root: Path, session: str | None = None):
        self.path = path
        self.root = root  # the workspace folder (resolved) whose writes are wanted
        self.offset = 0
        self.skip = False  # a session of another project: never read again
        self.meta: dict[str, Any] = {"session": session} if session else {}

    def new_lines(self) -> Iterator[str]:
        """The complete lines appended since the last call (a line still being written
        waits for its newline), read in blocks of CHUNK bytes: memory stays bounded
        however much the log grew."""
        try:
            size = self.path.stat().st_size
        except OSError as e:
            log.info("cannot read %s: %s", self.path, e)
            return
        if size < self.offset:  # truncated or replaced: start over
            log.info("%s shrank from %d to %d bytes; reading it again from the start", self.path, self.offset, size)
            self.offset = 0
        if size == self.offset:
            return
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                carry = b""
                while self.offset + len(carry) < size:
                    block = f.read(min(CHUNK, size - self.offset - len(carry)))
                    if not block:
                        break
                    data = carry + block
                    end = data.rfind(b"\n")
                    if end < 0:
                        carry = data  # a line longer than a block, or still being written
                        if len(carry) > MAX_LINE:
                            self._drop_line(carry)
                            carry = b""
                        continue
                    carry = data[end + 1 :]
                    self.offset += end + 1
                    if self.meta.pop("dropping", False):  # the rest of a line too long to read
                        data = data[data.find(b"\n") + 1 :]
                        end = data.rfind(b"\n")
                    yield from data[: end + 1].decode("utf-8", errors="replace").splitlines()
        except OSError as e:
            log.info("cannot read %s: %s", self.path, e)

    def _drop_line(self, part: bytes) -> None:
        if not self.meta.get("dropping"):
            log.info("%s: a line longer than %d bytes; skipped", self.path, MAX_LINE)
        self.offset += len(part)
        self.meta["dropping"] = True

    def changed(self) -> bool:
        """For a file rewritten whole as it grows: whether it changed since the last
        call (size or mtime)."""
        try:
            st = self.path.stat()
        except OSError:
            return False
        stamp = (st.st_mtime_ns, st.st_size)
        if stamp == self.meta.get("stat"):
            return False
        self.meta["stat"] = stamp
        return True

    def whole_json(self) -> Any:
        """The file's JSON document when it changed since the last call, else None
        (unreadable or half written: None too, and it is tried again when it changes)."""
        if not self.changed():
            return None
        if self.meta["stat"][1] > MAX_WHOLE:
            log.info("%s is larger than %d bytes; not read", self.path, MAX_WHOLE)
            return None
        try:
            return json.loads(self.path.read_text(encoding="utf-8", errors="replace"))
        except (OSError, json.JSONDecodeError) as e:
            log.debug("unreadable %s: %s", self.path, e)
            return None


def patch_added_lines(patch: str) -> dict[str, list[str]]:
    """Lines added per file by an apply_patch patch (Codex's format, also one of Aider's)."""
    out: dict[str, list[str]] = {}
    current: str | None = None
    for line in patch.splitlines():
        m = re.match(r"\*\*\* (Add|Update) File: (.+)", line)
        if m:
            current = m.group(2).strip()
            out.setdefault(current, [])
            continue
        if line.startswith("*** "):
            current = None if not line.startswith("*** Move to:") else current
            continue
        if current is not None and line.startswith("+"):
            out[current].append(line[1:])
    return out


_HEREDOC = re.compile(r"<<-?\s*['\"]?(\w+)['\"]?[^\n]*\n(.*?)\n\1\b", re.S)


def heredocs(command: str) -> Iterator[str]:
    """The bodies of the here-documents in a shell command (``cat > f <<'EOF'``...)."""
    if "<<" in command:
        for m in _HEREDOC.finditer(command):
            yield m.group(2)


def json_records(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """The JSON objects among `lines`; blank, malformed and non-object lines skipped."""
    for line in lines:
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(rec, dict):
            yield rec


def strings(obj: Any) -> Iterator[str]:
    """Every string inside a JSON value."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from strings(v)
    elif isinstance(obj, list):
        # A command given as argv: join it so a patch split across items reads whole.
        if all(isinstance(x, str) for x in obj):
            yield "\n".join(obj)
        for v in obj:
            yield from strings(v)


class Reader:
    """One AI tool's logs. Subclasses set `tool` and implement `files` and `parse`;
    `records` defaults to JSON Lines read incrementally."""

    tool: ClassVar[str] = ""

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        """The log files that may hold writes inside `root` (resolved), each with its
        session id when the file's name or place gives it (else None)."""
        raise NotImplementedError

    def key(self, path: Path) -> Path:
        """The log a file holds: the same for two files that are one log in two forms (a
        compressed copy replacing the plain one), so that its reading goes on where it
        was rather than starting again."""
        return path

    def records(self, tail: Tail) -> Iterator[Any]:
        """What `tail`'s file gained since the last call, one record at a time. Raising
        drops what this call's records gave (a half-written or corrupt file is skipped
        whole); it is logged, never the server stopped."""
        return json_records(tail.new_lines())

    def parse(self, tail: Tail, record: Any) -> Iterator[Write]:
        """The writes inside the workspace (`tail.root`) that one record holds."""
        raise NotImplementedError

    def fixture(self, home: Path, root: Path, session: str, writes: Sequence[tuple[Path, str]]) -> list[Path]:
        """Optional, for benchmarks: write one session of this tool under `home` (as its
        HOME) for the workspace `root`, in the tool's on-disk format, holding `writes`
        ((absolute path, content) each); return the files written."""
        raise NotImplementedError
