"""The editor's Provenance view: the workspace's unreviewed records, listed per file
(provmark.listUnreviewed) and resolved as AI-written or as a person's
(provmark.resolveUnreviewed), as `provmark review` lists and resolves them
(pipeline/review.py). A feature of the language server.

A record whose flag is in an open document is resolved as its quick fix would: through
Tagging.decide, so the document's diagnostics change exactly as after the click. Other
records are decided on disk, keeping their id and lines. Sidecars are read and written
on the I/O thread; the client hears of every change through provmark/unreviewedChanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from provmark.core.records import status_of
from provmark.pipeline import review
from provmark.sources import sidecar
from provmark.sources.workspace_index import read_text

if TYPE_CHECKING:
    from provmark.lsp.folders import Folder
    from provmark.lsp.server import ProvmarkServer

RESOLVE_USAGE = (
    'provmark.resolveUnreviewed takes one argument {"as": "ai" | "human", '
    '"files": [{"path": <relative to its workspace folder> (or "uri"), "folder"?: <the folder\'s URI or name, '
    'when not the first>, "ids": [<record id>, ...]}, ...]}'
)
LIST_USAGE = 'provmark.listUnreviewed takes no argument, or one {"path": <glob>}'

Kind = Literal["ai", "human"]


@dataclass(frozen=True)
class OpenDoc:
    """What the listing needs of an open document, taken on the loop's thread."""

    uri: str
    text: str
    live: dict[str, tuple[int, int]]  # record id -> 1-based first and last line of its flags now


class ProvenanceView:
    def __init__(self, server: ProvmarkServer):
        self.server = server

    # -- provmark.listUnreviewed ---------------------------------------------------------
    async def list_records(self, args: tuple[Any, ...]) -> dict[str, Any]:
        """Every unreviewed record in the workspace, per file, with its lines as they are
        now (in an open document: where its flag is; else found as the manifest finds it).
        With several workspace folders, every folder's, each file naming its folder;
        `path` is relative to that folder."""
        server = self.server
        path_glob = _list_argument(args)
        out: dict[str, Any] = {"files": [], "total": 0, "problems": []}
        folders = [f for f in server.folders if f.root is not None]
        for folder in folders:
            docs = _open_docs(folder)
            limit = folder.tracker.settings.max_file_bytes
            found = await server.run_io(listing, folder.root, docs, path_glob, limit)
            if len(folders) > 1:
                for file in found["files"]:
                    file["folder"] = folder.uri
            out["files"] += found["files"]
            out["total"] += found["total"]
            out["problems"] += found["problems"]
        return out

    # -- provmark.resolveUnreviewed -------------------------------------------------------
    async def resolve_records(self, args: tuple[Any, ...]) -> dict[str, Any]:
        """Resolve the records named as AI-written or as a person's; returns how many
        were resolved and the ids that were not unreviewed records of their file."""
        server = self.server
        if server.root is None:
            raise ValueError("provmark.resolveUnreviewed: there is no workspace folder, so no sidecar")
        kind, files = _resolve_argument(args, server)
        resolved, missing = 0, []
        for (folder, rel), ids in files.items():
            tracker, root = folder.tracker, folder.root
            assert root is not None
            uri = tracker.uri_of(rel)
            on_disk: list[str] = []
            for rid in ids:
                flags = tracker.flags_recorded_as(uri, rid) if uri is not None else []
                if uri is None or not flags:
                    on_disk.append(rid)
                    continue
                # The flag is in an open document: decided as its quick fix decides.
                await server.tagging.decide(server.tagging.prepare(_tag_argument(uri, rid, kind, flags)))
                resolved += 1
            if on_disk:
                fp = tracker.settings.first_party_tools
                done = await server.run_io(resolve_on_disk, root, rel, on_disk, kind, fp)
                resolved += len(done)
                missing += [{"path": rel, "id": rid} for rid in on_disk if rid not in done]
                if done:
                    if tracker.resolved_closed(rel, set(done)):
                        server.publish_closed(folder, rel)
                    server.tagging.announce(root, {rel})
        return {"resolved": resolved, "missing": missing}


def _open_docs(folder: Folder) -> dict[str, OpenDoc]:
    """The folder's open documents, as the listing needs them (taken on the loop)."""
    tracker = folder.tracker
    docs: dict[str, OpenDoc] = {}
    for uri in tracker.uris():
        view = tracker.view(uri)
        text = tracker.text(uri)
        if view is not None and view.rel is not None and text is not None:
            live = {rid: (a, a + len(lines) - 1) for rid, (a, lines) in tracker.reviews(uri).items()}
            docs[view.rel] = OpenDoc(uri, text, live)
    return docs


def _tag_argument(uri: str, rid: str, kind: Kind, flags: list[Any]) -> dict[str, Any]:
    """provmark.tag's argument for the flags of record `rid`, as their quick fix gives it."""
    start, end = min(r.start for r in flags), max(r.end for r in flags)
    first = min(flags, key=lambda r: r.start)
    origin: dict[str, Any] = {"kind": kind}
    if kind == "ai":
        origin.update(tool=first.tool, model=first.model, session=first.session)
    rng = {"start": {"line": start, "character": 0}, "end": {"line": end + 1, "character": 0}}
    return {"uri": uri, "range": rng, "origin": origin, "insertion": first.insertion, "record": rid}


def listing(root: Path, docs: Mapping[str, OpenDoc], path_glob: str | None, limit: int) -> dict[str, Any]:
    """The Provenance view's rows (run on the I/O thread)."""
    problems: list[str] = []
    by_file: dict[str, list[review.Item]] = {}
    for item in review.unreviewed(root, path_glob, problems=problems):
        by_file.setdefault(item.path, []).append(item)
    now = dt.datetime.now(dt.timezone.utc)
    files = []
    total = 0
    for rel, items in by_file.items():
        doc = docs.get(rel)
        text = doc.text if doc is not None else read_text(root / rel, limit)
        found = review.found_now(rel, [i.record for i in items], text) if text is not None else {}
        live = doc.live if doc is not None else {}
        rows = [_row(i, live.get(i.record["id"]) or found.get(i.record["id"]), now) for i in items]
        rows.sort(key=lambda r: (r["lines"] or r["recorded"], r["id"]))
        files.append({"path": rel, "uri": doc.uri if doc else (root / rel).as_uri(), "open": doc is not None,
                      "records": rows})  # fmt: skip
        total += len(rows)
    return {"files": files, "total": total, "problems": problems}


def _row(item: review.Item, lines: tuple[int, int] | None, now: dt.datetime) -> dict[str, Any]:
    rec = item.record
    age = item.age_days(now)
    return {
        "id": rec["id"],
        "lines": list(lines) if lines else None,  # 1-based, inclusive; None: not found in the text now
        "recorded": list(item.lines),
        "score": item.score,
        "tool": item.tool,
        "model": rec["origin"].get("model"),
        "kind": rec["origin"]["kind"],
        "signals": [e["signal"] for e in rec.get("evidence", [])],
        "created": rec.get("created"),
        "age_seconds": None if age is None else round(age * 86400),
    }


def resolve_on_disk(root: Path, rel: str, ids: list[str], kind: Kind, first_party_tools: tuple[str, ...]) -> list[str]:
    """Resolve `rel`'s unreviewed records `ids` in its sidecar, as `provmark review`
    does (run on the I/O thread); returns the ids resolved."""
    data = sidecar.load(root, rel)
    wanted = set(ids)
    items = [
        review.Item(rel, rec)
        for rec in (data["records"] if data else [])
        if rec["id"] in wanted and status_of(rec) == "unreviewed"
    ]
    review.resolve(root, items, kind, first_party_tools)
    return [i.record["id"] for i in items]


def _list_argument(args: tuple[Any, ...]) -> str | None:
    if not args or (len(args) == 1 and args[0] is None):
        return None
    if len(args) != 1 or not isinstance(args[0], dict):
        raise ValueError(LIST_USAGE)
    glob = args[0].get("path")
    if glob is not None and not isinstance(glob, str):
        raise ValueError(LIST_USAGE)
    return glob


def _resolve_argument(
    args: tuple[Any, ...], server: ProvmarkServer
) -> tuple[Kind, dict[tuple[Folder, str], list[str]]]:
    """The kind and the record ids per file (its folder and relative path); ValueError
    says what is wrong."""
    if len(args) != 1 or not isinstance(args[0], dict):
        raise ValueError(RESOLVE_USAGE)
    a = args[0]
    kind = a.get("as")
    if kind not in ("ai", "human"):
        raise ValueError(f'provmark.resolveUnreviewed: "as" must be "ai" or "human", not {kind!r}')
    entries = a.get("files")
    if not isinstance(entries, list) or not entries:
        raise ValueError(RESOLVE_USAGE)
    files: dict[tuple[Folder, str], list[str]] = {}
    for e in entries:
        if not isinstance(e, dict):
            raise ValueError(RESOLVE_USAGE)
        key = _file_of_entry(e, server)
        ids = e.get("ids")
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and i for i in ids):
            raise ValueError(f"provmark.resolveUnreviewed: {key[1]}: ids must be a non-empty list of record ids")
        files.setdefault(key, [])
        files[key] += [i for i in ids if i not in files[key]]
    return cast(Kind, kind), files


def _file_of_entry(e: dict[str, Any], server: ProvmarkServer) -> tuple[Folder, str]:
    """The folder and path an entry names: a URI (its deepest folder), or a path in the
    folder it names (by URI or name), else in the first folder."""
    path, uri, where = e.get("path"), e.get("uri"), e.get("folder")
    if isinstance(path, str):
        folder = server.folder_named(where) if isinstance(where, str) else server.folders[0]
        if folder is None or folder.root is None:
            raise ValueError(f"provmark.resolveUnreviewed: {where!r} is not a workspace folder")
        try:
            sidecar.sidecar_path(folder.root, path)  # refuses paths that leave the workspace
        except sidecar.SidecarError as err:
            raise ValueError(f"provmark.resolveUnreviewed: {err}") from None
        # A path into a folder nested in that one is the nested folder's file.
        return server.locate((folder.root / path).as_uri()) or (folder, Path(path).as_posix())
    if isinstance(uri, str):
        found = server.locate(uri)
        if found is None:
            raise ValueError(f"provmark.resolveUnreviewed: {uri} is not a file of the workspace")
        return found
    raise ValueError(RESOLVE_USAGE)
