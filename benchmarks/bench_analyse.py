"""The scan's content analysis on one core: MB/s of `analyse` (segmenting, the style
features, the n-grams, the models) over the Python standard library's .py files.

    python benchmarks/bench_analyse.py [--files 400] [--repeat 3]

CPU time of this process, the best of --repeat passes (the caches warm after the first),
so a machine shared with other work moves it less than the wall clock. Says whether the
core ran compiled (scripts/compile.sh) or as pure Python. ANALYSE_SERVER (a folder
holding another copy of the `provmark` package, compiled or not) times that copy.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("ANALYSE_SERVER") or str(ROOT / "server"))

from provmark.batch.scan import analyse  # noqa: E402
from provmark.core import style  # noqa: E402
from provmark.core.families import family_for  # noqa: E402


def stdlib_files(limit: int) -> list[Path]:
    """The first `limit` .py files of the standard library, in order (no tests, no IDLE)."""
    out: list[Path] = []
    for d, dirs, names in os.walk(sysconfig.get_paths()["stdlib"]):
        dirs[:] = [x for x in dirs if x not in {"site-packages", "__pycache__", "idlelib", "turtledemo", "test"}]
        out += [Path(d, n) for n in names if n.endswith(".py")]
    return sorted(out)[:limit]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [(p.read_text(errors="replace"), family_for(str(p))) for p in stdlib_files(args.files)]
    mb = sum(len(t.encode()) for t, _ in texts) / 1e6
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.process_time()
        for text, family in texts:
            analyse(text, family)
        best = min(best, time.process_time() - t0)
    out = {
        "files": len(texts),
        "mb": round(mb, 2),
        "build": "compiled" if not str(style.__file__).endswith(".py") else "pure",
        "cpu_s": round(best, 2),
        "mb_s": round(mb / best, 2),
    }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
