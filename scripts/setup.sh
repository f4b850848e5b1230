#!/usr/bin/env bash
# Set everything up (a virtual environment in .venv with Provmark and its test tools)
# and run Provmark on the sample workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
echo "Provmark installed: $(.venv/bin/provmark --version)"
echo
.venv/bin/python samples/demo.py
