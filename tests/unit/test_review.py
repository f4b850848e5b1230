"""`provmark review`: list the unreviewed records, resolve them in bulk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from provmark.pipeline.exclusion import excluded_ranges
from provmark.sources import sidecar

LINES = [f"value_{i} = compute(item, factor={i})" for i in range(40)]


def flag(root: Path, rel: str, start: int, tool: str | None, score: float) -> sidecar.Record:
    origin = {"kind": "ai" if tool else "unknown", "tool": tool}
    body = LINES[start - 1 : start + 4]
    rec = sidecar.make_record(body, start, origin, "exclude", [], "provmark", "unreviewed", score)
    sidecar.update(root, rel, add=[rec])
    return rec


def provmark(*args: str, who: str = "ada") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PROVMARK_REVIEWER": who}
    return subprocess.run([sys.executable, "-m", "provmark", *args], capture_output=True, text=True, env=env)


def test_list_then_resolve_by_glob_tool_and_score(tmp_path: Path) -> None:
    for rel in ("src/a.py", "src/b.py", "tests/t.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("\n".join(LINES) + "\n")
    a = flag(tmp_path, "src/a.py", 3, "codex", 0.95)
    b = flag(tmp_path, "src/b.py", 10, None, 0.62)
    t = flag(tmp_path, "tests/t.py", 20, "codex", 0.9)
    listed = [json.loads(x) for x in provmark("review", str(tmp_path), "--json").stdout.splitlines()]
    assert [(x["path"], x["lines"], x["tool"]) for x in listed] == [
        ("src/a.py", [3, 7], "codex"), ("src/b.py", [10, 14], None), ("tests/t.py", [20, 24], "codex")
    ]  # fmt: skip
    out = provmark("review", str(tmp_path), "--path", "src/*", "--min-score", "0.9", "--as", "ai")
    assert out.returncode == 0 and "1 record(s) resolved as AI-written" in out.stdout
    out = provmark("review", str(tmp_path), "--tool", "codex", "--as", "human", who="bob")
    assert "1 record(s) resolved as written by a person" in out.stdout  # only t.py is left for codex
    data = {r["id"]: r for rel in ("src/a.py", "tests/t.py") for r in sidecar.load(tmp_path, rel)["records"]}  # type: ignore[index]
    assert data[a["id"]]["status"] == "tagged" and data[a["id"]]["reviewed_by"] == "ada"
    assert data[a["id"]]["training"] == "exclude" and data[a["id"]]["tagged_by"] == "user"
    assert data[t["id"]]["origin"]["kind"] == "human" and data[t["id"]]["training"] == "include"
    assert data[t["id"]]["reviewed_by"] == "bob" and "score" not in data[t["id"]]
    assert excluded_ranges(tmp_path, "tests/t.py", "\n".join(LINES) + "\n")[0] == []  # a person's: trained on
    left = provmark("review", str(tmp_path)).stdout
    assert "src/b.py:10-14" in left and "1 unreviewed record(s)" in left and b["id"]


def test_a_broken_sidecar_is_named_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("\n".join(LINES) + "\n")
    flag(tmp_path, "a.py", 1, None, 0.9)
    (tmp_path / ".provmark" / "b.py.json").write_text("{oops")
    out = provmark("review", str(tmp_path))
    assert out.returncode == 0 and "b.py.json" in out.stderr and "1 unreviewed record(s)" in out.stdout
