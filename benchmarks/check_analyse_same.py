"""Check that the scan's content analysis gives the same output as a saved run: every
file of the installed standard library and of the AI corpora, `analyse(...).to_json()`
compared whole (blocks, probabilities, explanations).

    python benchmarks/check_analyse_same.py --save /tmp/analyse-before.json   # before a change
    python benchmarks/check_analyse_same.py --compare /tmp/analyse-before.json  # after it

--also DIR adds every file of another tree (hand-written code of other languages, say)
to both runs.

Exits 1 on any difference, listing the first few files that differ. ANALYSE_SERVER (a
folder holding another copy of the `provmark` package, such as an older commit's
`server` from git archive) runs that copy instead: both runs over the same files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("ANALYSE_SERVER") or str(ROOT / "server"))

from provmark.batch.scan import analyse  # noqa: E402
from provmark.core.families import family_for  # noqa: E402

CORPORA = (ROOT / "training" / "ai", ROOT / "benchmarks" / "heldout" / "ai")


def files(also: list[Path]) -> list[Path]:
    """Every .py file of the standard library (site-packages and caches left out) and
    every file of the corpora and of the trees in `also` (their family read off the
    extension, "other" if none)."""
    out: list[Path] = []
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for d, dirs, names in os.walk(stdlib):
        dirs[:] = sorted(x for x in dirs if x not in {"site-packages", "__pycache__"})
        out += [Path(d, n) for n in sorted(names) if n.endswith(".py")]
    for corpus in (*CORPORA, *also):
        out += sorted(p for p in corpus.rglob("*") if p.is_file() and ".git" not in p.parts)
    return out


def one(path: Path) -> tuple[str, list[object]]:
    """The file's sha256 (a file changed between the two runs is not compared) and analysis."""
    data = path.read_bytes()
    result = analyse(data.decode("utf-8", errors="replace"), family_for(str(path))).to_json()
    return str(path), [hashlib.sha256(data).hexdigest(), result]


def main() -> int:
    parser = argparse.ArgumentParser()
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--compare", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--also", type=Path, action="append", default=[], help="another tree to analyse (repeatable)")
    args = parser.parse_args()
    paths = files(args.also)
    t0 = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
        # through JSON, as the scan's cache keeps it (tuples become lists)
        results = {k: json.loads(json.dumps(v)) for k, v in pool.imap(one, paths, chunksize=8)}
    print(f"{len(results)} files analysed in {time.perf_counter() - t0:.1f} s")
    if args.save:
        args.save.write_text(json.dumps(results))
        return 0
    before = json.loads(args.compare.read_text())
    same = [k for k in results if k in before and before[k][0] == results[k][0]]
    differ = [k for k in same if before[k][1] != results[k][1]]
    for k in differ[:10]:
        print("DIFFERS:", k)
    print(
        f"{len(same)} files compared, {len(differ)} differ "
        f"({len(set(before) | set(results)) - len(same)} left out: in one run only, or changed between the runs)"
    )
    return 1 if differ or len(same) < len(before) / 2 else 0


if __name__ == "__main__":
    sys.exit(main())
