#!/usr/bin/env bash
# Optional: compile the content model's hot modules (core/forest, ngram, segment, style)
# with mypyc into C extensions beside their sources, and build core/_ngramc.c,
# _forestc.c, _stylec.c and _segmentc.c (the n-gram pass, the trees' walk, some of the
# per-line style facts, and the segmenter's lexers and line loop written in C, which
# ngram.py, forest.py, style.py and segment.py use when they import). Python imports an extension before
# the .py of the same name, so `provmark scan` and the server then run them compiled
# (the analysis about a third faster); the .py files stay the reference, and all works without
# this (the VS Code extension bundles pure Python). Needs gcc and Python's headers.
#
#   scripts/compile.sh          build the compiled core again (after any change to those modules)
#   scripts/compile.sh --clean  remove it: back to pure Python
#
# A compiled module older than its source is stale: the tests stop and say so, and the
# scan logs a warning (provmark.batch.compiled).
set -euo pipefail
cd "$(dirname "$0")/../server"
PY=${PYTHON:-../.venv/bin/python}
# Keep in step with provmark/batch/compiled.py's HOT.
MODULES=(provmark/core/forest.py provmark/core/ngram.py provmark/core/segment.py provmark/core/style.py)
rm -f provmark/core/*.so ./*__mypyc*.so
if [ "${1:-}" = "--clean" ]; then
  rm -rf build
  echo "compiled core removed: pure Python"
  exit 0
fi
# mypyc type-checks the modules as mypy does, then builds them in place (C sources and
# objects in server/build, git-ignored). From server/, so it finds the package as imported.
log=build/compile.log
mkdir -p build
if ! "$PY" -m mypyc "${MODULES[@]}" >"$log" 2>&1; then
  tail -n 30 "$log"
  echo "compile.sh: mypyc failed (log: server/$log)" >&2
  exit 1
fi
# The passes written in C (n-gram pass, trees' walk, identifier counts, lexers):
# plain gcc against this Python's headers (no floating-point contraction: their sums
# must be the .py files' to the bit; -O3 inlines the lexers' small tests: 3.5% fewer
# instructions in the whole analysis than -O2).
include=$("$PY" -c "import sysconfig; print(sysconfig.get_paths()['include'])")
suffix=$("$PY" -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
for name in _ngramc _forestc _stylec _segmentc; do  # (keep in step with provmark/batch/compiled.py's NATIVE)
  if ! ${CC:-gcc} -O3 -Wall -fPIC -shared -ffp-contract=off -I"$include" \
      -o "provmark/core/$name$suffix" "provmark/core/$name.c" >>"$log" 2>&1; then
    tail -n 30 "$log"
    echo "compile.sh: building provmark/core/$name.c failed (log: server/$log)" >&2
    exit 1
  fi
done
# Stamped now: the build copies keep the time of an unchanged shim, which stale_modules reads.
touch provmark/core/*.so ./*__mypyc*.so
"$PY" -c "import provmark.batch.compiled as c; m = c.compiled_modules(); print('compiled:', ', '.join(m)); assert len(m) == len(c.HOT) + len(c.NATIVE)"
