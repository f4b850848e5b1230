"""A storm of writes, scaled for CI (PROVMARK_STORM_FILES raises it): no change missed,
through the rescan that a burst past `rescan_burst` triggers; a checkout flags nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path

from conftest import SERVER, git
from support.lsp_client import StdioClient

N = int(os.environ.get("PROVMARK_STORM_FILES", "300"))


def body(i: int) -> str:
    return "".join(f"def handler_{i}_{k}(request):\n    return respond(request, code={k})\n\n" for k in range(3))


def block(i: int, tag: str) -> str:
    return "".join(
        f"def added_{tag}_{i}_{k}(value):\n    return convert(value, unit='{tag}{i}-{k}')\n" for k in range(4)
    )


def flagged(c: StdioClient, prefix: str) -> set[str]:
    with c._lock:
        return {
            u for u, ds in c.diagnostics.items() if u.startswith(prefix) and any(d.get("severity") == 2 for d in ds)
        }


def test_storm_by_rename_misses_nothing_and_checkout_flags_nothing(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    paths = [ws / f"d{i // 100}" / f"m{i}.py" for i in range(N)]
    for i, p in enumerate(paths):
        p.parent.mkdir(exist_ok=True)
        p.write_text(body(i))
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-q", "-m", "init")
    git(ws, "checkout", "-q", "-b", "other")
    for i, p in enumerate(paths):
        p.write_text(body(i) + block(i, "b"))
    git(ws, "commit", "-qam", "other")
    git(ws, "checkout", "-q", "main")
    c = StdioClient(SERVER, cwd=str(ws), env={**os.environ, "HOME": str(tmp_path)})
    try:
        c.initialize(ws.as_uri(), {"rescanBurst": 50})
        deadline = time.monotonic() + 60
        while not c.request("provmark/status", {})["watching"]:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        for i, p in enumerate(paths):
            tmp = p.with_name(p.name + ".tmp")
            tmp.write_text(body(i) + block(i, "s"))
            os.replace(tmp, p)
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
