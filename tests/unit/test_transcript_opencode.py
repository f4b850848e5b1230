"""OpenCode's sessions: the SQLite database of 1.2+ (WAL mode, read read-only while
OpenCode holds it open) and the JSON files before it; Kilo Code 7.x in the same format
in its own folder. Every fixture is written here in the format OpenCode's source writes
(docs/transcripts.md): the session, message and part tables with their JSON data
columns, or storage/session|message|part/*.json."""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from pathlib import Path

import pytest

from provmark.sources.transcripts import TranscriptIndex
from provmark.sources.transcripts.base import ANSWER
from provmark.sources.transcripts.json_docs import Budget
from provmark.sources.transcripts.kilo import KiloCode
from provmark.sources.transcripts.opencode import SCHEMA, OpenCode

CODE = "".join(f"def oc_step_{i}(data):\n    return transform(data, option={i})\n\n" for i in range(6))
CODE2 = "".join(f"def other_step_{i}(rows):\n    return summarise(rows, level={i})\n\n" for i in range(6))
OLD = "".join(f"    total_{i} = compute_total(order, tax_rate={i})\n" for i in range(3))
NEW = "".join(f"    total_{i} = compute_total(order, tax_rate={i}, rounding=True)\n" for i in range(3))
NEW2 = "".join(f"    row_{i} = fetch_row(cursor, index={i}, strict=True)\n" for i in range(4))
NEW3 = "".join(f"    cell_{i} = render_cell(table, column={i}, width=12)\n" for i in range(4))


def assistant_info(ws: Path, completed: bool = True, model: str = "claude-sonnet-4-5") -> dict:
    t = int(time.time() * 1000)
    info = {"role": "assistant", "time": {"created": t}, "parentID": "msg_user", "modelID": model}
    info |= {"providerID": "anthropic", "mode": "build", "agent": "build", "path": {"cwd": str(ws), "root": str(ws)}}
    info |= {"cost": 0, "tokens": {"input": 1, "output": 2, "reasoning": 0, "cache": {"read": 0, "write": 0}}}
    if completed:
        info["time"]["completed"] = t + 5
    return info


def tool_part(tool: str, inp: dict, status: str = "completed") -> dict:
    state: dict = {"status": status, "input": inp}
    if status == "completed":
        state |= {"output": "ok", "title": "t", "metadata": {}, "time": {"start": 1, "end": 2}}
    elif status == "running":
        state["time"] = {"start": 1}
    elif status == "pending":
        state["raw"] = json.dumps(inp)[:10]
    elif status == "error":
        state |= {"error": "denied", "time": {"start": 1, "end": 2}}
    return {"type": "tool", "callID": f"toolu_{tool}_{status}", "tool": tool, "state": state}


class Store:
    """An OpenCode database as OpenCode keeps it open: WAL mode, the writer connected."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.executescript(SCHEMA)
        self.n = 0

    def ms(self) -> int:
        self.n += 1
        return int(time.time() * 1000) + self.n

    def session(self, sid: str, directory: Path) -> None:
        t = self.ms()
        self.conn.execute(
            "INSERT OR IGNORE INTO project (id, worktree, time_created, time_updated, sandboxes)"
            " VALUES ('p1', '/', ?, ?, '[]')",
            (t, t),
        )
        self.conn.execute(
            "INSERT INTO session (id, project_id, slug, directory, title, version, time_created, time_updated)"
            " VALUES (?, 'p1', 'slug', ?, 'title', '1.2.27', ?, ?)",
            (sid, str(directory), t, t),
        )
        self.conn.commit()

    def message(self, mid: str, sid: str, info: dict) -> None:
        t = self.ms()
        self.conn.execute(
            "INSERT OR REPLACE INTO message (id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?)",
            (mid, sid, t, t, json.dumps(info)),
        )
        self.conn.commit()

    def part(self, pid: str, mid: str, sid: str, data: dict) -> None:
        t = self.ms()
        # Session.updatePart: insert, or update the data (time_updated set by $onUpdate).
        self.conn.execute(
            "INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET data = excluded.data, time_updated = excluded.time_updated",
            (pid, mid, sid, t, t, json.dumps(data, separators=(",", ":"))),
        )
        self.conn.commit()


def db_of(home: Path, app: str = "opencode", name: str = "opencode.db") -> Store:
    return Store(home / ".local" / "share" / app / name)


def test_opencode_database_tools_edits_answers(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    st = db_of(home)
    st.session("ses_ours", ws)
    st.session("ses_other", ws.parent / "other")
    st.message("msg_u1", "ses_ours", {"role": "user", "time": {"created": 1}, "agent": "build"})
    st.part(
        "prt_u1", "msg_u1", "ses_ours", {"type": "text", "text": f"like this:\n```py\n{CODE2}```\n"}
    )  # the person's
    st.message("msg_a1", "ses_ours", assistant_info(ws))
    st.part("prt_01", "msg_a1", "ses_ours", {"type": "step-start"})
    st.part("prt_02", "msg_a1", "ses_ours", tool_part("write", {"filePath": str(ws / "src" / "a.py"), "content": CODE}))
    st.part(
        "prt_03", "msg_a1", "ses_ours", tool_part("edit", {"filePath": "src/b.py", "oldString": OLD, "newString": NEW})
    )
    st.part(
        "prt_04",
        "msg_a1",
        "ses_ours",
        tool_part(
            "multiedit",
            {
                "filePath": str(ws / "c.py"),
                "edits": [{"filePath": str(ws / "c.py"), "oldString": "x", "newString": NEW2}],
            },
        ),
    )
    patch = (
        "*** Begin Patch\n*** Update File: src/d.py\n@@\n-    pass\n"
        + "".join("+" + x + "\n" for x in NEW3.splitlines())
        + "*** End Patch"
    )
    st.part("prt_05", "msg_a1", "ses_ours", tool_part("apply_patch", {"patchText": patch}))
    st.part(
        "prt_06",
        "msg_a1",
        "ses_ours",
        tool_part("write", {"filePath": str(ws / "e.py"), "content": "x = 1\n" + CODE2}, "error"),
    )
    st.part("prt_07", "msg_a1", "ses_ours", tool_part("write", {}, "pending"))
    st.part("prt_08", "msg_a1", "ses_ours", {"type": "text", "text": f"Or by hand:\n\n```python\n{CODE2}```\n"})
    st.message("msg_o1", "ses_other", assistant_info(ws.parent / "other"))
    st.part(
        "prt_o1", "msg_o1", "ses_other", tool_part("write", {"filePath": str(ws / "z.py"), "content": CODE + CODE2})
    )
    idx = TranscriptIndex(ws, home, readers=[OpenCode()])
    assert idx.refresh() == 5
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.session, m.model) == ("opencode", "ses_ours", "claude-sonnet-4-5")
    assert idx.match(NEW.splitlines()) is not None and idx.match(OLD.splitlines()) is None
    assert idx.match(NEW2.splitlines()) is not None and idx.match(NEW3.splitlines()) is not None
    a = idx.match(CODE2.splitlines())
    assert a is not None and a.kind == ANSWER  # the answer's, not the person's own message
    assert idx.paths() == {
        str(ws / "src" / "a.py"),
        str(ws / "src" / "b.py"),
        str(ws / "c.py"),
        str(ws / "src" / "d.py"),
    }
    st.conn.close()


def test_opencode_database_incremental_and_read_only(
    ws_home: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, home = ws_home
    st = db_of(home)
    st.session("ses_1", ws)
    st.message("msg_a1", "ses_1", assistant_info(ws, completed=False))
    st.part(
        "prt_1",
        "msg_a1",
        "ses_1",
        tool_part("edit", {"filePath": "a.py", "oldString": "x", "newString": NEW}, "running"),
    )
    idx = TranscriptIndex(ws, home, readers=[OpenCode()])
    assert idx.refresh() == 1
    opened: list[str] = []
    real = sqlite3.connect

    def counting(database: str, *a: object, **k: object) -> sqlite3.Connection:
        opened.append(database)
        return real(database, *a, **k)

    monkeypatch.setattr(sqlite3, "connect", counting)
    assert idx.refresh() == 0 and opened == []  # nothing changed: the database is not even opened
    # The call completes (the same input), then the step goes on with a new part.
    st.part("prt_1", "msg_a1", "ses_1", tool_part("edit", {"filePath": "a.py", "oldString": "x", "newString": NEW}))
    assert idx.refresh() == 0 and len(opened) == 1 and "mode=ro" in opened[0]
    st.part("prt_2", "msg_a1", "ses_1", tool_part("write", {"filePath": "b.py", "content": CODE}))
    st.message("msg_a1", "ses_1", assistant_info(ws))  # finished
    st.message("msg_a2", "ses_1", assistant_info(ws))
    st.part("prt_3", "msg_a2", "ses_1", tool_part("write", {"filePath": "c.py", "content": CODE2}))
    assert idx.refresh() == 2
    assert idx.match(CODE.splitlines()) is not None and idx.match(CODE2.splitlines()) is not None
    st.conn.close()  # OpenCode quits: its WAL is checkpointed and removed
    wal = st.path.with_name("opencode.db-wal")
    assert not wal.exists()
    before = st.path.stat().st_mtime_ns, st.path.read_bytes()
    st2 = sqlite3.connect(st.path)  # a last write while it was closed, then closed again
    st2.execute("UPDATE session SET title = 'renamed'")
    st2.commit()
    st2.close()
    before = st.path.stat().st_mtime_ns, st.path.read_bytes()
    assert idx.refresh() == 0
    assert "immutable=1" in opened[-1]
    assert (st.path.stat().st_mtime_ns, st.path.read_bytes()) == before  # never written
    assert not wal.exists() and not st.path.with_name("opencode.db-shm").exists()


def test_opencode_busy_corrupt_or_foreign_databases_are_skipped(
    ws_home: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    ws, home = ws_home
    data = home / ".local" / "share" / "opencode"
    data.mkdir(parents=True)
    (data / "opencode-dev.db").write_bytes(b"not a database at all" * 100)
    other = sqlite3.connect(data / "opencode-beta.db")
    other.execute("CREATE TABLE session (id text, directory text)")
    other.execute("INSERT INTO session VALUES ('s', ?)", (str(ws),))
    other.commit()
    other.close()
    st = db_of(home)
    st.session("ses_1", ws)
    st.message("msg_a1", "ses_1", assistant_info(ws))
    st.part("prt_1", "msg_a1", "ses_1", tool_part("write", {"filePath": "a.py", "content": CODE}))
    real = sqlite3.connect
    busy = {"n": 1}

    def locked(database: str, *a: object, **k: object) -> sqlite3.Connection:
        conn = real(database, *a, **k)
        if "opencode.db" in database and busy["n"]:
            busy["n"] -= 1
            conn.close()
            raise sqlite3.OperationalError("database is locked")
        return conn

    monkeypatch.setattr(sqlite3, "connect", locked)
    idx = TranscriptIndex(ws, home, readers=[OpenCode()])
    with caplog.at_level(logging.INFO, logger="provmark.sources.transcripts"):
        assert idx.refresh() == 0
    assert "locked" in caplog.text
    assert idx.refresh() == 1  # the same, unchanged database read at the next refresh
    assert idx.match(CODE.splitlines()) is not None
    st.conn.close()


def test_opencode_budget_spreads_a_large_first_read(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    st = db_of(home)
    st.session("ses_1", ws)
    codes = ["".join(f"def b{k}_f{i}(x):\n    return helper_{k}(x, level={i})\n" for i in range(5)) for k in range(6)]
    for k, code in enumerate(codes):
        st.message(f"msg_{k}", "ses_1", assistant_info(ws))
        st.part(f"prt_{k}", f"msg_{k}", "ses_1", tool_part("write", {"filePath": f"m{k}.py", "content": code}))
    reader = OpenCode()
    reader._budget = Budget(1)
    idx = TranscriptIndex(ws, home, readers=[reader])
    counts = [idx.refresh() for _ in range(8)]
    assert sum(counts) == 6 and max(counts) < 6
    assert all(idx.match(c.splitlines()) is not None for c in codes)
    st.conn.close()


def json_store(home: Path, app: str = "opencode") -> Path:
    return home / ".local" / "share" / app / "storage"


def put(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2))
    return path


def test_opencode_json_storage_before_the_database(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    s = json_store(home)
    put(s / "project" / "abc123.json", {"id": "abc123", "worktree": str(ws), "vcs": "git", "time": {"created": 1}})
    put(
        s / "session" / "abc123" / "ses_j1.json",
        {
            "id": "ses_j1",
            "projectID": "abc123",
            "directory": str(ws),
            "title": "t",
            "version": "1.1.40",
            "time": {"created": 1, "updated": 2},
        },
    )
    put(
        s / "session" / "abc123" / "ses_j2.json",
        {
            "id": "ses_j2",
            "projectID": "abc123",
            "directory": str(ws.parent / "else"),
            "title": "t",
            "version": "1.1.40",
            "time": {"created": 1, "updated": 2},
        },
    )
    put(
        s / "message" / "ses_j1" / "msg_u.json",
        {"id": "msg_u", "sessionID": "ses_j1", "role": "user", "time": {"created": 1}},
    )
    put(
        s / "part" / "msg_u" / "prt_u.json",
        {"id": "prt_u", "messageID": "msg_u", "sessionID": "ses_j1", "type": "text", "text": f"```\n{CODE2}```"},
    )
    put(
        s / "message" / "ses_j1" / "msg_a.json",
        {"id": "msg_a", "sessionID": "ses_j1", **assistant_info(ws, completed=False, model="gpt-5")},
    )
    p1 = put(
        s / "part" / "msg_a" / "prt_1.json",
        {
            "id": "prt_1",
            "messageID": "msg_a",
            "sessionID": "ses_j1",
            **tool_part("write", {"filePath": str(ws / "a.py"), "content": CODE}, "running"),
        },
    )
    patch = (
        "*** Begin Patch\n*** Add File: n.py\n" + "".join("+" + x + "\n" for x in NEW3.splitlines()) + "*** End Patch"
    )
    put(
        s / "part" / "msg_a" / "prt_2.json",
        {"id": "prt_2", "messageID": "msg_a", "sessionID": "ses_j1", **tool_part("patch", {"patchText": patch})},
    )
    put(s / "message" / "ses_j2" / "msg_x.json", {"id": "msg_x", "sessionID": "ses_j2", **assistant_info(ws)})
    put(
        s / "part" / "msg_x" / "prt_x.json",
        {
            "id": "prt_x",
            "messageID": "msg_x",
            "sessionID": "ses_j2",
            **tool_part("write", {"filePath": str(ws / "x.py"), "content": NEW + NEW2}),
        },
    )
    idx = TranscriptIndex(ws, home, readers=[OpenCode()])
    assert idx.refresh() == 2
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.session, m.model) == ("opencode", "ses_j1", "gpt-5")
    assert idx.match(NEW3.splitlines()) is not None and idx.match(CODE2.splitlines()) is None
    assert str(ws / "x.py") not in idx.paths()
    # The part is rewritten as the call completes; a new part half written, then whole.
    put(
        p1,
        {
            "id": "prt_1",
            "messageID": "msg_a",
            "sessionID": "ses_j1",
            **tool_part("write", {"filePath": str(ws / "a.py"), "content": CODE}),
        },
    )
    p3 = s / "part" / "msg_a" / "prt_3.json"
    whole = json.dumps(
        {
            "id": "prt_3",
            "messageID": "msg_a",
            "sessionID": "ses_j1",
            **tool_part("edit", {"filePath": "b.py", "oldString": "a", "newString": NEW2}),
        }
    )
    p3.write_text(whole[:30])
    assert idx.refresh() == 0
    p3.write_text(whole)
    assert idx.refresh() == 1
    assert idx.match(NEW2.splitlines()) is not None


def test_kilo_code_database_and_legacy_tasks(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    st = db_of(home, "kilo", "kilo.db")
    st.session("ses_k1", ws)
    st.message("msg_k1", "ses_k1", assistant_info(ws, model="kilo/auto"))
    st.part("prt_k1", "msg_k1", "ses_k1", tool_part("write", {"filePath": str(ws / "k.py"), "content": CODE}))
    # Not Kilo's: OpenCode's own database.
    oc = db_of(home)
    oc.session("ses_o", ws)
    oc.message("msg_o", "ses_o", assistant_info(ws))
    oc.part("prt_o", "msg_o", "ses_o", tool_part("write", {"filePath": str(ws / "o.py"), "content": CODE2}))
    task = home / ".config" / "Code" / "User" / "globalStorage" / "kilocode.kilo-code" / "tasks" / "t1"
    task.mkdir(parents=True)
    env = f"<environment_details>\n# Current Workspace Directory ({ws.as_posix()}) Files\n</environment_details>"
    use = {
        "type": "tool_use",
        "id": "u1",
        "name": "write_to_file",
        "input": {"path": "legacy.py", "content": NEW2 + NEW3},
    }
    history = [{"role": "user", "content": [{"type": "text", "text": env}]}, {"role": "assistant", "content": [use]}]
    (task / "api_conversation_history.json").write_text(json.dumps(history))
    idx = TranscriptIndex(ws, home, readers=[KiloCode()])
    assert idx.refresh() == 2
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.session, m.model) == ("kilo-code", "ses_k1", "kilo/auto")
    legacy = idx.match((NEW2 + NEW3).splitlines())
    assert legacy is not None and (legacy.tool, legacy.session) == ("kilo-code", "t1")
    assert idx.match(CODE2.splitlines()) is None
    st.conn.close()
    oc.conn.close()


def test_fixtures_are_read_back(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    for reader in (OpenCode(), KiloCode()):
        reader.fixture(home, ws, f"ses_fx_{reader.tool}", [(ws / "f.py", CODE), (ws / "g.py", CODE2)])
        reader.fixture(home, ws, f"ses_fy_{reader.tool}", [(ws / "h.py", NEW2)])
        idx = TranscriptIndex(ws, home, readers=[reader])
        assert idx.refresh() == 3, reader.tool
        m = idx.match(CODE.splitlines())
        assert m is not None and (m.tool, m.session, m.model) == (
            reader.tool,
            f"ses_fx_{reader.tool}",
            "claude-sonnet-4-5",
        )


def test_message_roles_without_sqlite_json_functions(tmp_path: Path) -> None:
    from provmark.sources.transcripts.opencode import _new_messages

    st = Store(tmp_path / "opencode.db")
    st.session("ses_1", tmp_path)
    st.message("msg_1", "ses_1", {"role": "user", "summary": {"diffs": [{"before": "x" * 1000, "after": "y"}]}})
    st.message("msg_2", "ses_1", {"role": "assistant"})

    class NoJson:
        def execute(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
            if "json_extract" in sql:
                raise sqlite3.OperationalError("no such function: json_extract")
            return st.conn.execute(sql, params)

    with_json = _new_messages(st.conn, ["ses_1"], 0)
    assert [r[3] for r in with_json] == ["user", "assistant"]
    assert _new_messages(NoJson(), ["ses_1"], 0) == with_json  # type: ignore[arg-type]
    st.conn.close()
