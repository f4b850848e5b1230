"""Evidence read from the text itself: signs of a chat answer (fences, prose around the
code, placeholders) and the content model's view of the code's style. The weights live
in the evidence catalogue (evidence.py); this module only reads the text.
"""

from __future__ import annotations

import re

from provmark.core import evidence as ev
from provmark.core.evidence import Evidence

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


STYLE_SAMPLE_LINES = 2000


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
    """What the content model says of the code's style (nothing when it is too short to
    judge). For code another process wrote into the workspace, a human look counts for less: what
    writes source files there, besides git and the editor, is mostly an agent following the
    file's own style."""
    from provmark.core.style import default_model

    model = default_model()
    if model is None or not model.knows(family):
        return None  # no model, or a language it has never seen
    code = code_only(text)
    lines = code.splitlines()
    if len(lines) > STYLE_SAMPLE_LINES:
        # Features are ratios: a sample of a huge insertion says as much, in bounded time.
        code = "\n".join(lines[:STYLE_SAMPLE_LINES])
    if not model.judges(code):
        return None  # too short to judge: the model abstains rather than guess
    feats = model.feature_values(code, family)
    p = model.probability_of(feats, family)
    if p is None:
        return None
    top = ", ".join(name for name, _ in model.explain_features(feats, family, top=2))
    return ev.style(p, f"content model: {p:.0%} AI-like ({family}; most telling: {top})", on_disk)


def content_evidence(text: str) -> list[Evidence]:
    """Cheap, nearly certain signs in the text itself that it came from a chat answer."""
    out: list[Evidence] = []
    lines = text.splitlines()
    fences = sum(1 for ln in lines if _FENCE.match(ln))
    if fences:
        out.append(ev.fence(fences))
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
        out.append(ev.chat_prose(prose))
    placeholders = sum(1 for ln in lines if _PLACEHOLDER.search(ln))
    if placeholders:
        out.append(ev.placeholder(placeholders))
    if any(_USAGE.match(ln) for ln in lines):
        out.append(ev.usage_example())
    return out
