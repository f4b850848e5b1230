"""What a hostile workspace cannot make Provmark do."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def extension_boot() -> str:
    """The -c program the VS Code extension starts the server with (from its source)."""
    src = (ROOT / "client-vscode" / "src" / "pure" / "interpreter.ts").read_text(encoding="utf-8")
    m = re.search(r"SERVER_BOOT =\s*((?:\"[^\"]*\"\s*\+?\s*)+);", src)
    assert m, "SERVER_BOOT not found"
    return "".join(re.findall(r"\"([^\"]*)\"", m.group(1)))


def test_the_extensions_server_start_ignores_modules_in_the_workspace(tmp_path: Path) -> None:
    # A repository with its own json.py and provmark/ package at the top: `python -m
    # provmark` run there would import them; the extension's start must not.
    (tmp_path / "json.py").write_text("raise SystemExit('workspace code ran')\n")
    (tmp_path / "provmark").mkdir()
    (tmp_path / "provmark" / "__init__.py").write_text("raise SystemExit('workspace code ran')\n")
    boot = extension_boot().replace("main(['serve'])", "main(['--version'])")
    done = subprocess.run([sys.executable, "-c", boot], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "workspace code ran" not in done.stdout + done.stderr
    assert done.stdout.startswith("provmark ")
    # The console script is safe too (its folder, not the workspace, leads sys.path).
    script = Path(sys.executable).parent / "provmark"
    done = subprocess.run([str(script), "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("provmark ")
