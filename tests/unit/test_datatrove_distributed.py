"""The datatrove step on a distributed engine (issue 12): a local Ray cluster (2 CPUs, two
tasks at once, each in its own worker process) runs the same pipeline as datatrove's
LocalPipelineExecutor, JsonlReader -> ProvmarkExclusion -> JsonlWriter, over a corpus of
24 git repositories (tagged, unreviewed, stale and broken sidecars, two repository
policies, a commit declaring an AI co-author), and gives the same output, document for
document, with the same stats. Ray is started once for the module and shut down after.
"""

from __future__ import annotations

import copy
import gzip
import json
import os
import pickle
import shutil
import signal
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datatrove")

import dill  # type: ignore[import-untyped]
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from provmark.pipeline.datatrove_step import ProvmarkExclusion
from support import corpus

REPOS, FILES, SHARDS = 24, 8, 4
RAY_TIMEOUT_S = 300
TESTS = Path(__file__).resolve().parents[1]
STEP = "🛡️ Provmark exclusion"
# datatrove 0.10.1 schedules its Ray actors with arguments Ray 2.60 calls deprecated.
pytestmark = pytest.mark.filterwarnings("ignore:placement_group:DeprecationWarning")


@dataclass
class Run:
    docs: dict[str, dict[str, Any]]  # id -> the document as written (text, metadata)
    stats: dict[str, int]  # the step's counters, summed over tasks
    completed: int  # tasks datatrove marked completed
    witnesses: list[dict[str, Any]]  # per task: the process that ran it, whether it met another
    logs: str  # datatrove's task logs, for failure messages


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[Any]:
    ray = pytest.importorskip("ray", reason="ray is not installed here: pip install -e '.[ray]' (CI installs it)")
    tmp = Path(tempfile.mkdtemp(prefix="pmray-"))  # short: Ray's socket paths must fit in 107 bytes
    with pytest.MonkeyPatch.context() as mp:
        # What Ray's worker processes inherit: `support` importable (the witness step),
        # temporary files (datatrove writes its task logs there) in this folder, no
        # usage report.
        mp.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(TESTS), os.environ.get("PYTHONPATH")) if p))
        mp.setenv("TMPDIR", str(tmp))
        mp.setenv("RAY_USAGE_STATS_ENABLED", "0")
        ray.init(
            num_cpus=2,
            include_dashboard=False,
            object_store_memory=80 * 2**20,
            _temp_dir=str(tmp / "ray"),
            log_to_driver=False,
            runtime_env={"worker_process_setup_hook": corpus.spawn_pools},
        )
        try:
            yield ray
        finally:
            ray.shutdown()
            shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path]:
    base = tmp_path_factory.mktemp("many-repos")
    roots = corpus.build(base, REPOS, FILES)
    n = corpus.write_shards(corpus.documents(roots, missing=base / "not-here"), base / "corpus", SHARDS)
    assert n == REPOS * FILES + len([r for r in range(REPOS) if r % 3 == 0]) + 2
    return roots, base / "corpus"


def run(executor: str, corpus_dir: Path, work: Path, tasks: int = SHARDS, meet: int = 1) -> Run:
    out, logs, seen = work / "out", work / "logs", work / "witness"
    pipeline = [
        JsonlReader(str(corpus_dir)),
        ProvmarkExclusion(mode="mask"),
        corpus.Witness(str(seen), meet=meet),
        JsonlWriter(str(out)),
    ]
    if executor == "local":
        LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=1, logging_dir=str(logs)).run()
    else:
        from datatrove.executor import RayPipelineExecutor

        # A hang must fail the test, not stall CI until its time runs out.
        def stuck(signum: int, frame: Any) -> None:
            raise TimeoutError(f"the Ray executor did not return within {RAY_TIMEOUT_S} s")

        previous = signal.signal(signal.SIGALRM, stuck)
        signal.alarm(RAY_TIMEOUT_S)
        try:
            RayPipelineExecutor(
                pipeline=pipeline, tasks=tasks, workers=2, cpus_per_task=1, mem_per_cpu_gb=0.5, logging_dir=str(logs)
            ).run()
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
    docs: dict[str, dict[str, Any]] = {}
    for p in sorted(out.glob("*.jsonl.gz")):
        with gzip.open(p, "rt", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                assert d["id"] not in docs, f"{d['id']} written twice"
                docs[d["id"]] = {"text": d.get("text", ""), "metadata": d["metadata"]}  # "" is not written
    stats: dict[str, int] = {}
    for rank in range(tasks):
        p = logs / "stats" / f"{rank:05d}.json"
        if p.exists():
            for step in json.loads(p.read_text()):
                if step["name"].endswith(STEP):
                    for k, v in step["stats"].items():
                        stats[k] = stats.get(k, 0) + (v["total"] if isinstance(v, dict) else v)
    completed = len(list((logs / "completions").glob("*"))) if (logs / "completions").is_dir() else 0
    witnesses = [json.loads(p.read_text()) for p in sorted(seen.glob("*.json"))]
    text = "\n".join(p.read_text() for p in sorted((logs / "logs").glob("*.log"))) if (logs / "logs").is_dir() else ""
    return Run(docs, stats, completed, witnesses, text)


@pytest.fixture(scope="module")
def both(ray_cluster: Any, repos: tuple[list[Path], Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Run]:
    _, corpus_dir = repos
    local = run("local", corpus_dir, tmp_path_factory.mktemp("local"))
    on_ray = run("ray", corpus_dir, tmp_path_factory.mktemp("ray"), meet=2)
    assert local.completed == SHARDS, local.logs[-3000:]
    assert on_ray.completed == SHARDS, on_ray.logs[-3000:]
    return local, on_ray


def test_ray_gives_the_local_executors_output(both: tuple[Run, Run]) -> None:
    local, on_ray = both
    assert sorted(on_ray.docs) == sorted(local.docs)
    for doc_id in sorted(local.docs):
        assert on_ray.docs[doc_id] == local.docs[doc_id], doc_id
    assert on_ray.stats == local.stats
    # The corpus exercised every way out: masked lines, stale and broken sidecars, a
    # repository that is not there, a document that names no file.
    s = local.stats
    assert s["total"] == REPOS * FILES + REPOS // 3 + 2
    assert s["masked"] > REPOS and s["dropped_stale"] >= REPOS and s["dropped_invalid"] == REPOS // 4
    assert s["dropped_unreachable_repo"] == 1 and s["dropped_unknown_file"] == 1


def test_ray_ran_the_tasks_two_at_a_time_in_worker_processes(both: tuple[Run, Run]) -> None:
    _, on_ray = both
    assert len(on_ray.witnesses) == SHARDS
    assert all(w["met"] for w in on_ray.witnesses), on_ray.witnesses  # each task saw another one running
    pids = {w["pid"] for w in on_ray.witnesses}
    assert len(pids) >= 2 and os.getpid() not in pids


def test_each_repositorys_sidecars_and_policy_were_obeyed(
    both: tuple[Run, Run], repos: tuple[list[Path], Path]
) -> None:
    _, on_ray = both
    docs = on_ray.docs
    assert not any("tagged_ai" in d["text"] for d in docs.values())
    # Unreviewed lines stay out, except where the repository's policy keeps them:
    # r001 (pyproject.toml: unreviewed = "include") and r002 (.provmark/config.toml:
    # its unreviewed lines are codex's, a first-party tool there).
    keeps = {doc_id.split("/")[0] for doc_id, d in docs.items() if "unreviewed_ai" in d["text"]}
    assert keeps == {"r001", "r002"}
    for i in range(REPOS):
        r = f"r{i:03d}"
        assert f"{r}/src/m3.py" not in docs  # its record cannot be found: stale
        assert (f"{r}/src/m7.py" in docs) == (i % 4 != 3)  # a torn sidecar drops the file
        assert docs[f"{r}/src/m0.py"]["text"] == "".join(corpus.human(i, 0))
        masked = docs[f"{r}/src/m1.py"]
        assert masked["text"] == "".join(corpus.human(i, 1))
        assert masked["metadata"]["provmark_removed_lines"] == [[corpus.HUMAN + 1, corpus.HUMAN + corpus.AI]]
    assert "gone/src/a.py" not in docs and "nameless" not in docs


def test_a_bad_policy_stops_its_tasks_on_ray_and_lets_nothing_through(ray_cluster: Any, tmp_path: Path) -> None:
    roots = corpus.build(tmp_path, 2, 4, history=False)
    (roots[1] / "pyproject.toml").write_text('[tool.provmark.pipeline]\nunreviewd = "include"\n')
    corpus.write_shards(corpus.documents(roots), tmp_path / "corpus", 2)
    result = run("ray", tmp_path / "corpus", tmp_path / "work", tasks=2)
    assert result.completed == 0  # both shards hold r001's files: both tasks stop
    assert "unreviewd" in result.logs
    assert not any(doc_id.startswith("r001/") for doc_id in result.docs)


def test_a_shipped_step_reads_each_repository_again_in_its_new_process(tmp_path: Path) -> None:
    """An executor pickles the step to send it to its workers (Ray: cloudpickle; the
    local executor's processes: dill; one process: deepcopy). What the step learned
    of a repository stays behind: a worker reads the policy itself, as it is now."""
    (root,) = corpus.build(tmp_path, 1, 3, history=False)
    text = (root / "src" / "m2.py").read_text()

    def doc() -> Any:
        return type("Doc", (), {"text": text, "metadata": {"repo_root": str(root), "path": "src/m2.py"}})()

    step = ProvmarkExclusion()
    assert "unreviewed_ai" not in next(iter(step.run([doc()]))).text
    assert step._policies and step._reachable
    (root / "pyproject.toml").write_text('[tool.provmark.pipeline]\nunreviewed = "include"\n')
    shippers: list[Any] = [lambda s: pickle.loads(pickle.dumps(s)), lambda s: dill.loads(dill.dumps(s)), copy.deepcopy]
    try:
        from ray import cloudpickle

        shippers.append(lambda s: cloudpickle.loads(cloudpickle.dumps(s)))
    except ImportError:
        pass
    for ship in shippers:
        shipped = ship(step)
        assert not shipped._policies and not shipped._reachable
        assert (shipped.root_key, shipped.path_key, shipped.mode, shipped.policy) == ("repo_root", "path", "mask", None)
        assert next(iter(shipped.run([doc()]))).text == text
    assert "unreviewed_ai" not in next(iter(step.run([doc()]))).text  # this process's cache
