"""Cursor: its agent transcripts (the IDE's agent and the `cursor-agent` CLI),
``~/.cursor/projects/<project>/agent-transcripts/`` where ``<project>`` is the workspace's
path without its leading separator and with every ``/`` (and ``.``) as ``-``; a session
is ``<id>.jsonl`` (CLI) or ``<id>/<id>.jsonl`` (IDE), its subagents'
``<id>/subagents/<sub id>.jsonl``. JSON Lines of ``{"role", "message": {"content":
[blocks]}}``: the ``tool_use`` blocks of the assistant's messages (Write ``contents``,
StrReplace ``new_string``, ApplyPatch's ``+`` lines) and fenced code in its ``text``
blocks, as answers. And the editor's chat store, SQLite
``<Cursor user data>/User/globalStorage/state.vscdb`` (read-only): the bubbles of the
workspace's composers, their code (text fences, ``codeBlocks``) as answers, and the edit
tools' calls (``toolFormerData``) as far as their fields are known. See
docs/transcripts.md."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import (
    MAX_AGE_S,
    MAX_LINE,
    Reader,
    Tail,
    Write,
    answers_of,
    inside,
    json_records,
    log,
    patch_added_lines,
    recent,
    write_of,
)
from provmark.sources.transcripts.sqlite_logs import db_stamp, read_db
from provmark.sources.transcripts.vscode import user_dirs, workspaces

# The text an edit tool's input puts in a file, by the field names seen in Cursor's
# transcripts (Write, StrReplace) and its other edit tools' inputs.
_NEW_TEXT = ("contents", "content", "new_string", "newString", "code_edit", "streamingContent")
_PATH = ("path", "file_path", "filePath", "target_file", "relativeWorkspacePath")
BUSY_S = 0.2  # how long a read of Cursor's database waits for a lock (its writes are short)
DB_BUDGET = 64 << 20  # bytes of bubbles read from the database in one refresh; the rest wait
SCOPE_S = 5.0  # how often the workspace's composers are looked up again


def _json(value: Any) -> Any:
    """A JSON cell (text or blob) or a JSON string field, parsed; None when not JSON."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if not isinstance(value, str):
        return value if isinstance(value, dict) else None
    try:
        return json.loads(value)
    except ValueError:
        return None


def _model(name: Any) -> str | None:
    # "default" is the model picker's placeholder, not a model.
    return name if isinstance(name, str) and name and name != "default" else None


def _connect(db: Path) -> sqlite3.Connection:
    """Cursor's database, read-only. A WAL database nobody has open cannot be opened
    read-only (its -shm would have to be made): then, and only then (no WAL beside it,
    so no writer), as immutable. Busy or locked: raised, tried again later."""
    uri = db.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_S, check_same_thread=False)
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return conn
    except sqlite3.OperationalError as e:
        conn.close()
        if "unable to open" not in str(e) or db.with_name(db.name + "-wal").exists():
            raise
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)


def cursor_project_names(root: Path) -> set[str]:
    """The folder names Cursor may give the project at `root` (with and without dots
    turned into dashes: third-party readers disagree)."""
    bare = str(root).lstrip("/\\")
    return {re.sub(r"[/\\]", "-", bare), re.sub(r"[/\\.]", "-", bare)}


class Cursor(Reader):
    tool = "cursor"

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        for user in user_dirs(home, ("Cursor",), servers=False):
            db = user / "globalStorage" / "state.vscdb"
            if db.is_file():
                yield db, None
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

    def records(self, tail: Tail) -> Iterator[Any]:
        if tail.path.suffix == ".vscdb":
            yield from self._db(tail)
        else:
            yield from json_records(tail.new_lines())

    def parse(self, tail: Tail, rec: dict[str, Any]) -> Iterator[Write]:
        if "bubble" in rec:
            yield from self._bubble(tail, rec)
            return
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
        target = inp.get("path") or inp.get("file_path") or inp.get("filePath") or inp.get("target_file")
        file = target if isinstance(target, str) else None
        for key in _NEW_TEXT:
            if isinstance(inp.get(key), str):
                yield file, inp[key]
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

    # -- the editor's chat store (SQLite) ---------------------------------------
    def _db(self, tail: Tail) -> Iterator[dict[str, Any]]:
        """The bubbles the workspace's composers gained since the last look, when the
        database (or its WAL) changed or the composers may have."""
        if db_stamp(tail.path) == tail.meta.get("dbstat") and time.monotonic() - tail.meta.get("scoped", 0.0) < SCOPE_S:
            return
        yield from read_db(tail, _connect, self._db_rows)

    def _db_rows(self, tail: Tail, conn: sqlite3.Connection) -> Generator[dict[str, Any], None, bool]:
        """The bubbles, one record each; returns False when the byte budget cut the read
        short (it goes on at the next refresh)."""
        composers = self._composers(tail, conn)
        seen: dict[str, int] = tail.meta.setdefault("seen", {})  # composer -> the last bubble row read
        budget = DB_BUDGET
        for cid, folder in composers.items():
            # Rows are replaced whole when a bubble changes (a new rowid): the key index
            # gives a composer's bubbles changed since the last look without their values.
            rows = conn.execute(
                "SELECT rowid, length(value) FROM cursorDiskKV WHERE key > ? AND key < ? AND rowid > ? ORDER BY rowid",
                (f"bubbleId:{cid}:", f"bubbleId:{cid};", seen.get(cid, 0)),
            ).fetchall()
            if not rows:
                continue
            model = self._composer_model(conn, cid)
            for rowid, size in rows:
                if (size or 0) > MAX_LINE:
                    log.info("a Cursor bubble of %d bytes; skipped", size)
                elif budget < (size or 0) and budget < DB_BUDGET:
                    return False  # the rest at the next refresh
                else:
                    budget -= size or 0
                    [(value,)] = conn.execute(
                        "SELECT value FROM cursorDiskKV WHERE rowid = ?", (rowid,)
                    ).fetchall() or [(None,)]
                    bubble = _json(value)
                    if isinstance(bubble, dict):
                        yield {"bubble": bubble, "composer": cid, "folder": folder, "model": model}
                seen[cid] = rowid
        return True

    def _composers(self, tail: Tail, conn: sqlite3.Connection) -> dict[str, str]:
        """The composers (chats) of workspaces whose folder is inside ours, changed within
        the age limit, with that folder: Cursor 3's composerHeaders table names each
        composer's workspace; before it, each workspace's own database listed its
        composers (ItemTable, composer.composerData)."""
        if time.monotonic() - tail.meta.get("scoped", 0.0) < SCOPE_S:
            return tail.meta.get("composers", {})
        tail.meta["scoped"] = time.monotonic()
        user = tail.path.parent.parent
        ours = {
            d.name: next(f for f in folders if inside(f, tail.root))
            for d, folders in workspaces(user / "workspaceStorage")
            if any(inside(f, tail.root) for f in folders)
        }
        cutoff = (time.time() - MAX_AGE_S) * 1000
        found: dict[str, str] = {}
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if ours and "composerHeaders" in tables:
            marks = ",".join("?" * len(ours))
            q = f"SELECT composerId, workspaceId, lastUpdatedAt FROM composerHeaders WHERE workspaceId IN ({marks})"
            for cid, wid, updated in conn.execute(q, tuple(ours)).fetchall():
                if isinstance(cid, str) and (not isinstance(updated, (int, float)) or updated >= cutoff):
                    found[cid] = ours[wid]
        for wid, folder in ours.items():
            for cid in self._workspace_composers(user / "workspaceStorage" / wid / "state.vscdb", cutoff):
                found.setdefault(cid, folder)
        tail.meta["composers"] = found
        return found

    @staticmethod
    def _workspace_composers(db: Path, cutoff: float) -> list[str]:
        """The composers a workspace's own database lists (Cursor before 3)."""
        if not db.is_file():
            return []
        try:
            conn = _connect(db)
            try:
                rows = conn.execute("SELECT value FROM ItemTable WHERE key = 'composer.composerData'").fetchall()
            finally:
                conn.close()
        except sqlite3.Error as e:
            log.info("cannot read %s: %s", db, e)
            return []
        data = _json(rows[0][0]) if rows else None
        listed = data.get("allComposers") if isinstance(data, dict) else None
        out = []
        for c in listed if isinstance(listed, list) else ():
            updated = c.get("lastUpdatedAt") if isinstance(c, dict) else None
            fresh = not isinstance(updated, (int, float)) or updated >= cutoff
            if isinstance(c, dict) and isinstance(c.get("composerId"), str) and fresh:
                out.append(c["composerId"])
        return out

    @staticmethod
    def _composer_model(conn: sqlite3.Connection, cid: str) -> str | None:
        try:
            rows = conn.execute(
                "SELECT json_extract(value, '$.modelConfig.modelName') FROM cursorDiskKV WHERE key = ?",
                (f"composerData:{cid}",),
            ).fetchall()
        except sqlite3.Error:  # not JSON, or no JSON functions in this SQLite
            return None
        return _model(rows[0][0]) if rows else None

    def _bubble(self, tail: Tail, rec: dict[str, Any]) -> Iterator[Write]:
        """An assistant bubble: code in its text and code blocks (answers), and its edit
        tool's call (toolFormerData: the call's arguments, JSON strings)."""
        b = rec["bubble"]
        if b.get("type") != 2:
            return
        info = b.get("modelInfo")
        model = _model(info.get("modelName") if isinstance(info, dict) else None) or rec.get("model")
        cid = rec.get("composer")
        yield from answers_of(self.tool, cid, model, b.get("text"))
        for block in b.get("codeBlocks") or []:
            content = block.get("content") if isinstance(block, dict) else None
            if isinstance(content, str) and content:
                yield from answers_of(self.tool, cid, model, f"```\n{content}\n```")
        tfd = b.get("toolFormerData")
        if not isinstance(tfd, dict):
            return
        args: dict[str, Any] = {}
        for key in ("rawArgs", "params"):  # both JSON strings; either may be empty
            parsed = _json(tfd.get(key))
            if isinstance(parsed, dict):
                args = {**parsed, **args}
        name = tfd.get("name")
        if name in ("read_file", "read_file_v2", "run_terminal_cmd", "run_terminal_command_v2", "delete_file"):
            return
        path = next((args[k] for k in _PATH if isinstance(args.get(k), str) and args[k]), None)
        if path and not os.path.isabs(path) and isinstance(rec.get("folder"), str):
            path = os.path.join(rec["folder"], path)  # relative to the composer's workspace folder
        text = next((args[k] for k in _NEW_TEXT if isinstance(args.get(k), str)), None)
        if inside(path, tail.root):
            yield from write_of(self.tool, cid, model, path, text)

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
