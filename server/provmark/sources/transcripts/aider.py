"""Aider: ``.aider.chat.history.md`` in the workspace; SEARCH/REPLACE blocks (the
REPLACE half) and fenced code in the assistant's answers. See docs/transcripts.md."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import Reader, Tail, Write, patch_added_lines, solid

# Aider's announcement, quoted: "Main model: X with diff edit format" ("Model:" when the
# weak model is the same; "Weak model:" and "Editor model:" lines are not the writer).
_MODEL = re.compile(r"^> (?:Main model|Model): (\S+)", re.I)
_FILE = re.compile(r"[\w./+@-]+\.\w+")  # a file's name alone on its line


def _added_lines(buf: list[str]) -> dict[str | None, list[str]]:
    """The lines a unified diff or an apply_patch patch adds, per file it names."""
    if any(x.startswith("*** Begin Patch") for x in buf):
        return {name: added for name, added in patch_added_lines("\n".join(buf)).items()}
    out: dict[str | None, list[str]] = {}
    current: str | None = None
    for x in buf:
        if x.startswith("+++ "):
            name = x[4:].strip()
            current = name[2:] if name.startswith("b/") else name
        elif x.startswith("+"):
            out.setdefault(current, []).append(x[1:])
    return out


class Aider(Reader):
    tool = "aider"

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        p = root / ".aider.chat.history.md"
        if p.is_file():
            yield p, None

    def records(self, tail: Tail) -> Iterator[Any]:
        return iter(tail.new_lines())  # markdown, one line at a time

    def parse(self, tail: Tail, line: str) -> Iterator[Write]:
        # Assistant text is everything not quoted (> ) nor a user prompt (#### ); what it
        # wrote is the REPLACE half of SEARCH/REPLACE blocks, the added lines of a diff or
        # patch in a fence (udiff and patch edit formats), and other fenced code (whole).
        m = tail.meta
        found = _MODEL.match(line)
        if found:
            m["model"] = found.group(1)
            return
        stripped = line.strip()
        if stripped.startswith("```"):
            if m.get("fence"):
                yield from self._flush(m, tail.root)
            else:
                m["file"] = m.get("last")  # the file's name stands on the line before the fence
            m["fence"] = not m.get("fence")
            return
        if not m.get("fence") and not m.get("in_block"):
            m["last"] = stripped
        if stripped.startswith("<<<<<<< SEARCH"):
            m["replace"] = False
            m["in_block"] = True
            return
        if stripped == "=======" and m.get("in_block"):
            m["replace"] = True
            return
        if stripped.startswith(">>>>>>> REPLACE"):
            yield from self._flush(m, tail.root)
            m["replace"] = False
            m["in_block"] = False
            return
        if m.get("in_block"):
            if m.get("replace"):
                m.setdefault("buf", []).append(line)
        elif m.get("fence"):
            m.setdefault("buf", []).append(line)

    def _flush(self, m: dict[str, Any], root: Path) -> Iterator[Write]:
        buf = m.pop("buf", [])
        if not buf:
            return
        name = m.get("file")
        path = str(root / name) if name and _FILE.fullmatch(name) else None
        head = next((x for x in buf if x.strip()), "")
        if head.startswith(("--- ", "@@")) or head.startswith("*** Begin Patch"):
            # A diff (udiff format) or a patch (patch format): the lines it adds.
            for file, added in _added_lines(buf).items():
                yield Write(self.tool, None, m.get("model"), str(root / file) if file else path, solid(added))
            return
        yield Write(self.tool, None, m.get("model"), path, solid(buf))

    def fixture(self, home: Path, root: Path, session: str, writes: Sequence[tuple[Path, str]]) -> list[Path]:
        # A chat appended to the history: its header, the settings aider echoes as
        # quotes, the user's request, and a SEARCH/REPLACE block per file (a new file
        # has an empty SEARCH half).
        log = root / ".aider.chat.history.md"
        now = datetime.datetime.now()
        parts = [f"\n# aider chat started at {now:%Y-%m-%d %H:%M:%S}\n\n"]
        parts.append("> aider --model gpt-4o\n> Aider v0.86.1\n> Main model: gpt-4o with diff edit format\n\n")
        parts.append(f"#### write the files ({session})\n\n")
        for path, content in writes:
            rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
            body = content if content.endswith("\n") else content + "\n"
            parts.append(f"{rel}\n```python\n<<<<<<< SEARCH\n=======\n{body}>>>>>>> REPLACE\n```\n\n")
            parts.append(f"> Applied edit to {rel}\n\n")
        with open(log, "a", encoding="utf-8") as f:
            f.write("".join(parts))
        return [log]
