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


def git(root: Path, *args: str, author: str = "dev") -> str:
    """Run git in `root` with a fixed identity; returns its output."""
    import os
    import subprocess

    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "dev@example.com",
        "GIT_COMMITTER_NAME": "dev",
        "GIT_COMMITTER_EMAIL": "dev@example.com",
    }
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True, env=env).stdout


def claude_record(ws: Path, rel: str, content: str, session: str = "sess-1") -> dict:
    """One line of a Claude Code session log: the Write tool writing `content` to `rel`."""
    return {
        "type": "assistant",
        "sessionId": session,
        "cwd": str(ws.resolve()),
        "message": {
            "model": "claude-test",
            "content": [
                {
                    "type": "tool_use",
                    "name": "Write",
                    "input": {"file_path": str(ws.resolve() / rel), "content": content},
                }
            ],
        },
    }


def claude_writes(ws: Path, home: Path, rel: str, content: str, session: str = "sess-1") -> Path:
    """Append that line to the session's log under `home`, as Claude Code does; returns the log."""
    import json

    from provmark.transcripts import claude_dir_name

    log = home / ".claude" / "projects" / claude_dir_name(str(ws.resolve())) / f"{session}.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a") as f:
        f.write(json.dumps(claude_record(ws, rel, content, session)) + "\n")
    return log
