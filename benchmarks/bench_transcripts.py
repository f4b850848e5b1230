"""Transcript index benchmark: every registered reader, on mixed logs.

    python benchmarks/bench_transcripts.py [--mb 100] [--lookups 500]

Writes about `--mb` MB of session logs in a temporary HOME and workspace, shared evenly
by every reader in `provmark.sources.transcripts.READERS` that has a `fixture` writer
(so readers added later are measured too), each in its tool's own format: sessions of
20 writes of 20-40 lines of varied code. Codex's older half is then compressed as Codex
does with cold sessions (.jsonl.zst). Then:

1. each reader alone: the time to index its logs (the first refresh) and its writes;
2. all readers together: the time to index, the memory the index holds (tracemalloc,
   after the read), a refresh with nothing new (what each look for a late log costs), a
   full garbage collection with the index in memory (a pause of every thread), and the
   cost of a lookup: a block some tool wrote (median, max) and one no tool
   wrote (median).
"""

from __future__ import annotations

import argparse
import gc
import random
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from provmark.sources.transcripts import READERS, Reader, TranscriptIndex

WRITES_PER_SESSION = 20
NAMES = "order invoice cart user account payment report session token cache queue job event record".split()
VERBS = "load save parse render validate compute merge fetch build resolve apply collect".split()


def code_block(rng: random.Random, k: int) -> str:
    """20-40 lines of plausible code no other block has (so hashes are varied)."""
    lines = []
    for j in range(rng.randint(5, 10)):
        name, verb = rng.choice(NAMES), rng.choice(VERBS)
        lines += [
            f"def {verb}_{name}_{k}_{j}({name}: dict, limit: int = {rng.randint(1, 500)}) -> list:",
            f"    items = [{verb}_item(x, scale={rng.random():.4f}) for x in {name}.get('items', [])]",
            f"    return sorted(items, key=lambda x: x.get('{rng.choice(NAMES)}_{k}'))[:limit]",
            "",
        ]
    return "\n".join(lines) + "\n"


def readers() -> list[Reader]:
    return [r for r in READERS if type(r).fixture is not Reader.fixture]


def generate(home: Path, ws: Path, mb: float, seed: int = 7) -> tuple[dict[str, int], list[str]]:
    """Sessions for every reader until each has its share of `mb`; returns bytes per
    tool and a sample of the blocks written."""
    rng = random.Random(seed)
    share = mb * 1024 * 1024 / len(readers())
    sizes: dict[str, int] = {}
    sample: list[str] = []
    k = 0
    for reader in readers():
        written: set[Path] = set()
        size, n = 0, 0
        while size < share:
            writes = []
            for _ in range(WRITES_PER_SESSION):
                block = code_block(rng, k)
                writes.append((ws / f"src/m{k}.py", block))
                if k % 53 == 0:
                    sample.append(block)
                k += 1
            files = reader.fixture(home, ws, f"{reader.tool}-{n:05d}-bench", writes)
            written.update(files)
            size = sum(p.stat().st_size for p in written)
            n += 1
        sizes[reader.tool] = size
    compress_cold_codex(home)
    return sizes, sample


def compress_cold_codex(home: Path) -> None:
    """Half the Codex sessions compressed, as Codex does with cold ones."""
    try:
        import zstandard
    except ImportError:
        return
    files = sorted((home / ".codex" / "sessions").rglob("rollout-*.jsonl"))
    for p in files[: len(files) // 2]:
        p.with_name(p.name + ".zst").write_bytes(zstandard.ZstdCompressor(level=3).compress(p.read_bytes()))
        p.unlink()


def index(ws: Path, home: Path, only: list[Reader] | None = None) -> tuple[TranscriptIndex, float, int]:
    idx = TranscriptIndex(ws, home, readers=only)
    t0 = time.perf_counter()
    n = idx.refresh()
    return idx, time.perf_counter() - t0, n


def lookups(idx: TranscriptIndex, sample: list[str], rng: random.Random) -> tuple[list[float], list[float]]:
    hits, misses = [], []
    for block in sample:
        lines = block.splitlines()
        a = rng.randrange(0, max(1, len(lines) - 8))
        part = lines[a : a + 8]  # an edit's worth of a write
        t0 = time.perf_counter()
        m = idx.match(part)
        hits.append((time.perf_counter() - t0) * 1000)
        assert m is not None, "a block the logs hold was not found"
        other = code_block(rng, 10**9 + len(misses)).splitlines()[:8]  # never written
        t0 = time.perf_counter()
        assert idx.match(other) is None
        misses.append((time.perf_counter() - t0) * 1000)
    return hits, misses


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--lookups", type=int, default=500)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pm-bench-tx-"))
    try:
        ws, home = (tmp / "ws").resolve(), tmp / "home"
        (ws / "src").mkdir(parents=True)
        t0 = time.perf_counter()
        sizes, sample = generate(home, ws, args.mb)
        print(f"generated {sum(sizes.values()) / 2**20:.0f} MB of logs in {time.perf_counter() - t0:.0f} s\n")
        print("| reader | logs | writes | indexed in | MB/s |\n|---|---|---|---|---|")
        for reader in readers():
            _, took, n = index(ws, home, [reader])
            mb = sizes[reader.tool] / 2**20
            print(f"| {reader.tool} | {mb:.1f} MB | {n:,} | {took:.2f} s | {mb / took:.1f} |", flush=True)
        idx, took, n = index(ws, home)
        del idx
        gc.collect()
        tracemalloc.start()  # a second build, measured for memory only (tracing slows it)
        idx, _, _ = index(ws, home)
        held = tracemalloc.get_traced_memory()[0] / 2**20
        tracemalloc.stop()
        t1 = time.perf_counter()
        again = idx.refresh()
        quiet = (time.perf_counter() - t1) * 1000
        t1 = time.perf_counter()
        gc.collect()  # a full collection pauses every thread, the editor's event loop too
        pause = (time.perf_counter() - t1) * 1000
        hits, misses = lookups(idx, sample[: args.lookups], random.Random(3))
        total = sum(sizes.values()) / 2**20
        print(
            f"| all {len(readers())} readers | {total:.0f} MB | {n:,} | {took:.2f} s | {total / took:.1f} |\n\n"
            "| what | figure |\n|---|---|\n"
            f"| index of {n:,} writes held in memory | {held:.0f} MB |\n"
            f"| refresh with nothing new (each look for a late log) | {quiet:.0f} ms ({again} writes) |\n"
            f"| a full garbage collection with the index in memory | {pause:.0f} ms |\n"
            f"| lookup of an 8-line block a tool wrote ({len(hits)}) | median {statistics.median(hits):.3f} ms, "
            f"max {max(hits):.2f} ms |\n"
            f"| lookup of a block no tool wrote | median {statistics.median(misses):.3f} ms, "
            f"max {max(misses):.2f} ms |"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
