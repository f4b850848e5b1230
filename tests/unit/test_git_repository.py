"""Git for a folder that is not the top of its repository: a subdirectory several levels
down, a linked worktree (`.git` is a file), a submodule's relative gitdir. Finding the
repository, the history's paths named from the folder, the filter drivers switched off
there too, and `provmark scan` of such a folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from provmark.batch.scan import scan
from provmark.sources.declared_commits import declared_runs, head_signature
from provmark.sources.gitinfo import GitHistory, Repository, find_repository, git_command
from support.workloads import git

AI = (ROOT / "samples" / "shop" / "cart.py").read_text(encoding="utf-8")
HUMAN = """import os

def walk(top, cb):
    for d, _, files in os.walk(top):
        for f in files:
            cb(f)
"""
CLAUDE = "Co-Authored-By: Claude <noreply@anthropic.com>"


def write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose package `pkg/sub/lib` gets a file from a commit declaring Claude."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root, "top.py", HUMAN)
    write(root, "pkg/sub/lib/walk.py", HUMAN)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    write(root, "pkg/sub/lib/agent.py", HUMAN.replace("walk", "crawl"))
    write(root, "elsewhere.py", HUMAN.replace("walk", "other"))
    git(root, "add", "-A")
    git(root, "commit", "-qm", f"crawl\n\n{CLAUDE}")
    return root


# -- finding the repository ----------------------------------------------------------------
def test_a_plain_repository_and_a_folder_several_levels_down(repo: Path) -> None:
    top = Repository(repo, repo / ".git", repo / ".git")
    assert find_repository(repo) == top
    assert find_repository(repo / "pkg" / "sub" / "lib") == top
    assert find_repository(repo / "pkg" / "sub" / "lib" / "not-made-yet") == top


def test_a_linked_worktree_names_its_own_git_dir_and_the_common_one(repo: Path, tmp_path: Path) -> None:
    wt = tmp_path / "wt"
    git(repo, "worktree", "add", "-q", str(wt), "-b", "other")
    assert (wt / ".git").is_file()
    found = find_repository(wt / "pkg" / "sub")
    assert found is not None and found.top == wt
    assert found.git_dir == repo / ".git" / "worktrees" / "wt" and (found.git_dir / "HEAD").is_file()
    assert found.common_dir == repo / ".git"


def test_a_submodule_like_gitdir_is_relative_to_the_file(repo: Path) -> None:
    modules = repo / ".git" / "modules" / "dep"
    modules.mkdir(parents=True)
    (modules / "HEAD").write_text("ref: refs/heads/main\n")
    dep = repo / "vendor" / "dep"
    dep.mkdir(parents=True)
    (dep / ".git").write_text("gitdir: ../../.git/modules/dep\n")
    assert find_repository(dep / "src") == Repository(dep, modules, modules)


def test_no_repository_and_a_broken_git_file(tmp_path: Path) -> None:
    plain = tmp_path / "plain" / "deeper"
    plain.mkdir(parents=True)
    assert find_repository(plain) is None or find_repository(plain).top not in (plain, plain.parent)  # type: ignore[union-attr]
    broken = tmp_path / "broken"
    broken.mkdir()
    for text in ("gitdir: /nowhere\n", "not a gitfile\n", ""):
        (broken / ".git").write_text(text)
        assert find_repository(broken / "src") is None
    (broken / ".git").write_bytes(b"\xff\xfe\x00gitdir")
    assert find_repository(broken) is None


# -- git's activity, seen in a git dir outside the folder ----------------------------------------
@pytest.mark.parametrize("polling", [False, True])
def test_the_watcher_sees_git_write_head_outside_the_folder(repo: Path, polling: bool) -> None:
    import asyncio
    import time

    from provmark.sources.watcher import DiskWatcher

    lib = repo / "pkg" / "sub" / "lib"
    found = find_repository(lib)
    assert found is not None
    loop = asyncio.new_event_loop()
    w = DiskWatcher(lib, loop, lambda *_: None, lambda _: None, lambda _: False, git_dir=found.git_dir)
    try:
        w.start(force_polling=polling)
        time.sleep(0.3)
        (repo / ".git" / "COMMIT_EDITMSG").write_text("a commit writes no marker\n")
        time.sleep(2.5 if polling else 0.5)
        assert w.git_activity is None
        git(repo, "checkout", "-q", "-b", "other")  # writes HEAD
        deadline = time.monotonic() + 6
        while w.git_activity is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert w.git_activity is not None
    finally:
        w.stop()
        loop.close()


# -- the history, named from the folder -------------------------------------------------------
def test_history_of_a_subdirectory_names_paths_from_it(repo: Path) -> None:
    lib = repo / "pkg" / "sub" / "lib"
    history = GitHistory(lib)
    assert history.ai_paths() == {"agent.py"}  # not pkg/sub/lib/agent.py, not elsewhere.py
    assert history.head_text("walk.py") == HUMAN
    [(start, end, tool, _)] = history.ai_lines("agent.py")
    assert (start, end, tool) == (0, HUMAN.count("\n") - 1, "claude-code")


def test_filter_drivers_are_switched_off_in_a_subdirectory_and_a_worktree(repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    write(repo, ".gitattributes", "*.py filter=evil\n")
    git(repo, "config", "filter.evil.clean", f"sh -c 'touch {marker}; cat'")
    wt = tmp_path / "wt"
    git(repo, "worktree", "add", "-q", str(wt), "-b", "other")
    for folder in (repo / "pkg" / "sub", wt, wt / "pkg"):
        assert "filter.evil.clean=" in git_command(folder, "status"), folder
    # The pipeline's blame of a subdirectory's declared lines runs no filter either.
    write(repo, "pkg/sub/lib/agent.py", HUMAN.replace("walk", "crawl") + "# edited\n")
    _, runs, problems = declared_runs(repo / "pkg" / "sub" / "lib", workers=1)
    assert runs["agent.py"] and not problems
    GitHistory(wt / "pkg" / "sub" / "lib").ai_lines("agent.py")
    assert not marker.exists()


def test_head_signature_of_a_worktree_moves_with_its_head(repo: Path, tmp_path: Path) -> None:
    wt = tmp_path / "wt"
    git(repo, "worktree", "add", "-q", str(wt), "-b", "other")
    before = head_signature(wt)
    assert before[0] == "ref: refs/heads/other"
    write(wt, "new.py", HUMAN)
    git(wt, "add", "new.py")
    git(wt, "commit", "-qm", "new")
    assert head_signature(wt) != before


def test_report_dates_of_a_subdirectory_come_from_one_git_log(repo: Path) -> None:
    from provmark.pipeline.report_gather import one_commit_months

    months = one_commit_months(repo / "pkg" / "sub" / "lib", ["walk.py", "agent.py"])
    assert set(months) == {"walk.py", "agent.py"}  # named from the folder, as asked


# -- provmark scan ----------------------------------------------------------------------------
def test_scan_of_a_subdirectory_reads_git_history(repo: Path) -> None:
    lib = repo / "pkg" / "sub" / "lib"
    report = scan(lib, jobs=1, use_cache=False)
    found = [(f.path, f.code, f.tool) for f in report.findings() if f.code == "ai-commit"]
    assert found and {p for p, *_ in found} == {"agent.py"} and found[0][2] == "claude-code"


def test_scan_changed_since_in_a_subdirectory(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    write(repo, "pkg/sub/lib/more.py", HUMAN.replace("walk", "more"))
    write(repo, "pkg/outside.py", AI)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"more\n\n{CLAUDE}")
    lib = repo / "pkg" / "sub" / "lib"
    done = subprocess.run(
        [sys.executable, "-m", "provmark", "scan", ".", "--changed-since", "main", "--format", "json", "--no-cache"],
        capture_output=True,
        text=True,
        cwd=lib,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    data = json.loads(done.stdout)
    assert data["totals"]["files"] == 1
    [entry] = data["files"]
    assert entry["path"] == "more.py" and any(f["code"] == "ai-commit" for f in entry["findings"])
