"""A training corpus of many small git repositories, as a data team would feed Provmark's
datatrove step: one JSON Lines document per source file, with `repo_root` and `path` in
its metadata. Shared by tests/unit/test_datatrove_distributed.py (a few dozen
repositories) and benchmarks/bench_distributed.py (a hundred repositories of 200 files).

What each repository holds, by file number k (every line says what it is: `human`,
`tagged_ai`, `unreviewed_ai`, `committed_ai`, so a test can read the output):

- k % 10 == 1: a tagged AI block (`training: exclude`): masked;
- k % 10 == 2: an unreviewed record (tool "our-bot" in odd repositories, "codex" in even
  ones): masked, unless the repository's policy keeps it;
- k % 10 == 4: a record of a person's lines (`training: include`): nothing removed;
- k == 3: a record whose lines are gone from the file: the file is dropped (stale);
- k == 7 in every fourth repository: a sidecar that is not JSON: the file is dropped;
- repository 1: `[tool.provmark.pipeline] unreviewed = "include"` in pyproject.toml;
  repository 2: `first_party_tools = ["codex"]` in `.provmark/config.toml` (its
  unreviewed lines are codex's);
- every third repository: a later commit declaring Claude as co-author adds
  `agent.py`, whose lines are `committed_ai`.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from provmark.core.records import Record
from provmark.sources import sidecar
from support.workloads import git

HUMAN = 6  # lines of a person's code at the top of every file
AI = 4  # lines of an AI block


def human(repo: int, k: int) -> list[str]:
    return [f"def human_{repo}_{k}_{j}(request):\n    return respond(request, code={j})\n" for j in range(HUMAN // 2)]


def ai(repo: int, k: int, what: str) -> list[str]:
    return [f"def {what}_{repo}_{k}_{j}(value):\n    return normalise(value, mode='{what}')\n" for j in range(AI // 2)]


def _file(repo: int, k: int, start: int) -> tuple[str, Record | None]:
    """(the file's text, its record) for file k of repository `repo`."""
    head = "".join(human(repo, k))
    if k % 10 == 1:
        block = "".join(ai(repo, k, "tagged_ai"))
        rec = sidecar.make_record(block.splitlines(), start, {"kind": "ai", "tool": "chatgpt"}, "exclude")
        return head + block, rec
    if k % 10 == 2:
        block = "".join(ai(repo, k, "unreviewed_ai"))
        tool = "our-bot" if repo % 2 else "codex"
        rec = sidecar.make_record(
            block.splitlines(), start, {"kind": "ai", "tool": tool}, "exclude", [], "provmark", "unreviewed", 0.93
        )
        return head + block, rec
    if k % 10 == 4:
        rec = sidecar.make_record(head.splitlines()[:2], 1, {"kind": "human"}, "include")
        return head, rec
    if k == 3:
        gone = [f"def vanished_{repo}_{j}(): pass" for j in range(3)]
        return head, sidecar.make_record(gone, 2, {"kind": "ai"}, "exclude")
    return head, None


def build_repo(root: Path, repo: int, files: int, history: bool = True) -> None:
    """One repository of `files` Python files with its sidecars and, with `history`, its
    git history (every third repository with a commit declaring an AI co-author)."""
    (root / "src").mkdir(parents=True)
    start = HUMAN + 1
    for k in range(files):
        rel = f"src/m{k}.py"
        text, rec = _file(repo, k, start)
        (root / rel).write_text(text)
        if rec is not None:
            sidecar.update(root, rel, add=[rec])
        if k == 7 and repo % 4 == 3:
            sidecar.sidecar_path(root, rel).write_text('{"version": "provmark/2", "records": [')  # torn write
    if repo == 1:
        policy = '[project]\nname = "r1"\n\n[tool.provmark.pipeline]\nunreviewed = "include"\n'
        (root / "pyproject.toml").write_text(policy)
    if repo == 2:
        (root / ".provmark" / "config.toml").write_text('[pipeline]\nfirst_party_tools = ["codex"]\n')
    if not history:
        return
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial import")
    if repo % 3 == 0:
        (root / "src" / "agent.py").write_text("".join(ai(repo, 0, "committed_ai")))
        git(root, "add", "src/agent.py")
        git(root, "commit", "-q", "-m", "Add agent helpers\n\nCo-Authored-By: Claude <noreply@anthropic.com>")


def build(base: Path, repos: int, files: int, history: bool = True) -> list[Path]:
    """`repos` repositories under base/repos/; their roots, absolute."""
    roots = []
    for i in range(repos):
        root = (base / "repos" / f"r{i:03d}").resolve()
        build_repo(root, i, files, history)
        roots.append(root)
    return roots


def documents(roots: list[Path], missing: Path | None = None) -> Iterator[dict[str, Any]]:
    """One document per source file, repository after repository; then, when `missing`
    is given, a document of a repository that is not there and one that names no file."""
    for root in roots:
        for p in sorted((root / "src").iterdir()):
            rel = p.relative_to(root).as_posix()
            yield {
                "id": f"{root.name}/{rel}",
                "text": p.read_text(),
                "metadata": {"repo_root": str(root), "path": rel},
            }
    if missing is not None:
        text = "".join(ai(0, 0, "tagged_ai"))
        yield {"id": "gone/src/a.py", "text": text, "metadata": {"repo_root": str(missing), "path": "src/a.py"}}
        yield {"id": "nameless", "text": text, "metadata": {"repo_root": str(roots[0])}}


def write_shards(docs: Iterator[dict[str, Any]], out: Path, shards: int) -> int:
    """The documents dealt round-robin into `shards` JSON Lines files (so that every task
    meets many repositories); how many documents."""
    out.mkdir(parents=True)
    dealt: list[list[str]] = [[] for _ in range(shards)]
    n = 0
    for n, doc in enumerate(docs, 1):
        dealt[(n - 1) % shards].append(json.dumps(doc) + "\n")
    for s, lines in enumerate(dealt):
        (out / f"shard-{s:03d}.jsonl").write_text("".join(lines), encoding="utf-8")
    return n


class Witness(PipelineStep):
    """Passes documents on untouched; notes which process ran each task in `folder`, and
    with `meet` > 1 first waits (at most `timeout` seconds) until `meet` tasks have
    started: a task that met another ran at the same time as it, on another worker."""

    name = "witness"
    type = "test"

    def __init__(self, folder: str, meet: int = 1, timeout: float = 60.0):
        super().__init__()
        self.folder, self.meet, self.timeout = folder, meet, timeout

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        folder = Path(self.folder)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{rank}.started").write_text(str(os.getpid()))
        deadline = time.monotonic() + self.timeout
        while len(list(folder.glob("*.started"))) < self.meet and time.monotonic() < deadline:
            time.sleep(0.05)
        met = len(list(folder.glob("*.started"))) >= self.meet
        (folder / f"{rank}.json").write_text(json.dumps({"pid": os.getpid(), "met": met}))
        if data:
            yield from data


def spawn_pools() -> None:
    """Ray worker setup: datatrove's Ray executor runs each worker's tasks in a
    `multiprocess` pool, which forks by default; forking a Ray worker (dozens of threads)
    can leave the child waiting forever on a lock another thread held at the fork (seen
    in CI: every task completed, the executor never returned). Spawned pool processes
    start clean."""
    import multiprocess

    multiprocess.set_start_method("spawn", force=True)
