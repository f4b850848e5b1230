"""The datatrove step on a sample tree, run by datatrove's own LocalPipelineExecutor."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from provmark.pipeline.datatrove_step import ProvmarkExclusion
from provmark.sources import sidecar

HUMAN = "".join(f"def handler_{i}(request):\n    return respond(request, code={i})\n" for i in range(10))
AI = "".join(f"def helper_{i}(value):\n    return normalise(value, mode='m{i}')\n" for i in range(5))


def tree(root: Path) -> None:
    (root / "src").mkdir(parents=True)
    (root / "src" / "mixed.py").write_text(HUMAN + AI)
    (root / "src" / "clean.py").write_text(HUMAN)
    (root / "src" / "whole.py").write_text(AI)
    n = HUMAN.count("\n")
    sidecar.update(root, "src/mixed.py", add=[sidecar.make_record(AI.splitlines(), n + 1, {"kind": "ai"}, "exclude")])
    sidecar.update(root, "src/whole.py", add=[sidecar.make_record(["gone"], 1, {"kind": "ai"}, "exclude")])


def run(tmp_path: Path, mode: str) -> dict[str, str]:
    repo = tmp_path / "repo"
    tree(repo)
    corpus = tmp_path / f"corpus-{mode}"
    corpus.mkdir()
    with open(corpus / "docs.jsonl", "w") as f:
        for p in sorted((repo / "src").iterdir()):
            rel = p.relative_to(repo).as_posix()
            f.write(
                json.dumps({"id": rel, "text": p.read_text(), "metadata": {"repo_root": str(repo), "path": rel}}) + "\n"
            )
    out = tmp_path / f"out-{mode}"
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(corpus)), ProvmarkExclusion(mode=mode), JsonlWriter(str(out))],
        tasks=1,
        logging_dir=str(tmp_path / f"logs-{mode}"),
    ).run()
    docs = {}
    for p in out.glob("*.jsonl.gz"):
        with gzip.open(p, "rt") as f:
            for line in f:
                d = json.loads(line)
                docs[d["id"]] = d["text"]
    return docs


def test_mask_keeps_human_lines_and_drops_unfindable_files(tmp_path: Path) -> None:
    docs = run(tmp_path, "mask")
    assert docs == {"src/clean.py": HUMAN, "src/mixed.py": HUMAN}


def test_drop_mode_drops_any_file_with_exclusions(tmp_path: Path) -> None:
    assert run(tmp_path, "drop") == {"src/clean.py": HUMAN}


def test_the_repository_policy_drives_the_step(tmp_path: Path) -> None:
    """An unreviewed record is left out by default; a repository whose policy includes
    unreviewed lines gets them back, and a bad policy stops the run (fails closed)."""
    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True)
    (repo / "src" / "p.py").write_text(HUMAN + AI)
    flagged = sidecar.make_record(AI.splitlines(), HUMAN.count("\n") + 1, {"kind": "unknown"}, "exclude",
                                  [], "provmark", "unreviewed", 0.9)  # fmt: skip
    sidecar.update(repo, "src/p.py", add=[flagged])
    step = ProvmarkExclusion(root=str(repo))
    doc = type("Doc", (), {"text": HUMAN + AI, "metadata": {"path": "src/p.py"}})()
    assert [d.text for d in step.run([doc])] == [HUMAN]
    (repo / "pyproject.toml").write_text('[tool.provmark.pipeline]\nunreviewed = "include"\n')
    doc = type("Doc", (), {"text": HUMAN + AI, "metadata": {"path": "src/p.py"}})()
    assert [d.text for d in ProvmarkExclusion(root=str(repo)).run([doc])] == [HUMAN + AI]
    (repo / "pyproject.toml").write_text('[tool.provmark.pipeline]\nunreviewd = "include"\n')
    with pytest.raises(ValueError, match="unreviewd"):
        list(ProvmarkExclusion(root=str(repo)).run([doc]))
