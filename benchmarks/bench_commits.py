"""Finding the lines of AI-declaring commits at scale: `provmark manifest` on a generated
repository of many files and commits, some of whose commits declare an AI co-author.

    python benchmarks/bench_commits.py [--files 100000] [--commits 50000] [--declaring 0.05]

The repository is written with `git fast-import` (quick to build): one commit adds
every file, then each later commit inserts a few lines into one or two files; a share
of them carries "Co-Authored-By: Claude". The manifest then reads the history once,
blames only the files those commits touched, and must find every run those commits
wrote that is still there. Timed: building, the manifest, and (for scale) `git log`
alone. With --commit-graph, git's commit-graph with changed-path filters is written
first (what `git maintenance` does), which is how large repositories are kept.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from provmark.pipeline.exclusion import manifest
from provmark.pipeline.policy import Policy

TRAILER = "\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"


def build(root: Path, files: int, commits: int, declaring: float, seed: int = 7) -> int:
    """Write the repository; returns the number of AI runs still expected at HEAD."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    paths = [f"pkg{i // 1000:03d}/mod{i:06d}.py" for i in range(files)]
    bodies: list[list[str]] = [[f"def f_{i}_{k}(x):\n    return g(x, {k})\n" for k in range(6)] for i in range(files)]
    out = io.BytesIO()
    mark = 0

    def blob(text: str) -> int:
        nonlocal mark
        mark += 1
        data = text.encode()
        out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)) + data + b"\n")
        return mark

    def commit(message: str, changes: list[tuple[str, int]], n: int) -> None:
        msg = message.encode()
        out.write(b"commit refs/heads/main\n")
        out.write(b"committer dev <dev@example.com> %d +0000\n" % (1_600_000_000 + n * 60))
        out.write(b"data %d\n" % len(msg) + msg + b"\n")
        for path, m in changes:
            out.write(b"M 100644 :%d %s\n" % (m, path.encode()))
        out.write(b"\n")

    proc = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=root, stdin=subprocess.PIPE)
    assert proc.stdin is not None

    def flush() -> None:
        assert proc.stdin is not None
        proc.stdin.write(out.getvalue())
        out.seek(0)
        out.truncate()

    commit("initial import", [(p, blob("".join(b))) for p, b in zip(paths, bodies, strict=True)], 0)
    flush()
    ai_lines: dict[int, set[str]] = {}  # file -> the AI lines it holds now
    for n in range(1, commits):
        ai = rng.random() < declaring
        changes = []
        for _ in range(rng.choice((1, 1, 2))):
            i = rng.randrange(files)
            at = rng.randrange(len(bodies[i]) + 1)
            new = [f"    step_{n}_{k} = work({i}, {k})  # c{n}\n" for k in range(3)]
            bodies[i][at:at] = new
            if ai:
                ai_lines.setdefault(i, set()).update(new)
            changes.append((paths[i], blob("".join(bodies[i]))))
        commit(f"change {n}" + (TRAILER if ai else "\n"), changes, n)
        if n % 2000 == 0:
            flush()
    flush()
    proc.stdin.close()
    if proc.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)
    return sum(len(v) for v in ai_lines.values())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--commits", type=int, default=50_000)
    ap.add_argument("--declaring", type=float, default=0.05, help="share of commits that declare an AI tool")
    ap.add_argument("--commit-graph", action="store_true", help="write git's commit-graph with changed paths first")
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="provmark-commits-") as tmp:
        root = Path(tmp) / "repo"
        t0 = time.perf_counter()
        expected = build(root, args.files, args.commits, args.declaring)
        built = time.perf_counter() - t0
        if args.commit_graph:
            t0 = time.perf_counter()
            subprocess.run(["git", "commit-graph", "write", "--reachable", "--changed-paths"], cwd=root, check=True)
            print(f"commit-graph written in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        subprocess.run(["git", "log", "--format=%H", "--name-status"], cwd=root, check=True, stdout=subprocess.DEVNULL)
        git_log = time.perf_counter() - t0
        t0 = time.perf_counter()
        results = list(manifest(root, Policy(), args.workers))
        took = time.perf_counter() - t0
        found = sum(b - a + 1 for r in results for a, b in r.reasons.get("commit", []))
        problems = [p for r in results for p in r.problems]
        print(
            f"{args.files:,} files, {args.commits:,} commits ({args.declaring:.0%} declaring), built in {built:.0f} s; "
            f"cores {os.cpu_count()}"
        )
        print(f"git log alone: {git_log:.1f} s")
        print(f"manifest: {took:.1f} s, {len(results):,} files with AI-commit lines, {found:,} lines found")
        print(f"expected {expected:,} lines; problems: {len(problems)}")
        return 0 if found == expected and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
