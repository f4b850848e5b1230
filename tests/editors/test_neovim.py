"""A real editor: headless Neovim runs the server, pastes, tags (tests/nvim_paste.lua)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from scenario import scenario

HERE = Path(__file__).resolve().parent


@pytest.mark.skipif(shutil.which("nvim") is None, reason="nvim is not installed (apt-get install neovim)")
def test_neovim_paste_warns_and_tags(tmp_path: Path) -> None:
    sc = scenario(tmp_path)
    r = subprocess.run(
        ["nvim", "--headless", "-u", "NONE", "-c", f"luafile {HERE / 'nvim_paste.lua'}"],
        env=sc.env,
        capture_output=True,
        timeout=60,
        cwd=sc.ws,
    )
    result = sc.verdict(f"no result; nvim exit {r.returncode}: {r.stderr.decode()[-2000:]}")
    assert result.startswith("OK"), result
    assert r.returncode == 0
