"""A real editor that sends whole-text changes: Vim with ALE (Debian `vim`, `vim-ale`),
in tmux because ALE runs only with a terminal (tests/editors/vim_ale.vim)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from scenario import scenario

HERE = Path(__file__).resolve().parent
ALE = Path("/usr/share/vim-ale/plugin/ale.vim")


@pytest.mark.skipif(
    not (shutil.which("vim") and shutil.which("tmux") and ALE.exists()),
    reason="needs vim, tmux and ALE (apt-get install vim tmux vim-ale)",
)
def test_vim_ale_paste_warns_tags_from_inside_the_block_and_the_tag_follows_whole_text_edits(tmp_path: Path) -> None:
    sc = scenario(tmp_path)
    env = {**sc.env, "TMUX_TMPDIR": str(tmp_path), "TERM": "xterm-256color"}
    ws, out = sc.ws, sc.out
    session = f"pm{os.getpid()}"
    cmd = f"vim -Nu {HERE / 'vim_ale.vim'} -i NONE"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", cmd], env=env, check=True, cwd=ws
    )
    try:
        deadline = time.monotonic() + 60
        while not out.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], env=env, capture_output=True, text=True)
    finally:
        subprocess.run(["tmux", "kill-server"], env=env, capture_output=True)
    result = sc.verdict(f"no result; the screen:\n{screen.stdout}")
    assert result.startswith("OK"), result
    print(result)
    assert (ws / ".provmark" / "app.py.json").exists()
