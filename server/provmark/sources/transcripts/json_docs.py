"""Logs kept as one JSON document that the tool rewrites whole as it grows (Cline's and
Roo Code's task histories, Cline 4.x's messages files, Continue's sessions): read again
when changed, within a byte budget per refresh, resuming at the last item read; and the
helpers the VS Code extensions' readers share (SEARCH/REPLACE blocks, the user data
folders of VS Code's forks)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import MAX_WHOLE, Tail, log
from provmark.sources.transcripts.vscode import VSCODE_PRODUCTS, app_data_dirs, user_dirs

BUDGET = 128 << 20  # bytes of whole documents one reader reads in one refresh
PEEK = 256 << 10  # bytes read from a document's start to learn its session's folder


class Budget:
    """Bytes left for whole documents in this refresh: the rest wait for the next one
    (the readers list the most recent first). The first document is read whatever its
    size (up to MAX_WHOLE), so a large one is never put off for ever."""

    def __init__(self, limit: int = BUDGET):
        self.limit = limit
        self.left = limit

    def reset(self) -> None:
        self.left = self.limit

    def take(self, size: int) -> bool:
        if size > self.left and self.left < self.limit:
            return False
        self.left -= size
        return True


def read_doc(tail: Tail, budget: Budget) -> Any:
    """`tail`'s file as JSON when it changed since the last read, else None. A file over
    the budget waits for a later refresh; a half-written one (the tool writes in place)
    gives None and is read again when it changes."""
    try:
        st = tail.path.stat()
    except OSError:
        return None
    stamp = (st.st_mtime_ns, st.st_size)
    if tail.meta.get("doc") == stamp:
        return None
    if st.st_size > MAX_WHOLE:
        log.info("%s is larger than %d bytes; not read", tail.path, MAX_WHOLE)
        tail.meta["doc"] = stamp
        return None
    if not budget.take(st.st_size):
        return None
    tail.meta["doc"] = stamp
    try:
        return json.loads(tail.path.read_bytes().decode("utf-8", errors="replace"))
    except (OSError, ValueError) as e:
        log.debug("unreadable %s (half written?): %s", tail.path, e)
        return None


def small_json(path: Path, limit: int = 4 << 20) -> Any:
    """A small JSON file (a manifest, a session's metadata), or None."""
    try:
        if path.stat().st_size > limit:
            return None
        return json.loads(path.read_bytes().decode("utf-8", errors="replace"))
    except (OSError, ValueError):
        return None


def peek(path: Path, size: int = PEEK) -> str:
    """The first `size` bytes of a file, as text ("" when unreadable)."""
    try:
        with open(path, "rb") as f:
            return f.read(size).decode("utf-8", errors="replace")
    except OSError:
        return ""


def new_items(tail: Tail, items: Sequence[Any]) -> Sequence[Any]:
    """The items of a rewritten document not read before, and the last one read again
    (it may have been saved unfinished); all of them when the document shrank (a history
    truncated or condensed). The index drops what it already holds."""
    done = tail.meta.get("items", 0)
    start = max(0, done - 1) if done <= len(items) else 0
    tail.meta["items"] = len(items)
    return items[start:]


_SEARCH = re.compile(r"^(?:-{3,}|<{3,}) ?SEARCH>?\s*$")
_DIVIDER = re.compile(r"^={3,}\s*$")
_REPLACE = re.compile(r"^(?:\+{3,}|>{3,}) ?REPLACE>?\s*$")


def replace_sides(diff: Any) -> list[str]:
    """The REPLACE halves of SEARCH/REPLACE blocks (Cline's ``------- SEARCH`` ... ``=======``
    ... ``+++++++ REPLACE``, Roo Code's and Cline's older ``<<<<<<< SEARCH`` ...
    ``>>>>>>> REPLACE``): the lines each edit puts in."""
    if not isinstance(diff, str):
        return []
    out: list[str] = []
    state, body = "", list[str]()  # state: "", "search", "replace"
    for line in diff.splitlines():
        if _SEARCH.match(line):
            state, body = "search", []
        elif state == "search" and _DIVIDER.match(line):
            state = "replace"
        elif state == "replace" and _REPLACE.match(line):
            out.append("\n".join(body))
            state, body = "", []
        elif state == "replace":
            body.append(line)
    return out


# VS Code and the forks an extension such as Cline is installed in (vscode.py says where
# each keeps its user data folder), and the forks' remote servers (~/<server>/data).
FLAVOURS = (
    *VSCODE_PRODUCTS,
    "Cursor",
    "Windsurf",
    "Windsurf - Next",
    "Trae",
    "Kiro",
    "Positron",
)
FORK_SERVERS = (".cursor-server", ".windsurf-server", ".positron-server")


USER_DIRS_S = 60.0  # how long the list of editors' folders is kept while their parents are unchanged
_user_dirs: dict[Path, tuple[float, tuple[int, ...], list[Path]]] = {}


def vscode_user_dirs(home: Path) -> list[Path]:
    """The existing `User` folders of VS Code and its forks for `home` (vscode.user_dirs,
    with the forks and their remote servers). Some seventy places, too many to try on
    every refresh: looked for again when home or a folder holding the editors' folders
    changes (an editor installed, a first start), else after USER_DIRS_S. A folder given
    with --user-data-dir is not known."""
    stamp = tuple(_mtime_ns(d) for d in (home, *app_data_dirs(home)))
    now = time.monotonic()
    last = _user_dirs.get(home)
    if last is None or last[1] != stamp or now - last[0] > USER_DIRS_S:
        forks = [home / s / "data" / "User" for s in FORK_SERVERS]
        _user_dirs[home] = last = (now, stamp, [*user_dirs(home, FLAVOURS), *(d for d in forks if d.is_dir())])
    return last[2]


def _mtime_ns(p: Path) -> int:
    try:
        return p.stat().st_mtime_ns
    except OSError:
        return 0


def first(obj: Any, keys: Sequence[str]) -> Any:
    """The first of `keys` that `obj` (a dict) has a non-empty value for."""
    if isinstance(obj, dict):
        for k in keys:
            v = obj.get(k)
            if v not in (None, ""):
                return v
    return None


def texts_of(content: Any) -> Iterator[str]:
    """The text of a message's content: a string, or the text blocks of a list."""
    if isinstance(content, str):
        yield content
    elif isinstance(content, list):
        for block in content:
            if isinstance(block, dict) and block.get("type") == "text" and isinstance(block.get("text"), str):
                yield block["text"]
