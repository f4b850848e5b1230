"""Which workspace paths Provmark leaves alone: .gitignore (with pathspec, which
implements git's own matching rules), .git/info/exclude, folders no one edits by hand,
and the user's `ignore` globs."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pathspec

from provmark.sources.gitinfo import find_repository

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
    def __init__(self, root: Path, globs: tuple[str, ...] = ()):
        self.root = root
        self.globs = globs
        self._specs: dict[str, pathspec.GitIgnoreSpec] = {}  # folder (relative, "" = root) -> its rules
        repo = find_repository(root)
        # info/exclude is the common dir's (a worktree's too); its patterns are the top's,
        # so a folder below the top would read them wrongly: only there.
        if repo is not None and repo.top == root:
            self._load("", repo.common_dir / "info" / "exclude")
        self.reload_folder("")

    def _load(self, folder: str, path: Path) -> None:
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
        key = folder if path.name == ".gitignore" else folder + "\0exclude"
        self._specs[key] = spec

    def reload_folder(self, folder: str) -> None:
        """(Re)read the .gitignore of a folder (relative to the root)."""
        self._specs.pop(folder, None)
        self._load(folder, self.root / folder / ".gitignore" if folder else self.root / ".gitignore")

    def ignored(self, rel: str, is_dir: bool = False) -> bool:
        parts = rel.split("/")
        if any(p in SKIP_DIRS for p in (parts if is_dir else parts[:-1])):
            return True
        if any(fnmatch.fnmatch(rel, g) for g in self.globs):
            return True
        probe = rel + "/" if is_dir else rel
        for key, spec in self._specs.items():
            folder = key.split("\0")[0]
            if folder and not rel.startswith(folder + "/"):
                continue
            sub = probe[len(folder) + 1 :] if folder else probe
            if spec.match_file(sub):
                return True
        return False
