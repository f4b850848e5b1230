"""The evidence catalogue: every signal Provmark weighs, its weight, and the one way a
list of evidence becomes a score, a severity and a diagnostic code.

The editor (tracker), the workspace scan and the training pipeline all build their
evidence here and judge it with `assess`, so the same evidence always gives the same
answer. A new kind of evidence is a new entry in SIGNALS and a constructor below.

Weights are log-odds: the score is the logistic of their sum. The only thing that
differs between the editor and the scan is the *situation* a block is met in, and so
its prior (see PRIORS): everything else weighs the same wherever it is found.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal, TypedDict


class EvidenceJSON(TypedDict):
    signal: str
    weight: float
    detail: str


@dataclass(frozen=True)
class Evidence:
    signal: str
    weight: float
    detail: str = ""

    def to_json(self) -> EvidenceJSON:
        return {"signal": self.signal, "weight": round(self.weight, 3), "detail": self.detail}

    @staticmethod
    def from_json(raw: EvidenceJSON) -> Evidence:
        return Evidence(raw["signal"], raw["weight"], raw.get("detail", ""))


@dataclass(frozen=True)
class Signal:
    """One entry of the catalogue: its fixed weight (None when computed from the
    evidence itself: size, style, chat prose) and what it means."""

    weight: float | None
    meaning: str


# -- the catalogue ---------------------------------------------------------------------
INSERT: Final = "unexplained-bulk-insert"
REPOSITORY: Final = "repository-file"

SIGNALS: dict[str, Signal] = {
    # Situations: every judged block has exactly one (its prior).
    INSERT: Signal(
        -0.4,
        "Editor: arrived in bulk and matches nothing in the workspace. Slightly below even: "
        "a paste too short for the content model to judge (under 150 tokens) is Information "
        "unless other evidence lifts it; the calibrated style decides the rest.",
    ),
    REPOSITORY: Signal(
        None,
        "Scan, and lines met at rest in an open file: already in the repository, no editor "
        "event seen. Most code at rest was written by people: the prior is the content "
        "model's stated one (log-odds of 1 - its scan threshold, about -3), so that style "
        "alone warns only where at most 2% of held-out modern hand-written files reached; "
        "-0.6 without a model.",
    ),
    # How the lines arrived.
    "written-on-disk": Signal(1.2, "another process (not git, not the editor) wrote the lines to the file"),
    "paste-hint": Signal(None, "the client says where a paste came from: +0.3 outside the editor, -1.6 inside"),
    "size": Signal(None, "how many lines at once: +0.4 from 40, +0.2 from 15, else 0"),
    # A client that sends whole texts and no paste hints (Vim's ALE) sends a whole insert
    # session as one change: lines that go on where the previous change ended are most
    # often typing (benchmarks/bench_batched.py).
    "continues-typing": Signal(-1.2, "whole-text changes: the lines go on where the previous change ended"),
    "copy-of-ai": Signal(2.0, "most lines match text already flagged or tagged as AI (copies carry provenance)"),
    "partly-in-workspace": Signal(-0.8, "30-80% of the lines already exist in the workspace"),
    # The tools' own records.
    # Proof, so it must outweigh the stated prior of code at rest (-4.0 with the model
    # of 2026-12-01, -4.2 with a trial of the same day: its block threshold's log-odds)
    # and a human-looking style down to -2.5, with room to spare (a test checks it
    # against the shipped model): 6.0 and 7.0 did against a prior of -3 and less.
    "transcript-match": Signal(8.0, "an AI tool's local session log holds these lines"),
    "git-commit": Signal(7.5, "git blame gives the lines to a commit that declares an AI tool"),
    # The text itself.
    "markdown-fence": Signal(2.5, "markdown code fences: a chat answer pasted whole"),
    "chat-prose": Signal(None, "lines of chat prose around the code: 1.2 + 0.4 a line, at most 3.0"),
    "placeholder": Signal(1.2, "placeholder comments ('rest of the code unchanged', 'your API key here')"),
    "usage-example": Signal(0.8, "an 'example usage' section, as chat answers end"),
    "style": Signal(
        None,
        "the content model's calibrated log-likelihood ratio for the block (its probability under a 50/50 "
        "prior, as log-odds), within +-7; none below 150 tokens: too short to judge",
    ),
}

CONTENT_SIGNALS = frozenset({"markdown-fence", "chat-prose", "placeholder", "copy-of-ai"})
PROOF_SIGNALS = frozenset({"transcript-match", "git-commit"})  # what auto_tag trusts

STYLE_CAP = 7.0  # the calibration's own bounds (0.001, 0.999)
NO_MODEL_PRIOR = -0.6  # the scan's prior when no content model states one
DISK_HUMAN_DAMPING = 0.3  # a human-looking write by another process is still mostly an agent's


def _fixed(signal: str, detail: str) -> Evidence:
    weight = SIGNALS[signal].weight
    assert weight is not None, signal
    return Evidence(signal, weight, detail)


# -- constructors: the only places evidence is made --------------------------------------
def prior(situation: Literal["unexplained-bulk-insert", "repository-file"], unit: str = "block") -> Evidence:
    if situation == REPOSITORY:
        what = "the whole file is" if unit == "file" else "already"
        return Evidence(REPOSITORY, repository_prior(unit), f"{what} in the repository; no editor event seen")
    return _fixed(situation, "arrived in bulk and matches nothing in the workspace")


@lru_cache(maxsize=4)  # the model is loaded once per process; a scan asks once per block
def repository_prior(unit: str = "block") -> float:
    """The log-odds that code at rest is AI-written, as the content model states it for
    a block or for a whole file: style alone then warns where, on held-out repositories,
    at most 1% of modern hand-written files did (for each kind of unit)."""
    # (read off the model file: a rescan that analyses nothing never loads the model)
    from provmark.core.model_file import shipped_thresholds

    thresholds = shipped_thresholds()
    t = thresholds.get(unit) if thresholds else None
    return NO_MODEL_PRIOR if t is None else round(math.log((1 - t) / t), 3)


def written_on_disk() -> Evidence:
    return _fixed("written-on-disk", "another process wrote this to the file")


def continues_typing() -> Evidence:
    return _fixed("continues-typing", "the lines go on where the previous change ended, sent as whole text")


def paste_hint(source: str | None) -> Evidence | None:
    # Outside the editor means a chat, but as often another codebase or a web page: the
    # content model, not the hint, has to tell those apart.
    if source == "external":
        return Evidence("paste-hint", 0.3, "the editor says it was pasted from outside the editor")
    if source == "editor":
        return Evidence("paste-hint", -1.6, "the editor says it was copied inside the editor")
    return None


def size(nonblank: int, lines: int | None = None) -> Evidence:
    """How much arrived at once: weighed by its non-blank lines, said in all its lines
    (as the diagnostic's message counts them)."""
    # Whole files and long blocks are what chats and agents hand out; a person retyping
    # or copying a few lines is more common at the small end.
    weight = 0.4 if nonblank >= 40 else 0.2 if nonblank >= 15 else 0.0
    lines = nonblank if lines is None else lines
    said = f"{lines} line{'s' if lines != 1 else ''} at once"
    return Evidence("size", weight, said if lines == nonblank else f"{said} ({nonblank} non-blank)")


def copy_of_ai(detail: str) -> Evidence:
    return _fixed("copy-of-ai", detail)


def partly_in_workspace(fraction: float) -> Evidence:
    return _fixed("partly-in-workspace", f"{fraction:.0%} of its lines exist in the workspace")


def transcript_match(
    tool: str, session: str | None, model: str | None, fraction: float | None, kind: str = "write"
) -> Evidence:
    verb = "gave these lines in a chat answer" if kind == "answer" else "wrote these lines"
    what = f"{tool} {verb} in session {session or '?'}" + (f" ({model})" if model else "")
    found = f"; {fraction:.0%} of the lines found in its local log" if fraction is not None else " (session log)"
    return _fixed("transcript-match", what + found)


def git_commit(sha: str, tool: str) -> Evidence:
    return _fixed("git-commit", f"added by commit {sha[:10]}, which declares {tool}")


def fence(count: int) -> Evidence:
    return _fixed("markdown-fence", f"{count} markdown code fence line(s)")


def chat_prose(count: int) -> Evidence:
    return Evidence("chat-prose", min(3.0, 1.2 + 0.4 * count), f"{count} line(s) of chat prose around the code")


def placeholder(count: int) -> Evidence:
    return _fixed("placeholder", f"{count} placeholder comment(s)")


def usage_example() -> Evidence:
    return _fixed("usage-example", "an 'example usage' section, as chat answers end")


def style_weight(p: float) -> float:
    """The weight of the content model's calibrated probability `p` (under a 50/50
    prior): its log-odds, the likelihood ratio it stands for, capped."""
    p = min(max(p, 1e-6), 1 - 1e-6)
    return max(-STYLE_CAP, min(STYLE_CAP, math.log(p / (1 - p))))


def style(p: float, detail: str, on_disk: bool = False) -> Evidence:
    weight = style_weight(p)
    if on_disk and weight < 0:
        weight *= DISK_HUMAN_DAMPING
    return Evidence("style", weight, detail)


# -- judging -------------------------------------------------------------------------------
Severity = Literal["warning", "information", "hint"]


@dataclass(frozen=True)
class Assessment:
    score: float
    severity: Severity | None  # None: below the report threshold, not shown
    code: str


def score(evidence: Iterable[Evidence]) -> float:
    total = sum(e.weight for e in evidence)
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total)))), 4)


def severity(value: float, warn: float, report: float) -> Severity | None:
    if value >= warn:
        return "warning"
    return "information" if value >= report else None


def code(evidence: Iterable[Evidence], tool: str | None = None) -> str:
    """The diagnostic code: what kind of evidence carries the block."""
    signals = {e.signal for e in evidence}
    if REPOSITORY in signals:  # met at rest: named for the strongest record
        if "transcript-match" in signals:
            return "ai-transcript"
        return "ai-commit" if "git-commit" in signals else "ai-style"
    if "git-commit" in signals:
        return "ai-commit"
    if "written-on-disk" in signals:
        return "agent-write"
    return "ai-paste" if signals & CONTENT_SIGNALS or tool else "external-paste"


def assess(evidence: list[Evidence], warn: float, report: float, tool: str | None = None) -> Assessment:
    value = score(evidence)
    return Assessment(value, severity(value, warn, report), code(evidence, tool))
