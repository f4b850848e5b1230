"""benchmarks/bench_heldout_style.py: fences become files of their language, styles are
kept per file, and the AUROC is the Mann-Whitney statistic."""

from __future__ import annotations

import importlib.util
import itertools
import json
import sys
import textwrap
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]


def _load():
    spec = importlib.util.spec_from_file_location("bench_heldout_style", ROOT / "benchmarks" / "bench_heldout_style.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_heldout_style", mod)
    spec.loader.exec_module(mod)
    return mod


bench = _load()


def test_materialise_fences_and_sources(tmp_path: Path) -> None:
    ai = tmp_path / "ai"
    chat = ai / "chat-x"
    chat.mkdir(parents=True)
    (chat / "STYLE").write_text("chat\n")
    (chat / "py_topic.md").write_text(
        "Intro.\n\n```python\nx = 1\n```\n\nOutput:\n\n```text\nnot code\n```\n\n```ts\nconst y = 2;\n```\n"
    )
    proj = ai / "go-thing-terse"
    (proj / "sub").mkdir(parents=True)
    (proj / "STYLE").write_text("terse\n")
    (proj / "NOTE").write_text("not a sample")
    (proj / "sub" / "a.go").write_text("package a\n")
    (proj / "Cargo.toml").write_text("[package]\n")
    out = tmp_path / "out"
    styles = bench.materialise(ai, out)
    assert styles == {
        "chat-x/py_topic_0.py": "chat",
        "chat-x/py_topic_2.ts": "chat",
        "go-thing-terse/sub/a.go": "terse",
    }
    assert (out / "chat-x" / "py_topic_0.py").read_text() == "x = 1\n"
    assert (out / "chat-x" / "py_topic_2.ts").read_text() == "const y = 2;\n"


def _pairs(pos: list[float], neg: list[float]) -> float:
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p, n in itertools.product(pos, neg))
    return wins / (len(pos) * len(neg))


scores = st.lists(st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]), min_size=1, max_size=12)


@given(scores, scores)
def test_auroc_is_the_share_of_pairs_won(pos: list[float], neg: list[float]) -> None:
    got = bench.auroc(pos, neg)
    assert got is not None
    assert abs(got - _pairs(pos, neg)) < 1e-12


def test_auroc_needs_both_sides() -> None:
    assert bench.auroc([], [0.1]) is None
    assert bench.auroc([0.1], []) is None


def test_scores_ai_folders_by_style(tmp_path: Path) -> None:
    """End to end with the shipped model: an assistant-style module is judged and warned,
    a one-line fence is too short to judge, a hand-written tree counts by its name."""
    from support.samples import AI_BLOCK

    ai = tmp_path / "ai"
    (ai / "py-x-assistant").mkdir(parents=True)
    (ai / "py-x-assistant" / "STYLE").write_text("assistant\n")
    (ai / "py-x-assistant" / "mod.py").write_text(AI_BLOCK * 3)
    (ai / "chat-y").mkdir()
    (ai / "chat-y" / "STYLE").write_text("chat\n")
    (ai / "chat-y" / "python_tiny.md").write_text("```python\nprint(1)\n```\n")
    human = tmp_path / "some-release"
    human.mkdir()
    (human / "m.py").write_text(Path(textwrap.__file__).read_text())  # the standard library's
    fig = bench.figures(bench.score_ai(ai), bench.score_human([human]))
    assert fig["ai"]["assistant"] == {"files": 1, "judged": 1, "warned": 1, "judged_warned": 1}
    assert fig["ai"]["chat"] == {"files": 1, "judged": 0, "warned": 0, "judged_warned": 0}
    assert fig["ai"]["all"]["files"] == 2
    assert fig["human"]["some-release"]["files"] == 1
    assert fig["human"]["some-release"]["warned"] == 0
    python = fig["families"]["python"]
    assert python["ai"]["judged"] == 1 and python["human"]["judged"] == 1
    assert python["file_auroc"] == 1.0


def test_held_out_releases_are_never_training_data() -> None:
    """benchmarks/heldout/human.json: releases in neither half of the corpus, listed as
    fetch_human.py wants them (so one command fetches them)."""
    sys.path.insert(0, str(ROOT / "training"))
    import fetch_human

    held = json.loads((ROOT / "benchmarks" / "heldout" / "human.json").read_text())
    train = json.loads((ROOT / "training" / "human.json").read_text())
    assert not fetch_human.check_list(held)
    trained = {fetch_human.package_of(e)[:2] for e in train}
    assert not [e["repo"] for e in held if fetch_human.package_of(e)[:2] in trained]
    assert not {e["repo"] for e in held} & {e["repo"] for e in train}
