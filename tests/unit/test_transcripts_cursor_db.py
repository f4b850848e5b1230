"""Cursor's editor chat store, SQLite `User/globalStorage/state.vscdb`, in the shape
third-party readers describe (txcript docs/formats/cursor-desktop.md for Cursor 3.16-3.17,
chatrxiv's storage reference, cursor-efficiency's vscdbRelation.md): `cursorDiskKV` rows
`composerData:<composer>` and `bubbleId:<composer>:<bubble>` (JSON; type 1 user, 2
assistant), Cursor 3's `composerHeaders` naming each composer's workspace, or before it
the workspace database's `ItemTable` `composer.composerData`. Read read-only, only the
workspace's composers, tolerant of locks and of a file that is not a database."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from provmark.sources.transcripts import TranscriptIndex
from provmark.sources.transcripts.base import ANSWER
from support.workloads import ws_and_home

CODE = "".join(
    f"def from_cursor_{i}(rows: list) -> list:\n    return [shape(r, width={i}) for r in rows]\n" for i in range(6)
)
EDIT = "".join(f"    subtotal_{i} = price_of(line, discount=0.{i}5)\n" for i in range(6))
ASKED = "".join(f"SELECT name_{i}, count(*) FROM orders_{i} GROUP BY name_{i} ORDER BY 2 DESC;\n" for i in range(6))
KV = "CREATE TABLE {} (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)"
HEADERS = (
    "CREATE TABLE composerHeaders (composerId TEXT PRIMARY KEY, workspaceId TEXT, createdAt INTEGER,"
    " lastUpdatedAt INTEGER, isArchived INTEGER, isSubagent INTEGER, recency INTEGER, checkpointAt INTEGER, value TEXT)"
)


def cursor_user(home: Path) -> Path:
    return home / ".config" / "Cursor" / "User"


def workspace(home: Path, wid: str, folder: Path, composers: list[str] | None = None) -> None:
    """workspaceStorage/<wid>/ naming `folder`; with `composers`, the workspace's own
    database listing them (Cursor before 3)."""
    d = cursor_user(home) / "workspaceStorage" / wid
    d.mkdir(parents=True, exist_ok=True)
    (d / "workspace.json").write_text(json.dumps({"folder": folder.as_uri()}))
    if composers is not None:
        with sqlite3.connect(d / "state.vscdb") as conn:
            conn.execute(KV.format("ItemTable"))
            now = int(time.time() * 1000)
            listed = {"allComposers": [{"composerId": c, "lastUpdatedAt": now, "type": "head"} for c in composers]}
            conn.execute("INSERT INTO ItemTable VALUES ('composer.composerData', ?)", (json.dumps(listed),))
        conn.close()


def global_db(home: Path, headers: bool = True, wal: bool = False) -> Path:
    db = cursor_user(home) / "globalStorage" / "state.vscdb"
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db)
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(KV.format("ItemTable"))
    conn.execute(KV.format("cursorDiskKV"))
    if headers:
        conn.execute(HEADERS)
    conn.commit()
    conn.close()
    return db


def composer(db: Path, cid: str, wid: str | None, bubbles: list[dict[str, Any]], model: str = "default") -> None:
    now = int(time.time() * 1000)
    with sqlite3.connect(db) as conn:
        heads = [{"bubbleId": b["bubbleId"], "type": b["type"]} for b in bubbles]
        data = {"_v": 17, "composerId": cid, "modelConfig": {"modelName": model}, "fullConversationHeadersOnly": heads}
        conn.execute("INSERT INTO cursorDiskKV VALUES (?, ?)", (f"composerData:{cid}", json.dumps(data)))
        if wid is not None:
            head = json.dumps({"type": "head", "composerId": cid, "name": "helpers"})
            conn.execute(
                "INSERT INTO composerHeaders VALUES (?, ?, ?, ?, 0, 0, ?, NULL, ?)", (cid, wid, now, now, now, head)
            )
        for b in bubbles:
            conn.execute("INSERT INTO cursorDiskKV VALUES (?, ?)", (f"bubbleId:{cid}:{b['bubbleId']}", json.dumps(b)))
    conn.close()


def bubble(bid: str, kind: int, **fields: Any) -> dict[str, Any]:
    return {"_v": 3, "type": kind, "bubbleId": bid, "createdAt": "2026-08-17T18:55:41.627Z", **fields}


def edit_bubble(bid: str, name: str, params: dict | None = None, raw: dict | None = None) -> dict[str, Any]:
    tfd = {"tool": 38, "name": name, "toolCallId": f"toolu_{bid}", "status": "completed", "result": "{}"}
    tfd |= {"params": json.dumps(params) if params else "", "rawArgs": json.dumps(raw) if raw else ""}
    return bubble(bid, 2, text="", capabilityType=15, toolFormerData=tfd, modelInfo={"modelName": "claude-4.5-sonnet"})


def test_the_workspaces_composers_answers_and_edits(tmp_path: Path) -> None:
    """Cursor 3: composerHeaders names the workspace; an ask-mode answer (text fences,
    code blocks) and agent edits (edit_file_v2's params, edit_file's rawArgs)."""
    ws, home = ws_and_home(tmp_path)
    other = (tmp_path / "other").resolve()
    other.mkdir()
    workspace(home, "a" * 32, ws)
    workspace(home, "b" * 32, other)
    db = global_db(home)
    answer = f"Use a comprehension:\n\n```python\n{CODE}```\n"
    composer(
        db,
        "c-ask",
        "a" * 32,
        [
            bubble("u1", 1, text="how do I shape rows?"),
            bubble("a1", 2, text=answer, codeBlocks=[{"content": ASKED, "languageId": "sql", "codeBlockIdx": 0}]),
        ],
        model="gpt-5",
    )
    composer(
        db,
        "c-agent",
        "a" * 32,
        [
            bubble("u2", 1, text="add the subtotals"),
            edit_bubble("e1", "edit_file_v2", {"relativeWorkspacePath": "billing.py", "streamingContent": EDIT}),
            edit_bubble("e2", "edit_file", raw={"target_file": str(ws / "shape.py"), "code_edit": CODE.upper()}),
        ],
    )
    composer(db, "c-theirs", "b" * 32, [bubble("x1", 2, text=f"```\n{EDIT.replace('subtotal', 'theirs')}```")])
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 4
    a = idx.match(CODE.splitlines())
    assert a is not None and (a.tool, a.session, a.model, a.kind) == ("cursor", "c-ask", "gpt-5", ANSWER)
    assert idx.match(ASKED.splitlines()) is not None  # a code block of the answer
    e = idx.match(EDIT.splitlines())
    assert e is not None and (e.session, e.model, e.kind) == ("c-agent", "claude-4.5-sonnet", "write")
    assert idx.paths() == {str(ws / "billing.py"), str(ws / "shape.py")}
    assert idx.match(EDIT.replace("subtotal", "theirs").splitlines()) is None  # another workspace's composer
    # Incremental: a bubble rewritten as it streams (replaced: a new row), a new bubble.
    assert idx.refresh() == 0
    more = "".join(f"def later_{i}(x: int) -> int:\n    return scale_value(x, factor={i})\n" for i in range(6))
    with sqlite3.connect(db) as conn:
        full = bubble("a1", 2, text=answer + f"\nAnd:\n```python\n{more}```")
        conn.execute("INSERT INTO cursorDiskKV VALUES (?, ?)", ("bubbleId:c-ask:a1", json.dumps(full)))
    conn.close()
    time.sleep(0.01)
    assert idx.refresh() == 1  # the block already indexed is not kept twice
    assert idx.match(more.splitlines()) is not None


def test_before_cursor_3_the_workspace_database_lists_its_composers(tmp_path: Path) -> None:
    ws, home = ws_and_home(tmp_path)
    workspace(home, "w1", ws, composers=["c-old"])
    db = global_db(home, headers=False, wal=True)
    composer(db, "c-old", None, [edit_bubble("e", "search_replace", {"file_path": "lib/x.py", "new_string": EDIT})])
    composer(db, "c-unlisted", None, [bubble("z", 2, text=f"```\n{CODE}```")])
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 1
    m = idx.match(EDIT.splitlines())
    assert m is not None and m.session == "c-old" and idx.paths() == {str(ws / "lib/x.py")}
    assert idx.match(CODE.splitlines()) is None


def test_a_locked_database_is_read_later_and_nothing_is_written(tmp_path: Path) -> None:
    ws, home = ws_and_home(tmp_path)
    workspace(home, "a" * 32, ws)
    db = global_db(home)
    composer(db, "c1", "a" * 32, [bubble("a", 2, text=f"```\n{CODE}```")])
    before = sorted(p.name for p in db.parent.iterdir())
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")  # Cursor writing: readers get SQLITE_BUSY
    idx = TranscriptIndex(ws, home)
    started = time.monotonic()
    assert idx.refresh() == 0
    assert time.monotonic() - started < 5  # waits a moment for the lock, never long
    writer.execute("COMMIT")
    writer.close()
    assert idx.refresh() == 1
    assert sorted(p.name for p in db.parent.iterdir()) == before  # read-only: no journal, WAL or lock files


def test_a_database_being_written_in_wal_mode(tmp_path: Path) -> None:
    """Cursor keeps writing (WAL) while the logs are read: what is committed is read,
    the rest at the next refresh."""
    ws, home = ws_and_home(tmp_path)
    workspace(home, "a" * 32, ws)
    db = global_db(home, wal=True)
    composer(db, "c1", "a" * 32, [bubble("a0", 2, text="Starting.")])
    idx = TranscriptIndex(ws, home)
    idx.refresh()
    blocks = [
        "".join(f"def wal_{n}_{i}(v: int) -> int:\n    return mix(v, salt={n}{i})\n" for i in range(5))
        for n in range(20)
    ]

    def write() -> None:
        conn = sqlite3.connect(db)
        for n, code in enumerate(blocks):
            b = bubble(f"w{n}", 2, text=f"```\n{code}```")
            conn.execute("INSERT INTO cursorDiskKV VALUES (?, ?)", (f"bubbleId:c1:w{n}", json.dumps(b)))
            conn.commit()
            time.sleep(0.005)
        conn.close()

    t = threading.Thread(target=write)
    t.start()
    while t.is_alive():
        idx.refresh()
    t.join()
    idx.refresh()
    assert all(idx.match(code.splitlines()) is not None for code in blocks)


def test_not_a_database_or_no_such_tables(tmp_path: Path) -> None:
    ws, home = ws_and_home(tmp_path)
    workspace(home, "a" * 32, ws)
    db = cursor_user(home) / "globalStorage" / "state.vscdb"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database, only bytes" * 100)
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 0
    db.unlink()
    sqlite3.connect(db).close()  # an empty database: no tables
    assert idx.refresh() == 0
