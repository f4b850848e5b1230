"""Claude Code: ``~/.claude/projects/<cwd with every non-alphanumeric as ->/*.jsonl``
(``$CLAUDE_CONFIG_DIR/projects`` when set), subagent logs below it too; tool_use inputs
of Write (content), Edit (new_string), MultiEdit (edits[].new_string), NotebookEdit
(new_source). See docs/transcripts.md."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import Reader, Tail, Write, inside, write_of


def claude_dir_name(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "-", path)


class ClaudeCode(Reader):
    tool = "claude-code"

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        base = Path(os.environ["CLAUDE_CONFIG_DIR"]) if os.environ.get("CLAUDE_CONFIG_DIR") else home / ".claude"
        projects = base / "projects"
        if not projects.is_dir():
            return
        name = claude_dir_name(str(root))
        try:
            dirs = [d for d in projects.iterdir() if d.is_dir() and (d.name == name or d.name.startswith(name + "-"))]
        except OSError:
            return
        for d in dirs:
            for p in d.rglob("*.jsonl"):
                yield p, None

    def parse(self, tail: Tail, rec: dict[str, Any]) -> Iterator[Write]:
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
            if not (inside(path, tail.root) or (path is None and inside(cwd, tail.root))):
                continue
            name = item.get("name")
            texts: list[Any] = []
            if name == "Write":
                texts = [inp.get("content")]
            elif name in ("Edit", "NotebookEdit"):
                texts = [inp.get("new_string") or inp.get("new_source")]
            elif name == "MultiEdit":
                texts = [e.get("new_string") for e in inp.get("edits") or [] if isinstance(e, dict)]
            for text in texts:
                yield from write_of(self.tool, rec.get("sessionId"), msg.get("model"), path, text)
