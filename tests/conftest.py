from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "server"))
sys.path.insert(0, str(ROOT / "tests"))  # `support`: the LSP client and workloads shared with benchmarks/

# Each folder under tests/ is one layer, and gets its marker: `pytest -m unit` = `pytest tests/unit`.
MARKER = {"unit": "unit", "lsp": "lsp", "editors": "editor", "load": "load"}

SERVER = [sys.executable, "-m", "provmark", "serve"]


def pytest_sessionstart(session: pytest.Session) -> None:
    # A compiled core (scripts/compile.sh) older than its source would be tested in place of it.
    from provmark.batch.compiled import stale_modules

    stale = stale_modules()
    if stale:
        pytest.exit(
            f"the compiled {', '.join(stale)} older than the source: run scripts/compile.sh again "
            "(or scripts/compile.sh --clean for pure Python)",
            returncode=4,
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tests = ROOT / "tests"
    for item in items:
        parts = item.path.relative_to(tests).parts if item.path.is_relative_to(tests) else ()
        if len(parts) > 1 and parts[0] in MARKER:
            item.add_marker(MARKER[parts[0]])


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    return ws


@pytest.fixture
def ws_home(tmp_path: Path) -> tuple[Path, Path]:
    """A workspace folder (resolved, as the server holds it) and an empty home for the AI
    tools' logs, for the transcript readers' tests."""
    ws, home = (tmp_path / "shop").resolve(), tmp_path / "home"
    ws.mkdir()
    home.mkdir()
    return ws, home
