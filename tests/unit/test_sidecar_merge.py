"""Sidecars under git: two branches that tag the same file merge record by record with
Provmark's merge driver, and a sidecar git could not merge is never replaced or
dropped: writers refuse it, the pipeline excludes the whole file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from provmark.core.records import SCHEMA
from provmark.pipeline.exclusion import excluded_ranges
from provmark.sources import sidecar
from provmark.sources.sidecar_merge import merge
from support.workloads import git

LINES = [f"def handler_{i}(request):\n    return respond(request, code={i})\n" for i in range(20)]
TEXT = "".join(LINES)


def rec(line: int, kind: str = "ai", status: str = "tagged") -> sidecar.Record:
    body = TEXT.splitlines()[line - 1 : line + 1]
    return sidecar.make_record(body, line, {"kind": kind}, "exclude", status=status)  # type: ignore[arg-type]


def data(*records: sidecar.Record) -> sidecar.SidecarData:
    return {"schema": SCHEMA, "path": "app.py", "records": list(records)}


def test_three_way_merge_of_records() -> None:
    a, b, c = rec(1), rec(5), rec(9)
    merged = merge(data(a), data(a, b), data(a, c))
    assert merged is not None and {r["id"] for r in merged["records"]} == {a["id"], b["id"], c["id"]}
    gone = merge(data(a, b), data(b), data(a, b))  # our side untagged a; theirs left it
    assert gone is not None and [r["id"] for r in gone["records"]] == [b["id"]]
    unreviewed = rec(1, status="unreviewed")
    decided = sidecar.reviewed(rec(1, kind="human"), unreviewed["id"], "ada")
    both = merge(data(unreviewed), data(unreviewed | {"score": 0.9}), data(decided))  # type: ignore[operator]
    assert both is not None and both["records"][0]["status"] == "tagged"  # a decision wins


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "app.py").write_text(TEXT)
    sidecar.update(root, "app.py", add=[rec(1)])
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    return root


def _branches(root: Path) -> None:
    git(root, "checkout", "-q", "-b", "other")
    sidecar.update(root, "app.py", add=[rec(3)])
    git(root, "commit", "-qam", "tag 3")
    git(root, "checkout", "-q", "main")
    sidecar.update(root, "app.py", add=[rec(3, kind="human")])  # the same lines, the other way
    git(root, "commit", "-qam", "tag 3 as human")


def test_git_merges_sidecars_with_the_driver(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]}
    out = subprocess.run(
        [sys.executable, "-m", "provmark", "merge-driver", "install", str(root)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert ".provmark/**/*.json merge=provmark" in (root / ".gitattributes").read_text()
    git(root, "add", ".gitattributes")
    git(root, "commit", "-qm", "merge driver")
    _branches(root)
    subprocess.run(["git", "merge", "-q", "other", "-m", "merge"], cwd=root, check=True, env=env, capture_output=True)
    merged = sidecar.load(root, "app.py")
    assert merged is not None and len(merged["records"]) == 3  # both branches' records kept


def test_a_conflicted_sidecar_is_never_replaced_and_excludes_its_file(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    _branches(root)
    r = subprocess.run(["git", "merge", "-q", "other", "-m", "merge"], cwd=root, capture_output=True, text=True)
    assert r.returncode != 0  # no driver: git leaves conflict markers in the sidecar
    path = root / ".provmark" / "app.py.json"
    conflicted = path.read_text()
    assert "<<<<<<<" in conflicted
    with pytest.raises(sidecar.SidecarError, match="Nothing was written"):
        sidecar.update(root, "app.py", add=[rec(9)])
    assert path.read_text() == conflicted and sorted(p.name for p in path.parent.iterdir()) == ["app.py.json"]
    assert excluded_ranges(root, "app.py", TEXT) == ("all", "invalid")
