"""git history as evidence: commits that declare an AI tool, and the lines they added.

AI tools mark their commits (trailers, author names, bot accounts: the table in
`ai_commits.py`, with the source of each convention). Lines that `git blame` attributes
to such commits are AI evidence. git is run with fixed arguments, never anything from configuration.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from provmark.sources.ai_commits import tool_of_commit

__all__ = [
    "GitHistory",
    "Repository",
    "blame_owners",
    "excludes_file",
    "find_repository",
    "git_command",
    "tool_of_commit",
]

log = logging.getLogger(__name__)

MAX_COMMITS = 5000

# A repository's own config can name programs for git to run (core.fsmonitor, hooks);
# Provmark reads repositories it did not vet, so it turns those off for every git call.
GIT = ("git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null")
_filters: dict[Path, tuple[tuple[float, ...], tuple[str, ...]]] = {}


@dataclass(frozen=True)
class Repository:
    """Where git keeps a folder's repository. A workspace folder may be a subdirectory of
    it, a linked worktree or a submodule, so `folder / ".git"` is not enough."""

    top: Path  # the work tree's top-level directory (the one holding `.git`)
    git_dir: Path  # this work tree's own: HEAD, index, ORIG_HEAD, rebase-merge/ ...
    common_dir: Path  # shared by every worktree: config, objects, refs (= git_dir but for a worktree)


def find_repository(folder: Path) -> Repository | None:
    """The repository holding `folder`: the first of it and its parents with a `.git`,
    a folder or a file "gitdir: <path>" (worktrees, submodules). Only reads files, never
    runs git. None when there is none, or the first `.git` found is a file git could
    not read either (git stops there too: "invalid gitfile format")."""
    for top in (folder, *folder.parents):
        dot = top / ".git"
        try:
            if dot.is_dir():
                return Repository(top, dot, dot)
            if not dot.is_file():
                continue
            text = dot.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return None
        if not text.startswith("gitdir:"):
            return None
        git_dir = Path(os.path.normpath(top / text[len("gitdir:") :].strip()))  # relative: to the file's folder
        if not git_dir.is_dir():
            return None
        common = git_dir
        try:  # a linked worktree names the main repository's git dir, usually "../.."
            named = (git_dir / "commondir").read_text(encoding="utf-8", errors="replace").strip()
            if named:
                common = Path(os.path.normpath(git_dir / named))
        except OSError:
            pass
        return Repository(top, git_dir, common)
    return None


def git_command(root: Path, *args: str) -> list[str]:
    """A git command line that runs no program the repository's config names: fsmonitor
    and hooks off, and every clean/smudge/process filter driver it defines emptied (git
    blame and status would otherwise run a filter on working-tree files)."""
    return [*GIT, *_filter_overrides(root), *args]


def _filter_overrides(root: Path) -> tuple[str, ...]:
    repo = find_repository(root)
    if repo is None:
        return ()
    # The repository's config is the common dir's (a worktree's too). A worktree's own
    # config.worktree (extensions.worktreeConfig) is read by the `git config` below all
    # the same; its time is part of the stamp so that a filter added there is seen.
    stamps: list[float] = []
    for config in (repo.common_dir / "config", repo.git_dir / "config.worktree"):
        try:
            stamps.append(config.stat().st_mtime)
        except OSError:
            stamps.append(-1.0)
    if stamps[0] < 0:
        return ()
    stamp = tuple(stamps)
    cached = _filters.get(root)
    if cached and cached[0] == stamp:
        return cached[1]
    out: list[str] = []
    try:  # reading config runs nothing
        r = subprocess.run(
            [*GIT, "config", "--get-regexp", r"^filter\..*\.(clean|smudge|process)$"],
            cwd=root,
            capture_output=True,
            timeout=10,
        )
        names = {line.split(" ", 1)[0].rsplit(".", 1)[0] for line in r.stdout.decode(errors="replace").splitlines()}
    except (OSError, subprocess.TimeoutExpired):
        names = set()
    for name in sorted(names):
        for key in ("clean", "smudge", "process"):
            out += ["-c", f"{name}.{key}="]
    _filters[root] = (stamp, tuple(out))
    return tuple(out)


_excludes: dict[Path, tuple[tuple[float, ...], Path | None]] = {}


def _home() -> Path:
    return Path(os.environ.get("HOME") or Path.home())


def _xdg_git() -> Path:
    """Git's folder under $XDG_CONFIG_HOME (by default ~/.config/git)."""
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return (Path(xdg) if xdg else _home() / ".config") / "git"


def _config_files(repo: Repository) -> list[Path]:
    """The config files that can set core.excludesFile for `repo`, as git reads them."""
    system = Path(os.environ.get("GIT_CONFIG_SYSTEM") or "/etc/gitconfig")
    user = Path(os.environ.get("GIT_CONFIG_GLOBAL") or _home() / ".gitconfig")
    return [system, user, _xdg_git() / "config", repo.common_dir / "config", repo.git_dir / "config.worktree"]


def excludes_file(repo: Repository) -> Path | None:
    """The user's own ignore file for `repo` (core.excludesFile; by default
    $XDG_CONFIG_HOME/git/ignore), which git applies after info/exclude. Asked of `git
    config` (which runs nothing), once per change of the config files; without git, the
    default. None when the file named does not exist."""
    stamps: list[float] = []
    for config in _config_files(repo):
        try:
            stamps.append(config.stat().st_mtime)
        except OSError:
            stamps.append(-1.0)
    stamp = (*stamps, hash(tuple(os.environ.get(k) for k in ("HOME", "XDG_CONFIG_HOME", "GIT_CONFIG_GLOBAL"))))
    cached = _excludes.get(repo.common_dir)
    if cached and cached[0] == stamp:
        path = cached[1]
    else:
        try:
            r = subprocess.run(
                [*GIT, "config", "--path", "--get", "core.excludesFile"], cwd=repo.top, capture_output=True, timeout=10
            )
            named = r.stdout.decode(errors="replace").strip() if r.returncode == 0 else ""
        except (OSError, subprocess.TimeoutExpired):
            named = ""
        path = repo.top / Path(named).expanduser() if named else _xdg_git() / "ignore"  # (absolute: the top goes)
        _excludes[repo.common_dir] = (stamp, path)
    return path if path is not None and path.is_file() else None


def _git(root: Path, *args: str, timeout: float = 20) -> str | None:
    try:
        r = subprocess.run(git_command(root, *args), cwd=root, capture_output=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        log.info("git %s failed: %s", args[0], e)
        return None
    if r.returncode != 0:
        return None
    return r.stdout.decode("utf-8", errors="replace")


@dataclass
class GitHistory:
    root: Path
    _head: str | None = None
    _commits: dict[str, str] | None = None

    def ai_commits(self) -> dict[str, str]:
        """Commit id -> tool, for commits reachable from HEAD that declare an AI tool
        (the newest MAX_COMMITS); cached until HEAD moves."""
        head = _git(self.root, "rev-parse", "HEAD")
        if head is None:
            return {}
        head = head.strip()
        if head == self._head and self._commits is not None:
            return self._commits
        out = _git(self.root, "log", f"-n{MAX_COMMITS}", "--format=%H%x00%an <%ae>%x00%B%x1e") or ""
        commits: dict[str, str] = {}
        for entry in out.split("\x1e"):
            parts = entry.strip("\n").split("\x00")
            if len(parts) != 3:
                continue
            tool = tool_of_commit(parts[1], parts[2])
            if tool:
                commits[parts[0]] = tool
        self._head, self._commits = head, commits
        return commits

    def ai_paths(self) -> set[str]:
        """Files that commits declaring an AI tool touched (only these need git blame)."""
        commits = self.ai_commits()
        if not commits:
            return set()
        # --relative: named from the folder and limited to it (git names paths from the
        # repository's top, and the folder may be a subdirectory of it).
        out = _git(self.root, "log", f"-n{MAX_COMMITS}", "--name-only", "--relative", "--format=%x00%H") or ""
        paths: set[str] = set()
        current = None
        for line in out.splitlines():
            if line.startswith("\x00"):
                current = line[1:]
            elif line and current in commits:
                paths.add(line)
        return paths

    def head_text(self, rel: str) -> str | None:
        """The file as the last commit has it (None: not in git, or no git)."""
        # "./": relative to the folder; a bare HEAD:path is from the repository's top.
        return _git(self.root, "show", f"HEAD:./{rel}", timeout=10)

    def ai_lines(self, rel: str) -> list[tuple[int, int, str, str]]:
        """Runs (0-based start, end, tool, commit) of the file's lines added by commits
        that declare an AI tool, as the working tree's file stands."""
        commits = self.ai_commits()
        if not commits:
            return []
        out = _git(self.root, "blame", "--incremental", "--", rel)
        if out is None:
            return []
        by_line = blame_owners(out.encode())
        owners = [by_line.get(n, "") for n in range(1, max(by_line, default=0) + 1)]
        runs: list[tuple[int, int, str, str]] = []
        for i, sha in enumerate(owners):
            tool = commits.get(sha)
            if tool is None:
                continue
            if runs and runs[-1][1] == i - 1 and runs[-1][3] == sha:
                runs[-1] = (runs[-1][0], i, tool, sha)
            else:
                runs.append((i, i, tool, sha))
        return runs


_BLAME_HEADER = re.compile(r"^([0-9a-f]{40}) \d+ (\d+) (\d+)$")


def blame_owners(out: bytes) -> dict[int, str]:
    """1-based final line -> commit, from `git blame --incremental` (the editor's
    history and the pipeline's reading of declaring commits share it)."""
    owners: dict[int, str] = {}
    for raw in out.split(b"\n"):
        m = _BLAME_HEADER.match(raw.decode("ascii", errors="replace"))
        if m:
            sha, final, count = m.group(1), int(m.group(2)), int(m.group(3))
            for n in range(final, final + count):
                owners[n] = sha
    return owners
