"""Emacs 28 with eglot 1.9 or lsp-mode 8.0 (Debian `emacs-nox`, `elpa-eglot`,
`elpa-lsp-mode`), in batch mode (tests/editors/emacs_eglot.el, emacs_lsp_mode.el):
paste, Warning, tag from inside the block, sidecar, the tag after an edit above it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from scenario import scenario

HERE = Path(__file__).resolve().parent
ELPA = Path("/usr/share/emacs/site-lisp/elpa")
CLIENTS = {"eglot": "eglot-1.9", "lsp_mode": "lsp-mode-8.0.0"}


@pytest.mark.parametrize("client", sorted(CLIENTS))
def test_emacs_paste_warns_tags_from_inside_the_block_and_the_tag_follows_edits(tmp_path: Path, client: str) -> None:
    if not (shutil.which("emacs") and (ELPA / CLIENTS[client]).exists()):
        pytest.skip("needs emacs, eglot and lsp-mode (apt-get install emacs-nox elpa-eglot elpa-lsp-mode)")
    sc = scenario(tmp_path)
    r = subprocess.run(
        ["emacs", "--batch", "-q", "-l", str(HERE / f"emacs_{client}.el")],
        env=sc.env,
        capture_output=True,
        timeout=120,
        cwd=sc.ws,
    )
    result = sc.verdict(f"no result; emacs exit {r.returncode}: {r.stderr.decode()[-3000:]}")
    assert result.startswith("OK"), result
    print(result)
