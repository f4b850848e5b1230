"""The leak, scaled for CI (benchmarks/bench_leak.py at full size; PROVMARK_LEAK_SESSIONS
raises it): editing sessions made from this repository are replayed against the server
with nobody clicking, saved, and filtered by the pipeline; at most 2% of the AI-written
lines may reach the output and at most 5% of the hand-written lines may be left out.
The sessions are the benchmark's first ones (seed 12); README.md gives the full run's
figures, where the goal is not met."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from bench_leak import Outcome, leaks, make_sessions, run, summarize

SESSIONS = int(os.environ.get("PROVMARK_LEAK_SESSIONS", "2"))
# server settings over the defaults, e.g. '{"recordUnreviewed": false}' to see the test fail
SETTINGS = json.loads(os.environ.get("PROVMARK_LEAK_SETTINGS", "{}"))
MAX_LEAK, MAX_OVER_EXCLUSION = 0.02, 0.05


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return run(make_sessions(SESSIONS, seed=12), settings=SETTINGS, verbose=False)


def test_sessions_replay_without_errors(outcomes: list[Outcome]) -> None:
    s = summarize(outcomes)
    assert not s["errors"], s["errors"]
    # every kind of entry the sessions make was counted
    for kind in ("ai:chat-paste", "ai:agent-new-file", "ai:agent-edit", "ai:ai-commit", "ai:move-of-ai"):
        assert s["by_kind"].get(kind, {}).get("lines"), f"no {kind} lines counted"
    for kind in ("base", "human:typing", "human:move", "human:undo", "human:vcs"):
        assert s["by_kind"].get(kind, {}).get("lines"), f"no {kind} lines counted"


def test_ai_lines_stay_out_of_training_and_hand_written_ones_stay_in(outcomes: list[Outcome]) -> None:
    s = summarize(outcomes)
    detail = {k: v for k, v in s["by_kind"].items() if v["rate"]}
    assert s["leak"] is not None and s["leak"] <= MAX_LEAK, f"leak {s['leak']}: {leaks(outcomes)}; {detail}"
    assert s["over_exclusion"] <= MAX_OVER_EXCLUSION, f"over-exclusion {s['over_exclusion']}: {detail}"
