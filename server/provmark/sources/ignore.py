"""Which workspace paths Provmark leaves alone: .gitignore (with pathspec, which
implements git's own matching rules; those above a folder below the repository's top
too), info/exclude, the user's core.excludesFile, folders no one edits by hand, and the user's `ignore` globs."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pathspec

from provmark.sources.gitinfo import excludes_file, find_repository

SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    ".provmark",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".idea",
    ".vscode",
    ".next",
    ".gradle",
}


class IgnoreRules:
    """Which paths below `root` are ignored. In a repository, as git decides it: the
    .gitignore files of `root` and its folders, then (when `root` is below the
    repository's top: a monorepo's package, a worktree's subfolder) those of each
    directory from `root` up to the top, then info/exclude, then the user's excludes file
    (core.excludesFile, by default ~/.config/git/ignore). Git's precedence: the deepest
    file that has a matching pattern decides, its last matching line wins (`!` re-includes),
    and nothing in an ignored folder comes back."""

    def __init__(self, root: Path, globs: tuple[str, ...] = ()):
        self.root = root
        self.globs = globs
        self._specs: dict[str, pathspec.GitIgnoreSpec] = {}  # folder (relative, "" = root) -> its .gitignore
        # Rules from outside the root, deepest first: (the root's path as that file sees
        # it, with a trailing "/"; its rules). Read once: the watcher does not see them change.
        self._outer: list[tuple[str, pathspec.GitIgnoreSpec]] = []
        self._dirs: dict[str, bool] = {}  # folder -> ignored, for the parents of every path asked
        base = root.resolve()  # git works from the physical path too
        repo = find_repository(base)
        if repo is not None:
            try:
                inner = base.relative_to(repo.top).parts
            except ValueError:
                inner = ()
            for depth in range(len(inner) - 1, -1, -1):  # the root's parent up to the top
                spec = _read(repo.top.joinpath(*inner[:depth]) / ".gitignore")
                if spec is not None:
                    self._outer.append(("/".join(inner[depth:]) + "/", spec))
            # info/exclude is the common dir's (a worktree's too), then the user's own
            # excludes file (core.excludesFile): both relative to the top, in that order
            user = excludes_file(repo)
            for path in (repo.common_dir / "info" / "exclude", *([user] if user else [])):
                spec = _read(path)
                if spec is not None:
                    self._outer.append(("/".join(inner) + "/" if inner else "", spec))
        self.reload_folder("")

    def reload_folder(self, folder: str) -> None:
        """(Re)read the .gitignore of a folder (relative to the root)."""
        # a new dict, not changed in place: the event loop reads while the index thread reloads
        specs = {k: v for k, v in self._specs.items() if k != folder}
        spec = _read(self.root / folder / ".gitignore" if folder else self.root / ".gitignore")
        if spec is not None:
            specs[folder] = spec
        # deepest first, so that the first file with a matching pattern decides
        self._specs = dict(sorted(specs.items(), key=lambda kv: -len(kv[0])))
        self._dirs = {}

    def ignored(self, rel: str, is_dir: bool = False) -> bool:
        parts = rel.split("/")
        if any(p in SKIP_DIRS for p in (parts if is_dir else parts[:-1])):
            return True
        if any(fnmatch.fnmatch(rel, g) for g in self.globs):
            return True
        # git never looks inside an ignored folder: no `!` brings a file of it back
        for i in range(1, len(parts)):
            folder = "/".join(parts[:i])
            hit = self._dirs.get(folder)
            if hit is None:
                hit = self._dirs[folder] = self._matched(folder + "/")
            if hit:
                return True
        return self._matched(rel + "/" if is_dir else rel)

    def _matched(self, probe: str) -> bool:
        for folder, spec in self._specs.items():
            if folder and not (probe.startswith(folder + "/") and len(probe) > len(folder) + 1):
                continue  # a folder's own .gitignore is not about the folder itself
            include = spec.check_file(probe[len(folder) + 1 :] if folder else probe).include
            if include is not None:
                return include
        for prefix, spec in self._outer:
            include = spec.check_file(prefix + probe).include
            if include is not None:
                return include
        return False


def _read(path: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)
