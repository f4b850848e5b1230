"""The content model's shipped file (data/style-model.json): what can be read from it
without loading the model itself. A rescan with nothing to analyse needs only the
warning thresholds, and loading the model's code and tables cost it a fifth of its time."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

MODEL_FILE = "data/style-model.json"  # in the provmark package


def read_shipped() -> str:
    """The shipped model file's text (OSError if it is missing)."""
    return resources.files("provmark").joinpath(MODEL_FILE).read_text(encoding="utf-8")


def scan_thresholds(data: Any) -> dict[str, float] | None:
    """The probabilities from which a scan warns on style alone, for a block and for a
    whole file, as a model file states them (None: it states none). ValueError,
    KeyError or TypeError when they are malformed or out of range."""
    given = data.get("scan_threshold")
    threshold = None if given is None else {k: float(given[k]) for k in ("block", "file")}
    if threshold is not None and not all(0.5 <= v < 1.0 for v in threshold.values()):
        raise ValueError("scan_threshold out of range")
    return threshold


@lru_cache(maxsize=1)
def shipped_thresholds() -> dict[str, float] | None:
    """scan_thresholds of the shipped model file (None: it states none, or it cannot be
    read: the model is missing too)."""
    try:
        return scan_thresholds(json.loads(read_shipped()))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
