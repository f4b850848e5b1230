"""Disk benchmark: file storms, a large checkout, and the transcript index.

    python benchmarks/bench_disk.py [--files 10000] [--transcript-mb 100]

1. N files rewritten at once in place, then N by temp-file-and-rename, each gaining a
   block no other file has: every file must end up flagged (changes missed = N minus
   files flagged), how long until the server is idle again, and its peak memory.
2. A git checkout that rewrites N files: nothing may be flagged.
3. The transcript index: build time over M MB of Claude Code logs, and lookup time per
   inserted block.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from provmark.sources.transcripts import TranscriptIndex

# tests/support: the LSP client and the workloads, shared with tests/load/test_storm.py
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.lsp_client import StdioClient
from support.workloads import Storm, claude_log, claude_record, flagged, git

SERVER = [sys.executable, "-m", "provmark", "serve"]
LATENCY: list[float] = []  # how long the server took to answer a request while it worked


def mem(pid: int, key: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def settle(c: StdioClient, quiet_s: float = 2.0, limit_s: float = 600) -> float:
    """Seconds until the server has no disk work queued and published nothing for quiet_s
    (its last publish after the storm, or 0 when it published nothing)."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit_s:
        t1 = time.monotonic()
        st = c.request("provmark/status", {}, timeout=120)
        LATENCY.append(time.monotonic() - t1)
        last = c.published[-1][0] if c.published else 0.0
        if st["pending_disk_changes"] == 0 and time.monotonic() - max(last, t0) > quiet_s:
            return max(last - t0, 0.0)
        time.sleep(0.2)
    return float("inf")


def storm(n: int) -> list[str]:
    ws = Path(tempfile.mkdtemp(prefix="pm-storm-")) / "ws"
    ws.mkdir()
    files = Storm(ws, n, per_dir=500, defs=6, block_defs=5)
    files.create()  # with a branch where every file differs, for the checkout
    c = StdioClient(SERVER, cwd=str(ws))
    c.initialize(ws.as_uri())
    t0 = time.monotonic()
    while not c.request("provmark/status", {}, timeout=120)["watching"]:
        time.sleep(0.1)
    rows = [
        f"| index + watch start, {n:,} files | {time.monotonic() - t0:.1f} s | | {mem(c.proc.pid, 'VmRSS'):.0f} MB |"
    ]
    prefix = ws.as_uri()
    for how in ("in place", "by rename"):
        t1 = time.monotonic()
        files.rewrite(how[:2].strip(), by_rename=how == "by rename")
        wrote = time.monotonic() - t1
        LATENCY.clear()
        idle = settle(c)
        got = flagged(c, prefix)
        rows.append(
            f"| {n:,} files rewritten {how} (written in {wrote:.1f} s) | idle {idle:.1f} s after; requests "
            f"answered in {1000 * max(LATENCY):.0f} ms at worst | "
            f"missed {n - len(got):,} | peak {mem(c.proc.pid, 'VmHWM'):.0f} MB |"
        )
        with c._lock:
            c.diagnostics.clear()
    # restore main's content under git's name, then switch branches: git writes every file
    git(ws, "checkout", "-q", "--", ".")
    settle(c)
    with c._lock:
        c.diagnostics.clear()
    t1 = time.monotonic()
    git(ws, "checkout", "-q", "other")
    LATENCY.clear()
    idle = settle(c)
    got = flagged(c, prefix)
    rows.append(
        f"| checkout rewriting {n:,} files (git took {time.monotonic() - t1 - idle:.1f} s) | idle {idle:.1f} s "
        f"after; requests answered in {1000 * max(LATENCY):.0f} ms at worst | "
        f"flagged {len(got):,} | peak {mem(c.proc.pid, 'VmHWM'):.0f} MB |"
    )
    c.close()
    return rows


def transcripts(mb: int) -> list[str]:
    root = Path(tempfile.mkdtemp(prefix="pm-tx-"))
    ws, home = root / "ws", root / "home"
    ws.mkdir()
    log = claude_log(ws, home, "big")
    log.parent.mkdir(parents=True)
    blocks: list[str] = []
    size, k = 0, 0
    with open(log, "w") as f:
        while size < mb * 1024 * 1024:
            content = "".join(f"def gen_{k}_{j}(x):\n    return compute(x, seed={k * 31 + j})\n" for j in range(20))
            line = json.dumps(claude_record(ws, f"f{k}.py", content, session="big")) + "\n"
            f.write(line)
            size += len(line)
            if k % 97 == 0:
                blocks.append(content)
            k += 1
    idx = TranscriptIndex(ws, home)
    t0 = time.perf_counter()
    writes = idx.refresh()
    build = time.perf_counter() - t0
    times = []
    for b in blocks[:500]:
        t1 = time.perf_counter()
        m = idx.match(b.splitlines())
        times.append((time.perf_counter() - t1) * 1000)
        assert m is not None
    return [
        f"| transcript index over {mb} MB ({writes:,} writes) | built in {build:.1f} s | "
        f"lookup median {statistics.median(times):.3f} ms, max {max(times):.3f} ms | |"
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--transcript-mb", type=int, default=100)
    args = ap.parse_args()
    print("\n| what | time | result | memory |\n|---|---|---|---|", flush=True)
    for row in transcripts(args.transcript_mb) + storm(args.files):
        print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
