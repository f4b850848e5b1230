"""A storm of writes, scaled for CI (PROVMARK_STORM_FILES raises it): no change missed,
through the rescan that a burst past `rescan_burst` triggers; a checkout flags nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path

from conftest import SERVER
from support.lsp_client import StdioClient
from support.workloads import Storm, flagged, git

N = int(os.environ.get("PROVMARK_STORM_FILES", "300"))


def test_storm_by_rename_misses_nothing_and_checkout_flags_nothing(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    storm = Storm(ws, N)
    storm.create()
    c = StdioClient(SERVER, cwd=str(ws), env={**os.environ, "HOME": str(tmp_path)})
    try:
        c.initialize(ws.as_uri(), {"rescanBurst": 50})
        deadline = time.monotonic() + 60
        while not c.request("provmark/status", {})["watching"]:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        storm.rewrite("s", by_rename=True)
        prefix = ws.as_uri()
        deadline = time.monotonic() + 120
        while len(flagged(c, prefix)) < N and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(flagged(c, prefix)) == N, f"missed {N - len(flagged(c, prefix))} of {N}"
        assert any("rescanning" in m for m in c.messages)
        # Put main's content back the way git does, then switch branches: nothing new.
        git(ws, "checkout", "-q", "--", ".")
        time.sleep(1.5)
        with c._lock:
            c.diagnostics.clear()
        git(ws, "checkout", "-q", "other")
        time.sleep(3.0)
        while c.request("provmark/status", {})["pending_disk_changes"]:
            time.sleep(0.2)
        assert flagged(c, prefix) == set()
    finally:
        assert c.close() == 0
