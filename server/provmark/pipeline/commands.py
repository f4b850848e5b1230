"""`provmark manifest`, `provmark filter`, `provmark check`: the pipeline's commands."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from provmark.core.lines import line_hash
from provmark.core.relocate import locate, squeezed_of
from provmark.pipeline.exclusion import DEFAULT, RepoExclusion, file_result, manifest, read_sidecar, sidecar_files
from provmark.pipeline.policy import Policy
from provmark.sources import sidecar
from provmark.sources.ignore import IgnoreRules
from provmark.sources.workspace_index import looks_binary


def cmd_manifest(root: Path, out: TextIO = sys.stdout, err: TextIO = sys.stderr, policy: Policy = DEFAULT) -> int:
    """JSON Lines, one per source file with records: what to exclude, as the file is now.
    Every file left out whole because of a problem is also named on stderr, with why."""
    for r in manifest(root, policy):
        out.write(json.dumps(r.to_json(), sort_keys=True) + "\n")
        for problem in r.problems:
            err.write(f"provmark manifest: {r.path} excluded whole ({r.status}): {problem}\n")
    return 0


def cmd_filter(
    root: Path, dest: Path, out: TextIO = sys.stdout, err: TextIO = sys.stderr, policy: Policy = DEFAULT
) -> int:
    """A copy of the tree without excluded lines or files, and a report of what went.

    Built in a temporary folder beside `dest` and moved into place at the end: a run that
    fails leaves no half-written output. A file that cannot be read is named on stderr
    and left out. Kept lines keep their bytes, whatever the file's encoding."""
    root = root.resolve()
    dest = dest.resolve()
    if dest == root or root in dest.parents:
        print(f"provmark filter: --out {dest} lies inside {root}; choose a folder outside it", file=err)
        return 2
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        print(f"provmark filter: {dest} is not an empty folder; nothing was written", file=err)
        return 2
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{dest.name}.partial-", dir=dest.parent))
    try:
        report = _filter_into(root, work, err, policy)
        (work / ".provmark-filter-report.json").write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
        if dest.exists():
            dest.rmdir()
        os.replace(work, dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    n_lines = sum(b - a + 1 for rs in report["excluded_lines"].values() for a, b in rs)
    out.write(
        f"{report['files']} files: {len(report['excluded_files'])} left out whole, {n_lines} lines removed "
        f"from {len(report['excluded_lines'])}; report in {dest / '.provmark-filter-report.json'}\n"
    )
    return 0


def _filter_into(root: Path, work: Path, err: TextIO, policy: Policy) -> dict[str, Any]:
    report: dict[str, Any] = {
        "root": str(root),
        "files": 0,
        "excluded_files": [],
        "excluded_lines": {},
        "unreadable": {},
    }
    repo = RepoExclusion(root, policy)
    repo.prefetch()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if d not in (".git", sidecar.SIDECAR_DIR))
        for name in sorted(filenames):
            src = here / name
            rel = src.relative_to(root).as_posix()
            if src.is_symlink():
                continue  # never followed: it could point anywhere
            report["files"] += 1
            try:
                data = src.read_bytes()
            except OSError as e:
                report["excluded_files"].append(rel)
                report["unreadable"][rel] = e.strerror or str(e)
                print(f"provmark filter: {rel} cannot be read ({e.strerror or e}); left out", file=err)
                continue
            target = work / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            result = repo.file(rel, data.decode("utf-8", errors="replace"))
            if result is None:
                target.write_bytes(data)
                continue
            if looks_binary(data) or isinstance(result.exclude, str):
                report["excluded_files"].append(rel)  # excluded whole, or a tagged binary
                continue
            if result.exclude:
                report["excluded_lines"][rel] = [list(r) for r in result.exclude]
            target.write_bytes(filter_bytes(data, result.exclude))
    return report


_LINE_END = re.compile(rb"\r\n|\r|\n")


def filter_bytes(data: bytes, exclude: list[tuple[int, int]]) -> bytes:
    """`data` without the lines in `exclude` (1-based, inclusive), every kept byte as it
    was. Lines end at LF, CRLF and CR, as everywhere in Provmark."""
    drop = {i for a, b in exclude for i in range(a - 1, b)}
    kept: list[bytes] = []
    start = n = 0
    for m in _LINE_END.finditer(data):
        if n not in drop:
            kept.append(data[start : m.end()])
        start, n = m.end(), n + 1
    if start < len(data) and n not in drop:  # a last line without an ending
        kept.append(data[start:])
    return b"".join(kept)


def cmd_check(root: Path, fix: bool = False, out: TextIO = sys.stdout) -> int:
    """Invalid sidecars, orphans (their file is gone) and stale records; exit 1 on any."""
    root = root.resolve()
    problems: list[str] = []
    orphans: list[tuple[str, Path]] = []
    for rel, path in sidecar_files(root):
        if not (root / rel).is_file():
            orphans.append((rel, path))
            continue
        r = file_result(root, rel, sidecar_path=path)
        if r is not None and r.status in ("stale", "invalid", "unreadable"):
            problems += [f"{rel}: {p}" for p in r.problems]
    for rel, path in orphans:
        moved = reattach(root, rel, path) if fix else None
        if moved:
            out.write(f"{rel}: its file moved to {moved}; sidecar moved with it\n")
        else:
            problems.append(
                f"{rel}: orphan sidecar ({path.relative_to(root)}): the file is gone"
                + ("" if fix else "; `provmark check --fix` looks for where it went")
            )
    for p in problems:
        out.write(p + "\n")
    out.write(f"{'ok' if not problems else f'{len(problems)} problem(s)'}\n")
    return 1 if problems else 0


def reattach(root: Path, rel: str, path: Path) -> str | None:
    """Find the file an orphan sidecar's records now live in (a rename or git mv), move
    the sidecar there; returns the new path, or None when no file holds all its records."""
    try:
        data = read_sidecar(root, rel, path)
    except sidecar.SidecarError:
        return None
    records = [r for r in data["records"] if r["training"] == "exclude"] or data["records"]
    want = {h for r in records for h in r["line_hashes"][:1]}
    suffix = Path(rel).suffix
    rules = IgnoreRules(root)
    best: str | None = None
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        folder = Path(dirpath).relative_to(root).as_posix()
        folder = "" if folder == "." else folder
        dirnames[:] = [d for d in dirnames if not rules.ignored(f"{folder}/{d}" if folder else d, True)]
        for name in filenames:
            cand = f"{folder}/{name}" if folder else name
            if Path(name).suffix != suffix or (root / sidecar.SIDECAR_DIR / (cand + ".json")).exists():
                continue
            try:
                text = (root / cand).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            lines = text.splitlines()
            hashes = [line_hash(x) for x in lines]
            if want and not want & set(hashes):
                continue
            squeezed = squeezed_of(lines)
            if all(locate(r, hashes, squeezed) is not None for r in records):
                if best is not None:
                    return None  # two candidates: leave it to a person
                best = cand
    if best is None:
        return None
    data["path"] = best
    new = sidecar.sidecar_path(root, best)
    new.parent.mkdir(parents=True, exist_ok=True)
    sidecar.write_atomic(new, sidecar.dumps(data))
    path.unlink()
    return best
