"""Load, at a scale CI affords (PROVMARK_LOAD_SCALE multiplies it; benchmarks/bench_load.py
runs the full size and reports latencies and memory): a burst of pastes at 200 a second,
one paste of megabytes, typing in a long file. The server must keep answering and hold
exactly the client's text; the 10,000-file checkout storm is in test_storm.py."""

from __future__ import annotations

import argparse
import os
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_load import run

SCALE = float(os.environ.get("PROVMARK_LOAD_SCALE", "1"))


def test_pastes_a_huge_paste_and_typing_keep_the_server_answering_and_in_step() -> None:
    args = argparse.Namespace(
        pastes=int(200 * SCALE), paste_mb=max(1, int(1 * SCALE)), lines=int(10_000 * SCALE), keys=int(60 * SCALE)
    )
    out = run(args)
    assert out["exit_code"] == 0
    assert out["paste_burst"]["text_agrees"] and out["paste_burst"]["requests"] > 0
    assert out["huge_paste"]["text_agrees"]
    assert out["typing"]["keys"] == args.keys
