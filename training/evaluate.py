"""Score labelled folders with the shipped content model and report AUROC.

    python training/evaluate.py --human DIR [DIR ...] --ai DIR [DIR ...] [--json]

Every sub-folder of a --human or --ai folder (or the folder itself, when it holds files)
is a repository; Markdown files count by their code fences. Reports AUROC of whole files
and of blocks (top-level definitions), overall and per language family.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "server"))
sys.path.insert(0, str(HERE))

from corpus import Sample, auroc, samples  # noqa: E402
from provmark.core.style import load_model  # noqa: E402


def gather(folders: list[Path], label: int) -> list[Sample]:
    out: list[Sample] = []
    for folder in folders:
        subdirs = [p for p in sorted(folder.iterdir()) if p.is_dir()]
        if subdirs and not any(p.is_file() and p.name != "SOURCE" for p in folder.iterdir()):
            for sub in subdirs:
                out += samples(sub, sub.name, label)
        else:
            out += samples(folder, folder.name, label)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--human", type=Path, nargs="+", required=True)
    parser.add_argument("--ai", type=Path, nargs="+", required=True)
    parser.add_argument("--model", type=Path, help="weights file (default: the shipped one)")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    model = load_model(args.model)
    if model is None:
        print("no usable model weights", file=sys.stderr)
        return 2

    data = gather(args.human, 0) + gather(args.ai, 1)
    scored: dict[tuple[str, str], dict[int, list[float]]] = defaultdict(lambda: {0: [], 1: []})
    for s in data:
        p = model.probability(s.text, s.family)
        if p is None:
            continue
        scored[(s.kind, s.family)][s.label].append(p)
        scored[(s.kind, "all")][s.label].append(p)

    report: dict[str, dict] = defaultdict(dict)
    for (kind, family), by_label in sorted(scored.items()):
        value = auroc(by_label[1], by_label[0])
        report[family][kind] = {
            "auroc": None if value is None else round(value, 4),
            "ai": len(by_label[1]),
            "human": len(by_label[0]),
        }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{'family':8} {'kind':6} {'AUROC':>7} {'AI':>6} {'human':>6}")
    for family, kinds in report.items():
        for kind, row in kinds.items():
            shown = "-" if row["auroc"] is None else f"{row['auroc']:.3f}"
            print(f"{family:8} {kind:6} {shown:>7} {row['ai']:>6} {row['human']:>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
