"""`provmark manifest`, `provmark filter`, `provmark check`: the pipeline's commands."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any, TextIO

from provmark.core.lines import line_hash
from provmark.core.relocate import locate, squeezed_of
from provmark.pipeline.exclusion import file_result, filter_text, manifest, read_sidecar, sidecar_files
from provmark.sources import sidecar
from provmark.sources.ignore import IgnoreRules
from provmark.sources.workspace_index import looks_binary


def cmd_manifest(root: Path, out: TextIO = sys.stdout) -> int:
    """JSON Lines, one per source file with records: what to exclude, as the file is now."""
    for r in manifest(root):
        out.write(json.dumps(r.to_json(), sort_keys=True) + "\n")
    return 0


def cmd_filter(root: Path, dest: Path, out: TextIO = sys.stdout) -> int:
    """A copy of the tree without excluded lines or files, and a report of what went."""
    root = root.resolve()
    dest = dest.resolve()
    if dest == root or root in dest.parents:
        print(f"provmark filter: --out {dest} lies inside {root}; choose a folder outside it", file=sys.stderr)
        return 2
    if dest.exists() and any(dest.iterdir()):
        print(f"provmark filter: {dest} is not empty; nothing was written", file=sys.stderr)
        return 2
    report: dict[str, Any] = {"root": str(root), "files": 0, "excluded_files": [], "excluded_lines": {}}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if d not in (".git", sidecar.SIDECAR_DIR))
        for name in sorted(filenames):
            src = here / name
            rel = src.relative_to(root).as_posix()
            if src.is_symlink():
                continue  # never followed: it could point anywhere
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            result = file_result(root, rel)
            report["files"] += 1
            if result is None:
                shutil.copyfile(src, target)
                continue
            data = src.read_bytes()
            if looks_binary(data):
                report["excluded_files"].append(rel)  # a tagged binary: leave it out
                continue
            kept = filter_text(data.decode("utf-8", errors="replace"), result.exclude)
            if kept is None:
                report["excluded_files"].append(rel)
                continue
            if result.exclude:
                report["excluded_lines"][rel] = [list(r) for r in result.exclude if not isinstance(r, str)]
            target.write_text(kept, encoding="utf-8", newline="")
    (dest / ".provmark-filter-report.json").write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
    n_lines = sum(b - a + 1 for rs in report["excluded_lines"].values() for a, b in rs)
    out.write(
        f"{report['files']} files: {len(report['excluded_files'])} left out whole, {n_lines} lines removed "
        f"from {len(report['excluded_lines'])}; report in {dest / '.provmark-filter-report.json'}\n"
    )
    return 0


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
        if r is not None and r.status == "stale":
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
