"""Where the tools keep their logs now and kept them before: Gemini CLI's project
registry and hash folders, Codex CLI's compressed and archived sessions. Every fixture is
written here, in the tool's format as its source writes it (docs/transcripts.md)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path

import pytest
import zstandard

from provmark.sources.transcripts import TranscriptIndex

CODE = "".join(f"def step_{i}(data):\n    return transform(data, option={i})\n\n" for i in range(6))
EDIT = "".join(f"    total_{i} = compute_total(order, tax_rate={i})\n" for i in range(3))
EDIT2 = "".join(f"    row_{i} = fetch_row(cursor, index={i}, strict=True)\n" for i in range(5))
STAMP = "2026-08-21T10:00:00.000Z"


# -- Gemini CLI ---------------------------------------------------------------------------
def gemini_call(name: str, args: dict, call_id: str) -> dict:
    """A ToolCallRecord as Gemini CLI's chat recording stores it once the call completed."""
    return {
        "id": call_id,
        "name": name,
        "args": args,
        "result": [{"functionResponse": {"id": call_id, "name": name, "response": {"output": "ok"}}}],
        "status": "success",
        "timestamp": STAMP,
        "displayName": "WriteFile" if name == "write_file" else "Edit",
        "description": "",
        "renderOutputAsMarkdown": False,
    }


def gemini_message(msg_id: str, calls: list[dict], model: str = "gemini-2.5-pro", **more: object) -> dict:
    return {
        "id": msg_id,
        "timestamp": STAMP,
        "type": "gemini",
        "content": "",
        "toolCalls": calls,
        "thoughts": [],
        "model": model,
        **more,
    }


def gemini_session(path: Path, session: str, project_hash: str, records: list[dict], kind: str | None = None) -> None:
    """A session file as ChatRecordingService writes it: the metadata line, then records."""
    meta: dict = {"sessionId": session, "projectHash": project_hash, "startTime": STAMP, "lastUpdated": STAMP}
    if kind:
        meta["kind"] = kind
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as f:
        for rec in [meta, *records]:
            f.write(json.dumps(rec, separators=(",", ":")) + "\n")


def register(home: Path, project: Path, slug: str, marker: bool = True) -> Path:
    """~/.gemini/projects.json naming `project`'s short id, and the folder's ownership marker."""
    gem = home / ".gemini"
    gem.mkdir(parents=True, exist_ok=True)
    reg = gem / "projects.json"
    data = json.loads(reg.read_text()) if reg.exists() else {"projects": {}}
    data["projects"][str(project)] = slug
    reg.write_text(json.dumps(data, indent=2))
    folder = gem / "tmp" / slug
    folder.mkdir(parents=True, exist_ok=True)
    if marker:
        (folder / ".project_root").write_text(str(project))
    return folder


def test_gemini_current_layout_projects_json_slug_folder(tmp_path: Path) -> None:
    ws, home = (tmp_path / "shop").resolve(), tmp_path / "home"
    ws.mkdir()
    folder = register(home, ws, "shop")
    digest = hashlib.sha256(str(ws).encode()).hexdigest()
    write = gemini_call("write_file", {"file_path": "src/a.py", "content": CODE}, "write_file-1-a")
    edit = gemini_call(
        "replace",
        {"file_path": str(ws / "b.py"), "instruction": "x", "old_string": "pass\n", "new_string": EDIT},
        "replace-2-b",
    )
    msg = gemini_message("m1", [write])
    chats = folder / "chats"
    gemini_session(
        chats / "session-2026-08-21T10-00-1a2b3c4d.jsonl",
        "1a2b3c4d-0000-4000-8000-000000000001",
        digest,
        [
            {"id": "u1", "timestamp": STAMP, "type": "user", "content": [{"text": "write it"}]},
            msg,
            {"$set": {"lastUpdated": STAMP}},
            {**msg, "tokens": {"input": 10, "output": 20, "cached": 0, "total": 30}},  # appended again whole
            gemini_message("m2", [edit]),
            {"$rewindTo": "m2"},
        ],
    )
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 2
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.session, m.model) == (
        "gemini-cli",
        "1a2b3c4d-0000-4000-8000-000000000001",
        "gemini-2.5-pro",
    )
    assert idx.match(EDIT.splitlines()) is not None  # a replace's new_string, three lines
    assert str(ws / "src" / "a.py") in idx.paths()  # a relative path, resolved against the project
    assert idx.refresh() == 0


def test_gemini_subagent_sessions_and_checkpoints(tmp_path: Path) -> None:
    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    ws.mkdir()
    folder = register(home, ws, "ws")
    parent = "1a2b3c4d-0000-4000-8000-000000000001"
    call = gemini_call("write_file", {"file_path": str(ws / "c.py"), "content": CODE}, "write_file-9")
    gemini_session(folder / "chats" / parent / "sub-1.jsonl", "sub-1", "h", [gemini_message("s1", [call])], "subagent")
    other = gemini_call("write_file", {"file_path": str(ws / "d.py"), "content": CODE.replace("step", "go")}, "w-2")
    gemini_session(
        folder / "chats" / "session-2026-08-21T11-00-99999999.jsonl",
        "99999999-x",
        "h",
        [{"$set": {"messages": [gemini_message("c1", [other])]}}],  # a checkpoint of every message
    )
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 2
    m = idx.match(CODE.splitlines())
    assert m is not None and m.session == "sub-1"
    m = idx.match(CODE.replace("step", "go").splitlines())
    assert m is not None and m.session == "99999999-x"


def test_gemini_marker_without_registry_old_hash_folder_and_nested_projects(tmp_path: Path) -> None:
    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    (ws / "pkg").mkdir(parents=True)
    folder = register(home, ws, "ws")
    (home / ".gemini" / "projects.json").unlink()  # not written yet: the marker says the same
    call = gemini_call("write_file", {"file_path": str(ws / "a.py"), "content": CODE}, "c1")
    gemini_session(folder / "chats" / "session-1.jsonl", "s-marker", "h", [gemini_message("m", [call])])
    # The old layout, as Gemini CLI left it before migrating: tmp/<sha256 of the root>/.
    old = home / ".gemini" / "tmp" / hashlib.sha256(str(ws).encode()).hexdigest() / "chats"
    old_call = gemini_call("write_file", {"file_path": str(ws / "b.py"), "content": EDIT2}, "c2")
    gemini_session(old / "session-2.jsonl", "s-hash", "h", [gemini_message("m", [old_call])])
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 2
    assert {idx.match(CODE.splitlines()).session, idx.match((EDIT2).splitlines()).session} == {
        "s-marker",
        "s-hash",
    }
    # A session started in a folder inside the workspace has a short id of its own.
    sub = register(home, ws / "pkg", "pkg")
    nested = gemini_call("write_file", {"file_path": "x.py", "content": CODE.replace("data", "rows")}, "c3")
    gemini_session(sub / "chats" / "session-3.jsonl", "s-nested", "h", [gemini_message("m", [nested])])
    assert idx.refresh() == 1
    m = idx.match(CODE.replace("data", "rows").splitlines())
    assert m is not None and m.session == "s-nested"
    assert str(ws / "pkg" / "x.py") in idx.paths()


def test_gemini_other_projects_are_not_read(tmp_path: Path) -> None:
    ws, other, home = (tmp_path / "ws").resolve(), (tmp_path / "other").resolve(), tmp_path / "home"
    ws.mkdir()
    other.mkdir()
    folder = register(home, other, "other")
    call = gemini_call("write_file", {"file_path": str(other / "a.py"), "content": CODE}, "c1")
    gemini_session(folder / "chats" / "session-1.jsonl", "s", "h", [gemini_message("m", [call])])
    # A session of this workspace that writes outside it: not this workspace's writes.
    mine = register(home, ws, "ws")
    away = gemini_call("write_file", {"file_path": str(other / "b.py"), "content": EDIT2}, "c2")
    gemini_session(mine / "chats" / "session-2.jsonl", "s2", "h", [gemini_message("m", [away])])
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 0


# -- Codex CLI ----------------------------------------------------------------------------
def codex_lines(ws: Path, session: str, text: str) -> bytes:
    patch = "*** Begin Patch\n*** Add File: a.py\n" + "".join("+" + x + "\n" for x in text.splitlines())
    records = [
        {"timestamp": STAMP, "type": "session_meta", "payload": {"id": session, "cwd": str(ws), "cli_version": "0.9"}},
        {"timestamp": STAMP, "type": "turn_context", "payload": {"cwd": str(ws), "model": "gpt-5-codex"}},
        {
            "timestamp": STAMP,
            "type": "response_item",
            "payload": {"type": "custom_tool_call", "name": "apply_patch", "input": patch + "*** End Patch"},
        },
    ]
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def zst(data: bytes) -> bytes:
    return zstandard.ZstdCompressor(level=3).compress(data)  # as Codex compresses a cold session


def rollout(home: Path, day: str, name: str) -> Path:
    p = home / ".codex" / "sessions" / day / name
    p.parent.mkdir(parents=True, exist_ok=True)
    return p


def test_codex_compressed_session_read_once(tmp_path: Path) -> None:
    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    ws.mkdir()
    p = rollout(home, "2026/08/14", "rollout-2026-08-14T10-00-00-aaaa.jsonl.zst")
    p.write_bytes(zst(codex_lines(ws, "c-zst", CODE)))
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 1
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.session, m.model) == ("codex", "c-zst", "gpt-5-codex")
    assert idx.refresh() == 0  # finished: not read again


def test_codex_session_compressed_after_it_was_read_is_not_read_twice(tmp_path: Path) -> None:
    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    ws.mkdir()
    plain = rollout(home, "2026/08/14", "rollout-2026-08-14T10-00-00-bbbb.jsonl")
    data = codex_lines(ws, "c-b", CODE)
    plain.write_bytes(data)
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 1
    # Cold: Codex writes the .zst beside it and removes the plain file; then it is resumed
    # (decompressed back) and goes on.
    packed = plain.with_name(plain.name + ".zst")
    packed.write_bytes(zst(data))
    assert idx.refresh() == 0  # the plain file is still there: Codex reads that one
    plain.unlink()
    assert idx.refresh() == 0 and len(idx) == 1
    more = codex_lines(ws, "c-b", EDIT2).split(b"\n", 2)[2]  # one more patch, same session
    plain.write_bytes(data + more)
    packed.unlink()
    assert idx.refresh() == 1
    assert idx.match((EDIT2).splitlines()) is not None


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_codex_half_written_or_corrupt_compressed_session_is_skipped(
    tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    ws.mkdir()
    whole = zst(codex_lines(ws, "c-bad", CODE * 20))
    blob = {"truncated": whole[: len(whole) // 2], "garbage": b"\x00not zstd at all" * 10, "empty": b""}[damage]
    bad = rollout(home, "2026/08/14", "rollout-2026-08-14T10-00-00-cccc.jsonl.zst")
    bad.write_bytes(blob)
    good = rollout(home, "2026/08/14", "rollout-2026-08-14T11-00-00-dddd.jsonl.zst")
    good.write_bytes(zst(codex_lines(ws, "c-good", EDIT2)))
    idx = TranscriptIndex(ws, home)
    with caplog.at_level(logging.INFO, logger="provmark.sources.transcripts"):
        assert idx.refresh() == 1  # the good one; nothing of the bad one, no exception
    assert idx.match((CODE * 20).splitlines()) is None
    assert any("cccc" in r.getMessage() for r in caplog.records)
    bad.write_bytes(whole)  # finished writing: read now
    os.utime(bad, (time.time(), time.time()))
    assert idx.refresh() == 1


def test_codex_archived_sessions_and_old_sessions(tmp_path: Path) -> None:
    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    ws.mkdir()
    archived = home / ".codex" / "archived_sessions" / "rollout-2026-08-01T10-00-00-eeee.jsonl"
    archived.parent.mkdir(parents=True)
    archived.write_bytes(codex_lines(ws, "c-arch", CODE))
    old = rollout(home, "2025/01/02", "rollout-2025-01-02T10-00-00-ffff.jsonl")
    old.write_bytes(codex_lines(ws, "c-old", EDIT2))
    os.utime(old, (time.time() - 90 * 86400, time.time() - 90 * 86400))  # older than the age limit
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 1
    m = idx.match(CODE.splitlines())
    assert m is not None and m.session == "c-arch"
    assert idx.match((EDIT2).splitlines()) is None
