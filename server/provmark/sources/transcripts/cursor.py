"""Cursor's agent transcripts (the IDE's agent and the `cursor-agent` CLI):
``~/.cursor/projects/<project>/agent-transcripts/`` where ``<project>`` is the workspace's
path without its leading separator and with every ``/`` (and ``.``) as ``-``; a session
is ``<id>.jsonl`` (CLI) or ``<id>/<id>.jsonl`` (IDE), its subagents'
``<id>/subagents/<sub id>.jsonl``. JSON Lines of ``{"role", "message": {"content":
[blocks]}}``: the ``tool_use`` blocks of the assistant's messages (Write ``contents``,
StrReplace ``new_string``, ApplyPatch's ``+`` lines) and fenced code in its ``text``
blocks, as answers. See docs/transcripts.md."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import (
    Reader,
    Tail,
    Write,
    answers_of,
    inside,
    patch_added_lines,
    recent,
    write_of,
)

# The text an edit tool's input puts in a file, by the field names seen in Cursor's
# transcripts (Write, StrReplace) and its other edit tools' inputs.
_NEW_TEXT = ("contents", "content", "new_string", "newString", "code_edit", "streamingContent")


def cursor_project_names(root: Path) -> set[str]:
    """The folder names Cursor may give the project at `root` (with and without dots
    turned into dashes: third-party readers disagree)."""
    bare = str(root).lstrip("/\\")
    return {re.sub(r"[/\\]", "-", bare), re.sub(r"[/\\.]", "-", bare)}


class Cursor(Reader):
    tool = "cursor"

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        projects = home / ".cursor" / "projects"
        if not projects.is_dir():
            return
        names = cursor_project_names(root)
        try:
            dirs = [d for d in projects.iterdir() if d.name in names or any(d.name.startswith(n + "-") for n in names)]
        except OSError:
            return
        for d in dirs:
            transcripts = d / "agent-transcripts"
            if not transcripts.is_dir():
                continue
            for p in sorted(transcripts.rglob("*.jsonl")):
                if recent(p):
                    yield p, p.stem

    def parse(self, tail: Tail, rec: dict[str, Any]) -> Iterator[Write]:
        if rec.get("role") != "assistant":
            return
        content = (rec.get("message") or {}).get("content")
        if not isinstance(content, list):
            return
        session = tail.meta.get("session")
        if "base" not in tail.meta:
            tail.meta["base"] = self._base(tail)
        base = tail.meta["base"]
        for block in content:
            if not isinstance(block, dict):
                continue
            if block.get("type") == "text":
                yield from answers_of(self.tool, session, None, block.get("text"))
            elif block.get("type") == "tool_use":
                for path, text in self._edits(block.get("name"), block.get("input")):
                    if path and not os.path.isabs(path) and base is not None:
                        path = str(base / path)
                    if inside(path, tail.root):
                        yield from write_of(self.tool, session, None, path, text)

    @staticmethod
    def _edits(name: Any, inp: Any) -> Iterator[tuple[str | None, Any]]:
        """(file, the text an edit tool's call puts in) for each file it edits."""
        if name in ("ApplyPatch", "apply_patch"):
            patch = inp.get("patch") if isinstance(inp, dict) else inp
            if isinstance(patch, str):
                for path, added in patch_added_lines(patch).items():
                    yield path, "\n".join(added)
            return
        if not isinstance(inp, dict) or name in ("Read", "Grep", "Glob", "Shell", "Delete"):
            return
        path = inp.get("path") or inp.get("file_path") or inp.get("filePath") or inp.get("target_file")
        for key in _NEW_TEXT:
            if isinstance(inp.get(key), str):
                yield path, inp[key]
                return

    @staticmethod
    def _base(tail: Tail) -> Path | None:
        """The folder relative paths are relative to: the transcript names none, so the
        workspace when its project folder is named for the workspace exactly (not for a
        folder inside it, which the lossy name does not tell)."""
        for parent in tail.path.parents:
            if parent.name == "agent-transcripts":
                return tail.root if parent.parent.name in cursor_project_names(tail.root) else None
        return None

    def fixture(self, home: Path, root: Path, session: str, writes: Sequence[tuple[Path, str]]) -> list[Path]:
        # An IDE agent session (<id>/<id>.jsonl): the user's query, then per file the
        # assistant's note and its Write call, then its closing answer.
        project = re.sub(r"[/\\]", "-", str(root).lstrip("/\\"))
        log = home / ".cursor" / "projects" / project / "agent-transcripts" / session / f"{session}.jsonl"
        log.parent.mkdir(parents=True, exist_ok=True)
        query = {"type": "text", "text": "<user_query>\nAdd the helpers\n</user_query>"}
        lines: list[dict[str, Any]] = [{"role": "user", "message": {"content": [query]}}]
        for path, content in writes:
            note = {"type": "text", "text": f"Creating `{path.name}`."}
            call = {"type": "tool_use", "name": "Write", "input": {"path": str(path), "contents": content}}
            lines.append({"role": "assistant", "message": {"content": [note, call]}})
        lines.append({"role": "assistant", "message": {"content": [{"type": "text", "text": "Added the helpers."}]}})
        with open(log, "a", encoding="utf-8") as f:
            f.writelines(json.dumps(x) + "\n" for x in lines)
        return [log]
