"""A real editor: headless Neovim runs the server, pastes, tags (tests/nvim_paste.lua)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.mark.skipif(shutil.which("nvim") is None, reason="nvim is not installed (apt-get install neovim)")
def test_neovim_paste_warns_and_tags(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "app.py").write_text("import os\n\n\ndef main():\n    return os.getcwd()\n")
    out = tmp_path / "result.txt"
    env = {
        **os.environ,
        "PM_WS": str(ws),
        "PM_SERVER": f"{sys.executable} -m provmark serve",
        "PM_OUT": str(out),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    r = subprocess.run(
        ["nvim", "--headless", "-u", "NONE", "-c", f"luafile {HERE / 'nvim_paste.lua'}"],
        env=env,
        capture_output=True,
        timeout=60,
        cwd=ws,
    )
    result = out.read_text() if out.exists() else f"no result; nvim exit {r.returncode}: {r.stderr.decode()[-2000:]}"
    assert result.startswith("OK"), result
    assert r.returncode == 0
