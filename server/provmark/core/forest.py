"""Boosted decision trees over the content model's features, read from the model file
and evaluated in plain Python, or walked in C where scripts/compile.sh built
core/_forestc.c (training/train.py fits them with LightGBM and writes them in this
shape). The logistic models add each feature's pull on its own; the trees
catch what they cannot: a feature that matters only above a point, or only beside
another. Pure: no I/O.

Each tree is flat: split nodes are numbered from 0 and a child below 0 is the leaf
~child. A split sends a value to the left when it is at most the threshold; an unknown
value (NaN) goes the node's default way when the split learnt one for missing values,
and counts as 0.0 otherwise (LightGBM's rule, so the sum is LightGBM's raw score).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from provmark.core import native

# LightGBM's missing-value kinds, as the model file stores them per split
NONE, ZERO, NAN = 0, 1, 2
_ZERO = 1e-35  # LightGBM's kZeroThreshold


@dataclass(frozen=True)
class Tree:
    feature: tuple[int, ...]  # per split: the index of its feature in Forest.features
    threshold: tuple[float, ...]
    missing: tuple[int, ...]  # NONE, ZERO or NAN
    default_left: tuple[bool, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    leaf: tuple[float, ...]

    def value(self, x: Sequence[float]) -> float:
        # the columns in locals: this runs for every judged unit of every scanned file
        feature, threshold, missing, left, right = self.feature, self.threshold, self.missing, self.left, self.right
        if not feature:  # a tree that is one leaf
            return self.leaf[0]
        node = 0
        while node >= 0:
            v = x[feature[node]]
            kind = missing[node]
            if v == v and (kind != ZERO or not -_ZERO <= v <= _ZERO):
                node = left[node] if v <= threshold[node] else right[node]
            elif kind == NONE:  # NaN where the split learnt no way for it: read as 0.0
                node = left[node] if threshold[node] >= 0.0 else right[node]
            else:  # NaN on a NaN split, or zero (NaN read as zero) on a ZERO split
                node = left[node] if self.default_left[node] else right[node]
        return self.leaf[~node]


# Walks of the trees after which Forest.logit makes their function.
_WALKS = 200


class _Lazy:
    """A forest's count of walks and, after _WALKS of them, its function (None before,
    or when it cannot be written as one); and its trees walked in C where
    scripts/compile.sh built core/_forestc.c (None: not built, or not tried yet)."""

    def __init__(self) -> None:
        self.walks = 0
        self.function: Callable[[list[float]], float] | None = None
        self.native: Any = None
        self.tried = False


_forestc = native.load("_forestc")


def _native_walker(forest: Forest) -> Any:
    """core/_forestc.c's Walker over these trees: the same leaves summed by the same
    math.fsum, so the same float (None where it is not built)."""
    return None if _forestc is None else _forestc.Walker(forest.trees, forest.features, math.fsum)


@dataclass(frozen=True)
class Forest:
    features: tuple[str, ...]
    trees: tuple[Tree, ...]
    # The trees as one function of the feature values (_as_function), made once they
    # have been walked _WALKS times: a scan reads thousands of units and gains, the editor
    # judging a few pastes does not pay for compiling it (0.02 s to 0.1 s, by the forest's size).
    _fast: _Lazy = field(default_factory=_Lazy, compare=False, repr=False)

    def logit(self, feats: Mapping[str, float]) -> float:
        """The sum of the trees' leaves for these feature values (missing: unknown)."""
        fast = self._fast
        if not fast.tried:
            fast.native, fast.tried = _native_walker(self), True
        if fast.native is not None and type(feats) is dict:
            return float(fast.native.logit(feats))
        x = [feats.get(name, math.nan) for name in self.features]
        if fast.function is not None:
            return fast.function(x)
        if fast.walks < _WALKS:
            walks = fast.walks = fast.walks + 1  # (made once, by the caller that counted to _WALKS)
            if walks == _WALKS:
                fast.function = _as_function(self.trees)
        return math.fsum(tree.value(x) for tree in self.trees)

    def to_json(self) -> dict:
        return {
            "features": list(self.features),
            "trees": [
                {
                    "feature": list(t.feature),
                    "threshold": list(t.threshold),
                    "missing": list(t.missing),
                    "default_left": [int(d) for d in t.default_left],
                    "left": list(t.left),
                    "right": list(t.right),
                    "leaf": list(t.leaf),
                }
                for t in self.trees
            ],
        }


# Deeper than this, a tree is walked: nested expressions that deep strain the compiler.
_MAX_DEPTH = 60


def _as_function(trees: Sequence[Tree]) -> Callable[[list[float]], float] | None:
    """The forest as Python source compiled once: math.fsum of one nested conditional
    expression per tree, each split's rule for unknown values folded into its test. No
    loop, no lookups in the node tables: several times faster than Tree.value, and the
    same leaves, so the same (exactly rounded) sum. Numbers go into the source by repr(),
    which reads back exactly; None (walk the trees) where one is not finite or a tree is
    too deep. Only numbers from the model file reach the source, never its text."""
    parts = [_expression(t, 0, 0) for t in trees]
    if not all(parts):
        return None
    source = f"def leaves(x):\n    return fsum(({''.join(f'{p},' for p in parts)}))\n"
    namespace: dict[str, object] = {"fsum": math.fsum}
    exec(compile(source, "<forest>", "exec"), namespace)  # numbers only, see above
    function = namespace["leaves"]
    return function if callable(function) else None


def _expression(tree: Tree, node: int, depth: int) -> str:
    """Tree.value from `node` down, as an expression of x ("" where it cannot be one)."""
    if not tree.feature:  # a tree that is one leaf
        node = -1
    if node < 0:
        leaf = tree.leaf[~node]
        return repr(leaf) if math.isfinite(leaf) else ""
    threshold = tree.threshold[node]
    left = _expression(tree, tree.left[node], depth + 1)
    right = _expression(tree, tree.right[node], depth + 1)
    if depth > _MAX_DEPTH or not (left and right and math.isfinite(threshold)):
        return ""
    v, t = f"x[{tree.feature[node]}]", repr(threshold)
    kind, default_left = tree.missing[node], tree.default_left[node]
    if kind == ZERO:  # NaN and zero go the default way
        zero = f"-{_ZERO!r} <= {v} <= {_ZERO!r}"
        test = f"({v} != {v} or {zero} or {v} <= {t})" if default_left else f"(not {zero} and {v} <= {t})"
    elif (kind == NONE and threshold >= 0.0) or (kind == NAN and default_left):
        test = f"not {v} > {t}"  # NaN goes left (read as 0.0 on a NONE split, or by default)
    else:
        test = f"{v} <= {t}"  # NaN goes right
    return f"({left} if {test} else {right})"


def from_json(raw: Mapping) -> Forest:
    """A forest from the model file; ValueError when it is not one."""
    try:
        features = tuple(str(f) for f in raw["features"])
        trees = []
        for t in raw["trees"]:
            tree = Tree(
                tuple(int(i) for i in t["feature"]),
                tuple(float(v) for v in t["threshold"]),
                tuple(int(m) for m in t["missing"]),
                tuple(bool(d) for d in t["default_left"]),
                tuple(int(i) for i in t["left"]),
                tuple(int(i) for i in t["right"]),
                tuple(float(v) for v in t["leaf"]),
            )
            splits = len(tree.feature)
            if not (
                len(tree.threshold) == len(tree.missing) == len(tree.default_left) == splits
                and len(tree.left) == len(tree.right) == splits
                and len(tree.leaf) == splits + 1
                and all(0 <= f < len(features) for f in tree.feature)
                # a split's children come after it (preorder): no tree loops back
                and all(-len(tree.leaf) <= c < splits and (c < 0 or c > i) for i, c in _children(tree))
            ):
                raise ValueError("a tree whose parts do not fit together")
            trees.append(tree)
    except (KeyError, TypeError, ValueError) as e:
        raise ValueError(f"not a forest: {e}") from e
    return Forest(features, tuple(trees))


def _children(tree: Tree) -> list[tuple[int, int]]:
    return [(i, c) for i in range(len(tree.feature)) for c in (tree.left[i], tree.right[i])]


def from_lightgbm(dump: Mapping, features: Sequence[str]) -> Forest:
    """A forest from LightGBM's Booster.dump_model() (training only)."""
    return Forest(tuple(features), tuple(_flatten(info["tree_structure"]) for info in dump["tree_info"]))


def _flatten(root: Mapping) -> Tree:
    """One dumped tree, its splits numbered in preorder."""
    splits: list[list] = []  # [feature, threshold, missing, default_left, left, right]
    leaf: list[float] = []

    def walk(node: Mapping) -> int:
        # The node's id: a split's number, or ~the leaf's index.
        if "leaf_value" in node:
            leaf.append(float(node["leaf_value"]))
            return ~(len(leaf) - 1)
        if node.get("decision_type", "<=") != "<=":
            raise ValueError(f"unsupported split {node.get('decision_type')}")
        me = len(splits)
        kind = {"None": NONE, "Zero": ZERO, "NaN": NAN}[node.get("missing_type", "None")]
        splits.append([int(node["split_feature"]), float(node["threshold"]), kind, bool(node.get("default_left"))])
        splits[me] += [walk(node["left_child"]), walk(node["right_child"])]
        return me

    walk(root)
    columns = list(zip(*splits, strict=True)) if splits else [()] * 6
    feature, threshold, missing, default_left, left, right = (tuple(c) for c in columns)
    return Tree(feature, threshold, missing, default_left, left, right, tuple(leaf))
