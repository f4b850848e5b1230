"""Fitting the token n-gram table (server/provmark/core/ngram.py) for train.py.

The table is a naive Bayes log-likelihood ratio per hashed unigram, bigram and trigram,
counted over whole files (a block is part of its file: counting both would count it
twice), with each file weighted as the style model weighs it (classes equal, a
repository by the square root of its size). The vocabulary of words kept as themselves
is chosen on the same training repositories: words found in a share of both classes'
repositories, so no word that names one project's topic survives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from corpus import Sample
from provmark.core import ngram

# Of each class's repositories a word must appear in (held out, 0.08 gave file AUROC
# 0.968 and 72% of AI files warned; 0.04 gives 0.971 and 76%).
VOCAB_SHARE = 0.04
ALPHA = 0.1  # additive smoothing, in weighted counts
MIN_COUNT = 5.0  # buckets seen less (both classes together, weighted) weigh nothing
CLIP = 3.0  # no single n-gram says more than this much
STEP = CLIP / 127  # the quantum of the shipped one-byte weights


class Streams:
    """Every sample's raw tokens, interned once: a fold then only maps the distinct raw
    tokens to its normalised ids, and the n-grams are computed with numpy."""

    def __init__(self, data: Sequence[Sample]) -> None:
        self.index: dict[str, int] = {}
        self.rows: list[np.ndarray] = []
        for s in data:
            idx = [self.index.setdefault(t, len(self.index)) for t in ngram.tokens(s.text, s.family)]
            self.rows.append(np.array(idx, dtype=np.int64))
        self.names = list(self.index)

    def vocabulary(self, data: Sequence[Sample], chosen: np.ndarray) -> frozenset[str]:
        """Identifiers (lower-cased) and comment words found in at least VOCAB_SHARE of
        the chosen hand-written repositories and of the chosen AI-written ones."""
        key = [("i:" + t[2:].lower()) if t[:2] == "i:" else t if t[:2] == "w:" else "" for t in self.names]
        seen: dict[str, list[set[str]]] = defaultdict(lambda: [set(), set()])
        for i in np.flatnonzero(chosen):
            s = data[i]
            if s.kind != "file":
                continue
            for t in set(self.rows[i].tolist()):
                if key[t]:
                    seen[key[t]][s.label].add(s.repo)
        repos = [{data[i].repo for i in np.flatnonzero(chosen) if data[i].label == c} for c in (0, 1)]
        need = [max(2, VOCAB_SHARE * len(r)) for r in repos]
        return frozenset(t for t, (h, a) in seen.items() if len(h) >= need[0] and len(a) >= need[1])

    def buckets(self, vocab: frozenset[str]) -> list[np.ndarray]:
        """Each sample's n-gram buckets under `vocab`, as core.ngram computes them."""
        ids = np.array([ngram.token_id(t) for t in ngram.normalise(self.names, vocab)], dtype=np.uint64)
        return [grams(ids[row]) for row in self.rows]


_S1, _S2, _S3 = (np.uint64(s) for s in ngram._SALT)
_MIX = np.uint64(0x5BD1E995)
_B = np.uint64(ngram.BUCKETS)


def grams(c: np.ndarray) -> np.ndarray:
    """core.ngram.grams over a uint64 array (products stay below 2**64, as in Python)."""
    if not len(c):
        return np.zeros(0, dtype=np.int64)
    parts = [(c * _S1) % _B]
    if len(c) > 1:
        parts.append(((c[:-1] * _S2) ^ (c[1:] * _S1)) % _B)
    if len(c) > 2:
        parts.append(((c[:-2] * _S3) ^ (c[1:-1] * _S2) ^ (c[2:] * _S1) ^ _MIX) % _B)
    return np.concatenate(parts).astype(np.int64)


def table(data: Sequence[Sample], grams: Sequence[np.ndarray], chosen: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Each bucket's log-likelihood ratio from the chosen files (weight: per sample)."""
    counts = np.zeros((2, ngram.BUCKETS))
    for c in (0, 1):
        rows = [i for i in np.flatnonzero(chosen) if data[i].kind == "file" and data[i].label == c and len(grams[i])]
        if rows:
            flat = np.concatenate([grams[i] for i in rows])
            w = np.concatenate([np.full(len(grams[i]), weight[i]) for i in rows])
            counts[c] = np.bincount(flat, weights=w, minlength=ngram.BUCKETS)
    total = counts.sum(axis=1, keepdims=True)
    prob = (counts + ALPHA) / (total + ALPHA * ngram.BUCKETS)
    w = np.log(prob[1]) - np.log(prob[0])
    w[counts.sum(axis=0) < MIN_COUNT] = 0.0
    # one byte per bucket, as the table ships: the held-out figures are the shipped table's
    return np.round(np.clip(w, -CLIP, CLIP) / STEP) * STEP


def scores(grams: Sequence[np.ndarray], w: np.ndarray, rows: np.ndarray) -> np.ndarray:
    out = np.full(len(rows), np.nan)
    for k, i in enumerate(rows):
        if len(grams[i]):
            out[k] = float(w[grams[i]].mean())
    return out


def shipped(w: np.ndarray, vocab: frozenset[str]) -> dict:
    """The table as the model file keeps it (core.ngram.load reads it)."""
    return {"vocabulary": sorted(vocab), "step": STEP, "table": ngram.pack(w.tolist(), STEP)}
