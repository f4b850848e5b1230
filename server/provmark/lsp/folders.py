"""Workspace folders: a language server may be given several (and told of folders added
and removed, workspace/didChangeWorkspaceFolders). Each `Folder` keeps its own settings
(its .provmark/config.toml and pyproject.toml, and the client's settings for that
folder), sidecars, workspace index, watcher, git history, AI tools' logs and tracker; a
file belongs to the deepest folder that holds it, so a folder nested in another owns its
files and the outer folder leaves them alone (its index, watcher and scan skip them).

Files outside every folder are tracked as before, with no sidecar, by the first
folder's tracker (by a folder without a root when there is none), so that one folder
behaves exactly as a workspace always did.

A paste is explained as a copy from any folder's files, not only its own: code copied
from one folder of the workspace into another is a copy inside the project, not text
from outside. Lines deleted and lines known as AI are remembered across folders too (the
trackers share them), so moving AI text between folders keeps its provenance.

Light to import (the server imports it before answering `initialize`): the parts that
need the tracker and the sources are imported when a folder is built.
"""

from __future__ import annotations

import asyncio
import glob
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from provmark.settings import SettingsStore

if TYPE_CHECKING:
    from provmark.core.tracker import Tracker
    from provmark.lsp.disk_sync import DiskSync
    from provmark.lsp.server import ProvmarkServer
    from provmark.sources.gitinfo import GitHistory
    from provmark.sources.transcripts import TranscriptIndex
    from provmark.sources.workspace_index import WorkspaceIndex

log = logging.getLogger("provmark")

SIDECAR_DIR = ".provmark"  # sources.sidecar's, checked by a test


def uri_to_path(uri: str) -> Path | None:
    p = urlparse(uri)
    if p.scheme != "file":
        return None
    return Path(unquote(p.path))


def resolved(path: Path) -> Path:
    """The path with symlinks resolved as far as it exists (a file not saved yet in a
    linked folder is still that folder's); as given when it cannot be resolved."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return path


def owner(path: Path, roots: Iterable[Path]) -> Path | None:
    """The deepest of `roots` that holds `path` (a nested folder wins over the folder it
    is in); None when no root holds it. Both sides are compared as given: resolve them
    first (`resolved`)."""
    best: Path | None = None
    for root in roots:
        if path.is_relative_to(root) and (best is None or len(root.parts) > len(best.parts)):
            best = root
    return best


def nested_in(root: Path, roots: Iterable[Path]) -> tuple[str, ...]:
    """The other roots under `root`, relative to it: folders whose files are not its own."""
    return tuple(sorted(r.relative_to(root).as_posix() for r in roots if r != root and r.is_relative_to(root)))


def relative(path: Path, root: Path) -> str | None:
    """`path` relative to `root`, None outside it or in its sidecar folder."""
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        return None
    return None if rel == "." or rel == SIDECAR_DIR or rel.startswith(SIDECAR_DIR + "/") else rel


@dataclass(frozen=True)
class FolderSpec:
    """A workspace folder as the client names it."""

    uri: str
    name: str
    root: Path  # resolved


def specs_of(
    folders: Sequence[Any] | None, root_uri: str | None = None, root_path: str | None = None
) -> list[FolderSpec]:
    """The workspace folders of `initialize` (or its rootUri, or its rootPath), in order,
    each once; folders that are not file: URIs are left out."""
    raw: list[tuple[str, str]] = [(f.uri, f.name) for f in folders or []]
    if not raw and root_uri is not None:
        raw = [(root_uri, "")]
    elif not raw and root_path:
        raw = [(Path(root_path).resolve().as_uri(), "")]
    out: list[FolderSpec] = []
    for uri, name in raw:
        path = uri_to_path(uri)
        if path is None:
            log.warning("workspace folder %s is not a file: URI; left out", uri)
            continue
        root = resolved(path)
        if all(s.root != root for s in out):
            out.append(FolderSpec(uri, name or root.name, root))
    return out


class FolderCopies:
    """A folder's copy index (facts.CopyIndex): its own workspace index first, then every
    other folder's, whose files it names by absolute path (WorkspaceFiles reads those as
    they are). What is saved goes into its own."""

    def __init__(self, own: WorkspaceIndex, others: Callable[[], Sequence[tuple[Path, WorkspaceIndex]]]):
        self.own = own
        self.others = others  # (root, index) of the other folders; called on the I/O thread

    def candidates(self, norms: list[str]) -> tuple[float, list[str]]:
        if not norms:
            return 0.0, []
        found, files = self.own.holding(norms)
        for root, index in self.others():
            theirs, held = index.holding(norms)
            found = [a or b for a, b in zip(found, theirs, strict=True)]
            # Not the files of folders nested in that one: indexed before the nested folder
            # joined, they are its own now (perhaps this very file, never "elsewhere").
            files += [str(root / rel) for rel in held if not index.nested(rel)]
        return sum(found) / len(norms), files

    def add(self, rel: str, lines: list[str], stat: tuple[int, int] | None = None) -> None:
        self.own.add(rel, lines, stat)


class Folder:
    """One workspace folder and what Provmark keeps for it. `root` is None only for the
    stand-in used when the client gave no folder at all."""

    # Built by `build` (after the reply to initialize, or when the folder is added).
    index: WorkspaceIndex
    tracker: Tracker
    disk: DiskSync

    def __init__(self, spec: FolderSpec | None, init_options: Any = None):
        self.root: Path | None = spec.root if spec else None
        self.uri: str | None = spec.uri if spec else None
        self.name = spec.name if spec else ""
        self.store = SettingsStore(root=self.root, init_options=init_options)
        self.history: GitHistory | None = None
        self.transcripts: TranscriptIndex | None = None
        self.built = False
        self.stopped = False  # removed from the workspace: its watcher must not start

    def __repr__(self) -> str:
        return f"Folder({self.root})"

    def build(self, server: ProvmarkServer, shared: Tracker | None) -> None:
        """Make the folder's index, tracker and disk feature (no disk read yet)."""
        from provmark.core.facts import NoIO
        from provmark.core.tracker import Tracker
        from provmark.lsp.disk_sync import DiskSync, WorkspaceFiles
        from provmark.sources.workspace_index import WorkspaceIndex

        if self.built:
            return
        s = self.store.current
        self.index = WorkspaceIndex(None)
        self.index.ignore = s.ignore
        copies = FolderCopies(self.index, lambda: server.other_indexes(self))
        self.tracker = Tracker(s, copies, shared=shared.memory if shared is not None else None)
        self.tracker.hints_seen = server.hints_seen()
        self.tracker.peers = server.open_states
        self.disk = DiskSync(server, self)
        self.tracker.io = WorkspaceFiles(self.root, self.disk.git_activity) if self.root else NoIO()
        self.built = True

    def start(self, server: ProvmarkServer) -> None:
        """Open the folder to the disk: its git history and AI tools' logs, then its index
        (off the event loop) and, once every file has a snapshot, its watcher."""
        from provmark.sources.gitinfo import GitHistory, find_repository
        from provmark.sources.transcripts import TranscriptIndex

        self.index.root = self.root
        self.tracker.root = self.root
        self.transcripts = TranscriptIndex.of(self.root, self.store.current)
        self.tracker.transcripts = self.transcripts
        # The folder may be a subdirectory of its repository, a worktree or a submodule.
        if self.root is not None and find_repository(self.root) is not None:
            self.history = GitHistory(self.root)
        loop = server.loop
        name = f"provmark-index-{self.name}" if self.name else "provmark-index"
        threading.Thread(target=self._build_index, args=(loop,), name=name, daemon=True).start()

    def _build_index(self, loop: asyncio.AbstractEventLoop) -> None:
        try:
            n = self.index.build()
            log.info("workspace index of %s: %d files", self.root, n)
        except Exception:  # the index is an aid; losing it must not stop the server
            log.exception("building the workspace index of %s failed", self.root)
        if self.transcripts is not None:
            try:
                self.transcripts.refresh()  # the logs so far, off the event loop
            except Exception:
                log.exception("reading AI tool transcripts failed")
        # Watch the disk only once every file has a snapshot to compare against.
        loop.call_soon_threadsafe(self.disk.start)

    def reindex(self, server: ProvmarkServer, under: str) -> None:
        """Index the files under `under` again, off the event loop (a folder nested there
        was removed: its files are this folder's again, and need snapshots)."""

        def run() -> None:
            try:
                self.index.build(under)
            except Exception:
                log.exception("indexing %s/%s failed", self.root, under)

        threading.Thread(target=run, name="provmark-reindex", daemon=True).start()

    def ignored_globs(self) -> tuple[str, ...]:
        """The folders nested in this one, as globs for the workspace scan's walk."""
        return tuple(glob.escape(x) for x in self.index.excluded)

    def stop(self) -> None:
        self.stopped = True
        if self.built:
            self.disk.stop()
