"""Files per second through Provmark's datatrove step: datatrove's local executor, and a
local Ray cluster with one worker and with two.

    python benchmarks/bench_distributed.py [--repos 100] [--files 200] [--tasks 8]

Builds `repos` git repositories of `files` small Python files each (the corpus of
tests/support/corpus.py: tagged, unreviewed, stale and broken sidecars, two repository
policies, a commit declaring an AI co-author in every third repository), one JSON Lines
document per file, dealt round-robin into `tasks` shards (so every task meets every
repository: the worst case for what each worker must read per repository). Then it runs
JsonlReader -> ProvmarkExclusion -> JsonlWriter with LocalPipelineExecutor (workers=1,
then 2) and RayPipelineExecutor on a Ray cluster started once with 2 CPUs (workers=1,
then 2; one CPU per task). Files/s is documents read over the wall time of
`executor.run()`; the cluster's start is not included, each Ray task's actor start is.
"step" is the step's own time, summed over tasks (datatrove's stats). Every run must
write the same documents.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # tests/support: the corpus

from datatrove.executor import LocalPipelineExecutor, RayPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from provmark.pipeline.datatrove_step import ProvmarkExclusion
from support import corpus

STEP = "Provmark exclusion"


def digest(out: Path) -> tuple[int, str]:
    """(documents written, a hash of them in id order): equal outputs, equal digests."""
    docs = []
    for p in out.glob("*.jsonl.gz"):
        with gzip.open(p, "rt", encoding="utf-8") as f:
            docs += [json.loads(line) for line in f]
    docs.sort(key=lambda d: d["id"])
    h = hashlib.sha256()
    for d in docs:
        d["metadata"].pop("file_path", None)
        h.update(json.dumps(d, sort_keys=True).encode())
    return len(docs), h.hexdigest()[:12]


def step_seconds(logs: Path) -> float:
    for step in json.loads((logs / "stats.json").read_text()):
        if STEP in step["name"]:
            return float(step["time_stats"]["total"])
    return float("nan")


def run(kind: str, workers: int, shards: Path, work: Path, tasks: int) -> tuple[float, float, tuple[int, str]]:
    out, logs = work / "out", work / "logs"
    pipeline = [JsonlReader(str(shards)), ProvmarkExclusion(mode="mask"), JsonlWriter(str(out))]
    t0 = time.perf_counter()
    if kind == "local":
        LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=workers, logging_dir=str(logs)).run()
    else:
        RayPipelineExecutor(
            pipeline=pipeline, tasks=tasks, workers=workers, cpus_per_task=1, mem_per_cpu_gb=1, logging_dir=str(logs)
        ).run()
    wall = time.perf_counter() - t0
    done = len(list((logs / "completions").glob("*")))
    if done != tasks:
        raise SystemExit(f"{kind} with {workers} worker(s): only {done}/{tasks} tasks completed; see {logs}/logs")
    return wall, step_seconds(logs), digest(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repos", type=int, default=100)
    ap.add_argument("--files", type=int, default=200, help="files per repository")
    ap.add_argument("--tasks", type=int, default=8, help="shards, one datatrove task each")
    args = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="pm-dist-"))  # short: Ray's socket paths must fit in 107 bytes
    try:
        return measure(base, args.repos, args.files, args.tasks)
    finally:
        print(f"removing {base}", file=sys.stderr)
        shutil.rmtree(base, ignore_errors=True)


def measure(base: Path, repos: int, files: int, tasks: int) -> int:
    t0 = time.perf_counter()
    roots = corpus.build(base, repos, files)
    n = corpus.write_shards(corpus.documents(roots), base / "shards", tasks)
    print(f"built {repos} repositories, {n:,} documents in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    rows: list[tuple[str, float, float, tuple[int, str]]] = []
    for workers in (1, 2):
        wall, step, out = run("local", workers, base / "shards", base / f"local{workers}", tasks)
        rows.append((f"local executor, {workers} worker{'s' * (workers > 1)}", wall, step, out))
    import ray

    os.environ["TMPDIR"] = str(base)  # datatrove's task logs on the workers, removed with the rest
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    t0 = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, _temp_dir=str(base / "ray"), log_to_driver=False)
    started = time.perf_counter() - t0
    try:
        for workers in (1, 2):
            wall, step, out = run("ray", workers, base / "shards", base / f"ray{workers}", tasks)
            rows.append((f"Ray, {workers} worker{'s' * (workers > 1)}", wall, step, out))
    finally:
        ray.shutdown()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{n:,} documents from {repos} repositories in {tasks} shards; {os.cpu_count()} cores, load average {load}\n")
    print("| executor | wall s | files/s | step s (all tasks) | step files/s | documents out |")
    print("|---|---|---|---|---|---|")
    for name, wall, step, (docs, _) in rows:
        print(f"| {name} | {wall:.1f} | {n / wall:,.0f} | {step:.1f} | {n / step:,.0f} | {docs:,} |")
    print(f"\nRay cluster start (once, not in the figures): {started:.1f} s")
    digests = {d for *_, (_, d) in rows}
    same = "yes" if len(digests) == 1 else "NO: " + ", ".join(sorted(digests))
    print(f"same output from every run: {same}", flush=True)
    return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
