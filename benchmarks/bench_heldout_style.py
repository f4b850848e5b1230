"""The shipped content model on code it never saw: AI-written folders by style, and
hand-written trees, scanned as `provmark scan --no-git` scans a workspace.

    python benchmarks/bench_heldout_style.py [--ai benchmarks/heldout/style] [--human DIR ...] [--json FILE]

`--ai` holds one folder per small project, each with a STYLE file naming how its code
was written (terse, tests, assistant, agent, chat: as in training/README.md), written
for this benchmark after the model was trained and never read by training/train.py.
Markdown chat answers are read fence by fence: each fence becomes a file of its
language, as it would be once pasted into one. `--human` names hand-written trees
(releases the training corpus does not hold, fetched by hand: see the README).

Per AI style: files, files long enough to judge (150 tokens), files warned (a Warning,
the scan's default settings, no git history, no AI tools' logs) among all and among
those judged. Per hand-written tree: files and files warned. With both, the file AUROC
of the whole-file probability (`style_p`), AI against hand-written.

Held-out cross-validation (training/train.py) holds out whole folders, but AI folders
written in the same session share their author's habits across folds; code written
later by other helpers, in styles of their own, is the fairer test of what the model
learnt.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provmark.batch.scan import Report, scan
from provmark.core.families import family_for
from provmark.core.style import default_model
from provmark.settings import Settings

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "training"))

from corpus import FENCE, FENCE_LANG  # noqa: E402  (fences read as training reads them)

NOT_SAMPLES = {"STYLE", "NOTE", "SOURCE", "README.md"}


def style_of(folder: Path) -> str:
    try:
        return (folder / "STYLE").read_text(encoding="utf-8").strip() or "assistant"
    except OSError:
        return "assistant"


def materialise(ai_root: Path, out: Path) -> dict[str, str]:
    """Copies every AI sample under `out/<folder>/...` (fences as files of their own) and
    returns each copied path's style."""
    styles: dict[str, str] = {}
    for folder in sorted(p for p in ai_root.iterdir() if p.is_dir()):
        style = style_of(folder)
        for f in sorted(folder.rglob("*")):
            if not f.is_file() or f.name in NOT_SAMPLES:
                continue
            rel = f.relative_to(folder)
            if f.suffix == ".md":
                text = f.read_text(encoding="utf-8", errors="replace")
                for i, m in enumerate(FENCE.finditer(text)):
                    ext = FENCE_LANG.get(m.group(1).lower())
                    if ext:
                        dest = out / folder.name / f"{rel.with_suffix('')}_{i}{ext}"
                        dest.parent.mkdir(parents=True, exist_ok=True)
                        dest.write_text(m.group(2), encoding="utf-8")
                        styles[dest.relative_to(out).as_posix()] = style
            elif family_for(f.name) != "other":
                dest = out / folder.name / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(f.read_bytes())
                styles[dest.relative_to(out).as_posix()] = style
    return styles


def scanned(root: Path) -> Report:
    s = Settings()
    return scan(root, warn=s.warn_threshold, report=s.report_threshold, use_cache=False, git=False)


@dataclass(frozen=True)
class Scored:
    group: str  # the AI style, or the hand-written tree's name
    family: str
    warned: bool  # a Warning on the file
    p: float | None  # the whole file's style probability (None: too short to judge)


def scored(report: Report, group_of: Callable[[str], str | None]) -> list[Scored]:
    out = []
    for f in report.files:
        group = group_of(f.path)
        if group is not None:
            out.append(Scored(group, f.family, any(x.severity == "warning" for x in f.findings), f.p))
    return out


def auroc(pos: list[float], neg: list[float]) -> float | None:
    """The probability that an AI file scores above a hand-written one (ties half)."""
    if not pos or not neg:
        return None
    ranked = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # ranks i+1..j share their mean
        rank_sum += mid * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def share(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.0%})" if b else "-"


def score_ai(ai_root: Path) -> list[Scored]:
    with tempfile.TemporaryDirectory(prefix="pm-heldout-") as tmp:
        styles = materialise(ai_root, Path(tmp))
        return scored(scanned(Path(tmp)), styles.get)


def score_human(trees: list[Path]) -> list[Scored]:
    def named(tree: Path) -> Callable[[str], str]:
        return lambda _rel: tree.name  # every file of the tree

    return [s for tree in trees for s in scored(scanned(tree), named(tree))]


def tally(rows: list[Scored]) -> dict[str, int]:
    judged = [r for r in rows if r.p is not None]
    return {
        "files": len(rows),
        "judged": len(judged),
        "warned": sum(r.warned for r in rows),
        "judged_warned": sum(r.warned for r in judged),
    }


def figures(ai: list[Scored], human: list[Scored]) -> dict[str, dict[str, dict[str, Any]]]:
    """Per AI style, per hand-written tree and per family (with its file AUROC), and "all"."""

    def by(rows: list[Scored], key: Callable[[Scored], str]) -> dict[str, dict[str, Any]]:
        groups: dict[str, list[Scored]] = defaultdict(list)
        for r in rows:
            groups[key(r)].append(r)
        out = {k: tally(v) for k, v in sorted(groups.items())}
        if rows:
            out["all"] = tally(rows)
        return out

    families: dict[str, dict[str, Any]] = {}
    for fam in [*sorted({r.family for r in ai + human}), "all"]:
        a = [r for r in ai if fam in ("all", r.family)]
        h = [r for r in human if fam in ("all", r.family)]
        families[fam] = {
            "ai": tally(a),
            "human": tally(h),
            "file_auroc": auroc([r.p for r in a if r.p is not None], [r.p for r in h if r.p is not None]),
        }
    return {"ai": by(ai, lambda r: r.group), "human": by(human, lambda r: r.group), "families": families}


def show(ai_root: Path, fig: dict[str, dict[str, dict[str, Any]]]) -> None:
    print(f"AI code never trained on ({ai_root}):")
    print(f"{'style':<10} {'files':>6} {'judged':>7}  {'warned (all)':>16}  {'warned (judged)':>16}")
    for style, r in fig["ai"].items():
        print(
            f"{style:<10} {r['files']:>6} {r['judged']:>7}  {share(r['warned'], r['files']):>16}"
            f"  {share(r['judged_warned'], r['judged']):>16}"
        )
    if fig["human"]:
        print("\nhand-written trees:")
        for name, h in fig["human"].items():
            print(f"{name:<24} files {h['files']:>5}  judged {h['judged']:>5}  warned {share(h['warned'], h['files'])}")
    print("\nper family: AI files warned (judged), hand-written files warned, file AUROC (style_p)")
    for fam, row in fig["families"].items():
        auc = "-" if row["file_auroc"] is None else f"{row['file_auroc']:.3f}"
        a, h = row["ai"], row["human"]
        print(
            f"{fam:<8} AI {share(a['judged_warned'], a['judged']):>16}   "
            f"hand-written {share(h['warned'], h['files']):>16}   AUROC {auc}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--ai", type=Path, default=HERE / "heldout" / "style")
    parser.add_argument("--human", type=Path, nargs="*", default=[], help="hand-written trees the model never saw")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if default_model() is None:
        print("no content model: install the package with its data", file=sys.stderr)
        return 2
    for tree in (args.ai, *args.human):
        if not tree.is_dir():
            print(f"no such folder: {tree}", file=sys.stderr)
            return 2
    fig = figures(score_ai(args.ai), score_human(args.human))
    show(args.ai, fig)
    if args.json:
        args.json.write_text(json.dumps(fig, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
