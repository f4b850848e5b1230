"""Gemini CLI: ``~/.gemini/tmp/<sha256 of the project root>/chats/session-*.json`` (one
JSON conversation, rewritten as it grows) or ``.jsonl`` (one record a line);
``$GEMINI_CLI_HOME/.gemini`` when set. The toolCalls of "gemini" messages: write_file
(content) and replace (new_string). See docs/transcripts.md."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import Reader, Tail, Write, inside, json_records, write_of


class Gemini(Reader):
    tool = "gemini-cli"

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        base = Path(os.environ.get("GEMINI_CLI_HOME") or home) / ".gemini"
        digest = hashlib.sha256(str(root).encode()).hexdigest()
        chats = base / "tmp" / digest / "chats"
        if chats.is_dir():
            for p in chats.glob("session-*.json*"):
                yield p, None

    def records(self, tail: Tail) -> Iterator[Any]:
        if tail.path.suffix != ".json":
            yield from json_records(tail.new_lines())
            return
        # A whole-conversation JSON file, rewritten in place as the session grows: read
        # it again when it changes; tool call ids keep each write from counting twice.
        data = tail.whole_json()
        if isinstance(data, dict):
            tail.meta["session"] = data.get("sessionId")
            yield from (m for m in data.get("messages") or [] if isinstance(m, dict))

    def parse(self, tail: Tail, msg: dict[str, Any]) -> Iterator[Write]:
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
            if not inside(path, tail.root):
                continue
            text = args.get("content") if call.get("name") == "write_file" else args.get("new_string")
            yield from write_of(self.tool, tail.meta.get("session"), msg.get("model"), path, text)
