"""Codex CLI: ``~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl`` (``$CODEX_HOME``),
archived ones in ``~/.codex/archived_sessions/``, and cold ones compressed in place as
``rollout-*.jsonl.zst`` (zstd, one frame). session_meta gives the cwd; apply_patch calls
(custom_tool_call input, or a function_call whose arguments hold the patch) and
here-documents in shell calls; fenced code in the assistant's messages, as answers. See
docs/transcripts.md."""

from __future__ import annotations

import datetime
import json
import os
import time
import uuid
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import (
    MAX_AGE_S,
    MAX_LINE,
    MAX_WHOLE,
    Reader,
    Tail,
    Write,
    answers_of,
    heredocs,
    inside,
    json_records,
    log,
    patch_added_lines,
    recent,
    solid,
    strings,
)

ZST = ".zst"
FULL_WALK_S = 60.0  # how often every sessions folder is walked (a session resumed after weeks)
_BLOCK = 1 << 18  # compressed bytes fed at once: JSON inflates about 10x, so output stays small


class CorruptLog(ValueError):
    """A compressed log that ends before its frame does, or is not zstd at all."""


def _zst_lines(path: Path, skip: int, done: list[int]) -> Iterator[str]:
    """The lines of a compressed log after its first `skip` bytes (read before, plain);
    `done` gets the log's whole size once its frame is complete. Raises CorruptLog."""
    import zstandard  # only when there is such a file (and the package is there)

    d = zstandard.ZstdDecompressor().decompressobj()
    total, carry = 0, b""
    with open(path, "rb") as f:
        while not d.eof:
            block = f.read(_BLOCK)
            if not block:
                break
            try:
                out = d.decompress(block)
            except zstandard.ZstdError as e:
                raise CorruptLog(f"{path}: {e}") from None
            start = max(0, min(len(out), skip - total))
            total += len(out)
            if total > MAX_WHOLE or len(carry) > MAX_LINE:
                raise CorruptLog(f"{path}: larger than {MAX_WHOLE} bytes once decompressed")
            data = carry + out[start:]
            end = data.rfind(b"\n")
            carry = data[end + 1 :]
            if end >= 0:
                yield from data[: end + 1].decode("utf-8", errors="replace").splitlines()
    if not d.eof:
        raise CorruptLog(f"{path}: ends before its zstd frame does (half written?)")
    if carry:
        yield carry.decode("utf-8", errors="replace")  # a finished log's last line
    done.append(total)


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


class Codex(Reader):
    tool = "codex"

    def __init__(self) -> None:
        # The last full walk of each sessions folder: (when, the recent files it found).
        self._walks: dict[Path, tuple[float, list[Path]]] = {}

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        base = Path(os.environ["CODEX_HOME"]) if os.environ.get("CODEX_HOME") else home / ".codex"
        seen: set[str] = set()  # one file per session: plain before compressed, live before archived
        for sessions in (base / "sessions", base / "archived_sessions"):
            if not sessions.is_dir():
                continue
            for p in self._listing(sessions):
                name = p.name.removesuffix(ZST)
                if not name.endswith(".jsonl") or name in seen:
                    continue  # a temporary file of Codex's (.jsonl.zst.tmp)
                if p.name.endswith(ZST) and p.with_name(name).exists():
                    continue  # Codex reads the plain file when both are there
                if recent(p):
                    seen.add(name)
                    yield p, None

    def _listing(self, sessions: Path) -> list[Path]:
        """The session files under `sessions` changed within the age limit. Years of
        sessions are walked at most once a FULL_WALK_S; in between, only today's and
        yesterday's folders (where new sessions start) are listed again, so that a
        refresh, which runs after every agent write, stays cheap."""
        now = time.monotonic()
        last = self._walks.get(sessions)
        if last is None or now - last[0] > FULL_WALK_S:
            cutoff = time.time() - MAX_AGE_S
            found = sorted(p for p in sessions.rglob("rollout-*.jsonl*") if _mtime(p) >= cutoff)
            self._walks[sessions] = (now, found)
            return found
        days = {datetime.date.today() - datetime.timedelta(days=n) for n in (0, 1)}
        fresh = [p for d in days for p in sessions.joinpath(f"{d:%Y/%m/%d}").glob("rollout-*.jsonl*")]
        return sorted({*last[1], *fresh})

    def key(self, path: Path) -> Path:
        # A session stays one log when compressed or archived: its reading goes on.
        return Path(path.name.removesuffix(ZST))

    def records(self, tail: Tail) -> Iterator[Any]:
        if not tail.path.name.endswith(ZST):
            yield from json_records(tail.new_lines())
            return
        # Compressed: finished, so read whole and once (again only if it changes), from
        # where the plain file's reading stopped.
        st = tail.path.stat()
        stamp = (str(tail.path), st.st_mtime_ns, st.st_size)
        if tail.meta.get("zst") == stamp:
            return
        tail.meta["zst"] = stamp
        done: list[int] = []
        try:
            yield from json_records(_zst_lines(tail.path, tail.offset, done))
        except ImportError:
            log.warning("%s is compressed and the zstandard package is missing; not read", tail.path)
            return
        tail.offset = done[0]

    def parse(self, tail: Tail, rec: dict[str, Any]) -> Iterator[Write]:
        kind, payload = rec.get("type"), rec.get("payload") or {}
        if kind == "session_meta":
            tail.meta["session"] = payload.get("id")
            tail.meta["cwd"] = payload.get("cwd")
            if not inside(payload.get("cwd"), tail.root):
                tail.skip = True
            return
        if kind == "turn_context":
            tail.meta["model"] = payload.get("model") or tail.meta.get("model")
            return
        if kind != "response_item" or not inside(tail.meta.get("cwd"), tail.root):
            return
        ptype = payload.get("type")
        if ptype == "message" and payload.get("role") == "assistant":
            yield from self._answer(tail, payload)
            return
        texts = self._call_texts(payload)
        cwd = str(tail.meta.get("cwd") or tail.root)
        found: dict[bytes, tuple[array, str | None]] = {}  # one write per text, however often it appears
        for text in texts:
            if "*** Begin Patch" in text:
                for path, added in patch_added_lines(text).items():
                    lines = solid(added)
                    # Paths in a patch are relative to the session's folder (or absolute).
                    found.setdefault(lines.tobytes(), (lines, os.path.join(cwd, path)))
            for body in heredocs(text):
                if "*** Begin Patch" in body:
                    continue  # `apply_patch <<'EOF'`: the patch itself, read above
                lines = solid(body.splitlines())
                found.setdefault(lines.tobytes(), (lines, None))  # no path: matched by content only
        for lines, written in found.values():
            yield Write(self.tool, tail.meta.get("session"), tail.meta.get("model"), written, lines)

    @staticmethod
    def _call_texts(payload: dict[str, Any]) -> list[str]:
        """The strings of a tool call's input: an apply_patch patch, a shell command."""
        ptype = payload.get("type")
        if ptype == "custom_tool_call" and payload.get("name") == "apply_patch":
            return [str(payload.get("input") or "")]
        if ptype in ("function_call", "local_shell_call"):
            args = payload.get("arguments") if ptype == "function_call" else payload.get("action")
            if isinstance(args, str):
                try:
                    args = json.loads(args)
                except json.JSONDecodeError:
                    args = {"raw": args}
            return list(strings(args))
        return []

    def _answer(self, tail: Tail, payload: dict[str, Any]) -> Iterator[Write]:
        """Code in an assistant message's text: what a person may paste from the terminal."""
        for part in payload.get("content") or []:
            if isinstance(part, dict) and part.get("type") == "output_text":
                yield from answers_of(self.tool, tail.meta.get("session"), tail.meta.get("model"), part.get("text"))

    def fixture(self, home: Path, root: Path, session: str, writes: Sequence[tuple[Path, str]]) -> list[Path]:
        # session_meta, turn_context, then one apply_patch call (and its output) per write.
        now = datetime.datetime.now()
        sid = str(uuid.uuid5(uuid.NAMESPACE_URL, session))
        log = home / ".codex" / "sessions" / f"{now:%Y/%m/%d}" / f"rollout-{now:%Y-%m-%dT%H-%M-%S}-{sid}.jsonl"
        log.parent.mkdir(parents=True, exist_ok=True)
        stamp = now.isoformat(timespec="milliseconds") + "Z"
        meta = {
            "id": session,
            "timestamp": stamp,
            "cwd": str(root),
            "originator": "codex_cli_rs",
            "cli_version": "0.46.0",
        }
        records: list[dict[str, Any]] = [
            {"timestamp": stamp, "type": "session_meta", "payload": meta},
            {"timestamp": stamp, "type": "turn_context", "payload": {"cwd": str(root), "model": "gpt-5-codex"}},
        ]
        for path, content in writes:
            body = "".join("+" + x + "\n" for x in content.splitlines())
            patch = f"*** Begin Patch\n*** Add File: {path}\n{body}*** End Patch"
            call = f"call_{uuid.uuid4().hex[:24]}"
            item = {"type": "custom_tool_call", "status": "completed", "call_id": call, "name": "apply_patch"}
            records.append({"timestamp": stamp, "type": "response_item", "payload": {**item, "input": patch}})
            out = {"type": "custom_tool_call_output", "call_id": call, "output": "Success. Updated the following files"}
            records.append({"timestamp": stamp, "type": "response_item", "payload": out})
        with open(log, "a", encoding="utf-8") as f:
            f.writelines(json.dumps(r) + "\n" for r in records)
        return [log]
