"""`provmark review`: the unreviewed records of a repository, listed, and resolved in
bulk (by path glob, tool and score) as AI-written or as a person's.

A resolved record keeps its id and its line hashes; it says who resolved it and when
(`reviewed_by`, `reviewed_at`). Sidecars are changed with the same locked, atomic,
merging writes as the editor's, so a review beside a running editor loses nothing.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from provmark.core.records import SCHEMA, Origin, Record, SidecarData, Training, status_of
from provmark.pipeline.exclusion import locate_records, sidecar_files
from provmark.sources import sidecar


@dataclass(frozen=True)
class Item:
    path: str
    record: Record

    @property
    def lines(self) -> tuple[int, int]:
        return self.record["start_line"], self.record["end_line"]

    @property
    def tool(self) -> str | None:
        return self.record["origin"].get("tool")

    @property
    def score(self) -> float | None:
        return self.record.get("score")

    def age_days(self, now: dt.datetime) -> float | None:
        try:
            created = dt.datetime.strptime(self.record["created"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
        except (KeyError, ValueError):
            return None
        return (now - created).total_seconds() / 86400


def unreviewed(
    root: Path,
    path_glob: str | None = None,
    tool: str | None = None,
    min_score: float | None = None,
    problems: list[str] | None = None,
) -> Iterator[Item]:
    """Unreviewed records under `root` that match every filter given, in path order. A
    sidecar that cannot be read is named in `problems` and skipped (its file stays
    excluded whole by the pipeline)."""
    for rel, path in sidecar_files(root):
        if path_glob is not None and not fnmatch.fnmatch(rel, path_glob):
            continue
        try:
            data = sidecar.load(root, rel, path)
        except sidecar.SidecarError as e:
            if problems is not None:
                problems.append(str(e))
            continue
        for rec in (data or {"records": []})["records"]:
            item = Item(rel, rec)
            if status_of(rec) != "unreviewed" or (tool is not None and item.tool != tool):
                continue
            if min_score is not None and (item.score is None or item.score < min_score):
                continue
            yield item


def resolve(
    root: Path, items: list[Item], kind: Literal["ai", "human"], first_party_tools: tuple[str, ...] = ()
) -> int:
    """Resolve `items` as AI-written (excluded from training, unless a first-party tool
    wrote them) or as a person's (included); returns how many were resolved."""
    by_file: dict[str, list[Item]] = {}
    for item in items:
        by_file.setdefault(item.path, []).append(item)
    who = sidecar.reviewer()
    done = 0
    for rel, group in by_file.items():
        decided = [decision(item.record, kind, first_party_tools, who) for item in group]
        sidecar.update(root, rel, add=decided, remove={r["id"] for r in decided})
        done += len(decided)
    return done


def training_of(kind: str, tool: str | None, first_party_tools: tuple[str, ...] | list[str]) -> Training:
    """What a decision means for training: a person's lines are kept, AI-written ones
    left out unless a first-party tool wrote them (the editor's tags decide the same)."""
    keep = kind == "human" or (kind == "ai" and bool(tool) and tool in first_party_tools)
    return "include" if keep else "exclude"


def decision(
    record: Record, kind: Literal["ai", "human"], first_party_tools: tuple[str, ...] = (), who: str | None = None
) -> Record:
    """The unreviewed `record` resolved as `kind`: same id and lines, tagged, who and when."""
    origin: Origin = {**record["origin"], "kind": kind}
    rec: Record = {
        **record,
        "origin": origin,
        "training": training_of(kind, origin.get("tool"), first_party_tools),
        "status": "tagged",
        "tagged_by": "user",
    }
    rec.pop("score", None)
    return sidecar.reviewed(rec, record["id"], who)


def found_now(rel: str, records: list[Record], text: str) -> dict[str, tuple[int, int] | None]:
    """Where each of `rel`'s records is in `text` now (1-based, inclusive; None when it
    cannot be found again), found as the manifest finds them."""
    data: SidecarData = {"schema": SCHEMA, "path": rel, "records": records}
    found: dict[str, tuple[int, int] | None] = {}
    for r in locate_records(data, text).records:
        lines = r["lines"]
        found[r["id"]] = (lines[0], lines[1]) if lines else None
    return found
