"""The scenario every real-editor test plays: a workspace with one small file, an AI
answer in a file outside it, and the environment the editor's script reads (PM_WS,
PM_AI, PM_PYTHON, PM_OUT), with HOME and XDG folders of its own."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from support.samples import AI_ANSWER


@dataclass
class Scenario:
    ws: Path
    out: Path
    env: dict[str, str]

    def verdict(self, otherwise: str) -> str:
        """What the editor's script wrote ("OK ..." or "FAIL ..."), else `otherwise`."""
        return self.out.read_text() if self.out.exists() else otherwise


def scenario(tmp_path: Path) -> Scenario:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "app.py").write_text("import os\n\n\ndef main():\n    return os.getcwd()\n")
    outside = tmp_path / "answer.py"
    outside.write_text(AI_ANSWER)
    out = tmp_path / "result.txt"
    env = {
        **os.environ,
        "PM_WS": str(ws),
        "PM_AI": str(outside),
        "PM_PYTHON": sys.executable,
        "PM_SERVER": f"{sys.executable} -m provmark serve",
        "PM_OUT": str(out),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    return Scenario(ws, out, env)
