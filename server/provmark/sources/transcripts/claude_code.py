"""Claude Code: ``~/.claude/projects/<cwd with every non-alphanumeric as ->/*.jsonl``
(``$CLAUDE_CONFIG_DIR/projects`` when set), subagent logs below it too; tool_use inputs
of Write (content), Edit (new_string), MultiEdit (edits[].new_string), NotebookEdit
(new_source); fenced code in the assistant's text, as answers. See docs/transcripts.md."""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import Reader, Tail, Write, answers_of, inside, write_of


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
            if not isinstance(item, dict):
                continue
            if item.get("type") == "text" and inside(cwd, tail.root):
                # Code in the answer's text: what a person may paste from the terminal.
                yield from answers_of(self.tool, rec.get("sessionId"), msg.get("model"), item.get("text"))
            if item.get("type") != "tool_use":
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

    def fixture(self, home: Path, root: Path, session: str, writes: Sequence[tuple[Path, str]]) -> list[Path]:
        # One assistant message per Write, each followed by its tool result, as Claude
        # Code appends them (the fields a session log carries besides, abridged).
        log = home / ".claude" / "projects" / claude_dir_name(str(root)) / f"{session}.jsonl"
        log.parent.mkdir(parents=True, exist_ok=True)
        common: dict[str, Any] = {"isSidechain": False, "userType": "external", "cwd": str(root), "sessionId": session}
        lines = []
        for path, content in writes:
            call = f"toolu_{uuid.uuid4().hex[:24]}"
            use = {
                "type": "tool_use",
                "id": call,
                "name": "Write",
                "input": {"file_path": str(path), "content": content},
            }
            message: dict[str, Any] = {"id": f"msg_{uuid.uuid4().hex[:24]}", "type": "message", "role": "assistant"}
            message |= {"model": "claude-sonnet-4-5", "content": [use], "stop_reason": "tool_use"}
            lines.append({**common, "type": "assistant", "message": message, "uuid": str(uuid.uuid4())})
            result = {"type": "tool_result", "tool_use_id": call, "content": f"File created successfully at: {path}"}
            user = {"role": "user", "content": [result]}
            lines.append({**common, "type": "user", "message": user, "uuid": str(uuid.uuid4())})
        with open(log, "a", encoding="utf-8") as f:
            f.writelines(json.dumps(x) + "\n" for x in lines)
        return [log]
