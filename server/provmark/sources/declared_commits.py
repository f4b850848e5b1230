"""Lines that commits declaring an AI tool put in the working tree, for the pipeline.

A commit declares its tool in its trailers or author ("Co-Authored-By: Claude", aider's
"(aider)" author, Cursor's, Copilot's, Devin's, Jules's, OpenCode's, Amp's ...: the one
table of conventions, each with its source, is `ai_commits.DECLARATIONS`). Finding the lines such commits left
must scale to large histories, so the work is split:

1. one `git log` over the whole history reads every commit's message and the files it
   changed (renames followed forward, so a file renamed after the AI commit is still
   found under its new name);
2. `git blame` runs only on the files those commits touched that still exist, several
   at once, and only as far back as the oldest declaring commit (older lines are
   nobody's concern here, so blame need not walk the rest of the history).

The working tree's file is blamed, so line numbers are the file's on disk; each run
also keeps its lines' hashes (never the text) so that a reader holding another copy of
the file can find them again.
"""

from __future__ import annotations

import logging
import os
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from provmark.core.lines import line_hash
from provmark.sources.ai_commits import tool_of_commit
from provmark.sources.gitinfo import Repository, blame_owners, find_repository, git_command

log = logging.getLogger(__name__)

_LOG_FORMAT = "%x1e%H%x1f%an <%ae>%x1f%B%x1f"


class GitError(RuntimeError):
    """git could not answer; the message says which command and why."""


@dataclass(frozen=True)
class DeclaredRun:
    """Lines `start`..`end` (1-based, inclusive, as the file is on disk) that `commit`,
    which declares `tool`, wrote."""

    start: int
    end: int
    tool: str
    commit: str
    line_hashes: tuple[str, ...]


@dataclass
class History:
    """What one `git log` says: declaring commits (id -> tool) and the paths, as they
    are named now, of the files those commits changed."""

    commits: dict[str, str] = field(default_factory=dict)
    paths: dict[str, set[str]] = field(default_factory=dict)  # path now -> declaring commits
    oldest: str | None = None  # the declaring commit no other declaring commit descends from
    scanned: int = 0  # commits read
    env: dict[str, str] | None = None  # for git blame: see with_commit_graph
    _graph: tempfile.TemporaryDirectory[str] | None = None


# Past this many commits, a commit-graph with changed-path filters pays for itself: blame
# then skips the commits that did not touch the file without opening their trees (about
# 13x faster on a generated 3,000-commit history; see benchmarks/bench_commits.py).
GRAPH_FROM = 1000


def with_commit_graph(root: Path, history: History) -> None:
    """Give blame a commit-graph with changed-path filters, written into a private object
    folder that git reads as an alternate: the repository itself is left untouched. A
    failure only makes blame slower."""
    if history._graph is not None or history.scanned < GRAPH_FROM or not history.commits:
        return
    tmp = tempfile.TemporaryDirectory(prefix="provmark-graph-")
    objects = Path(tmp.name) / "objects"
    (objects / "info").mkdir(parents=True)
    (objects / "pack").mkdir()
    alternates = os.pathsep.join(x for x in (os.environ.get("GIT_ALTERNATE_OBJECT_DIRECTORIES"), str(objects)) if x)
    env = {**os.environ, "GIT_ALTERNATE_OBJECT_DIRECTORIES": alternates}
    try:
        _run(root, "commit-graph", "write", "--reachable", "--changed-paths", "--object-dir", str(objects),
             timeout=3600, env=env)  # fmt: skip
    except GitError as e:
        log.info("no commit-graph for blame (%s); blame runs without it", e)
        tmp.cleanup()
        return
    history._graph, history.env = tmp, env


def _run(root: Path, *args: str, timeout: float, env: dict[str, str] | None = None) -> bytes:
    try:
        r = subprocess.run(git_command(root, *args), cwd=root, capture_output=True, timeout=timeout, env=env)
    except FileNotFoundError as e:
        raise GitError("git is not installed") from e
    except subprocess.TimeoutExpired as e:
        raise GitError(f"git {args[0]} took longer than {timeout:.0f} s") from e
    if r.returncode != 0:
        msg = r.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {msg[-1] if msg else f'exit {r.returncode}'}")
    return r.stdout


def is_repository(root: Path) -> bool:
    try:
        return _run(root, "rev-parse", "--is-inside-work-tree", timeout=30).strip() == b"true"
    except GitError:
        return False


def has_head(root: Path) -> bool:
    try:
        _run(root, "rev-parse", "--verify", "-q", "HEAD", timeout=30)
    except GitError:
        return False
    return True


def read_history(root: Path, timeout: float = 3600) -> History:
    """One pass over every commit reachable from HEAD. `--topo-order` lists every commit
    before its ancestors, so no declaring commit is an ancestor of the last one listed
    (`oldest`): blame may stop at that commit's parents."""
    args = ("log", "-z", f"--format={_LOG_FORMAT}", "--name-status", "-M", "--topo-order", "HEAD")
    out = _run(root, *args, timeout=timeout)
    # `root` may be a folder inside the repository: git names paths from the top, and a
    # file may have come into the folder by a rename, so renames are followed repo-wide.
    prefix = _run(root, "rev-parse", "--show-prefix", timeout=30).decode("utf-8", errors="surrogateescape").strip()
    history = History()
    # Oldest first, so that renames made after a declaring commit carry its paths along.
    changes: list[tuple[str, bool, list[tuple[str, str, str | None]]]] = []
    for chunk in out.decode("utf-8", errors="surrogateescape").split("\x1e"):
        parts = chunk.split("\x1f", 3)
        if len(parts) != 4:
            continue
        sha, author, body, rest = parts
        tool = tool_of_commit(author, body)
        if tool:
            history.commits[sha] = tool
            history.oldest = sha
        changes.append((sha, tool is not None, _name_status(rest)))
    history.scanned = len(changes)
    watched: dict[str, set[str]] = {}
    for sha, declares, files in reversed(changes):
        for status, path, new in files:
            if status == "R" and new is not None:
                if path in watched:
                    watched[new] = watched.pop(path) | watched.get(new, set())
                path = new
            elif status == "D":
                watched.pop(path, None)
                continue
            if declares:
                watched.setdefault(path, set()).add(sha)
    history.paths = {p[len(prefix) :]: shas for p, shas in watched.items() if p.startswith(prefix)}
    return history


def _name_status(rest: str) -> list[tuple[str, str, str | None]]:
    """(status letter, path, new path of a rename) from `--name-status -z` output."""
    tokens = rest.strip("\x00\n").split("\x00")
    files: list[tuple[str, str, str | None]] = []
    i = 0
    while i < len(tokens):
        status = tokens[i].strip("\n")
        if not status:
            i += 1
        elif status[0] in "RC" and i + 2 < len(tokens):
            # A copy adds its new path; a rename moves the old one.
            old, new = tokens[i + 1], tokens[i + 2]
            files.append(("R", old, new) if status[0] == "R" else ("A", new, None))
            i += 3
        elif i + 1 < len(tokens):
            files.append((status[0], tokens[i + 1], None))
            i += 2
        else:
            break
    return files


def blame(
    root: Path,
    rel: str,
    commits: dict[str, str],
    oldest: str | None,
    timeout: float = 600,
    env: dict[str, str] | None = None,
) -> list[DeclaredRun]:
    """The runs of `rel` (as on disk) whose lines a declaring commit last changed."""
    path = root / rel
    try:
        data = path.read_bytes()
    except OSError as e:
        raise GitError(f"{rel}: cannot read it ({e.strerror})") from e
    args = ["blame", "--incremental"]
    if oldest is not None:
        # Lines older than the oldest declaring commit are nobody's concern here: the
        # walk stops at its parents (lines they hold show as theirs, a boundary). No
        # declaring commit is reachable from those parents (see read_history).
        args.append(f"^{oldest}^@")
    owners = blame_owners(_run(root, *args, "--", rel, timeout=timeout, env=env))
    lines = data.decode("utf-8", errors="replace").split("\n")
    runs: list[DeclaredRun] = []
    for n in sorted(owners):
        sha = owners[n]
        tool = commits.get(sha)
        if tool is None:
            continue
        h = line_hash(lines[n - 1].rstrip("\r")) if n - 1 < len(lines) else ""
        last = runs[-1] if runs else None
        if last is not None and last.end == n - 1 and last.commit == sha:
            runs[-1] = DeclaredRun(last.start, n, tool, sha, (*last.line_hashes, h))
        else:
            runs.append(DeclaredRun(n, n, tool, sha, (h,)))
    return runs


def declared_runs(
    root: Path, workers: int | None = None, paths: Iterable[str] | None = None, history: History | None = None
) -> tuple[History, dict[str, list[DeclaredRun]], dict[str, str]]:
    """(history, runs per path, problems per path). `paths`, when given, limits the
    blame to those files. A path git cannot blame is a problem, never a silent miss."""
    history = history or read_history(root)
    wanted = set(history.paths) if paths is None else set(paths) & set(history.paths)
    todo = sorted(p for p in wanted if (root / p).is_file())
    runs: dict[str, list[DeclaredRun]] = {}
    problems: dict[str, str] = {}
    if not history.commits or not todo:
        return history, runs, problems
    with_commit_graph(root, history)

    def one(rel: str) -> tuple[str, list[DeclaredRun] | None, str | None]:
        try:
            return rel, blame(root, rel, history.commits, history.oldest, env=history.env), None
        except GitError as e:
            return rel, None, str(e)

    # git does the work; threads only wait for it.
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
        for rel, found, problem in pool.map(one, todo):
            if problem is not None:
                problems[rel] = problem
            elif found:
                runs[rel] = found
    return history, runs, problems


_REPOS: dict[str, Repository | None] = {}  # root -> its repository
_HEADS: dict[str, tuple[int, str]] = {}  # HEAD's path -> (its mtime, its text)


def head_signature(root: Path) -> tuple[object, ...]:
    """Something that changes when HEAD moves, read without running git (a cache key,
    asked once per document, so a few stat calls): HEAD's text and the times its
    branch's ref and packed-refs last changed."""
    key = str(root)
    if key not in _REPOS:
        _REPOS[key] = find_repository(root)
    repo = _REPOS[key]
    if repo is None:
        return ("no repository",)
    try:
        head_path = os.path.join(repo.git_dir, "HEAD")  # a worktree's own HEAD
        st = os.stat(head_path)
        known = _HEADS.get(head_path)
        if known is None or known[0] != st.st_mtime_ns:
            with open(head_path, encoding="utf-8", errors="replace") as f:
                known = _HEADS[head_path] = (st.st_mtime_ns, f.read().strip())
        head = known[1]
        sig: list[object] = [head, st.st_mtime_ns]
        if head.startswith("ref: "):
            # Branches and packed-refs are shared by every worktree: the common dir's.
            for p in (os.path.join(repo.common_dir, head[5:]), os.path.join(repo.common_dir, "packed-refs")):
                try:
                    ref = os.stat(p)
                    sig.append((ref.st_mtime_ns, ref.st_size))
                except OSError:
                    sig.append(None)
        return tuple(sig)
    except OSError:
        return ("unknown",)
