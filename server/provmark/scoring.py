"""Evidence and the score built from it.

Each piece of evidence adds its weight (in log-odds) to a prior; the score is the
logistic of the sum. New kinds of evidence (transcripts, git history, a style model)
plug in by adding Evidence items; nothing here knows where they came from.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Evidence:
    signal: str
    weight: float
    detail: str = ""

    def to_json(self) -> dict:
        return {"signal": self.signal, "weight": round(self.weight, 3), "detail": self.detail}


# An unexplained bulk insertion of a whole block, with nothing else known, leans towards
# an AI tool in a team that uses them daily; the content model then moves it either way.
PRIOR = Evidence("unexplained-bulk-insert", 0.3, "arrived in bulk and matches nothing in the workspace")


def score(evidence: list[Evidence]) -> float:
    total = sum(e.weight for e in evidence)
    return round(1.0 / (1.0 + math.exp(-total)), 4)


def hint_evidence(source: str | None) -> Evidence | None:
    # Outside the editor means a chat, but as often another codebase or a web page: the
    # content model, not the hint, has to tell those apart.
    if source == "external":
        return Evidence("paste-hint", 0.6, "the editor says it was pasted from outside the editor")
    if source == "editor":
        return Evidence("paste-hint", -1.6, "the editor says it was copied inside the editor")
    return None


def size_evidence(lines: int) -> Evidence:
    # Whole files and long blocks are what chats and agents hand out; a person retyping
    # or copying a few lines is more common at the small end.
    if lines >= 40:
        return Evidence("size", 0.4, f"{lines} lines at once")
    if lines >= 15:
        return Evidence("size", 0.2, f"{lines} lines at once")
    return Evidence("size", 0.0, f"{lines} lines at once")


_FENCE = re.compile(r"^\s*(```|~~~)")
_PROSE_START = re.compile(
    r"^(here'?s|here is|here are|this (function|code|class|script|implementation|version|example)|"
    r"below is|the following|you can|to use (it|this)|let me|i'?ve|i have|sure[,!]|certainly|"
    r"key (changes|points|features)|explanation|usage|notes?:|example usage)\b",
    re.I,
)
_MD_STRUCTURE = re.compile(r"^\s*(#{1,4} \S|\d+\. \*\*|[-*] \*\*|\*\*[^*]+\*\*:?\s*$)")
_PLACEHOLDER = re.compile(
    r"(\.\.\.\s*(existing|rest of( the)?|other|previous|remaining) (code|implementation|methods|imports|logic)"
    r"|your[_ -](api[_ -]key|token|password|code|logic|implementation) here|<your[_ -][a-z_ -]+>"
    r"|(add|put|implement) your (own )?(code|logic|implementation) here"
    r"|(rest|remainder) of (the )?(code|file|implementation) (stays|remains|unchanged))",
    re.I,
)
_USAGE = re.compile(r"^\s*(#|//)\s*(example usage|usage example|usage:|example:)", re.I)
_CODE_PUNCT = re.compile(r"[(){}\[\]=;]")  # a signature or a statement, not a sentence
_COMMENT = re.compile(r"^\s*(#|//|/\*|\*|--)")


STYLE_WEIGHT = 1.2  # log-odds per unit of the model's own log-odds, for a block of full size
STYLE_FULL_LINES = 12  # below this many code lines the style says less, in proportion
STYLE_CAP = 3.0
STYLE_SAMPLE_LINES = 2000
DISK_HUMAN_DAMPING = 0.3


def code_only(text: str) -> str:
    """The code of a chat answer: fence lines and the prose around the code left out."""
    lines = text.splitlines()
    if any(_FENCE.match(ln) for ln in lines):
        kept, inside = [], False
        for ln in lines:
            if _FENCE.match(ln):
                inside = not inside
            elif inside:
                kept.append(ln)
        return "\n".join(kept)
    return "\n".join(ln for ln in lines if not (_PROSE_START.match(ln.strip()) or _MD_STRUCTURE.match(ln)))


def style_evidence(text: str, family: str, on_disk: bool = False) -> Evidence | None:
    """What the content model says of the code's style, weighted by how much code there is.
    For code another process wrote into the workspace, a human look counts for less: what
    writes source files there, besides git and the editor, is mostly an agent following the
    file's own style."""
    from .style import default_model

    model = default_model()
    if model is None:
        return None
    from .style import features

    code = code_only(text)
    lines = code.splitlines()
    n = sum(1 for ln in lines if ln.strip())
    if n < 3:
        return None
    if len(lines) > STYLE_SAMPLE_LINES:
        # Features are ratios: a sample of a huge insertion says as much, in bounded time.
        code = "\n".join(lines[:STYLE_SAMPLE_LINES])
    feats = features(code, family)
    p = model.probability_of(feats, family)
    if p is None:
        return None
    p = min(max(p, 1e-4), 1 - 1e-4)
    logit = math.log(p / (1 - p))
    weight = max(-STYLE_CAP, min(STYLE_CAP, STYLE_WEIGHT * logit * min(1.0, n / STYLE_FULL_LINES)))
    if on_disk and weight < 0:
        weight *= DISK_HUMAN_DAMPING
    top = ", ".join(name for name, _ in model.explain_features(feats, family, top=2))
    return Evidence("style", weight, f"content model: {p:.0%} AI-like ({family}; most telling: {top})")


def content_evidence(text: str) -> list[Evidence]:
    """Cheap, nearly certain signs in the text itself that it came from a chat answer."""
    out: list[Evidence] = []
    lines = text.splitlines()
    fences = sum(1 for ln in lines if _FENCE.match(ln))
    if fences:
        out.append(Evidence("markdown-fence", 2.5, f"{fences} markdown code fence line(s)"))
    prose = 0
    in_string = False
    for ln in lines:
        s = ln.strip()
        if s.count('"""') % 2 or s.count("'''") % 2:
            in_string = not in_string  # docstrings hold sentences that are not chat prose
            continue
        if not s or in_string or _COMMENT.match(ln):
            continue
        if ln[:1] in " \t":
            continue  # chat prose sits at the margin; indented text is code or its strings
        if _PROSE_START.match(s) or _MD_STRUCTURE.match(ln):
            prose += 1
        elif ln == s and len(s) > 60 and s.count(" ") >= 8 and s[-1:] in ".:" and not _CODE_PUNCT.search(s):
            # A long unindented sentence that ends like prose, not like code.
            prose += 1
    if prose:
        out.append(
            Evidence("chat-prose", min(3.0, 1.2 + 0.4 * prose), f"{prose} line(s) of chat prose around the code")
        )
    placeholders = sum(1 for ln in lines if _PLACEHOLDER.search(ln))
    if placeholders:
        out.append(Evidence("placeholder", 1.2, f"{placeholders} placeholder comment(s)"))
    if any(_USAGE.match(ln) for ln in lines):
        out.append(Evidence("usage-example", 0.8, "an 'example usage' section, as chat answers end"))
    return out
