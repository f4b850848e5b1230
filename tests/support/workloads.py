"""Workloads shared by the tests and the benchmarks: git history, Claude Code session logs,
and a storm of files rewritten at once (tests/load/test_storm.py runs it at CI size,
benchmarks/bench_disk.py at full size)."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provmark.sources.transcripts import claude_dir_name
from support.lsp_client import StdioClient


def git(root: Path, *args: str, author: str = "dev") -> str:
    """Run git in `root` with a fixed identity; returns its output."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "dev@example.com",
        "GIT_COMMITTER_NAME": "dev",
        "GIT_COMMITTER_EMAIL": "dev@example.com",
    }
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True, env=env).stdout


def ws_and_home(tmp_path: Path, name: str = "ws") -> tuple[Path, Path]:
    """A new workspace folder `tmp_path/name` (resolved) and a new HOME beside it, where
    tests write the AI tools' logs."""
    ws, home = (tmp_path / name).resolve(), tmp_path / "home"
    ws.mkdir()
    home.mkdir()
    return ws, home


def serve_in_home(tmp_path: Path, files: dict[str, str]) -> tuple[StdioClient, Path, Path]:
    """A language server for a new git workspace `tmp_path/ws` holding `files` (committed),
    with HOME a new empty folder where the tests write the AI tools' logs; returned once
    it watches the folder: (client, workspace, home)."""
    import sys
    import time

    ws, home = ws_and_home(tmp_path)
    for rel, text in files.items():
        (ws / rel).write_text(text)
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-q", "-m", "init")
    c = StdioClient([sys.executable, "-m", "provmark", "serve"], cwd=str(ws), env={**os.environ, "HOME": str(home)})
    c.initialize(ws.as_uri())
    deadline = time.monotonic() + 20
    while not c.request("provmark/status", {})["watching"]:
        assert time.monotonic() < deadline, "the server never started watching"
        time.sleep(0.05)
    return c, ws, home


def claude_record(ws: Path, rel: str, content: str, session: str = "sess-1") -> dict[str, Any]:
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


def claude_log(ws: Path, home: Path, session: str) -> Path:
    """Where Claude Code keeps the log of `session` in `ws`, under the home folder `home`."""
    return home / ".claude" / "projects" / claude_dir_name(str(ws.resolve())) / f"{session}.jsonl"


def claude_writes(ws: Path, home: Path, rel: str, content: str, session: str = "sess-1") -> Path:
    """Append that line to the session's log under `home`, as Claude Code does; returns the log."""
    log = claude_log(ws, home, session)
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a") as f:
        f.write(json.dumps(claude_record(ws, rel, content, session)) + "\n")
    return log


def flagged(c: StdioClient, prefix: str) -> set[str]:
    """The documents under `prefix` that the server has published a warning for."""
    with c._lock:
        return {
            u for u, ds in c.diagnostics.items() if u.startswith(prefix) and any(d.get("severity") == 2 for d in ds)
        }


@dataclass(frozen=True)
class Storm:
    """`n` Python files in `ws`, `per_dir` to a folder, each `defs` human-looking functions,
    committed on `main`, with a branch `other` where every file gained a block of
    `block_defs` functions that no other file has."""

    ws: Path
    n: int
    per_dir: int = 100
    defs: int = 3
    block_defs: int = 4

    def path(self, i: int) -> Path:
        return self.ws / f"pkg{i // self.per_dir}" / f"m{i}.py"

    def body(self, i: int) -> str:
        return "".join(
            f"def handler_{i}_{k}(request):\n    return respond(request, code={k})\n\n" for k in range(self.defs)
        )

    def block(self, i: int, tag: str) -> str:
        return "".join(
            f"def added_{tag}_{i}_{k}(value):\n    return convert(value, unit='{tag}{i}-{k}')\n"
            for k in range(self.block_defs)
        )

    def create(self) -> None:
        """Write the files and their history; leaves `main` checked out."""
        for i in range(self.n):
            self.path(i).parent.mkdir(parents=True, exist_ok=True)
            self.path(i).write_text(self.body(i))
        git(self.ws, "init", "-q", "-b", "main")
        git(self.ws, "add", "-A")
        git(self.ws, "commit", "-q", "-m", "init")
        git(self.ws, "checkout", "-q", "-b", "other")
        for i in range(self.n):
            self.path(i).write_text(self.body(i) + self.block(i, "branch"))
        git(self.ws, "commit", "-qam", "other")
        git(self.ws, "checkout", "-q", "main")

    def rewrite(self, tag: str, by_rename: bool) -> None:
        """Every file gains a new block at once, written in place or, as many editors and
        agents save, to a temporary file renamed over it."""
        for i in range(self.n):
            p = self.path(i)
            text = p.read_text() + self.block(i, tag)
            if by_rename:
                tmp = p.with_name(p.name + ".tmp")
                tmp.write_text(text)
                os.replace(tmp, p)
            else:
                p.write_text(text)
