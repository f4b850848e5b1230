#!/usr/bin/env bash
# Run every test: lint, unit tests, end-to-end tests over LSP, and the real-editor test
# (headless Neovim; skipped with a message when nvim is not installed), and the VS Code
# extension in code-server when PROVMARK_E2E_DIR is set (client-vscode/e2e/install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || { python3 -m venv .venv; .venv/bin/python -m pip install -q -e ".[test,train]"; }
.venv/bin/ruff check server tests benchmarks samples training
.venv/bin/ruff format --check server tests benchmarks samples training
.venv/bin/mypy  # the type check, configured in pyproject.toml: zero errors
if command -v npm >/dev/null 2>&1; then
  # The VS Code extension: type check, unit tests of its pure logic, bundle.
  (cd client-vscode && npm ci --no-audit --no-fund --silent && npm run -s typecheck && npm run -s lint && npm run -s test:unit \
    && npm run -s build)
else
  echo "npm not found: the VS Code extension's checks are skipped (apt-get install nodejs npm)"
fi
.venv/bin/python -m pytest -q -rs "$@"  # -rs: name each skipped test and why
