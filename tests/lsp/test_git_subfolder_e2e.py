"""End to end: a workspace folder that is not the top of its git repository (a package of
a monorepo, several levels down) or is a linked worktree (`.git` is a file). git's own
writes there (checkout, stash) are explained, not flagged as another process's; lines of
commits declaring an AI tool are flagged on open."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from conftest import SERVER
from support.lsp_client import StdioClient
from support.workloads import git

HUMAN = "".join(f"def handler_{i}(request):\n    return respond(request, code={i})\n\n" for i in range(10))
AGENT = "".join(f"def helper_{i}(value: str) -> str:\n    return normalise(value, mode='m{i}')\n\n" for i in range(8))

THEIRS = "".join(
    f"class Repository{i}:\n    def fetch_all(self, limit: int = {i}) -> list[dict]:\n"
    f"        rows = self.session.query(Model{i}).limit(limit).all()\n"
    f"        return [row.to_dict() for row in rows if row.active]\n\n"
    for i in range(6)
)


def start(tmp_path: Path, kind: str) -> tuple[StdioClient, Path]:
    """A repository with app.py in `pkg/services/api`; the workspace folder is that
    subdirectory ("subdir"), a linked worktree of the repository ("worktree") or the
    same subdirectory of the worktree ("worktree-subdir")."""
    repo, home = tmp_path / "repo", tmp_path / "home"
    sub = "" if kind == "worktree" else "pkg/services/api"
    api = repo / sub
    api.mkdir(parents=True, exist_ok=True)
    home.mkdir()
    (api / "app.py").write_text(HUMAN)
    (api / "kept.py").write_text(AGENT)  # committed by hand, no declaration
    (repo / "README.md").write_text("top\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "init")
    if kind == "subdir":
        ws = api
    else:
        wt = tmp_path / "wt"
        git(repo, "worktree", "add", "-q", str(wt), "-b", "work")
        assert (wt / ".git").is_file()
        ws = wt / sub
    c = StdioClient(SERVER, cwd=str(ws), env={**os.environ, "HOME": str(home)})
    c.initialize(ws.as_uri())
    deadline = time.monotonic() + 20
    while not c.request("provmark/status", {})["watching"]:
        assert time.monotonic() < deadline, "the server never started watching"
        time.sleep(0.05)
    return c, ws


@pytest.fixture(params=["subdir", "worktree", "worktree-subdir"])
def server(request: pytest.FixtureRequest, tmp_path: Path):
    c, ws = start(tmp_path, request.param)
    yield c, ws
    assert c.close() == 0


def warnings_for(c: StdioClient, uri: str) -> list[dict]:
    return [d for d in c.diagnostics.get(uri, []) if d.get("severity") == 2 and d.get("source") == "provmark"]


def crlf_checkouts(ws: Path) -> None:
    """Files git writes with CRLF line ends are no object git holds: then only git's
    activity in its git dir (outside the folder here) says that git wrote them."""
    (ws / ".gitattributes").write_text("*.py text eol=crlf\n")
    git(ws, "add", ".gitattributes")
    git(ws, "commit", "-q", "-m", "line ends")


def test_git_checkout_and_stash_in_the_folder_are_not_flagged(server) -> None:
    c, ws = server
    crlf_checkouts(ws)
    git(ws, "checkout", "-q", "-b", "feature")
    (ws / "feature.py").write_text(AGENT.replace("helper", "feature"))
    git(ws, "add", "-A")
    git(ws, "commit", "-q", "-m", "feature")
    git(ws, "checkout", "-q", "-")
    time.sleep(0.5)
    git(ws, "checkout", "-q", "feature")  # writes feature.py back: git's doing
    # kept.py loses its lines on disk; git stash puts them back.
    (ws / "kept.py").write_text("")
    time.sleep(1.0)
    git(ws, "stash", "-q")
    time.sleep(2.5)
    for name in ("feature.py", "kept.py"):
        assert warnings_for(c, (ws / name).as_uri()) == [], name
    assert [f["git"] for f in c.request("provmark/status", {})["folders"]] == [True]
    # Sanity: new text written by another process, once git is done, is flagged.
    time.sleep(1.0)
    (ws / "other.py").write_text(THEIRS.replace("Repository", "Store"))
    assert c.wait(lambda: warnings_for(c, (ws / "other.py").as_uri()), timeout=8)


def test_a_merge_that_stops_on_a_conflict_is_gits_doing(server) -> None:
    """git's activity in its git dir (ORIG_HEAD, MERGE_HEAD), outside the folder here,
    says who wrote the conflicted file."""
    c, ws = server
    crlf_checkouts(ws)
    git(ws, "checkout", "-q", "-b", "theirs")
    (ws / "app.py").write_text(HUMAN + THEIRS)
    git(ws, "commit", "-qam", "theirs")
    git(ws, "checkout", "-q", "-")
    (ws / "app.py").write_text(HUMAN + "def ours():\n    return 1\n")
    git(ws, "commit", "-qam", "ours")
    time.sleep(1.0)
    uri = (ws / "app.py").as_uri()
    c.diagnostics.pop(uri, None)
    with pytest.raises(subprocess.CalledProcessError):
        git(ws, "merge", "-q", "theirs")
    assert "<<<<<<<" in (ws / "app.py").read_text()
    time.sleep(2.5)
    assert warnings_for(c, uri) == []


def test_lines_of_a_commit_declaring_an_ai_tool_are_flagged_on_open(server) -> None:
    c, ws = server
    (ws / "app.py").write_text(HUMAN + AGENT)
    git(ws, "commit", "-qam", "Add helpers\n\nCo-Authored-By: Claude <noreply@anthropic.com>")
    # A filter driver in the repository's config (the common dir's, for a worktree): git
    # blame would run it on the working tree's file; Provmark's must not.
    marker = ws.parent / "filter-ran"
    (ws / ".gitattributes").write_text("*.py filter=evil\n")
    git(ws, "config", "filter.evil.clean", f"sh -c 'touch {marker}; cat'")
    time.sleep(0.3)
    uri = (ws / "app.py").as_uri()
    c.open(uri, HUMAN + AGENT)
    assert c.wait(lambda: warnings_for(c, uri), timeout=5), c.diagnostics
    [d] = warnings_for(c, uri)
    assert d["code"] == "ai-commit" and d["data"]["tool"] == "claude-code"
    assert d["range"]["start"]["line"] == len(HUMAN.split("\n")) - 1
    assert not marker.exists()
