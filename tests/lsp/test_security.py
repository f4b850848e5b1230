"""What a hostile workspace cannot make Provmark do."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def extension_boot(argv: list[str]) -> str:
    """The -c program the VS Code extension starts the server with, read from bootCode in
    its source (its literal head, then the template with `argv` in place)."""
    src = (ROOT / "client-vscode" / "src" / "pure" / "interpreter.ts").read_text(encoding="utf-8")
    m = re.search(r"function bootCode\(.*?\{(.*?)\n\}", src, re.S)
    assert m, "bootCode not found"
    body = m.group(1)
    head = re.search(r'return "([^"]*)"', body)
    tail = re.search(r"`(from provmark[^`]*)`", body)
    assert head and tail, "bootCode's shape changed: update this test"
    return head.group(1) + tail.group(1).replace("${JSON.stringify(argv)}", json.dumps(argv))


def test_the_extensions_server_start_ignores_modules_in_the_workspace(tmp_path: Path) -> None:
    # A repository with its own json.py and provmark/ package at the top: `python -m
    # provmark` run there would import them; the extension's start must not.
    (tmp_path / "json.py").write_text("raise SystemExit('workspace code ran')\n")
    (tmp_path / "provmark").mkdir()
    (tmp_path / "provmark" / "__init__.py").write_text("raise SystemExit('workspace code ran')\n")
    boot = extension_boot(["--version"])
    done = subprocess.run([sys.executable, "-c", boot], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "workspace code ran" not in done.stdout + done.stderr
    assert done.stdout.startswith("provmark ")
    # The console script is safe too (its folder, not the workspace, leads sys.path).
    script = Path(sys.executable).parent / "provmark"
    done = subprocess.run([str(script), "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("provmark ")


AI_CODE = '''def secret_marker_function_q7x(values: list[int]) -> int:
    """Return the sum of the values, ignoring negative ones."""
    # Only positive values count towards the total.
    total = sum(value for value in values if value > 0)
    print(f"Computed total: {total}")
    return total
'''


def test_symlinks_out_of_the_workspace_are_never_followed(tmp_path: Path) -> None:
    from provmark.batch.scan import scan, walk
    from provmark.sources.workspace_index import WorkspaceIndex

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text(AI_CODE)
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "own.py").write_text("x = 1\n")
    (ws / "link.py").symlink_to(outside / "secret.py")
    (ws / "linkdir").symlink_to(outside, target_is_directory=True)
    assert [rel for rel, _ in walk(ws)] == ["own.py"]
    assert [f.path for f in scan(ws, jobs=1, use_cache=False, git=False).files] == ["own.py"]
    index = WorkspaceIndex(ws)
    index.build()
    assert index.candidates(["return total"])[0] == 0.0


def test_no_sidecar_path_escapes_the_root(tmp_path: Path) -> None:
    import pytest

    from provmark.sources import sidecar

    for rel in ("../x.py", "/etc/passwd", "a/../../x.py", ".provmark/x.py", ""):
        with pytest.raises(sidecar.SidecarError):
            sidecar.sidecar_path(tmp_path, rel)
    # A sidecar that is itself a symlink out of the root is not read.
    (tmp_path / "elsewhere.json").write_text('{"schema": "provmark/1", "records": []}')
    (tmp_path / "ws" / ".provmark").mkdir(parents=True)
    (tmp_path / "ws" / ".provmark" / "a.py.json").symlink_to(tmp_path / "elsewhere.json")
    with pytest.raises(sidecar.SidecarError):
        sidecar.load(tmp_path / "ws", "a.py")


def test_a_hostile_repository_config_runs_no_program(tmp_path: Path) -> None:
    """git reads the repository's own config; core.fsmonitor and filter drivers in it name
    programs git would run. Provmark's git calls (scan, blame, export) must run none."""
    import json as _json

    from support.workloads import git

    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "a.py").write_text(AI_CODE)
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "init\n\nCo-Authored-By: Claude <noreply@anthropic.com>")
    marker = tmp_path / "ran"
    hook = tmp_path / "hook.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    git(ws, "config", "core.fsmonitor", str(hook))
    # A filter driver too: git blame and git status run `clean` on working-tree files.
    (ws / ".gitattributes").write_text("*.py filter=evil\n")
    git(ws, "config", "filter.evil.clean", f"sh -c 'touch {marker}; cat'")
    (ws / "a.py").write_text(AI_CODE + "\n# changed\n")
    script = Path(sys.executable).parent / "provmark"
    for args in (["scan", str(ws), "--no-cache"], ["export", "--agent-trace", str(ws)], ["manifest", str(ws)]):
        subprocess.run([str(script), *args], capture_output=True, timeout=120)
    assert not marker.exists()
    # Sanity: git itself would have run it.
    subprocess.run(["git", "status"], cwd=ws, capture_output=True, timeout=60)
    assert marker.exists(), _json.dumps("the hook should run for plain git status")


def test_source_and_transcript_text_never_reach_sidecars_caches_or_logs(tmp_path: Path) -> None:
    import os
    import time

    from support.lsp_client import StdioClient
    from support.workloads import claude_writes

    ws, home = tmp_path / "ws", tmp_path / "home"
    ws.mkdir()
    home.mkdir()
    (ws / "app.py").write_text("import os\n\n")
    transcript_only = "transcript_only_marker_k3v"
    content = AI_CODE.replace("secret_marker_function_q7x", transcript_only)
    claude_writes(ws, home, "gen.py", content)
    stderr = tmp_path / "server.log"
    env = {**os.environ, "HOME": str(home), "PROVMARK_LOG": "DEBUG", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    script = Path(sys.executable).parent / "provmark"
    log_file = stderr.open("w")
    c = StdioClient([str(script), "serve"], cwd=str(ws), env=env, stderr=log_file)
    try:
        c.initialize(ws.as_uri())
        uri = (ws / "app.py").as_uri()
        c.open(uri, "import os\n\n")
        c.insert(uri, 2, 2, 0, AI_CODE)
        assert c.wait(lambda: any(d["severity"] == 2 for d in c.diagnostics.get(uri, [])), timeout=10)
        c.request(
            "workspace/executeCommand",
            {
                "command": "provmark.tag",
                "arguments": [
                    {"uri": uri, "range": {"start": {"line": 2, "character": 0}, "end": {"line": 8, "character": 0}}}
                ],
            },
        )
        (ws / "gen.py").write_text(content)  # the agent's write, which the transcript holds
        time.sleep(1.5)
        c.request("workspace/executeCommand", {"command": "provmark.scanWorkspace", "arguments": []})
    finally:
        c.close()
        log_file.close()
    subprocess.run(
        [str(script), "scan", str(ws), "--format", "sarif", "-o", str(tmp_path / "r.sarif")],
        env=env,
        capture_output=True,
        timeout=120,
    )
    strict = [p for p in (ws / ".provmark").rglob("*") if p.is_file()] + [stderr]
    # The scan's cache and reports name definitions (paths, lines, names: no code).
    reports = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] + [tmp_path / "r.sarif"]
    assert len(strict) >= 2 and len(reports) >= 2 and stderr.stat().st_size > 0  # the DEBUG log has lines
    body = ("Computed total", "ignoring negative", "value > 0", "Only positive values")
    for path in strict + reports:
        data = path.read_text(errors="replace")
        markers = body if path in reports else (*body, "secret_marker_function_q7x", transcript_only)
        for marker in markers:
            assert marker not in data, f"{marker} found in {path}"


def test_no_setting_names_a_program_and_the_extension_keeps_the_interpreter_to_the_machine() -> None:
    import json as _json
    from dataclasses import fields

    from provmark.settings import Settings

    # Server settings (pyproject, .provmark/config.toml, the client): numbers, flags, globs
    # and tool names; none is a command or a path to run.
    assert {f.type for f in fields(Settings)} <= {"float", "int", "bool", "tuple[str, ...]"}
    pkg = _json.loads((ROOT / "client-vscode" / "package.json").read_text(encoding="utf-8"))
    interp = pkg["contributes"]["configuration"]["properties"]["provmark.interpreter"]
    assert interp["scope"] == "machine"  # not settable from a workspace's .vscode/settings.json
    assert "provmark.interpreter" in pkg["capabilities"]["untrustedWorkspaces"]["restrictedConfigurations"]
