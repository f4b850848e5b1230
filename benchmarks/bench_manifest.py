"""`provmark manifest` over a large tree, against a plain walk of the same tree.

    python benchmarks/bench_manifest.py [--files 100000] [--sidecars 10000]

Builds a tree of small source files, tags a region in every tenth one (sidecars
written the way the editor writes them), edits a fifth of those above their region so
that relocation has work to do, then times a plain os.walk of the tree and the
manifest in the same run.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

from provmark.pipeline.commands import cmd_manifest
from provmark.sources import sidecar


def build(root: Path, files: int, sidecars: int) -> None:
    every = max(1, files // sidecars)
    for i in range(files):
        d = root / f"pkg{i // 1000}"
        if i % 1000 == 0:
            d.mkdir(parents=True, exist_ok=True)
        lines = [f"def f_{i}_{k}(x):\n    return g(x, {k})\n" for k in range(10)]
        (d / f"m{i}.py").write_text("".join(lines))
        if i % every == 0:
            region = "".join(lines[3:7]).splitlines()
            sidecar.update(
                root, f"pkg{i // 1000}/m{i}.py", add=[sidecar.make_record(region, 7, {"kind": "ai"}, "exclude")]
            )
            if i % (every * 5) == 0:
                (d / f"m{i}.py").write_text("import os\n" + "".join(lines))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--sidecars", type=int, default=10_000)
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="pm-manifest-"))
    t0 = time.perf_counter()
    build(root, args.files, args.sidecars)
    print(
        f"built {args.files:,} files, {args.sidecars:,} sidecars in {time.perf_counter() - t0:.0f} s", file=sys.stderr
    )
    t0 = time.perf_counter()
    n = sum(len(f) for _, _, f in os.walk(root))
    walk = time.perf_counter() - t0
    out = io.StringIO()
    t0 = time.perf_counter()
    cmd_manifest(root, out)
    man = time.perf_counter() - t0
    entries = out.getvalue().count("\n")
    print("| what | seconds | files/s |\n|---|---|---|")
    print(f"| plain walk of {n:,} files | {walk:.2f} | {n / walk:,.0f} |")
    print(f"| manifest: {args.files:,} files, {entries:,} with sidecars | {man:.2f} | {args.files / man:,.0f} |")
    print(f"\nmanifest / walk time: {man / walk:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
