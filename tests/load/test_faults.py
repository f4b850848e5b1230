"""Faults: the server killed with SIGKILL in the middle of sidecar writes, a full disk or
a read-only .provmark/, a vanished workspace, a deleted open file, a transcript cut short
while it is read. Nothing may be corrupted or lost, and the server must carry on.
PROVMARK_FAULT_WRITES sets how many tag requests the kill test sends (default 1000)."""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from provmark.sources import sidecar
from support.lsp_client import StdioClient
from support.workloads import claude_record, claude_writes, git

WRITES = int(os.environ.get("PROVMARK_FAULT_WRITES", "1000"))
SERVER = [str(Path(sys.executable).parent / "provmark"), "serve"]
TEXT = "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(60))


def open_doc(c: StdioClient, ws: Path, rel: str) -> str:
    uri = (ws / rel).as_uri()
    c.open(uri, (ws / rel).read_text())
    return uri


def send_tag(c: StdioClient, uri: str, line: int, mid: int) -> None:
    c._send(  # no waiting: the next request goes out at once, as a busy client's would
        {
            "jsonrpc": "2.0",
            "id": mid,
            "method": "workspace/executeCommand",
            "params": {
                "command": "provmark.tag",
                "arguments": [
                    {
                        "uri": uri,
                        "range": {"start": {"line": line, "character": 0}, "end": {"line": line + 1, "character": 0}},
                        "origin": {"kind": "ai", "tool": "claude-code"},
                    }
                ],
            },
        }
    )


def check_sidecars(ws: Path) -> int:
    """Every sidecar parses and validates; returns the number of records."""
    total = 0
    for path in sorted((ws / ".provmark").rglob("*.json")):
        data = json.loads(path.read_text())  # a partial file would not parse
        rel = path.relative_to(ws / ".provmark").as_posix()[: -len(".json")]
        assert sidecar.validate(data, rel) == [], path
        total += len(data["records"])
    return total


def test_sigkill_during_sidecar_writes_corrupts_nothing_and_loses_nothing_acknowledged(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    files = [f"m{i}.py" for i in range(4)]
    for rel in files:
        (ws / rel).write_text(TEXT)
    rng = random.Random(7)
    sent = kills = interrupted = 0
    acknowledged: set[str] = set()  # record ids the server answered with
    mid = 1000
    while sent < WRITES:
        c = StdioClient(SERVER, cwd=str(ws), env={**os.environ, "HOME": str(tmp_path)})
        c.initialize(ws.as_uri())
        uris = [open_doc(c, ws, rel) for rel in files]
        c.request("provmark/status", {})  # the opens are processed
        burst = rng.randint(5, 80)
        first = mid
        for _ in range(burst):
            send_tag(c, rng.choice(uris), rng.randrange(0, 170, 3), mid)
            mid += 1
            sent += 1
        time.sleep(rng.uniform(0.0, 0.08))
        c.proc.send_signal(signal.SIGKILL)  # at a random moment in the burst
        c.proc.wait()
        kills += 1
        with c._lock:
            answered = [c.responses[i] for i in range(first, mid) if i in c.responses]
        acknowledged.update(m["result"] for m in answered if "result" in m)
        interrupted += len(answered) < burst  # killed before the burst was done
        check_sidecars(ws)
    on_disk = {r["id"] for p in (ws / ".provmark").rglob("*.json") for r in json.loads(p.read_text())["records"]}
    assert acknowledged <= on_disk, f"{len(acknowledged - on_disk)} acknowledged records lost"
    assert kills >= 5 and len(acknowledged) > 0 and interrupted >= 3
    # A later write sweeps the temporary files a killed writer left.
    sidecar.update(ws, files[0], add=[sidecar.make_record(["x = 1"], 1, {"kind": "ai"}, "exclude")])
    assert not list((ws / ".provmark").glob(f".{files[0]}.json.*.tmp"))


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_full_or_read_only_disk_gives_a_message_and_keeps_the_old_sidecar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    # Root ignores permissions, so the failure is injected where the write happens.
    rec = sidecar.make_record(["a = 1"], 1, {"kind": "ai"}, "exclude")
    sidecar.update(tmp_path, "a.py", add=[rec])
    path = sidecar.sidecar_path(tmp_path, "a.py")
    before = path.read_bytes()
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(sidecar.SidecarError) as e:
        sidecar.update(tmp_path, "a.py", add=[sidecar.make_record(["b = 2"], 2, {"kind": "ai"}, "exclude")])
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert ("disk is full" if code == errno.ENOSPC else "read-only") in str(e.value)
    assert "old one is intact" in str(e.value)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_failed_tag_over_lsp_is_an_error_message_not_a_crash(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "a.py").write_text(TEXT)
    (ws / ".provmark").write_text("not a folder\n")  # where the sidecars should go
    c = StdioClient(SERVER, cwd=str(ws), env={**os.environ, "HOME": str(tmp_path)})
    try:
        c.initialize(ws.as_uri())
        uri = open_doc(c, ws, "a.py")
        with pytest.raises(RuntimeError, match="sidecar"):
            c.request(
                "workspace/executeCommand",
                {
                    "command": "provmark.tag",
                    "arguments": [
                        {
                            "uri": uri,
                            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}},
                        }
                    ],
                },
            )
        assert c.request("provmark/status", {}) is not None  # still serving
    finally:
        assert c.close() == 0


def test_vanished_workspace_and_deleted_open_file_are_survived(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "a.py").write_text(TEXT)
    git(ws, "init", "-q", "-b", "main")
    c = StdioClient(SERVER, cwd=str(tmp_path), env={**os.environ, "HOME": str(tmp_path)})
    try:
        c.initialize(ws.as_uri())
        uri = open_doc(c, ws, "a.py")
        time.sleep(0.5)
        (ws / "a.py").unlink()  # the open file is deleted
        time.sleep(0.5)
        c.insert(uri, 2, 0, 0, "# x\n")
        shutil.rmtree(ws)  # the whole workspace goes
        time.sleep(1.0)
        assert c.request("provmark/status", {}) is not None
        totals = c.request("workspace/executeCommand", {"command": "provmark.scanWorkspace", "arguments": []})
        assert totals["files"] == 0
        assert any("is gone" in m for m in c.messages), c.messages  # said, not crashed
    finally:
        assert c.close() == 0


def test_transcript_truncated_while_being_read(tmp_path: Path) -> None:
    from provmark.sources.transcripts import TranscriptIndex

    ws = tmp_path / "ws"
    ws.mkdir()
    log = claude_writes(ws, tmp_path, "a.py", TEXT)
    rec = claude_record(ws, "a.py", TEXT)
    log.write_text(json.dumps(rec) + "\n" + json.dumps(rec)[:40])  # the second line cut mid-way
    index = TranscriptIndex(ws, home=tmp_path)
    index.refresh()
    n = len(index)
    log.write_text(json.dumps(rec)[:10])  # truncated below what was read: a new, shorter file
    index.refresh()
    log.write_text("")
    index.refresh()
    assert len(index) >= n  # what was read stays; no exception escaped
