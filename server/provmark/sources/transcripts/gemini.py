"""Gemini CLI: sessions in ``~/.gemini/tmp/<project>/chats/`` (``$GEMINI_CLI_HOME/.gemini``
when set), where <project> is the short name ``~/.gemini/projects.json`` gives the
project's path (its folder also holds a ``.project_root`` file naming that path), or,
before Gemini CLI moved to short names, the SHA-256 of the path. A session is a JSON
Lines file (``session-<time>-<id>.jsonl``; a subagent's in a folder named after its
parent session): a metadata line, message records (appended again whole when they
change), ``{"$set": ...}`` updates and ``{"$rewindTo": id}``; older sessions are one
JSON document (``session-*.json``). The toolCalls of "gemini" messages: write_file
(content), replace (new_string) and here-documents in run_shell_command. See
docs/transcripts.md."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import Reader, Tail, Write, heredocs, inside, json_records, write_of

REGISTRY = "projects.json"
MARKER = ".project_root"


def _same(a: str, root: Path) -> bool:
    """Whether the path Gemini CLI recorded is `root` or inside it (it lowercases paths on
    Windows; symlinks are resolved here)."""
    if os.name == "nt":
        a, root = a.lower(), Path(str(root).lower())
    return inside(a, root)


def project_dirs(base: Path, root: Path) -> list[Path]:
    """The folders under ``tmp/`` that hold sessions of `root` or of folders inside it:
    those projects.json names for them (or, without it, whose .project_root names
    them), and the old hash-named folder."""
    tmp = base / "tmp"
    found: list[Path] = []
    try:
        projects = json.loads((base / REGISTRY).read_text(encoding="utf-8")).get("projects")
    except (OSError, ValueError, AttributeError):
        projects = None
    if isinstance(projects, dict):
        found = [tmp / slug for path, slug in projects.items() if isinstance(slug, str) and _same(path, root)]
    if not found and tmp.is_dir():
        # No registry (or not written yet): the ownership markers say the same.
        for d in tmp.iterdir():
            try:
                owner = (d / MARKER).read_text(encoding="utf-8").strip()
            except OSError:
                continue
            if _same(owner, root):
                found.append(d)
    found.append(tmp / hashlib.sha256(str(root).encode()).hexdigest())
    return [d for d in dict.fromkeys(found) if (d / "chats").is_dir()]


def _project_of(tail: Tail) -> str:
    """The project folder a session belongs to, as its .project_root names it (the folder
    under tmp/ that holds chats/); the workspace folder when there is none (an old
    hash-named folder is the workspace's own)."""
    for d in tail.path.parents:
        if d.parent.name == "tmp":
            try:
                return (d / MARKER).read_text(encoding="utf-8").strip() or str(tail.root)
            except OSError:
                break
    return str(tail.root)


class Gemini(Reader):
    tool = "gemini-cli"

    def fixture(self, home: Path, root: Path, session: str, writes: Sequence[tuple[Path, str]]) -> list[Path]:
        return _fixture(home, root, session, writes)

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        base = Path(os.environ.get("GEMINI_CLI_HOME") or home) / ".gemini"
        for d in project_dirs(base, root):
            chats = d / "chats"
            yield from ((p, None) for p in sorted(chats.glob("session-*.json")))
            # Sessions and, one folder down, subagents' sessions.
            yield from ((p, None) for p in sorted(chats.glob("*.jsonl")))
            yield from ((p, None) for p in sorted(chats.glob("*/*.jsonl")))

    def records(self, tail: Tail) -> Iterator[Any]:
        if "project" not in tail.meta:
            tail.meta["project"] = _project_of(tail)
        if tail.path.suffix != ".json":
            yield from json_records(tail.new_lines())
            return
        # A whole-conversation JSON file, rewritten in place as the session grows: read
        # it again when it changes; tool call ids keep each write from counting twice.
        data = tail.whole_json()
        if isinstance(data, dict):
            tail.meta["session"] = data.get("sessionId")
            yield from (m for m in data.get("messages") or [] if isinstance(m, dict))

    def parse(self, tail: Tail, rec: dict[str, Any]) -> Iterator[Write]:
        update = rec.get("$set")
        if isinstance(update, dict):  # a metadata update, or a checkpoint of every message
            if isinstance(update.get("sessionId"), str):
                tail.meta["session"] = update["sessionId"]
            for msg in update.get("messages") or []:
                if isinstance(msg, dict):
                    yield from self._message(tail, msg)
            return
        if "sessionId" in rec and "messages" not in rec:
            tail.meta["session"] = rec.get("sessionId")
        yield from self._message(tail, rec)

    def _message(self, tail: Tail, msg: dict[str, Any]) -> Iterator[Write]:
        if msg.get("type") != "gemini":
            return
        seen = tail.meta.setdefault("calls", set())
        for call in msg.get("toolCalls") or []:
            if not isinstance(call, dict) or call.get("id") in seen:
                continue
            seen.add(call.get("id"))
            path, texts = _written(call, tail.meta.get("project") or str(tail.root), tail.root)
            for text in texts:
                yield from write_of(self.tool, tail.meta.get("session"), msg.get("model"), path, text)


def _written(call: dict[str, Any], project: str, root: Path) -> tuple[str | None, list[Any]]:
    """The file a tool call wrote inside `root` and the texts it wrote there. Paths may be
    relative to the project's folder: Gemini CLI resolves them against it."""
    args = call.get("args") or {}
    name = call.get("name")
    if name == "run_shell_command":
        command = args.get("command")
        where = os.path.join(project, str(args.get("dir_path") or ""))
        return None, list(heredocs(command)) if isinstance(command, str) and inside(where, root) else []
    given = args.get("file_path") or args.get("absolute_path")
    path = os.path.join(project, given) if isinstance(given, str) else None
    if not inside(path, root):
        return None, []
    if name == "write_file":
        return path, [args.get("content")]
    if name == "replace":
        return path, [args.get("new_string")]
    return None, []


def _fixture(home: Path, root: Path, session: str, writes: Sequence[tuple[Path, str]]) -> list[Path]:
    # The current layout: projects.json, the project's folder with its marker, a JSONL
    # session (metadata line, the user's message, one gemini message per write_file).
    base = home / ".gemini"
    registry = base / REGISTRY
    try:
        data = json.loads(registry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {"projects": {}}
    slug = data["projects"].setdefault(str(root), root.name.lower() or "project")
    registry.parent.mkdir(parents=True, exist_ok=True)
    registry.write_text(json.dumps(data, indent=2), encoding="utf-8")
    folder = base / "tmp" / slug
    (folder / "chats").mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(str(root), encoding="utf-8")
    now = datetime.datetime.now(datetime.timezone.utc)
    stamp = now.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    log = folder / "chats" / f"session-{now:%Y-%m-%dT%H-%M}-{session[:8]}.jsonl"
    digest = hashlib.sha256(str(root).encode()).hexdigest()
    records: list[dict[str, Any]] = [
        {"sessionId": session, "projectHash": digest, "startTime": stamp, "lastUpdated": stamp},
        {"id": str(uuid.uuid4()), "timestamp": stamp, "type": "user", "content": [{"text": "write the files"}]},
    ]
    for path, content in writes:
        call_id = f"write_file-{uuid.uuid4().hex[:12]}"
        call = {"id": call_id, "name": "write_file", "args": {"file_path": str(path), "content": content}}
        call |= {"status": "success", "timestamp": stamp, "displayName": "WriteFile", "description": ""}
        msg = {"id": str(uuid.uuid4()), "timestamp": stamp, "type": "gemini", "content": "", "toolCalls": [call]}
        records.append({**msg, "thoughts": [], "model": "gemini-2.5-pro"})
        records.append({"$set": {"lastUpdated": stamp}})
    with open(log, "a", encoding="utf-8") as f:
        f.writelines(json.dumps(r, separators=(",", ":")) + "\n" for r in records)
    return [log]
