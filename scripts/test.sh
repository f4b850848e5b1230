#!/usr/bin/env bash
# Run every test: lint, unit tests, end-to-end tests over LSP, and the real-editor test
# (headless Neovim; skipped with a message when nvim is not installed).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || { python3 -m venv .venv; .venv/bin/python -m pip install -q -e ".[test]"; }
.venv/bin/ruff check server tests benchmarks samples
.venv/bin/ruff format --check server tests benchmarks samples
.venv/bin/python -m pytest -q "$@"
