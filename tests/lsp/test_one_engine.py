"""One evidence model: the same files judged by `provmark scan` (the CLI) and by the
language server's workspace scan give the same score, severity and code for every
block, and the totals agree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, SERVER
from support.lsp_client import StdioClient
from support.samples import handlers
from support.workloads import git

HUMAN = handlers(12)
# AI-written, and plain enough for the content model to warn on it alone.
ASSISTANT = (ROOT / "samples" / "shop" / "cart.py").read_text(encoding="utf-8")
SEVERITY = {1: "error", 2: "warning", 3: "information", 4: "hint"}


def test_cli_scan_and_editor_scan_agree(tmp_path: Path) -> None:
    ws, home = tmp_path / "ws", tmp_path / "home"
    ws.mkdir()
    home.mkdir()
    (ws / "app.py").write_text(HUMAN)
    (ws / "durations.py").write_text(ASSISTANT)
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "init")
    (ws / "declared.py").write_text(ASSISTANT.replace("Cart", "Basket"))
    git(ws, "add", "declared.py")
    git(ws, "commit", "-qm", "spans\n\nCo-Authored-By: Claude <noreply@anthropic.com>")
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(tmp_path / "cache")}

    cli = subprocess.run(
        [sys.executable, "-m", "provmark", "scan", str(ws), "--format", "json", "--jobs", "1"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert cli.returncode in (0, 1), cli.stderr
    report = json.loads(cli.stdout)
    want = {
        (f["path"], x["start_line"], x["end_line"]): (x["score"], x["severity"], x["code"])
        for f in report["files"]
        for x in f["findings"]
    }
    assert any(code == "ai-commit" for _, _, code in want.values())
    assert any(code == "ai-style" for _, _, code in want.values())

    c = StdioClient(SERVER, cwd=str(ws), env=env)
    try:
        c.initialize(ws.as_uri())
        deadline = time.monotonic() + 20
        while not c.request("provmark/status", {})["watching"]:
            assert time.monotonic() < deadline, "the server never started watching"
            time.sleep(0.05)
        totals = c.request("workspace/executeCommand", {"command": "provmark.scanWorkspace", "arguments": []})
        got = {}
        for uri, diags in c.diagnostics.items():
            rel = Path(uri.removeprefix("file://")).relative_to(ws.resolve()).as_posix()
            for d in diags:
                a, b = d["data"]["lines"]
                got[(rel, a, b)] = (d["data"]["score"], SEVERITY[d["severity"]], d["code"])
    finally:
        assert c.close() == 0
    assert got == want
    for key in ("flagged", "unclear", "tagged", "stale", "ai_lines", "tagged_ai_lines"):
        assert totals[key] == report["totals"][key], key
