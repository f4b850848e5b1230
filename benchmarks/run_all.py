"""Every benchmark behind the README's performance figures, in one run.

    python benchmarks/run_all.py [--scale full|ci] [--out report.md]

Each benchmark runs as its own process, one after the other, so that the ratios inside
each (Provmark against a stock pygls server, the scan against reading and hashing the
same tree, the manifest against a plain walk) are measured side by side on the same
noisy machine. The report gives every figure with the command that reproduces it.
`--scale ci` runs the same code on small inputs (a few minutes in all); `full` is what
the README shows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

SUITES: dict[str, list[tuple[str, list[str]]]] = {
    "full": [
        ("per-keystroke cost, paste to diagnostic, memory (against stock pygls)", ["bench_server.py"]),
        ("disk storms, write to diagnostic, transcript index", ["bench_disk.py"]),
        ("every transcript reader: indexing 100 MB of mixed logs, memory, lookups", ["bench_transcripts.py"]),
        ("workspace scan against read+hash and ripgrep, cache, typing during a scan", ["bench_scan.py"]),
        ("manifest files/s against a plain walk", ["bench_manifest.py"]),
        ("provmark report over 100,000 files: time, page size, against scan and manifest", ["bench_report.py"]),
        ("the datatrove step: files/s, local executor and Ray with 1 and 2 workers", ["bench_distributed.py"]),
        ("load: 200 pastes a second, a 5 MB paste, typing in a 50,000-line file", ["bench_load.py"]),
        ("the leak: AI lines reaching the training output, hand-written lines left out", ["bench_leak.py"]),
    ],
    "ci": [
        (
            "per-keystroke cost, paste to diagnostic, memory (against stock pygls)",
            ["bench_server.py", "--lines", "2000", "--keys", "500", "--pastes", "8", "--edits", "3000"],
        ),
        (
            "disk storms, write to diagnostic, transcript index",
            ["bench_disk.py", "--files", "300", "--transcript-mb", "2"],
        ),
        (
            "every transcript reader: indexing 100 MB of mixed logs, memory, lookups",
            ["bench_transcripts.py", "--mb", "4", "--lookups", "100"],
        ),
        (
            "workspace scan against read+hash and ripgrep, cache, typing during a scan",
            ["bench_scan.py", "--copies", "1"],
        ),
        ("manifest files/s against a plain walk", ["bench_manifest.py", "--files", "3000", "--sidecars", "300"]),
        (
            "provmark report over 100,000 files: time, page size, against scan and manifest",
            ["bench_report.py", "--files", "2000"],
        ),
        (
            "the datatrove step: files/s, local executor and Ray with 1 and 2 workers",
            ["bench_distributed.py", "--repos", "10", "--files", "40", "--tasks", "4"],
        ),
        (
            "load: 200 pastes a second, a 5 MB paste, typing in a 50,000-line file",
            ["bench_load.py", "--pastes", "200", "--paste-mb", "1", "--lines", "10000", "--keys", "60"],
        ),
        (
            "the leak: AI lines reaching the training output, hand-written lines left out",
            ["bench_leak.py", "--generated", "2"],
        ),
    ],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SUITES), default="full")
    parser.add_argument("--out", type=Path, help="also write the report here")
    args = parser.parse_args()
    when = f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC"
    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    lines = [f"# Provmark benchmarks ({args.scale} scale)", "", f"{when}, {machine}", ""]
    failed = 0
    for title, argv in SUITES[args.scale]:
        cmd = [sys.executable, str(HERE / argv[0]), *argv[1:]]
        shown = "python benchmarks/" + " ".join(argv)
        print(f"running: {shown}", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        took = time.perf_counter() - t0
        lines += [f"## {title}", "", f"`{shown}` ({took:.0f} s)", ""]
        if done.returncode != 0:
            failed += 1
            lines += ["FAILED:", "", "```", done.stderr.strip()[-3000:], "```", ""]
        else:
            lines += [done.stdout.strip(), ""]
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
