"""Does a file's departure from its own repository's habits say more than its score alone?
(issue 13, item 3: repository-relative evidence)

    python training/train.py --held-out-scores /tmp/held.jsonl
    python training/repo_relative.py /tmp/held.jsonl

The AI `agent` folders of training/ai/ add features to hand-written releases of the
corpus, in those releases' own style (their NOTE names the release). A repository-
relative score is a file's held-out log-odds minus the median of the release's other
files. Positives: the agent folders' files, measured against the release they imitate;
negatives: the releases' own files, each against the others (leave one out). It prints
the AUROC of the absolute score, of the relative one and of mixes of the two.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

from corpus import auroc

HERE = Path(__file__).resolve().parent


def imitated(human_repos: set[str]) -> dict[str, str]:
    """Agent folder -> the hand-written release its NOTE names first."""
    out = {}
    for folder in sorted((HERE / "ai").iterdir()):
        note = folder / "NOTE"
        if folder.is_dir() and note.is_file():
            text = note.read_text(encoding="utf-8").lower()
            found = [(m.start(), h) for h in human_repos if (m := re.search(rf"\b{re.escape(h.lower())}\b", text))]
            if found:
                out[f"ai/{folder.name}"] = min(found)[1]
    return out


def main() -> int:
    rows = [json.loads(line) for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()]
    by_repo: dict[str, list[float]] = {}
    for r in rows:
        by_repo.setdefault(r["repo"], []).append(r["z"])
    pairs = {a: h for a, h in imitated({r["repo"] for r in rows if r["label"] == 0}).items() if a in by_repo}
    releases = {h for h in pairs.values() if len(by_repo.get(h, [])) >= 4}
    pos = [(z, z - statistics.median(by_repo[h])) for a, h in pairs.items() if h in releases for z in by_repo[a]]
    neg = []
    for h in releases:
        zs = by_repo[h]
        for k, z in enumerate(zs):
            neg.append((z, z - statistics.median(zs[:k] + zs[k + 1 :])))
    print(f"{len(pairs)} agent folders, {len(releases)} releases: {len(pos)} AI files, {len(neg)} hand-written")
    for mix in (0.0, 0.25, 0.5, 0.75, 1.0):
        score = auroc([a - mix * (a - r) for a, r in pos], [a - mix * (a - r) for a, r in neg])
        print(f"relative share {mix:.2f}: AUROC {score:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
