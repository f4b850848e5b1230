"""A real editor that sends whole-text changes: Vim with ALE (Debian `vim`, `vim-ale`),
in tmux because ALE runs only with a terminal (tests/editors/vim_ale.vim)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ALE = Path("/usr/share/vim-ale/plugin/ale.vim")

AI = '''def retry(func, attempts: int = 3, delay: float = 0.5):
    """Call func, retrying on any exception with exponential backoff."""
    import time

    for attempt in range(attempts):
        try:
            return func()
        except Exception:
            if attempt == attempts - 1:
                raise
            time.sleep(delay * 2**attempt)


def chunked(items: list, size: int) -> list[list]:
    """Split items into consecutive chunks of at most `size` elements."""
    if size <= 0:
        raise ValueError("size must be a positive integer")
    return [items[i : i + size] for i in range(0, len(items), size)]
'''


@pytest.mark.skipif(
    not (shutil.which("vim") and shutil.which("tmux") and ALE.exists()),
    reason="needs vim, tmux and ALE (apt-get install vim tmux vim-ale)",
)
def test_vim_ale_paste_warns_tags_from_inside_the_block_and_the_tag_follows_whole_text_edits(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "app.py").write_text("import os\n\n\ndef main():\n    return os.getcwd()\n")
    outside = tmp_path / "answer.py"
    outside.write_text(AI)
    out = tmp_path / "result.txt"
    env = {
        **os.environ,
        "PM_WS": str(ws),
        "PM_AI": str(outside),
        "PM_PYTHON": sys.executable,
        "PM_OUT": str(out),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "TMUX_TMPDIR": str(tmp_path),
        "TERM": "xterm-256color",
    }
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
    result = out.read_text() if out.exists() else f"no result; the screen:\n{screen.stdout}"
    assert result.startswith("OK"), result
    print(result)
    assert (ws / ".provmark" / "app.py.json").exists()
