"""Tag through the language server, change the file outside the editor, then ask the
pipeline's commands which lines go."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import SERVER
from support.lsp_client import StdioClient

HUMAN = "".join(f"def handler_{i}(request):\n    return respond(request, code={i})\n\n" for i in range(12))
AI = "".join(f"def helper_{i}(value: str) -> str:\n    return normalise(value, mode='m{i}')\n\n" for i in range(6))


def provmark(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "provmark", *args], capture_output=True, text=True, timeout=60)


def test_tag_edit_on_disk_manifest_and_filter(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "app.py").write_text(HUMAN)
    c = StdioClient(SERVER, cwd=str(ws), env={**os.environ, "HOME": str(tmp_path)})
    try:
        c.initialize(ws.as_uri())
        uri = (ws / "app.py").as_uri()
        c.open(uri, HUMAN)
        c.insert(uri, 2, HUMAN.count("\n"), 0, AI)
        # Flagged (a Warning or Information, as the style decides): either can be tagged.
        assert c.wait(lambda: any(d["severity"] in (2, 3) for d in c.diagnostics.get(uri, [])))
        [d] = [d for d in c.diagnostics[uri] if d["severity"] in (2, 3)]
        c.request(
            "workspace/executeCommand",
            {
                "command": "provmark.tag",
                "arguments": [
                    {"uri": uri, "range": d["range"], "origin": {"kind": "ai", "tool": None}, "training": "exclude"}
                ],
            },
        )
        (ws / "app.py").write_text(HUMAN + AI)  # the editor saves
        c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    finally:
        assert c.close() == 0
    # Someone edits the file outside the editor: a header on top, a line inside the region.
    text = '# -*- coding: utf-8 -*-\n"""Handlers."""\n' + HUMAN + AI.replace("mode='m3')", "mode='m3')  # !")
    (ws / "app.py").write_text(text)
    r = provmark("manifest", str(ws))
    assert r.returncode == 0, r.stderr
    [entry] = [json.loads(x) for x in r.stdout.splitlines()]
    first = 2 + HUMAN.count("\n") + 1
    last = first + AI.rstrip("\n").count("\n")
    assert entry == {
        "path": "app.py",
        "exclude": [[first, last]],
        "status": "relocated",
        "reasons": {"tagged": [[first, last]]},
    }
    out = tmp_path / "out"
    r = provmark("filter", str(ws), "--out", str(out))
    assert r.returncode == 0, r.stderr
    kept = (out / "app.py").read_text()
    assert kept == '# -*- coding: utf-8 -*-\n"""Handlers."""\n' + HUMAN + "\n" * (AI.endswith("\n\n"))
    assert "helper_" not in kept
    assert provmark("check", str(ws)).returncode == 0
    (ws / "app.py").write_text(HUMAN)  # the AI code is gone: its record is stale
    r = provmark("check", str(ws))
    assert r.returncode == 1 and "not found" in r.stdout
    time.sleep(0)
