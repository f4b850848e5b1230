"""The AI tools' own local session logs: what they wrote, where, with which model.

Read locally and incrementally (only bytes added since the last look), only sessions
whose working directory is inside the workspace, tolerant of unknown or malformed
lines. The written text is kept in memory as normalised lines for matching and is never
written anywhere: diagnostics and sidecars get the tool, model and session names only.

Sources:
- Claude Code: ``~/.claude/projects/<cwd with every non-alphanumeric as ->/*.jsonl``
  (``$CLAUDE_CONFIG_DIR/projects`` when set), subagent logs below it too; tool_use
  inputs of Write (content), Edit (new_string), MultiEdit (edits[].new_string).
- Codex CLI: ``~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl`` (``$CODEX_HOME``);
  session_meta gives the cwd; apply_patch calls (custom_tool_call input, or a
  function_call whose arguments hold the patch) and here-documents in shell calls.
- Aider: ``.aider.chat.history.md`` in the workspace; SEARCH/REPLACE blocks and fenced
  code in the assistant's answers.
- Gemini CLI: ``~/.gemini/tmp/<sha256 of the project root>/chats/session-*.json`` (one
  JSON conversation, rewritten as it grows) or ``.jsonl`` (one record a line); the
  toolCalls of "gemini" messages: write_file (content) and replace (new_string).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
import time
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from provmark.core.facts import Match
from provmark.core.lines import is_solid, normalize

log = logging.getLogger(__name__)

MAX_WRITES = 500_000  # about 8 bytes a line: 100 MB of logs index in well under 100 MB
MAX_AGE_S = 30 * 24 * 3600  # session logs older than this are not read


@dataclass(frozen=True)
class Write:
    tool: str
    session: str | None
    model: str | None
    path: str | None
    lines: array  # hashes of its normalised solid lines: no text is kept


def claude_dir_name(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "-", path)


def _inside(path: str | None, root: Path) -> bool:
    if not path:
        return False
    try:
        Path(path).resolve().relative_to(root)
        return True
    except (ValueError, OSError):
        return False


class _Tail:
    """Incremental reading of one append-only log file."""

    def __init__(self, path: Path):
        self.path = path
        self.offset = 0
        self.skip = False  # a session of another project: never read again
        self.meta: dict[str, Any] = {}

    def new_lines(self) -> list[str]:
        try:
            size = self.path.stat().st_size
            if size < self.offset:  # truncated or replaced: start over
                log.info("%s shrank from %d to %d bytes; reading it again from the start", self.path, self.offset, size)
                self.offset = 0
            if size == self.offset:
                return []
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                data = f.read(size - self.offset)
        except OSError as e:
            log.info("cannot read %s: %s", self.path, e)
            return []
        end = data.rfind(b"\n")
        if end < 0:
            return []  # a line still being written
        self.offset += end + 1
        return data[: end + 1].decode("utf-8", errors="replace").splitlines()


_HEREDOC = re.compile(r"<<-?\s*['\"]?(\w+)['\"]?[^\n]*\n(.*?)\n\1\b", re.S)


def patch_added_lines(patch: str) -> dict[str, list[str]]:
    """Lines added per file by an apply_patch patch (Codex's format)."""
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


def _solid(lines: list[str]) -> array:
    # Unsigned: rapidfuzz reads an array of hashes as a sequence of uint64 items.
    return array("Q", (hash(n) & 0xFFFF_FFFF_FFFF_FFFF for n in (normalize(x) for x in lines) if is_solid(n)))


class TranscriptIndex:
    def __init__(self, root: Path | None, home: Path | None = None, enabled: bool = True):
        self.root = root.resolve() if root else None
        self.home = home or Path.home()
        self.enabled = enabled
        self._tails: dict[Path, _Tail] = {}
        self._writes: list[Write] = []
        self._by_line: dict[int, list[int]] = {}
        self.last_refresh = 0.0
        self._lock = threading.Lock()

    # -- sources ---------------------------------------------------------------
    def _claude_files(self) -> Iterator[tuple[Path, str]]:
        base = Path(os.environ["CLAUDE_CONFIG_DIR"]) if os.environ.get("CLAUDE_CONFIG_DIR") else self.home / ".claude"
        projects = base / "projects"
        if self.root is None or not projects.is_dir():
            return
        name = claude_dir_name(str(self.root))
        try:
            dirs = [d for d in projects.iterdir() if d.is_dir() and (d.name == name or d.name.startswith(name + "-"))]
        except OSError:
            return
        for d in dirs:
            for p in d.rglob("*.jsonl"):
                yield p, "claude-code"

    def _codex_files(self) -> Iterator[tuple[Path, str]]:
        base = Path(os.environ["CODEX_HOME"]) if os.environ.get("CODEX_HOME") else self.home / ".codex"
        sessions = base / "sessions"
        if not sessions.is_dir():
            return
        cutoff = time.time() - MAX_AGE_S
        for p in sessions.rglob("rollout-*.jsonl"):
            try:
                if p.stat().st_mtime >= cutoff:
                    yield p, "codex"
            except OSError:
                continue

    def _gemini_files(self) -> Iterator[tuple[Path, str]]:
        base = (
            Path(os.environ["GEMINI_CLI_HOME"]) / ".gemini"
            if os.environ.get("GEMINI_CLI_HOME")
            else (self.home / ".gemini")
        )
        if self.root is None:
            return
        digest = hashlib.sha256(str(self.root).encode()).hexdigest()
        chats = base / "tmp" / digest / "chats"
        if chats.is_dir():
            for p in chats.glob("session-*.json*"):
                yield p, "gemini-cli"

    def _aider_files(self) -> Iterator[tuple[Path, str]]:
        if self.root is not None:
            p = self.root / ".aider.chat.history.md"
            if p.is_file():
                yield p, "aider"

    # -- reading ---------------------------------------------------------------
    def refresh(self) -> int:
        """Read what the logs gained since the last call; returns the writes added."""
        if not self.enabled or self.root is None:
            return 0
        # The first read runs on a worker thread; a judge on the event loop meanwhile
        # goes on with what is indexed so far rather than wait.
        if not self._lock.acquire(blocking=False):
            return 0
        try:
            return self._refresh()
        finally:
            self._lock.release()

    def _refresh(self) -> int:
        before = len(self._writes)
        for source in (self._claude_files, self._codex_files, self._gemini_files, self._aider_files):
            try:
                files = list(source())
            except OSError as e:
                log.info("cannot list transcripts: %s", e)
                continue
            for path, tool in files:
                tail = self._tails.get(path)
                if tail is None:
                    tail = self._tails[path] = _Tail(path)
                if tail.skip:
                    continue
                if tool == "gemini-cli" and path.suffix == ".json":
                    self._parse_gemini_file(tail)
                    continue
                for line in tail.new_lines():
                    try:
                        self._parse(tool, tail, line)
                    except Exception as e:  # a format change must never stop the server
                        log.debug("unreadable %s line in %s: %s", tool, path, e)
        self.last_refresh = time.monotonic()
        return len(self._writes) - before

    def _parse(self, tool: str, tail: _Tail, line: str) -> None:
        if tool == "aider":
            self._parse_aider(tail, line)
            return
        if not line.strip():
            return
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            return
        if not isinstance(rec, dict):
            return
        if tool == "claude-code":
            self._parse_claude(rec)
        elif tool == "gemini-cli":
            self._parse_gemini_message(tail, rec)
        else:
            self._parse_codex(tail, rec)

    def _parse_claude(self, rec: dict[str, Any]) -> None:
        assert self.root is not None
        if rec.get("type") != "assistant":
            return
        cwd = rec.get("cwd")
        msg = rec.get("message") or {}
        content = msg.get("content")
        if not isinstance(content, list):
            return
        for item in content:
            if not isinstance(item, dict) or item.get("type") != "tool_use":
                continue
            inp = item.get("input") or {}
            path = inp.get("file_path") or inp.get("notebook_path")
            if not (_inside(path, self.root) or (path is None and _inside(cwd, self.root))):
                continue
            name = item.get("name")
            texts: list[str] = []
            if name == "Write":
                texts = [inp.get("content") or ""]
            elif name in ("Edit", "NotebookEdit"):
                texts = [inp.get("new_string") or inp.get("new_source") or ""]
            elif name == "MultiEdit":
                texts = [e.get("new_string") or "" for e in inp.get("edits") or [] if isinstance(e, dict)]
            for text in texts:
                if isinstance(text, str) and text:
                    self._add(
                        Write("claude-code", rec.get("sessionId"), msg.get("model"), path, _solid(text.splitlines()))
                    )

    def _parse_codex(self, tail: _Tail, rec: dict[str, Any]) -> None:
        assert self.root is not None
        kind, payload = rec.get("type"), rec.get("payload") or {}
        if kind == "session_meta":
            tail.meta["session"] = payload.get("id")
            tail.meta["cwd"] = payload.get("cwd")
            if not _inside(payload.get("cwd"), self.root):
                tail.skip = True
            return
        if kind == "turn_context":
            tail.meta["model"] = payload.get("model") or tail.meta.get("model")
            return
        if kind != "response_item" or not _inside(tail.meta.get("cwd"), self.root):
            return
        ptype = payload.get("type")
        texts: list[str] = []
        if ptype == "custom_tool_call" and payload.get("name") == "apply_patch":
            texts.append(str(payload.get("input") or ""))
        elif ptype == "function_call":
            args = payload.get("arguments")
            if isinstance(args, str):
                try:
                    args = json.loads(args)
                except json.JSONDecodeError:
                    args = {"raw": args}
            texts.extend(_strings(args))
        found: dict[bytes, tuple[array, str | None]] = {}  # one write per text, however often it appears
        for text in texts:
            if "*** Begin Patch" in text:
                for path, added in patch_added_lines(text).items():
                    lines = _solid(added)
                    found.setdefault(lines.tobytes(), (lines, path))
            for m in _HEREDOC.finditer(text):
                lines = _solid(m.group(2).splitlines())
                found.setdefault(lines.tobytes(), (lines, None))  # no path: matched by content only
        for solid, written in found.values():
            self._add(Write("codex", tail.meta.get("session"), tail.meta.get("model"), written, solid))

    def _parse_gemini_file(self, tail: _Tail) -> None:
        # A whole-conversation JSON file, rewritten in place as the session grows: read
        # it again when it changes; tool call ids keep each write from counting twice.
        try:
            st = tail.path.stat()
            if (st.st_mtime_ns, st.st_size) == tail.meta.get("stat"):
                return
            tail.meta["stat"] = (st.st_mtime_ns, st.st_size)
            data = json.loads(tail.path.read_text(encoding="utf-8", errors="replace"))
        except (OSError, json.JSONDecodeError) as e:
            log.debug("unreadable gemini session %s: %s", tail.path, e)
            return
        if isinstance(data, dict):
            tail.meta["session"] = data.get("sessionId")
            for msg in data.get("messages") or []:
                if isinstance(msg, dict):
                    self._parse_gemini_message(tail, msg)

    def _parse_gemini_message(self, tail: _Tail, msg: dict[str, Any]) -> None:
        assert self.root is not None
        if "sessionId" in msg and "messages" not in msg:
            tail.meta["session"] = msg.get("sessionId")
        if msg.get("type") != "gemini":
            return
        seen = tail.meta.setdefault("calls", set())
        for call in msg.get("toolCalls") or []:
            if not isinstance(call, dict) or call.get("id") in seen:
                continue
            seen.add(call.get("id"))
            args = call.get("args") or {}
            path = args.get("file_path") or args.get("absolute_path")
            if not _inside(path, self.root):
                continue
            text = args.get("content") if call.get("name") == "write_file" else args.get("new_string")
            if isinstance(text, str) and text:
                self._add(
                    Write("gemini-cli", tail.meta.get("session"), msg.get("model"), path, _solid(text.splitlines()))
                )

    def _parse_aider(self, tail: _Tail, line: str) -> None:
        # Assistant text is everything not quoted (> ) nor a user prompt (#### ); code
        # inside fences and the REPLACE half of SEARCH/REPLACE blocks is what it wrote.
        m = tail.meta
        if line.startswith("> ") and "Model:" in line:
            m["model"] = line.split("Model:", 1)[1].strip().split()[0]
            return
        stripped = line.strip()
        if stripped.startswith("```"):
            if m.get("fence"):
                self._flush_aider(m)
            m["fence"] = not m.get("fence")
            return
        if stripped.startswith("<<<<<<< SEARCH"):
            m["replace"] = False
            m["in_block"] = True
            return
        if stripped == "=======" and m.get("in_block"):
            m["replace"] = True
            return
        if stripped.startswith(">>>>>>> REPLACE"):
            self._flush_aider(m)
            m["replace"] = False
            m["in_block"] = False
            return
        if m.get("in_block"):
            if m.get("replace"):
                m.setdefault("buf", []).append(line)
        elif m.get("fence"):
            m.setdefault("buf", []).append(line)

    def _flush_aider(self, m: dict[str, Any]) -> None:
        buf = m.pop("buf", [])
        if buf:
            self._add(Write("aider", None, m.get("model"), None, _solid(buf)))

    def _add(self, w: Write) -> None:
        if len(w.lines) < 1:
            return
        if len(self._writes) >= MAX_WRITES:
            self._compact()
        wid = len(self._writes)
        self._writes.append(w)
        for h in set(w.lines):
            self._by_line.setdefault(h, []).append(wid)

    def _compact(self) -> None:
        keep = self._writes[len(self._writes) // 2 :]
        self._writes, self._by_line = [], {}
        for w in keep:
            self._add(w)

    # -- matching --------------------------------------------------------------
    def match(self, lines: list[str], min_fraction: float = 0.6) -> Match | None:
        """The write that holds most of `lines` (normalised, solid ones), verified with
        rapidfuzz; None when no tool wrote them."""
        want = _solid(lines)
        with self._lock:  # a refresh on another thread may be compacting the writes
            return self._match(want, min_fraction)

    def _match(self, want: array, min_fraction: float) -> Match | None:
        if not want or not self._writes:
            return None
        votes: Counter[int] = Counter()
        for h in want:
            for wid in set(self._by_line.get(h, ())):
                votes[wid] += 1
        for wid, hits in votes.most_common(3):
            fraction = hits / len(want)
            if fraction < min_fraction:
                break
            w = self._writes[wid]
            # The same lines in the same order: compare the query with the stretch of the
            # write its lines span (fuzz.ratio is linear here; partial_ratio is not).
            where = {h: i for i, h in reversed(list(enumerate(w.lines)))}
            pos = [where[h] for h in want if h in where]
            window = w.lines[min(pos) : max(pos) + 1]
            if fuzz.ratio(want, window) >= 80:  # rapidfuzz compares the hash sequences
                return Match(w.tool, w.session, w.model, round(fraction, 3))
        return None

    def paths(self) -> set[str]:
        """The file paths the indexed writes name, as the tools logged them."""
        with self._lock:
            return {w.path for w in self._writes if w.path}

    def __len__(self) -> int:
        return len(self._writes)


def _strings(obj: Any) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        # A command given as argv: join it so a patch split across items reads whole.
        if all(isinstance(x, str) for x in obj):
            yield "\n".join(obj)
        for v in obj:
            yield from _strings(v)
