"""The scan's content analysis (`analyse`) of varied texts in every family, frozen in
tests/golden/analyse.json: its speed-ups must leave every block, probability and
explanation as it was (benchmarks/check_analyse_same.py checks the same over the
standard library and the AI corpora).

Regenerate with PROVMARK_UPDATE_GOLDEN=1 only for a change meant to move the scores,
and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import random

from test_style_fast import PIECES

from conftest import ROOT
from provmark.batch.scan import analyse
from support.samples import AI_BLOCK, handlers

GOLDEN = ROOT / "tests" / "golden" / "analyse.json"


def _texts() -> dict[str, tuple[str, str]]:
    """name -> (family, text): pieces strung together, with the line breaks, blank
    lines and characters that take other paths through the code (CRLF, a lone CR,
    U+2028, tabs, non-ASCII comments, a file cut inside a docstring)."""
    out: dict[str, tuple[str, str]] = {}
    for family, pieces in PIECES.items():
        rnd = random.Random(family)
        for k in range(3):
            text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(8, 40)))
            out[f"{family}-{k}"] = (family, text)
    human, ai = handlers(30), AI_BLOCK * 4
    out["python-human"] = ("python", human)
    out["python-ai"] = ("python", ai)
    out["python-crlf"] = ("python", ai.replace("\n", "\r\n"))
    out["python-lone-cr"] = ("python", human.replace("\n", "\r", 5))
    out["python-u2028"] = ("python", ai.replace("\n", "\u2028", 3))
    out["python-tabs"] = ("python", human.replace("    ", "\t"))
    out["python-cut-docstring"] = ("python", ai[ai.index('"""') + 3 :] + human)
    out["python-non-ascii"] = ("python", "# Créer la liste → triée ✓\n" + ai.replace("# ", "# é "))
    out["js-as-other"] = ("other", out["js-0"][1])
    out["empty"] = ("python", "")
    out["blank"] = ("go", "\n\n  \n")
    return out


def _analysed() -> dict[str, object]:
    # through JSON, as the scan's cache keeps it
    return {name: json.loads(json.dumps(analyse(text, family).to_json())) for name, (family, text) in _texts().items()}


def test_the_analysis_is_what_it_was() -> None:
    got = _analysed()
    if os.environ.get("PROVMARK_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert got.keys() == want.keys()
    for name in want:
        assert got[name] == want[name], name
