"""Workspace scan throughput, against reading and hashing the same tree and against
ripgrep counting a pattern over it, all in one run; peak memory; the cached second scan.

    python benchmarks/bench_scan.py [--copies 10] [--jobs N]

The tree is the Python standard library installed on this machine (its .py files,
without site-packages), copied --copies times. The scan runs as `provmark scan` in a
child process with a fresh cache, then again over the unchanged tree.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # tests/support: the LSP client

from provmark.batch.compiled import compiled_modules
from support.lsp_client import StdioClient

SKIP = {"site-packages", "__pycache__", "idlelib", "turtledemo"}


def build_tree(dest: Path, copies: int) -> tuple[int, int]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = bytes_ = 0
    for i in range(copies):
        for dirpath, dirnames, filenames in os.walk(stdlib):
            dirnames[:] = [d for d in dirnames if d not in SKIP]
            rel = Path(dirpath).relative_to(stdlib)
            for name in filenames:
                if not name.endswith(".py"):
                    continue
                target = dest / f"copy{i}" / rel / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(dirpath) / name, target)
                files += 1
                bytes_ += target.stat().st_size
    return files, bytes_


def read_and_hash(root: Path) -> float:
    t0 = time.perf_counter()
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            hashlib.sha256(Path(dirpath, name).read_bytes()).hexdigest()
    return time.perf_counter() - t0


def ripgrep(root: Path) -> float | None:
    rg = shutil.which("rg")
    if rg is None:
        return None
    t0 = time.perf_counter()
    subprocess.run([rg, "-c", "--no-messages", r"def \w+\(", str(root)], capture_output=True, check=False)
    return time.perf_counter() - t0


def run_scan(root: Path, cache: Path, jobs: int | None) -> tuple[float, dict]:
    cmd = [str(Path(sys.executable).parent / "provmark"), "scan", str(root), "--format", "json", "--progress", "never"]
    cmd += ["--cache", str(cache), "--no-git", "--no-transcripts"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    # As installed, Python keeps its bytecode: with PYTHONDONTWRITEBYTECODE (set on some
    # machines) every run would compile the modules changed since, and the short cached
    # scan would time that.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - t0
    if done.returncode not in (0, 1):
        raise SystemExit(f"provmark scan failed: {done.stderr[-2000:]}")
    return elapsed, json.loads(done.stdout)


def scan_over_lsp(root: Path, seconds_cap: float = 900.0) -> dict[str, float]:
    """scanWorkspace over LSP while a client types 20 keys a second into an open file and
    asks provmark/status: how long the scan takes and how long the typing waits."""
    import threading

    # The console script: `python -m` would put the tree (cwd) first on sys.path.
    server = [str(Path(sys.executable).parent / "provmark"), "serve"]
    doc = root / "typed_here.py"
    doc.write_text("def typed_here():\n    pass\n")
    c = StdioClient(server, cwd=str(root), env={**os.environ, "HOME": str(root.parent)})
    c.initialize(root.as_uri())
    uri = doc.as_uri()
    c.open(uri, doc.read_text())
    done: dict[str, float] = {}

    def run() -> None:
        t0 = time.perf_counter()
        c.request(
            "workspace/executeCommand", {"command": "provmark.scanWorkspace", "arguments": []}, timeout=seconds_cap
        )
        done["scan_s"] = time.perf_counter() - t0

    worker = threading.Thread(target=run)
    worker.start()
    waits: list[float] = []
    version, col = 1, 0
    while worker.is_alive():
        version += 1
        c.insert(uri, version, 1, col, "x")
        col += 1
        t0 = time.perf_counter()
        c.request("provmark/status", {})
        waits.append(time.perf_counter() - t0)
        time.sleep(0.05)
    worker.join()
    c.close()
    waits.sort()
    return {
        "lsp_scan_s": round(done.get("scan_s", float("nan")), 2),
        "typing_requests": len(waits),
        "typing_wait_p50_ms": round(1000 * waits[len(waits) // 2], 1),
        "typing_wait_p99_ms": round(1000 * waits[min(len(waits) - 1, int(len(waits) * 0.99))], 1),
        "typing_wait_max_ms": round(1000 * waits[-1], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--jobs", type=int, help="worker processes (default: one per core)")
    parser.add_argument("--no-lsp", action="store_true", help="skip the scan over LSP while typing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pm-scan-bench-") as tmp:
        root, cache = Path(tmp, "tree"), Path(tmp, "cache.json")
        files, size = build_tree(root, args.copies)
        mb = size / 1e6
        read_s = read_and_hash(root)
        rg_s = ripgrep(root)
        first_s, first = run_scan(root, cache, args.jobs)
        second_s, second = run_scan(root, cache, args.jobs)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        # Over LSP, with its own (empty) cache under the temporary HOME: a first scan.
        lsp = {} if args.no_lsp else scan_over_lsp(root)
    totals = first["totals"]
    out = {
        "tree": f"{files} files, {mb:.1f} MB (stdlib .py x{args.copies})",
        "cores": os.cpu_count(),
        # pure Python, or the core compiled by scripts/compile.sh (which the scan's workers import)
        "build": "compiled" if compiled_modules() else "pure",
        "scan_s": round(first_s, 2),
        "scan_mb_s": round(mb / first_s, 2),
        "read_hash_s": round(read_s, 2),
        "read_hash_mb_s": round(mb / read_s, 1),
        "scan_vs_read_hash": round(first_s / read_s, 1),
        "ripgrep_s": None if rg_s is None else round(rg_s, 2),
        "scan_vs_ripgrep": None if rg_s is None else round(first_s / rg_s, 1),
        "cached_scan_s": round(second_s, 2),
        "cached_fraction_of_first": round(second_s / first_s, 3),
        "cached_files": second["cached_files"],
        "peak_rss_mb_largest_process": round(peak_mb, 1),
        "blocks": totals["blocks"],
        "blocks_flagged": totals["flagged"],
        "blocks_unclear": totals["unclear"],
        "files_scanned": totals["files"],
        **lsp,
    }
    print(json.dumps(out, indent=2))
    if rg_s is None:
        print("ripgrep not found (apt-get install ripgrep): that ratio is left out", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
