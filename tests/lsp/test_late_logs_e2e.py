"""Tools that write their log after the file: an agent writes a file, its session log
appears 0.3 s later (a message saved when its stream ends) or 3 s later; the flag raised
before the log existed ends naming the tool, in its diagnostic and in its unreviewed
record, for every transcript reader. The logs are written by the readers' own fixture
writers, in each tool's on-disk format."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from provmark.sources.transcripts import READERS, Reader
from support.lsp_client import StdioClient
from support.workloads import serve_in_home

TOOLS = [r for r in READERS if type(r).fixture is not Reader.fixture]  # every reader with a fixture writer


def agent_code(tool: str) -> str:
    name = tool.replace("-", "_")
    return "".join(
        f"def {name}_step_{i}(records: list[dict]) -> list[dict]:\n"
        f"    return [normalise(r, field='f{i}', strict=True) for r in records]\n\n"
        for i in range(8)
    )


def start(tmp_path: Path) -> tuple[StdioClient, Path, Path]:
    # .aider* ignored as aider itself sets up.
    return serve_in_home(tmp_path, {"app.py": "def main():\n    return 0\n", ".gitignore": ".aider*\n"})


def flag_of(c: StdioClient, uri: str) -> dict | None:
    with c._lock:
        found = [d for d in c.diagnostics.get(uri, []) if d.get("code") == "agent-write"]
    return found[0] if found else None


@pytest.mark.parametrize("late_s", [0.3, 3.0])
def test_a_log_written_after_the_file_names_the_tool(tmp_path: Path, late_s: float) -> None:
    assert {r.tool for r in TOOLS} >= {"claude-code", "codex", "gemini-cli", "aider"}
    c, ws, home = start(tmp_path)
    try:
        files = {r.tool: ws / f"{r.tool.replace('-', '_')}_helpers.py" for r in TOOLS}
        for tool, path in files.items():
            path.write_text(agent_code(tool))  # the agent's write: no log yet

        def log_later() -> None:
            time.sleep(late_s)
            for i, reader in enumerate(TOOLS):
                reader.fixture(home, ws, f"late-{i}-{reader.tool}", [(files[reader.tool], agent_code(reader.tool))])

        writer = threading.Thread(target=log_later)
        writer.start()
        uris = {tool: p.as_uri() for tool, p in files.items()}
        # Judged before the log came: flagged, no tool.
        assert c.wait(lambda: all(flag_of(c, u) for u in uris.values()), timeout=10), c.diagnostics

        def named() -> dict[str, str | None]:
            return {t: (flag_of(c, u) or {}).get("data", {}).get("tool") for t, u in uris.items()}

        if late_s >= 3.0:
            assert named() == dict.fromkeys(uris), named()  # judged before any log came
        writer.join()
        assert c.wait(lambda: named() == {t: t for t in uris}, timeout=late_s + 15), named()
        for tool, uri in uris.items():
            d = flag_of(c, uri)
            assert d is not None and d["code"] == "agent-write" and d["severity"] == 2, d
            assert "transcript-match" in json.dumps(d["data"]["evidence"]), d
            assert tool == "aider" or str(d["data"].get("session")).startswith("late-"), (tool, d["data"])
            assert "normalise" not in json.dumps(d)  # no log or source text in diagnostics
        # The unreviewed records say the same.
        deadline = time.monotonic() + 10
        while True:
            tools = {}
            for tool, path in files.items():
                side = ws / ".provmark" / (path.name + ".json")
                recs = json.loads(side.read_text())["records"] if side.exists() else []
                tools[tool] = [r["origin"]["tool"] for r in recs if r.get("status") == "unreviewed"]
            if all(v == [t] for t, v in tools.items()) or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert all(v == [t] for t, v in tools.items()), tools
    finally:
        assert c.close() == 0
