"""The training pipeline's side: what to leave out of a tree, from its sidecars.

A pure library (no language server): read sidecars as untrusted input, find every
record again in the file as it is now, and fail closed. A file whose sidecar cannot be
read, or whose `training: exclude` record cannot be found again, is excluded whole.

    for entry in manifest(root):            # {"path", "exclude": [[a, b], ...] | "all", "status"}
        ...
    ranges, status = excluded_ranges(root, "src/app.py", text)
    kept = filter_text(text, ranges)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provmark.core.lines import line_hash
from provmark.core.records import SidecarData, status_of
from provmark.core.regions import merge_runs
from provmark.core.relocate import locate, squeezed_of
from provmark.pipeline.policy import Policy
from provmark.sources.sidecar import SIDECAR_DIR, SidecarError, load

ALL = "all"
DEFAULT = Policy()


@dataclass
class FileResult:
    """What the pipeline must leave out of one file."""

    path: str
    exclude: list[tuple[int, int]] | str  # 1-based inclusive line ranges, or "all"
    status: str  # "fresh", "relocated", "stale" (a record is lost), "invalid" (the sidecar), "unreadable" (the file)
    problems: list[str] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)  # each record: id, found lines or None
    # Why each range is left out: "tagged" (someone, or proof, said AI) or "unreviewed"
    # (Provmark flagged it and nobody has decided yet); 1-based, inclusive.
    reasons: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        exclude: Any = self.exclude if self.exclude == ALL else [list(r) for r in self.exclude]
        out: dict[str, Any] = {"path": self.path, "exclude": exclude, "status": self.status}
        if exclude != ALL and self.reasons:
            out["reasons"] = {why: [list(r) for r in runs] for why, runs in sorted(self.reasons.items())}
        return out


def sidecar_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(source path relative to root, sidecar file) for every sidecar under .provmark/."""
    base = root / SIDECAR_DIR
    if not base.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(".json") or name.startswith("."):
                continue
            p = Path(dirpath) / name
            yield p.relative_to(base).as_posix()[: -len(".json")], p


def read_sidecar(root: Path, rel: str, path: Path | None = None) -> SidecarData:
    """A sidecar, checked as untrusted input; SidecarError names the file and the fault,
    FileNotFoundError when there is none."""
    data = load(root, rel, path)
    if data is None:
        raise FileNotFoundError(path or root / SIDECAR_DIR / (rel + ".json"))
    return data


def locate_records(data: SidecarData, text: str, policy: Policy = DEFAULT) -> FileResult:
    """Find each record of a sidecar in `text`; exclusion per the policy and the
    fail-closed rule."""
    rel = data["path"]
    lines = _lines(text)
    hashes = [line_hash(x) for x in lines]
    squeezed = squeezed_of(lines) if any(r.get("squeezed_hashes") for r in data["records"]) else None
    exclude: list[tuple[int, int]] = []
    status = "fresh"
    found_all = True
    result = FileResult(rel, exclude, status)
    for rec in data["records"]:
        where = locate(rec, hashes, squeezed)
        if where is None:
            result.records.append({"id": rec["id"], "lines": None})
            if policy.excludes(rec):
                found_all = False
                result.problems.append(f"record {rec['id']} (lines {rec['start_line']}-{rec['end_line']}) not found")
            continue
        a, b = where.start + 1, where.end + 1
        result.records.append({"id": rec["id"], "lines": [a, b]})
        if not (where.exact and a == rec["start_line"]):
            status = "relocated"
        if policy.excludes(rec):
            exclude.append((a, b))
            result.reasons.setdefault(status_of(rec), []).append((a, b))
    if not found_all:
        result.exclude, result.status = ALL, "stale"
        return result
    result.exclude, result.status = merge_runs(exclude), status
    result.reasons = {why: merge_runs(runs) for why, runs in result.reasons.items()}
    return result


def _lines(text: str) -> list[str]:
    # The same line rules as the editor's (only \n, \r\n and \r end a line).
    from provmark.core.textdoc import body_of, split_lines

    lines = [body_of(x) for x in split_lines(text)]
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # a final line ending ends the last line; it opens none
    return lines


def file_result(
    root: Path, rel: str, text: str | None = None, sidecar_path: Path | None = None, policy: Policy = DEFAULT
) -> FileResult | None:
    """The exclusion for one file (None when it has no sidecar). `text` defaults to the
    file as it is on disk; a missing or unreadable file or sidecar is excluded whole."""
    try:
        data = read_sidecar(root, rel, sidecar_path)
    except FileNotFoundError:
        return None
    except SidecarError as e:
        return FileResult(rel, ALL, "invalid", [str(e)])
    if text is None:
        try:
            raw = (root / rel).read_bytes()
        except OSError as e:
            return FileResult(rel, ALL, "unreadable", [f"{rel}: the source file cannot be read ({e.strerror})"])
        text = raw.decode("utf-8", errors="replace")
    return locate_records(data, text, policy)


def excluded_ranges(
    root: Path, path: str, text: str, policy: Policy = DEFAULT
) -> tuple[list[tuple[int, int]] | str, str]:
    """(1-based inclusive ranges to leave out, or "all"; status) for `path` holding
    `text`. A file without a sidecar excludes nothing ("untracked")."""
    r = file_result(Path(root), path, text, policy=policy)
    if r is None:
        return [], "untracked"
    return r.exclude, r.status


def filter_text(text: str, exclude: list[tuple[int, int]] | str) -> str | None:
    """`text` without the excluded lines (None when the whole file is excluded)."""
    if isinstance(exclude, str):  # ALL
        return None
    if not exclude:
        return text
    from provmark.core.textdoc import split_lines

    lines = split_lines(text)
    drop: set[int] = set()
    for a, b in exclude:
        drop.update(range(a - 1, b))
    return "".join(x for i, x in enumerate(lines) if i not in drop)


def manifest(root: Path, policy: Policy = DEFAULT) -> Iterator[FileResult]:
    """One result per source file that has a sidecar, in path order. Never writes."""
    root = Path(root)
    for rel, path in sidecar_files(root):
        r = file_result(root, rel, sidecar_path=path, policy=policy)
        if r is not None:
            yield r
