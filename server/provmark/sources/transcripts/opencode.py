"""OpenCode (sst/opencode, now anomalyco/opencode) and, in the same format, Kilo Code 7.x
and its CLI (kilo.py). Sessions in ``~/.local/share/opencode/`` (``$XDG_DATA_HOME``):
since 1.2 a SQLite database in WAL mode, ``opencode.db`` (``opencode-<channel>.db``,
``$OPENCODE_DB``), read read-only, and before it JSON files, ``storage/session/<project
id>/<session id>.json``, ``storage/message/<session id>/<message id>.json``,
``storage/part/<message id>/<part id>.json``. What is read: the tool parts of assistant
messages that write (write, edit, multiedit, patch, apply_patch), relative paths from the
session's directory, the model from the message, and fenced code in the text parts of
the answers. See docs/transcripts.md."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
import time
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from provmark.sources.transcripts.base import (
    MAX_AGE_S,
    Reader,
    Tail,
    Write,
    answers_of,
    inside,
    patch_added_lines,
    solid,
    write_of,
)
from provmark.sources.transcripts.json_docs import Budget, first, small_json
from provmark.sources.transcripts.sqlite_logs import db_stamp, read_db, stat_of

OPEN_S = 6 * 3600  # an unfinished assistant message older than this is not looked at again
CHUNK = 500  # session ids in one query (SQLite's limit on parameters is 999 in old builds)
BUSY_S = 0.2  # how long a read waits for a lock (OpenCode's writes are short)
WRITE_TOOLS = frozenset({"write", "edit", "multiedit", "patch", "apply_patch"})
LIVE = frozenset({"running", "completed"})  # a call's input is known (pending: still streamed)


def _created(info: dict[str, Any]) -> float:
    t = info.get("time")
    c = t.get("created") if isinstance(t, dict) else None
    return float(c) if isinstance(c, (int, float)) else 0.0


def _completed(info: dict[str, Any]) -> bool:
    t = info.get("time")
    return isinstance(t, dict) and t.get("completed") is not None


def _loads(data: Any) -> dict[str, Any]:
    try:
        out = json.loads(data) if isinstance(data, (str, bytes)) else data
    except ValueError:
        return {}
    return out if isinstance(out, dict) else {}


class OpenCode(Reader):
    tool = "opencode"
    app: ClassVar[str] = "opencode"  # its folder under the XDG data folder
    db_env: ClassVar[str] = "OPENCODE_DB"
    db_globs: ClassVar[tuple[str, ...]] = ("opencode*.db",)

    def __init__(self) -> None:
        self._budget = Budget()
        self._ours: dict[tuple[str, Path], bool] = {}  # (session directory, workspace) -> inside it
        # storage/session/<project>/: (its mtime, [(session file, session id, directory)]).
        self._projects: dict[Path, tuple[int, list[tuple[Path, str, str | None]]]] = {}

    # -- where -------------------------------------------------------------------
    def data_dirs(self, home: Path) -> list[Path]:
        """$XDG_DATA_HOME/<app> and ~/.local/share/<app> (OpenCode uses the XDG folders on
        every OS, macOS and Windows too)."""
        dirs = [Path(os.environ["XDG_DATA_HOME"]) / self.app] if os.environ.get("XDG_DATA_HOME") else []
        dirs.append(home / ".local" / "share" / self.app)
        return [d for d in dict.fromkeys(dirs) if d.is_dir()]

    def _dbs(self, data: Path) -> list[Path]:
        found = [p for g in self.db_globs for p in sorted(data.glob(g))]
        given = os.environ.get(self.db_env)
        if given and given != ":memory:":
            found.append(Path(given) if os.path.isabs(given) else data / given)
        return list(dict.fromkeys(found))

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        self._budget.reset()
        cutoff = time.time() - MAX_AGE_S
        for data in self.data_dirs(home):
            for db in self._dbs(data):
                wal = db.with_name(db.name + "-wal")
                if max((s[0] / 1e9 for s in (stat_of(db), stat_of(wal)) if s), default=0) >= cutoff:
                    yield db, None
            sessions = data / "storage" / "session"
            if sessions.is_dir():
                for path, sid, directory in self._json_sessions(sessions):
                    message_dir = data / "storage" / "message" / sid
                    recent = max((s[0] / 1e9 for s in (stat_of(path), stat_of(message_dir)) if s), default=0) >= cutoff
                    if recent and self.ours(directory, root):
                        yield path, sid

    def _json_sessions(self, sessions: Path) -> Iterator[tuple[Path, str, str | None]]:
        """The JSON sessions, each read once for its directory (a project's folder listed
        again when it changes: a new session)."""
        try:
            projects = [d for d in sessions.iterdir() if d.is_dir()]
        except OSError:
            return
        for project in projects:
            stamp = stat_of(project)
            last = self._projects.get(project)
            if stamp is None:
                continue
            if last is None or last[0] != stamp[0]:
                known = {p: (s, d) for p, s, d in (last[1] if last else [])}
                listed = []
                for p in sorted(project.glob("*.json")):
                    if p in known:
                        listed.append((p, *known[p]))
                        continue
                    info = small_json(p) or {}
                    directory = info.get("directory")
                    listed.append((p, p.stem, directory if isinstance(directory, str) else None))
                self._projects[project] = last = (stamp[0], listed)
            yield from last[1]

    def ours(self, directory: Any, root: Path) -> bool:
        if not isinstance(directory, str) or not directory:
            return False
        key = (directory, root)
        if key not in self._ours:
            self._ours[key] = inside(directory, root)
        return self._ours[key]

    # -- reading -----------------------------------------------------------------
    def records(self, tail: Tail) -> Iterator[Any]:
        if tail.path.suffix == ".db":
            yield from self._db(tail)
        else:
            yield from self._json(tail)

    def _db(self, tail: Tail) -> Iterator[dict[str, Any]]:
        """What the database gained since the last look (only when it or its WAL changed):
        new messages of the workspace's sessions and the parts of those not finished yet,
        read-only (sqlite_logs.read_db: busy or locked, read at the next refresh)."""
        if db_stamp(tail.path) != tail.meta.get("dbstat"):
            yield from read_db(tail, _connect, self._db_rows)

    def _db_rows(self, tail: Tail, conn: sqlite3.Connection) -> Generator[dict[str, Any], None, bool]:
        """The parts, one record each; returns False when the budget cut the read short
        (it goes on at the next refresh). Every query is fetched whole before its rows
        are given, so no read lock is held meanwhile."""
        now = time.time() * 1000
        cutoff = now - MAX_AGE_S * 1000
        # Every session of the workspace (the table is small); the index on the messages'
        # session and creation time keeps to the new ones.
        sessions = {sid: d for sid, d in conn.execute("SELECT id, directory FROM session") if self.ours(d, tail.root)}
        if not sessions:
            return True
        opened: dict[str, dict[str, Any]] = tail.meta.setdefault("open", {})
        since, edge = tail.meta.get("since", cutoff), tail.meta.get("edge", set())
        fresh: list[tuple[int, str, str, Any]] = []
        ids = list(sessions)
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i : i + CHUNK]
            fresh += [r for r in _new_messages(conn, chunk, since) if r[1] not in edge and r[1] not in opened]
        for t_created, mid, sid, role in sorted(fresh):
            if role == "assistant":
                opened[mid] = {"session": sid, "seen": {}, "created": t_created}
            if t_created > since:
                since, edge = t_created, set()
            edge.add(mid)
            tail.meta["since"], tail.meta["edge"] = since, edge
        for mid, state in list(opened.items()):
            if self._budget.left <= 0:
                return False
            row = conn.execute("SELECT data FROM message WHERE id = ?", (mid,)).fetchone()
            info = _loads(row[0]) if row else {}
            seen = state["seen"]
            parts = conn.execute(
                "SELECT id, time_updated, data FROM part WHERE message_id = ? ORDER BY id", (mid,)
            ).fetchall()
            for pid, updated, pdata in parts:
                if seen.get(pid) == updated:
                    continue
                seen[pid] = updated
                self._budget.left -= len(pdata or "")
                cwd = sessions.get(state["session"])
                yield {"part": _loads(pdata), "info": info, "session": state["session"], "cwd": cwd}
            if not row or _completed(info) or state["created"] < now - OPEN_S * 1000:
                del opened[mid]
        return True

    def _json(self, tail: Tail) -> Iterator[dict[str, Any]]:
        """A JSON session's messages not finished when last read, and their parts changed
        since (each file read once it changed; a finished message never again)."""
        storage = tail.path.parents[2]
        sid = tail.meta.get("session") or tail.path.stem
        if "cwd" not in tail.meta:
            info = small_json(tail.path) or {}
            tail.meta["cwd"] = info.get("directory") if isinstance(info.get("directory"), str) else None
        done: set[str] = tail.meta.setdefault("done", set())
        opened: dict[str, dict[str, Any]] = tail.meta.setdefault("open", {})
        now = time.time() * 1000
        try:
            messages = sorted((storage / "message" / sid).glob("*.json"))
        except OSError:
            return
        for mfile in messages:
            mid = mfile.stem
            if mid in done:
                continue
            if self._budget.left <= 0:
                return
            info = small_json(mfile) or {}
            if info.get("role") != "assistant":
                if info:
                    done.add(mid)  # a user message: the person's text, never an answer
                continue
            seen = opened.setdefault(mid, {})
            for pfile in sorted((storage / "part" / mid).glob("*.json")):
                stamp = stat_of(pfile)
                if stamp is None or seen.get(pfile.name) == stamp:
                    continue
                seen[pfile.name] = stamp
                self._budget.left -= stamp[1]
                yield {"part": small_json(pfile) or {}, "info": info, "session": sid, "cwd": tail.meta["cwd"]}
            if _completed(info) or _created(info) < now - OPEN_S * 1000:
                done.add(mid)
                opened.pop(mid, None)

    def parse(self, tail: Tail, rec: dict[str, Any]) -> Iterator[Write]:
        part, info = rec.get("part") or {}, rec.get("info") or {}
        session, cwd = rec.get("session"), rec.get("cwd")
        model = info.get("modelID")
        if part.get("type") == "text" and info.get("role") == "assistant" and not part.get("synthetic"):
            if self.ours(cwd, tail.root):
                yield from answers_of(self.tool, session, model, part.get("text"))
            return
        state = part.get("state")
        if part.get("type") != "tool" or part.get("tool") not in WRITE_TOOLS or not isinstance(state, dict):
            return
        inp = state.get("input")
        if state.get("status") not in LIVE or not isinstance(inp, dict) or not self.ours(cwd, tail.root):
            return

        def where(p: Any) -> str | None:
            # Relative paths are resolved against the session's directory, as OpenCode does.
            if not isinstance(p, str) or not p:
                return None
            full = p if os.path.isabs(p) else os.path.join(str(cwd), p)
            return full if inside(full, tail.root) else None

        name = part.get("tool")
        if name in ("patch", "apply_patch"):
            text = inp.get("patchText")
            if isinstance(text, str):
                for p, added in patch_added_lines(text).items():
                    if (full := where(p)) and (lines := solid(added)):
                        yield Write(self.tool, session, model if isinstance(model, str) else None, full, lines)
            return
        if name == "multiedit" and isinstance(inp.get("edits"), list):
            for e in inp["edits"]:
                if isinstance(e, dict):
                    path = where(e.get("filePath") or inp.get("filePath"))
                    yield from write_of(self.tool, session, model, path, e.get("newString")) if path else ()
            return
        path = where(inp.get("filePath"))
        if path:
            yield from write_of(self.tool, session, model, path, first(inp, ("content", "newString")))

    # -- fixture -----------------------------------------------------------------
    def fixture(self, home: Path, root: Path, session: str, writes: Sequence[tuple[Path, str]]) -> list[Path]:
        # OpenCode 1.2+: the database (WAL mode) with the tables it reads, as OpenCode's
        # migrations make them; a session of the workspace, the user's message, then per
        # write an assistant message with its step-start, a completed `write` tool part
        # and its step-finish.
        data = home / ".local" / "share" / self.app
        data.mkdir(parents=True, exist_ok=True)
        db = data / f"{self.db_globs[0].split('*')[0]}.db"
        conn = sqlite3.connect(db)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.executescript(SCHEMA)
            now = int(time.time() * 1000)
            project = hashlib.sha1(str(root).encode()).hexdigest()
            conn.execute(
                "INSERT OR IGNORE INTO project (id, worktree, vcs, time_created, time_updated, sandboxes) "
                "VALUES (?, ?, 'git', ?, ?, '[]')",
                (project, str(root), now, now),
            )
            conn.execute(
                "INSERT INTO session (id, project_id, slug, directory, title, version, time_created, time_updated) "
                "VALUES (?, ?, ?, ?, 'Write the files', '1.2.27', ?, ?)",
                (session, project, "calm-river", str(root), now, now),
            )
            user_id = _id("msg")
            user: dict[str, Any] = {"role": "user", "time": {"created": now}, "agent": "build"}
            user["model"] = {"providerID": "anthropic", "modelID": "claude-sonnet-4-5"}
            _row(conn, "message", user_id, session, now, user)
            _part(conn, user_id, session, now, {"type": "text", "text": "write the files"})
            for path, content in writes:
                mid = _id("msg")
                info: dict[str, Any] = {"role": "assistant", "parentID": user_id}
                info["time"] = {"created": now, "completed": now + 1}
                info |= {"modelID": "claude-sonnet-4-5", "providerID": "anthropic", "mode": "build", "agent": "build"}
                info |= {"path": {"cwd": str(root), "root": str(root)}, "cost": 0, "finish": "tool-calls"}
                info["tokens"] = {"input": 10, "output": 20, "reasoning": 0, "cache": {"read": 0, "write": 0}}
                _row(conn, "message", mid, session, now, info)
                _part(conn, mid, session, now, {"type": "step-start"})
                state = {"status": "completed", "input": {"filePath": str(path), "content": content}}
                state |= {"output": "Wrote file successfully.", "title": os.path.relpath(path, root)}
                state |= {"metadata": {"diagnostics": {}, "filepath": str(path), "exists": False}}
                state["time"] = {"start": now, "end": now + 1}
                _part(
                    conn,
                    mid,
                    session,
                    now,
                    {"type": "tool", "callID": f"toolu_{secrets.token_hex(12)}", "tool": "write", "state": state},
                )
                _part(
                    conn,
                    mid,
                    session,
                    now,
                    {"type": "step-finish", "reason": "tool-calls", "cost": 0, "tokens": info["tokens"]},
                )
            conn.commit()
        finally:
            conn.close()
        return [db]


def _new_messages(conn: sqlite3.Connection, sessions: list[str], since: float) -> list[tuple[int, str, str, Any]]:
    """(created, id, session, role) of the sessions' messages created since `since`. Only
    the role is taken out of a message's data (a user message's may hold whole files, its
    summary's diffs), by SQLite's JSON functions, else (a build without them) here."""
    where = f" FROM message WHERE session_id IN ({','.join('?' * len(sessions))}) AND time_created >= ?"
    try:
        return conn.execute(
            "SELECT time_created, id, session_id, json_extract(data, '$.role')" + where, (*sessions, since)
        ).fetchall()
    except sqlite3.OperationalError as e:
        if "json_extract" not in str(e):
            raise
    rows = conn.execute("SELECT time_created, id, session_id, data" + where, (*sessions, since)).fetchall()
    return [(t, mid, sid, _loads(data).get("role")) for t, mid, sid, data in rows]


def _connect(db: Path) -> sqlite3.Connection:
    """OpenCode's database, read-only. With no WAL beside it no OpenCode has it open: then
    as immutable, rather than leave behind the empty -wal and -shm files a read-only open
    of a WAL database makes."""
    mode = "mode=ro" if stat_of(db.with_name(db.name + "-wal")) else "immutable=1"
    return sqlite3.connect(f"{db.resolve().as_uri()}?{mode}", uri=True, timeout=BUSY_S, check_same_thread=False)


# The tables OpenCode 1.2's migrations create, with the columns Provmark reads (and those
# that may not be null): packages/opencode/src/session/session.sql.ts, project.sql.ts.
SCHEMA = """
CREATE TABLE IF NOT EXISTS project (id text PRIMARY KEY, worktree text NOT NULL, vcs text, name text,
  icon_url text, icon_color text, time_created integer NOT NULL, time_updated integer NOT NULL,
  time_initialized integer, sandboxes text NOT NULL);
CREATE TABLE IF NOT EXISTS session (id text PRIMARY KEY, project_id text NOT NULL REFERENCES project(id)
  ON DELETE CASCADE, parent_id text, slug text NOT NULL, directory text NOT NULL, title text NOT NULL,
  version text NOT NULL, share_url text, summary_additions integer, summary_deletions integer,
  summary_files integer, summary_diffs text, revert text, permission text, time_created integer NOT NULL,
  time_updated integer NOT NULL, time_compacting integer, time_archived integer);
CREATE TABLE IF NOT EXISTS message (id text PRIMARY KEY, session_id text NOT NULL REFERENCES session(id)
  ON DELETE CASCADE, time_created integer NOT NULL, time_updated integer NOT NULL, data text NOT NULL);
CREATE TABLE IF NOT EXISTS part (id text PRIMARY KEY, message_id text NOT NULL REFERENCES message(id)
  ON DELETE CASCADE, session_id text NOT NULL, time_created integer NOT NULL, time_updated integer NOT NULL,
  data text NOT NULL);
CREATE INDEX IF NOT EXISTS session_project_idx ON session (project_id);
CREATE INDEX IF NOT EXISTS message_session_time_created_id_idx ON message (session_id, time_created, id);
CREATE INDEX IF NOT EXISTS part_message_id_id_idx ON part (message_id, id);
CREATE INDEX IF NOT EXISTS part_session_idx ON part (session_id);
"""

_counter = 0


def _id(prefix: str) -> str:
    """An id in OpenCode's ascending form: the prefix, 12 hex digits of the time (ms,
    shifted, with a counter) and 14 random characters."""
    global _counter
    _counter += 1
    stamp = (int(time.time() * 1000) << 12) + (_counter & 0xFFF)
    return f"{prefix}_{stamp & 0xFFFFFFFFFFFF:012x}{secrets.token_hex(7)}"


def _row(conn: sqlite3.Connection, table: str, rid: str, session: str, now: int, data: dict[str, Any]) -> None:
    conn.execute(
        f"INSERT INTO {table} (id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?)",
        (rid, session, now, now, json.dumps(data, separators=(",", ":"))),
    )


def _part(conn: sqlite3.Connection, message: str, session: str, now: int, data: dict[str, Any]) -> None:
    conn.execute(
        "INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?, ?)",
        (_id("prt"), message, session, now, now, json.dumps(data, separators=(",", ":"))),
    )
