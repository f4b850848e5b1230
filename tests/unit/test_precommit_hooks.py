"""The repository as a pre-commit hook repository (.pre-commit-hooks.yaml), run by the
real pre-commit: it installs Provmark from the hook repository into an environment of
its own (language: python, pip from the package index) and runs the hooks in a git
repository with a clean tree, a broken sidecar, and an untagged agent-written file.

The hook repository is a snapshot of this working tree's package files (pyproject.toml,
README.md, LICENSE, .pre-commit-hooks.yaml, server/), committed in a temporary git
repository, so that what is tested is the code here, committed or not. pre-commit
installs it once per session (PRE_COMMIT_HOME is shared: about 30 s, mostly pip);
`pre-commit try-repo`, which always installs afresh into a throwaway store, runs once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from provmark.core.families import EXTENSIONS
from support.workloads import git

HOOKS = ROOT / ".pre-commit-hooks.yaml"
PACKAGE_FILES = ["pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml", "server"]

# Hand-written-looking code, short and plain: no hook has anything to say about it.
HUMAN = """import os, sys

def walk(top, cb):
    for d, dirs, files in os.walk(top):
        for f in files:
            cb(os.path.join(d, f))
"""
# An agent's file: this test suite's shared samples were written by an AI model.
AGENT = (ROOT / "tests" / "support" / "samples.py").read_text(encoding="utf-8")


def _hooks() -> dict[str, dict[str, object]]:
    return {h["id"]: h for h in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}


def test_hook_definitions() -> None:
    hooks = _hooks()
    assert set(hooks) == {"provmark-check", "provmark-scan"}
    for hook in hooks.values():
        assert hook["language"] == "python" and str(hook["entry"]).startswith("provmark ")
    # check reads every sidecar, whatever was staged (a commit of deletions alone too).
    assert hooks["provmark-check"]["pass_filenames"] is False and hooks["provmark-check"]["always_run"] is True
    assert hooks["provmark-scan"].get("pass_filenames", True) is True


def test_scan_hook_files_are_the_files_scan_reads() -> None:
    """The hook's `files` pattern and the scan's extensions stay in step, in any case,
    and staged sidecars run it too (they stand for their file)."""
    pattern = re.compile(str(_hooks()["provmark-scan"]["files"]))
    listed = set(re.search(r"\\\.\(([^)]*)\)", pattern.pattern).group(1).split("|"))  # type: ignore[union-attr]
    assert listed == {ext[1:] for ext in EXTENSIONS}
    for ext in EXTENSIONS:
        assert pattern.search(f"src/a{ext}") and pattern.search(f"src/A{ext.upper()}")
    assert pattern.search(".provmark/src/a.py.json")
    for other in ("README.md", "data.json", "src/a.pyc", "a.py.orig", "sub/.provmark/x.json"):
        assert not pattern.search(other), other


# -- the real pre-commit ----------------------------------------------------------------
@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository holding this working tree's package files; (path, commit)."""
    repo = tmp_path_factory.mktemp("hook-repo")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *PACKAGE_FILES],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        if (ROOT / rel).is_file():
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, repo / rel)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "provmark")
    return repo, git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="session")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """pre-commit's store shared by the session (one install), and a home of its own, so
    that the hooks read no AI tool's logs and write no cache outside the test."""
    home = tmp_path_factory.mktemp("home")
    pip_cache = os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip")
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PIP_CACHE_DIR": pip_cache,  # the machine's pip cache: pip's downloads, as for any user
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "PRE_COMMIT_COLOR": "never",
    }


@pytest.fixture
def project(tmp_path: Path, hook_repo: tuple[Path, str]) -> Path:
    """A git repository that uses both hooks, with one hand-written file committed."""
    repo, rev = hook_repo
    root = tmp_path / "project"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    config = {"repos": [{"repo": str(repo), "rev": rev, "hooks": [{"id": "provmark-check"}, {"id": "provmark-scan"}]}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    (root / "walk.py").write_text(HUMAN)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    return root


def pre_commit(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=root, env=env, capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="session")
def installed(
    hook_repo: tuple[Path, str], pre_commit_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> float:
    """Install the hooks' environment once (seconds it took); the tests after share it."""
    root = tmp_path_factory.mktemp("install")
    git(root, "init", "-q", "-b", "main")
    repo, rev = hook_repo
    config = {"repos": [{"repo": str(repo), "rev": rev, "hooks": [{"id": "provmark-check"}, {"id": "provmark-scan"}]}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    t0 = time.perf_counter()
    done = pre_commit(root, pre_commit_env, "install-hooks")
    assert done.returncode == 0, done.stdout + done.stderr
    return time.perf_counter() - t0


def test_a_clean_tree_passes(project: Path, pre_commit_env: dict[str, str], installed: float) -> None:
    done = pre_commit(project, pre_commit_env, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"provmark check \(sidecars\)\.+Passed", done.stdout)
    assert re.search(r"provmark \(untagged AI-written code\)\.+Passed", done.stdout)
    print(f"hook environment installed in {installed:.1f} s")


def test_a_broken_sidecar_fails_the_check_hook(project: Path, pre_commit_env: dict[str, str], installed: float) -> None:
    (project / ".provmark").mkdir()
    (project / ".provmark" / "walk.py.json").write_text("{not json")
    git(project, "add", "-A")
    done = pre_commit(project, pre_commit_env, "run")
    assert done.returncode == 1
    assert re.search(r"provmark check \(sidecars\)\.+Failed", done.stdout), done.stdout
    assert "walk.py.json: invalid JSON" in done.stdout and "1 problem(s)" in done.stdout
    # A sidecar left behind by a deleted file: a commit of deletions alone still runs it.
    (project / ".provmark" / "walk.py.json").write_text('{"schema": "provmark/2", "path": "walk.py", "records": []}')
    git(project, "add", "-A")
    git(project, "commit", "-qm", "sidecar", "--no-verify")
    git(project, "rm", "-q", "walk.py")
    done = pre_commit(project, pre_commit_env, "run")
    assert done.returncode == 1 and "orphan sidecar" in done.stdout, done.stdout


def test_an_untagged_agent_file_fails_until_tagged(
    project: Path, pre_commit_env: dict[str, str], installed: float
) -> None:
    (project / "agent.py").write_text(AGENT)
    git(project, "add", "agent.py")
    t0 = time.perf_counter()
    done = pre_commit(project, pre_commit_env, "run")
    seconds = time.perf_counter() - t0
    assert done.returncode == 1
    assert re.search(r"provmark \(untagged AI-written code\)\.+Failed", done.stdout), done.stdout
    lines = len(AGENT.splitlines())
    assert re.search(rf"^agent\.py:1-{lines} +\(whole file\) +ai-style +0\.\d\d", done.stdout, re.M), done.stdout
    assert "provmark precommit --tag-as ai agent.py" in done.stdout
    assert re.search(r"provmark check \(sidecars\)\.+Passed", done.stdout)
    print(f"pre-commit run with both hooks, one staged file: {seconds:.2f} s")
    # Tagged from the command line, as the message says; the sidecar staged: it passes.
    tagged = subprocess.run(
        [sys.executable, "-m", "provmark", "precommit", "--tag-as", "ai", "agent.py"],
        cwd=project,
        env=pre_commit_env,
        capture_output=True,
        text=True,
    )
    assert tagged.returncode == 0 and f"agent.py: lines 1-{lines} tagged as AI-written" in tagged.stdout
    git(project, "add", ".provmark")
    done = pre_commit(project, pre_commit_env, "run")
    assert done.returncode == 0, done.stdout
    assert re.search(r"provmark \(untagged AI-written code\)\.+Passed", done.stdout)


def test_the_hook_reads_what_is_staged(project: Path, pre_commit_env: dict[str, str], installed: float) -> None:
    """pre-commit stashes unstaged changes before it runs hooks: an agent's file staged
    and then overwritten on disk still fails; hand-written code staged and then
    overwritten with the agent's passes."""
    (project / "agent.py").write_text(AGENT)
    git(project, "add", "agent.py")
    (project / "agent.py").write_text(HUMAN)
    done = pre_commit(project, pre_commit_env, "run")
    assert done.returncode == 1 and "agent.py:1-" in done.stdout, done.stdout
    assert (project / "agent.py").read_text() == HUMAN  # pre-commit put the unstaged change back
    git(project, "add", "agent.py")
    (project / "agent.py").write_text(AGENT)
    done = pre_commit(project, pre_commit_env, "run")
    assert done.returncode == 0, done.stdout


def test_try_repo(project: Path, hook_repo: tuple[Path, str], pre_commit_env: dict[str, str]) -> None:
    """`pre-commit try-repo`, as a user tries a hook repository before adopting it: it
    clones the repository and installs Provmark afresh in a throwaway store."""
    (project / "agent.py").write_text(AGENT)
    git(project, "add", "agent.py")
    t0 = time.perf_counter()
    done = pre_commit(project, pre_commit_env, "try-repo", str(hook_repo[0]), "provmark-scan", "--all-files")
    seconds = time.perf_counter() - t0
    assert done.returncode == 1, done.stdout + done.stderr
    assert re.search(r"provmark \(untagged AI-written code\)\.+Failed", done.stdout), done.stdout
    report = done.stdout.split("exit code: 1", 1)[-1]
    assert "agent.py:1-" in report and "walk.py" not in report  # --all-files: the hand-written file passes
    print(f"pre-commit try-repo (install included): {seconds:.1f} s")
