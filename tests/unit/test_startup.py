"""`provmark serve` answers `initialize` before it imports the tracker, the content model
and the features (they are built right after the reply): the modules an editor waits
for stay the LSP libraries'. Checked by what is imported, not by a clock."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("provmark.core.style", "provmark.core.tracker", "provmark.sources.sidecar", "provmark.pipeline.commands")


def test_starting_the_server_imports_nothing_heavy_before_initialize() -> None:
    code = (
        "import sys, provmark.cli, provmark.lsp.server as s; s.create_server(); "
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_server_knows_the_sidecar_folder_without_importing_sidecars() -> None:
    from provmark.lsp.server import SIDECAR_DIR
    from provmark.sources.sidecar import SIDECAR_DIR as REAL

    assert SIDECAR_DIR == REAL
