"""Whether the content model's hot modules run compiled. `scripts/compile.sh` builds
them with mypyc into C extensions beside their sources, which Python imports before the
.py files, and builds the n-gram pass, the trees' walk, the identifier counts and the
segmenter's lexers written in C (core/_ngramc.c, _forestc.c, _stylec.c, _segmentc.c),
which core/ngram.py, forest.py, style.py and segment.py use when they import; optional,
and the same results either way (the .py files are the reference)."""

from __future__ import annotations

import importlib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

# The modules scripts/compile.sh compiles (keep the two in step).
HOT = ("forest", "ngram", "segment", "style")
# Written in C (core/<name>.c), with no .py of the same name.
NATIVE = ("_ngramc", "_forestc", "_stylec", "_segmentc")
_CORE = Path(__file__).resolve().parent.parent / "core"


def compiled_modules() -> list[str]:
    """The hot modules imported from a compiled extension (importing them if need be)."""
    out = []
    for name in HOT:
        module = importlib.import_module(f"provmark.core.{name}")
        if str(module.__file__).endswith(tuple(EXTENSION_SUFFIXES)):
            out.append(name)
    for name in NATIVE:
        try:
            importlib.import_module(f"provmark.core.{name}")
        except ImportError:
            continue
        out.append(name)
    return out


def stale_modules() -> list[str]:
    """The hot modules whose compiled extension is older than their source: a build from
    before an edit, which Python would run in place of the edited code."""
    out = []
    for name in (*HOT, *NATIVE):
        source = _CORE / (f"{name}.c" if name in NATIVE else f"{name}.py")
        built = [_CORE / f"{name}{suffix}" for suffix in EXTENSION_SUFFIXES]
        if any(b.exists() and b.stat().st_mtime < source.stat().st_mtime for b in built):
            out.append(name)
    return out
