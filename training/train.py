"""Train the content model and report how well it does on repositories it never saw.

    python training/fetch_human.py        # once: hand-written releases from before 2021
    python training/train.py              # features, held-out report, weights

Hand-written code: the releases listed in human.json. AI-written code: training/ai/
(projects written for this corpus by an AI assistant, as assistants and agents write
them) and this repository's own source, which an AI agent wrote. For every language
family one logistic model is fitted, plus one over all families for languages without
hand-written training code. Evaluation holds out whole repositories (grouped folds), so
no file of a test repository was seen in training. Deterministic: same corpus, same
weights. Needs numpy (pip install -e '.[train]').
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "server"))
sys.path.insert(0, str(HERE))

from corpus import Sample, auroc, samples  # noqa: E402
from provmark.core.style import FEATURES, features  # noqa: E402

OWN_SOURCE = {
    "provmark-server": ROOT / "server" / "provmark",
    "provmark-tests": ROOT / "tests",
    "provmark-client": ROOT / "client-vscode" / "src",
    "provmark-tools": ROOT / "benchmarks",
}
MODEL_PATH = ROOT / "server" / "provmark" / "data" / "style-model.json"
L2 = 30.0
FOLDS = 5
MIN_FAMILY_REPOS = 3  # per class, to fit a family of its own


def load(human_dir: Path) -> list[Sample]:
    out: list[Sample] = []
    for repo_dir in sorted(p for p in human_dir.iterdir() if p.is_dir()):
        out += samples(repo_dir, repo_dir.name, 0)
    for repo_dir in sorted(p for p in (HERE / "ai").iterdir() if p.is_dir()):
        out += samples(repo_dir, f"ai/{repo_dir.name}", 1)
    for repo, path in OWN_SOURCE.items():
        if path.is_dir():
            out += samples(path, repo, 1)
    return out


def matrix(batch: list[Sample]) -> np.ndarray:
    rows = []
    for s in batch:
        feats = features(s.text, s.family)
        rows.append([feats[f] for f in FEATURES])
    return np.array(rows, dtype=float)


def weights_for(batch: list[Sample]) -> np.ndarray:
    """Each class weighs the same in total, and within a class a repository weighs the
    square root of its size, so one big release does not decide the model."""
    per_repo: dict[tuple[int, str], int] = defaultdict(int)
    for s in batch:
        per_repo[(s.label, s.repo)] += 1
    raw = np.array([math.sqrt(per_repo[(s.label, s.repo)]) / per_repo[(s.label, s.repo)] for s in batch])
    labels = np.array([s.label for s in batch])
    for c in (0, 1):
        mask = labels == c
        if mask.any():
            raw[mask] *= len(batch) / 2 / raw[mask].sum()
    return raw


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method on standardised features."""
    mean = np.nanmean(x, axis=0)
    mean = np.where(np.isnan(mean), 0.0, mean)
    x = np.where(np.isnan(x), mean, x)  # unknown ratios: the mean, as the model does
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale
    a = np.hstack([np.ones((len(z), 1)), z])
    beta = np.zeros(a.shape[1])
    reg = np.full(a.shape[1], L2)
    reg[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ beta, -30, 30)))
        grad = a.T @ (w * (p - y)) + reg * beta
        hess = (a * (w * p * (1 - p))[:, None]).T @ a + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return mean, scale, beta[1:], float(beta[0])


def predict(x: np.ndarray, model: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> np.ndarray:
    mean, scale, coef, bias = model
    x = np.where(np.isnan(x), mean, x)
    return 1.0 / (1.0 + np.exp(-np.clip(((x - mean) / scale) @ coef + bias, -30, 30)))


def folds(repos: list[str], k: int) -> list[set[str]]:
    """Repositories dealt round-robin into k folds, in a fixed order."""
    out: list[set[str]] = [set() for _ in range(k)]
    for i, repo in enumerate(sorted(repos)):
        out[i % k].add(repo)
    return out


def held_out(batch: list[Sample], x: np.ndarray) -> dict[str, float | None]:
    """AUROC of files and blocks over grouped folds (each repository tested once)."""
    human = sorted({s.repo for s in batch if s.label == 0})
    ai = sorted({s.repo for s in batch if s.label == 1})
    k = min(FOLDS, len(human), len(ai))
    if k < 2:
        return {"file": None, "block": None}
    test_sets = [h | a for h, a in zip(folds(human, k), folds(ai, k), strict=False)]
    scores = np.zeros(len(batch))
    y = np.array([s.label for s in batch], dtype=float)
    for test in test_sets:
        train_idx = np.array([s.repo not in test for s in batch])
        model = fit(x[train_idx], y[train_idx], weights_for([s for s, t in zip(batch, train_idx, strict=False) if t]))
        scores[~train_idx] = predict(x[~train_idx], model)
    out: dict[str, float | None] = {}
    for kind in ("file", "block"):
        pos = [float(sc) for s, sc in zip(batch, scores, strict=False) if s.kind == kind and s.label == 1]
        neg = [float(sc) for s, sc in zip(batch, scores, strict=False) if s.kind == kind and s.label == 0]
        value = auroc(pos, neg)
        out[kind] = None if value is None else round(value, 4)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description="Train the Provmark content model.")
    parser.add_argument("--human", type=Path, default=Path.home() / ".cache" / "provmark-train" / "human")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--report", type=Path, default=HERE / "report.json")
    args = parser.parse_args()
    if not args.human.is_dir():
        print(f"no hand-written corpus at {args.human}: run training/fetch_human.py first", file=sys.stderr)
        return 2

    data = load(args.human)
    x_all = matrix(data)
    by_family: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(data):
        by_family[s.family].append(i)

    report: dict[str, dict] = {}
    families: dict[str, dict] = {}

    def model_json(idx: list[int]) -> dict:
        batch = [data[i] for i in idx]
        y = np.array([s.label for s in batch], dtype=float)
        mean, scale, coef, bias = fit(x_all[idx], y, weights_for(batch))
        return {
            "features": list(FEATURES),
            "weights": [round(float(v), 5) for v in coef],
            "mean": [round(float(v), 5) for v in mean],
            "scale": [round(float(v), 5) for v in scale],
            "bias": round(bias, 5),
        }

    for family, idx in sorted(by_family.items()):
        batch = [data[i] for i in idx]
        repos = {c: {s.repo for s in batch if s.label == c} for c in (0, 1)}
        entry = {
            "repos_human": len(repos[0]),
            "repos_ai": len(repos[1]),
            "files_human": sum(1 for s in batch if s.kind == "file" and s.label == 0),
            "files_ai": sum(1 for s in batch if s.kind == "file" and s.label == 1),
            "blocks_human": sum(1 for s in batch if s.kind == "block" and s.label == 0),
            "blocks_ai": sum(1 for s in batch if s.kind == "block" and s.label == 1),
        }
        if min(len(repos[0]), len(repos[1])) >= MIN_FAMILY_REPOS:
            entry["held_out_auroc"] = held_out(batch, x_all[idx])
            families[family] = model_json(idx)
        else:
            entry["held_out_auroc"] = "too few repositories of one kind: uses the all-families model"
        report[family] = entry
    all_idx = list(range(len(data)))
    report["all"] = {"held_out_auroc": held_out(data, x_all)}
    families["all"] = model_json(all_idx)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    model = {
        "version": "1",
        "trained_on": {
            "human_repos": len({s.repo for s in data if s.label == 0}),
            "ai_repos": len({s.repo for s in data if s.label == 1}),
        },
        "families": families,
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    print(f"weights: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
