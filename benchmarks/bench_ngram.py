"""Token n-gram throughput (core/ngram.py): MB/s of tokens(), score() and by_line().

    python benchmarks/bench_ngram.py [--mb 20] [--ref path/to/old_ngram.py] [--repeat 1]

The texts are the Python standard library's .py files and the Rust, Go and JavaScript
files of the training corpus (~/.cache/provmark-train/human), at most --mb MB in all.
With --ref, another copy of the module is timed in the same run, alternating with the
current one (the machine is shared: only numbers from one run compare), and every
output is checked to be identical.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
import sysconfig
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "server"))

from provmark.core import ngram  # noqa: E402

SKIP = {"site-packages", "__pycache__", "idlelib", "turtledemo", "test"}
CORPUS = Path.home() / ".cache/provmark-train/human"
FAMILY = {".py": "python", ".rs": "rust", ".go": "go", ".js": "js", ".ts": "js"}


def collect(cap: int) -> list[tuple[str, str]]:
    """(text, family) pairs: half the budget stdlib Python, the rest Rust, Go and JS."""
    share = {"python": cap // 2, "rust": cap // 6, "go": cap // 6, "js": cap // 6}
    paths: list[Path] = []
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for dirpath, dirnames, filenames in os.walk(stdlib):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP)
        paths += [Path(dirpath, n) for n in sorted(filenames) if n.endswith(".py")]
    if CORPUS.is_dir():
        paths += sorted(p for p in CORPUS.rglob("*") if p.suffix in (".rs", ".go", ".js", ".ts") and p.is_file())
    out: list[tuple[str, str]] = []
    for p in paths:
        family = FAMILY[p.suffix]
        size = p.stat().st_size
        if size > share[family] or size > 1 << 20:
            continue
        try:
            out.append((p.read_text(encoding="utf-8"), family))
        except (UnicodeDecodeError, OSError):
            continue
        share[family] -= size
    return out


def model_for(module: ModuleType) -> ngram.NgramModel:
    """The shipped table if it loads, else the shipped vocabulary with a random table (the
    speed does not depend on the weights)."""
    data = json.loads((ROOT / "server/provmark/data/style-model.json").read_text(encoding="utf-8"))["ngram"]
    try:
        return module.load(data)
    except ValueError:
        rng = random.Random(13)
        table = bytes(rng.randrange(1, 256) for _ in range(module.BUCKETS))
        return module.NgramModel(frozenset(data["vocabulary"]), table, 3 / 127)


def timed(fn: Callable[[str, str], object], texts: list[tuple[str, str]]) -> tuple[float, list[object]]:
    t0 = time.perf_counter()
    out = [fn(text, family) for text, family in texts]
    return time.perf_counter() - t0, out


def load_module(path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location("ngram_ref", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["ngram_ref"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--ref", help="an older ngram.py to time (and check) in the same run")
    ap.add_argument("--repeat", type=int, default=1, help="passes; the best is kept")
    args = ap.parse_args()
    texts = collect(int(args.mb * 1e6))
    mb = sum(len(t.encode("utf-8")) for t, _ in texts) / 1e6
    fams = sorted({f for _, f in texts})
    print(f"{len(texts)} files, {mb:.1f} MB ({', '.join(fams)})")
    modules = {"current": ngram}
    if args.ref:
        modules = {"ref": load_module(args.ref), "current": ngram}
    models = {name: model_for(m) for name, m in modules.items()}
    best: dict[tuple[str, str], float] = {}
    results: dict[tuple[str, str], list[object]] = {}
    for _ in range(args.repeat):
        for what in ("tokens", "score", "by_line"):
            for name, module in modules.items():  # alternate, so both see the same load
                fn = module.tokens if what == "tokens" else getattr(models[name], what)
                secs, out = timed(fn, texts)
                best[name, what] = min(secs, best.get((name, what), secs))
                results[name, what] = out
    for what in ("tokens", "score", "by_line"):
        row = "  ".join(f"{name} {mb / best[name, what]:6.2f} MB/s" for name in modules)
        if args.ref:
            row += f"  x{best['ref', what] / best['current', what]:.2f}"
            row += "  identical" if results["ref", what] == results["current", what] else "  DIFFERENT"
        print(f"{what:8} {row}")


if __name__ == "__main__":
    main()
