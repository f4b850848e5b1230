"""Whether the content model's hot modules run compiled. `scripts/compile.sh` builds
them with mypyc into C extensions beside their sources, which Python imports before the
.py files; optional, and the same results either way (the .py files are the reference).
"""

from __future__ import annotations

import importlib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

# The modules scripts/compile.sh compiles (keep the two in step).
HOT = ("forest", "ngram", "segment", "style")
_CORE = Path(__file__).resolve().parent.parent / "core"


def compiled_modules() -> list[str]:
    """The hot modules imported from a compiled extension (importing them if need be)."""
    out = []
    for name in HOT:
        module = importlib.import_module(f"provmark.core.{name}")
        if str(module.__file__).endswith(tuple(EXTENSION_SUFFIXES)):
            out.append(name)
    return out


def stale_modules() -> list[str]:
    """The hot modules whose compiled extension is older than their source: a build from
    before an edit, which Python would run in place of the edited code."""
    out = []
    for name in HOT:
        source = _CORE / f"{name}.py"
        built = [_CORE / f"{name}{suffix}" for suffix in EXTENSION_SUFFIXES]
        if any(b.exists() and b.stat().st_mtime < source.stat().st_mtime for b in built):
            out.append(name)
    return out
