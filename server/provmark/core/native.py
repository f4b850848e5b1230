"""The optional passes written in C (core/_ngramc.c, _forestc.c, _stylec.c,
_segmentc.c), which scripts/compile.sh builds beside the modules they speed up. Each
gives what its Python module computes, to the bit; the Python stays the reference and
runs wherever the C is not built."""

from __future__ import annotations

import importlib
from typing import Any


def load(name: str) -> Any:
    """provmark.core.<name> where it is built, else None."""
    try:
        return importlib.import_module(f"provmark.core.{name}")
    except ImportError:
        return None
