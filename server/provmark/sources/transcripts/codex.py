"""Codex CLI: ``~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl`` (``$CODEX_HOME``);
session_meta gives the cwd; apply_patch calls (custom_tool_call input, or a
function_call whose arguments hold the patch) and here-documents in shell calls. See
docs/transcripts.md."""

from __future__ import annotations

import json
import os
import re
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import Reader, Tail, Write, inside, recent, solid, strings

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


class Codex(Reader):
    tool = "codex"

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        base = Path(os.environ["CODEX_HOME"]) if os.environ.get("CODEX_HOME") else home / ".codex"
        sessions = base / "sessions"
        if not sessions.is_dir():
            return
        for p in sessions.rglob("rollout-*.jsonl"):
            if recent(p):
                yield p, None

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
            texts.extend(strings(args))
        found: dict[bytes, tuple[array, str | None]] = {}  # one write per text, however often it appears
        for text in texts:
            if "*** Begin Patch" in text:
                for path, added in patch_added_lines(text).items():
                    lines = solid(added)
                    found.setdefault(lines.tobytes(), (lines, path))
            for m in _HEREDOC.finditer(text):
                lines = solid(m.group(2).splitlines())
                found.setdefault(lines.tobytes(), (lines, None))  # no path: matched by content only
        for lines, written in found.values():
            yield Write(self.tool, tail.meta.get("session"), tail.meta.get("model"), written, lines)
