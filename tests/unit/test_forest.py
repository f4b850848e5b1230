"""The boosted trees ship in the model file and are read in plain Python (or walked in C
where scripts/compile.sh built core/_forestc.c): they give LightGBM's own raw score
(unknown values included), and a malformed forest is refused."""

from __future__ import annotations

import dataclasses
import math
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from provmark.core import forest as forest_module
from provmark.core.forest import Forest, from_json, from_lightgbm

try:
    from provmark.core import _forestc  # type: ignore[attr-defined]
except ImportError:
    _forestc = None
needs_native = pytest.mark.skipif(_forestc is None, reason="core/_forestc.c not built (scripts/compile.sh)")


def split(feature: int, threshold: float, left: dict, right: dict, missing: str = "None", default_left: bool = True):
    return {
        "split_feature": feature,
        "threshold": threshold,
        "decision_type": "<=",
        "missing_type": missing,
        "default_left": default_left,
        "left_child": left,
        "right_child": right,
    }


def leaf(v: float) -> dict:
    return {"leaf_value": v}


DUMP = {
    "tree_info": [
        {"tree_structure": split(0, 0.5, leaf(1.0), split(1, 2.0, leaf(2.0), leaf(3.0), "NaN", False), "NaN", True)},
        {"tree_structure": split(1, -1.0, leaf(10.0), leaf(20.0), "Zero", True)},
        {"tree_structure": leaf(0.25)},  # a tree that is one leaf
    ]
}


def test_splits_follow_lightgbms_rules_for_unknown_values() -> None:
    f = from_lightgbm(DUMP, ["a", "b"])
    nan = math.nan
    assert f.logit({"a": 0.2, "b": 5.0}) == 1.0 + 20.0 + 0.25
    assert f.logit({"a": 0.9, "b": 1.0}) == 2.0 + 20.0 + 0.25
    assert f.logit({"a": 0.9, "b": 0.0}) == 2.0 + 10.0 + 0.25  # zero as missing: its default way
    assert f.logit({"a": nan, "b": 5.0}) == 1.0 + 20.0 + 0.25  # NaN: the default way (left)
    assert f.logit({"a": 0.9, "b": nan}) == 3.0 + 10.0 + 0.25  # NaN right; no NaN way: read as 0.0
    assert f.logit({}) == 1.0 + 10.0 + 0.25  # missing features are unknown


def test_the_model_files_shape_round_trips_and_bad_forests_are_refused() -> None:
    f = from_lightgbm(DUMP, ["a", "b"])
    assert from_json(f.to_json()) == f
    looped = f.to_json()
    looped["trees"][0]["right"][0] = 0  # a split pointing back at the root
    bad_feature = f.to_json()
    bad_feature["trees"][1]["feature"][0] = 7
    short = f.to_json()
    short["trees"][0]["leaf"].pop()
    for raw in (looped, bad_feature, short, {"features": ["a"]}, {"trees": "x", "features": []}):
        with pytest.raises(ValueError):
            from_json(raw)


def test_the_sum_is_lightgbms_raw_score() -> None:
    lgb = pytest.importorskip("lightgbm")
    np = pytest.importorskip("numpy")
    rng = random.Random(3)
    rows = [[rng.choice([math.nan, 0.0, rng.gauss(0, 1)]) for _ in range(4)] for _ in range(600)]
    y = [int((r[0] if r[0] == r[0] else 1.0) + (r[2] or 0.0) > 0.3) for r in rows]
    params = {"objective": "binary", "num_leaves": 8, "min_data_in_leaf": 5, "verbose": -1, "num_threads": 1}
    booster = lgb.train(params, lgb.Dataset(np.array(rows), np.array(y)), 20)
    f = from_json(from_lightgbm(booster.dump_model(), ["w", "x", "y", "z"]).to_json())
    want = booster.predict(np.array(rows), raw_score=True)
    got = [f.logit(dict(zip("wxyz", r, strict=True))) for r in rows]
    assert max(abs(a - b) for a, b in zip(want, got, strict=True)) < 1e-9


def test_the_compiled_function_is_the_walk_of_the_trees() -> None:
    """Forest.logit runs the trees as one generated function once it has walked them a
    while: the same leaves as walking them with Tree.value, on every kind of split and
    unknown value, so the same sum; a forest it cannot write as source (a leaf that is
    not finite) is walked."""
    rng = random.Random(7)
    f = _random_forest(rng)
    f._fast.tried = True  # (the trees in Python, not in C)
    for _ in range(2000):
        x = [rng.choice([*VALUES, rng.gauss(0, 1)]) for _ in range(3)]
        walked = math.fsum(t.value(x) for t in f.trees)
        assert f.logit(dict(zip("abc", x, strict=True))) == walked
    assert f._fast.function is not None  # made after the first walks
    inf = from_lightgbm({"tree_info": [{"tree_structure": leaf(math.inf)}]}, ["a"])
    inf._fast.tried = True
    assert all(inf.logit({}) == math.inf for _ in range(500)) and inf._fast.function is None


VALUES = [math.nan, 0.0, -0.0, 1e-36, -1e-36, 1e-35, -1e-35, 1e-30, -0.5, 0.5, math.inf, -math.inf]


def _random_forest(rng: random.Random, trees: int = 40) -> Forest:
    """Trees with every kind of split and thresholds at the edges of LightGBM's zero band."""
    kinds = ("None", "Zero", "NaN")

    def grow(depth: int) -> dict:
        if depth == 0 or rng.random() < 0.2:
            return leaf(rng.gauss(0, 1))
        threshold = rng.choice([0.0, -0.0, 1e-36, -1e-36, 1e-35, -0.5, 0.5, rng.gauss(0, 1)])
        kind, default = rng.choice(kinds), rng.random() < 0.5
        return split(rng.randrange(3), threshold, grow(depth - 1), grow(depth - 1), kind, default)

    return from_lightgbm({"tree_info": [{"tree_structure": grow(5)} for _ in range(trees)]}, ["a", "b", "c"])


@needs_native
def test_the_c_walk_is_the_python_walk() -> None:
    """core/_forestc.c reaches the same leaves as Tree.value and sums them with the same
    math.fsum: the same float, on random forests and the shipped model's own features."""
    rng = random.Random(11)
    for _ in range(20):
        f = _random_forest(rng, rng.randrange(1, 60))
        for _ in range(300):
            x = [rng.choice([*VALUES, rng.gauss(0, 1), rng.randrange(-3, 3)]) for _ in range(3)]
            feats = {k: v for k, v in zip("abc", x, strict=True) if rng.random() < 0.9}  # some unknown
            walked = math.fsum(t.value([feats.get(k, math.nan) for k in "abc"]) for t in f.trees)
            got = f.logit(feats)
            assert got == walked or (math.isnan(got) and math.isnan(walked))
        assert f._fast.native is not None and f._fast.function is None  # (C walked them all)
    inf = from_lightgbm({"tree_info": [{"tree_structure": leaf(math.inf)}, {"tree_structure": leaf(1.0)}]}, ["a"])
    assert inf.logit({}) == math.inf


@needs_native
def test_the_shipped_model_scores_the_same_in_c() -> None:
    from provmark.batch.scan import analyse
    from provmark.core.style import default_model

    model = default_model()
    assert model is not None and model.forest is not None
    python = Forest(model.forest.features, model.forest.trees)
    python._fast.tried = True
    seen: list[dict[str, float]] = []
    original = forest_module.Forest.logit

    def spy(self: Forest, feats: dict[str, float]) -> float:
        seen.append(dict(feats))
        return original(self, feats)

    forest_module.Forest.logit = spy  # type: ignore[method-assign]
    try:
        root = Path(forest_module.__file__).parent
        for path in sorted(root.glob("*.py"))[:8]:
            analyse(path.read_text(encoding="utf-8"), "python")
    finally:
        forest_module.Forest.logit = original  # type: ignore[method-assign]
    if not seen:  # a compiled forest.py calls its own logit: read the features instead
        from provmark.core.style import features

        seen = [features(p.read_text(encoding="utf-8"), "python") for p in sorted(root.glob("*.py"))[:8]]
    assert seen
    for feats in seen:
        assert model.forest.logit(feats) == python.logit(feats)


@needs_native
def test_the_c_walker_refuses_what_is_not_a_forest_and_survives_odd_values() -> None:
    f = _random_forest(random.Random(5), 3)
    t = f.trees[0]
    with pytest.raises(ValueError):
        _forestc.Walker([dataclasses.replace(t, feature=(9, *t.feature[1:]))], f.features, math.fsum)
    with pytest.raises(ValueError):
        _forestc.Walker([dataclasses.replace(t, leaf=t.leaf[:-1])], f.features, math.fsum)
    if t.feature:
        with pytest.raises(ValueError):  # a child pointing back at its split: a walk that never ends
            _forestc.Walker([dataclasses.replace(t, left=(0, *t.left[1:]))], f.features, math.fsum)
    with pytest.raises(AttributeError):  # not a tree
        _forestc.Walker([object()], f.features, math.fsum)
    with pytest.raises(TypeError):
        _forestc.Walker(f.trees, ("a", 1, "c"), math.fsum)
    walker = _forestc.Walker(f.trees, f.features, math.fsum)
    with pytest.raises(TypeError):
        walker.logit({"a": "text"})
    with pytest.raises(TypeError):
        walker.logit([1.0, 2.0])

    class Again(float):  # a value whose conversion calls the walker again
        def __float__(self) -> float:
            walker.logit({"a": 0.5})
            return 0.25

    assert walker.logit({"a": Again(0.25), "b": 1.0}) == walker.logit({"a": 0.25, "b": 1.0})


def _leaves_sum(values: list[float]) -> float:
    """The C walker's sum of a forest of one-leaf trees with these leaves."""
    f = from_lightgbm({"tree_info": [{"tree_structure": leaf(v)} for v in values]}, ["a"])
    return float(_forestc.Walker(f.trees, f.features, math.fsum).logit({}))


@needs_native
@settings(max_examples=1500, deadline=None)
@given(
    hs.lists(
        hs.one_of(
            hs.floats(min_value=-2.0, max_value=2.0, allow_nan=False),
            hs.floats(min_value=-1e-5, max_value=1e-5, allow_nan=False),
            hs.sampled_from([1.0, 2.0**-53, 2.0**-52, 2.0**-54, 3.0 * 2.0**-53, -(2.0**-53), 0.1, 0.2, 0.3]),
        ),
        min_size=1,
        max_size=130,
    )
)
def test_the_c_sum_of_leaves_is_fsums_to_the_bit(values: list[float]) -> None:
    """Where the leaves' bits span little, C sums them as one wide integer and rounds
    once; elsewhere (a wide span, a negative zero) math.fsum sums them: the same float
    either way, half-way cases included."""
    got, want = _leaves_sum(values), math.fsum(values)
    assert got == want and math.copysign(1.0, got) == math.copysign(1.0, want)


@needs_native
def test_the_c_sum_of_leaves_at_the_edges() -> None:
    for values in ([1.0, 2.0**-53], [1.0, 2.0**-53, 2.0**-100], [1.0, -(2.0**-54)], [1e300, 1e-300, -1e300],
                   [-0.0, -0.0], [0.0, -0.0], [0.5, -0.5], [2.0**-1000, 2.0**-1000], [1e308, 1e308 / 4]):  # fmt: skip
        assert repr(_leaves_sum(values)) == repr(math.fsum(values)), values
