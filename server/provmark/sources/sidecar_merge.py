"""A git merge driver for sidecars: two branches that tagged the same file merge their
records instead of leaving conflict markers that make the sidecar unreadable.

    provmark merge-driver install [ROOT]     # .gitattributes line + git config, once per clone
    provmark merge-sidecar BASE OURS THEIRS [PATH]   # what git runs (%O %A %B %P)

Records are keyed by id. A record one side removed and the other left as it was goes;
a record either side added or changed stays; when both changed it, a decision
(status tagged) wins over an unreviewed record, then the later decision. When a side
cannot be read, the driver writes nothing and fails: git leaves the conflict, and the
pipeline keeps the whole file out until someone resolves it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import cast

from provmark.core.records import SCHEMA, Record, SidecarData, status_of
from provmark.sources.sidecar import SidecarError, dumps, validate, write_atomic

ATTRIBUTES_LINE = ".provmark/**/*.json merge=provmark"
DRIVER = "provmark merge-sidecar %O %A %B %P"


def _read(path: Path, what: str) -> SidecarData | None:
    """A side of the merge; None when the file is empty (the side does not have it)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as e:
        raise SidecarError(f"{what} ({path}): cannot read it: {e}") from e
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise SidecarError(f"{what} ({path}): invalid JSON: {e}") from e
    problems = validate(data)
    if problems:
        raise SidecarError(f"{what} ({path}): " + "; ".join(problems))
    return cast(SidecarData, data)  # validate() checked its shape


def _later(a: Record, b: Record) -> Record:
    """Of two versions of one record that both sides changed."""
    if status_of(a) != status_of(b):
        return a if status_of(a) == "tagged" else b
    return max(a, b, key=lambda r: (r.get("reviewed_at") or r.get("created") or "", json.dumps(r, sort_keys=True)))


def merge(base: SidecarData | None, ours: SidecarData | None, theirs: SidecarData | None) -> SidecarData | None:
    """The three-way merge of a sidecar's records (None: no side has the file)."""
    b = {r["id"]: r for r in (base or {"records": []})["records"]}
    o = {r["id"]: r for r in (ours or {"records": []})["records"]}
    t = {r["id"]: r for r in (theirs or {"records": []})["records"]}
    out: list[Record] = []
    for rid in sorted(b.keys() | o.keys() | t.keys()):
        mine, other, was = o.get(rid), t.get(rid), b.get(rid)
        if mine is None and other is None:
            continue
        if mine is None or other is None:
            kept = mine if mine is not None else other
            assert kept is not None
            if was is not None and kept == was:
                continue  # one side removed it (an untag), the other did not touch it
            out.append(kept)  # added on one side, or changed on one side and removed on the other
        elif mine == other or other == was:
            out.append(mine)
        elif mine == was:
            out.append(other)
        else:
            out.append(_later(mine, other))
    path = next((d["path"] for d in (ours, theirs, base) if d is not None), None)
    if path is None:
        return None
    # Left with no record, the sidecar stays valid and empty; the next write removes it.
    return {"schema": SCHEMA, "path": path, "records": out}


def run(base: Path, ours: Path, theirs: Path) -> int:
    """What git runs: the merge into `ours`; 0 when merged, 1 when git must leave the
    conflict (a side cannot be read), with the reason on stderr."""
    import sys

    try:
        merged = merge(_read(base, "the common ancestor"), _read(ours, "our side"), _read(theirs, "their side"))
    except SidecarError as e:
        print(f"provmark merge-sidecar: {e}; left for you to resolve", file=sys.stderr)
        return 1
    write_atomic(ours, dumps(merged) if merged is not None else "")
    return 0


def install(root: Path) -> list[str]:
    """Make git merge this repository's sidecars with the driver; returns what changed.
    The .gitattributes line is committed with the repository; the driver itself lives in
    each clone's git config (git never takes commands from a repository's files)."""
    done: list[str] = []
    attributes = root / ".gitattributes"
    current = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    if ATTRIBUTES_LINE not in current.splitlines():
        sep = "" if not current or current.endswith("\n") else "\n"
        attributes.write_text(current + sep + ATTRIBUTES_LINE + "\n", encoding="utf-8")
        done.append(f"{attributes}: added '{ATTRIBUTES_LINE}'")
    for key, value in (("merge.provmark.name", "Provmark sidecars"), ("merge.provmark.driver", DRIVER)):
        subprocess.run(["git", "config", "--local", key, value], cwd=root, check=True, capture_output=True)
        done.append(f"git config {key} = {value}")
    return done
